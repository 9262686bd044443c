"""Mojibake repair and lost-character gaps, with a map back to the original characters.

Scraped copies carry three kinds of damage that decoding the file cannot undo:

- UTF-8 read as GBK (``鍏朵粬`` for 其他): a line whose GBK bytes decode as UTF-8
  to common Chinese characters, where the line itself has rare ones, is replaced
  by that decoding; characters whose bytes the scraper lost become gaps.
- UTF-8 read as Windows-1252 / Latin-1 (``é»„å²©åŒº`` for 黄岩区): a line of
  single-byte characters that ftfy finds to be mojibake, and whose bytes decode as
  UTF-8 to common Chinese characters, is replaced by that decoding (kg reverses it
  itself, byte by byte, to keep the offsets).
- lost characters: runs of ``?`` (two or more), U+FFFD, and a ``?`` followed by
  the broken pinyin of the character it replaced (``?lián)``, ``?zèng)``, from
  sites that annotate characters with pinyin). Each run becomes one space: a
  token boundary for the segmenter and the recognisers, but no sentence end, so
  names on either side stay whole and no name spans the gap. A single ``?`` is
  left alone: in copies with ASCII punctuation it is a question mark.

``repair(text)`` returns the new text, ``offsets`` (index in ``text`` of each new
character, strictly increasing) and one note per kind of damage found.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

from .decode import common_share, decode_marking

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# a '?' standing for a lost character, followed by what is left of its pinyin: ?lián) ?shù)
_BROKEN_PINYIN = rf"\?(?=[a-z]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]"
_GAP = re.compile(rf"(?:{_BROKEN_PINYIN}|[?\ufffd]{{2,}}|\ufffd)+")
#: character -> byte of the single-byte decodings of UTF-8: Windows-1252 (ftfy's sloppy variant fills
#: its holes) and Latin-1 (C1 controls)
_SINGLE_BYTE = {bytes([b]).decode(codec): bytes([b]) for codec in ("latin-1", "sloppy-windows-1252")
                for b in range(0x100)}
_SINGLE_BYTE_LINE = re.compile(f"[{re.escape(''.join(_SINGLE_BYTE))}\ufffd]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
# lines end at \n only: U+0085 and U+2028 are bytes of UTF-8 characters in Latin-1 mojibake
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# what a repaired line may hold besides Chinese: ASCII, Latin letters (pinyin), punctuation and symbols
_NOT_CHINESE = re.compile(r"[^\s\x21-\x7e\xa0-\u024f\u2000-\u2bff\u3000-\u303f\u3400-\u9fff\uff00-\uffef\ufffd]")
#: common-character share a repaired line must reach, and by how much it must beat the line as it was
_REPAIRED_SHARE, _GAIN = 0.8, 0.3
_SEPARATOR = " "


@dataclass(frozen=True, slots=True)
class Repaired:
    """Repaired text; ``offsets[i]`` is the index in the original of ``text[i]`` (None: text unchanged)."""

    text: str
    offsets: tuple[int, ...] | None = None
    notes: tuple[str, ...] = ()

    def to_original(self, offsets: tuple[int, ...]) -> tuple[int, ...]:
        """Map offsets into ``text`` (CleanText convention: last one is one past the end) to the original."""
        if self.offsets is None:
            return offsets
        mapped = tuple(self.offsets[o] for o in offsets[:-1])
        return (*mapped, mapped[-1] + 1 if mapped else 0)


def repair(text: str) -> Repaired:
    """Repair mojibake and mark lost characters in ``text``; see the module docstring."""
    chars = list(text)
    offsets = list(range(len(text)))
    notes = []
    for step in (_utf8_read_as_gbk, _utf8_read_as_cp1252, _gaps):
        chars, offsets, note = step("".join(chars), offsets)
        if note:
            notes.append(note)
    if not notes:
        return Repaired(text)
    return Repaired("".join(chars), tuple(offsets), tuple(notes))


def _utf8_read_as_gbk(text: str, offsets: list[int]) -> tuple[list[str], list[int], str | None]:
    # a quick look first (in C): do the line's GBK bytes make Chinese as UTF-8 at all?
    return _repair_lines(text, offsets, "GBK", _gbk_bytes,
                         lambda line: _chinese_enough(line.encode("gbk", "replace").decode("utf-8", "replace"), line))


def _utf8_read_as_cp1252(text: str, offsets: list[int]) -> tuple[list[str], list[int], str | None]:
    # only single-byte characters, and ftfy finds it is mojibake; the reversal keeps the offsets
    return _repair_lines(text, offsets, "Windows-1252 or Latin-1", _SINGLE_BYTE.get,
                         lambda line: bool(_SINGLE_BYTE_LINE.fullmatch(line)) and ftfy.fix_encoding(line) != line)


def _repair_lines(text: str, offsets: list[int], wrong: str, to_bytes: Callable[[str], bytes | None],
                  candidate: Callable[[str], bool]) -> tuple[list[str], list[int], str | None]:
    """Replace each ``candidate`` line that is UTF-8 read as ``wrong`` by its repair (see ``_better``)."""
    chars: list[str] = []
    new_offsets: list[int] = []
    fixed, first, pos = 0, None, 0
    for line in _LINE.findall(text):
        repaired = None if line.isascii() or not candidate(line) else _reverse(line, to_bytes)
        if repaired and _better(line, "".join(repaired[0])):
            chars += repaired[0]
            new_offsets += [offsets[pos + i] for i in repaired[1]]
            fixed += 1
            first = offsets[pos] if first is None else first
        else:
            chars += line
            new_offsets += offsets[pos:pos + len(line)]
        pos += len(line)
    note = (f"repaired {fixed} line{'s' if fixed > 1 else ''} of mojibake (UTF-8 read as {wrong}), "
            f"the first at character {first}") if fixed else None
    return chars, new_offsets, note


def _chinese_enough(repaired: str, line: str) -> bool:
    """At least two Chinese characters, no more characters lost than made, nothing of another script."""
    cjk = len(_CJK.findall(repaired))
    lost = repaired.count("\ufffd") - line.count("\ufffd")
    return cjk >= 2 and lost <= cjk and not _NOT_CHINESE.search(repaired)


def _better(line: str, repaired: str) -> bool:
    """The repaired line is Chinese text of common characters, and the line had none or rare ones."""
    if not _chinese_enough(repaired, line) or common_share(repaired) < _REPAIRED_SHARE:
        return False
    return not _CJK.search(line) or common_share(repaired) >= common_share(line) + _GAIN


def _gbk_bytes(ch: str) -> bytes | None:
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


def _reverse(segment: str, to_bytes: Callable[[str], bytes | None]) -> tuple[list[str], list[int]] | None:
    """Turn ``segment`` back into the bytes it was wrongly decoded from and decode them as UTF-8;
    each new character with the index in ``segment`` of the character holding its first byte.
    Bytes that do not decode become U+FFFD; None if a character has no byte form."""
    owner: list[int] = []
    parts = []
    for i, ch in enumerate(segment):
        b = b"?" if ch == "\ufffd" else to_bytes(ch)  # U+FFFD: a byte the scraper already lost
        if b is None:
            return None
        parts.append(b)
        owner += [i] * len(b)
    decoded, bad = decode_marking(b"".join(parts), "utf-8")
    bad_at = dict(bad)
    out: list[str] = []
    where: list[int] = []
    byte = 0
    for ch in decoded:
        at = owner[byte]
        byte = bad_at[byte] if byte in bad_at else byte + len(ch.encode("utf-8"))
        if where and where[-1] >= at:  # only a gap can start inside the character the last one started in
            if ch == "\ufffd":
                continue
            out.pop()
            where.pop()
        out.append(ch)
        where.append(at)
    return out, where


def _gaps(text: str, offsets: list[int]) -> tuple[list[str], list[int], str | None]:
    chars: list[str] = []
    new_offsets: list[int] = []
    runs, first, pos = 0, None, 0
    for m in _GAP.finditer(text):
        chars += text[pos:m.start()]
        new_offsets += offsets[pos:m.start()]
        chars.append(_SEPARATOR)
        new_offsets.append(offsets[m.start()])
        pos = m.end()
        runs += 1
        first = first or (offsets[m.start()], m.group())
    chars += text[pos:]
    new_offsets += offsets[pos:]
    note = (f"{runs} run{'s' if runs > 1 else ''} of lost characters ('??', U+FFFD or '?' and broken pinyin) "
            f"kept as gaps, the first at character {first[0]}: {first[1]!r}") if runs else None
    return chars, new_offsets, note
