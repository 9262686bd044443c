"""Helpers for tests that run the ``kg`` command line in a subprocess, as users do."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
QUERIES = REPO / "queries"
KG_BIN = Path(sys.executable).parent / "kg"


def kg(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``kg ARGS...`` from the repository root; text output captured."""
    return subprocess.run([str(KG_BIN), *map(str, args)], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def one_error(proc: subprocess.CompletedProcess) -> str:
    """The single ``kg: ...`` line a failing command prints (no traceback, nothing on stdout)."""
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("kg: ") and not line.startswith("kg: skipped")]
    assert len(lines) == 1, proc.stderr
    assert proc.stdout == "", proc.stdout
    return lines[0]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: relative path -> (SHA-256, mtime in ns)."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def contents(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` except the embedded store: relative path -> SHA-256."""
    return {path: digest for path, (digest, _) in snapshot(folder).items() if not path.startswith("store/")}
