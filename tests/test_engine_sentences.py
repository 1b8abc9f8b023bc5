"""Sentence splitting and tokenising."""

from __future__ import annotations

from summarizer.sentences import MAX_SENTENCE, split_sentences, tokenize


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_full_stops_and_lines() -> None:
    text = "جمله اول است. جمله دوم؟ جمله سوم!\nخط بعد\n\nپایان"
    assert _texts(text) == ["جمله اول است.", "جمله دوم؟", "جمله سوم!", "خط بعد", "پایان"]


def test_decimal_points_do_not_split() -> None:
    text = "نرخ تورم ۱۲.۵ درصد شد. رشد ۳.۲ درصد بود."
    assert _texts(text) == ["نرخ تورم ۱۲.۵ درصد شد.", "رشد ۳.۲ درصد بود."]


def test_a_full_stop_without_its_space_still_splits() -> None:
    text = "شهرداری ۲۰ پارک تازه افتتاح کرد.این پارک‌ها ۴۰۰ میلیارد ریال هزینه داشت."
    assert _texts(text) == [
        "شهرداری ۲۰ پارک تازه افتتاح کرد.",
        "این پارک‌ها ۴۰۰ میلیارد ریال هزینه داشت.",
    ]
    # An abbreviation's single letters are no sentence end.
    assert len(_texts("نماینده ج.ا.ایران ۳ پیشنهاد داد.")) == 1


def test_a_full_stop_with_its_space_before_it_still_splits() -> None:
    text = "مس در دقیقه ۸۴ گل خورد .دستی که ۲ معنا داشت بالا رفت."
    assert _texts(text) == ["مس در دقیقه ۸۴ گل خورد .", "دستی که ۲ معنا داشت بالا رفت."]


def test_spans_are_trimmed_and_never_empty() -> None:
    text = "  \n. \n الف .  \n"
    for a, b in split_sentences(text):
        assert b > a
        assert not text[a].isspace() and not text[b - 1].isspace()


def test_long_sentence_is_cut_at_clause_marks() -> None:
    text = "، ".join(["این یک بند طولانی است"] * 200)
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(b - a <= MAX_SENTENCE for a, b in spans)
    assert spans[0][0] == 0


def test_long_run_without_spaces_is_cut() -> None:
    text = "ب" * (MAX_SENTENCE * 3 + 5)
    spans = split_sentences(text)
    assert sum(b - a for a, b in spans) == len(text)


def test_tokens_keep_numbers_whole() -> None:
    toks = [t.text for t in tokenize("رشد ۱۲٫۵ درصدی و ۱,۲۰۰ نفر، می‌شود.")]
    assert toks == ["رشد", "۱۲٫۵", "درصدی", "و", "۱,۲۰۰", "نفر", "،", "می‌شود", "."]


def test_token_offsets() -> None:
    text = "الف ب"
    toks = tokenize(text, 10)
    assert [(t.start, t.end) for t in toks] == [(10, 13), (14, 15)]
