"""Ingest stage: files, directories and JSON Lines -> Article.

``.txt`` files may be in any encoding Chinese text comes in (``decode.py``);
``.html``/``.htm`` pages give their main text, title, URL and date (``webpage.py``).

``read_inputs`` walks its inputs lazily and yields ``Article`` objects or, for an
input that cannot be read, an ``InputError`` naming the file: the caller reports it
and goes on with the rest. Only regular files are opened (a FIFO would wait for a writer
for ever). A file whose name is not UTF-8 is read all the same, and its name shown, in
messages and in the graph, with ``\\xNN`` for the bytes that are not. A JSON line is read
up to a bound that ``max_bytes`` sets, never whole.

A metadata file (``metadata.py``) gives articles their URL, date and title by id: a JSON
line's own fields come first, then the metadata file's, then what a page gives. Each
article is then dated (``dates.py``): ``Article.date`` is an ISO date or None, and
``Article.date_source`` says where it came from.
"""
from __future__ import annotations

import dataclasses
import glob
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..types import Article
from .dates import article_date, normalise
from .decode import decode
from .metadata import Metadata, Row
from .remote import RemotePath, is_url, list_url
from .webpage import declared_charset, looks_like_html, read_page

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
MAX_BYTES = 2_000_000
#: bytes of JSON one byte of text can take (\\u0001 for a control character) and room for the other
#: fields of a line: a line longer than ``_ESCAPED * max_bytes + _FIELDS`` cannot hold an article
#: within the limit
_ESCAPED, _FIELDS = 6, 65_536
_CHUNK = 1 << 20
_SPECIAL = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
            stat.S_IFBLK: "a block device"}


def read_inputs(inputs: Iterable[str | Path], max_bytes: int = MAX_BYTES,
                skip: Iterable[Path] = (), metadata: Metadata | None = None) -> Iterator[Article | InputError]:
    """Yield every article of the given files and directories, in a stable order, dated and with
    the URL, date and title of its row of ``metadata``; the files and folders in ``skip`` (a build's
    own outputs) are not read when a folder holds them."""
    for file in list_files(inputs, skip):
        if isinstance(file, InputError):
            yield file
        else:
            yield from read_file(file, max_bytes, metadata)


def list_files(inputs: Iterable[str | Path], skip: Iterable[Path] = ()) -> Iterator[Path | InputError]:
    """The article files of ``read_inputs``, in its order, without reading them (what a folder
    holds, the files given, what a pattern matches: ``'corpus/2024-*.jsonl'``, ``'site/**/*.html'``,
    in the order of their names), and an ``InputError`` for each input or folder that cannot be
    listed."""
    skip = [Path(p) for p in skip]
    folders = _identities(p for p in skip if p.is_dir())
    files = {p.resolve() for p in skip if not p.is_dir()}
    for path in _expanded(inputs):
        if isinstance(path, (InputError, RemotePath)):
            yield path
        elif path.is_dir():
            for file in _walk(path, set(folders)):
                if isinstance(file, InputError) or not files or file.resolve() not in files:
                    yield file
        elif path.exists():  # a FIFO or a device too: reported by read_file, never opened
            yield path
        else:
            yield InputError(f"{shown(path)}: no such file or directory")


def _expanded(inputs: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Each input as a path; one that does not exist and is a pattern (``*``, ``?``, ``[…]``, ``**``),
    as the paths it matches, sorted (a pattern the shell did not expand, as a cluster's build is given)."""
    for item in inputs:
        if is_url(item):
            yield from list_url(str(item))
            continue
        path = Path(item)
        if path.exists() or not glob.has_magic(str(item)):
            yield path
            continue
        matches = sorted(glob.glob(str(item), recursive=True))
        if not matches:
            yield InputError(f"{shown(path)}: no file or folder matches this pattern")
        yield from map(Path, matches)


def count_articles(inputs: Iterable[str | Path]) -> int:
    """How many articles the inputs hold (one per page or text file, one per non-empty JSON line),
    without decoding them: the total of a progress bar."""
    total = 0
    for path in _expanded(inputs):
        if isinstance(path, (InputError, RemotePath)):  # a URL's files are not counted: the bar ends short
            continue
        for file in _walk(path, set()) if path.is_dir() else (path,) if path.is_file() else ():
            if isinstance(file, Path) and file.suffix in JSONL_SUFFIXES:
                try:
                    if not file.is_file():  # a FIFO: not opened, the build reports it
                        continue
                    with file.open("rb") as handle:
                        total += sum(1 for line in _lines(handle, _CHUNK) if line is None or line.strip())
                except OSError:  # unreadable: the build reports it when it reads the file
                    pass
            elif isinstance(file, Path):
                total += 1
    return total


def _identities(paths: Iterable[Path]) -> set[tuple[int, int]]:
    out = set()
    for path in paths:
        try:
            st = Path(path).stat()
        except OSError:
            continue
        out.add((st.st_dev, st.st_ino))
    return out


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    """Article files below ``root``, sorted by path, directory by directory (lazy, with a stack of
    its own: folders nested however deep). A folder met again through a symbolic link is walked once
    (``seen``); an unreadable one is reported."""
    stack: list[Iterator[tuple[bool, Path]]] = [iter([(True, root)])]  # per level: (is a folder, path) to visit
    while stack:
        is_folder, path = next(stack[-1], (None, None))
        if path is None:
            stack.pop()
        elif not is_folder:
            yield path
        else:
            try:
                st = path.stat()
                if (st.st_dev, st.st_ino) in seen:
                    continue
                seen.add((st.st_dev, st.st_ino))
                with os.scandir(path) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield InputError(f"{shown(path)}: cannot read the folder ({exc.strerror})")
                continue
            entries = [e for e in entries if not e.name.startswith(".")]
            for special in filter(_is_special, entries):  # reported, whatever its name, and never opened
                yield _not_regular(Path(special.path), _mode(special))
            stack.append(iter([(folder, Path(e.path)) for e in entries for folder in (_is_dir(e),)
                               if folder or e.name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)
                               and not _is_special(e)]))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link to itself (ELOOP): read as a file, which reports it
        return False


def _is_special(entry: os.DirEntry) -> bool:
    """A FIFO, socket or device (from the folder's listing, no call to stat but for those)."""
    return not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False) or entry.is_symlink())


def _mode(entry: os.DirEntry) -> int:
    try:
        return entry.stat(follow_symlinks=False).st_mode
    except OSError:  # gone since the folder was listed
        return 0


def _not_regular(path: Path, mode: int) -> InputError:
    kind = _SPECIAL.get(stat.S_IFMT(mode), "a special file")
    return InputError(f"{shown(path)}: not a regular file ({kind}); kg reads only regular files, skipped")


def shown(path: str | Path) -> str:
    """The path as text: bytes of a name that are not UTF-8 as ``\\xNN`` escapes (Linux gives
    them to Python as lone surrogates, which no UTF-8 output can hold)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _name_note(path: Path) -> tuple[str, ...]:
    if shown(path) == str(path):
        return ()
    return ("its path is not UTF-8: its bytes are shown, in messages and in the graph, as \\xNN escapes "
            "(rename it to UTF-8 for a readable name)",)


@dataclasses.dataclass(frozen=True, slots=True)
class Lines:
    """The lines of a JSON Lines file that begin at a byte in ``[start, end)``; ``before``: how many
    lines end before ``start`` (``count_lines``), so that each is named by its number in the file."""

    start: int
    end: int
    before: int


def count_lines(path: Path, start: int, end: int) -> int:
    """How many lines of ``path`` end in bytes ``[start, end)`` (their newlines)."""
    count = 0
    with path.open("rb") as fh:
        fh.seek(start)
        while start < end and (block := fh.read(min(_CHUNK, end - start))):
            count += block.count(b"\n")
            start += len(block)
    return count


def read_file(path: Path, max_bytes: int = MAX_BYTES, metadata: Metadata | None = None,
              at: Path | None = None, lines: Lines | None = None) -> Iterator[Article | InputError]:
    """The articles of one file (a JSON Lines file holds many; ``lines``: only those of these lines),
    or the error of each that cannot be read. ``at``: the folder a relative ``path`` is in (a
    worker's own may differ); it is named as given."""
    real = path if at is None or path.is_absolute() else at / path
    try:
        st = real.stat()
        if not stat.S_ISREG(st.st_mode):
            yield _not_regular(path, st.st_mode)
            return
        if path.suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes, metadata, real, lines)
            return
        data = real.read_bytes() if st.st_size <= max_bytes else b""  # a 10 GB dump is not read to be refused
    except OSError as exc:
        yield InputError(f"{shown(path)}: cannot read ({exc.strerror})")
        return
    problem = _check_bytes(data, st.st_size, max_bytes)
    if problem:
        yield InputError(f"{shown(path)}: {problem}")
        return
    try:
        article = _file_article(path, data)
    except InputError as exc:
        yield InputError(f"{shown(path)}: {exc}")
        return
    yield _described(article, metadata.row(article.id, path.name) if metadata else None, own=False)


def _file_article(path: Path, data: bytes) -> Article:
    """The article of a .txt or .html file; InputError (the caller adds the path) if it has none."""
    html = path.suffix.lower() in HTML_SUFFIXES
    decoded = decode(data, declared_charset(data) if html else None)
    notes = [note for note in (decoded.note(),) if note] + list(_name_note(path))
    if not decoded.text.strip():
        raise InputError("empty file, skipped")
    if not html and looks_like_html(decoded.text):  # a scraper saved the whole page under .txt
        html = True
        notes.append("an HTML page in a .txt file: its main text was extracted")
    if not html:
        return Article(id=shown(path.stem), text=decoded.text, source=shown(path), encoding=decoded.encoding,
                       notes=tuple(notes))
    page = read_page(decoded.text)
    if page is None:
        raise InputError("no article text found in the page, skipped")
    return Article(id=shown(path.stem), text=page.text, source=shown(path), title=page.title, url=page.url,
                   date=page.date, date_source="html-meta" if page.date else None, encoding=decoded.encoding,
                   notes=tuple(notes))


def _described(article: Article, row: Row | None, own: bool) -> Article:
    """The article with the URL and title of its metadata row (``own``: the article's own fields,
    a JSON line's, come first; else the row's, before what a page gives), dated (``dates.py``)."""
    if row is not None:
        url, title = (article.url or row.url, article.title or row.title) if own else (row.url or article.url,
                                                                                       row.title or article.title)
        article = dataclasses.replace(article, url=url, title=title)
    found = article_date(article, row.date if row else None)
    notes = article.notes
    if article.date and normalise(article.date) is None:
        instead = f"dated {found.date} by its {found.source} instead" if found else "left undated"
        notes += (f"date {article.date!r} is not a calendar date kg reads (write it as YYYY-MM-DD); {instead}",)
    return dataclasses.replace(article, date=found.date if found else None,
                               date_source=found.source if found else None, notes=notes)


def _check_bytes(data: bytes, size: int, max_bytes: int) -> str | None:
    if size > max_bytes:
        return f"{size} bytes is over the {max_bytes}-byte article limit (raise it with --max-bytes), skipped"
    if not data.strip():
        return "empty file, skipped"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return "binary file (NUL bytes), skipped"
    return None


def _read_jsonl(path: Path, max_bytes: int, metadata: Metadata | None, real: Path,
                span: Lines | None) -> Iterator[Article | InputError]:
    """Each line read to at most ``_ESCAPED * max_bytes + _FIELDS`` bytes (a longer one is skipped by
    its number, read past in chunks) and decoded on its own: a bad line loses that line only."""
    name, notes, limit = shown(path), _name_note(path), _ESCAPED * max_bytes + _FIELDS
    with real.open("rb") as handle:
        first = 1
        if span is not None and span.start > 0:
            notes = ()  # said with the file's first lines
            handle.seek(span.start - 1)
            first += span.before
            if handle.read(1) != b"\n":  # the range begins inside a line: the range before reads it
                while (part := handle.readline(_CHUNK)) and not part.endswith(b"\n"):
                    pass
                first += 1
        ends = span.end if span is not None else None
        for line_no, data in enumerate(_lines(handle, limit, ends), first):
            where = f"{name}:{line_no}"
            if data is None:
                yield InputError(f"{where}: a line of over {limit} bytes, more than any article within the "
                                 f"{max_bytes}-byte limit takes (raise it with --max-bytes), skipped")
                continue
            if line_no == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            if not data.strip():
                continue
            try:
                line = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(f"{where}: not UTF-8 (invalid byte at column {exc.start + 1}); "
                                 f"JSON Lines are UTF-8: convert the file (iconv -f GB18030 -t UTF-8), skipped")
                continue
            item = _jsonl_article(where, line, max_bytes)
            if isinstance(item, Article):
                if notes:  # said once, with the file's first article
                    item, notes = dataclasses.replace(item, notes=notes), ()
                item = _described(item, metadata.row(item.id) if metadata else None, own=True)
            yield item


def _lines(handle, limit: int, end: int | None = None) -> Iterator[bytes | None]:
    """The lines of a binary file, each at most ``limit`` bytes (and its newline); ``None`` for a
    longer line, whose rest is read past a chunk at a time, never held whole; with ``end``, only
    those that begin before that offset."""
    while (end is None or handle.tell() < end) and (line := handle.readline(limit + 1)):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(_CHUNK)
        yield None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_article(where: str, line: str, max_bytes: int) -> Article | InputError:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:  # [[[[... nested deeper than Python's stack
        return InputError(f"{where}: invalid JSON (nested deeper than kg reads; a line is one flat object)")
    except ValueError as exc:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        return InputError(f"{where}: invalid JSON ({str(exc).split(':')[0].lower()})")
    if (not isinstance(obj, dict) or not isinstance(obj.get("id"), (str, int)) or isinstance(obj.get("id"), bool)
            or not isinstance(obj.get("text"), str) or not str(obj["id"]).strip()):
        return InputError(f'{where}: each line needs a non-empty "id" and a "text" string')
    wrong = [k for k in ("title", "url", "date") if obj.get(k) is not None and not isinstance(obj[k], str)]
    if wrong:
        return InputError(f'{where}: "{wrong[0]}" must be a string, not {type(obj[wrong[0]]).__name__}; skipped')
    fields = {k: obj[k] for k in ("id", "text", "title", "url", "date") if obj.get(k) is not None}
    broken = next((k for k, v in fields.items() if isinstance(v, str) and _SURROGATE.search(v)), None)
    if broken:  # \ud800 alone: no character, and no UTF-8 output can hold it
        return InputError(f'{where}: "{broken}" holds a lone surrogate escape (\\ud800-\\udfff), not text; skipped')
    if not obj["text"].strip():
        return InputError(f"{where}: empty text, skipped")
    if len(obj["text"].encode("utf-8")) > max_bytes:
        return InputError(f"{where}: text over the {max_bytes}-byte article limit, skipped")
    optional = {k: obj[k] for k in ("title", "url", "date") if obj.get(k) is not None}
    # reported by file and line, whatever url the line gives (the url is a field, not where it was read)
    return Article(id=str(obj["id"]), text=obj["text"], source=where, date_source="jsonl" if "date" in optional else None,
                   **optional)
