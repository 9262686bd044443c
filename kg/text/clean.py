"""Cleaning stage: raw article text -> Simplified text with an offset map.

Repairs mojibake and turns runs of lost characters into gaps first (``mojibake.py``).
Removes pinyin annotations (``發(fā)展`` -> ``發展``), site boilerplate
(``resources/boilerplate.txt``) and bylines (kept as reporter metadata), converts
Traditional to Simplified with OpenCC and normalises ASCII punctuation to its
full-width form. A copy that lost its line breaks gets its paragraphs back (a line longer than
any paragraph of the genre is cut after the headings it begins with and before the sentences that
open a paragraph). Every character of the
result maps back to the original text (a line break put back, to the sentence it opens). The
title is the article's own (its page's, its JSON line's or its metadata row's) or its
first short line, passing over lines of site furniture before it (``titles.py``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from ..resources import trie, words
from ..types import Article, CleanText
from .mojibake import repair
from .script import to_simplified
from .titles import article_title

# a pinyin syllable in brackets right after a CJK character: 發(fā), 个(gè), 的(de)
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}\s*[)）]"
)
# ASCII and CJK-variant punctuation -> the full-width forms the rules are written for
_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）",
                        "「": "“", "」": "”", "『": "‘", "』": "’", "\u3000": " ", "\xa0": " "})
# a byline: reporter or correspondent credit followed by one or more 2-3 character names
_NAME = r"(?!记者|通讯|报道)[\u4e00-\u9fff]{2,3}(?:·[\u4e00-\u9fff]{2,4})?"
# a reporting team credited among the names (县委报道组): not a name
_TEAM = r"[\u4e00-\u9fff]{2,8}?报道组"
_BYLINE = re.compile(
    r"(?:(?:本报|本台|本网|全媒体|融媒体中心|新华社|特约|见习|首席)?(?:记者|通讯员)|(?<![原归])作者(?!所有)|撰文|撰稿|"
    r"文/|文／|摄影|摄)"
    rf"\s*[：:|｜]?\s*((?:(?:{_TEAM}|{_NAME})(?:[ \t、，]+|(?=[）)\n]|报道(?!组)|摄|$)))+)(?:报道|摄)?"
)
# bylines in brackets, with the dateline before them at the head of a line: 本报讯（记者 … 通讯员 …）
_BYLINE_GROUP = re.compile(rf"(?:^\s*(?:本报|本网|[\u4e00-\u9fff]{{0,10}})讯\s*)?[（(]\s*(?:(?:{_BYLINE.pattern})\s*)+[）)]")
# what a byline line leaves once the names are gone: "□ 本报", "十堰日报讯"
_BYLINE_LEFTOVER = re.compile(r"[□■●\s]*(?:本报|本台|本网|[\u4e00-\u9fff]{2,8}(?:讯|报道))?[：:\s]*")
_QUOTES = re.compile(r'"')
# a comma a copy doubles with the mark that follows it (，、 ，， ，。)
_DOUBLED = re.compile(r"，(?=[、，。；！？])")
# markup left in a web copy's text (<p class="…">, </b>, <br/>): no part of the text; a paragraph's
# or a line's tag ends a line
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]{0,9})(?:\s[^<>\n]{0,300})?/?>")
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"})
_CJK = re.compile(r"[\u3400-\u9fff]")
# a line of running text: three sentences or more (a copy's furniture is never that)
_PROSE = re.compile(r"(?:[^。！？]+[。！？]){3}")


@cache
def _boilerplate() -> tuple[list[re.Pattern], list[re.Pattern], list[re.Pattern]]:
    inline, line, tail = [], [], []
    text = resources.files("kg").joinpath("resources/boilerplate.txt").read_text(encoding="utf-8")
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, pattern = raw.split("\t", 1)
        {"inline": inline, "line": line, "tail": tail}[kind].append(re.compile(pattern))
    return inline, line, tail


def _alternate_quotes(text: str) -> str:
    """Straight double quotes -> alternating “ ” (scraped copies lose curly quotes), each line from an
    opening one: a quotation of several paragraphs opens each and closes only the last, so a line's odd
    quote opens and the next line's count starts afresh."""
    return "".join(_alternate_line(line) for line in text.splitlines(keepends=True))


def _alternate_line(line: str) -> str:
    count = 0

    def repl(_m: re.Match) -> str:
        nonlocal count
        count += 1
        return "“" if count % 2 else "”"

    return _QUOTES.sub(repl, line)


def clean(article: Article) -> CleanText:
    """Clean one article; see the module docstring."""
    repaired = repair(article.text)
    orig = repaired.text
    keep = bytearray(b"\x01") * len(orig)

    def drop(start: int, end: int) -> None:
        keep[start:end] = bytes(end - start)

    for m in _PINYIN.finditer(orig):
        drop(*m.span())
    conv = _alternate_quotes(to_simplified(_without_tags(orig, drop)).translate(_PUNCT))
    inline, line_pats, tail_pats = _boilerplate()
    for pat in inline:
        for m in pat.finditer(conv):
            drop(*m.span())
    for m in _DOUBLED.finditer(conv):  # 区委副书记，、区长: a copy's doubled mark; the second one stands
        drop(*m.span())
    reporters: list[str] = []
    pos = 0
    for line in conv.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        if keep.find(1, start, end) < 0:
            continue  # nothing of the line is left
        visible, kept = _kept(conv, keep, start, end)
        if any(p.search(visible) for p in tail_pats):
            drop(start, len(orig))
            break
        furniture = [m for p in line_pats if (m := p.search(visible))]
        if furniture and _PROSE.search(visible):
            # a copy that lost its line breaks holds the site's furniture in a line of text: only the
            # line's head goes (首页 > 正文 …), or its foot from the furniture on (…转载请注明出处)
            line_end = end - (1 if line.endswith("\n") else 0)
            for m in furniture:
                drop(kept[m.start()], line_end if m.start() > 0 else kept[m.end() - 1] + 1)
        elif furniture:
            drop(start, end)
            continue
        groups = list(_BYLINE_GROUP.finditer(visible))
        for m in groups + [m for m in _BYLINE.finditer(visible)
                           if not any(g.start() <= m.start() < g.end() for g in groups)]:
            names = _byline_names(m.group())
            if not names:
                continue  # 记者了解到: a sentence about a reporter, kept
            reporters += names
            for i in kept[m.start():m.end()]:
                keep[i] = 0
        rest = _kept(conv, keep, start, end)[0]
        if not _CJK.search(rest) or _BYLINE_LEFTOVER.fullmatch(rest.strip()):
            drop(start, end - (1 if line.endswith("\n") else 0))
    result = _paragraphed(_assemble(conv, keep, tuple(dict.fromkeys(reporters))))
    return replace(result, offsets=repaired.to_original(result.offsets), notes=repaired.notes,
                   title=article_title(article.title, _heading_lines(result.text)))


def _without_tags(text: str, drop) -> str:
    """``text`` with its markup tags dropped (``drop``) and blanked, of the same length; a block
    tag leaves a line break in its first character's place."""
    tags = list(_TAG.finditer(text))
    if not tags:
        return text
    chars = list(text)
    for m in tags:
        block = m.group(1).lower() in _BLOCK_TAGS
        chars[m.start():m.end()] = ("\n" if block else " ") + " " * (m.end() - m.start() - 1)
        drop(m.start() + block, m.end())
    return "".join(chars)


def _byline_names(byline: str) -> list[str]:
    """The names a byline credits: each begins with a surname (记者了解到, 由通讯员提供 credit nobody)."""
    return [name for m in _BYLINE.finditer(byline) for name in re.split(r"[ \t、，]+", m.group(1))
            if name and not name.endswith("报道组") and (name[:2] in _surnames() or name[0] in _surnames())]


@cache
def _surnames() -> frozenset[str]:
    return frozenset(words("surnames"))


def _kept(text: str, keep: bytearray, start: int, end: int) -> tuple[str, Sequence[int]]:
    """The characters of ``text[start:end]`` that are kept, and their indexes (most lines: all)."""
    if keep.find(0, start, end) < 0:
        return text[start:end], range(start, end)
    indexes = [i for i in range(start, end) if keep[i]]
    return "".join(text[i] for i in indexes), indexes


def _assemble(conv: str, keep: bytearray, reporters: tuple[str, ...]) -> CleanText:
    """Join kept characters line by line, trimming blank space and empty lines."""
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    for line in conv.split("\n"):
        end = start + len(line)  # the line's newline, or the end of the text
        kept, indexes = _kept(conv, keep, start, end)
        lead, body = len(kept) - len(kept.lstrip()), kept.strip()
        if body:
            pieces += (body, "\n")
            offsets += indexes[lead:lead + len(body)]
            offsets.append(end)
        start = end + 1
    if pieces:
        pieces.pop()  # the last line's newline
        offsets.pop()
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return CleanText(text="".join(pieces), offsets=tuple(offsets), reporters=reporters)


#: a line longer than any paragraph of the genre's copies (their longest: 445 characters): a copy
#: that lost its line breaks
FLATTENED_CHARS = 450
#: in such a line, a paragraph is cut at the end of the first sentence past this many characters
#: when no opener shows one: about the median length of the genre's paragraphs (109 characters)
PARAGRAPH_CHARS = 100
# the end of a sentence: its mark and a closing quote after it
_SENTENCE_END = re.compile(r"[。！？][”’]?")
# a sentence's end and the spaces after it, where a copy flattened a paragraph's break
_SPACED_END = re.compile(r"(?:(?<=[。！？])|(?<=[。！？][”’]))[ \u3000]+(?=\S)")
# a heading at the head of such a line: a short run without a sentence's marks, then a space
_HEADING = re.compile(r"([^。！？，；\s]{2,40})[ \u3000]+(?=\S)")


@cache
def _opener() -> re.Pattern:
    """A sentence that opens a paragraph (resources/paragraph_openers.txt), after the mark that ends the
    sentence before it (and a closing quote); an opening quote opens one too."""
    return re.compile(rf"(?:(?<=[。！？][”’])|(?<=[。！？]))[ \u3000]*(?=“|(?:{trie(words('paragraph_openers'))})[，：、])")


def _paragraphed(clean: CleanText) -> CleanText:
    """``clean`` with a line break before each sentence that opens a paragraph inside a line too long to
    be one: the paragraphs a copy lost, so that what the rules read as a paragraph stays one."""
    text, offsets = clean.text, clean.offsets
    cuts: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        if len(line.group()) <= FLATTENED_CHARS:
            continue
        # the headings it begins with, each a short run of no sentence's marks before a space (its title,
        # a date, a source): a line each, in the space's place
        at = line.start()
        while (heading := _HEADING.match(text, at)) is not None:
            cuts.append((heading.end(1), heading.end()))
            at = heading.end()
        openers = {m.start(): m.end() for m in _opener().finditer(text, line.start(), line.end()) if m.end() < line.end()}
        ends = [m.end() for m in _SENTENCE_END.finditer(text, at, line.end()) if m.end() < line.end()]
        spaced = {m.start(): m.end() for m in _SPACED_END.finditer(text, at, line.end()) if m.end() < line.end()}
        # a copy that kept its paragraph breaks as spaces after some of its sentences (。 以推动…): those
        # are its paragraphs, and only a run longer than any paragraph is cut by length; a space after
        # most sentences is only the site's way of writing them
        kept = 2 <= len(spaced) <= len(ends) // 2
        longest = FLATTENED_CHARS if kept else PARAGRAPH_CHARS
        last = at
        for end in ends:
            # a sentence that opens a paragraph, or one after a paragraph's length of text (the break in
            # the place of the spaces after it)
            if end in openers or kept and end in spaced or end - last >= longest:
                cuts.append((end, openers.get(end, spaced.get(end, end))))
                last = end
    if not cuts:
        return clean
    pieces, new_offsets, at = [], [], 0
    for start, end in cuts:
        pieces += (text[at:start], "\n")
        # the break stands in a space's place where there is one, else it points at what it opens
        new_offsets += (*offsets[at:start], offsets[start] if start < end else offsets[end])
        at = end
    pieces.append(text[at:])
    new_offsets += offsets[at:]
    return replace(clean, text="".join(pieces), offsets=tuple(new_offsets))


#: lines a title may be preceded by (a site's name, its navigation), and the length of a title line
HEADING_LINES, TITLE_CHARS = 3, 40


def _heading_lines(text: str) -> list[str]:
    """The short lines the text starts with, up to its first paragraph (one of them may be the
    title); none when the text is one paragraph."""
    lines = text.split("\n")
    out = []
    for line in lines[:HEADING_LINES] if len(lines) > 1 else ():
        if len(line) > TITLE_CHARS or re.search(r"[。；！？]$|[，。]", line):
            break
        out.append(line)
    return out
