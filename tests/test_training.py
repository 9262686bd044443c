"""``training/targets.py``: its candidates are the pipeline's, so what it measures is what kg runs.

The script measures a trained ``targets`` scorer against the hand rules of
``kg.extract.targets``; it reads those rules, so these cases check that the pairs it credits to a
rule are exactly the ``targets`` facts the pipeline makes, that it pairs every initiative with every
group, and that its features do not depend on anything but the text.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import Run
from test_extract import TARGETS

pytest.importorskip("sklearn")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
import targets as training  # noqa: E402

from kg.extract.targets import Span  # noqa: E402

CASES = [text for text, _ in TARGETS] + [
    # two initiatives and two groups, one group acting: rule pairs and plain pairs side by side
    "宝山区举办“青苗”培训班，培养年轻干部；区领导领衔“清风”行动，党员干部参加。",
    # no targeting verb: every pair a candidate, none a rule's
    "宝山区开展“清风”行动。老干部发挥余热。",
]


def _candidates(run: Run, text: str):
    ex = run(text)
    label = {e.key: e.label for e in ex.entities}
    initiatives = [Span(m.key, label[m.key], m.start, m.end) for m in ex.mentions if m.cls in ("Campaign", "Measure")]
    groups = [Span(m.key, label[m.key], m.start, m.end) for m in ex.mentions if m.cls == "CadreGroup"]
    return ex, initiatives, groups, training.candidates(ex.clean.text, initiatives, groups, (0, 0))


@pytest.mark.parametrize("text", CASES)
def test_candidates_credit_the_rules_with_the_pipelines_facts(run: Run, text: str) -> None:
    ex, initiatives, groups, found = _candidates(run, text)
    assert {(c.initiative, c.group) for c in found if c.rule} == {(f.subject, f.object) for f in ex.facts
                                                                  if f.predicate == "targets"}
    assert {(c.initiative, c.group) for c in found} == {(i.key, g.key) for i in initiatives for g in groups}


@pytest.mark.parametrize("text", CASES)
def test_candidate_features_are_the_same_on_every_run(run: Run, text: str) -> None:
    first, second = _candidates(run, text)[3], _candidates(run, text)[3]
    assert first and [c.features for c in first] == [c.features for c in second]
    assert len({tuple(c.features) for c in first}) == 1  # one set of feature names for all


def test_features_tell_an_acting_group_from_one_taking_part(run: Run) -> None:
    ex, _, _, found = _candidates(run, CASES[-2])
    label = {e.key: e.label for e in ex.entities}
    by_pair = {(label[c.initiative], label[c.group]): c for c in found}
    assert by_pair[("青苗培训班", "年轻干部")].rule == "group-by-verb"
    leads, joins = by_pair[("清风行动", "区领导")], by_pair[("清风行动", "党员干部")]
    assert (leads.rule, leads.features["group-acts"], leads.features["same-clause"]) == ("", 1.0, 1.0)
    assert (joins.rule, joins.features["group-acts"], joins.features["group-sentence=enrol"]) == ("group-takes-part", 0.0, 1.0)


# ``training/entities.py``: the names it learns from are the gold's as the text writes them, and the
# names it reads back from its tags are the ones tagged.
import entities as entity_training  # noqa: E402


def _article(run: Run, text: str, gold: list[tuple[str, set[str]]]) -> entity_training.Article:
    ex = run(text)
    return entity_training.Article(
        "t", "study", ex.clean.text, [(i, i + 1) for i in range(len(ex.clean.text))],
        [(m.cls, m.start, m.end) for m in ex.mentions if m.cls in entity_training.CLASSES], [],
        [(cls, frozenset(names)) for cls, names in gold])


@pytest.mark.parametrize("text, gold, tagged", [
    # a quoted name is tagged across its quotes; the longer name wins where two overlap
    ("黄岩区开展“黄岩发展我担当”行动。", [("Locality", {"黄岩区", "黄岩"}), ("Campaign", {"黄岩发展我担当行动"})],
     [("Locality", "黄岩区"), ("Campaign", "黄岩发展我担当”行动")]),
    # every occurrence of a name, short forms too
    ("宁溪镇党委书记王强到宁溪调研。", [("Locality", {"宁溪镇", "宁溪"}), ("Official", {"王强"})],
     [("Locality", "宁溪镇"), ("Official", "王强"), ("Locality", "宁溪")]),
    # a title mark is no part of a document's name
    ("县委印发《关于激励干部担当作为的实施意见》。", [("Measure", {"关于激励干部担当作为的实施意见"})],
     [("Measure", "关于激励干部担当作为的实施意见")]),
])
def test_gold_names_are_tagged_as_the_text_writes_them(run: Run, text: str, gold, tagged) -> None:
    art = _article(run, text, gold)
    tags = entity_training.sentence_tags(art)
    found = entity_training.spans(art, tags, [[1.0] * len(seq) for seq in tags])
    assert [(cls, art.text[s:e]) for cls, s, e, _ in found] == tagged


def test_a_model_name_no_rule_found_is_added_to_the_rules_entities(run: Run) -> None:
    art = _article(run, "宝山区开展“清风”行动，党员干部参加。", [])
    rule_names = {n for _, names in art.rules for n in names}
    start = art.text.index("宝山")
    added = entity_training.predictions(art, [("Locality", start, start + 2, 0.8), ("Campaign", start, start + 3, 0.6)])
    # 宝山区 is the rules' mention there: nothing is added over it
    assert added["rules+new"] == art.rules and rule_names == {n for _, names in added["rules"] for n in names}
    free = art.text.index("参加")
    added = entity_training.predictions(art, [("CadreGroup", free, free + 2, 0.6)])
    assert ("CadreGroup", frozenset({"参加"})) in added["rules+new"]
    assert ("CadreGroup", frozenset({"参加"})) not in added["rules+new>=0.7"]


def test_character_features_are_the_same_on_every_run(run: Run) -> None:
    text = "宝山区举办“青苗”培训班，培养年轻干部。"
    first, second = (entity_training.features(_article(run, text, [])) for _ in range(2))
    assert first == second and len(first) == 1 and len(first[0]) == len(text)
    by_char = dict(zip(text, first[0]))
    assert by_char["宝"]["rule"] == "B-Locality" and by_char["班"]["type"] and by_char["部"]["group"]
