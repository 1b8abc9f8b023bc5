"""Which network addresses a link may reach (server-side request forgery policy).

A link must lead to the public internet. Loopback, private, link-local,
shared (CGNAT), multicast, reserved, unspecified, documentation and IPv6
unique-local and site-local addresses are refused, as are cloud metadata
endpoints and IPv4 addresses hidden inside IPv6 (mapped, compatible, 6to4,
NAT64, Teredo) that fall in those ranges.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import anyio

from bot.links.errors import BLOCKED_ADDRESS, NETWORK_ERROR, TIMEOUT, LinkError
from bot.links.settings import LinkSettings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Cloud instance-metadata endpoints, named explicitly so they stay refused
#: even if a network they sit in is allowed with ``allowed_networks``.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack, ...
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IPv6
    }
)

_EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # shared address space (CGNAT)
        "192.0.0.0/24",  # IETF protocol assignments
        "198.18.0.0/15",  # benchmarking
        "240.0.0.0/4",  # reserved, broadcast
        "fc00::/7",  # IPv6 unique-local
        "fec0::/10",  # IPv6 site-local (deprecated)
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001:db8::/32",  # documentation
    )
)

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def parse_ip(text: str) -> IPAddress | None:
    """The address in ``text`` (scope ids and brackets dropped), or None."""
    text = text.strip().strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    packed = ip.packed
    if packed[:12] == bytes(12) and int(ip) > 1:  # IPv4-compatible ::a.b.c.d (deprecated)
        return ipaddress.IPv4Address(packed[12:])
    return None


def why_blocked(ip: IPAddress) -> str | None:
    """A short English reason if ``ip`` is not a public internet address, else None."""
    if ip in METADATA_ADDRESSES:
        return "cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            reason = why_blocked(inner)
            return f"{reason} (inside IPv6)" if reason else None
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
    )
    for name, hit in checks:
        if hit:
            return f"{name} address"
    for net in _EXTRA_BLOCKED:
        if ip.version == net.version and ip in net:
            return f"internal address ({net})"
    if not ip.is_global:
        return "non-global address"
    return None


def check_ip(ip: IPAddress, settings: LinkSettings) -> None:
    """Raise ``LinkError("blocked_address")`` unless ``settings`` let ``ip`` be reached."""
    if settings.allow_private:
        return
    if ip in METADATA_ADDRESSES:
        raise LinkError(BLOCKED_ADDRESS, f"{ip} is a cloud metadata address")
    if _in_networks(ip, settings.allowed_networks):
        return
    reason = why_blocked(ip)
    if reason is not None:
        raise LinkError(BLOCKED_ADDRESS, f"{ip} is a {reason}")


def _in_networks(ip: IPAddress, networks: Iterable[str]) -> bool:
    for text in networks:
        net = ipaddress.ip_network(text, strict=False)
        if ip.version == net.version and ip in net:
            return True
    return False


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses of ``host`` from the system resolver, in its order."""
    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def resolve_checked(
    host: str, port: int, settings: LinkSettings, *, timeout: float | None = None
) -> list[IPAddress]:
    """Resolve ``host`` once and return its addresses if every one may be reached.

    A name with any internal address is refused as a whole, so an attacker
    cannot mix a public and a private answer and hope for the second.
    """
    literal = parse_ip(host)
    if literal is not None:
        check_ip(literal, settings)
        return [literal]
    resolver = settings.resolver or system_resolver
    try:
        with anyio.fail_after(timeout):
            answers = await resolver(host, port)
    except TimeoutError as exc:
        raise LinkError(TIMEOUT, f"DNS lookup of {host} timed out") from exc
    except OSError as exc:
        raise LinkError(NETWORK_ERROR, f"cannot resolve {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for answer in answers:
        ip = parse_ip(answer)
        if ip is None:
            raise LinkError(NETWORK_ERROR, f"resolver gave a bad address for {host}: {answer!r}")
        check_ip(ip, settings)
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise LinkError(NETWORK_ERROR, f"{host} has no address")
    return addresses
