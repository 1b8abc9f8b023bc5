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

CPU time is that of every process a run starts: the benchmark makes itself
the "child subreaper" of its descendants (Linux), so that processes that
outlive their parent, like the server a local Dask cluster forks its
workers from, are reaped by it and counted.

Progress goes to standard error; standard output is the Markdown block of
BENCHMARKS.md's "Batch on Dask" section (``python -m bench`` rewrites it).
Prints ``skipped: ...`` and exits 0 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
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

from bench.common import format_table, machine

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

#: corpus file -> the field that holds the text
CORPORA = {
    "fars_news.jsonl": "article",
    "varzesh3_sports.jsonl": "article",
    "farsi_news_rss.jsonl": "summary",
}

MODES = ("local-1", "local-2", "dask-1", "dask-2", "ext-2")
LABELS = {
    "local-1": "local, 1 process",
    "local-2": "local, 2 processes",
    "dask-1": "Dask, local cluster, 1 worker",
    "dask-2": "Dask, local cluster, 2 workers",
    "ext-2": "Dask, existing 2-worker cluster (CPU: the raqam process only)",
}
#: The goal: Dask with 2 workers against local mode with 2 processes.
GOAL = 0.9

_PR_SET_CHILD_SUBREAPER = 36

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


def _become_subreaper() -> bool:
    """Adopt the orphans among our descendants, so that their CPU time is
    counted in ``RUSAGE_CHILDREN`` once they are reaped (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _children() -> set[int]:
    """The PIDs of this process's children."""
    me = os.getpid()
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == me:
            found.add(int(entry))
    return found


def _reap(keep: set[int], timeout: float = 60.0) -> None:
    """Wait for every child but ``keep`` (adopted orphans included) to end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = _children() - keep
        if not left:
            return
        for pid in left:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)


def _run(shards: Path, out: Path, extra: list[str]) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    keep = _children()
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "digest", "--jsonl", str(shards / "*.jsonl"),
         "--out", str(out), *extra],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    _reap(keep)
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
        "load": load,
        "summary": last,
    }


def _compile_installed() -> None:
    """Give the installed packages their bytecode, as ``pip install`` does.

    ``uv sync`` does not compile what it installs, and with
    ``PYTHONDONTWRITEBYTECODE`` set every process would compile each module it
    imports from source at every start: Dask's 630 modules cost 2.2 s of CPU
    that way, 0.75 s compiled. Both modes are measured from an installed
    environment as pip leaves it.
    """
    import compileall
    import sysconfig

    for key in ("purelib", "platlib"):
        compileall.compile_dir(sysconfig.get_paths()[key], quiet=2, workers=2)


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
        print(block(*pool_files(args.summarise)))
        return 0
    corpus = Path(args.corpus or os.environ.get("RAQAM_CORPUS") or DEFAULT_CORPUS)
    if not any((corpus / name).is_file() for name in CORPORA):
        print(f"skipped: corpus not found at {corpus}")
        return 0
    modes = [m for m in args.modes.split(",") if m]
    _compile_installed()
    if not _become_subreaper():
        print(
            "note: not a child subreaper; orphaned processes' CPU is not counted", file=sys.stderr
        )
    cluster = client = None
    address = ""
    if "ext-2" in modes:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},
        )
        client = Client(cluster)
        address = cluster.scheduler_address
    results: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    log = sys.stderr
    try:
        with tempfile.TemporaryDirectory() as tmp:
            shards = Path(tmp) / "in"
            n, n_shards = _convert(corpus, shards, args.limit, args.shard_size)
            size = sum(p.stat().st_size for p in shards.iterdir())
            print(
                f"{n} articles in {n_shards} shards ({size / 1e6:.1f} MB), cpus={os.cpu_count()}",
                file=log,
            )
            print(
                f"{'round':>5} {'mode':>8} {'seconds':>8} {'art/s':>7} {'run art/s':>9}"
                f" {'CPU s':>6} {'load':>5}  exit",
                file=log,
            )
            tiny = Path(tmp) / "tiny"
            tiny.mkdir()
            first = sorted(shards.iterdir())[0].read_text(encoding="utf-8").splitlines()[0]
            (tiny / "one.jsonl").write_text(first + "\n", encoding="utf-8")
            for r in range(args.rounds):
                # Start-up alone (one record), so that its CPU can be set apart.
                for mode in ("local-1", "local-2", "dask-1", "dask-2"):
                    if mode in modes:
                        res = _run(tiny, Path(tmp) / "out", _args(mode, address))
                        results.setdefault(f"{mode} start", []).append(res)
                for mode in modes:
                    res = _run(shards, Path(tmp) / "out", _args(mode, address))
                    results[mode].append(res)
                    print(
                        f"{r + 1:>5} {mode:>8} {res['seconds']:>8.2f} {n / res['seconds']:>7.1f}"
                        f" {res['run_rate']:>9.1f} {res['children_cpu']:>6.1f}"
                        f" {res['load']:>5.2f}  {res['exit']}",
                        file=log,
                        flush=True,
                    )
                    if res["exit"] not in (0, 1):
                        print(f"      {res['summary']}", file=log, flush=True)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    meta = {
        "articles": n,
        "shards": n_shards,
        "shard_size": args.shard_size,
        "mb": size / 1e6,
        "commit": machine()["commit"],
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    print(block(results, meta))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {**meta, "runs": results, "summary": _summarise(results, meta)},
                indent=2,
            )
        )
    return 0


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _per_round(results: dict[str, list[dict[str, Any]]], a: str, b: str, key: str) -> float:
    """Median over the rounds of ``b[key] / a[key]`` (a and b from the same round)."""
    pairs = list(zip(results[a], results[b], strict=True))
    return statistics.median(y[key] / x[key] for x, y in pairs)


def _summarise(results: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> dict[str, Any]:
    """The figures of the block, as numbers."""
    from bot.cluster import CHUNK_RECORDS

    n = meta["articles"]
    loads = [r["load"] for runs in results.values() for r in runs if "load" in r]
    out: dict[str, Any] = {
        "articles": n,
        "rounds": max(len(r) for r in results.values()),
        "load": [min(loads), max(loads)] if loads else None,
        "modes": {},
        "ratios": {},
    }
    for mode, runs in results.items():
        if runs and not mode.endswith(" start"):
            out["modes"][mode] = {
                "end_to_end": n / _median(runs, "seconds"),
                "in_run": _median(runs, "run_rate"),
                "cpu_ms": _median(runs, "children_cpu") / n * 1e3,
                "client_cpu_ms": _median(runs, "client_cpu") / n * 1e3,
            }
    for dask, local in (("dask-2", "local-2"), ("dask-1", "local-1")):
        if results.get(dask) and results.get(local):
            out["ratios"][f"{dask}/{local}"] = {
                # throughput ratio = inverse time ratio
                "end_to_end": _per_round(results, dask, local, "seconds"),
                "in_run": _per_round(results, dask, local, "run_seconds"),
                # the least disturbed run of each mode
                "fastest": min(r["seconds"] for r in results[local])
                / min(r["seconds"] for r in results[dask]),
                # CPU, which the neighbours on a shared machine disturb less
                "cpu": _per_round(results, dask, local, "children_cpu"),
                "cpu_rounds": [
                    lo["children_cpu"] / da["children_cpu"]
                    for lo, da in zip(results[local], results[dask], strict=True)
                ],
            }
            if results.get(f"{dask} start") and results.get(f"{local} start"):
                rounds = zip(
                    results[local], results[f"{local} start"],
                    results[dask], results[f"{dask} start"], strict=True,
                )  # fmt: skip
                # Start-up set apart: what a long archive costs per article.
                after = [
                    (lo["children_cpu"] - ls["children_cpu"])
                    / (da["children_cpu"] - ds["children_cpu"])
                    for lo, ls, da, ds in rounds
                ]
                out["ratios"][f"{dask}/{local}"]["cpu_after_start"] = statistics.median(after)
                out["ratios"][f"{dask}/{local}"]["cpu_after_start_rounds"] = after
    starts = {
        m: _median(results[f"{m} start"], "children_cpu")
        for m in ("local-1", "local-2", "dask-1", "dask-2")
        if results.get(f"{m} start")
    }
    out["startup_cpu"] = starts
    tasks = meta["shards"] * math.ceil(meta["shard_size"] / CHUNK_RECORDS)
    if results.get("local-1") and results.get("dask-1"):
        local_start = starts.get("local-1", 0.0)
        per_article = (_median(results["local-1"], "children_cpu") - local_start) / n
        # The CPU Dask adds (scheduler, nannies, worker event loops), charged
        # to the tasks, start-up set apart when it was measured.
        extra = _median(results["dask-1"], "children_cpu") - _median(
            results["local-1"], "children_cpu"
        )
        if "dask-1" in starts and "local-1" in starts:
            extra -= starts["dask-1"] - starts["local-1"]
        per_task = max(extra, 0.0) / tasks
        client = _median(results["ext-2"], "client_cpu") / n if results.get("ext-2") else None
        estimate: dict[str, Any] = {
            "engine_ms": per_article * 1e3,
            "task_ms": per_task * 1e3,
            "chunk_records": CHUNK_RECORDS,
            "client_ms": None if client is None else client * 1e3,
            "hours": {},
        }
        big = 10_000_000
        for w in (1, 8, 64):
            worker_bound = big * (per_article + per_task / CHUNK_RECORDS) / w
            client_bound = big * client if client is not None else 0.0
            estimate["hours"][w] = (
                max(worker_bound, client_bound) / 3600,
                "client" if client_bound > worker_bound else "workers",
            )
        out["estimate"] = estimate
    return out


def block(results: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> str:
    """The Markdown block of BENCHMARKS.md's "Batch on Dask" section."""
    summary = _summarise(results, meta)
    load = summary["load"]
    head = (
        f"{meta['articles']:,} articles in {meta['shards']} shards of {meta['shard_size']}"
        f" ({meta.get('mb', 0):.1f} MB), {summary['rounds']} rounds, commit"
        f" `{meta.get('commit', '?')}`, {meta.get('date', '?')}, {os.cpu_count()} CPUs"
    )
    if load:
        head += f"; load average {load[0]:.1f}-{load[1]:.1f} at the start of the runs"
    parts = [head, ""]
    rows = []
    for mode, m in summary["modes"].items():
        rows.append(
            [
                LABELS.get(mode, mode),
                f"{m['end_to_end']:.1f}",
                f"{m['in_run']:.1f}",
                f"{m['cpu_ms']:.2f}",
                f"{m['client_cpu_ms']:.2f}",
            ]
        )
    parts.append(
        format_table(
            [
                "mode",
                "articles/s end to end",
                "articles/s in the run",
                "CPU ms per article, all processes",
                "the raqam process alone, in the run",
            ],
            rows,
        )
    )
    parts.append("")
    rows = []
    for key, r in summary["ratios"].items():
        label = "2 workers ÷ 2 processes" if key.startswith("dask-2") else "1 worker ÷ 1 process"
        after = r.get("cpu_after_start")
        rows.append(
            [
                label,
                f"{r['end_to_end']:.3f}",
                f"{r['fastest']:.3f}" if "fastest" in r else "—",
                f"{r['in_run']:.3f}",
                f"{r['cpu']:.3f}",
                "—" if after is None else f"{after:.3f}",
            ]
        )
    if rows:
        parts.append(
            format_table(
                [
                    "Dask ÷ local, median of per-round ratios",
                    "throughput end to end",
                    "the same, fastest run of each",
                    "throughput in the run",
                    "by CPU: local CPU ÷ Dask CPU",
                    "by CPU, start-up set apart",
                ],
                rows,
            )
        )
        parts.append("")
    goal = summary["ratios"].get("dask-2/local-2")
    if goal:
        rows = []
        for what, key in (
            ("start-up included (this archive)", "cpu"),
            ("start-up set apart (a long archive)", "cpu_after_start"),
        ):
            if goal.get(key) is not None:
                spread = goal.get(f"{key}_rounds") or [goal[key]]
                rows.append(
                    [
                        f"Dask 2 workers ÷ local 2 processes, by CPU, {what}",
                        f">= {GOAL}",
                        f"{goal[key]:.3f} (rounds {min(spread):.2f}-{max(spread):.2f})",
                        "yes" if goal[key] >= GOAL else "**no**",
                    ]
                )
        parts.append(format_table(["goal", "target", "measured", "met"], rows))
        parts.append("")
    starts = summary["startup_cpu"]
    if starts:
        shown = ", ".join(f"{LABELS[m]} {v:.2f} s" for m, v in starts.items())
        parts.append(f"Start-up CPU, all processes (a run of one record): {shown}.")
        parts.append("")
    est = summary.get("estimate")
    if est:
        client = "—" if est["client_ms"] is None else f"{est['client_ms']:.3f} ms"
        parts.append(
            f"Estimate for 10 million articles, from the engine's CPU per article"
            f" ({est['engine_ms']:.2f} ms), Dask's CPU per task of {est['chunk_records']}"
            f" records ({est['task_ms']:.1f} ms, start-up set apart) and the client's CPU per"
            f" article on an existing cluster ({client}):"
        )
        parts.append("")
        hours = est["hours"]
        parts.append(
            format_table(
                ["workers", *map(str, hours)],
                [["hours (bound by)", *(f"{h:.2f} ({by})" for h, by in hours.values())]],
            )
        )
    return "\n".join(parts).strip()


def pool_files(paths: list[str]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The rounds of several ``--json`` files of one corpus, pooled."""
    results: dict[str, list[dict[str, Any]]] = {}
    meta: dict[str, Any] = {}
    commits: list[str] = []
    for path in paths:
        data = json.loads(Path(path).read_text())
        meta = {k: v for k, v in data.items() if k not in ("runs", "summary")}
        if data.get("commit") and data["commit"] not in commits:
            commits.append(data["commit"])
        for mode, runs in data["runs"].items():
            results.setdefault(mode, []).extend(runs)
    if commits:
        meta["commit"] = "`, `".join(commits)
    return results, meta


if __name__ == "__main__":
    raise SystemExit(main())
