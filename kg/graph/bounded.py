"""The bounds of a ``kg query``: its time (``--timeout``) and the rows of its table (``--limit``),
and the child process that makes the time bound hold.

pyoxigraph evaluates a query in native code: a cross product or an aggregate over one is a
single call that returns when it is done, and Python runs no signal handler until then, so
neither a timer nor Ctrl-C can stop it in the process that made the call. ``stream`` runs the
evaluation in a forked child instead; this process copies what the child writes as it comes,
and kills it when the time is up or Ctrl-C arrives. Forking costs milliseconds (the child shares
the parent's pages), and the child opens the store itself: RocksDB's threads never cross a fork.
"""
from __future__ import annotations

import functools
import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from typing import BinaryIO

from ..errors import KgError

#: seconds a query may take before it is stopped (``--timeout``; 0: no limit)
TIMEOUT = 60.0
#: rows of a result shown as a table (``--limit``; 0: all); CSV and JSON give every row
LIMIT = 1000
#: at most this long, after a capped table is shown, is spent counting the rows it left out
COUNT_FOR = 5.0
_CHUNK = 1 << 16


def stream(work: Callable[[BinaryIO], None], out: BinaryIO, timeout: float | None) -> None:
    """Run ``work(pipe)`` in a forked child and copy what it writes to ``pipe`` into ``out`` as it
    comes; a ``KgError`` it raises is raised here. ``TimeoutError`` when the child has been waited
    for ``timeout`` seconds in all (time spent writing to ``out``, a slow reader of the output, is
    not counted); the child is killed then, on Ctrl-C (``KeyboardInterrupt`` goes on) and on any
    error here. Without ``os.fork`` (Windows) ``work`` runs in this process, unbounded."""
    if not hasattr(os, "fork"):
        work(out)
        return
    data_r, data_w = os.pipe()
    error_r, error_w = os.pipe()
    parent = os.getpid()
    _prctl()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(data_r)
        os.close(error_r)
        _child(work, data_w, error_w, parent)
    os.close(data_w)
    os.close(error_w)
    reaped = False
    try:
        error = _copy(data_r, error_r, out, timeout)
        status = os.waitpid(pid, 0)[1]
        reaped = True
        if error:
            raise pickle.loads(error)
        if status:
            raise KgError(f"the query process {_ended(status)}")
    finally:
        if not reaped:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(data_r)
        os.close(error_r)


def _copy(data_r: int, error_r: int, out: BinaryIO, timeout: float | None) -> bytes:
    """Copy the child's output into ``out`` until it closes both pipes; what it sent on the error pipe."""
    left = timeout or None
    error = b""
    open_fds = [data_r, error_r]
    while open_fds:
        started = time.monotonic()
        ready, _, _ = select.select(open_fds, [], [], left)
        if left is not None:
            left -= time.monotonic() - started
            if not ready or left <= 0:
                raise TimeoutError
        for fd in ready:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                open_fds.remove(fd)
            elif fd == data_r:
                out.write(chunk)
            else:
                error += chunk
    out.flush()
    return error


def _child(work: Callable[[BinaryIO], None], data_w: int, error_w: int, parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent alone decides, and kills this process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    code = 0
    try:
        with os.fdopen(data_w, "wb", buffering=_CHUNK) as pipe:
            try:
                work(pipe)
            except KgError as exc:
                pipe.flush()  # what came before the error is shown before it
                os.write(error_w, pickle.dumps(exc))
            except MemoryError:
                os.write(error_w, pickle.dumps(KgError("the query needs more memory than there is; narrow it "
                                                       "(more specific patterns, LIMIT)")))
    except BrokenPipeError:  # the parent has stopped reading: it is going, or killing this process
        code = 1
    except BaseException:  # a bug: its traceback, and the parent says the process failed
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)


def _die_with(parent: int) -> None:
    """Have Linux kill this process when its parent dies (killed itself, it cannot kill this one)."""
    prctl = _prctl()
    if prctl is not None:
        pr_set_pdeathsig = 1
        prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the call took effect
        os._exit(1)


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """Linux's prctl, looked up in the parent: in each child, it would take longer than the fork."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        why = " (out of memory?)" if number == signal.SIGKILL else ""
        return f"was killed by signal {signal.Signals(number).name}{why}"
    return f"failed (exit status {os.waitstatus_to_exitcode(status)}); the lines above say why"
