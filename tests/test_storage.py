"""SQLite storage on real files: round trips, message lookup, settings,
pruning, restart, and clear errors for unusable paths."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.storage import SCHEMA_VERSION, Storage, StorageError
from handlers.ports import ChatPrefs
from summarizer import digest

TEXT = "مصرف آب تهران به ۳ میلیون مترمکعب در روز رسید. این رقم ۱۲ درصد بیشتر از پارسال است."


def test_round_trip_and_lookup(tmp_path: Path) -> None:
    store = Storage(tmp_path / "r.sqlite3")
    d = digest(TEXT, title="آب")
    rec = store.save_digest_sync(
        5, d, text=TEXT, title="آب", link="https://x.ir/1", message_ids=[10, 11]
    )
    store.link_messages_sync(5, rec.id, [12])
    for mid in (10, 11, 12):
        found = store.find_by_message_sync(5, mid)
        assert found is not None and found.id == rec.id
        assert (
            found.digest.to_dict() == d.to_dict()
            and found.text == TEXT
            and found.link == "https://x.ir/1"
        )
    assert store.find_by_message_sync(6, 10) is None  # other chat
    assert store.get_digest_sync(6, rec.id) is None
    second = store.save_digest_sync(5, d, text=TEXT, title=None, link=None, message_ids=[20])
    last = store.last_digest_sync(5)
    assert last is not None and last.id == second.id
    store.close()


def test_prefs_default_and_update(tmp_path: Path) -> None:
    store = Storage(tmp_path / "r.sqlite3", default_bullets=6)
    assert store.get_prefs_sync(1) == ChatPrefs(bullets=6, digits="fa")
    store.set_prefs_sync(1, ChatPrefs(bullets=3, digits="latin"))
    store.set_prefs_sync(1, ChatPrefs(bullets=4, digits="latin"))
    assert store.get_prefs_sync(1) == ChatPrefs(bullets=4, digits="latin")
    store.close()


def test_survives_reopen_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    store = Storage(path)
    rec = store.save_digest_sync(1, digest(TEXT), text=TEXT, title=None, link=None, message_ids=[1])
    store.close()
    again = Storage(path)
    found = again.find_by_message_sync(1, 1)
    assert found is not None and found.digest.to_dict() == rec.digest.to_dict()
    assert (found.id, found.text, found.created_at) == (rec.id, rec.text, rec.created_at)
    again.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_pruning_by_age(tmp_path: Path) -> None:
    store = Storage(tmp_path / "r.sqlite3", ttl_days=1)
    d = digest(TEXT)
    old = store.save_digest_sync(
        1, d, text=TEXT, title=None, link=None, message_ids=[1], now=1000.0
    )
    new = store.save_digest_sync(
        1, d, text=TEXT, title=None, link=None, message_ids=[2], now=1000.0 + 86400 * 2
    )
    assert store.prune_sync(now=1000.0 + 86400 * 1.5) == 1
    assert store.get_digest_sync(1, old.id) is None
    assert store.find_by_message_sync(1, 1) is None  # its message links went too
    assert store.get_digest_sync(1, new.id) is not None
    store.close()


def test_async_api_runs_off_the_loop(tmp_path: Path) -> None:
    store = Storage(tmp_path / "r.sqlite3")

    async def scenario() -> None:
        d = digest(TEXT)
        recs = await asyncio.gather(
            *(
                store.save_digest(c, d, text=TEXT, title=None, link=None, message_ids=[c])
                for c in range(1, 21)
            )
        )
        assert len({r.id for r in recs}) == 20
        for c in range(1, 21):
            found = await store.find_by_message(c, c)
            assert found is not None and found.chat_id == c
        await store.set_prefs(3, ChatPrefs(bullets=2, digits="latin"))
        assert (await store.get_prefs(3)).bullets == 2
        assert (await store.last_digest(99)) is None

    asyncio.run(scenario())
    store.close()


def test_clear_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StorageError, match="corrupt"):
        Storage(bad)
    with pytest.raises(StorageError, match="does not exist"):
        Storage(tmp_path / "missing" / "r.sqlite3")
    with pytest.raises(StorageError, match="directory"):
        Storage(tmp_path)
    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        Storage(newer)


def test_reads_go_on_while_a_write_waits_for_another_process(tmp_path: Path) -> None:
    """Another process holds the write lock: a write waits for it, but the reads an
    answer needs (settings, the last digest) do not queue behind that write, and
    linking reply messages gives up instead of waiting long."""
    path = tmp_path / "r.sqlite3"
    store = Storage(path)
    d = digest(TEXT)
    first = store.save_digest_sync(1, d, text=TEXT, title=None, link=None, message_ids=[1])
    store.set_prefs_sync(1, ChatPrefs(bullets=3, digits="latin"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")

    async def scenario() -> None:
        write = asyncio.ensure_future(
            store.save_digest(1, d, text=TEXT, title=None, link=None, message_ids=[2])
        )
        await asyncio.sleep(0)
        assert await store.get_prefs(1) == ChatPrefs(bullets=3, digits="latin")
        last = await store.last_digest(1)
        assert last is not None and last.id == first.id
        assert not write.done()  # still waiting for the lock
        holder.execute("ROLLBACK")
        second = await write
        assert second.id > first.id

    try:
        asyncio.run(scenario())
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            store.link_messages_sync(1, first.id, [9])
        holder.execute("ROLLBACK")
        store.link_messages_sync(1, first.id, [9])  # the usual wait is back
        found = store.find_by_message_sync(1, 9)
        assert found is not None and found.id == first.id
    finally:
        holder.close()
        store.close()


# The version 1 schema as it was shipped, before the card theme and the source.
_V1_SCHEMA = """
CREATE TABLE digests (
    id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL, created_at REAL NOT NULL,
    title TEXT, link TEXT, text TEXT NOT NULL, digest_json TEXT NOT NULL);
CREATE TABLE digest_messages (
    chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL,
    digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id));
CREATE TABLE chat_settings (
    chat_id INTEGER PRIMARY KEY, bullets INTEGER NOT NULL, digits TEXT NOT NULL,
    updated_at REAL NOT NULL);
PRAGMA user_version = 1;
"""

V1_SETTINGS = """
CREATE TABLE digests (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL,
    created_at REAL NOT NULL, title TEXT, link TEXT, text TEXT NOT NULL,
    digest_json TEXT NOT NULL);
CREATE TABLE digest_messages (chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL,
    digest_id INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id));
CREATE TABLE chat_settings (chat_id INTEGER PRIMARY KEY, bullets INTEGER NOT NULL,
    digits TEXT NOT NULL, updated_at REAL NOT NULL);
INSERT INTO chat_settings VALUES (-100, 5, 'latin', 0);
PRAGMA user_version = 1;
"""


def test_version_1_database_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    import json
    import time

    path = tmp_path / "old.sqlite3"
    d = digest(TEXT, title="آب")
    conn = sqlite3.connect(path)
    conn.executescript(_V1_SCHEMA)
    conn.execute(
        "INSERT INTO digests (chat_id, created_at, title, link, text, digest_json)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (7, time.time(), "آب", "https://x.ir/1", TEXT, json.dumps(d.to_dict())),
    )
    conn.execute("INSERT INTO digest_messages VALUES (7, 3, 1)")
    conn.execute("INSERT INTO chat_settings VALUES (7, 5, 'latin', 0)")
    conn.commit()
    conn.close()

    store = Storage(path)
    found = store.find_by_message_sync(7, 3)
    assert found is not None and found.title == "آب" and found.source is None
    assert found.digest.to_dict() == d.to_dict()
    # Old settings are kept; the theme starts light.
    assert store.get_prefs_sync(7) == ChatPrefs(
        bullets=5, digits="latin", theme="light", channel_posts=False
    )
    store.set_prefs_sync(7, ChatPrefs(bullets=5, digits="latin", theme="dark"))
    rec = store.save_digest_sync(
        7, d, text=TEXT, title=None, link=None, message_ids=[9], source="کانال آب"
    )
    store.close()
    again = Storage(path)
    assert again.get_prefs_sync(7).theme == "dark"
    stored = again.get_digest_sync(7, rec.id)
    assert stored is not None and stored.source == "کانال آب"
    again.close()
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION == 3


# The two schemas that were both numbered 2: one added the channel switch, the
# other the card theme and the digest's source.
_V2_CHANNEL = _V1_SCHEMA.replace(
    "updated_at REAL NOT NULL);",
    "updated_at REAL NOT NULL, channel_posts INTEGER NOT NULL DEFAULT 0);",
).replace("PRAGMA user_version = 1;", "PRAGMA user_version = 2;")
_V2_CARD = (
    _V1_SCHEMA.replace(
        "updated_at REAL NOT NULL);",
        "updated_at REAL NOT NULL, theme TEXT NOT NULL DEFAULT 'light');",
    )
    .replace("digest_json TEXT NOT NULL);", "digest_json TEXT NOT NULL, source TEXT);")
    .replace("PRAGMA user_version = 1;", "PRAGMA user_version = 2;")
)


def test_a_version_2_database_with_the_channel_switch_gains_theme_and_source(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2c.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(_V2_CHANNEL)
        conn.execute("INSERT INTO chat_settings VALUES (-100, 4, 'fa', 0, 1)")
    store = Storage(path)
    assert store.get_prefs_sync(-100) == ChatPrefs(
        bullets=4, digits="fa", theme="light", channel_posts=True
    )
    store.set_prefs_sync(-100, ChatPrefs(bullets=4, digits="fa", theme="dark", channel_posts=True))
    d = digest(TEXT, title="آب")
    rec = store.save_digest_sync(
        -100, d, text=TEXT, title=None, link=None, message_ids=[2], source="کانال آب"
    )
    store.close()
    again = Storage(path)
    assert again.get_prefs_sync(-100).theme == "dark"
    stored = again.get_digest_sync(-100, rec.id)
    assert stored is not None and stored.source == "کانال آب"
    again.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_2_database_with_the_card_theme_gains_the_channel_switch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2t.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(_V2_CARD)
        conn.execute("INSERT INTO chat_settings VALUES (-100, 6, 'latin', 0, 'dark')")
    store = Storage(path)
    assert store.get_prefs_sync(-100) == ChatPrefs(
        bullets=6, digits="latin", theme="dark", channel_posts=False
    )
    store.set_prefs_sync(
        -100, ChatPrefs(bullets=6, digits="latin", theme="dark", channel_posts=True)
    )
    store.close()
    again = Storage(path)
    assert again.get_prefs_sync(-100) == ChatPrefs(
        bullets=6, digits="latin", theme="dark", channel_posts=True
    )
    again.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = {row[1] for row in conn.execute("PRAGMA table_info(digests)")}
        assert "source" in columns


def test_a_version_1_database_keeps_its_settings_and_gains_the_channel_switch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SETTINGS)
    store = Storage(path)
    assert store.get_prefs_sync(-100) == ChatPrefs(bullets=5, digits="latin", channel_posts=False)
    store.set_prefs_sync(-100, ChatPrefs(bullets=5, digits="latin", channel_posts=True))
    store.close()
    again = Storage(path)
    assert again.get_prefs_sync(-100).channel_posts is True
    again.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_settings_read_through_the_async_api_follow_a_write(tmp_path: Path) -> None:
    async def run() -> None:
        store = Storage(tmp_path / "r.sqlite3", default_bullets=6)
        assert (await store.get_prefs(7)).bullets == 6
        await store.set_prefs(7, ChatPrefs(bullets=3, digits="fa", channel_posts=True))
        assert await store.get_prefs(7) == ChatPrefs(bullets=3, digits="fa", channel_posts=True)
        store.close()
        reopened = Storage(tmp_path / "r.sqlite3")
        assert (await reopened.get_prefs(7)).channel_posts is True
        reopened.close()

    asyncio.run(run())
