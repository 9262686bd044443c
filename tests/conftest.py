"""Shared fixtures: the real spaCy pipeline (loaded once per session) and a runner
that takes one Chinese text through clean -> segment -> extract, as ``kg build`` does."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

import kg.nlp.pipeline
from kg.types import Article, Extraction

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

Run = Callable[..., Extraction]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """kg's spaCy pipeline, ``kg.nlp.pipeline.make()`` (its errors raised; no mocks)."""
    return kg.nlp.pipeline.make()


@pytest.fixture(scope="session")
def run(nlp: Language) -> Run:
    """``run(text, article_id="t")`` -> the article's ``Extraction``, made by the pipeline's components."""

    def _run(text: str, article_id: str = "t") -> Extraction:
        article = Article(id=article_id, text=text, source=f"{article_id}.txt")
        return nlp(nlp.tokenizer.article_doc(article))._.kg_extraction

    return _run


def labels(ex: Extraction, cls: str) -> set[str]:
    """Preferred labels of the entities of one class."""
    return {e.label for e in ex.entities if e.cls == cls}


def names(ex: Extraction, cls: str) -> set[str]:
    """Preferred and alternative labels of the entities of one class."""
    return {n for e in ex.entities if e.cls == cls for n in (e.label, *e.alt_labels)}


def alt_labels(ex: Extraction, cls: str, label: str) -> set[str]:
    """The alternative labels of the entity of ``cls`` whose preferred label is ``label``."""
    return {a for e in ex.entities if e.cls == cls and e.label == label for a in e.alt_labels}


def entity(ex: Extraction, cls: str, label: str):
    """The one entity of ``cls`` labelled ``label`` (fails the test if there is none)."""
    found = [e for e in ex.entities if e.cls == cls and e.label == label]
    assert found, f"no {cls} {label!r} in {sorted(labels(ex, cls))}"
    return found[0]


def facts(ex: Extraction, predicate: str | None = None) -> set[tuple[str, str, str]]:
    """Facts as (subject label, predicate, object label), optionally of one predicate."""
    by_key = {e.key: e.label for e in ex.entities}
    return {(by_key[f.subject], f.predicate, by_key[f.object]) for f in ex.facts
            if predicate is None or f.predicate == predicate}


@pytest.fixture(scope="session")
def helpers():
    """The label helpers as one namespace, for tests that prefer a fixture to an import."""
    from types import SimpleNamespace

    return SimpleNamespace(labels=labels, names=names, alt_labels=alt_labels, entity=entity, facts=facts)


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory of ``kg build seeds/ --out DIR`` (a subprocess), made once per session.

    Shared by the query, export, push and incremental tests: they read it and never
    write into it (a test that must write copies it first)."""
    from kgcli import kg

    out = tmp_path_factory.mktemp("seeds-build")
    proc = kg("build", "seeds/", "--out", out)
    assert proc.returncode == 0, proc.stderr
    return out
