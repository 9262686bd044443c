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


def trie(entries) -> str:
    """A regex matching any of ``entries``, the longest first where several match at a position
    (as an alternation of them longest first would), written as a trie (招商|招聘 -> 招(?:商|聘)):
    Python's ``re`` tries every branch of a plain alternation at each position of the text, and
    lexicons of hundreds of words made that the recognisers' largest cost."""
    root: dict = {}
    for entry in entries:
        node = root
        for ch in entry:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    pattern = emit(root)
    return f"(?:{pattern})" if pattern else "(?!)"


@cache
def alternation(name: str) -> str:
    """A regex matching any entry of a lexicon, longest entries first."""
    return trie(words(name))


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
