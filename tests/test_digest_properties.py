"""Properties of digest() on generated text: never crashes, spans are honest, JSON works."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Digest, digest

PIECES = [
    "۱۷",
    "17",
    "١٧",
    "۱۲٫۵",
    "1,200",
    "۳/۵",
    "میلیون",
    "میلیارد",
    "هزار",
    "و",
    "درصد",
    "٪",
    "تومان",
    "ریال",
    "نفر",
    "تن",
    "از",
    "بیش از",
    "حدود",
    "کاهش",
    "افزایش",
    "روزانه",
    "در سال",
    "سال",
    "۱۴۰۲",
    "آذر",
    "سامانه",
    "ماده",
    "ماسک",
    "بسته معیشتی",
    "گفت:",
    "به گزارش",
    "،",
    ".",
    "؟",
    "\n",
    " ",
    "\u200c",
    "\u200f",
    "ي",
    "ك",
    "میشود",
    "برنامههای",
    "یک",
    "سه",
    "نیم",
    "دو برابر",
    "سومین",
    "تا",
    "منفی",
    "<b>",
    "[1]",
    "ﻻ",
    "\ufeff",
    "220685",
    "کیلو",
    "گرم",
    "دلار",
    "سنت",
]

words = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join)
mixed = st.one_of(
    words, st.text(max_size=200), st.text(alphabet="۰۱۲۳۴۵۶۷۸۹ ٫٬,./ و هزار", max_size=80)
)


def _check(text: str, d: Digest) -> None:
    data = d.to_dict()
    json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert Digest.from_dict(data).to_dict() == data
    assert len(d.bullets) == len(d.bullet_figures) <= 8
    for f in d.figures:
        a, b = f.span
        assert 0 <= a <= b <= len(text)
        assert text[a:b] == f.text
        assert 0 <= f.sentence < max(1, len(d.sentences))
        assert f.span in f.mentions
        assert all(0 <= x <= y <= len(text) for x, y in f.mentions)
    for idx in d.bullet_figures:
        assert all(0 <= i < len(d.figures) for i in idx)
    for a, b in d.sentence_spans:
        assert 0 <= a <= b <= len(text)
    assert d.summary == sorted(d.summary)
    assert all(0 <= i < len(d.sentences) for i in d.summary)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed)
def test_digest_never_breaks(text: str) -> None:
    _check(text, digest(text))


@settings(max_examples=40, deadline=None)
@given(words, st.integers(min_value=-2, max_value=12))
def test_bullet_budget(text: str, n: int) -> None:
    d = digest(text, max_bullets=n)
    assert len(d.bullets) <= max(n, 0)
    _check(text, d)
