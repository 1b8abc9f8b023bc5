"""Speed and memory: our digest beside a bare hazm pass (the floor) and sumy LexRank.

In one process and one loop over the Fars articles (interleaved per article,
so a noisy machine slows every system alike), it times:

* **Raqam** ``summarizer.digest(article)``;
* **floor**: hazm ``Normalizer().normalize`` + ``WordTokenizer().tokenize``
  (objects built once), the least any hazm-based pipeline pays per text;
* **sumy LexRank** (3 sentences, hazm sentences/words/stop words).

The loop runs pinned to one CPU where the OS allows. Peak RSS comes from fresh
subprocesses (``VmHWM`` of ``/proc/self/status``; ``ru_maxrss`` only where
that is missing, because Linux carries a parent's peak into ``ru_maxrss`` of
a child across fork + exec): one digesting
the seed article, one digesting the whole corpus, one holding the hazm floor
objects. Bot start-up is a fresh process importing ``bot.app`` and calling
``build_application`` (no network), when that exists.

Run: ``uv run --group bench python -m bench.speed [--limit N] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.common import (
    REPO_ROOT,
    base_parser,
    corpus_dir,
    find_corpus_file,
    format_table,
    percentile,
    read_jsonl,
    write_json,
)

_PEAK = """
import resource

def _peak_kb():
    # VmHWM: the peak RSS of this process's own memory map. ru_maxrss is not
    # used: Linux carries the parent's peak into a child across fork + exec.
    try:
        for row in open('/proc/self/status'):
            if row.startswith('VmHWM:'):
                return int(row.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

_RSS_DIGEST = (
    _PEAK
    + """
import json, sys
from summarizer import digest
path, limit = sys.argv[1], int(sys.argv[2])
n = 0
if path.endswith('.jsonl'):
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            if limit and n >= limit:
                break
            digest(json.loads(line).get('article') or '')
            n += 1
else:
    digest(open(path, encoding='utf-8').read())
    n = 1
print(json.dumps({'rss_kb': _peak_kb(), 'n': n}))
"""
)

_RSS_FLOOR = (
    _PEAK
    + """
import json
import hazm
n, t = hazm.Normalizer(), hazm.WordTokenizer()
t.tokenize(n.normalize('آزمایش ۱۲ میلیون'))
print(json.dumps({'rss_kb': _peak_kb(), 'n': 1}))
"""
)

_STARTUP = (
    _PEAK
    + """
import json, time
t0 = time.perf_counter()
import bot.app as app_module
build = getattr(app_module, 'build_application', None)
if build is None:
    print(json.dumps({'skipped': 'bot.app has no build_application'}))
    raise SystemExit(0)
t1 = time.perf_counter()
try:
    app = build()
except TypeError:
    from bot.settings import Settings
    app = build(Settings())
t2 = time.perf_counter()
print(json.dumps({'import_s': t1 - t0, 'build_s': t2 - t1, 'total_s': t2 - t0,
                  'rss_kb': _peak_kb()}))
"""
)


def _child(code: str, *argv: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter at the repo root; its last stdout line is JSON."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, **(env or {})},
        check=False,
    )
    wall = time.perf_counter() - started
    lines = [x for x in proc.stdout.splitlines() if x.strip()]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {proc.returncode}: {tail}", "wall_s": wall}
    try:
        data: dict[str, Any] = json.loads(lines[-1])
    except json.JSONDecodeError:
        return {"error": f"unexpected output: {lines[-1][:200]}", "wall_s": wall}
    data["wall_s"] = wall
    return data


def _pin_one_cpu() -> str:
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return f"pinned to CPU {cpus[-1]}"
    except (AttributeError, OSError):
        return "not pinned"


def _stats(times: list[float]) -> dict[str, float]:
    total = sum(times)
    return {
        "median_ms": statistics.median(times) * 1e3 if times else 0.0,
        "p95_ms": percentile(times, 95) * 1e3,
        "max_ms": max(times) * 1e3 if times else 0.0,
        "total_s": total,
        "per_second": len(times) / total if total else 0.0,
    }


def timing(articles: list[str], with_lexrank: bool) -> dict[str, dict[str, float]]:
    """Interleaved per-article timings of every system."""
    import hazm

    from bench.baselines import lexrank
    from bench.textkit import warm_up
    from summarizer import digest

    normalizer, tokenizer = hazm.Normalizer(), hazm.WordTokenizer()
    warm_up()

    def floor(text: str) -> None:
        tokenizer.tokenize(normalizer.normalize(text))

    systems: dict[str, Callable[[str], object]] = {
        "Raqam digest": digest,
        "floor: hazm normalise + tokenise": floor,
    }
    if with_lexrank:
        systems["sumy LexRank-3 (hazm)"] = lexrank
    for fn in systems.values():  # first calls load data files
        fn(articles[0])
    times: dict[str, list[float]] = {name: [] for name in systems}
    clock = time.perf_counter
    for text in articles:
        for name, fn in systems.items():
            t0 = clock()
            fn(text)
            times[name].append(clock() - t0)
    out = {name: _stats(ts) for name, ts in times.items()}
    ours = times["Raqam digest"]
    base = times["floor: hazm normalise + tokenise"]
    out["Raqam digest"]["vs_floor"] = sum(ours) / sum(base) if sum(base) else 0.0
    ratios = [a / b for a, b in zip(ours, base, strict=True) if b > 0]
    out["Raqam digest"]["vs_floor_median"] = statistics.median(ratios) if ratios else 0.0
    if with_lexrank:
        lex = times["sumy LexRank-3 (hazm)"]
        out["Raqam digest"]["vs_lexrank"] = sum(ours) / sum(lex) if sum(lex) else 0.0
    return out


def memory(corpus_file: Path, seed: Path, limit: int | None) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    if seed.is_file():
        out["Raqam, seed article"] = _child(_RSS_DIGEST, str(seed), "0")
    else:
        out["Raqam, seed article"] = {"error": f"seed not found at {seed}"}
    out["Raqam, whole corpus"] = _child(_RSS_DIGEST, str(corpus_file), str(limit or 0))
    out["hazm Normalizer + WordTokenizer"] = _child(_RSS_FLOOR)
    return out


STARTUP_RUNS = 5


def startup(runs: int = STARTUP_RUNS) -> dict[str, Any]:
    """Median (by in-process total) of ``runs`` fresh start-ups, and the fastest total."""
    if not (REPO_ROOT / "bot" / "app.py").is_file() and not (REPO_ROOT / "bot" / "app").is_dir():
        return {"skipped": "bot/app.py not present"}
    samples: list[dict[str, Any]] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "TELEGRAM_BOT_TOKEN": "123456:bench-token-not-used",
                "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
                "RAQAM_DATABASE": str(Path(tmp) / "bench.sqlite3"),
            }
            sample = _child(_STARTUP, env=env)
        if "total_s" not in sample:
            return sample
        samples.append(sample)
    samples.sort(key=lambda x: float(x["total_s"]))
    chosen = dict(samples[len(samples) // 2])
    chosen["runs"] = runs
    chosen["fastest_total_s"] = samples[0]["total_s"]
    return chosen


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    path = find_corpus_file(args, args.file)
    if path is None:
        return None
    articles = [
        r.get("article") or "" for r in read_jsonl(path, args.limit) if (r.get("article") or "")
    ]
    sizes = [len(a) for a in articles]
    mem = memory(path, corpus_dir(args.corpus) / "seed" / "basij-week.txt", args.limit)
    start = startup()
    pinned = _pin_one_cpu()
    t = timing(articles, with_lexrank=not args.no_peers)

    print(
        f"Speed over {len(articles)} articles of {path.name} (median {statistics.median(sizes):.0f}"
        f" chars, max {max(sizes)}), {pinned}"
    )
    headers = ["system", "median ms", "p95 ms", "max ms", "texts / s", "Raqam ÷ this (total)"]
    rows: list[list[Any]] = []
    ours_total = t["Raqam digest"]["total_s"]
    for name, s in t.items():
        ratio = ours_total / s["total_s"] if s["total_s"] else None
        rows.append([name, s["median_ms"], s["p95_ms"], s["max_ms"], s["per_second"], ratio])
    print(format_table(headers, rows))
    print(
        f"Raqam / floor: {t['Raqam digest']['vs_floor']:.2f} over the corpus, "
        f"{t['Raqam digest']['vs_floor_median']:.2f} median per article"
    )

    print("\nPeak RSS (fresh processes)")
    mem_rows = [
        [name, f"{m['rss_kb'] / 1024:.0f} MB" if "rss_kb" in m else m.get("error"), m.get("n")]
        for name, m in mem.items()
    ]
    print(format_table(["process", "peak RSS", "texts"], mem_rows))

    print(f"\nBot start-up (fresh process, no network; median of {STARTUP_RUNS} runs)")
    if "skipped" in start or "error" in start:
        print(f"skipped: {start.get('skipped') or start.get('error')}")
    else:
        print(
            format_table(
                [
                    "import bot.app",
                    "build_application",
                    "in-process total",
                    "fastest total",
                    "process wall",
                    "RSS",
                ],
                [
                    [
                        f"{start['import_s']:.2f} s",
                        f"{start['build_s']:.2f} s",
                        f"{start['total_s']:.2f} s",
                        f"{start['fastest_total_s']:.2f} s",
                        f"{start['wall_s']:.2f} s",
                        f"{start['rss_kb'] / 1024:.0f} MB",
                    ]
                ],
            )
        )
    result = {
        "articles": len(articles),
        "pinned": pinned,
        "timing": t,
        "memory": mem,
        "startup": start,
    }
    write_json(args.json, result)
    return result


def parser() -> argparse.ArgumentParser:
    p = base_parser(__doc__.splitlines()[0])
    p.add_argument("--file", default="fars_news.jsonl", help="JSONL with an article field")
    p.add_argument("--no-peers", action="store_true", help="skip sumy LexRank (fast)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    run(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
