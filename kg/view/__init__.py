"""Views of a build: offline HTML pages drawn from its ``kg.nt``, tables and the report read from its store.

- ``viz``: the interactive graph page (vis-network inlined): the build's ``graph.html`` and every view
- ``view``: ``kg view``: focused (ego graph), reduced (classes, top N) and one-article views
- ``tables``: ``kg table``: facts, careers and adoptions as tidy tables (CSV, TSV, JSON), from the store
- ``report``: the build's ``report.html``: counts, facts by province and year, adoptions, inline SVG charts
"""
