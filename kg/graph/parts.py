"""A build's graph in partitions (``kg build --partitions``): ``DIR/parts/``.

One N-Quads file per partition of the corpus (``part-000000.nq`` …), its lines sorted and each
once, the graph derived across articles in ``part-derived.nq``, and ``index.tsv``: each file
with its articles, quads, bytes and SHA-256. Together they hold the quads of ``kg.nq``. Files
of one build share no blank node (kg writes none) and name each entity by an IRI made from its
key, so they load in any order, in parallel, into one store: ``oxigraph load --location DB
--file parts/part-*.nq``, or each POSTed to a Graph Store endpoint as its own request.

The folder is made in the build's work folder and put in place with the other outputs; a
build without ``--partitions`` removes one kg made (it carries the marker ``.kg-parts``).
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PARTS = "parts"
INDEX = "index.tsv"
_MARK = ".kg-parts"
_HEADER = "file\tarticles\tquads\tbytes\tsha256\n"


@dataclass(frozen=True, slots=True)
class Shard:
    """A partition's file of sorted quads, as the index lists it."""

    path: Path
    articles: int
    quads: int
    size: int
    sha256: str


def write_shard(lines: Iterable[bytes], path: Path, articles: int) -> Shard:
    """Write ``lines`` (sorted, each once) to ``path``, counting and hashing them on the way: where the
    partition was extracted, not again in the build's process."""
    digest, quads, size = hashlib.sha256(), 0, 0
    with open(path, "wb") as fh:
        for line in lines:
            fh.write(line)
            digest.update(line)
            quads += 1
            size += len(line)
    return Shard(path, articles, quads, size, digest.hexdigest())


class PartsWriter:
    """``add`` each partition's shard in the corpus's order, ``derived`` the derived graph's quads,
    then ``commit`` into a build folder."""

    def __init__(self, scratch: Path) -> None:
        self._tmp = Path(tempfile.mkdtemp(dir=scratch, prefix=f".{PARTS}."))
        self._tmp.chmod(0o755)  # as readable as the other outputs
        (self._tmp / _MARK).touch()
        self._rows: list[str] = []

    def add(self, shard: Shard) -> None:
        self._place(shard, f"part-{len(self._rows):06d}.nq")

    def derived(self, quads: bytes) -> None:
        self._place(write_shard(quads.splitlines(keepends=True), self._tmp / "derived.tmp", 0), "part-derived.nq")

    def _place(self, shard: Shard, name: str) -> None:
        shutil.move(shard.path, self._tmp / name)
        self._rows.append(f"{name}\t{shard.articles}\t{shard.quads}\t{shard.size}\t{shard.sha256}\n")

    def commit(self, build: Path) -> None:
        """Write the index, and replace ``build/parts`` (one kg made) with this folder."""
        (self._tmp / INDEX).write_text(_HEADER + "".join(self._rows), encoding="utf-8")
        remove_parts(build)
        self._tmp.rename(build / PARTS)

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)


def remove_parts(build: Path) -> None:
    """Delete ``build/parts`` if kg made it (a build without ``--partitions`` leaves no stale one)."""
    folder = build / PARTS
    if (folder / _MARK).is_file():
        aside = Path(tempfile.mkdtemp(dir=build, prefix=f".{PARTS}.old-"))
        folder.rename(aside / PARTS)
        shutil.rmtree(aside)
