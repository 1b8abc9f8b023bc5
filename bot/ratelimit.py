"""The bot's flood limiter: PTB's :class:`AIORateLimiter` plus Telegram's group limit
as a sliding window.

Telegram lets a bot send about 30 messages a second overall and 20 a minute to
one group. PTB's limiter holds the overall rate; its per-group limiter is a
leaky bucket, which lets a burst of 20 through and then one message every
three seconds, up to 40 in the first minute. Comments on channel posts come
in bursts (a channel posting many items), so messages to a group go through a
sliding window here as well: at most ``group_messages`` in any
``group_period`` seconds, each counted from the moment its request finished
(so the API never sees them closer together than the window allows).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter, BaseRateLimiter

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

# Methods that put a message into a chat (what Telegram's group limit counts).
_SENDS = ("send", "copy", "forward")
_NOT_MESSAGES = frozenset({"sendchataction"})


class GroupWindow:
    """At most ``limit`` uses in any ``period`` seconds (an async context manager
    per use; a use is counted when it ends)."""

    def __init__(
        self, limit: int, period: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.period = period
        self._clock = clock
        self._done: collections.deque[float] = collections.deque()
        self._in_flight = 0
        self._changed = asyncio.Condition()

    def _expire(self, now: float) -> None:
        while self._done and now - self._done[0] >= self.period:
            self._done.popleft()

    @property
    def idle(self) -> bool:
        self._expire(self._clock())
        return not self._done and not self._in_flight

    async def acquire(self) -> None:
        async with self._changed:
            while True:
                now = self._clock()
                self._expire(now)
                if len(self._done) + self._in_flight < self.limit:
                    self._in_flight += 1
                    return
                if self._done:
                    wait = self._done[0] + self.period - now
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._changed.wait(), max(wait, 0.001))
                else:
                    await self._changed.wait()

    async def release(self) -> None:
        async with self._changed:
            self._in_flight -= 1
            self._done.append(self._clock())
            self._changed.notify_all()


class RaqamRateLimiter(BaseRateLimiter[int]):
    """:class:`AIORateLimiter` with Telegram's per-group limit kept as a sliding window."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        group_messages: int = 20,
        group_period: float = 60.0,
        inner: AIORateLimiter | None = None,
    ) -> None:
        self.inner = inner or AIORateLimiter(max_retries=max_retries)
        self.group_messages = group_messages
        self.group_period = group_period
        self._windows: dict[int, GroupWindow] = {}

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    def window(self, chat_id: int) -> GroupWindow:
        found = self._windows.get(chat_id)
        if found is None:
            if len(self._windows) > 512:
                for key in [k for k, w in self._windows.items() if w.idle]:
                    del self._windows[key]
            found = GroupWindow(self.group_messages, self.group_period)
            self._windows[chat_id] = found
        return found

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        name = endpoint.lower()
        chat_id = _group_id(data.get("chat_id"))
        if (
            chat_id is None
            or self.group_messages <= 0
            or not name.startswith(_SENDS)
            or name in _NOT_MESSAGES
        ):
            return await self.inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        window = self.window(chat_id)
        await window.acquire()
        try:
            return await self.inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        finally:
            await window.release()


def _group_id(raw: object) -> int | None:
    """The chat id of a group (negative ids are groups and channels), else None."""
    try:
        chat_id = int(str(raw))
    except ValueError:
        return None
    return chat_id if chat_id < 0 else None
