"""Ingest stage: files, directories and JSON Lines -> Article.

``.txt`` files may be in any encoding Chinese text comes in (``decode.py``);
``.html``/``.htm`` pages give their main text, title, URL and date (``webpage.py``).

``read_inputs`` walks its inputs lazily and yields ``Article`` objects or, for an
input that cannot be read, an ``InputError`` naming the file: the caller reports it
and goes on with the rest.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..types import Article
from .decode import decode
from .webpage import declared_charset, looks_like_html, read_page

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
MAX_BYTES = 2_000_000


def read_inputs(inputs: Iterable[str | Path], max_bytes: int = MAX_BYTES,
                skip: Iterable[Path] = ()) -> Iterator[Article | InputError]:
    """Yield every article of the given files and directories, in a stable order; the files and
    folders in ``skip`` (a build's own outputs) are not read when a folder holds them."""
    skip = [Path(p) for p in skip]
    folders = _identities(p for p in skip if p.is_dir())
    files = {p.resolve() for p in skip if not p.is_dir()}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in _walk(path, set(folders)):
                if isinstance(file, InputError):
                    yield file
                elif not files or file.resolve() not in files:
                    yield from _read_file(file, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes)
        else:
            yield InputError(f"{path}: no such file or directory")


def count_articles(inputs: Iterable[str | Path]) -> int:
    """How many articles the inputs hold (one per page or text file, one per non-empty JSON line),
    without decoding them: the total of a progress bar."""
    total = 0
    for item in inputs:
        path = Path(item)
        for file in _walk(path, set()) if path.is_dir() else (path,) if path.is_file() else ():
            if isinstance(file, Path) and file.suffix in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
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
                yield InputError(f"{path}: cannot read the folder ({exc.strerror})")
                continue
            stack.append(iter([(folder, Path(e.path)) for e in entries if not e.name.startswith(".")
                               for folder in (_is_dir(e),)
                               if folder or e.name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)]))


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link to itself (ELOOP): read as a file, which reports it
        return False


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    if path.suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= max_bytes else b""  # a 10 GB dump is not read to be refused
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror})")
        return
    problem = _check_bytes(data, size, max_bytes)
    if problem:
        yield InputError(f"{path}: {problem}")
        return
    try:
        yield _file_article(path, data)
    except InputError as exc:
        yield InputError(f"{path}: {exc}")


def _file_article(path: Path, data: bytes) -> Article:
    """The article of a .txt or .html file; InputError (the caller adds the path) if it has none."""
    html = path.suffix.lower() in HTML_SUFFIXES
    decoded = decode(data, declared_charset(data) if html else None)
    notes = [note for note in (decoded.note(),) if note]
    if not decoded.text.strip():
        raise InputError("empty file, skipped")
    if not html and looks_like_html(decoded.text):  # a scraper saved the whole page under .txt
        html = True
        notes.append("an HTML page in a .txt file: its main text was extracted")
    if not html:
        return Article(id=path.stem, text=decoded.text, source=str(path), encoding=decoded.encoding, notes=tuple(notes))
    page = read_page(decoded.text)
    if page is None:
        raise InputError("no article text found in the page, skipped")
    return Article(id=path.stem, text=page.text, source=str(path), title=page.title, url=page.url, date=page.date,
                   encoding=decoded.encoding, notes=tuple(notes))


def _check_bytes(data: bytes, size: int, max_bytes: int) -> str | None:
    if size > max_bytes:
        return f"{size} bytes is over the {max_bytes}-byte article limit (raise it with --max-bytes), skipped"
    if not data.strip():
        return "empty file, skipped"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return "binary file (NUL bytes), skipped"
    return None


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror})")
        return
    with handle:
        try:
            for line_no, line in enumerate(handle, 1):
                if line.strip():
                    yield _jsonl_article(path, line_no, line, max_bytes)
        except UnicodeDecodeError as exc:
            yield InputError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_article(path: Path, line_no: int, line: str, max_bytes: int) -> Article | InputError:
    where = f"{path}:{line_no}"
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
    return Article(id=str(obj["id"]), text=obj["text"], source=where, **optional)
