"""Slash commands. Each works on the digest whose message the command replies
to, or else on the chat's latest digest."""

from __future__ import annotations

from dataclasses import replace

from telegram import InputFile, ReplyParameters, Update
from telegram.constants import ChatType

from handlers.cards import answer_card
from handlers.common import (
    digest_for,
    is_group_admin,
    link_replies,
    send_html,
    send_reply,
    thread_of,
)
from handlers.context import RaqamContext
from handlers.merger import make_part
from handlers.ports import ChatPrefs, Reply, StoredDigest

# (command, Persian description) for setMyCommands and /help.
COMMANDS: list[tuple[str, str]] = [
    ("start", "آشنایی با ربات"),
    ("help", "راهنما"),
    ("figures", "همه‌ی رقم‌های آخرین خبر"),
    ("details", "جمله‌های پشت یک بند؛ مثال: /details 2"),
    ("summary", "خلاصه‌ی خبر"),
    ("source", "عنوان، پیوند و اندازه‌ی متن"),
    ("export", "رقم‌ها در قالب CSV و JSON"),
    ("card", "تصویر رقم‌های کلیدی خبر برای هم‌رسانی"),
    ("settings", "تعداد بندها، شکل ارقام و رنگ کارت"),
    ("digest", "خلاصه‌ی پیامی که به آن پاسخ می‌دهید"),
]

MAX_BULLETS = 20


async def _prelude(update: Update, context: RaqamContext) -> tuple[int, int, int | None] | None:
    """Flush the chat's pending article; return (chat id, message id, thread id)."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None:
        return None
    await context.merger.flush(chat.id)
    return chat.id, message.message_id, thread_of(message)


async def _answer(
    update: Update,
    context: RaqamContext,
    reply: Reply | str,
    about: StoredDigest | None = None,
) -> None:
    """Answer the command; messages that show a digest (``about``) are linked to it,
    so that a later command replying to them works on that digest."""
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None:
        return
    if isinstance(reply, str):
        reply = Reply(chunks=[reply])
    sent = await send_reply(
        context.bot, chat.id, reply, reply_to=message.message_id, thread_id=thread_of(message)
    )
    if about is not None:
        await link_replies(context, chat.id, about.id, sent)


async def _digest_or_say(
    update: Update, context: RaqamContext
) -> tuple[StoredDigest, ChatPrefs] | None:
    ids = await _prelude(update, context)
    if ids is None:
        return None
    chat_id = ids[0]
    prefs = await context.store.get_prefs(chat_id)
    rec = await digest_for(context, chat_id, update.effective_message)
    if rec is None:
        await _answer(update, context, context.renderer.text("no_digest", prefs))
        return None
    return rec, prefs


async def cmd_help(update: Update, context: RaqamContext) -> None:
    ids = await _prelude(update, context)
    if ids is None:
        return
    prefs = await context.store.get_prefs(ids[0])
    await _answer(update, context, context.renderer.text("help", prefs))


async def cmd_figures(update: Update, context: RaqamContext) -> None:
    found = await _digest_or_say(update, context)
    if found:
        rec, prefs = found
        await _answer(update, context, context.renderer.figures(rec, prefs), rec)


async def cmd_summary(update: Update, context: RaqamContext) -> None:
    found = await _digest_or_say(update, context)
    if found:
        rec, prefs = found
        await _answer(update, context, context.renderer.summary(rec, prefs), rec)


async def cmd_source(update: Update, context: RaqamContext) -> None:
    found = await _digest_or_say(update, context)
    if found:
        rec, prefs = found
        await _answer(update, context, context.renderer.source(rec, prefs), rec)


def _parse_int(arg: str) -> int | None:
    digits = arg.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))
    return int(digits) if digits.isdigit() and len(digits) < 6 else None


async def cmd_details(update: Update, context: RaqamContext) -> None:
    args = context.args or []
    found = await _digest_or_say(update, context)
    if not found:
        return
    rec, prefs = found
    n = _parse_int(args[0]) if args else None
    renderer = context.renderer
    if n is None:
        await _answer(update, context, renderer.text("details_usage", prefs))
        return
    count = len(rec.digest.bullets)
    if count == 0:
        await _answer(update, context, renderer.text("no_bullets", prefs))
        return
    if not 1 <= n <= count:
        await _answer(update, context, renderer.text("details_range", prefs, count=count))
        return
    await _answer(update, context, renderer.details(rec, n, prefs), rec)


async def cmd_export(update: Update, context: RaqamContext) -> None:
    found = await _digest_or_say(update, context)
    if not found:
        return
    rec, _ = found
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    for doc in context.renderer.export(rec):
        await context.bot.send_document(
            chat.id,
            InputFile(doc.content, filename=doc.filename),
            caption=doc.caption,
            reply_parameters=ReplyParameters(
                message_id=message.message_id, allow_sending_without_reply=True
            ),
            message_thread_id=thread_of(message),
        )


async def cmd_card(update: Update, context: RaqamContext) -> None:
    found = await _digest_or_say(update, context)
    if not found:
        return
    rec, prefs = found
    message = update.effective_message
    assert message is not None
    await answer_card(
        context,
        rec.chat_id,
        rec,
        prefs,
        reply_to=message.message_id,
        thread_id=thread_of(message),
    )


async def cmd_settings(update: Update, context: RaqamContext) -> None:
    ids = await _prelude(update, context)
    if ids is None:
        return
    chat_id = ids[0]
    chat = update.effective_chat
    group = chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
    prefs = await context.store.get_prefs(chat_id)
    args = [a.lower() for a in (context.args or [])]
    if args:
        new = _apply_setting(prefs, args, group=group)
        if new is None:
            await _answer(update, context, context.renderer.text("settings_usage", prefs))
            return
        if new.channel_posts != prefs.channel_posts:
            user = update.effective_user
            if not await is_group_admin(
                context, chat_id, user.id if user else None, update.effective_message
            ):
                await _answer(update, context, context.renderer.text("channel_admins_only", prefs))
                return
        prefs = new
        await context.store.set_prefs(chat_id, prefs)
    await _answer(update, context, context.renderer.settings(prefs, group=group))


def _apply_setting(prefs: ChatPrefs, args: list[str], *, group: bool = False) -> ChatPrefs | None:
    if len(args) != 2:
        return None
    key, value = args
    if key in ("bullets", "بند"):
        n = _parse_int(value)
        if n is None or not 1 <= n <= MAX_BULLETS:
            return None
        return replace(prefs, bullets=n)
    if key in ("digits", "ارقام"):
        if value in ("fa", "persian", "فارسی"):
            return replace(prefs, digits="fa")
        if value in ("latin", "en", "لاتین"):
            return replace(prefs, digits="latin")
    if key in ("theme", "رنگ", "کارت"):
        if value in ("light", "روشن"):
            return replace(prefs, theme="light")
        if value in ("dark", "تیره"):
            return replace(prefs, theme="dark")
    if key in ("channel", "کانال") and group:
        if value in ("on", "روشن"):
            return replace(prefs, channel_posts=True)
        if value in ("off", "خاموش"):
            return replace(prefs, channel_posts=False)
    return None


async def cmd_digest(update: Update, context: RaqamContext) -> None:
    """``/digest`` as a reply to a message digests that message; ``/digest TEXT`` digests TEXT."""
    ids = await _prelude(update, context)
    message = update.effective_message
    if ids is None or message is None:
        return
    chat_id = ids[0]
    target = message.reply_to_message
    if target is not None:
        await context.merger.process_now(
            context, chat_id, [make_part(target, update_id=update.update_id)]
        )
        return
    text = " ".join(context.args or [])
    if text.strip():
        body = (message.text or "").split(maxsplit=1)
        part = make_part(
            message, text=body[1] if len(body) > 1 else text, update_id=update.update_id
        )
        await context.merger.process_now(context, chat_id, [part])
        return
    prefs = await context.store.get_prefs(chat_id)
    await send_html(
        context.bot,
        chat_id,
        context.renderer.text("digest_usage", prefs),
        reply_to=message.message_id,
        thread_id=thread_of(message),
    )
