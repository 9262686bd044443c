"""``kg build --jobs N`` and ``--dask``: worker processes, here or on a Dask cluster, give the same
files as one process."""
from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

import pytest
from httpfolder import serving
from kgcli import REPO, kg, one_error, snapshot

#: what the build writes of its graph
OUTPUTS = ("kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld")


@pytest.fixture(scope="module")
def repeated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """A corpus of several partitions (kg/run/partitions.py cuts 16 files or more) whose copies,
    near-duplicates and repeated ids are in other partitions than their originals, its build by
    one process (``--jobs 1``), and what that build said."""
    corpus = tmp_path_factory.mktemp("repeated")
    paragraphs = [p for f in sorted((REPO / "seeds").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 120][:20]
    for i, text in enumerate(paragraphs):
        (corpus / "a" / str(i)).mkdir(parents=True)
        (corpus / "a" / str(i) / f"{i % 7}.txt").write_text(text, encoding="utf-8")  # ids 0-6 again and again
    (corpus / "b").mkdir()
    for i, text in enumerate(paragraphs[::3]):
        (corpus / "b" / f"copy{i}.txt").write_text(text, encoding="utf-8")
        (corpus / "b" / f"near{i}.txt").write_text(text + "（完）", encoding="utf-8")
    (corpus / "b" / "0~2.txt").write_text(paragraphs[1] + "又及。", encoding="utf-8")
    out = tmp_path_factory.mktemp("repeated-out") / "one"
    proc = kg("build", corpus, "--out", out, "--jobs", "1", "--no-html")
    assert proc.returncode == 0, proc.stderr
    said = sorted(proc.stderr.splitlines())
    assert sum("same text as" in line for line in said) == 7 and sum("near-duplicate of" in line for line in said) >= 7
    assert any("built as 0~2~2" in line for line in said), said
    return corpus, out, said


def _same_build(proc: subprocess.CompletedProcess, out: Path, repeated: tuple[Path, Path, list[str]]) -> None:
    _, one, said = repeated
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (one / name).read_bytes(), name
    assert sorted(proc.stderr.splitlines()) == said


def test_jobs_2_builds_partitions_as_one_process_does(repeated, tmp_path: Path) -> None:
    out = tmp_path / "jobs2"
    _same_build(kg("build", repeated[0], "--out", out, "--jobs", "2", "--no-html"), out, repeated)



def test_jobs_2_gives_byte_identical_outputs(seeds_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "jobs2"
    proc = kg("build", "seeds/", "--out", out, "--jobs", "2", "--no-html")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in ("kg.ttl", "kg.nt", "kg.nq"):
        assert (out / name).read_bytes() == (seeds_out / name).read_bytes(), name
    assert proc.stdout.startswith("5 articles;"), proc.stdout


def test_jobs_must_be_positive() -> None:
    proc = kg("build", "seeds/", "--out", "/nonexistent", "--jobs", "0")
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr and "'0'" in proc.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """Captured stderr (a pipe) gets only ``kg: ...`` lines: no bar, no notices of the libraries."""
    proc = kg("build", "seeds/", "--out", tmp_path / "o", "--no-html", "--no-store")
    assert proc.returncode == 0, proc.stderr
    assert "/5 [" not in proc.stderr and "\r" not in proc.stderr, proc.stderr
    assert all(line.startswith("kg: ") for line in proc.stderr.splitlines()), proc.stderr


def _stderr_on_a_terminal(*args: str | Path) -> str:
    """Run ``kg ARGS`` with stderr on a pseudo-terminal 100 columns wide; what it showed there."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import termios

    from kgcli import KG_BIN, REPO

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen([str(KG_BIN), *map(str, args)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = bytearray()
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        shown += data
    os.close(master)
    assert proc.wait(timeout=300) == 0, shown.decode(errors="replace")
    return shown.decode(errors="replace")


def test_progress_bar_on_a_terminal_unless_quiet(tmp_path: Path) -> None:
    shown = _stderr_on_a_terminal("build", "seeds/", "--out", tmp_path / "o", "--no-html", "--no-store")
    # done/total [elapsed<ETA, rate] (a slow rate is shown as seconds per article)
    assert re.search(r"5/5 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+(article/s|s/article)\]", shown), shown
    quiet = _stderr_on_a_terminal("build", "seeds/", "--out", tmp_path / "q", "--no-html", "--no-store", "--quiet")
    assert "/5 [" not in quiet and "kg: warning:" in quiet, quiet


# --- Dask -----------------------------------------------------------------------------------------

def test_dask_local_cluster_gives_the_local_build(seeds_out: Path, repeated, tmp_path: Path) -> None:
    """Two worker processes of a local Dask cluster make the graph one process makes, byte for byte."""
    out = tmp_path / "dask"
    proc = kg("build", "seeds/", "--out", out, "--dask", "local", "--jobs", "2", "--no-html")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("5 articles;"), proc.stdout
    assert isomorphic(Graph().parse(out / "kg.ttl"), Graph().parse(seeds_out / "kg.ttl"))
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (seeds_out / name).read_bytes(), name
    out = tmp_path / "dask-partitions"
    _same_build(kg("build", repeated[0], "--out", out, "--dask", "local", "--jobs", "2", "--no-html"), out, repeated)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_scheduler_and_workers_on_loopback(seeds_out: Path, repeated, tmp_path: Path) -> None:
    """A cluster started as users start one (``dask scheduler``, ``dask worker``) builds the same graph."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = Path(sys.executable).parent / "dask"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 **quiet)
    worker = subprocess.Popen([dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
                              cwd=tmp_path, **quiet)
    try:
        out = tmp_path / "cluster"
        proc = kg("build", "seeds/", "--out", out, "--dask", address, "--no-html")
        assert proc.returncode == 0, proc.stderr
        for name in OUTPUTS:
            assert (out / name).read_bytes() == (seeds_out / name).read_bytes(), name
        out = tmp_path / "cluster-partitions"
        _same_build(kg("build", repeated[0], "--out", out, "--dask", address, "--no-html"), out, repeated)
    finally:
        for server in (worker, scheduler):
            server.terminate()
            server.wait(timeout=60)


def test_unreachable_dask_scheduler_is_one_line_and_changes_nothing(seeds_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    shutil.copytree(seeds_out, out)
    before = snapshot(out)
    proc = kg("build", "seeds/", "--out", out, "--dask", f"tcp://127.0.0.1:{_free_port()}")
    line = one_error(proc)
    assert "cannot reach the Dask scheduler" in line and "dask scheduler" in line, line
    assert snapshot(out) == before


@pytest.mark.parametrize("kind", ["file", "http"])
def test_a_corpus_at_a_url_builds_as_at_its_path(kind: str, repeated, tmp_path: Path) -> None:
    """Workers read a URL of any filesystem fsspec has installed (``file://``, or ``http://`` from a real
    HTTP server on loopback) themselves: the graph of the corpus at its path, each article named by its URL."""
    corpus, one, _ = repeated
    with contextlib.ExitStack() as stack:
        root = f"file://{corpus.parent}" if kind == "file" else stack.enter_context(serving(corpus.parent))
        url = f"{root}/{corpus.name}/"
        out = tmp_path / "url"
        proc = kg("build", url, "--out", out, "--jobs", "2", "--no-html", "--no-store")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split(";")[0] == kg("build", corpus, "--out", tmp_path / "path", "--no-html",
                                           "--no-store").stdout.split(";")[0]
    named = (out / "kg.nt").read_bytes()
    assert url.encode() in named
    assert named.replace(url.encode(), f"{corpus}/".encode()) == (one / "kg.nt").read_bytes()
