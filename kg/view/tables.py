"""``kg table``: tidy tables of a build, with names, never IRIs: ``facts``, ``careers``, ``adoptions``.

One row per observation, one column per variable, as pandas or a spreadsheet take them:

- ``facts``: one row per relation statement (a fact and the sentence of one article that
  supports it), with the classes of its ends, where it happened (locality, prefecture, province
  through ``kg:partOf``), its date, confidence, rule and evidence;
- ``careers``: one row per official and post (``holds``), as career databases such as CPED keep
  them: the organisation and place of the post, the first and last dates the articles attest it;
- ``adoptions``: one row per ``launches`` or ``issues`` statement: which locality adopted which
  measure or campaign, of which policy types (``dcterms:subject``), when, after which article.

The graph is read once (``read_graph``), in one pass over the build's ``kg.nt`` (or, without
one, its store), keeping only the properties the tables use, in an SQLite file rather than in
memory (a build's memory must not grow with its corpus); the tables and the build's
``report.html`` are made from that.
Terms other parts of kg may add are read where present and left empty otherwise: the date of a
statement or its article (``dcterms:date``, a plain or ``xsd:date`` literal), the policy types
of an initiative (``dcterms:subject`` -> ``skos:prefLabel``).
"""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import tempfile
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..errors import InputError
from ..graph.store import STORE, has_store, open_graph
from ..graph.vocab import term
from ..scratch import disk_errors, open_scratch
from ..text.script import to_simplified
from ..types import ENTITY_CLASSES, RELATIONS

#: each table's columns, in order
COLUMNS: dict[str, tuple[str, ...]] = {
    "facts": ("subject", "relation", "object", "subject_class", "object_class", "locality", "prefecture",
              "province", "admin_code", "date", "confidence", "extractor", "evidence", "evidence_original",
              "article", "url"),
    "careers": ("official", "post", "organisation", "locality", "prefecture", "province", "first_seen",
                "last_seen", "articles", "article_ids"),
    "adoptions": ("locality", "prefecture", "province", "admin_code", "initiative", "initiative_class", "types",
                  "relation", "date", "confidence", "article", "url", "evidence"),
}
FORMATS = ("csv", "tsv", "json")
#: a date kg can order and count by year: ISO 8601, perhaps with a time after it
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CLASSES = {term(f"kg:{name}").value: name for name in ENTITY_CLASSES}
_RELATIONS = {term(f"kg:{name}").value: name for name in RELATIONS}
ARTICLE = term("kg:Article").value
Cell = str | int | float | None
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Statement:
    """One relation statement: IRIs of its ends and article, what the article says of it."""

    subject: str
    relation: str
    object: str
    article: str
    evidence: str
    start: int
    confidence: float | None
    extractor: str
    date: str


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    identifier: str
    title: str
    url: str
    date: str
    source: str = ""  # the file it was read from, where it has no URL


@dataclass(frozen=True, slots=True)
class Place:
    """Where an entity is: the locality it is or belongs to, and above it the prefecture and province."""

    locality: str = ""
    prefecture: str = ""
    province: str = ""
    admin_code: str = ""
    node: str = ""  # the IRIs of the locality and its province (the report links to them)
    province_node: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


class GraphData:
    """What the tables and the report need of a build's graph, by IRI.

    The graph's triples of the properties read (``_READ``) are kept in an SQLite file in a
    temporary folder, not in memory, so a graph of millions of articles is read in bounded
    memory; each mapping below looks its node up there when asked (the last ones asked kept).
    ``close()`` (or the end of a ``with`` block, or the object's collection) removes the folder."""

    def __init__(self, db: sqlite3.Connection, folder: tempfile.TemporaryDirectory) -> None:
        self.db = db
        self._finalizer = weakref.finalize(self, _close, db, folder)
        self.labels: Mapping[str, str] = _Lookup(self._label, self._subjects("rdfs:label"))
        self.classes: Mapping[str, str] = _Lookup(self._class, self._with_class)
        self.parents: Mapping[str, list[str]] = _Lookup(self._parents, self._subjects("kg:partOf"))
        self.codes: Mapping[str, str] = _Lookup(partial(self._first, "kg:adminCode"), self._subjects("kg:adminCode"))
        self.post_in: Mapping[str, str] = _Lookup(partial(self._first, "kg:postIn"), self._subjects("kg:postIn"))
        self.mentions: Mapping[str, list[str]] = _Lookup(partial(self._all, "kg:mentions"), self._subjects("kg:mentions"))
        self.types: Mapping[str, list[str]] = _Lookup(self._types, self._subjects("dcterms:subject"))
        self.articles: Mapping[str, ArticleInfo] = _Lookup(self._article, self._article_nodes)
        self._actors = lru_cache(maxsize=_CACHED)(self._actors_of)

    def __enter__(self) -> GraphData:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._finalizer()

    @property
    def statements(self) -> Iterator[Statement]:
        """The relation statements, by the IRI of the statement node (the same order from ``kg.nt`` or the store)."""
        ends = ", ".join(f"MIN(CASE WHEN v.p = {PROPERTIES[name]} THEN v.o END)" for name in _STATEMENT)
        query = (f"SELECT n.s, {ends} FROM v AS n JOIN v ON v.s = n.s WHERE n.p = {PROPERTIES['rdf:predicate']} "
                 f"AND n.o IN ({_marks(_RELATIONS)}) GROUP BY n.s ORDER BY n.s")
        for _, subject, predicate, obj, article, evidence, start, confidence, extractor, date in self.db.execute(
                query, list(_RELATIONS)):
            yield Statement(subject or "", _RELATIONS[predicate], obj or "", article or "", evidence or "",
                            int(start) if start and start.lstrip("-").isdigit() else 0,
                            float(confidence) if confidence else None, extractor or "", _date(date) if date else "")

    def actor(self, initiative: str, article: str) -> str | None:
        """The locality or organisation launching or issuing ``initiative`` in ``article``, else in
        any article: the surest statement's, then the least by name."""
        found = self._actors(initiative)
        ranked = [key for key, where in found if where == article] or [key for key, _ in found]
        return min(ranked)[2] if ranked else None

    def place(self, node: str, article: str | None = None) -> Place:
        """The place of an entity: a locality is its own; an organisation, post or initiative is
        placed by the locality it belongs to (``kg:postIn``, ``kg:partOf``), a post the graph does
        not place by the longest locality its article names that its name begins with."""
        locality = self._locality(node, article)
        if locality is None:
            return Place()
        above = self._ancestors(locality)
        codes = [(self.codes.get(n, ""), n) for n in above]
        province = next((n for code, n in codes if code.endswith("0000")), None)
        prefecture = next((n for code, n in codes if code.endswith("00") and not code.endswith("0000")), None)
        return Place(self.labels.get(locality, ""), self.labels.get(prefecture, "") if prefecture else "",
                     self.labels.get(province, "") if province else "", self.codes.get(locality, ""), locality,
                     province or "")

    def _locality(self, node: str, article: str | None) -> str | None:
        seen, up = set(), node
        while up is not None and up not in seen:
            seen.add(up)
            if self.classes.get(up) in ("Locality", "Division"):
                return up
            up = self.post_in.get(up) or next(iter(self.parents.get(up, ())), None)
        if article is None or self.classes.get(node) != "Post":
            return None
        # a post the graph leaves unplaced (陈集镇乡长) is placed by the locality its name begins with
        name = self.labels.get(node, "")
        named = [n for n in self.mentions.get(article, ()) if self.classes.get(n) == "Locality"
                 and (label := self.labels.get(n, "")) and name.startswith(label) and len(label) < len(name)]
        return max(named, key=lambda n: (len(self.labels[n]), n), default=None)

    def _ancestors(self, node: str) -> list[str]:
        """``node`` and the units above it, nearest first (breadth first, parents in IRI order)."""
        order, frontier = [node], [node]
        while frontier:
            frontier = [p for n in frontier for p in sorted(self.parents.get(n, ())) if p not in order]
            frontier = list(dict.fromkeys(frontier))
            order += frontier
        return order

    def article(self, st: Statement) -> ArticleInfo:
        return self.articles.get(st.article) or ArticleInfo("", "", "", "")

    def date(self, st: Statement) -> str:
        """The statement's date, else its article's."""
        if st.date:
            return st.date
        info = self.articles.get(st.article)
        return info.date if info else ""

    def _values(self, name: str, node: str, kind: str = "") -> list[str]:
        return [o for o, in self.db.execute(f"SELECT o FROM v WHERE s = ? AND p = ? {kind} ORDER BY k, o",
                                            (node, PROPERTIES[name]))]

    def _first(self, name: str, node: str) -> str | None:
        found = self._values(name, node)
        return found[0] if found else None

    def _all(self, name: str, node: str) -> list[str] | None:
        return self._values(name, node) or None

    def _label(self, node: str) -> str | None:
        """A node's name among its labels: Chinese first, then untagged, then any; the least of them."""
        if not self.db.execute("SELECT 1 FROM v WHERE s = ? AND p = ?", (node, PROPERTIES["rdfs:label"])).fetchone():
            return None
        found = self._values("rdfs:label", node, f"AND k > {_IRI}")
        return found[0] if found else ""

    def _class(self, node: str) -> str | None:
        named = [_CLASSES[t] for t in self._values("rdf:type", node) if t in _CLASSES]
        return min(named, key=ENTITY_CLASSES.index) if named else None

    def _parents(self, node: str) -> list[str] | None:
        return sorted(self._values("kg:partOf", node), key=lambda iri: f"<{iri}>") or None

    def _types(self, node: str) -> list[str] | None:
        concepts = self._values("dcterms:subject", node)
        return sorted({self._name(c) for c in concepts}) or None

    def _name(self, concept: str) -> str:
        pref = self._values("skos:prefLabel", concept, f"AND k > {_IRI}")
        return pref[0] if pref else self.labels.get(concept) or concept

    def _article(self, node: str) -> ArticleInfo | None:
        if ARTICLE not in self._values("rdf:type", node):
            return None
        sources = self.db.execute(f"SELECT k, o FROM v WHERE s = ? AND p = {PROPERTIES['dcterms:source']} ORDER BY k, o",
                                  (node,)).fetchall()
        date = self._first("dcterms:date", node)
        return ArticleInfo(self._first("dcterms:identifier", node) or "", self._first("dcterms:title", node) or "",
                           next((o for k, o in sources if k == _IRI), ""), _date(date) if date else "",
                           next((o for k, o in sources if k != _IRI), ""))

    def _actors_of(self, initiative: str) -> list[tuple[tuple[float, str, str], str]]:
        rows = self.db.execute(
            f"SELECT a.o, c.o, d.o FROM v AS n JOIN v AS r ON r.s = n.s AND r.p = {PROPERTIES['rdf:predicate']} "
            f"JOIN v AS a ON a.s = n.s AND a.p = {PROPERTIES['rdf:subject']} "
            f"LEFT JOIN v AS c ON c.s = n.s AND c.p = {PROPERTIES['kg:confidence']} "
            f"LEFT JOIN v AS d ON d.s = n.s AND d.p = {PROPERTIES['prov:wasDerivedFrom']} "
            f"WHERE n.p = {PROPERTIES['rdf:object']} AND n.o = ? AND r.o IN (?, ?)",
            (initiative, *_ADOPTING)).fetchall()
        return [((-(float(conf) if conf else 0), self.labels.get(actor, ""), actor), article or "")
                for actor, conf, article in rows]

    def _subjects(self, name: str) -> Callable[[], Iterator[str]]:
        return lambda: (s for s, in self.db.execute("SELECT DISTINCT s FROM v WHERE p = ? ORDER BY s", (PROPERTIES[name],)))

    def _with_class(self) -> Iterator[str]:
        query = f"SELECT DISTINCT s FROM v WHERE p = ? AND o IN ({_marks(_CLASSES)}) ORDER BY s"
        return (s for s, in self.db.execute(query, (PROPERTIES["rdf:type"], *_CLASSES)))

    def _article_nodes(self) -> Iterator[str]:
        return (s for s, in self.db.execute("SELECT s FROM v WHERE p = ? AND o = ? ORDER BY s",
                                            (PROPERTIES["rdf:type"], ARTICLE)))


class _Lookup(Mapping[str, T]):
    """A read-only mapping whose values are looked up when asked (``None``: no such key); its keys
    are listed by a query."""

    def __init__(self, lookup: Callable[[str], T | None], keys: Callable[[], Iterator[str]]) -> None:
        self._lookup, self._keys = lru_cache(maxsize=_CACHED)(lookup), keys

    def __getitem__(self, node: str) -> T:
        value = self._lookup(node)
        if value is None:
            raise KeyError(node)
        return value

    def __iter__(self) -> Iterator[str]:
        return self._keys()

    def __len__(self) -> int:
        return sum(1 for _ in self._keys())


def _close(db: sqlite3.Connection, folder: tempfile.TemporaryDirectory) -> None:
    db.close()
    folder.cleanup()


#: what the tables read of the graph
_READ_NAMES = (
    "rdf:type", "rdfs:label", "skos:prefLabel", "kg:partOf", "kg:adminCode", "kg:postIn", "kg:mentions",
    "dcterms:subject", "dcterms:identifier", "dcterms:title", "dcterms:source", "dcterms:date", "rdf:subject",
    "rdf:predicate", "rdf:object", "prov:wasDerivedFrom", "kg:evidence", "kg:startOffset", "kg:confidence",
    "kg:extractor")
#: the number each property read has in the index (``v.p``)
PROPERTIES = {name: i for i, name in enumerate(_READ_NAMES)}
_READ = {term(name).value: i for i, name in enumerate(_READ_NAMES)}
#: the columns of a statement, in ``Statement``'s order
_STATEMENT = ("rdf:subject", "rdf:predicate", "rdf:object", "prov:wasDerivedFrom", "kg:evidence",
              "kg:startOffset", "kg:confidence", "kg:extractor", "dcterms:date")
#: the relations of an adoption (a locality launching a campaign or issuing a measure)
ADOPTING = ("launches", "issues")
_ADOPTING = tuple(term(f"kg:{name}").value for name in ADOPTING)
#: the kind ``k`` of an object in the index: an IRI (or blank node), a Chinese, untagged or other literal
_IRI, _ZH, _PLAIN, _OTHER = range(4)
#: nodes whose lookups each mapping keeps
_CACHED = 1 << 12
_SCHEMA = ("CREATE TABLE v (s TEXT NOT NULL, p INTEGER NOT NULL, o TEXT NOT NULL, k INTEGER NOT NULL, "
           "PRIMARY KEY (s, p, k, o)) WITHOUT ROWID")


def _marks(values: Sequence | Mapping) -> str:
    return ", ".join("?" * len(values))


def _kind(obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> int:
    if not isinstance(obj, ox.Literal):
        return _IRI
    language = obj.language or ""
    return _ZH if language.startswith("zh") else _PLAIN if not language else _OTHER


def read_graph(build: Path) -> GraphData:
    """Read what the tables need from a build directory: its ``kg.nt``, else its store."""
    return read_triples(*_triples(build))


def read_triples(triples: Iterator[ox.Triple | ox.Quad], source: Path, folder: Path | None = None) -> GraphData:
    """What the tables need from a stream of the graph's triples, read from ``source``; the index is
    kept in a temporary folder in ``folder`` (default: the system's)."""
    tmp = tempfile.TemporaryDirectory(prefix="kg-tables-", dir=folder)
    path = Path(tmp.name) / "graph.db"
    db = open_scratch(path, 16384)
    data = GraphData(db, tmp)
    rows = ((t.subject.value, p, t.object.value, _kind(t.object)) for t in triples
            if (p := _READ.get(t.predicate.value)) is not None)
    with disk_errors(path):
        db.execute(_SCHEMA)
        try:
            for batch in iter(lambda: list(islice(rows, 1 << 16)), []):
                db.executemany("INSERT OR IGNORE INTO v VALUES (?, ?, ?, ?)", batch)
        except (SyntaxError, ValueError, OSError) as exc:
            data.close()
            raise InputError(f"{source}: unreadable ({' '.join(str(exc).split())}); rebuild it with: "
                             f"kg build INPUT --out {source.parent}") from exc
        db.execute("CREATE INDEX v_by_value ON v (p, o, s)")
        db.commit()
    return data


def _triples(build: Path) -> tuple[Iterator[ox.Triple | ox.Quad], Path]:
    """The build's graph as a stream: ``kg.nt`` parsed (several times faster than the store's
    lookups of every term), else the default graph of its store."""
    if not build.is_dir():
        raise InputError(f"{build}: not a build directory; give the folder kg build wrote ({build.parent})"
                         if build.exists() else f"{build}: no such build directory; build one with: "
                                                f"kg build INPUT --out {build}")
    nt = build / "kg.nt"
    if nt.is_file():
        return ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), nt
    if has_store(build):
        return open_graph(build).store.quads_for_pattern(None, None, None, ox.DefaultGraph()), build / STORE
    raise InputError(f"{build}: no kg build here (no kg.nt and no store/); build one with: "
                     f"kg build INPUT --out {build}")



def _date(value: str) -> str:
    """A date as kg writes it in tables: ``YYYY-MM-DD`` when it is one (a time after it dropped), else as given."""
    value = " ".join(value.split())
    return value[:10] if _ISO_DATE.match(value) else value


def year_of(date: str) -> str:
    return date[:4] if _ISO_DATE.match(date) else ""


def tables(data: GraphData) -> dict[str, Table]:
    """The three tables of a build's graph."""
    return {"facts": facts(data), "careers": careers(data), "adoptions": adoptions(data)}


def _cell(text: str) -> str | None:
    return text or None


def _last_if_empty(*values: str) -> tuple:
    """A sort key putting empty values after the others."""
    return tuple(x for v in values for x in (v == "", v))


def placed(data: GraphData) -> Iterator[tuple[Statement, Place]]:
    """Each statement and where it happened: the acting locality of ``launches`` and ``issues``, the
    post's of ``holds``; for ``targets``, the locality launching or issuing the initiative in the
    same article, else in any (the surest statement's, then the least by name)."""
    for st in data.statements:
        if st.relation == "targets":
            actor = data.actor(st.subject, st.article)
            yield st, data.place(actor) if actor else Place()
        else:
            yield st, data.place(st.object if st.relation == "holds" else st.subject, st.article)


def facts(data: GraphData) -> Table:
    """One row per relation statement, in article order, then by the evidence's place in it."""
    rows = []
    for st, place in placed(data):
        art = data.article(st)
        rows.append(((art.identifier, st.start, RELATIONS.index(st.relation), data.labels.get(st.subject, ""),
                      data.labels.get(st.object, "")), (
            data.labels.get(st.subject, ""), st.relation, data.labels.get(st.object, ""),
            data.classes.get(st.subject), data.classes.get(st.object), _cell(place.locality),
            _cell(place.prefecture), _cell(place.province), _cell(place.admin_code), _cell(data.date(st)),
            st.confidence, _cell(st.extractor), _cell(to_simplified(st.evidence)), _cell(st.evidence),
            _cell(art.identifier), _cell(art.url))))
    return Table("facts", COLUMNS["facts"], [row for _, row in sorted(rows, key=lambda r: r[0])])


def careers(data: GraphData) -> Table:
    """One row per official and post, with the first and last dates the articles attesting it bear."""
    held: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for st in data.statements:
        if st.relation == "holds":
            held[(st.subject, st.object)].append(st)
    rows = []
    for (official, post), sts in held.items():
        by_article = sorted(sts, key=lambda st: data.article(st).identifier)
        place = next((p for st in by_article if (p := data.place(post, st.article)).locality), Place())
        dates = sorted(d for st in sts if _ISO_DATE.match(d := data.date(st)))
        ids = sorted({data.articles[st.article].identifier for st in sts if st.article in data.articles})
        organisation = data.labels.get(data.post_in.get(post, ""), "")
        row = (data.labels.get(official, ""), data.labels.get(post, ""), _cell(organisation), _cell(place.locality),
               _cell(place.prefecture), _cell(place.province), dates[0] if dates else None,
               dates[-1] if dates else None, len(ids), " ".join(ids) or None)
        rows.append(row)
    rows.sort(key=lambda r: (r[0], *_last_if_empty(r[6] or ""), r[1], r[2] or "", r[3] or ""))
    return Table("careers", COLUMNS["careers"], rows)


def adoptions(data: GraphData) -> Table:
    """One row per ``launches`` or ``issues`` statement, by province, prefecture, locality, then date."""
    rows = []
    for st, place in placed(data):
        if st.relation not in ("launches", "issues"):
            continue
        art = data.article(st)
        date = data.date(st)
        rows.append(((*_last_if_empty(place.province, place.prefecture, place.locality, date),
                      data.labels.get(st.object, ""), art.identifier, st.start), (
            _cell(place.locality or data.labels.get(st.subject, "")), _cell(place.prefecture),
            _cell(place.province), _cell(place.admin_code), data.labels.get(st.object, ""),
            data.classes.get(st.object), "; ".join(data.types.get(st.object, ())) or None, st.relation,
            _cell(date), st.confidence, _cell(art.identifier), _cell(art.url), _cell(to_simplified(st.evidence)))))
    return Table("adoptions", COLUMNS["adoptions"], [row for _, row in sorted(rows, key=lambda r: r[0])])


def table(build: Path, name: str) -> Table:
    """The table ``name`` (facts, careers, adoptions) of the build in ``build``."""
    if name not in COLUMNS:
        raise InputError(f"no table {name!r}; choose one of {', '.join(COLUMNS)}")
    with read_graph(build) as data:
        return {"facts": facts, "careers": careers, "adoptions": adoptions}[name](data)


def serialise(tab: Table, fmt: str) -> bytes:
    """The table as CSV (RFC 4180: CRLF, quoted where needed), TSV (one line a row) or a JSON list of
    objects (missing values null); every cell on one line."""
    if fmt == "json":
        return (json.dumps(tab.records(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt not in ("csv", "tsv"):
        raise InputError(f"no format {fmt!r}; kg table writes {', '.join(FORMATS)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n") if fmt == "csv" else csv.writer(
        out, delimiter="\t", lineterminator="\n")
    writer.writerow(tab.columns)
    writer.writerows([_flat(value) for value in row] for row in tab.rows)
    return out.getvalue().encode("utf-8")


def _flat(value: Cell) -> str:
    """A cell as text on one line (a sentence's line breaks and tabs become spaces)."""
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)

