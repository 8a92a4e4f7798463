"""Demo data at every level, kept apart from the services it fills.

- ``township``: the default demo township (``jianfu demo``, ``jianfu init --demo``), in parts:
  ``lists`` (the county's lists in force), ``tasks`` (task requests and admission cases),
  ``burdens``, ``certificates`` and ``boards``; ``resources`` finds the data set's files.
- ``city``: thousands of villages and years of records, for the benchmarks.

The services never import this package (an import-linter contract keeps it so).
"""
