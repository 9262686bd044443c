"""Ingest stage: files, directories and JSON Lines -> Article.

``read_inputs`` walks its inputs lazily and yields ``Article`` objects or, for an
input that cannot be read, an ``InputError`` naming the file: the caller reports it
and goes on with the rest.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .types import Article

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
MAX_BYTES = 2_000_000


def read_inputs(inputs: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Yield every article of the given files and directories, in a stable order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes)
        else:
            yield InputError(f"{path}: no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    """Article files below ``root``, sorted by path, directory by directory (lazy)."""
    with os.scandir(root) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
            yield Path(entry.path)


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    if path.suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"{path}: cannot read ({exc.strerror})")
        return
    problem = _check_bytes(data, max_bytes)
    if problem:
        yield InputError(f"{path}: {problem}")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputError(f"{path}: not UTF-8 (invalid byte at offset {exc.start}); convert it with iconv -t UTF-8")
        return
    yield Article(id=path.stem, text=text, source=str(path), encoding="utf-8")


def _check_bytes(data: bytes, max_bytes: int) -> str | None:
    if not data.strip():
        return "empty file, skipped"
    if len(data) > max_bytes:
        return f"{len(data)} bytes is over the {max_bytes}-byte article limit, skipped"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
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


def _jsonl_article(path: Path, line_no: int, line: str, max_bytes: int) -> Article | InputError:
    where = f"{path}:{line_no}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), (str, int)) or not isinstance(obj.get("text"), str):
        return InputError(f'{where}: each line needs an "id" and a "text" string')
    if not obj["text"].strip():
        return InputError(f"{where}: empty text, skipped")
    if len(obj["text"].encode("utf-8")) > max_bytes:
        return InputError(f"{where}: text over the {max_bytes}-byte article limit, skipped")
    optional = {k: str(obj[k]) for k in ("title", "url", "date") if obj.get(k) is not None}
    return Article(id=str(obj["id"]), text=obj["text"], source=optional.get("url", where), **optional)
