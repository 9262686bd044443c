"""``WorkerPool``: the processes of one build, started and stopped with it, so that builds one
after another in one process behave alike and give the same files."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.run.build import build
from kg.run.pool import WorkerPool
from kgcli import REPO

OUTPUTS = ("kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld", "graph.html", "report.html")


def _nothing() -> None:
    pass


def _preloaded() -> bool:
    """In a worker: whether its fork server had loaded the workers' code and pipeline."""
    return "kg.run.preload" in sys.modules


def test_builds_one_after_another_in_one_process_give_the_same_files(seeds_out: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """jobs 1 then 2 (a server with only the writers, then one with the pipeline), then 2 again: the
    files of ``kg build seeds/`` each time."""
    monkeypatch.chdir(REPO)  # the articles' sources are named as given: seeds/...
    for n, jobs in enumerate((1, 2, 2)):
        out = tmp_path / f"{n}-jobs{jobs}"
        report = build(["seeds/"], out, store=False, jobs=jobs, on_warn=lambda _: None)
        assert report.articles == 5
        for name in OUTPUTS:
            assert (out / name).read_bytes() == (seeds_out / name).read_bytes(), (jobs, name)


def test_a_pool_after_another_has_a_server_of_its_own() -> None:
    """Workers of a pool started after one without workers still start with the pipeline loaded."""
    with WorkerPool(1) as first:
        if first.side() is None:
            pytest.skip("no fork server on this platform")
    with WorkerPool(2) as pool, pool.workers(_nothing) as workers:
        assert workers.apply(_preloaded)
