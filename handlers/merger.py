"""Articles that arrive in several messages, merged back into one.

Telegram splits a long article into several messages; forwarded together,
they arrive one after another from the same origin. :class:`ArticleMerger`
holds each chat's latest message for a short window and appends the next
one if it continues the same article, then hands the whole to its ``process``
callable once.

This module depends on nothing else in ``handlers`` (the context and the
message handlers depend on it), so the handlers' imports form a tree.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import (
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

log = logging.getLogger(__name__)

# The user's own text at least this long may be a piece of a longer text that
# Telegram cut at its 4096-character limit (clients cut at a line or word break
# before the limit); it is held for the merge window.
OWN_TEXT_PIECE_CHARS = 3000


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
    # Not addressed to the bot (a channel post in its discussion group): answered
    # only with a digest that has figures, never with a notice or an error.
    unsolicited: bool = False


def message_text(message: Message) -> tuple[str, tuple[MessageEntity, ...]]:
    """The text (or caption) of a message and the entities that refer to it."""
    if message.text:
        return message.text, tuple(message.entities)
    return message.caption or "", tuple(message.caption_entities)


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


@dataclass
class _Pending[C]:
    context: C
    parts: list[Part]
    timer: asyncio.TimerHandle | None = None


class ArticleMerger[C]:
    """Collects consecutive parts of one article per chat and processes them once.

    ``process(context, chat_id, parts)`` digests and answers an article (the
    handlers pass :func:`handlers.messages.process_parts`). Only messages that
    another one may continue are held (see :meth:`may_continue`). ``window``
    seconds after the last part, or as soon as a part from another origin
    arrives, or a command needs the chat's latest digest, the parts held so far
    are processed. One chat's articles are processed one at a time, in arrival
    order.
    """

    def __init__(
        self, window: float, process: Callable[[C, int, list[Part]], Awaitable[None]]
    ) -> None:
        self.window = window
        self.process = process
        self._pending: dict[int, _Pending[C]] = {}
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

    async def add(self, context: C, chat_id: int, part: Part) -> None:
        """Take one message; process what came before it if it starts a new article."""
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

    def _schedule(self, chat_id: int, pending: _Pending[C]) -> None:
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
        """Process the parts held for a chat now; with none held, wait until a digest of
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
        """Process everything still held and wait for flushes already under way.

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

    async def process_now(self, context: C, chat_id: int, parts: list[Part]) -> None:
        """Process ``parts`` as one article now, after the chat's earlier articles."""
        async with self._lock(chat_id):
            try:
                await self.process(context, chat_id, parts)
            except Exception:
                log.exception(
                    "failed to process update(s) %s (messages %s) in chat %s",
                    [p.update_id for p in parts],
                    [p.message.message_id for p in parts],
                    chat_id,
                )
