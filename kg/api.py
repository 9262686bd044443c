"""kg as a library, for notebooks: ``load``, ``build``, ``open`` and the ``Build`` they return.

    import kg
    nlp = kg.load()                               # spaCy: doc.ents, doc.spans["kg"], doc._.kg_facts
    b = kg.build(["seeds/"], out="output/")       # as `kg build seeds/ --out output/`
    b.query("SELECT ?o ?p WHERE { ?o kg:holds ?p }")   # a pandas DataFrame, with each node's label

Errors are kg's own (``kg.errors.KgError`` and its subclasses), with the messages of the command
line, which prints them after ``kg:``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KgError  # noqa: F401  (kg.KgError)

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from spacy.language import Language

    from .graph.store import OpenGraph
    from .run.build import BuildReport



def load(user_words: Iterable[str] = ()) -> Language:
    """A new spaCy pipeline of kg's: its tokenizer cleans a raw text and segments it with pkuseg
    (``user_words`` kept whole; add more with ``nlp.tokenizer.pkuseg_update_user_dict``), then
    ``kg_entities`` sets ``doc.ents`` and ``doc.spans["kg"]`` (labels Locality, Official, Post,
    Campaign, Measure, CadreGroup, Organization; ``span.kb_id_`` is the node's key) and
    ``kg_relations`` sets ``doc._.kg_facts`` (subject span, relation, object span, confidence,
    extractor). ``nlp.to_disk(path)`` saves it; ``spacy.load(path)`` loads it back.

    >>> nlp = kg.load()
    >>> doc = nlp("黄岩区委书记徐淼出席会议。")
    >>> [(e.text, e.label_) for e in doc.ents]
    [('黄岩区委书记', 'Post'), ('徐淼', 'Official')]
    """
    from .nlp.pipeline import make

    return make(user_words)


def build(paths: str | Path | Iterable[str | Path], out: str | Path, *, jobs: int = 1, html: bool = True,
          store: bool = True, into: bool = False, max_bytes: int | None = None, dask: str | None = None,
          on_skip: Callable[[str], None] | None = None, on_warn: Callable[[str], None] | None = None) -> Build:
    """Build the graph of the articles in ``paths`` (.txt, .html, .jsonl files or folders) into the
    folder ``out``, as ``kg build PATHS --out OUT`` does, and return its ``Build``.

    ``jobs``: worker processes; ``html``: write graph.html; ``store``: the embedded store (``Build.graph``
    opens it; without it the graph is read from kg.ttl); ``into``: add the articles to the build in
    ``out``; ``max_bytes``: skip larger files; ``dask``: a Dask scheduler's address, or ``local``.
    A skipped article or a warning is passed to ``on_skip`` or ``on_warn`` (default: printed on
    stderr, as the command line does); no article built at all is a ``KgError``.

    The build's helper processes start from a fork server, which imports the caller's script
    again: a script (not a notebook) calls ``kg.build`` under ``if __name__ == "__main__":``.
    """
    from .run.build import build as run_build
    from .text.ingest import MAX_BYTES

    inputs = [paths] if isinstance(paths, (str, Path)) else list(paths)
    report = run_build(inputs, Path(out), html=html, store=store, into=into, jobs=jobs, dask=dask,
                       max_bytes=MAX_BYTES if max_bytes is None else max_bytes, on_skip=on_skip, on_warn=on_warn)
    return Build(Path(out), report)


def open(path: str | Path) -> Build:  # noqa: A001  (kg.open, as a notebook reads it)
    """The ``Build`` of an existing build folder (made by ``kg build`` or ``kg.build``), or of a graph
    file (.ttl .nt .nq .trig .jsonld .rdf)."""
    handle = Build(Path(path))
    handle._opened  # noqa: B018  (a folder that holds no build is an error now, not at the first query)
    return handle


@dataclass(frozen=True, eq=False)
class Build:
    """A build: ``graph`` (its pyoxigraph store), ``query`` (SPARQL -> DataFrame), ``table`` (the
    tables of ``kg table``); ``report`` is what ``kg.build`` reported (None from ``kg.open``)."""

    path: Path
    report: BuildReport | None = None

    @cached_property
    def _opened(self) -> OpenGraph:
        from .graph.store import open_graph

        return open_graph(self.path)

    @property
    def graph(self) -> pyoxigraph.Store:
        """The build's graph, read-only: its store (``store/``), else its kg.ttl read into memory. The
        default graph is the whole graph; each article's IRI names the graph of what it supports."""
        return self._opened.store

    def query(self, sparql: str, *, allow_service: bool = False) -> pandas.DataFrame:
        """A SPARQL query's result as a DataFrame, kg's prefixes predeclared (as ``kg query``): one
        column per variable (``subject``, ``predicate``, ``object`` for CONSTRUCT and DESCRIBE,
        ``boolean`` for ASK); IRIs in their prefixed form (``kgid:official\\/…``), literals as
        Python values (numbers, booleans, else their text), None where unbound; after each column
        holding IRIs, ``COLUMN_label``: each node's rdfs:label.

        >>> b.query("SELECT ?official ?post WHERE { ?official kg:holds ?post }")
        """
        import pandas as pd
        import pyoxigraph as ox

        from .graph.query import prefixed, select

        names, rows = select(self._opened, sparql, allow_service=allow_service)
        columns: dict[str, list] = {}
        for i, name in enumerate(names):
            terms = [row[i] for row in rows]
            columns[name] = [prefixed(t.value) if isinstance(t, ox.NamedNode) else _value(t) for t in terms]
            if any(isinstance(t, ox.NamedNode) for t in terms) and f"{name}_label" not in names:
                columns[f"{name}_label"] = [self._label(t) if isinstance(t, ox.NamedNode) else None for t in terms]
        return pd.DataFrame(columns, columns=list(columns))

    def table(self, name: str) -> pandas.DataFrame:
        """One of the tables of ``kg table`` (``facts``, ``careers``, ``adoptions``) as a DataFrame."""
        import pandas as pd

        from .view.tables import table
        tab = table(self.path, name)  # an unknown name: kg table's error
        return pd.DataFrame(tab.rows, columns=list(tab.columns))

    def _label(self, node: pyoxigraph.NamedNode) -> str | None:
        """The node's rdfs:label in the whole graph (the least, should it have several)."""
        import pyoxigraph as ox

        if node.value not in self._labels:
            found = [q.object.value for q in self.graph.quads_for_pattern(node, ox.NamedNode(_RDFS_LABEL), None,
                                                                           ox.DefaultGraph())]
            self._labels[node.value] = min(found) if found else None
        return self._labels[node.value]

    @cached_property
    def _labels(self) -> dict[str, str | None]:
        return {}


_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: literals given as Python numbers and booleans, by datatype
_NUMBERS = {**{_XSD + t: int for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")},
            **{_XSD + t: float for t in ("decimal", "double", "float")}}


def _value(term):
    """A term other than an IRI as a DataFrame holds it."""
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        kind = term.datatype.value
        if kind in _NUMBERS:
            try:
                return _NUMBERS[kind](term.value)
            except ValueError:  # not a valid lexical form: kept as written
                return term.value
        return term.value == "true" if kind == _XSD + "boolean" else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term  # None (unbound) or ASK's boolean
