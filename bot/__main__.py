"""``python -m bot`` runs the Telegram bot (same as ``raqam bot``)."""

from bot.app import run_bot

raise SystemExit(run_bot())
