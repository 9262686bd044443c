"""Where the pkuseg segmentation model lives, and how set-up installs it.

spacy-pkuseg ships no model and would download one at run time, which cannot work
offline. The ``pkuseg==0.0.25`` source distribution on the package index carries the
pretrained ``default`` model; set-up (``python -m kg.nlp.install``, run by
``make demo``) fetches that sdist with pip and unpacks the model folder once into a
cache directory. At run time kg only reads that folder.

The model's ``features.pkl`` holds a list of 1.1 million word bigrams that spacy-pkuseg uses
only to train: segmenting looks features up in ``feature_to_idx`` and the ``unigram`` set.
Set-up empties that list (``compact``), so every load by spacy-pkuseg (and ``kg.nlp.segmenter``'s
compiling, which set-up then runs) unpickles a third fewer strings (about a second less, 146 MB
less memory) and segments exactly as before.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..atomic import write_atomic
from ..errors import ModelMissingError

PKUSEG_SDIST = "pkuseg==0.0.25"
_MODEL_FILES = ("features.pkl", "weights.npz")
_MEMBER_DIR = "pkuseg/models/default/"
#: written into the model folder once ``compact`` has emptied the training-only bigram list
_COMPACTED = ".kg-compacted"


def model_dir() -> Path:
    """The pkuseg model folder: ``$KG_PKUSEG_MODEL`` or ``~/.cache/kg/pkuseg/default``."""
    env = os.environ.get("KG_PKUSEG_MODEL")
    if env:
        return Path(env)
    return cache_dir() / "pkuseg" / "default"


def cache_dir() -> Path:
    """kg's cache folder: ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def compiled_path(kind: str, sources: Iterable[Path], suffix: str) -> Path:
    """Where kg keeps what it compiled from ``sources`` (data files, and the module compiling them):
    ``cache_dir()/kind/STAMP.suffix``, the stamp changing with any source's size or time."""
    stamp = hashlib.sha1()
    for path in sources:
        info = path.stat()
        stamp.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return cache_dir() / kind / f"{stamp.hexdigest()[:16]}{suffix}"


def save_compiled(files: dict[Path, bytes]) -> None:
    """Write compiled files (of one stamp, in one folder), each atomically and in order, and remove
    those of other stamps (compiled from other sources); in a read-only cache, nothing."""
    try:
        for path, data in files.items():
            write_atomic(path, data)
        first = next(iter(files))
        for old in first.parent.iterdir():
            if old.stem != first.stem and not old.name.startswith("."):  # "." : another process's temporary file
                old.unlink()
    except OSError:
        pass


def require_model() -> Path:
    """Return the model folder, or raise an error that says how to install it."""
    path = model_dir()
    if not all((path / name).is_file() for name in _MODEL_FILES):
        raise ModelMissingError(
            f"pkuseg model not found in {path}: run `make demo` or `python -m kg.nlp.install` "
            "(or point KG_PKUSEG_MODEL at a folder holding features.pkl and weights.npz)"
        )
    return path


def install(target: Path | None = None) -> Path:
    """Download the pkuseg sdist with pip and unpack its ``default`` model into ``target``, compacted;
    a model already there is compacted if it is not yet."""
    target = target or model_dir()
    if all((target / name).is_file() for name in _MODEL_FILES):
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
                if member.isfile() and name.startswith(_MEMBER_DIR) and name.rsplit("/", 1)[-1] in _MODEL_FILES:
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
    from .segmenter import load  # compiled now, once, rather than by the first build

    load()
