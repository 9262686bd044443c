"""Running a build: the stages composed, in one process, worker processes or on a Dask cluster.

- ``build``: ``build(inputs, out)``: read -> clean -> dedupe -> segment -> extract -> graph files -> graph.html, report.html
- ``pool``: the worker processes of ``--jobs N`` and the fork server they start from
- ``preload``: what that fork server imports and loads before it forks workers
- ``on_dask``: ``--dask ADDRESS``: the per-article work on a Dask cluster's workers
- ``progress``: the progress bar on a terminal
"""
