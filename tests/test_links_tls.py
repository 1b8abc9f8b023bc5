"""HTTPS through the pinned connection: the address is pinned, the name is verified.

A throw-away certificate authority and server certificate for news.example
are made with the openssl command (the test is skipped without it).
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.links import LinkError, LinkSettings, fetch_article_sync
from tests.links_server import NewsSite

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("pki")
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=Raqam test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=d,
    )  # fmt: skip
    (d / "ext.cnf").write_text(
        "subjectAltName=DNS:news.example\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid,issuer\nsubjectKeyIdentifier=hash\n"
    )
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr",
        "-subj", "/CN=news.example",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "srv.pem", "-days", "2", "-extfile", "ext.cnf",
        cwd=d,
    )  # fmt: skip
    return d


@pytest.fixture(scope="module")
def site(pki: Path) -> Iterator[NewsSite]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki / "srv.pem", pki / "srv.key")
    with NewsSite(tls=context) as running:
        yield running


class Resolver:
    def __init__(self) -> None:
        self.lookups: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        return ["127.0.0.1"]


def settings_for(site: NewsSite, pki: Path, resolver: Resolver) -> LinkSettings:
    return LinkSettings(
        allowed_networks=("127.0.0.1/32",),
        allowed_ports=frozenset({site.port}),
        resolver=resolver,
        ca_file=str(pki / "ca.pem"),
    )


def test_https_to_the_pinned_address_verifies_the_name(site: NewsSite, pki: Path) -> None:
    resolver = Resolver()
    url = site.url("/page/wheat", host="news.example")
    article = fetch_article_sync(url, settings=settings_for(site, pki, resolver))
    assert article.title == "خرید تضمینی گندم از مرز ۸ میلیون تن گذشت"
    assert resolver.lookups == ["news.example"]
    assert ("/page/wheat", f"news.example:{site.port}") in {
        (path, host) for path, host, _ in site.requests
    }


def test_certificate_for_another_name_is_refused(site: NewsSite, pki: Path) -> None:
    url = site.url("/page/wheat", host="other.example")  # resolves to the same address
    with pytest.raises(LinkError) as info:
        fetch_article_sync(url, settings=settings_for(site, pki, Resolver()))
    assert info.value.reason == "network_error"
    assert "CERTIFICATE_VERIFY_FAILED" in info.value.detail or "certificate" in info.value.detail
