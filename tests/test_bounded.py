"""The bounds of ``kg query`` (kg/graph/bounded.py): a query that runs too long is stopped at
``--timeout``, Ctrl-C stops it at once, a table shows at most ``--limit`` rows and says how many
it left out; the child process that runs the query never outlives ``kg``."""
from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from kg.errors import InputError, KgError
from kg.graph.bounded import stream
from kgcli import KG_BIN, REPO, kg, one_error

#: a count over the cross product of the graph with itself, three times: one native call
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def triples(build: Path) -> int:
    return len((build / "kg.nt").read_bytes().splitlines())


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def started(*args: str | Path) -> subprocess.Popen:
    """``kg ARGS`` in the background, with Ctrl-C delivered as to a command a user started (a test
    run in a background job starts with SIGINT ignored, and children inherit that)."""
    return subprocess.Popen([str(KG_BIN), *map(str, args)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


# --- time ----------------------------------------------------------------------------------------


def test_a_query_over_its_timeout_is_stopped_in_one_line(seeds_out: Path) -> None:
    began = time.monotonic()
    proc = kg("query", seeds_out, CROSS_COUNT, "--timeout", "2", timeout=120)
    took = time.monotonic() - began
    error = one_error(proc)
    assert proc.returncode == 1
    assert error == ("kg: query: stopped after 2 s (--timeout); narrow the query (more specific patterns, LIMIT) "
                     "or give a larger --timeout (0: no limit)")
    assert took < 30, took  # the count would take hours


def test_a_stalled_service_is_stopped_too(seeds_out: Path) -> None:
    """A SERVICE endpoint that accepts the connection and never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        url = f"http://127.0.0.1:{server.getsockname()[1]}/sparql"
        proc = kg("query", seeds_out, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "--allow-service",
                  "--timeout", "2", timeout=120)
    assert proc.returncode == 1 and "stopped after 2 s (--timeout)" in one_error(proc)


def test_ctrl_c_stops_a_running_query_at_once(seeds_out: Path) -> None:
    proc = started("query", seeds_out, CROSS_COUNT)
    try:
        wait_for(lambda: children(proc.pid))  # the query runs in the child: the native call has begun
        [child] = children(proc.pid)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert err == "kg: interrupted; previous outputs are intact\n" and out == ""
    wait_for(lambda: not alive(child), 10)


def test_the_query_process_dies_with_kg(seeds_out: Path) -> None:
    """kg killed outright (it can clean nothing up): its query process goes with it."""
    proc = started("query", seeds_out, CROSS_COUNT)
    try:
        wait_for(lambda: children(proc.pid))
        [child] = children(proc.pid)
        proc.kill()
        proc.wait(timeout=20)
    finally:
        proc.kill()
    wait_for(lambda: not alive(child), 10)


@pytest.mark.parametrize("value", ["-1", "soon", "inf", "nan"])
def test_timeout_must_be_seconds(seeds_out: Path, value: str) -> None:
    proc = kg("query", seeds_out, "ASK {}", "--timeout", value)
    assert proc.returncode == 2 and "is not a number of seconds" in proc.stderr


def test_timeout_zero_is_no_limit(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--timeout", "0", "--format", "csv")
    assert proc.returncode == 0 and proc.stdout.split() == ["n", str(triples(seeds_out))], proc.stderr


# --- rows ----------------------------------------------------------------------------------------


def table_rows(stdout: str) -> list[str]:
    """The data rows of a table: after the header and its rule, before the footer."""
    lines = stdout.splitlines()
    assert lines[1].startswith("-") and lines[-1].startswith("(")
    return lines[2:-1]


@pytest.mark.parametrize(("limit", "shown"), [(None, 1000), ("5", 5), ("0", None)])
def test_a_table_shows_at_most_limit_rows_and_says_how_many_more(seeds_out: Path, limit: str | None,
                                                                 shown: int | None) -> None:
    n = triples(seeds_out)
    proc = kg("query", seeds_out, "SELECT * WHERE { ?s ?p ?o }", *(["--limit", limit] if limit else []))
    assert proc.returncode == 0, proc.stderr
    footer = proc.stdout.splitlines()[-1]
    if shown is None:
        assert len(table_rows(proc.stdout)) == n and footer == f"({n} rows)"
    else:
        assert len(table_rows(proc.stdout)) == shown
        assert footer == f"(first {shown} of {n} rows; all of them with --limit 0, or with --format csv or json)"


def test_a_table_within_the_limit_is_unchanged(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, "SELECT ?s WHERE { ?s a kg:Official }", "--limit", "1000")
    plain = kg("query", seeds_out, "SELECT ?s WHERE { ?s a kg:Official }", "--limit", "0")
    assert proc.returncode == 0 and proc.stdout == plain.stdout
    assert proc.stdout.splitlines()[-1] == f"({len(table_rows(proc.stdout))} rows)"


def test_a_construct_table_is_capped_and_csv_is_whole(seeds_out: Path) -> None:
    n = triples(seeds_out)
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    capped = kg("query", seeds_out, query, "--limit", "10")
    assert len(table_rows(capped.stdout)) == 10
    assert capped.stdout.splitlines()[-1].startswith(f"(first 10 of {n} rows;")
    whole = kg("query", seeds_out, query, "--format", "csv", "--limit", "10")
    assert len(whole.stdout.splitlines()) == n + 1


def test_a_cross_product_table_shows_its_first_rows_and_counts_the_rest_within_the_time(seeds_out: Path) -> None:
    proc = kg("query", seeds_out, CROSS_ROWS, "--timeout", "4", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(table_rows(proc.stdout)) == 1000
    footer = proc.stdout.splitlines()[-1]
    assert footer.startswith("(first 1000 of more than ") and footer.endswith(" rows; all of them with --limit 0, "
                                                                               "or with --format csv or json)")


def test_a_cross_product_as_csv_streams_until_stopped(seeds_out: Path) -> None:
    """CSV rows reach the output while the query runs: they are not held until it ends."""
    proc = kg("query", seeds_out, CROSS_ROWS, "--format", "csv", "--timeout", "2", timeout=120)
    assert proc.returncode == 1 and "stopped after 2 s" in proc.stderr and "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "a,b,c,d,e,f,g,h,i" and len(lines) > 1000


# --- the child process ---------------------------------------------------------------------------


def test_output_then_error_arrive_in_order() -> None:
    def work(out: io.BufferedWriter) -> None:
        out.write(b"first rows\n")
        raise InputError("bad input, named")

    out = io.BytesIO()
    with pytest.raises(InputError, match="^bad input, named$"):
        stream(work, out, 10)
    assert out.getvalue() == b"first rows\n"


def test_a_child_that_dies_is_one_error() -> None:
    with pytest.raises(KgError, match=r"the query process failed \(exit status 3\)"):
        stream(lambda out: os._exit(3), io.BytesIO(), 10)
    with pytest.raises(KgError, match="killed by signal SIGKILL"):
        stream(lambda out: os.kill(os.getpid(), signal.SIGKILL), io.BytesIO(), 10)


def test_time_spent_writing_the_output_is_not_counted() -> None:
    """A slow reader of the output (a pager) does not use up the query's time."""
    class Slow(io.BytesIO):
        def write(self, data: bytes) -> int:
            time.sleep(0.2)
            return super().write(data)

    def work(out: io.BufferedWriter) -> None:
        for _ in range(10):
            out.write(b"x" * 100)
            out.flush()

    out = Slow()
    stream(work, out, 1)
    assert out.getvalue() == b"x" * 1000


def test_a_child_still_running_at_the_timeout_is_killed() -> None:
    read, write = os.pipe()

    def work(out: io.BufferedWriter) -> None:
        os.write(write, str(os.getpid()).encode())
        time.sleep(60)

    began = time.monotonic()
    try:
        with pytest.raises(TimeoutError):
            stream(work, io.BytesIO(), 0.5)
        assert time.monotonic() - began < 30
        assert not alive(int(os.read(read, 20)))
    finally:
        os.close(read)
        os.close(write)
