"""Standard exports beside ``kg.ttl``: N-Triples, N-Quads and TriG (one named graph per
article), JSON-LD with a context, and copies of the ontology and the SHACL shapes.

Every file is deterministic (sorted lines, sorted graphs, canonical JSON) and
written atomically. The named graph of an article, named by the article's IRI,
holds the facts it supports: its own description, the entities it mentions with
their names, codes and parents, and each relation triple it is evidence for
together with the ``rdf:Statement`` that records that evidence. An entity
mentioned by three articles is described in all three graphs, so the merge of the
graphs is exactly the graph of ``kg.ttl``.

rdflib writes N-Triples; the quads are computed and written with pyoxigraph, whose
N-Quads and TriG writers are an order of magnitude faster than rdflib's Dataset on
graphs of a few hundred thousand triples (``benchmarks/store.py``).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from .rdf import write_atomic
from .vocab import KG, ONTOLOGY_DIR, PREFIXES

#: copies of the ontology and its shapes, so a build directory is self-contained
ONTOLOGY_COPIES = {"ontology.ttl": ONTOLOGY_DIR / "kg.ttl", "shapes.ttl": ONTOLOGY_DIR / "shapes.ttl"}
#: the context of ``kg.jsonld``: kg's prefixes plus rdf
JSONLD_CONTEXT = {**PREFIXES, "rdf": str(RDF)}
#: prefixes of kg.trig: kgid: is left out, its local names have slashes that TriG would escape
_TRIG_PREFIXES = {p: ns for p, ns in JSONLD_CONTEXT.items() if p != "kgid"}
_PREFIX_OF = {ns: p for p, ns in JSONLD_CONTEXT.items()}
_TYPE, _ARTICLE, _MENTIONS = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Article)), ox.NamedNode(str(KG.mentions))
_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
_REIFIED = {ox.NamedNode(str(RDF.subject)): 0, ox.NamedNode(str(RDF.predicate)): 1, ox.NamedNode(str(RDF.object)): 2}


def write_exports(graph: Graph, out: Path) -> None:
    """Write every export of ``graph`` and the ontology copies into ``out``."""
    ntriples = sorted_lines(graph.serialize(format="nt", encoding="utf-8"))
    quads = sorted(article_quads(list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))), key=_quad_order)
    write_atomic(out / "kg.nt", ntriples)
    write_atomic(out / "kg.nq", sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))
    write_atomic(out / "kg.trig", ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_TRIG_PREFIXES))
    write_atomic(out / "kg.jsonld", jsonld(graph))
    for name, source in ONTOLOGY_COPIES.items():
        write_atomic(out / name, source.read_bytes())


def article_quads(triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    """Each triple in the graph of every article that supports it.

    A triple no article supports (none in a graph kg builds) stays in the default graph.
    """
    triples = list(triples)
    articles = {t.subject for t in triples if t.predicate == _TYPE and t.object == _ARTICLE}
    mentioned_by: dict[Any, set] = defaultdict(set)
    source_of: dict[Any, set] = defaultdict(set)  # statement -> its articles
    reified: dict[Any, list] = defaultdict(lambda: [None, None, None])  # statement -> (s, p, o)
    for t in triples:
        if t.predicate == _MENTIONS:
            mentioned_by[t.object].add(t.subject)
        elif t.predicate == _DERIVED:
            source_of[t.subject].add(t.object)
        elif t.predicate in _REIFIED:
            reified[t.subject][_REIFIED[t.predicate]] = t.object
    supported_by: dict[tuple, set] = defaultdict(set)  # relation triple -> articles that are evidence for it
    for st, (s, p, o) in reified.items():
        supported_by[(s, p, o)] |= source_of.get(st, set())
    for t in triples:
        s = t.subject
        # a relation triple belongs to the articles that are evidence for it, not to every mention
        homes = (supported_by.get((s, t.predicate, t.object)) or ({s} if s in articles else None)
                 or source_of.get(s) or mentioned_by.get(s) or {ox.DefaultGraph()})
        for home in homes:
            yield ox.Quad(s, t.predicate, t.object, home)


def _quad_order(q: ox.Quad) -> tuple[bool, str, str, str, str]:
    """Graph by graph (the default graph last), then subject, predicate, object."""
    default = isinstance(q.graph_name, ox.DefaultGraph)
    return default, "" if default else q.graph_name.value, str(q.subject), str(q.predicate), str(q.object)


def sorted_lines(data: bytes) -> bytes:
    """N-Triples or N-Quads with its lines sorted (the writers follow hash or input order)."""
    lines = sorted(line for line in data.splitlines(keepends=True) if line.strip())
    return b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines)


def jsonld(graph: Graph) -> bytes:
    """JSON-LD in flattened form: one node object per subject, IRIs shortened by ``JSONLD_CONTEXT``.

    Written here rather than by rdflib's serializer, which keeps nodes in hash order and
    drops an empty literal that shares a property with an IRI.
    """
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        node = nodes[_compact(s)]
        if p == RDF.type and isinstance(o, URIRef):
            node["@type"].append(_compact(o))
        else:
            node[_compact(p)].append(_value(o))
    flat = [{"@id": node_id, **{key: _one_or_all(values) for key, values in props.items()}}
            for node_id, props in sorted(nodes.items())]
    data = {"@context": JSONLD_CONTEXT, "@graph": flat}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _compact(term: Node) -> str:
    """``kg:holds`` for an IRI under one of the context's prefixes, the IRI itself otherwise; ``_:x`` for a blank node."""
    if isinstance(term, BNode):
        return f"_:{term}"
    iri = str(term)
    best = max((ns for ns in JSONLD_CONTEXT.values() if iri.startswith(ns)), key=len, default=None)
    local = iri[len(best):] if best else ""
    if not best or not local or local.startswith("//"):  # a compact IRI needs a local part that is no authority
        return iri
    return f"{_PREFIX_OF[best]}:{local}"


def _value(term: Node) -> dict[str, str] | str:
    if not isinstance(term, Literal):
        return {"@id": _compact(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and term.datatype != XSD.string:
        return {"@value": str(term), "@type": _compact(term.datatype)}
    return str(term)  # a plain string is an xsd:string literal (the context sets no default language)


def _one_or_all(values: list) -> Any:
    """The value, or the values sorted: JSON-LD arrays outside ``@list`` are sets."""
    if len(values) == 1:
        return values[0]
    return sorted(values, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
