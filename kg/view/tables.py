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
one, its store), keeping only the properties the tables use; the tables and the build's
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
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..graph.store import STORE, has_store, open_graph
from ..graph.vocab import term
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
_ARTICLE = term("kg:Article").value
Cell = str | int | float | None


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


@dataclass
class GraphData:
    """What the tables and the report need of a build's graph, by IRI."""

    labels: dict[str, str]
    classes: dict[str, str]  # entity -> its class (the first of ENTITY_CLASSES it has)
    parents: dict[str, list[str]]  # kg:partOf
    codes: dict[str, str]  # kg:adminCode
    post_in: dict[str, str]  # post -> organisation
    mentions: dict[str, list[str]]  # article -> entities
    types: dict[str, list[str]]  # initiative -> names of its policy types
    articles: dict[str, ArticleInfo]
    statements: list[Statement]

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
        if st.date or st.article not in self.articles:
            return st.date
        return self.articles[st.article].date


#: what the tables read of the graph, gathered by subject in one pass
_READ = {term(name).value: name for name in (
    "rdf:type", "rdfs:label", "skos:prefLabel", "kg:partOf", "kg:adminCode", "kg:postIn", "kg:mentions",
    "dcterms:subject", "dcterms:identifier", "dcterms:title", "dcterms:source", "dcterms:date", "rdf:subject",
    "rdf:predicate", "rdf:object", "prov:wasDerivedFrom", "kg:evidence", "kg:startOffset", "kg:confidence",
    "kg:extractor")}
Values = dict[str, dict[str, list]]  # property -> subject IRI -> its objects (terms)


def read_graph(build: Path) -> GraphData:
    """Read what the tables need from a build directory: its ``kg.nt``, else its store."""
    return read_triples(*_triples(build))


def read_triples(triples: Iterator[ox.Triple | ox.Quad], source: Path) -> GraphData:
    """What the tables need from a stream of the graph's triples, read from ``source``."""
    values: Values = {name: defaultdict(list) for name in _READ.values()}
    try:
        for t in triples:
            if (name := _READ.get(t.predicate.value)) is not None:
                values[name][t.subject.value].append(t.object)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{source}: unreadable ({' '.join(str(exc).split())}); rebuild it with: "
                         f"kg build INPUT --out {source.parent}") from exc
    return _assemble({name: {s: sorted(objs, key=str) for s, objs in found.items()}
                      for name, found in values.items()})


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


def _assemble(values: Values) -> GraphData:
    def one(name: str, node: str) -> str:
        found = values[name].get(node)
        return found[0].value if found else ""

    classes: dict[str, str] = {}
    order = {name: i for i, name in enumerate(ENTITY_CLASSES)}
    articles: dict[str, ArticleInfo] = {}
    dates = {node: _date(objs[0].value) for node, objs in values["dcterms:date"].items()}
    for node, types in values["rdf:type"].items():
        named = [_CLASSES[t.value] for t in types if t.value in _CLASSES]
        if named:
            classes[node] = min(named, key=order.__getitem__)
        if any(t.value == _ARTICLE for t in types):
            sources = values["dcterms:source"].get(node, ())
            articles[node] = ArticleInfo(
                one("dcterms:identifier", node), one("dcterms:title", node),
                next((s.value for s in sources if isinstance(s, ox.NamedNode)), ""), dates.get(node, ""),
                next((s.value for s in sources if isinstance(s, ox.Literal)), ""))
    labels = {node: name_of(objs) for node, objs in values["rdfs:label"].items()}
    pref = {node: name_of(objs) for node, objs in values["skos:prefLabel"].items()}
    statements = []
    for node in sorted(values["rdf:predicate"]):  # the same order from kg.nt or from the store
        relation = _RELATIONS.get(one("rdf:predicate", node))
        if relation is None:
            continue
        start, confidence = one("kg:startOffset", node), one("kg:confidence", node)
        statements.append(Statement(
            one("rdf:subject", node), relation, one("rdf:object", node), one("prov:wasDerivedFrom", node),
            one("kg:evidence", node), int(start) if start.lstrip("-").isdigit() else 0,
            float(confidence) if confidence else None, one("kg:extractor", node), dates.get(node, "")))
    return GraphData(
        labels=labels, classes=classes,
        parents={n: [p.value for p in ps] for n, ps in values["kg:partOf"].items()},
        codes={n: objs[0].value for n, objs in values["kg:adminCode"].items()},
        post_in={n: objs[0].value for n, objs in values["kg:postIn"].items()},
        mentions={n: [e.value for e in es] for n, es in values["kg:mentions"].items()},
        types={n: sorted({pref.get(c.value) or labels.get(c.value) or c.value for c in cs})
               for n, cs in values["dcterms:subject"].items()},
        articles=articles, statements=statements)


def name_of(values: Sequence[ox.NamedNode | ox.Literal]) -> str:
    """A node's name among its labels: Chinese first, then untagged, then any; the least of them."""
    literals = [v for v in values if isinstance(v, ox.Literal)]
    rank = (lambda v: 0 if (v.language or "").startswith("zh") else 1 if not v.language else 2)
    best = min(literals, key=lambda v: (rank(v), v.value), default=None)
    return best.value if best is not None else ""


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
    actors: dict[tuple[str, str | None], list] = defaultdict(list)
    for st in data.statements:
        if st.relation in ("launches", "issues"):
            key = (-(st.confidence or 0), data.labels.get(st.subject, ""), st.subject)
            actors[(st.object, st.article)].append(key)
            actors[(st.object, None)].append(key)
    for st in data.statements:
        if st.relation == "targets":
            ranked = actors.get((st.subject, st.article)) or actors.get((st.subject, None))
            yield st, data.place(min(ranked)[2]) if ranked else Place()
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
    return {"facts": facts, "careers": careers, "adoptions": adoptions}[name](read_graph(build))


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

