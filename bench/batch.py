"""Batch throughput: articles per second of ``raqam digest --jsonl`` with 1 and 2 workers.

    uv run python -m bench.batch [--corpus DIR] [--repeat K] [--workers 1,2]

Converts the Fars agency corpus (``fars_news.jsonl``: ``article`` -> ``text``)
to a temporary JSON-lines file, optionally repeated K times, and times the
real CLI on it end to end (process start and engine load included). Prints
``skipped: ...`` and exits 0 when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"


def _convert(src: Path, dst: Path, repeat: int, limit: int | None) -> int:
    n = 0
    with dst.open("w", encoding="utf-8") as out:
        for k in range(repeat):
            with src.open(encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if limit is not None and i >= limit:
                        break
                    rec = json.loads(line)
                    row = {"id": f"{rec.get('id')}#{k}", "text": rec.get("article") or ""}
                    if rec.get("title"):
                        row["title"] = rec["title"]
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
    return n


def _run(jsonl: Path, out: Path, workers: int) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "digest",
            "--jsonl",
            str(jsonl),
            "--out",
            str(out),
            "--workers",
            str(workers),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    return elapsed, proc.returncode, proc.stderr.strip().splitlines()[-1] if proc.stderr else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", metavar="DIR", help="corpus directory")
    parser.add_argument("--repeat", type=int, default=1, help="repeat the corpus K times")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus or os.environ.get("RAQAM_CORPUS") or DEFAULT_CORPUS)
    src = corpus / "fars_news.jsonl"
    if not src.is_file():
        print(f"skipped: {src} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "in.jsonl"
        n = _convert(src, jsonl, args.repeat, args.limit)
        print(f"{n} articles ({jsonl.stat().st_size / 1e6:.1f} MB), cpus={os.cpu_count()}")
        print(f"{'workers':>8} {'seconds':>9} {'articles/s':>11}  result")
        for w in (int(x) for x in args.workers.split(",")):
            elapsed, code, summary = _run(jsonl, Path(tmp) / f"out{w}.jsonl", w)
            print(f"{w:>8} {elapsed:>9.2f} {n / elapsed:>11.1f}  exit {code}: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
