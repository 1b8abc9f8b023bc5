"""The card's line layout without libraqm: joined letters, right-to-left order,
mirrored brackets, ZWNJ, Latin and digit runs, ranges; wrapping and ellipses.

Expected strings are written by hand: the visual order is left to right as
the glyphs stand on the card.
"""

from __future__ import annotations

import pytest

from bot.card.text import ELLIPSIS, FORMAT_CHARS, reorder, strip_format, truncate, visual, wrap

# Presentation forms used below (Arabic Presentation Forms-A/B).
MEEM_INITIAL = "\ufee3"
NOON_FINAL = "\ufee6"
FARSI_YEH_FINAL = "\ufbfd"
SHEEN_INITIAL = "\ufeb7"
WAW_FINAL = "\ufeee"
DAL_ISOLATED = "\ufea9"
LAM_ALEF_ISOLATED = "\ufefb"
BEH_INITIAL = "\ufe91"


@pytest.mark.parametrize(
    ("logical", "expected"),
    [
        # Words run right to left: the first word ends up on the right.
        ("آب سد", "دس بآ"),
        # Digits keep their own left-to-right order inside the line.
        ("۱۸ درصد", "دصرد ۱۸"),
        ("رشد ۲.۵ درصدی", "یدصرد ۲.۵ دشر"),
        # A Latin run stays left to right; brackets around it are mirrored, so they
        # still open towards the text they enclose.
        ("قیمت نفت (USD) بالا رفت", "تفر الاب (USD) تفن تمیق"),
        ("(USD) نفت", "تفن (USD)"),
        ("شاخص (۲.۵) درصد", "دصرد (۲.۵) صخاش"),
        ("رشد «۱۲» درصد", "دصرد «۱۲» دشر"),
        # Brackets inside a left-to-right run are not mirrored.
        ("تابع f(x) و g(y)", "g(y) و f(x) عبات"),
        # Latin and digits mixed in one run.
        ("گوشی iPhone 15 Pro عرضه شد", "دش هضرع iPhone 15 Pro یشوگ"),
        # A range: each number in place, the words between them right to left.
        ("۱۰ تا ۱۵ میلیارد دلار", "رالد درایلیم ۱۵ ات ۱۰"),
        ("10 تا 15 میلیارد دلار", "رالد درایلیم 15 ات 10"),
        # Mixed digit styles in one line.
        ("از ۱۲ به 15 رسید", "دیسر 15 هب ۱۲ زا"),
        # A negative number kept left to right by an isolate: the minus on the left.
        ("کاهش \u2066−۵\u2069 درصدی", "یدصرد \u2069−۵\u2066 شهاک"),
        # A Latin-only line in a right-to-left paragraph keeps its order.
        ("Oil output rose 12 percent", "Oil output rose 12 percent"),
    ],
)
def test_reorder_against_hand_written_visual_order(logical: str, expected: str) -> None:
    assert reorder(logical) == expected


def test_joining_with_presentation_forms() -> None:
    # "من": meem initial then noon final, drawn right to left.
    assert visual("من") == NOON_FINAL + MEEM_INITIAL
    # lam + alef become one ligature glyph.
    assert visual("لا") == LAM_ALEF_ISOLATED


def test_zwnj_breaks_the_join_and_is_not_drawn() -> None:
    # "می‌شود": the ZWNJ ends "می" (final yeh) and "ش" starts a new word-part (initial).
    got = visual("می\u200cشود")
    assert got == DAL_ISOLATED + WAW_FINAL + SHEEN_INITIAL + FARSI_YEH_FINAL + MEEM_INITIAL
    assert "\u200c" not in got
    # Without the ZWNJ the letters join across: yeh takes its medial form.
    assert visual("میشود") != got


def test_format_characters_are_dropped_after_shaping() -> None:
    text = "\u200fقیمت\u200e (USD) \u2066−۵\u2069 به\u200cروز"
    got = visual(text)
    assert not set(got) & FORMAT_CHARS
    assert "(USD)" in got and "−۵" in got


def test_visual_mixed_line_keeps_latin_and_number_runs() -> None:
    got = visual("قیمت نفت (USD) به 2.5 درصد رسید")
    assert "(USD)" in got and "2.5" in got and ")USD(" not in got
    # The first Persian word is drawn rightmost: its last letter's final form ends
    # the string ("قیمت" starts with qaf, initial form U+FED7, drawn last).
    assert got.endswith("\ufed7")


def test_strip_format() -> None:
    assert strip_format("a\u200cb\u200fc\u2066d\u2069") == "abcd"


def _fits_chars(n: int):  # type: ignore[no-untyped-def]
    return lambda s: len(s) <= n


def test_wrap_before_reordering_keeps_reading_order_across_lines() -> None:
    lines = wrap("یک دو سه چهار پنج شش", _fits_chars(8), 3)
    assert lines == ["یک دو سه", "چهار پنج", "شش"]
    # Each line is ordered on its own: the first line's first word is on its right.
    assert reorder(lines[0]) == "هس ود کی"


def test_wrap_ends_with_an_ellipsis_when_text_is_left_over() -> None:
    lines = wrap("یک دو سه چهار پنج شش هفت هشت", _fits_chars(9), 2)
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    assert all(len(line) <= 9 for line in lines)


def test_wrap_cuts_a_word_longer_than_a_line() -> None:
    lines = wrap("ابرکلمه‌ای‌که‌جا‌نمی‌شود کوتاه", _fits_chars(6), 2)
    assert lines[0].endswith(ELLIPSIS) and len(lines[0]) <= 6
    assert lines[1] == "کوتاه"


def test_truncate() -> None:
    assert truncate("کوتاه", _fits_chars(10)) == "کوتاه"
    assert truncate("یک دو سه چهار", _fits_chars(7)) == "یک دو" + ELLIPSIS
    assert truncate("ابرکلمه", _fits_chars(4)) == "ابر" + ELLIPSIS
    assert truncate("ابرکلمه", _fits_chars(0)) == ""


def test_empty_and_blank() -> None:
    assert wrap("   ", _fits_chars(10), 2) == []
    assert reorder("") == ""
    assert visual("") == ""
