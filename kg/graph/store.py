"""The embedded triplestore of a build (``DIR/store/``, pyoxigraph on RocksDB) and the
opening of any graph kg can query: a build directory, its store, or an RDF file.

In the store, and in every graph ``open_graph`` returns, the default graph is the
whole graph of ``kg.ttl`` and each article's IRI names the graph of the facts it
supports (as in ``kg.nq``), so plain patterns see everything and ``GRAPH ?article``
patterns see provenance.

The store is a derived copy of ``kg.nt`` and ``kg.nq``: it is built in a temporary
directory and renamed into place, and left untouched when those files have not
changed (RocksDB files are never byte-identical from one write to the next, so a
rebuild of the same input keeps the old ones).
"""
from __future__ import annotations

import hashlib
import queue
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from .builddir import exit_error, exit_for

STORE = "store"
#: marker inside the store: SHA-256 of the kg.nt and kg.nq it was loaded from
_MARKER = "kg-content.sha256"
#: file extension -> format, for graph files given to ``kg query``
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
            ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
            ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3}
#: lines of kg.nt or kg.nq per bulk load into the store: LOAD_MIN at first, then half of what it
#: was given before, up to LOAD_MAX. RocksDB compacts after each load, so fewer larger loads cost
#: a little less CPU, while the loader's memory grows with the load (and a partition's files grow
#: with the corpus): the bound keeps the store's process flat (the figures that chose these
#: bounds: README, "Use")
LOAD_MIN, LOAD_MAX = 50_000, 100_000
#: the default graph as the merge of the named graphs (quad files carry no default graph)
_MERGE_GRAPHS = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def load_size(loaded: int) -> int:
    """Lines of the next bulk load into a store that was given ``loaded`` lines before."""
    return min(LOAD_MAX, max(LOAD_MIN, loaded // 2))


@dataclass(frozen=True, slots=True)
class OpenGraph:
    """A queryable graph and the file or directory it came from (for messages)."""

    store: ox.Store
    source: Path


def write_store(build: Path) -> None:
    """(Re)build ``build/store`` from ``build/kg.nt`` (default graph) and ``build/kg.nq`` (article
    graphs), unless it holds them already."""
    if _holds(build, _content_hash(build / "kg.nt", build / "kg.nq")):
        return
    loader = StoreLoader(build)
    try:
        loader.load_file(build / "kg.nt", ox.RdfFormat.N_TRIPLES)
        loader.load_file(build / "kg.nq", ox.RdfFormat.N_QUADS)
        staged = loader.finish(build, lambda: _content_hash(build / "kg.nt", build / "kg.nq"))
    finally:
        loader.close()
    if staged is not None:
        staged.commit()


@dataclass(frozen=True, slots=True)
class StagedStore:
    """A store loaded aside (``tmp``), to replace ``build/store`` (``commit``) or to vanish (``discard``)."""

    tmp: Path
    target: Path

    def check(self) -> None:
        """Refuse to replace a ``store/`` that kg did not make (one put there while the build ran)."""
        refuse_foreign(self.target)

    def commit(self) -> None:
        self.check()
        aside = _set_aside(self.target)
        self.tmp.rename(self.target)
        if aside is not None:
            shutil.rmtree(aside)

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


class StoreLoader:
    """A store loading beside the caller, in a temporary directory of ``scratch``, from what it is
    given: N-Quads or N-Triples data (``load``, as a build makes it) or files (``load_file``, read
    there). It loads in a thread of its own (pyoxigraph's bulk loads run outside the GIL) or, given
    ``side`` (``kg.run.pool``), in a process of its own, whose CPU time is then not the build's
    process's. Each load is at most ``LOAD_MAX`` lines (pyoxigraph's bulk loader holds batches of a
    million quads per thread, 1.5 GB). What it loads is kg's own N-Triples and N-Quads, written
    from pyoxigraph terms that checked each IRI when made: the loads are lenient (no second check
    of what was checked once, CPU time it would take from a build's workers)."""

    def __init__(self, scratch: Path, side: BaseContext | None = None) -> None:
        self._tmp = Path(tempfile.mkdtemp(dir=scratch, prefix=f".{STORE}."))
        self._tmp.chmod(0o755)  # mkdtemp makes it private; the store is as readable as the other outputs
        self._error: BaseException | None = None
        if side is None:
            self._store: ox.Store | None = ox.Store(str(self._tmp))
            self._queue = queue.Queue(maxsize=2)
            self._worker = threading.Thread(target=self._run, name="kg-store-loader", daemon=True)
        else:
            self._store = None
            self._queue = side.Queue(maxsize=4)
            self._worker = side.Process(target=_load_in_process, args=(self._tmp, self._queue), name="kg-store")
        self._worker.start()

    def load(self, data: bytes, fmt: ox.RdfFormat) -> None:
        self._put(("data", data, _FORMAT_NAMES[fmt]))

    def load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        self._put(("file", path, _FORMAT_NAMES[fmt]))

    def _put(self, item: tuple) -> None:
        if self._error is not None:
            raise self._error
        while True:
            try:
                self._queue.put(item, timeout=1)
                return
            except queue.Full:  # a process that died would never take it
                if isinstance(self._worker, threading.Thread) or self._worker.is_alive():
                    continue
                self._stop()

    def _run(self) -> None:
        loads = _Loads(self._store)
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # failed: drain what is still sent
            try:
                loads.add(item)
            except BaseException as exc:  # reported to the caller by finish()
                self._error = exc
        if self._error is None:
            try:
                loads.finish()
            except BaseException as exc:
                self._error = exc

    def finish(self, build: Path, content: Callable[[], str]) -> StagedStore | None:
        """Wait for the loads, then the store of the graph whose ``content`` (``content_of``) is given,
        to replace ``build/store``; None if ``build/store`` already holds that content (it is kept)."""
        self._stop()
        content = content()
        if _holds(build, content):
            return None  # same content: keep the store as it is (RocksDB files differ every time)
        (self._tmp / _MARKER).write_text(content + "\n", encoding="ascii")
        staged, self._tmp = StagedStore(self._tmp, build / STORE), None
        return staged

    def close(self) -> None:
        """Stop and remove whatever was not handed over by ``finish`` (an error was ``finish``'s to report)."""
        self._stop(report=False)
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _stop(self, report: bool = True) -> None:
        if isinstance(self._worker, threading.Thread):
            if self._worker.is_alive():
                self._queue.put(None)
                self._worker.join()
            if self._store is not None:
                if self._error is None:
                    self._store.flush()
                self._store = None  # closes RocksDB before the directory is renamed
        elif self._worker.exitcode is None:
            if self._worker.is_alive():
                if report:
                    self._queue.put(None)
                else:
                    self._worker.terminate()
            self._worker.join()
            self._queue.close()
            if self._error is None:
                self._error = exit_error(self._worker.exitcode, self._tmp, "loading the store")
        if report and self._error is not None:
            raise self._error


_FORMAT_NAMES = {ox.RdfFormat.N_QUADS: "nq", ox.RdfFormat.N_TRIPLES: "nt"}
_FORMATS_NAMED = {name: fmt for fmt, name in _FORMAT_NAMES.items()}


class _Loads:
    """A ``StoreLoader``'s loads into ``store``: what it is given, gathered per format into bulk loads
    of up to ``load_size`` lines. Each bulk load costs much apiece (RocksDB ingests its files, then
    compacts), and the files of a partitioned build are small (a partition's quads, its triples):
    several of them loaded at once cost less than one at a time."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._pending: dict[str, list[bytes]] = {name: [] for name in _FORMATS_NAMED}
        self._lines = dict.fromkeys(_FORMATS_NAMED, 0)
        self._loaded = 0  # lines loaded so far

    def add(self, item: tuple) -> None:
        """One item of a ``StoreLoader``: data (whole lines), or a file read a bounded number of lines at a time."""
        kind, what, name = item
        if kind == "data":
            self._add(name, what, what.count(b"\n"))
            return
        with what.open("rb") as fh:
            while lines := list(islice(fh, load_size(self._loaded))):
                self._add(name, b"".join(lines), len(lines))

    def finish(self) -> None:
        """Load what is still gathered."""
        for name in self._pending:
            self._load(name)

    def _add(self, name: str, data: bytes, lines: int) -> None:
        if data and not data.endswith(b"\n"):  # the next data must not continue its last line
            data += b"\n"
        if self._lines[name] and self._lines[name] + lines > load_size(self._loaded):
            self._load(name)
        self._pending[name].append(data)
        self._lines[name] += lines
        if self._lines[name] >= load_size(self._loaded):
            self._load(name)

    def _load(self, name: str) -> None:
        if self._pending[name]:
            self._store.bulk_load(input=b"".join(self._pending[name]), format=_FORMATS_NAMED[name], lenient=True)
            self._loaded += self._lines[name]
        self._pending[name], self._lines[name] = [], 0


def _load_in_process(folder: Path, items) -> None:
    """The process of a ``StoreLoader`` given ``side``: loads until told to stop, then flushes. Failing
    to write (a full disk) is told by its exit code, for the build to report in its words."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle: it ends this process
    try:
        store = ox.Store(str(folder))
        loads = _Loads(store)
        while (item := items.get()) is not None:
            loads.add(item)
        loads.finish()
        store.flush()
    except OSError as exc:
        exit_for(exc)


def is_store(path: Path) -> bool:
    """Whether the folder ``path`` is a store kg made (it holds kg's marker)."""
    return (path / _MARKER).is_file()


def refuse_foreign(store: Path) -> None:
    """``InputError`` if ``store`` is a folder kg did not make: a build writing its store there would remove it."""
    if store.exists() and not is_store(store):
        raise InputError(f"{store}: not a store kg made, and the build would replace it; move it away, "
                         "or build with --no-store (which leaves it)")


def remove_store(build: Path) -> None:
    """Delete ``build/store`` (a build without a store must not leave a stale one behind), if kg made it."""
    if not is_store(build / STORE):
        return
    aside = _set_aside(build / STORE)
    if aside is not None:
        shutil.rmtree(aside)


def has_store(build: Path) -> bool:
    """Whether ``build`` holds a store loaded to its end (``write_store`` or a build marked it)."""
    return (build / STORE / _MARKER).is_file()


def open_graph(path: Path) -> OpenGraph:
    """Open a build directory (its store, else its ``kg.ttl``), a store or an RDF file, read-only."""
    if path.is_dir():
        store = path if (path / _MARKER).is_file() else path / STORE
        if (store / _MARKER).is_file():
            try:
                return OpenGraph(ox.Store.read_only(str(store)), store)
            except OSError as exc:
                raise InputError(f"{store}: unreadable store ({_one_line(exc)}); "
                                 f"delete it to query the build's kg.ttl, or rebuild") from exc
        if (path / "kg.ttl").is_file():
            return open_graph(path / "kg.ttl")
        raise InputError(f"{path}: no kg build here (no store/ and no kg.ttl); "
                         f"build one with: kg build INPUT --out {path}")
    if not path.is_file():
        raise InputError(f"{path}: no such build directory or graph file")
    fmt = graph_format(path)
    refuse_entities(path, fmt)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not valid {fmt.name}: {explain(exc)}") from exc
    if fmt.supports_datasets:
        store.update(_MERGE_GRAPHS)
    return OpenGraph(store, path)


def _holds(build: Path, content: str) -> bool:
    """Whether ``build/store`` was loaded from files of this content hash."""
    marker = build / STORE / _MARKER
    return marker.is_file() and marker.read_text(encoding="ascii").strip() == content


#: how much of an RDF/XML file may come before its root element (the prolog, DOCTYPE included)
PROLOG_BYTES = 1 << 20
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_ROOT = re.compile(rb"<[A-Za-z_]")


def refuse_entities(path: Path, fmt: ox.RdfFormat) -> None:
    """An RDF/XML file from elsewhere may declare entities that expand to gigabytes from a few hundred
    bytes (a "billion laughs"): such a file is refused, not parsed."""
    if fmt != ox.RdfFormat.RDF_XML:
        return
    try:
        with path.open("rb") as fh:
            prolog = fh.read(PROLOG_BYTES)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    stripped = re.sub(rb"<!--.*?-->", b"", prolog, flags=re.S)
    root = _ROOT.search(stripped)
    head = stripped if root is None else stripped[: root.start()]
    if _ENTITY.search(head) or root is None and len(prolog) == PROLOG_BYTES:
        raise InputError(f"{path}: RDF/XML that declares entities (<!ENTITY in its DOCTYPE) is not read: a few "
                         "hundred bytes of them can expand to gigabytes; remove the DOCTYPE, or convert the file "
                         "to N-Triples or Turtle")


def explain(exc: BaseException) -> str:
    """A parser's error on one line, in kg's words where pyoxigraph's would puzzle a user."""
    if "remote context" in str(exc):
        return ("its @context is on another server, which kg does not fetch: put the context in the file, "
                "or convert the file to N-Triples or Turtle")
    return _one_line(exc)


def graph_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a graph file, by its extension."""
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown graph format; give a build directory or a "
                         f"{', '.join(sorted(_FORMATS))} file")
    return fmt


def file_hash(path: Path) -> str:
    """SHA-256 of a file (hashlib lets other threads run while it hashes a block)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_of(nt_hash: str, nq_hash: str) -> str:
    """The content a store is marked with, from the hashes of the ``kg.nt`` and ``kg.nq`` it was loaded
    from (each hashed on its own, as soon as it is written, while the build writes the rest)."""
    return hashlib.sha256(f"{nt_hash}\n{nq_hash}\n".encode("ascii")).hexdigest()


def _content_hash(nt: Path, nq: Path) -> str:
    return content_of(file_hash(nt), file_hash(nq))


def _set_aside(target: Path) -> Path | None:
    """Rename ``target`` into a new hidden directory beside it and return that directory.

    Replacing the store takes two renames: an interruption between them leaves the old
    store in ``.store.old-*`` and no ``store/``, and ``kg query DIR`` reads ``kg.ttl``.
    """
    if not target.exists():
        return None
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
    target.rename(aside / target.name)
    return aside


def _one_line(exc: BaseException) -> str:
    return re.sub(r"\s+", " ", str(exc)).strip()
