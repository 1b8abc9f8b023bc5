"""Concrete services behind the Protocols of :mod:`handlers.ports`.

- :class:`ExecutorDigester` runs :func:`summarizer.digest` off the event loop
  (threads by default, or worker processes).
- :class:`LinkReader` reads links through :mod:`bot.links` when that package
  is installed, and otherwise tells the user that links are not read yet.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import logging
import multiprocessing
import re
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from types import ModuleType
from typing import Any

from telegram import MessageEntity

from handlers.ports import Article, LinkFailure
from summarizer import digest as run_digest
from summarizer.model import Digest

log = logging.getLogger(__name__)

MAX_LINKS_TRIED = 3
_URL_RE = re.compile(r"https?://[^\s<>\"'«»]+", re.IGNORECASE)


def _digest_job(text: str, title: str | None, max_bullets: int) -> Digest:
    return run_digest(text, title=title, max_bullets=max_bullets)


# Digests of recent texts kept in memory: a channel post forwarded by many users,
# or an inline query typed again, is digested once. Texts longer than
# CACHE_MAX_CHARS are not kept.
CACHE_ENTRIES = 512
CACHE_MAX_CHARS = 20_000


class ExecutorDigester:
    """Implements :class:`handlers.ports.DigestService` with an executor.

    The engine is deterministic, so the digest of a text seen recently (same
    text, title and bullet count) is served from a small LRU cache.
    """

    def __init__(
        self, workers: int = 4, *, processes: bool = False, cache_entries: int = CACHE_ENTRIES
    ) -> None:
        self._cache: OrderedDict[tuple[str, str | None, int], Digest] = OrderedDict()
        self._cache_entries = cache_entries
        self.hits = 0
        self._executor: Executor
        if processes:
            ctx = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
        else:
            self._executor = ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix="raqam-digest"
            )

    async def digest(self, text: str, *, title: str | None, max_bullets: int) -> Digest:
        key = (text, title, max_bullets)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            self.hits += 1
            return cached
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self._executor, _digest_job, text, title, max_bullets)
        if self._cache_entries > 0 and len(text) <= CACHE_MAX_CHARS:
            self._cache[key] = result
            while len(self._cache) > self._cache_entries:
                self._cache.popitem(last=False)
        return result

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _load_links_module() -> ModuleType | None:
    try:
        return importlib.import_module("bot.links")
    except ImportError:
        return None


class LinkReader:
    """Implements :class:`handlers.ports.LinkService`."""

    def __init__(self, link_settings: dict[str, Any], database: str | None = None) -> None:
        self._module = _load_links_module()
        self._settings: Any = None
        self._cache: Any = None
        if self._module is not None:
            settings_cls = getattr(self._module, "LinkSettings", None)
            if settings_cls is not None:
                try:
                    self._settings = settings_cls(**link_settings)
                except TypeError:
                    log.warning("bot.links.LinkSettings does not take %s", sorted(link_settings))
                    self._settings = settings_cls()
            cache_cls = getattr(self._module, "ArticleCache", None)
            if cache_cls is not None and database is not None:
                try:
                    self._cache = cache_cls(database)
                except Exception as exc:  # links still work without a cache
                    log.warning("article cache unavailable: %s", exc)

    @property
    def available(self) -> bool:
        return self._module is not None and hasattr(self._module, "fetch_article")

    def close(self) -> None:
        closer = getattr(self._cache, "close", None)
        if closer is not None:
            closer()

    def find_links(self, text: str, entities: Sequence[MessageEntity]) -> list[str]:
        finder = getattr(self._module, "find_links", None) if self._module else None
        if finder is not None:
            try:
                return list(finder(text, entities))
            except Exception:  # a finder bug must not lose the message
                log.exception("find_links failed")
        # Without the links package: entity links and links in the text, in reading order.
        found: list[tuple[int, str]] = []
        for entity in entities:
            if entity.type == MessageEntity.TEXT_LINK and entity.url:
                found.append((entity.offset, entity.url))
        units = 0
        starts: dict[int, int] = {}
        for index, char in enumerate(text):
            starts[index] = units
            units += 2 if ord(char) > 0xFFFF else 1
        for m in _URL_RE.finditer(text):
            found.append((starts.get(m.start(), units), m.group(0).rstrip(".,;:!?)]،؛")))
        urls: list[str] = []
        for _, url in sorted(found, key=lambda item: item[0]):
            if url not in urls:
                urls.append(url)
        return urls

    async def fetch_first(self, urls: Sequence[str]) -> Article:
        if not self.available or self._module is None:
            raise LinkFailure("خواندن پیوندها هنوز ممکن نیست.", "unavailable")
        fetch = self._module.fetch_article
        extra: dict[str, Any] = {}
        if self._cache is not None and "cache" in inspect.signature(fetch).parameters:
            extra["cache"] = self._cache
        link_error = getattr(self._module, "LinkError", None)
        last: LinkFailure | None = None
        for url in list(urls)[:MAX_LINKS_TRIED]:
            try:
                art = await fetch(url, settings=self._settings, **extra)
            except Exception as exc:
                if link_error is not None and isinstance(exc, link_error):
                    last = LinkFailure(
                        str(getattr(exc, "user_message", "این پیوند خوانده نشد.")),
                        str(getattr(exc, "reason", "error")),
                        url,
                    )
                    continue
                raise
            text = str(getattr(art, "text", "") or "")
            if text.strip():
                url_read = str(getattr(art, "final_url", None) or getattr(art, "url", url))
                return Article(url=url_read, title=getattr(art, "title", None), text=text)
            last = LinkFailure("در این پیوند متن خبری پیدا نشد.", "not_article", url)
        raise last or LinkFailure("پیوندی برای خواندن پیدا نشد.", "bad_url")
