"""The ontology, its SHACL shapes and ``kg.graph.vocab.KG`` agree with each other and with kg's code."""
from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib import namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH

from kg.graph.vocab import ID, KG, ONTOLOGY_DIR

KG_SOURCES = Path(__file__).resolve().parent.parent / "kg"

VALID_TTL = """
@prefix kg: <https://w3id.org/cadre-kg/ontology#> .
@base <https://w3id.org/cadre-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .

<locality/huangyan> a kg:Locality ; rdfs:label "黄岩区"@zh ;
    skos:altLabel "黄岩"@zh , "黃巖區"@zh ; kg:adminCode "331003" ; kg:partOf <locality/taizhou> ;
    kg:launches <campaign/c1> ; kg:issues <measure/m1> ; kg:identityKey "Locality|331003" .
<locality/taizhou> a kg:Locality ; rdfs:label "台州市"@zh ; kg:adminCode "331000" ; kg:partOf <locality/zhejiang> ;
    kg:identityKey "Locality|331000" .
<locality/zhejiang> a kg:Division ; rdfs:label "浙江省"@zh ; kg:adminCode "330000" ; kg:identityKey "Locality|330000" .
<organization/o1> a kg:Organization ; rdfs:label "黄岩区委组织部"@zh ; kg:partOf <locality/huangyan> ;
    kg:identityKey "Organization|黄岩区委组织部|黄岩区" .
<official/p1> a kg:Official ; rdfs:label "林某"@zh ; kg:holds <post/t1> ; kg:identityKey "Official|林某|黄岩区" .
<post/t1> a kg:Post ; rdfs:label "黄岩区委组织部部长"@zh ; kg:postIn <organization/o1> ;
    kg:identityKey "Post|黄岩区委组织部部长|黄岩区" .
<campaign/c1> a kg:Campaign ; rdfs:label "擂台比武"@zh ; kg:targets <cadregroup/g1> ; kg:identityKey "Campaign|擂台比武|黄岩区" .
<measure/m1> a kg:Measure ; rdfs:label "十条措施"@zh ; kg:targets <cadregroup/g1> ; kg:identityKey "Measure|十条措施|黄岩区" .
<cadregroup/g1> a kg:CadreGroup ; rdfs:label "年轻干部"@zh ; kg:identityKey "CadreGroup|年轻干部" .

<article/000_65aed96cc3a38a9a> a kg:Article ;
    dcterms:identifier "000_65aed96cc3a38a9a" ; dcterms:title "黄岩区激励干部担当作为"@zh ;
    kg:file "seeds/000_65aed96cc3a38a9a.txt" ; dcterms:source <https://news.example.cn/2023-05/01/1.html> ;
    dcterms:date "2023-05-01"^^xsd:date ; kg:dateSource "url" ;
    kg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    kg:reporter "林元沁"@zh ;
    kg:mentions <locality/huangyan> , <official/p1> , <campaign/c1> , <cadregroup/g1> .

<statement/s1> a rdf:Statement ; rdf:subject <locality/huangyan> ; rdf:predicate kg:launches ;
    rdf:object <campaign/c1> ; prov:wasDerivedFrom <article/000_65aed96cc3a38a9a> ;
    kg:evidence "黄岩区开展擂台比武。"@zh ; kg:startOffset 12 ; kg:endOffset 40 ;
    kg:confidence 0.8 ; kg:extractor "apposition" ;
    dcterms:date "2023-05-01"^^xsd:date .
<statement/s2> a rdf:Statement ; rdf:subject <locality/huangyan> ; rdf:predicate kg:issues ;
    rdf:object <measure/m1> ; prov:wasDerivedFrom <article/000_65aed96cc3a38a9a> ;
    kg:evidence "黄岩区出台十条措施。"@zh ; kg:startOffset 41 ; kg:endOffset 50 ;
    kg:confidence 1.0 ; kg:extractor "svo" ;
    dcterms:date "2023-05-01"^^xsd:date .
<statement/s3> a rdf:Statement ; rdf:subject <official/p1> ; rdf:predicate kg:holds ;
    rdf:object <post/t1> ; prov:wasDerivedFrom <article/000_65aed96cc3a38a9a> ;
    kg:evidence "黄岩区委组织部部长林某说。"@zh ; kg:startOffset 0 ; kg:endOffset 11 ;
    kg:confidence 0.9 ; kg:extractor "apposition" ; dcterms:date "2023-05-01"^^xsd:date .

<article/001> a kg:Article ; dcterms:identifier "001" ; kg:file "corpus.jsonl:2" ;
    dcterms:date "2024-02-03"^^xsd:date ; kg:dateSource "jsonl" ;
    kg:contentHash "0f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    kg:mentions <official/p1> , <post/t1> .
<statement/s6> a rdf:Statement ; rdf:subject <official/p1> ; rdf:predicate kg:holds ;
    rdf:object <post/t1> ; prov:wasDerivedFrom <article/001> ;
    kg:evidence "黄岩区委组织部部长林某表示。"@zh ; kg:startOffset 0 ; kg:endOffset 13 ;
    kg:confidence 0.9 ; kg:extractor "apposition" ; dcterms:date "2024-02-03"^^xsd:date .

<membership/m1> a org:Membership ; org:member <official/p1> ; org:role <post/t1> ;
    org:organization <organization/o1> ;
    kg:attestedOn "2023-05-01"^^xsd:date , "2024-02-03"^^xsd:date ;
    org:memberDuring <interval/2023-05-01/2024-02-03> .
<interval/2023-05-01/2024-02-03> a time:Interval ;
    time:hasBeginning <instant/2023-05-01> ; time:hasEnd <instant/2024-02-03> .
<instant/2023-05-01> a time:Instant ; time:inXSDDate "2023-05-01"^^xsd:date .
<instant/2024-02-03> a time:Instant ; time:inXSDDate "2024-02-03"^^xsd:date .
<statement/s4> a rdf:Statement ; rdf:subject <campaign/c1> ; rdf:predicate kg:targets ;
    rdf:object <cadregroup/g1> ; prov:wasDerivedFrom <article/000_65aed96cc3a38a9a> ;
    kg:evidence "擂台比武面向年轻干部。"@zh ; kg:startOffset 51 ; kg:endOffset 60 ;
    kg:confidence 0.7 ; kg:extractor "svo" ;
    dcterms:date "2023-05-01"^^xsd:date .
<statement/s5> a rdf:Statement ; rdf:subject <measure/m1> ; rdf:predicate kg:targets ;
    rdf:object <cadregroup/g1> ; prov:wasDerivedFrom <article/000_65aed96cc3a38a9a> ;
    kg:evidence "十条措施面向年轻干部。"@zh ; kg:startOffset 61 ; kg:endOffset 70 ;
    kg:confidence 0.0 ; kg:extractor "svo" ;
    dcterms:date "2023-05-01"^^xsd:date .
"""

LOCALITY = ID["locality/huangyan"]
STATEMENT = ID["statement/s1"]
ARTICLE = ID["article/000_65aed96cc3a38a9a"]
MEMBERSHIP = ID["membership/m1"]
INTERVAL = ID["interval/2023-05-01/2024-02-03"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl")


@pytest.fixture
def valid_graph() -> Graph:
    return Graph().parse(data=VALID_TTL, format="turtle")


def declared_terms(ontology: Graph) -> set[URIRef]:
    """Every kg: IRI the ontology gives a type (a prefix test: ``in KG`` only knows KG's own terms)."""
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KG))}


def conforms(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph]:
    ok, report, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return ok, report


def test_ontology_and_shapes_parse(ontology: Graph, shapes: Graph) -> None:
    assert (URIRef("https://w3id.org/cadre-kg/ontology"), RDF.type, OWL.Ontology) in ontology
    assert set(shapes.subjects(RDF.type, SH.NodeShape))


def test_vocab_mirrors_ontology(ontology: Graph) -> None:
    vocab = set(dir(KG))
    assert vocab == declared_terms(ontology)
    for term in vocab:
        assert ontology.value(term, RDFS.label) is not None, term


def test_every_term_has_a_shape(ontology: Graph, shapes: Graph) -> None:
    shaped = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH.path))
    shaped |= set(shapes.objects(None, SH.targetSubjectsOf)) | set(shapes.objects(None, SH["class"]))
    assert declared_terms(ontology) <= shaped


def test_code_uses_only_declared_terms(ontology: Graph) -> None:
    # KG.holds in rdflib code, term("kg:holds") in pyoxigraph code
    found = (a or b for path in KG_SOURCES.rglob("*.py")
             for a, b in re.findall(r"\bKG\.([A-Za-z_]+)|\"kg:([A-Za-z_]+)", path.read_text(encoding="utf-8")))
    used = {name for name in found if not name.startswith("_")}
    declared = {str(term).removeprefix(str(KG)) for term in declared_terms(ontology)}
    assert used <= declared, used - declared


def test_valid_graph_conforms(valid_graph: Graph, shapes: Graph, ontology: Graph) -> None:
    ok, report = conforms(valid_graph, shapes, ontology)
    assert ok, report.serialize(format="turtle")


BROKEN: list[tuple[str, Callable[[Graph], object], URIRef, URIRef]] = [
    ("locality without label", lambda g: g.remove((LOCALITY, RDFS.label, None)),
     LOCALITY, SH.MinCountConstraintComponent),
    ("label without language tag", lambda g: g.set((LOCALITY, RDFS.label, Literal("黄岩区"))),
     LOCALITY, SH.DatatypeConstraintComponent),
    ("launches a measure", lambda g: g.add((LOCALITY, KG.launches, ID["measure/m1"])),
     LOCALITY, SH.ClassConstraintComponent),
    ("targets from a locality", lambda g: g.add((LOCALITY, KG.targets, ID["cadregroup/g1"])),
     LOCALITY, SH.OrConstraintComponent),
    ("bad adminCode", lambda g: g.set((LOCALITY, KG.adminCode, Literal("abc"))),
     LOCALITY, SH.PatternConstraintComponent),
    ("no path to the province", lambda g: g.remove((ID["locality/taizhou"], KG.partOf, None)),
     LOCALITY, SH.SPARQLConstraintComponent),
    ("relation without statement", lambda g: g.remove((STATEMENT, None, None)),
     LOCALITY, SH.SPARQLConstraintComponent),
    ("statement without provenance", lambda g: g.remove((STATEMENT, PROV.wasDerivedFrom, None)),
     STATEMENT, SH.MinCountConstraintComponent),
    ("confidence above 1", lambda g: g.set((STATEMENT, KG.confidence, Literal(Decimal("1.5")))),
     STATEMENT, SH.MaxInclusiveConstraintComponent),
    ("float confidence", lambda g: g.set((STATEMENT, KG.confidence, Literal(0.5))),
     STATEMENT, SH.DatatypeConstraintComponent),
    ("string offset", lambda g: g.set((STATEMENT, KG.startOffset, Literal("12"))),
     STATEMENT, SH.DatatypeConstraintComponent),
    ("end before start", lambda g: g.set((STATEMENT, KG.endOffset, Literal(5))),
     STATEMENT, SH.LessThanConstraintComponent),
    ("statement of an unasserted triple", lambda g: g.set((STATEMENT, RDF.object, ID["campaign/c2"])),
     STATEMENT, SH.SPARQLConstraintComponent),
    ("article date as a plain string", lambda g: g.set((ARTICLE, DCTERMS.date, Literal("2023-05-01"))),
     ARTICLE, SH.DatatypeConstraintComponent),
    ("article date of no known source", lambda g: g.set((ARTICLE, KG.dateSource, Literal("guess"))),
     ARTICLE, SH.InConstraintComponent),
    ("article date without its source", lambda g: g.remove((ARTICLE, KG.dateSource, None)),
     ARTICLE, SH.SPARQLConstraintComponent),
    ("article without its file", lambda g: g.remove((ARTICLE, KG.file, None)),
     ARTICLE, SH.MinCountConstraintComponent),
    ("file path as dcterms:source", lambda g: g.set((ARTICLE, DCTERMS.source, Literal("seeds/000.txt"))),
     ARTICLE, SH.NodeKindConstraintComponent),
    ("statement dated otherwise than its article",
     lambda g: g.add((STATEMENT, DCTERMS.date, Literal("2023-05-02", datatype=namespace.XSD.date))),
     STATEMENT, SH.SPARQLConstraintComponent),
    ("statement of a dated article without its date", lambda g: g.remove((ID["statement/s3"], DCTERMS.date, None)),
     ID["statement/s3"], SH.SPARQLConstraintComponent),
    ("membership without its member", lambda g: g.remove((MEMBERSHIP, ORG.member, None)),
     MEMBERSHIP, SH.MinCountConstraintComponent),
    ("membership of a post the official does not hold", lambda g: g.set((MEMBERSHIP, ORG.role, ID["post/t2"]))
     or g.add((ID["post/t2"], RDF.type, KG.Post)), MEMBERSHIP, SH.SPARQLConstraintComponent),
    ("membership whose interval misses a later date",
     lambda g: g.add((MEMBERSHIP, KG.attestedOn, Literal("2025-01-01", datatype=namespace.XSD.date))),
     MEMBERSHIP, SH.SPARQLConstraintComponent),
    ("membership whose interval begins before any date attests it",
     lambda g: g.remove((MEMBERSHIP, KG.attestedOn, Literal("2023-05-01", datatype=namespace.XSD.date))),
     MEMBERSHIP, SH.SPARQLConstraintComponent),
    ("dated membership without interval", lambda g: g.remove((MEMBERSHIP, ORG.memberDuring, None)),
     MEMBERSHIP, SH.SPARQLConstraintComponent),
    ("interval without its end", lambda g: g.remove((INTERVAL, namespace.TIME.hasEnd, None)),
     INTERVAL, SH.MinCountConstraintComponent),
    ("interval that ends before it begins",
     lambda g: g.set((ID["instant/2023-05-01"], namespace.TIME.inXSDDate, Literal("2025-01-01", datatype=namespace.XSD.date))),
     INTERVAL, SH.SPARQLConstraintComponent),
]


@pytest.mark.parametrize(("mutate", "focus", "component"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_broken_graph_fails(valid_graph: Graph, shapes: Graph, ontology: Graph,
                            mutate: Callable[[Graph], object], focus: URIRef, component: URIRef) -> None:
    mutate(valid_graph)
    ok, report = conforms(valid_graph, shapes, ontology)
    assert not ok
    assert any(report.value(r, SH.sourceConstraintComponent) == component
               for r in report.subjects(SH.focusNode, focus)), report.serialize(format="turtle")
