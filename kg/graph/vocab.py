"""RDF vocabulary of kg: the ``KG`` ontology namespace, entity IRIs and prefixes.

``KG`` mirrors ``ontology/kg.ttl`` term for term; it is closed (``_fail``), so a
misspelt term raises ``AttributeError`` instead of minting a new IRI.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

#: Namespace of every node kg mints: ``ID["locality/3a9f0c..."]``, ``ID["article/000_..."]``.
ID = Namespace("https://w3id.org/cadre-kg/id/")
#: The SKOS scheme of the types of measures and campaigns (``ontology/policy-types.ttl``), and the
#: namespace of its concepts: ``POLICY["fault-tolerance"]``.
POLICY_SCHEME = URIRef("https://w3id.org/cadre-kg/policy-types")
POLICY = Namespace(f"{POLICY_SCHEME}#")


def _ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl``.

    The repository's ``ontology/`` in a source checkout or editable install;
    otherwise the copy shipped as package data in ``kg/ontology`` (kg is
    installed as a directory, never zipped, so that copy is a real path).
    """
    repo = Path(__file__).resolve().parents[2] / "ontology"
    if (repo / "kg.ttl").is_file():
        return repo
    return Path(str(resources.files("kg") / "ontology"))


#: Folder of the ontology (``kg.ttl``), its SHACL shapes (``shapes.ttl``) and the scheme of policy
#: types (``policy-types.ttl``).
ONTOLOGY_DIR: Path = _ontology_dir()


class KG(DefinedNamespace):
    """Cadre-incentive news knowledge graph ontology.

    Generated from: ontology/kg.ttl (kept in step by tests/test_ontology.py)
    """

    _fail = True
    _NS = Namespace("https://w3id.org/cadre-kg/ontology#")

    # http://www.w3.org/2002/07/owl#Class
    Article: URIRef  # A news article kg read; the source every extracted fact derives from.
    Locality: URIRef  # A named administrative unit or settlement: province, city, district, county, town, township, subdistrict, village, community.
    Division: URIRef  # A unit of China's administrative divisions (from the gazetteer) that a named locality belongs to, though the article does not name it.
    Organization: URIRef  # A party committee, government or department of a locality (区委, 市委组织部); stands for its locality in launches and issues.
    Official: URIRef  # A named person the article gives a party, government or village post, or presents as a cadre.
    Post: URIRef  # A position held by a named official, qualified by its organisation or locality.
    Campaign: URIRef  # A named initiative that someone launches or carries out (行动, 活动, 计划, 工程, 竞赛, named programmes).
    Measure: URIRef  # A named policy document, numbered set of measures, or named standing mechanism or system (意见, 措施, 办法, 机制, 制度, 体系).
    CadreGroup: URIRef  # A category of cadres more specific than bare 干部, qualified by level, role, age, status or duty.

    # http://www.w3.org/2002/07/owl#ObjectProperty
    launches: URIRef  # The locality, its party committee, government or a department of it launches, carries out or runs the campaign.
    holds: URIRef  # The article gives the official that post.
    targets: URIRef  # The measure or campaign is aimed at, applies to, trains or incentivises that cadre group.
    issues: URIRef  # The locality, its party committee, government or a department of it issues, formulates or establishes the measure.
    postIn: URIRef  # The organisation the post belongs to.
    partOf: URIRef  # A locality within its parent locality, or an organisation of a locality (transitive).
    mentions: URIRef  # The article names the entity.

    # http://www.w3.org/2002/07/owl#DatatypeProperty
    identityKey: URIRef  # Why mentions are this one node: its class, its name and what scopes it (the locality that places it, 全国 for a national body, or article:ID where nothing places it).
    adminCode: URIRef  # The GB/T 2260 administrative division code of the locality, where the gazetteer knows it.
    reporter: URIRef  # A reporter or correspondent named in the article's byline; metadata, never an official.
    contentHash: URIRef  # SHA-256 of the article's original text, hex encoded.
    file: URIRef  # The file the article was read from, as the build was given it (a JSON Lines file with its line: corpus.jsonl:12).
    dateSource: URIRef  # Where the article's dcterms:date came from: jsonl, metadata, html-meta, text-label, text-source, text-stamp, url, text-dateline or text-link.
    attestedOn: URIRef  # The date of an article that attests the membership (one value per dated article).
    encoding: URIRef  # The character encoding the article's file was decoded from (utf-8, utf-8-sig, gb18030, big5hkscs, utf-16, utf-32), as kg detected it.
    evidence: URIRef  # The sentence of the original article the statement was extracted from.
    startOffset: URIRef  # Character offset (0-based, inclusive) of the evidence sentence in the original article text.
    endOffset: URIRef  # Character offset (0-based, exclusive) of the end of the evidence sentence in the original article text.
    confidence: URIRef  # The extractor's confidence in the statement, from 0 to 1.
    extractor: URIRef  # The name of the rule or extractor that produced the statement.


#: kg's prefixes: bound on every graph it writes, predeclared in ``kg query``, the JSON-LD context.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgid": str(ID),
    "policy": str(POLICY),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "time": str(TIME),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
}


@cache
def term(name: str) -> ox.NamedNode:
    """The IRI of a prefixed name (``kg:holds``, ``rdf:type``) as a pyoxigraph term; a ``kg:`` name
    must be declared in the ontology (``KG`` raises ``AttributeError`` otherwise)."""
    prefix, local = name.split(":", 1)
    if prefix == "kg":
        return ox.NamedNode(str(getattr(KG, local)))
    return ox.NamedNode((str(RDF) if prefix == "rdf" else PREFIXES[prefix]) + local)


@cache
def policy_labels() -> dict[str, dict[str, str]]:
    """Each concept of ``ontology/policy-types.ttl`` by its local name (``fault-tolerance``) -> its
    ``skos:prefLabel`` by language (``zh``, ``en``), in the scheme file's order."""
    label, inside = str(SKOS.prefLabel), str(POLICY)
    out: dict[str, dict[str, str]] = {}
    for t in ox.parse(path=str(ONTOLOGY_DIR / "policy-types.ttl"), format=ox.RdfFormat.TURTLE):
        if t.predicate.value == label and t.subject.value.startswith(inside):
            out.setdefault(t.subject.value.removeprefix(inside), {})[t.object.language] = t.object.value
    return out


def bind_prefixes(g: Graph) -> None:
    """Bind kg's prefixes on ``g``, replacing any other binding of these prefixes."""
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, Namespace(namespace), override=True, replace=True)
