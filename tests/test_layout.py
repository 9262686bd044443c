"""The package's layout: no import cycle, and dependencies that point down only.

    kg  ->  kg.api, kg.cli  ->  kg.run  ->  kg.text, kg.nlp, kg.extract, kg.graph, kg.view  ->  kg.types, kg.errors, ...

Imports are read from the source (``tests/importgraph.py``, which ``python tests/importgraph.py``
prints), those inside functions included: an import put off to dodge a cycle is still counted.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from importgraph import find_cycle, imports, part

GRAPH = imports()
#: the stages, each a sub-package
STAGES = {"kg.text", "kg.nlp", "kg.extract", "kg.graph", "kg.view"}
#: below every stage: what travels between them, errors, files put in place whole, scratch SQLite
#: files, the cache, the data
BASE = {"kg.types", "kg.errors", "kg.atomic", "kg.scratch", "kg.cache", "kg.resources"}
#: above them: the package's entry points (``kg.load``, ``kg.build``, ``kg.open``, which it imports
#: from ``kg.api`` when first used), the library's API for notebooks, the command line (and
#: ``python -m kg``, which runs it)
TOP = {"kg", "kg.api", "kg.cli", "kg.__main__"}
#: the only imports from one stage into another, and why each is there
ALLOWED = {
    ("kg.nlp", "kg.extract"): "the spaCy pipeline's components run the recognisers and relation rules (extract)",
    ("kg.nlp", "kg.text"): "the pipeline's tokenizer cleans a raw text before it segments it (text.clean)",
    ("kg.graph", "kg.text"): "an article's title is labelled in Simplified script (text.script)",
    ("kg.view", "kg.graph"): "views read the graph files: vocabulary, kg.nt sorted, the store",
    ("kg.view", "kg.text"): "the article view reads the article again and finds names in Simplified",
}


def _edges() -> list[tuple[str, str]]:
    return sorted((m, t) for m, targets in GRAPH.items() for t in targets)


def test_the_graph_sees_every_part() -> None:
    assert {part(m) for m in GRAPH} == STAGES | BASE | TOP | {"kg.run"}


def test_no_import_cycle() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


def test_nothing_imports_the_command_line() -> None:
    assert [(m, t) for m, t in _edges() if part(t) == "kg.cli" and m != "kg.__main__"] == []


def test_only_the_command_line_and_the_api_import_run() -> None:
    bad = [(m, t) for m, t in _edges() if part(t) == "kg.run" and part(m) not in {"kg.run", "kg.cli", "kg.api"}]
    assert bad == []


def test_the_package_imports_only_its_api() -> None:
    assert {t for m, t in _edges() if m == "kg"} == {"kg.api"}


def test_the_base_imports_no_stage() -> None:
    bad = [(m, t) for m, t in _edges() if part(m) in BASE and part(t) not in BASE]
    assert bad == []


def test_stages_import_each_other_only_where_allowed() -> None:
    bad = [(m, t) for m, t in _edges()
           if part(m) in STAGES and part(t) in STAGES and part(m) != part(t) and (part(m), part(t)) not in ALLOWED]
    assert bad == [], "add the edge to ALLOWED with its reason, or move the code down"


@pytest.mark.parametrize("edge", sorted(ALLOWED))
def test_each_allowed_edge_is_used(edge: tuple[str, str]) -> None:
    """An allowance no import needs any more goes, so the list says what is."""
    assert any((part(m), part(t)) == edge for m, t in _edges()), f"{edge} is allowed but unused"


def test_import_kg_is_cheap() -> None:
    """``import kg`` and each sub-package's map load no library: the stages are imported when used."""
    code = ("import sys, kg, kg.text, kg.nlp, kg.graph, kg.run, kg.view; "
            "print(' '.join(sorted(m for m in ('spacy', 'numpy', 'rdflib', 'pyoxigraph', 'opencc', 'dask') "
            "if m in sys.modules)))")
    heavy = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent).stdout.split()
    assert heavy == []
