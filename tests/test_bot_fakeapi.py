"""The fake Bot API answers like Telegram: checked with plain HTTP calls."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.fakebotapi import FakeBotAPI


def call(api: FakeBotAPI, method: str, token: str | None = None, **params: Any) -> httpx.Response:
    url = f"{api.base_url}{token or api.token}/{method}"
    return httpx.post(url, json=params, timeout=30)


def test_identity_token_and_unknown_methods(api: FakeBotAPI) -> None:
    me = call(api, "getMe").json()
    assert me["ok"] and me["result"]["username"] == api.bot_username
    assert me["result"]["id"] == int(api.token.split(":")[0])
    wrong = call(api, "getMe", token="1:wrong")
    assert wrong.status_code == 401 and wrong.json() == {
        "ok": False,
        "error_code": 401,
        "description": "Unauthorized",
    }
    assert call(api, "noSuchMethod").status_code == 404


def test_get_updates_offset_semantics(api: FakeBotAPI) -> None:
    api.push_text(7001, "یک")
    api.push_text(7001, "دو")
    first = call(api, "getUpdates", timeout=0).json()["result"]
    assert [u["message"]["text"] for u in first][-2:] == ["یک", "دو"]
    last = first[-1]["update_id"]
    # Repeating without an offset gives the same updates again; an offset confirms them.
    assert call(api, "getUpdates", timeout=0).json()["result"] == first
    assert call(api, "getUpdates", offset=last + 1, timeout=0).json()["result"] == []
    assert call(api, "getUpdates", timeout=0).json()["result"] == []
    api.push_text(7001, "سه")
    (update,) = call(api, "getUpdates", offset=last + 1, timeout=5).json()["result"]
    assert update["update_id"] == last + 1


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"text": "<b>x", "parse_mode": "HTML"}, "Bad Request: can't parse entities: Can't find"),
        ({"text": "<blink>x</blink>", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        ({"text": "a & b", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        ({"text": "<b><i>x</b></i>", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        ({"text": "ب" * 4097}, "Bad Request: message is too long"),
        ({"text": ""}, "Bad Request: message text is empty"),
        ({"text": "<b> </b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"),
        (
            {"text": "x", "reply_parameters": {"message_id": 999}},
            "Bad Request: message to be replied not found",
        ),
        (
            {
                "text": "x",
                "reply_markup": {"inline_keyboard": [[{"text": "t", "callback_data": "x" * 65}]]},
            },
            "Bad Request: BUTTON_DATA_INVALID",
        ),
    ],
)
def test_send_message_rejections(api: FakeBotAPI, params: dict[str, Any], description: str) -> None:
    api.chat(7002)
    r = call(api, "sendMessage", chat_id=7002, **params)
    assert r.status_code == 400
    assert r.json()["description"].startswith(description)


def test_send_message_accepts_valid_html_and_counts_after_parsing(api: FakeBotAPI) -> None:
    api.chat(7003)
    text = "<b>" + "&amp;" * 4096 + "</b>"  # 4096 characters once parsed
    r = call(
        api,
        "sendMessage",
        chat_id=7003,
        text=text,
        parse_mode="HTML",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )
    assert r.status_code == 200 and r.json()["result"]["text"] == "&" * 4096
    assert api.sent_messages(7003)[-1]["html"] == text


def test_form_and_multipart_requests(api: FakeBotAPI) -> None:
    api.chat(7004)
    form = httpx.post(
        f"{api.base_url}{api.token}/sendMessage",
        timeout=30,
        data={
            "chat_id": "7004",
            "text": "سلام",
            "reply_markup": json.dumps({"inline_keyboard": []}),
        },
    )
    assert form.json()["ok"]
    doc = httpx.post(
        f"{api.base_url}{api.token}/sendDocument",
        timeout=30,
        data={"chat_id": "7004", "caption": "فایل"},
        files={"document": ("a.csv", b"n,text\n1,x\n", "text/csv")},
    )
    assert doc.json()["result"]["document"]["file_name"] == "a.csv"
    assert api.sent_messages(7004)[-1]["content"] == "n,text\n1,x\n"


def test_faults(api: FakeBotAPI) -> None:
    api.chat(7005)
    api.inject("sendMessage", "5xx", times=2, status=502)
    assert call(api, "sendMessage", chat_id=7005, text="x").status_code == 502
    assert call(api, "sendMessage", chat_id=7005, text="x").status_code == 502
    assert call(api, "sendMessage", chat_id=7005, text="x").status_code == 200
    api.inject("sendMessage", "429", retry_after=3)
    r = call(api, "sendMessage", chat_id=7005, text="x")
    assert r.status_code == 429 and r.json()["parameters"] == {"retry_after": 3}
    api.inject("*", "drop")
    with pytest.raises(httpx.TransportError):
        call(api, "getMe")
    api.inject("getMe", "hang", seconds=2)
    before = len(api.calls("getMe"))
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{api.base_url}{api.token}/getMe", timeout=0.5)
    # The hung call is recorded when its answer goes out (to a client that left):
    # wait for it, so that it cannot land among a later test's calls.
    assert api.wait_until(lambda: len(api.calls("getMe")) > before, 30)
    assert api.calls("getMe")[-1].ok
    assert call(api, "getMe").json()["ok"]


def test_callbacks_edits_and_commands(api: FakeBotAPI) -> None:
    api.chat(7006)
    sent = call(api, "sendMessage", chat_id=7006, text="الف").json()["result"]
    qid = api.push_callback(7006, sent["message_id"], "f:1")
    assert call(api, "answerCallbackQuery", callback_query_id=qid, text="ok").json()["ok"]
    assert call(api, "answerCallbackQuery", callback_query_id=qid).status_code == 400
    assert api.callback_answer(qid) == {"text": "ok", "show_alert": False}
    same = call(api, "editMessageText", chat_id=7006, message_id=sent["message_id"], text="الف")
    assert "message is not modified" in same.json()["description"]
    edited = call(api, "editMessageText", chat_id=7006, message_id=sent["message_id"], text="ب")
    assert edited.json()["result"]["text"] == "ب"
    assert (
        call(api, "setMyCommands", commands=[{"command": "Bad!", "description": "x"}]).status_code
        == 400
    )
    assert call(
        api, "setMyCommands", commands=[{"command": "help", "description": "راهنما"}]
    ).json()["ok"]
    assert call(api, "getMyCommands").json()["result"] == [
        {"command": "help", "description": "راهنما"}
    ]


def test_control_api(api: FakeBotAPI) -> None:
    r = httpx.post(f"{api.url}/_control/push", json={"chat_id": 7007, "text": "متن"}, timeout=30)
    assert r.json()["result"]["text"] == "متن"
    httpx.post(f"{api.url}/_control/fault", json={"method": "getMe", "kind": "5xx"}, timeout=30)
    assert call(api, "getMe").status_code == 500
    calls = httpx.get(f"{api.url}/_control/calls", timeout=30).json()["result"]
    assert [c["status"] for c in calls if c["method"] == "getMe"][-1] == 500


# --- sendPhoto --------------------------------------------------------------------------


def _png(width: int, height: int) -> bytes:
    import io as _io

    from PIL import Image

    buf = _io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(buf, format="PNG")
    return buf.getvalue()


def send_photo(
    api: FakeBotAPI, upload: bytes | None, name: str = "photo", **params: Any
) -> httpx.Response:
    url = f"{api.base_url}{api.token}/sendPhoto"
    files = {name: ("card.png", upload, "image/png")} if upload is not None else None
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return httpx.post(url, data=data, files=files, timeout=30)


def test_send_photo_multipart_is_recorded_with_its_bytes(api: FakeBotAPI) -> None:
    api.chat(7101)
    png = _png(1080, 1350)
    answer = send_photo(
        api, png, chat_id="7101", caption="<b>عنوان</b>\nhttps://x.ir/1", parse_mode="HTML"
    ).json()
    assert answer["ok"], answer
    message = answer["result"]
    assert message["caption"] == "عنوان\nhttps://x.ir/1"
    assert message["photo"][-1]["width"] == 1080 and message["photo"][-1]["height"] == 1350
    assert api.photo_bytes(message) == png
    assert api.sent_messages(7101)[-1]["message_id"] == message["message_id"]
    # An uploaded photo can be sent again by its file id.
    again = call(api, "sendPhoto", chat_id=7101, photo=message["photo"][-1]["file_id"]).json()
    assert again["ok"] and api.photo_bytes(again["result"]) == png
    # attach:// names a file part of another name.
    attached = send_photo(api, png, name="card", chat_id="7101", photo="attach://card").json()
    assert attached["ok"]


@pytest.mark.parametrize(
    ("photo", "params", "description"),
    [
        (None, {}, "Bad Request: there is no photo in the request"),
        (b"", {}, "Bad Request: file must be non-empty"),
        (b"not an image at all", {}, "Bad Request: IMAGE_PROCESS_FAILED"),
        ("wide", {}, "Bad Request: PHOTO_INVALID_DIMENSIONS"),
        ("ok", {"caption": "ب" * 1025}, "Bad Request: message caption is too long"),
        # The limit counts the text after entity parsing: tags do not count.
        ("ok", {"caption": "<b>x", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        ("ok", {"caption": "a & b", "parse_mode": "HTML"}, "Bad Request: can't parse entities"),
        (
            "ok",
            {"reply_parameters": {"message_id": 99999}},
            "Bad Request: message to be replied not found",
        ),
    ],
)
def test_send_photo_errors_like_telegram(
    api: FakeBotAPI, photo: bytes | str | None, params: dict[str, Any], description: str
) -> None:
    api.chat(7102)
    data = {"ok": _png(100, 100), "wide": _png(2100, 100)}.get(photo, photo)  # type: ignore[arg-type]
    response = send_photo(api, data, chat_id="7102", **params)
    assert response.status_code == 400
    assert response.json()["description"].startswith(description)


def test_send_photo_caption_limit_is_after_entity_parsing(api: FakeBotAPI) -> None:
    api.chat(7103)
    caption = "<b>" + "ب" * 1020 + "</b>"
    ok = send_photo(api, _png(10, 10), chat_id="7103", caption=caption, parse_mode="HTML")
    assert ok.json()["ok"]
    unknown = call(api, "sendPhoto", chat_id=7103, photo="no-such-file-id").json()
    assert unknown["description"] == "Bad Request: wrong file identifier/HTTP URL specified"
