"""End to end: the real bot process against our fake Bot API.

One bot process serves this whole module; each test uses its own chat.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.botcase import (
    APOLOGY,
    ENGLISH,
    NO_FIGURES,
    PART_ONE,
    PART_TWO,
    WATER_REPORT,
    Chat,
    keyboard_data,
)
from tests.fakebotapi import BotProcess, FakeBotAPI

PRIVATE_IDS = list(range(100, 140))
GROUP_IDS = list(range(-240, -200))
OUTSIDER = 999


@pytest.fixture(scope="module")
def bot(api: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    work = tmp_path_factory.mktemp("bot")
    env = {
        "RAQAM_MERGE_WINDOW_SECONDS": "1.0",
        "RAQAM_MAX_TEXT_CHARS": "3000",
        "RAQAM_ALLOWED_CHATS": ",".join(str(i) for i in PRIVATE_IDS + GROUP_IDS),
    }
    process = BotProcess(api, work / "raqam.sqlite3", work, env=env).start()
    yield process
    process.stop()


@pytest.fixture
def chat(api: FakeBotAPI, bot: BotProcess, request: pytest.FixtureRequest) -> Chat:
    index = _next_index(request.node.nodeid)
    return Chat(api, PRIVATE_IDS[index])


@pytest.fixture
def group(api: FakeBotAPI, bot: BotProcess, request: pytest.FixtureRequest) -> Chat:
    index = _next_index(request.node.nodeid)
    return Chat(api, GROUP_IDS[index], "supergroup")


_INDEX: dict[str, int] = {}


def _next_index(nodeid: str) -> int:
    return _INDEX.setdefault(nodeid, len(_INDEX))


def _assert_digest(reply: dict[str, Any], answering: dict[str, Any]) -> None:
    assert reply["reply_to_message"]["message_id"] == answering["message_id"]
    assert reply["html"].startswith("<b>")
    assert keyboard_data(reply) and all(len(d.encode()) <= 64 for d in keyboard_data(reply))
    assert APOLOGY not in reply["text"]


# --- start-up ----------------------------------------------------------------------------


def test_registers_persian_command_list(api: FakeBotAPI, bot: BotProcess) -> None:
    commands = {c["command"]: c["description"] for c in api.commands}
    assert {
        "start",
        "help",
        "figures",
        "details",
        "summary",
        "source",
        "export",
        "settings",
    } <= set(commands)
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in d) for d in commands.values())


def test_start_and_help(chat: Chat) -> None:
    (reply,) = chat.command("/start")
    assert "/figures" in reply["text"] and "/details" in reply["text"]
    (reply,) = chat.command("/help")
    assert "رقم" in reply["text"]


# --- input kinds --------------------------------------------------------------------------


def test_plain_text_gets_a_digest_in_one_request(api: FakeBotAPI, chat: Chat) -> None:
    """A text of ordinary length is answered at once: no typing action spent on it."""
    sent: list[dict[str, Any]] = []
    replies = chat.expect(lambda: sent.append(api.push_text(chat.id, WATER_REPORT)))
    _assert_digest(replies[0], sent[0])
    assert "گزارش هفتگی مصرف آب پایتخت" in replies[0]["text"].splitlines()[0]
    assert "۴۱۰" in replies[0]["text"]
    actions = [c for c in api.calls("sendChatAction") if int(c.params["chat_id"]) == chat.id]
    assert actions == []


@pytest.mark.parametrize("kind", ["channel", "user", "hidden"])
def test_forwarded_posts(api: FakeBotAPI, chat: Chat, kind: str) -> None:
    push: Callable[[], dict[str, Any]] = {
        "channel": lambda: api.push_forward_from_channel(chat.id, WATER_REPORT, post_id=77),
        "user": lambda: api.push_forward_from_user(chat.id, WATER_REPORT),
        "hidden": lambda: api.push_forward_hidden(chat.id, WATER_REPORT),
    }[kind]
    sent: list[dict[str, Any]] = []
    (reply,) = chat.expect(lambda: sent.append(push()))
    _assert_digest(reply, sent[0])
    if kind == "channel":
        (source,) = chat.command("/source")
        assert "https://t.me/sample_news/77" in source["html"]


@pytest.mark.parametrize("media", ["photo", "video", "document"])
def test_captions(api: FakeBotAPI, chat: Chat, media: str) -> None:
    caption = WATER_REPORT[:900]
    sent: list[dict[str, Any]] = []
    (reply,) = chat.expect(lambda: sent.append(api.push_caption(chat.id, caption, media=media)))
    _assert_digest(reply, sent[0])


def test_split_article_is_merged_and_answered_once(api: FakeBotAPI, chat: Chat) -> None:
    sent: list[dict[str, Any]] = []

    def push_both() -> None:
        sent.append(api.push_forward_from_channel(chat.id, PART_ONE, post_id=10))
        sent.append(api.push_forward_from_channel(chat.id, PART_TWO, post_id=11))

    (reply,) = chat.expect(push_both)
    _assert_digest(reply, sent[0])
    (figures,) = chat.command("/figures")
    assert "۸۵۰۰" in figures["text"] and "۴۷۰" in figures["text"]
    # A command replying to the second part finds the same digest.
    (source,) = chat.command("/source", reply_to=sent[1]["message_id"])
    assert "بودجه حمل‌ونقل" in source["text"]
    # Nothing else was sent for the second part.
    assert all(
        m.get("reply_to_message", {}).get("message_id") != sent[1]["message_id"]
        or "منبع" in m["text"]
        for m in api.sent_messages(chat.id)
    )


def test_posts_from_different_channels_are_separate_and_in_order(
    api: FakeBotAPI, chat: Chat
) -> None:
    sent: list[dict[str, Any]] = []

    def push_three() -> None:
        for i, text in enumerate([WATER_REPORT, PART_ONE, PART_TWO]):
            sent.append(api.push_forward_from_channel(chat.id, text, channel_id=-1009 - i))

    replies = chat.expect(push_three, count=3)
    assert [r["reply_to_message"]["message_id"] for r in replies] == [m["message_id"] for m in sent]


def test_link_only_message_gets_a_clear_answer(api: FakeBotAPI, chat: Chat) -> None:
    text = "خبر کامل: http://127.0.0.1:9/news/1"
    entities = [{"type": "url", "offset": 10, "length": len("http://127.0.0.1:9/news/1")}]
    (reply,) = chat.text(text, entities=entities)
    assert reply["text"] and APOLOGY not in reply["text"]
    assert "reply_markup" not in reply


# --- odd input -----------------------------------------------------------------------------


def test_no_figures_still_gives_the_summary(chat: Chat) -> None:
    (reply,) = chat.text(NO_FIGURES)
    assert "رقمی پیدا نکردم" in reply["text"]
    assert "شورای شهر" in reply["text"]


def test_non_persian_text(chat: Chat) -> None:
    (reply,) = chat.text(ENGLISH)
    assert APOLOGY not in reply["text"]
    assert "فارسی نیست" in reply["text"]
    assert "reply_markup" not in reply


def test_text_over_the_limit(chat: Chat) -> None:
    (reply,) = chat.text((WATER_REPORT + "\n") * 10)
    assert "بیش از اندازه بلند" in reply["text"]
    assert "۳۰۰۰" in reply["text"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bytes", bytes(range(1, 256)).decode("latin-1") * 3),
        ("control", "".join(chr(c) for c in range(1, 32)) * 10),
        ("base64", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 8),
    ],
)
def test_binary_looking_text_gets_a_clear_answer(chat: Chat, name: str, text: str) -> None:
    (reply,) = chat.text(text)
    assert APOLOGY not in reply["text"], name
    assert "فارسی نیست" in reply["text"] or "متنی برای خلاصه" in reply["text"], name
    assert "reply_markup" not in reply


def test_message_without_text(api: FakeBotAPI, chat: Chat) -> None:
    (reply,) = chat.expect(lambda: api.push_message(api.make_message(chat.id, media="photo")))
    assert "متنی ندارد" in reply["text"]


def test_html_in_the_article_is_escaped(chat: Chat) -> None:
    (reply,) = chat.text("گزارش <script> & «نمونه»\n" + WATER_REPORT)
    assert "<script>" in reply["text"]
    assert "&lt;script&gt; &amp;" in reply["html"]


# --- commands --------------------------------------------------------------------------------


def test_commands_without_a_digest(chat: Chat) -> None:
    for command in ("/figures", "/summary", "/source", "/details 1", "/export"):
        (reply,) = chat.command(command)
        assert "هنوز خبری" in reply["text"], command


def test_figures_details_summary_source(chat: Chat) -> None:
    (digest,) = chat.text(WATER_REPORT)
    (figures,) = chat.command("/figures")
    assert figures["text"].splitlines()[2].startswith("۱.")
    assert "۱۲" in figures["text"] and "۲۳" in figures["text"]
    (details,) = chat.command("/details 1")
    assert "<b>" in details["html"].split("\n", 1)[1]
    (details_fa,) = chat.command("/details ۱")
    assert details_fa["text"] == details["text"]
    (usage,) = chat.command("/details")
    assert "/details 2" in usage["text"]
    (out_of_range,) = chat.command("/details 99")
    assert "بند دارد" in out_of_range["text"]
    (summary,) = chat.command("/summary")
    assert summary["text"].startswith("خلاصه")
    (source,) = chat.command("/source")
    assert "گزارش هفتگی مصرف آب پایتخت" in source["text"] and "نویسه" in source["text"]
    # A command replying to the digest message works on that digest, and so does
    # one replying to an answer about it (here the /figures list).
    chat.text(NO_FIGURES)
    (again,) = chat.command("/source", reply_to=digest["message_id"])
    assert "گزارش هفتگی مصرف آب پایتخت" in again["text"]
    (details_again,) = chat.command("/details 1", reply_to=figures["message_id"])
    assert details_again["text"] == details["text"]
    (latest,) = chat.command("/source")  # without a reply: the latest digest
    assert "گزارش هفتگی" not in latest["text"] and "۰ رقم" in latest["text"]


def test_export_sends_csv_and_json(chat: Chat) -> None:
    chat.text(WATER_REPORT)
    csv_doc, json_doc = chat.command("/export", count=2)
    assert csv_doc["document"]["file_name"].endswith(".csv")
    rows = list(csv.reader(io.StringIO(csv_doc["content"].lstrip("\ufeff"))))
    assert rows[0][:3] == ["n", "text", "value"] and len(rows) >= 3
    assert json_doc["document"]["file_name"].endswith(".json")
    data = json.loads(json_doc["content"])
    assert data["digest"]["figures"] and data["title"] == "گزارش هفتگی مصرف آب پایتخت"


def test_settings_bullets_and_digits(api: FakeBotAPI, chat: Chat) -> None:
    (view,) = chat.command("/settings")
    assert "s:d:latin" in keyboard_data(view)
    (saved,) = chat.command("/settings bullets 2")
    assert "۲" in saved["text"]
    (digest,) = chat.text(WATER_REPORT)
    assert sum(1 for line in digest["text"].splitlines() if line.startswith("•")) <= 2
    # Pressing the Latin digits button edits the settings message.
    qid = api.push_callback(chat.id, view["message_id"], "s:d:latin")
    assert api.wait_until(lambda: api.callback_answer(qid) is not None, 30)
    assert api.wait_until(
        lambda: "شکل ارقام: لاتین" in str(api.message(chat.id, view["message_id"])), 30
    )
    (latin,) = chat.command("/figures")
    assert "410" in latin["text"] and "۴۱۰" not in latin["text"]
    (bad,) = chat.command("/settings bullets many")
    assert "/settings bullets 5" in bad["text"]


# --- callbacks -----------------------------------------------------------------------------------


def test_inline_buttons(api: FakeBotAPI, chat: Chat) -> None:
    (digest,) = chat.text(WATER_REPORT)
    data = keyboard_data(digest)
    assert [d.split(":")[0] for d in data] == ["f", "m", "o", "c"]
    expected = {"f": "همه‌ی رقم‌ها", "m": "خلاصه", "o": "منبع"}
    for item in data[:3]:

        def press(d: str = item) -> str:
            return api.push_callback(chat.id, digest["message_id"], d)

        (reply,) = chat.expect(press)
        assert reply["text"].startswith(expected[item[0]])
        assert reply["reply_to_message"]["message_id"] == digest["message_id"]
    answered = [c for c in api.calls("answerCallbackQuery") if c.ok]
    assert len(answered) >= 3


def test_callback_for_a_missing_digest(api: FakeBotAPI, chat: Chat) -> None:
    (digest,) = chat.text(WATER_REPORT)
    qid = api.push_callback(chat.id, digest["message_id"], "f:987654")
    assert api.wait_until(lambda: api.callback_answer(qid) is not None, 30)
    answer = api.callback_answer(qid)
    assert answer is not None and "دیگر در دسترس نیست" in answer["text"]


# --- groups and the allow-list ----------------------------------------------------------------


def test_group_is_quiet_unless_addressed(api: FakeBotAPI, group: Chat) -> None:
    quiet = api.push_text(group.id, WATER_REPORT, chat_type="supergroup")
    # Updates of one chat are handled in order: once /help is answered, the
    # plain message before it has been handled too.
    (reply,) = group.command("/help")
    assert "/figures" in reply["text"]
    assert len(api.sent_messages(group.id)) == 1
    # /digest as a reply to someone's message digests that message.
    (digest,) = group.command("/digest", reply_to=quiet["message_id"])
    _assert_digest(digest, quiet)
    # A mention of the bot.
    text = f"@{api.bot_username} {WATER_REPORT}"
    entities = [{"type": "mention", "offset": 0, "length": len(api.bot_username) + 1}]
    (mentioned,) = group.text(text, entities=entities)
    assert keyboard_data(mentioned)
    # A reply to the bot.
    (answer,) = group.text(PART_ONE, reply_to=mentioned["message_id"])
    assert keyboard_data(answer)
    # /digest without a reply explains itself.
    (usage,) = group.command("/digest")
    assert "/digest" in usage["text"]


def test_allow_list_refuses_other_chats(api: FakeBotAPI, bot: BotProcess) -> None:
    outsider = Chat(api, OUTSIDER)
    (reply,) = outsider.text(WATER_REPORT)
    assert "فعال نیست" in reply["text"]
    assert "reply_markup" not in reply


# --- Bot API faults ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("5xx", {"times": 2}),
        ("5xx", {"status": 502}),
        ("429", {"retry_after": 2}),
        ("drop", {}),
        ("hang", {"seconds": 7}),
    ],
)
def test_send_faults_are_survived(
    api: FakeBotAPI, chat: Chat, kind: str, options: dict[str, Any]
) -> None:
    api.inject("sendMessage", kind, **options)
    sent: list[dict[str, Any]] = []
    replies = chat.expect(lambda: sent.append(api.push_text(chat.id, WATER_REPORT)), timeout=60)
    _assert_digest(replies[0], sent[0])
    api.clear_faults()
    if kind == "429":
        # RetryAfter is honoured: the message is sent again only after the wait asked for.
        calls = [c for c in api.calls("sendMessage") if int(c.params["chat_id"]) == chat.id]
        refused = next(c for c in calls if c.status == 429)
        accepted = next(c for c in calls if c.ok and c.at > refused.at)
        assert accepted.at - refused.at >= options["retry_after"]


def test_polling_faults_are_survived(api: FakeBotAPI, chat: Chat) -> None:
    api.inject("getUpdates", "5xx", times=2)
    api.inject("getUpdates", "drop")
    (reply,) = chat.command("/help")
    assert "/figures" in reply["text"]


def test_internal_errors_are_logged_and_apologised_for(
    api: FakeBotAPI, bot: BotProcess, chat: Chat
) -> None:
    # A digest reply the Bot API refuses: the article's update id is logged, the user
    # gets an apology, and the bot carries on.
    api.inject("sendMessage", "400")
    sent: list[dict[str, Any]] = []
    (apology,) = chat.expect(lambda: sent.append(api.push_text(chat.id, WATER_REPORT)))
    assert APOLOGY in apology["text"]
    assert apology["reply_to_message"]["message_id"] == sent[0]["message_id"]
    update_id = _update_id_of(api, sent[0])
    assert f"failed to digest update(s) [{update_id}]" in bot.log()
    # The same through the error handler, for a command.
    api.inject("sendMessage", "400")
    (apology,) = chat.command("/help")
    assert APOLOGY in apology["text"]
    update_id = _update_id_of(api, apology["reply_to_message"])
    assert f"error while handling update {update_id}:" in bot.log()
    (digest,) = chat.text(WATER_REPORT)
    assert keyboard_data(digest)


def _update_id_of(api: FakeBotAPI, message: dict[str, Any]) -> int:
    """The id of the update that delivered ``message`` to the bot."""
    for call in api.calls("getUpdates"):
        for update in (call.response or {}).get("result", []):
            if (
                update.get("message", {}).get("message_id") == message["message_id"]
                and update["message"]["chat"]["id"] == message["chat"]["id"]
            ):
                return int(update["update_id"])
    raise AssertionError("update not delivered")


def test_every_html_reply_was_accepted(api: FakeBotAPI, bot: BotProcess) -> None:
    injected = "Bad Request: injected failure"
    bad = [
        c
        for c in api.calls()
        if c.status == 400 and (c.response or {}).get("description") != injected
    ]
    assert not bad, [(c.method, c.response) for c in bad]


def test_token_never_logged(api: FakeBotAPI, bot: BotProcess) -> None:
    log = bot.log()
    assert "getUpdates" in log  # the log is verbose (DEBUG) ...
    assert api.token not in log  # ... and still has no token
    assert api.token.split(":", 1)[1] not in log


def test_database_is_a_real_file(bot: BotProcess) -> None:
    db = Path(bot.env["RAQAM_DATABASE"])
    assert db.exists() and db.stat().st_size > 0
