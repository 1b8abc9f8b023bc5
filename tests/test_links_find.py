"""Finding links in messages, captions and Telegram entities."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import MessageEntity

from bot.links import find_links


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_links_in_plain_text_with_persian_punctuation() -> None:
    text = (
        "گزارش کامل را در https://news.example/fa/123، و نیز (https://b.example/x) "
        "ببینید؛ خلاصه: www.c.example/n/7. پایان «https://d.example/q?id=5»"
    )
    assert find_links(text, limit=10) == [
        "https://news.example/fa/123",
        "https://b.example/x",
        "http://www.c.example/n/7",
        "https://d.example/q?id=5",
    ]


def test_balanced_brackets_and_persian_paths_stay_in_the_link() -> None:
    text = "https://wiki.example/A_(b) و https://news.example/خبر/گندم-۸-میلیون؟"
    assert find_links(text) == [
        "https://wiki.example/A_(b)",
        "https://news.example/%D8%AE%D8%A8%D8%B1/%DA%AF%D9%86%D8%AF%D9%85-%DB%B8-%D9%85%DB%8C%D9%84%DB%8C%D9%88%D9%86",
    ]


def test_entities_with_utf16_offsets_after_emoji() -> None:
    prefix = "🔴📌 فوری: "  # emoji take two UTF-16 units each
    text = prefix + "irna.example/news/1 و متن کامل"
    offset = utf16_len(prefix)
    entities = [{"type": "url", "offset": offset, "length": utf16_len("irna.example/news/1")}]
    assert find_links(text, entities) == ["http://irna.example/news/1"]


def test_text_link_entities_come_in_reading_order() -> None:
    text = "📰 متن کامل خبر | منبع: https://src.example/a"
    link_start = utf16_len("📰 ")
    entities = [
        {
            "type": "text_link",
            "offset": link_start,
            "length": 10,
            "url": "https://hidden.example/n/9",
        },
        {"type": "bold", "offset": 0, "length": 2},
    ]
    assert find_links(text, entities) == ["https://hidden.example/n/9", "https://src.example/a"]


def test_ptb_entities_and_objects() -> None:
    text = "خبر: https://a.example/1"
    entities = [
        MessageEntity(type=MessageEntity.URL, offset=5, length=19),
        MessageEntity(type=MessageEntity.TEXT_LINK, offset=0, length=3, url="https://b.example/2"),
    ]
    assert find_links(text, entities) == ["https://b.example/2", "https://a.example/1"]

    @dataclass
    class Entity:
        type: str
        offset: int
        length: int
        url: str | None = None

    assert find_links("ببین", [Entity("text_link", 0, 4, "https://c.example/")]) == [
        "https://c.example/"
    ]


def test_duplicates_other_schemes_and_limit() -> None:
    text = "https://a.example/1 https://a.example/1#comments https://A.EXAMPLE/1 mailto:x@y.example"
    entities = [
        {"type": "text_link", "offset": 0, "length": 1, "url": "tg://user?id=5"},
        {"type": "text_link", "offset": 0, "length": 1, "url": "mailto:x@y.example"},
    ]
    assert find_links(text, entities) == ["https://a.example/1"]
    many = " ".join(f"https://n.example/{i}" for i in range(10))
    assert len(find_links(many)) == 3
    assert len(find_links(many, limit=5)) == 5
    assert find_links(None) == [] and find_links("") == []


def test_caption_without_links_and_bad_entities() -> None:
    assert find_links("تصویر: بارش برف در تهران") == []
    bad = [{"type": "url", "offset": "x", "length": 3}, {"type": "url"}, {}, {"type": "text_link"}]
    assert find_links("متن", bad) == []


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=60),
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(["url", "text_link", "bold"]),
                "offset": st.integers(-5, 80),
                "length": st.integers(-5, 80),
                "url": st.one_of(st.none(), st.text(max_size=30)),
            }
        ),
        max_size=4,
    ),
)
def test_never_crashes_and_returns_http_links(text: str, entities: list[dict[str, object]]) -> None:
    links = find_links(text, entities)
    assert len(links) <= 3
    assert all(link.startswith(("http://", "https://")) for link in links)
