"""The build of a corpus in partitions: every per-article step in workers, none in the build's process.

The build's process lists partitions (``partitions.py``) and hands out tasks; workers (``--jobs``
processes, a Dask cluster's, or the build's own process for ``--jobs 1``: the same tasks, the
same output) do the rest, in four rounds, each on files in the build's work folder:

1. ``read``, a task per partition: read, decode and clean its articles, keep them in a file,
   and sort their fingerprints (``kg/text/fingerprints.py``) into sections, by the buckets of
   their bands and of their ids;
2. ``match_bands``, a task per run of buckets: the copies and near-duplicates among the prints
   there (runs sized once the articles are counted, so that a task holds about as many prints
   however large the corpus);
3. ``match_ids``, a task per run of buckets: the repeated ids, knowing the copies;
4. ``extract``, a task per partition: its articles less the copies, ids renumbered, segmented
   and extracted; its graph written as two files, its articles' N-Quads in order and its
   triples sorted, each once.

What comes back to the build's process is small: messages, counts, the dates attesting
memberships. It appends each partition's files to the graph's (``GraphWriter.add_shard``), in
the corpus's order, so the graph is the one of the articles read one by one.
"""
from __future__ import annotations

import math
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import chain
from pathlib import Path

from ..errors import InputError
from ..text.clean import clean
from ..text.dedupe import BANDS, fingerprint
from ..text.fingerprints import Print, Verdict, band_keys, best, bucket_of, by_bands, by_ids, id_family
from ..text.metadata import Metadata, read_metadata
from ..graph.export import triple_line
from ..graph.intervals import Attestations
from ..graph.parts import Shard, write_shard
from ..graph.spool import SortedLines
from .articles import Failed, segmented
from .partitions import Partition, count_before, read_partition
from .shuffle import read_section, read_sections, write_sections

#: a position in the corpus: the partition's index above these bits, the article's place in it below
_PLACE_BITS = 32
#: buckets fingerprints are sorted into (each partition writes a section for each); a task of
#: ``match_bands`` or ``match_ids`` takes a run of them: at least this many tasks per worker, and
#: enough that each holds about this many prints, whatever the corpus's size
BUCKETS, TASKS_PER_WORKER, PRINTS_PER_TASK = 1024, 4, 20_000


@dataclass(frozen=True, slots=True)
class Plan:
    """What every task of a build knows: where its files go, how many partitions and buckets."""

    folder: Path
    partitions: int
    workers: int
    max_bytes: int
    metadata: Path | None = None
    shards: bool = False  # each partition's quads also sorted, each once (``--partitions``)
    buckets: int = BUCKETS
    tasks: tuple[range, ...] = ()  # the runs of buckets of the matching tasks, once the articles are counted

    def file(self, kind: str, number: int) -> Path:
        return self.folder / f"{kind}-{number:06d}"


@dataclass(frozen=True, slots=True)
class Message:
    """A line for the user: a skipped input (``skipped``) or a warning."""

    text: str
    skipped: bool = False


@dataclass(slots=True)
class Read:
    """What reading a partition tells the build: how many articles it has, and messages."""

    index: int
    articles: int
    messages: list[Message] = field(default_factory=list)


@dataclass(slots=True)
class Extracted:
    """What extracting a partition tells the build: its graph's two files and what they hold."""

    index: int
    read: int  # articles read
    articles: int  # built
    quads: Path
    triples: Path
    spans: dict[bytes, tuple[bytes, bytes]]
    messages: list[Message] = field(default_factory=list)
    shard: Shard | None = None  # with ``Plan.shards``: the quads sorted, each once


def _tasks(plan: Plan, articles: int) -> Plan:
    """The plan with its matching tasks: runs of buckets, enough that each task holds about
    ``PRINTS_PER_TASK`` prints (a print is in a bucket of each of its bands)."""
    count = max(TASKS_PER_WORKER * plan.workers, math.ceil(articles * BANDS / PRINTS_PER_TASK))
    count = max(1, min(plan.buckets, count))
    edges = [round(i * plan.buckets / count) for i in range(count + 1)]
    return replace(plan, tasks=tuple(range(a, b) for a, b in zip(edges, edges[1:])))


def build_partitions(parts: list[Partition], plan: Plan, run: Runner,
                     then: Callable, on_read: Callable[[Read], None]) -> Iterator[Extracted]:
    """The four rounds over ``parts``; ``then`` makes what an article's graph is kept as
    (``build.built``); ``on_read`` hears of each partition read, in order."""
    parts = count_before(parts, run)
    articles = 0
    for done in run(partial(read, plan), parts):
        articles += done.articles
        on_read(done)
    plan = _tasks(plan, articles)
    list(run(partial(match_bands, plan), range(len(plan.tasks))))
    list(run(partial(match_ids, plan), range(len(plan.tasks))))
    yield from run(partial(extract, plan, then=then), parts)


Runner = Callable[[Callable, Iterable], Iterator]


def read(plan: Plan, part: Partition) -> Read:
    """Round 1: a partition's articles read, cleaned and kept; their prints in sections by bucket."""
    metadata = _metadata(plan.metadata)
    done = Read(part.index, 0)
    bands, ids = [[] for _ in range(plan.buckets)], [[] for _ in range(plan.buckets)]
    with open(plan.file("articles", part.index), "wb") as kept:
        for item in read_partition(part, plan.max_bytes, metadata):
            _read_one(item, part, plan, done, kept, bands, ids)
    write_sections(plan.file("bands", part.index), bands)
    write_sections(plan.file("ids", part.index), ids)
    return done


def _read_one(item, part: Partition, plan: Plan, done: Read, kept, bands: list[list[Print]],
              ids: list[list[Print]]) -> None:
    """``read`` of one article: kept cleaned in the partition's file, its prints in their sections."""
    if isinstance(item, InputError):
        done.messages.append(Message(str(item), skipped=True))
        return
    done.messages += [Message(f"{item.source}: {note}") for note in item.notes]
    cleaned = clean(item)
    digest, signature = fingerprint(cleaned)
    pos = part.index << _PLACE_BITS | done.articles
    done.articles += 1
    pickle.dump((item, cleaned), kept, protocol=pickle.HIGHEST_PROTOCOL)
    p = Print(pos, item.source, item.id, digest, signature.tobytes() if signature is not None else None)
    if p.signature is not None:
        for bucket in {bucket_of(key, plan.buckets) for key in band_keys(p.signature)}:
            bands[bucket].append(p)
    ids[bucket_of(id_family(p.id), plan.buckets)].append(replace(p, signature=None))


def match_bands(plan: Plan, task: int) -> None:
    """Round 2: the copies and near-duplicates among the prints of a run of buckets of bands."""
    span = plan.tasks[task]
    prints = list(chain.from_iterable(read_sections(plan.file("bands", i), span) for i in range(plan.partitions)))
    ids = {p.pos: p.id for p in prints}
    by_part: list[list[Verdict]] = [[] for _ in range(plan.partitions)]
    copies: list[list[int]] = [[] for _ in range(plan.buckets)]
    for v in by_bands(prints, span, plan.buckets):
        by_part[v.pos >> _PLACE_BITS].append(v)
        if v.duplicate.kind == "same text":
            copies[bucket_of(id_family(ids[v.pos]), plan.buckets)].append(v.pos)
    write_sections(plan.file("band-verdicts", task), by_part)
    write_sections(plan.file("copies", task), copies)


def match_ids(plan: Plan, task: int) -> None:
    """Round 3: the repeated ids among the articles of a run of buckets of id families."""
    span = plan.tasks[task]
    prints = chain.from_iterable(read_sections(plan.file("ids", i), span) for i in range(plan.partitions))
    copies = set(chain.from_iterable(read_sections(plan.file("copies", t), span) for t in range(len(plan.tasks))))
    by_part: list[list[Verdict]] = [[] for _ in range(plan.partitions)]
    for v in by_ids(prints, copies):
        by_part[v.pos >> _PLACE_BITS].append(v)
    write_sections(plan.file("id-verdicts", task), by_part)


def extract(plan: Plan, part: Partition, then: Callable) -> Extracted:
    """Round 4: a partition's articles less the copies, ids renumbered, segmented and extracted; its graph
    written as its N-Quads in order, its triples sorted (and with ``Plan.shards``, its quads sorted)."""
    verdicts: dict[int, list[Verdict]] = defaultdict(list)
    for kind in ("band-verdicts", "id-verdicts"):
        for task in range(len(plan.tasks)):
            for v in read_section(plan.file(kind, task), part.index):
                verdicts[v.pos].append(v)
    messages: list[Message] = []
    kept = []
    place_count = 0
    for place, (article, cleaned) in enumerate(_articles(plan.file("articles", part.index))):
        place_count += 1
        for v in best(verdicts.get(part.index << _PLACE_BITS | place, ())):
            messages.append(Message(v.duplicate.message(), skipped=v.duplicate.skipped))
            if v.duplicate.new_id is not None:
                article = replace(article, id=v.duplicate.new_id)
            if v.duplicate.skipped:
                break
        else:
            kept.append((article, cleaned, None))
    attested = Attestations()
    quads, triples = plan.file("quads", part.index), plan.file("triples", part.index)
    built = 0
    lines, shard = SortedLines(plan.folder), SortedLines(plan.folder) if plan.shards else None
    with open(quads, "wb") as out:
        for result in segmented(kept, then):
            if isinstance(result, Failed):
                messages.append(Message(result.message(), skipped=True))
                continue
            messages += [Message(f"{result.source}: {note}") for note in result.notes]
            built += 1
            out.write(result.block)
            attested.add(result.block)
            lines.add(triple_line(line) for line in result.block.splitlines(keepends=True))
            if shard is not None:
                shard.add(result.block.splitlines(keepends=True))
    try:
        with open(triples, "wb") as out:
            out.writelines(lines)
        sorted_quads = write_shard(shard, plan.file("shard", part.index), built) if shard is not None else None
    finally:
        for sorted_lines in (lines, shard):
            if sorted_lines is not None:
                sorted_lines.close()
    return Extracted(part.index, place_count, built, quads, triples, attested.spans(), messages, sorted_quads)


def _articles(path: Path) -> Iterator[tuple]:
    """The (article, cleaned text) pairs ``read`` kept in ``path``, one after the other."""
    with open(path, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


@lru_cache(maxsize=1)
def _metadata(path: Path | None) -> Metadata | None:
    """The metadata file, read once in each worker."""
    return read_metadata(path) if path is not None else None
