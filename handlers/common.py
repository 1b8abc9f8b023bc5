"""Helpers shared by the handlers: sending replies, finding the digest a
command is about, reading text out of a message."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
)
from telegram.constants import ChatAction, ChatMemberStatus, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from handlers.context import RaqamContext
from handlers.merger import message_text as message_text
from handlers.ports import Card, Reply, StoredDigest

log = logging.getLogger(__name__)

# How long one Bot API call is retried through network errors, 5xx answers and
# flood waits before it is given up: an outage of a minute or two delays an
# answer, it does not lose it.
SEND_BUDGET_SECONDS = 150.0
_MAX_BACKOFF = 8.0
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def _with_retries(what: str, coro_factory: Callable[[], Awaitable[Message]]) -> Message:
    """Run a Bot API call, retrying transient failures for up to ``SEND_BUDGET_SECONDS``.

    Network errors and 5xx answers are retried with exponential backoff;
    ``RetryAfter`` (honoured first by the rate limiter) is waited out as
    Telegram asks. Bad requests and a bot blocked by the user are final.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SEND_BUDGET_SECONDS
    delay = 0.5
    attempt = 0
    while True:
        attempt += 1
        try:
            return await coro_factory()
        except (BadRequest, Forbidden):
            raise
        except RetryAfter as exc:
            ra = exc.retry_after
            wait = ra.total_seconds() if hasattr(ra, "total_seconds") else float(ra)
            if loop.time() + wait > deadline:
                raise
            log.warning("%s: flood wait of %.0f s, attempt %d", what, wait, attempt)
            await asyncio.sleep(wait)
        except NetworkError as exc:
            if loop.time() + delay > deadline:
                raise
            log.warning("%s failed (%s), attempt %d; retrying", what, exc, attempt)
            await asyncio.sleep(delay)
            delay = min(delay * 2, _MAX_BACKOFF)


async def send_html(
    bot: Bot,
    chat_id: int,
    html_text: str,
    *,
    reply_to: int | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> Message:
    """Send one HTML message (retrying transient failures)."""
    params = (
        ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
        if reply_to is not None
        else None
    )

    def call() -> Awaitable[Message]:
        return bot.send_message(
            chat_id,
            html_text,
            parse_mode=ParseMode.HTML,
            reply_parameters=params,
            reply_markup=keyboard,
            link_preview_options=_NO_PREVIEW,
            message_thread_id=thread_id,
        )

    return await _with_retries("sendMessage", call)


async def send_reply(
    bot: Bot, chat_id: int, reply: Reply, *, reply_to: int | None, thread_id: int | None = None
) -> list[int]:
    """Send every chunk of ``reply`` (the first one as a reply, the keyboard on the
    last); return the ids of the messages sent."""
    ids: list[int] = []
    for i, chunk in enumerate(reply.chunks):
        last = i == len(reply.chunks) - 1
        msg = await send_html(
            bot,
            chat_id,
            chunk,
            reply_to=reply_to if i == 0 else None,
            keyboard=reply.keyboard if last else None,
            thread_id=thread_id,
        )
        ids.append(msg.message_id)
    return ids


async def send_card(
    bot: Bot, chat_id: int, card: Card, *, reply_to: int | None, thread_id: int | None = None
) -> Message:
    """Send a figure card as a photo with its HTML caption (retrying transient failures)."""
    params = (
        ReplyParameters(message_id=reply_to, allow_sending_without_reply=True)
        if reply_to is not None
        else None
    )

    def call() -> Awaitable[Message]:
        return bot.send_photo(
            chat_id,
            InputFile(card.png, filename=card.filename),
            caption=card.caption,
            parse_mode=ParseMode.HTML,
            reply_parameters=params,
            message_thread_id=thread_id,
        )

    return await _with_retries("sendPhoto", call)


async def typing(bot: Bot, chat_id: int, thread_id: int | None = None) -> None:
    """Show the typing action; a failure here never stops the real work."""
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread_id)
    except Exception as exc:
        log.debug("sendChatAction failed: %s", exc)


def thread_of(message: Message | None) -> int | None:
    if message is not None and message.is_topic_message:
        return message.message_thread_id
    return None


async def digest_for(
    context: RaqamContext, chat_id: int, message: Message | None
) -> StoredDigest | None:
    """The digest a command is about: the one whose message it replies to, else the
    last one in the chat."""
    if message is not None and message.reply_to_message is not None:
        found = await context.store.find_by_message(chat_id, message.reply_to_message.message_id)
        if found is not None:
            return found
    return await context.store.last_digest(chat_id)


async def link_replies(
    context: RaqamContext, chat_id: int, digest_id: int, message_ids: list[int]
) -> None:
    """Record that the bot's messages ``message_ids`` show digest ``digest_id``; a
    storage failure here costs only that link."""
    if digest_id <= 0 or not message_ids:
        return
    try:
        await context.store.link_messages(chat_id, digest_id, message_ids)
    except Exception:
        log.exception("could not record the reply messages of digest %s", digest_id)


def is_allowed(context: RaqamContext, chat_id: int | None, user_id: int | None) -> bool:
    allowed = context.limits.allowed_chats
    if not allowed:
        return True
    return (chat_id is not None and chat_id in allowed) or (
        user_id is not None and user_id in allowed
    )


def without_mentions(text: str, username: str | None) -> str:
    """``text`` without mentions of the bot (user names are case-insensitive)."""
    if not username:
        return text
    return re.sub("@" + re.escape(username) + r"\b", " ", text, flags=re.IGNORECASE).strip()


async def is_group_admin(
    context: RaqamContext, chat_id: int, user_id: int | None, message: Message | None = None
) -> bool:
    """Is the sender an admin of group ``chat_id``? An anonymous admin writes as the
    group itself; anyone else is looked up with getChatMember."""
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat_id
    if user_id is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except (BadRequest, Forbidden) as exc:
        log.info("could not check the admins of chat %s: %s", chat_id, exc)
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
