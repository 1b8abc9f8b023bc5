"""Articles arriving as messages: text, forwarded posts, captions.

A private chat's messages go through the chat's :class:`~handlers.merger.ArticleMerger`
(a long article Telegram split into several messages is digested once);
:func:`process_parts` digests an article and answers it.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace

from telegram import Message, MessageEntity, MessageOriginChannel, Update
from telegram.constants import ChatType

from handlers.common import (
    link_replies,
    send_html,
    send_reply,
    thread_of,
    typing,
    without_mentions,
)
from handlers.context import RaqamContext
from handlers.merger import Part, make_part, message_text
from handlers.ports import LinkFailure, StoredDigest

log = logging.getLogger(__name__)

# A message whose text, links aside, is shorter than this is read as "a link".
LINK_ONLY_CHARS = 200
TITLE_MAX_CHARS = 150
# A text at least this long takes noticeably long to digest: the typing action is
# shown first. Shorter ones are answered at once, without spending a request on it.
SLOW_TEXT_CHARS = 20_000
_URLISH = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def channel_title(message: Message) -> str | None:
    """The title of the channel a message was forwarded from, if it was."""
    fo = message.forward_origin
    if isinstance(fo, MessageOriginChannel) and fo.chat.title:
        return fo.chat.title
    return None


def guess_title(text: str) -> str | None:
    """The first line, when it is short and more text follows it."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if first and rest.strip() and len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ":")):
        return first
    return None


async def process_parts(context: RaqamContext, chat_id: int, parts: list[Part]) -> None:
    """Digest and answer an article; on any failure, log it and apologise to the chat.

    This is what the chat's :class:`~handlers.merger.ArticleMerger` runs."""
    try:
        await process_article(context, chat_id, parts)
    except Exception:
        log.exception(
            "failed to digest update(s) %s (messages %s) in chat %s",
            [p.update_id for p in parts],
            [p.message.message_id for p in parts],
            chat_id,
        )
        if not parts[0].unsolicited:
            await apologize(context, chat_id, parts[0].message.message_id)


async def apologize(context: RaqamContext, chat_id: int, reply_to: int | None) -> None:
    try:
        await send_html(context.bot, chat_id, context.renderer.text("error"), reply_to=reply_to)
    except Exception as exc:
        log.warning("could not send the apology to chat %s: %s", chat_id, exc)


async def process_article(context: RaqamContext, chat_id: int, parts: list[Part]) -> None:
    """Digest an article made of one or more messages and answer the first of them."""
    first = parts[0].message
    thread = thread_of(first)
    bot = context.bot
    renderer = context.renderer
    prefs = await context.store.get_prefs(chat_id)
    text = "\n".join(p.text.strip() for p in parts if p.text.strip())
    link = next((p.link for p in parts if p.link), None)

    quiet = parts[0].unsolicited

    async def say(key: str, **values: object) -> None:
        if quiet:
            log.debug("channel post %s in chat %s: %s, no answer", first.message_id, chat_id, key)
            return
        await send_html(
            bot,
            chat_id,
            renderer.text(key, prefs, **values),
            reply_to=first.message_id,
            thread_id=thread,
        )

    if not text.strip():
        await say("unsupported" if not (first.text or first.caption) else "empty")
        return

    # Links in reading order: part by part, each with its own entities.
    links: list[str] = []
    for p in parts:
        for url in context.links.find_links(p.raw_text, p.entities):
            if url not in links:
                links.append(url)
    rest = _URLISH.sub(" ", text)
    for url in links:
        rest = rest.replace(url, " ")
    title: str | None = None
    read_from: str | None = None
    if links and len(rest.strip()) < LINK_ONLY_CHARS and not quiet:
        if not context.links.available:
            await say("links_unavailable")
            return
        await typing(bot, chat_id, thread)
        try:
            article = await context.links.fetch_first(links)
        except LinkFailure as failure:
            if failure.url:
                await say("link_failed", message=failure.user_message, url=failure.url)
            else:
                await say("link_unread", message=failure.user_message)
            return
        text, title, link = article.text, article.title, article.url
        read_from = article.url
    else:
        title = guess_title(text)
        link = link or (links[0] if links else None)

    source = channel_title(first) if read_from is None else None

    limit = context.limits.max_text_chars
    if len(text) > limit:
        await say("too_long", size=len(text), limit=limit)
        return

    if len(text) >= SLOW_TEXT_CHARS and read_from is None:
        await typing(bot, chat_id, thread)
    digest = await context.digester.digest(text, title=title, max_bullets=prefs.bullets)
    if digest.status in ("empty", "not_persian"):
        await say(digest.status)
        return
    if quiet and (digest.status != "ok" or not digest.bullets):
        return  # a channel post without figures gets no comment
    message_ids = [p.message.message_id for p in parts]
    try:
        rec = await context.store.save_digest(
            chat_id,
            digest,
            text=text,
            title=title or digest.title,
            link=link,
            message_ids=message_ids,
            source=source,
        )
    except Exception:
        # Storage is down (say the database is locked for long): the user still gets
        # the digest, without the buttons that would need it stored.
        log.exception("could not store the digest of messages %s in chat %s", message_ids, chat_id)
        rec = StoredDigest(
            0, chat_id, digest, text, title or digest.title, link, time.time(), source
        )
        reply = replace(renderer.digest_reply(rec, prefs, read_from=read_from), keyboard=None)
        await send_reply(bot, chat_id, reply, reply_to=first.message_id, thread_id=thread)
        return
    reply = renderer.digest_reply(rec, prefs, read_from=read_from)
    sent = await send_reply(bot, chat_id, reply, reply_to=first.message_id, thread_id=thread)
    await link_replies(context, chat_id, rec.id, sent)


def _addressed(message: Message, bot_id: int, username: str | None) -> bool:
    """In a group: does this message speak to the bot (reply to it or mention it)?"""
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return True
    entities = message.parse_entities() if message.text else message.parse_caption_entities()
    for entity, value in entities.items():
        mention = "@" + (username or "").lower()
        if entity.type == MessageEntity.MENTION and username and value.lower() == mention:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    return False


async def on_message(update: Update, context: RaqamContext) -> None:
    """Any non-command message: an article (or a part of one) to digest."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    if message.via_bot is not None and message.via_bot.id == context.bot.id:
        return  # a digest the user posted through inline mode: already digested
    if message.is_automatic_forward:
        await on_channel_post(update, context)
        return
    if chat.type == ChatType.PRIVATE:
        part = make_part(message, update_id=update.update_id)
        await context.merger.add(context, chat.id, part)
        return
    username = context.bot.username
    if not _addressed(message, context.bot.id, username):
        return
    text = without_mentions(message_text(message)[0], username)
    reply = message.reply_to_message
    from_bot = (
        reply is not None and reply.from_user is not None and reply.from_user.id == context.bot.id
    )
    if len(text) < 15 and reply is not None and not from_bot:
        part = make_part(reply, update_id=update.update_id)
    else:
        part = make_part(message, text=text, update_id=update.update_id)
    await context.merger.flush(chat.id)
    await context.merger.process_now(context, chat.id, [part])


async def on_channel_post(update: Update, context: RaqamContext) -> None:
    """A channel post Telegram forwarded into the channel's discussion group: in a group
    whose admins switched it on, a post with figures gets its digest as a reply (the
    first comment under the post). Consecutive posts of one article are merged."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return
    prefs = await context.store.get_prefs(chat.id)
    if not prefs.channel_posts:
        return
    part = make_part(message, update_id=update.update_id)
    part.unsolicited = True
    await context.merger.add(context, chat.id, part)
