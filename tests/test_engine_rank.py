"""Ranking and de-duplication of figures."""

from __future__ import annotations

from summarizer import Digest, digest

ARTICLE = """مدیرکل بهزیستی استان:

توزیع بیش از ۵ هزار بسته معیشتی میان خانواده‌های نیازمند

مدیرکل بهزیستی استان از توزیع ۵ هزار و ۲۰۰ بسته معیشتی میان خانواده‌های نیازمند خبر داد.

به گزارش خبرنگار ما، کریمی گفت: امسال ۵ هزار و ۲۰۰ بسته معیشتی به ارزش ۱۲ میلیارد تومان توزیع شد.

وی افزود: این مرد ۶۰ ساله به همراه ۴ نفر از همکارانش در سال ۱۴۰۲ این طرح را آغاز کرد.

سامانه ۱۴۸۰ نیز پاسخگوی مردم است.

۳۹۱۲۰۴
"""


def test_one_figure_per_fact() -> None:
    d = digest(ARTICLE)
    packages = [f for f in d.figures if f.value == 5200]
    assert len(packages) == 1
    # the headline's rounded "5 thousand" is the same fact
    assert not [f for f in d.figures if f.value == 5000]
    assert sum("بسته" in b for b in d.bullets) == 1


def test_substantive_figures_come_first() -> None:
    d = digest(ARTICLE)
    kinds = [f.kind for f in d.figures]
    assert kinds[0] in ("money", "count")
    first_trivia = min(i for i, f in enumerate(d.figures) if f.kind == "date" or f.unit == "سال")
    assert first_trivia >= 2
    assert d.figures[0].value in (5200, 12e9)


def test_codes_and_page_ids_are_not_figures() -> None:
    d = digest(ARTICLE)
    values = {f.value for f in d.figures}
    assert 1480 not in values
    assert 391204 not in values


def test_scores_are_ordered() -> None:
    d = digest(ARTICLE)
    scores = [f.score for f in d.figures]
    assert scores == sorted(scores, reverse=True)


def test_merged_mentions_keep_their_spans() -> None:
    text = "سهم بخش خصوصی به شصت درصد (60 %) از کل بازار رسید."
    d = digest(text)
    pct = [f for f in d.figures if f.kind == "percent"]
    assert len(pct) == 1
    spans = [text[a:b] for a, b in pct[0].mentions]
    assert spans == ["شصت درصد", "60 %"]
    again = Digest.from_dict(d.to_dict()).figures[0]
    assert again.mentions == pct[0].mentions
