"""Load: a burst of forwarded articles from many chats at once.

    uv run python -m bench.load [--chats 200] [--per-chat 20] [--telegram-limit]
    uv run python -m bench.load --chats 40 --per-chat 5 --telegram-limit [--unique]
    uv run python -m bench.load --chats 40 --per-chat 5 --telegram-limit --profile stacks.txt

Starts the fake Telegram Bot API (``tests/fakebotapi.py``) and the real bot as
a separate process (``python -m bot``), warms it up, then pushes
``chats x per-chat`` forwarded channel posts (the articles in
``bench/data/forwards/``) as fast as it can and waits for every answer.
Reports digests per second, reply latency (p50/p95/max, from the moment an
update is queued to the moment its reply reaches the API), the bot's RSS at
start and end and its CPU time, and checks that every update got exactly its
answer and that each chat's replies came in the order of its messages.

By default the bot's own flood limiter (PTB's ``AIORateLimiter``, which
holds the bot to Telegram's ~30 requests per second) is lifted, so the figure
is the bot's own capacity; ``--telegram-limit`` runs the bot exactly as
shipped. The articles repeat (a few texts forwarded by many chats, as a popular
channel post is); ``--unique`` makes every forward a text of its own, so no
digest comes from the bot's memory of recent texts. The exit code is 1 when an
answer is missing or out of order.

``--profile PATH`` samples the bot process with py-spy (``uv tool install
py-spy``; every thread, idle ones left out) during the burst, writes the
collapsed stacks to PATH and prints the share of samples per top function
and per package.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.fakebotapi import BotProcess, Call, FakeBotAPI  # noqa: E402

ARTICLES_DIR = REPO_ROOT / "bench" / "data" / "forwards"
APOLOGY = "متأسفم"

# Runs the bot with PTB's flood limiter lifted (the fake API has no flood limit).
UNLIMITED_BOT = """
import telegram.ext as te
_init = te.AIORateLimiter.__init__
def _unlimited(self, *a, **kw):
    kw["overall_max_rate"] = 0
    kw["group_max_rate"] = 0
    _init(self, *a, **kw)
te.AIORateLimiter.__init__ = _unlimited
{extra}
from bot.app import run_bot
raise SystemExit(run_bot())
"""


def bot_command(*, telegram_limit: bool, extra: str = "") -> list[str] | None:
    """The command that starts the bot (``None``: the shipped ``python -m bot``)."""
    if telegram_limit and not extra:
        return None
    code = UNLIMITED_BOT.format(extra=extra)
    if telegram_limit:
        code = code.replace("te.AIORateLimiter.__init__ = _unlimited", "")
    return [sys.executable, "-c", code]


def unique_tag(n: int) -> str:
    """A hashtag line without digits, different for every ``n``."""
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    word = ""
    while True:
        n, r = divmod(n, len(letters))
        word += letters[r]
        if not n:
            break
    return "#بازنشر_" + word


def load_articles() -> list[str]:
    return [p.read_text("utf-8").strip() for p in sorted(ARTICLES_DIR.glob("*.txt"))]


# --------------------------------------------------------------------------- process figures


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` in MB (0 when it is gone)."""
    return _status_kb(pid, "VmRSS") / 1024


def peak_rss_mb(pid: int) -> float:
    return _status_kb(pid, "VmHWM") / 1024


def _status_kb(pid: int, key: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` (all its threads)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


# --------------------------------------------------------------------------- bookkeeping


@dataclass
class Ledger:
    """What was pushed and what came back, per chat."""

    pushed: dict[int, list[int]] = field(default_factory=dict)  # chat -> message ids, in order
    pushed_at: dict[tuple[int, int], float] = field(default_factory=dict)

    def push(self, api: FakeBotAPI, chat_id: int, text: str, post_id: int) -> None:
        msg = api.push_forward_from_channel(
            chat_id, text, channel_id=-1001000000000 - (post_id % 7), post_id=post_id
        )
        self.pushed.setdefault(chat_id, []).append(int(msg["message_id"]))
        self.pushed_at[(chat_id, int(msg["message_id"]))] = time.monotonic()

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.pushed.values())


def _reply_to(call: Call) -> int | None:
    rp = call.params.get("reply_parameters")
    if isinstance(rp, dict) and rp.get("message_id"):
        return int(rp["message_id"])
    raw = call.params.get("reply_to_message_id")
    return int(raw) if raw else None


def answered(api: FakeBotAPI, chats: set[int]) -> list[Call]:
    """Successful sendMessage calls to ``chats`` (the first reply to each message)."""
    out = []
    for c in api.calls("sendMessage"):
        if c.ok and int(c.params.get("chat_id", 0)) in chats:
            out.append(c)
    return out


@dataclass
class Outcome:
    expected: int
    answered: int
    digests: int
    apologies: int
    missing: int
    extra_messages: int
    out_of_order_chats: int
    latencies: list[float]
    first_push: float
    last_reply: float

    def as_dict(self) -> dict[str, Any]:
        lat = self.latencies
        span = max(self.last_reply - self.first_push, 1e-9)
        return {
            "updates": self.expected,
            "answered": self.answered,
            "digests": self.digests,
            "apologies": self.apologies,
            "missing": self.missing,
            "extra_messages": self.extra_messages,
            "chats_out_of_order": self.out_of_order_chats,
            "seconds": round(span, 2),
            "digests_per_second": round(self.digests / span, 1),
            "latency_p50_ms": round(percentile(lat, 50) * 1000, 1),
            "latency_p95_ms": round(percentile(lat, 95) * 1000, 1),
            "latency_max_ms": round(max(lat, default=float("nan")) * 1000, 1),
        }


def check(api: FakeBotAPI, ledger: Ledger) -> Outcome:
    """Match every pushed message with its reply; check order per chat."""
    chats = set(ledger.pushed)
    firsts: dict[tuple[int, int], Call] = {}
    order: dict[int, list[int]] = {}
    extra = 0
    for call in answered(api, chats):
        chat = int(call.params["chat_id"])
        target = _reply_to(call)
        if target is None:
            continue
        key = (chat, target)
        if key in firsts:
            extra += 1  # a second message for one update (a long reply split in parts)
            continue
        firsts[key] = call
        order.setdefault(chat, []).append(target)
    missing = sum(1 for key in ledger.pushed_at if key not in firsts)
    out_of_order = sum(1 for chat, ids in order.items() if ids != sorted(ids))
    latencies = [firsts[k].at - t for k, t in ledger.pushed_at.items() if k in firsts]
    apologies = sum(1 for c in firsts.values() if APOLOGY in str(c.params.get("text", "")))
    return Outcome(
        expected=ledger.total,
        answered=len(firsts),
        digests=len(firsts) - apologies,
        apologies=apologies,
        missing=missing,
        extra_messages=extra,
        out_of_order_chats=out_of_order,
        latencies=latencies,
        first_push=min(ledger.pushed_at.values(), default=0.0),
        last_reply=max((c.at for c in firsts.values()), default=0.0),
    )


def wait_answers(api: FakeBotAPI, ledger: Ledger, bot: BotProcess, timeout: float) -> bool:
    """Poll until every pushed message has a reply (or the bot died / time ran out)."""
    chats = set(ledger.pushed)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len({(int(c.params["chat_id"]), _reply_to(c)) for c in answered(api, chats)}) >= (
            ledger.total
        ):
            return True
        if bot.proc is not None and bot.proc.poll() is not None:
            return False
        time.sleep(0.25)
    return False


def start_bot(
    api: FakeBotAPI,
    workdir: Path,
    *,
    telegram_limit: bool,
    env: dict[str, str] | None = None,
    extra: str = "",
) -> BotProcess:
    base_env = {"RAQAM_LOG_LEVEL": "WARNING", "RAQAM_MERGE_WINDOW_SECONDS": "0"}
    bot = BotProcess(
        api,
        workdir / "raqam.sqlite3",
        workdir,
        env={**base_env, **(env or {})},
        command=bot_command(telegram_limit=telegram_limit, extra=extra),
    )
    return bot.start(timeout=120)


def warm_up(api: FakeBotAPI, articles: list[str], chat_id: int = 999_999) -> None:
    ledger = Ledger()
    for i, text in enumerate(articles):
        ledger.push(api, chat_id, text, post_id=10 * i + 1)
    api.wait_until(lambda: len(answered(api, {chat_id})) >= len(articles), timeout=120)


def start_profiler(pid: int, out: Path) -> subprocess.Popen[bytes] | None:
    """py-spy recording ``pid`` into ``out`` (collapsed stacks), or None without py-spy."""
    exe = shutil.which("py-spy")
    if exe is None:
        print("profile: py-spy not found (uv tool install py-spy)", file=sys.stderr)
        return None
    cmd = [exe, "record", "--pid", str(pid), "--format", "raw", "--rate", "250"]
    cmd += ["--output", str(out), "--nonblocking"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # attached
    return proc


def stop_profiler(proc: subprocess.Popen[bytes], out: Path) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
    summarize_profile(out)


def summarize_profile(path: Path, top: int = 25) -> None:
    """Print where the samples of a collapsed-stack file went: by package (the first
    frame that is not the event loop or a thread's plumbing) and by leaf function."""
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        print(f"profile: no samples in {path}", file=sys.stderr)
        return
    total = 0
    packages: collections.Counter[str] = collections.Counter()
    leaves: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    for line in lines:
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        leaves[frames[-1]] += n
        seen: set[str] = set()
        for frame in frames:
            name = frame.split(" (")[0]
            where = frame.split(" (")[-1]
            key = f"{name} ({where.split(':')[0].rsplit('/site-packages/', 1)[-1]})"
            if key not in seen:
                inclusive[key] += n
                seen.add(key)
        packages[_package_of(frames)] += n
    if not total:
        print("profile: no samples", file=sys.stderr)
        return
    print(f"profile: {total} samples (py-spy, all threads, idle excluded)")
    print("  by package (first frame outside asyncio/threading):")
    for name, n in packages.most_common(12):
        print(f"    {100 * n / total:5.1f}%  {name}")
    print("  inclusive, top functions:")
    for name, n in inclusive.most_common(top):
        print(f"    {100 * n / total:5.1f}%  {name}")


_PLUMBING = ("asyncio/", "threading.py", "concurrent/futures", "selectors.py", "<module>")


def _package_of(frames: list[str]) -> str:
    for frame in reversed(frames):
        where = frame.split(" (")[-1]
        if "/site-packages/" in where:
            return where.rsplit("/site-packages/", 1)[1].split("/")[0]
        for own in ("/summarizer/", "/bot/", "/handlers/"):
            if own in where:
                return own.strip("/")
    for frame in frames:
        where = frame.split(" (")[-1]
        if not any(p in where for p in _PLUMBING):
            return where.split(":")[0].rsplit("/", 1)[-1]
    return "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Burst load against the real bot process.")
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--per-chat", type=int, default=20)
    parser.add_argument("--telegram-limit", action="store_true", help="keep PTB's flood limiter")
    parser.add_argument("--merge-window", default="0", help="RAQAM_MERGE_WINDOW_SECONDS")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON here")
    parser.add_argument(
        "--unique",
        action="store_true",
        help="make every forward a text of its own (no digest is served from memory)",
    )
    parser.add_argument("--profile", metavar="PATH", help="sample the bot with py-spy into PATH")
    args = parser.parse_args(argv)

    articles = load_articles()
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        bot = start_bot(
            api,
            Path(tmp),
            telegram_limit=args.telegram_limit,
            env={"RAQAM_MERGE_WINDOW_SECONDS": args.merge_window},
        )
        try:
            assert bot.proc is not None
            pid = bot.proc.pid
            warm_up(api, articles)
            rss_start = rss_mb(pid)
            profiler = start_profiler(pid, Path(args.profile)) if args.profile else None
            cpu_start = cpu_seconds(pid)
            ledger = Ledger()
            for k in range(args.per_chat):
                for c in range(args.chats):
                    chat_id = 10_000 + c
                    text = articles[(c + k) % len(articles)]
                    if args.unique:
                        text += "\n" + unique_tag(k * args.chats + c)
                    # Post numbers far apart: each forward is its own article.
                    ledger.push(api, chat_id, text, 100 * k + 1)
            pushed = time.monotonic()
            complete = wait_answers(api, ledger, bot, args.timeout)
            outcome = check(api, ledger)
            rss_end = rss_mb(pid)
            peak = peak_rss_mb(pid)
            cpu = cpu_seconds(pid) - cpu_start
            if profiler is not None:
                stop_profiler(profiler, Path(args.profile))
        finally:
            code = bot.stop()
    figures = {
        "chats": args.chats,
        "per_chat": args.per_chat,
        "telegram_limit": args.telegram_limit,
        "merge_window": args.merge_window,
        "unique_texts": args.unique,
        "push_seconds": round(pushed - outcome.first_push, 2),
        **outcome.as_dict(),
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
        "rss_peak_mb": round(peak, 1),
        "bot_cpu_seconds": round(cpu, 1),
        "bot_cores_used": round(cpu / max(outcome.last_reply - outcome.first_push, 1e-9), 2),
        # The bot process's CPU time (all threads) over the digests it answered.
        "bot_cpu_ms_per_digest": round(1000 * cpu / max(outcome.digests, 1), 2),
        "bot_exit_code": code,
        "complete": complete,
    }
    for key, value in figures.items():
        print(f"{key:>22}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), "utf-8")
    ok = (
        complete
        and outcome.missing == 0
        and outcome.out_of_order_chats == 0
        and outcome.apologies == 0
    )
    print("OK: every update answered, in order per chat" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
