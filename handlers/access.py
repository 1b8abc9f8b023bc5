"""The allow-list: runs before every other handler and stops updates from
chats that are not allowed (after a short Persian answer where one is due)."""

from __future__ import annotations

import logging

from telegram import InlineQueryResultsButton, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from handlers.common import is_allowed, send_html
from handlers.context import RaqamContext

log = logging.getLogger(__name__)


async def check_access(update: Update, context: RaqamContext) -> None:
    chat = update.effective_chat
    user = update.effective_user
    chat_id = chat.id if chat else None
    if is_allowed(context, chat_id, user.id if user else None):
        return
    log.info("update %s from chat %s refused by the allow-list", update.update_id, chat_id)
    text = context.renderer.text("not_allowed")
    if update.inline_query is not None:
        await refuse_inline(update, context)
    elif update.callback_query is not None:
        await update.callback_query.answer(text[:200], show_alert=True)
    elif chat is not None and update.message is not None:
        message = update.message
        addressed = chat.type == ChatType.PRIVATE or bool(
            message.text and message.text.startswith("/")
        )
        if addressed:
            await send_html(context.bot, chat.id, text, reply_to=message.message_id)
    raise ApplicationHandlerStop


async def refuse_inline(update: Update, context: RaqamContext) -> None:
    """An inline query from a user the allow-list does not name: no results, only a
    line saying so (Telegram keeps this answer for this user only)."""
    query = update.inline_query
    if query is None:
        return
    button = InlineQueryResultsButton(
        text=context.renderer.plain("inline_not_allowed")[:64], start_parameter="inline"
    )
    try:
        await query.answer([], cache_time=60, is_personal=True, button=button)
    except TelegramError as exc:
        log.info("refused inline query %s not answered: %s", query.id, exc)


async def ignore_channel_posts(update: Update, context: RaqamContext) -> None:
    """Posts in a channel are never answered there: the bot never posts into a channel,
    even one it administers. (A channel's posts are digested in its discussion group,
    where Telegram forwards them, when the group's admins switch that on.)"""
    if update.channel_post is not None or update.edited_channel_post is not None:
        log.debug("update %s: a channel post, not answered in the channel", update.update_id)
        raise ApplicationHandlerStop
