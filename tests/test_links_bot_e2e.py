"""End to end: the real bot process reads links served by the loopback news site.

One bot process (with RAQAM_ALLOW_PRIVATE_URLS on, so it may reach the
loopback site) serves the whole module; each test uses its own chat.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.links import fetch_article_sync
from bot.links.settings import LinkSettings
from tests.botcase import APOLOGY, Chat
from tests.fakebotapi import BotProcess, FakeBotAPI
from tests.links_server import NewsSite

CHATS = [301, 302, 303, 304, 305]
FAILURE_CHATS = {"/status/404": 306, "/pdf": 307, "/slow": 308}
CHATS_ORDER = 309


def u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


@pytest.fixture(scope="module")
def bot(
    api: FakeBotAPI, site: NewsSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    work = tmp_path_factory.mktemp("linkbot")
    env = {
        "RAQAM_ALLOW_PRIVATE_URLS": "true",
        "RAQAM_MERGE_WINDOW_SECONDS": "0.5",
        "RAQAM_LINK_READ_TIMEOUT": "1",
    }
    process = BotProcess(api, work / "raqam.sqlite3", work, env=env).start()
    yield process
    process.stop()


def bullets(reply: dict[str, Any]) -> list[str]:
    return [line for line in reply["text"].splitlines() if line.startswith("•")]


def forward_with_text_link(api: FakeBotAPI, chat_id: int, url: str) -> dict[str, Any]:
    head = "📰 خرید تضمینی گندم از مرز ۸ میلیون تن گذشت\n"
    anchor = "متن کامل خبر"
    text = head + "🔗 " + anchor
    entities = [
        {"type": "bold", "offset": 0, "length": u16(head) - 1},
        {"type": "text_link", "offset": u16(head + "🔗 "), "length": u16(anchor), "url": url},
    ]
    return api.push_forward_from_channel(chat_id, text, post_id=41, entities=entities)


def test_forwarded_post_with_a_text_link_gets_the_digest_of_the_page(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    url = site.url("/page/wheat")
    chat = Chat(api, CHATS[0])
    sent: list[dict[str, Any]] = []
    (reply,) = chat.expect(lambda: sent.append(forward_with_text_link(api, chat.id, url)))
    assert reply["reply_to_message"]["message_id"] == sent[0]["message_id"]
    assert APOLOGY not in reply["text"]
    # A link takes a while to read: the typing action comes first.
    actions = [c for c in api.calls("sendChatAction") if int(c.params["chat_id"]) == chat.id]
    assert [a.params["action"] for a in actions] == ["typing"]
    assert reply["text"].splitlines()[0].startswith("خرید تضمینی گندم")
    # It says which link was read, as written (no Persian digits inside the address).
    assert reply["text"].splitlines()[1] == f"از پیوند: {url}"
    got = bullets(reply)
    assert len(got) >= 3
    text = "\n".join(got)
    assert "۲۳۰" in text or "۸ میلیون" in text
    for boilerplate in ("زعفران", "برنج وارداتی", "کود و سم", "قیمت خودرو"):
        assert boilerplate not in reply["text"]

    # the same quality as pasting the article itself
    article = fetch_article_sync(url, settings=LinkSettings(allow_private=True))
    pasted = Chat(api, CHATS[1])
    (reply_pasted,) = pasted.text(f"{article.title}\n{article.text}")
    assert sorted(bullets(reply_pasted)) == sorted(got)  # the same figures, ranked alike


def test_windows_1256_page_through_a_caption(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    url = site.url("/page/dams")
    caption = f"سدها: {url}"
    entities = [{"type": "url", "offset": u16("سدها: "), "length": u16(url)}]
    chat = Chat(api, CHATS[2])
    (reply,) = chat.expect(lambda: api.push_caption(chat.id, caption, entities=entities))
    assert APOLOGY not in reply["text"]
    assert "مخازن" in reply["text"]
    assert "Ø" not in reply["text"] and "\ufffd" not in reply["text"]
    assert len(bullets(reply)) >= 2


def test_a_link_forwarded_twice_is_fetched_once(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite
) -> None:
    path = "/page/metro"
    url = site.url(path)
    before = site.hits[path]
    first, second = Chat(api, CHATS[3]), Chat(api, CHATS[4])
    (one,) = first.expect(lambda: forward_with_text_link(api, first.id, url))
    (two,) = second.expect(lambda: forward_with_text_link(api, second.id, url))
    assert bullets(one) and bullets(one) == bullets(two)
    assert site.hits[path] - before == 1


def test_links_are_tried_in_reading_order(api: FakeBotAPI, bot: BotProcess, site: NewsSite) -> None:
    """A link written in the text (here without a url entity, as in pasted text) comes
    before a later text_link, and is read first."""
    first, second = site.url("/page/exports"), site.url("/status/410")
    head = f"صادرات: {first} و "
    anchor = "گزارش دیگر"
    entities = [{"type": "text_link", "offset": u16(head), "length": u16(anchor), "url": second}]
    before = site.hits["/status/410"]
    chat = Chat(api, CHATS_ORDER)
    (reply,) = chat.text(head + anchor, entities=entities)
    assert reply["text"].splitlines()[1] == f"از پیوند: {first}"
    assert bullets(reply)
    assert site.hits["/status/410"] == before  # the later link was not needed


@pytest.mark.parametrize(
    ("path", "words"),
    [("/status/404", "پیدا نشد"), ("/pdf", "متن خبری پیدا نشد"), ("/slow", "طول کشید")],
)
def test_failed_links_get_a_persian_answer(
    api: FakeBotAPI, bot: BotProcess, site: NewsSite, path: str, words: str
) -> None:
    chat = Chat(api, FAILURE_CHATS[path])
    (reply,) = chat.expect(lambda: forward_with_text_link(api, chat.id, site.url(path)))
    assert words in reply["text"]
    assert site.url(path) in reply["text"]  # which link, as written
    assert APOLOGY not in reply["text"]
