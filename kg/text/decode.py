"""Bytes of a scraped file -> text, with the encoding it was in.

The evidence is taken in this order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. strict UTF-8 (non-ASCII text that decodes as UTF-8 is UTF-8);
3. the charset an HTML page declares, if it decodes the bytes cleanly;
4. the encodings charset-normalizer finds to decode the bytes cleanly, limited to
   those Chinese text comes in (GB18030 ⊃ GBK ⊃ GB2312, Big5-HKSCS, UTF-16/32),
   and UTF-8, GB18030 and Big5-HKSCS with U+FFFD for their undecodable bytes: the
   decoding with the most common Chinese characters wins (a wrong codec gives rare
   ones; short texts decode cleanly in several codecs), each bad byte costing,
   then the one with least chaos. It is kept if at most 1% of its bytes are bad
   and half its Chinese characters are common ones; otherwise the file is too
   damaged to use.
"""
from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from functools import cache

from charset_normalizer import from_bytes

from ..errors import InputError
from .script import to_simplified

#: what charset-normalizer may propose (it tries every codec it knows otherwise: cp949, shift_jis ...)
CANDIDATES = ("utf_8", "gb18030", "big5hkscs", "utf_16", "utf_32")
#: the encodings a damaged file is tried in, best guess first
_LENIENT = ("utf-8", "gb18030", "big5hkscs")
#: undecodable bytes a usable file may have: 1% of its bytes, at least one broken character
_MAX_BAD_SHARE = 0.01
_MIN_BAD_ALLOWED = 3
#: share of common characters below which a decoding is not Chinese text (right ones score 0.9-1.0)
_MIN_COMMON = 0.5
#: byte-order marks, the codec of the bytes after them and the name recorded (UTF-32 LE first: its BOM
#: starts like UTF-16 LE's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
         (codecs.BOM_UTF8, "utf-8", "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))
_CJK = re.compile(r"[\u3400-\u9fff]")
_SAMPLE = 20_000  # characters scored for commonness


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text of a file; ``bad_bytes`` undecodable bytes became U+FFFD, the first at byte ``first_bad``."""

    text: str
    encoding: str
    bad_bytes: int = 0
    first_bad: int | None = None

    def note(self) -> str | None:
        """One line for the build log when bytes were replaced, else None."""
        if not self.bad_bytes:
            return None
        return (f"{self.bad_bytes} undecodable byte{'s' if self.bad_bytes > 1 else ''} in {self.encoding} "
                f"replaced by U+FFFD, the first at byte offset {self.first_bad}")


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` (``declared``: a charset the file itself names); InputError if it is too damaged."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _lenient(data, codec, len(bom), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and (codec := _codec(declared)):
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    guesses = [(Decoded(str(m), codec), m.chaos) for m in from_bytes(data, cp_isolation=list(CANDIDATES))
               if (codec := _codec(m.encoding))]
    cleanly = {d.encoding for d, _ in guesses}
    guesses += [(_lenient(data, codec), 1.0) for codec in _LENIENT if codec not in cleanly]
    scored = [(round(common_share(d.text) - 20 * d.bad_bytes / len(data), 2), -chaos, d) for d, chaos in guesses]
    score, _, best = max(scored, key=lambda s: s[:2])
    if best.bad_bytes > max(_MIN_BAD_ALLOWED, _MAX_BAD_SHARE * len(data)):
        raise InputError(f"{best.bad_bytes} of {len(data)} bytes are undecodable even in the closest encoding "
                         f"({best.encoding}, first bad byte at offset {best.first_bad}); too damaged to use, skipped")
    if score < _MIN_COMMON:
        raise InputError(f"no encoding gives readable Chinese (closest: {best.encoding}, "
                         f"{common_share(best.text):.0%} common characters); too damaged to use, skipped")
    return best


def _codec(name: str) -> str | None:
    """Python's name for a charset label; GB2312 and GBK are read as their superset GB18030."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}.get(codec, codec)


def _lenient(data: bytes, codec: str, skip: int = 0, name: str | None = None) -> Decoded:
    """Decode ``data[skip:]`` with U+FFFD for each undecodable run of bytes, counting them."""
    text, runs = decode_marking(data[skip:], codec)
    if not runs:
        return Decoded(text, name or codec)
    return Decoded(text, name or codec, sum(end - start for start, end in runs), skip + runs[0][0])


def decode_marking(data: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """``data`` decoded with one U+FFFD for each undecodable run of bytes, and those runs (start, end)."""
    _bad.runs = []
    text = data.decode(codec, errors=_COUNT)
    runs, _bad.runs = _bad.runs, []
    return text, runs


def _count_bad(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: note the bad byte run, put U+FFFD for it, go on."""
    _bad.runs.append((exc.start, exc.end))
    return "\ufffd", exc.end


_bad = threading.local()
_COUNT = "kg-count-bad-bytes"
codecs.register_error(_COUNT, _count_bad)


@cache
def _common_chars() -> frozenset[str]:
    """GB2312 level 1: the 3,755 most used Chinese characters (rows 0xB0-0xD7)."""
    pairs = (bytes((hi, lo)) for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF))
    return frozenset(p.decode("gb2312") for p in pairs if p < b"\xd7\xfa")


def common_share(text: str) -> float:
    """Share of the Chinese characters of ``text`` (as Simplified) that are common ones; 1.0 if it has none.

    Right decodings of Chinese score about 0.9-1.0; a wrong codec gives rare characters (0.1-0.4).
    """
    chars = _CJK.findall(to_simplified(text[:_SAMPLE]))
    if not chars:
        return 1.0
    common = _common_chars()
    return sum(ch in common for ch in chars) / len(chars)
