"""Charset detection and bounded decompression."""

from __future__ import annotations

import gzip
import zlib

import pytest

from bot.links.decoding import BodyDecoder, charset_candidates, decode_body
from bot.links.errors import LinkError
from tests.links_server import PAGES

PERSIAN = "نرخ تورم نقطه‌ای به ۳۱ درصد رسید و قیمت گندم ۱۵ هزار تومان شد."
CP1256_TEXT = PERSIAN.replace("ی", "ي").replace("۳۱", "31").replace("۱۵", "15")


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>خبر</title></head><body><p>{body}</p></body></html>"


def test_header_charset_wins() -> None:
    data = html(CP1256_TEXT).encode("cp1256")
    assert CP1256_TEXT in decode_body(data, "windows-1256", html=True)


def test_meta_charset_when_the_header_has_none() -> None:
    data = html(CP1256_TEXT, '<meta charset="windows-1256">').encode("cp1256")
    assert charset_candidates(data, None, html=True) == ["cp1256"]
    assert CP1256_TEXT in decode_body(data, None, html=True)


def test_meta_beats_a_latin1_server_default() -> None:
    data = (PAGES / "dams-cp1256.html").read_bytes()
    assert charset_candidates(data, "iso-8859-1", html=True)[0] == "cp1256"
    assert "مخازن سدهاي کشور" in decode_body(data, "iso-8859-1", html=True)


def test_latin1_server_default_without_meta_goes_to_detection() -> None:
    data = (PAGES / "exports-cp1256.html").read_bytes()
    text = decode_body(data, "ISO-8859-1", html=True)
    assert "صادرات غيرنفتي استان بوشهر" in text


def test_no_declaration_at_all_is_detected() -> None:
    data = html(CP1256_TEXT * 4).encode("cp1256")
    assert CP1256_TEXT in decode_body(data, None, html=True)
    assert CP1256_TEXT in decode_body(CP1256_TEXT.encode("cp1256") * 3, None, html=False)


def test_bom_and_wrong_meta() -> None:
    assert decode_body(b"\xef\xbb\xbf" + PERSIAN.encode(), None, html=False) == PERSIAN
    utf16 = "\ufeff" + html(PERSIAN)
    assert PERSIAN in decode_body(utf16.encode("utf-16-le"), None, html=True)
    lying = html(PERSIAN, '<meta charset="windows-1256">').encode("utf-8")
    # a UTF-8 page that claims windows-1256 decodes in windows-1256 without error;
    # the declared charset is honoured, as browsers do
    assert decode_body(lying, None, html=True)
    lying_utf8 = html(CP1256_TEXT, '<meta charset="utf-8">').encode("cp1256")
    assert CP1256_TEXT in decode_body(lying_utf8, None, html=True)


def test_unknown_charset_labels_are_ignored() -> None:
    data = html(PERSIAN, '<meta charset="x-nonsense">').encode()
    assert PERSIAN in decode_body(data, "also-nonsense", html=True)


def feed_all(decoder: BodyDecoder, data: bytes, size: int = 4096) -> bytes:
    out = b"".join(decoder.feed(data[i : i + size]) for i in range(0, len(data), size))
    return out + decoder.flush()


def test_gzip_and_deflate_decode() -> None:
    page = html(PERSIAN).encode() * 50
    for encoding, data in [
        ("gzip", gzip.compress(page)),
        ("x-gzip", gzip.compress(page)),
        ("deflate", zlib.compress(page)),
        ("deflate", _raw_deflate(page)),
        ("", page),
        ("identity", page),
    ]:
        assert feed_all(BodyDecoder(encoding, max_bytes=10**6, max_ratio=100), data) == page


def _raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(wbits=-15)
    return obj.compress(data) + obj.flush()


def test_bomb_stops_at_the_decoded_limit() -> None:
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    decoder = BodyDecoder("gzip", max_bytes=1024 * 1024, max_ratio=10**9)
    with pytest.raises(LinkError) as info:
        feed_all(decoder, bomb)
    assert info.value.reason == "too_large"
    assert decoder.decoded_bytes <= 1024 * 1024


def test_ratio_limit() -> None:
    data = gzip.compress(b"\0" * (3 * 1024 * 1024))
    with pytest.raises(LinkError) as info:
        feed_all(BodyDecoder("gzip", max_bytes=10**8, max_ratio=100), data)
    assert "bomb" in info.value.detail


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, gzip", "compress"])
def test_unsupported_encodings_are_refused(encoding: str) -> None:
    with pytest.raises(LinkError) as info:
        BodyDecoder(encoding, max_bytes=100, max_ratio=100)
    assert info.value.reason == "not_article"


def test_corrupt_gzip_is_refused() -> None:
    with pytest.raises(LinkError) as info:
        feed_all(BodyDecoder("gzip", max_bytes=10**6, max_ratio=100), b"\x1f\x8bnot gzip at all")
    assert info.value.reason == "not_article"
