"""Dates in the digest: a date written with slashes is a date figure like a worded one."""

from __future__ import annotations

import pytest

from summarizer import digest
from summarizer.model import Figure


def _dates(text: str) -> list[Figure]:
    return [f for f in digest(text).figures if f.kind == "date"]


@pytest.mark.parametrize(
    ("text", "written", "date"),
    [
        (
            "مهلت ثبت‌نام وام ودیعه تا ۱۴۰۱/۱۲/۱۴ تمدید شد و تاکنون ۲۰۰ هزار نفر ثبت‌نام کرده‌اند.",
            "۱۴۰۱/۱۲/۱۴",
            "1401-12-14",
        ),
        (
            "مهلت ثبت‌نام وام ودیعه تا ۱۴ اسفند ۱۴۰۱ تمدید شد و تاکنون ۲۰۰ هزار نفر ثبت‌نام کرده‌اند.",
            "۱۴ اسفند ۱۴۰۱",
            "1401-12-14",
        ),
        (
            "قرارداد ساخت ۳ هزار واحد مسکونی در تاریخ 1399/08/05 با بانک مسکن امضا شد.",
            "1399/08/05",
            "1399-08-05",
        ),
        (
            "آزمون سراسری در روز ۱۴۰۲-۰۴-۱۵ با شرکت ۹۰۰ هزار داوطلب برگزار می‌شود.",
            "۱۴۰۲-۰۴-۱۵",
            "1402-04-15",
        ),
    ],
    ids=["slashes", "words", "latin-digits", "hyphens"],
)
def test_a_digit_date_stays_a_date_figure(text: str, written: str, date: str) -> None:
    dates = _dates(text)
    assert [(f.text, f.date) for f in dates] == [(written, date)]
    # the date is context, not a key figure: the count ranks above it
    assert digest(text).figures[0].kind == "count"


def test_slash_and_worded_forms_of_one_date_read_alike() -> None:
    slashed = _dates("آخرین مهلت پرداخت عوارض خودرو ۱۴۰۱/۱۲/۱۴ اعلام شد.")
    worded = _dates("آخرین مهلت پرداخت عوارض خودرو ۱۴ اسفند ۱۴۰۱ اعلام شد.")
    assert [f.date for f in slashed] == [f.date for f in worded] == ["1401-12-14"]
    assert slashed[0].value == worded[0].value == 1401


def test_a_long_digit_string_without_separators_is_still_no_figure() -> None:
    d = digest("کد رهگیری ۱۴۰۱۱۲۱۴۵۵ برای ۲۰ متقاضی پیامک شد.")
    assert [f.value for f in d.figures] == [20]
