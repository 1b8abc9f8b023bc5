"""Inline buttons: ``f:ID`` all figures, ``m:ID`` summary, ``o:ID`` source,
``c:ID`` figure card of digest ID; ``s:b:N`` bullets per digest,
``s:d:fa|latin`` digit style, ``s:t:light|dark`` card theme,
``s:c:on|off`` digests of channel posts in a discussion group (admins only)."""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from handlers.cards import answer_card
from handlers.common import is_group_admin, link_replies, send_reply, thread_of
from handlers.context import RaqamContext
from handlers.ports import ChatPrefs

log = logging.getLogger(__name__)

MAX_BULLETS = 20


async def on_callback(update: Update, context: RaqamContext) -> None:
    query = update.callback_query
    chat = update.effective_chat
    if query is None:
        return
    data = query.data or ""
    if chat is None:
        await query.answer()
        return
    parts = data.split(":")
    renderer = context.renderer
    prefs = await context.store.get_prefs(chat.id)

    if parts[0] in ("f", "m", "o") and len(parts) == 2 and parts[1].isdigit():
        await context.merger.flush(chat.id)
        rec = await context.store.get_digest(chat.id, int(parts[1]))
        if rec is None:
            await query.answer(_plain(renderer.text("digest_gone", prefs)), show_alert=True)
            return
        await query.answer()
        if parts[0] == "f":
            reply = renderer.figures(rec, prefs)
        elif parts[0] == "m":
            reply = renderer.summary(rec, prefs)
        else:
            reply = renderer.source(rec, prefs)
        # An old message may be "inaccessible": then answer without replying to it.
        shown = query.message if isinstance(query.message, Message) else None
        anchor = shown.message_id if shown is not None else None
        thread = thread_of(shown)
        sent = await send_reply(context.bot, chat.id, reply, reply_to=anchor, thread_id=thread)
        await link_replies(context, chat.id, rec.id, sent)
        return

    if parts[0] == "c" and len(parts) == 2 and parts[1].isdigit():
        await context.merger.flush(chat.id)
        rec = await context.store.get_digest(chat.id, int(parts[1]))
        if rec is None:
            await query.answer(_plain(renderer.text("digest_gone", prefs)), show_alert=True)
            return
        await query.answer()
        shown = query.message if isinstance(query.message, Message) else None
        await answer_card(
            context,
            chat.id,
            rec,
            prefs,
            reply_to=shown.message_id if shown is not None else None,
            thread_id=thread_of(shown),
        )
        return

    if parts[0] == "s" and len(parts) == 3:
        group = chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
        new = _changed(prefs, parts[1], parts[2], group=group)
        if new is None:
            await query.answer()
            return
        if new.channel_posts != prefs.channel_posts and not await is_group_admin(
            context, chat.id, query.from_user.id
        ):
            await query.answer(_plain(renderer.text("channel_admins_only", prefs)), show_alert=True)
            return
        if new != prefs:
            await context.store.set_prefs(chat.id, new)
        saved = "settings_saved"
        if new.channel_posts != prefs.channel_posts:
            saved = "channel_on" if new.channel_posts else "channel_off"
        await query.answer(_plain(renderer.text(saved, new)))
        view = renderer.settings(new, group=group)
        try:
            await query.edit_message_text(
                view.chunks[0], parse_mode=ParseMode.HTML, reply_markup=view.keyboard
            )
        except BadRequest as exc:  # "message is not modified" and the like
            log.debug("settings message not edited: %s", exc)
        return

    await query.answer()


def _changed(prefs: ChatPrefs, key: str, value: str, *, group: bool = False) -> ChatPrefs | None:
    if key == "b" and value.isdigit() and 1 <= int(value) <= MAX_BULLETS:
        return replace(prefs, bullets=int(value))
    if key == "d" and value in ("fa", "latin"):
        return replace(prefs, digits="fa" if value == "fa" else "latin")
    if key == "t" and value in ("light", "dark"):
        return replace(prefs, theme="light" if value == "light" else "dark")
    if key == "c" and value in ("on", "off") and group:
        return replace(prefs, channel_posts=value == "on")
    return None


def _plain(html_text: str) -> str:
    """Callback answers are plain text, at most 200 characters."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]*>", "", html_text))[:200]
