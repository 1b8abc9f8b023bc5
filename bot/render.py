"""Telegram HTML rendering of digests, with escaping, digit styles and splitting.

Every piece of text that comes from an article or a user goes through
:func:`esc`. Digit style conversion (:func:`apply_digits`) touches text only,
never tags, entities, links or code. :func:`split_html` cuts a long reply at
line boundaries into chunks that are each valid HTML on their own and within
Telegram's 4096-character limit.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.ports import ChatPrefs, DigitStyle, Document, InlineChoice, Reply, StoredDigest
from summarizer.model import Digest, Figure

TELEGRAM_LIMIT = 4096

_FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_TO_FA = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", _FA_DIGITS * 2)
_TO_LATIN = str.maketrans(_FA_DIGITS + "٠١٢٣٤٥٦٧٨٩٫٬", "0123456789" * 2 + ".,")
_FA_SEP = re.compile(r"(?<=[0-9۰-۹])([.,])(?=[0-9۰-۹])")
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_ENTITY_SPLIT = re.compile(r"(&#?[A-Za-z0-9]+;)")
_TAG = re.compile(r"<(/?)([a-zA-Z0-9-]+)[^>]*>")
_VERBATIM_TAGS = {"a", "code", "pre"}
# Text kept verbatim by apply_digits: links written in the text (their digits
# are part of an address) and commands with their arguments ("/details 2",
# typed by users).
_VERBATIM_TEXT = re.compile(
    r"((?:https?://|www\.)[^\s<>\"«»]+|/[a-z_]+(?: [a-z0-9]+)*)", re.IGNORECASE
)

QUALIFIERS = {
    "more_than": "بیش از",
    "less_than": "کمتر از",
    "about": "حدود",
    "at_least": "دست‌کم",
    "at_most": "حداکثر",
}
CHANGES = {"increase": "افزایش", "decrease": "کاهش"}
KINDS = {
    "count": "شمار",
    "money": "مبلغ",
    "percent": "درصد",
    "ordinal": "ترتیبی",
    "multiplier": "چند برابر",
    "date": "تاریخ",
    "duration": "مدت",
    "measure": "اندازه",
    "score": "نتیجه",
}
DIGIT_NAMES = {"fa": "فارسی (۱۲۳)", "latin": "لاتین (123)"}
THEME_NAMES = {"light": "روشن", "dark": "تیره"}
BULLET_CHOICES = (3, 5, 8, 10)

MESSAGES: dict[str, str] = {
    "help": (
        "<b>رقم</b> گزارش‌های خبری فارسی را می‌خواند و رقم‌های کلیدی‌شان را "
        "در چند بند کوتاه برمی‌گرداند.\n\n"
        "• یک خبر را بفرستید یا از کانال به اینجا هدایت کنید "
        "(متن، یا زیرنویس عکس و ویدیو و فایل).\n"
        "• خبری که تلگرام چند تکه کرده، اگر پشت سر هم برسد، یک خبر حساب می‌شود.\n"
        "• در گروه‌ها: خبر را با /digest پاسخ دهید یا ربات را نام ببرید.\n"
        "• در هر گفتگویی: نام کاربری ربات را با @ بنویسید و پس از آن پیوند یا متن خبر را؛ "
        "خلاصه یا فقط رقم‌ها را برگزینید.\n"
        "• در گروه گفتگوی یک کانال: مدیران با /settings channel on "
        "رقم‌های هر پست کانال را زیر آن روشن می‌کنند.\n\n"
        "<b>فرمان‌ها</b> (روی آخرین خبر، یا خبری که به آن پاسخ می‌دهید):\n"
        "/figures همه‌ی رقم‌ها\n"
        "/details N جمله‌های پشت بند N\n"
        "/summary خلاصه‌ی خبر\n"
        "/source عنوان، پیوند و اندازه‌ی متن\n"
        "/export رقم‌ها در قالب CSV و JSON\n"
        "/card کارت تصویری رقم‌های کلیدی برای هم‌رسانی\n"
        "/settings تعداد بندها، شکل ارقام و رنگ کارت"
    ),
    "empty": "متنی برای خلاصه کردن پیدا نکردم. متن خبر را بفرستید.",
    "not_persian": "این متن فارسی نیست؛ رقم فقط خبرهای فارسی را می‌خواند.",
    "no_figures": "در این متن رقمی پیدا نکردم. خلاصه‌ی آن:",
    # Figures found, but none in a line that stands alone as a statement.
    "ok": "رقم‌های این خبر در جمله‌ای کامل نیامده‌اند؛ همه‌ی رقم‌ها با /figures. خلاصه‌ی خبر:",
    "too_long": (
        "این متن بیش از اندازه بلند است ({size} نویسه؛ بیشینه {limit}). بخش کوتاه‌تری بفرستید."
    ),
    "not_allowed": "این ربات برای این گفتگو فعال نیست.",
    "no_digest": "هنوز خبری در این گفتگو خلاصه نشده است. اول یک خبر بفرستید.",
    "digest_gone": "این خلاصه دیگر در دسترس نیست. خبر را دوباره بفرستید.",
    "details_usage": "شماره‌ی بند را بنویسید، مثلاً: /details 2",
    "details_range": "این خلاصه {count} بند دارد؛ شماره‌ای از ۱ تا {count} بنویسید.",
    "no_bullets": "این خلاصه بندی ندارد.",
    "no_figures_list": "در این خبر رقمی پیدا نشد.",
    "no_summary": "خلاصه‌ای برای این خبر نیست.",
    "links_unavailable": "خواندن پیوندها هنوز ممکن نیست؛ لطفاً متن خبر را بفرستید.",
    "link_failed": "پیوند {url} خوانده نشد. {message}",
    "link_unread": "{message}",
    "digest_usage": "برای خلاصه کردن یک پیام در گروه، /digest را در پاسخ به آن بفرستید.",
    "unsupported": "این پیام متنی ندارد. متن یا پیوند خبر را بفرستید.",
    "error": "متأسفم، در پردازش این پیام خطایی رخ داد. لطفاً دوباره امتحان کنید.",
    "settings_saved": "ذخیره شد.",
    "card_no_figures": (
        "این خبر رقمی ندارد که روی کارت بیاید؛ کارت از رقم‌های کلیدی خبر ساخته می‌شود."
    ),
    "channel_admins_only": "فقط مدیران گروه می‌توانند این را تغییر دهند.",
    "channel_on": (
        "از این پس پست‌های کانال که در این گروه می‌آیند، اگر رقمی داشته باشند، "
        "با رقم‌های کلیدی‌شان پاسخ می‌گیرند."
    ),
    "channel_off": "رقم‌های پست‌های کانال دیگر در این گروه فرستاده نمی‌شود.",
    "inline_hint": "پیوند خبر یا دست‌کم یک جمله‌ی خبری با رقم بنویسید",
    "inline_not_allowed": "این ربات برای شما فعال نیست",
    "inline_no_figures": "در این متن رقمی پیدا نشد",
    "inline_not_persian": "این متن فارسی نیست",
    "inline_link_failed": "این پیوند خوانده نشد: {message}",
    "inline_reading_title": "خبر در حال خواندن است…",
    "inline_reading_description": "چند ثانیه دیگر دوباره امتحان کنید.",
    "inline_digest_title": "رقم‌های کلیدی: {title}",
    "inline_figures_title": "فقط رقم‌ها ({count})",
    "settings_usage": (
        "مثال: /settings bullets 5 یا /settings digits latin یا /settings theme dark؛ "
        "در گروه گفتگوی کانال: /settings channel on"
    ),
}


# --- escaping and digits -------------------------------------------------


def esc(text: str) -> str:
    """Escape text for Telegram HTML (``<``, ``>``, ``&``; quotes stay as they are)."""
    return html.escape(text, quote=False)


def esc_attr(text: str) -> str:
    return html.escape(text, quote=True)


def to_digits(text: str, style: DigitStyle) -> str:
    """Convert the digits of plain text to Persian or Latin."""
    if style == "latin":
        return text.translate(_TO_LATIN)
    return _FA_SEP.sub(lambda m: "٫" if m.group(1) == "." else "٬", text).translate(_TO_FA)


def apply_digits(markup: str, style: DigitStyle) -> str:
    """Convert digits in the text of an HTML string, leaving tags, entities, the
    content of ``a``, ``code`` and ``pre``, links and commands untouched."""
    out: list[str] = []
    verbatim = 0
    for part in _TAG_SPLIT.split(markup):
        if not part:
            continue
        if part.startswith("<") and part.endswith(">"):
            m = _TAG.match(part)
            if m and m.group(2).lower() in _VERBATIM_TAGS:
                verbatim += -1 if m.group(1) else 1
                verbatim = max(verbatim, 0)
            out.append(part)
        elif verbatim:
            out.append(part)
        else:
            # Links are matched on the escaped text, so "&amp;" inside one stays in it.
            for i, piece in enumerate(_VERBATIM_TEXT.split(part)):
                if i % 2:
                    out.append(piece)
                    continue
                for j, bit in enumerate(_ENTITY_SPLIT.split(piece)):
                    out.append(bit if j % 2 else to_digits(bit, style))
    return "".join(out)


# --- splitting -------------------------------------------------------------


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def visible_length(markup: str) -> int:
    """Length Telegram counts: text after entity parsing, in UTF-16 code units."""
    return _u16(_plain(markup))


def _u16(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class _Chunker:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chunks: list[str] = []
        self.parts: list[str] = []
        self.size = 0
        self.stack: list[tuple[str, str]] = []  # (name, opening tag)
        # Last line break in the current chunk: (index into parts, size, stack copy).
        self.mark: tuple[int, int, list[tuple[str, str]]] | None = None

    def _closing(self, stack: list[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(stack))

    def _emit(self, parts: list[str], stack: list[tuple[str, str]]) -> None:
        body = "".join(parts) + self._closing(stack)
        if _plain(body).strip():
            self.chunks.append(body.strip("\n"))

    def _reopen(self, stack: list[tuple[str, str]]) -> list[str]:
        return [tag for _, tag in stack]

    def cut(self) -> None:
        """Close the current chunk, at the last line break if there is one."""
        if self.mark is not None and self.mark[0] < len(self.parts):
            idx, size, stack = self.mark
            head, tail = self.parts[:idx], self.parts[idx:]
            self._emit(head, stack)
            self.parts = self._reopen(stack) + tail
            self.size -= size
        else:
            self._emit(self.parts, self.stack)
            self.parts = self._reopen(self.stack)
            self.size = 0
        self.mark = None

    def add_tag(self, tag: str) -> None:
        m = _TAG.match(tag)
        if m is None:
            self.parts.append(esc(tag))
            self.size += len(tag)
            return
        name = m.group(2).lower()
        if m.group(1):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == name:
                    del self.stack[i]
                    break
        else:
            self.stack.append((name, tag))
        self.parts.append(tag)

    def add_text(self, text: str) -> None:
        """Add escaped text, breaking at newlines and spaces as needed."""
        for atom in re.findall(r"[^\n ]+[ ]*\n?|[ ]+\n?|\n", text):
            plain = html.unescape(atom)
            n = _u16(plain)
            if self.size + n > self.limit:
                self.cut()
                if self.size + n > self.limit and self.size > 0:
                    self.cut()
            while _u16(plain) > self.limit - self.size:
                room = max(self.limit - self.size, 1)
                head, plain = plain[:room], plain[room:]
                self.parts.append(esc(head))
                self.size += _u16(head)
                self.cut()
            if plain:
                self.parts.append(esc(plain))
                self.size += _u16(plain)
            if atom.endswith("\n"):
                self.mark = (len(self.parts), self.size, list(self.stack))

    def finish(self) -> list[str]:
        self.mark = None
        self._emit(self.parts, self.stack)
        return self.chunks


def split_html(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML into chunks of at most ``limit`` visible characters.

    Cuts fall at line breaks when possible (else at spaces, else anywhere in
    text), never inside a tag or entity; tags open at a cut are closed at the
    end of one chunk and reopened at the start of the next.
    """
    if visible_length(markup) <= limit:
        return [markup] if _plain(markup).strip() else []
    chunker = _Chunker(limit)
    for part in re.split(r"(<[^>]*>)", markup):
        if not part:
            continue
        if part.startswith("<"):
            chunker.add_tag(part)
        else:
            chunker.add_text(part)
    return chunker.finish()


# --- rendering ---------------------------------------------------------------


def _bold_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escape ``text`` with the given (start, end) ranges in bold."""
    out: list[str] = []
    pos = 0
    for a, b in sorted(set(spans)):
        a, b = max(a, pos), min(b, len(text))
        if a >= b:
            continue
        out.append(esc(text[pos:a]))
        out.append(f"<b>{esc(text[a:b])}</b>")
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def _bold_figures_in(text: str, figures: Iterable[Figure]) -> str:
    spans: list[tuple[int, int]] = []
    for f in figures:
        if not f.text:
            continue
        i = text.find(f.text)
        if i >= 0:
            spans.append((i, i + len(f.text)))
    # Drop overlapping spans (keep the first of each overlap).
    kept: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if not kept or a >= kept[-1][1]:
            kept.append((a, b))
    return _bold_spans(text, kept)


def _figures_of(d: Digest, bullet: int) -> list[Figure]:
    if bullet >= len(d.bullet_figures):
        return []
    return [d.figures[j] for j in d.bullet_figures[bullet] if 0 <= j < len(d.figures)]


def describe_figure(f: Figure) -> str:
    """One line of ``/figures`` (escaped HTML): figure, subject, qualifier, period, change."""
    line = f"<b>{esc(f.text)}</b>"
    if f.subject:
        line += " — " + esc(f.subject)
    extra: list[str] = []
    if f.qualifier:
        extra.append(QUALIFIERS.get(f.qualifier, f.qualifier))
    if f.period:
        extra.append(f"دوره: {f.period}")
    if f.change:
        extra.append(CHANGES.get(f.change, f.change))
    if f.date:
        extra.append(f"تاریخ: {f.date}")
    if extra:
        line += " (" + "، ".join(esc(e) for e in extra) + ")"
    return line


class HtmlRenderer:
    """Implements :class:`handlers.ports.Renderer`."""

    def __init__(self, limit: int = TELEGRAM_LIMIT) -> None:
        self.limit = limit

    def _finish(
        self, markup: str, prefs: ChatPrefs | None, keyboard: InlineKeyboardMarkup | None = None
    ) -> Reply:
        if prefs is not None:
            markup = apply_digits(markup, prefs.digits)
        return Reply(chunks=split_html(markup, self.limit), keyboard=keyboard)

    def split(self, html_text: str) -> list[str]:
        return split_html(html_text, self.limit)

    def text(self, key: str, prefs: ChatPrefs | None = None, **values: object) -> str:
        template = MESSAGES[key]
        safe = {k: esc(str(v)) for k, v in values.items()}
        out = template.format(**safe) if safe else template
        return apply_digits(out, prefs.digits if prefs else "fa")

    @staticmethod
    def keyboard(digest_id: int) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("همه‌ی رقم‌ها", callback_data=f"f:{digest_id}"),
                    InlineKeyboardButton("خلاصه", callback_data=f"m:{digest_id}"),
                    InlineKeyboardButton("منبع", callback_data=f"o:{digest_id}"),
                ],
                [InlineKeyboardButton("کارت", callback_data=f"c:{digest_id}")],
            ]
        )

    def _title(self, rec: StoredDigest) -> str:
        title = rec.title or rec.digest.title
        return f"<b>{esc(title)}</b>" if title else "<b>رقم‌های کلیدی خبر</b>"

    def digest_reply(
        self, rec: StoredDigest, prefs: ChatPrefs, read_from: str | None = None
    ) -> Reply:
        d = rec.digest
        lines = [self._title(rec)]
        if read_from:
            # The address as it is: a link, so its digits keep their form.
            lines.append(f'<i>از پیوند:</i> <a href="{esc_attr(read_from)}">{esc(read_from)}</a>')
        lines.append("")
        if d.bullets:
            for i, bullet in enumerate(d.bullets):
                lines.append("• " + _bold_figures_in(bullet, _figures_of(d, i)))
        else:
            lines.append(MESSAGES.get(d.status, MESSAGES["no_figures"]))
            if d.status in ("no_figures", "ok"):
                lines.extend(self._summary_lines(d))
        keyboard = self.keyboard(rec.id) if d.status in ("ok", "no_figures") else None
        return self._finish("\n".join(lines), prefs, keyboard)

    def _summary_lines(self, d: Digest) -> list[str]:
        idx = [i for i in d.summary if 0 <= i < len(d.sentences)]
        if not idx:
            idx = list(range(min(3, len(d.sentences))))
        return [esc(d.sentences[i]) for i in idx]

    def figures(self, rec: StoredDigest, prefs: ChatPrefs) -> Reply:
        d = rec.digest
        if not d.figures:
            return self._finish(MESSAGES["no_figures_list"], prefs)
        lines = [f"<b>همه‌ی رقم‌ها</b> ({len(d.figures)})", ""]
        for i, f in enumerate(d.figures, 1):
            lines.append(f"{i}. {describe_figure(f)}")
        return self._finish("\n".join(lines), prefs)

    def details(self, rec: StoredDigest, n: int, prefs: ChatPrefs) -> Reply:
        d = rec.digest
        figs = _figures_of(d, n - 1)
        sentence_ids = sorted({f.sentence for f in figs})
        lines = [f"<b>بند {n}</b>", esc(d.bullets[n - 1]) if n - 1 < len(d.bullets) else "", ""]
        for s in sentence_ids:
            if s < len(d.sentence_spans) and d.sentence_spans[s][1] <= len(rec.text):
                a, b = d.sentence_spans[s]
                spans = [(f.span[0] - a, f.span[1] - a) for f in figs if f.sentence == s]
                lines.append("« " + _bold_spans(rec.text[a:b].strip("\n"), spans) + " »")
            elif s < len(d.sentences):
                lines.append("« " + _bold_figures_in(d.sentences[s], figs) + " »")
        if not sentence_ids:
            lines.append(MESSAGES["no_figures_list"])
        return self._finish("\n".join(lines), prefs)

    def summary(self, rec: StoredDigest, prefs: ChatPrefs) -> Reply:
        lines = self._summary_lines(rec.digest)
        if not lines:
            return self._finish(MESSAGES["no_summary"], prefs)
        return self._finish("\n".join(["<b>خلاصه</b>", "", *lines]), prefs)

    def source(self, rec: StoredDigest, prefs: ChatPrefs) -> Reply:
        d = rec.digest
        lines = ["<b>منبع</b>", f"عنوان: {esc(rec.title or d.title or 'بی‌عنوان')}"]
        if rec.link:
            lines.append(f'پیوند: <a href="{esc_attr(rec.link)}">{esc(rec.link)}</a>')
        lines.append(
            f"اندازه‌ی متن: {len(rec.text)} نویسه، {len(rec.text.split())} واژه، "
            f"{len(d.sentences)} جمله، {len(d.figures)} رقم"
        )
        return self._finish("\n".join(lines), prefs)

    def settings(self, prefs: ChatPrefs, group: bool = False) -> Reply:
        markup = (
            "<b>تنظیمات این گفتگو</b>\n"
            f"تعداد بندها: {to_digits(str(prefs.bullets), prefs.digits)}\n"
            f"شکل ارقام: {DIGIT_NAMES[prefs.digits]}\n"
            f"رنگ کارت: {THEME_NAMES[prefs.theme]}"
        )
        if group:
            state = "روشن" if prefs.channel_posts else "خاموش"
            markup += f"\nرقم‌های پست‌های کانال در این گروه: {state}"
        rows = [
            [
                InlineKeyboardButton(
                    to_digits(str(n), prefs.digits) + (" ✓" if n == prefs.bullets else ""),
                    callback_data=f"s:b:{n}",
                )
                for n in BULLET_CHOICES
            ],
            [
                InlineKeyboardButton(
                    name + (" ✓" if style == prefs.digits else ""), callback_data=f"s:d:{style}"
                )
                for style, name in DIGIT_NAMES.items()
            ],
            [
                InlineKeyboardButton(
                    "کارت " + name + (" ✓" if theme == prefs.theme else ""),
                    callback_data=f"s:t:{theme}",
                )
                for theme, name in THEME_NAMES.items()
            ],
        ]
        if group:
            label = "پست‌های کانال: " + ("روشن ✓" if prefs.channel_posts else "خاموش")
            switch = "off" if prefs.channel_posts else "on"
            rows.append([InlineKeyboardButton(label, callback_data=f"s:c:{switch}")])
        return self._finish(markup, None, InlineKeyboardMarkup(rows))

    def plain(self, key: str, prefs: ChatPrefs | None = None, **values: object) -> str:
        return _plain(self.text(key, prefs, **values))

    def inline(self, rec: StoredDigest, prefs: ChatPrefs) -> list[InlineChoice]:
        """The digest (title and bullets) and the figures only, each one message of at
        most Telegram's limit (cut at a line, with an ellipsis, when longer)."""
        d = rec.digest
        title = rec.title or d.title or "خبر"
        short_title = title if len(title) <= 60 else title[:59] + "…"
        digest_html = self._one_message(self.digest_reply(rec, prefs))
        first = _plain(apply_digits(esc(d.bullets[0]), prefs.digits)) if d.bullets else ""
        choices = [
            InlineChoice(
                id=f"d{rec.id}",
                title=self.plain("inline_digest_title", prefs, title=short_title),
                description=first[:120],
                html=digest_html,
            )
        ]
        if d.figures:
            lines = [f"<b>{esc(title)}</b>", ""]
            lines.extend(f"{i}. {describe_figure(f)}" for i, f in enumerate(d.figures, 1))
            figures_html = self._one_message(self._finish("\n".join(lines), prefs))
            choices.append(
                InlineChoice(
                    id=f"f{rec.id}",
                    title=self.plain("inline_figures_title", prefs, count=len(d.figures)),
                    description="، ".join(f.text for f in d.figures[:6])[:120],
                    html=figures_html,
                )
            )
        return choices

    def _one_message(self, reply: Reply) -> str:
        if len(reply.chunks) <= 1:
            return reply.chunks[0] if reply.chunks else esc("…")
        # Longer than one message: the first part, cut again with room for "…".
        head = split_html(reply.chunks[0], self.limit - 2)[0]
        return head + "\n…"

    def export(self, rec: StoredDigest) -> list[Document]:
        d = rec.digest
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(
            [
                "n",
                "text",
                "value",
                "range_low",
                "range_high",
                "kind",
                "unit",
                "subject",
                "qualifier",
                "period",
                "change",
                "date",
                "sentence",
            ]
        )
        for i, f in enumerate(d.figures, 1):
            row = f.to_dict()
            rng = row["range"] or [None, None]
            writer.writerow(
                [
                    i,
                    f.text,
                    _cell(row["value"]),
                    _cell(rng[0]),
                    _cell(rng[1]),
                    f.kind,
                    f.unit,
                    f.subject,
                    f.qualifier,
                    f.period,
                    f.change,
                    f.date,
                    f.sentence + 1,
                ]
            )
        payload: dict[str, Any] = {
            "title": rec.title or d.title,
            "link": rec.link,
            "created_at": rec.created_at,
            "digest": d.to_dict(),
        }
        base = f"raqam-{rec.id}"
        return [
            Document(f"{base}.csv", buf.getvalue().encode("utf-8-sig"), "رقم‌ها (CSV)"),
            Document(
                f"{base}.json",
                json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"),
                "خلاصه‌ی کامل (JSON)",
            ),
        ]


def _cell(x: object) -> str:
    return "" if x is None else str(x)
