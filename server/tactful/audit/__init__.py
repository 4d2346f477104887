"""``tactful audit``: every reply a team has sent, checked like a draft, with a report a lead reads.

The audit runs in three stages, each of which leaves its result in the output folder:

1. ``parse.py`` reads the exports (``readers/``) once into a checkpoint (``.audit/parsed.sqlite``),
   counting bad rows; a rerun on the same files skips this stage.
2. ``run.py`` checks the replies in batches on worker processes (``execute.py``: local processes
   or a Dask cluster) with the same ``Checker.check`` call ``POST /v1/check`` makes, and
   ``writers.py`` appends one row per reply and per finding; a journal lets an interrupted run
   go on where it stopped.
3. ``report.py`` streams those two files back into small aggregates (``summary.py``) and writes
   ``report.html``.
"""
