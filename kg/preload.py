"""Imported once by the forkserver of ``kg build --jobs N``: the pipeline and the gazetteer are
loaded there, before any worker is forked from it, so each worker starts with them loaded
(sharing the server's memory pages) instead of loading its own copy."""
from . import gazetteer
from .nlp import load

load()
gazetteer.load()
