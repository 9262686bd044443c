"""``kg build --into DIR``: add articles to an existing build.

The build's article graphs (``DIR/kg.nq``) are written again, followed by the new
articles' graphs, and the files are merged as in any build: entity IRIs are hashes of
entity keys, so an entity the build already has keeps its node, and the result is
the build of the old articles followed by the new ones, byte for byte. Articles whose
text is already in the build (same ``kg:contentHash``) are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..types import Article
from .rdf import content_hash
from .vocab import term

_HASH, _IDENTIFIER = term("kg:contentHash"), term("dcterms:identifier")


@dataclass(frozen=True, slots=True)
class Existing:
    """An earlier build: its article graphs and the articles it holds."""

    quads: Path
    hashes: frozenset[str]
    ids: frozenset[str]

    def admit(self, article: Article) -> Article | InputError | None:
        """The article if it is new; None if its text is in the build; an error if its id is, with other text."""
        if content_hash(article.text) in self.hashes:
            return None
        if article.id in self.ids:
            return InputError(f"{article.source}: article id {article.id!r} is already in the build with another "
                              "text; build without --into to replace it")
        return article


def require_build(out: Path) -> None:
    """``InputError`` unless ``out`` holds a build to add to (its ``kg.nq``)."""
    path = out / "kg.nq"
    if not path.is_file():
        remedy = f"make one first with: kg build INPUT --out {out}"
        if (out / "kg.ttl").is_file():
            remedy = f"it was made by an older kg without kg.nq; rebuild it with: kg build INPUT --out {out}"
        raise InputError(f"--into {out}: no build there (no {path}); {remedy}")


def read_build(out: Path) -> Existing:
    """The build in ``out`` (its ``kg.nq``), for ``--into``."""
    require_build(out)
    path = out / "kg.nq"
    hashes, ids = set(), set()
    try:
        for quad in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
            if quad.predicate == _HASH:
                hashes.add(quad.object.value)
            elif quad.predicate == _IDENTIFIER:
                ids.add(quad.object.value)
    except SyntaxError as exc:
        raise InputError(f"{path}: not readable N-Quads ({' '.join(str(exc).split())}); "
                         f"rebuild it with: kg build INPUT --out {out}") from exc
    return Existing(path, frozenset(hashes), frozenset(ids))
