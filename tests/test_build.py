"""End to end: ``kg build seeds/ --out DIR`` in a subprocess, its outputs, provenance and quality."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS, PROV

from kg.graph.vocab import KG

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared"
KG_BIN = Path(sys.executable).parent / "kg"
ONTOLOGY = REPO / "ontology"

SUMMARY = re.compile(r"^(\d+) articles(?:, (\d+) skipped)?; entities: (?:\w+=\d+ ?)+; "
                     r"triples: launches=\d+ holds=\d+ targets=\d+ issues=\d+; \d+(?:\.\d+)? s$")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    out: Path


def kg_build(*inputs: str | Path, out: Path) -> Result:
    proc = subprocess.run([str(KG_BIN), "build", *map(str, inputs), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    return Result(proc.returncode, proc.stdout, proc.stderr, out)


def errors_of(stderr: str) -> list[str]:
    """kg's own messages on stderr, without the 'skipped' reports."""
    return [line for line in stderr.splitlines() if line.startswith("kg: ") and not line.startswith("kg: skipped")]


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Result:
    return kg_build("seeds/", out=tmp_path_factory.mktemp("build1"))


@pytest.fixture(scope="module")
def graph(seeds_build: Result) -> Graph:
    assert seeds_build.returncode == 0, seeds_build.stderr
    return Graph().parse(seeds_build.out / "kg.ttl", format="turtle")


def test_build_succeeds_with_one_summary_line(seeds_build: Result) -> None:
    assert seeds_build.returncode == 0, seeds_build.stderr
    lines = seeds_build.stdout.splitlines()
    assert len(lines) == 1, lines
    m = SUMMARY.match(lines[0])
    assert m, lines[0]
    assert int(m.group(1)) == len(list(SEEDS.glob("*.txt")))
    assert m.group(2) is None
    assert "Traceback" not in seeds_build.stderr
    assert (seeds_build.out / "kg.ttl").stat().st_size > 0
    assert (seeds_build.out / "graph.html").stat().st_size > 0


def test_graph_has_every_class_and_relation(graph: Graph) -> None:
    for cls in ("Locality", "Official", "Post", "Campaign", "Measure", "CadreGroup", "Article"):
        assert any(graph.subjects(RDF.type, KG[cls])), cls
    for rel in ("launches", "holds", "targets", "issues"):
        assert any(graph.subject_objects(KG[rel])), rel
    articles = set(graph.subjects(RDF.type, KG.Article))
    assert {str(graph.value(a, DCTERMS.identifier)) for a in articles} == {p.stem for p in SEEDS.glob("*.txt")}


def test_graph_conforms_to_shapes(graph: Graph) -> None:
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    ontology = Graph().parse(ONTOLOGY / "kg.ttl")
    ok, report, text = validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert ok, text


def test_second_build_is_byte_identical(seeds_build: Result, tmp_path: Path) -> None:
    again = kg_build("seeds/", out=tmp_path)
    assert again.returncode == 0, again.stderr
    for name in ("kg.ttl", "graph.html", "report.html"):
        assert (again.out / name).read_bytes() == (seeds_build.out / name).read_bytes(), name


def test_statement_offsets_slice_the_original_article(graph: Graph) -> None:
    texts = {p.stem: p.read_bytes().decode("utf-8-sig") for p in SEEDS.glob("*.txt")}
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    assert statements
    for st in statements:
        article = graph.value(st, PROV.wasDerivedFrom)
        text = texts[str(graph.value(article, DCTERMS.identifier))]
        start, end = graph.value(st, KG.startOffset).toPython(), graph.value(st, KG.endOffset).toPython()
        evidence = str(graph.value(st, KG.evidence)).strip()
        assert 0 <= start < end <= len(text), (st, start, end)
        assert evidence
        assert evidence in text[start:end].strip(), (st, evidence, text[start:end])


def test_reifies_every_relation(graph: Graph) -> None:
    asserted = {(s, p, o) for p in (KG.launches, KG.holds, KG.targets, KG.issues) for s, o in graph.subject_objects(p)}
    reified = {(graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
               for st in graph.subjects(RDF.type, RDF.Statement)}
    assert asserted <= reified


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/eval/score.py is absent")
def test_seeds_quality(seeds_build: Result) -> None:
    spec = importlib.util.spec_from_file_location("kg_shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = sorted(str(p) for p in (SHARED / "gold" / "seeds").glob("*.jsonl"))
    assert len(gold) == len(list(SEEDS.glob("*.txt")))
    report, _ = module.score(str(seeds_build.out / "kg.ttl"), gold)
    assert report["entities_micro"]["f1"] >= 0.60, report["entities_micro"]
    assert report["relations_micro"]["f1"] >= 0.40, report["relations_micro"]


# --- bad inputs ---------------------------------------------------------------------------------

GOOD = "6月1日上午，黄岩区委召开三级干部大会，全面启动“黄岩发展我担当”行动。\n"


def test_bad_file_is_reported_and_skipped(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    result = kg_build(src, out=tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert str(src / "bad.txt") in result.stderr
    assert str(src / "good.txt") not in result.stderr
    (line,) = result.stdout.splitlines()
    m = SUMMARY.match(line)
    assert m and (m.group(1), m.group(2)) == ("1", "1"), line
    graph = Graph().parse(result.out / "kg.ttl", format="turtle")
    ids = {str(graph.value(a, DCTERMS.identifier)) for a in graph.subjects(RDF.type, KG.Article)}
    assert ids == {"good"}


def test_all_inputs_fail(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bin.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    (src / "garbled.txt").write_bytes(b"\xff\x80" * 60)
    (src / "empty.txt").write_bytes(b"")
    result = kg_build(src, out=tmp_path / "out")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    (error,) = errors_of(result.stderr)
    assert "no article" in error
    for name in ("bin.txt", "garbled.txt", "empty.txt"):
        assert str(src / name) in result.stderr
    assert not (tmp_path / "out" / "kg.ttl").exists()


def test_missing_input_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = kg_build(missing, out=tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(missing) in result.stderr
    assert len(errors_of(result.stderr)) == 1


def test_missing_input_beside_good_input(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    result = kg_build(missing, good, out=tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert str(missing) in result.stderr
    assert (tmp_path / "out" / "kg.ttl").exists()


def test_build_help_has_an_example() -> None:
    proc = subprocess.run([str(KG_BIN), "build", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "example: kg build" in proc.stdout
