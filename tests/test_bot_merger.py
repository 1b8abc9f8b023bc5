"""The article merger on its own: what it holds, when it digests, and in which order.

The merger is given a recorder to process articles with, so these tests see exactly which
parts are digested together, when, and for which chat.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
from typing import Any, cast

import pytest
from telegram import Chat, Message

from handlers.context import RaqamContext
from handlers.merger import OWN_TEXT_PIECE_CHARS, ArticleMerger, Part

CONTEXT = cast(RaqamContext, object())
GUARD = 20.0  # seconds: only reached when the merger is stuck


def part(
    chat_id: int, message_id: int, text: str, seq: int | None = None, origin: str = "channel"
) -> Part:
    message = Message(message_id, dtm.datetime.now(dtm.UTC), Chat(chat_id, "private"))
    return Part(
        message=message,
        text=text,
        raw_text=text,
        entities=(),
        origin=(origin, -100),
        seq=seq,
        link=None,
    )


class Recorder:
    """Stands in for ``process_parts``: records the texts of each digest, and can
    hold every digest until released."""

    def __init__(self) -> None:
        self.done: list[tuple[int, list[str]]] = []
        self.started: list[int] = []
        self.release = asyncio.Event()
        self.release.set()
        self.changed = asyncio.Event()

    async def __call__(self, context: Any, chat_id: int, parts: list[Part]) -> None:
        self.started.append(chat_id)
        self.changed.set()
        await self.release.wait()
        self.done.append((chat_id, [p.text for p in parts]))
        self.changed.set()

    async def until(self, predicate: Any) -> None:
        async def wait() -> None:
            while not predicate():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), GUARD)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def test_consecutive_posts_are_merged_and_others_start_a_new_article(recorder: Recorder) -> None:
    async def run() -> None:
        merger = ArticleMerger[RaqamContext](window=30.0, process=recorder)
        await merger.add(CONTEXT, 1, part(1, 1, "الف", seq=10))
        await merger.add(CONTEXT, 1, part(1, 2, "ب", seq=11))
        await merger.add(CONTEXT, 1, part(1, 3, "ج", seq=40))  # not the next post
        assert recorder.done == [(1, ["الف", "ب"])]
        await merger.flush_all()
        assert recorder.done == [(1, ["الف", "ب"]), (1, ["ج"])]

    asyncio.run(run())


def test_own_short_text_is_answered_without_waiting(recorder: Recorder) -> None:
    async def run() -> None:
        merger = ArticleMerger[RaqamContext](window=30.0, process=recorder)
        await merger.add(CONTEXT, 1, part(1, 1, "خبر کوتاه", origin="self"))
        assert recorder.done == [(1, ["خبر کوتاه"])]
        assert merger.pending_chats == 0

    asyncio.run(run())


def test_own_long_text_waits_for_the_piece_telegram_cut_off(recorder: Recorder) -> None:
    async def run() -> None:
        merger = ArticleMerger[RaqamContext](window=30.0, process=recorder)
        long = "ب" * OWN_TEXT_PIECE_CHARS
        await merger.add(CONTEXT, 1, part(1, 1, long, origin="self"))
        assert recorder.done == [] and merger.pending_chats == 1
        await merger.add(CONTEXT, 1, part(1, 2, "پایان", origin="self"))  # the short rest
        assert recorder.done == [(1, [long, "پایان"])]

    asyncio.run(run())


def test_flush_waits_for_a_digest_its_window_already_started(recorder: Recorder) -> None:
    """A command right after the window closed must see that article's digest."""

    async def run() -> None:
        merger = ArticleMerger[RaqamContext](window=0.01, process=recorder)
        recorder.release.clear()
        await merger.add(CONTEXT, 1, part(1, 1, "خبر"))
        await recorder.until(lambda: recorder.started == [1])  # the window's own flush
        flushing = asyncio.create_task(merger.flush(1))
        await asyncio.sleep(0)
        assert not flushing.done()
        recorder.release.set()
        await asyncio.wait_for(flushing, GUARD)
        assert recorder.done == [(1, ["خبر"])]

    asyncio.run(run())


def test_flush_all_serves_chats_at_once_and_each_chat_in_order(recorder: Recorder) -> None:
    async def run() -> None:
        merger = ArticleMerger[RaqamContext](window=30.0, process=recorder)
        recorder.release.clear()
        for chat in range(1, 6):
            await merger.add(CONTEXT, chat, part(chat, 1, f"خبر {chat}"))
        stopping = asyncio.create_task(merger.flush_all())
        # Every chat's digest starts before any of them ends: the chats are not
        # served one after another.
        await recorder.until(lambda: sorted(recorder.started) == [1, 2, 3, 4, 5])
        assert recorder.done == []
        recorder.release.set()
        await asyncio.wait_for(stopping, GUARD)
        assert sorted(c for c, _ in recorder.done) == [1, 2, 3, 4, 5]
        assert merger.pending_chats == 0

    asyncio.run(run())


def test_flush_all_waits_for_window_flushes_under_way(recorder: Recorder) -> None:
    async def run() -> None:
        merger = ArticleMerger[RaqamContext](window=0.01, process=recorder)
        recorder.release.clear()
        await merger.add(CONTEXT, 7, part(7, 1, "اول"))
        await recorder.until(lambda: recorder.started == [7])
        await merger.add(CONTEXT, 7, part(7, 2, "دوم", seq=None))
        stopping = asyncio.create_task(merger.flush_all())
        await asyncio.sleep(0)
        recorder.release.set()
        await asyncio.wait_for(stopping, GUARD)
        assert recorder.done == [(7, ["اول"]), (7, ["دوم"])]

    asyncio.run(run())
