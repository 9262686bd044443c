"""A build's graph files, written as a stream of article graphs.

Each article's graph comes as a block of N-Quads lines (``rdf.article_block``). The
writer appends the blocks to ``kg.nq`` in input order and sends their triples to an
on-disk sort (``kg/graph/spool.py``), so memory stays flat however big the corpus; at the
end the sorted unique triples are ``kg.nt``, and pyoxigraph's streaming writers turn
them into ``kg.ttl`` and ``kg.nq`` into ``kg.trig``; ``kg.jsonld`` is flattened JSON-LD
with a context of kg's prefixes. What is derived across articles (each membership's
interval, ``intervals.py``) is written at the end, after the article graphs, in a graph of
its own. Each file is deterministic (the same articles in the same order give the same
bytes) and written beside its old copy, which it replaces only once every file is
complete; the ontology and its shapes are copied with them, so a build directory is
self-contained. The writer holds the folder while it writes (``kg/graph/builddir.py``: kg's
marker, one build at a time) and removes only what it made.
"""
from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib.namespace import RDF

from ..atomic import Pending
from ..types import ENTITY_CLASSES, RELATIONS
from .builddir import Claim, check, exit_error, exit_for, scratch_folder, write_error
from .intervals import DERIVED_SUFFIX, Attestations
from .parts import PartsWriter, Shard, remove_parts
from .spool import SortedLines
from .store import STORE, StoreLoader, content_of, file_hash, load_size, refuse_foreign, remove_store
from .vocab import ONTOLOGY_DIR, PREFIXES, term

#: copies of the ontology, its shapes and the scheme of policy types, so a build directory is self-contained
ONTOLOGY_COPIES = {"ontology.ttl": ONTOLOGY_DIR / "kg.ttl", "shapes.ttl": ONTOLOGY_DIR / "shapes.ttl",
                   "policy-types.ttl": ONTOLOGY_DIR / "policy-types.ttl"}
#: what a build writes here, in the order the files replace their old copies
FILES = ("kg.nq", "kg.nt", "kg.trig", "kg.jsonld", *ONTOLOGY_COPIES, "kg.ttl")
#: the context of ``kg.jsonld``: kg's prefixes plus rdf
JSONLD_CONTEXT = {**PREFIXES, "rdf": str(RDF)}
#: prefixes of kg.ttl and kg.trig: kgid: is left out, its local names have slashes that Turtle would escape
TURTLE_PREFIXES = {p: ns for p, ns in JSONLD_CONTEXT.items() if p != "kgid"}
_PREFIX_OF = {ns: p for p, ns in JSONLD_CONTEXT.items()}
_ID, _RDF_TYPE = PREFIXES["kgid"], str(RDF.type)
_TYPE = str(term("rdf:type")).encode()
_CLASS_OF = {f"{term(f'kg:{c}')} .\n".encode(): c for c in ENTITY_CLASSES}
_RELATION_OF = {f"{term(f'kg:{r}')}".encode(): r for r in RELATIONS}


@dataclass(slots=True)
class GraphCounts:
    """What the written graph holds: entities per class, relation triples per relation, all triples."""

    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    triples: int = 0


class GraphWriter:
    """``with GraphWriter(out) as w: w.add(block) ...; counts = w.finish()`` writes the graph files
    into ``out``, the files ``derived`` from ``kg.nt`` (name -> ``make(nt, path)``: ``graph.html``)
    and its embedded store (``store``; else an old one kg made is removed); leaving the block
    early (an error, Ctrl-C) leaves the old files as they were. The store loads in a thread of its
    own, the article graphs as they come: each into its named graph, and its triples not met before
    into the default graph (which keeps a triple once, however often it is loaded), so the default
    graph is ``kg.nt`` without waiting for it and the end leaves little to load.

    ``out`` must be new, empty, a kg build or hold nothing of a name kg writes, unless ``force``
    (``builddir.check``; ``foreign``: the names of what else it holds, left as it is); the writer holds
    it from its start to its end, after another build's end (``on_wait``: see ``builddir.Claim``).
    Failing to write there (a full disk, a read-only folder) is a ``KgError`` naming ``out``."""

    def __init__(self, out: Path, store: bool = True, *,
                 derived: Mapping[str, Callable[[Path, Path], object]] | None = None, force: bool = False,
                 on_wait: Callable[[str, Callable[[], bool]], None] | None = None,
                 side: BaseContext | None = None, partitions: bool = False) -> None:
        derived = derived or {}
        names = (*FILES[:-1], *derived, FILES[-1])  # kg.ttl last: the sign of a build complete
        self.foreign = check(out, set(names), force=force)
        if store:
            refuse_foreign(out / STORE)
        self._out, self._derived = out, derived
        self._claim = self._scratch = None
        self._nq: IO[bytes] | None = None
        self._triples = self._loader = self._parts = None
        try:
            self._claim = Claim(out, on_wait)
            self._scratch = scratch_folder(out)
            self._pending = {name: Pending(out / name, self._scratch) for name in names}
            self._nq = open(self._pending["kg.nq"].tmp, "wb")
            self._triples = SortedLines(self._scratch)
            self._loader = StoreLoader(self._scratch, side) if store else None
            self._parts = PartsWriter(self._scratch) if partitions else None
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self._unloaded: list[tuple[bytes, bytes]] = []  # article graphs (quads, new triples) not yet sent to the store
        self._unloaded_lines = self._loaded_lines = 0
        self._attested = Attestations()

    def __enter__(self) -> GraphWriter:
        return self

    @property
    def scratch(self) -> Path:
        """The build's work folder (kg's, removed at the end), for other stages' files too."""
        return self._scratch

    def __exit__(self, kind, exc, tb) -> None:
        try:
            for part in (self._nq, self._triples, self._loader, self._parts):
                if part is not None:
                    part.close()
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)  # after finish() only the sort runs are left
        finally:
            if self._claim is not None:
                self._claim.release()
        if isinstance(exc, OSError) and (error := write_error(self._out, exc)) is not None:
            raise error from exc

    def add(self, block: bytes) -> None:
        """One article's graph: N-Quads lines, each ending in a newline."""
        self._attested.add(block)
        self._nq.write(block)
        lines = block.splitlines(keepends=True)
        new = self._triples.add(triple_line(line) for line in lines)
        if self._loader is not None:
            self._unloaded.append((block, b"".join(new)))
            self._unloaded_lines += len(lines)
            if self._unloaded_lines >= load_size(self._loaded_lines):
                self._send_to_store()

    def add_shard(self, quads: Path, triples: Path, spans: dict[bytes, tuple[bytes, bytes]],
                  shard: Shard | None = None) -> None:
        """The graphs of a partition of the corpus (``kg/run/partitioned.py``), as two files that stay in
        place until the end: its articles' N-Quads in order (appended to kg.nq), its triples sorted
        and each once (merged into kg.nt); ``spans``: the dates attesting its memberships. With
        ``partitions``, ``shard`` (its quads sorted, each once) goes to ``parts/``."""
        if self._parts is not None and shard is not None:
            self._parts.add(shard)
        self._attested.merge(spans)
        with open(quads, "rb") as fh:
            shutil.copyfileobj(fh, self._nq, 1 << 20)
        self._triples.add_run(triples)
        if self._loader is not None:
            self._loader.load_file(quads, ox.RdfFormat.N_QUADS)
            self._loader.load_file(triples, ox.RdfFormat.N_TRIPLES)

    def _send_to_store(self) -> None:
        self._loader.load(b"".join(quads for quads, _ in self._unloaded), ox.RdfFormat.N_QUADS)
        self._loader.load(b"".join(triples for _, triples in self._unloaded), ox.RdfFormat.N_TRIPLES)
        self._loaded_lines += self._unloaded_lines
        self._unloaded, self._unloaded_lines = [], 0

    def add_quads(self, path: Path) -> None:
        """The article graphs of an earlier build's ``kg.nq`` (for ``--into``); what it derived is
        derived again at the end."""
        with open(path, "rb") as fh:
            for lines in iter(lambda: fh.readlines(1 << 20), []):
                self.add(b"".join(line for line in lines if not line.endswith(DERIVED_SUFFIX)))

    def finish(self, side: BaseContext | None = None) -> GraphCounts:
        """Write every file and the store, then put them all in place. With ``side``
        (``kg.run.pool``), ``kg.trig``, ``kg.jsonld`` and ``kg.ttl`` are written by
        processes of it while this one writes ``kg.nt`` and ends the store."""
        derived = self._attested.quads()
        self.add(derived)
        if self._parts is not None:
            self._parts.derived(derived)
        self._nq.close()
        if self._loader is not None:
            self._send_to_store()
        files = {name: pending.tmp for name, pending in self._pending.items()}
        counts = GraphCounts()
        # the store's content mark: each file hashed in a thread as soon as it is written
        hashing = ThreadPoolExecutor(2, thread_name_prefix="kg-hash")
        with hashing, _Beside(side, write_trig, files["kg.nq"], self._pending["kg.trig"]) as trig:
            nq_hash = hashing.submit(file_hash, files["kg.nq"]) if self._loader else None
            with open(files["kg.nt"], "wb") as fh:
                for line in self._triples:
                    _count(line, counts)
                    fh.write(line)
            nt_hash = hashing.submit(file_hash, files["kg.nt"]) if self._loader else None
            with (_Beside(side, write_jsonld_file, files["kg.nt"], self._pending["kg.jsonld"]) as jsonld,
                  _Beside(side, write_turtle, files["kg.nt"], self._pending["kg.ttl"]) as ttl):
                for name, source in ONTOLOGY_COPIES.items():
                    shutil.copyfile(source, files[name])
                for name, make in self._derived.items():
                    make(files["kg.nt"], files[name])
                staged = (self._loader.finish(self._out, lambda: content_of(nt_hash.result(), nq_hash.result()))
                          if self._loader else None)
                try:
                    for beside in (ttl, jsonld, trig):
                        beside.wait()
                    if staged is not None:
                        staged.check()
                    if self._parts is not None:
                        self._parts.commit(self._out)
                    else:
                        remove_parts(self._out)
                    for pending in self._pending.values():
                        pending.commit()
                except BaseException:
                    if staged is not None:
                        staged.discard()
                    raise
        if staged is not None:
            staged.commit()
        elif self._loader is None:
            remove_store(self._out)
        return counts


class _Beside:
    """``with _Beside(side, write, src, target) as w: ...; w.wait()``: ``write(src, target.tmp)`` in a
    process of ``side`` while the block runs, or, without ``side``, here at ``wait``; one that fails
    raises ``KgError`` naming ``target.path`` at ``wait``, one still running when the block is left
    early is ended."""

    def __init__(self, side: BaseContext | None, write: Callable[[Path, Path], None], src: Path,
                 target: Pending) -> None:
        self._write, self._args, self._path = write, (src, target.tmp), target.path
        self._process = (side.Process(target=_write_beside, args=(write, *self._args), name=f"kg-{target.path.name}")
                         if side else None)

    def __enter__(self) -> _Beside:
        if self._process is not None:
            self._process.start()
        return self

    def wait(self) -> None:
        if self._process is None:
            self._write(*self._args)
            return
        self._process.join()
        if (error := exit_error(self._process.exitcode or 0, self._path, "writing it")) is not None:
            raise error

    def __exit__(self, kind, exc, tb) -> None:
        if self._process is not None and self._process.is_alive():  # Ctrl-C, an error: of no more use
            self._process.terminate()
            self._process.join()


def _write_beside(write: Callable[[Path, Path], None], src: Path, out: Path) -> None:
    """``write(src, out)`` in a process of its own; failing to write (a full disk) is told by the exit
    code, for the build to report in its words, not by a traceback."""
    try:
        write(src, out)
    except OSError as exc:
        exit_for(exc)


def write_trig(nq: Path, out: Path) -> None:
    """``kg.trig`` from ``kg.nq``: the same article graphs, in TriG."""
    ox.serialize(ox.parse(path=nq, format=ox.RdfFormat.N_QUADS), out, ox.RdfFormat.TRIG, prefixes=TURTLE_PREFIXES)


def write_turtle(nt: Path, out: Path) -> None:
    """``kg.ttl`` from ``kg.nt``: the same graph, in Turtle."""
    ox.serialize(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES), out, ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)


def triple_line(quad: bytes) -> bytes:
    """The N-Triples line of an N-Quads line (its graph name is its last term: an IRI has no spaces)."""
    return quad[:quad.rindex(b" <")] + b" .\n"


def _count(line: bytes, counts: GraphCounts) -> None:
    counts.triples += 1
    _, predicate, rest = line.split(b" ", 2)
    if predicate == _TYPE and (cls := _CLASS_OF.get(rest)):
        counts.entities[cls] += 1
    elif relation := _RELATION_OF.get(predicate):
        counts.relations[relation] += 1


def write_jsonld(lines: Iterable[bytes], out: IO[bytes]) -> None:
    """JSON-LD in flattened form, one node object per subject and per line, IRIs shortened by
    ``JSONLD_CONTEXT``, from N-Triples ``lines`` that come grouped by subject (as in ``kg.nt``).
    Read as bytes, not parsed into terms: the JSON of a node is put together from the lines'
    own IRIs and quoted strings (an N-Triples string is a JSON string, escapes and all, unless
    it holds a ``\\u`` escape)."""
    out.write(b'{"@context": ' + _dump(JSONLD_CONTEXT) + b',\n "@graph": [')
    keys: dict[bytes, tuple[str, bool]] = {}  # predicate -> its JSON key, and whether it is rdf:type
    separator = b"\n  "
    subject, node = None, {}
    for line in lines:
        s_end = line.index(b" ")
        p_end = line.index(b" ", s_end + 1)
        if line[:s_end] != subject:
            if subject is not None:
                out.write(separator + _node(subject, node))
                separator = b",\n  "
            subject, node = line[:s_end], {}
        predicate = line[s_end + 1:p_end]
        key = keys.get(predicate)
        if key is None:
            iri = predicate[1:-1].decode()
            key = keys[predicate] = ("@type", True) if iri == _RDF_TYPE else (_compact(iri), False)
        obj = line[p_end + 1:line.rindex(b" .")]
        if key[1] and obj[:1] == b"<":  # a class: its compact IRI, a plain string
            name = _compact(obj[1:-1].decode())
            node.setdefault("@type", []).append(((name,), _quote(name)))
        else:
            node.setdefault("rdf:type" if key[1] else key[0], []).append(_value(obj))
    if subject is not None:
        out.write(separator + _node(subject, node))
    out.write(b"\n]}\n")


def write_jsonld_file(nt: Path, out: Path) -> None:
    """``write_jsonld`` of the N-Triples file ``nt`` into the file ``out``."""
    with open(nt, "rb") as lines, open(out, "wb") as fh:
        write_jsonld(lines, fh)


def jsonld(triples: Iterable[ox.Triple]) -> bytes:
    """``write_jsonld`` of any triples, into bytes."""
    buffer = io.BytesIO()
    write_jsonld(sorted({f"{t.subject} {t.predicate} {t.object} .\n".encode() for t in triples}), buffer)
    return buffer.getvalue()


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _quote(text: str) -> str:
    """A JSON string of an IRI, a key or a language tag (which hold no quote, backslash or control character)."""
    return f'"{text}"'


def _node(subject: bytes, node: dict[str, list[tuple[tuple[str, ...], str]]]) -> bytes:
    """The JSON of one node object, as ``_dump`` would write it (keys sorted, sets of values sorted)."""
    fields = [("@id", _quote(_term(subject.decode())))]
    for key, values in node.items():
        text = values[0][1] if len(values) == 1 else f"[{', '.join(v for _, v in sorted(values))}]"
        fields.append((key, text))
    return ("{" + ", ".join(f'"{key}": {text}' for key, text in sorted(fields)) + "}").encode()


def _term(nt: str) -> str:
    """The compact form of an N-Triples IRI (``<...>``) or blank node (``_:x``)."""
    return _compact(nt[1:-1]) if nt.startswith("<") else nt


def _compact(iri: str) -> str:
    """``kg:holds`` for an IRI under one of the context's prefixes, the IRI itself otherwise."""
    if iri.startswith(_ID) and len(iri) > len(_ID) and not iri.startswith("//", len(_ID)):
        return "kgid:" + iri[len(_ID):]  # most IRIs: kg's own nodes
    return _compact_iri(iri)


@lru_cache(maxsize=4096)
def _compact_iri(iri: str) -> str:
    """``_compact`` of other IRIs: classes, properties, datatypes (few, met many times)."""
    best = max((ns for ns in JSONLD_CONTEXT.values() if iri.startswith(ns)), key=len, default=None)
    local = iri[len(best):] if best else ""
    if not best or not local or local.startswith("//"):  # a compact IRI needs a local part that is no authority
        return iri
    return f"{_PREFIX_OF[best]}:{local}"


def _value(obj: bytes) -> tuple[tuple[str, ...], str]:
    """An object's sort key (that of its JSON value: a string, or the items of its object) and its JSON."""
    if obj[:1] != b'"':  # an IRI or a blank node
        name = _term(obj.decode())
        return ("@id", name), f'{{"@id": {_quote(name)}}}'
    close = obj.rindex(b'"')
    quoted, suffix = obj[:close + 1].decode(), obj[close + 1:].decode()
    text = json.loads(quoted) if "\\" in quoted else quoted[1:-1]
    if "\\u" in quoted:  # N-Triples writes \\u007F and upper-case hex, JSON neither
        quoted = json.dumps(text, ensure_ascii=False)
    if suffix.startswith("@"):
        return ("@language", suffix[1:], "@value", text), f'{{"@language": {_quote(suffix[1:])}, "@value": {quoted}}}'
    datatype = _term(suffix[2:]) if suffix else "xsd:string"
    if datatype == "xsd:string":
        return (text,), quoted  # a plain string is an xsd:string literal (the context sets no default language)
    return ("@type", datatype, "@value", text), f'{{"@type": {_quote(datatype)}, "@value": {quoted}}}'
