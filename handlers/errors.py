"""The error handler: log with the update id, apologise, keep running."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType

from handlers.common import send_html
from handlers.context import RaqamContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: RaqamContext) -> None:
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "error while handling update %s: %s",
        update_id,
        context.error,
        exc_info=context.error,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type == ChatType.CHANNEL:
        return  # the bot never posts into a channel
    message = update.effective_message
    if message is not None and message.is_automatic_forward:
        return  # a channel post in its discussion group: no apology under it
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(
                "متأسفم، خطایی رخ داد. دوباره امتحان کنید.", show_alert=False
            )
            return
        await send_html(
            context.bot,
            update.effective_chat.id,
            context.renderer.text("error"),
            reply_to=message.message_id if message is not None else None,
        )
    except Exception as exc:
        log.warning("could not apologise for update %s: %s", update_id, exc)
