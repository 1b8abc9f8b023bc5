"""Shared pieces of the bot end-to-end tests: sample reports and a small driver
that sends something and collects the bot's answers."""

from __future__ import annotations

from collections.abc import Callable
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
        self, action: Callable[[], Any], count: int = 1, timeout: float = 40.0
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
