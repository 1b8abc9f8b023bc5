"""Rendering: escaping, digit styles, splitting; every output is checked with
the fake Bot API's Telegram-HTML parser."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render import (
    TELEGRAM_LIMIT,
    HtmlRenderer,
    apply_digits,
    esc,
    split_html,
    to_digits,
    visible_length,
)
from handlers.ports import ChatPrefs, StoredDigest
from summarizer.model import Digest, Figure
from tests.fakebotapi import ApiError, parse_html

FA = ChatPrefs(bullets=8, digits="fa")
LATIN = ChatPrefs(bullets=8, digits="latin")

TEXT = "بودجه <ویژه> & سهم ۲۵ درصد است. واردات 1,250 تن بود."


def _record(text: str = TEXT, title: str | None = "عنوان <b>نادرست</b> & ۱") -> StoredDigest:
    s1 = (0, text.index(".") + 1)
    s2 = (s1[1] + 1, len(text))
    f1_start = text.index("۲۵")
    f2_start = text.index("1,250")
    figures = [
        Figure(
            text="۲۵ درصد",
            value=25,
            kind="percent",
            sentence=0,
            span=(f1_start, f1_start + len("۲۵ درصد")),
            subject="سهم <x>",
            qualifier="about",
            period="سالانه",
            change="increase",
        ),
        Figure(
            text="1,250 تن",
            value=1250,
            kind="measure",
            sentence=1,
            span=(f2_start, f2_start + len("1,250 تن")),
            unit="تن",
        ),
    ]
    digest = Digest(
        title=title,
        bullets=["سهم <ویژه> ۲۵ درصد است", "واردات 1,250 تن بود"],
        figures=figures,
        sentences=[text[s1[0] : s1[1]], text[s2[0] : s2[1]]],
        summary=[0, 1],
        bullet_figures=[[0], [1]],
        status="ok",
        sentence_spans=[s1, s2],
    )
    return StoredDigest(7, 1, digest, text, title, "https://example.com/a?b=1&c=2", 0.0)


def _valid(chunks: list[str]) -> None:
    for chunk in chunks:
        plain = parse_html(chunk)  # raises like Telegram would
        assert 0 < len(plain) <= TELEGRAM_LIMIT


def test_escape() -> None:
    assert esc("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert parse_html(esc("<b>&amp;</b>")) == "<b>&amp;</b>"


def test_digest_reply_escapes_everything() -> None:
    reply = HtmlRenderer().digest_reply(_record(), FA)
    _valid(reply.chunks)
    html = reply.chunks[0]
    assert html.startswith("<b>عنوان &lt;b&gt;نادرست&lt;/b&gt; &amp; ۱</b>")
    assert "&lt;ویژه&gt;" in html
    assert "<b>۲۵ درصد</b>" in html  # the figure is bold inside its bullet
    assert reply.keyboard is not None
    data = [b.callback_data for row in reply.keyboard.inline_keyboard for b in row]
    assert data == ["f:7", "m:7", "o:7", "c:7"]


def test_digit_styles() -> None:
    assert to_digits("سال 1402 و 3.5 درصد و 1,250", "fa") == "سال ۱۴۰۲ و ۳٫۵ درصد و ۱٬۲۵۰"
    assert to_digits("۱۴۰۲ و ۳٫۵ و ١٢", "latin") == "1402 و 3.5 و 12"
    markup = '<a href="https://x.ir/1402">1402</a> سال 1402 &#1600; <code>42</code> /details 2'
    out = apply_digits(markup, "fa")
    assert out == '<a href="https://x.ir/1402">1402</a> سال ۱۴۰۲ &#1600; <code>42</code> /details 2'
    _valid([out])


def test_links_in_text_keep_their_digits() -> None:
    markup = esc("منبع: https://news.example/a/1402?id=7&p=2 و www.x.example/9 سال 1402.")
    out = apply_digits(markup, "fa")
    assert "https://news.example/a/1402?id=7&amp;p=2" in out
    assert "www.x.example/9" in out and "سال ۱۴۰۲." in out
    assert (
        to_digits("http://127.0.0.1:8080/a", "fa") != "http://127.0.0.1:8080/a"
    )  # needs the guard
    _valid([out])


def test_digest_read_from_a_link_names_the_link_as_written() -> None:
    url = "http://127.0.0.1:8123/page/1402?a=1&b=2"
    for prefs in (FA, LATIN):
        reply = HtmlRenderer().digest_reply(_record(), prefs, read_from=url)
        _valid(reply.chunks)
        lines = parse_html(reply.chunks[0]).splitlines()
        assert lines[1] == f"از پیوند: {url}"
        assert f'href="{esc(url).replace(chr(34), "&quot;")}"' in reply.chunks[0]


def test_link_failure_names_the_link_as_written() -> None:
    url = "http://127.0.0.1:8123/news/45"
    text = HtmlRenderer().text("link_failed", FA, url=url, message="صفحه پیدا نشد.")
    _valid([text])
    assert url in parse_html(text)


def test_figures_list_in_latin_digits() -> None:
    reply = HtmlRenderer().figures(_record(), LATIN)
    _valid(reply.chunks)
    text = parse_html(reply.chunks[0])
    assert "1. 25 درصد — سهم <x> (حدود، دوره: سالانه، افزایش)" in text
    assert "2. 1,250 تن" in text
    assert "۲۵" not in text


def test_details_bolds_the_figure_in_its_sentence() -> None:
    renderer = HtmlRenderer()
    reply = renderer.details(_record(), 1, FA)
    _valid(reply.chunks)
    assert "<b>۲۵ درصد</b>" in reply.chunks[0]
    assert "بودجه &lt;ویژه&gt; &amp; سهم" in reply.chunks[0]
    second = renderer.details(_record(), 2, LATIN)
    assert "<b>1,250 تن</b>" in second.chunks[0]


def test_summary_source_settings_export() -> None:
    renderer = HtmlRenderer()
    rec = _record()
    for reply in (renderer.summary(rec, FA), renderer.source(rec, FA), renderer.settings(LATIN)):
        _valid(reply.chunks)
    source = renderer.source(rec, FA).chunks[0]
    assert 'href="https://example.com/a?b=1&amp;c=2"' in source
    csv_doc, json_doc = renderer.export(rec)
    assert csv_doc.content.decode("utf-8-sig").splitlines()[1].startswith("1,۲۵ درصد,25,")
    assert json.loads(json_doc.content)["digest"]["figures"][1]["unit"] == "تن"


def test_no_figures_reply_shows_the_summary() -> None:
    d = Digest(
        title=None,
        bullets=[],
        figures=[],
        sentences=["جمله یک.", "جمله دو."],
        summary=[1],
        status="no_figures",
    )
    rec = StoredDigest(3, 1, d, "جمله یک. جمله دو.", None, None, 0.0)
    reply = HtmlRenderer().digest_reply(rec, FA)
    _valid(reply.chunks)
    assert "جمله دو." in reply.chunks[0] and "جمله یک." not in reply.chunks[0]


def test_figures_without_a_complete_bullet_point_to_the_list_and_the_summary() -> None:
    text = "دو تیم فردا بازی می‌کنند. بازی در ورزشگاه آزادی است."
    figure = Figure(text="دو", value=2, kind="count", sentence=0, span=(0, 2))
    d = Digest(
        title=None,
        bullets=[],
        figures=[figure],
        sentences=["دو تیم فردا بازی می‌کنند.", "بازی در ورزشگاه آزادی است."],
        summary=[0],
        status="ok",
    )
    reply = HtmlRenderer().digest_reply(StoredDigest(4, 1, d, text, None, None, 0.0), FA)
    _valid(reply.chunks)
    assert "/figures" in reply.chunks[0]
    assert "رقمی پیدا نکردم" not in reply.chunks[0]
    assert "دو تیم فردا بازی می‌کنند." in reply.chunks[0]
    assert reply.keyboard is not None


def test_canned_messages_are_valid_html() -> None:
    renderer = HtmlRenderer()
    from bot.render import MESSAGES

    for key in MESSAGES:
        text = renderer.text(
            key, FA, size=5, limit=4, count=3, message="<&>", url="http://a.b/1", title="<&>"
        )
        _valid([text])


def test_split_keeps_short_text_whole() -> None:
    assert split_html("<b>سلام</b>") == ["<b>سلام</b>"]


def test_split_long_reply_at_lines() -> None:
    lines = [f"• <b>بند {i}</b> " + "متن " * 40 for i in range(200)]
    markup = "\n".join(lines)
    chunks = split_html(markup)
    assert len(chunks) > 1
    _valid(chunks)
    # Every cut fell at a line boundary: each chunk is a run of whole lines.
    assert "\n".join(chunks) == markup


def test_split_inside_an_open_tag_closes_and_reopens_it() -> None:
    markup = "<blockquote>" + "\n".join("خط شماره " + str(i) for i in range(2000)) + "</blockquote>"
    chunks = split_html(markup)
    assert len(chunks) > 1
    _valid(chunks)
    assert all(c.startswith("<blockquote>") and c.endswith("</blockquote>") for c in chunks)


def test_split_one_huge_line_and_a_huge_word() -> None:
    markup = "<i>" + esc("کلمه&<> " * 2000) + "</i>\n" + "ب" * 9000
    chunks = split_html(markup)
    _valid(chunks)
    total = sum(len(parse_html(c)) for c in chunks)
    assert total >= len("کلمه&<> " * 2000) - 2000 + 9000 - 10


def test_fake_parser_rejects_what_telegram_rejects() -> None:
    for bad in ["<foo>x</foo>", "<b>x", "<b><i>x</b></i>", "a < b", "a & b", "<span>x</span>"]:
        with pytest.raises(ApiError) as err:
            parse_html(bad)
        assert err.value.description.startswith("Bad Request: can't parse entities")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "code", "u"]),
            st.text(alphabet=st.sampled_from(list("ابپ ۱۲3<>&\n\"'x")), max_size=300),
        ),
        max_size=60,
    ),
    st.integers(min_value=50, max_value=600),
)
def test_split_property(pieces: list[tuple[str, str]], limit: int) -> None:
    markup = "".join(f"<{t}>{esc(s)}</{t}>" if t else esc(s) for t, s in pieces)
    chunks = split_html(markup, limit)
    for chunk in chunks:
        parse_html(chunk)
        assert visible_length(chunk) <= limit
        assert parse_html(chunk).strip()
    joined = "".join(parse_html(c) for c in chunks)
    assert "".join(joined.split()) == "".join(parse_html(markup).split())


def test_inline_choices_are_the_digest_and_the_figures() -> None:
    rec = _record()
    choices = HtmlRenderer().inline(rec, FA)
    assert [c.id for c in choices] == ["d7", "f7"]
    digest_text, figures_text = (parse_html(c.html) for c in choices)
    assert digest_text.splitlines()[0] == "عنوان <b>نادرست</b> & ۱"
    assert [line for line in digest_text.splitlines() if line.startswith("•")] == [
        "• سهم <ویژه> ۲۵ درصد است",
        "• واردات ۱٬۲۵۰ تن بود",
    ]
    assert "•" not in figures_text and "۱. ۲۵ درصد" in figures_text
    # Titles are plain text: the article's title as written, not escaped.
    assert "عنوان <b>نادرست</b> & ۱" in choices[0].title and "&amp;" not in choices[0].title
    assert choices[1].title.startswith("فقط رقم‌ها")


def test_inline_choices_of_a_huge_digest_fit_one_message() -> None:
    rec = _record()
    many = [*rec.digest.figures] * 400
    big = StoredDigest(
        rec.id,
        rec.chat_id,
        Digest(
            title=rec.digest.title,
            bullets=rec.digest.bullets * 300,
            figures=many,
            sentences=rec.digest.sentences,
            summary=rec.digest.summary,
            bullet_figures=rec.digest.bullet_figures * 300,
            status="ok",
            sentence_spans=rec.digest.sentence_spans,
        ),
        rec.text,
        rec.title,
        rec.link,
        0.0,
    )
    for choice in HtmlRenderer().inline(big, LATIN):
        plain = parse_html(choice.html)
        assert 0 < len(plain) <= TELEGRAM_LIMIT and plain.endswith("…")


def test_group_settings_have_the_channel_switch() -> None:
    renderer = HtmlRenderer()
    private = renderer.settings(FA)
    group = renderer.settings(ChatPrefs(bullets=8, digits="fa", channel_posts=True), group=True)
    data = [b.callback_data for row in group.keyboard.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert "s:c:off" in data
    assert all(
        not str(b.callback_data).startswith("s:c:")
        for row in private.keyboard.inline_keyboard  # type: ignore[union-attr]
        for b in row
    )
    _valid(group.chunks)
