"""Where a sentence or a clause begins and ends, the one way the recognisers and relation rules
cut text; and a name without its quotation marks."""
from __future__ import annotations

import re

#: what ends a sentence, and what ends a clause (a sentence's marks and the pauses within it)
SENTENCE = "。！？；\n"
CLAUSE = "，。；：！？\n"
_QUOTES = re.compile(r"[“”‘’\s]")


def start_of(text: str, pos: int, marks: str) -> int:
    """Where the piece of ``text`` holding ``pos`` begins: just after the last of ``marks`` before it."""
    return max(text.rfind(c, 0, pos) for c in marks) + 1


def span_of(text: str, pos: int, marks: str) -> tuple[int, int]:
    """The piece of ``text`` holding ``pos``, from after the last of ``marks`` before it to the next
    one (not included), or the end."""
    ends = [i for i in (text.find(c, pos) for c in marks) if i >= 0]
    return start_of(text, pos, marks), min(ends) if ends else len(text)


def unquoted(name: str) -> str:
    """A name without quotation marks and white space (“五比亮剑”行动 -> 五比亮剑行动)."""
    return _QUOTES.sub("", name)
