"""How set-up installs the pkuseg segmentation model (``python -m kg.nlp.install``).

spacy-pkuseg ships no model and would download one at run time, which cannot work
offline. The ``pkuseg==0.0.25`` source distribution on the package index carries the
pretrained ``default`` model; set-up (``python -m kg.nlp.install``, run by
``make demo``) fetches that sdist with pip and unpacks the model folder once into a
cache directory (``kg.nlp.model``), then compiles it for ``kg.nlp.segmenter``. At run
time kg only reads that folder.

The model's ``features.pkl`` holds a list of 1.1 million word bigrams that spacy-pkuseg uses
only to train: segmenting looks features up in ``feature_to_idx`` and the ``unigram`` set.
Set-up empties that list (``compact``), so every load by spacy-pkuseg (and ``kg.nlp.segmenter``'s
compiling, which set-up then runs) unpickles a third fewer strings, in less time and memory, and
segments exactly as before.
"""
from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..atomic import write_atomic
from .model import MODEL_FILES, model_dir
from .segmenter import load

PKUSEG_SDIST = "pkuseg==0.0.25"
_MEMBER_DIR = "pkuseg/models/default/"
#: written into the model folder once ``compact`` has emptied the training-only bigram list
_COMPACTED = ".kg-compacted"


def install(target: Path | None = None) -> Path:
    """Download the pkuseg sdist with pip and unpack its ``default`` model into ``target``, compacted;
    a model already there is compacted if it is not yet."""
    target = target or model_dir()
    if all((target / name).is_file() for name in MODEL_FILES):
        if not (target / _COMPACTED).is_file():
            compact(target)
        return target
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-build-isolation",
             "--no-binary", ":all:", PKUSEG_SDIST, "-d", tmp],
            check=True,
        )
        sdist = next(Path(tmp).glob("pkuseg-*.tar.gz"))
        staging = Path(tmp) / "model"
        staging.mkdir()
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                name = member.name.split("/", 1)[-1]
                if member.isfile() and name.startswith(_MEMBER_DIR) and name.rsplit("/", 1)[-1] in MODEL_FILES:
                    with tar.extractfile(member) as src, open(staging / Path(name).name, "wb") as dst:
                        shutil.copyfileobj(src, dst)
        compact(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staging), target)
    return target


def compact(folder: Path) -> None:
    """Empty the bigram list of ``folder/features.pkl`` (read only in training), in place."""
    features = folder / "features.pkl"
    with open(features, "rb") as fh:
        data = pickle.load(fh)
    if data.get("bigram"):
        data["bigram"] = []
        write_atomic(features, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    (folder / _COMPACTED).touch()


if __name__ == "__main__":
    if sys.argv[1:]:
        sys.exit("usage: python -m kg.nlp.install")
    print(f"pkuseg model in {install()}")
    load()  # compiled now, once, rather than by the first build
