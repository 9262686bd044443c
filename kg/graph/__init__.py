"""Graph stage: an article's extraction -> RDF, the graph files, and what reads them.

- ``vocab``: the ``KG`` namespace (mirrors ``ontology/kg.ttl``), entity IRIs, prefixes
- ``rdf``: one article's extraction -> its named graph as N-Quads, with provenance
- ``export``: the build's files from the stream of article graphs (kg.nq, kg.nt, kg.ttl, kg.trig, kg.jsonld)
- ``intervals``: each membership's ``org:memberDuring``, from the dates the articles attest it, over the build
- ``builddir``: the build folder is kg's: its marker, the lock one build at a time holds, work folders
- ``spool``: sorting more lines than memory holds (runs on disk, merged): kg.nt
- ``store``: the embedded Oxigraph store, loaded beside the build; opening graphs for queries
- ``incremental``: ``kg build --into``: what an existing build holds, to add articles to it
- ``query``: ``kg query``: SPARQL over a build or a graph file, as a table, CSV, JSON or Turtle
- ``bounded``: a query's time and row bounds, and the child process it runs in, so that both hold
- ``validate``: ``kg validate``: the SHACL report
- ``push``: ``kg push``: the graph to a server through the SPARQL Graph Store Protocol
- ``deadline``: urllib requests bounded as a whole (a server trickling bytes cannot hold one up)
"""
