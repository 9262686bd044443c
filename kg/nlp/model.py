"""Where the pkuseg segmentation model lives: ``model_dir``, and ``require_model`` that says how to
install it when it is missing (``kg.nlp.install`` puts it there). Standard library only: a build
checks for the model before it starts its workers."""
from __future__ import annotations

import os
from pathlib import Path

from ..cache import cache_dir
from ..errors import ModelMissingError

#: what a model folder holds
MODEL_FILES = ("features.pkl", "weights.npz")


def model_dir() -> Path:
    """The pkuseg model folder: ``$KG_PKUSEG_MODEL`` or ``~/.cache/kg/pkuseg/default``."""
    env = os.environ.get("KG_PKUSEG_MODEL")
    if env:
        return Path(env)
    return cache_dir() / "pkuseg" / "default"


def require_model() -> Path:
    """Return the model folder, or raise an error that says how to install it."""
    path = model_dir()
    if not all((path / name).is_file() for name in MODEL_FILES):
        raise ModelMissingError(
            f"pkuseg model not found in {path}: run `make demo` or `python -m kg.nlp.install` "
            "(or point KG_PKUSEG_MODEL at a folder holding features.pkl and weights.npz)"
        )
    return path
