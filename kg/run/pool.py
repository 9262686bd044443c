"""How the worker processes of ``kg build --jobs N`` start.

Where the platform has a fork server (Linux, macOS), the workers are forked from it, and
it has loaded the pipeline and the gazetteer first (``kg.run.preload``): each worker starts
with them loaded, sharing the server's memory pages, instead of loading its own copy.
Elsewhere they are spawned and each loads its own. They are never forked from the
build's own process, whose threads and locks a child would share.

A build without workers starts a fork server too, that imports only the writers of the last
files (``kg.graph.export``): it forks the processes that write kg.trig, kg.ttl and kg.jsonld beside
the build's own process. The first server a process starts is the one it keeps: workers of a
later build in the same process, forked from such a server, load their own pipeline.
"""
from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

from ..nlp.model import require_model

#: what the fork server imports before it forks: the workers' code, pipeline and gazetteer
PRELOAD = "kg.run.preload"
#: ... or, for a build without workers, the writers of the last files
WRITERS = "kg.graph.export"


def context(preload: str = PRELOAD) -> BaseContext:
    """The multiprocessing context the workers start from (``preload``: what a fork server that
    is not yet running will import)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload([preload])
    return forkserver


def side_context() -> BaseContext | None:
    """Where a build may start a helper process cheaply: the fork server, whose processes start with
    kg imported; None where there is none (a spawned process would import kg for longer than most
    helpers run)."""
    ctx = context(WRITERS)
    return ctx if ctx.get_start_method() == "forkserver" else None


def start(preload: str = PRELOAD) -> None:
    """Start the fork server now, if there is one (it imports ``preload``, loading the pipeline
    for workers, while this process goes on importing and reading); at once if the model is
    missing, with the error that says how to install it."""
    require_model()
    if context(preload).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
