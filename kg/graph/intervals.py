"""Careers over time: each membership's ``org:memberDuring``, from the dates the articles attest.

An article's graph holds, for each post it gives an official, the ``org:Membership`` and
the article's date as its ``kg:attestedOn`` (``rdf.py``). No article knows the first and
last of those dates; the build does once it has seen them all. ``Attestations`` gathers
them from the article graphs as they are written (``export.GraphWriter``, from a build's
own ``kg.nq`` too for ``--into``) and gives the derived triples: the membership's
``org:memberDuring`` an OWL-Time ``time:Interval`` whose ``time:hasBeginning`` and
``time:hasEnd`` are ``time:Instant``\\ s with ``time:inXSDDate`` the first and last date.
Instants and intervals are named by their dates (``kgid:instant/2023-09-22``,
``kgid:interval/2023-09-22/2024-01-05``): the same dates are one node.

The derived triples are in a graph of their own in ``kg.nq`` (``DERIVED``), after the
article graphs, and the build writes them anew each time: a build and a build grown with
``--into`` from the same articles have the same lines.
"""
from __future__ import annotations

import pyoxigraph as ox

from .vocab import ID, term

#: the named graph of ``kg.nq`` holding what is derived across articles
DERIVED = f"{ID}graph/derived"
_ATTESTED = f" {term('kg:attestedOn')} ".encode()
_TYPE, _DURING = term("rdf:type"), term("org:memberDuring")
_INTERVAL, _INSTANT = term("time:Interval"), term("time:Instant")
_BEGINS, _ENDS, _DATE_OF = term("time:hasBeginning"), term("time:hasEnd"), term("time:inXSDDate")
_XSD_DATE = term("xsd:date")
_DERIVED_GRAPH = ox.NamedNode(DERIVED)
#: the end of every line of the derived graph in kg.nq
DERIVED_SUFFIX = f" <{DERIVED}> .\n".encode()


class Attestations:
    """The first and last date attesting each membership, gathered from N-Quads lines."""

    def __init__(self) -> None:
        self._spans: dict[bytes, tuple[bytes, bytes]] = {}  # membership IRI (N-Triples) -> (first, last) date

    def add(self, block: bytes) -> None:
        """The ``kg:attestedOn`` lines of an article graph (N-Quads): ``<m> <…attestedOn> "2023-09-22"^^<…date> <g> .``"""
        if _ATTESTED not in block:
            return
        for line in block.splitlines():
            subject, _, rest = line.partition(_ATTESTED)
            if rest:
                date = rest[1:rest.index(b'"', 1)]
                first, last = self._spans.get(subject, (date, date))
                self._spans[subject] = (min(first, date), max(last, date))

    def spans(self) -> dict[bytes, tuple[bytes, bytes]]:
        """Each membership's first and last date (for ``merge``)."""
        return dict(self._spans)

    def merge(self, spans: dict[bytes, tuple[bytes, bytes]]) -> None:
        """Add the ``spans`` of another ``Attestations``: those of other articles."""
        for subject, (first, last) in spans.items():
            held = self._spans.get(subject)
            self._spans[subject] = (first, last) if held is None else (min(held[0], first), max(held[1], last))

    def quads(self) -> bytes:
        """The derived graph as N-Quads lines, sorted, each once (empty when nothing is dated)."""
        lines = set()
        for subject, (first, last) in self._spans.items():
            begin, end = first.decode(), last.decode()
            interval = ox.NamedNode(f"{ID}interval/{begin}/{end}")
            instants = {date: ox.NamedNode(f"{ID}instant/{date}") for date in (begin, end)}
            quads = [ox.Quad(ox.NamedNode(subject.decode()[1:-1]), _DURING, interval, _DERIVED_GRAPH),
                     ox.Quad(interval, _TYPE, _INTERVAL, _DERIVED_GRAPH),
                     ox.Quad(interval, _BEGINS, instants[begin], _DERIVED_GRAPH),
                     ox.Quad(interval, _ENDS, instants[end], _DERIVED_GRAPH)]
            for date, instant in instants.items():
                quads += [ox.Quad(instant, _TYPE, _INSTANT, _DERIVED_GRAPH),
                          ox.Quad(instant, _DATE_OF, ox.Literal(date, datatype=_XSD_DATE), _DERIVED_GRAPH)]
            lines.update(f"{quad} .\n" for quad in quads)
        return "".join(sorted(lines)).encode("utf-8")
