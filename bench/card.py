"""Figure cards: time to draw one, and the memory they add to the bot.

    uv run python -m bench.card [--limit N] [--rounds 3] [--json PATH]

Cards are drawn from the bundled example, the reports written for the tests
and, when the corpora are there, the seed article and the first ``--limit``
articles (default 100) of the Fars and Varzesh3 corpora that have figures.
Each card is timed from the stored digest to the PNG bytes (choosing and
writing out the figures, layout, drawing, PNG encoding), light and dark, for
each layout engine this machine has (libraqm, and Pillow's basic layout with
arabic-reshaper and python-bidi), pinned to one CPU, after one warm-up card.

Memory is measured in a fresh process that first imports what the bot runs
without cards (python-telegram-bot, storage, rendering, handlers) and digests
an article, then imports the card service and draws every card in both
themes: the growth of its resident set (``VmRSS``), and its peak
(``VmHWM``) after the cards above the resident set before them. The first
card of that process (font loading included) is timed too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT, base_parser, corpus_dir, format_table, read_jsonl, write_json

TIME_GOAL_MS = 150.0
MEMORY_GOAL_MB = 30.0


def sample_texts(corpus: Path | None, limit: int) -> list[tuple[str, str, str | None]]:
    """(name, text, title) of the articles to draw."""
    from tests.card_samples import MONEY_REPORT, RANGE_REPORT, SPORTS_REPORT

    texts: list[tuple[str, str, str | None]] = [
        ("example", (REPO_ROOT / "examples" / "water-report.txt").read_text("utf-8"), None),
        ("money", MONEY_REPORT, None),
        ("sports", SPORTS_REPORT, None),
        ("range", RANGE_REPORT, None),
    ]
    if corpus is not None and corpus.is_dir():
        seed = corpus / "seed" / "basij-week.txt"
        if seed.is_file():
            texts.append(("seed", seed.read_text("utf-8"), None))
        for name in ("fars_news.jsonl", "varzesh3_sports.jsonl"):
            path = corpus / name
            if path.is_file():
                for rec in read_jsonl(path, limit):
                    body = str(rec.get("article") or "")
                    if body.strip():
                        texts.append((name, body, rec.get("title")))
    return texts


def _digests(texts: list[tuple[str, str, str | None]]) -> list[tuple[str, Any, str | None]]:
    from summarizer import digest

    out = []
    for name, text, title in texts:
        d = digest(text, title=title)
        if d.figures:
            out.append((name, d, title or d.title))
    return out


def _pin(cpu: int | None) -> str:
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    try:
        os.sched_setaffinity(0, {cpu})
    except OSError:
        return "not pinned"
    return f"pinned to CPU {cpu}"


def time_cards(digests: list[tuple[str, Any, str | None]], rounds: int) -> dict[str, Any]:
    from bot.card import font as fonts
    from bot.card.content import build_content
    from bot.card.draw import layout, render

    engines = [("raqm", True)] if fonts.has_raqm() else []
    engines.append(("basic", False))
    now = time.time()
    results: dict[str, Any] = {}
    for label, raqm in engines:
        times: list[float] = []
        sizes: list[int] = []
        for theme in ("light", "dark"):
            warm = build_content(digests[0][1], title=digests[0][2], style="fa", created_at=now)
            assert warm is not None
            render(layout(warm, theme, raqm=raqm))
            for _ in range(rounds):
                for _, d, title in digests:
                    started = time.perf_counter()
                    content = build_content(
                        d, title=title, style="fa", created_at=now, handle="raqam_bot"
                    )
                    assert content is not None
                    png = render(layout(content, theme, raqm=raqm))
                    times.append((time.perf_counter() - started) * 1000)
                    sizes.append(len(png))
        times.sort()
        results[label] = {
            "cards": len(times),
            "median_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
            "max_ms": times[-1],
            "median_kb": statistics.median(sizes) / 1024,
        }
    return results


_MEMORY_CHILD = r"""
import json, sys, time
def status(key):
    for row in open("/proc/self/status"):
        if row.startswith(key + ":"):
            return int(row.split()[1])
    return 0
texts = json.loads(sys.stdin.read())
import telegram.ext  # noqa
import bot.render, bot.storage, bot.services  # noqa
import handlers.commands, handlers.callbacks, handlers.messages  # noqa
from summarizer import digest
digests = [(digest(t, title=ti), ti) for t, ti in texts]
digests = [(d, ti or d.title) for d, ti in digests if d.figures]
before_rss, before_peak = status("VmRSS"), status("VmHWM")
started = time.perf_counter()
from bot.card.service import card_png
from handlers.ports import ChatPrefs
prefs = ChatPrefs(bullets=8)
first = card_png(digests[0][0], title=digests[0][1], prefs=prefs, created_at=time.time())
first_ms = (time.perf_counter() - started) * 1000
for theme in ("light", "dark"):
    p = ChatPrefs(bullets=8, theme=theme)
    for d, title in digests:
        card_png(d, title=title, prefs=p, created_at=time.time(), handle="raqam_bot")
import gc; gc.collect()
print(json.dumps({
    "cards": 1 + 2 * len(digests),
    "first_card_ms": first_ms,
    "rss_before_kb": before_rss, "rss_after_kb": status("VmRSS"),
    "peak_before_kb": before_peak, "peak_after_kb": status("VmHWM"),
}))
"""


def measure_memory(texts: list[tuple[str, str, str | None]]) -> dict[str, Any]:
    payload = json.dumps([[t, ti] for _, t, ti in texts], ensure_ascii=False)
    proc = subprocess.run(
        [sys.executable, "-c", _MEMORY_CHILD],
        input=payload,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
        timeout=1800,
    )
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    data["rss_added_mb"] = (data["rss_after_kb"] - data["rss_before_kb"]) / 1024
    # The peak after the cards above the resident set before them: the most the
    # cards made the process hold at any one time.
    data["peak_added_mb"] = (data["peak_after_kb"] - data["rss_before_kb"]) / 1024
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each card is drawn")
    parser.add_argument("--cpu", type=int, default=1, help="CPU to pin to (default 1)")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    limit = args.limit if args.limit is not None else 100
    texts = sample_texts(corpus if corpus.is_dir() else None, limit)
    pinned = _pin(args.cpu if (os.cpu_count() or 1) > args.cpu else None)
    digests = _digests(texts)
    by_source: dict[str, int] = {}
    for name, _, _ in digests:
        by_source[name] = by_source.get(name, 0) + 1
    timing = time_cards(digests, args.rounds)
    memory = measure_memory(texts)

    import PIL

    from bot.card import font as fonts

    sources = ", ".join(f"{n} {name}" for name, n in by_source.items())
    print(
        f"Figure cards: {len(digests)} digests with figures ({sources}), light and dark, "
        f"{args.rounds} rounds, {pinned}; Pillow {PIL.__version__}, "
        f"libraqm {'available' if fonts.has_raqm() else 'absent'}"
    )
    print()
    rows = [
        [
            label,
            r["cards"],
            f"{r['median_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['max_ms']:.1f}",
            f"{r['median_kb']:.0f} KB",
        ]
        for label, r in timing.items()
    ]
    print(
        format_table(
            ["layout", "cards", "median ms", "p95 ms", "max ms", "median PNG"],
            rows,
        )
    )
    print()
    print(
        "Memory (fresh process, after the bot's other modules and a digest; "
        f"{memory['cards']} cards)"
    )
    print()
    print(
        format_table(
            ["first card (fonts loaded)", "RSS before", "RSS after", "RSS added", "peak added"],
            [
                [
                    f"{memory['first_card_ms']:.0f} ms",
                    f"{memory['rss_before_kb'] / 1024:.0f} MB",
                    f"{memory['rss_after_kb'] / 1024:.0f} MB",
                    f"{memory['rss_added_mb']:.1f} MB",
                    f"{memory['peak_added_mb']:.1f} MB",
                ]
            ],
        )
    )
    worst_p95 = max(r["p95_ms"] for r in timing.values())
    print()
    print(
        format_table(
            ["goal", "target", "measured", "met"],
            [
                [
                    "card draw time, p95 (worst layout)",
                    f"<= {TIME_GOAL_MS:.0f} ms",
                    f"{worst_p95:.1f} ms",
                    "yes" if worst_p95 <= TIME_GOAL_MS else "**no**",
                ],
                [
                    "memory added to the bot (peak)",
                    f"<= {MEMORY_GOAL_MB:.0f} MB",
                    f"{memory['peak_added_mb']:.1f} MB",
                    "yes" if memory["peak_added_mb"] <= MEMORY_GOAL_MB else "**no**",
                ],
            ],
        )
    )
    write_json(
        args.json,
        {"timing": timing, "memory": memory, "sources": by_source, "pinned": pinned},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
