"""Fetch a link and read its article: :func:`fetch_article`, :func:`fetch_article_sync`.

Every request goes through a client from :func:`~bot.links.transport.make_client`,
so connections reach only checked addresses. Redirects are followed here, at
most ``max_redirects`` of them, each target checked like the first URL. The
body is streamed: the byte limit holds for raw and decoded bytes, compressed
bodies that inflate suspiciously are refused, and only HTML and plain text
are accepted. The whole fetch is bounded by ``total_timeout``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Iterable

import httpx

from bot.links.article import Article
from bot.links.cache import ArticleCache
from bot.links.decoding import BodyDecoder, decode_body
from bot.links.errors import (
    BAD_URL,
    HTTP_ERROR,
    NETWORK_ERROR,
    NOT_ARTICLE,
    NOT_FOUND,
    SERVER_ERROR,
    TIMEOUT,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    LinkError,
)
from bot.links.extract import Extracted, extract_html, extract_plain
from bot.links.settings import LinkSettings
from bot.links.transport import is_pinned_client, make_client
from bot.links.urls import check_url

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_SNIFF_REFUSE = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"RIFF")


async def fetch_article(
    url: str,
    *,
    settings: LinkSettings | None = None,
    client: httpx.AsyncClient | None = None,
    cache: ArticleCache | None = None,
) -> Article:
    """Fetch ``url`` and return its article, or raise :class:`LinkError`.

    ``settings`` default to :meth:`LinkSettings.from_env`. ``client``, if
    given, must come from :func:`make_client` (it carries the address
    policy of the settings it was made with); otherwise a client is made
    for this call. With ``cache``, a fresh cached article is returned
    without a request and a fetched one is stored.
    """
    settings = settings or LinkSettings.from_env()
    if cache is not None:
        cached = await asyncio.to_thread(cache.get, url)
        if cached is not None:
            return cached
    try:
        async with asyncio.timeout(settings.total_timeout):
            if client is None:
                async with make_client(settings) as own:
                    article = await _fetch(url, settings, own)
            else:
                if not is_pinned_client(client):
                    raise ValueError("client must come from bot.links.make_client()")
                article = await _fetch(url, settings, client)
    except LinkError as exc:
        exc.url = exc.url or url
        log.info("link not read (%s): %s", exc.reason, exc.detail)
        raise
    except TimeoutError as exc:
        log.info("link not read (timeout): over %g s", settings.total_timeout)
        raise LinkError(
            TIMEOUT, f"no article within {settings.total_timeout:g} s", url=url
        ) from exc
    if cache is not None:
        await asyncio.to_thread(cache.put, url, article)
    return article


async def fetch_first(
    urls: Iterable[str],
    *,
    settings: LinkSettings | None = None,
    client: httpx.AsyncClient | None = None,
    cache: ArticleCache | None = None,
    limit: int = 3,
) -> Article:
    """The article of the first of ``urls`` (at most ``limit`` tried) that yields one.

    Raises the first :class:`LinkError` if none does (``bad_url`` if there
    are no URLs at all).
    """
    first_error: LinkError | None = None
    for index, url in enumerate(urls):
        if index >= limit:
            break
        try:
            return await fetch_article(url, settings=settings, client=client, cache=cache)
        except LinkError as exc:
            first_error = first_error or exc
    raise first_error or LinkError(BAD_URL, "no link to read")


def fetch_article_sync(
    url: str, *, settings: LinkSettings | None = None, cache: ArticleCache | None = None
) -> Article:
    """:func:`fetch_article` for synchronous callers (the command line).

    Runs its own event loop, in a worker thread if one is already running.
    """

    def run() -> Article:
        return asyncio.run(fetch_article(url, settings=settings, cache=cache))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


async def _fetch(url: str, settings: LinkSettings, client: httpx.AsyncClient) -> Article:
    target = check_url(url, settings)
    for _ in range(settings.max_redirects + 1):
        try:
            async with client.stream("GET", target) as response:
                if response.status_code in REDIRECT_CODES:
                    target = _redirect_target(response, settings)
                    continue
                _check_status(response)
                extracted = await _read(response, settings)
        except httpx.TimeoutException as exc:
            raise LinkError(TIMEOUT, f"{type(exc).__name__} from {target.host}") from exc
        except httpx.TransportError as exc:
            raise LinkError(NETWORK_ERROR, f"{type(exc).__name__}: {exc}") from exc
        if len(extracted.text) < settings.min_article_chars:
            raise LinkError(NOT_ARTICLE, "the page has no article text", url=str(target))
        return Article(
            url=url,
            final_url=str(target),
            title=extracted.title,
            text=extracted.text,
            published=extracted.published,
        )
    raise LinkError(TOO_MANY_REDIRECTS, f"more than {settings.max_redirects} redirects")


def _redirect_target(response: httpx.Response, settings: LinkSettings) -> httpx.URL:
    location = response.headers.get("Location")
    if not location:
        raise LinkError(HTTP_ERROR, f"redirect {response.status_code} without a Location")
    try:
        joined = response.url.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise LinkError(BAD_URL, f"bad redirect target {location!r}") from exc
    return check_url(joined, settings)


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status in (404, 410):
        raise LinkError(NOT_FOUND, f"HTTP {status}", url=str(response.url))
    if status >= 500:
        raise LinkError(SERVER_ERROR, f"HTTP {status}", url=str(response.url))
    if status != 200:
        raise LinkError(HTTP_ERROR, f"HTTP {status}", url=str(response.url))


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    value = response.headers.get("Content-Type", "")
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset


async def _read(response: httpx.Response, settings: LinkSettings) -> Extracted:
    media, charset = _media_type(response)
    if media and media not in HTML_TYPES | TEXT_TYPES:
        raise LinkError(NOT_ARTICLE, f"content type {media!r} is not a web page")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise LinkError(TOO_LARGE, f"Content-Length {declared} is over {settings.max_bytes}")

    decoder = BodyDecoder(
        response.headers.get("Content-Encoding", ""),
        max_bytes=settings.max_bytes,
        max_ratio=settings.max_decompression_ratio,
    )
    body = bytearray()
    async for chunk in response.aiter_raw():
        if decoder.raw_bytes + len(chunk) > settings.max_bytes:
            raise LinkError(TOO_LARGE, f"page is larger than {settings.max_bytes} bytes")
        body += decoder.feed(chunk)
    body += decoder.flush()

    # Decoding and extraction take CPU time: keep them off the event loop.
    return await asyncio.to_thread(_extract, bytes(body), media, charset, str(response.url))


def _extract(data: bytes, media: str, charset: str | None, url: str) -> Extracted:
    if not media:
        media = _sniff(data)
    if media in TEXT_TYPES:
        return extract_plain(decode_body(data, charset, html=False))
    return extract_html(decode_body(data, charset, html=True), url=url)


def _sniff(data: bytes) -> str:
    """The media type of an unlabelled body: HTML, plain text, or refused."""
    head = data[:512].lstrip()
    if head.startswith(_SNIFF_REFUSE) or b"\x00" in data[:1024]:
        raise LinkError(NOT_ARTICLE, "the page is not text")
    lowered = head[:64].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "text/html"
    return "text/plain"
