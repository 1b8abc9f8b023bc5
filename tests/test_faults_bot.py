"""Faults around the running bot: the real bot process against the fake Bot API.

Each test injects one kind of trouble (an unreachable API at start, dropped
connections, 5xx and 429 storms, a slow sendMessage, SIGTERM with digests in
flight, a database locked by another process) and checks the promise: every
message a user sent gets its answer, in order per chat, and the bot keeps
running. Nothing may be silently lost.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

pytest.importorskip("bot.app", reason="the bot application is not present")

from tests.fakebotapi import BotProcess, Call, FakeBotAPI

APOLOGY = "متأسفم"
ARTICLES = [
    "به گزارش خبرگزاری پارس، مدیرکل بهزیستی استان گفت: امسال ۱۰ میلیون و ۱۵۰ هزار بسته "
    "معیشتی میان خانواده‌های نیازمند توزیع شد و ۴۷ میلیارد تومان کمک نقدی پرداخت شد.",
    "سخنگوی گمرک گفت: ارزش صادرات غیرنفتی در هفت ماه امسال به ۲۸ میلیارد و ۶۰۰ میلیون دلار "
    "رسید که نسبت به سال گذشته ۹ درصد رشد داشته است.",
    "معاون وزیر راه گفت: ۸۵۰ هزار واحد مسکونی کلنگ‌زنی شده و ۱۲۰ هزار واحد به مرحله "
    "سفت‌کاری رسیده است؛ ۷۵ هزار میلیارد تومان تسهیلات پیش‌بینی شده است.",
]
_chat_ids = count(50_000)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _reply_to(call: Call) -> int | None:
    rp = call.params.get("reply_parameters")
    if isinstance(rp, dict) and rp.get("message_id"):
        return int(rp["message_id"])
    return None


def replies(api: FakeBotAPI, chat_id: int) -> dict[int, list[str]]:
    """Texts the bot sent successfully in a chat, by the message they answer."""
    out: dict[int, list[str]] = {}
    for c in api.calls("sendMessage"):
        if c.ok and int(c.params.get("chat_id", 0)) == chat_id:
            target = _reply_to(c)
            if target is not None:
                out.setdefault(target, []).append(str(c.params.get("text", "")))
    return out


def answer_order(api: FakeBotAPI, chat_id: int) -> list[int]:
    """The messages answered in a chat, in the order of their first answers."""
    seen: list[int] = []
    for c in api.calls("sendMessage"):
        if c.ok and int(c.params.get("chat_id", 0)) == chat_id:
            target = _reply_to(c)
            if target is not None and target not in seen:
                seen.append(target)
    return seen


def push(api: FakeBotAPI, chat_id: int, text: str, post: int | None = None) -> int:
    """A user forwards a channel post (or writes ``text`` when ``post`` is None)."""
    if post is None:
        return int(api.push_text(chat_id, text)["message_id"])
    return int(api.push_forward_from_channel(chat_id, text, post_id=post)["message_id"])


def wait_answered(
    api: FakeBotAPI, sent: dict[int, list[int]], timeout: float = 60.0
) -> dict[int, dict[int, list[str]]]:
    """Wait until every message in ``sent`` (chat -> message ids) has an answer."""

    def done() -> bool:
        return all(set(ids) <= set(replies(api, chat)) for chat, ids in sent.items())

    api.wait_until(done, timeout=timeout)
    return {chat: replies(api, chat) for chat in sent}


def assert_all_digested(
    api: FakeBotAPI, sent: dict[int, list[int]], got: dict[int, dict[int, list[str]]]
) -> None:
    missing = {c: [m for m in ids if m not in got[c]] for c, ids in sent.items()}
    missing = {c: ids for c, ids in missing.items() if ids}
    total = sum(len(ids) for ids in sent.values())
    lost = sum(len(ids) for ids in missing.values())
    assert not missing, f"{lost} of {total} messages got no answer (chat: ids): {missing}"
    for chat, ids in sent.items():
        apologies = [m for m in ids if any(APOLOGY in t for t in got[chat][m])]
        assert not apologies, f"chat {chat}: an apology instead of a digest for {apologies}"
        order = [m for m in answer_order(api, chat) if m in ids]
        assert order == sorted(order), f"chat {chat}: answers out of order {order}"


def burst(api: FakeBotAPI, chats: int, per_chat: int) -> dict[int, list[int]]:
    sent: dict[int, list[int]] = {}
    ids = [next(_chat_ids) for _ in range(chats)]
    for k in range(per_chat):
        for chat in ids:
            # Posts far apart: each forward is an article of its own.
            text = ARTICLES[k % len(ARTICLES)]
            sent.setdefault(chat, []).append(push(api, chat, text, post=100 * k + 7))
    return sent


# --------------------------------------------------------------------------- one shared bot


@pytest.fixture(scope="module")
def bot(api: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    work = tmp_path_factory.mktemp("faults-bot")
    env = {"RAQAM_MERGE_WINDOW_SECONDS": "0", "RAQAM_LOG_LEVEL": "INFO"}
    process = BotProcess(api, work / "raqam.sqlite3", work, env=env).start(timeout=120)
    yield process
    process.stop()


@pytest.fixture(autouse=True)
def _no_leftover_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "api" in request.fixturenames:
        request.getfixturevalue("api").clear_faults()


def _alive(bot: BotProcess) -> None:
    assert bot.proc is not None and bot.proc.poll() is None, bot.log()[-3000:]


def test_dropped_connections_mid_run(api: FakeBotAPI, bot: BotProcess) -> None:
    api.inject("getUpdates", "drop", times=2)
    api.inject("sendMessage", "drop", times=2)
    sent = burst(api, chats=3, per_chat=2)
    assert_all_digested(api, sent, wait_answered(api, sent))
    _alive(bot)


def test_5xx_storm(api: FakeBotAPI, bot: BotProcess) -> None:
    api.inject("*", "5xx", times=6, status=502)
    api.inject("sendMessage", "5xx", times=6, status=500)
    sent = burst(api, chats=4, per_chat=2)
    assert_all_digested(api, sent, wait_answered(api, sent, timeout=90))
    _alive(bot)


def test_429_storm(api: FakeBotAPI, bot: BotProcess) -> None:
    api.inject("sendMessage", "429", times=6, retry_after=1)
    sent = burst(api, chats=4, per_chat=2)
    assert_all_digested(api, sent, wait_answered(api, sent, timeout=90))
    _alive(bot)


def test_5xx_outage_of_several_seconds_loses_nothing(api: FakeBotAPI, bot: BotProcess) -> None:
    api.inject("sendMessage", "5xx", times=8, status=502)
    chat = next(_chat_ids)
    sent = {chat: [push(api, chat, ARTICLES[0], post=3)]}
    assert_all_digested(api, sent, wait_answered(api, sent, timeout=40))
    _alive(bot)


def test_long_429_storm_delays_the_digest_but_delivers_it(api: FakeBotAPI, bot: BotProcess) -> None:
    api.inject("sendMessage", "429", times=20, retry_after=1)
    chat = next(_chat_ids)
    sent = {chat: [push(api, chat, ARTICLES[1], post=3)]}
    assert_all_digested(api, sent, wait_answered(api, sent, timeout=45))
    _alive(bot)


def test_slow_send_message_does_not_hold_up_other_chats(api: FakeBotAPI, bot: BotProcess) -> None:
    slow_chat, other = next(_chat_ids), next(_chat_ids)
    # Slow, but within the bot's request timeout: the reply must arrive once.
    api.inject("sendMessage", "hang", times=1, seconds=4.0)
    first = push(api, slow_chat, ARTICLES[0])
    # The slow chat's reply has reached the API and hangs there.
    assert api.wait_until(
        lambda: any(int(c.params["chat_id"]) == slow_chat for c in api.arrivals("sendMessage")),
        timeout=30,
    )
    second = push(api, other, ARTICLES[1])
    sent = {slow_chat: [first], other: [second]}
    got = wait_answered(api, sent, timeout=60)
    assert_all_digested(api, sent, got)
    assert len(got[slow_chat][first]) == 1, "a slow reply must not be sent twice"
    # Calls are recorded when answered: the other chat was served meanwhile.
    done = [
        int(c.params["chat_id"])
        for c in api.calls("sendMessage")
        if c.ok and int(c.params["chat_id"]) in sent
    ]
    assert done == [other, slow_chat]


def test_send_slower_than_the_default_read_timeout_is_sent_once(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    # PTB's default read timeout is 5 s; a retry after it would reach the user twice.
    api.inject("sendMessage", "hang", times=1, seconds=7.0)
    chat = next(_chat_ids)
    started = time.monotonic()
    first = push(api, chat, ARTICLES[2])
    sent = {chat: [first]}
    got = wait_answered(api, sent, timeout=60)
    assert_all_digested(api, sent, got)
    # The hung request ends 7 s after it began; a retry would have been answered by then.
    time.sleep(max(0.0, started + 9.0 - time.monotonic()))
    assert len(replies(api, chat)[first]) == 1, "a slow reply must not be sent twice"


def _lock_database(db: Path) -> subprocess.Popen[str]:
    code = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.readline()\n"
        "c.execute('ROLLBACK')\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=30)


def test_database_locked_briefly_by_another_process(api: FakeBotAPI, bot: BotProcess) -> None:
    db = Path(bot.env["RAQAM_DATABASE"])

    def stored() -> int:
        conn = sqlite3.connect(db, timeout=10)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM digests").fetchone()[0])
        finally:
            conn.close()

    before = stored()
    holder = _lock_database(db)
    try:
        sent = burst(api, chats=3, per_chat=1)
        time.sleep(3.0)  # the messages arrive and are handled while the lock is held
    finally:
        _release(holder)
    assert_all_digested(api, sent, wait_answered(api, sent, timeout=60))
    deadline = time.monotonic() + 30
    while stored() < before + 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stored() == before + 3, "the digests were not stored once the lock was gone"


def test_database_locked_for_long_gets_an_answer(api: FakeBotAPI, bot: BotProcess) -> None:
    db = Path(bot.env["RAQAM_DATABASE"])
    holder = _lock_database(db)
    try:
        sent = burst(api, chats=1, per_chat=1)
        got = wait_answered(api, sent, timeout=40)
    finally:
        _release(holder)
    ((chat, ids),) = sent.items()
    assert ids[0] in got[chat], "no answer while the database stayed locked"
    _alive(bot)


# --------------------------------------------------------------------------- own bot processes


def test_api_unreachable_at_start(tmp_path: Path) -> None:
    api = FakeBotAPI(port=_free_port())  # not listening yet
    bot = BotProcess(api, tmp_path / "raqam.sqlite3", tmp_path, env={"RAQAM_LOG_LEVEL": "INFO"})
    bot.start(wait=False)
    try:
        time.sleep(4.0)
        assert bot.proc is not None and bot.proc.poll() is None, (
            "the bot gave up while the Bot API was down:\n" + bot.log()
        )
        api.start()
        try:
            assert api.wait_until(lambda: len(api.calls("getUpdates")) > 0, timeout=60), bot.log()
            chat = next(_chat_ids)
            sent = {chat: [push(api, chat, ARTICLES[0])]}
            assert_all_digested(api, sent, wait_answered(api, sent))
        finally:
            assert bot.stop() == 0
            api.stop()
    finally:
        bot.stop()


def test_sigterm_with_digests_in_flight_loses_nothing(tmp_path: Path) -> None:
    """SIGTERM while one reply is slow and other chats' articles wait in the
    merge window: every article is answered, before the stop or after a restart."""
    with FakeBotAPI() as api:
        env = {"RAQAM_MERGE_WINDOW_SECONDS": "2.0", "RAQAM_LOG_LEVEL": "INFO"}
        bot = BotProcess(api, tmp_path / "raqam.sqlite3", tmp_path, env=env).start(timeout=120)
        busy = next(_chat_ids)
        waiting = [next(_chat_ids) for _ in range(5)]
        # The busy chat's first article is being answered slowly (within the
        # bot's request timeout) when the stop begins.
        api.inject("sendMessage", "hang", times=1, seconds=4.0)
        sent = {busy: [push(api, busy, ARTICLES[0], post=7), push(api, busy, ARTICLES[1], post=70)]}
        assert api.wait_until(
            lambda: any(int(c.params["chat_id"]) == busy for c in api.arrivals("sendMessage")),
            timeout=30,
        )
        # The other chats' articles are held in the merge window; their replies,
        # when they come, are slow.
        api.inject("sendMessage", "hang", times=len(waiting), seconds=12.0)
        for i, chat in enumerate(waiting):
            sent[chat] = [push(api, chat, ARTICLES[i % len(ARTICLES)], post=500)]
        assert api.wait_until(lambda: api.pending_updates == 0, timeout=30), "bot did not poll"
        code = bot.stop(timeout=60)
        assert code == 0, bot.log()[-3000:]
        answered_before = {c: replies(api, c) for c in sent}
        # Whatever was not answered before the process ended is answered after a restart.
        bot2 = BotProcess(api, tmp_path / "raqam.sqlite3", tmp_path, env=env).start(timeout=120)
        try:
            got = wait_answered(api, sent, timeout=20)
        finally:
            bot2.stop()
    assert_all_digested(api, sent, got)
    for chat, ids in sent.items():
        for m in ids:
            if m in answered_before[chat]:
                assert len(got[chat][m]) == len(answered_before[chat][m]), "answered twice"


def test_sigterm_during_a_burst_loses_nothing(tmp_path: Path) -> None:
    """SIGTERM right after the bot took a burst from many chats."""
    with FakeBotAPI() as api:
        env = {"RAQAM_MERGE_WINDOW_SECONDS": "0.5", "RAQAM_LOG_LEVEL": "INFO"}
        bot = BotProcess(api, tmp_path / "raqam.sqlite3", tmp_path, env=env).start(timeout=120)
        sent = burst(api, chats=30, per_chat=3)
        total = sum(len(v) for v in sent.values())
        api.wait_until(lambda: api.pending_updates < total, timeout=30)
        in_flight = total - sum(len(replies(api, c)) for c in sent)
        assert bot.stop(timeout=60) == 0, bot.log()[-3000:]
        bot2 = BotProcess(api, tmp_path / "raqam.sqlite3", tmp_path, env=env).start(timeout=120)
        try:
            got = wait_answered(api, sent, timeout=30)
        finally:
            bot2.stop()
    assert in_flight > 0, "the stop came after every answer"
    assert_all_digested(api, sent, got)
