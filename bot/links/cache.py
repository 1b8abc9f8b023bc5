"""Articles already read, by URL, in SQLite: :class:`ArticleCache`.

The cache lives in the bot's database file, in its own table and through its
own connection, so a link forwarded by many readers is fetched once within
the time to live.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bot.links.article import Article

DEFAULT_TTL_SECONDS = 6 * 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS link_articles (
    url        TEXT PRIMARY KEY,
    final_url  TEXT NOT NULL,
    title      TEXT,
    text       TEXT NOT NULL,
    published  TEXT,
    fetched_at REAL NOT NULL
)
"""


class ArticleCache:
    """A thread-safe SQLite cache of :class:`Article` by requested URL."""

    def __init__(
        self,
        path: str | Path,
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._db.execute(_SCHEMA)

    def get(self, url: str) -> Article | None:
        """The cached article of ``url`` if it is younger than the time to live."""
        with self._lock:
            row = self._db.execute(
                "SELECT final_url, title, text, published, fetched_at"
                " FROM link_articles WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None or self._clock() - float(row[4]) > self.ttl_seconds:
            return None
        return Article(url=url, final_url=row[0], title=row[1], text=row[2], published=row[3])

    def put(self, url: str, article: Article) -> None:
        """Remember ``article`` as the content of ``url`` from now on."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO link_articles"
                " (url, final_url, title, text, published, fetched_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    url,
                    article.final_url,
                    article.title,
                    article.text,
                    article.published,
                    self._clock(),
                ),
            )

    def prune(self) -> int:
        """Forget expired articles; the number forgotten."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "DELETE FROM link_articles WHERE fetched_at < ?",
                (self._clock() - self.ttl_seconds,),
            )
        return cursor.rowcount

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()
