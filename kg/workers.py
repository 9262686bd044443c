"""How the worker processes of ``kg build --jobs N`` start.

Where the platform has a fork server (Linux, macOS), the workers are forked from it, and
it has loaded the pipeline and the gazetteer first (``kg.preload``): each worker starts
with them loaded, sharing the server's memory pages, instead of loading its own copy.
Elsewhere they are spawned and each loads its own. They are never forked from the
build's own process, whose threads and locks a child would share.
"""
from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

from .models import require_model

PRELOAD = "kg.preload"


def context() -> BaseContext:
    """The multiprocessing context the workers start from."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload([PRELOAD])
    return forkserver


def side_context() -> BaseContext | None:
    """Where a build may start a helper process cheaply: the fork server, whose processes start with
    kg imported; None where there is none (a spawned process would import kg for longer than most
    helpers run)."""
    ctx = context()
    return ctx if ctx.get_start_method() == "forkserver" else None


def start() -> None:
    """Start the fork server now, if there is one (it loads the pipeline while this process goes on
    importing and reading); at once if the model is missing, with the error that says how to
    install it."""
    require_model()
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
