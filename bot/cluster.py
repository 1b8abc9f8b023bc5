"""Batch mode on a Dask cluster (``raqam digest --jsonl ... --dask [ADDRESS]``).

The client (the ``raqam`` process) writes the output; the workers digest. A
task is a chunk of up to :data:`CHUNK_RECORDS` records, never one record:
a task costs about 13 ms of CPU in all (client, scheduler, nannies and
worker together, measured on records that cost nothing to digest), so
chunks of 256 records make that a fraction of a percent of the work. A task
whose worker dies is run again on another worker by Dask: digesting is
pure, and the client writes each chunk once, in input order, when its
result arrives, so every record is in the output exactly once.

What a task carries depends on the cluster:

- On a local cluster (``--dask`` without an address) the workers share this
  machine's files, so a chunk of an input file is a byte range
  (:class:`bot.batch._Range`: path, offset, number of lines, number of the
  first line): the client only finds the line ends, and the worker reads the
  lines itself (:func:`bot.batch._digest_range`), so no record crosses the
  scheduler. Standard input and pipes, which cannot be read again, still
  go as lines. A worker that finds the file replaced or cut short since
  fails the task (exit 4) rather than digest other lines.
- On an existing cluster (``--dask ADDRESS``) the records themselves are
  sent, whatever the workers' filesystem: they may run on other machines
  that do not see this one's files.

A task whose workers keep dying (Dask's ``allowed-failures``, 3 by
default: the fourth worker to die running it ends it with ``KilledWorker``)
ends the run with exit 4; see :mod:`bot.batch`.

A local cluster is set up to spend as little as it can besides digesting,
since it shares the machine with the work. Start-up: this process imports
Dask without NumPy (:func:`import_distributed`; the nannies' own import of
NumPy for the fork server is skipped too), then forks, while it still has
one thread, the server the workers are forked from (``forkserver``), which
warms the engine up once (:mod:`bot.cluster_preload`) while this process
starts the scheduler; the workers are forked warm, and neither they nor the
server import Dask again (where this process already has threads, the
standard library's server is started instead, before Dask is imported, and
imports Dask itself). This process, the client, never loads the engine.
Running: no memory monitor (chunks are small and bounded) and no
statistical profiler; the event-loop health check every second instead of
every 20 ms; the system monitor (CPU, memory, network and disk counters for
the dashboard) every minute instead of every 0.5 s; no work stealing;
results fetched from the workers directly instead of through the scheduler.
The workers keep their nannies: a worker that dies is restarted.

Needs the ``cluster`` extra (``pip install 'raqam[cluster]'``); the workers
of an existing cluster need ``raqam`` installed too, since tasks refer to
:func:`bot.batch._digest_task` by name.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import multiprocessing
import os
import re
import sys
from typing import Any

#: Records per Dask task (more than in local mode: a task costs a round trip
#: through the scheduler, about 13 ms of CPU in all processes together).
CHUNK_RECORDS = 256
#: Seconds to wait for the scheduler of an existing cluster.
CONNECT_TIMEOUT = 3
#: What a scheduler address looks like: ``tcp://host:8786``, ``host:8786``.
_ADDRESS = re.compile(
    r"^(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$"
)

#: Tasks in flight per worker thread.
TASKS_PER_THREAD = 3

#: Dask settings for a local cluster (see the module's docstring).
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.multiprocessing-method": "forkserver",
    # The statistical profiler samples every thread each 10 ms.
    "distributed.worker.profile.enabled": False,
    # Each process checks that its event loop is alive every 20 ms by default.
    "distributed.admin.tick.interval": "1s",
    # Each process (scheduler, nannies, workers) samples its CPU, memory and
    # the host's network and disk counters every 0.5 s for the dashboard.
    "distributed.admin.system-monitor.interval": "60s",
    # The scheduler looks for tasks to move between workers every second; the
    # workers here are alike and are given at most a few chunks each.
    "distributed.scheduler.work-stealing": False,
}


class ClusterError(Exception):
    """The cluster could not be reached or started (exit 3)."""


class ClusterMissing(Exception):
    """``dask.distributed`` is not installed (exit 2)."""


def task_failure(exc: BaseException) -> str:
    """What went wrong with a chunk's task, in a few words about "them" (the
    records): ``exc`` is what the task's future's ``result()`` raised."""
    name = type(exc).__name__
    if name == "KilledWorker":
        failures = getattr(exc, "allowed_failures", None)
        died = f"the {failures + 1} workers" if isinstance(failures, int) else "every worker"
        return f"Dask gave up on them after {died} that ran them died (KilledWorker)"
    if name == "CancelledError":
        return "Dask cancelled them (the scheduler, or the connection to it, was lost)"
    first = str(exc).strip().splitlines()
    return f"their Dask task failed: {name}" + (f": {first[0]}" if first else "")


def _start_forkserver() -> None:
    """Start the process the workers are forked from now, loading Dask and
    the engine (:mod:`bot.cluster_preload`), so that it does while this
    process imports Dask too."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    from multiprocessing import forkserver

    forkserver.ensure_running()


#: What the fork server imports before it forks the workers.
_PRELOAD = ["bot.cluster_preload"]


def _single_threaded() -> bool:
    """Whether this process has one thread (counting threads that Python
    did not start, where ``/proc`` tells)."""
    import threading

    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _can_fork_forkserver() -> bool:
    """Whether :func:`_fork_forkserver` can be used: POSIX, no other thread
    in this process, no fork server yet, and the standard library's fork
    server as this module knows it (newer versions authenticate their
    clients with a key this module does not set up)."""
    if not hasattr(os, "fork"):
        return False
    from multiprocessing import forkserver

    server: Any = getattr(forkserver, "_forkserver", None)
    return (
        server is not None
        and getattr(server, "_forkserver_pid", 0) is None
        and not hasattr(server, "_forkserver_authkey")
        and callable(getattr(forkserver, "main", None))
        and _single_threaded()
    )


def _fork_forkserver() -> None:
    """Start the fork server by forking this process, which has imported
    Dask (and nothing else heavy: not the engine), instead of starting a new
    interpreter that imports Dask again (about 0.35 s of CPU).

    What ``multiprocessing.forkserver.ensure_running`` does, with
    ``os.fork`` in place of a new interpreter: the child runs the standard
    library's server loop (``forkserver.main``) with :data:`_PRELOAD`, which
    warms the engine up, and this process records the server as its own, so
    that the nannies' ``forkserver`` processes are forked from it.
    Only while this process has a single thread (:func:`_can_fork_forkserver`).
    """
    import socket
    from multiprocessing import connection, forkserver, resource_tracker

    server: Any = forkserver._forkserver
    resource_tracker.ensure_running()
    address = connection.arbitrary_address("AF_UNIX")  # type: ignore[attr-defined]
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(address)
        os.chmod(address, 0o600)
        listener.listen()
        alive_r, alive_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the server; it ends when every client has closed alive_w
            code = 1
            try:
                os.close(alive_w)
                forkserver.main(listener.fileno(), alive_r, _PRELOAD)
            except SystemExit:
                code = 0
            finally:
                os._exit(code)
        os.close(alive_r)
    server._forkserver_address = address
    server._forkserver_alive_fd = alive_w
    server._forkserver_pid = pid
    server._preload_modules = list(_PRELOAD)


def _keep_forkserver_preload() -> None:
    """Stop the nannies from setting the fork server's preload themselves.

    The first nanny to start a worker imports NumPy, pandas and lz4 (those
    installed) in this process to name them as the fork server's preload
    (``distributed.utils.get_mp_context``), which has no effect once the
    server runs, and ours already does: 0.18 s of CPU for NumPy alone.
    """
    import distributed.utils

    if hasattr(distributed.utils, "_forkserver_preload_set"):
        distributed.utils._forkserver_preload_set = True


def import_distributed() -> None:
    """Import ``dask.distributed`` without NumPy, unless NumPy is already
    loaded.

    ``distributed`` imports NumPy only to allocate its receive buffers
    without zeroing them (``distributed.protocol.utils.host_array``; it falls
    back to ``bytearray`` without NumPy), and loading NumPy costs about 0.18 s
    of CPU, a third of the import, in each process that imports Dask: the
    ``raqam`` process and the server the workers are forked from. The
    messages here are small, so zeroing them costs nothing worth counting.
    NumPy can still be imported afterwards by whatever needs it; with other
    threads running (which might import it meanwhile) it is left alone.
    """
    blocked = "numpy" not in sys.modules and _single_threaded()
    if blocked:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` fails
    try:
        import distributed  # noqa: F401
    finally:
        if blocked and "numpy" in sys.modules and sys.modules["numpy"] is None:
            del sys.modules["numpy"]


def available() -> bool:
    """Whether ``dask.distributed`` is installed (without importing it)."""
    try:
        return importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):
        return False


class DaskRunner:
    """Submits chunks to a Dask cluster; ``submit`` returns a future whose
    ``result()`` is the chunk's output lines."""

    def __init__(self, address: str | None, workers: int | None) -> None:
        if address and not _ADDRESS.match(address):
            raise ClusterError(f"not a Dask scheduler address: {address} (try tcp://host:8786)")
        fork = not address and _can_fork_forkserver()
        if not address and not fork:
            with contextlib.suppress(OSError, ValueError):
                _start_forkserver()
        try:
            import_distributed()
            import dask
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ClusterMissing(
                "--dask needs the cluster extra: pip install 'raqam[cluster]'"
            ) from exc
        if fork:
            try:
                _fork_forkserver()
            except OSError:
                with contextlib.suppress(OSError, ValueError):
                    _start_forkserver()
        self._cluster: Any = None
        self.client: Any = None
        # Kept for the cluster's life: a worker that dies is restarted with it.
        self._config = contextlib.ExitStack()
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
            n = workers or os.cpu_count() or 1
            self._config.enter_context(dask.config.set(LOCAL_CONFIG))
            _keep_forkserver_preload()
            try:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    memory_limit=0,
                    dashboard_address=None,
                    # No dashboard; the scheduler's small HTTP server on any
                    # free port (not 8787, which another cluster may hold).
                    scheduler_kwargs={"dashboard_address": ":0"},
                    silence_logs=logging.ERROR,
                )
                self.client = Client(  # type: ignore[no-untyped-call]
                    self._cluster, set_as_default=False, direct_to_workers=True
                )
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
        #: The workers of a local cluster read the input files themselves.
        self.reads_files = not address

    def submit(self, chunk: Any, max_bullets: int) -> Any:
        """A chunk's task: a list of lines, or a range of an input file
        (:class:`bot.batch._Range`) that the worker reads."""
        from bot.batch import _digest_task

        return self.client.submit(_digest_task, chunk, max_bullets, pure=False)

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None
        self._config.close()
