"""What digest() answers for empty, foreign, figure-less and very long texts."""

from __future__ import annotations

import json

import pytest

from summarizer import Digest, digest


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u200c\u200f"])
def test_empty(text: str) -> None:
    d = digest(text)
    assert d.status == "empty"
    assert d.bullets == [] and d.figures == [] and d.summary == []


@pytest.mark.parametrize(
    "text",
    [
        "The central bank said inflation rose 12 percent to 45 billion dollars.",
        "Привет, мир. 120 человек.",
        "12345 67890",
    ],
)
def test_not_persian(text: str) -> None:
    d = digest(text)
    assert d.status == "not_persian"
    assert d.bullets == [] and d.figures == []


def test_arabic_script_with_a_few_latin_words_is_persian() -> None:
    d = digest("شرکت ICT روستایی ۳۰۰ دفتر جدید در استان افتتاح کرد.")
    assert d.status == "ok"
    assert d.bullets


def test_no_figures_still_gives_sentences_and_summary() -> None:
    text = "جلسه شورای شهر امروز برگزار شد. اعضا درباره طرح‌های عمرانی گفت‌وگو کردند."
    d = digest(text)
    assert d.status == "no_figures"
    assert d.sentences and d.summary
    assert len(d.sentence_spans) == len(d.sentences)


def test_only_trivia_is_no_figures() -> None:
    d = digest("این قانون در سال ۱۴۰۲ و بر اساس ماده ۱۲ تصویب شد.")
    assert d.status == "no_figures"
    assert d.bullets == []


def test_max_bullets_zero_and_negative() -> None:
    text = "بسیج ۳۰ هزار جهیزیه و ۷۰۰ هزار بسته معیشتی توزیع کرد."
    for n in (0, -3):
        d = digest(text, max_bullets=n)
        assert d.bullets == [] and d.bullet_figures == []
        assert d.figures and d.status == "ok"


def test_title_is_kept() -> None:
    d = digest("بانک ۲۰ میلیارد ریال وام داد.", title="وام بانکی")
    assert d.title == "وام بانکی"
    assert Digest.from_dict(json.loads(json.dumps(d.to_dict()))).title == "وام بانکی"


def test_sentence_spans_point_into_the_input() -> None:
    text = "  رييس سازمان گفت: 12 درصد رشد داشتيم.\n\nدر سال گذشته ۴۰ هزار نفر استخدام شدند.  "
    d = digest(text)
    assert len(d.sentence_spans) == len(d.sentences) == 2
    for a, b in d.sentence_spans:
        assert 0 <= a < b <= len(text)
    a, b = d.sentence_spans[0]
    assert text[a:b].startswith("رييس") and text[a:b].endswith("داشتيم.")


def test_very_long_text() -> None:
    paragraph = (
        "به گزارش خبرنگار ما، مدیرکل گفت: در سال جاری ۲۴۰ طرح آبرسانی با اعتبار بیش از ۱۲ هزار"
        " و ۵۰۰ میلیارد ریال در دست اجراست و حدود ۳۵۰ هزار نفر از آن بهره‌مند می‌شوند.\n"
    )
    text = paragraph * (200_000 // len(paragraph))
    d = digest(text)
    assert d.status == "ok"
    assert len(d.bullets) <= 8
    assert len(d.sentences) >= 1000
    assert len([f for f in d.figures if f.value == 240]) == 1


def test_long_text_without_breaks() -> None:
    text = "بسته " * 40_000 + "۱۲ هزار نفر"
    d = digest(text)
    assert d.status == "ok"
    assert all(b - a <= 1000 for a, b in d.sentence_spans)


def test_headline_line_becomes_the_title() -> None:
    text = (
        "مدیرکل راهداری استان:\n"
        "بهسازی ۱۲۰ کیلومتر از راه‌های روستایی / آغاز ساخت ۴ پل\n\n"
        "مدیرکل راهداری استان از بهسازی ۱۲۰ کیلومتر راه روستایی خبر داد."
    )
    d = digest(text)
    assert d.title == "بهسازی ۱۲۰ کیلومتر از راه‌های روستایی / آغاز ساخت ۴ پل"
    assert digest(text, title="راه‌های روستایی").title == "راه‌های روستایی"


@pytest.mark.parametrize(
    "text",
    [
        "مدیرکل راهداری استان از بهسازی ۱۲۰ کیلومتر راه روستایی خبر داد.\nکار ادامه دارد.",
        "بهسازی ۱۲۰ کیلومتر از راه‌های روستایی",
        "بهسازی ۱۲۰ کیلومتر راه روستایی انجام شد و کار ساخت ۴ پل هم آغاز شد",
        "مدیرکل راهداری:\nراه\n\nمدیرکل راهداری از بهسازی ۱۲۰ کیلومتر راه خبر داد.",
    ],
)
def test_no_title_without_a_clear_headline(text: str) -> None:
    assert digest(text).title is None
