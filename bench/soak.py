"""Soak: the same bot process for 20,000 messages.

    uv run python -m bench.soak [--messages 20000] [--chats 100] [--ttl 60] [--prune-every 10]

Runs the real bot against the fake Bot API (see ``bench/load.py``) and keeps
a steady stream of forwarded articles in flight (``--in-flight`` at most),
sampling the bot's RSS and the size of its SQLite files (database + WAL)
every 1,000 answers. Passes when every message is answered, in order per
chat, the RSS grows less than 10% after warm-up (the first ``--warmup``
answers), and the database stops growing once pruning starts.

The pruning clock is compressed so that a run of minutes shows the steady
state of months: digests expire after ``--ttl`` seconds
(``RAQAM_DIGEST_TTL_DAYS``) and the bot prunes every ``--prune-every``
seconds instead of hourly (``bot.storage.PRUNE_EVERY_SECONDS`` is set in the
bot process before it starts). As in ``bench/load.py`` the bot's flood
limiter is lifted unless ``--telegram-limit`` is given.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.load import (
    Ledger,
    answered,
    check,
    load_articles,
    peak_rss_mb,
    rss_mb,
    start_bot,
    warm_up,
)
from tests.fakebotapi import FakeBotAPI


def db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def db_rows(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM digests").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Soak the real bot process.")
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--in-flight", type=int, default=200, help="most unanswered at once")
    parser.add_argument("--warmup", type=int, default=2_000, help="answers before the baseline")
    parser.add_argument("--ttl", type=float, default=60.0, help="digest lifetime, seconds")
    parser.add_argument("--prune-every", type=float, default=10.0, help="seconds between prunes")
    parser.add_argument("--sample-every", type=int, default=1_000)
    parser.add_argument("--telegram-limit", action="store_true")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON here")
    args = parser.parse_args(argv)

    articles = load_articles()
    patch = f"import bot.storage as _s\n_s.PRUNE_EVERY_SECONDS = {args.prune_every!r}\n"
    samples: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        db = Path(tmp) / "raqam.sqlite3"
        bot = start_bot(
            api,
            Path(tmp),
            telegram_limit=args.telegram_limit,
            env={"RAQAM_DIGEST_TTL_DAYS": repr(args.ttl / 86400)},
            extra=patch,
        )
        assert bot.proc is not None
        pid = bot.proc.pid
        try:
            warm_up(api, articles)
            ledger = Ledger()
            chats = [20_000 + c for c in range(args.chats)]
            chat_set = set(chats)
            started = time.monotonic()
            sent = done = 0
            next_sample = args.sample_every
            while done < args.messages:
                done = len(answered(api, chat_set))
                while sent < args.messages and sent - done < args.in_flight:
                    chat = chats[sent % len(chats)]
                    post = 100 * (sent // len(chats)) + 1
                    ledger.push(api, chat, articles[sent % len(articles)], post)
                    sent += 1
                if done >= next_sample:
                    sample = {
                        "answered": done,
                        "seconds": round(time.monotonic() - started, 1),
                        "rss_mb": round(rss_mb(pid), 1),
                        "db_kb": db_bytes(db) // 1024,
                        "rows": db_rows(db),
                    }
                    samples.append(sample)
                    print(json.dumps(sample), flush=True)
                    next_sample += args.sample_every
                if bot.proc.poll() is not None:
                    print(f"the bot exited with {bot.proc.returncode}")
                    break
                time.sleep(0.1)
            elapsed = time.monotonic() - started
            outcome = check(api, ledger)
            rss_end = rss_mb(pid)
            peak = peak_rss_mb(pid)
        finally:
            code = bot.stop()

    base = next(
        (s for s in samples if s["answered"] >= args.warmup), samples[0] if samples else None
    )
    rss_base = base["rss_mb"] if base else float("nan")
    growth = (rss_end - rss_base) / rss_base * 100 if base else float("nan")
    after = [s for s in samples if base and s["answered"] >= base["answered"]]
    db_half = [s["db_kb"] for s in after[len(after) // 2 :]]
    db_first = [s["db_kb"] for s in after[: max(1, len(after) // 2)]]
    figures = {
        "messages": args.messages,
        "seconds": round(elapsed, 1),
        "messages_per_second": round(outcome.answered / max(elapsed, 1e-9), 1),
        **{k: v for k, v in outcome.as_dict().items() if k not in ("seconds",)},
        "rss_after_warmup_mb": rss_base,
        "rss_end_mb": round(rss_end, 1),
        "rss_peak_mb": round(peak, 1),
        "rss_growth_pct": round(growth, 1),
        "db_kb_max_first_half": max(db_first, default=0),
        "db_kb_max_second_half": max(db_half, default=0),
        "db_rows_end": samples[-1]["rows"] if samples else -1,
        "ttl_seconds": args.ttl,
        "prune_every_seconds": args.prune_every,
        "bot_exit_code": code,
    }
    for key, value in figures.items():
        print(f"{key:>24}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps({**figures, "samples": samples}, indent=2), "utf-8")
    bounded = figures["db_kb_max_second_half"] <= 1.1 * max(figures["db_kb_max_first_half"], 1)
    ok = (
        outcome.missing == 0
        and outcome.out_of_order_chats == 0
        and outcome.apologies == 0
        and growth < 10
        and bounded
    )
    print("OK" if ok else "FAILED", f"(RSS growth {growth:.1f}%, database bounded: {bounded})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
