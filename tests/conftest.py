"""Fixtures shared by the bot's end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakebotapi import FakeBotAPI


@pytest.fixture(scope="module")
def api() -> Iterator[FakeBotAPI]:
    """One fake Telegram Bot API server on loopback per test module."""
    with FakeBotAPI() as server:
        yield server
