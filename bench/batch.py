"""Batch throughput: local mode and Dask mode, 1 and 2 workers, interleaved.

    uv run python -m bench.batch [--corpus DIR] [--rounds R] [--limit N] [--shard-size K]
    uv run python -m bench.batch --summarise run1.json run2.json   # pool earlier runs

Converts the news corpora (Fars and Varzesh3 articles, the Farsi news RSS
summaries) to JSON-lines shards of K records in a temporary directory and
times the real CLI on them end to end (process start, engine load and, for
Dask, starting the local cluster included), in rounds: in each round every
mode runs once, one after the other, so a busy machine weighs on all modes
alike and the ratios stay meaningful. The modes:

- ``local-1``, ``local-2``: ``--workers 1`` / ``--workers 2`` (processes);
- ``dask-1``, ``dask-2``: ``--dask --workers N`` (the CLI starts a local
  Dask cluster of N worker processes);
- ``ext-2``: ``--dask ADDRESS``, an existing 2-worker Dask cluster started
  by this script once; the CPU time of the ``raqam`` process itself (the
  client, which reads and writes everything) is what limits a large cluster.

Each run also reports its own rate (records per second from the first task
to the last write, without start-up) and the CPU time of the ``raqam``
process over that span, parsed from the CLI's summary line.
Prints ``skipped: ...`` and exits 0 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

#: corpus file -> the field that holds the text
CORPORA = {
    "fars_news.jsonl": "article",
    "varzesh3_sports.jsonl": "article",
    "farsi_news_rss.jsonl": "summary",
}

MODES = ("local-1", "local-2", "dask-1", "dask-2", "ext-2")

_RATE = re.compile(r"; ([0-9.]+) s, ([0-9.]+) records/s \(this process: ([0-9.]+) s CPU\)")


def _convert(corpus: Path, dst: Path, limit: int | None, shard_size: int) -> tuple[int, int]:
    """Write shards; return (articles, shards)."""
    dst.mkdir(parents=True, exist_ok=True)
    n = shards = 0
    out = None
    try:
        for name, field in CORPORA.items():
            src = corpus / name
            if not src.is_file():
                continue
            with src.open(encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if limit is not None and i >= limit:
                        break
                    rec = json.loads(line)
                    text = rec.get(field) or ""
                    if not text:
                        continue
                    if n % shard_size == 0:
                        if out is not None:
                            out.close()
                        out = (dst / f"shard-{shards:04d}.jsonl").open("w", encoding="utf-8")
                        shards += 1
                    row: dict[str, Any] = {"id": rec.get("id"), "text": text}
                    if rec.get("title"):
                        row["title"] = rec["title"]
                    assert out is not None
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
    finally:
        if out is not None:
            out.close()
    return n, shards


def _args(mode: str, address: str) -> list[str]:
    kind, workers = mode.split("-")
    if kind == "local":
        return ["--workers", workers]
    if kind == "dask":
        return ["--dask", "--workers", workers]
    return ["--dask", address]


def _run(shards: Path, out: Path, extra: list[str]) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "digest", "--jsonl", str(shards / "*.jsonl"),
         "--out", str(out), *extra],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    m = _RATE.search(last)
    return {
        "seconds": elapsed,
        "children_cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "run_seconds": float(m.group(1)) if m else math.nan,
        "run_rate": float(m.group(2)) if m else math.nan,
        "client_cpu": float(m.group(3)) if m else math.nan,
        "exit": proc.returncode,
        "summary": last,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", metavar="DIR", help="corpus directory")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of all modes (default 2)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles per corpus")
    parser.add_argument("--shard-size", type=int, default=500, help="records per input shard")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated modes")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument(
        "--summarise", nargs="+", metavar="JSON", help="pool the rounds of earlier --json runs"
    )
    args = parser.parse_args(argv)
    if args.summarise:
        for key, value in summarise_files(args.summarise).items():
            print(f"{key}: {value}")
        return 0
    corpus = Path(args.corpus or os.environ.get("RAQAM_CORPUS") or DEFAULT_CORPUS)
    if not any((corpus / name).is_file() for name in CORPORA):
        print(f"skipped: corpus not found at {corpus}")
        return 0
    modes = [m for m in args.modes.split(",") if m]
    cluster = client = None
    address = ""
    if "ext-2" in modes:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
        address = cluster.scheduler_address
    results: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            shards = Path(tmp) / "in"
            n, n_shards = _convert(corpus, shards, args.limit, args.shard_size)
            size = sum(p.stat().st_size for p in shards.iterdir())
            print(f"{n} articles in {n_shards} shards ({size / 1e6:.1f} MB), cpus={os.cpu_count()}")
            print(f"{'round':>5} {'mode':>8} {'seconds':>8} {'art/s':>7} {'run art/s':>9}  exit")
            tiny = Path(tmp) / "tiny"
            tiny.mkdir()
            first = sorted(shards.iterdir())[0].read_text(encoding="utf-8").splitlines()[0]
            (tiny / "one.jsonl").write_text(first + "\n", encoding="utf-8")
            for r in range(args.rounds):
                # Start-up alone (one record), so that its CPU can be set apart.
                for mode in ("local-1", "dask-1"):
                    if mode in modes:
                        res = _run(tiny, Path(tmp) / "out", _args(mode, address))
                        results.setdefault(f"{mode} start", []).append(res)
                for mode in modes:
                    res = _run(shards, Path(tmp) / "out", _args(mode, address))
                    results[mode].append(res)
                    print(
                        f"{r + 1:>5} {mode:>8} {res['seconds']:>8.2f} {n / res['seconds']:>7.1f}"
                        f" {res['run_rate']:>9.1f}  {res['exit']}",
                        flush=True,
                    )
                    if res["exit"] not in (0, 1):
                        print(f"      {res['summary']}", flush=True)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    summary = _summarise(results, n, n_shards, args.shard_size)
    print()
    for key, value in summary.items():
        print(f"{key}: {value}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "articles": n,
                    "shards": n_shards,
                    "shard_size": args.shard_size,
                    "runs": results,
                    "summary": summary,
                },
                indent=2,
            )
        )
    return 0


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _summarise(
    results: dict[str, list[dict[str, Any]]], n: int, n_shards: int, shard_size: int
) -> dict[str, Any]:
    from bot.cluster import CHUNK_RECORDS

    out: dict[str, Any] = {"articles": n, "rounds": max(len(r) for r in results.values())}
    for mode, runs in results.items():
        if runs and not mode.endswith(" start"):
            out[f"{mode} articles/s (end to end, in-run)"] = (
                round(n / _median(runs, "seconds"), 1),
                round(_median(runs, "run_rate"), 1),
            )
            out[f"{mode} CPU ms per article, all processes"] = round(
                _median(runs, "children_cpu") / n * 1e3, 2
            )

    def ratios(a: str, b: str) -> None:
        if not (results.get(a) and results.get(b)):
            return
        pairs = list(zip(results[b], results[a], strict=True))
        out[f"{a} / {b} throughput (end to end, in-run; median of per-round ratios)"] = (
            round(statistics.median(x["seconds"] / y["seconds"] for x, y in pairs), 3),
            round(statistics.median(x["run_seconds"] / y["run_seconds"] for x, y in pairs), 3),
        )
        out[f"{b} / {a} CPU per article (all processes; median of per-round ratios)"] = round(
            statistics.median(x["children_cpu"] / y["children_cpu"] for x, y in pairs), 3
        )

    ratios("dask-2", "local-2")
    ratios("dask-1", "local-1")
    tasks = n_shards * math.ceil(shard_size / CHUNK_RECORDS)
    if results.get("local-1") and results.get("dask-1"):
        # CPU, not wall time: on a shared machine wall time measures the
        # neighbours; CPU time is what a worker of one's own would spend.
        per_article = _median(results["local-1"], "children_cpu") / n
        # The CPU Dask adds (scheduler, nanny, worker event loop), charged
        # to the tasks; without the start-up runs, the cost of starting the
        # cluster is counted too (an upper bound).
        extra = _median(results["dask-1"], "children_cpu") - _median(
            results["local-1"], "children_cpu"
        )
        if results.get("dask-1 start") and results.get("local-1 start"):
            start = _median(results["dask-1 start"], "children_cpu") - _median(
                results["local-1 start"], "children_cpu"
            )
            out["start-up CPU of a local Dask cluster of 1 worker (s)"] = round(start, 2)
            extra -= start
        per_article -= _median(results.get("local-1 start") or [{"children_cpu": 0.0}],
                               "children_cpu") / n  # fmt: skip
        per_task = max(extra, 0.0) / tasks
        out["engine CPU per article, one process (ms)"] = round(per_article * 1e3, 2)
        out[f"Dask CPU per task of {CHUNK_RECORDS} records (ms)"] = round(per_task * 1e3, 1)
        client = None
        if results.get("ext-2"):
            client = _median(results["ext-2"], "client_cpu") / n
            out["client CPU per article, existing cluster (ms)"] = round(client * 1e3, 3)
        big = 10_000_000
        for w in (1, 8, 64):
            worker_bound = big * (per_article + per_task / CHUNK_RECORDS) / w
            total = max(worker_bound, big * client) if client is not None else worker_bound
            bound = "client" if client is not None and big * client > worker_bound else "workers"
            out[f"10M articles on {w} workers (hours, bound by)"] = (round(total / 3600, 2), bound)
    return out


def summarise_files(paths: list[str]) -> dict[str, Any]:
    """Pool the rounds of several ``--json`` files of one corpus."""
    results: dict[str, list[dict[str, Any]]] = {}
    n = n_shards = shard_size = 0
    for path in paths:
        data = json.loads(Path(path).read_text())
        n, n_shards, shard_size = data["articles"], data["shards"], data["shard_size"]
        for mode, runs in data["runs"].items():
            results.setdefault(mode, []).extend(runs)
    return _summarise(results, n, n_shards, shard_size)


if __name__ == "__main__":
    raise SystemExit(main())
