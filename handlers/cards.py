"""The figure card of a digest, for ``/card`` and the card button."""

from __future__ import annotations

import logging

from telegram.constants import ChatAction

from handlers.common import link_replies, send_card, send_html
from handlers.context import RaqamContext
from handlers.ports import ChatPrefs, StoredDigest

log = logging.getLogger(__name__)


async def answer_card(
    context: RaqamContext,
    chat_id: int,
    rec: StoredDigest,
    prefs: ChatPrefs,
    *,
    reply_to: int | None,
    thread_id: int | None,
) -> None:
    """Send the figure card of ``rec``, or say why there is none."""
    try:
        await context.bot.send_chat_action(
            chat_id, ChatAction.UPLOAD_PHOTO, message_thread_id=thread_id
        )
    except Exception as exc:  # the action is a nicety; the card still goes out
        log.debug("sendChatAction failed: %s", exc)
    card = await context.cards.card(rec, prefs, context.bot.username)
    if card is None:
        await send_html(
            context.bot,
            chat_id,
            context.renderer.text("card_no_figures", prefs),
            reply_to=reply_to,
            thread_id=thread_id,
        )
        return
    sent = await send_card(context.bot, chat_id, card, reply_to=reply_to, thread_id=thread_id)
    await link_replies(context, chat_id, rec.id, [sent.message_id])
