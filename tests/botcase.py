"""Shared pieces of the bot end-to-end tests: sample reports and a small driver
that sends something and collects the bot's answers."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

from tests.fakebotapi import FakeBotAPI

# Reports written for these tests in the style of agency news.
WATER_REPORT = """گزارش هفتگی مصرف آب پایتخت
به گزارش خبرنگار اقتصادی ما، مصرف آب شهر تهران در هفته گذشته\
 به ۳ میلیون و ۲۰۰ هزار مترمکعب در روز رسید.
این رقم ۱۲ درصد بیشتر از هفته مشابه سال گذشته است.
حجم آب ذخیره‌شده در سدهای پنج‌گانه تهران اکنون ۴۱۰ میلیون مترمکعب است.
مدیرعامل شرکت آب منطقه‌ای گفت تنها ۲۳ درصد ظرفیت سدها پر است و مردم باید صرفه‌جویی کنند."""

PART_ONE = """گزارش بودجه حمل‌ونقل عمومی
معاون شهردار اعلام کرد اعتبار حمل‌ونقل عمومی امسال ۸۵۰۰ میلیارد تومان است.
از این مبلغ ۶۰ درصد برای خرید اتوبوس و واگن مترو هزینه می‌شود."""

PART_TWO = """به گفته وی تا پایان سال ۴۷۰ دستگاه اتوبوس تازه وارد ناوگان می‌شود.
همچنین ۳۵ کیلومتر خط تازه مترو در دست ساخت است."""

NO_FIGURES = """جلسه شورای شهر امروز برگزار شد.
اعضای شورا درباره وضعیت پارک‌های شهر گفت‌وگو کردند و قرار شد گزارش کاملی در جلسه بعد ارائه شود."""

ENGLISH = "The city council met today and discussed the parks of the city at length."

APOLOGY = "متأسفم"


class Chat:
    """Drives one chat: push something, wait for the bot's new messages."""

    def __init__(self, api: FakeBotAPI, chat_id: int, chat_type: str = "private") -> None:
        self.api = api
        self.id = chat_id
        self.type = chat_type
        api.chat(chat_id, chat_type)

    @property
    def seen(self) -> int:
        return len(self.api.sent_messages(self.id))

    def expect(
        self, action: Callable[[], Any], count: int = 1, timeout: float = 60.0
    ) -> list[dict[str, Any]]:
        """Run ``action`` and return the next ``count`` messages the bot sends here."""
        before = self.seen
        action()
        return self.api.wait_for_messages(self.id, count, after=before, timeout=timeout)[:count]

    def text(self, text: str, **kw: Any) -> list[dict[str, Any]]:
        kw.setdefault("chat_type", self.type)
        return self.expect(lambda: self.api.push_text(self.id, text, **kw))

    def command(self, command: str, count: int = 1, **kw: Any) -> list[dict[str, Any]]:
        kw.setdefault("chat_type", self.type)
        return self.expect(lambda: self.api.push_command(self.id, command, **kw), count)


def keyboard_data(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b.get("callback_data") for row in markup.get("inline_keyboard", []) for b in row]


@contextlib.contextmanager
def reserved_port(host: str = "127.0.0.1") -> Iterator[int]:
    """A free TCP port on ``host``, reserved while the block runs.

    Picking a free port and letting another process bind it later is a race:
    the port can be taken in between (by any bind to port 0, or as the local
    port of an outgoing connection). Here a socket stays bound to the port with
    ``SO_REUSEADDR`` and never listens: the kernel hands the port to nobody
    else, while a server that also sets ``SO_REUSEADDR`` (tornado, under PTB's
    webhook server, does) can still bind and listen on it.
    """
    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        holder.bind((host, 0))
        yield int(holder.getsockname()[1])


def wait_listening(host: str, port: int, ready: Callable[[], bool], timeout: float = 60.0) -> None:
    """Wait until something accepts connections on ``host:port``; give up early when
    ``ready()`` turns false (say, the server process died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not ready():
            raise AssertionError(f"the server for port {port} went away")
        try:
            with socket.create_connection((host, port), timeout=5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listened on {host}:{port} within {timeout} s")
