"""kg: knowledge graphs from Chinese local-government news on cadre work.

As a library (``kg.api``; help(kg.load), help(kg.build), help(kg.Build)):

    import kg
    nlp = kg.load()                          # a spaCy pipeline: doc.ents, doc.spans["kg"], doc._.kg_facts
    b = kg.build(["seeds/"], out="output/")  # kg build seeds/ --out output/, as a kg.Build
    b.query("SELECT ?official ?post WHERE { ?official kg:holds ?post }")  # a pandas DataFrame
    b = kg.open("output/")                   # a build made before

Errors are ``kg.KgError`` (``kg.errors``, and its subclasses) with the command line's messages.

How an article flows, one stage a sub-package, each importing only those below it:

    files -> kg.text     (ingest, decode, repair, clean: Article -> CleanText; duplicates dropped)
          -> kg.nlp      (the spaCy pipeline: kg's pkuseg segmenter as its tokenizer, then
                          components running kg.extract's recognisers and relation rules)
          -> kg.extract  (entities and facts with their evidence: Extraction)
          -> kg.graph    (each article's RDF graph -> kg.nt, kg.ttl, kg.nq, kg.trig, kg.jsonld, store)
          -> kg.view     (graph.html, report.html, ``kg view``, ``kg table``)

``kg.run`` composes the stages (in one process, worker processes or on Dask), ``kg.cli`` is the
command line over it and ``kg.api`` the library's entry points. Between stages travel the
dataclasses of ``kg.types``; ``kg.errors`` holds the errors the command line turns into
messages; ``kg.resources`` the data.

Entry points: ``kg.run.build.build(inputs, out)`` (``kg build``), ``kg.nlp.pipeline.load()``
(the pipeline), ``kg.extract.extract(article, clean, doc)``, ``kg.graph.query.run_query``,
``kg.graph.validate.validate``, ``kg.view.view.view``, ``kg.view.tables.table``, and ``kg.cli.main``. Importing ``kg``
imports none of them: ``kg.load``, ``kg.build``, ``kg.open``, ``kg.Build`` and
``kg.KgError`` import ``kg.api`` when first used.
"""
from __future__ import annotations

#: what ``kg`` gives from ``kg.api``
__all__ = ["Build", "KgError", "build", "load", "open"]


def __getattr__(name: str):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
