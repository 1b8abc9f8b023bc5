"""Links in messages (:func:`find_links`) and which URLs may be fetched (:func:`check_url`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from bot.links.addresses import check_ip, parse_ip
from bot.links.errors import BAD_URL, BLOCKED_ADDRESS, LinkError
from bot.links.settings import LinkSettings

MAX_URL_LENGTH = 2048

# A link in running text: a scheme or "www.", then anything up to white space
# or a character that never ends a link in Persian text.
_LINK_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"«»\u200c\u200f\u200e]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"،؛؟…)]}>"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def check_url(url: str | httpx.URL, settings: LinkSettings) -> httpx.URL:
    """Parse ``url`` and refuse what must never be fetched.

    Refused: schemes other than http/https, user names or passwords in the URL,
    hosts that are not valid names (non-ASCII names are IDNA-encoded first),
    ports outside ``settings.allowed_ports`` (unless ``allow_private``), and
    literal IP addresses that are internal. Names are checked after the DNS
    lookup, at connection time.
    """
    text = str(url)
    if len(text) > MAX_URL_LENGTH:
        raise LinkError(BAD_URL, "URL is too long")
    try:
        parsed = httpx.URL(text.strip())
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise LinkError(BAD_URL, f"malformed URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise LinkError(BAD_URL, f"scheme {parsed.scheme or '(none)'!r} is not http or https")
    if parsed.userinfo:
        raise LinkError(BAD_URL, "URLs with a user name or password are not fetched")
    host = parsed.host
    if not host:
        raise LinkError(BAD_URL, "URL has no host")
    try:
        parsed.raw_host.decode("ascii")
    except UnicodeDecodeError as exc:  # pragma: no cover - httpx always IDNA-encodes
        raise LinkError(BAD_URL, "host name is not IDNA-encodable") from exc
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if not settings.allow_private and port not in settings.allowed_ports:
        raise LinkError(BLOCKED_ADDRESS, f"port {port} is not allowed")
    ip = parse_ip(host)
    if ip is not None:
        check_ip(ip, settings)
    elif not _valid_hostname(parsed.raw_host.decode("ascii")):
        raise LinkError(BAD_URL, f"bad host name {host!r}")
    return parsed.copy_with(fragment=None)


_LABEL_RE = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$", re.IGNORECASE)


def _valid_hostname(host: str) -> bool:
    host = host.rstrip(".")
    if not host or len(host) > 253:
        return False
    return all(_LABEL_RE.match(label) for label in host.split("."))


def find_links(
    text: str | None, entities: Iterable[Any] | None = None, *, limit: int = 3
) -> list[str]:
    """The http(s) links of a message or caption, in reading order, without repeats.

    ``entities`` are Telegram message entities (``url`` and ``text_link`` are
    used), as dicts or objects with ``type``, ``offset``, ``length`` and
    ``url``; offsets count UTF-16 code units, as Telegram does. Links written
    in the text without an entity are found too. At most ``limit`` links.
    """
    text = text or ""
    found: list[tuple[int, str]] = []
    for entity in entities or ():
        kind = str(_field(entity, "type") or "")
        kind = kind.rsplit(".", 1)[-1].lower()  # enum reprs like MessageEntityType.URL
        offset = _field(entity, "offset")
        length = _field(entity, "length")
        if not isinstance(offset, int) or not isinstance(length, int):
            continue
        start = _utf16_to_index(text, offset)
        if kind == "text_link":
            target = _field(entity, "url")
            if isinstance(target, str):
                found.append((start, target))
        elif kind == "url":
            end = _utf16_to_index(text, offset + length)
            found.append((start, text[start:end]))
    for match in _LINK_RE.finditer(text):
        found.append((match.start(), _trim(match.group())))
    found.sort(key=lambda item: item[0])

    links: list[str] = []
    seen: set[str] = set()
    for _, raw in found:
        link = _normalise(raw)
        if link is None or link in seen:
            continue
        seen.add(link)
        links.append(link)
        if len(links) >= limit:
            break
    return links


def _field(entity: Any, name: str) -> Any:
    if isinstance(entity, Mapping):
        return entity.get(name)
    return getattr(entity, name, None)


def _utf16_to_index(text: str, units: int) -> int:
    """The index in ``text`` of the character at ``units`` UTF-16 code units."""
    if units <= 0:
        return 0
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _trim(link: str) -> str:
    while link and link[-1] in _TRAILING:
        last = link[-1]
        opener = _PAIRS.get(last)
        if opener is not None and link.count(opener) >= link.count(last):
            break  # a balanced bracket belongs to the link (wiki-style paths)
        link = link[:-1]
    return link


def _normalise(raw: str) -> str | None:
    link = raw.strip()
    if not link:
        return None
    if "://" not in link:
        if re.match(r"^[a-z][a-z0-9+.-]*:", link, re.IGNORECASE) and not re.match(
            r"^[^/:]+:\d", link
        ):
            return None  # mailto:, tg:, ...
        link = "http://" + link
    try:
        url = httpx.URL(link)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return None
    if url.scheme not in ("http", "https") or not url.host:
        return None
    return str(url.copy_with(fragment=None))
