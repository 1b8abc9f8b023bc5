"""Extractive summary sentences."""

from __future__ import annotations

from summarizer import digest

ARTICLE = """رئیس سازمان:

افتتاح ۳۰۰ مدرسه در سال جاری

رئیس سازمان نوسازی مدارس از افتتاح ۳۰۰ مدرسه جدید در سال جاری خبر داد.

به گزارش خبرنگار ما، وی روز دوشنبه گفت: این مدارس با اعتبار ۸ هزار میلیارد ریال ساخته شده‌اند.

وی درباره برنامه‌های آینده سازمان توضیحاتی ارائه کرد و از همکاری خیران قدردانی کرد.

او گفت که هوا در روزهای اخیر سرد شده است و مردم باید مراقب باشند.

رئیس سازمان افزود: ساخت ۱۲۰ مدرسه دیگر نیز آغاز شده و تا پایان سال آینده به پایان می‌رسد.
"""


def test_summary_is_a_few_sentences_in_order() -> None:
    d = digest(ARTICLE)
    assert 1 <= len(d.summary) <= 4
    assert d.summary == sorted(d.summary)
    assert all(0 <= i < len(d.sentences) for i in d.summary)


def test_summary_skips_kickers_and_carries_the_story() -> None:
    d = digest(ARTICLE)
    chosen = [d.sentences[i] for i in d.summary]
    assert not any(s.endswith(":") for s in chosen)
    assert any("۳۰۰ مدرسه" in s for s in chosen)
    assert not any("هوا" in s for s in chosen)


def test_summary_uses_the_title() -> None:
    d = digest(ARTICLE, title="ساخت ۱۲۰ مدرسه دیگر آغاز شد")
    chosen = [d.sentences[i] for i in d.summary]
    assert any("۱۲۰ مدرسه" in s for s in chosen)
