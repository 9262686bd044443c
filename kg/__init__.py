"""kg: knowledge graphs from Chinese local-government news on cadre work.

How an article flows, one stage a sub-package, each importing only those below it:

    files -> kg.text     (ingest, decode, repair, clean: Article -> CleanText; duplicates dropped)
          -> kg.nlp      (segmentation: the spaCy pipeline with kg's pkuseg segmenter)
          -> kg.extract  (entities and facts with their evidence: Extraction)
          -> kg.graph    (each article's RDF graph -> kg.nt, kg.ttl, kg.nq, kg.trig, kg.jsonld, store)
          -> kg.view     (graph.html, report.html, ``kg view``, ``kg table``)

``kg.run`` composes the stages (in one process, worker processes or on Dask) and ``kg.cli`` is
the command line over it. Between stages travel the dataclasses of ``kg.types``; ``kg.errors``
holds the errors the command line turns into messages; ``kg.resources`` the data.

Entry points: ``kg.run.build.build(inputs, out)`` (``kg build``), ``kg.nlp.pipeline.load()``
(the pipeline), ``kg.extract.extract(article, clean, doc)``, ``kg.graph.query.run_query``,
``kg.graph.validate.validate``, ``kg.view.view.view``, ``kg.view.tables.table``, and ``kg.cli.main``. Importing ``kg``
imports none of them.
"""
