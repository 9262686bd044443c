"""``kg build --jobs N``: worker processes give the same files as one process."""
from __future__ import annotations

import re
from pathlib import Path

from kgcli import kg


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
    """Captured stderr (a pipe) gets only ``kg: ...`` lines and the segmenter's own notice, no bar."""
    proc = kg("build", "seeds/", "--out", tmp_path / "o", "--no-html", "--no-store")
    assert proc.returncode == 0, proc.stderr
    assert "/5 [" not in proc.stderr and "\r" not in proc.stderr, proc.stderr


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
