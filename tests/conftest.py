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


#: the seeds as a JSONL corpus with dates and URLs, an article naming a seed's official again
#: later, and one article that gives no fact (its title holds markup)
DATES = ("2019-06-01", "2020-03-15", "2021-07-09", "2022-11-30", "2023-05-18")
LATER = {"id": "later", "date": "2024-03-01", "url": "https://news.example.cn/later.html",
         "text": "2024年3月1日，市委常委、黄岩区委书记徐淼主持召开会议，部署干部队伍建设工作。"}
NO_FACTS = {"id": "nofacts", "date": "2024-04-02", "title": "<b>今日天气预报</b><img src=x onerror=\"window.pwned=1\">",
            "text": "今天天气晴朗，气温适宜，市民纷纷外出踏青。"}


def dated_articles() -> list[dict[str, str]]:
    """The articles of ``dated_out``, as its JSONL gives them."""
    seeds = [{"id": path.stem, "text": path.read_text("utf-8-sig"), "title": f"种子 {i}",
              "url": f"https://news.example.cn/{path.stem}.html", "date": date}
             for i, (path, date) in enumerate(zip(sorted(SEEDS.glob("*.txt")), DATES))]
    return [*seeds, LATER, NO_FACTS]


@pytest.fixture(scope="session")
def dated_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory of ``kg build dated.jsonl --out DIR`` (``dated_articles``), made once per session;
    tests read it and never write into it."""
    import json

    from kgcli import kg

    src = tmp_path_factory.mktemp("dated-src") / "dated.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in dated_articles()), encoding="utf-8")
    out = tmp_path_factory.mktemp("dated-build")
    proc = kg("build", src, "--out", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out
