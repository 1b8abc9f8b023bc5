"""End to end across bot restarts: digests and settings survive, a flaky Bot API
at start is retried, articles held for merging are answered before exit, and
webhook mode checks Telegram's secret token."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.botcase import WATER_REPORT, Chat, keyboard_data, reserved_port, wait_listening
from tests.fakebotapi import BotProcess, FakeBotAPI


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("restart")


def _bot(api: FakeBotAPI, workdir: Path, **env: str) -> BotProcess:
    return BotProcess(api, workdir / "raqam.sqlite3", workdir, env=env)


def test_digests_and_settings_survive_a_restart(api: FakeBotAPI, workdir: Path) -> None:
    chat = Chat(api, 300)
    first = _bot(api, workdir).start()
    try:
        (digest,) = chat.text(WATER_REPORT)
        chat.command("/settings digits latin")
    finally:
        assert first.stop() == 0

    # The Bot API fails a few times while the bot starts; it retries and comes up.
    api.inject("getMe", "5xx", times=2)
    api.inject("setMyCommands", "5xx", times=1)
    second = _bot(api, workdir).start()
    try:
        (figures,) = chat.command("/figures", reply_to=digest["message_id"])
        assert "410" in figures["text"]  # Latin digits, as the chat chose before the restart
        (reply,) = chat.expect(
            lambda: api.push_callback(chat.id, digest["message_id"], keyboard_data(digest)[2])
        )
        assert "گزارش هفتگی مصرف آب پایتخت" in reply["text"]
        _long_replies_are_split(api)
    finally:
        assert second.stop() == 0
    assert [c.status for c in api.calls("getMe")][-3:] == [500, 500, 200]


def _long_replies_are_split(api: FakeBotAPI) -> None:
    chat = Chat(api, 303)
    cities = ["تبریز", "شیراز", "اصفهان", "مشهد", "کرمان", "یزد", "رشت", "اهواز"]
    lines = ["گزارش آموزش و پرورش استان‌ها"]
    for i in range(150):
        city = cities[i % len(cities)]
        lines.append(
            f"در منطقه {i + 1} شهر {city} امسال {i * 7 + 12} مدرسه تازه ساخته شد"
            f" و {i % 40 + 5} درصد کلاس‌ها نوسازی شد."
        )
    chat.text("\n".join(lines))
    before = chat.seen
    command = api.push_command(chat.id, "/figures")
    (head,) = api.wait_for_messages(chat.id, 1, after=before, timeout=60)[:1]
    count = int(head["text"].split("(", 1)[1].split(")", 1)[0])  # Persian digits parse too
    last = f"{count}.".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))

    def numbered_lines() -> list[str]:
        text = "\n".join(m["text"] for m in api.sent_messages(chat.id)[before:])
        return [line for line in text.splitlines()[1:] if line.strip()]

    assert api.wait_until(lambda: any(x.startswith(last) for x in numbered_lines()), 60)
    chunks = api.sent_messages(chat.id)[before:]
    assert len(chunks) >= 2 and all(len(m["text"]) <= 4096 for m in chunks)
    assert chunks[0]["reply_to_message"]["message_id"] == command["message_id"]
    assert all("reply_to_message" not in m for m in chunks[1:])
    # Every line is whole: the numbering runs 1..count across the chunks.
    numbers = [int(line.split(".", 1)[0]) for line in numbered_lines()]
    assert numbers == list(range(1, count + 1))


def test_held_article_is_answered_on_shutdown(api: FakeBotAPI, workdir: Path) -> None:
    chat = Chat(api, 301)
    bot = _bot(api, workdir, RAQAM_MERGE_WINDOW_SECONDS="30").start()
    try:
        # A forwarded post is held: the channel's next post may continue it.
        message = api.push_forward_from_channel(chat.id, WATER_REPORT, post_id=5)
        update_id = api.last_update_id
        # Wait until the bot has taken the update (it asks for later ones), then stop
        # it mid-window.
        assert api.wait_until(lambda: _taken(api, update_id), 60)
        assert chat.seen == 0
    finally:
        assert bot.stop() == 0
    replies = api.sent_messages(chat.id)
    assert len(replies) == 1
    assert replies[0]["reply_to_message"]["message_id"] == message["message_id"]
    assert keyboard_data(replies[0])


def _taken(api: FakeBotAPI, update_id: int) -> bool:
    """Has the bot confirmed ``update_id`` (asked for updates with a later offset)?"""
    return any(int(c.params.get("offset") or 0) > update_id for c in api.arrivals("getUpdates"))


def test_webhook_mode_checks_the_secret(api: FakeBotAPI, workdir: Path) -> None:
    with reserved_port() as port:
        _webhook_mode(api, workdir, port)


def _webhook_mode(api: FakeBotAPI, workdir: Path, port: int) -> None:
    url = f"http://127.0.0.1:{port}/telegram-hook"
    secret = "s3cret-token_value"
    bot = _bot(
        api,
        workdir,
        RAQAM_WEBHOOK_URL=url,
        RAQAM_WEBHOOK_SECRET=secret,
        RAQAM_WEBHOOK_LISTEN="127.0.0.1",
        RAQAM_WEBHOOK_PORT=str(port),
    ).start(wait=False)
    try:
        assert api.wait_until(lambda: bool(api.calls("setWebhook")), 60), bot.log()
        call = api.calls("setWebhook")[-1]
        assert call.params["url"] == url and call.params["secret_token"] == secret
        # PTB registers the webhook first, then starts listening.
        wait_listening("127.0.0.1", port, lambda: bot.proc is not None and bot.proc.poll() is None)
        chat = Chat(api, 302)
        message = api.make_message(chat.id, text=WATER_REPORT)
        body = json.dumps({"update_id": 900001, "message": message}).encode()

        def post(token: str) -> int:
            req = urllib.request.Request(
                url,
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "X-Telegram-Bot-Api-Secret-Token": token,
                },
            )
            try:
                with urllib.request.urlopen(req, timeout=60) as resp:
                    return int(resp.status)
            except urllib.error.HTTPError as err:
                return int(err.code)

        assert post("wrong") == 403
        (reply,) = chat.expect(lambda: post(secret))
        assert reply["reply_to_message"]["message_id"] == message["message_id"]
        assert secret not in bot.log()
    finally:
        assert bot.stop() == 0
