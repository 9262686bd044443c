"""RDF stage: extractions -> one rdflib Graph against ``ontology/kg.ttl``.

Entity IRIs are minted from the entity key (a hash), so the same input gives the
same IRIs; entities with the same key across articles are one node carrying every
surface form as ``skos:altLabel``. Every relation triple is reified as an
``rdf:Statement`` per supporting article and sentence, with PROV-O provenance.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from .clean import to_simplified
from .types import Extraction
from .vocab import ID, KG, bind_prefixes

_CLASS_PATH = {"Locality": "locality", "Official": "official", "Post": "post", "Campaign": "campaign",
               "Measure": "measure", "CadreGroup": "cadre-group", "Organization": "organization"}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(cls: str, key: str) -> URIRef:
    return ID[f"{_CLASS_PATH[cls]}/{_digest(key)}"]


def content_hash(text: str) -> str:
    """``kg:contentHash`` of an article: SHA-256 of its original text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{_digest(article_id)}"]


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def to_graph(extractions: Iterable[Extraction]) -> Graph:
    """Build the graph of all extractions (entities merged by key across articles)."""
    g = Graph()
    bind_prefixes(g)
    labels: dict[URIRef, str] = {}
    alts: dict[URIRef, set[str]] = {}
    iri_of: dict[str, URIRef] = {}
    for ex in extractions:
        art = article_iri(ex.article.id)
        _article(g, art, ex)
        for e in ex.entities:
            iri = iri_of.setdefault(e.key, entity_iri(e.cls, e.key))
            g.add((iri, RDF.type, KG[e.cls]))
            labels.setdefault(iri, e.label)
            alts.setdefault(iri, set()).update({e.label, *e.alt_labels})
            if e.admin_code:
                g.add((iri, KG.adminCode, Literal(e.admin_code)))
            g.add((art, KG.mentions, iri))
        for e in ex.entities:
            iri = iri_of[e.key]
            if e.part_of and e.part_of in iri_of:
                g.add((iri, KG.partOf, iri_of[e.part_of]))
            if e.post_in and e.post_in in iri_of:
                g.add((iri, KG.postIn, iri_of[e.post_in]))
        for f in ex.facts:
            s, o, p = iri_of[f.subject], iri_of[f.object], KG[f.predicate]
            g.add((s, p, o))
            ev = f.evidence
            st = ID[f"statement/{_digest(str(s), str(p), str(o), ev.article_id, str(ev.start))}"]
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            g.add((st, PROV.wasDerivedFrom, art))
            g.add((st, KG.evidence, _zh(ev.sentence.strip() or ev.sentence)))
            g.add((st, KG.startOffset, Literal(ev.start, datatype=XSD.integer)))
            g.add((st, KG.endOffset, Literal(ev.end, datatype=XSD.integer)))
            g.add((st, KG.confidence, Literal(Decimal(str(round(ev.confidence, 2))), datatype=XSD.decimal)))
            g.add((st, KG.extractor, Literal(ev.extractor)))
    for iri, label in labels.items():
        g.add((iri, RDFS.label, _zh(label)))
        for alt in sorted(alts[iri] - {label}):
            g.add((iri, SKOS.altLabel, _zh(alt)))
    return g


def _article(g: Graph, art: URIRef, ex: Extraction) -> None:
    a = ex.article
    g.add((art, RDF.type, KG.Article))
    g.add((art, DCTERMS.identifier, Literal(a.id)))
    title = a.title or ex.clean.title
    if title:
        g.add((art, DCTERMS.title, _zh(to_simplified(title))))
    g.add((art, DCTERMS.source, URIRef(a.url) if a.url and a.url.startswith(("http://", "https://")) else Literal(a.source)))
    g.add((art, KG.contentHash, Literal(content_hash(a.text))))
    if a.encoding:
        g.add((art, KG.encoding, Literal(a.encoding)))
    if a.date:
        g.add((art, DCTERMS.date, Literal(a.date)))
    for name in ex.clean.reporters:
        g.add((art, KG.reporter, _zh(name)))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the rename: a machine crash leaves old or new, never empty
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialize(g: Graph, path: Path, fmt: str = "turtle") -> None:
    """Serialise deterministically (rdflib's Turtle sorts subjects and predicates)."""
    write_atomic(path, g.serialize(format=fmt, encoding="utf-8"))
