"""Property tests of the engine on generated, often hostile, Persian text.

Whatever the input, :func:`summarizer.digest` must return (never raise), keep
every span inside the text with ``text[span]`` equal to the figure's text,
produce strict JSON (no NaN/Infinity) that reads back to the same digest, and
stay linear in the size of its input.

The strategies here are also driven by the long run ``bench/fuzz_long.py``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Digest, digest
from summarizer.model import KINDS

# --------------------------------------------------------------------------- alphabets

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"
SEPARATORS = ["٬", ",", "٫", ".", "/", "،", "'", "\u066b", "\u066c", " "]
NUMBER_WORDS = [
    "صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "شیش", "هفت", "هشت", "نه", "ده",
    "یازده", "دوازده", "سیزده", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد",
    "نود", "صد", "یکصد", "دویست", "سیصد", "پانصد", "ششصد", "نهصد", "نیم", "ربع",
    "یک سوم", "دو و نیم", "منفی", "اول", "سومین", "اولین", "دهمین", "چهل و یکمین",
    "دو برابر", "صد در صد", "نه تنها", "یک مقام", "دهها", "صدها", "هزاران", "چند",
]  # fmt: skip
SCALE_WORDS = ["هزار", "میلیون", "میلیارد", "تریلیون", "هزار میلیارد", "بیلیون", "کرور"]
UNITS = [
    "تومان", "ریال", "دلار", "یورو", "درصد", "درصدی", "٪", "%", "نفر", "تن", "کیلومتر",
    "هکتار", "مترمکعب", "بشکه", "واحد", "برابر", "سال", "ماه", "روز", "ساعت", "آذر",
    "فروردین", "اسفند", "مهر",
]  # fmt: skip
WORDS = [
    "به", "گزارش", "خبرگزاری", "فارس", "گفت", ":", "امسال", "بیش", "از", "حدود",
    "کمتر", "نزدیک", "تا", "بین", "و", "در", "این", "آن", "با", "افزایش", "کاهش",
    "رشد", "افت", "تولید", "روزانه", "سالانه", "ماهانه", "ماسک", "بسته", "معیشتی",
    "جهیزیه", "نیازمندان", "کارگاه\u200cهای", "می\u200cشود", "شده\u200cاست", "وزیر",
    "اعلام", "کرد", "سال", "گذشته", "نسبت", "قبل", "صادرات", "واردات", "نرخ", "تورم",
    "بودجه", "طرح", "پروژه", "شغل", "ايجاد", "كشور", "يك", "مي", "شود", "«", "»", "؛",
    "،", "؟", "!", ".", "(", ")", "-", "–", "ـ", "...",
]  # fmt: skip
MARKS = [
    "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u061c", "\u00a0",
    "\u2009", "\u200b", "\u00ad", "\u0640",
]  # fmt: skip
EMOJI = [
    "😀", "🔥", "📈", "📉", "🇮🇷", "👍🏽", "👨\u200d👩\u200d👧", "❤️", "1️⃣", "#️⃣", "✅",
]  # fmt: skip
CONTROLS = [chr(c) for c in range(32)] + ["\x7f", "\x85", "\u2028", "\u2029", "\r\n"]
DIACRITICS = ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670"]
SURROGATES = ["\ud800", "\udfff", "\udbff"]


def _digits_of(draw: st.DrawFn, n: int) -> str:
    systems = [PERSIAN_DIGITS, ARABIC_DIGITS, LATIN_DIGITS]
    mixed = draw(st.booleans())
    base = draw(st.sampled_from(systems))
    return "".join(
        draw(st.sampled_from(draw(st.sampled_from(systems)) if mixed else base)) for _ in range(n)
    )


@st.composite
def numerals(draw: st.DrawFn) -> str:
    """Digit runs in one or several digit systems, with separators and signs."""
    parts = [_digits_of(draw, draw(st.integers(1, 6)))]
    for _ in range(draw(st.integers(0, 4))):
        parts.append(draw(st.sampled_from(SEPARATORS)))
        parts.append(_digits_of(draw, draw(st.integers(1, 4))))
    text = "".join(parts)
    if draw(st.booleans()):
        text = draw(st.sampled_from(["-", "−", "+", "منفی ", "٪", "%", "#", "$"])) + text
    if draw(st.booleans()):
        text += draw(st.sampled_from(["", " ", "\u200c"])) + draw(st.sampled_from(SCALE_WORDS))
    return text


@st.composite
def long_tokens(draw: st.DrawFn) -> str:
    """Very long tokens: digit runs, repeated words and separators."""
    unit = draw(
        st.sampled_from(
            ["۹", "1", "٫۵", "٬۰۰۰", ",000", "هزار", "و", "ب", "یک\u200c", "🔥", "\u200c", "0."]
        )
    )
    return unit * draw(st.integers(50, 3000))


TOKEN = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    numerals(),
    numerals(),
    st.sampled_from(NUMBER_WORDS),
    st.sampled_from(SCALE_WORDS),
    st.sampled_from(UNITS),
    st.sampled_from(MARKS),
    st.sampled_from(EMOJI),
    st.sampled_from(CONTROLS),
    st.sampled_from(DIACRITICS),
    st.sampled_from(SURROGATES),
    st.text(max_size=8),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=4),
    long_tokens(),
)
JOINER = st.sampled_from([" ", " ", " ", "", "\u200c", "\n", "\t", " و ", "، "])


@st.composite
def persian_texts(draw: st.DrawFn, max_tokens: int = 60) -> str:
    tokens = draw(st.lists(TOKEN, max_size=max_tokens))
    out: list[str] = []
    for tok in tokens:
        out.append(tok)
        out.append(draw(JOINER))
    return "".join(out)


# --------------------------------------------------------------------------- the property


def check_digest(
    text: str, max_bullets: int = 8, title: str | None = None, *, strict_json: bool = True
) -> Digest:
    """Digest ``text`` and assert every invariant of the contract.

    With ``strict_json`` (the default) the output must be standard JSON: no
    ``NaN`` or ``Infinity``, which Python writes but other JSON readers reject.
    """
    d = digest(text, title=title, max_bullets=max_bullets)
    assert isinstance(d, Digest)
    assert d.status in ("ok", "empty", "not_persian", "no_figures")
    assert len(d.bullets) <= max_bullets
    assert len(d.bullet_figures) == len(d.bullets)
    for group in d.bullet_figures:
        assert all(0 <= i < len(d.figures) for i in group)
    for f in d.figures:
        start, end = f.span
        assert 0 <= start <= end <= len(text), (f, len(text))
        assert text[start:end] == f.text, (text[start:end], f.text)
        assert f.kind in KINDS
        assert 0 <= f.sentence < max(len(d.sentences), 1)
    for start, end in d.sentence_spans:
        assert 0 <= start <= end <= len(text)
    assert d.summary == sorted(d.summary)
    assert all(0 <= i < len(d.sentences) for i in d.summary)
    data = d.to_dict()
    encoded = json.dumps(data, ensure_ascii=False, allow_nan=not strict_json)
    assert Digest.from_dict(json.loads(encoded)).to_dict() == data
    return d


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(persian_texts(), st.integers(0, 12))
def test_digest_survives_generated_text(text: str, max_bullets: int) -> None:
    check_digest(text, max_bullets)


@FUZZ
@given(st.lists(numerals(), min_size=1, max_size=12), st.sampled_from(UNITS), JOINER)
def test_digest_survives_numeral_soup(nums: list[str], unit: str, joiner: str) -> None:
    text = "در سال گذشته " + joiner.join(f"{n} {unit}" for n in nums) + " افزایش یافت."
    check_digest(text)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=200), st.one_of(st.none(), st.text(max_size=30)))
def test_digest_survives_arbitrary_unicode(text: str, title: str | None) -> None:
    d = check_digest(text, title=title)
    assert d.title == title or d.title is not None


def test_digest_on_edge_inputs() -> None:
    for text in [
        "",
        " ",
        "\u200c" * 50,
        "\x00" * 10,
        "1e400 درصد",
        "۱٫۲٫۳٫۴ ۱٬۲۳٬۴ ۱,,۲۰۰ ٫۵ ۵٫",
        "۱۲\u200e٬\u200f۵۰۰ تومان",
        "منفی منفی منفی ۵",
        "هزار هزار هزار هزار میلیارد میلیون",
        "و " * 500,
        "🔥" * 1000,
        "\ud800۱۲ هزار\udfff",
    ]:
        check_digest(text)


def test_overflowing_numbers_give_standard_json() -> None:
    for text in ["۱" * 400, "۹" * 5000 + " میلیارد تومان", "1" * 320 + " درصد"]:
        check_digest(text, strict_json=True)


# --------------------------------------------------------------------------- linearity

_PARAGRAPH = (
    "به گزارش خبرگزاری پارس، معاون وزیر گفت: تولید روزانه ماسک به بیش از ۱۷ میلیون عدد "
    "رسیده و ۳۰ درصد آن صادر می‌شود. او افزود: امسال ۱۰ میلیون و ۱۵۰ هزار بسته معیشتی و "
    "۴۷ میلیارد تومان کمک نقدی میان نیازمندان توزیع شد که نسبت به سال ۱۳۹۸ دو برابر است.\n"
    "همچنین ۱٬۲۳۵ طرح عمرانی با اعتبار ۱۲٫۵ هزار میلیارد ریال در ۳۱ استان افتتاح شد و "
    "برای ۹ هزار نفر شغل ایجاد کرد؛ نرخ بیکاری ۱٫۱ درصد کاهش یافت.\n"
)


def _best_time(fn: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(unit: str, copies: int) -> float:
    small = unit * copies
    large = small * 10
    digest(small)  # warm up: data files and tables load once
    t_small = _best_time(lambda: digest(small))
    t_large = _best_time(lambda: digest(large))
    # Guard against timer granularity on very fast runs.
    return t_large / max(t_small, 1e-4)


def test_time_is_linear_in_input_size() -> None:
    """10x the input costs well under 30x the time (a ratio, not a time limit)."""
    ratios = {
        "article": _ratio(_PARAGRAPH, 8),  # ~5 KB -> ~50 KB
        "digits": _ratio("۱۲٬۳۴۵٫۶ ", 300),
        "words": _ratio("سه هزار و پانصد و ", 150),
        "no spaces": _ratio("۱۷میلیون‌", 300),
    }
    slow = {k: round(v, 1) for k, v in ratios.items() if v >= 30}
    assert not slow, f"super-linear time (large/small for 10x input): {slow}"
