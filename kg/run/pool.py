"""The processes a build starts besides its own: ``WorkerPool``.

Where the platform has a fork server (Linux, macOS), the workers of ``kg build --jobs N`` are
forked from it, and it has loaded the pipeline and the gazetteer first (``kg.run.preload``):
each worker starts with them loaded, sharing the server's memory pages, instead of loading its
own copy. Elsewhere they are spawned and each loads its own. They are never forked from the
build's own process, whose threads and locks a child would share.

A build without workers starts a fork server too, that imports only the writers of the last
files (``kg.graph.export``): it forks the processes that write kg.trig, kg.ttl and kg.jsonld
beside the build's own process.

Python keeps one fork server a process, and the modules it imports are set before it starts.
A pool starts it with what its build needs and stops it when closed, so each build starts from
the same state: a build with workers after one without gets a server that has loaded the
pipeline, as the first build would have.
"""
from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing import forkserver
from multiprocessing.context import BaseContext
from multiprocessing.pool import Pool

from ..nlp.model import require_model

#: what the fork server imports before it forks: the workers' code, pipeline and gazetteer
PRELOAD = "kg.run.preload"
#: ... or, for a build without workers, the writers of the last files
WRITERS = "kg.graph.export"


class WorkerPool:
    """``with WorkerPool(jobs) as pool: ...``: the fork server of a build, started at once (with
    ``jobs`` > 1 it loads the pipeline for the workers while this process goes on importing and
    reading), ``pool.workers(init)`` the ``jobs`` worker processes, ``pool.side()`` where helper
    processes start; closed, the fork server is stopped. Starting it checks that the model is
    installed, so a missing model is an error at once, with the remedy."""

    _stopping: threading.Thread | None = None  # the previous pool's server, on its way out

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs
        self._forks = "forkserver" in multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("forkserver" if self._forks else "spawn")
        self._started = False

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, kind, exc, tb) -> None:
        self.close()

    def start(self) -> WorkerPool:
        """Start the fork server, if the platform has one and it is not started yet."""
        require_model()
        if self._forks and not self._started:
            if WorkerPool._stopping is not None:  # one server at a time: the last one must be gone
                WorkerPool._stopping.join()
                WorkerPool._stopping = None
            self._context.set_forkserver_preload([PRELOAD if self.jobs > 1 else WRITERS])
            forkserver.ensure_running()
            self._started = True
        return self

    def workers(self, initializer: Callable[[], None]) -> Pool:
        """A pool of ``jobs`` worker processes, each running ``initializer`` first."""
        return self.start()._context.Pool(self.jobs, initializer=initializer)

    def side(self) -> BaseContext | None:
        """Where the build may start a helper process cheaply: the fork server, whose processes
        start with kg imported; None where there is none (a spawned process would import kg for
        longer than most helpers run)."""
        return self.start()._context if self._forks else None

    def close(self) -> None:
        """Stop the fork server this pool started. Its processes have ended by now (the build
        ends its workers and waits for its helpers); the server exits in the background, where
        the next pool to start waits for it, and a process that exits first takes it along."""
        if self._started:
            self._started = False
            # multiprocessing has no public way to stop its fork server: _stop is what its own tests use
            WorkerPool._stopping = threading.Thread(target=forkserver._forkserver._stop, name="kg-forkserver-stop",
                                                    daemon=True)
            WorkerPool._stopping.start()
