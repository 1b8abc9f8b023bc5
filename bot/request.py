"""The HTTP client of the bot's Bot API requests (getUpdates has its own).

httpcore, under httpx, walks its whole pool on every request it starts and
ends: each idle connection is checked for expiry (a readiness syscall) and
every queued request is matched against every connection. PTB's flood
limiter lets requests out in bursts (up to 30 at once), so with PTB's default
pool of 256 the pool grows to a connection per request of a burst and every
later request pays for all of them. Here at most ``concurrency`` requests are
in flight, each with a connection of its own from a pool of that size; the
rest wait their turn in a plain semaphore, outside httpcore.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.request import HTTPXRequest

CONCURRENCY = 8


class BoundedRequest(HTTPXRequest):
    """:class:`HTTPXRequest` with at most ``concurrency`` requests in flight."""

    def __init__(self, *, concurrency: int = CONCURRENCY, **kwargs: Any) -> None:
        super().__init__(connection_pool_size=concurrency, **kwargs)
        self.concurrency = concurrency
        self._slots = asyncio.Semaphore(concurrency)

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        async with self._slots:
            return await super().do_request(*args, **kwargs)
