"""A metadata file for a folder of articles: each article's URL, date and title, by its id.

Scraped corpora keep their texts as ``.txt`` files and what the scraper knew of each page in a
table beside them. ``kg build DIR --metadata FILE`` reads such a table (``read_metadata``) and
ingest gives each article the row of its id (``Metadata.row``): the file's stem (``r001`` for
``r001.txt``) or a JSON line's ``id``, else the file's name (``r001.txt``; a path in the id
column counts by its file's name).

The table is CSV (``.csv``), TSV (``.tsv``, ``.tab``) or JSON Lines (``.jsonl``, ``.json``).
A CSV or TSV file names its columns in a header row; columns are matched by name
(``COLUMNS``: ``id`` or ``file``; ``url``; ``date``; ``title``) and others ignored. A file
without a header row (its first row names no known column) is read as id, URL and, when the
third column holds a date in every row, date (``SOURCES.tsv`` of a corpus: id, URL, script).
A row that cannot be read is an error naming the file and its line: the build does not start
on metadata it would half use.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .dates import normalise

#: column names of a header row (lower case) -> the field they give
COLUMNS = {"id": "id", "file": "id", "filename": "id", "file_name": "id", "path": "id",
           "url": "url", "link": "url", "href": "url", "source_url": "url",
           "date": "date", "published": "date", "publish_date": "date", "pubdate": "date", "time": "date",
           "title": "title", "headline": "title"}
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
JSON_SUFFIXES = (".jsonl", ".json")
#: fields a JSON line may give
_JSON_FIELDS = ("file", "id", "url", "date", "title")  # an id given with a file wins


@dataclass(frozen=True, slots=True)
class Row:
    """What the metadata file says of one article."""

    url: str | None = None
    date: str | None = None  # YYYY-MM-DD
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """The rows of a metadata file, by article id (a file's stem) and by file name."""

    path: Path
    rows: dict[str, Row]

    def row(self, article_id: str, file_name: str | None = None) -> Row | None:
        """The row of an article: by its id, else by the name of its file."""
        found = self.rows.get(article_id)
        return self.rows.get(file_name) if found is None and file_name else found


def read_metadata(path: Path) -> Metadata:
    """The metadata file at ``path``; ``InputError`` naming the file (and line) if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES and suffix not in JSON_SUFFIXES:
        raise InputError(f"--metadata {path}: unknown kind of file; give a .csv, .tsv or .jsonl file "
                         "with columns id, url, date, title")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"--metadata {path}: no such file") from None
    except OSError as exc:
        raise InputError(f"--metadata {path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        line = _byte_line(path, exc.start)
        raise InputError(f"{path}:{line}: not UTF-8 (invalid byte at offset {exc.start}); save the file as UTF-8") from exc
    records = _json_records(path, text) if suffix in JSON_SUFFIXES else _table_records(path, text, TABLE_SUFFIXES[suffix])
    rows: dict[str, Row] = {}
    for line, record in records:
        key, row = _row(path, line, record)
        if key in rows and rows[key] != row:
            raise InputError(f"{path}:{line}: id {key!r} is given twice, with other values; keep one row per article")
        rows[key] = row
    if not rows:
        raise InputError(f"{path}: no rows; give one row per article with columns id, url, date, title")
    return Metadata(path, rows)


def _byte_line(path: Path, offset: int) -> int:
    """The line number of byte ``offset`` of the file."""
    with path.open("rb") as fh:
        return fh.read(offset).count(b"\n") + 1


def _json_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    out = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{line_no}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{line_no}: each line must be an object with id, url, date, title")
        wrong = next((k for k in _JSON_FIELDS if obj.get(k) is not None
                      and (isinstance(obj[k], bool) or not isinstance(obj[k], (str, int)))), None)
        if wrong:
            raise InputError(f'{path}:{line_no}: "{wrong}" must be a string, not {type(obj[wrong]).__name__}')
        record = {COLUMNS[k]: str(obj[k]) for k in _JSON_FIELDS if obj.get(k) is not None}
        out.append((line_no, record))
    return out


def _table_records(path: Path, text: str, delimiter: str) -> list[tuple[int, dict[str, str]]]:
    # TSV quotes nothing (a URL may hold a quote); CSV quotes cells that hold commas
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                        quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not readable as CSV ({exc})") from None
    rows = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        return []
    header = [COLUMNS.get(c.strip().lower()) for c in rows[0][1]]
    if any(header):
        if "id" not in header:
            raise InputError(f"{path}:{rows[0][0]}: the header names no id column; name one id or file")
        columns, rows = header, rows[1:]
    else:  # no header: id, URL, and a third column only if it is a date in every row
        dated = all(len(cells) > 2 and normalise(cells[2]) for _, cells in rows)
        columns = ["id", "url", "date" if dated else None]
    return [(line, {field: cell.strip() for field, cell in zip(columns, cells) if field and cell.strip()})
            for line, cells in rows]


def _row(path: Path, line: int, record: dict[str, str]) -> tuple[str, Row]:
    key = record.get("id", "").strip()
    if "/" in key or "\\" in key:  # a path: its file's name
        key = key.replace("\\", "/").rsplit("/", 1)[1]
    if not key:
        raise InputError(f"{path}:{line}: no id; each row needs the article's id (its file's name without .txt)")
    date = None
    if record.get("date"):
        date = normalise(record["date"])
        if date is None:
            raise InputError(f"{path}:{line}: date {record['date']!r} is not a calendar date kg reads; "
                             "write it as YYYY-MM-DD")
    return key, Row(url=record.get("url") or None, date=date, title=record.get("title") or None)
