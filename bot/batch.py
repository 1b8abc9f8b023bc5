"""Batch mode: digest an archive of articles, one JSON object per line.

``raqam digest --jsonl IN [--out OUT] [--workers N]`` reads records like
``{"id": 7, "text": "..."}`` or ``{"id": 7, "url": "https://..."}`` (an
optional ``"title"`` is passed to the engine) and writes, in input order, one
line per record: ``{"id": 7, "digest": {...}}`` or, for a record that could
not be digested, ``{"id": 7, "line": 12, "error": "..."}``.

The input is streamed: lines are read in small chunks, at most a few chunks
are in flight at once, and a line longer than :data:`MAX_LINE_BYTES` is
skipped without being held in memory, so memory stays bounded whatever the
size of the archive. With ``workers > 1`` the chunks are digested by that
many processes and the results are written back in input order.

Exit codes: 0 every record was digested; 1 the run finished but some
records were reported as errors; 2 bad arguments; 3 the input could not be
read or the output could not be written; 4 a worker process died (the
output stops at the last record written); 130 interrupted.
"""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

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


@dataclass(frozen=True, slots=True)
class _Line:
    """One input line: its 1-based number and its bytes (or why it was dropped)."""

    number: int
    data: bytes
    too_long: bool = False


# --------------------------------------------------------------------------- reading


def _read_lines(stream: IO[bytes], max_bytes: int | None = None) -> Iterator[_Line]:
    """Yield the non-blank lines of ``stream`` without ever holding more than
    ``max_bytes`` (default :data:`MAX_LINE_BYTES`) of one line; longer lines
    come back with ``too_long`` set and no data."""
    if max_bytes is None:
        max_bytes = MAX_LINE_BYTES
    number = 0
    while True:
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


def _chunks(lines: Iterator[_Line]) -> Iterator[list[_Line]]:
    chunk: list[_Line] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line.data)
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
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


def _digest_chunk(chunk: list[_Line], max_bullets: int) -> list[tuple[str, bool]]:
    return [digest_line(line, max_bullets) for line in chunk]


def _warm_up() -> None:
    """Load the engine once per worker process, before the first task."""
    from summarizer import digest

    digest("")


# --------------------------------------------------------------------------- progress


class _Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

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
        rate = records / max(now - self.started, 1e-9)
        if self.total:
            frac = min(done_bytes / self.total, 1.0)
            filled = int(frac * 30)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {frac:4.0%} "
        else:
            bar = ""
        self.stream.write(f"\r{bar}{records} records, {errors} errors, {rate:.1f}/s ")
        if final:
            self.stream.write("\n")
        self.stream.flush()


# --------------------------------------------------------------------------- driver


def _mp_context() -> Any:
    # fork shares the loaded lexicons copy-on-write; with other threads alive
    # forking is unsafe, so fall back to a fork server.
    method = "fork" if threading.active_count() == 1 else "forkserver"
    return multiprocessing.get_context(method)


def _results(
    chunks: Iterator[list[_Line]], workers: int, max_bullets: int
) -> Iterator[tuple[list[tuple[str, bool]], int]]:
    """Digest ``chunks`` in order; yield each chunk's results with its byte size."""
    if workers <= 1:
        _warm_up()
        for chunk in chunks:
            yield _digest_chunk(chunk, max_bullets), sum(len(x.data) for x in chunk)
        return
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_mp_context(), initializer=_warm_up
    ) as pool:
        window: deque[tuple[Future[list[tuple[str, bool]]], int]] = deque()
        limit = workers * TASKS_PER_WORKER
        try:
            for chunk in chunks:
                size = sum(len(x.data) for x in chunk)
                window.append((pool.submit(_digest_chunk, chunk, max_bullets), size))
                if len(window) >= limit:
                    fut, done = window.popleft()
                    yield fut.result(), done
            while window:
                fut, done = window.popleft()
                yield fut.result(), done
        finally:
            for fut, _ in window:
                fut.cancel()


def run_batch(
    path: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = None,
    workers: int = 1,
    max_bullets: int = 8,
) -> int:
    """Digest every record of the JSON-lines file ``path`` (``-`` for stdin)
    into ``out`` (default stdout). Returns the process exit code."""
    if workers < 1:
        print("raqam: --workers must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    if max_bullets < 0:
        print("raqam: --bullets must be zero or more", file=sys.stderr)
        return EXIT_USAGE
    source = os.fspath(path)
    try:
        if source == "-":
            instream: IO[bytes] = sys.stdin.buffer
            total: int | None = None
        else:
            instream = open(source, "rb")  # noqa: SIM115 (closed below)
            total = os.fstat(instream.fileno()).st_size or None
    except OSError as exc:
        print(f"raqam: cannot read {source}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_IO
    try:
        if out is None:
            sys.stdout.flush()
            outstream: IO[bytes] = sys.stdout.buffer
        else:
            outstream = open(out, "wb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        if instream is not sys.stdin.buffer:
            instream.close()
        print(f"raqam: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_IO

    records = errors = done_bytes = 0
    progress = _Progress(sys.stderr, total)
    status = EXIT_OK
    try:
        for results, size in _results(_chunks(_read_lines(instream)), workers, max_bullets):
            for text, ok in results:
                outstream.write(text.encode("utf-8") + b"\n")
                records += 1
                errors += not ok
            done_bytes += size
            progress.update(records, errors, done_bytes)
        outstream.flush()
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except OSError as exc:
        print(f"\nraqam: batch stopped: {exc.strerror or exc}", file=sys.stderr)
        status = EXIT_IO
    except BrokenProcessPool:
        print("\nraqam: batch stopped: a worker process died", file=sys.stderr)
        status = EXIT_WORKER
    finally:
        progress.update(records, errors, total or done_bytes, final=True)
        if instream is not sys.stdin.buffer:
            instream.close()
        if outstream is not sys.stdout.buffer:
            outstream.close()

    where = f" (written to {Path(out)})" if out is not None else ""
    print(
        f"raqam: {records} records, {records - errors} digested, {errors} errors{where}",
        file=sys.stderr,
    )
    if status != EXIT_OK:
        return status
    return EXIT_SOME_FAILED if errors else EXIT_OK
