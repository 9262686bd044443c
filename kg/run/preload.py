"""Imported once by the forkserver of ``kg build --jobs N``: the worker code is imported and the
pipeline and the gazetteer are loaded there, before any worker is forked from it, so each worker
starts with them ready (sharing the server's memory pages) instead of loading its own copy."""
from . import build  # noqa: F401  (the code the workers run)
from ..extract import gazetteer
from ..nlp.pipeline import load

load()
gazetteer.load()
