"""End to end: ``/card`` and the card button, the real bot process against our
fake Bot API, which takes the photo as a multipart upload and checks it like
Telegram does."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from tests.botcase import APOLOGY, NO_FIGURES, WATER_REPORT, Chat, keyboard_data
from tests.card_samples import RANGE_REPORT
from tests.fakebotapi import MAX_CAPTION, BotProcess, FakeBotAPI

CHAT_IDS = list(range(300, 320))


@pytest.fixture(scope="module")
def bot(api: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    work = tmp_path_factory.mktemp("cardbot")
    env = {"RAQAM_MERGE_WINDOW_SECONDS": "0.5"}
    process = BotProcess(api, work / "raqam.sqlite3", work, env=env).start()
    yield process
    process.stop()


_USED: dict[str, int] = {}


@pytest.fixture
def chat(api: FakeBotAPI, bot: BotProcess, request: pytest.FixtureRequest) -> Chat:
    index = _USED.setdefault(request.node.nodeid, len(_USED))
    return Chat(api, CHAT_IDS[index])


def _image(api: FakeBotAPI, message: dict[str, Any]) -> Image.Image:
    data = api.photo_bytes(message)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _upload(api: FakeBotAPI, chat_id: int) -> dict[str, Any]:
    """The last sendPhoto call to ``chat_id``, as it arrived."""
    calls = [c for c in api.calls("sendPhoto") if int(c.params["chat_id"]) == chat_id]
    assert calls and calls[-1].ok
    return {"params": calls[-1].params, "files": calls[-1].files}


def test_card_command_sends_a_png_with_title_and_link(api: FakeBotAPI, chat: Chat) -> None:
    (digest,) = chat.text(WATER_REPORT + "\nhttps://news.example.ir/water/12")
    assert APOLOGY not in digest["text"]
    (card,) = chat.command("/card")
    image = _image(api, card)
    assert image.format == "PNG" and image.size == (1080, 1350)
    assert card["photo"][-1]["width"] == 1080 and card["photo"][-1]["height"] == 1350
    # The caption: the title in bold and the link, within Telegram's limit.
    assert card["caption"].splitlines()[0] == "گزارش هفتگی مصرف آب پایتخت"
    assert "https://news.example.ir/water/12" in card["caption"]
    assert card["caption_html"].startswith("<b>")
    assert len(card["caption"]) <= MAX_CAPTION
    upload = _upload(api, chat.id)
    assert "photo" in upload["files"] and upload["params"]["parse_mode"] == "HTML"
    # Light theme by default: the corner is the light background.
    assert image.convert("RGB").getpixel((3, 3)) == (245, 242, 235)


def test_card_button_under_each_digest(api: FakeBotAPI, chat: Chat) -> None:
    (digest,) = chat.text(RANGE_REPORT)
    data = keyboard_data(digest)
    card_data = [d for d in data if d.startswith("c:")]
    assert len(card_data) == 1
    (card,) = chat.expect(lambda: api.push_callback(chat.id, digest["message_id"], card_data[0]))
    assert _image(api, card).size == (1080, 1350)
    assert card["reply_to_message"]["message_id"] == digest["message_id"]
    assert card["caption"].startswith("کاهش صادرات غیرنفتی")


def test_card_of_the_digest_replied_to(api: FakeBotAPI, chat: Chat) -> None:
    (first,) = chat.text(WATER_REPORT)
    chat.text(RANGE_REPORT)
    (card,) = chat.command("/card", reply_to=first["message_id"])
    assert card["caption"].startswith("گزارش هفتگی مصرف آب")
    (card2,) = chat.command("/card")
    assert card2["caption"].startswith("کاهش صادرات غیرنفتی")
    # A command replying to the card works on the card's digest.
    (figures,) = chat.command("/figures", reply_to=card["message_id"])
    assert "۴۱۰" in figures["text"]


def test_dark_theme_is_kept_per_chat(api: FakeBotAPI, chat: Chat) -> None:
    (view,) = chat.command("/settings")
    assert "s:t:dark" in keyboard_data(view)
    qid = api.push_callback(chat.id, view["message_id"], "s:t:dark")
    assert api.wait_until(lambda: api.callback_answer(qid) is not None, 30)
    assert api.wait_until(
        lambda: "رنگ کارت: تیره" in str(api.message(chat.id, view["message_id"])), 30
    )
    chat.text(WATER_REPORT)
    (card,) = chat.command("/card")
    assert _image(api, card).convert("RGB").getpixel((3, 3)) == (16, 19, 24)
    # The digits setting is kept apart from the theme.
    (saved,) = chat.command("/settings digits latin")
    assert "تیره" in saved["text"] and "لاتین" in saved["text"]
    (back,) = chat.command("/settings theme light")
    assert "روشن" in back["text"]


def test_card_from_a_forwarded_channel_post(api: FakeBotAPI, bot: BotProcess, chat: Chat) -> None:
    chat.expect(
        lambda: api.push_forward_from_channel(
            chat.id, WATER_REPORT, channel_title="کانال آب و برق", post_id=41
        )
    )
    (card,) = chat.command("/card")
    assert _image(api, card).size == (1080, 1350)
    assert "t.me/sample_news/41" in card["caption"]
    # The channel's title is kept with the digest for the card's footer.
    with sqlite3.connect(bot.env["RAQAM_DATABASE"]) as db:
        (source,) = db.execute(
            "SELECT source FROM digests WHERE chat_id = ? ORDER BY id DESC LIMIT 1", (chat.id,)
        ).fetchone()
    assert source == "کانال آب و برق"


def test_no_figures_gets_a_sentence_not_a_card(api: FakeBotAPI, chat: Chat) -> None:
    chat.text(NO_FIGURES)
    before = len([c for c in api.calls("sendPhoto") if int(c.params["chat_id"]) == chat.id])
    (reply,) = chat.command("/card")
    assert "photo" not in reply
    assert "رقمی ندارد" in reply["text"]
    after = len([c for c in api.calls("sendPhoto") if int(c.params["chat_id"]) == chat.id])
    assert after == before


def test_card_without_a_digest(chat: Chat) -> None:
    (reply,) = chat.command("/card")
    assert "هنوز خبری" in reply["text"]


def test_card_button_for_a_missing_digest(api: FakeBotAPI, chat: Chat) -> None:
    (digest,) = chat.text(WATER_REPORT)
    qid = api.push_callback(chat.id, digest["message_id"], "c:987654")
    assert api.wait_until(lambda: api.callback_answer(qid) is not None, 30)
    answer = api.callback_answer(qid)
    assert answer is not None and "دیگر در دسترس نیست" in answer["text"]


def test_card_send_survives_a_server_error(api: FakeBotAPI, chat: Chat) -> None:
    chat.text(WATER_REPORT)
    api.inject("sendPhoto", "5xx", times=1)
    (card,) = chat.command("/card")
    assert _image(api, card).size == (1080, 1350)


def test_card_is_listed_in_commands_and_help(api: FakeBotAPI, chat: Chat) -> None:
    assert "card" in {c["command"] for c in api.commands}
    (reply,) = chat.command("/help")
    assert "/card" in reply["text"]
