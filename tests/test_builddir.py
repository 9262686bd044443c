"""The build folder is kg's: a marker says so, a folder holding other files is refused unless
``--force``, nothing kg did not make is removed, builds of one folder take turns, and a build
that cannot write (a file in the way, a read-only folder, a full disk) says so in one line and
leaves what was there as it was. Every case runs the real ``kg`` command.

The full disk and the read-only file system are real: a small tmpfs, mounted read-write or
read-only in a user and mount namespace of its own (``unshare``); this file, run as a script
inside it, does the builds there and reports what it saw as JSON."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.builddir import MARKER, MARKER_TEXT, SCRATCH, SCRATCH_MARK

from kgcli import KG_BIN, SEEDS, contents, kg, one_error, snapshot

SEED_FILES = sorted(SEEDS.glob("*.txt"))
IDS_QUERY = "SELECT ?id WHERE { ?a dcterms:identifier ?id } ORDER BY ?id"


def articles(folder: Path, *indices: int) -> Path:
    """A folder holding the seeds of these indices."""
    folder.mkdir(parents=True)
    for i in indices:
        shutil.copy(SEED_FILES[i], folder)
    return folder


def ids(files: list[Path]) -> set[str]:
    return {p.stem for p in files}


def nq_ids(out: Path) -> set[str]:
    """The article ids in ``out/kg.nq``."""
    return {q.object.value for q in ox.parse(path=out / "kg.nq", format=ox.RdfFormat.N_QUADS)
            if q.predicate.value == "http://purl.org/dc/terms/identifier"}


def store_ids(out: Path) -> set[str]:
    """The article ids the build's store answers with."""
    assert (out / "store").is_dir()
    proc = kg("query", out, IDS_QUERY, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split()[1:])


def foreign_files(root: Path) -> dict[str, str]:
    """Files of the user's in a folder: notes, a store and work folders of kg's names that kg did not make."""
    files = {"notes.txt": "my notes\n", "store/my.db": "precious\n", f"{SCRATCH}123/x": "mine\n",
             f"{SCRATCH}{os.getpid()}-abc/y": "mine too\n"}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return files


def test_a_folder_with_other_files_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "h"
    files = foreign_files(folder)
    before = snapshot(folder)
    for option in ("--out", "--into"):
        proc = kg("build", SEEDS, option, folder, "--no-store")
        assert proc.returncode == 2
        line = one_error(proc)
        if option == "--out":
            assert line == (f"kg: {folder}: holds files and is not a kg build (no {MARKER}); "
                            "choose an empty or new folder, or pass --force to build there beside them")
        else:  # no build there to add to: said before the folder is touched
            assert line.startswith(f"kg: --into {folder}: no build there"), line
    assert snapshot(folder) == before and len(before) == len(files)


def test_a_folder_holding_only_names_kg_never_writes_is_built_in_beside_them(tmp_path: Path) -> None:
    """``mkdir d; kg build seeds --out d >d/log 2>&1``: the log is the user's, kept, and nothing of kg's is in its way."""
    folder = tmp_path / "d"
    folder.mkdir()
    with open(folder / "log", "wb") as log:
        proc = subprocess.run([str(KG_BIN), "build", str(SEEDS), "--out", str(folder), "--no-store"],
                              stdout=log, stderr=log)
    assert proc.returncode == 0
    text = (folder / "log").read_text()
    assert f"kg: warning: {folder}: holds files that are not kg's (log); the build writes beside them" in text
    assert "5 articles" in text and (folder / "kg.ttl").stat().st_size > 0
    assert (folder / MARKER).read_bytes() == MARKER_TEXT


def test_into_a_folder_holding_a_graph_and_other_files(tmp_path: Path, seeds_out: Path) -> None:
    """A kg.nq beside the user's files, and no marker: not a build kg may add to without --force."""
    folder = tmp_path / "h"
    foreign_files(folder)
    shutil.copy(seeds_out / "kg.nq", folder)
    before = snapshot(folder)
    proc = kg("build", SEED_FILES[0], "--into", folder, "--no-store")
    assert proc.returncode == 2 and "is not a kg build" in one_error(proc) and snapshot(folder) == before


def test_force_builds_beside_other_files_and_removes_none(tmp_path: Path) -> None:
    """The issue's case: ``mkdir -p h/store; echo precious > h/store/my.db; kg build seeds --out h --no-store``."""
    folder = tmp_path / "h"
    files = foreign_files(folder)
    with_store = kg("build", SEEDS, "--out", folder, "--force")  # would replace store/: refused even so
    assert with_store.returncode == 2
    assert one_error(with_store) == (f"kg: {folder / 'store'}: not a store kg made, and the build would replace "
                                     "it; move it away, or build with --no-store (which leaves it)")
    assert not (folder / "kg.ttl").exists()
    for _ in range(2):  # forced once; then the folder is kg's and needs no --force
        proc = kg("build", SEEDS, "--out", folder, "--no-store", *(() if (folder / MARKER).exists() else ("--force",)))
        assert proc.returncode == 0, proc.stderr
        assert {name: (folder / name).read_text() for name in files} == files
    assert (folder / MARKER).read_bytes() == MARKER_TEXT
    assert not [p for p in folder.glob(f"{SCRATCH}*") if (p / SCRATCH_MARK).exists()]  # its own work folders: gone
    proc = kg("query", folder, IDS_QUERY, "--format", "csv")  # not the foreign store/: kg.ttl
    assert proc.returncode == 0 and set(proc.stdout.split()[1:]) == ids(SEED_FILES), proc.stderr


def test_the_work_folder_of_a_crashed_build_is_removed_but_not_one_kg_did_not_mark(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert kg("build", SEED_FILES[0], "--out", out, "--no-html").returncode == 0
    crashed, foreign = out / f"{SCRATCH}999999999-abcd1234", out / f"{SCRATCH}999999999-wxyz"
    for folder in (crashed, foreign):  # the same dead process's id: only kg's mark tells them apart
        folder.mkdir()
        (folder / "part").write_text("data\n")
    (crashed / SCRATCH_MARK).touch()
    assert kg("build", SEED_FILES[0], "--out", out, "--no-html").returncode == 0
    assert not crashed.exists() and (foreign / "part").read_text() == "data\n"


def test_the_marker_is_the_same_every_build_and_the_outputs_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert kg("build", SEEDS, "--out", out).returncode == 0
    assert contents(first) == contents(second) and contents(first)[MARKER]
    assert (first / MARKER).read_bytes() == MARKER_TEXT
    before = snapshot(first)
    assert kg("build", SEEDS, "--out", first).returncode == 0
    assert snapshot(first)[MARKER] == before[MARKER]  # not even rewritten


def test_a_build_made_before_the_marker_is_kgs(tmp_path: Path) -> None:
    """A folder of nothing but kg's outputs and no marker (made by an older kg) is rebuilt without --force."""
    out = tmp_path / "o"
    assert kg("build", SEEDS, "--out", out).returncode == 0
    (out / MARKER).unlink()
    proc = kg("build", SEED_FILES[0], "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert nq_ids(out) == store_ids(out) == ids(SEED_FILES[:1]) and (out / MARKER).is_file()


def test_out_naming_a_file(tmp_path: Path) -> None:
    path = tmp_path / "kg.ttl"
    path.write_text("mine\n")
    for target in (path, path / "sub"):
        proc = kg("build", SEEDS, "--out", target)
        assert proc.returncode == 2
        assert one_error(proc) in (f"kg: {path}: a file, not a folder; choose an empty or new folder for the build",
                                   f"kg: {target}: cannot be made a folder (not a directory); choose another folder "
                                   "for the build")
    assert path.read_text() == "mine\n" and list(tmp_path.iterdir()) == [path]


def test_a_read_only_folder_chmod(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert kg("build", SEEDS, "--out", out).returncode == 0
    before = snapshot(out)
    out.chmod(0o555)
    try:
        try:
            (out / "probe").touch()
        except PermissionError:
            pass
        else:
            (out / "probe").unlink()
            pytest.skip("this user writes in a folder of mode 555 (root): see the read-only mount case instead")
        proc = kg("build", SEED_FILES[0], "--out", out)
    finally:
        out.chmod(0o755)
    assert proc.returncode == 2
    assert one_error(proc) == (f"kg: {out}: cannot write there (permission denied); make it writable, or "
                               "choose another folder for the build")
    assert snapshot(out) == before and store_ids(out) == ids(SEED_FILES)


def _namespace(kind: str, tmp_path: Path) -> list[dict]:
    """Run ``in_namespace(kind, ...)`` (below) in a user and mount namespace, where it can mount a tmpfs."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare command: cannot mount a small file system for this case")
    mount = tmp_path / "mnt"
    mount.mkdir()
    probe = subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs in a user namespace here ({probe.stderr.strip()})")
    proc = subprocess.run(["unshare", "-rm", sys.executable, __file__, kind, str(mount)], capture_output=True,
                          text=True, timeout=1200, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_a_full_disk(tmp_path: Path) -> None:
    """With no room left, then with more and more room, each time too little for the outputs (it runs
    out in the store, in a process writing kg.ttl, in the main process...): one line, exit 1, no work
    folder left, the previous build as it was and still answering; once there is room the same build
    succeeds."""
    runs = _namespace("full", tmp_path)
    assert len(runs) >= 4, runs
    for run in runs[:-1]:
        assert run["code"] == 1, run
        assert run["stderr"] == [f"kg: {run['out']}: no space left on device while writing the build; free some "
                                 f"space on its disk and build again (what was in {run['out']} is unchanged)"], run
        assert run["unchanged"] and run["ids"] == sorted(ids(SEED_FILES)), run
        assert not [name for name in run["names"] if name.startswith(SCRATCH)], run
    assert runs[-1]["code"] == 0 and runs[-1]["ids"] == sorted(ids(SEED_FILES[:2])), runs[-1]


def test_a_read_only_file_system(tmp_path: Path) -> None:
    for run in _namespace("read-only", tmp_path):
        assert run["code"] == 2, run
        assert run["stderr"] == [f"kg: {run['out']}: cannot write there (read-only file system); make it writable, "
                                 "or choose another folder for the build"], run
        assert run["unchanged"], run
    assert run["ids"] == sorted(ids(SEED_FILES))


def in_namespace(kind: str, mount: Path) -> None:
    """In a namespace of its own: mount a tmpfs at ``mount``, build the seeds there, then try a build
    of two seeds with the disk full, then with more room each time until it fits (``full``), or mounted
    read-only (``read-only``); print one JSON line per try."""
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], check=True)
    out, fill = mount / "b", mount / "fill"
    assert kg("build", SEEDS, "--out", out).returncode == 0
    before = snapshot(out)

    def attempt(target: Path = out) -> int:
        proc = kg("build", *SEED_FILES[:2], "--out", target)
        answer = kg("query", out, IDS_QUERY, "--format", "csv")
        print(json.dumps({"out": str(target), "code": proc.returncode, "unchanged": snapshot(out) == before,
                          "stderr": [line for line in proc.stderr.splitlines() if "warning:" not in line],
                          "names": sorted(os.listdir(out)), "ids": answer.stdout.split()[1:]}), flush=True)
        return proc.returncode

    if kind == "read-only":
        (mount / "empty").mkdir()
        subprocess.run(["mount", "--bind", str(mount), str(mount)], check=True)
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
        for target in (out, mount / "empty", mount / "new"):
            attempt(target)
        return
    for free_kb in range(0, 8000, 300):  # the room left, more each time, until the build fits
        with open(fill, "wb") as fh:
            try:
                fh.write(b"\0" * max(0, shutil.disk_usage(mount).free - free_kb * 1024))
            except OSError:  # full
                pass
        code = attempt()
        fill.unlink()
        if code == 0:
            return


def test_builds_into_one_folder_take_turns_and_both_are_kept(tmp_path: Path) -> None:
    """Two ``--into`` at once: the second waits for the first (held still with SIGSTOP while it holds
    the folder, so that the wait is certain), says for which process, then adds its articles to the
    first's; kg.nq and the store hold all of them."""
    out = tmp_path / "o"
    assert kg("build", SEED_FILES[0], "--out", out).returncode == 0
    first = subprocess.Popen([KG_BIN, "build", articles(tmp_path / "a", 1, 2), "--into", out, "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = None
    try:
        wait_for(lambda: any(out.glob(f"{SCRATCH}{first.pid}-*")), "the first build to hold the folder", first)
        first.send_signal(signal.SIGSTOP)
        err = tmp_path / "second.err"
        with open(err, "w") as fh:
            second = subprocess.Popen([KG_BIN, "build", articles(tmp_path / "b", 3, 4), "--into", out, "--quiet"],
                                      stdout=subprocess.PIPE, stderr=fh, text=True)
        wait_for(lambda: "waiting" in err.read_text(), "the second build to wait", second)
        first.send_signal(signal.SIGCONT)
        results = [p.communicate(timeout=600) for p in (first, second)]
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGCONT)
                proc.kill()
    assert first.returncode == second.returncode == 0, results
    assert f"kg: waiting for the build of {out} by pid {first.pid} to end\n" in err.read_text()
    assert nq_ids(out) == store_ids(out) == ids(SEED_FILES)


def test_two_outs_at_once_leave_one_build_whole(tmp_path: Path) -> None:
    """Two ``--out`` builds of other articles started together: kg.nq and the store come from the same one."""
    out = tmp_path / "o"
    sets = [articles(tmp_path / "a", 0, 1), articles(tmp_path / "b", 2, 3, 4)]
    procs = [subprocess.Popen([KG_BIN, "build", src, "--out", out, "--quiet"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for src in sets]
    results = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    assert nq_ids(out) == store_ids(out) in ({p.stem for p in src.iterdir()} for src in sets)


def test_ctrl_c_while_waiting(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert kg("build", SEED_FILES[0], "--out", out).returncode == 0
    before = snapshot(out)
    holder = subprocess.Popen([KG_BIN, "build", SEED_FILES[1], "--out", out, "--quiet"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: any(out.glob(f"{SCRATCH}{holder.pid}-*")), "the first build to hold the folder", holder)
        holder.send_signal(signal.SIGSTOP)
        err = tmp_path / "waiter.err"
        with open(err, "w") as fh:
            waiter = subprocess.Popen([KG_BIN, "build", SEED_FILES[2], "--out", out, "--quiet"], stdout=subprocess.PIPE,
                                      stderr=fh, text=True)
        wait_for(lambda: "waiting" in err.read_text(), "the second build to wait", waiter)
        waiter.send_signal(signal.SIGINT)
        waiter.communicate(timeout=60)
        assert {path: data for path, data in snapshot(out).items() if not path.startswith(SCRATCH)} == before
    finally:
        holder.send_signal(signal.SIGCONT)
    holder.communicate(timeout=600)
    assert waiter.returncode == 130 and holder.returncode == 0
    assert err.read_text().splitlines()[-1] == "kg: interrupted; previous outputs are intact"
    assert nq_ids(out) == ids(SEED_FILES[1:2])


def wait_for(done, what: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    end = time.monotonic() + timeout
    while not done():
        assert proc.poll() is None, f"the process ended before {what}: {proc.communicate()}"
        assert time.monotonic() < end, f"no sign of {what} after {timeout} s"
        time.sleep(0.05)


if __name__ == "__main__":
    in_namespace(sys.argv[1], Path(sys.argv[2]))
