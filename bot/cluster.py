"""Batch mode on a Dask cluster (``raqam digest --jsonl ... --dask [ADDRESS]``).

The client (the ``raqam`` process) reads the input shards and writes the
output; the workers only digest. A task is a chunk of records
(:data:`CHUNK_RECORDS`), never one record, so the scheduler's cost per task
is spread over many articles. A task whose worker dies is run again on
another worker by Dask: digesting is pure, and the client writes each chunk
once, in input order, when its result arrives, so every record is in the
output exactly once.

Needs the ``cluster`` extra (``pip install 'raqam[cluster]'``); the workers
of an existing cluster need ``raqam`` installed too, since tasks refer to
:func:`bot.batch._digest_chunk` by name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from typing import Any

#: Records per Dask task (more than in local mode: a task costs a round trip
#: through the scheduler).
CHUNK_RECORDS = 64
#: Seconds to wait for the scheduler of an existing cluster.
CONNECT_TIMEOUT = 3
#: What a scheduler address looks like: ``tcp://host:8786``, ``host:8786``.
_ADDRESS = re.compile(
    r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$"
)

#: Tasks in flight per worker thread.
TASKS_PER_THREAD = 3


class ClusterError(Exception):
    """The cluster could not be reached or started (exit 3)."""


class ClusterMissing(Exception):
    """``dask.distributed`` is not installed (exit 2)."""


def available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


class DaskRunner:
    """Submits chunks to a Dask cluster; ``submit`` returns a future whose
    ``result()`` is the chunk's output lines."""

    def __init__(self, address: str | None, workers: int | None) -> None:
        if address and not _ADDRESS.match(address):
            raise ClusterError(f"not a Dask scheduler address: {address} (try tcp://host:8786)")
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterMissing(
                "--dask needs the cluster extra: pip install 'raqam[cluster]'"
            ) from exc
        self._cluster: Any = None
        self.client: Any = None
        if address:
            try:
                self.client = Client(  # type: ignore[no-untyped-call]
                    address, timeout=CONNECT_TIMEOUT, set_as_default=False
                )
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
            except (ValueError, TypeError) as exc:
                raise ClusterError(f"not a Dask scheduler address: {address} ({exc})") from exc
        else:
            import dask

            n = workers or os.cpu_count() or 1
            try:
                # The workers' statistical profiler samples every thread each
                # 10 ms: of no use here, and it costs the digest time.
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=n,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self.client = Client(self._cluster, set_as_default=False)  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError, RuntimeError) as exc:
                self.close()
                raise ClusterError(f"cannot start a local Dask cluster: {exc}") from exc
        from bot.batch import _warm_up

        try:
            self.client.run(_warm_up)
        except Exception as exc:  # a worker that cannot import raqam
            self.close()
            raise ClusterError(f"the Dask workers cannot load raqam: {exc}") from exc
        threads = sum(self.client.nthreads().values()) or 1
        self.capacity = max(4, threads * TASKS_PER_THREAD)

    def submit(self, chunk: list[Any], max_bullets: int) -> Any:
        from bot.batch import _digest_chunk

        return self.client.submit(_digest_chunk, chunk, max_bullets, pure=False)

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None
