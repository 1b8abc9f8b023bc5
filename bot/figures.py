"""The figures of a digested archive as one flat table (CSV or Parquet).

One row per figure of every digested record, read back from the batch
output (``{"id": ..., "digest": {...}}`` lines; error lines have no row):

========== ======================================================
shard      name of the output shard the record is in
record_id  the record's ``id``, as text
rank       1 for the record's most important figure, then 2, ...
text       the figure as written in the article
value      its value (a number; empty for none)
low, high  the range, for a range (``۱۰ تا ۱۲ درصد``)
kind       count, money, percent, ordinal, multiplier, date, ...
unit       unit or currency
subject    what was counted
qualifier  more_than, less_than, about, at_least, at_most
period     per day, per year, ...
change     increase or decrease
date       YYYY-MM-DD for a date figure
sentence   index of the figure's sentence in the digest
========== ======================================================

Parquet needs ``pyarrow`` (the ``cluster`` extra); CSV always works. The
table is written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

COLUMNS: tuple[str, ...] = (
    "shard",
    "record_id",
    "rank",
    "text",
    "value",
    "low",
    "high",
    "kind",
    "unit",
    "subject",
    "qualifier",
    "period",
    "change",
    "date",
    "sentence",
)

Row = tuple[Any, ...]

_BATCH_ROWS = 10_000


class TableError(Exception):
    """The table could not be written (or its format is not available)."""


def table_format(path: str | os.PathLike[str]) -> str | None:
    """``"csv"``, ``"parquet"`` or ``None`` for an unknown suffix."""
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix)


def parquet_available() -> bool:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _number(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    try:
        f = float(x)
    except OverflowError:
        return None
    return f if math.isfinite(f) else None


def _text(x: Any) -> str | None:
    return x if isinstance(x, str) else None


def rows_of(shard: str, record: dict[str, Any]) -> Iterator[Row]:
    """The table rows of one output record (none for an error record)."""
    digest = record.get("digest")
    if not isinstance(digest, dict):
        return
    rid = record.get("id")
    record_id = None if rid is None else (rid if isinstance(rid, str) else json.dumps(rid))
    for rank, fig in enumerate(digest.get("figures") or [], start=1):
        if not isinstance(fig, dict):
            continue
        rng = fig.get("range")
        low = high = None
        if isinstance(rng, list) and len(rng) == 2:
            low, high = _number(rng[0]), _number(rng[1])
        sentence = fig.get("sentence")
        yield (
            shard,
            record_id,
            rank,
            _text(fig.get("text")),
            _number(fig.get("value")),
            low,
            high,
            _text(fig.get("kind")),
            _text(fig.get("unit")),
            _text(fig.get("subject")),
            _text(fig.get("qualifier")),
            _text(fig.get("period")),
            _text(fig.get("change")),
            _text(fig.get("date")),
            sentence if isinstance(sentence, int) and not isinstance(sentence, bool) else None,
        )


def rows_of_outputs(shards: Sequence[tuple[str, Path]]) -> Iterator[Row]:
    """Rows of every record of the output files ``(name, path)``, in order."""
    for name, path in shards:
        with path.open("rb") as f:
            for raw in f:
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    continue
                if isinstance(record, dict):
                    yield from rows_of(name, record)


def _csv_cell(x: Any) -> Any:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def _write_csv(path: Path, rows: Iterable[Row]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for row in rows:
            w.writerow([_csv_cell(x) for x in row])
            n += 1
    return n


def _write_parquet(path: Path, rows: Iterable[Row]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "rank": pa.int32(),
        "value": pa.float64(),
        "low": pa.float64(),
        "high": pa.float64(),
        "sentence": pa.int32(),
    }
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[Row] = []

        def flush() -> None:
            columns = list(zip(*batch, strict=True))
            writer.write_table(
                pa.Table.from_arrays(
                    [pa.array(col, type=schema.field(i).type) for i, col in enumerate(columns)],
                    schema=schema,
                )
            )
            batch.clear()

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= _BATCH_ROWS:
                flush()
        if batch:
            flush()
    return n


def write_table(path: str | os.PathLike[str], rows: Iterable[Row]) -> int:
    """Write ``rows`` to ``path`` (CSV or Parquet by its suffix); return the
    number of rows. Raises :class:`TableError` or ``OSError``."""
    target = Path(path)
    fmt = table_format(target)
    if fmt is None:
        raise TableError(f"{target}: the figures table must end in .csv or .parquet")
    if fmt == "parquet" and not parquet_available():
        raise TableError("a Parquet table needs pyarrow: pip install 'raqam[cluster]'")
    tmp = target.with_name(f".{target.name}.partial")
    try:
        n = _write_csv(tmp, rows) if fmt == "csv" else _write_parquet(tmp, rows)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return n
