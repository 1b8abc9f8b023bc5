"""Text clean-up: Persian letters and digits, ZWNJ repairs, offsets back to the input."""

from __future__ import annotations

import pytest

from summarizer.normalize import normalize, zwnj_cuts


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("كارگاه", "کارگاه"),
        ("رييس", "رییس"),
        ("12 درصد", "۱۲ درصد"),
        ("٣٤٥", "۳۴۵"),
        ("سلام\u200e دنیا\u200f", "سلام دنیا"),
        ("بسیج   ملی", "بسیج ملی"),
        ("خط اول\n\n\n  خط دوم", "خط اول\nخط دوم"),
        ("<p>متن</p>[3] دیگر", "متن\nدیگر"),
        ("تقریباً", "تقریبا"),
        ("جذب714 میلیارد", "جذب ۷۱۴ میلیارد"),
        ("۷۰۰هزار بسته", "۷۰۰ هزار بسته"),
        ("سال۱۴۰۲", "سال ۱۴۰۲"),
        ("بیست و یکم", "بیست و یکم"),
        ("\ufefbسلام", "لاسلام"),
        ("دو&nbsp;نفر", "دو نفر"),
    ],
)
def test_characters_and_spacing(raw: str, clean: str) -> None:
    assert normalize(raw).text == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("میشود", "می‌شود"),
        ("نمیکند", "نمی‌کند"),
        ("می کنند", "می‌کنند"),
        ("برنامههای", "برنامه‌های"),
        ("کارگاههای", "کارگاه‌های"),
        ("شدهاند", "شده‌اند"),
        ("کردهایم", "کرده‌ایم"),
        ("محرومیتزدایی", "محرومیت‌زدایی"),
        ("مقاومسازی", "مقاوم‌سازی"),
        ("پیشبینی", "پیش‌بینی"),
        ("وامهایی", "وام‌هایی"),
    ],
)
def test_zwnj_repairs(raw: str, clean: str) -> None:
    assert normalize(raw).text == clean


@pytest.mark.parametrize(
    "word", ["میلیون", "میزان", "میان", "تنها", "آنها", "کالاها", "بهداشت", "میدان", "همه"]
)
def test_words_left_alone(word: str) -> None:
    assert zwnj_cuts(word) == []
    assert normalize(word).text == word


def test_offsets_map_back_to_the_input() -> None:
    raw = "رييس\u200f  سازمان: توليد روزانه 17 ميليون ماسک در کارگاههاي بسيج"
    n = normalize(raw)
    i = n.text.index("۱۷ میلیون")
    a, b = n.to_original(i, i + len("۱۷ میلیون"))
    assert raw[a:b] == "17 ميليون"
    j = n.text.index("کارگاه‌های")
    a, b = n.to_original(j, j + len("کارگاه‌های"))
    assert raw[a:b] == "کارگاههاي"


def test_offset_map_is_monotonic_and_in_range() -> None:
    raw = "\u200eالف  ب\n\n<b>پ</b>  ۱,۲۰۰ ٪ ﻻ"
    n = normalize(raw)
    assert len(n.starts) == len(n.ends) == len(n.text)
    last = 0
    for a, b in zip(n.starts, n.ends, strict=True):
        assert 0 <= a <= b <= len(raw)
        assert a >= last
        last = a


def test_numbers_keep_their_separators() -> None:
    assert normalize("۱۲٫۵ و ۱,۲۰۰ و 1.5").text == "۱۲٫۵ و ۱,۲۰۰ و ۱.۵"


def test_empty_and_whitespace() -> None:
    assert normalize("").text == ""
    assert normalize("  \n ").to_original(0, 0) == (0, 0)
