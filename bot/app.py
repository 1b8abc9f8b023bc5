"""The application factory and the bot's entry point.

:func:`build_application` wires the services into ``bot_data`` and registers
the handlers; :func:`run_bot` reads the settings and runs the bot with long
polling, or with a webhook when ``RAQAM_WEBHOOK_URL`` is set.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import weakref
from collections.abc import Awaitable
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.card.service import CardService
from bot.ratelimit import RaqamRateLimiter
from bot.render import HtmlRenderer
from bot.request import BoundedRequest
from bot.services import ExecutorDigester, LinkReader
from bot.settings import Settings, SettingsError, load_settings
from bot.storage import Storage, StorageError
from handlers import callbacks, commands, errors, inline, messages
from handlers.access import check_access, ignore_channel_posts
from handlers.context import (
    CARDS,
    DIGESTER,
    LIMITS,
    LINKS,
    MERGER,
    RENDERER,
    STORE,
    RaqamApp,
    RaqamContext,
)
from handlers.merger import ArticleMerger
from handlers.ports import Limits

log = logging.getLogger("raqam")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Processes updates of different chats concurrently, one chat's in order."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.get(chat.id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat.id] = lock
        async with lock:
            await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces secrets (the bot token) wherever they appear."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "<token>")
        return text


def _quiet_invalid_token(record: logging.LogRecord) -> bool:
    """PTB logs a rejected token with a full traceback; the one-line exit message
    says it better."""
    if record.name.startswith("telegram") and "Invalid token" in record.getMessage():
        record.exc_info = None
        record.exc_text = None
    return True


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    secrets = [settings.token]
    if settings.webhook_secret is not None:
        secrets.append(settings.webhook_secret.get_secret_value())
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    handler.addFilter(_quiet_invalid_token)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # Warnings too go through the redacting handler instead of straight to stderr.
    logging.captureWarnings(True)
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def link_settings_of(settings: Settings) -> dict[str, Any]:
    return {
        "connect_timeout": settings.link_connect_timeout,
        "read_timeout": settings.link_read_timeout,
        "total_timeout": settings.link_total_timeout,
        "max_bytes": settings.link_max_bytes,
        "allow_private": settings.allow_private_urls,
    }


async def _post_init(app: RaqamApp) -> None:
    me = app.bot
    log.info("connected as @%s (id %s)", me.username, me.id)
    try:
        await me.set_my_commands([BotCommand(c, d) for c, d in commands.COMMANDS])
    except TelegramError as exc:
        log.warning("could not register the command list: %s", exc)
    if not me.bot.supports_inline_queries:
        log.info(
            "inline mode is off for @%s: send /setinline to @BotFather to let users write "
            "@%s <link> in any chat",
            me.username,
            me.username,
        )


async def _post_stop(app: RaqamApp) -> None:
    merger: ArticleMerger[RaqamContext] = app.bot_data[MERGER]
    if merger.pending_chats:
        log.info("answering %d held article(s) before stopping", merger.pending_chats)
        await merger.flush_all()


async def _post_shutdown(app: RaqamApp) -> None:
    app.bot_data[DIGESTER].close()
    app.bot_data[STORE].close()
    app.bot_data[LINKS].close()
    app.bot_data[CARDS].close()


SEND_READ_TIMEOUT = 30.0


def build_application(settings: Settings) -> RaqamApp:
    """Build the bot: services in ``bot_data``, handlers registered.

    Raises :class:`bot.storage.StorageError` when the database cannot be used.
    """
    storage = Storage(
        settings.database, ttl_days=settings.digest_ttl_days, default_bullets=settings.max_bullets
    )
    context_types = ContextTypes(context=RaqamContext)
    app: RaqamApp = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .context_types(context_types)
        .rate_limiter(
            RaqamRateLimiter(
                max_retries=3,
                group_messages=settings.group_messages,
                group_period=settings.group_period_seconds,
            )
        )
        .concurrent_updates(PerChatUpdateProcessor(256))
        .get_updates_read_timeout(settings.poll_timeout + 10)
        # A slow answer from the Bot API is waited for rather than sent again
        # (a retried sendMessage after a read timeout would reach the user twice).
        .request(
            BoundedRequest(
                read_timeout=SEND_READ_TIMEOUT,
                write_timeout=SEND_READ_TIMEOUT,
                pool_timeout=SEND_READ_TIMEOUT,
            )
        )
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data[STORE] = storage
    app.bot_data[DIGESTER] = ExecutorDigester(
        settings.digest_workers, processes=settings.digest_processes
    )
    app.bot_data[RENDERER] = HtmlRenderer()
    app.bot_data[CARDS] = CardService()
    app.bot_data[LINKS] = LinkReader(link_settings_of(settings), str(settings.database))
    app.bot_data[LIMITS] = Limits(
        max_text_chars=settings.max_text_chars,
        default_bullets=settings.max_bullets,
        allowed_chats=settings.allowed_chats,
        merge_window_seconds=settings.merge_window_seconds,
        inline_wait_seconds=settings.inline_wait_seconds,
    )
    app.bot_data[MERGER] = ArticleMerger[RaqamContext](
        settings.merge_window_seconds, messages.process_parts
    )
    register_handlers(app)
    return app


def register_handlers(app: RaqamApp) -> None:
    app.add_handler(TypeHandler(Update, ignore_channel_posts), group=-2)
    app.add_handler(TypeHandler(Update, check_access), group=-1)
    table = {
        "start": commands.cmd_help,
        "help": commands.cmd_help,
        "figures": commands.cmd_figures,
        "details": commands.cmd_details,
        "summary": commands.cmd_summary,
        "source": commands.cmd_source,
        "export": commands.cmd_export,
        "settings": commands.cmd_settings,
        "card": commands.cmd_card,
        "digest": commands.cmd_digest,
    }
    for name, callback in table.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(callbacks.on_callback))
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & ~filters.COMMAND, messages.on_message)
    )
    app.add_error_handler(errors.on_error)


def run_bot() -> int:
    """Run the bot until stopped; return the process exit code."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"raqam: configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(settings)
    try:
        app = build_application(settings)
    except StorageError as exc:
        print(f"raqam: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        if settings.webhook_enabled:
            assert settings.webhook_url is not None and settings.webhook_secret is not None
            app.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
                bootstrap_retries=settings.bootstrap_retries,
            )
        else:
            app.run_polling(
                allowed_updates=Update.ALL_TYPES,
                timeout=settings.poll_timeout,
                bootstrap_retries=settings.bootstrap_retries,
            )
    except InvalidToken:
        print("raqam: the Bot API rejected TELEGRAM_BOT_TOKEN", file=sys.stderr)
        return EXIT_CONFIG
    except TelegramError as exc:
        reason = str(exc).replace(settings.token, "<token>")
        print(f"raqam: cannot reach the Bot API: {reason}", file=sys.stderr)
        return EXIT_FAILURE
    log.info("stopped")
    return EXIT_OK
