"""Types of measures and campaigns (``kg.extract.subjects``, ``ontology/policy-types.ttl``): the cue
rules on one-sentence cases, the scheme, the shapes, and a seeds build end to end."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, SH
from test_ontology import VALID_TTL

from kg.extract.subjects import NONE, concepts, find_subjects
from kg.extract.targets import Span
from kg.graph.export import ONTOLOGY_COPIES
from kg.graph.rdf import to_graph
from kg.graph.vocab import ID, KG, ONTOLOGY_DIR, POLICY, POLICY_SCHEME, policy_labels
from kg.resources import table
from kgcli import QUERIES, kg

SCHEME_FILE = ONTOLOGY_DIR / "policy-types.ttl"

# (sentence, {name as written in it: its expected types, in the cue file's order})
CASES: list[tuple[str, dict[str, tuple[str, ...]]]] = [
    # a cue in the name
    ("安乡县出台《党政领导干部容错纠错实施办法（试行）》。",
     {"党政领导干部容错纠错实施办法（试行）": ("fault-tolerance",)}),
    ("县委制定《村干部实绩考核办法》。", {"村干部实绩考核办法": ("assessment",)}),
    ("开展夏送清凉关心关爱行动。", {"夏送清凉关心关爱行动": ("care-and-pay",)}),
    ("出台《关于实行“四评四查四看”调整不胜任现职领导干部的试行办法》。",
     {"关于实行“四评四查四看”调整不胜任现职领导干部的试行办法": ("selection",)}),
    ("开展村党组织书记擂台比武活动。", {"村党组织书记擂台比武活动": ("competition",)}),
    ("制定《重点项目建设工作问责暂行办法》。", {"重点项目建设工作问责暂行办法": ("accountability",)}),
    ("开展减负行动。", {"减负行动": ("burden-reduction",)}),
    ("印发《关于向重点乡村持续选派驻村第一书记和工作队的意见》。",
     {"关于向重点乡村持续选派驻村第一书记和工作队的意见": ("village-resident",)}),
    ("开展担当作为好干部评选表扬活动。", {"担当作为好干部评选表扬活动": ("recognition",)}),
    ("印发《关于进一步加强干部作风建设的若干规定》。",
     {"关于进一步加强干部作风建设的若干规定": ("conduct",)}),
    ("推行权力清单。", {"权力清单": ("supervision",)}),
    ("实施人才引进计划。", {"人才引进计划": ("talent",)}),
    ("实施基层党建示范工程。", {"基层党建示范工程": ("party-building",)}),
    ("开展党史学习教育。", {"党史学习教育": ("political-education",)}),
    # several types where the name says several, in the cue file's order
    ("举办年轻干部培训班。", {"年轻干部培训班": ("training", "young-cadres")}),
    ("出台风险备案、容错纠错、精准问责、职级晋升激励等4个操作办法。",
     {"风险备案、容错纠错、精准问责、职级晋升激励等4个操作办法":
      ("fault-tolerance", "selection", "accountability", "recognition")}),
    # using assessment results is still about assessment (scope note of policy:assessment)
    ("建立干部考核结果运用制度。", {"干部考核结果运用制度": ("assessment",)}),
    # a branch secretary is whom the course is for, not what it is about
    ("举办农村党支部书记培训班。", {"农村党支部书记培训班": ("training",)}),
    # no cue, or a cue inside a phrase of another sense: no type
    ("开展招商引资专项行动。", {"招商引资专项行动": ()}),
    ("健全关心下一代工作机制。", {"关心下一代工作机制": ()}),
    ("制定种粮补贴发放办法。", {"种粮补贴发放办法": ()}),
    # a name without a cue: the clause after it, in a sentence about it alone
    ("县委出台《实施意见》，对容错纠错作出具体规定。", {"实施意见": ("fault-tolerance",)}),
    ("建立“三项机制”（容错纠错、激励保障、能上能下）。",
     {"三项机制": ("fault-tolerance", "selection", "recognition")}),
    # a phrase keeps its words: 督查检查考核 is burden reduction, not assessment or supervision
    ("出台《十条措施》，着力解决督查检查考核过多问题。", {"十条措施": ("burden-reduction",)}),
    # what comes before the name sets the scene
    ("为激励干部担当作为，县委出台《实施意见》。", {"实施意见": ()}),
    # a cue two clauses on is about something else
    ("县委出台《十条措施》，明确了工作目标，细化了任务分工，加大干部培训力度。",
     {"十条措施": ()}),
    # a sentence naming two initiatives gives neither a type from its words
    ("县委出台《实施意见》，建立容错纠错机制。",
     {"实施意见": (), "容错纠错机制": ("fault-tolerance",)}),
    # a name with a type takes nothing from its sentence
    ("开展擂台比武活动，优胜者优先提拔。", {"擂台比武活动": ("competition",)}),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_types_of_initiatives(sentence: str, expected: dict[str, tuple[str, ...]]) -> None:
    spans = []
    for name in expected:
        start = sentence.index(name)
        spans.append(Span(name, name, start, start + len(name)))
    found = find_subjects(sentence, spans, {name: (name,) for name in expected})
    assert {name: tuple(h.concept for h in hits) for name, hits in found.items()} == expected


def test_each_hit_names_its_rule_and_cue() -> None:
    text = "县委出台《实施意见》，对容错纠错作出具体规定。建立容错纠错机制。"
    spans = [Span("a", "实施意见", 5, 9), Span("b", "容错纠错机制", 24, 30)]
    found = find_subjects(text, spans, {"a": ("实施意见",), "b": ("容错纠错机制",)})
    assert [(h.concept, h.rule, h.cue) for h in found["a"]] == [("fault-tolerance", "sentence-cue", "容错")]
    assert [(h.concept, h.rule, h.cue) for h in found["b"]] == [("fault-tolerance", "name-cue", "容错")]


def test_pipeline_types_a_measure_and_a_campaign(run, helpers) -> None:
    ex = run("黄岩区建立容错纠错机制，开展年轻干部擂台比武活动。")
    assert helpers.entity(ex, "Measure", "容错纠错机制").subjects == ("fault-tolerance",)
    assert helpers.entity(ex, "Campaign", "年轻干部擂台比武活动").subjects == ("young-cadres", "competition")
    assert all(not e.subjects for e in ex.entities if e.cls not in ("Measure", "Campaign"))


def test_one_initiative_in_two_articles_has_the_types_of_both(run, helpers) -> None:
    first = run("黄岩区出台《实施意见》，对容错纠错作出规定。", "a1")
    second = run("黄岩区出台《实施意见》，加强年轻干部培养。", "a2")
    one, two = helpers.entity(first, "Measure", "实施意见"), helpers.entity(second, "Measure", "实施意见")
    assert one.key == two.key and one.subjects == ("fault-tolerance",) and two.subjects == ("young-cadres",)
    graph = to_graph([first, second])
    node = next(graph.subjects(RDF.type, KG.Measure))
    assert set(graph.objects(node, DCTERMS.subject)) == {POLICY["fault-tolerance"], POLICY["young-cadres"]}
    assert graph.value(POLICY["young-cadres"], SKOS.inScheme) == POLICY_SCHEME
    assert {(label.language, str(label)) for label in graph.objects(POLICY["young-cadres"], SKOS.prefLabel)} == {
        ("zh", "年轻干部培养"), ("en", "Cultivating young cadres")}


# ---------------------------------------------------------------- the scheme and the cue files

@pytest.fixture(scope="module")
def scheme() -> Graph:
    return Graph().parse(SCHEME_FILE)


def scheme_concepts(scheme: Graph) -> set[URIRef]:
    return set(scheme.subjects(RDF.type, SKOS.Concept))


def test_every_concept_is_described_in_the_scheme(scheme: Graph) -> None:
    found = scheme_concepts(scheme)
    assert (POLICY_SCHEME, RDF.type, SKOS.ConceptScheme) in scheme
    assert set(scheme.objects(POLICY_SCHEME, SKOS.hasTopConcept)) == found
    for concept in found:
        assert concept.startswith(str(POLICY)), concept
        assert scheme.value(concept, SKOS.inScheme) == POLICY_SCHEME
        assert scheme.value(concept, SKOS.topConceptOf) == POLICY_SCHEME
        labels = sorted(label.language for label in scheme.objects(concept, SKOS.prefLabel))
        assert labels == ["en", "zh"], concept
        assert any(d.language == "en" for d in scheme.objects(concept, SKOS.definition)), concept
        for related in scheme.objects(concept, SKOS.related):
            assert related in found, (concept, related)


def test_cue_files_and_scheme_name_the_same_types(scheme: Graph) -> None:
    names = {str(c).removeprefix(str(POLICY)) for c in scheme_concepts(scheme)}
    assert set(concepts()) == names == set(policy_labels())
    assert set(table("subject_sentence_cues")) - {NONE} <= names
    assert NONE in table("subject_cues")


def test_the_scheme_is_copied_into_every_build() -> None:
    assert ONTOLOGY_COPIES["policy-types.ttl"] == SCHEME_FILE


# ---------------------------------------------------------------- shapes

MEASURE = ID["measure/m1"]
TYPED_TTL = VALID_TTL + """
<measure/m1> dcterms:subject <https://w3id.org/cadre-kg/policy-types#fault-tolerance> .
<https://w3id.org/cadre-kg/policy-types#fault-tolerance> a skos:Concept ;
    skos:inScheme <https://w3id.org/cadre-kg/policy-types> ;
    skos:prefLabel "容错纠错"@zh , "Fault tolerance and error correction"@en .
"""


def shacl(graph: Graph) -> tuple[bool, Graph]:
    ok, report, _ = validate(graph, shacl_graph=Graph().parse(ONTOLOGY_DIR / "shapes.ttl"),
                             ont_graph=Graph().parse(ONTOLOGY_DIR / "kg.ttl"), inference="none")
    return ok, report


def test_a_typed_measure_conforms() -> None:
    ok, report = shacl(Graph().parse(data=TYPED_TTL, format="turtle"))
    assert ok, report.serialize(format="turtle")


UNKNOWN = POLICY["nepotism"]
BROKEN = [
    ("a type outside the scheme", lambda g: g.add((MEASURE, DCTERMS.subject, UNKNOWN)) and
     g.add((UNKNOWN, RDF.type, SKOS.Concept)), UNKNOWN, SH.HasValueConstraintComponent),
    # a cadre group is a skos:Concept (kg.ttl), but of no scheme of types
    ("a cadre group as a type", lambda g: g.add((MEASURE, DCTERMS.subject, ID["cadregroup/g1"])),
     ID["cadregroup/g1"], SH.HasValueConstraintComponent),
    ("a type that is no concept", lambda g: g.add((MEASURE, DCTERMS.subject, ID["locality/huangyan"])),
     MEASURE, SH.ClassConstraintComponent),
    ("a locality with a type", lambda g: g.add((ID["locality/huangyan"], DCTERMS.subject, POLICY["fault-tolerance"])),
     ID["locality/huangyan"], SH.OrConstraintComponent),
    ("a type without its English label",
     lambda g: g.remove((POLICY["fault-tolerance"], SKOS.prefLabel, Literal("Fault tolerance and error correction",
                                                                          lang="en"))),
     POLICY["fault-tolerance"], SH.MinCountConstraintComponent),
]


@pytest.mark.parametrize(("mutate", "focus", "component"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_type_fails(mutate, focus: URIRef, component: URIRef) -> None:
    graph = Graph().parse(data=TYPED_TTL, format="turtle")
    mutate(graph)
    ok, report = shacl(graph)
    assert not ok
    assert any(report.value(r, SH.sourceConstraintComponent) == component
               for r in report.subjects(SH.focusNode, focus)), report.serialize(format="turtle")


# ---------------------------------------------------------------- a seeds build

def test_seeds_build_types_its_measures_and_conforms(seeds_out: Path) -> None:
    graph = Graph().parse(seeds_out / "kg.ttl", format="turtle")
    measures = set(graph.subjects(RDF.type, KG.Measure))
    typed = {m for m in measures if (m, DCTERMS.subject, None) in graph}
    assert typed and len(typed) >= len(measures) // 2, (len(typed), len(measures))
    names = {str(graph.value(m, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) for m in typed}
    assert "容错纠错机制" in names
    for concept in set(graph.objects(None, DCTERMS.subject)):
        assert {label.language for label in graph.objects(concept, SKOS.prefLabel)} == {"zh", "en"}
    assert (seeds_out / "policy-types.ttl").read_bytes() == SCHEME_FILE.read_bytes()
    proc = kg("validate", seeds_out)
    assert proc.returncode == 0 and "conforms" in proc.stdout, proc.stdout + proc.stderr


def test_policy_types_query_lists_localities_by_type(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, "--file", QUERIES / "policy_types.rq", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert {"type": "教育培训", "locality": "连云港市", "initiative": "乡镇党政正职培训班"} in rows
    assert {"type": "容错纠错", "locality": "连云港市",
            "initiative": "风险备案、容错纠错、精准问责、职级晋升激励等4个操作办法"} in rows
    assert {r["type"] for r in rows} <= {labels["zh"] for labels in policy_labels().values()}
