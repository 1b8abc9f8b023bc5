"""Fetching articles from a real HTTP server on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.links import Article, ArticleCache, LinkError, LinkSettings, fetch_article_sync
from bot.links.fetch import fetch_article, fetch_first
from bot.links.transport import make_client
from tests.links_server import PAGES, NewsSite

LOCAL = LinkSettings(allow_private=True, read_timeout=2.0, connect_timeout=2.0)


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


def fetch(url: str, settings: LinkSettings = LOCAL) -> Article:
    return fetch_article_sync(url, settings=settings)


def reason_of(url: str, settings: LinkSettings = LOCAL) -> str:
    with pytest.raises(LinkError) as info:
        fetch(url, settings)
    assert info.value.user_message  # every failure has a Persian sentence
    return info.value.reason


def gold(name: str) -> list[str]:
    return (PAGES / f"{name}.body.txt").read_text(encoding="utf-8").splitlines()


def test_utf8_page_gives_title_date_and_body_without_boilerplate(site: NewsSite) -> None:
    article = fetch(site.url("/page/wheat"))
    assert article.title == "خرید تضمینی گندم از مرز ۸ میلیون تن گذشت"
    assert article.published == "2024-06-18"
    assert article.final_url == site.url("/page/wheat")
    for paragraph in gold("wheat"):
        assert paragraph in article.text
    for boilerplate in ("صادرات زعفران", "کود و سم", "پربازدیدترین", "تمامی حقوق", "صفحه اصلی"):
        assert boilerplate not in article.text
    assert "پارس\u200cنما" in article.text  # ZWNJ kept inside words
    assert "سه\u200cشنبه" in article.text


def test_utf8_page_with_charset_only_in_meta(site: NewsSite) -> None:
    article = fetch(site.url("/page/metro"))
    assert article.title == "جابه\u200cجایی روزانه بیش از ۲ میلیون مسافر در متروی تهران"
    assert article.published == "2024-08-04"
    for paragraph in gold("metro"):
        assert paragraph in article.text
    for boilerplate in ("اتوبوس برقی", "تهویه واگن", "دمای هوای تهران", "کلیه حقوق"):
        assert boilerplate not in article.text


@pytest.mark.parametrize("name", ["dams", "dams-latin1"])
def test_windows_1256_page_with_only_a_meta_charset(site: NewsSite, name: str) -> None:
    article = fetch(site.url(f"/page/{name}"))
    assert article.title is not None and article.title.startswith("حجم آب مخازن سدهاي کشور")
    for paragraph in gold("dams-cp1256"):
        assert paragraph in article.text
    assert "Ø" not in article.text and "Ù" not in article.text and "\ufffd" not in article.text
    for boilerplate in ("آب کشاورزي", "قيمت مرغ", "بارندگي پاييزه", "صفحه نخست"):
        assert boilerplate not in article.text


def test_windows_1256_page_without_any_charset(site: NewsSite) -> None:
    article = fetch(site.url("/page/exports"))
    assert article.title == "صادرات غيرنفتي استان بوشهر به 5 ميليارد دلار رسيد"
    for paragraph in gold("exports-cp1256"):
        assert paragraph in article.text
    for boilerplate in ("صيد ميگو", "جوانان بندر", "تمام حقوق"):
        assert boilerplate not in article.text


def test_plain_text_page_passes_through(site: NewsSite) -> None:
    article = fetch(site.url("/page/rain"))
    assert article.title == "میزان بارش\u200cهای کشور از ابتدای سال آبی به ۱۴۲ میلی\u200cمتر رسید"
    assert article.text.startswith("رئیس مرکز ملی خشکسالی")
    assert "۲۳ میلی\u200cمتر در استان یزد" in article.text


def test_gzip_page_is_decoded(site: NewsSite) -> None:
    article = fetch(site.url("/page/wheat-gzip"))
    assert gold("wheat")[1] in article.text


def test_redirects_are_followed_and_user_agent_is_clear(site: NewsSite) -> None:
    article = fetch(site.url("/redirect/5"))
    assert article.url == site.url("/redirect/5")
    assert article.final_url == site.url("/page/wheat")
    agents = {agent for path, _, agent in site.requests if path.startswith("/redirect/")}
    assert agents and all(agent.startswith("RaqamBot/") for agent in agents)


def test_too_many_redirects(site: NewsSite) -> None:
    assert reason_of(site.url("/redirect/6")) == "too_many_redirects"
    assert reason_of(site.url("/loop")) == "too_many_redirects"


def test_redirect_to_another_scheme_is_refused(site: NewsSite) -> None:
    assert reason_of(site.url("/to?url=file:///etc/passwd")) == "bad_url"
    assert reason_of(site.url("/to?url=ftp://127.0.0.1/x")) == "bad_url"


def test_slow_server_times_out(site: NewsSite) -> None:
    settings = LinkSettings(allow_private=True, read_timeout=0.5, total_timeout=5)
    assert reason_of(site.url("/slow"), settings) == "timeout"


def test_total_deadline_holds_even_when_each_read_is_quick(site: NewsSite) -> None:
    # the endless body keeps arriving, so only the total deadline can stop it
    settings = LinkSettings(allow_private=True, max_bytes=10**12, total_timeout=0.5)
    assert reason_of(site.url("/endless"), settings) == "timeout"


def test_endless_body_is_cut_at_the_limit(site: NewsSite) -> None:
    settings = LinkSettings(allow_private=True, max_bytes=256 * 1024)
    with pytest.raises(LinkError) as info:
        fetch(site.url("/endless"), settings)
    assert info.value.reason == "too_large"
    assert "262144" in info.value.detail


def test_gzip_bomb_is_refused(site: NewsSite) -> None:
    assert reason_of(site.url("/bomb")) == "too_large"


def test_high_compression_ratio_is_refused_under_the_limit(site: NewsSite) -> None:
    with pytest.raises(LinkError) as info:
        fetch(site.url("/ratio"))  # 2 MB of zeros from about 2 kB: under the 3 MB limit
    assert info.value.reason == "too_large"
    assert "bomb" in info.value.detail


@pytest.mark.parametrize("path", ["/pdf", "/image", "/unlabelled-pdf", "/nav-only"])
def test_not_an_article(site: NewsSite, path: str) -> None:
    assert reason_of(site.url(path)) == "not_article"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/status/404", "not_found"),
        ("/status/410", "not_found"),
        ("/status/500", "server_error"),
        ("/status/503", "server_error"),
        ("/status/403", "http_error"),
    ],
)
def test_http_errors(site: NewsSite, path: str, reason: str) -> None:
    assert reason_of(site.url(path)) == reason


def test_connection_refused_is_a_network_error() -> None:
    with NewsSite() as gone:
        url = gone.url("/page/wheat")
    assert reason_of(url) == "network_error"


def test_error_message_is_clear(site: NewsSite) -> None:
    with pytest.raises(LinkError) as info:
        fetch(site.url("/status/404"))
    text = str(info.value)
    assert "پیدا نشد" in text and "404" in text and "/status/404" in text


def test_cache_serves_the_second_fetch_from_sqlite(site: NewsSite, tmp_path: Path) -> None:
    db = tmp_path / "raqam.sqlite3"
    path = "/page/metro"
    before = site.hits[path]
    cache = ArticleCache(db)
    first = fetch_article_sync(site.url(path), settings=LOCAL, cache=cache)
    cache.close()
    reopened = ArticleCache(db)  # a new connection: the article is in the file
    second = fetch_article_sync(site.url(path), settings=LOCAL, cache=reopened)
    assert second == first
    assert site.hits[path] - before == 1


def test_fetch_first_skips_links_that_fail(site: NewsSite) -> None:
    urls = [site.url("/status/404"), site.url("/pdf"), site.url("/page/wheat")]
    article = asyncio.run(fetch_first(urls, settings=LOCAL))
    assert article.url == site.url("/page/wheat")
    with pytest.raises(LinkError) as info:
        asyncio.run(fetch_first([*urls[:2], site.url("/image"), urls[2]], settings=LOCAL))
    assert info.value.reason == "not_found"  # at most 3 tried; the first failure is reported


def test_shared_client_reuses_connections(site: NewsSite) -> None:
    async def two() -> list[Article]:
        async with make_client(LOCAL) as client:
            return [
                await fetch_article(site.url("/page/wheat"), settings=LOCAL, client=client),
                await fetch_article(site.url("/page/rain"), settings=LOCAL, client=client),
            ]

    wheat, rain = asyncio.run(two())
    assert wheat.title and rain.title and wheat.title != rain.title


def test_foreign_client_is_refused(site: NewsSite) -> None:
    import httpx

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            await fetch_article(site.url("/page/wheat"), settings=LOCAL, client=client)

    with pytest.raises(ValueError, match="make_client"):
        asyncio.run(run())


def test_sync_fetch_works_inside_a_running_loop(site: NewsSite) -> None:
    async def inside() -> Article:
        return fetch_article_sync(site.url("/page/rain"), settings=LOCAL)

    assert asyncio.run(inside()).text.startswith("رئیس مرکز ملی")
