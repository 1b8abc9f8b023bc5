"""The SQLite article cache."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from bot.links import Article, ArticleCache


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def article(n: int) -> Article:
    return Article(
        url=f"https://news.example/{n}",
        final_url=f"https://news.example/fa/{n}",
        title=f"خبر شماره {n}",
        text=f"متن خبر {n} با ۱۲ درصد رشد.",
        published="2024-06-18" if n % 2 else None,
    )


def test_round_trip_and_time_to_live(tmp_path: Path) -> None:
    clock = Clock()
    cache = ArticleCache(tmp_path / "raqam.sqlite3", ttl_seconds=3600, clock=clock)
    assert cache.get("https://news.example/1") is None
    cache.put("https://news.example/1", article(1))
    assert cache.get("https://news.example/1") == article(1)
    clock.now += 3599
    assert cache.get("https://news.example/1") == article(1)
    clock.now += 2
    assert cache.get("https://news.example/1") is None
    assert cache.prune() == 1
    cache.close()


def test_shares_the_bot_database_file_without_touching_its_tables(tmp_path: Path) -> None:
    db = tmp_path / "raqam.sqlite3"
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE digests (id INTEGER PRIMARY KEY, body TEXT)")
        other.execute("INSERT INTO digests (body) VALUES ('x')")
    cache = ArticleCache(db)
    cache.put("https://news.example/2", article(2))
    cache.close()
    with sqlite3.connect(db) as other:
        assert other.execute("SELECT body FROM digests").fetchall() == [("x",)]
        tables = {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"digests", "link_articles"}
    assert ArticleCache(db).get("https://news.example/2") == article(2)


def test_thread_safe(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path / "raqam.sqlite3")
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(40):
                n = worker * 100 + i
                cache.put(f"https://news.example/{n}", article(n))
                assert cache.get(f"https://news.example/{n}") == article(n)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.get("https://news.example/539") == article(539)
