"""A dozen agency-style reports (tests/fixtures/articles): their key figures.

Each expectation names a figure by value and kind and asserts the fields given
(unit, subject, qualifier, period, change, range); ``bullet`` is a phrase the
bullet carrying that figure must contain; ``absent`` lists numbers that must
not come out as figures (codes, page ids).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer import Digest, Figure, digest

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

E = dict[str, Any]
EXPECTED: dict[str, dict[str, Any]] = {
    "economy-inflation": {
        "figures": [
            {
                "value": 38.5,
                "kind": "percent",
                "unit": "درصد",
                "subject": "نرخ تورم",
                "bullet": "نرخ تورم",
            },
            {"value": 7500e12, "kind": "money", "unit": "تومان", "subject": "حجم نقدینگی کشور"},
            {
                "value": 120e12,
                "kind": "money",
                "qualifier": "about",
                "period": "شش ماهه نخست امسال",
                "subject": "اوراق مالی",
            },
            {"value": 1.2, "kind": "percent", "unit": "واحد درصد", "change": "decrease"},
            {"value": 3, "kind": "percent", "change": "decrease"},
            {"value": 25, "kind": "percent", "change": "increase"},
            {"value": 85, "kind": "percent", "qualifier": "more_than"},
        ],
        "absent": [482193],
    },
    "health-vaccination": {
        "figures": [
            {
                "value": 2_300_000,
                "kind": "count",
                "subject": "دوز واکسن",
                "qualifier": "more_than",
                "bullet": "تزریق بیش از ۲ میلیون و ۳۰۰ هزار دوز واکسن",
            },
            {"value": 310, "unit": "نفر", "subject": "بیماران بستری", "period": "هفته گذشته"},
            {"value": 12, "unit": "نفر", "subject": "کادر درمان"},
            {"value": 4000, "unit": "نفر", "qualifier": "about", "period": "روزانه"},
            {"value": 15, "kind": "percent", "change": "decrease"},
            {"value": 850e9, "kind": "money", "unit": "ریال", "subject": "اعتبار"},
        ],
        "absent": [4030, 2_000_000],
    },
    "sport-transfer": {
        "figures": [
            {"value": 45e9, "kind": "money", "unit": "تومان", "bullet": "۳ فصل"},
            {"value": 12e9, "kind": "money", "qualifier": "about", "subject": "درآمد باشگاه"},
            {"value": 40, "kind": "percent", "change": "increase"},
            {"value": 17, "kind": "count", "subject": "گل"},
            {"value": 78_000, "kind": "count", "subject": "بلیت"},
        ],
        "absent": [15],
    },
    "housing-prices": {
        "figures": [
            {
                "value": 85e6,
                "kind": "money",
                "unit": "تومان",
                "subject": "متوسط قیمت",
                "bullet": "۸۵ میلیون تومان",
            },
            {"value": 42, "kind": "percent", "change": "increase"},
            {"value": 6200, "unit": "فقره", "subject": "معاملات مسکن"},
            {"value": 18, "kind": "percent", "change": "decrease"},
            {"value": 120_000, "subject": "واحد مسکونی"},
            {"value": 30, "kind": "percent", "qualifier": "at_least"},
        ],
        "absent": [1],
    },
    "oil-exports": {
        "figures": [
            {
                "value": 1_500_000,
                "kind": "measure",
                "unit": "بشکه",
                "period": "روزانه",
                "bullet": "روزانه یک میلیون و ۵۰۰ هزار بشکه",
            },
            {"value": 28, "kind": "percent", "change": "increase", "period": "شش ماهه نخست امسال"},
            {"value": 18e9, "kind": "money", "unit": "دلار"},
            {"value": 78.4, "kind": "money", "unit": "دلار", "period": "هفته گذشته"},
            {"value": 105e6, "unit": "لیتر", "qualifier": "about", "period": "روزانه"},
            {"value": 3e9, "unit": "مترمکعب"},
        ],
        "single": [1_500_000],
    },
    "police-smuggling": {
        "figures": [
            {
                "value": 12_000,
                "unit": "قلم",
                "subject": "کالای قاچاق",
                "period": "۲۴ ساعت گذشته",
                "bullet": "کشف ۱۲ هزار قلم کالای قاچاق",
            },
            {"value": 15e9, "kind": "money", "unit": "ریال", "qualifier": "more_than"},
            {"value": 18, "unit": "دستگاه", "subject": "خودرو"},
            {"value": 300, "unit": "رأس", "subject": "دام قاچاق"},
            {"value": 11, "unit": "نفر", "subject": "قاچاقچیان"},
            {"value": 34, "unit": "فقره", "subject": "کلاهبرداری اینترنتی"},
            {"value": 20, "kind": "percent", "change": "decrease"},
            {"value": 2.4, "kind": "measure", "unit": "تن", "subject": "مواد مخدر"},
        ],
        "absent": [110, 2],
    },
    "education-schools": {
        "figures": [
            {"value": 4, "unit": "باب", "subject": "مدرسه خیرساز", "bullet": "۴ باب مدرسه"},
            {"value": 120, "subject": "کلاس درس"},
            {"value": 230e9, "kind": "money", "unit": "ریال"},
            {"value": 3500, "qualifier": "about", "subject": "دانش‌آموز"},
            {"value": 80, "subject": "مدرسه فرسوده"},
            {"value": 5.2, "kind": "measure", "unit": "مترمربع"},
        ],
        "absent": [12],
    },
    "agriculture-wheat": {
        "figures": [
            {
                "value": 8e6,
                "kind": "measure",
                "unit": "تن",
                "subject": "گندم",
                "qualifier": "more_than",
                "bullet": "خرید تضمینی بیش از ۸ میلیون تن گندم",
            },
            {"value": 96e12, "kind": "money", "unit": "تومان", "subject": "ارزش گندم"},
            {"value": 5_800_000, "kind": "measure", "unit": "هکتار"},
            {"value": 12, "kind": "percent", "change": "increase"},
            {"value": 200_000, "unit": "اصله", "subject": "نهال مثمر"},
            {"value": 15_000, "kind": "money", "unit": "تومان"},
        ],
    },
    "transport-metro": {
        "figures": [
            {"value": 2_200_000, "subject": "مسافر", "qualifier": "about", "period": "روزانه"},
            {"value": 630, "unit": "دستگاه", "subject": "واگن"},
            {"value": 18e12, "kind": "money", "unit": "تومان"},
            {"value": 18, "unit": "دستگاه", "subject": "اتوبوس برقی"},
            {"value": 45, "kind": "measure", "unit": "کیلومتر"},
            {"value": 2, "kind": "multiplier"},
        ],
        "absent": [10],
    },
    "energy-electricity": {
        "figures": [
            {
                "value": 72_400,
                "kind": "measure",
                "unit": "مگاوات",
                "subject": "مصرف برق کشور",
                "bullet": "۷۲ هزار و ۴۰۰ مگاوات",
            },
            {"value": 6, "kind": "percent", "change": "increase"},
            {"value": 850, "unit": "مگاوات", "change": "increase"},
            {"value": 1200, "unit": "مگاوات"},
            {"value": 10, "kind": "percent", "qualifier": "at_least", "change": "decrease"},
            {"value": 40, "kind": "percent", "qualifier": "about"},
            {"value": 280, "unit": "کیلووات ساعت", "period": "ماهانه"},
        ],
        "single": [72_400],
    },
    "trade-customs": {
        "figures": [
            {
                "value": 12,
                "kind": "percent",
                "change": "increase",
                "period": "۷ ماهه امسال",
                "subject": "صادرات غیرنفتی کشور",
                "bullet": "رشد ۱۲ درصدی صادرات غیرنفتی",
            },
            {"value": 72e6, "kind": "measure", "unit": "تن", "subject": "کالا"},
            {"value": 28.5e9, "kind": "money", "unit": "دلار"},
            {"value": 31e9, "kind": "money", "unit": "دلار", "subject": "واردات کشور"},
            {"value": 5, "kind": "percent", "change": "decrease"},
            {"value": 6.2e9, "kind": "money", "unit": "دلار"},
        ],
    },
    "culture-book-fair": {
        "figures": [
            {"value": 120_000, "unit": "عنوان", "subject": "کتاب", "qualifier": "more_than"},
            {"value": 2300, "subject": "ناشر داخلی"},
            {"value": 140, "subject": "ناشر خارجی"},
            {"value": 500_000, "kind": "money", "unit": "تومان"},
            {"range": (10, 15), "kind": "percent", "subject": "تخفیف"},
            {"value": 10, "kind": "duration", "unit": "روز"},
        ],
    },
    "water-tehran-dams": {
        "figures": [
            {"value": 310e6, "kind": "measure", "unit": "مترمکعب", "bullet": "۳۱۰ میلیون مترمکعب"},
            {"value": 35, "kind": "percent", "change": "decrease"},
            {"value": 40, "kind": "percent", "change": "decrease", "subject": "میزان بارندگی"},
            {"value": 3_200_000, "unit": "مترمکعب", "qualifier": "about", "period": "روزانه"},
            {"value": 250, "unit": "لیتر", "period": "روزانه"},
            {"value": 120, "unit": "حلقه", "subject": "چاه اضطراری"},
        ],
    },
}


def _load(name: str) -> tuple[str, Digest]:
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    return text, digest(text)


def _find(d: Digest, want: E) -> Figure:
    for f in d.figures:
        if "range" in want:
            if f.range == tuple(float(x) for x in want["range"]) and f.kind == want["kind"]:
                return f
        elif (
            f.value is not None
            and abs(f.value - want["value"]) <= 1e-9 * max(1, want["value"])
            and ("kind" not in want or f.kind == want["kind"])
        ):
            return f
    raise AssertionError(f"no figure {want}: {[(f.text, f.value, f.kind) for f in d.figures]}")


CASES = [(name, i) for name, spec in EXPECTED.items() for i in range(len(spec["figures"]))]


@pytest.mark.parametrize(("name", "i"), CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_key_figure(name: str, i: int) -> None:
    text, d = _load(name)
    want = EXPECTED[name]["figures"][i]
    f = _find(d, want)
    for field in ("unit", "subject", "qualifier", "period", "change"):
        if field in want:
            assert getattr(f, field) == want[field], (field, f)
    assert text[f.span[0] : f.span[1]] == f.text
    if "bullet" in want:
        idx = d.figures.index(f)
        lines = [b for b, fs in zip(d.bullets, d.bullet_figures, strict=True) if idx in fs]
        assert lines, (f, d.bullets)
        assert want["bullet"] in lines[0], lines[0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_digest(name: str) -> None:
    _, d = _load(name)
    assert d.status == "ok"
    assert 1 <= len(d.bullets) <= 8
    assert len(d.bullet_figures) == len(d.bullets)
    values = [f.value for f in d.figures]
    for v in EXPECTED[name].get("absent", []):
        assert v not in values, v
    for v in EXPECTED[name].get("single", []):
        assert values.count(v) == 1
        assert sum(1 for fs in d.bullet_figures for i in fs if d.figures[i].value == v) == 1
    for b in d.bullets:
        assert b.strip() == b and len(b.split()) <= 30
        assert not any(ch in b for ch in "0123456789يك")
    json.dumps(d.to_dict(), ensure_ascii=False)
    # the top of the list holds the story, not its dates
    assert d.figures[0].kind not in ("date", "ordinal")


def test_article_without_figures() -> None:
    _, d = _load("no-figures")
    assert d.status == "no_figures"
    assert d.bullets == [] and d.bullet_figures == []
    assert d.sentences and d.summary
