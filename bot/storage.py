"""SQLite storage: digests with their source text, the messages that point at
them, and per-chat settings.

Two connections, each on a dedicated thread: one writes, one only reads. The
async methods hand work to those threads so the event loop never waits on the
disk. The file uses WAL, so reads go on while a write waits for a lock held by
another process: a slow write never holds up the reads an answer needs. The
schema is versioned (``PRAGMA user_version``). Digests older than the
configured age are pruned at start and then about once an hour.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from handlers.ports import ChatPrefs, DigitStyle, StoredDigest, Theme
from summarizer.model import Digest

SCHEMA_VERSION = 3
PRUNE_EVERY_SECONDS = 3600.0
BUSY_TIMEOUT_MS = 10_000
# Linking the bot's reply messages to a digest is a convenience; when the file is
# locked it gives up soon instead of delaying the next chat's digest.
LINK_BUSY_TIMEOUT_MS = 1_000
# Chat settings kept in memory at most (the cache starts over when full).
PREFS_CACHED = 100_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS digests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    created_at REAL NOT NULL,
    title TEXT,
    link TEXT,
    text TEXT NOT NULL,
    digest_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS digests_by_chat ON digests (chat_id, id);
CREATE INDEX IF NOT EXISTS digests_by_age ON digests (created_at);
CREATE TABLE IF NOT EXISTS digest_messages (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX IF NOT EXISTS digest_messages_by_digest ON digest_messages (digest_id);
CREATE TABLE IF NOT EXISTS chat_settings (
    chat_id INTEGER PRIMARY KEY,
    bullets INTEGER NOT NULL,
    digits TEXT NOT NULL,
    updated_at REAL NOT NULL
);
"""

# The columns each step adds: the step keyed N takes a database from version N to
# N + 1. A new file gets the version 1 schema and then every step. Version 2 once
# named two different schemas (channel_posts alone; theme and source alone), so an
# older file goes through every step and a step adds only the columns it lacks.
_MIGRATIONS: dict[int, tuple[tuple[str, str, str], ...]] = {
    1: (("chat_settings", "channel_posts", "INTEGER NOT NULL DEFAULT 0"),),
    2: (
        ("chat_settings", "theme", "TEXT NOT NULL DEFAULT 'light'"),
        ("digests", "source", "TEXT"),
    ),
}

T = TypeVar("T")


class StorageError(Exception):
    """The database cannot be used; the message says why in one line."""


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the file to :data:`SCHEMA_VERSION` in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated the file while this one waited.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < SCHEMA_VERSION:
            if version == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            for step in range(1, SCHEMA_VERSION):
                for table, column, decl in _MIGRATIONS[step]:
                    if column not in _columns(conn, table):
                        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _connect(path: Path) -> sqlite3.Connection:
    """Open (and create or migrate) the database, or raise :class:`StorageError`."""
    if path.exists() and path.is_dir():
        raise StorageError(f"database path {path} is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise StorageError(f"directory {parent} for the database does not exist")
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open database {path}: {exc}") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"database {path} has schema version {version}, newer than this program's "
                f"{SCHEMA_VERSION}"
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            _migrate(conn)
        # A write proves the file and its directory are writable.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
    except StorageError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        reason = str(exc)
        if "not a database" in reason or "malformed" in reason:
            raise StorageError(
                f"database {path} is corrupt or not a SQLite file ({reason})"
            ) from None
        raise StorageError(f"cannot use database {path}: {reason}") from None
    return conn


def _connect_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection to a database :func:`_connect` has prepared."""
    try:
        conn = sqlite3.connect(path, timeout=10.0, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open database {path}: {exc}") from None
    return conn


class Storage:
    """Implements :class:`handlers.ports.Store` on a SQLite file."""

    def __init__(
        self, path: str | Path, *, ttl_days: float = 30.0, default_bullets: int = 8
    ) -> None:
        self.path = Path(path)
        self.ttl_seconds = ttl_days * 86400.0
        self.default_bullets = default_bullets
        self._conn = _connect(self.path)
        self._reader = _connect_reader(self.path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="raqam-sqlite")
        self._read_executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="raqam-sqlite-read"
        )
        self._last_prune = 0.0
        # Chat settings are read before every digest and written rarely, only by
        # this process: they are kept in memory once read (written through).
        self._prefs: dict[int, ChatPrefs] = {}
        self.prune_sync()

    # -- plumbing -----------------------------------------------------------

    async def _run(self, fn: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn)

    async def _read(self, fn: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._read_executor, fn)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self._read_executor.shutdown(wait=True)
        self._conn.close()
        self._reader.close()

    # -- digests ------------------------------------------------------------

    def save_digest_sync(
        self,
        chat_id: int,
        digest: Digest,
        *,
        text: str,
        title: str | None,
        link: str | None,
        message_ids: Sequence[int] = (),
        now: float | None = None,
        source: str | None = None,
    ) -> StoredDigest:
        created = time.time() if now is None else now
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO digests (chat_id, created_at, title, link, text, digest_json, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    chat_id,
                    created,
                    title,
                    link,
                    text,
                    json.dumps(digest.to_dict(), ensure_ascii=False),
                    source,
                ),
            )
            digest_id = int(cur.lastrowid or 0)
            self._link(chat_id, digest_id, message_ids)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if created - self._last_prune > PRUNE_EVERY_SECONDS:
            self.prune_sync()
        return StoredDigest(digest_id, chat_id, digest, text, title, link, created, source)

    def _link(self, chat_id: int, digest_id: int, message_ids: Sequence[int]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO digest_messages (chat_id, message_id, digest_id)"
            " VALUES (?, ?, ?)",
            [(chat_id, int(m), digest_id) for m in message_ids],
        )

    def link_messages_sync(self, chat_id: int, digest_id: int, message_ids: Sequence[int]) -> None:
        self._conn.execute(f"PRAGMA busy_timeout = {LINK_BUSY_TIMEOUT_MS}")
        try:
            self._link(chat_id, digest_id, message_ids)
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _row(self, row: tuple[object, ...] | None) -> StoredDigest | None:
        if row is None:
            return None
        id_, chat_id, created, title, link, text, data, source = row
        digest = Digest.from_dict(json.loads(str(data)))
        return StoredDigest(
            int(id_),  # type: ignore[call-overload]
            int(chat_id),  # type: ignore[call-overload]
            digest,
            str(text),
            None if title is None else str(title),
            None if link is None else str(link),
            float(created),  # type: ignore[arg-type]
            None if source is None else str(source),
        )

    _COLUMNS = "d.id, d.chat_id, d.created_at, d.title, d.link, d.text, d.digest_json, d.source"

    def find_by_message_sync(self, chat_id: int, message_id: int) -> StoredDigest | None:
        row = self._reader.execute(
            f"SELECT {self._COLUMNS} FROM digest_messages m JOIN digests d ON d.id = m.digest_id"
            " WHERE m.chat_id = ? AND m.message_id = ?",
            (chat_id, message_id),
        ).fetchone()
        return self._row(row)

    def last_digest_sync(self, chat_id: int) -> StoredDigest | None:
        row = self._reader.execute(
            f"SELECT {self._COLUMNS} FROM digests d WHERE d.chat_id = ? ORDER BY d.id DESC LIMIT 1",
            (chat_id,),
        ).fetchone()
        return self._row(row)

    def get_digest_sync(self, chat_id: int, digest_id: int) -> StoredDigest | None:
        row = self._reader.execute(
            f"SELECT {self._COLUMNS} FROM digests d WHERE d.chat_id = ? AND d.id = ?",
            (chat_id, digest_id),
        ).fetchone()
        return self._row(row)

    def count_digests_sync(self) -> int:
        return int(self._reader.execute("SELECT COUNT(*) FROM digests").fetchone()[0])

    def prune_sync(self, now: float | None = None) -> int:
        """Delete digests older than the configured age; return how many went."""
        now = time.time() if now is None else now
        self._last_prune = now
        cur = self._conn.execute(
            "DELETE FROM digests WHERE created_at < ?", (now - self.ttl_seconds,)
        )
        return int(cur.rowcount)

    # -- chat settings --------------------------------------------------------

    def get_prefs_sync(self, chat_id: int) -> ChatPrefs:
        cached = self._prefs.get(chat_id)
        if cached is not None:
            return cached
        prefs = self._read_prefs(chat_id)
        if len(self._prefs) >= PREFS_CACHED:
            self._prefs.clear()
        # setdefault: a value written meanwhile by set_prefs_sync is newer than ours.
        return self._prefs.setdefault(chat_id, prefs)

    def _read_prefs(self, chat_id: int) -> ChatPrefs:
        row = self._reader.execute(
            "SELECT bullets, digits, theme, channel_posts FROM chat_settings WHERE chat_id = ?",
            (chat_id,),
        ).fetchone()
        if row is None:
            return ChatPrefs(bullets=self.default_bullets, digits="fa")
        digits: DigitStyle = "latin" if row[1] == "latin" else "fa"
        theme: Theme = "dark" if row[2] == "dark" else "light"
        return ChatPrefs(
            bullets=int(row[0]), digits=digits, theme=theme, channel_posts=bool(row[3])
        )

    def set_prefs_sync(self, chat_id: int, prefs: ChatPrefs) -> None:
        self._conn.execute(
            "INSERT INTO chat_settings"
            " (chat_id, bullets, digits, theme, updated_at, channel_posts)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET bullets = excluded.bullets,"
            " digits = excluded.digits, theme = excluded.theme,"
            " updated_at = excluded.updated_at, channel_posts = excluded.channel_posts",
            (
                chat_id,
                prefs.bullets,
                prefs.digits,
                prefs.theme,
                time.time(),
                int(prefs.channel_posts),
            ),
        )
        self._prefs[chat_id] = prefs

    # -- async API (handlers.ports.Store) ----------------------------------------

    async def save_digest(
        self,
        chat_id: int,
        digest: Digest,
        *,
        text: str,
        title: str | None,
        link: str | None,
        message_ids: Sequence[int],
        source: str | None = None,
    ) -> StoredDigest:
        ids = list(message_ids)
        return await self._run(
            lambda: self.save_digest_sync(
                chat_id, digest, text=text, title=title, link=link, message_ids=ids, source=source
            )
        )

    async def link_messages(self, chat_id: int, digest_id: int, message_ids: Sequence[int]) -> None:
        ids = list(message_ids)
        await self._run(lambda: self.link_messages_sync(chat_id, digest_id, ids))

    async def find_by_message(self, chat_id: int, message_id: int) -> StoredDigest | None:
        return await self._read(lambda: self.find_by_message_sync(chat_id, message_id))

    async def last_digest(self, chat_id: int) -> StoredDigest | None:
        return await self._read(lambda: self.last_digest_sync(chat_id))

    async def get_digest(self, chat_id: int, digest_id: int) -> StoredDigest | None:
        return await self._read(lambda: self.get_digest_sync(chat_id, digest_id))

    async def get_prefs(self, chat_id: int) -> ChatPrefs:
        cached = self._prefs.get(chat_id)
        if cached is not None:
            return cached  # no trip to the reader thread
        return await self._read(lambda: self.get_prefs_sync(chat_id))

    async def set_prefs(self, chat_id: int, prefs: ChatPrefs) -> None:
        await self._run(lambda: self.set_prefs_sync(chat_id, prefs))
