"""``python -m bench`` (``make bench``): performance ratios against baselines measured in the same run.

Each run generates a deterministic corpus of realistic articles (``bench.corpus``) in a
throw-away project folder, times the generator's stages as subprocesses against bare
baselines on the same data (``bench.run``), and writes the table to stdout and
``.bench/results.json``. Nothing under the repository's ``docs/``, ``site/`` or ``.cache/``
is touched.
"""
