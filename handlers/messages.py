"""Articles arriving as messages: text, forwarded posts, captions.

Telegram splits a long article into several messages; forwarded together,
they arrive one after another from the same origin. :class:`ArticleMerger`
holds each chat's latest message for a short window and appends the next
one if it continues the same article, then digests the whole once.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import weakref
from dataclasses import dataclass, field, replace

from telegram import (
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.constants import ChatType

from handlers.common import (
    link_replies,
    message_text,
    send_html,
    send_reply,
    thread_of,
    typing,
    without_mentions,
)
from handlers.context import RaqamContext
from handlers.ports import LinkFailure, StoredDigest

log = logging.getLogger(__name__)

# A message whose text, links aside, is shorter than this is read as "a link".
LINK_ONLY_CHARS = 200
TITLE_MAX_CHARS = 150
# The user's own text at least this long may be a piece of a longer text that
# Telegram cut at its 4096-character limit (clients cut at a line or word break
# before the limit); it is held for the merge window.
OWN_TEXT_PIECE_CHARS = 3000
_URLISH = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass
class Part:
    """One message of an article."""

    message: Message
    text: str
    # The text as sent and its entities (offsets refer to it), for finding links.
    raw_text: str
    entities: tuple[MessageEntity, ...]
    origin: tuple[str, object]
    seq: int | None
    link: str | None
    update_id: int | None = None
    arrived: float = field(default_factory=time.monotonic)


@dataclass
class _Pending:
    context: RaqamContext
    parts: list[Part]
    timer: asyncio.TimerHandle | None = None


def origin_of(message: Message) -> tuple[tuple[str, object], int | None, str | None]:
    """Where a message comes from: a key, the post number in a channel, a public link."""
    fo = message.forward_origin
    if isinstance(fo, MessageOriginChannel):
        link = f"https://t.me/{fo.chat.username}/{fo.message_id}" if fo.chat.username else None
        return ("channel", fo.chat.id), fo.message_id, link
    if isinstance(fo, MessageOriginChat):
        return ("chat", fo.sender_chat.id), None, None
    if isinstance(fo, MessageOriginUser):
        return ("user", fo.sender_user.id), None, None
    if isinstance(fo, MessageOriginHiddenUser):
        return ("hidden", fo.sender_user_name), None, None
    sender = message.from_user.id if message.from_user else message.chat.id
    return ("self", sender), None, None


def channel_title(message: Message) -> str | None:
    """The title of the channel a message was forwarded from, if it was."""
    fo = message.forward_origin
    if isinstance(fo, MessageOriginChannel) and fo.chat.title:
        return fo.chat.title
    return None


def make_part(message: Message, text: str | None = None, update_id: int | None = None) -> Part:
    """One part from ``message``; ``text`` replaces its text for digesting (links are
    still read from the message as sent)."""
    raw_text, entities = message_text(message)
    origin, seq, link = origin_of(message)
    return Part(
        message=message,
        text=raw_text if text is None else text,
        raw_text=raw_text,
        entities=entities,
        origin=origin,
        seq=seq,
        link=link,
        update_id=update_id,
    )


def guess_title(text: str) -> str | None:
    """The first line, when it is short and more text follows it."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if first and rest.strip() and len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ":")):
        return first
    return None


class ArticleMerger:
    """Collects consecutive parts of one article per chat and digests them once.

    Only messages that another one may continue are held (see
    :meth:`may_continue`). ``window`` seconds after the last part, or as soon as
    a part from another origin arrives, or a command needs the chat's latest
    digest, the parts held so far are digested. One chat's articles are
    processed one at a time, in arrival order.
    """

    def __init__(self, window: float) -> None:
        self.window = window
        self._pending: dict[int, _Pending] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def _lock(self, chat_id: int) -> asyncio.Lock:
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat_id] = lock
        return lock

    @staticmethod
    def continues(prev: Part, part: Part, window: float) -> bool:
        if prev.origin != part.origin or part.arrived - prev.arrived > window:
            return False
        if prev.seq is not None and part.seq is not None:
            return part.seq == prev.seq + 1
        return True

    @staticmethod
    def may_continue(part: Part) -> bool:
        """Can another message still continue this one? Forwarded posts: yes (a
        channel may post an article in several posts). The user's own text: only
        when it is long enough to be a piece Telegram cut off a longer text (it cuts
        at 4096 characters); a shorter one is answered without waiting."""
        return part.origin[0] != "self" or len(part.text) >= OWN_TEXT_PIECE_CHARS

    async def add(self, context: RaqamContext, chat_id: int, part: Part) -> None:
        """Take one message; digest what came before it if it starts a new article."""
        pending = self._pending.get(chat_id)
        if pending is not None and self.continues(pending.parts[-1], part, self.window):
            pending.parts.append(part)
            pending.context = context
            if self.may_continue(part):
                self._schedule(chat_id, pending)
            else:
                await self.flush(chat_id)  # the last piece of the user's long text
            return
        if pending is not None:
            await self.flush(chat_id)
        if self.window <= 0 or not self.may_continue(part):
            await self.process_now(context, chat_id, [part])
            return
        pending = _Pending(context, [part])
        self._pending[chat_id] = pending
        self._schedule(chat_id, pending)

    def _schedule(self, chat_id: int, pending: _Pending) -> None:
        if pending.timer is not None:
            pending.timer.cancel()
        loop = asyncio.get_running_loop()

        def fire() -> None:
            if self._pending.get(chat_id) is pending:
                self._start_flush(chat_id)

        pending.timer = loop.call_later(self.window, fire)

    def _start_flush(self, chat_id: int) -> None:
        """Flush a chat in a task of our own (not Application.create_task: tasks created
        while the application stops are not awaited by it, and flush_all must see them).
        The parts are taken at once, so the chat cannot be flushed twice."""
        pending = self._pending.pop(chat_id, None)
        if pending is None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
        coro = self.process_now(pending.context, chat_id, pending.parts)
        task = asyncio.get_running_loop().create_task(coro, name=f"raqam-merge-{chat_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def flush(self, chat_id: int) -> None:
        """Digest the parts held for a chat now; with none held, wait until a digest of
        the chat already under way (its window just ended) is done, so that what comes
        next (a command's answer) sees it and follows it."""
        pending = self._pending.pop(chat_id, None)
        if pending is None:
            async with self._lock(chat_id):
                return
        if pending.timer is not None:
            pending.timer.cancel()
        await self.process_now(pending.context, chat_id, pending.parts)

    async def flush_all(self) -> None:
        """Digest everything still held and wait for flushes already under way.

        Chats are flushed concurrently (each chat's articles stay in order behind its
        lock), so stopping takes about as long as the slowest chat, not the sum.
        """
        while self._pending or self._tasks:
            for chat_id in list(self._pending):
                self._start_flush(chat_id)
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    @property
    def pending_chats(self) -> int:
        """Chats with an article held or being flushed by its timer."""
        return len(self._pending) + len(self._tasks)

    async def process_now(self, context: RaqamContext, chat_id: int, parts: list[Part]) -> None:
        async with self._lock(chat_id):
            try:
                await process_article(context, chat_id, parts)
            except Exception:
                log.exception(
                    "failed to digest update(s) %s (messages %s) in chat %s",
                    [p.update_id for p in parts],
                    [p.message.message_id for p in parts],
                    chat_id,
                )
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

    async def say(key: str, **values: object) -> None:
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
    if links and len(rest.strip()) < LINK_ONLY_CHARS:
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

    await typing(bot, chat_id, thread)
    digest = await context.digester.digest(text, title=title, max_bullets=prefs.bullets)
    if digest.status in ("empty", "not_persian"):
        await say(digest.status)
        return
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
