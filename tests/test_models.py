"""The segmentation model as set-up leaves it: compacted, and still segmenting as before."""
from __future__ import annotations

import pickle
from pathlib import Path

from spacy.language import Language

from kg.nlp.install import compact, install
from kg.nlp.model import require_model


def _features(folder: Path, bigram: list[str]) -> dict:
    data = {"unigram": ["黄岩", "干部"], "bigram": bigram, "feature_to_idx": {"c.黄": 0, "w1.干部": 1},
            "tag_to_idx": {"B": 0, "I": 1}}
    with open(folder / "features.pkl", "wb") as fh:
        pickle.dump(data, fh)
    return data


def _read(folder: Path) -> dict:
    with open(folder / "features.pkl", "rb") as fh:
        return pickle.load(fh)


def test_compact_empties_only_the_bigram_list(tmp_path: Path) -> None:
    data = _features(tmp_path, ["黄岩*干部", "干部*队伍"])
    compact(tmp_path)
    assert _read(tmp_path) == {**data, "bigram": []}
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_install_compacts_a_model_unpacked_before(tmp_path: Path) -> None:
    data = _features(tmp_path, ["黄岩*干部"])
    (tmp_path / "weights.npz").write_bytes(b"weights")
    assert install(tmp_path) == tmp_path  # no download: the files are there
    assert _read(tmp_path) == {**data, "bigram": []}
    assert (tmp_path / "weights.npz").read_bytes() == b"weights"


def test_the_pipeline_segments_as_the_full_model(nlp: Language) -> None:
    assert _read(require_model())["bigram"] == []
    # as the full model segments it (given names split off: the recognisers join them again)
    assert [t.text for t in nlp.make_doc("黄岩区委书记徐淼出席会议。")] == ["黄岩", "区委", "书记", "徐", "淼", "出席", "会议", "。"]


def test_compiled_copies_of_other_checkouts_survive_a_write(tmp_path: Path) -> None:
    """Several checkouts each compile their own stamp; writing one keeps the newest others."""
    import os

    from kg.cache import save_compiled
    folder = tmp_path / "kg" / "segmenter"
    folder.mkdir(parents=True)
    for age, stamp in enumerate(["a", "b", "c", "d", "e"]):
        (folder / f"{stamp}.npy").write_bytes(b"x")
        os.utime(folder / f"{stamp}.npy", (1000 - age, 1000 - age))
    save_compiled({folder / "new.npy": b"y", folder / "new.pickle": b"z"})
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == ["a.npy", "b.npy", "c.npy", "new.npy", "new.pickle"]  # the 4 newest stamps
