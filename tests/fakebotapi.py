"""A fake Telegram Bot API server for tests, load runs and fault drills.

It listens on loopback and answers ``/bot<token>/<method>`` the way Telegram
does: ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": 400,
"description": "Bad Request: ..."}``; 401 for a wrong token, 404 for an
unknown method. Messages sent in HTML parse mode are checked like Telegram
checks them (supported tags only, properly nested and closed, ``<`` and ``&``
escaped), as are the 4096-character limit, empty texts, replies to unknown
messages and callback data over 64 bytes.

Python API (everything is thread-safe)::

    from tests.fakebotapi import FakeBotAPI

    with FakeBotAPI() as api:                 # a free port on 127.0.0.1
        env = {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url}
        # ... start the bot with env ...
        msg = api.push_text(chat_id=42, text="...")          # a user writes
        api.push_forward_from_channel(42, "...", channel_id=-1001, post_id=7)
        api.push_caption(42, "...", media="photo")
        api.push_callback(42, message_id=3, data="f:1")
        replies = api.wait_for_messages(42, count=1, timeout=20)
        api.inject("sendMessage", "5xx", times=2)             # faults
        api.inject("sendMessage", "429", retry_after=1)
        api.inject("getUpdates", "drop")
        api.inject("sendMessage", "hang", seconds=3)
        api.calls("sendMessage")                               # recorded calls

Inline mode, channels and discussion groups::

    api = FakeBotAPI(inline_timeout=10.0)           # answers later than this are refused
    qid = api.push_inline_query("https://...")       # a user types @bot https://...
    api.push_inline_queries(["h", "ht", "htt"])     # fast typing, one getUpdates for all
    answer = api.wait_for_inline_answer(qid)         # results, cache_time, is_personal, button
    api.choose_inline_result(qid, "digest", chat_id=42)   # the user posts a result
    api.link_discussion(channel_id=-1001, group_id=-1002)  # channel and its group
    api.set_member(-1002, user_id=1001, status="administrator")
    post, forward = api.push_channel_post(-1001, "...")    # channel_post + automatic forward
    api.channel_calls()                              # requests aimed at a channel
    FakeBotAPI(group_limit=20, group_period=60)      # Telegram's group flood limit (429)

To run the real bot against it as a child process (``python -m bot`` with
``TELEGRAM_API_BASE_URL`` pointing here, its own SQLite file, DEBUG log in
``workdir/bot.log``)::

    bot = BotProcess(api, tmp / "raqam.sqlite3", tmp, env={"RAQAM_MERGE_WINDOW_SECONDS": "0"})
    bot.start()          # returns once the bot polls getUpdates
    ...
    assert bot.stop() == 0   # SIGTERM, wait, exit code

The bot holds forwarded posts (and the user's own texts long enough to be a
piece of a longer one) for ``RAQAM_MERGE_WINDOW_SECONDS`` (1.5 s by default)
to merge split articles: consecutive messages from the same origin are merged
(channel posts only when their post ids follow each other). For load runs use
distinct origins or a window of ``0``.

Bot messages are recorded with ``text`` (plain, after entity parsing) and
``html`` (what the bot sent); documents with ``document`` and ``content``;
photos (``sendPhoto``, uploaded as multipart or by the file id of an earlier
upload) with ``photo``, ``caption`` and ``caption_html``, and their uploaded
bytes by :meth:`FakeBotAPI.photo_bytes`. A photo is checked as Telegram
checks it: present, non-empty, at most 10 MB, a PNG or JPEG image, width and
height at most 10000 together and a ratio of at most 20.
Messages are dicts shaped like the Bot API's ``Message`` objects. Chats are
private by default; ``chat_type="group"`` (or ``"supergroup"``) makes group
chats. Run standalone with ``python -m tests.fakebotapi --port 8081``; a
control API (``POST /_control/push`` with an update or a ``{"text": ..}``
shortcut, ``POST /_control/fault``, ``GET /_control/calls``) then drives it
from another process.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

DEFAULT_TOKEN = "123456789:AAFakeTokenForRaqamTests_abcdefghijk"
DEFAULT_USER = {"id": 1001, "is_bot": False, "first_name": "کاربر", "language_code": "fa"}
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_INLINE_RESULTS = 50
# Telegram refuses an answer to an inline query that comes later than this (seconds).
INLINE_TIMEOUT = 10.0
# The sender of automatic forwards from a channel into its discussion group.
TELEGRAM_SERVICE_USER = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
_RESTRICTED_RIGHTS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
    "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
    "can_send_other_messages", "can_add_web_page_previews", "can_change_info",
    "can_invite_users", "can_pin_messages", "can_manage_topics",
)  # fmt: skip

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "blockquote", "span", "tg-emoji",
}  # fmt: skip
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
JSON_FIELDS = {
    "reply_markup", "entities", "caption_entities", "reply_parameters", "link_preview_options",
    "commands", "allowed_updates", "scope", "media", "results", "button",
}  # fmt: skip
CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}  # fmt: skip


class ApiError(Exception):
    """An error answer: HTTP status code, description, optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(text: str) -> ApiError:
    return ApiError(400, "Bad Request: " + text)


# --- HTML parse mode, as Telegram checks it ---------------------------------------


def _u16(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def parse_html(markup: str) -> str:
    """Return the plain text of Telegram-HTML ``markup`` or raise :class:`ApiError`
    with Telegram's "can't parse entities" description."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    data = markup

    def offset(pos: int) -> int:
        return len(data[:pos].encode("utf-8"))

    def fail(msg: str) -> ApiError:
        return bad_request("can't parse entities: " + msg)

    n = len(data)
    while i < n:
        c = data[i]
        if c == "<":
            end = data.find(">", i)
            if end < 0:
                raise fail(f"Unclosed start tag at byte offset {offset(i)}")
            body = data[i + 1 : end]
            if body.startswith("/"):
                name = body[1:].strip().lower()
                if not stack:
                    raise fail(f"Unexpected end tag at byte offset {offset(i)}")
                if stack[-1] != name:
                    raise fail(
                        f'Unmatched end tag at byte offset {offset(i)}, expected "</{stack[-1]}>", '
                        f'found "</{name}>"'
                    )
                stack.pop()
            else:
                m = re.match(r"([a-zA-Z][a-zA-Z0-9-]*)(.*)$", body, re.S)
                if not m:
                    raise fail(f"Empty tag name at byte offset {offset(i)}")
                name = m.group(1).lower()
                if name not in ALLOWED_TAGS:
                    raise fail(f'Unsupported start tag "{name}" at byte offset {offset(i)}')
                attrs = m.group(2).strip()
                if attrs and not re.fullmatch(
                    r"""(\s*[a-zA-Z-]+(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*""", attrs
                ):
                    raise fail(
                        f"Expected equal sign in declaration of an attribute of the "
                        f'tag "{name}" at byte offset {offset(i)}'
                    )
                if name == "span" and "tg-spoiler" not in attrs:
                    raise fail(
                        f'Tag "span" must have class "tg-spoiler" at byte offset {offset(i)}'
                    )
                stack.append(name)
            i = end + 1
        elif c == "&":
            m = re.match(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);", data[i:])
            if not m:
                raise fail(f"Character entity expected at byte offset {offset(i)}")
            ent = m.group(1)
            if ent.startswith("#"):
                code = int(ent[2:], 16) if ent[1:2] in "xX" else int(ent[1:])
                try:
                    out.append(chr(code))
                except (ValueError, OverflowError):
                    raise fail(f"Invalid character entity at byte offset {offset(i)}") from None
            elif ent in NAMED_ENTITIES:
                out.append(NAMED_ENTITIES[ent])
            else:
                raise fail(f'Unsupported HTML entity "&{ent};" at byte offset {offset(i)}')
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def message_plain_text(text: str, parse_mode: str | None, *, limit: int, what: str) -> str:
    """Validate a text/caption as Telegram does and return its plain text."""
    plain = parse_html(text) if (parse_mode or "").upper() == "HTML" else text
    if what == "text" and not plain.strip():
        raise bad_request("message text is empty")
    if _u16(plain) > limit:
        raise bad_request(
            "message is too long" if what == "text" else "message caption is too long"
        )
    return plain


def check_reply_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return
    if not isinstance(rows, list):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise bad_request("BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not str(button["url"]).startswith(("http", "tg:")):
                raise bad_request("BUTTON_URL_INVALID")


# --- recorded calls and faults ------------------------------------------------------


@dataclass
class Call:
    """One request the server received."""

    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]]
    status: int = 0
    response: dict[str, Any] | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Fault:
    """What to do instead of a normal answer: ``5xx``, ``429``, ``hang``, ``drop``."""

    kind: str
    status: int = 500
    retry_after: int = 1
    seconds: float = 5.0


FAULT_KINDS = ("5xx", "429", "hang", "drop", "400")


# --- the server state -------------------------------------------------------------------


class FakeBotAPI:
    """The fake Bot API: state, helpers for tests, and the HTTP server."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "raqam_test_bot",
        inline_timeout: float = INLINE_TIMEOUT,
        supports_inline: bool = False,
        group_limit: int | None = None,
        group_period: float = 60.0,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.host = host
        self._port = port
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._update_ids = itertools.count(1)
        self._updates: list[dict[str, Any]] = []
        self._confirmed = 0
        self._last_update_id = 0
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._photos: dict[str, bytes] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._callbacks: dict[str, dict[str, Any]] = {}
        self._callback_ids = itertools.count(1)
        self._faults: dict[str, collections.deque[Fault]] = collections.defaultdict(
            collections.deque
        )
        self._calls: list[Call] = []
        self._arrivals: list[Call] = []
        self.commands: list[dict[str, Any]] = []
        self.webhook_url = ""
        # Inline mode, channels and their discussion groups, chat members.
        self.inline_timeout = inline_timeout
        self.supports_inline = supports_inline
        self._inline: dict[str, dict[str, Any]] = {}
        self._inline_ids = itertools.count(1)
        self._discussion: dict[int, int] = {}  # channel id -> linked group id
        self._members: dict[tuple[int, int], str] = {}  # (chat, user) -> status
        self._channel_calls: list[Call] = []
        # Telegram's flood limit for groups (messages per period), when enforced.
        self.group_limit = group_limit
        self.group_period = group_period
        self._group_sends: dict[int, collections.deque[float]] = collections.defaultdict(
            collections.deque
        )
        self.group_floods: list[int] = []  # groups that got a 429 for going over the limit
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeBotAPI:
        server = ThreadingHTTPServer((self.host, self._port), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self._port = int(server.server_address[1])
        self._thread = threading.Thread(target=server.serve_forever, name="fakebotapi", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            with self._cond:
                self._cond.notify_all()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        """Value for ``TELEGRAM_API_BASE_URL`` (the token is appended by the client)."""
        return f"http://{self.host}:{self._port}/bot"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._port}"

    # -- chats and messages ----------------------------------------------------------------

    def chat(
        self, chat_id: int, chat_type: str = "private", title: str | None = None
    ) -> dict[str, Any]:
        """The chat object for ``chat_id`` (created on first use)."""
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None:
                chat = {"id": chat_id, "type": chat_type}
                if chat_type == "private":
                    chat["first_name"] = "کاربر"
                else:
                    chat["title"] = title or f"گروه {chat_id}"
                self._chats[chat_id] = chat
            return dict(chat)

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        with self._lock:
            m = self._messages.get((chat_id, message_id))
            return dict(m) if m else None

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "رقم",
            "username": self.bot_username,
        }

    def make_message(
        self,
        chat_id: int,
        *,
        text: str | None = None,
        caption: str | None = None,
        media: str | None = None,
        user: dict[str, Any] | None = None,
        chat_type: str = "private",
        entities: list[dict[str, Any]] | None = None,
        reply_to: int | None = None,
        forward_origin: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Build and register a user message (not yet delivered as an update)."""
        with self._lock:
            chat = self.chat(chat_id, chat_type)
            sender = dict(user or DEFAULT_USER)
            if chat_type == "private":
                sender["id"] = chat_id if chat_id > 0 else sender["id"]
            msg: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "date": int(time.time()),
                "chat": chat,
                "from": sender,
            }
            if text is not None:
                msg["text"] = text
                if entities:
                    msg["entities"] = entities
            if caption is not None or media is not None:
                msg.update(_media(media or "photo"))
                if caption is not None:
                    msg["caption"] = caption
                    if entities:
                        msg["caption_entities"] = entities
            if reply_to is not None:
                target = self._messages.get((chat_id, reply_to))
                if target is None:
                    raise KeyError(f"no message {reply_to} in chat {chat_id}")
                msg["reply_to_message"] = {
                    k: v for k, v in target.items() if k != "reply_to_message"
                }
            if forward_origin is not None:
                msg["forward_origin"] = forward_origin
            if extra:
                msg.update(extra)
            self._messages[(chat_id, msg["message_id"])] = msg
            return msg

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` is assigned); return its id."""
        with self._cond:
            update = dict(update)
            update["update_id"] = next(self._update_ids)
            self._last_update_id = int(update["update_id"])
            self._updates.append(update)
            self._cond.notify_all()
            return int(update["update_id"])

    def push_message(self, message: dict[str, Any]) -> dict[str, Any]:
        self.push_update({"message": message})
        return message

    def push_text(self, chat_id: int, text: str, **kw: Any) -> dict[str, Any]:
        """A user sends ``text`` (``entities``, ``reply_to``, ``chat_type``, ``user`` optional)."""
        return self.push_message(self.make_message(chat_id, text=text, **kw))

    def push_command(self, chat_id: int, command: str, **kw: Any) -> dict[str, Any]:
        """A user sends ``/command args`` (with the bot_command entity Telegram adds)."""
        name = command.split()[0]
        entities = [{"type": "bot_command", "offset": 0, "length": _u16(name)}]
        return self.push_text(chat_id, command, entities=entities, **kw)

    def push_caption(
        self, chat_id: int, caption: str, media: str = "photo", **kw: Any
    ) -> dict[str, Any]:
        """A photo/video/document with a caption."""
        return self.push_message(self.make_message(chat_id, caption=caption, media=media, **kw))

    def push_forward_from_channel(
        self,
        chat_id: int,
        text: str,
        *,
        channel_id: int = -1001234567890,
        post_id: int = 1,
        channel_title: str = "خبرگزاری نمونه",
        username: str | None = "sample_news",
        **kw: Any,
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": channel_id, "type": "channel", "title": channel_title}
        if username:
            chat["username"] = username
        origin = {"type": "channel", "date": int(time.time()), "chat": chat, "message_id": post_id}
        return self.push_text(chat_id, text, forward_origin=origin, **kw)

    def push_forward_from_user(
        self, chat_id: int, text: str, *, user_id: int = 555, **kw: Any
    ) -> dict[str, Any]:
        origin = {
            "type": "user",
            "date": int(time.time()),
            "sender_user": {"id": user_id, "is_bot": False, "first_name": "نویسنده"},
        }
        return self.push_text(chat_id, text, forward_origin=origin, **kw)

    def push_forward_hidden(
        self, chat_id: int, text: str, *, name: str = "ناشناس", **kw: Any
    ) -> dict[str, Any]:
        origin = {"type": "hidden_user", "date": int(time.time()), "sender_user_name": name}
        return self.push_text(chat_id, text, forward_origin=origin, **kw)

    def push_callback(
        self, chat_id: int, message_id: int, data: str, user: dict[str, Any] | None = None
    ) -> str:
        """A user presses an inline button of bot message ``message_id``; return the query id."""
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise KeyError(f"no message {message_id} in chat {chat_id}")
            qid = str(next(self._callback_ids))
            sender = dict(user or DEFAULT_USER)
            if chat_id > 0:
                sender["id"] = chat_id
            query = {
                "id": qid,
                "from": sender,
                "message": message,
                "chat_instance": f"ci{chat_id}",
                "data": data,
            }
            self._callbacks[qid] = {"answered": False, "answer": None}
        self.push_update({"callback_query": query})
        return qid

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        with self._lock:
            entry = self._callbacks.get(query_id)
            return entry["answer"] if entry and entry["answered"] else None

    # -- faults -----------------------------------------------------------------------------

    def inject(
        self,
        method: str,
        kind: str,
        *,
        times: int = 1,
        status: int = 500,
        retry_after: int = 1,
        seconds: float = 5.0,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (``"*"`` for any) fail.

        ``kind``: ``"5xx"`` (HTTP ``status``, default 500), ``"429"`` (Too Many
        Requests with ``parameters.retry_after``), ``"hang"`` (wait ``seconds``,
        then answer normally), ``"drop"`` (close the connection without an
        answer), ``"400"`` (a generic Bad Request).
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        with self._lock:
            for _ in range(times):
                self._faults[method.lower()].append(
                    Fault(kind, status=status, retry_after=retry_after, seconds=seconds)
                )

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take_fault(self, method: str) -> Fault | None:
        with self._lock:
            for key in (method.lower(), "*"):
                queue = self._faults.get(key)
                if queue:
                    return queue.popleft()
            return None

    # -- recorded calls ---------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method.lower() == method.lower()]

    def arrivals(self, method: str | None = None) -> list[Call]:
        """Requests as they arrived, before they were answered (``calls`` lists them
        once answered): a long-polling getUpdates shows here while it waits."""
        with self._lock:
            return [
                c for c in self._arrivals if method is None or c.method.lower() == method.lower()
            ]

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent successfully (sendMessage/sendDocument/sendPhoto
        results), in order."""
        with self._lock:
            out = []
            for c in self._calls:
                sending = ("sendmessage", "senddocument", "sendphoto")
                if c.ok and c.method.lower() in sending and c.response:
                    result = c.response["result"]
                    if chat_id is None or result["chat"]["id"] == chat_id:
                        out.append(result)
            return out

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
        """Block until ``predicate()`` is true (re-checked on every call); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.5))
            return True

    def wait_for_messages(
        self, chat_id: int, count: int = 1, *, after: int = 0, timeout: float = 30.0
    ) -> list[dict[str, Any]]:
        """Wait until the bot has sent ``count`` messages to ``chat_id`` beyond the first
        ``after``; return those new messages (raises TimeoutError)."""
        if not self.wait_until(lambda: len(self.sent_messages(chat_id)) >= after + count, timeout):
            got = self.sent_messages(chat_id)[after:]
            raise TimeoutError(f"chat {chat_id}: wanted {count} messages, got {len(got)}: {got!r}")
        return self.sent_messages(chat_id)[after:]

    def wait_for_calls(self, method: str, count: int = 1, timeout: float = 30.0) -> list[Call]:
        if not self.wait_until(lambda: len(self.calls(method)) >= count, timeout):
            raise TimeoutError(f"wanted {count} {method} calls, got {len(self.calls(method))}")
        return self.calls(method)

    @property
    def last_update_id(self) -> int:
        """The id of the most recently pushed update (0 before any)."""
        with self._lock:
            return self._last_update_id

    @property
    def pending_updates(self) -> int:
        """Updates pushed but not yet confirmed by a later getUpdates offset."""
        with self._lock:
            return len(self._updates)

    # -- inline mode ------------------------------------------------------------------------

    def make_inline_query(
        self, query: str, *, user: dict[str, Any] | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        """An inline query ``@bot <query>`` typed by ``user`` (not yet delivered)."""
        with self._lock:
            qid = f"iq{next(self._inline_ids)}"
            self._inline[qid] = {
                "at": time.monotonic(),
                "answered": False,
                "answer": None,
                "query": query,
                "user": dict(user or DEFAULT_USER),
            }
        return {
            "id": qid,
            "from": dict(user or DEFAULT_USER),
            "query": query,
            "offset": "",
            "chat_type": chat_type,
        }

    def push_inline_query(self, query: str, **kw: Any) -> str:
        """A user types ``@bot <query>``; return the query id."""
        inline = self.make_inline_query(query, **kw)
        self.push_update({"inline_query": inline})
        return str(inline["id"])

    def push_inline_queries(self, queries: list[str], **kw: Any) -> list[str]:
        """A user typing fast: one inline query per keystroke, all queued at once (so
        that one getUpdates delivers them together); return their ids."""
        made = [self.make_inline_query(q, **kw) for q in queries]
        with self._cond:
            for inline in made:
                update_id = next(self._update_ids)
                update: dict[str, Any] = {"inline_query": inline, "update_id": update_id}
                self._last_update_id = update_id
                self._updates.append(update)
            self._cond.notify_all()
        return [str(m["id"]) for m in made]

    def inline_answer(self, query_id: str) -> dict[str, Any] | None:
        """The accepted answer to an inline query (its parameters), or None."""
        with self._lock:
            entry = self._inline.get(query_id)
            return dict(entry["answer"]) if entry and entry["answered"] else None

    def wait_for_inline_answer(self, query_id: str, timeout: float = 30.0) -> dict[str, Any]:
        if not self.wait_until(lambda: self.inline_answer(query_id) is not None, timeout):
            raise TimeoutError(f"inline query {query_id} was not answered")
        answer = self.inline_answer(query_id)
        assert answer is not None
        return answer

    def choose_inline_result(
        self, query_id: str, result_id: str, chat_id: int, chat_type: str = "private"
    ) -> dict[str, Any]:
        """The user picks result ``result_id``: their client posts its message into
        ``chat_id`` (``via_bot`` set). The message is returned; it is delivered to the
        bot as an update only when ``chat_id`` is the user's private chat with it."""
        with self._lock:
            entry = self._inline.get(query_id)
            if entry is None or not entry["answered"]:
                raise KeyError(f"inline query {query_id} has no answer")
            results = {str(r["id"]): r for r in entry["answer"]["results"]}
            result = results[result_id]
            content = result["input_message_content"]
            text = message_plain_text(
                str(content["message_text"]),
                content.get("parse_mode"),
                limit=MAX_TEXT,
                what="text",
            )
            msg = self.make_message(
                chat_id,
                text=text,
                user=entry["user"],
                chat_type=chat_type,
                extra={"via_bot": self.bot_user(), "html": content["message_text"]},
            )
        if chat_id == entry["user"]["id"]:
            self.push_message(msg)
        return msg

    def _answer_inline_query(self, p: dict[str, Any], _f: Any) -> bool:
        qid = str(p.get("inline_query_id") or "")
        too_old = bad_request(
            "query is too old and response timeout expired or query ID is invalid"
        )
        with self._lock:
            entry = self._inline.get(qid)
            if entry is None or entry["answered"]:
                raise too_old
            if time.monotonic() - entry["at"] > self.inline_timeout:
                raise too_old
        results = p.get("results")
        if not isinstance(results, list):
            raise bad_request("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            _check_inline_result(result, seen)
        button = p.get("button")
        if button is not None:
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request("BUTTON_TEXT_EMPTY")
            start = button.get("start_parameter")
            if start is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", str(start)):
                raise bad_request("START_PARAM_INVALID")
        cache_time = _int(p.get("cache_time"), 300)
        if cache_time < 0:
            raise bad_request("CACHE_TIME_INVALID")
        with self._lock:
            entry = self._inline[qid]
            if entry["answered"]:
                raise too_old
            entry["answered"] = True
            entry["answer"] = {
                "results": results,
                "cache_time": cache_time,
                "is_personal": _bool(p.get("is_personal")),
                "button": button,
                "at": time.monotonic(),
            }
        return True

    # -- channels, discussion groups, members -----------------------------------------------

    def channel(
        self, channel_id: int, title: str = "خبرگزاری نمونه", username: str | None = "sample_news"
    ) -> dict[str, Any]:
        """The channel ``channel_id`` (created on first use)."""
        with self._lock:
            chat = self._chats.get(channel_id)
            if chat is None:
                chat = {"id": channel_id, "type": "channel", "title": title}
                if username:
                    chat["username"] = username
                self._chats[channel_id] = chat
            return dict(chat)

    def link_discussion(self, channel_id: int, group_id: int, title: str = "گفتگوی کانال") -> None:
        """Make supergroup ``group_id`` the discussion group of channel ``channel_id``:
        Telegram then forwards every channel post into it (``is_automatic_forward``)."""
        self.channel(channel_id)
        with self._lock:
            self.chat(group_id, "supergroup", title)
            self._chats[group_id]["linked_chat_id"] = channel_id
            self._chats[channel_id]["linked_chat_id"] = group_id
            self._discussion[channel_id] = group_id

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """``status``: creator, administrator, member, restricted, left or kicked."""
        with self._lock:
            self._members[(chat_id, user_id)] = status

    def push_channel_post(
        self, channel_id: int, text: str, *, entities: list[dict[str, Any]] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The channel publishes ``text``: a ``channel_post`` update, and, when the channel
        has a discussion group, the automatic forward into it (a ``message`` update).
        Returns (post, forward)."""
        with self._lock:
            chat = self.channel(channel_id)
            post: dict[str, Any] = {
                "message_id": self._next_message_id(channel_id),
                "date": int(time.time()),
                "chat": chat,
                "sender_chat": chat,
                "text": text,
            }
            if entities:
                post["entities"] = entities
            self._messages[(channel_id, post["message_id"])] = post
            group_id = self._discussion.get(channel_id)
        self.push_update({"channel_post": post})
        if group_id is None:
            return post, None
        origin = {
            "type": "channel",
            "date": post["date"],
            "chat": chat,
            "message_id": post["message_id"],
        }
        forward = self.make_message(
            group_id,
            text=text,
            entities=entities,
            user=TELEGRAM_SERVICE_USER,
            chat_type="supergroup",
            forward_origin=origin,
            extra={"sender_chat": chat, "is_automatic_forward": True},
        )
        self.push_message(forward)
        return post, forward

    def channel_calls(self) -> list[Call]:
        """Every request that tried to post, edit or act in a channel (the bot must never)."""
        with self._lock:
            return list(self._channel_calls)

    def _watch_chat_call(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> None:
        """Record requests aimed at a channel; enforce the group flood limit."""
        name = method.lower()
        if not name.startswith(("send", "edit", "copy", "forward", "delete", "pin")):
            return
        try:
            chat_id = int(str(params.get("chat_id") or 0))
        except ValueError:
            return
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is not None and chat["type"] == "channel":
                self._channel_calls.append(Call(method, dict(params), dict(files)))
                if self._members.get((chat_id, self.bot_id)) not in ("administrator", "creator"):
                    raise bad_request("need administrator rights in the channel chat")
            if (
                self.group_limit is not None
                and chat is not None
                and chat["type"] in ("group", "supergroup")
                and name.startswith(("send", "copy", "forward"))
                and name != "sendchataction"
            ):
                now = time.monotonic()
                sent = self._group_sends[chat_id]
                while sent and now - sent[0] >= self.group_period:
                    sent.popleft()
                if len(sent) >= self.group_limit:
                    wait = max(1, int(self.group_period - (now - sent[0])) + 1)
                    self.group_floods.append(chat_id)
                    raise ApiError(
                        429, f"Too Many Requests: retry after {wait}", {"retry_after": wait}
                    )
                sent.append(now)

    def _member_of(self, chat_id: int, user_id: int) -> dict[str, Any]:
        status = self._members.get((chat_id, user_id), "left")
        if user_id == self.bot_id:
            user = self.bot_user()
        else:
            user = {"id": user_id, "is_bot": False, "first_name": f"کاربر {user_id}"}
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": False,
                    "can_edit_stories": False,
                    "can_delete_stories": False,
                }
            )
        elif status == "restricted":
            member.update({"is_member": True, "until_date": 0})
            member.update({k: False for k in _RESTRICTED_RIGHTS})
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _get_chat_member(self, p: dict[str, Any], _f: Any) -> dict[str, Any]:
        chat_id = self._chat_id(p)
        raw = p.get("user_id")
        if raw is None or raw == "":
            raise bad_request("user_id is empty")
        user_id = _int(raw, 0)
        with self._lock:
            if self._chats[chat_id]["type"] == "private" and user_id != chat_id:
                raise bad_request("user not found")
            return self._member_of(chat_id, user_id)

    def _get_chat_administrators(self, p: dict[str, Any], _f: Any) -> list[dict[str, Any]]:
        chat_id = self._chat_id(p)
        with self._lock:
            if self._chats[chat_id]["type"] == "private":
                raise bad_request("there are no administrators in the private chat")
            return [
                self._member_of(chat_id, user_id)
                for (chat, user_id), status in sorted(self._members.items())
                if chat == chat_id and status in ("creator", "administrator")
            ]

    def _get_chat(self, p: dict[str, Any], _f: Any) -> dict[str, Any]:
        chat_id = self._chat_id(p)
        with self._lock:
            chat = dict(self._chats[chat_id])
        chat.setdefault("accent_color_id", 0)
        chat.setdefault("max_reaction_count", 11)
        return chat

    # -- the Bot API methods ------------------------------------------------------------------

    def handle(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> Any:
        name = method.lower()
        fn = _METHODS.get(name)
        if fn is None:
            raise ApiError(404, "Not Found")
        self._watch_chat_call(method, params, files)
        return fn(self, params, files)

    def _arrived(self, call: Call) -> None:
        with self._cond:
            self._arrivals.append(call)
            self._cond.notify_all()

    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

    def _get_updates(self, p: dict[str, Any], _f: Any) -> list[dict[str, Any]]:
        offset = _int(p.get("offset"), 0)
        limit = max(1, min(_int(p.get("limit"), 100), 100))
        timeout = max(0, _int(p.get("timeout"), 0))
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                self._confirmed = max(self._confirmed, offset - 1)
            while True:
                ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
                left = deadline - time.monotonic()
                if ready or left <= 0 or self._server is None:
                    return ready
                self._cond.wait(min(left, 0.5))

    def _store_bot_message(self, chat_id: int, extra: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None:
                raise bad_request("chat not found")
            msg: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "date": int(time.time()),
                "chat": dict(chat),
                "from": self.bot_user(),
            }
            msg.update(extra)
            self._messages[(chat_id, msg["message_id"])] = msg
            return msg

    def _reply_target(self, chat_id: int, p: dict[str, Any]) -> dict[str, Any] | None:
        rp = p.get("reply_parameters")
        target_id = (
            _int(rp.get("message_id"), 0)
            if isinstance(rp, dict)
            else _int(p.get("reply_to_message_id"), 0)
        )
        allow = (
            bool(rp.get("allow_sending_without_reply"))
            if isinstance(rp, dict)
            else _bool(p.get("allow_sending_without_reply"))
        )
        if not target_id:
            return None
        with self._lock:
            target = self._messages.get((chat_id, target_id))
        if target is None and not allow:
            raise bad_request("message to be replied not found")
        return target

    def _chat_id(self, p: dict[str, Any]) -> int:
        raw = p.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        with self._lock:
            if chat_id not in self._chats:
                raise bad_request("chat not found")
        return chat_id

    def _send_message(self, p: dict[str, Any], _f: Any) -> dict[str, Any]:
        chat_id = self._chat_id(p)
        text = p.get("text")
        if text is None or str(text) == "":
            raise bad_request("message text is empty")
        plain = message_plain_text(str(text), p.get("parse_mode"), limit=MAX_TEXT, what="text")
        check_reply_markup(p.get("reply_markup"))
        target = self._reply_target(chat_id, p)
        extra: dict[str, Any] = {"text": plain, "html": str(text)}
        if target is not None:
            extra["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
        if p.get("reply_markup"):
            extra["reply_markup"] = p["reply_markup"]
        return self._store_bot_message(chat_id, extra)

    def _send_document(
        self, p: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> dict[str, Any]:
        chat_id = self._chat_id(p)
        doc = p.get("document")
        if isinstance(doc, str) and doc.startswith("attach://"):
            doc = files.get(doc[len("attach://") :])
        elif "document" in files:
            doc = files["document"]
        if not isinstance(doc, tuple):
            raise bad_request("there is no document in the request")
        filename, content = doc
        if not content:
            raise bad_request("file must be non-empty")
        caption = p.get("caption")
        extra: dict[str, Any] = {
            "document": {
                "file_id": f"doc{len(self._calls)}",
                "file_unique_id": f"u{len(self._calls)}",
                "file_name": filename,
                "file_size": len(content),
            },
            "content": content.decode("utf-8", errors="replace"),
        }
        if caption:
            extra["caption"] = message_plain_text(
                str(caption), p.get("parse_mode"), limit=MAX_CAPTION, what="caption"
            )
        check_reply_markup(p.get("reply_markup"))
        target = self._reply_target(chat_id, p)
        if target is not None:
            extra["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
        return self._store_bot_message(chat_id, extra)

    def photo_bytes(self, message: dict[str, Any]) -> bytes:
        """The bytes uploaded for the photo of a message the bot sent."""
        sizes = message.get("photo") or []
        if not sizes:
            raise KeyError("the message has no photo")
        with self._lock:
            return self._photos[sizes[-1]["file_id"]]

    def _send_photo(self, p: dict[str, Any], files: dict[str, tuple[str, bytes]]) -> dict[str, Any]:
        chat_id = self._chat_id(p)
        photo = p.get("photo")
        content: bytes | None = None
        if isinstance(photo, str) and photo.startswith("attach://"):
            upload = files.get(photo[len("attach://") :])
            content = upload[1] if upload else None
        elif "photo" in files:
            content = files["photo"][1]
        elif isinstance(photo, str) and photo:
            with self._lock:
                content = self._photos.get(photo)
            if content is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        if content is None:
            raise bad_request("there is no photo in the request")
        if not content:
            raise bad_request("file must be non-empty")
        if len(content) > MAX_PHOTO_BYTES:
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        width, height = _image_size(content)
        if width + height > 10000 or max(width, height) > 20 * min(width, height):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        extra: dict[str, Any] = {}
        caption = p.get("caption")
        if caption:
            extra["caption"] = message_plain_text(
                str(caption), p.get("parse_mode"), limit=MAX_CAPTION, what="caption"
            )
            extra["caption_html"] = str(caption)
        check_reply_markup(p.get("reply_markup"))
        target = self._reply_target(chat_id, p)
        if target is not None:
            extra["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
        if p.get("reply_markup"):
            extra["reply_markup"] = p["reply_markup"]
        with self._lock:
            n = len(self._photos) // 2 + 1
            file_id = f"photo{n}"
            self._photos[file_id] = content
            self._photos[f"{file_id}s"] = content
        scale = min(1.0, 320 / max(width, height))
        extra["photo"] = [
            {
                "file_id": f"{file_id}s",
                "file_unique_id": f"up{n}s",
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
            },
            {
                "file_id": file_id,
                "file_unique_id": f"up{n}",
                "width": width,
                "height": height,
                "file_size": len(content),
            },
        ]
        return self._store_bot_message(chat_id, extra)

    def _edit_message_text(self, p: dict[str, Any], _f: Any) -> dict[str, Any]:
        chat_id = self._chat_id(p)
        mid = _int(p.get("message_id"), 0)
        with self._lock:
            msg = self._messages.get((chat_id, mid))
            if msg is None:
                raise bad_request("message to edit not found")
            if msg.get("from", {}).get("id") != self.bot_id:
                raise bad_request("message can't be edited")
            text = p.get("text")
            if not text:
                raise bad_request("message text is empty")
            plain = message_plain_text(str(text), p.get("parse_mode"), limit=MAX_TEXT, what="text")
            check_reply_markup(p.get("reply_markup"))
            markup = p.get("reply_markup")
            if plain == msg.get("text") and markup == msg.get("reply_markup"):
                raise bad_request(
                    "message is not modified: specified new message content and reply markup "
                    "are exactly the same as a current content and reply markup of the message"
                )
            msg["text"] = plain
            msg["html"] = str(text)
            msg["edit_date"] = int(time.time())
            if markup:
                msg["reply_markup"] = markup
            else:
                msg.pop("reply_markup", None)
            return dict(msg)

    def _answer_callback_query(self, p: dict[str, Any], _f: Any) -> bool:
        qid = str(p.get("callback_query_id") or "")
        with self._lock:
            entry = self._callbacks.get(qid)
            if entry is None or entry["answered"]:
                raise bad_request(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            text = p.get("text")
            if text is not None and len(str(text)) > 200:
                raise bad_request("MESSAGE_TOO_LONG")
            entry["answered"] = True
            entry["answer"] = {"text": text, "show_alert": _bool(p.get("show_alert"))}
        return True

    def _send_chat_action(self, p: dict[str, Any], _f: Any) -> bool:
        self._chat_id(p)
        if p.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def _set_my_commands(self, p: dict[str, Any], _f: Any) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise bad_request('parameter "commands" is required')
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(c.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        with self._lock:
            self.commands = [dict(c) for c in commands]
        return True

    def _get_my_commands(self, p: dict[str, Any], _f: Any) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(c) for c in self.commands]

    def _set_webhook(self, p: dict[str, Any], _f: Any) -> bool:
        url = str(p.get("url") or "")
        if url and not url.startswith("https://") and not url.startswith("http://127.0.0.1"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        with self._lock:
            self.webhook_url = url
        return True

    def _delete_webhook(self, p: dict[str, Any], _f: Any) -> bool:
        with self._lock:
            self.webhook_url = ""
            if _bool(p.get("drop_pending_updates")):
                self._updates.clear()
        return True

    def _get_webhook_info(self, p: dict[str, Any], _f: Any) -> dict[str, Any]:
        with self._lock:
            return {
                "url": self.webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    def _get_me(self, p: dict[str, Any], _f: Any) -> dict[str, Any]:
        me = self.bot_user()
        me.update(
            {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": self.supports_inline,
            }
        )
        return me


_METHODS: dict[str, Callable[[FakeBotAPI, dict[str, Any], dict[str, tuple[str, bytes]]], Any]] = {
    "getme": FakeBotAPI._get_me,
    "getupdates": FakeBotAPI._get_updates,
    "sendmessage": FakeBotAPI._send_message,
    "senddocument": FakeBotAPI._send_document,
    "sendphoto": FakeBotAPI._send_photo,
    "editmessagetext": FakeBotAPI._edit_message_text,
    "answercallbackquery": FakeBotAPI._answer_callback_query,
    "sendchataction": FakeBotAPI._send_chat_action,
    "setmycommands": FakeBotAPI._set_my_commands,
    "getmycommands": FakeBotAPI._get_my_commands,
    "setwebhook": FakeBotAPI._set_webhook,
    "deletewebhook": FakeBotAPI._delete_webhook,
    "getwebhookinfo": FakeBotAPI._get_webhook_info,
    "answerinlinequery": FakeBotAPI._answer_inline_query,
    "getchatmember": FakeBotAPI._get_chat_member,
    "getchatadministrators": FakeBotAPI._get_chat_administrators,
    "getchat": FakeBotAPI._get_chat,
}


def _media(kind: str) -> dict[str, Any]:
    if kind == "photo":
        return {"photo": [{"file_id": "p1", "file_unique_id": "up1", "width": 800, "height": 600}]}
    if kind == "video":
        return {
            "video": {
                "file_id": "v1",
                "file_unique_id": "uv1",
                "width": 640,
                "height": 360,
                "duration": 12,
            }
        }
    if kind == "document":
        return {"document": {"file_id": "d1", "file_unique_id": "ud1", "file_name": "report.pdf"}}
    raise ValueError(f"unknown media kind {kind!r}")


def _image_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG or JPEG image, or Telegram's answer to anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if width and height:
            return width, height
    elif data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                break
            marker = data[i + 1]
            length = int.from_bytes(data[i + 2 : i + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height = int.from_bytes(data[i + 5 : i + 7], "big")
                width = int.from_bytes(data[i + 7 : i + 9], "big")
                if width and height:
                    return width, height
                break
            i += 2 + length
    raise bad_request("IMAGE_PROCESS_FAILED")


def _int(value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid integer {value!r}") from None


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


INLINE_RESULT_TYPES = {
    "article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document",
    "location", "venue", "contact", "game", "sticker",
}  # fmt: skip


def _check_inline_result(result: Any, seen: set[str]) -> None:
    """Check one InlineQueryResult as Telegram does."""
    if not isinstance(result, dict):
        raise bad_request("can't parse inline query result JSON object")
    if result.get("type") not in INLINE_RESULT_TYPES:
        raise bad_request("RESULT_TYPE_INVALID")
    rid = result.get("id")
    if not isinstance(rid, str) or not 1 <= len(rid.encode("utf-8")) <= 64:
        raise bad_request("RESULT_ID_INVALID")
    if rid in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(rid)
    if result["type"] == "article" and not str(result.get("title") or "").strip():
        raise bad_request("RESULT_TITLE_EMPTY")
    content = result.get("input_message_content")
    if result["type"] == "article" and not isinstance(content, dict):
        raise bad_request("input_message_content of the article result is required")
    if isinstance(content, dict) and "message_text" in content:
        text = str(content.get("message_text") or "")
        if not text:
            raise bad_request("MESSAGE_EMPTY")
        plain = parse_html(text) if str(content.get("parse_mode") or "").upper() == "HTML" else text
        if not plain.strip():
            raise bad_request("MESSAGE_EMPTY")
        if _u16(plain) > MAX_TEXT:
            raise bad_request("MESSAGE_TOO_LONG")
    check_reply_markup(result.get("reply_markup"))


# --- HTTP plumbing ---------------------------------------------------------------------------


def _decode_params(
    handler: BaseHTTPRequestHandler, body: bytes
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    ctype = handler.headers.get("Content-Type", "")
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    query = urlsplit(handler.path).query
    for k, v in parse_qs(query).items():
        params[k] = v[-1]
    if ctype.startswith("application/json") and body:
        loaded = json.loads(body.decode("utf-8"))
        if not isinstance(loaded, dict):
            raise bad_request("request body must be a JSON object")
        params.update(loaded)
    elif ctype.startswith("application/x-www-form-urlencoded"):
        for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
            params[k] = v[-1]
    elif ctype.startswith("multipart/form-data"):
        msg = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + ctype.encode("latin-1") + b"\r\n\r\n" + body
        )
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True)
            if not isinstance(name, str) or not isinstance(payload, bytes):
                continue
            if filename is not None:
                files[name] = (filename, payload)
            else:
                params[name] = payload.decode("utf-8")
    for key in JSON_FIELDS:
        value = params.get(key)
        if isinstance(value, str):
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                raise bad_request(f"can't parse {key} JSON object") from None
    return params, files


def _make_handler(api: FakeBotAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                self.close_connection = True

        def do_GET(self) -> None:
            self._dispatch(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            self._dispatch(body)

        def _dispatch(self, body: bytes) -> None:
            path = urlsplit(self.path).path
            if path.startswith("/_control/"):
                self._control(path[len("/_control/") :], body)
                return
            m = re.fullmatch(r"/bot([^/]+)/([A-Za-z]+)", path)
            if not m:
                self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            token, method = m.groups()
            call = Call(method=method, params={}, files={})
            try:
                if token != api.token:
                    raise ApiError(401, "Unauthorized")
                params, files = _decode_params(self, body)
                call.params, call.files = params, files
                api._arrived(call)
                fault = api._take_fault(method)
                if fault is not None and self._apply_fault(fault, call):
                    return
                result = api.handle(method, params, files)
                call.status, call.response = 200, {"ok": True, "result": result}
            except ApiError as err:
                payload: dict[str, Any] = {
                    "ok": False,
                    "error_code": err.code,
                    "description": err.description,
                }
                if err.parameters:
                    payload["parameters"] = err.parameters
                call.status, call.response = err.code, payload
            api._record(call)
            self._send(call.status, call.response or {})

        def _apply_fault(self, fault: Fault, call: Call) -> bool:
            """Apply a fault; True when the request is finished (no normal answer)."""
            if fault.kind == "hang":
                time.sleep(fault.seconds)
                return False
            if fault.kind == "drop":
                call.status = 0
                api._record(call)
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return True
            if fault.kind == "429":
                err = ApiError(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
            elif fault.kind == "400":
                err = bad_request("injected failure")
            else:
                err = ApiError(fault.status, "Internal Server Error")
            raise err

        def _control(self, what: str, body: bytes) -> None:
            try:
                data = json.loads(body.decode("utf-8")) if body else {}
                if what == "push":
                    if "text" in data and "update" not in data:
                        msg = api.push_text(int(data["chat_id"]), str(data["text"]))
                        self._send(200, {"ok": True, "result": msg})
                    else:
                        uid = api.push_update(data["update"])
                        self._send(200, {"ok": True, "result": uid})
                elif what == "fault":
                    api.inject(
                        str(data["method"]),
                        str(data["kind"]),
                        times=int(data.get("times", 1)),
                        status=int(data.get("status", 500)),
                        retry_after=int(data.get("retry_after", 1)),
                        seconds=float(data.get("seconds", 5.0)),
                    )
                    self._send(200, {"ok": True, "result": True})
                elif what == "calls":
                    calls = [
                        {
                            "method": c.method,
                            "params": c.params,
                            "status": c.status,
                            "response": c.response,
                        }
                        for c in api.calls()
                    ]
                    self._send(200, {"ok": True, "result": calls})
                else:
                    self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            except (KeyError, ValueError, TypeError) as exc:
                self._send(400, {"ok": False, "error_code": 400, "description": str(exc)})

    return Handler


class BotProcess:
    """The real bot as a child process (``python -m bot``) talking to a :class:`FakeBotAPI`.

    ``env`` adds or overrides settings; the bot runs in ``workdir`` (so no
    stray ``.env`` is read) and its log goes to ``workdir/bot.log``.
    """

    def __init__(
        self,
        api: FakeBotAPI,
        database: str | os.PathLike[str],
        workdir: str | os.PathLike[str],
        *,
        env: dict[str, str] | None = None,
        command: list[str] | None = None,
    ) -> None:
        self.api = api
        self.workdir = Path(workdir)
        self.log_path = self.workdir / "bot.log"
        self.command = command or [sys.executable, "-m", "bot"]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("RAQAM_", "TELEGRAM_"))},
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "RAQAM_DATABASE": str(database),
            "RAQAM_LOG_LEVEL": "DEBUG",
            "RAQAM_POLL_TIMEOUT": "2",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    def start(self, *, wait: bool = True, timeout: float = 60.0) -> BotProcess:
        """Start the bot; with ``wait``, return once it polls for updates (its first
        getUpdates request has arrived)."""
        before = len(self.api.arrivals("getUpdates"))
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            self.command, cwd=self.workdir, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        if wait and not self.api.wait_until(
            lambda: len(self.api.arrivals("getUpdates")) > before or self.proc.poll() is not None,  # type: ignore[union-attr]
            timeout,
        ):
            raise TimeoutError(f"bot did not start polling; log:\n{self.log()}")
        if wait and self.proc.poll() is not None:
            raise RuntimeError(f"bot exited with {self.proc.returncode}; log:\n{self.log()}")
        return self

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM the bot and wait for it; return its exit code."""
        code = -1
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            code = int(self.proc.returncode)
        if self._log is not None:
            self._log.close()
            self._log = None
        return code

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        return int(self.proc.wait(timeout))

    def log(self) -> str:
        try:
            return self.log_path.read_text("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def __enter__(self) -> BotProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the fake Telegram Bot API server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="raqam_test_bot")
    args = parser.parse_args(argv)
    api = FakeBotAPI(token=args.token, host=args.host, port=args.port, bot_username=args.username)
    api.start()
    print(f"fake Bot API on {api.base_url} (token {api.token})", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        api.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "BotProcess",
    "Call",
    "FakeBotAPI",
    "Fault",
    "parse_html",
]
