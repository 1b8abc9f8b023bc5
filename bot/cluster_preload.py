"""What the fork server of a local Dask cluster loads before it forks the
workers (see :mod:`bot.cluster`): Dask, and the engine warmed up on a short
report, so that every worker starts with both instead of loading them again.

A failure to warm up is left to the workers' own warm-up to report.
"""

from __future__ import annotations

import contextlib

import distributed  # noqa: F401

from bot.batch import _warm_up

with contextlib.suppress(Exception):
    _warm_up()
