"""``kg build --dask ADDRESS``: a build's tasks on a Dask cluster's workers.

A build hands the cluster the tasks of ``kg/run/partitioned.py`` (``dask_runner``): workers
read, clean, match and extract partitions of the corpus themselves, from and to files on
storage every worker sees, and the build's process gets back messages and counts. A build
grown with ``--into`` still reads its articles here and sends them in chunks
(``process_on_dask``). Results come back in the corpus's order, so the graph is the one a
local build gives, byte for byte. ``local`` starts a cluster of worker processes on this
machine. Each worker loads kg's pipeline once, so it needs kg and its models installed
(``make demo``, or ``pip install 'kg[dask]'`` and ``python -m kg.nlp.install``), and the
inputs and the build's folder at the same paths as the build's process (relative paths are
taken from the build's working folder).
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from contextlib import contextmanager
from typing import TypeVar

from ..errors import InputError, KgError

T = TypeVar("T")
A = TypeVar("A")


def process_on_dask(pairs: Iterable, address: str, work: Callable[[list], list[T]], *, workers: int,
                    chunk: int, ahead: int) -> Iterator[T]:
    """``work`` applied to chunks of ``pairs`` on the cluster at ``address`` (or a ``local`` one of
    ``workers`` processes); the results of each chunk, in order."""
    with dask_client(address, workers) as client:
        size = len(client.scheduler_info().get("workers", {}))
        pending: deque = deque()
        it = iter(pairs)
        while batch := list(islice(it, chunk)):
            pending.append(client.submit(work, batch, pure=False))
            if len(pending) >= ahead * size:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


@contextmanager
def dask_runner(address: str, workers: int) -> Iterator[Callable[[Callable[[A], T], Iterable[A]], Iterator[T]]]:
    """``run(task, items)`` on the cluster at ``address`` (or a ``local`` one of ``workers``
    processes): the task of each item, all handed to the scheduler at once, their results in order."""
    with dask_client(address, workers) as client:
        def run(task: Callable[[A], T], items: Iterable[A]) -> Iterator[T]:
            futures = client.map(task, list(items), pure=False)
            for future in futures:
                yield future.result()
                future.release()
        yield run


@contextmanager
def dask_client(address: str, workers: int):
    """A client of the cluster at ``address``, or of a ``local`` one of ``workers`` processes, once it
    has a worker."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise InputError("--dask needs Dask: pip install 'kg[dask]' (dask[distributed])") from exc
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    try:
        client = _connect(Client, cluster or address)
        with client:
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError as exc:
                raise KgError(f"--dask {address}: the scheduler has no workers after 60 s; "
                              "start some with `dask worker ADDRESS`") from exc
            yield client
    finally:
        if cluster is not None:
            cluster.close()


def _connect(client_class, target):
    try:
        return client_class(target, timeout="15s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgError(f"--dask {target}: cannot reach the Dask scheduler ({' '.join(str(exc).split())}); "
                      "start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                      "or use --dask local") from exc
