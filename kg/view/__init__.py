"""Views of a build: offline HTML pages drawn from its ``kg.nt``.

- ``viz``: the interactive graph page (vis-network inlined): the build's ``graph.html`` and every view
- ``view``: ``kg view``: focused (ego graph), reduced (classes, top N) and one-article views
"""
