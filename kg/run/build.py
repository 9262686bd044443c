"""The build: inputs -> clean -> NLP -> extract -> RDF graph -> kg.ttl, graph.html and report.html."""
from __future__ import annotations

import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from ..errors import InputError, KgError
from ..extract import TextReading, read
from ..graph.export import GraphWriter
from ..graph.incremental import read_build, require_build
from ..nlp.pipeline import load
from ..text.clean import clean
from ..text.dedupe import Duplicate, unique_cleaned
from ..text.ingest import MAX_BYTES, read_inputs
from ..text.metadata import read_metadata
from ..types import ENTITY_CLASSES, RELATIONS, Article, CleanText, Extraction
from . import progress as bar
from .articles import Failed, built, segmented
from .on_dask import dask_runner, process_on_dask
from .partitioned import Message, Plan, Runner, build_partitions
from .partitions import list_partitions
from .pool import WorkerPool

T = TypeVar("T")


def _same(ex: Extraction) -> Extraction:
    return ex


@dataclass(slots=True)
class BuildReport:
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    present: int = 0  # with --into: articles whose text the build already had

    def summary(self) -> str:
        ents = " ".join(f"{c}={n}" for c, n in sorted(self.entities.items()))
        rels = " ".join(f"{r}={self.relations.get(r, 0)}" for r in RELATIONS)
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        skipped += f", {self.present} already in the build" if self.present else ""
        return f"{self.articles} articles{skipped}; entities: {ents or 'none'}; triples: {rels}; {self.seconds:.1f} s"


def process(articles: Iterable[Article], jobs: int = 1) -> Iterator[Extraction]:
    """Clean, segment and extract each article, in input order: one spaCy pipeline streamed, or
    ``jobs`` worker processes, each loading its own pipeline once."""
    return process_cleaned(((a, clean(a)) for a in articles), jobs)


def process_cleaned(pairs: Iterable[tuple[Article, CleanText]], jobs: int = 1,
                    then: Callable[[Extraction], T] = _same, dask: str | None = None,
                    pool: WorkerPool | None = None) -> Iterator[T]:
    """``process`` of articles already cleaned (by the duplicate filter): no article is cleaned twice.
    ``then`` (a module-level function) is applied to each extraction where it was made: in this
    process, in ``jobs`` worker processes (of ``pool``, else of a pool of their own), or on the Dask
    cluster at ``dask`` (``local``: one of ``jobs`` workers on this machine)."""
    if dask is not None:  # the cluster's workers read the texts too: this process would hold them back
        yield from process_on_dask(_unread(pairs), dask, partial(_process_chunk, then=then),
                                   workers=jobs, chunk=CHUNK, ahead=AHEAD)
    elif jobs > 1:
        with nullcontext(pool) if pool is not None else WorkerPool(jobs) as own:
            yield from _process_parallel(pairs, own, then)
    else:
        yield from segmented(_unread(pairs), then)


def _unread(pairs: Iterable[tuple[Article, CleanText]]) -> Iterator[tuple[Article, CleanText, None]]:
    """Articles whose texts are still to be read (by ``extract``, where they are segmented)."""
    return ((a, c, None) for a, c in pairs)


#: articles per task sent to a worker, and tasks kept in flight per worker (bounds memory)
CHUNK, AHEAD = 16, 2
#: articles read and cleaned at most while the workers start (their server may still be loading)
READ_AHEAD = 1024


def _build_partitioned(inputs: list, own: tuple[Path, ...], writer: GraphWriter, report: BuildReport, *, jobs: int,
                       dask: str | None, pool: WorkerPool | None, max_bytes: int, metadata: Path | None,
                       on_skip: Callable[[str], None], on_warn: Callable[[str], None], progress: bool,
                       shards: bool = False) -> None:
    """The build's articles read, matched and extracted partition by partition by the workers
    (``kg/run/partitioned.py``), their graphs added to ``writer``, what they say to ``report``."""
    parts, errors = list_partitions(inputs, jobs, skip=own)

    def say(messages: Iterable[Message]) -> None:
        for message in messages:
            if message.skipped:
                report.skipped.append(message.text)
            (on_skip if message.skipped else on_warn)(message.text)

    say(Message(str(error), skipped=True) for error in errors)
    folder = writer.scratch.resolve()
    work = Plan(folder, len(parts), jobs, max_bytes, metadata.resolve() if metadata is not None else None, shards)
    with _runner(jobs, dask, pool) as run:
        results = build_partitions(parts, work, run, built, on_read=lambda done: say(done.messages))
        if progress and bar.shown():
            results = bar.progress(results, inputs, size=lambda done: done.read)
        for done in results:
            say(done.messages)
            report.articles += done.articles
            writer.add_shard(done.quads, done.triples, done.spans, done.shard)


@contextmanager
def _runner(jobs: int, dask: str | None, pool: WorkerPool | None) -> Iterator[Runner]:
    """Where the tasks of a partitioned build run: on a Dask cluster, in ``jobs`` worker processes, or here."""
    if dask is not None:
        with dask_runner(dask, jobs) as run:
            yield run
    elif jobs > 1:
        with nullcontext(pool) if pool is not None else WorkerPool(jobs) as own, own.workers(_start_worker) as workers:
            yield lambda task, items: workers.imap(task, items)
    else:
        yield map


def _start_worker() -> None:
    """Load the pipeline once; Ctrl-C is the parent's to handle (it ends the workers), not each worker's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load()


def _process_chunk(items: list[tuple[Article, CleanText, TextReading | None]],
                   then: Callable[[Extraction], T]) -> list[T]:
    """In a worker (a process of the pool or of a Dask cluster): ``_segmented`` of a few articles
    (its pipeline is loaded once per process)."""
    return list(segmented(items, then))


def _process_parallel(pairs: Iterable[tuple[Article, CleanText]], pool: WorkerPool,
                      then: Callable[[Extraction], T]) -> Iterator[T]:
    """While the workers start, this process also reads each text (what needs no tokens), else idle;
    after, the workers read too (this process, which cleans, drops duplicates and writes, would
    hold them back)."""
    pairs = iter(pairs)  # read here, in this thread, a few chunks ahead of the workers: no whole corpus queued
    with ThreadPoolExecutor(1, thread_name_prefix="kg-pool") as starter:
        starting = starter.submit(pool.workers, _start_worker)
        try:
            early = _read_while(((a, c, read(c.text)) for a, c in pairs), lambda: not starting.done())
        except BaseException:  # Ctrl-C, a bug: the pool, once started, is ended too
            starting.add_done_callback(lambda done: done.exception() or done.result().terminate())
            raise
        workers = starting.result()
    with workers:
        pending: deque = deque()
        it = chain(early, _unread(pairs))
        while chunk := list(islice(it, CHUNK)):
            pending.append(workers.apply_async(_process_chunk, (chunk, then)))
            if len(pending) >= AHEAD * pool.jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _read_while(it: Iterator[T], waiting: Callable[[], bool]) -> list[T]:
    """Up to ``READ_AHEAD`` items of ``it`` while ``waiting()``: the reading and cleaning the workers'
    start would otherwise leave this process idle for."""
    early: list[T] = []
    while waiting() and len(early) < READ_AHEAD and (item := next(it, None)) is not None:
        early.append(item)
    return early


def build(inputs: Iterable[str | Path], out: Path, *, on_skip: Callable[[str], None] | None = None,
          html: bool = True, store: bool = True, into: bool = False, max_bytes: int = MAX_BYTES,
          on_warn: Callable[[str], None] | None = None, jobs: int = 1, progress: bool = False,
          dask: str | None = None, pool: WorkerPool | None = None, metadata: Path | None = None,
          force: bool = False, partitions: bool = False) -> BuildReport:
    """Build ``out/kg.ttl``, its exports, store, ``graph.html`` and ``report.html`` from the inputs; bad inputs are
    reported and skipped, repairs and near-duplicates reported (``on_warn``), the same article twice
    built once. ``into``: add the inputs to the build already in ``out``. ``jobs``: worker processes
    (same output as one). ``dask``: a Dask scheduler's address, or ``local``, to run the per-article
    work on its workers (same output). ``progress``: a bar on stderr when it is a terminal. ``pool``:
    the processes to use (a ``WorkerPool`` of ``jobs``, started early and closed by the caller);
    without it, the build starts its own and closes it. ``metadata``: a file of the articles'
    ids, URLs, dates and titles (``kg/text/metadata.py``). ``force``: build in ``out`` though it holds
    files and is no kg build (``kg/graph/builddir.py``). ``partitions``: also ``out/parts``, the
    graph's quads in sorted files, one per partition (``kg/graph/parts.py``). A build of ``out``
    already running is waited for.

    The corpus is built in partitions (``kg/run/partitioned.py``): this process lists its files and
    hands out tasks, and the workers (``jobs`` processes, a Dask cluster's, or this process for one
    job) read, deduplicate and extract them, each partition's graph written to files this process
    appends (``GraphWriter.add_shard``). A build grown with ``into`` reads its articles here, one
    by one, each checked against the build it adds to. Nothing of the corpus is held in memory."""
    if partitions and into:
        raise InputError("--partitions cannot be used with --into (a build grown with --into reads its articles one "
                         "by one); rebuild the whole corpus with --out and --partitions")
    if pool is None:  # a pool of its own (without workers, as with Dask's: a server forking the store and writers)
        with WorkerPool(jobs if dask is None else 1) as pool:
            return build(inputs, out, on_skip=on_skip, html=html, store=store, into=into, max_bytes=max_bytes,
                         on_warn=on_warn, jobs=jobs, progress=progress, dask=dask, pool=pool, metadata=metadata,
                         force=force, partitions=partitions)
    started = time.perf_counter()
    described = read_metadata(metadata) if metadata is not None else None
    inputs = list(inputs)  # walked twice when a progress bar counts the articles first
    report = BuildReport()
    on_skip = on_skip or (lambda msg: bar.say(f"kg: skipped {msg}"))
    on_warn = on_warn or (lambda msg: bar.say(f"kg: warning: {msg}"))
    if into:
        require_build(out)  # before the folder is claimed (and made): a mistyped --into makes none
    existing = None  # the build in ``out``, read once the folder is held

    # not its own outputs, nor a metadata file in an input folder (a .jsonl one would read as articles)
    own = (out / "graph.html", out / "report.html", out / "view.html", out / "store", *([metadata] if metadata is not None else []))

    def good_articles() -> Iterator[Article]:
        for item in read_inputs(inputs, max_bytes, skip=own, metadata=described):
            if existing is not None and isinstance(item, Article):
                item = existing.admit(item)
            if item is None:
                report.present += 1
            elif isinstance(item, InputError):
                report.skipped.append(str(item))
                on_skip(str(item))
            else:
                for note in item.notes:
                    on_warn(f"{item.source}: {note}")
                yield item

    def duplicate(d: Duplicate) -> None:
        if d.skipped:
            report.skipped.append(d.message())
        (on_skip if d.skipped else on_warn)(d.message())

    derived = {}
    if html:
        from ..view.viz import render_build  # here: networkx, pyvis and jinja2 only for a build that draws
        from ..view.report import render_report
        derived["graph.html"] = render_build
        derived["report.html"] = render_report
    with GraphWriter(out, store, derived=derived, force=force, on_wait=partial(bar.wait, ticking=progress),
                     side=pool.side(), partitions=partitions) as writer:
        if writer.foreign:
            shown = ", ".join(writer.foreign[:3]) + (f" and {len(writer.foreign) - 3} more" if len(writer.foreign) > 3 else "")
            on_warn(f"{out}: holds files that are not kg's ({shown}); the build writes beside them and leaves them")
        if into:  # one by one: each article is checked against what the build holds
            existing = read_build(out)
            writer.add_quads(existing.quads)
            results = process_cleaned(unique_cleaned(good_articles(), duplicate, folder=writer.scratch), jobs, built,
                                      dask, pool)
            if progress and bar.shown():
                results = bar.progress(results, inputs)
            for result in results:
                if isinstance(result, Failed):
                    report.skipped.append(result.message())
                    on_skip(result.message())
                    continue
                for note in result.notes:
                    on_warn(f"{result.source}: {note}")
                report.articles += 1
                writer.add(result.block)
        else:
            _build_partitioned(inputs, own, writer, report, jobs=jobs, dask=dask, pool=pool, max_bytes=max_bytes,
                               metadata=metadata, on_skip=on_skip, on_warn=on_warn, progress=progress,
                               shards=partitions)
        if not report.articles and not report.present:
            raise KgError("no article could be read from the inputs" + (f" ({report.skipped[0]})" if report.skipped else ""))
        counts = writer.finish(pool.side() if pool is not None else None)
    report.entities.update({cls: counts.entities[cls] for cls in ENTITY_CLASSES})
    report.relations.update(counts.relations)
    report.seconds = time.perf_counter() - started
    return report
