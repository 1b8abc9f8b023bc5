"""``raqam digest URL`` against the loopback news site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from tests.links_server import NewsSite


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


def test_digest_of_a_link(
    site: NewsSite, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RAQAM_ALLOW_PRIVATE_URLS", "1")
    assert main(["digest", site.url("/page/wheat")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "خرید تضمینی گندم از مرز ۸ میلیون تن گذشت"
    assert "•" in out


def test_link_failure_is_a_clear_message(
    site: NewsSite, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RAQAM_ALLOW_PRIVATE_URLS", "1")
    assert main(["digest", site.url("/status/404")]) == 3
    err = capsys.readouterr().err
    assert "صفحهٔ این پیوند پیدا نشد" in err and "HTTP 404" in err


def test_private_address_refused_by_default(
    site: NewsSite, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("RAQAM_ALLOW_PRIVATE_URLS", raising=False)
    before = sum(site.hits.values())
    assert main(["digest", site.url("/page/wheat")]) == 3
    assert "این نشانی قابل دسترسی نیست" in capsys.readouterr().err
    assert sum(site.hits.values()) == before


def test_card_of_a_link(
    site: NewsSite,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from PIL import Image

    monkeypatch.setenv("RAQAM_ALLOW_PRIVATE_URLS", "1")
    out = tmp_path / "card.png"
    assert main(["card", site.url("/page/wheat"), "--out", str(out)]) == 0
    with Image.open(out) as image:
        assert image.size == (1080, 1350)
    assert main(["card", site.url("/status/404"), "--out", str(out)]) == 3
    assert "HTTP 404" in capsys.readouterr().err
