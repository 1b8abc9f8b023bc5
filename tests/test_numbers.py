"""The Persian number grammar: expressions, values, kinds, spans and non-figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.numbers import NumberMatch, find_numbers


def case(
    text: str,
    sub: str,
    value: float | None,
    kind: str = "number",
    **extra: Any,
) -> Any:
    """One expected match: ``sub`` is exactly what the match covers in ``text``."""
    return pytest.param(text, sub, value, kind, extra, id=text)


# Each text holds exactly one number expression.
SINGLE = [
    # --- digits in the three systems and their separators
    case("۱۲۳ نفر", "۱۲۳", 123),
    case("123 نفر", "123", 123),
    case("١٢٣ نفر", "١٢٣", 123),
    case("تعداد ۷ مورد", "۷", 7),
    case("حدود ۰ مورد", "۰", 0),
    case("۱٬۲۰۰ نفر", "۱٬۲۰۰", 1200),
    case("۱٬۲۵۰٬۰۰۰ تومان", "۱٬۲۵۰٬۰۰۰", 1_250_000),
    case("1,200 نفر", "1,200", 1200),
    case("12,345,678 ریال", "12,345,678", 12_345_678),
    case("۱۲,۵۰۰ تن", "۱۲,۵۰۰", 12_500),
    case("1.200.000 ریال", "1.200.000", 1_200_000),
    case("۲.۳۰۰.۵۰۰ تومان", "۲.۳۰۰.۵۰۰", 2_300_500),
    case("۱۲٫۵ درصد", "۱۲٫۵ درصد", 12.5, "percent"),
    case("۳٫۲۵ متر", "۳٫۲۵", 3.25),
    case("3.5 کیلوگرم", "3.5", 3.5),
    case("2.047 میلیارد دلار", "2.047 میلیارد", 2.047e9),
    case("۱٬۲۰۰٫۵ لیتر", "۱٬۲۰۰٫۵", 1200.5),
    case("۲/۵ درصد", "۲/۵ درصد", 2.5, "percent"),
    case("تورم ۳۷/۵ درصد", "۳۷/۵ درصد", 37.5, "percent"),
    case("۰/۲ درصد", "۰/۲ درصد", 0.2, "percent"),
    case("۱۲/۷۵ متر", "۱۲/۷۵", 12.75),
    case("مقدار ۰٫۰۵ گرم", "۰٫۰۵", 0.05),
    case("رقم ۱۲۳۴۵۶ در", "۱۲۳۴۵۶", 123456),
    case("۲۰۰۰۰ نفر", "۲۰۰۰۰", 20000),
    case("مخلوط ۱2۳ عدد", "۱2۳", 123),
    case("۲,۵ درصد", "۲,۵ درصد", 2.5, "percent"),
    case("۱۲,۷۵ متر", "۱۲,۷۵", 12.75),
    # --- scale words apart, glued, with ZWNJ, adjectival
    case("۱۷ میلیون نسخه", "۱۷ میلیون", 17e6),
    case("۱۷میلیون نسخه", "۱۷میلیون", 17e6),
    case("۷۰۰هزار بسته", "۷۰۰هزار", 700e3),
    case("۷۰۰ هزار بسته", "۷۰۰ هزار", 700e3),
    case("۴۷ میلیارد تومان", "۴۷ میلیارد", 47e9),
    case("۳ تریلیون ریال", "۳ تریلیون", 3e12),
    case("۵ هزار میلیارد تومان", "۵ هزار میلیارد", 5e12),
    case("هزار میلیارد تومان", "هزار میلیارد", 1e12),
    case("۲.۵ میلیون نفر", "۲.۵ میلیون", 2.5e6),
    case("۱٫۲ میلیارد دلار", "۱٫۲ میلیارد", 1.2e9),
    case("۳/۵ میلیون تن", "۳/۵ میلیون", 3.5e6),
    case("یک‌میلیون نفر", "یک\u200cمیلیون", 1e6),
    case("یک‌هزار نفر", "یک\u200cهزار", 1e3),
    case("۲۰‌هزار نفر", "۲۰\u200cهزار", 20e3),
    case("یک میلیون نفر", "یک میلیون", 1e6),
    case("هزار نفر", "هزار", 1e3),
    case("میلیون نفر", "میلیون", 1e6),
    case("طرح میلیاردی", "میلیاردی", 1e9, adjective=True),
    case("۵۰ میلیاردی", "۵۰ میلیاردی", 50e9, adjective=True),
    case("سالن هزارتایی", "هزارتایی", 1e3, adjective=True),
    case("۵۰ هزار تومانی", "۵۰ هزار", 50e3),
    case("صدهزار نفر", "صدهزار", 1e5),
    case("یکمیلیون نفر", "یکمیلیون", 1e6),
    case("سه ملیون نفر", "سه ملیون", 3e6),
    case("۱۲ ميليارد ريال", "۱۲ ميليارد", 12e9),
    case("۸۰۰ هزار و ۵۰۰ نفر", "۸۰۰ هزار و ۵۰۰", 800_500),
    # --- number words
    case("یک میلیون و دویست هزار", "یک میلیون و دویست هزار", 1.2e6),
    case("سه هزار و پانصد نفر", "سه هزار و پانصد", 3500),
    case("یک هزار و ۲۳۵ پروژه", "یک هزار و ۲۳۵", 1235),
    case("ده میلیون و صد و پنجاه هزار", "ده میلیون و صد و پنجاه هزار", 10_150_000),
    case("ششصد و چهل و سه هزار و دویست و ده", "ششصد و چهل و سه هزار و دویست و ده", 643_210),
    case("بیست و پنج نفر", "بیست و پنج", 25),
    case("صد و بیست نفر", "صد و بیست", 120),
    case("صد و پنجاه و سه نفر", "صد و پنجاه و سه", 153),
    case("یکصد نفر", "یکصد", 100),
    case("یکصد و بیست و پنج نفر", "یکصد و بیست و پنج", 125),
    case("پانصد نفر", "پانصد", 500),
    case("پونصد تومن", "پونصد", 500),
    case("سیصد نفر", "سیصد", 300),
    case("نهصد و نود و نه", "نهصد و نود و نه", 999),
    case("دویست و ده", "دویست و ده", 210),
    case("شصت نفر", "شصت", 60),
    case("هفتاد کشور", "هفتاد", 70),
    case("سی نفر", "سی", 30),
    case("نود دقیقه", "نود", 90),
    case("یازده بازیکن", "یازده", 11),
    case("هجده سال", "هجده", 18),
    case("هیجده سال", "هیجده", 18),
    case("پانزده روز", "پانزده", 15),
    case("دو نفر", "دو", 2),
    case("سه کشور", "سه", 3),
    case("ده روز", "ده", 10),
    case("هزار و یک شب", "هزار و یک", 1001),
    case("دو هزار و پانصد", "دو هزار و پانصد", 2500),
    case("پنج هزار", "پنج هزار", 5000),
    case("بیست هزار", "بیست هزار", 20000),
    case("صد هزار نفر", "صد هزار", 1e5),
    case("سیصد میلیون", "سیصد میلیون", 3e8),
    case("دو میلیارد و پانصد میلیون", "دو میلیارد و پانصد میلیون", 2.5e9),
    case("سه هزار میلیارد", "سه هزار میلیارد", 3e12),
    case("چهل و پنج هزار", "چهل و پنج هزار", 45000),
    case("دو و نیم میلیارد", "دو و نیم میلیارد", 2.5e9),
    case("دو میلیون و نیم", "دو میلیون و نیم", 2.5e6),
    case("يك ميليون نفر", "يك ميليون", 1e6),
    case("نه میلیون نفر", "نه میلیون", 9e6),
    case("نه نفر", "نه", 9),
    case("نه درصد", "نه درصد", 9, "percent"),
    case("بیست و نه نفر", "بیست و نه", 29),
    case("یک درصد", "یک درصد", 1, "percent"),
    # --- mixed digits and words
    case("۱۰ میلیون و ۱۵۰ هزار بسته", "۱۰ میلیون و ۱۵۰ هزار", 10_150_000),
    case("۱۲ هزار و ۵۰۰ میلیارد ریال", "۱۲ هزار و ۵۰۰ میلیارد", 12.5e12),
    case("۶ هزار و ۱۲۷ دفتر", "۶ هزار و ۱۲۷", 6127),
    case("بودجه ۷ هزار و ۵۰۰ هزار میلیارد تومان", "۷ هزار و ۵۰۰ هزار میلیارد", 7.5e15),
    case("۲ هزار و ۲۰۰ هزار میلیارد ریال", "۲ هزار و ۲۰۰ هزار میلیارد", 2.2e15),
    case("رشد 98 و سه دهم درصدی", "98 و سه دهم درصدی", 98.3, "percent"),
    case("نرخ دو و پنج صدم درصد", "دو و پنج صدم درصد", 2.05, "percent"),
    case("قیمت بین ۱۰ الی ۱۵ درصد بالا رفت", "۱۰ الی ۱۵ درصد", None, "percent", range=(10, 15)),
    case("برگزاری ۲۵ امین جشنواره", "۲۵ امین", 25, "ordinal"),
    case("۲ میلیارد و ۳۰۰ میلیون", "۲ میلیارد و ۳۰۰ میلیون", 2.3e9),
    case("۳۱ هزار و ۴۶۰ فقره", "۳۱ هزار و ۴۶۰", 31460),
    case("۱۳ میلیون و ۲۴۷ هزار ریال", "۱۳ میلیون و ۲۴۷ هزار", 13_247_000),
    case("۳ میلیون و ۲۰۰ هزار و ۵۰۰", "۳ میلیون و ۲۰۰ هزار و ۵۰۰", 3_200_500),
    case("۲ هزار و ۵۰۰ میلیارد تومان", "۲ هزار و ۵۰۰ میلیارد", 2.5e12),
    case("۵ میلیون و ۵۰۰ هزار تومان", "۵ میلیون و ۵۰۰ هزار", 5.5e6),
    case("۴ و نیم میلیون", "۴ و نیم میلیون", 4.5e6),
    case("۲ و نیم درصد", "۲ و نیم درصد", 2.5, "percent"),
    case("۱۲ میلیون و ۴۰۰ هزار و ۳۲۰ تومان", "۱۲ میلیون و ۴۰۰ هزار و ۳۲۰", 12_400_320),
    case("۱۰۰ میلیون و پانصد هزار", "۱۰۰ میلیون و پانصد هزار", 100_500_000),
    case("جذب385 میلیارد ریال", "385 میلیارد", 385e9),
    case("جذب۳۸۵ میلیارد ریال", "۳۸۵ میلیارد", 385e9),
    case("حدود۲۰ نفر", "۲۰", 20),
    case("۲۰کیلوگرم", "۲۰", 20),
    # --- fractions
    case("نیم میلیون نفر", "نیم میلیون", 5e5),
    case("نیم درصد", "نیم درصد", 0.5, "percent"),
    case("نیم ساعت", "نیم", 0.5),
    case("یک و نیم میلیون", "یک و نیم میلیون", 1.5e6),
    case("یک و نیم", "یک و نیم", 1.5),
    case("یک سوم جمعیت", "یک سوم", 1 / 3),
    case("دو سوم اعضا", "دو سوم", 2 / 3),
    case("سه چهارم مردم", "سه چهارم", 0.75),
    case("یک چهارم", "یک چهارم", 0.25),
    case("یک دهم درصد", "یک دهم درصد", 0.1, "percent"),
    case("یک ربع", "یک ربع", 0.25),
    case("سه ربع", "سه ربع", 0.75),
    case("ربع قرن", "ربع", 0.25),
    case("بیست و پنج صدم", "بیست و پنج صدم", 0.25),
    case("هفتاد و پنج صدم درصد", "هفتاد و پنج صدم درصد", 0.75, "percent"),
    case("سه ممیز پنج درصد", "سه ممیز پنج درصد", 3.5, "percent"),
    case("۳ ممیز ۰۵ متر", "۳ ممیز ۰۵", 3.05),
    case("دو ممیز بیست و پنج میلیون", "دو ممیز بیست و پنج میلیون", 2.25e6),
    # --- negatives
    case("منفی ۵ درجه", "منفی ۵", -5, negative=True),
    case("منفی ۱۲٫۵ درصد", "منفی ۱۲٫۵ درصد", -12.5, "percent", negative=True),
    case("دمای -۸ درجه", "-۸", -8, negative=True),
    case("رشد منفی دو درصد", "منفی دو درصد", -2, "percent", negative=True),
    # --- percent
    case("۳۰ درصد", "۳۰ درصد", 30, "percent"),
    case("۳۰درصد", "۳۰درصد", 30, "percent"),
    case("۳۰‌درصد", "۳۰\u200cدرصد", 30, "percent"),
    case("رشد ۳۰ درصدی", "۳۰ درصدی", 30, "percent", adjective=True),
    case("۲۰٪ کاهش", "۲۰٪", 20, "percent"),
    case("۲۰ ٪ کاهش", "۲۰ ٪", 20, "percent"),
    case("20% کاهش", "20%", 20, "percent"),
    case("کاهش ٪۲۰", "٪۲۰", 20, "percent"),
    case("کاهش %87", "%87", 87, "percent"),
    case("۷۵ در صد", "۷۵ در صد", 75, "percent"),
    case("بیست درصد", "بیست درصد", 20, "percent"),
    case("پنجاه و یک درصد", "پنجاه و یک درصد", 51, "percent"),
    case("۱۰۰ درصد", "۱۰۰ درصد", 100, "percent"),
    case("۰٫۵ درصد", "۰٫۵ درصد", 0.5, "percent"),
    case("۲.۷ درصد", "۲.۷ درصد", 2.7, "percent"),
    case("دودرصد", "دودرصد", 2, "percent"),
    # --- ordinals
    case("سومین دوره", "سومین", 3, "ordinal"),
    case("اولین بار", "اولین", 1, "ordinal"),
    case("نخستین بار", "نخستین", 1, "ordinal"),
    case("دهمین سالگرد", "دهمین", 10, "ordinal"),
    case("چهل و یکمین سال", "چهل و یکمین", 41, "ordinal"),
    case("چهل‌ویکمین سال", "چهل\u200cویکمین", 41, "ordinal"),
    case("چهل‌و‌یکمین سال", "چهل\u200cو\u200cیکمین", 41, "ordinal"),
    case("سی‌وپنج نفر", "سی\u200cوپنج", 35),
    case("۴۱مین سالگرد", "۴۱مین", 41, "ordinal"),
    case("۴۱‌امین سالگرد", "۴۱\u200cامین", 41, "ordinal"),
    case("۲۲ام", "۲۲ام", 22, "ordinal"),
    case("مرحله سوم", "سوم", 3, "ordinal"),
    case("نیمه دوم سال", "دوم", 2, "ordinal"),
    case("رتبه اول", "اول", 1, "ordinal"),
    case("فصل ششم", "ششم", 6, "ordinal"),
    case("روز هفتم", "هفتم", 7, "ordinal"),
    case("دوره نهم", "نهم", 9, "ordinal"),
    case("سی‌امین جشنواره", "سی\u200cامین", 30, "ordinal"),
    case("سی‌ام", "سی\u200cام", 30, "ordinal"),
    case("بیستمین", "بیستمین", 20, "ordinal"),
    case("بیست و پنجم", "بیست و پنجم", 25, "ordinal"),
    case("صد و بیستمین", "صد و بیستمین", 120, "ordinal"),
    case("صدمین سالگرد", "صدمین", 100, "ordinal"),
    case("هزارمین", "هزارمین", 1000, "ordinal"),
    case("دو هزارمین", "دو هزارمین", 2000, "ordinal"),
    case("یازدهمین دوره", "یازدهمین", 11, "ordinal"),
    case("دومين", "دومين", 2, "ordinal"),
    # --- multipliers
    case("دو برابر", "دو برابر", 2, "multiplier"),
    case("سه برابری", "سه برابری", 3, "multiplier", adjective=True),
    case("۲.۵ برابر", "۲.۵ برابر", 2.5, "multiplier"),
    case("۱۰ برابر", "۱۰ برابر", 10, "multiplier"),
    case("دوبرابر شد", "دوبرابر", 2, "multiplier"),
    case("یک و نیم برابر", "یک و نیم برابر", 1.5, "multiplier"),
    # --- ranges
    case("۱۰ تا ۱۵ درصد", "۱۰ تا ۱۵ درصد", None, "percent", range=(10, 15)),
    case("بین ۲ تا ۳ میلیون", "۲ تا ۳ میلیون", None, range=(2e6, 3e6)),
    case("بین ۲ و ۳ میلیون", "۲ و ۳ میلیون", None, range=(2e6, 3e6)),
    case("۱۸-۱۶ سال", "۱۸-۱۶", None, range=(16, 18)),
    case("۱۶ - ۱۸ سال", "۱۶ - ۱۸", None, range=(16, 18)),
    case("۱۰ درصد تا ۱۵ درصد", "۱۰ درصد تا ۱۵ درصد", None, "percent", range=(10, 15)),
    case("۵۰۰ هزار تا ۲ میلیون", "۵۰۰ هزار تا ۲ میلیون", None, range=(5e5, 2e6)),
    case("۲۰ تا ۳۰ هزار نفر", "۲۰ تا ۳۰ هزار", None, range=(2e4, 3e4)),
    case("دو تا سه برابر", "دو تا سه برابر", None, "multiplier", range=(2, 3)),
    case("پنج تا ده نفر", "پنج تا ده", None, range=(5, 10)),
    case("۱.۵ تا ۲ درصد", "۱.۵ تا ۲ درصد", None, "percent", range=(1.5, 2)),
    # two bare numbers joined by و share the second's scale: both are amounts
    case("با جوایز ۲۰۰ و ۳۰۰ هزار دلاری", "۲۰۰ و ۳۰۰ هزار", None, range=(2e5, 3e5)),
    case("۱۵ و ۲۰ هزار نفر", "۱۵ و ۲۰ هزار", None, range=(15e3, 2e4)),
    case("وام ۲ و ۳ میلیارد ریالی", "۲ و ۳ میلیارد", None, range=(2e9, 3e9)),
    # --- dates
    case("۵ آذر ۱۳۹۹", "۵ آذر ۱۳۹۹", 1399, "date", date="1399-09-05"),
    case("۵ آذرماه ۱۳۹۹", "۵ آذرماه ۱۳۹۹", 1399, "date", date="1399-09-05"),
    case("۵ آذر ماه ۱۳۹۹", "۵ آذر ماه ۱۳۹۹", 1399, "date", date="1399-09-05"),
    case("۵ آذر سال ۱۳۹۹", "۵ آذر سال ۱۳۹۹", 1399, "date", date="1399-09-05"),
    case("۱۳۹۹/۰۸/۰۵", "۱۳۹۹/۰۸/۰۵", 1399, "date", date="1399-08-05"),
    case("1399/8/5", "1399/8/5", 1399, "date", date="1399-08-05"),
    case("۱۴۰۲-۰۱-۱۵", "۱۴۰۲-۰۱-۱۵", 1402, "date", date="1402-01-15"),
    case("۰۵/۰۸/۱۳۹۹", "۰۵/۰۸/۱۳۹۹", 1399, "date", date="1399-08-05"),
    case("سال ۸۷", "سال ۸۷", 1387, "date", date="1387"),
    case("سال ۱۴۰۲", "سال ۱۴۰۲", 1402, "date", date="1402"),
    case("سال 2014", "سال 2014", 2014, "date", date="2014"),
    case("سال ۰۲", "سال ۰۲", 1402, "date", date="1402"),
    case("آذر ۱۴۰۲", "آذر ۱۴۰۲", 1402, "date", date="1402-09"),
    case("آذرماه ۱۴۰۲", "آذرماه ۱۴۰۲", 1402, "date", date="1402-09"),
    case("خرداد ماه سال ۱۴۰۰", "خرداد ماه سال ۱۴۰۰", 1400, "date", date="1400-03"),
    case("پنجشنبه ۳۰ شهریور", "۳۰ شهریور", None, "date", date="--06-30"),
    case("۱۷ مردادماه", "۱۷ مردادماه", None, "date", date="--05-17"),
    case("۱۲ دی ماه", "۱۲ دی ماه", None, "date", date="--10-12"),
    case("دهم آذرماه", "دهم آذرماه", None, "date", date="--09-10"),
    case("اول مهر", "اول مهر", None, "date", date="--07-01"),
    case("بیست و دوم بهمن", "بیست و دوم بهمن", None, "date", date="--11-22"),
    case("۲۲ بهمن ۵۷", "۲۲ بهمن ۵۷", 1357, "date", date="1357-11-22"),
    case("۱ فروردین", "۱ فروردین", None, "date", date="--01-01"),
    case("۱۴۰۱-۱۴۰۲", "۱۴۰۱-۱۴۰۲", 1401, "date", date="1401", range=(1401, 1402)),
    case("سال ۹۸-۹۹", "سال ۹۸-۹۹", 1398, "date", date="1398", range=(1398, 1399)),
    case("۱۳۹۹/۰۸", "۱۳۹۹/۰۸", 1399, "date", date="1399-08"),
    case("فصل 2013/2014", "2013/2014", 2013, "date", date="2013", range=(2013, 2014)),
    case("۱۴۰۱/۱۴۰۲", "۱۴۰۱/۱۴۰۲", 1401, "date", date="1401", range=(1401, 1402)),
    case("مورخ ۲۹/۴/۶۷", "۲۹/۴/۶۷", 1367, "date", date="1367-04-29"),
    case("مورخ 60/7/29", "60/7/29", 1360, "date", date="1360-07-29"),
    # --- times
    case("ساعت ۱۰:۳۰", "ساعت ۱۰:۳۰", None, "time", clock="10:30"),
    case("۱۰:۳۰ صبح", "۱۰:۳۰", None, "time", clock="10:30"),
    case("ساعت 16:45", "ساعت 16:45", None, "time", clock="16:45"),
    case("ساعت ۱۰ صبح", "ساعت ۱۰", None, "time", clock="10:00"),
    case("۹:۰۵", "۹:۰۵", None, "time", clock="09:05"),
    case("ساعت 17.30 امروز", "ساعت 17.30", None, "time", clock="17:30"),
    case("ساعت ۱۸٫۱۵", "ساعت ۱۸٫۱۵", None, "time", clock="18:15"),
    case("ساعت ۸ و ۳۰ دقیقه", "ساعت ۸ و ۳۰ دقیقه", None, "time", clock="08:30"),
    case("از ۷ تا ۱۶ مهرماه", "۷ تا ۱۶ مهرماه", None, "date", date="--07-07", range=(7, 16)),
    case(
        "۹ تا ۱۹ شهریور ۱۴۰۲", "۹ تا ۱۹ شهریور ۱۴۰۲", 1402, "date", date="1402-06-09", range=(9, 19)
    ),
    case("یکم آذر", "یکم آذر", None, "date", date="--09-01"),
    case("هزار و یکمین", "هزار و یکمین", 1001, "ordinal"),
    case("دمای -۵ تا ۱۰ درجه", "-۵ تا ۱۰", None, range=(-5, 10), negative=True),
    case("سال ۲۰۱۹ میلادی", "سال ۲۰۱۹ میلادی", 2019, "date", date="2019", calendar="gregorian"),
    case("۱۰ یورو", "۱۰", 10),
    # --- codes: emitted, flagged
    case("سامانه ۱۳۷", "۱۳۷", 137, is_code=True),
    case("ماده ۱۲ قانون", "۱۲", 12, is_code=True),
    case("منطقه ۱۱ شهرداری", "۱۱", 11, is_code=True),
    case("کد ۰۰۱۲۳", "۰۰۱۲۳", 123, is_code=True),
    # --- years with an era, Gregorian months, decades
    case("۱۹۱۲ میلادی", "۱۹۱۲ میلادی", 1912, "date", date="1912", calendar="gregorian"),
    case("۱۳۲۴ هجری قمری", "۱۳۲۴ هجری قمری", 1324, "date", date="1324", calendar="hijri"),
    case("سال 1421ق", "سال 1421", 1421, "date", date="1421"),
    case("۱۳۵۷ شمسی", "۱۳۵۷ شمسی", 1357, "date", date="1357", calendar="jalali"),
    case("۱۴ دسامبر", "۱۴ دسامبر", None, "date", date="--12-14", calendar="gregorian"),
    case("۱۸ ژوئن ۲۰۱۶", "۱۸ ژوئن ۲۰۱۶", 2016, "date", date="2016-06-18"),
    case("فوریه 1988", "فوریه 1988", 1988, "date", date="1988-02"),
    case("دهه ۶۰", "دهه ۶۰", 1360, "date", date="1360", range=(1360, 1369)),
    case("دهه 1990", "دهه 1990", 1990, "date", date="1990", range=(1990, 1999)),
    case("سال‌های ۹۵ تا ۹۸", "سال\u200cهای ۹۵ تا ۹۸", 1395, "date", date="1395", range=(1395, 1398)),
    case("سال های 1352-1345", "سال های 1352-1345", 1345, "date", date="1345", range=(1345, 1352)),
    case("سال 1885", "سال 1885", 1885, "date", date="1885"),
    # --- spellings from older and scraped text
    case("8 هزارو 400 بسته", "8 هزارو 400", 8400),
    case("صدو بیست نفر", "صدو بیست", 120),
    case("۲۵ امین سالگرد", "۲۵ امین", 25, "ordinal"),
    case("۱۰ الی ۱۲ درصد", "۱۰ الی ۱۲ درصد", None, "percent", range=(10, 12)),
    case("منهای شش", "منهای شش", -6, negative=True),
    case("کد خبر: ۳۱۸۴۲۷", "۳۱۸۴۲۷", 318427, is_code=True),
    case("شماره تماس ۱۲۳۴", "۱۲۳۴", 1234, is_code=True),
    case("یک\xadمیلیون", "یک\xadمیلیون", 1e6),
    # --- words that hold numbers whole
    case("هفت نفر", "هفت", 7),
    case("شش ماه", "شش", 6),
    case("صد نفر", "صد", 100),
    case("هشتاد و هشت", "هشتاد و هشت", 88),
]


@pytest.mark.parametrize(("text", "sub", "value", "kind", "extra"), SINGLE)
def test_single_expression(
    text: str, sub: str, value: float | None, kind: str, extra: dict[str, Any]
) -> None:
    matches = find_numbers(text)
    assert len(matches) == 1, [text[m.start : m.end] for m in matches]
    m = matches[0]
    assert text[m.start : m.end] == sub
    assert m.kind == kind
    if value is None:
        assert m.value is None
    else:
        assert m.value == pytest.approx(value)
    expected_range = extra.get("range")
    if expected_range is None:
        assert m.range is None
    else:
        assert m.range is not None
        assert m.range == pytest.approx(expected_range)
    assert m.date == extra.get("date")
    assert m.clock == extra.get("clock")
    assert m.negative == extra.get("negative", False)
    assert m.is_code == extra.get("is_code", False)
    if "adjective" in extra:
        assert m.adjective == extra["adjective"]
    if "calendar" in extra:
        assert m.calendar == extra["calendar"]
    if kind == "date":
        assert m.calendar in ("jalali", "gregorian", "hijri")


# Texts that contain no figure at all.
NONE = [
    "نه تنها مردم بلکه مسئولان",
    "نه، این طور نیست",
    "گفت نه",
    "صد در صد موافقم",
    "صددرصد درست است",
    "یک مقام مسئول گفت",
    "یکی از مسئولان",
    "یک روز خوب",
    "در یک جلسه",
    "دو طرف توافق کردند",
    "هر دو کشور",
    "روز سه‌شنبه",
    "روز سه شنبه",
    "پنجشنبه گذشته",
    "پنج شنبه گذشته",
    "چهارشنبه",
    "یکشنبه",
    "دوشنبه",
    "هزاران نفر",
    "میلیون‌ها نفر",
    "میلیونها نفر",
    "صدها خانواده",
    "ده‌ها هزار نفر",
    "ده ها نفر",
    "دهها نفر",
    "چند هزار نفر",
    "چندین میلیون تومان",
    "صدای مردم",
    "صدور مجوز",
    "هشتگ جدید",
    "هفته گذشته",
    "سیاست خارجی",
    "نودل",
    "کشور سومالی",
    "نهاد انقلابی",
    "دهه گذشته",
    "سیمین",
    "سی‌ان‌ان گزارش داد",
    "سی ان ان گزارش داد",
    "بی بی سی",
    "نخست‌وزیر",
    "نخست وزیر",
    "تلفن ۰۲۱-۶۶۶۶۶۶۶۶",
    "همراه ۰۹۱۲۱۲۳۴۵۶۷",
    "شماره ۰۲۱۸۸۸۸۸۸۸۸",
    "تلفن ۰۲۱ ۸۸۸۸ ۸۸۸۸",
    "+98 912 123 4567",
    "۰۹۱۲ ۱۲۳ ۴۵۶۷",
    "021-88888888",
    "https://example.ir/news/12345",
    "www.example.com/a/2024/5",
    "ali.rezaei1360@example.com",
    "COVID-19",
    "ویروس COVID19",
    "هواپیمای A320",
    "جنگنده F-35",
    "H1N1",
    "نسل 5G",
    "#۱۴۰۲",
    "امسال",
    "آذر",
    "ماه مهر",
    "یک‌طرفه",
    "نیم‌سال",
    "بی‌نهایت",
    "بي.بي.سي",
    "بی \xadبی \xadسی",
    "واشنگتن دی سی",
    "سی و چند ساله",
    "ویروس COVID-۱۹",
    "بیماری کووید-۱۹",
    "کووید ۱۹",
    "کووید۱۹",
    "ابتلا به ویروس کویید ۱۹",
    "هواپیمای بوئینگ ۷۳۷",
    "هواپیمای A۳۲۰",
    "نیم سال تحصیلی",
    "در نیم فصل",
    "به گزارش ورزش سه",
    "مرحله یک چهارم نهایی",
    "نه تیم به من کمک کرد",
    "نه کشور",
    "پاس گل را ده روسی داد",
    "فرانکی ده یونگ به بارسلونا پیوست",
    "",
    "   ",
    "\n\n",
    "متن بدون عدد",
]


@pytest.mark.parametrize("text", NONE)
def test_no_figure(text: str) -> None:
    found = [(text[m.start : m.end], m.value) for m in find_numbers(text)]
    assert found == []


# Texts with several expressions: (exact substring, value, kind) in order.
MULTI = [
    (
        "۱۸ هزار نهال و ۲۶۰ هزار کتاب و ۵۳ میلیارد ریال",
        [
            ("۱۸ هزار", 18e3, "number"),
            ("۲۶۰ هزار", 260e3, "number"),
            ("۵۳ میلیارد", 53e9, "number"),
        ],
    ),
    (
        "۴۰ هزار دستگاه، ۶۰۰ هزار جلد",
        [("۴۰ هزار", 40e3, "number"), ("۶۰۰ هزار", 600e3, "number")],
    ),
    (
        "۳۰ هزار و ۷۰۰ هزار",
        [("۳۰ هزار", 30e3, "number"), ("۷۰۰ هزار", 700e3, "number")],
    ),
    ("۱۰ و ۲۰ درصد", [("۱۰", 10, "number"), ("۲۰ درصد", 20, "percent")]),
    # a pair shares a scale only ascending, within one order of magnitude, with
    # the scale on a bare second number
    (
        "۳۰۰ و ۲۰۰ هزار دلار",
        [("۳۰۰", 300, "number"), ("۲۰۰ هزار", 2e5, "number")],
    ),
    (
        "۲ و ۳۰۰ میلیون تومان",
        [("۲", 2, "number"), ("۳۰۰ میلیون", 3e8, "number")],
    ),
    (
        "۲۰۰ و ۳۰۰ هزار و ۵۰۰ دلار",
        [("۲۰۰", 200, "number"), ("۳۰۰ هزار و ۵۰۰", 300500, "number")],
    ),
    (
        "۲ هزار و ۵۰۰ و ۳ هزار نفر",
        [("۲ هزار و ۵۰۰", 2500, "number"), ("۳ هزار", 3000, "number")],
    ),
    ("پنج و شش", [("پنج", 5, "number"), ("شش", 6, "number")]),
    (
        "در سال ۸۷ حدود ۲۴ هزار روستا",
        [("سال ۸۷", 1387, "date"), ("۲۴ هزار", 24e3, "number")],
    ),
    (
        "۲۰ سال ۱۰ ماه",
        [("۲۰", 20, "number"), ("۱۰", 10, "number")],
    ),
    (
        "سال ۱۴۰۰ میلیارد تومان",
        [("۱۴۰۰ میلیارد", 1.4e12, "number")],
    ),
    (
        "۲۴ ساعت",
        [("۲۴", 24, "number")],
    ),
    (
        "یک سال و نیم",
        [],
    ),
    (
        "COVID 19",
        [("19", 19, "number")],
    ),
    (
        "۱,۲۳۴,۵",
        [("۱,۲۳۴", 1234, "number"), ("۵", 5, "number")],
    ),
    (
        "تا ۲۰ نفر",
        [("۲۰", 20, "number")],
    ),
    (
        "از ۱۰ به ۲۰ رسید",
        [("۱۰", 10, "number"), ("۲۰", 20, "number")],
    ),
    (
        "۵ تا سیب",
        [("۵", 5, "number")],
    ),
    (
        "۱۳۹۹ و ۱۴۰۰",
        [("۱۳۹۹", 1399, "number"), ("۱۴۰۰", 1400, "number")],
    ),
    (
        "صفحه 504913",
        [("504913", 504913, "number")],
    ),
    (
        "۱۲\n۱۳",
        [("۱۲", 12, "number"), ("۱۳", 13, "number")],
    ),
    (
        "یک‌میلیون و دویست‌هزار نفر",
        [("یک\u200cمیلیون و دویست\u200cهزار", 1.2e6, "number")],
    ),
    (
        "۳۴ فقره، ۱۸ دستگاه و ۶۴ واحد",
        [("۳۴", 34, "number"), ("۱۸", 18, "number"), ("۶۴", 64, "number")],
    ),
    (
        "از ۱۶٫۲ به ۲۸٫۷ درصد رسید",
        [("۱۶٫۲", 16.2, "percent"), ("۲۸٫۷ درصد", 28.7, "percent")],
    ),
    (
        "از ۱۰ به ۲۰ نفر رسید",
        [("۱۰", 10, "number"), ("۲۰", 20, "number")],
    ),
    (
        "۲۰، هزار نفر",
        [("۲۰", 20, "number"), ("هزار", 1000, "number")],
    ),
    ("۲۰ می شود", [("۲۰", 20, "number")]),
    (
        "۲ هزار و ۳۰۰ هزار نفر",
        [("۲ هزار", 2000, "number"), ("۳۰۰ هزار", 300000, "number")],
    ),
    ("ساعت ۱۰ و سی دقیقه", [("۱۰", 10, "number"), ("سی", 30, "number")]),
    (
        "(۳۰ درصد)",
        [("۳۰ درصد", 30, "percent")],
    ),
    (
        "رشد ۱۲ درصدی و کاهش ۵ درصد",
        [("۱۲ درصدی", 12, "percent"), ("۵ درصد", 5, "percent")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTI, ids=[t for t, _ in MULTI])
def test_several_expressions(text: str, expected: list[tuple[str, float, str]]) -> None:
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == [e[0] for e in expected]
    for m, (_sub, value, kind) in zip(found, expected, strict=True):
        assert m.kind == kind
        assert m.value == pytest.approx(value)


def test_offsets_point_into_the_given_text() -> None:
    text = (
        "به گزارش خبرنگار ما، مدیرعامل شرکت آب منطقه‌ای گفت: ظرفیت سد به بیش از ۲۳ میلیون "
        "مترمکعب رسیده و ۸ میلیون و ۴۲۰ هزار نفر از آن آب می‌گیرند؛ سهم کشاورزی ۶۵ درصد است. "
        "آبگیری از ۱۲ بهمن ۱۴۰۱ آغاز شد و ساعت ۹:۴۵ صبح بیست و دومین نشست کارگروه برگزار شد."
    )
    found = find_numbers(text)
    subs = [text[m.start : m.end] for m in found]
    assert subs == [
        "۲۳ میلیون",
        "۸ میلیون و ۴۲۰ هزار",
        "۶۵ درصد",
        "۱۲ بهمن ۱۴۰۱",
        "ساعت ۹:۴۵",
        "بیست و دومین",
    ]
    assert [m.kind for m in found] == ["number", "number", "percent", "date", "time", "ordinal"]


def test_offsets_survive_arabic_letters_and_marks() -> None:
    text = "\u200fمبلغ ۱۲ ميليارد ريال و يك هزار و ۲۳۵ پروژه"
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == ["۱۲ ميليارد", "يك هزار و ۲۳۵"]
    assert [m.value for m in found] == [12e9, 1235]


def test_is_words_marks_numbers_in_words() -> None:
    a, b, c = find_numbers("سه هزار و ۱۲ نفر و ۴۰ نفر و ۵ میلیون")
    assert a.is_words and not b.is_words and c.is_words
    assert c.scale == 1e6 and b.scale is None


def test_matches_are_records_with_the_contract_fields() -> None:
    (m,) = find_numbers("۲۰ درصد")
    assert isinstance(m, NumberMatch)
    assert (m.start, m.end, m.value, m.kind, m.range, m.date, m.negative) == (
        0,
        7,
        20.0,
        "percent",
        None,
        None,
        False,
    )


def test_agency_style_report() -> None:
    text = (
        "معاون وزیر راه گفت: امسال بیش از ۱۲ میلیون نهال در حاشیه جاده‌ها کاشته شد. "
        "۱۶ هزار تابلو و ۲۴۰ هزار متر گاردریل نصب و ۳۸ میلیارد تومان هزینه شد. "
        "در مجموع یک هزار و ۴۱۶ کیلومتر راه روستایی آسفالت شد و بیش از ۷ هزار شغل پدید آمد. "
        "۲۷ سال از تأسیس این اداره کل می‌گذرد.\n\n318427"
    )
    values = [m.value for m in find_numbers(text)]
    assert values == [12e6, 16e3, 240e3, 38e9, 1416, 7e3, 27, 318427]


# ----------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("۰۱۲۳۴۵۶۷۸۹0123456789٠١٢٣٤٥٦٧٨٩")
    + list(" \n\u200c\u200f\xad٬,٫./:-%٪#@+(")
    + [
        "و",
        "تا",
        "الی",
        "هزار",
        "هزارو",
        "میلیون",
        "میلیارد",
        "درصد",
        "درصدی",
        "نیم",
        "ربع",
        "سوم",
        "دهم",
        "ین",
        "م",
        "ام",
        "تایی",
        "یک",
        "نه",
        "صد",
        "در",
        "سال",
        "سالهای",
        "ساعت",
        "دقیقه",
        "آذر",
        "دسامبر",
        "ماه",
        "منفی",
        "بین",
        "از",
        "به",
        "برابر",
        "ها",
        "شنبه",
        "بیست",
        "پانصد",
        "اول",
        "چند",
        "ممیز",
        "دهه",
        "میلادی",
        "ق",
        "کد",
        "خبر",
        "کووید",
        "http://",
        "COVID",
        "A",
        "ي",
        "ك",
        "ی",
        "ا",
    ]
)


def _check(text: str, found: list[NumberMatch]) -> None:
    prev_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= prev_end
        prev_end = m.end
        if m.range is not None:
            assert m.range[0] <= m.range[1]
        if m.kind == "date":
            assert m.date is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_property_number_soup(text: str) -> None:
    _check(text, find_numbers(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_property_arbitrary_text(text: str) -> None:
    _check(text, find_numbers(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.text(max_size=10))
def test_property_prefix_shifts_offsets(text: str, prefix: str) -> None:
    """Text after a line break is read the same, with offsets shifted."""
    base = find_numbers(text)
    shifted = find_numbers(prefix + "\n" + text)
    tail = [
        (m.start - len(prefix) - 1, m.end - len(prefix) - 1, m.value, m.kind)
        for m in shifted
        if m.start > len(prefix)
    ]
    assert tail == [(m.start, m.end, m.value, m.kind) for m in base]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_property_digits_read_back(n: int) -> None:
    persian = str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    grouped = f"{n:,}".replace(",", "٬").translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for text in (str(n), persian, grouped):
        (m,) = find_numbers(f"مبلغ {text} تومان")
        assert m.value == n


def test_odd_clock_like_numbers_do_not_break_the_reader() -> None:
    assert [m.kind for m in find_numbers("ساعت ۱/۳۳")] == ["number"]
    assert [m.kind for m in find_numbers("ساعت ۲۵.۳۰")] == ["number"]


def test_overlong_digit_runs_are_not_quantities() -> None:
    assert find_numbers("۱" * 400) == []
    assert find_numbers("-".join(["۱۲"] * 30) + " درصد") == []
    assert find_numbers("9" * 5000 + " میلیارد تومان") == []
    (m,) = find_numbers("1" * 18 + " تومان")
    assert m.value == float("1" * 18)


_PEYMA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "peyma.jsonl"


@pytest.mark.skipif(not _PEYMA.exists(), reason="the PEYMA corpus is not beside the project")
def test_peyma_money_and_percent_spans_hold_a_number() -> None:
    """Nearly every gold money span holds a number and every percent span a percent."""
    found = {"MON": 0, "PCT": 0}
    total = {"MON": 0, "PCT": 0}
    with _PEYMA.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            spans = [s for s in record["spans"] if s["type"] in total]
            if not spans:
                continue
            tokens: list[str] = record["tokens"]
            starts = []
            pos = 0
            for tok in tokens:
                starts.append(pos)
                pos += len(tok) + 1
            text = " ".join(tokens)
            matches = find_numbers(text)
            for span in spans:
                a = starts[span["start"]]
                b = starts[span["end"] - 1] + len(tokens[span["end"] - 1])
                inside = [m for m in matches if m.start < b and m.end > a]
                total[span["type"]] += 1
                if span["type"] == "PCT":
                    found["PCT"] += any(m.kind == "percent" for m in inside)
                else:
                    found["MON"] += bool(inside)
    assert total["MON"] > 100 and total["PCT"] > 100
    assert found["MON"] / total["MON"] >= 0.97
    assert found["PCT"] / total["PCT"] >= 0.95


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("میزبان با پیروزی ۲-۱ به مرحله بعد رسید.", (2.0, 1.0)),
        ("دیدار با نتیجه ۳-۰ به پایان رسید.", (3.0, 0.0)),
        ("بازی رفت ۱-۱ تمام شد.", (1.0, 1.0)),
        ("میهمان ۴-۲ مقابل میزبان برنده شد.", (4.0, 2.0)),
    ],
)
def test_a_dash_between_two_sides_of_a_result_is_a_score(
    text: str, score: tuple[float, float]
) -> None:
    (m,) = find_numbers(text)
    assert m.range is None and m.value is None
    assert m.score == score


@pytest.mark.parametrize("text", ["بازیکنان ۱۸-۱۶ ساله در اردو هستند.", "حدود ۷-۸ بازیکن آمدند."])
def test_a_dash_range_is_no_score(text: str) -> None:
    (m,) = find_numbers(text)
    assert m.score is None and m.range is not None


def test_a_day_of_a_hijri_month_is_a_date() -> None:
    cases = {
        "مراسم روز ۱۳ جمادی‌الثانی برگزار می‌شود": "--06-13",
        "در ۱۲ ربیع الاول": "--03-12",
        "در شب ۲۱ رمضان ۱۴۴۵": "1445-09-21",
        "۳ محرم": "--01-03",
    }
    for text, date in cases.items():
        found = find_numbers(text)
        assert [(m.kind, m.date, m.calendar) for m in found] == [("date", date, "hijri")], text
    # "صفر" is zero, not the month; a part of a month name alone is no month
    assert [m.kind for m in find_numbers("۹ بر صفر")] == ["number"]
    assert [m.kind for m in find_numbers("۱۰ جمادی نفر")] == ["number"]


def test_a_word_that_only_looks_like_a_glued_number_is_no_number() -> None:
    # "سیو" (a save) splits like "سی و", but no number follows it
    assert find_numbers("ضربه هافبک با سیو عالی گلر روبرو شد") == []
    assert [m.value for m in find_numbers("سیو دو نفر آمدند")] == [32.0]
    assert [m.value for m in find_numbers("۶ هزارو ۹۰۰ نفر آمدند")] == [6900.0]
    # "زیان ده": loss-making, not ten
    assert find_numbers("این شرکت‌ها عمدتا زیان ده هستند") == []


def test_a_day_before_the_word_month_and_its_name_is_a_date() -> None:
    (m,) = find_numbers("علاوی از ۱۹ ماه جولای سفر خود را آغاز کرد")
    assert (m.kind, m.date) == ("date", "--07-19")
    (m,) = find_numbers("او ۵ ماه آذر به تهران رفت")
    assert (m.kind, m.date) == ("date", "--09-05")
    # without a month's name it is nineteen months
    (m,) = find_numbers("وی ۱۹ ماه در زندان بود")
    assert m.kind != "date"
