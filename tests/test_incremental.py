"""``kg build --into``: adding articles to a build gives the graph of one build of them all."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kgcli import SEEDS, contents, kg, one_error, snapshot

# paths as the session's build of seeds/ gives them (dcterms:source records the path read)
ARTICLES = [Path("seeds") / p.name for p in sorted(SEEDS.glob("*.txt"))]
FIRST, LATER = ARTICLES[:3], ARTICLES[3:]


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A build of seeds 000-002, then 003-004 added with --into; the directory and the --into summary."""
    out = tmp_path_factory.mktemp("grown")
    first = kg("build", *FIRST, "--out", out)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("3 articles;")
    added = kg("build", *LATER, "--into", out)
    assert added.returncode == 0, added.stderr
    return out, added.stdout


def test_adding_articles_equals_one_build(grown: tuple[Path, str], seeds_out: Path) -> None:
    out, summary = grown
    assert summary.startswith("2 articles;"), summary
    assert isomorphic(Graph().parse(out / "kg.ttl"), Graph().parse(seeds_out / "kg.ttl"))
    # IRIs are hashes of keys and every output is deterministic: the files are the very same
    assert contents(out) == contents(seeds_out)
    rows = kg("query", out, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--format", "csv").stdout.split()
    assert rows == ["n", str(len(Graph().parse(seeds_out / "kg.ttl")))]  # the store was rebuilt too


def test_rebuilding_the_same_input_changes_no_byte(grown: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "again"
    shutil.copytree(grown[0], out)
    store = {k: v for k, v in snapshot(out).items() if k.startswith("store/")}
    before = contents(out)
    proc = kg("build", "seeds/", "--into", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("0 articles, 5 already in the build;"), proc.stdout
    assert contents(out) == before
    assert {k: v for k, v in snapshot(out).items() if k.startswith("store/")} == store  # not even rewritten


def test_an_article_id_with_other_text_is_reported_and_skipped(grown: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "build"
    shutil.copytree(grown[0], out)
    before = contents(out)
    changed = tmp_path / "in" / FIRST[0].name
    changed.parent.mkdir()
    changed.write_text("6月1日上午，黄岩区委召开三级干部大会，全面启动“黄岩发展我担当”行动。\n", encoding="utf-8")
    proc = kg("build", changed.parent, "--into", out)
    assert proc.returncode == 1 and "no article could be read" in one_error(proc)  # nothing new: nothing built
    assert f"kg: skipped {changed}: article id '{FIRST[0].stem}' is already in the build" in proc.stderr
    assert contents(out) == before


def test_into_a_directory_without_a_build(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = kg("build", SEEDS, "--into", empty)
    assert proc.returncode == 2 and "no build there" in one_error(proc)
    assert list(empty.iterdir()) == []
    missing = kg("build", SEEDS, "--into", tmp_path / "nowhere")
    assert missing.returncode == 2 and str(tmp_path / "nowhere") in one_error(missing)
    assert not (tmp_path / "nowhere").exists()


def test_out_and_into_exclude_each_other(tmp_path: Path) -> None:
    proc = kg("build", SEEDS, "--out", tmp_path, "--into", tmp_path)
    assert proc.returncode == 2 and "not allowed with argument" in proc.stderr
