"""Limits and policy for fetching links: :class:`LinkSettings`."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

#: An asynchronous DNS resolver: ``(host, port) -> addresses`` (textual IPs).
Resolver = Callable[[str, int], Awaitable[list[str]]]

DEFAULT_USER_AGENT = "RaqamBot/0.1 (+https://github.com/raqam; Persian news key figures)"

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """How a link is fetched. The bot fills it from its own settings.

    ``allow_private`` lets links reach loopback, private and other internal
    addresses, and any port (self-hosting, tests); off by default.
    ``allowed_ports`` are the ports allowed otherwise.
    ``allowed_networks`` are CIDR blocks reachable even when they are internal
    (say a self-hoster's LAN news mirror) without opening everything.
    ``resolver`` replaces the system DNS lookup (split-horizon set-ups, tests).
    ``ca_file`` is a PEM bundle of certificate authorities to trust instead of
    the usual ones (a self-hoster's internal CA, tests).
    """

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_bytes: int = 3 * 1024 * 1024
    max_decompression_ratio: float = 100.0
    max_redirects: int = 5
    min_article_chars: int = 80
    allow_private: bool = False
    allowed_ports: frozenset[int] = frozenset({80, 443, 8080, 8443})
    allowed_networks: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    ca_file: str | None = None
    resolver: Resolver | None = field(default=None, compare=False)

    @classmethod
    def from_env(cls) -> LinkSettings:
        """Settings from the environment (``RAQAM_ALLOW_PRIVATE_URLS``)."""
        flag = os.environ.get("RAQAM_ALLOW_PRIVATE_URLS", "").strip().lower()
        return cls(allow_private=flag in _TRUE)
