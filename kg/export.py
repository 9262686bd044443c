"""A build's graph files, written as a stream of article graphs.

Each article's graph comes as a block of N-Quads lines (``rdf.article_block``). The
writer appends the blocks to ``kg.nq`` in input order and sends their triples to an
on-disk sort (``kg/spool.py``), so memory stays flat however big the corpus; at the
end the sorted unique triples are ``kg.nt``, and pyoxigraph's streaming writers turn
them into ``kg.ttl`` and ``kg.nq`` into ``kg.trig``; ``kg.jsonld`` is flattened JSON-LD
with a context of kg's prefixes. Each file is deterministic (the same articles in the
same order give the same bytes) and written beside its old copy, which it replaces
only once every file is complete; the ontology and its shapes are copied with them,
so a build directory is self-contained.
"""
from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib.namespace import RDF

from .rdf import Pending
from .spool import SortedLines
from .store import LOAD_CHUNK, StoreLoader, remove_store
from .types import ENTITY_CLASSES, RELATIONS
from .vocab import ONTOLOGY_DIR, PREFIXES, term

#: copies of the ontology and its shapes, so a build directory is self-contained
ONTOLOGY_COPIES = {"ontology.ttl": ONTOLOGY_DIR / "kg.ttl", "shapes.ttl": ONTOLOGY_DIR / "shapes.ttl"}
#: what a build writes here, in the order the files replace their old copies
FILES = ("kg.nq", "kg.nt", "kg.trig", "kg.jsonld", *ONTOLOGY_COPIES, "kg.ttl")
#: the context of ``kg.jsonld``: kg's prefixes plus rdf
JSONLD_CONTEXT = {**PREFIXES, "rdf": str(RDF)}
#: prefixes of kg.ttl and kg.trig: kgid: is left out, its local names have slashes that Turtle would escape
TURTLE_PREFIXES = {p: ns for p, ns in JSONLD_CONTEXT.items() if p != "kgid"}
_PREFIX_OF = {ns: p for p, ns in JSONLD_CONTEXT.items()}
#: the work folder of a build in progress, in its output directory: ``.kg-work-PID``
SCRATCH = ".kg-work-"
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
    into ``out``, and its embedded store (``store``; else an old one is removed); leaving the block
    early (an error, Ctrl-C) leaves the old files as they were. The store loads in a thread of its
    own: the article graphs as they come, and ``kg.nt`` while the other files are written."""

    def __init__(self, out: Path, store: bool = True) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self._out = out
        self._scratch = scratch_folder(out)
        self._pending = {name: Pending(out / name, self._scratch) for name in FILES}
        self._nq: IO[bytes] = open(self._pending["kg.nq"].tmp, "wb")
        self._triples = SortedLines(self._scratch)
        self._loader = StoreLoader(self._scratch) if store else None
        self._unloaded: list[bytes] = []  # article graphs not yet sent to the store
        self._unloaded_lines = 0

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self._nq.close()
        self._triples.close()
        if self._loader is not None:
            self._loader.close()
        shutil.rmtree(self._scratch, ignore_errors=True)  # after finish() only the sort runs are left

    def add(self, block: bytes) -> None:
        """One article's graph: N-Quads lines, each ending in a newline."""
        self._nq.write(block)
        lines = block.splitlines(keepends=True)
        self._triples.add(_triple(line) for line in lines)
        if self._loader is not None:
            self._unloaded.append(block)
            self._unloaded_lines += len(lines)
            if self._unloaded_lines >= LOAD_CHUNK:
                self._send_to_store()

    def _send_to_store(self) -> None:
        self._loader.load(b"".join(self._unloaded), ox.RdfFormat.N_QUADS)
        self._unloaded, self._unloaded_lines = [], 0

    def add_quads(self, path: Path) -> None:
        """The article graphs of an earlier build's ``kg.nq`` (for ``--into``)."""
        with open(path, "rb") as fh:
            for lines in iter(lambda: fh.readlines(1 << 20), []):
                self.add(b"".join(lines))

    def finish(self) -> GraphCounts:
        """Write every file and the store, then put them all in place."""
        self._nq.close()
        files = {name: pending.tmp for name, pending in self._pending.items()}
        counts = GraphCounts()
        with open(files["kg.nt"], "wb") as fh:
            for line in self._triples:
                _count(line, counts)
                fh.write(line)
        if self._loader is not None:
            self._send_to_store()
            self._loader.load_file(files["kg.nt"], ox.RdfFormat.N_TRIPLES)
        self._write_syntaxes(files)
        staged = self._loader.finish(self._out, files["kg.nt"], files["kg.nq"]) if self._loader else None
        try:
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

    @staticmethod
    def _write_syntaxes(files: dict[str, Path]) -> None:
        """kg.ttl, kg.trig, kg.jsonld and the ontology copies, from the written kg.nt and kg.nq."""
        ox.serialize(ox.parse(path=files["kg.nt"], format=ox.RdfFormat.N_TRIPLES), files["kg.ttl"],
                     ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
        ox.serialize(ox.parse(path=files["kg.nq"], format=ox.RdfFormat.N_QUADS), files["kg.trig"],
                     ox.RdfFormat.TRIG, prefixes=TURTLE_PREFIXES)
        with open(files["kg.jsonld"], "wb") as fh:
            write_jsonld(ox.parse(path=files["kg.nt"], format=ox.RdfFormat.N_TRIPLES), fh)
        for name, source in ONTOLOGY_COPIES.items():
            shutil.copyfile(source, files[name])


def scratch_folder(out: Path) -> Path:
    """A new folder for the work files of a build writing into ``out`` (``.kg-work-PID``). Those of
    builds that crashed (their process is gone) are removed; a build that ends removes its own."""
    for old in out.glob(f"{SCRATCH}*"):
        pid = old.name.removeprefix(SCRATCH)
        if not pid.isdigit() or not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = out / f"{SCRATCH}{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _triple(quad: bytes) -> bytes:
    """The N-Triples line of an N-Quads line (its graph name is its last term: an IRI has no spaces)."""
    return quad[:quad.rindex(b" <")] + b" .\n"


def _count(line: bytes, counts: GraphCounts) -> None:
    counts.triples += 1
    _, predicate, rest = line.split(b" ", 2)
    if predicate == _TYPE and (cls := _CLASS_OF.get(rest)):
        counts.entities[cls] += 1
    elif relation := _RELATION_OF.get(predicate):
        counts.relations[relation] += 1


def write_jsonld(triples: Iterable[ox.Triple], out: IO[bytes]) -> None:
    """JSON-LD in flattened form, one node object per subject and per line, IRIs shortened by
    ``JSONLD_CONTEXT``; ``triples`` come grouped by subject (as in ``kg.nt``)."""
    out.write(b'{"@context": ' + _dump(JSONLD_CONTEXT) + b',\n "@graph": [')
    keys: dict[ox.NamedNode, str] = {}  # predicate -> its key (few predicates, many triples)
    separator = b"\n  "
    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict[str, list] = {}
        for _, predicate, obj, *_ in group:  # triples, or quads of one graph
            key = keys.get(predicate)
            if key is None:
                key = keys[predicate] = "@type" if predicate.value == _RDF_TYPE else _compact(predicate)
            if key == "@type" and isinstance(obj, ox.NamedNode):
                node.setdefault(key, []).append(_compact(obj))
            else:
                node.setdefault(key if key != "@type" else "rdf:type", []).append(_value(obj))
        item = {"@id": _compact(subject), **{key: _one_or_all(values) for key, values in node.items()}}
        out.write(separator)
        out.write(_dump(item))
        separator = b",\n  "
    out.write(b"\n]}\n")


def jsonld(triples: Iterable[ox.Triple]) -> bytes:
    """``write_jsonld`` of any triples, into bytes."""
    import io

    buffer = io.BytesIO()
    write_jsonld(sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))), buffer)
    return buffer.getvalue()


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _compact(node: ox.NamedNode | ox.BlankNode) -> str:
    """``kg:holds`` for an IRI under one of the context's prefixes, the IRI itself otherwise; ``_:x`` for a blank node."""
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    iri = node.value
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


def _value(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str] | str:
    if not isinstance(node, ox.Literal):
        return {"@id": _compact(node)}
    if node.language:
        return {"@value": node.value, "@language": node.language}
    if node.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return {"@value": node.value, "@type": _compact(node.datatype)}
    return node.value  # a plain string is an xsd:string literal (the context sets no default language)


def _one_or_all(values: list) -> Any:
    """The value, or the values sorted: JSON-LD arrays outside ``@list`` are sets."""
    if len(values) == 1:
        return values[0]
    return sorted(values, key=_sort_key)


def _sort_key(value: dict[str, str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(x for item in sorted(value.items()) for x in item)

