"""The figure card as a service for the handlers (:class:`handlers.ports.CardMaker`)
and as a function for the command line."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from bot.card.content import build_content
from bot.card.draw import draw_card
from bot.render import apply_digits, esc, esc_attr
from handlers.ports import Card, ChatPrefs, StoredDigest
from summarizer.model import Digest

CAPTION_LIMIT = 1024
TITLE_CHARS = 600
LINK_CHARS = 120


def caption(title: str | None, link: str | None, prefs: ChatPrefs) -> str:
    """The photo's caption: the title in bold and the link; within Telegram's
    1024 characters after entity parsing."""
    title = " ".join((title or "").split()) or "رقم‌های کلیدی خبر"
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "…"
    parts = [apply_digits(f"<b>{esc(title)}</b>", prefs.digits)]
    if link:
        try:
            ok = urlsplit(link).scheme in ("http", "https")
        except ValueError:
            ok = False
        if ok:
            shown = link if len(link) <= LINK_CHARS else link[: LINK_CHARS - 1] + "…"
            parts.append(f'<a href="{esc_attr(link)}">{esc(shown)}</a>')
    return "\n".join(parts)


def card_png(
    d: Digest,
    *,
    title: str | None,
    prefs: ChatPrefs,
    source: str | None = None,
    link: str | None = None,
    created_at: float | None = None,
    handle: str | None = None,
) -> bytes | None:
    """The card of ``d`` as PNG bytes, or None when it has no figures to show."""
    content = build_content(
        d,
        title=title,
        style=prefs.digits,
        source=source,
        link=link,
        created_at=created_at,
        handle=handle,
    )
    if content is None:
        return None
    return draw_card(content, prefs.theme)


class CardService:
    """Implements :class:`handlers.ports.CardMaker`: draws cards on one thread of its
    own, so the event loop goes on and at most one card is in memory at a time."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="raqam-card")

    def _draw(self, rec: StoredDigest, prefs: ChatPrefs, handle: str | None) -> Card | None:
        title = rec.title or rec.digest.title
        png = card_png(
            rec.digest,
            title=title,
            prefs=prefs,
            source=rec.source,
            link=rec.link,
            created_at=rec.created_at,
            handle=handle,
        )
        if png is None:
            return None
        name = f"raqam-{rec.id}.png" if rec.id > 0 else "raqam-card.png"
        return Card(png=png, caption=caption(title, rec.link, prefs), filename=name)

    async def card(
        self, rec: StoredDigest, prefs: ChatPrefs, handle: str | None = None
    ) -> Card | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._draw, rec, prefs, handle)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
