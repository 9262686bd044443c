"""``kg query``: SPARQL 1.1 SELECT, ASK, CONSTRUCT and DESCRIBE over a build or a graph file.

kg's prefixes (``kg:``, ``kgid:``, ``rdfs:``, ``skos:``, ``prov:``, ``dcterms:``, ...)
are predeclared. Results come as an aligned table (display width of Chinese text
counted as two columns), SPARQL CSV or SPARQL JSON; graph results as a
subject/predicate/object table, N-Triples-style CSV, JSON-LD or Turtle. The query runs in a
child process stopped at ``--timeout`` or on Ctrl-C (``bounded``); a table shows at most
``--limit`` rows, CSV and JSON stream every row.
"""
from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import RDF, XSD

from ..errors import InputError, KgError, one_line
from .bounded import COUNT_FOR, LIMIT, TIMEOUT, stream
from .export import TURTLE_PREFIXES, jsonld
from .store import OpenGraph, open_graph
from .vocab import PREFIXES

#: predeclared in every query and used to shorten IRIs in tables
QUERY_PREFIXES = {**PREFIXES, "rdf": str(RDF)}
_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.S)
_NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "long", "int")}


def run_query(target: Path, text: str, fmt: str = "table", **bounds: Any) -> bytes:
    """``write_query`` into bytes: the formatted result of ``text`` over ``target``."""
    out = io.BytesIO()
    write_query(out, target, text, fmt, **bounds)
    return out.getvalue()


def write_query(out: BinaryIO, target: Path, text: str, fmt: str = "table", *, origin: str = "query",
                max_width: int | None = None, allow_service: bool = False, timeout: float = TIMEOUT,
                limit: int = LIMIT) -> None:
    """Run ``text`` over ``target`` and write the formatted result to ``out`` as it comes; ``origin``
    names the query in errors. The query runs in a child process, stopped after ``timeout`` seconds
    (0: never) or on Ctrl-C; a table shows at most ``limit`` rows (0: all), and says how many more
    there were. A query that calls another endpoint (SERVICE) is refused unless ``allow_service``."""
    _refuse_service(text, origin, allow_service)  # here, before the child is started
    started = time.monotonic()
    # counting the rows a table leaves out stops well before the query would be stopped
    count_until = started + timeout * 0.9 if timeout else None
    work = partial(_evaluate, target=target, text=text, fmt=fmt, origin=origin,
                   max_width=max_width, limit=limit, count_until=count_until)
    try:
        stream(work, out, timeout)
    except TimeoutError:
        raise KgError(f"{origin}: stopped after {timeout:g} s (--timeout); narrow the query (more specific "
                      "patterns, LIMIT) or give a larger --timeout (0: no limit)") from None


def _evaluate(out: BinaryIO, *, target: Path, text: str, fmt: str, origin: str,
              max_width: int | None, limit: int, count_until: float | None) -> None:
    """Open ``target``, run the query and write its result (in the child process of ``stream``)."""
    with _evaluated(target, text, origin, allow_service=True) as result:  # SERVICE: refused before
        if isinstance(result, ox.QueryBoolean):
            out.write(_boolean(bool(result), fmt))
        elif isinstance(result, ox.QuerySolutions):
            _solutions(result, fmt, out, _Shown(max_width, limit, count_until))
        else:
            _triples(result, fmt, out, _Shown(max_width, limit, count_until))


def select(target: Path | OpenGraph, text: str, *, origin: str = "query",
           allow_service: bool = False) -> tuple[list[str], list[list]]:
    """The result of ``text`` over ``target`` as column names and rows, with ``run_query``'s errors:
    a SELECT's variables and terms (None where unbound), an ASK's ``boolean``, a CONSTRUCT's or a
    DESCRIBE's ``subject``, ``predicate``, ``object``."""
    with _evaluated(target, text, origin, allow_service) as result:
        if isinstance(result, ox.QueryBoolean):
            return ["boolean"], [[bool(result)]]
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return names, [[solution[name] for name in names] for solution in result]
        return ["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in result]


@contextmanager
def _evaluated(target: Path | OpenGraph, text: str, origin: str, allow_service: bool) -> Iterator:
    """The query's result, for the ``with`` block to read; an error, in the block too (while the
    results stream in), becomes kg's, in one line."""
    words = _refuse_service(text, origin, allow_service)
    graph = target if isinstance(target, OpenGraph) else open_graph(target)
    try:
        yield graph.store.query(text, prefixes=QUERY_PREFIXES)
    except SyntaxError as exc:
        if words and words[0] in _UPDATES:
            raise InputError(f"{origin}: SPARQL updates ({words[0]} …) are not supported: kg query only reads a "
                             "graph; change the articles and build again") from exc
        raise InputError(f"{origin}: SPARQL syntax error {_where(exc, text)}") from exc
    except BrokenPipeError:
        raise
    except (OSError, RuntimeError, ValueError) as exc:  # while it runs, or while its results stream in
        raise KgError(f"{origin}: the query failed on {graph.source}: {' '.join(str(exc).split())}") from exc


def _refuse_service(text: str, origin: str, allow_service: bool) -> list[str]:
    """The query's keywords (``_keywords``); an ``InputError`` if it calls another endpoint and
    that is not allowed."""
    words = _keywords(text)
    if not allow_service and "SERVICE" in words:
        raise InputError(f"{origin}: the query calls another endpoint (SERVICE), which kg query does only "
                         "when given --allow-service")
    return words


_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
# what holds no keyword: comments, strings (long and short) and IRIs
_NOT_KEYWORDS = re.compile(r"#[^\n]*" r'|"""[\s\S]*?"""' r"|'''[\s\S]*?'''" + r'|"(?:\\.|[^"\\\n])*"'
                           + r"|'(?:\\.|[^'\\\n])*'" + r"|<[^<>\s]*>")


def _keywords(text: str) -> list[str]:
    """The query's bare words, upper-cased, in order, without its PREFIX and BASE declarations."""
    body, skip = [], False
    for word in re.findall(r"[A-Za-z][\w-]*:?", _NOT_KEYWORDS.sub(" ", text)):
        if skip:
            skip = False
        elif word.upper() == "PREFIX":
            skip = True  # the prefix's name
        elif word.upper() != "BASE":
            body.append(word.upper())
    return body


def _where(exc: SyntaxError, text: str) -> str:
    """'at line L, column C: message (near "…")' from oxigraph's 'error at L:C: message'."""
    m = _POSITION.match(str(exc))
    if not m:
        return f": {' '.join(str(exc).split())}"
    line, column, message = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = text.splitlines() or [""]
    source = lines[min(line, len(lines)) - 1]
    before = source[:max(column - 1, 0)]
    if "Prefix not found" in message and (prefix := re.findall(r"([A-Za-z][\w.-]*)?:[^\s:]*$", before)):
        message = f"the prefix {prefix[-1]}: is not declared; add PREFIX {prefix[-1]}: <namespace IRI>"
    else:  # oxigraph lists the character ranges it expected too: keep the words
        message = re.sub(r", \[[^\]]*(?:\.\.=|\\u)[^\]]*\]", "", message)
    near = source[len(before):][:30].strip()
    near = f"near “{near}”" if near else ("at the end of the query" if line >= len(lines) else "at the end of the line")
    return f"at line {line}, column {column}: {message} ({near})"


def _boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}\n"
    if fmt in ("table", "csv"):
        return b"true\n" if value else b"false\n"
    raise InputError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; use table, csv or json for ASK")


def _solutions(result: ox.QuerySolutions, fmt: str, out: BinaryIO, shown: _Shown) -> None:
    if fmt == "json":
        result.serialize(out, format=ox.QueryResultsFormat.JSON)  # streamed: no row is held
        out.write(b"\n")
    elif fmt == "csv":
        result.serialize(out, format=ox.QueryResultsFormat.CSV)
    elif fmt == "ttl":
        raise InputError("--format ttl is for CONSTRUCT and DESCRIBE queries; use table, csv or json for SELECT")
    else:
        names = [v.value for v in result.variables]
        shown.write(out, names, ([solution[name] for name in names] for solution in result))


def _triples(result: ox.QueryTriples, fmt: str, out: BinaryIO, shown: _Shown) -> None:
    if fmt == "table":
        shown.write(out, ["subject", "predicate", "object"], ([t.subject, t.predicate, t.object] for t in result))
    elif fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")  # SPARQL CSV conventions: full IRIs, lexical forms
        writer.writerow(["subject", "predicate", "object"])
        writer.writerows([t.subject.value, t.predicate.value, t.object.value] for t in result)
        text.flush()
        text.detach()  # ``out`` stays open
    elif fmt == "json":
        out.write(jsonld(list(result)))
    else:  # sorted, so that the same graph gives the same file: the whole result is held
        ordered = sorted(set(result), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        out.write(ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES))


@dataclass(frozen=True, slots=True)
class _Shown:
    """How a result is shown as a table: at most ``limit`` rows (0: all), ``max_width`` columns wide;
    the rows left out are counted for ``COUNT_FOR`` seconds at most, and not after ``count_until``."""

    max_width: int | None
    limit: int
    count_until: float | None

    def write(self, out: BinaryIO, names: Sequence[str], rows: Iterator[list]) -> None:
        first = list(islice(rows, self.limit or None))
        if not self.limit or len(first) < self.limit or next(rows, None) is None:
            out.write(table(names, first, self.max_width))
            return
        out.write(_aligned(names, first, self.max_width))
        out.flush()  # the rows are shown while the rest is counted
        until = time.monotonic() + COUNT_FOR
        more, complete = _count(rows, until if self.count_until is None else min(until, self.count_until))
        total = f"{len(first) + 1 + more}" if complete else f"more than {len(first) + 1 + more}"
        out.write(f"(first {len(first)} of {total} rows; all of them with --limit 0, or with --format csv "
                  "or json)\n".encode())


def _count(rows: Iterator[object], until: float) -> tuple[int, bool]:
    """How many ``rows`` there are, and whether all were counted before ``until``."""
    counted = 0
    for counted, _ in enumerate(rows, 1):
        if counted % 256 == 0 and time.monotonic() > until:
            return counted, False
    return counted, True


# ---------------------------------------------------------------- tables


def width(text: str) -> int:
    """Display width in a terminal: East Asian wide and fullwidth characters take two columns."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A term as shown in a table: prefixed IRI, ``_:id``, or the literal's lexical form."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return one_line(prefixed(term.value))
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return one_line(" ".join(term.value.split()))  # one line, and no escape sequence reaches the terminal
    return f"<< {cell(term.subject)} {cell(term.predicate)} {cell(term.object)} >>"


# what a prefixed name's local part may hold as it is, and what it may hold escaped (SPARQL 1.1 PN_LOCAL)
_LOCAL_PLAIN = re.compile(r"[\w\-:]", re.UNICODE)
_LOCAL_ESCAPED = frozenset("_~.-!$&'()*+,;=/?#@%")


def prefixed(iri: str) -> str:
    """``kg:holds`` or ``kgid:post\\/79d5…`` for a kg IRI, ``<iri>`` for one outside kg's prefixes:
    either way a term that can be pasted back into a query."""
    best = max((ns for ns in QUERY_PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    local = iri[len(best):]
    if any(not _LOCAL_PLAIN.fullmatch(c) and c not in _LOCAL_ESCAPED for c in local):
        return f"<{iri}>"
    escaped = "".join(c if _LOCAL_PLAIN.fullmatch(c) else "\\" + c for c in local)
    prefix = next(p for p, ns in QUERY_PREFIXES.items() if ns == best)
    return f"{prefix}:{escaped}"


def table(names: Sequence[str], rows: Sequence[Sequence[object]], max_width: int | None = None) -> bytes:
    """An aligned plain-text table with a ``(N rows)`` footer; columns shrink to fit ``max_width``."""
    return _aligned(names, rows, max_width) + f"({len(rows)} row{'' if len(rows) == 1 else 's'})\n".encode()


def _aligned(names: Sequence[str], rows: Sequence[Sequence[object]], max_width: int | None) -> bytes:
    """The header, its rule and the rows of a table, aligned."""
    cells = [[cell(term) for term in row] for row in rows]
    right = [bool(rows) and all(_numeric(row[i]) for row in rows if row[i] is not None) for i in range(len(names))]
    widths = [max([width(n)] + [width(r[i]) for r in cells]) for i, n in enumerate(names)]
    if max_width:
        _fit(widths, max_width - 2 * (len(names) - 1))
    lines = [_line(names, widths, [False] * len(names)), "  ".join("-" * w for w in widths)]
    lines += [_line(r, widths, right) for r in cells]
    return "".join(line.rstrip() + "\n" for line in lines).encode("utf-8")


def _numeric(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


def _fit(widths: list[int], room: int, floor: int = 8) -> None:
    """Narrow the widest columns, one column at a time, until the row fits ``room`` (or all are at ``floor``)."""
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= floor:
            return
        widths[widest] -= 1


def _line(values: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    parts = []
    for value, w, r in zip(values, widths, right):
        value = _clip(value, w)
        pad = " " * (w - width(value))
        parts.append(pad + value if r else value + pad)
    return "  ".join(parts)


def _clip(text: str, w: int) -> str:
    if width(text) <= w:
        return text
    out, used = [], 0
    for c in text:
        if used + width(c) > w - 1:
            break
        out.append(c)
        used += width(c)
    return "".join(out) + "…"
