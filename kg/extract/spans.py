"""Where a sentence or a clause begins and ends, the one way the recognisers and relation rules
cut text; and a name without its quotation marks."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

#: what ends a sentence, and what ends a clause (a sentence's marks and the pauses within it)
SENTENCE = "。！？；\n"
CLAUSE = "，。；：！？\n"
_QUOTES = re.compile(r"[“”‘’〈〉\s]")
#: a demonstrative or a count of people before one described by a post or a place (这位, 一名, 那位):
#: which one, no part of the name after it
ONE_OF = re.compile(r"[这那每一][位名个]")


@lru_cache(maxsize=8)
def _marks_in(text: str, marks: str) -> list[int]:
    """Where ``marks`` stand in ``text``, in order: found once per article, then looked up by
    bisection (the rules ask for the sentence or clause of a position thousands of times)."""
    return [m.start() for m in re.finditer(f"[{re.escape(marks)}]", text)]


def start_of(text: str, pos: int, marks: str) -> int:
    """Where the piece of ``text`` holding ``pos`` begins: just after the last of ``marks`` before it."""
    found = _marks_in(text, marks)
    i = bisect_left(found, pos)
    return found[i - 1] + 1 if i else 0


def span_of(text: str, pos: int, marks: str) -> tuple[int, int]:
    """The piece of ``text`` holding ``pos``, from after the last of ``marks`` before it to the next
    one (not included), or the end."""
    found = _marks_in(text, marks)
    i = bisect_left(found, pos)
    return (found[i - 1] + 1 if i else 0), (found[i] if i < len(found) else len(text))


def unquoted(name: str) -> str:
    """A name without quotation marks, inner title marks and white space (“五比亮剑”行动 -> 五比亮剑行动,
    甘肃省实施〈中国共产党问责条例〉办法 -> 甘肃省实施中国共产党问责条例办法)."""
    return _QUOTES.sub("", name)
