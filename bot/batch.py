"""Batch mode: digest an archive of articles, one JSON object per line.

``raqam digest --jsonl IN... [--out OUT] [--workers N] [--dask [ADDRESS]]``
reads records like ``{"id": 7, "text": "..."}`` or ``{"id": 7, "url":
"https://..."}`` (an optional ``"title"`` is passed to the engine) and
writes, in input order, one line per record: ``{"id": 7, "digest": {...}}``
or, for a record that could not be digested, ``{"id": 7, "line": 12,
"error": "..."}``.

The inputs are files or globs (shards). One input file goes to ``--out
FILE`` (or stdout); several inputs, or a glob, go to ``--out DIR``: one
output shard per input shard, written as ``.NAME.partial`` and renamed when
complete, so an interrupted run leaves only complete shards and a rerun
skips them (``force`` redoes them). A shard that cannot be read is reported
on stderr and the others go on.

The input is streamed: lines are read in small chunks, at most a few chunks
are in flight at once, and a line longer than :data:`MAX_LINE_BYTES` is
skipped without being held in memory, so memory stays bounded whatever the
size of the archive. The chunks are digested in this process, by ``workers``
local processes, or on a Dask cluster (:mod:`bot.cluster`), and the results
are written back in input order by this process. The workers of a local
Dask cluster read their chunks of an input file themselves, as byte ranges
(:class:`_Range`) that this process finds by scanning for line ends.

Exit codes: 0 every record was digested; 1 the run finished but some
records were reported as errors; 2 bad arguments; 3 an input could not be
read, the output could not be written or the Dask scheduler could not be
reached; 4 a worker process died, or Dask gave up on a chunk (its workers
kept dying) or could not run it: the output stops at the last record
written, and in an output directory only the shards completed before are
kept, so a rerun goes on from there; 130 interrupted.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import json
import multiprocessing
import os
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_IO = 3
EXIT_WORKER = 4
EXIT_INTERRUPTED = 130

#: A text longer than this (in characters) is reported instead of digested.
MAX_TEXT_CHARS = 500_000
#: A line longer than this (in bytes) is reported without being parsed.
MAX_LINE_BYTES = 8 * 1024 * 1024
#: Records per task sent to a worker process, and a byte budget per task.
CHUNK_RECORDS = 16
CHUNK_BYTES = 1024 * 1024
#: Tasks in flight per worker (bounds memory while keeping workers busy).
TASKS_PER_WORKER = 3

_READ_BLOCK = 64 * 1024
_SCAN_BLOCK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Line:
    """One input line: its 1-based number and its bytes (or why it was dropped)."""

    number: int
    data: bytes
    too_long: bool = False


# --------------------------------------------------------------------------- reading


def _read_lines(
    stream: IO[bytes], max_bytes: int | None = None, *, first: int = 1, count: int | None = None
) -> Iterator[_Line]:
    """Yield the non-blank lines of ``stream`` without ever holding more than
    ``max_bytes`` (default :data:`MAX_LINE_BYTES`) of one line; longer lines
    come back with ``too_long`` set and no data. Lines are numbered from
    ``first``; with ``count``, at most that many lines (blank ones included)
    are read."""
    if max_bytes is None:
        max_bytes = MAX_LINE_BYTES
    number = first - 1
    stop = None if count is None else number + count
    while stop is None or number < stop:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            # Drain the rest of the oversized line in small blocks.
            while True:
                rest = stream.readline(_READ_BLOCK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _Line(number, b"", too_long=True)
            continue
        if raw.strip():
            yield _Line(number, raw)


@dataclass(frozen=True, slots=True)
class _Range:
    """A run of whole lines of an input file, for a worker that reads the
    file itself: ``lines`` lines (blank ones included) from byte ``start``,
    the first of them line ``first``; ``size`` bytes in all. ``path`` is
    absolute; ``file`` is the file's device and inode, so that a worker
    notices a file replaced during the run."""

    path: str
    start: int
    lines: int
    first: int
    size: int
    file: tuple[int, int] = (0, 0)

    @property
    def last(self) -> int:
        return self.first + self.lines - 1


def _ranges(stream: IO[bytes], path: str, records: int | None = None) -> Iterator[_Range]:
    """Cut the regular file ``stream`` (read from its start) into ranges of
    at most ``records`` lines (default :data:`CHUNK_RECORDS`) and about
    :data:`CHUNK_BYTES`, finding the line ends only: the lines themselves are
    read by whoever digests the range (:func:`_digest_range`)."""
    limit = records or CHUNK_RECORDS
    info = os.fstat(stream.fileno())
    path, file = os.path.abspath(path), (info.st_dev, info.st_ino)
    start = line_start = base = 0  # the range's start, the current line's, the block's
    lines, first = 0, 1
    while True:
        block = stream.read(_SCAN_BLOCK)
        if not block:
            break
        i = block.find(b"\n")
        while i >= 0:
            lines += 1
            line_start = base + i + 1
            if lines >= limit or line_start - start >= CHUNK_BYTES:
                yield _Range(path, start, lines, first, line_start - start, file)
                start, first, lines = line_start, first + lines, 0
            i = block.find(b"\n", i + 1)
        base += len(block)
    if base > line_start:  # a last line without a line end
        lines += 1
    if lines:
        yield _Range(path, start, lines, first, base - start, file)


def _chunks(lines: Iterator[_Line], records: int | None = None) -> Iterator[list[_Line]]:
    limit = records or CHUNK_RECORDS
    chunk: list[_Line] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line.data)
        if len(chunk) >= limit or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# --------------------------------------------------------------------------- one record


def _dumps(obj: Any) -> str:
    """JSON text, Persian kept readable; lone surrogates (which UTF-8 cannot
    encode) fall back to ``\\u`` escapes."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj, allow_nan=False)
    return text


def _error(record_id: Any, line: int, message: str) -> str:
    return _dumps({"id": record_id, "line": line, "error": message})


def _links_available() -> bool:
    try:
        return importlib.util.find_spec("bot.links") is not None
    except (ImportError, ValueError):
        return False


def _fetch(url: str) -> tuple[str, str | None]:
    """Text and title of the article at ``url`` (raises ``ValueError`` with a
    short reason when it cannot be read)."""
    if not _links_available():
        raise ValueError("links are not supported in this installation")
    from bot.links import LinkError, fetch_article_sync

    try:
        article = fetch_article_sync(url)
    except LinkError as exc:
        raise ValueError(f"link not read ({exc.reason}): {exc}") from exc
    return article.text, article.title


def digest_line(line: _Line, max_bullets: int) -> tuple[str, bool]:
    """Digest one input line; return the output line and whether it succeeded.

    Never raises for bad input: every problem becomes an error line.
    """
    if line.too_long:
        return _error(None, line.number, f"record longer than {MAX_LINE_BYTES} bytes"), False
    try:
        record = json.loads(line.data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _error(None, line.number, f"invalid JSON: {exc}"), False
    except RecursionError:
        return _error(None, line.number, "invalid JSON: nested too deeply"), False
    if not isinstance(record, dict):
        return _error(None, line.number, "record is not a JSON object"), False
    record_id = record.get("id")
    if "id" not in record:
        return _error(None, line.number, "missing field: id"), False
    if isinstance(record_id, (dict, list)):
        return _error(None, line.number, "id must be a string or a number"), False
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        return _error(record_id, line.number, "title must be a string"), False
    try:
        if "text" in record:
            text = record["text"]
            if not isinstance(text, str):
                return _error(record_id, line.number, "text must be a string"), False
        elif "url" in record:
            url = record["url"]
            if not isinstance(url, str) or not url.strip():
                return _error(record_id, line.number, "url must be a non-empty string"), False
            text, fetched_title = _fetch(url.strip())
            title = title or fetched_title
        else:
            return _error(record_id, line.number, "missing field: text or url"), False
        if len(text) > MAX_TEXT_CHARS:
            return (
                _error(record_id, line.number, f"text longer than {MAX_TEXT_CHARS} characters"),
                False,
            )
        from summarizer import digest

        result = digest(text, title=title, max_bullets=max_bullets)
        out = {"id": record_id, "digest": result.to_dict()}
        return _dumps(out), True
    except ValueError as exc:
        return _error(record_id, line.number, str(exc)), False
    except Exception as exc:  # one bad record must not stop the archive
        return _error(record_id, line.number, f"internal error: {type(exc).__name__}: {exc}"), False


def _digest_chunk(chunk: list[_Line], max_bullets: int) -> tuple[bytes, int, int]:
    """The output lines of a chunk as one block of bytes (cheap to send back
    from a worker), with the number of records and of errors."""
    lines = [digest_line(line, max_bullets) for line in chunk]
    data = b"".join(text.encode("utf-8") + b"\n" for text, _ in lines)
    return data, len(lines), sum(not ok for _, ok in lines)


def _digest_range(chunk: _Range, max_bullets: int) -> tuple[bytes, int, int]:
    """:func:`_digest_chunk` of a range of lines read here from the file
    (raises ``OSError`` when it cannot be read, or no longer holds the range:
    replaced or cut short since the range was found)."""
    with open(chunk.path, "rb") as stream:
        info = os.fstat(stream.fileno())
        if (info.st_dev, info.st_ino) != chunk.file:
            raise OSError(f"{chunk.path} was replaced during the run")
        stream.seek(chunk.start)
        lines = list(_read_lines(stream, first=chunk.first, count=chunk.lines))
        if stream.tell() != chunk.start + chunk.size:
            raise OSError(f"{chunk.path} changed during the run")
    return _digest_chunk(lines, max_bullets)


def _digest_task(chunk: list[_Line] | _Range, max_bullets: int) -> tuple[bytes, int, int]:
    """A chunk's task, whichever form it came in: its lines, or a range of a
    file to read them from."""
    if isinstance(chunk, _Range):
        return _digest_range(chunk, max_bullets)
    return _digest_chunk(chunk, max_bullets)


#: A short report of our own, digested once per worker before the first task:
#: the first digest loads the lexicons and compiles the patterns (about 0.2 s
#: of CPU here), an empty text would load nothing.
_WARM_UP_TEXT = (
    "به گزارش خبرنگار اقتصادی، قیمت هر گرم طلای ۱۸ عیار امروز ۳ درصد افزایش یافت"
    " و به ۴ میلیون و ۲۰۰ هزار تومان رسید. رئیس اتحادیه طلا گفت فروش ماه گذشته"
    " ۱۵ درصد کمتر از سال قبل بوده است."
)


def _warm_up() -> None:
    """Load the engine once per worker process, before the first task."""
    from summarizer import digest

    digest(_WARM_UP_TEXT, title="قیمت طلا")


# --------------------------------------------------------------------------- progress


def _clock(seconds: float) -> str:
    total = int(seconds + 0.5)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class _Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal):
    share of the input bytes done, records, errors, records per second and
    the time left at the rate so far."""

    def __init__(self, stream: IO[str], total_bytes: int | None) -> None:
        self.stream = stream
        self.total = total_bytes
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.last_draw = 0.0

    def update(self, records: int, errors: int, done_bytes: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last_draw < 0.1:
            return
        self.last_draw = now
        elapsed = max(now - self.started, 1e-9)
        parts = [f"{records} records", f"{errors} errors", f"{records / elapsed:.1f}/s"]
        bar = ""
        if self.total:
            frac = min(done_bytes / self.total, 1.0)
            filled = int(frac * 30)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {frac:4.0%} "
            if final:
                parts.append(f"{_clock(elapsed)} in all")
            elif done_bytes:
                left = elapsed * (self.total - done_bytes) / done_bytes
                parts.append(f"{_clock(max(left, 0.0))} left")
        self.stream.write(f"\r{bar}{', '.join(parts)}\x1b[K")
        if final:
            self.stream.write("\n")
        self.stream.flush()


# --------------------------------------------------------------------------- runners


class _Usage(Exception):
    """Bad arguments (exit 2)."""


class _WorkerFailure(Exception):
    """A worker (process or Dask task) could not give a chunk's result."""


_Result = tuple[bytes, int, int]


class _Pending(Protocol):
    def result(self) -> _Result: ...


class _Runner(Protocol):
    #: Chunks in flight before the oldest one is waited for.
    capacity: int
    #: Records per chunk.
    chunk_records: int
    #: Whether chunks of input files go as :class:`_Range` (the workers read
    #: the lines themselves) instead of as the lines.
    reads_files: bool

    def submit(self, chunk: list[_Line] | _Range, max_bullets: int) -> Any: ...

    def result(self, pending: Any) -> _Result: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, value: _Result) -> None:
        self.value = value


class _InlineRunner:
    """Digest in this process."""

    capacity = 1
    chunk_records = CHUNK_RECORDS
    reads_files = False

    def __init__(self) -> None:
        _warm_up()

    def submit(self, chunk: list[_Line] | _Range, max_bullets: int) -> _Done:
        return _Done(_digest_task(chunk, max_bullets))

    def result(self, pending: _Done) -> _Result:
        return pending.value

    def close(self) -> None:
        pass


def _mp_context() -> Any:
    # fork shares the loaded lexicons copy-on-write; with other threads alive
    # forking is unsafe, so fall back to a fork server.
    method = "fork" if threading.active_count() == 1 else "forkserver"
    return multiprocessing.get_context(method)


class _PoolRunner:
    """Digest in ``workers`` local processes."""

    chunk_records = CHUNK_RECORDS
    reads_files = False

    def __init__(self, workers: int) -> None:
        # Loaded here, before the workers are forked, so that they share it.
        _warm_up()
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=_mp_context(), initializer=_warm_up
        )
        self.capacity = workers * TASKS_PER_WORKER

    def submit(self, chunk: list[_Line] | _Range, max_bullets: int) -> Future[_Result]:
        return self.pool.submit(_digest_task, chunk, max_bullets)

    def result(self, pending: Future[_Result]) -> _Result:
        try:
            return pending.result()
        except BrokenProcessPool as exc:
            raise _WorkerFailure("a worker process died while they were being digested") from exc

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskRunner:
    """Digest on a Dask cluster (see :mod:`bot.cluster`)."""

    def __init__(self, address: str, workers: int | None) -> None:
        from bot import cluster

        self.inner = cluster.DaskRunner(address or None, workers)
        self.capacity = self.inner.capacity
        self.chunk_records = cluster.CHUNK_RECORDS
        self.reads_files = self.inner.reads_files

    def submit(self, chunk: list[_Line] | _Range, max_bullets: int) -> Any:
        return self.inner.submit(chunk, max_bullets)

    def result(self, pending: Any) -> _Result:
        from bot.cluster import task_failure

        try:
            value: _Result = pending.result()
        except Exception as exc:
            raise _WorkerFailure(task_failure(exc)) from exc
        return value

    def close(self) -> None:
        self.inner.close()


# --------------------------------------------------------------------------- shards


@dataclass(slots=True)
class _Shard:
    """One input file and where its output goes."""

    source: str  # a path, or "-" for stdin
    out: Path | None  # None: stdout
    atomic: bool  # written to a temporary name, renamed when complete

    @property
    def partial(self) -> Path:
        assert self.out is not None
        return self.out.with_name(f".{self.out.name}.partial")

    @property
    def writes_to(self) -> Path | None:
        if self.out is None:
            return None
        return self.partial if self.atomic else self.out


def _has_glob(arg: str) -> bool:
    return any(c in arg for c in "*?[")


def _expand(inputs: Sequence[str]) -> list[str]:
    """Input paths in order: globs expanded (sorted), duplicates dropped."""
    if "-" in inputs and len(inputs) > 1:
        raise _Usage("- (standard input) cannot be mixed with other inputs")
    sources: list[str] = []
    for arg in inputs:
        if arg != "-" and _has_glob(arg):
            matches = sorted(
                p
                for p in glob.glob(os.path.expanduser(arg), recursive=True)
                if not os.path.isdir(p)
            )
            if not matches:
                raise _Usage(f"no input file matches {arg}")
            sources.extend(matches)
        else:
            sources.append(arg)
    return list(dict.fromkeys(sources))


def _is_directory_out(out: str | None, inputs: Sequence[str], sources: list[str]) -> bool:
    """A directory when ``out`` is one (or ends in /), or when the input is
    shards: several inputs, or a glob (whatever it matches)."""
    sharded = len(sources) > 1 or len(inputs) > 1 or any(_has_glob(a) for a in inputs)
    if out is None:
        if sharded:
            raise _Usage("several input shards (or a glob) need --out DIR (a directory)")
        return False
    if os.path.isdir(out) or out.endswith(("/", os.sep)):
        return True
    if sharded:
        if os.path.exists(out):
            raise _Usage(f"--out {out} is a file; input shards (or a glob) need a directory")
        return True
    return False


def _plan(inputs: Sequence[str], sources: list[str], out: str | None) -> tuple[list[_Shard], bool]:
    """The shards to run and whether the output is a directory."""
    if not _is_directory_out(out, inputs, sources):
        return [_Shard(sources[0], None if out is None else Path(out), atomic=False)], False
    assert out is not None
    if "-" in sources:
        raise _Usage("standard input cannot go to an output directory; give --out FILE")
    outdir = Path(out)
    by_name: dict[str, str] = {}
    shards: list[_Shard] = []
    for source in sources:
        name = os.path.basename(source)
        if name in by_name:
            raise _Usage(
                f"two inputs would write the same output shard {name}: {by_name[name]} and {source}"
            )
        by_name[name] = source
        target = outdir / name
        if os.path.exists(source) and target.exists() and os.path.samefile(source, target):
            raise _Usage(f"output shard {target} would overwrite its input; choose another --out")
        shards.append(_Shard(source, target, atomic=True))
    return shards, True


def _events(
    shards: list[_Shard], chunk_records: int, ranges: bool = False
) -> Iterator[tuple[str, _Shard, Any]]:
    """``open``, then ``chunk`` events, then ``close`` per shard; ``fail`` for
    a shard that cannot be read (after any of its chunks already read). A
    chunk is a list of :class:`_Line`, or with ``ranges`` a :class:`_Range`
    (a pipe or standard input, which cannot be read again, still gives
    lines)."""
    for shard in shards:
        try:
            stream: IO[bytes] = (
                sys.stdin.buffer if shard.source == "-" else open(shard.source, "rb")  # noqa: SIM115
            )
        except OSError as exc:
            yield "fail", shard, f"cannot read {shard.source}: {exc.strerror or exc}"
            continue
        try:
            yield "open", shard, None
            chunks: Iterator[list[_Line] | _Range] = (
                _ranges(stream, shard.source, chunk_records)
                if ranges
                and stream is not sys.stdin.buffer
                and stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
                else _chunks(_read_lines(stream), chunk_records)
            )
            for chunk in chunks:
                yield "chunk", shard, chunk
        except OSError as exc:
            yield "fail", shard, f"cannot read {shard.source}: {exc.strerror or exc}"
            continue
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        yield "close", shard, None


class _OutputError(Exception):
    pass


class _Writer:
    """Writes the results in input order, one shard at a time."""

    def __init__(self, progress: _Progress) -> None:
        self.progress = progress
        self.stream: IO[bytes] | None = None
        self.shard: _Shard | None = None
        self.records = self.errors = self.done_bytes = 0
        self.written = self.failed = 0

    def open(self, shard: _Shard) -> None:
        path = shard.writes_to
        try:
            if path is None:
                sys.stdout.flush()
                self.stream = sys.stdout.buffer
            else:
                self.stream = open(path, "wb")  # noqa: SIM115 (closed in close())
        except OSError as exc:
            raise _OutputError(f"cannot write {shard.out}: {exc.strerror or exc}") from exc
        self.shard = shard

    def chunk(self, results: _Result, size: int) -> None:
        assert self.stream is not None
        data, records, errors = results
        try:
            self.stream.write(data)
        except OSError as exc:
            raise _OutputError(f"batch stopped: {exc.strerror or exc}") from exc
        self.records += records
        self.errors += errors
        self.done_bytes += size
        self.progress.update(self.records, self.errors, self.done_bytes)

    def _close_stream(self) -> None:
        if self.stream is not None and self.stream is not sys.stdout.buffer:
            self.stream.close()
        elif self.stream is not None:
            self.stream.flush()
        self.stream = None

    def close(self, shard: _Shard) -> None:
        try:
            self._close_stream()
            if shard.atomic and shard.out is not None:
                os.replace(shard.partial, shard.out)
        except OSError as exc:
            raise _OutputError(f"cannot write {shard.out}: {exc.strerror or exc}") from exc
        self.shard = None
        self.written += 1

    def fail(self, shard: _Shard, message: str) -> None:
        if self.shard is shard:
            self._close_stream()
            self.shard = None
            if shard.atomic:
                shard.partial.unlink(missing_ok=True)
        print(
            f"\nraqam: {message}" if self.progress.enabled else f"raqam: {message}", file=sys.stderr
        )
        self.failed += 1

    def abandon(self) -> None:
        """Stop mid-shard: keep nothing half-written under a final name."""
        shard = self.shard
        with contextlib.suppress(OSError):
            self._close_stream()
        if shard is not None and shard.atomic:
            shard.partial.unlink(missing_ok=True)
        self.shard = None


def _run(shards: list[_Shard], runner: _Runner, writer: _Writer, max_bullets: int) -> None:
    window: deque[tuple[str, _Shard, Any, int]] = deque()
    pending = 0

    def handle(event: tuple[str, _Shard, Any, int]) -> None:
        kind, shard, payload, size = event
        if kind == "open":
            writer.open(shard)
        elif kind == "chunk":
            future, first, last = payload
            try:
                results = runner.result(future)
            except _WorkerFailure as exc:
                raise _WorkerFailure(f"at lines {first}-{last} of {shard.source}: {exc}") from exc
            writer.chunk(results, size)
        elif kind == "close":
            writer.close(shard)
        else:
            writer.fail(shard, payload)

    for kind, shard, payload in _events(shards, runner.chunk_records, runner.reads_files):
        if kind == "chunk":
            if isinstance(payload, _Range):
                size, first, last = payload.size, payload.first, payload.last
            else:
                size = sum(len(x.data) for x in payload)
                first, last = payload[0].number, payload[-1].number
            future = runner.submit(payload, max_bullets)
            window.append((kind, shard, (future, first, last), size))
            pending += 1
        else:
            window.append((kind, shard, payload, 0))
        while pending >= runner.capacity:
            event = window.popleft()
            pending -= event[0] == "chunk"
            handle(event)
    while window:
        handle(window.popleft())


# --------------------------------------------------------------------------- driver


def run_batch(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    max_bullets: int = 8,
    dask: str | None = None,
    force: bool = False,
    figures: str | os.PathLike[str] | None = None,
) -> int:
    """Digest every record of the JSON-lines input(s) ``path`` and return the
    process exit code.

    ``path`` is one path (``-`` for stdin) or several paths and globs
    (shards). ``out`` is a file (one input; default stdout) or a directory
    that gets one output shard per input shard; shards already there are
    skipped unless ``force``. ``dask`` is ``None`` for local processes
    (``workers`` of them), ``""`` for a local Dask cluster of ``workers``
    processes, or a scheduler address. ``figures`` is a ``.csv`` or
    ``.parquet`` path for the table of every figure.
    """
    try:
        inputs = (
            [os.fspath(path)]
            if isinstance(path, (str, os.PathLike))
            else [os.fspath(p) for p in path]
        )
        if not inputs:
            raise _Usage("give at least one input file")
        if workers is not None and workers < 1:
            raise _Usage("--workers must be 1 or more")
        if max_bullets < 0:
            raise _Usage("--bullets must be zero or more")
        if dask and workers is not None:
            raise _Usage("--workers sets the size of a local cluster; drop it with --dask ADDRESS")
        if figures is not None:
            from bot.figures import parquet_available, table_format

            fmt = table_format(figures)
            if fmt is None:
                raise _Usage("--figures must end in .csv or .parquet")
            if fmt == "parquet" and not parquet_available():
                raise _Usage("a Parquet table needs pyarrow: pip install 'raqam[cluster]'")
            if out is None:
                raise _Usage("--figures needs --out (the table is read from the output)")
        if dask is not None:
            from bot.cluster import available

            if not available():
                raise _Usage("--dask needs the cluster extra: pip install 'raqam[cluster]'")
        sources = _expand(inputs)
        shards, directory = _plan(inputs, sources, None if out is None else os.fspath(out))
    except _Usage as exc:
        print(f"raqam: {exc}", file=sys.stderr)
        return EXIT_USAGE

    outdir = Path(os.fspath(out)) if directory and out is not None else None
    if outdir is not None:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"raqam: cannot write {outdir}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_IO
    todo = [s for s in shards if force or not directory or s.out is None or not s.out.exists()]
    skipped = len(shards) - len(todo)
    if skipped:
        print(
            f"raqam: {skipped} of {len(shards)} shards already done, skipped"
            " (--force to redo them)",
            file=sys.stderr,
        )

    total = 0
    for shard in todo:
        if shard.source != "-":
            with contextlib.suppress(OSError):
                total += os.stat(shard.source).st_size
    progress = _Progress(sys.stderr, total or None)
    writer = _Writer(progress)
    status = EXIT_OK
    runner: _Runner | None = None
    elapsed = cpu = 0.0
    try:
        if todo:
            if dask is not None:
                from bot.cluster import ClusterError, ClusterMissing

                try:
                    runner = _DaskRunner(dask, workers)
                except ClusterMissing as exc:
                    print(f"raqam: {exc}", file=sys.stderr)
                    return EXIT_USAGE
                except ClusterError as exc:
                    print(f"raqam: {exc}", file=sys.stderr)
                    return EXIT_IO
            elif (workers or 1) > 1:
                runner = _PoolRunner(workers or 1)
            else:
                runner = _InlineRunner()
            started, cpu_started = time.monotonic(), time.process_time()
            _run(todo, runner, writer, max_bullets)
            elapsed = time.monotonic() - started
            cpu = time.process_time() - cpu_started
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except _OutputError as exc:
        print(f"\nraqam: {exc}", file=sys.stderr)
        status = EXIT_IO
    except _WorkerFailure as exc:
        print(f"\nraqam: batch stopped {exc}", file=sys.stderr)
        if directory and writer.shard is not None:
            print(
                "raqam: the shards finished before are complete and kept;"
                f" {writer.shard.out} and the shards after it were not written:"
                " rerun to go on from there",
                file=sys.stderr,
            )
        status = EXIT_WORKER
    finally:
        if status != EXIT_OK:
            writer.abandon()
        if runner is not None:
            with contextlib.suppress(KeyboardInterrupt):
                runner.close()
        progress.update(writer.records, writer.errors, total or writer.done_bytes, final=True)

    where = f" (written to {Path(os.fspath(out))})" if out is not None else ""
    summary = f"raqam: {writer.records} records, {writer.records - writer.errors} digested, "
    summary += f"{writer.errors} errors{where}"
    if directory:
        summary += f"; shards: {writer.written} written, {skipped} skipped"
        if writer.failed:
            summary += f", {writer.failed} not read"
    if elapsed > 0 and writer.records:
        summary += f"; {elapsed:.2f} s, {writer.records / elapsed:.1f} records/s"
        summary += f" (this process: {cpu:.2f} s CPU)"
    print(summary, file=sys.stderr)

    if status == EXIT_OK and figures is not None:
        status = _write_figures(shards, figures)
    if status != EXIT_OK:
        return status
    if writer.failed:
        return EXIT_IO
    return EXIT_SOME_FAILED if writer.errors else EXIT_OK


def _write_figures(shards: list[_Shard], figures: str | os.PathLike[str]) -> int:
    from bot.figures import TableError, rows_of_outputs, write_table

    outputs = [(s.out.name, s.out) for s in shards if s.out is not None and s.out.exists()]
    try:
        n = write_table(figures, rows_of_outputs(outputs))
    except TableError as exc:
        print(f"raqam: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"raqam: cannot write {figures}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_IO
    print(f"raqam: {n} figures in {figures}", file=sys.stderr)
    return EXIT_OK
