"""Main-text extraction from the fixture pages."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.links.decoding import decode_body
from bot.links.errors import LinkError
from bot.links.extract import MAX_ELEMENTS, extract_html, extract_plain
from tests.links_server import PAGES

TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text.replace("\u200c", "")))


@pytest.mark.parametrize("name", ["wheat", "metro", "dams-cp1256", "exports-cp1256"])
def test_body_is_complete_and_clean(name: str) -> None:
    page = decode_body((PAGES / f"{name}.html").read_bytes(), None, html=True)
    gold = (PAGES / f"{name}.body.txt").read_text(encoding="utf-8")
    got = extract_html(page).text
    overlap = sum((tokens(gold) & tokens(got)).values())
    recall = overlap / sum(tokens(gold).values())
    precision = overlap / sum(tokens(got).values())
    assert recall >= 0.98, recall
    assert precision >= 0.95, precision
    assert got.count("\u200c") == gold.count("\u200c")  # every ZWNJ kept


def test_zwnj_written_as_entities_survives() -> None:
    body = "".join(
        f"<p>قیمت گندم در استان {n} امسال تعیین شده است و پیش{z}بینی می{z}شود خرید بیشتر شود.</p>"
        for n, z in enumerate(("&zwnj;", "&#8204;", "&#x200C;", "\u200c"))
    )
    text = extract_html(f"<html><body><article>{body}</article></body></html>").text
    assert text.count("پیش\u200cبینی") == 4 and text.count("می\u200cشود") == 4


def test_page_without_an_article_gives_next_to_no_text() -> None:
    page = "<html><body><nav><a href='/'>خانه</a></nav></body></html>"
    assert len(extract_html(page).text) < 80  # the fetcher's "not an article" threshold
    for junk in ("", "   ", "<html>", "\x00\x01", "<?xml version='1.0'?><rss/>"):
        assert extract_html(junk).text == ""


def test_plain_text() -> None:
    rain = (PAGES / "rain.txt").read_text(encoding="utf-8")
    extracted = extract_plain(rain)
    assert extracted.title == rain.splitlines()[0]
    assert extracted.text.startswith("رئیس مرکز ملی")
    one_line = extract_plain("فقط یک خط با ۱۲ درصد")
    assert one_line.title is None and one_line.text == "فقط یک خط با ۱۲ درصد"


def test_pages_with_too_many_elements_are_refused() -> None:
    page = (
        "<html><body>" + "<div><span>خبر</span></div>" * (MAX_ELEMENTS // 2 + 10) + "</body></html>"
    )
    with pytest.raises(LinkError) as info:
        extract_html(page)
    assert info.value.reason == "not_article"
    assert "elements" in info.value.detail
