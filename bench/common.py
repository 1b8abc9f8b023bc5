"""Shared plumbing for the benchmark scripts: corpus location, options, tables, JSON.

Every script reads the corpora at run time from ``../shared/corpus`` (relative
to the repository root), or from ``$RAQAM_CORPUS`` / ``--corpus DIR``. When the
corpus is absent a script prints ``skipped: ...`` and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
CORPUS_ENV = "RAQAM_CORPUS"


def corpus_dir(option: str | None = None) -> Path:
    """The corpus directory: ``--corpus``, else ``$RAQAM_CORPUS``, else ``../shared/corpus``."""
    if option:
        return Path(option)
    env = os.environ.get(CORPUS_ENV)
    return Path(env) if env else DEFAULT_CORPUS


def base_parser(description: str, *, corpus: bool = True) -> argparse.ArgumentParser:
    """An argument parser with the options every script shares."""
    parser = argparse.ArgumentParser(description=description)
    if corpus:
        parser.add_argument(
            "--corpus",
            metavar="DIR",
            help=f"corpus directory (default ${CORPUS_ENV} or {DEFAULT_CORPUS})",
        )
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N", help="use only the first N records"
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON here")
    return parser


def find_corpus_file(args: argparse.Namespace, name: str) -> Path | None:
    """The path of one corpus file, or ``None`` after printing the skip message."""
    path = corpus_dir(getattr(args, "corpus", None)) / name
    if not path.is_file():
        print(f"skipped: corpus not found at {path}")
        return None
    return path


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Records of a JSON-lines file, at most ``limit`` of them."""
    with path.open(encoding="utf-8") as fh:
        for count, line in enumerate(fh):
            if limit is not None and count >= limit:
                return
            if line.strip():
                yield json.loads(line)


def _width(text: str) -> int:
    """Display width of ``text`` (combining marks and ZWNJ take no room)."""
    return sum(
        0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf" else 1 for ch in text
    )


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table (also readable in a terminal)."""
    cells = [[_cell(x) for x in headers]] + [[_cell(x) for x in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        padded = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        return "| " + " | ".join(padded) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep, *(line(r) for r in cells[1:])])


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def write_json(path: str | None, data: Any) -> None:
    """Write ``data`` as pretty UTF-8 JSON when a path was given."""
    if not path:
        return
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    if len(values) == 1:
        return float(values[0])
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    if q <= 0:
        return float(min(values))
    if q >= 100:
        return float(max(values))
    return float(cuts[int(q) - 1])


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or ""
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "nproc": str(os.cpu_count() or 0),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "commit": _git_commit(),
    }


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()


def _git_commit() -> str:
    """The commit measured, noting uncommitted changes to the measured code."""
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--", "summarizer", "bot", "handlers")
    return f"{commit}+uncommitted changes" if commit and dirty else commit
