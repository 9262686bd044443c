"""RDF stage: one article's extraction -> the N-Quads of its graph, against ``ontology/kg.ttl``.

Entity IRIs are minted from the entity key (a hash), so the same input gives the
same IRIs, and entities with the same key in several articles are one node: the
whole graph is the merge of the article graphs (``kg/graph/export.py`` merges them on
disk). An entity's key determines its label, so every article names it alike; its
other surface forms in an article are ``skos:altLabel``s. Every relation triple is
reified as an ``rdf:Statement`` per supporting article and sentence, with PROV-O
provenance and the article's date. Each post an article gives an official is also a W3C
ORG ``org:Membership`` (one node per official and post) attested on the article's date
(``kg:attestedOn``); the interval of the dates attesting it is derived over the whole
build (``kg/graph/intervals.py``).

The graph of an article, named by the article's IRI, holds what the article
supports: its own description, the entities it mentions with the names, codes and
parents it gives them, and each relation triple it is evidence for together with the
statement recording that evidence. A measure or campaign has its types (``dcterms:subject``),
concepts of ``ontology/policy-types.ttl`` that the article's graph names with their labels.
"""
from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph

from ..text.script import to_simplified
from ..types import Extraction
from .vocab import ID, POLICY, POLICY_SCHEME, bind_prefixes, policy_labels, term

_CLASS_PATH = {"Locality": "locality", "Official": "official", "Post": "post", "Campaign": "campaign",
               "Measure": "measure", "CadreGroup": "cadre-group", "Organization": "organization",
               "Division": "locality"}  # a division some article names is the same node as that Locality
_T = term  # ox.NamedNode of a prefixed name: _T("kg:holds")
_TYPE, _LABEL, _ALT = _T("rdf:type"), _T("rdfs:label"), _T("skos:altLabel")
_MENTIONS, _ADMIN, _PART_OF, _POST_IN = _T("kg:mentions"), _T("kg:adminCode"), _T("kg:partOf"), _T("kg:postIn")
_KEY = _T("kg:identityKey")
_STATEMENT = [_T(f"rdf:{name}") for name in ("Statement", "subject", "predicate", "object")]
_DERIVED, _EVIDENCE, _START, _END = _T("prov:wasDerivedFrom"), _T("kg:evidence"), _T("kg:startOffset"), _T("kg:endOffset")
_CONFIDENCE, _EXTRACTOR = _T("kg:confidence"), _T("kg:extractor")
_INTEGER, _DECIMAL, _DATE = _T("xsd:integer"), _T("xsd:decimal"), _T("xsd:date")
_DCDATE = _T("dcterms:date")
_MEMBERSHIP, _MEMBER, _ROLE, _ORGANIZATION = (_T(f"org:{name}") for name in ("Membership", "member", "role", "organization"))
_ATTESTED = _T("kg:attestedOn")
_SUBJECT, _CONCEPT = _T("dcterms:subject"), _T("skos:Concept")
_IN_SCHEME, _PREF = _T("skos:inScheme"), _T("skos:prefLabel")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(cls: str, key: str) -> str:
    return f"{ID}{_CLASS_PATH[cls]}/{_digest(key)}"


def content_hash(text: str) -> str:
    """``kg:contentHash`` of an article: SHA-256 of its original text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_iri(article_id: str) -> str:
    return f"{ID}article/{_digest(article_id)}"


def membership_iri(official_key: str, post_key: str) -> str:
    """The ``org:Membership`` of an official in a post: one node across articles."""
    return f"{ID}membership/{_digest(official_key, post_key)}"


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def article_triples(ex: Extraction) -> list[ox.Triple]:
    """The triples of the article's graph (each once)."""
    return [ox.Triple(*t) for t in dict.fromkeys(_terms(ex))]


def _terms(ex: Extraction) -> list[tuple]:
    """The triples of the article's graph as (subject, predicate, object) terms, some more than once."""
    art = ox.NamedNode(article_iri(ex.article.id))
    triples = _article(art, ex)
    iri = {e.key: ox.NamedNode(entity_iri(e.cls, e.key)) for e in ex.entities}
    post_in = {e.key: e.post_in for e in ex.entities if e.post_in in iri}
    date = ox.Literal(ex.article.date, datatype=_DATE) if ex.article.date else None
    for e in ex.entities:
        node = iri[e.key]
        if e.cls != "Division":  # a division is the hierarchy of what the article names, not named itself
            triples.append((art, _MENTIONS, node))
        triples += [(node, _TYPE, _T(f"kg:{e.cls}")), (node, _LABEL, _zh(e.label)), (node, _KEY, ox.Literal(e.key))]
        triples += [(node, _ALT, _zh(alt)) for alt in e.alt_labels if alt != e.label]
        if e.admin_code:
            triples.append((node, _ADMIN, ox.Literal(e.admin_code)))
        # parents are entities of the same article (the extractors resolve them there)
        if e.part_of in iri:
            triples.append((node, _PART_OF, iri[e.part_of]))
        if e.post_in in iri:
            triples.append((node, _POST_IN, iri[e.post_in]))
        for concept in e.subjects:
            triples += _policy_type(node, concept)
    for f in ex.facts:
        s, p, o, ev = iri[f.subject], _T(f"kg:{f.predicate}"), iri[f.object], f.evidence
        st = ox.NamedNode(f"{ID}statement/{_digest(s.value, p.value, o.value, ev.article_id, str(ev.start))}")
        triples += [(s, p, o), (st, _TYPE, _STATEMENT[0]), (st, _STATEMENT[1], s), (st, _STATEMENT[2], p),
                    (st, _STATEMENT[3], o), (st, _DERIVED, art),
                    (st, _EVIDENCE, _zh(ev.sentence.strip() or ev.sentence)),
                    (st, _START, ox.Literal(str(ev.start), datatype=_INTEGER)),
                    (st, _END, ox.Literal(str(ev.end), datatype=_INTEGER)),
                    (st, _CONFIDENCE, ox.Literal(f"{ev.confidence:.2f}".rstrip("0").rstrip("."), datatype=_DECIMAL)),
                    (st, _EXTRACTOR, ox.Literal(ev.extractor))]
        if date is not None:
            triples.append((st, _DCDATE, date))
        if f.predicate == "holds":
            triples += _membership(f.subject, f.object, iri, post_in, date)
    return triples


def _policy_type(node: ox.NamedNode, concept: str) -> list[tuple]:
    """``node dcterms:subject`` the concept, and the concept's labels, so that a query of the graph
    alone reads its names (its definition is in ``ontology/policy-types.ttl``)."""
    iri = ox.NamedNode(POLICY[concept])
    labels = policy_labels()[concept]  # a type the cues give but the scheme lacks is kg's own error
    return [(node, _SUBJECT, iri), (iri, _TYPE, _CONCEPT), (iri, _IN_SCHEME, ox.NamedNode(POLICY_SCHEME)),
            *((iri, _PREF, ox.Literal(text, language=lang)) for lang, text in sorted(labels.items()))]


def _membership(official: str, post: str, iri: dict[str, ox.NamedNode], post_in: dict[str, str],
                date: ox.Literal | None) -> list[tuple]:
    """The official's membership in the post (W3C ORG), as this article attests it: the post is
    its role, and the post's organisation, when the article names it, its organisation. The
    articles that attest it are those of its ``kg:holds`` statements."""
    m = ox.NamedNode(membership_iri(official, post))
    out = [(m, _TYPE, _MEMBERSHIP), (m, _MEMBER, iri[official]), (m, _ROLE, iri[post])]
    if post in post_in:
        out.append((m, _ORGANIZATION, iri[post_in[post]]))
    if date is not None:
        out.append((m, _ATTESTED, date))
    return out


def article_block(ex: Extraction) -> bytes:
    """The article's graph as N-Quads lines, sorted, each once: one block of ``kg.nq``. Each term
    is written out once (pyoxigraph's N-Triples form), however many triples it is in."""
    graph = f" <{article_iri(ex.article.id)}> .\n"
    written: dict[int, str] = {}  # id of a term object -> its N-Triples form (the terms live till the end)

    def nt(node) -> str:
        form = written.get(id(node))
        if form is None:
            form = written[id(node)] = str(node)
        return form

    terms = _terms(ex)
    return "".join(sorted({f"{nt(s)} {nt(p)} {nt(o)}{graph}" for s, p, o in terms})).encode("utf-8")


def _article(art: ox.NamedNode, ex: Extraction) -> list[tuple]:
    a = ex.article
    out = [(art, _TYPE, _T("kg:Article")), (art, _T("dcterms:identifier"), ox.Literal(a.id)),
           (art, _T("kg:file"), ox.Literal(a.source)), (art, _T("kg:contentHash"), ox.Literal(content_hash(a.text)))]
    url = web_iri(a.url)
    if url is not None:
        out.append((art, _T("dcterms:source"), ox.NamedNode(url)))
    if ex.clean.title:  # the article's own title or its first line, unless that is site furniture
        out.append((art, _T("dcterms:title"), _zh(to_simplified(ex.clean.title))))
    if a.encoding:
        out.append((art, _T("kg:encoding"), ox.Literal(a.encoding)))
    if a.date:
        out += [(art, _DCDATE, ox.Literal(a.date, datatype=_DATE)), (art, _T("kg:dateSource"), ox.Literal(a.date_source or ""))]
    out += [(art, _T("kg:reporter"), _zh(name)) for name in ex.clean.reporters]
    return out


#: a character an IRI holds as it is: ASCII of RFC 3987's grammar, and the printable characters
#: beyond it; a space, control, format or private-use character, or a non-character, is
#: percent-encoded (U+2028 is a line break to rdflib's N-Triples reader; U+200F reorders text)
_IRI_AS_IS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}")
_IRI_ANY = re.compile(r"%[0-9A-Fa-f]{2}|.", re.DOTALL)


def _iri_text(text: str) -> str:
    def char(m: re.Match) -> str:
        c = m[0]
        if _IRI_AS_IS.fullmatch(c) or (c > "\x7f" and c.isprintable() and not "\ufff0" <= c <= "\uffff"):
            return c
        return urllib.parse.quote(c, safe="", errors="surrogatepass")

    return _IRI_ANY.sub(char, text)


def web_iri(url: str | None) -> str | None:
    """The IRI of an http(s) URL, with the characters an IRI may not hold, or that some readers
    of N-Triples break a line at, percent-encoded (as a browser sends them); ``None`` for
    any other URL, or one that is still no IRI (a bad host or port)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    scheme, _, rest = url.partition("://")
    host = re.match(r"[^/?#]*", rest).end()  # brackets are for an IPv6 host: in the path they are encoded
    iri = f"{scheme}://{_iri_text(rest[:host])}{_iri_text(rest[host:]).replace('[', '%5B').replace(']', '%5D')}"
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


def to_graph(extractions: Iterable[Extraction]) -> Graph:
    """The merged graph of some extractions, in memory (rdflib): for tests and small inputs;
    builds write the same triples through ``kg/graph/export.py``."""
    g = Graph()
    bind_prefixes(g)
    lines = {f"{t} .\n" for ex in extractions for t in article_triples(ex)}
    g.parse(data="".join(sorted(lines)), format="nt")
    return g
