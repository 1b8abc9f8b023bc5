"""What the fork server of a local Dask cluster loads before it forks the
workers (see :mod:`bot.cluster`): Dask, and the engine warmed up on a short
report, so that every worker starts with both instead of loading them again
(Dask without NumPy, see :func:`bot.cluster.import_distributed`).

A failure to warm up is left to the workers' own warm-up to report.
"""

from __future__ import annotations

import contextlib

from bot.batch import _warm_up
from bot.cluster import import_distributed

import_distributed()

with contextlib.suppress(Exception):
    _warm_up()
