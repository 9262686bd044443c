"""A build killed mid-way (SIGKILL: a crash; SIGINT: Ctrl-C) leaves the previous outputs byte for
byte as they were, and running it again completes (also with ``--into``)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS

from kg.graph.vocab import KG

from conftest import SEEDS

REPO = Path(__file__).resolve().parents[1]
RAW = REPO.parent / "shared" / "corpus" / "raw"
KG_BIN = Path(sys.executable).parent / "kg"
COPIES = 60  # edited copies of each seed (near-duplicates, so all are built): enough to outlast the kills


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of a build directory, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def article_ids(out: Path) -> set[str]:
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    return {str(graph.value(a, DCTERMS.identifier)) for a in graph.subjects(RDF.type, KG.Article)}


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The raw corpus (when shared/ is there) and the seeds copied many times, each copy with its own
    first line; an empty file sorts first, so its 'skipped' line says the articles are being read."""
    src = tmp_path_factory.mktemp("big")
    (src / "000_empty.txt").write_bytes(b"")
    for path in sorted(RAW.glob("*.txt")):
        (src / f"raw_{path.name}").write_bytes(path.read_bytes())
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for n in range(COPIES):
            (src / f"copy{n:03d}_{seed.name}").write_text(f"第{n}期转载\n{text}", encoding="utf-8")
    return src


class Build:
    """``kg build ARGS`` in the background; its stderr is drained (a full pipe would stall it)."""

    def __init__(self, *args: str | Path) -> None:
        # Ctrl-C reaches the build as it reaches a build a user started, even when the tests run
        # in a background job (which starts with SIGINT ignored, and children inherit that)
        self.proc = subprocess.Popen([str(KG_BIN), "build", *map(str, args)], cwd=REPO,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.lines: list[str] = []
        self.reading = threading.Event()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)
            if line.startswith("kg: skipped") and "000_empty.txt" in line:
                self.reading.set()  # the model is loaded and the articles stream
        self.proc.stderr.close()

    def wait_until_reading(self, timeout: float = 300) -> None:
        assert self.reading.wait(timeout), f"kg build never read its inputs: {''.join(self.lines)[-2000:]}"

    def finish(self) -> tuple[int, str]:
        """Its exit code and everything it said, once it has ended."""
        code = self.proc.wait(timeout=60)
        self.reader.join(timeout=60)
        return code, "".join(self.lines)


def test_killed_build_leaves_previous_outputs_and_reruns(tmp_path: Path, big_input: Path) -> None:
    out = tmp_path / "out"
    first = subprocess.run([str(KG_BIN), "build", str(SEEDS), "--out", str(out)], cwd=REPO,
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    assert "kg.ttl" in before and "graph.html" in before

    # a crash (SIGKILL) of a fresh build and Ctrl-C (SIGINT) of an incremental one, side by side (in two
    # copies of the build: in one folder, one would wait for the other), both well into processing the articles
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    crashed, interrupted = Build(big_input, "--out", out), Build(big_input, "--into", copy)
    for build in (crashed, interrupted):
        build.wait_until_reading()
    time.sleep(1.0)
    assert crashed.proc.poll() is None and interrupted.proc.poll() is None, "a build ended before it was killed"
    crashed.proc.send_signal(signal.SIGKILL)  # both at once: neither may finish while the other is stopped
    interrupted.proc.send_signal(signal.SIGINT)
    assert crashed.finish()[0] == -signal.SIGKILL
    code, said = interrupted.finish()
    assert code == 130, said[-2000:]
    assert "kg: interrupted; previous outputs are intact" in said
    assert "Traceback" not in said
    # what the crash left is its work folder only, which the next build removes
    assert {path: data for path, data in snapshot(out).items() if not path.startswith(".kg-work-")} == before
    assert snapshot(copy) == before

    # run again: the incremental build completes and holds the seeds and every new article
    again = subprocess.run([str(KG_BIN), "build", str(big_input), "--into", str(out)], cwd=REPO,
                           capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-2000:]
    assert [p.name for p in out.glob(".*")] == [".kg-build"], "a crashed build's work files are left"
    ids = article_ids(out)
    assert {p.stem for p in SEEDS.glob("*.txt")} <= ids
    assert {f"copy{n:03d}_{seed.stem}" for seed in SEEDS.glob("*.txt") for n in range(COPIES)} <= ids
    assert {f"raw_{p.stem}" for p in RAW.glob("*.txt")} <= ids
