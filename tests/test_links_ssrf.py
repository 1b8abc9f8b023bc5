"""Server-side request forgery policy: addresses, URLs, redirects and pinning.

Only loopback ever receives traffic: internal addresses elsewhere are checked
with the validator and a substitute resolver, never connected to.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot.links import LinkError, LinkSettings, check_url, fetch_article_sync
from bot.links.addresses import check_ip, parse_ip, resolve_checked, why_blocked
from tests.links_server import NewsSite

BLOCKED = [
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "169.254.10.10",
    "100.64.0.1",
    "100.127.255.254",
    "100.100.100.200",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.5",
    "198.18.0.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fd00:ec2::254",
    "fec0::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "2002:a00:1::",
    "2001:db8::1",
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2001:4860:4860::8888", "2a00:1450:4001::1"]


@pytest.mark.parametrize("address", BLOCKED)
def test_internal_addresses_are_blocked(address: str) -> None:
    ip = parse_ip(address)
    assert ip is not None
    assert why_blocked(ip) is not None
    with pytest.raises(LinkError) as info:
        check_ip(ip, LinkSettings())
    assert info.value.reason == "blocked_address"


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    ip = parse_ip(address)
    assert ip is not None and why_blocked(ip) is None
    check_ip(ip, LinkSettings())


def test_allow_private_opens_internal_addresses_but_allowed_networks_not_metadata() -> None:
    check_ip(parse_ip("10.0.0.1"), LinkSettings(allow_private=True))  # type: ignore[arg-type]
    lan = LinkSettings(allowed_networks=("10.0.0.0/8", "169.254.0.0/16"))
    check_ip(parse_ip("10.1.2.3"), lan)  # type: ignore[arg-type]
    with pytest.raises(LinkError):
        check_ip(parse_ip("169.254.169.254"), lan)  # type: ignore[arg-type]
    with pytest.raises(LinkError):
        check_ip(parse_ip("192.168.0.1"), lan)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/file", "bad_url"),
        ("file:///etc/passwd", "bad_url"),
        ("javascript:alert(1)", "bad_url"),
        ("http://user:secret@example.com/", "bad_url"),
        ("http://user@example.com/", "bad_url"),
        ("http:///nohost", "bad_url"),
        ("http://exa mple.com/", "bad_url"),
        ("http://a..b/", "bad_url"),
        ("http://example.com:22/", "blocked_address"),
        ("http://example.com:6379/", "blocked_address"),
        ("http://127.0.0.1/", "blocked_address"),
        ("http://[::1]/", "blocked_address"),
        ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
        ("http://[::ffff:7f00:1]/", "blocked_address"),
        ("http://[fd00:ec2::254]/", "blocked_address"),
        ("http://100.64.0.1/", "blocked_address"),
        ("http://example.com/" + "x" * 3000, "bad_url"),
    ],
)
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(LinkError) as info:
        check_url(url, LinkSettings())
    assert info.value.reason == reason


def test_check_url_accepts_usual_ports_and_encodes_persian_hosts() -> None:
    for url in ("http://example.com/a", "https://example.com:443/", "http://example.com:8080/"):
        assert check_url(url, LinkSettings()).host == "example.com"
    persian = check_url("https://خبر.ایران/news/۱۲", LinkSettings())
    assert persian.raw_host.decode("ascii").startswith("xn--")
    assert check_url("http://example.com/a#part", LinkSettings()).fragment == ""
    assert check_url("http://example.com:22/", LinkSettings(allow_private=True)).port == 22


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "017700000001", "127.1"])
def test_numeric_host_spellings_resolve_to_loopback_and_are_blocked(host: str) -> None:
    # the system resolver parses these without sending DNS traffic
    with pytest.raises(LinkError) as info:
        asyncio.run(resolve_checked(host, 80, LinkSettings()))
    assert info.value.reason == "blocked_address"


def test_a_name_with_any_internal_address_is_refused_whole() -> None:
    async def mixed(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.1"]

    with pytest.raises(LinkError) as info:
        asyncio.run(resolve_checked("mixed.example", 80, LinkSettings(resolver=mixed)))
    assert info.value.reason == "blocked_address"


class Resolver:
    """A substitute DNS: names to loopback addresses, counting lookups."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.table:
            raise OSError(f"unknown host {host}")
        return self.table[host]


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


def public_like(site: NewsSite, resolver: Resolver) -> LinkSettings:
    """Settings where 127.0.0.1 plays the public internet and nothing else internal is open."""
    return LinkSettings(
        allow_private=False,
        allowed_networks=("127.0.0.1/32",),
        allowed_ports=frozenset({site.port}),
        resolver=resolver,
    )


def test_connection_goes_to_the_checked_address_with_the_name_kept(site: NewsSite) -> None:
    resolver = Resolver({"news.example": ["127.0.0.1"]})
    article = fetch_article_sync(
        site.url("/page/wheat", host="news.example"), settings=public_like(site, resolver)
    )
    assert article.title == "خرید تضمینی گندم از مرز ۸ میلیون تن گذشت"
    assert resolver.lookups == ["news.example"]  # one lookup: no second resolution
    hosts = [host for path, host, _ in site.requests if path == "/page/wheat"]
    assert f"news.example:{site.port}" in hosts  # Host header keeps the name


def test_name_resolving_to_loopback_is_refused_with_the_setting_off(site: NewsSite) -> None:
    resolver = Resolver({"rebind.example": ["127.0.0.2"]})
    before = sum(site.hits.values())
    with pytest.raises(LinkError) as info:
        fetch_article_sync(
            site.url("/page/wheat", host="rebind.example"), settings=public_like(site, resolver)
        )
    assert info.value.reason == "blocked_address"
    assert sum(site.hits.values()) == before


def test_loopback_is_refused_without_the_setting(site: NewsSite) -> None:
    before = sum(site.hits.values())
    settings = LinkSettings(allowed_ports=frozenset({site.port}))
    with pytest.raises(LinkError) as info:
        fetch_article_sync(site.url("/page/wheat"), settings=settings)
    assert info.value.reason == "blocked_address"
    with pytest.raises(LinkError) as info:
        fetch_article_sync(site.url("/page/wheat"), settings=LinkSettings())
    assert info.value.reason == "blocked_address"  # the port alone is refused too
    assert sum(site.hits.values()) == before


@pytest.mark.parametrize(
    "target",
    [
        "http://internal.example:{port}/page/wheat",  # a name resolving to another loopback
        "http://[::1]:{port}/page/wheat",
        "http://127.0.0.2:{port}/page/wheat",
        "http://169.254.169.254/latest/meta-data/",  # refused before any connection
    ],
)
def test_redirect_to_an_internal_address_is_refused(site: NewsSite, target: str) -> None:
    resolver = Resolver({"news.example": ["127.0.0.1"], "internal.example": ["127.0.0.2"]})
    start = site.url("/to?url=" + target.format(port=site.port), host="news.example")
    with pytest.raises(LinkError) as info:
        fetch_article_sync(start, settings=public_like(site, resolver))
    assert info.value.reason == "blocked_address"
    hosts = {host for path, host, _ in site.requests if path == "/page/wheat"}
    assert not any(h.startswith(("internal.example", "[::1]", "127.0.0.2")) for h in hosts)


def test_allow_private_reaches_loopback(site: NewsSite) -> None:
    article = fetch_article_sync(site.url("/page/wheat"), settings=LinkSettings(allow_private=True))
    assert article.text


def test_environment_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAQAM_ALLOW_PRIVATE_URLS", "true")
    assert LinkSettings.from_env().allow_private
    monkeypatch.setenv("RAQAM_ALLOW_PRIVATE_URLS", "0")
    assert not LinkSettings.from_env().allow_private
    monkeypatch.delenv("RAQAM_ALLOW_PRIVATE_URLS")
    assert not LinkSettings.from_env().allow_private
