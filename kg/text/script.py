"""Traditional -> Simplified script, character for character (OpenCC ``t2s``).

Its own module, below ``decode`` (which scores decodings by their Simplified characters),
``clean``, and the stages after them that name things in Simplified (``kg.graph.rdf``,
``kg.view``).
"""
from __future__ import annotations

from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, character for character (length preserved)."""
    out = _t2s().convert(text)
    if len(out) != len(text):  # OpenCC replaced a phrase by one of another length: go char by char
        convert = _t2s().convert
        out = "".join(convert(ch) if len(convert(ch)) == 1 else ch for ch in text)
    return out
