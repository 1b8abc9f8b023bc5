"""Inline mode: ``@bot <link>`` or ``@bot <pasted text>`` in any chat.

The answer offers the digest (title and bullets) and the figures only; the
user picks one and their client posts it into the chat. Telegram waits only
a few seconds for an answer, so a link that takes longer than
``Limits.inline_wait_seconds`` to read gets a "still being read" result
(never cached by Telegram) while the reading goes on into the link cache: the
next query with that link is answered from it.

Every keystroke is a new query. A user's newer query cancels the work of
their older one (which is then not answered at all), work starts only after
the query has been left alone for ``SETTLE_SECONDS``, and only a query that
holds a complete link or enough text is digested.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import time
import zlib
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import urlsplit

from telegram import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from handlers.context import RaqamContext
from handlers.ports import Article, ChatPrefs, LinkFailure, StoredDigest

log = logging.getLogger(__name__)

STATE = "raqam.inline"
# A query left unchanged this long is worked on (a faster next keystroke cancels it).
SETTLE_SECONDS = 0.4
# Pasted text shorter than this, or without a digit, is not digested yet.
MIN_TEXT_CHARS = 50
# Text beside a link shorter than this: the query is "a link".
LINK_ONLY_CHARS = 80
# How long Telegram may serve an answer again from its cache, in seconds.
DIGEST_CACHE_SECONDS = 300
HINT_CACHE_SECONDS = 60
START_PARAMETER = "inline"
_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
_URLISH = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass
class InlineState:
    """Work under way: the latest query's task per user, and link reads by URL."""

    work: dict[int, asyncio.Task[None]] = field(default_factory=dict)
    reads: dict[str, asyncio.Task[Article]] = field(default_factory=dict)

    def read(self, context: RaqamContext, url: str) -> asyncio.Task[Article]:
        """The read of ``url`` under way, or a new one. Reads are never cancelled by a
        newer query: they end in the link cache (bounded by the link timeouts)."""
        task = self.reads.get(url)
        if task is None:
            task = asyncio.get_running_loop().create_task(
                context.links.fetch_first([url]), name="raqam-inline-read"
            )
            self.reads[url] = task

            def forget(done: asyncio.Task[Article]) -> None:
                if self.reads.get(url) is done:
                    del self.reads[url]
                if not done.cancelled():
                    done.exception()  # retrieved: a failure is reported to whoever waits

            task.add_done_callback(forget)
        return task


def state_of(context: RaqamContext) -> InlineState:
    state = context.bot_data.get(STATE)
    if state is None:
        state = InlineState()
        context.bot_data[STATE] = state
    return cast(InlineState, state)


def complete_link(url: str) -> bool:
    """Does ``url`` look finished: a host with a top-level domain (or an IP address)?"""
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return len(labels) >= 2 and all(labels) and len(labels[-1]) >= 2 and labels[-1].isalpha()


async def on_inline_query(update: Update, context: RaqamContext) -> None:
    query = update.inline_query
    if query is None:
        return
    state = state_of(context)
    user_id = query.from_user.id
    previous = state.work.get(user_id)
    if previous is not None and not previous.done():
        previous.cancel()  # superseded: that query gets no answer
    work = asyncio.get_running_loop().create_task(
        _work(query, context), name=f"raqam-inline-{user_id}"
    )
    state.work[user_id] = work

    def forget(done: asyncio.Task[None]) -> None:
        if state.work.get(user_id) is done:
            del state.work[user_id]

    work.add_done_callback(forget)
    await asyncio.wait({work})


async def _work(query: InlineQuery, context: RaqamContext) -> None:
    try:
        await asyncio.sleep(SETTLE_SECONDS)
        await answer_query(query, context)
    except asyncio.CancelledError:
        log.debug("inline query %s superseded", query.id)
        raise
    except Exception:
        log.exception("failed to answer inline query %s", query.id)


async def _button(query: InlineQuery, text: str, cache_time: int = HINT_CACHE_SECONDS) -> None:
    """No results, only a line on top of the list that opens the bot's chat."""
    await _send(
        query,
        [],
        cache_time=cache_time,
        button=InlineQueryResultsButton(text=text[:64], start_parameter=START_PARAMETER),
    )


async def _send(
    query: InlineQuery,
    results: list[InlineQueryResultArticle],
    *,
    cache_time: int,
    button: InlineQueryResultsButton | None = None,
) -> None:
    try:
        await query.answer(results, cache_time=cache_time, is_personal=True, button=button)
    except BadRequest as exc:  # too late: the user has moved on
        log.info("inline query %s not answered: %s", query.id, exc.message)
    except TelegramError as exc:
        log.warning("inline query %s not answered: %s", query.id, exc)


def links_of(context: RaqamContext, text: str) -> tuple[list[str], str]:
    """The complete links of a query and the text beside them."""
    links = [u for u in context.links.find_links(text, ()) if complete_link(u)]
    rest = _URLISH.sub(" ", text)
    for url in links:
        rest = rest.replace(url, " ")
    return links, rest.strip()


async def answer_query(query: InlineQuery, context: RaqamContext) -> None:
    """Answer one inline query (after it settled)."""
    renderer = context.renderer
    prefs = await context.store.get_prefs(query.from_user.id)
    text = query.query.strip()
    links, rest = links_of(context, text)
    title: str | None = None
    link: str | None = None
    if links and len(rest) < LINK_ONLY_CHARS:
        if not context.links.available:
            await _button(query, renderer.plain("inline_hint", prefs))
            return
        read = state_of(context).read(context, links[0])
        done, _ = await asyncio.wait({read}, timeout=context.limits.inline_wait_seconds)
        if not done:
            await _still_reading(query, context, prefs, links[0])
            return
        try:
            article = read.result()
        except LinkFailure as failure:
            message = renderer.plain("inline_link_failed", prefs, message=failure.user_message)
            await _button(query, message)
            return
        text, title, link = article.text, article.title, article.url
    elif len(text) < MIN_TEXT_CHARS or not _DIGIT.search(text):
        await _button(query, renderer.plain("inline_hint", prefs))
        return
    limit = context.limits.max_text_chars
    if len(text) > limit:
        await _button(query, renderer.plain("too_long", prefs, size=len(text), limit=limit))
        return
    digest = await context.digester.digest(text, title=title, max_bullets=prefs.bullets)
    if digest.status == "not_persian":
        await _button(query, renderer.plain("inline_not_persian", prefs))
        return
    if digest.status != "ok" or not digest.bullets:
        await _button(query, renderer.plain("inline_no_figures", prefs))
        return
    key = zlib.crc32(f"{link or ''}\n{text}".encode()) & 0x7FFFFFFF
    user_id = query.from_user.id
    rec = StoredDigest(key, user_id, digest, text, title or digest.title, link, time.time())
    results = [
        InlineQueryResultArticle(
            id=choice.id,
            title=choice.title,
            description=choice.description or None,
            input_message_content=InputTextMessageContent(
                choice.html, parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW
            ),
        )
        for choice in renderer.inline(rec, prefs)
    ]
    await _send(query, results, cache_time=DIGEST_CACHE_SECONDS)


async def _still_reading(
    query: InlineQuery, context: RaqamContext, prefs: ChatPrefs, url: str
) -> None:
    """One result that says the article is being read; picking it posts the link."""
    renderer = context.renderer
    result = InlineQueryResultArticle(
        id="reading",
        title=renderer.plain("inline_reading_title", prefs),
        description=renderer.plain("inline_reading_description", prefs),
        input_message_content=InputTextMessageContent(url, link_preview_options=None),
    )
    await _send(query, [result], cache_time=0)
