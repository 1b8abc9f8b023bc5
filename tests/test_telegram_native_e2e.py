"""End to end: inline mode and key figures under channel posts, the bot as a real process.

One bot process serves the module, against the fake Bot API (inline queries,
channels with discussion groups, chat members, Telegram's group flood limit
enforced at 3 messages per 3 seconds, the bot configured alike) and the
loopback news site. An allow-list names the users and chats of these tests,
so a user outside it can be refused.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.botcase import NO_FIGURES, WATER_REPORT, Chat
from tests.fakebotapi import TELEGRAM_SERVICE_USER, BotProcess, FakeBotAPI, parse_html
from tests.links_server import NewsSite

USER = 1001  # DEFAULT_USER of the fake: types the inline queries, admin of the groups
MEMBER = 2002  # an ordinary member of the groups
STRANGER = 4242  # not on the allow-list
PRIVATE = 1001  # the user's private chat with the bot
PASTE_CHAT = 3101
CHANNEL, GROUP = -1003000000001, -1003000000002
CHANNEL2, GROUP2 = -1003000000003, -1003000000004
GROUP_LIMIT, GROUP_PERIOD = 3, 3.0
SHORT_REPORT = (
    "صادرات غیرنفتی استان در ۹ ماه امسال به ۲ میلیارد و ۴۰۰ میلیون دلار رسید "
    "که ۱۸ درصد بیشتر از مدت مشابه پارسال است."
)


@pytest.fixture(scope="module")
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI(group_limit=GROUP_LIMIT, group_period=GROUP_PERIOD) as server:
        yield server


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


@pytest.fixture(scope="module")
def bot(
    api: FakeBotAPI, site: NewsSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    work = tmp_path_factory.mktemp("nativebot")
    allowed = [USER, MEMBER, PASTE_CHAT, GROUP, GROUP2]
    env = {
        "RAQAM_ALLOW_PRIVATE_URLS": "true",
        "RAQAM_MERGE_WINDOW_SECONDS": "0",
        "RAQAM_INLINE_WAIT_SECONDS": "1.5",
        "RAQAM_GROUP_MESSAGES": str(GROUP_LIMIT),
        "RAQAM_GROUP_PERIOD_SECONDS": str(GROUP_PERIOD),
        "RAQAM_ALLOWED_CHATS": ",".join(str(c) for c in allowed),
    }
    for channel, group in ((CHANNEL, GROUP), (CHANNEL2, GROUP2)):
        api.link_discussion(channel, group)
        api.set_member(group, api.bot_id, "member")
        api.set_member(group, USER, "administrator")
        api.set_member(group, MEMBER, "member")
        api.set_member(channel, api.bot_id, "administrator")  # it could post there; it must not
    api.chat(PRIVATE)
    process = BotProcess(api, work / "raqam.sqlite3", work, env=env).start()
    yield process
    process.stop()
    assert api.channel_calls() == []


def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "کاربر", "language_code": "fa"}


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("•")]


def results_of(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(r["id"]): r for r in answer["results"]}


def html_of(result: dict[str, Any]) -> str:
    return str(result["input_message_content"]["message_text"])


# --- inline mode ---------------------------------------------------------------------------


def test_start_logs_how_to_switch_inline_mode_on(api: FakeBotAPI, bot: BotProcess) -> None:
    assert api.wait_until(lambda: "/setinline" in bot.log(), 30)


def test_inline_link_offers_the_digest_and_the_figures(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    url = site.url("/page/wheat")
    qid = api.push_inline_query(url)
    answer = api.wait_for_inline_answer(qid)
    results = results_of(answer)
    assert len(results) == 2
    digest, figures = answer["results"]
    assert digest["type"] == figures["type"] == "article"
    digest_text = parse_html(html_of(digest))
    assert digest_text.splitlines()[0].startswith("خرید تضمینی گندم")
    assert len(bullets(digest_text)) >= 3
    assert "۸ میلیون" in digest_text or "۲۳۰" in digest_text
    figures_text = parse_html(html_of(figures))
    assert not bullets(figures_text) and "۱. " in figures_text
    assert answer["cache_time"] > 0 and answer["is_personal"] is True

    # Picking a result posts it into the chat where the user typed the query.
    target = Chat(api, 5501, "group")
    posted = api.choose_inline_result(qid, str(digest["id"]), target.id, "group")
    assert posted["via_bot"]["id"] == api.bot_id
    assert bullets(posted["text"]) == bullets(digest_text)


def test_a_digest_posted_in_the_bots_own_chat_is_not_digested_again(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    qid = api.push_inline_query(site.url("/page/wheat"))
    answer = api.wait_for_inline_answer(qid)
    chat = Chat(api, PRIVATE)
    # Updates of one chat are handled in order: a digest of the posted message would
    # come before the answer to /help.
    (reply,) = chat.expect(
        lambda: (
            api.choose_inline_result(qid, str(answer["results"][0]["id"]), PRIVATE),
            api.push_command(PRIVATE, "/help"),
        )
    )
    assert "/figures" in reply["text"]


def test_inline_pasted_text_gets_a_digest(api: FakeBotAPI, bot: BotProcess) -> None:
    qid = api.push_inline_query(SHORT_REPORT)
    answer = api.wait_for_inline_answer(qid)
    digest = answer["results"][0]
    text = parse_html(html_of(digest))
    assert bullets(text) and "۱۸ درصد" in text


@pytest.mark.parametrize(
    "query", ["", "https://exa", "صادرات ۲ میلیارد دلار", "خبری بی‌رقم درباره‌ی جلسه‌ی امروز شورا"]
)
def test_incomplete_queries_get_a_hint_and_no_results(
    api: FakeBotAPI, bot: BotProcess, query: str
) -> None:
    answer = api.wait_for_inline_answer(api.push_inline_query(query))
    assert answer["results"] == []
    assert answer["button"]["text"] and answer["button"]["start_parameter"]


def test_typing_fast_answers_only_the_last_query_and_reads_only_its_link(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    final = site.url("/page/exports")
    prefixes = [final[:n] for n in range(len(final) - 6, len(final))]
    ids = api.push_inline_queries([*prefixes, final])
    answer = api.wait_for_inline_answer(ids[-1])
    assert len(answer["results"]) == 2
    assert all(api.inline_answer(q) is None for q in ids[:-1])
    reads = [path for path, _, _ in site.requests if path.startswith("/page/exp")]
    assert reads == ["/page/exports"]


def test_a_slow_link_is_still_being_read_then_answered_from_the_cache(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    path = "/late/3/rain"
    url = site.url(path)
    first = api.wait_for_inline_answer(api.push_inline_query(url))
    (reading,) = first["results"]
    assert "خواندن" in reading["title"]
    assert first["cache_time"] == 0  # Telegram must ask again
    assert reading["input_message_content"]["message_text"] == url
    answer: dict[str, Any] = first
    for _ in range(10):
        answer = api.wait_for_inline_answer(api.push_inline_query(url))
        if len(answer["results"]) == 2:
            break
        time.sleep(0.5)
    assert len(answer["results"]) == 2, answer
    assert bullets(parse_html(html_of(answer["results"][0])))
    assert site.hits[path] == 1  # read once, on into the cache


def test_an_inline_user_outside_the_allow_list_is_refused(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    before = site.hits["/page/metro"]
    qid = api.push_inline_query(site.url("/page/metro"), user=user(STRANGER))
    answer = api.wait_for_inline_answer(qid)
    assert answer["results"] == [] and "فعال نیست" in answer["button"]["text"]
    assert site.hits["/page/metro"] == before


def test_the_fake_refuses_an_inline_answer_that_comes_too_late() -> None:
    import httpx

    with FakeBotAPI(inline_timeout=0.0) as fake:
        qid = fake.push_inline_query("https://example.com/news/1")
        time.sleep(0.01)
        article = {
            "type": "article",
            "id": "a",
            "title": "t",
            "input_message_content": {"message_text": "<b>x</b>", "parse_mode": "HTML"},
        }
        got = httpx.post(
            f"{fake.base_url}{fake.token}/answerInlineQuery",
            json={"inline_query_id": qid, "results": [article]},
        ).json()
    assert got == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: query is too old and response timeout expired or query "
        "ID is invalid",
    }


@pytest.mark.parametrize(
    ("results", "error"),
    [
        ([{"id": "a"}, {"id": "a"}], "Bad Request: RESULT_ID_DUPLICATE"),
        ([{"id": str(i)} for i in range(51)], "Bad Request: RESULTS_TOO_MUCH"),
        ([{"id": "x" * 65}], "Bad Request: RESULT_ID_INVALID"),
        ([{"id": "a", "html": "<b>x"}], "Bad Request: can't parse entities"),
        ([{"id": "a", "html": "ب" * 4097}], "Bad Request: MESSAGE_TOO_LONG"),
    ],
)
def test_the_fake_checks_inline_answers_as_telegram_does(
    results: list[dict[str, str]], error: str
) -> None:
    import httpx

    articles = [
        {
            "type": "article",
            "id": r["id"],
            "title": "عنوان",
            "input_message_content": {"message_text": r.get("html", "متن"), "parse_mode": "HTML"},
        }
        for r in results
    ]
    with FakeBotAPI() as fake:
        qid = fake.push_inline_query("https://example.com/news/1")
        got = httpx.post(
            f"{fake.base_url}{fake.token}/answerInlineQuery",
            json={"inline_query_id": qid, "results": articles},
        ).json()
    assert got["ok"] is False and got["description"].startswith(error)


# --- key figures under channel posts ---------------------------------------------------------


def group_chat(api: FakeBotAPI, group_id: int) -> Chat:
    return Chat(api, group_id, "supergroup")


def test_channel_posts_get_their_figures_only_after_an_admin_opts_in(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    group = group_chat(api, GROUP)
    # Off by default: the post gets nothing (the answer to /help comes first).
    (reply,) = group.expect(
        lambda: (
            api.push_channel_post(CHANNEL, WATER_REPORT),
            api.push_command(GROUP, "/help", chat_type="supergroup"),
        )
    )
    assert "/figures" in reply["text"]

    # A member who is not an admin cannot switch it on.
    (refused,) = group.command("/settings channel on", user=user(MEMBER))
    assert "مدیران" in refused["text"]
    (view,) = group.command("/settings", user=user(MEMBER))
    assert "خاموش" in view["text"]

    (view,) = group.command("/settings channel on", user=user(USER))
    assert "روشن" in view["text"]
    assert any(c.method == "getChatMember" for c in api.calls())

    post: dict[str, Any] = {}

    def publish() -> None:
        post["post"], post["forward"] = api.push_channel_post(CHANNEL, WATER_REPORT)

    (digest,) = group.expect(publish)
    assert digest["reply_to_message"]["message_id"] == post["forward"]["message_id"]
    assert post["forward"]["is_automatic_forward"] is True
    assert post["forward"]["from"]["id"] == TELEGRAM_SERVICE_USER["id"]
    assert len(bullets(digest["text"])) >= 2 and "۴۱۰" in digest["text"]

    # A post without figures gets nothing.
    (reply,) = group.expect(
        lambda: (
            api.push_channel_post(CHANNEL, NO_FIGURES),
            api.push_command(GROUP, "/help", chat_type="supergroup"),
        )
    )
    assert "/figures" in reply["text"]
    assert api.channel_calls() == []
    assert api.sent_messages(CHANNEL) == []


def test_the_switch_button_is_for_admins(api: FakeBotAPI, bot: BotProcess) -> None:
    group = group_chat(api, GROUP)
    (view,) = group.command("/settings", user=user(USER))
    buttons = [b for row in view["reply_markup"]["inline_keyboard"] for b in row]
    switch = next(b for b in buttons if str(b["callback_data"]).startswith("s:c:"))
    qid = api.push_callback(GROUP, view["message_id"], switch["callback_data"], user=user(MEMBER))
    assert api.wait_until(lambda: api.callback_answer(qid) is not None, 30)
    assert "مدیران" in str(api.callback_answer(qid)["text"])  # type: ignore[index]


def test_a_burst_of_channel_posts_keeps_to_the_group_limit(
    api: FakeBotAPI, bot: BotProcess
) -> None:
    group = group_chat(api, GROUP2)
    (view,) = group.command("/settings channel on", user=user(USER))
    assert "روشن" in view["text"]
    forwards: list[dict[str, Any]] = []

    def burst() -> None:
        for _ in range(7):
            forwards.append(api.push_channel_post(CHANNEL2, WATER_REPORT)[1] or {})

    digests = group.expect(burst, count=7, timeout=120)
    assert [d["reply_to_message"]["message_id"] for d in digests] == [
        f["message_id"] for f in forwards
    ]
    assert GROUP2 not in api.group_floods  # never over Telegram's limit
    assert api.channel_calls() == []


def test_the_fake_records_and_refuses_posts_into_a_channel() -> None:
    import httpx

    with FakeBotAPI() as fake:
        fake.channel(-1009)
        got = httpx.post(
            f"{fake.base_url}{fake.token}/sendMessage", json={"chat_id": -1009, "text": "سلام"}
        ).json()
        assert got["description"] == "Bad Request: need administrator rights in the channel chat"
        assert [c.method for c in fake.channel_calls()] == ["sendMessage"]


def test_the_fake_enforces_the_group_limit_and_answers_chat_members() -> None:
    import httpx

    with FakeBotAPI(group_limit=2, group_period=60) as fake:
        fake.chat(-1007, "supergroup")
        fake.set_member(-1007, 5, "administrator")
        url = f"{fake.base_url}{fake.token}"
        codes = [
            httpx.post(f"{url}/sendMessage", json={"chat_id": -1007, "text": "پیام"}).json()
            for _ in range(3)
        ]
        assert [c["ok"] for c in codes] == [True, True, False]
        assert codes[2]["error_code"] == 429 and codes[2]["parameters"]["retry_after"] >= 1
        assert fake.group_floods == [-1007]
        admin = httpx.post(f"{url}/getChatMember", json={"chat_id": -1007, "user_id": 5}).json()
        other = httpx.post(f"{url}/getChatMember", json={"chat_id": -1007, "user_id": 6}).json()
        admins = httpx.post(f"{url}/getChatAdministrators", json={"chat_id": -1007}).json()
    assert admin["result"]["status"] == "administrator"
    assert other["result"]["status"] == "left"
    assert [m["user"]["id"] for m in admins["result"]] == [5]
