"""The reference article: every key figure in a bullet, trivia left out.

Reads ../shared/corpus/seed/basij-week.txt at run time (skips when absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import Digest, digest

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed" / "basij-week.txt"


@pytest.fixture(scope="module")
def seed() -> tuple[str, Digest]:
    if not SEED.is_file():
        pytest.skip("reference article not available")
    text = SEED.read_text(encoding="utf-8")
    return text, digest(text)


def _bullets_with(d: Digest, value: float) -> list[str]:
    out = []
    for line, idx in zip(d.bullets, d.bullet_figures, strict=True):
        if any(d.figures[i].value == value for i in idx):
            out.append(line)
    return out


EXPECTED = [
    # value, words the bullet must carry
    (17_000_000, ["۱۷ میلیون", "ماسک", "روزانه", "بیش از"]),
    (70_000_000, ["۷۰ میلیون", "غربالگری", "بیش از"]),
    (10_150_000, ["۱۰ میلیون و ۱۵۰ هزار", "بسته معیشتی", "رمضان"]),
    (14_000, ["۱۴ هزار", "جهیزیه"]),
    (132_000, ["۱۳۲ هزار", "پوشاک"]),
    (47_000_000_000, ["۴۷ میلیارد تومان", "نیازمند"]),
    (30_000, ["۳۰ هزار جهیزیه", "هفته بسیج"]),
    (700_000, ["۷۰۰ هزار بسته معیشتی", "هفته بسیج"]),
    (9_000, ["۹ هزار شغل"]),
    (42_000, ["۴۲ هزار", "گروه"]),
    (1_235, ["۱٬۲۳۵", "پروژه محرومیت‌زدایی"]),
    (41, ["۴۱ سال"]),
]


@pytest.mark.parametrize(("value", "words"), EXPECTED, ids=[str(v) for v, _ in EXPECTED])
def test_each_key_figure_has_exactly_one_bullet(
    seed: tuple[str, Digest], value: float, words: list[str]
) -> None:
    _, d = seed
    lines = _bullets_with(d, value)
    assert len(lines) == 1, (value, d.bullets)
    for w in words:
        assert w in lines[0], (w, lines[0])


def test_facts_of_one_sentence_share_a_bullet_only_to_make_room(
    seed: tuple[str, Digest],
) -> None:
    text, _ = seed
    roomy = digest(text, max_bullets=12)
    masks = _bullets_with(roomy, 17_000_000)
    assert len(masks) == 1 and "رمضان" not in masks[0] and "۱۰ میلیون" not in masks[0]


def test_default_bullet_budget_and_status(seed: tuple[str, Digest]) -> None:
    _, d = seed
    assert d.status == "ok"
    assert 1 <= len(d.bullets) <= 8
    assert len(d.bullet_figures) == len(d.bullets)


def test_figure_records(seed: tuple[str, Digest]) -> None:
    text, d = seed
    by_value = {f.value: f for f in d.figures}
    masks = by_value[17_000_000]
    assert (masks.kind, masks.subject, masks.qualifier, masks.period) == (
        "count",
        "ماسک",
        "more_than",
        "روزانه",
    )
    money = by_value[47_000_000_000]
    assert (money.kind, money.unit) == ("money", "تومان")
    assert by_value[10_150_000].subject == "بسته معیشتی"
    assert by_value[10_150_000].period == "ماه مبارک رمضان"
    assert by_value[700_000].period == "هفته بسیج"
    assert by_value[70_000_000].unit == "نفر"
    assert by_value[41].kind in ("duration", "ordinal")
    years = [f for f in d.figures if f.kind == "duration" and f.value == 41]
    assert years and years[0].unit == "سال"
    for f in d.figures:
        assert text[f.span[0] : f.span[1]] == f.text


def test_page_id_and_duplicates(seed: tuple[str, Digest]) -> None:
    _, d = seed
    assert all(f.value != 220685 for f in d.figures)
    assert not any("۲۲۰۶۸۵" in b or "220685" in b for b in d.bullets)
    masks = [f for f in d.figures if f.value == 17_000_000]
    assert len(masks) == 1
    packages = [f for f in d.figures if f.value == 700_000]
    assert len(packages) == 1


def test_json_round_trip(seed: tuple[str, Digest]) -> None:
    _, d = seed
    data = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert Digest.from_dict(data).bullets == d.bullets
    assert data["summary"] == sorted(data["summary"])
    assert 1 <= len(data["summary"]) <= 4
