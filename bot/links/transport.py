"""An httpx client that connects only to addresses it has checked.

httpcore asks its network backend to open a TCP connection to the host
name of the URL. :class:`PinnedBackend` resolves that name itself, once,
refuses it if any address is internal, and connects to the checked address.
The name is never looked up a second time, so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot redirect it.
The ``Host`` header, TLS SNI and certificate checks still use the name.
"""

from __future__ import annotations

import ssl
import weakref
from collections.abc import Iterable

import httpcore
import httpx
from httpcore import AsyncNetworkBackend, AsyncNetworkStream
from httpcore._backends.auto import AutoBackend

from bot.links.addresses import resolve_checked
from bot.links.errors import NETWORK_ERROR, TIMEOUT, LinkError
from bot.links.settings import LinkSettings

SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)

_PINNED_CLIENTS: weakref.WeakSet[httpx.AsyncClient] = weakref.WeakSet()


class PinnedBackend(AsyncNetworkBackend):
    """A network backend that resolves, checks and pins each connection's address."""

    def __init__(self, settings: LinkSettings) -> None:
        self._settings = settings
        self._inner = AutoBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> AsyncNetworkStream:
        addresses = await resolve_checked(host, port, self._settings, timeout=timeout)
        last: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        if isinstance(last, httpcore.ConnectTimeout):
            raise LinkError(TIMEOUT, f"connecting to {host} timed out") from last
        raise LinkError(NETWORK_ERROR, f"cannot connect to {host}: {last}") from last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> AsyncNetworkStream:
        raise LinkError(NETWORK_ERROR, "unix sockets are not used for links")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` whose connection pool uses :class:`PinnedBackend`."""

    def __init__(self, settings: LinkSettings) -> None:
        super().__init__(trust_env=False, retries=0)
        if settings.ca_file:
            ssl_context = ssl.create_default_context(cafile=settings.ca_file)
        else:
            ssl_context = httpx.create_ssl_context(trust_env=False)
        limits = httpx.Limits(max_connections=20, max_keepalive_connections=10)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            retries=0,
            network_backend=PinnedBackend(settings),
        )


def make_client(settings: LinkSettings) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` for fetching links under ``settings``.

    Redirects are not followed by the client (each hop is checked by the
    fetcher), proxies from the environment are ignored (a proxy would resolve
    names itself) and every connection goes through :class:`PinnedBackend`.
    """
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    client = httpx.AsyncClient(
        transport=PinnedTransport(settings),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Language": "fa,en;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    _PINNED_CLIENTS.add(client)
    return client


def is_pinned_client(client: httpx.AsyncClient) -> bool:
    """Whether ``client`` was made by :func:`make_client`."""
    return client in _PINNED_CLIENTS
