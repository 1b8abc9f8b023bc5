"""Figures in context: kind, unit, subject, qualifier, period, change, trivia."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer import digest
from summarizer.figures import extract
from summarizer.lexicon import is_verb, verb_stem
from summarizer.model import Figure
from summarizer.normalize import normalize
from summarizer.sentences import split_sentences


def _figure(text: str, value: float) -> Figure:
    d = digest(text)
    found = [f for f in d.figures if f.value == value]
    assert found, [(f.text, f.value) for f in d.figures]
    return found[0]


CASES: list[tuple[str, float, dict[str, Any]]] = [
    (
        "روزانه بیش از ۱۷ میلیون ماسک تولید می‌شود.",
        17e6,
        {"kind": "count", "subject": "ماسک", "qualifier": "more_than", "period": "روزانه"},
    ),
    (
        "در ماه مبارک رمضان ۱۰ میلیون و ۱۵۰ هزار بسته معیشتی میان مردم توزیع شد.",
        10_150_000,
        {"subject": "بسته معیشتی", "period": "ماه مبارک رمضان"},
    ),
    ("۴۷ میلیارد تومان به افراد نیازمند واگذار شد.", 47e9, {"kind": "money", "unit": "تومان"}),
    (
        "پلیس ۱۸ دستگاه اتوبوس را توقیف کرد.",
        18,
        {"kind": "count", "unit": "دستگاه", "subject": "اتوبوس"},
    ),
    (
        "۱۲ تن از نمایندگان به این طرح رای دادند.",
        12,
        {"kind": "count", "unit": "نفر", "subject": "نمایندگان"},
    ),
    (
        "در این عملیات ۳ تن مواد مخدر کشف شد.",
        3,
        {"kind": "measure", "unit": "تن", "subject": "مواد مخدر"},
    ),
    ("تعداد مبتلایان به ۲۵۰ نفر رسید.", 250, {"unit": "نفر", "subject": "مبتلایان"}),
    ("نرخ تورم ۱۲ درصد اعلام شد.", 12, {"kind": "percent", "unit": "درصد", "subject": "نرخ تورم"}),
    (
        "اعتبار اختصاص یافته ۲۳۰ میلیارد ریال است.",
        230e9,
        {"kind": "money", "unit": "ریال", "subject": "اعتبار"},
    ),
    ("حدود ۳۵۰ هزار نفر از این طرح بهره‌مند شدند.", 350_000, {"qualifier": "about", "unit": "نفر"}),
    ("قریب به ۲ هزار خانوار آسیب دیدند.", 2000, {"qualifier": "about"}),
    ("نزدیک به ۴۰ درصد دانش‌آموزان در این آزمون شرکت کردند.", 40, {"qualifier": "about"}),
    ("کمتر از ۵ درصد سهام فروخته شد.", 5, {"qualifier": "less_than"}),
    ("دست‌کم ۲۰ نفر زخمی شدند.", 20, {"qualifier": "at_least"}),
    ("حداکثر ۳۰ درصد افزایش حقوق تصویب شد.", 30, {"qualifier": "at_most"}),
    ("بالغ بر ۵۰۰ میلیارد ریال هزینه شد.", 500e9, {"qualifier": "more_than"}),
    ("ذخیره سدها ۱۸ درصد کاهش یافت.", 18, {"kind": "percent", "change": "decrease"}),
    ("صادرات با رشد ۲۵ درصدی همراه بود.", 25, {"change": "increase"}),
    ("قیمت مسکن ۴۲ درصد افزایش یافته است.", 42, {"change": "increase"}),
    ("مصرف آب ۷ درصد کمتر است.", 7, {"change": "decrease"}),
    (
        "تولید سالانه ۸ میلیون تن گندم است.",
        8e6,
        {"kind": "measure", "unit": "تن", "period": "سالانه"},
    ),
    (
        "هر شهروند ۲۲۰ لیتر در روز آب مصرف می‌کند.",
        220,
        {"kind": "measure", "unit": "لیتر", "period": "روزانه"},
    ),
    (
        "۱۴ هزار کنتور هوشمند در شش ماهه نخست امسال نصب شد.",
        14_000,
        {"subject": "کنتور هوشمند", "period": "شش ماهه نخست امسال"},
    ),
    ("۴۱ سال از تشکیل بسیج می‌گذرد.", 41, {"kind": "duration", "unit": "سال"}),
    ("این پروژه ۳ ماه طول کشید.", 3, {"kind": "duration", "unit": "ماه"}),
    ("سطح زیر کشت به ۶ هزار هکتار رسید.", 6000, {"kind": "measure", "unit": "هکتار"}),
    ("حجم مخازن به ۴۱۲ میلیون مترمکعب رسید.", 412e6, {"unit": "مترمکعب"}),
    ("سطح آب ۲ متر مکعب کاهش یافت.", 2, {"unit": "مترمکعب"}),
    ("این طرح ۱۲ هزار میلیارد تومانی اجرا شد.", 12e12, {"kind": "money", "unit": "تومان"}),
    ("سرمایه‌گذاری ۲ میلیاردی انجام شد.", 2e9, {"kind": "money"}),
    ("قیمت نفت ۷۸ دلار و ۴۰ سنت بود.", 78.4, {"kind": "money", "unit": "دلار"}),
    ("۲ کیلو و ۴۰۰ گرم تریاک کشف شد.", 2.4, {"kind": "measure", "unit": "کیلوگرم"}),
    ("تولید برق دو برابر شد.", 2, {"kind": "multiplier"}),
    ("تورم ۱٫۲ واحد درصد کاهش یافت.", 1.2, {"kind": "percent", "unit": "واحد درصد"}),
    ("۳۰۰ رأس دام قاچاق کشف شد.", 300, {"unit": "رأس", "subject": "دام قاچاق"}),
    ("۲۰۰ هزار اصله نهال کاشته شد.", 200_000, {"unit": "اصله", "subject": "نهال"}),
    ("۳۴ فقره کلاهبرداری کشف شد.", 34, {"unit": "فقره", "subject": "کلاهبرداری"}),
    # پوند pays, unless its clause speaks of weight
    (
        "سرمربی این باشگاه با دستمزد ۱٫۳ میلیون پوند در صدر فهرست است.",
        1.3e6,
        {"kind": "money", "unit": "پوند"},
    ),
    (
        "وزن این بیل مکانیکی در حدود ۳۱ میلیون پوند است.",
        31e6,
        {"kind": "measure", "unit": "پوند"},
    ),
    (
        "وزن محموله ۲۰ تن بود و هزینه حمل آن ۵۰۰ هزار پوند شد.",
        5e5,
        {"kind": "money", "unit": "پوند"},
    ),
    # a scaled number before a noun that is itself an amount: the currency is implicit
    (
        "تولید بی‌رویه نفت نزدیک به ۱۰۰ میلیارد کسری بودجه برای عربستان به همراه داشت.",
        1e11,
        {"kind": "money", "unit": None},
    ),
    ("این شرکت در سال گذشته ۵۰ میلیارد زیان داد.", 5e10, {"kind": "money"}),
    ("بانک‌ها ۲ میلیون وام ازدواج پرداخت کردند.", 2e6, {"kind": "count"}),
    ("۳ میلیون خانوار یارانه دریافت کردند.", 3e6, {"kind": "count", "unit": "خانوار"}),
]


@pytest.mark.parametrize(("text", "value", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_figure_fields(text: str, value: float, expected: dict[str, Any]) -> None:
    f = _figure(text, value)
    for field, want in expected.items():
        assert getattr(f, field) == want, (field, f)


def test_a_pair_sharing_a_scale_is_one_money_figure() -> None:
    d = digest("این شرکت برای نفوذ به نرم‌افزار خود جوایز ۲۰۰ و ۳۰۰ هزار دلار تعیین کرد.")
    money = [f for f in d.figures if f.kind == "money"]
    assert [(f.text, f.range, f.unit) for f in money] == [
        ("۲۰۰ و ۳۰۰ هزار دلار", (200_000, 300_000), "دلار")
    ]
    assert not [f for f in d.figures if f.value == 200]


def test_range() -> None:
    d = digest("خریداران از ۱۰ تا ۱۵ درصد تخفیف بهره‌مند می‌شوند.")
    ranged = [f for f in d.figures if f.range]
    assert ranged and ranged[0].range == (10, 15)
    assert ranged[0].kind == "percent"


def _mentions(text: str) -> list[tuple[str, str, str | None, bool]]:
    n = normalize(text)
    return [
        (n.text[m.num_start : m.num_end], m.kind, m.trivia, m.drop)
        for m in extract(n.text, split_sentences(n.text))
    ]


@pytest.mark.parametrize(
    ("text", "number", "trivia", "drop"),
    [
        ("مردم می‌توانند با سامانه ۱۳۷ تماس بگیرند.", "۱۳۷", "code", True),
        ("بر اساس ماده ۱۲ قانون، این کار ممنوع است.", "۱۲", "code", True),
        ("ساکنان منطقه ۱۱ به این طرح اعتراض کردند.", "۱۱", "code", True),
        ("در اجرای طرح ظفر ۲ چند باند متلاشی شد.", "۲", "code", True),
        ("این مرد ۴۵ ساله دستگیر شد.", "۴۵", "age", False),
        ("بسیج ۳۰ هزار جهیزیه توزیع کرد. کد خبر: ۴۱۸۸۲۷", "۴۱۸۸۲۷", "code", True),
    ],
)
def test_trivia(text: str, number: str, trivia: str, drop: bool) -> None:
    found = [m for m in _mentions(text) if m[0] == number]
    assert found, _mentions(text)
    assert found[0][2] == trivia
    assert found[0][3] is drop


@pytest.mark.parametrize(
    ("text", "number", "trivia", "drop"),
    [
        # Numbers that name: a model, a military unit, an event, an acronym.
        ("خودروی سمند ۶۱۰ در بازار کمیاب شد.", "۶۱۰", "code", True),
        ("تیپ ۴۲ در این رزمایش حاضر بود و ۲۰۰ نیرو اعزام کرد.", "۴۲", "code", True),
        ("همایش یاوران ۴ فردا در شیراز برگزار می‌شود.", "۴", "code", True),
        ("شرکت با سازمان ان سی توافق کرد و ۵۰ نفر را استخدام کرد.", "سی", "code", True),
        # When, not how much.
        ("مراسم از ۱۰ صبح آغاز می‌شود.", "۱۰", "time", False),
        ("کارخانه ۴ سال قبل تعطیل شد و ۳۰۰ کارگر بیکار شدند.", "۴", "relative", False),
        ("پروژه ۱۸ ماه دیگر به پایان می‌رسد.", "۱۸", "relative", False),
        # An attribute of the noun before, a class, an age group, a face value.
        ("جشنواره ۵ روزه فیلم کوتاه در کرمان آغاز شد.", "۵", "attribute", False),
        ("کشوری ۸۵ میلیونی به واردات گندم وابسته است.", "۸۵ میلیونی", "attribute", False),
        ("نماینده وزن ۷۴ کیلوگرم کشورمان به فینال رسید.", "۷۴", "class", False),
        ("آزادکار کشورمان در وزن ۶۰ مقابل حریف روس به میدان رفت.", "۶۰", "class", False),
        ("روستا در فاصله ۳۰ کیلومتری شهر قرار دارد.", "۳۰", "distance", False),
        ("بازیکن میزبان از فاصله‌ای حدود ۳۵ متری دروازه را باز کرد.", "۳۵", "distance", False),
        ("تیم زیر ۱۷ سال استان به مرحله نهایی راه یافت.", "۱۷", "age", False),
        ("چک‌پول ۵۰ هزار تومانی از گردش خارج می‌شود.", "۵۰ هزار", "denomination", False),
        # The frame of every match, a stretch of it, the starting eleven.
        ("بازیکنان در ۹۰ دقیقه تلاش زیادی کردند.", "۹۰", "stock", False),
        ("میزبان ۲۵ دقیقه اول بازی را بهتر شروع کرد.", "۲۵", "relative", False),
        ("هافبک جوان در دقیقه‌ی ۶۶ وارد زمین شد.", "۶۶", "time", False),
        ("فتنه ۸۸ خط قرمز نظام است.", "۸۸", "year", False),
        ("هافبک جوان دوباره در جمع ۱۱ بازیکن ثابت قرار گرفت.", "۱۱", "stock", False),
        # An age.
        ("نویسنده نامدار در آستانه ۷۰ سالگی رمان تازه‌ای منتشر کرد.", "۷۰", "age", False),
        # A shirt number, an area code, a model number.
        ("هافبک تازه‌وارد پیراهن ۸ را به تن می‌کند.", "۸", "code", True),
        ("پیش‌شماره شهر از ۰۳۱ تغییر می‌کند.", "۰۳۱", "code", True),
        ("راننده جوان در مسابقات فرمول ۱ حاضر شد و ۱۲ امتیاز گرفت.", "۱", "code", True),
        ("این شرکت هواپیمای بوئینگ ۷۳۷-۸۰۰ را اجاره کرد.", "۸۰۰", "code", True),
    ],
)
def test_incidental_numbers(text: str, number: str, trivia: str, drop: bool) -> None:
    found = [m for m in _mentions(text) if m[0] == number]
    assert found, _mentions(text)
    assert found[0][2] == trivia
    assert found[0][3] is drop


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("این قانون در سال ۱۴۰۲ تصویب شد.", "۱۴۰۲"),
        ("در سال ۸۷ آغاز شد.", "۸۷"),
        ("تا پایان سال مالی ۹۹ هزینه می‌شود.", "۹۹"),
        ("در مسابقات یورو ۲۰۲۰ موفق شد.", "۲۰۲۰"),
        ("این بازیکن در بازی‌های ۲۰۱۸ مصدوم بود.", "۲۰۱۸"),
        ("کسری بودجه ۱۴۰۱ بیش از پیش شد.", "۱۴۰۱"),
        ("لایحه بودجه ۹۸ به مجلس رفت.", "۹۸"),
    ],
)
def test_years_are_dates(text: str, number: str) -> None:
    found = [m for m in _mentions(text) if number in m[0]]
    assert found and found[0][1] == "date", _mentions(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("در مجلس ۲۹۰ نماینده حضور دارند.", "۲۹۰"),
        ("او با رکورد ۸.۴۵ متر اول شد.", "۸.۴۵"),
        ("مجموع مدال‌های کاروان به ۲۴ رسید.", "۲۴"),
        ("بیش از ۳۰ هزار نفر در این مراسم شرکت کردند.", "۳۰ هزار"),
    ],
)
def test_counts_and_values_stay_figures(text: str, number: str) -> None:
    found = [m for m in _mentions(text) if m[0] == number]
    assert found and found[0][2] is None and not found[0][3], _mentions(text)


def test_a_count_after_last_year_stays_a_count() -> None:
    f = _figure("سال گذشته ۵۰ نفر در این طرح استخدام شدند.", 50)
    assert (f.kind, f.unit) == ("count", "نفر")


def test_phone_numbers_are_no_figures() -> None:
    d = digest("شماره تماس ۰۲۱۶۶۶۶۶۶۶۶ اعلام شد و ۲۰ نفر تماس گرفتند.")
    assert [f.value for f in d.figures] == [20]


def test_page_id_behind_a_label_is_dropped() -> None:
    d = digest("فروش ۵۰ هزار تن رسید. کد خبر: ۵۷۲۰۱۳")
    assert [f.value for f in d.figures] == [50_000]


def test_page_id_is_dropped() -> None:
    d = digest("بسیج ۳۰ هزار جهیزیه توزیع کرد.\n\n۲۲۰۶۸۵")
    assert [f.value for f in d.figures] == [30_000]


def test_dates_are_dates() -> None:
    d = digest("نمایشگاه از ۱۲ اردیبهشت ۱۴۰۳ به مدت ۱۰ روز برپا است.")
    kinds = {f.text: f.kind for f in d.figures}
    assert kinds["۱۰ روز"] == "duration"
    assert any(k == "date" for k in kinds.values())
    assert all(f.kind != "date" for f in d.figures[:1])


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("رسید", "رسید"),
        ("شدند", "شد"),
        ("می‌شود", "شو"),
        ("رسیده", "رسید"),
        ("کرده‌ایم", "کرد"),
        ("نداشت", "داشت"),
        ("است", "است"),
        ("شود", "شو"),
    ],
)
def test_verbs(word: str, stem: str) -> None:
    assert verb_stem(word) == stem


@pytest.mark.parametrize("word", ["ماسک", "تولیدی", "مردم", "نخست", "بستری", "گذشته", "روند"])
def test_not_verbs(word: str) -> None:
    assert not is_verb(word)


def test_a_number_before_a_counted_noun_or_a_score_is_no_name() -> None:
    from summarizer import digest as run

    d = run(
        "رئیس سازمان گفت: برای نصب کارتخوان، فراخوان ۱۵ گروه که ۵۰ صنف را "
        "در بر می‌گیرد امروز اعلام می‌شود."
    )
    assert {f.value for f in d.figures} >= {15, 50}
    score = run("در پایان این دیدار، تیم میهمان ۲ بر یک به پیروزی رسید و تیم میزبان ۹ بر صفر باخت.")
    assert 2 in {f.value for f in score.figures}
    assert 9 in {f.value for f in score.figures}


def test_these_two_are_a_reference_not_a_count() -> None:
    found = {m[0]: m for m in _mentions("اختلاف این دو نفر در رختکن به پایان رسید.")}
    assert found["دو"][2] == "reference", found


def test_a_set_won_is_no_unit_of_a_score() -> None:
    n = normalize("تیم ملی مقابل چین به برتری ۳ بر ۲ دست یافت.")
    ms = extract(n.text, split_sentences(n.text))
    assert not any(m.unit == "دست" for m in ms), [(m.kind, m.unit) for m in ms]


def test_goal_minutes_are_times_and_a_junction_is_a_name() -> None:
    found = {m[0]: m for m in _mentions("گل‌ها: علی کریمی (۱۲ و ۶۷) و رضا نوری (۸۸) برای پیکان")}
    assert all(found[n][1] == "date" or found[n][3] for n in ("۱۲", "۶۷", "۸۸")), found
    assert found["۶۷"][1] == "date", found
    found = {m[0]: m for m in _mentions("تظاهرکنندگان تا چهار راه ولیعصر رفتند.")}
    assert found["چهار"][3], found


def test_the_distance_of_a_race_is_its_name() -> None:
    found = {m[0]: m for m in _mentions("مرتضی فروتن در دو ۶۰ متر به مسابقات کشور راه یافت.")}
    assert found["۶۰"][2] == "class", found


def test_a_turn_of_180_degrees_and_a_budget_row_are_no_figures() -> None:
    turn = {m[0]: m for m in _mentions("دلیل این چرخش ۱۸۰ درجه‌ای باشگاه تغییر مربی است.")}
    assert turn["۱۸۰"][2] == "idiom", turn
    row = {m[0]: m for m in _mentions("وجوه به حساب ردیف درآمدی ۱۳۰۴۱۱ واریز می‌شود.")}
    assert row["۱۳۰۴۱۱"][3], row


def test_the_top_n_of_a_ranking_is_a_label() -> None:
    top = {m[0]: m for m in _mentions("تیم برای قرار گرفتن در جمع ۴ تیم برتر تلاش می‌کند.")}
    assert top["۴"][2] == "label", top
    league = {m[0]: m for m in _mentions("امسال ۱۲ تیم در لیگ برتر حضور دارند.")}
    assert league["۱۲"][2] is None, league


def test_a_day_of_may_is_a_date() -> None:
    found = {m[0]: m for m in _mentions("در ۸ می ۲۰۱۵ وزیر اقتصاد این کشور استعفا داد.")}
    assert found["۸"][1] == "date", found


def _subjects(text: str) -> dict[str, str | None]:
    n = normalize(text)
    return {
        n.text[m.num_start : m.num_end]: m.subject
        for m in extract(n.text, split_sentences(n.text))
        if not m.drop
    }


@pytest.mark.parametrize(
    ("text", "number", "subject"),
    [
        # a percent's share after a partitive or a determiner
        ("۶۵ درصد از دانشجویان این دانشگاه در خوابگاه زندگی می‌کنند.", "۶۵ درصد", "دانشجویان"),
        ("تاکنون ۴۰ درصد این طرح‌ها به بهره‌برداری رسیده است.", "۴۰ درصد", "طرح‌ها"),
        # a change percent: the clause's subject past a time word or a change noun
        (
            "در هفته گذشته فروش بلیت در پایانه‌های مسافربری ۱۲ درصد کاهش یافته است.",
            "۱۲ درصد",
            "فروش بلیت",
        ),
        ("واردات برنج به کشور نیز افتی ۱۵ درصدی داشته است.", "۱۵ درصدی", "واردات برنج"),
        (
            "تولید لبنیات بیش از ۸ درصد در سال جاری افزایش خواهد یافت.",
            "۸ درصد",
            "تولید لبنیات",
        ),
        # a relative clause or a back-reference changes the figure before
        (
            "درآمد گمرک استان ۴۰۰ میلیارد ریال بود که ۱۸ درصد رشد نسبت به پارسال داشت.",
            "۱۸ درصد",
            "درآمد گمرک استان",
        ),
        (
            "صادرات زعفران به ۹۰ تن رسید. این رقم نسبت به پارسال ۱۱ درصد رشد دارد.",
            "۱۱ درصد",
            "صادرات زعفران",
        ),
        # money named by the payment before it or the noun it modifies
        ("این باشگاه با پرداخت ۲ میلیون یورو، قرارداد را فسخ کرد.", "۲ میلیون", "پرداخت"),
        ("شهرداری ضمانت ۳۰ میلیاردی را دریافت نکرد.", "۳۰ میلیاردی", "ضمانت"),
        # people: what happened to them, named before the count or later in the clause
        ("با مرگ ۴۲ نفر در شبانه‌روز گذشته، آمار قربانیان بالا رفت.", "۴۲", "مرگ"),
        ("از ابتلای ۳۱۰ نفر دیگر به آنفلوآنزا خبر داد.", "۳۱۰", "ابتلا"),
        (
            "تاکنون ۱۲ هزار نفر در این کشور بر اثر ابتلا به این بیماری جان خود را از دست داده‌اند.",
            "۱۲ هزار",
            "جان باختن",
        ),
        ("حدود ۹۰ نفر از آنان جان باخته‌اند.", "۹۰", "جان باختن"),
        # a list of guesses shares the counted noun of its last item
        ("مربی تیم گفت فقط ۸ یا ۹ بازی دیگر باقی مانده است.", "۸", "بازی"),
        ("او در این دیدار می‌توانست ۳، ۴ یا ۵ گل بزند.", "۳", "گل"),
        # part of "them" counts what the figure before it counted
        (
            "شمار زندانیان این اردوگاه به ۴۸۰ زندانی رسیده و ۵۵ درصد از آنها بیمارند.",
            "۵۵ درصد",
            "زندانی",
        ),
        ("این باشگاه ۳۰۰ هزار دلار به مربی سابق خود بدهکار است.", "۳۰۰ هزار", "بدهکار"),
        # amounts joined under one verb; the verb of an amount names it
        (
            "باشگاه ۴۰۰ هزار دلار به مربی و حدود ۹۰ هزار دلار به دستیارش بدهکار است.",
            "۴۰۰ هزار",
            "بدهکار",
        ),
        ("بنیاد تاکنون ۳۰ میلیارد تومان به کمیته امداد پرداخته است.", "۳۰ میلیارد", "پرداخت"),
        # a percent that describes the noun before it, unless that noun is a change
        ("مودیان از تخفیف ۱۵ درصدی نیز بهره‌مند می‌شوند.", "۱۵ درصدی", "تخفیف"),
        ("با افزایش ۲۰ درصدی قیمت نان، فروش کم شد.", "۲۰ درصدی", "قیمت نان"),
        # what changed, named as the object of the change verb, or a noun like a verb
        (
            "صندوق افزایش مستمری بازنشستگان را از کف ۱۵ درصد تا سقف ۴۰ درصد افزایش داد.",
            "۱۵ درصد",
            "مستمری بازنشستگان",
        ),
        ("او از رشد ۱۲ درصدی کاشت گندم در استان خبر داد.", "۱۲ درصدی", "کاشت گندم"),
        # a phrase that opens the clause up to its comma holds no subject
        (
            "بر اساس آمار رسمی وزارت بهداشت، تعداد کل مبتلایان استان به ۴۲۰ نفر رسیده است.",
            "۴۲۰",
            "مبتلایان استان",
        ),
        # a row of a list: the label before the colon
        ("احتمال صعود تیم میزبان: ۳۵ درصد", "۳۵ درصد", "احتمال صعود تیم میزبان"),
    ],
)
def test_subjects(text: str, number: str, subject: str) -> None:
    found = _subjects(text)
    assert any(k.startswith(number) for k in found), found
    assert next(v for k, v in found.items() if k.startswith(number)) == subject, found


def test_list_numbering_is_no_figure() -> None:
    found = _mentions("نفرات برتر: ۱- حسن کریمی ۲- رضا احمدی ۳- علی نوری و ۱۲ نفر دیگر")
    numbering = [m for m in found if m[0] in ("۱", "۲", "۳")]
    assert numbering and all(m[3] and m[2] == "list" for m in numbering)
    assert any(m[0] == "۱۲" and not m[3] for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "تیم ملی با برتری ۳-۱ زمین را ترک کرد.",
        "این دیدار سه بر دو به پایان رسید و میزبان پیروز شد.",
    ],
)
def test_a_score_takes_no_subject_of_its_own(text: str) -> None:
    assert all(v is None for v in _subjects(text).values()), _subjects(text)
    # a side of a result counts nothing of its own: it is a score, not a count
    assert {k for _n, k, _t, drop in _mentions(text) if not drop} == {"score"}


def test_a_dash_range_before_a_noun_is_a_count() -> None:
    assert _subjects("حدود ۷-۸ بازیکن در اردو مصدوم شدند.")["۷-۸"] == "بازیکن"


@pytest.mark.parametrize(
    ("text", "number", "trivia"),
    [
        ("مربی جدید از سیستم ۴-۳-۳ استفاده می‌کند.", "۳", "formation"),
        ("این تیم اکنون در رده ۱۴ جدول قرار دارد.", "۱۴", "rank"),
        ("این شرط در بند ۴ و ۵ آمده است.", "۵", "code"),
    ],
)
def test_a_number_that_names_is_no_figure(text: str, number: str, trivia: str) -> None:
    found = [m for m in _mentions(text) if m[0] == number]
    assert found and all(m[3] and m[2] == trivia for m in found), _mentions(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("فینال در روز ۱۲ یا ۱۳ شهریور برگزار خواهد شد.", "۱۲"),
        ("او در المپیک ۲۰۱۶ شرکت کرد و مدال گرفت.", "۲۰۱۶"),
        ("او در دهه ۵۰ و ۶۰ برای این باشگاه به میدان رفت.", "۶۰"),
    ],
)
def test_a_day_or_year_beside_a_date_is_a_date(text: str, number: str) -> None:
    found = [m for m in _mentions(text) if m[0] == number]
    assert found and all(m[1] == "date" for m in found), _mentions(text)


def test_a_score_stays_a_figure() -> None:
    found = _mentions("تیم میزبان با پیروزی ۲-۱ مقابل میهمان صعود کرد.")
    assert [(m[0], m[1], m[3]) for m in found] == [("۲-۱", "score", False)]


@pytest.mark.parametrize(
    ("text", "number", "subject"),
    [
        ("این باشگاه تاکنون ۴ بار قهرمان جام حذفی شده است.", "۴", "قهرمانی"),
        ("مهاجم جوان ۱۲ بار در لیگ برتر بازی کرده است.", "۱۲", "بازی"),
        ("کاپیتان تیم ۳۰ بار برای تیم ملی به میدان رفته است.", "۳۰", "به میدان رفتن"),
        ("بازیکنان هر روز دو نوبت در سالن تمرین می‌کنند.", "دو", "تمرین"),
        ("او پس از ۳ بار قهرمانی از ورزش کنار رفت.", "۳", "قهرمانی"),
        ("مدافعان ۵ بار روی مهاجم حریف خطا کردند.", "۵", "خطا"),
    ],
)
def test_times_take_their_event(text: str, number: str, subject: str) -> None:
    found = _subjects(text)
    assert next(v for k, v in found.items() if k.startswith(number)) == subject, found


def test_times_with_an_object_name_no_object() -> None:
    found = _subjects("مهاجم تیم ۷ بار دروازه میهمان را باز کرد.")
    assert found["۷"] != "دروازه میهمان", found


@pytest.mark.parametrize(
    ("text", "number", "subject"),
    [
        ("این جشنواره در ۴ بخش برگزار می‌شود.", "۴", "بخش"),
        ("پژوهشگران این طرح را در ۳ نشست بررسی کردند.", "۳", "نشست"),
        ("کارشناسان ۱۲ نوع آفت را شناسایی کردند.", "۱۲", "نوع آفت"),
    ],
)
def test_a_noun_in_the_stopword_list_is_still_counted(text: str, number: str, subject: str) -> None:
    assert _subjects(text)[number] == subject, _subjects(text)


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        (
            "در این مدت صادرات ۶۴ درصد، واردات ۶۱ درصد و تولید ۹۴ درصد کاهش یافت.",
            ["صادرات", "واردات", "تولید"],
        ),
        (
            "سهم مترو در جابه‌جایی مسافران ۳۰ درصد، اتوبوس ۲۲ درصد و تاکسی ۱۵ درصد است.",
            ["سهم مترو", "اتوبوس", "تاکسی"],
        ),
    ],
)
def test_each_item_of_a_list_is_named_by_its_own_noun(text: str, subjects: list[str]) -> None:
    assert list(_subjects(text).values()) == subjects, _subjects(text)


def test_a_list_item_after_a_place_keeps_the_head() -> None:
    found = _subjects("متوسط قیمت در استان ۷۰۰ دلار و کشور ۴۵۰ دلار بود.")
    assert found["۴۵۰"] != "کشور", found


@pytest.mark.parametrize(
    ("text", "number", "subject"),
    [
        (
            "مطالبات کارخانه‌های لبنی که نزدیک به ۳۰۰ میلیارد ریال است پرداخت شد.",
            "۳۰۰ میلیارد",
            "مطالبات کارخانه‌های لبنی",
        ),
        ("فروش فرش دستباف با افتی ۸ درصدی همراه شد.", "۸ درصدی", "فروش فرش دستباف"),
    ],
)
def test_a_predicate_of_a_relative_clause_or_after_a_change_noun(
    text: str, number: str, subject: str
) -> None:
    assert _subjects(text)[number] == subject, _subjects(text)


@pytest.mark.parametrize(
    ("text", "number", "subject"),
    [
        (
            "در این هفته ۱۲ پروژه با اعتباری بالغ بر ۹۰ میلیارد تومان افتتاح شد.",
            "۹۰ میلیارد",
            "پروژه",
        ),
        ("برای این طرح اعتباری بالغ بر ۲۰ میلیارد ریال در نظر گرفته شد.", "۲۰ میلیارد", "اعتبار"),
        (
            "هیات رئیسه تصویب کرد: - پاداش صعود تیم ۵۰۰۰ دلار - پاداش قهرمانی ۸۰۰۰ دلار",
            "۸۰۰۰",
            "پاداش قهرمانی",
        ),
        (
            "بدهی این باشگاه ۲۰ میلیون ریال (تقریبا ۱۴۰ میلیارد تومان) برآورد شده است.",
            "۱۴۰ میلیارد",
            "بدهی",
        ),
    ],
)
def test_money_named_past_a_qualifier_by_its_head_or_the_amount_before(
    text: str, number: str, subject: str
) -> None:
    assert _subjects(text)[number] == subject, _subjects(text)


@pytest.mark.parametrize(
    "text",
    [
        "هافبک ملی‌پوش با رقمی نزدیک ۱۲ میلیون یورو به باشگاه آلمانی پیوست.",
        "مدافع جوان با ۸ میلیون پوند از لیسبون راهی لندن شد.",
    ],
)
def test_money_a_player_moved_for_is_his_transfer(text: str) -> None:
    assert list(_subjects(text).values()) == ["انتقال"], _subjects(text)


def test_a_source_the_clause_opens_with_is_no_subject() -> None:
    found = _subjects(
        "به گزارش خبرنگار اقتصادی به نقل از دفتر طرح گندم ، خرید تضمینی گندم نسبت "
        "به مدت مشابه سال گذشته ۱۴ درصد رشد نشان می‌دهد."
    )
    assert found["۱۴ درصد"] == "خرید تضمینی گندم", found


def test_a_school_year_range_is_a_date() -> None:
    found = [m for m in _mentions("وزیر به مناسبت آغاز سال تحصیلی ۹۴-۹۳ پیامی داد.")]
    assert [m[1] for m in found] == ["date"], found


def test_a_first_guess_shares_the_counted_noun() -> None:
    found = _subjects("مربی گفت که در آن دیدار حداقل ۲، ۳ گل به حریف می‌زدیم.")
    assert found == {"۲": "گل", "۳": "گل"}, found


def test_stoppage_time_is_a_minute() -> None:
    found = _mentions("اخطار: حسن رضایی (۴+۹۰) از تیم میزبان.")
    assert {m[1] for m in found} == {"date"}, found


def test_a_number_naming_a_set_is_an_attribute() -> None:
    found = _mentions("در مناطق ۲۲ گانه تهران ۳۰۰ ایستگاه نصب شد و روابط ۲ جانبه گسترش یافت.")
    trivia = {num: t for num, _kind, t, _drop in found}
    assert trivia["۲۲"] == "attribute" and trivia["۲"] == "attribute", found
    assert trivia["۳۰۰"] is None, found


@pytest.mark.parametrize(
    "text",
    [
        "وزیر ژاپن توکیو را با المپیک ۱۹۴۰ مقایسه کرد.",
        "این تیم از موتور ۲۰۱۹ مرسدس استفاده می‌کند.",
        "بهترین‌های ۲۰۱۹ فیفا معرفی شدند.",
    ],
)
def test_a_four_digit_year_after_its_noun_is_a_date(text: str) -> None:
    assert [(k, t) for _n, k, t, _d in _mentions(text)] == [("date", "year")]


def test_a_four_digit_count_before_its_noun_stays_a_count() -> None:
    for text in ("این کارخانه حدود ۱۹۸۰ کارگر دارد.", "تعداد ۱۹۹۰ کارگر بیکار شدند."):
        assert [k for _n, k, _t, _d in _mentions(text)] == ["count"], text


def test_money_paid_or_received_is_named_by_the_verbs_noun() -> None:
    found = _subjects("مدافع تیم ۱۰۰ هزار دلار از باشگاه برای نیم فصل دریافت کرده است.")
    assert found == {"۱۰۰ هزار": "دریافت"}, found
    found = _subjects("سرپرست باشگاه گفت: حدود ۳۳۰ هزار یورو به حساب مربی واریز کردیم.")
    assert found == {"۳۳۰ هزار": "واریز"}, found
    # a number between, or another clause, ends the search
    found = _subjects("۱۰ میلیون تومان به من داد و ۲ نفر دیگر را استخدام کرد.")
    assert found["۱۰ میلیون"] is None, found


def test_a_percent_adjective_after_a_change_names_what_changed() -> None:
    found = _subjects("افزایش ۲۰ درصدی قیمت نان از هفته آینده اجرا می‌شود.")
    assert found == {"۲۰ درصدی": "قیمت نان"}, found
    found = _subjects("رشد پنج‌درصدی تعداد کارگاه‌های تحت پوشش گزارش شد.")
    assert found == {"پنج‌درصدی": "کارگاه‌های تحت پوشش"}, found


def test_nouns_on_hazms_stopword_list_can_be_counted() -> None:
    assert _subjects("هنرمندان با حدود ۳۰ اثر در این نمایشگاه حضور دارند.") == {"۳۰": "اثر"}


def test_people_who_took_part_are_not_what_was_held() -> None:
    found = _subjects("این سازمان دوره‌های آموزشی تور را با شرکت بیش از ۴۵۰ نفر برگزار کرد.")
    assert found == {"۴۵۰": "شرکت"}, found
    assert _subjects("۱۷ نفر از سارقان را دستگیر کردند.")["۱۷"] is not None


def test_an_idiom_and_a_place_name_are_no_figures() -> None:
    assert _mentions("صد البته مدیران باشگاه میراث‌دار بحران مالی هستند.") == []
    found = _mentions("تمرینات در زمین اختصاصی واقع در ۲۰۰ دستگاه آغاز شد.")
    assert [(n, t, d) for n, _k, t, d in found] == [("۲۰۰", "code", True)], found


def test_minutes_are_a_side_detail() -> None:
    found = _mentions("تمرین ۷۵ دقیقه ای نوبت صبح به پایان رسید.")
    assert [(n, t) for n, _k, t, _d in found] == [("۷۵", "minutes")], found
    assert _mentions("زمان انتظار مسافران به ۹۰۰ دقیقه رسید.")[0][2] is None


def test_the_subject_of_a_change_after_a_time_and_a_reported_that() -> None:
    # the time phrase ends at «گذشته»; what was announced opens after «که»
    found = _subjects(
        "مرکز مدیریت راه‌ها اعلام کرد که در شبانه روز گذشته تردد در جاده‌های استان"
        " ۲۰ درصد کاهش یافته است."
    )
    assert found == {"۲۰ درصد": "تردد"}, found
    assert _subjects("در هفته اخیر قیمت مرغ در بازار ۱۵ درصد افزایش یافت.") == {
        "۱۵ درصد": "قیمت مرغ"
    }


def test_a_weight_class_after_a_bare_in_is_a_side_detail() -> None:
    found = _mentions("در ۶۰ کیلو عباس پندسازی مقابل حریف خود مغلوب شد.")
    assert [(n, t) for n, _k, t, _d in found] == [("۶۰", "class")], found
    assert _mentions("پلیس ۳۰۰ کیلوگرم تریاک کشف کرد.")[0][2] is None


def test_numbered_paragraphs_and_worked_sums_are_no_counts() -> None:
    found = _mentions("مرور کارنامه او:\n۷ در سال ۱۳۸۲ سرمربی تیم شد.\nچهار.\n۴-سال ۸۴-۸۳: فولاد")
    assert all(d for n, k, _t, d in found if k == "count"), found
    found = _mentions("۲۱- یاکو سویرزکوف ۱۶ x۱.۵ = ۲۴")
    assert [n for n, k, _t, d in found if k == "count" and not d] == [], found


def test_law_articles_joined_by_and_are_all_references() -> None:
    found = _mentions("مواد ۵۲ و ۶۱ و ۶۵ قانون کار به مرخصی توجه دارد.")
    assert [(n, t) for n, _k, t, _d in found] == [("۵۲", "code"), ("۶۱", "code"), ("۶۵", "code")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count said again in brackets counts the same
        (
            "شمار مبتلایان در جهان به ۳ میلیون نفر (۲ میلیون و ۹۲۰ هزار نفر) رسیده است.",
            {"۳ میلیون": "مبتلایان", "۲ میلیون و ۹۲۰ هزار": "مبتلایان"},
        ),
        # shares listed after the first name where, not what
        (
            "از کل ارزش صادرات استان ۲۵ درصد به آسیای میانه، ۴۶ درصد به افغانستان و"
            " ۵ درصد به اروپا رفت.",
            {
                "۲۵ درصد": "کل ارزش صادرات استان",
                "۴۶ درصد": "کل ارزش صادرات استان",
                "۵ درصد": "کل ارزش صادرات استان",
            },
        ),
        # a share of a noun hazm calls a stopword
        ("در حال حاضر ۷۰ درصد نیاز دامداران از واردات تامین می‌شود.", {"۷۰ درصد": "نیاز دامداران"}),
        # rows of a list, each ending on its sum
        (
            "پاداش‌ها به شرح زیر است:\n- کسب عنوان سوم ۲۰۰۰ دلار\n- مقام اول ۳۰۰۰ دلار",
            {"۲۰۰۰": "کسب عنوان سوم", "۳۰۰۰": "مقام اول"},
        ),
        # cases counted by the act that found them
        ("با شناسایی ۱۱۳۴ مورد جدید، شمار بیماران بالا رفت.", {"۱۱۳۴": "شناسایی"}),
        # from one value to another of one unit
        ("این خودروها از ۲ به ۳ ستاره رسیدند.", {"۲": "ستاره", "۳": "ستاره"}),
    ],
)
def test_subjects_shared_along_a_list_or_a_restatement(text: str, expected: dict[str, str]) -> None:
    found = _subjects(text)
    assert {k: found.get(k) for k in expected} == expected, found


def test_a_headline_row_is_no_list_row() -> None:
    # a dashed line that goes on past its figure is a headline, not a row with a label
    found = _subjects("عناوین:\n- پلاک خودروهای ۸۰ تا ۸۲ از مهرماه تعویض می‌شود")
    assert found.get("۸۰ تا ۸۲") != "پلاک خودروهای", found


def test_alternatives_share_the_unit_of_the_last() -> None:
    found = _mentions("او در پنج یا شش ماه آینده باز می‌گردد.")
    assert [(n, k) for n, k, _t, _d in found] == [("پنج", "duration"), ("شش", "duration")]


@pytest.mark.parametrize(
    ("text", "trivia"),
    [
        ("کی‌روش در ترکیب ۱۱ نفر قرار گرفته است.", "lineup"),
        ("مربی ترکیب ۱۱ بازیکن تیمش را برای دربی مشخص کرد.", "lineup"),
        ("سوت‌های داور در صحنه‌های ۵۰- ۵۰ به سود میزبان بود.", "idiom"),
        ("۱۱ نفر در این حادثه زخمی شدند.", None),
    ],
)
def test_the_starting_eleven_and_fifty_fifty_are_no_figures(text: str, trivia: str | None) -> None:
    assert _mentions(text)[0][2] == trivia, _mentions(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("این طرح با اشتغال‌زایی مستقیم ۱۵۰ نفر افتتاح شد.", {"۱۵۰": "اشتغال‌زایی"}),
        (
            "وی افزود: افتتاح ۱۷ واحد با اشتغال‌زایی برای ۲۳ نفر در بخش کشاورزی.",
            {"۲۳": "اشتغال‌زایی"},
        ),
        ("عوض کردن مربی پس از ۵ باخت چاره کار نیست.", {"۵": "باخت"}),
        ("شرکت از واگذاری دو درصد دیگر سهام خود خبر داد.", {"دو درصد": "سهام"}),
        (
            "تعداد موارد ابتلای روزانه، ۵۳ درصد و تعداد قربانیان نیز ۳۰ درصد کاهش داشته است.",
            {"۵۳ درصد": "موارد ابتلای روزانه", "۳۰ درصد": "تعداد قربانیان"},
        ),
    ],
)
def test_subjects_past_an_adjective_a_stem_a_head_or_an_also(
    text: str, expected: dict[str, str]
) -> None:
    found = _subjects(text)
    assert {k: found.get(k) for k in expected} == expected, found


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("دولت امیدوار بود بودجه با تراز مثبت ۹۰۰ میلیارد روبلی بسته شود.", "روبل"),
        ("این شرکت قراردادی ۵۰ میلیون یوانی امضا کرد.", "یوان"),
        ("باشگاه پیشنهادی ۲۰ میلیون پوندی داد.", "پوند"),
        ("بارش ۴۰ میلی‌متری در شهر ثبت شد.", "میلیمتر"),
    ],
)
def test_a_currency_or_measure_said_as_an_adjective_is_its_unit(text: str, unit: str) -> None:
    d = digest(text)
    assert [f.unit for f in d.figures][:1] == [unit], [(f.text, f.unit) for f in d.figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people counted by the state they were put in
        ("در این طرح ۱۲ هزار نفر تحت پوشش بیمه قرار گرفتند.", {"۱۲ هزار": "تحت پوشش"}),
        # ... unless a partitive names them, and the state is no part of it
        (
            "در این طرح ۱۲ هزار نفر از کارگران ساختمانی تحت پوشش بیمه قرار گرفتند.",
            {"۱۲ هزار": "کارگران ساختمانی"},
        ),
        # two counts of one unit, an ordinal between them, share the event after the last
        (
            "در مرحله نخست ۴۵ هزار نفر و در مرحله دوم، ۳۸ هزار نفر مشمول این وام شدند.",
            {"۴۵ هزار": "مشمول", "۳۸ هزار": "مشمول"},
        ),
        # money named by the noun after the conversion in brackets
        (
            "دولت ۲.۵ میلیارد دلار (معادل ۱۰۵ هزار میلیارد تومان) بودجه برای این طرح در نظر گرفت.",
            {"۲.۵ میلیارد": "بودجه"},
        ),
        # items of a list that open on the same head noun share it
        (
            "مصرف برق در صنایع ۱۴ درصد، مصرف برق در بخش خانگی ۹ درصد و مصرف برق"
            " کشاورزی ۶ درصد افزایش یافته است.",
            {"۱۴ درصد": "مصرف برق", "۹ درصد": "مصرف برق"},
        ),
        # money taken unlawfully is named by the act
        ("این باند ۸۰۰ میلیون تومان از کسبه اخاذی کرده بود.", {"۸۰۰ میلیون": "اخاذی"}),
        ("مبلغ ۳ میلیارد ریال رشوه از متهم کشف شد.", {"۳ میلیارد": "رشوه"}),
        # "among" opens no counted-noun phrase
        ("این دانشگاه جزو ۵۰۰ دانشگاه برتر جهان قرار گرفت.", {"۵۰۰": "دانشگاه برتر جهان"}),
    ],
)
def test_subjects_of_a_state_a_pair_a_conversion_and_a_list(
    text: str, expected: dict[str, str]
) -> None:
    found = _subjects(text)
    assert {k: found.get(k) for k in expected} == expected, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comparison between the figure and its change
        (
            "معاملات زمین در استان، ۴۱ درصد نسبت به مدت مشابه سال قبل افت داشته است.",
            {"۴۱ درصد": "معاملات زمین"},
        ),
        # a change in a «که» clause after the verb of the clause before
        (
            "صادرات استان به ۲ میلیارد دلار رسید که نسبت به سال گذشته ۱۵ درصد افزایش دارد.",
            {"۱۵ درصد": "صادرات استان"},
        ),
        # ... and money in the unit of the figure before
        (
            "صرافی‌ها قیمت یورو را ۱۶ هزار و ۸۰۰ تومان اعلام کردند که نسبت به روز گذشته"
            " افزایش ۲۰۰ تومانی داشته است.",
            {"۲۰۰": "قیمت یورو"},
        ),
        # ... and a count reached, of the count before in its unit
        (
            "شمار بیماران بستری ۴۲۰ نفر بود که با ترخیص گروهی از آنان به ۳۸۰ نفر رسید.",
            {"۳۸۰": "بیماران بستری"},
        ),
        # a day the clause opens with is no subject
        ("شمار بیماران ۴۲۰ نفر بود که امروز به ۳۸۰ نفر رسید.", {"۳۸۰": "بیماران"}),
        # the event after a modal
        ("۲۰ نفر باید در این دوره ثبت نام کنند.", {"۲۰": "ثبت"}),
        # from one value to another, each with its year
        (
            "فروش بلیت از ۳۱۰ هزار در سال ۹۶ به ۴۵۰ هزار در سال ۹۷ افزایش یافت.",
            {"۳۱۰ هزار": "فروش بلیت", "۴۵۰ هزار": "فروش بلیت"},
        ),
    ],
)
def test_subjects_of_a_change_past_a_comparison_a_relative_or_a_year(
    text: str, expected: dict[str, str]
) -> None:
    found = _subjects(text)
    assert {k: found.get(k) for k in expected} == expected, found


@pytest.mark.parametrize(
    ("text", "unit", "subject"),
    [
        # a rial of another country is its currency, not a subject
        ("باشگاه مبلغ ۹۰ میلیون ریال سعودی بدهی دارد.", "ریال سعودی", "بدهی"),
        # money taken is money received
        ("این باشگاه پارسال ۱۲ میلیارد تومان از وزارت گرفت.", "تومان", "دریافت"),
    ],
)
def test_a_foreign_rial_and_money_taken(text: str, unit: str, subject: str) -> None:
    found = [(f.unit, f.subject) for f in digest(text).figures if f.kind == "money"]
    assert found == [(unit, subject)], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what changed named after the change noun, then a verb of having or showing
        ("امسال ۱۲ درصد افزایش اجاره‌بها داشتیم.", {"۱۲ درصد": "اجاره‌بها"}),
        # a clause that opens on «از X» counts part of X
        (
            "از بدهی‌های معوق باشگاه بیش از ۶۰ درصد را تسویه کرده‌ایم.",
            {"۶۰ درصد": "بدهی‌های معوق باشگاه"},
        ),
        # ... but not from a day or a moment
        ("از فردا ۱۵ درصد کاهش می‌یابد.", {"۱۵ درصد": None}),
        # the value reached, in a «که» clause after the clause it tells of
        (
            "دقت پیش‌بینی‌ها ۸۰ درصد بوده که با سامانه جدید به ۹۲ درصد می‌رسد.",
            {"۹۲ درصد": "دقت پیش‌بینی‌ها"},
        ),
    ],
)
def test_percent_subjects_after_the_change_from_a_fronted_whole_or_reached(
    text: str, expected: dict[str, str | None]
) -> None:
    found = _subjects(text)
    assert {k: found.get(k) for k in expected} == expected, found
