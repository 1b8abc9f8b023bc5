"""The allow-list: runs before every other handler and stops updates from
chats that are not allowed (after a short Persian answer where one is due)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
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
    if update.callback_query is not None:
        await update.callback_query.answer(text[:200], show_alert=True)
    elif chat is not None and update.message is not None:
        message = update.message
        addressed = chat.type == ChatType.PRIVATE or bool(
            message.text and message.text.startswith("/")
        )
        if addressed:
            await send_html(context.bot, chat.id, text, reply_to=message.message_id)
    raise ApplicationHandlerStop
