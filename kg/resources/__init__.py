"""kg's data: lexicons, word lists and patterns (``*.txt``), the HTML view's assets (``viz/``).

This module loads the lexicons, once per process; it imports nothing of kg, so any stage
may use it.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of ``resources/NAME.txt`` (whitespace separated, ``#`` comments), longest first."""
    text = resources.files("kg").joinpath(f"resources/{name}.txt").read_text(encoding="utf-8")
    entries = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return tuple(sorted(entries, key=lambda w: (-len(w), w)))


@cache
def alternation(name: str) -> str:
    """A regex alternation of a lexicon, longest entries first."""
    return "|".join(map(re.escape, words(name)))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """``resources/NAME.txt`` as ``KEY<TAB>word word ...`` rows; words longest first."""
    text = resources.files("kg").joinpath(f"resources/{name}.txt").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, rest = line.split("\t", 1)
            out.setdefault(key, set()).update(rest.split())
    return {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in out.items()}
