"""Persian number grammar: find the numbers in a text and read their values.

:func:`find_numbers` returns :class:`NumberMatch` records in text order, never
overlapping, with offsets into the string it was given. It reads digits in the
three digit systems (۰-۹, ٠-٩, 0-9) with their separators, number words
("ششصد و چهل و سه هزار"), scales, fractions, percentages, ordinals,
multipliers, ranges, Jalali dates and clock times, and it leaves out what only
looks like a number (``نه تنها``, the indefinite ``یک``, phone numbers, URLs,
Latin identifiers such as ``COVID-19``).

The words live in ``data/numbers.toml`` and are read once at import. The text
is cut into tokens by one regular expression and read left to right with a
bounded look-ahead, so the time is linear in the length of the text.

Conventions of the records:

* ``value`` is the number; ``None`` for a range (see ``range``), a clock time
  and a date without a year. For a date with a year it is the year.
* ``range`` is ``(low, high)`` for ``۱۰ تا ۱۵ درصد``, ``۱۸-۱۶ سال`` and for two
  bare numbers that share one scale (``۲۰۰ و ۳۰۰ هزار دلار``); for a date
  it holds the years (``۱۴۰۱-۱۴۰۲``, ``دهه ۶۰``) or the days (``۹ تا ۱۹ شهریور``).
* ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a day and month without a
  year is ``--MM-DD`` (the ISO 8601 form for a recurring date). ``calendar`` says
  which calendar: "jalali" (Persian months, years before 1800), "gregorian"
  (``۹ دسامبر``, ``سال 2014``) or "hijri" (``۱۴۱۷ قمری``).
* ``clock`` is ``HH:MM`` for kind ``time``.
* ``is_code`` marks a bare integer that names something (``سامانه ۱۳۷``,
  ``ماده ۱۲``) or starts with zero (``۰۰۱۲۳``): the caller decides.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

NumberKind = Literal["number", "percent", "ordinal", "multiplier", "date", "time"]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """One number expression: ``text[start:end]`` as written."""

    start: int
    end: int
    value: float | None
    kind: NumberKind = "number"
    range: tuple[float, float] | None = None
    date: str | None = None  # Jalali 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY' / '--MM-DD'
    negative: bool = False
    is_words: bool = False  # at least one part is written in words
    adjective: bool = False  # درصدی, میلیاردی, برابری, هزارتایی
    is_code: bool = False  # a number that names something: سامانه ۱۳۷, ماده ۱۲
    scale: float | None = None  # the largest scale word used (1e3, 1e6, ...)
    clock: str | None = None  # 'HH:MM' for kind == "time"
    calendar: str | None = None  # "jalali", "gregorian" or "hijri" for kind == "date"
    score: tuple[float, float] | None = None  # "نتیجه ۲-۱": both sides, as written


# --------------------------------------------------------------------- data

_DATA_PATH = Path(__file__).with_name("data") / "numbers.toml"


def _load() -> dict[str, Any]:
    with _DATA_PATH.open("rb") as fh:
        return tomllib.load(fh)


_D = _load()

# Letters folded before a word is looked up: Arabic forms, tatweel, diacritics.
_FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ـ": None}
    | {chr(c): None for c in range(0x064B, 0x0660)}
    | {"\u0670": None}
)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def _fold(word: str) -> str:
    return word.translate(_FOLD)


# Word classes of the small-number grammar: u = unit, t = teen, d = tens, h = hundreds.
_NUMWORDS: dict[str, tuple[float, str]] = {}
for _table, _place in (("units", "u"), ("teens", "t"), ("tens", "d"), ("hundreds", "h")):
    for _w, _v in _D[_table].items():
        _NUMWORDS[_fold(_w)] = (float(_v), _place)

_SCALES: dict[str, float] = {_fold(w): float(v) for w, v in _D["scales"].items()}
_ADJ_SUFFIXES: frozenset[str] = frozenset(_D["scales_rules"]["adjective_suffixes"])
# Glued adjectival scales: میلیاردی, هزارتایی.
_SCALE_ADJ: dict[str, float] = {w + s: v for w, v in _SCALES.items() for s in _ADJ_SUFFIXES}
_FRACS: dict[str, float] = {_fold(w): float(v) for w, v in _D["fractions"].items()}
_DECIMAL_WORDS: frozenset[str] = frozenset(_fold(w) for w in _D["decimal_point"]["words"])

# Ordinals: word -> (value, place or "s" for a scale, usable as a fraction denominator).
_ORDS: dict[str, tuple[float, str, bool]] = {}
_ord = _D["ordinals"]
_position_only_sfx = set(_ord["position_only_suffixes"])
_position_only_words = {_fold(w) for w in _ord["position_only"]["words"]}
_irregular_values = {int(v) for v in _ord["irregular"].values()}
for _w, _v in _ord["irregular"].items():
    _fw = _fold(_w)
    _place = "u" if _v < 10 else "t"
    _ORDS[_fw] = (float(_v), _place, _fw not in _position_only_words)
_bases: list[tuple[str, float, str]] = [(w, v, p) for w, (v, p) in _NUMWORDS.items()]
_bases += [(w, v, "s") for w, v in _SCALES.items()]
for _w, _v, _place in _bases:
    if _place == "u" and int(_v) in _irregular_values:
        continue
    _sfxs = _ord["vowel_suffixes"] if _w[-1] in _ord["vowel_final_letters"] else _ord["suffixes"]
    for _s in _sfxs:
        _ORDS.setdefault(_w + _s, (_v, _place, _s not in _position_only_sfx))
# Every written form of a scale: plain, adjectival (میلیاردی) or ordinal (هزارمین).
_SCALE_FORMS: dict[str, tuple[float, str]] = (
    {w: (v, "ordinal") for w, (v, p, _d) in _ORDS.items() if p == "s"}
    | {w: (v, "adjective") for w, v in _SCALE_ADJ.items()}
    | {w: (v, "plain") for w, v in _SCALES.items()}
)
_DIGIT_ORD_SUFFIXES: frozenset[str] = frozenset(_ord["digit_suffixes"])
_WORD_ORD_SUFFIXES: frozenset[str] = frozenset(_ord["vowel_suffixes"]) | _DIGIT_ORD_SUFFIXES
_SPACED_ORD_SUFFIXES: frozenset[str] = frozenset(_ord["spaced_suffixes"])

_PCT_WORDS: dict[str, bool] = {_fold(w): False for w in _D["percent"]["words"]}
_PCT_WORDS |= {_fold(w): True for w in _D["percent"]["adjectives"]}
_PCT_SIGNS: frozenset[str] = frozenset(_D["percent"]["signs"])
_PCT_SPLIT: list[tuple[str, ...]] = [tuple(_fold(w) for w in p) for p in _D["percent"]["split"]]
_MULT_WORDS: dict[str, bool] = {_fold(w): False for w in _D["multiplier"]["words"]}
_MULT_WORDS |= {_fold(w): True for w in _D["multiplier"]["adjectives"]}

_NEG_WORDS: frozenset[str] = frozenset(_fold(w) for w in _D["sign"]["negative"])
_MINUS_SIGNS: frozenset[str] = frozenset(_D["sign"]["minus_signs"])
_AND: str = _fold(_D["connectives"]["and"])
_RANGE_WORDS: frozenset[str] = frozenset(_fold(w) for w in _D["connectives"]["range"])
_RANGE_SIGNS: frozenset[str] = frozenset(_D["connectives"]["range_signs"])
_BETWEEN: frozenset[str] = frozenset(_fold(w) for w in _D["connectives"]["between"])
_CHANGE_FROM: str = _fold(_D["connectives"]["change_from"])
_CHANGE_TO: str = _fold(_D["connectives"]["change_to"])
_SCORE_BEFORE: frozenset[str] = frozenset(_fold(w) for w in _D["scores"]["before"])
_SCORE_AFTER: frozenset[str] = frozenset(_fold(w) for w in _D["scores"]["after"])

_MONTH_WORD: str = _fold(_D["dates"]["month_word"])
_MONTHS: dict[str, int] = {_fold(w): int(v) for w, v in _D["months"].items()}
_MONTHS_GLUED: dict[str, int] = {w + _MONTH_WORD: v for w, v in _MONTHS.items()}
_GMONTHS: dict[str, int] = {_fold(w): int(v) for w, v in _D["gregorian_months"].items()}
_HMONTHS: dict[str, int] = {_fold(w): int(v) for w, v in _D.get("hijri_months", {}).items()}
_dates = _D["dates"]
_YEAR_WORDS: frozenset[str] = frozenset(
    _fold(w).replace("\u200c", "") for w in _dates["year_words"]
)
_YEAR_TAILS: frozenset[str] = frozenset(_fold(w) for w in _dates["year_word_tails"])
_TWO_DIGIT_PIVOT: int = int(_dates["two_digit_pivot"])
_YEAR_RANGES: list[tuple[int, int]] = [(int(a), int(b)) for a, b in _dates["year_ranges"]]
_DECADE_WORDS: frozenset[str] = frozenset(_fold(w) for w in _dates["decade_words"])
_ERAS: dict[str, str] = {_fold(w): c for w, c in _dates["eras"].items()}
_HOUR_WORDS: frozenset[str] = frozenset(_fold(w) for w in _D["times"]["hour_words"])
_MINUTE_WORDS: frozenset[str] = frozenset(_fold(w) for w in _D["times"]["minute_words"])

_AMBIGUOUS: dict[str, frozenset[str]] = {
    _fold(w): frozenset(_fold(x) for x in nxt) for w, nxt in _D["ambiguous"].items()
}
_nf = _D["non_figures"]
_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _p in _nf["phrases"]:
    _parts = tuple(_fold(x) for x in _p.replace("\u200c", " ").split())
    _PHRASES.setdefault(_parts[0], []).append(_parts)
for _lst in _PHRASES.values():
    _lst.sort(key=len, reverse=True)
_WEEKDAY_TAILS: frozenset[str] = frozenset(_fold(w) for w in _nf["weekday_tails"])
_NAMED: frozenset[str] = frozenset(_fold(w) for w in _nf["named"]["words"])
_VAGUE: frozenset[str] = frozenset(_fold(w).replace("\u200c", "") for w in _nf["vague"])
_VAGUE_TAILS: frozenset[str] = frozenset(_fold(w) for w in _nf["vague_tails"])
_CODE_WORDS: frozenset[str] = frozenset(_fold(w) for w in _D["codes"]["words"])
_CODE_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    tuple(_fold(x) for x in p.split()) for p in _D["codes"]["phrases"]
)
_CODE_ZERO_MIN: int = int(_D["codes"]["leading_zero_code_min_digits"])
_MAX_DIGITS: int = int(_D["codes"]["max_integer_digits"])
_MAX_RUN: int = int(_D["codes"]["max_digit_run_chars"])

# Words glued without a space or ZWNJ that the tokenizer splits in two:
# "دوبرابر", "صدهزار", "یکمیلیون", "سه‌درصد" (the last has a ZWNJ anyway).
_GLUED: dict[str, int] = {}
for _w in list(_NUMWORDS) + list(_SCALES):
    for _right in list(_SCALES) + list(_SCALE_ADJ) + list(_PCT_WORDS) + list(_MULT_WORDS):
        _GLUED.setdefault(_w + _right, len(_w))
_GLUED["صددرصد"] = 0  # "completely": a non-figure, kept whole
for _w in _NUMWORDS:
    _GLUED.setdefault(_w + "تایی", len(_w))
for _w, (_v, _place) in _NUMWORDS.items():
    if _place in ("h", "d"):
        _GLUED.setdefault(_w + _AND, len(_w))  # "صدو بیست"
for _w in _SCALES:
    _GLUED.setdefault(_w + _AND, len(_w))  # "۶ هزارو ۹۰۰"
for _w in list(_GLUED):
    if _w in _NUMWORDS or _w in _ORDS or _w in _SCALE_FORMS:
        del _GLUED[_w]

_AND_GLUED_OK: frozenset[str] = frozenset(list(_NUMWORDS) + list(_ORDS) + list(_FRACS))

# Words that can open a match (or a phrase to skip) when met by the main loop.
_START_WORDS: frozenset[str] = frozenset(
    list(_NUMWORDS)
    + list(_SCALES)
    + list(_SCALE_ADJ)
    + list(_FRACS)
    + list(_ORDS)
    + list(_NEG_WORDS)
    + list(_BETWEEN)
    + list(_YEAR_WORDS)
    + list(_HOUR_WORDS)
    + list(_MONTHS)
    + list(_MONTHS_GLUED)
    + list(_VAGUE)
    + list(_PHRASES)
    + list(_GMONTHS)
    + list(_DECADE_WORDS)
)
# Words that may follow a number word across a ZWNJ without making it part of
# another word ("یک‌میلیون", "سی‌ام", "ده‌تایی", "۲۰‌درصد").
_ZWNJ_CONTINUATIONS: frozenset[str] = frozenset(
    list(_NUMWORDS)
    + list(_SCALES)
    + list(_SCALE_ADJ)
    + list(_FRACS)
    + list(_ORDS)
    + list(_PCT_WORDS)
    + list(_MULT_WORDS)
    + list(_WORD_ORD_SUFFIXES)
    + list(_ADJ_SUFFIXES)
    + list(_VAGUE_TAILS)
    + list(_WEEKDAY_TAILS)
    + [_MONTH_WORD, _AND]
)

# Every word the parser ever compares with; other words become placeholders.
_RELEVANT: frozenset[str] = frozenset(
    set(_START_WORDS)
    | set(_ZWNJ_CONTINUATIONS)
    | set(_PCT_WORDS)
    | set(_MULT_WORDS)
    | {w for split in _PCT_SPLIT for w in split}
    | {w for lst in _PHRASES.values() for ph in lst for w in ph}
    | {w for ph in _CODE_PHRASES for w in ph}
    | set(_CODE_WORDS)
    | set(_NAMED)
    | set(_RANGE_WORDS)
    | set(_YEAR_TAILS)
    | set(_ERAS)
    | set(_GMONTHS)
    | {part for w in _HMONTHS for part in w.split("\u200c")}
    | {w for nxt in _AMBIGUOUS.values() for w in nxt}
    | set(_AMBIGUOUS)
    | {_CHANGE_FROM, _CHANGE_TO, _AND, _MONTH_WORD}
    | set(_MINUTE_WORDS)
    | set(_DIGIT_ORD_SUFFIXES)
    | set(_SPACED_ORD_SUFFIXES)
    | set(_ADJ_SUFFIXES)
    | set(_DECIMAL_WORDS)
    | _SCORE_BEFORE
    | _SCORE_AFTER
)

# --------------------------------------------------------------------- tokens

_DC = "0-9\u06f0-\u06f9\u0660-\u0669"
_LETTERS = (
    "\u0621-\u063a\u0640-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0670"
    "\ufb50-\ufdff\ufe70-\ufefc"
)
_TOKEN_RX = re.compile(
    rf"(?P<lat>[A-Za-z][A-Za-z0-9_]*(?:[-./][A-Za-z0-9_]+)*)"
    rf"|(?P<num>[{_DC}]+(?:[٬,٫./:\-][{_DC}]+)*)"
    rf"|(?P<word>[{_LETTERS}]+(?:[\u200c-\u200f\xad]+[{_LETTERS}]+)*)"
    r"|(?P<p>[^\s\u200c-\u200f\ufeff\xad])",
)
_INVISIBLE = "\u200c\u200d\u200e\u200f\ufeff\xad"
# Punctuation the parser reads; any other mark only separates (like a line break).
_KEPT_PUNCT: frozenset[str] = frozenset("%٪﹪-–—−:.#@_$")
_URL_RX = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'«»]+|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
# Phone numbers, written together or with spaces or hyphens: "۰۹۱۲۱۲۳۴۵۶۷",
# "۰۲۱-۶۶۶۶۶۶۶۶", "۰۲۱ ۸۸۸۸ ۸۸۸۸", "+98 912 123 4567" (\d is any decimal digit,
# so the three digit systems are covered).
_PHONE_RX = re.compile(
    r"[+0۰٠](?<!\d[+0۰٠])(?:(?<=\+)[9۹٩][8۸٨][ -]?|(?<=[0۰٠])(?:[0۰٠][9۹٩][8۸٨][ -]?)?)"
    r"(?:[9۹٩]\d{2}[ -]?\d{3}[ -]?\d{4}|\d{2,3}(?:[ -]?\d{3,4}[ -]?\d{4}|-\d{5,8}))(?!\d)"
)
_ZW_SPLIT = re.compile(r"[\u200c-\u200f\xad]+")

_DATE_YMD = re.compile(r"(\d{4}|\d{2})([/\-.])(\d{1,2})\2(\d{1,2})")
_DATE_DMY = re.compile(r"(\d{1,2})([/\-.])(\d{1,2})\2(\d{4}|\d{2})")
_YEAR_PAIR = re.compile(r"(\d{4})[/\-](\d{4})")
_DATE_YM = re.compile(r"(1[34]\d\d)/(\d{1,2})")
_TIME_RX = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_NUMPART = re.compile(
    r"(?P<th>\d{1,3}(?:[٬,]\d{3})+(?:[٫.]\d+)?)"
    r"|(?P<dt>\d{1,3}(?:\.\d{3}){2,})"
    r"|(?P<cdec>\d+,\d{1,2}(?!\d))"
    r"|(?P<dec>\d+(?:[٫./]\d+)?)"
    r"|(?P<sep>.)"
)

# Token kinds
_K_DIGITS = 0  # a number in digits (value set)
_K_WORD = 1  # a Persian word part (folded text)
_K_LATIN = 2
_K_PUNCT = 3
_K_DATE = 4  # a digit date: 1399/08/05
_K_TIME = 5  # 10:30
_K_SKIP = 6  # phone number, URL part, overlong digits: never a figure, nor part of one

# Glue between a token and the previous one.
_G_NONE = 0  # adjacent
_G_ZWNJ = 1
_G_SPACE = 2
_G_BREAK = 3  # newline or start of text


class _Tok:
    """One token; ``text`` is the folded word for words, the raw text otherwise."""

    __slots__ = ("date", "digits", "end", "glue", "hi", "kind", "start", "text", "value")

    def __init__(self, kind: int, start: int, end: int, text: str, glue: int) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.glue = glue
        self.value: float = 0.0
        self.date: str | None = None
        self.digits = 0  # digits before the decimal point, for year checks
        self.hi = 0.0  # the last year of a digit span of years


# One shared token per glue for the words the grammar never reads.
_OTHER: tuple[_Tok, ...] = tuple(_Tok(_K_WORD, -1, -1, "", g) for g in range(4))

_WordParts = list[tuple[int, int, str | None, int]]
_WORD_CACHE: dict[str, _WordParts] = {}
_WORD_CACHE_MAX = 50_000  # distinct words remembered (a few MB at most)
_UNREAD_WORD: _WordParts = [(0, 0, None, _G_NONE)]  # shared by every word never read


def _split_word(word: str) -> _WordParts:
    """Cut a word at ZWNJ and at glued number boundaries: (start, end, folded, glue).

    ``folded`` is None for a part the grammar never reads.
    """
    out: _WordParts = []
    pos = 0
    first = True
    for m in _ZW_SPLIT.finditer(word + "\u200c"):
        part = word[pos : m.start()]
        folded = _fold(part)
        glue = _G_NONE if first else _G_ZWNJ
        cut = _GLUED.get(folded, 0)
        if (
            not first
            and len(folded) == len(part)
            and folded[:1] == _AND
            and folded[1:] in _AND_GLUED_OK
        ):
            # "چهل‌ویکمین": the connective glued to the next number word
            out.append((pos, pos + 1, _AND, glue))
            out.append((pos + 1, m.start(), folded[1:], _G_NONE))
        elif cut and len(folded) == len(part):
            out.append((pos, pos + cut, folded[:cut], glue))
            out.append((pos + cut, m.start(), folded[cut:], _G_NONE))
        else:
            out.append((pos, m.start(), folded if folded in _RELEVANT else None, glue))
        pos = m.end()
        first = False
    if len(out) == 1 and out[0][2] is None:
        out = _UNREAD_WORD
    if len(_WORD_CACHE) < _WORD_CACHE_MAX:
        _WORD_CACHE[word] = out
    return out


def _year_ok(y: int) -> bool:
    return any(a <= y <= b for a, b in _YEAR_RANGES)


def _digit_tokens(raw: str, start: int, glue: int) -> list[_Tok]:
    """Read one run of digits and separators into number, date, time or skip tokens."""
    s = raw.translate(_DIGITS)
    end = start + len(raw)
    if len(raw) > _MAX_RUN:
        return [_Tok(_K_SKIP, start, end, s, glue)]  # a serial or a table row, not a figure
    m = _DATE_YMD.fullmatch(s)
    if m and (len(m.group(1)) == 4 or m.group(2) == "/"):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if len(m.group(1)) == 2:
            y += 1300 if y >= _TWO_DIGIT_PIVOT else 1400
        if 1 <= mo <= 12 and 1 <= d <= 31 and _year_ok(y):
            t = _Tok(_K_DATE, start, end, s, glue)
            t.date, t.value = f"{y:04d}-{mo:02d}-{d:02d}", float(y)
            return [t]
    m = _DATE_DMY.fullmatch(s)
    if m and (len(m.group(4)) == 4 or m.group(2) == "/"):
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if len(m.group(4)) == 2:
            y += 1300 if y >= _TWO_DIGIT_PIVOT else 1400
        if 1 <= mo <= 12 and 1 <= d <= 31 and _year_ok(y):
            t = _Tok(_K_DATE, start, end, s, glue)
            t.date, t.value = f"{y:04d}-{mo:02d}-{d:02d}", float(y)
            return [t]
    m = _DATE_YM.fullmatch(s)
    if m and 1 <= int(m.group(2)) <= 12 and len(m.group(2)) == 2:
        t = _Tok(_K_DATE, start, end, s, glue)
        t.date, t.value = f"{m.group(1)}-{int(m.group(2)):02d}", float(m.group(1))
        return [t]
    m = _YEAR_PAIR.fullmatch(s)
    if m:
        y1, y2 = int(m.group(1)), int(m.group(2))
        if _year_ok(y1) and _year_ok(y2) and 0 < abs(y2 - y1) <= 5:
            # "2013/2014", "۱۴۰۱-۱۴۰۲": a span of years
            t = _Tok(_K_DATE, start, end, s, glue)
            t.date, t.value, t.hi = str(min(y1, y2)), float(min(y1, y2)), float(max(y1, y2))
            return [t]
    m = _TIME_RX.fullmatch(s)
    if m and int(m.group(1)) <= 24 and int(m.group(2)) < 60:
        t = _Tok(_K_TIME, start, end, s, glue)
        t.date = f"{int(m.group(1)):02d}:{m.group(2)}"
        return [t]
    out: list[_Tok] = []
    for p in _NUMPART.finditer(s):
        a, b = start + p.start(), start + p.end()
        g = glue if not out else _G_NONE
        kind = p.lastgroup
        txt = p.group(0)
        if kind == "sep":
            out.append(_Tok(_K_PUNCT, a, b, txt, g))
            continue
        if kind == "th":
            num = txt.replace("٬", "").replace(",", "").replace("٫", ".")
        elif kind == "dt":
            num = txt.replace(".", "")
        elif kind == "cdec":
            num = txt.replace(",", ".")  # "۲,۵ درصد": a comma typed for the decimal point
        else:
            num = txt.replace("٫", ".").replace("/", ".")
        digits = len(num.split(".")[0])
        if digits > _MAX_DIGITS:
            out.append(_Tok(_K_SKIP, a, b, txt, g))  # a digit string, not a quantity
            continue
        t = _Tok(_K_DIGITS, a, b, txt, g)
        t.value = float(num)
        t.digits = digits
        out.append(t)
    return out


def _tokenize(text: str) -> list[_Tok]:
    """Cut the text into tokens; words the grammar never reads share placeholder tokens."""
    toks: list[_Tok] = []
    append = toks.append
    blocked: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PHONE_RX.finditer(text)]
    if "@" in text or "://" in text or "www." in text or "WWW." in text:
        blocked += [(m.start(), m.end()) for m in _URL_RX.finditer(text)]
        blocked.sort()
    bi, nblocked = 0, len(blocked)
    glued_and: list[int] = []  # "سیو": a number word glued to "و", read as "سی و"
    prev_end = 0
    broken = True  # a line break or a separating mark since the last token
    cache = _WORD_CACHE
    for m in _TOKEN_RX.finditer(text):
        a, b = m.span()
        if a != prev_end:
            gap = text[prev_end:a]
            if gap == " ":
                glue = _G_BREAK if broken else _G_SPACE
            elif broken or "\n" in gap or "\r" in gap or "\u2028" in gap or "\u2029" in gap:
                glue = _G_BREAK
            elif gap.strip(_INVISIBLE):
                glue = _G_SPACE
            else:
                glue = _G_ZWNJ
        else:
            glue = _G_BREAK if broken else _G_NONE
        prev_end = b
        broken = False
        if bi < nblocked:
            while bi < nblocked and blocked[bi][1] <= a:
                bi += 1
            if bi < nblocked and blocked[bi][0] <= a:
                append(_Tok(_K_SKIP, a, b, "", glue))
                continue
        kind = m.lastgroup
        if kind == "word":
            word = m.group()
            parts = cache.get(word)
            if parts is None:
                parts = _split_word(word)
            if parts is _UNREAD_WORD:
                append(_OTHER[glue])
                continue
            for ps, pe, folded, g in parts:
                if folded is None:
                    append(_OTHER[glue if ps == 0 else g])
                else:
                    append(_Tok(_K_WORD, a + ps, a + pe, folded, glue if ps == 0 else g))
            if len(parts) == 2 and parts[1][2] == _AND and parts[1][1] == b - a:
                glued_and.append(len(toks) - 1)
        elif kind == "num":
            toks.extend(_digit_tokens(m.group(), a, glue))
        elif kind == "lat":
            append(_Tok(_K_LATIN, a, b, m.group(), glue))
        else:
            ch = m.group()
            if ch in _KEPT_PUNCT:
                append(_Tok(_K_PUNCT, a, b, ch, glue))
            else:
                broken = True
    for k in glued_and:
        if not _starts_number(toks, k + 1):
            # "با سیو عالی": a word that only looks like "سی و"; no number follows it
            toks[k - 1] = _OTHER[toks[k - 1].glue]
            toks[k] = _OTHER[toks[k].glue]
    return toks


def _starts_number(toks: list[_Tok], i: int) -> bool:
    """Whether a number (digits or a number word) starts at token ``i``."""
    if i >= len(toks):
        return False
    t = toks[i]
    return t.kind == _K_DIGITS or (t.kind == _K_WORD and (t.text in _NUMWORDS or t.text in _SCALES))


# --------------------------------------------------------------------- parser


@dataclass(slots=True)
class _Card:
    """A cardinal read from the tokens: value and where it ends (exclusive)."""

    value: float
    end: int
    words: bool = False
    atoms: int = 1  # number atoms and scales read
    scale: float = 0.0  # largest scale word
    ordinal: bool = False
    adjective: bool = False
    single_word: str | None = None  # the word, when the cardinal is one bare word
    integer: bool = True


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.t = toks
        self.n = len(toks)

    # -- helpers ------------------------------------------------------------
    def word(self, i: int) -> str | None:
        if i < self.n:
            t = self.t[i]
            if t.kind == _K_WORD:
                return t.text
        return None

    def joined(self, i: int) -> bool:
        """Whether token i follows its predecessor on the same line, with no mark between."""
        return i < self.n and self.t[i].glue != _G_BREAK

    def tight(self, i: int) -> bool:
        """Whether token i is glued to its predecessor (nothing or a ZWNJ between)."""
        return i < self.n and self.t[i].glue in (_G_NONE, _G_ZWNJ)

    def is_num_atom(self, i: int) -> bool:
        if i >= self.n:
            return False
        t = self.t[i]
        if t.kind == _K_DIGITS:
            return True
        return t.kind == _K_WORD and (t.text in _NUMWORDS or t.text in _ORDS)

    # -- small groups: "ششصد و چهل و سه", "۱۵۰", "نیم" ------------------------
    def read_small(self, i: int) -> _Card | None:
        t = self.t[i]
        if t.kind == _K_DIGITS:
            if i + 1 < self.n and self.t[i + 1].glue == _G_NONE:
                nxt = self.t[i + 1]
                if nxt.kind == _K_LATIN:
                    return None
            return _Card(t.value, i + 1, integer=t.value.is_integer())
        if t.kind != _K_WORD:
            return None
        w = t.text
        if w in _ORDS:
            v, place, _denominator = _ORDS[w]
            if place == "s":
                return None
            return _Card(v, i + 1, words=True, ordinal=True, single_word=w)
        if w in _FRACS:
            return _Card(_FRACS[w], i + 1, words=True, single_word=w, integer=False)
        if w not in _NUMWORDS:
            return None
        value, place = _NUMWORDS[w]
        card = _Card(value, i + 1, words=True, single_word=w)
        j = i + 1
        while place in ("h", "d") and j + 1 < self.n and self.word(j) == _AND:
            if not (self.joined(j) and self.joined(j + 1)):
                break
            w2 = self.word(j + 1)
            if w2 is None:
                break
            ordinal = False
            if w2 in _NUMWORDS:
                v2, p2 = _NUMWORDS[w2]
            elif w2 in _ORDS:
                v2, p2, _denominator = _ORDS[w2]
                ordinal = True
            else:
                break
            if not ((place == "h" and p2 in ("d", "t", "u")) or (place == "d" and p2 == "u")):
                break
            value += v2
            place = p2
            j += 2
            card.atoms += 1
            card.single_word = None
            if ordinal:
                card.ordinal = True
                break
        card.value = value
        card.end = j
        return card

    # -- full cardinals: groups with scales ----------------------------------
    def read_card(self, i: int) -> _Card | None:
        t = self.t[i]
        if t.kind == _K_WORD and t.text in _SCALE_FORMS:
            card = _Card(1.0, i, words=True, atoms=0)
            cur: float | None = 1.0
        else:
            first = self.read_small(i)
            if first is None:
                return None
            if first.ordinal:
                return first
            card = first
            cur = first.value
        total = 0.0
        last_scale = 0.0
        max_scale = 0.0
        j = card.end
        while j < self.n and (j == i or self.joined(j)):
            w = self.word(j)
            if w is None:
                break
            form = _SCALE_FORMS.get(w)
            if form is not None:
                s, how = form
                ordinal = how == "ordinal"
                adj = how == "adjective"
                if cur is None and not (last_scale and s > max_scale):
                    break
                c = 1.0 if cur is None and not last_scale else (cur or 0.0)
                if not last_scale:
                    total = c * s
                elif s > max_scale:
                    total = (total + c) * s
                elif s < last_scale and c * s < last_scale:
                    total += c * s
                else:
                    break
                last_scale = s
                max_scale = max(max_scale, s)
                cur = None
                card.atoms += 1
                card.words = True
                card.single_word = None
                j += 1
                if ordinal or adj:
                    card.ordinal = ordinal
                    card.adjective = adj
                    break
                continue
            if (
                w in _DECIMAL_WORDS
                and cur is not None
                and not last_scale
                and card.integer
                and self.joined(j + 1)
                and self.is_num_atom(j + 1)
            ):
                # "سه ممیز پنج": the digits after the point, in words or digits
                frac = self.read_small(j + 1)
                if frac is None or frac.ordinal or not frac.integer:
                    break
                places = len(str(int(frac.value)))
                if frac.end == j + 2 and self.t[j + 1].kind == _K_DIGITS:
                    places = len(self.t[j + 1].text)  # "۳ ممیز ۰۵" keeps its zero
                cur += frac.value / 10**places
                card.integer = False
                card.words = True
                card.single_word = None
                card.atoms += frac.atoms
                j = frac.end
                continue
            if w == _AND and j + 1 < self.n and self.joined(j + 1):
                w2 = self.word(j + 1)
                if w2 is not None and w2 in _FRACS and _FRACS[w2] == 0.5:
                    if cur is not None:
                        cur += 0.5
                    elif last_scale:
                        total += 0.5 * last_scale
                    else:
                        break
                    card.words = True
                    card.integer = False
                    card.single_word = None
                    card.atoms += 1
                    j += 2
                    if cur is None:
                        break
                    continue
                if cur is not None and not last_scale and card.integer:
                    # "۹۸ و سه دهم": a decimal fraction in words after the whole part
                    tenths = self._decimal_fraction(j + 1)
                    if tenths is not None:
                        frac_value, k = tenths
                        cur += frac_value
                        card.words = True
                        card.integer = False
                        card.single_word = None
                        card.atoms += 1
                        j = k
                        continue
                if cur is None and last_scale and self.is_num_atom(j + 1):
                    nxt = self.read_small(j + 1)
                    if nxt is None:
                        break
                    k = nxt.end
                    w3 = self.word(k) if self.joined(k) and not nxt.ordinal else None
                    s2 = _SCALE_FORMS[w3][0] if w3 in _SCALE_FORMS else None
                    if s2 is not None:
                        ok = (s2 < last_scale and nxt.value * s2 < last_scale) or s2 > max_scale
                        compound, k2 = self._scale_run(k)
                        if not ok and compound > max_scale and nxt.integer:
                            # "۷ هزار و ۵۰۰ هزار میلیارد": 7,500 of the compound
                            # scale هزار میلیارد
                            total = (total + nxt.value) * compound
                            last_scale = max_scale = compound
                            card.atoms += nxt.atoms + 1
                            card.words = True
                            j = k2
                            continue
                    else:
                        ok = nxt.value < last_scale
                    if not ok:
                        break
                    cur = nxt.value
                    card.words = card.words or nxt.words
                    card.atoms += nxt.atoms
                    card.integer = card.integer and nxt.integer
                    j = k
                    if nxt.ordinal:
                        card.ordinal = True
                        break
                    continue
            break
        card.value = total + (cur or 0.0) if last_scale else (cur or 0.0)
        card.scale = max_scale
        card.end = j
        if card.atoms == 0:
            return None
        return card

    def _scale_run(self, k: int) -> tuple[float, int]:
        """The product of plain scale words from ``k`` on ("هزار میلیارد"), and its end."""
        product = 1.0
        n = 0
        while k < self.n and self.joined(k):
            w = self.word(k)
            form = _SCALE_FORMS.get(w) if w is not None else None
            if form is None or form[1] != "plain" or (n and form[0] <= product):
                break
            product *= form[0]
            n += 1
            k += 1
        return (product if n >= 2 else 0.0), k

    def _decimal_fraction(self, i: int) -> tuple[float, int] | None:
        """ "سه دهم", "۲۵ صدم" at ``i``: the fraction and the index after it."""
        if i >= self.n or not self.joined(i) or not self.is_num_atom(i):
            return None
        num = self.read_small(i)
        if num is None or num.ordinal or not num.integer or not self.joined(num.end):
            return None
        w = self.word(num.end)
        den = _ORDS.get(w) if w is not None else None
        if den is None or not den[2] or den[0] not in (10.0, 100.0, 1000.0):
            return None
        if not 1 <= num.value < den[0]:
            return None
        return num.value / den[0], num.end + 1

    # -- suffixes: percent, multiplier, ordinal, adjective ---------------------
    def read_kind(self, j: int) -> tuple[str | None, int, bool]:
        """Percent or multiplier word after a number: (kind, new end, adjective)."""
        if j >= self.n or not self.joined(j):
            return None, j, False
        t = self.t[j]
        if t.kind == _K_PUNCT and t.text in _PCT_SIGNS and t.glue != _G_BREAK:
            return "percent", j + 1, False
        if t.kind != _K_WORD:
            return None, j, False
        w = t.text
        if w in _PCT_WORDS:
            return "percent", j + 1, _PCT_WORDS[w]
        if w in _MULT_WORDS:
            return "multiplier", j + 1, _MULT_WORDS[w]
        for split in _PCT_SPLIT:
            k = j
            for part in split:
                if self.word(k) != part or not self.joined(k):
                    break
                k += 1
            else:
                return "percent", k, False
        return None, j, False

    def read_day_month(self, card: _Card, i: int) -> NumberMatch | None:
        """'۵ آذر', 'دهم آذرماه ۱۳۹۹', '۵ آذر سال ۱۳۹۹' after a day number."""
        j = card.end
        w = self.word(j)
        if w is None or not self.joined(j) or card.scale or not card.integer:
            return None
        if not 1 <= card.value <= 31 or card.atoms > 3:
            return None
        if w == _MONTH_WORD and self.joined(j + 1):
            nxt = self.word(j + 1)  # "۱۹ ماه جولای": the word «ماه» before the month's name
            if nxt is not None and (nxt in _MONTHS or nxt in _GMONTHS):
                j, w = j + 1, nxt
        calendar = "jalali"
        month = _MONTHS.get(w) or _MONTHS_GLUED.get(w)
        if month is None:
            month = _GMONTHS.get(w)
            calendar = "gregorian"
        extra = 0
        if month is None:
            calendar = "hijri"
            month = _HMONTHS.get(w)
            second = self.word(j + 1)
            if month is None and second is not None:
                month = _HMONTHS.get(w + "\u200c" + second)  # "جمادی‌الثانی", "ربیع الاول"
                extra = 1
        if month is None:
            return None
        end = j + 1 + extra
        if w in _MONTHS and self.word(end) == _MONTH_WORD and self.joined(end):
            end += 1
        year, yend = self.read_year(end, allow_year_word=True)
        if calendar == "gregorian" and year is not None and year < 1800:
            year = None
        day = int(card.value)
        if year is not None:
            date = f"{year:04d}-{month:02d}-{day:02d}"
            end = yend
        else:
            date = f"--{month:02d}-{day:02d}"
        t0 = self.t[i]
        return NumberMatch(
            t0.start,
            self.t[end - 1].end,
            float(year) if year else None,
            "date",
            date=date,
            is_words=card.words,
            calendar=calendar,
        )

    def read_year(self, j: int, *, allow_year_word: bool) -> tuple[int | None, int]:
        """A year at token j (optionally after 'سال'): (year, end) or (None, j)."""
        k = j
        if allow_year_word and self.word(k) in _YEAR_WORDS and self.joined(k):
            k += 1
            if self.word(k) in _YEAR_TAILS and self.joined(k):
                k += 1
        if k >= self.n or not self.joined(k):
            return None, j
        t = self.t[k]
        if t.kind != _K_DIGITS or not t.value.is_integer() or "," in t.text or "٬" in t.text:
            return None, j
        y = self._year_value(t)
        if y is None:
            return None, j
        # "سال ۱۴۰۰ میلیارد" is an amount, not a year.
        w = self.word(k + 1)
        if (
            w is not None
            and self.joined(k + 1)
            and (w in _SCALE_FORMS or w in _PCT_WORDS or w in _MULT_WORDS)
        ):
            return None, j
        return y, k + 1

    def _year_value(self, t: _Tok) -> int | None:
        v = int(t.value)
        if t.digits == 4 and _year_ok(v):
            return v
        if t.digits == 2:
            if v >= _TWO_DIGIT_PIVOT:
                return 1300 + v
            if t.text.translate(_DIGITS).startswith("0"):
                return 1400 + v
        return None

    # -- one match at token i ------------------------------------------------
    def parse_at(self, i: int) -> tuple[NumberMatch | None, int]:
        """Try a match starting at token i: (match or None, index to continue from)."""
        t = self.t[i]
        kind = t.kind
        if kind == _K_DATE:
            return NumberMatch(
                t.start,
                t.end,
                t.value,
                "date",
                date=t.date,
                range=(t.value, t.hi) if t.hi else None,
                calendar=self._calendar(int(t.value)),
            ), i + 1
        if kind == _K_TIME:
            return NumberMatch(t.start, t.end, None, "time", clock=t.date), i + 1
        if kind == _K_PUNCT:
            return self.parse_sign(i)
        if kind == _K_WORD:
            w = t.text
            if w in _PHRASES:
                for phrase in _PHRASES[w]:
                    k = i + 1
                    for part in phrase[1:]:
                        if self.word(k) != part or not self.joined(k):
                            break
                        k += 1
                    else:
                        return None, k
            if w in _VAGUE:
                return None, self.skip_numbers(i + 1)
            if w in _NEG_WORDS:
                if i + 1 < self.n and self.joined(i + 1):
                    m, nxt = self.parse_quantity(i + 1, neg_start=i)
                    if m is not None:
                        return m, nxt
                return None, i + 1
            if w in _BETWEEN:
                return None, i + 1
            if w in _YEAR_WORDS:
                return self.parse_year_word(i)
            if w in _HOUR_WORDS:
                return self.parse_hour(i)
            if w in _MONTHS or w in _MONTHS_GLUED or w in _GMONTHS:
                return self.parse_month_year(i)
            if w in _DECADE_WORDS:
                return self.parse_decade(i)
            if t.glue in (_G_NONE, _G_ZWNJ) and i > 0:
                p = self.t[i - 1]
                if p.kind == _K_WORD and p.text not in _ZWNJ_CONTINUATIONS:
                    return None, i + 1  # inside a longer word: "نیم‌سال", "سی‌ان‌ان"
                if p.kind == _K_PUNCT and p.text == "." and t.glue == _G_NONE:
                    return None, i + 1  # an abbreviation: "بی.بی.سی"
        return self.parse_quantity(i)

    def skip_numbers(self, i: int) -> int:
        """Skip the number words after a vague word: 'ده‌ها هزار', 'چند میلیون'."""
        while i < self.n and self.joined(i):
            w = self.word(i)
            if w is None or not (
                w in _NUMWORDS or w in _SCALE_FORMS or w in _VAGUE_TAILS or w in _VAGUE or w == _AND
            ):
                break
            i += 1
        return i

    def parse_sign(self, i: int) -> tuple[NumberMatch | None, int]:
        t = self.t[i]
        if i + 1 >= self.n or self.t[i + 1].glue not in (_G_NONE, _G_SPACE):
            return None, i + 1
        nxt = self.t[i + 1]
        if nxt.kind != _K_DIGITS:
            return None, i + 1
        prev_number = (
            i > 0 and self.joined(i) and self.t[i - 1].kind in (_K_DIGITS, _K_SKIP, _K_LATIN)
        )
        if t.text in _PCT_SIGNS and nxt.glue == _G_NONE:
            card = self.read_card(i + 1)
            if card is not None and not prev_number:
                return self.finish(card, i, "percent", card.end, adjective=False), card.end
        if t.text in _MINUS_SIGNS and nxt.glue == _G_NONE and (t.glue != _G_NONE or i == 0):
            return self.parse_quantity(i + 1, neg_start=i)
        return None, i + 1

    @staticmethod
    def _calendar(year: int) -> str:
        return "gregorian" if year >= 1800 else "jalali"

    def parse_year_word(self, i: int) -> tuple[NumberMatch | None, int]:
        k = i + 1
        if self.word(k) in _YEAR_TAILS and self.joined(k):
            k += 1
        year, end = self.read_year(k, allow_year_word=False)
        if year is None:
            return None, i + 1
        t0 = self.t[i]
        # "سال ۹۸-۹۹", "سال ۸۵ تا ۹۰"
        if end + 1 < self.n and self.joined(end) and self.joined(end + 1):
            sep = self.t[end]
            if (sep.kind == _K_PUNCT and sep.text in _RANGE_SIGNS) or (
                sep.kind == _K_WORD and sep.text in _RANGE_WORDS
            ):
                y2t = self.t[end + 1]
                if y2t.kind == _K_DIGITS and y2t.value.is_integer():
                    y2 = self._year_value(y2t)
                    if y2 is not None and abs(y2 - year) <= 50:
                        lo, hi = sorted((year, y2))
                        return NumberMatch(
                            t0.start,
                            y2t.end,
                            float(lo),
                            "date",
                            range=(float(lo), float(hi)),
                            date=str(lo),
                            calendar=self._calendar(lo),
                        ), end + 2
        calendar = self._calendar(year)
        while self.joined(end) and self.word(end) in _ERAS and self.t[end].glue != _G_NONE:
            calendar = _ERAS[self.t[end].text]
            end += 1
        return NumberMatch(
            t0.start,
            self.t[end - 1].end,
            float(year),
            "date",
            date=f"{year:04d}",
            calendar=calendar,
        ), end

    def parse_decade(self, i: int) -> tuple[NumberMatch | None, int]:
        """'دهه ۶۰' (the 1360s), 'دهه ۱۹۹۰'."""
        j = i + 1
        if j >= self.n or not self.joined(j):
            return None, i + 1
        t = self.t[j]
        if t.kind != _K_DIGITS or not t.value.is_integer() or int(t.value) % 10:
            return None, i + 1
        v = int(t.value)
        if t.digits == 2 and v >= 10:
            lo = 1300 + v
        elif t.digits == 4 and _year_ok(v):
            lo = v
        else:
            return None, i + 1
        w = self.word(j + 1)
        if w is not None and self.joined(j + 1) and (w in _SCALES or w in _PCT_WORDS):
            return None, i + 1
        return NumberMatch(
            self.t[i].start,
            t.end,
            float(lo),
            "date",
            range=(float(lo), float(lo + 9)),
            date=str(lo),
            calendar=self._calendar(lo),
        ), j + 1

    def parse_hour(self, i: int) -> tuple[NumberMatch | None, int]:
        j = i + 1
        if j >= self.n or not self.joined(j):
            return None, i + 1
        t = self.t[j]
        t0 = self.t[i]
        if t.kind == _K_TIME:
            return NumberMatch(t0.start, t.end, None, "time", clock=t.date), j + 1
        if t.kind == _K_DIGITS and not t.value.is_integer() and t.digits <= 2:
            # "ساعت ۱۷.۳۰": a clock time written with a decimal point
            hh, dot, mm = t.text.translate(_DIGITS).replace("٫", ".").partition(".")
            if (
                dot
                and hh.isdigit()
                and mm.isdigit()
                and int(hh) <= 24
                and (len(mm) == 2 and int(mm) < 60)
            ):
                return NumberMatch(
                    t0.start, t.end, None, "time", clock=f"{int(hh):02d}:{mm}"
                ), j + 1
            return None, i + 1
        if t.kind == _K_DIGITS and t.value.is_integer() and t.value <= 24 and t.digits <= 2:
            h = int(t.value)
            w = self.word(j + 1)
            if w == _AND and self.joined(j + 1):
                # "ساعت ۸ و ۳۰ دقیقه"
                k = j + 2
                mt = self.t[k] if k < self.n and self.joined(k) else None
                if (
                    mt is not None
                    and mt.kind == _K_DIGITS
                    and mt.value.is_integer()
                    and mt.value < 60
                    and self.word(k + 1) in _MINUTE_WORDS
                    and self.joined(k + 1)
                ):
                    return NumberMatch(
                        t0.start,
                        self.t[k + 1].end,
                        None,
                        "time",
                        clock=f"{h:02d}:{int(mt.value):02d}",
                    ), k + 2
                return None, i + 1
            if w is not None and (w in _SCALES or w in _PCT_WORDS):
                return None, i + 1
            return NumberMatch(t0.start, t.end, None, "time", clock=f"{h:02d}:00"), j + 1
        return None, i + 1

    def parse_month_year(self, i: int) -> tuple[NumberMatch | None, int]:
        w = self.t[i].text
        month = _MONTHS.get(w) or _MONTHS_GLUED.get(w) or _GMONTHS[w]
        calendar = "gregorian" if w in _GMONTHS else "jalali"
        j = i + 1
        if w in _MONTHS and self.word(j) == _MONTH_WORD and self.joined(j):
            j += 1
        year, end = self.read_year(j, allow_year_word=True)
        if year is None or (calendar == "gregorian") != (year >= 1800):
            return None, i + 1
        t0 = self.t[i]
        return NumberMatch(
            t0.start,
            self.t[end - 1].end,
            float(year),
            "date",
            date=f"{year:04d}-{month:02d}",
            calendar=calendar,
        ), end

    def parse_quantity(
        self, i: int, neg_start: int | None = None
    ) -> tuple[NumberMatch | None, int]:
        t = self.t[i]
        if t.kind == _K_DIGITS and t.glue == _G_NONE and i > 0:
            p = self.t[i - 1]
            if p.kind == _K_LATIN or (p.kind == _K_PUNCT and p.text in ("#", "@", "_", "$")):
                return None, i + 1
            if (
                p.kind == _K_PUNCT
                and p.glue == _G_NONE
                and i > 1
                and (self.t[i - 2].kind == _K_LATIN)
            ):
                return None, i + 1  # "COVID-۱۹"
        if t.kind == _K_DIGITS and i > 0 and self.joined(i):
            k = i - 1
            if (
                self.t[k].kind == _K_PUNCT
                and self.t[k].text in _MINUS_SIGNS
                and (k > 0 and self.joined(k))
            ):
                k -= 1
            if self.t[k].kind == _K_WORD and self.t[k].text in _NAMED:
                return None, i + 1  # "کووید-۱۹", "بوئینگ ۷۳۷"
        card = self.read_card(i)
        if card is None:
            return None, i + 1
        if (
            t.kind == _K_WORD
            and t.text in _SCALE_FORMS
            and i > 0
            and (self.joined(i) and self.t[i - 1].kind == _K_SKIP)
        ):
            return None, card.end  # the scale of a digit string that is no quantity
        j = card.end
        # weekday names and vague plurals: "سه شنبه", "ده ها"
        if card.words and card.atoms == 1 and j < self.n and self.joined(j):
            w = self.word(j)
            if w in _WEEKDAY_TAILS:
                return None, j + 1
            if w in _VAGUE_TAILS:
                return None, self.skip_numbers(j + 1)
        if (
            self.word(j) == _AND
            and self.joined(j)
            and self.joined(j + 1)
            and (self.word(j + 1) in _VAGUE)
        ):
            return None, self.skip_numbers(j + 1)  # "سی و چند": thirty-odd
        last = self.t[j - 1]
        if (
            card.single_word is not None
            and self.tight(j)
            and j < self.n
            and self.t[j].kind == _K_WORD
        ):
            w = self.t[j].text
            if w not in _ZWNJ_CONTINUATIONS:
                return None, j + 1  # the number word is part of a longer word
        # ordinals: "۴۱مین", "سی‌ام", "چهل و یکمین"
        if not card.ordinal and self.joined(j) and not card.scale:
            w = self.word(j)
            tight = self.tight(j)
            if (
                w is not None
                and card.integer
                and (
                    (tight and last.kind == _K_DIGITS and w in _DIGIT_ORD_SUFFIXES)
                    or (tight and last.kind == _K_WORD and w in _WORD_ORD_SUFFIXES)
                    or (w in _SPACED_ORD_SUFFIXES)
                )
            ):
                card.ordinal = True
                j += 1
                card.end = j
        start = neg_start if neg_start is not None else i
        if card.ordinal:
            date = self.read_day_month(card, i)
            if date is not None and neg_start is None:
                return date, self.end_index(date, j)
            return self.finish(card, start, "ordinal", j, negative=neg_start is not None), j
        # fractions: "یک سوم", "سه چهارم", "یک ربع"
        if card.integer and not card.scale and j < self.n and self.joined(j):
            w = self.word(j)
            if w is not None and w in _ORDS and _ORDS[w][2] and _ORDS[w][0] > card.value >= 1:
                card.value = card.value / _ORDS[w][0]
                card.integer = False
                card.words = True
                card.single_word = None
                j += 1
                card.end = j
            elif w is not None and w in _FRACS and _FRACS[w] == 0.25:
                card.value *= 0.25
                card.integer = False
                card.single_word = None
                j += 1
                card.end = j
        if neg_start is None:
            date = self.read_day_month(card, i) or self.read_era(card, i)
            if date is not None:
                return date, self.end_index(date, j)
        # adjectival suffix: "۱۰تایی", "ده‌تایی"
        if self.tight(j) and self.word(j) in _ADJ_SUFFIXES and not card.adjective:
            card.adjective = True
            j += 1
        kind, j, adj = self.read_kind(j)
        card.adjective = card.adjective or adj
        if (
            kind is None
            and self.word(j) == _CHANGE_TO
            and self.joined(j)
            and i > 0
            and (
                self.word(i - 1) == _CHANGE_FROM and self.joined(j + 1) and self.is_num_atom(j + 1)
            )
        ):
            # "از ۱۷.۴ به ۲۹.۵ درصد": the second number's kind is the first's too
            other = self.read_card(j + 1)
            if other is not None and not other.ordinal:
                kind = self.read_kind(other.end)[0]
        # ranges: "۱۰ تا ۱۵ درصد", "۲ تا ۳ میلیون", "۱۸-۱۶"
        rng = self.read_range(card, kind, j, i)
        if rng is not None:
            lo_card, hi_card, kind2, j2 = rng
            if kind is None:
                kind = kind2
            lo, hi = lo_card.value, hi_card.value
            if not lo_card.scale and hi_card.scale and lo < hi_card.scale:
                lo *= hi_card.scale
            if neg_start is not None:
                lo = -lo  # "منفی ۵ تا ۱۰": the sign belongs to the first number
            t0 = self.t[start]
            score = kind is None and neg_start is None
            if score and self._is_score(lo_card, hi_card, start, j, j2):
                return NumberMatch(t0.start, self.t[j2 - 1].end, None, score=(lo, hi)), j2
            lo, hi = min(lo, hi), max(lo, hi)
            if kind is None and neg_start is None and lo_card.integer and 1 <= lo <= 31:
                # "۹ تا ۱۹ شهریورماه": a range of days, dated by its first day
                days = self.read_day_month(hi_card, i)
                if days is not None and days.date is not None:
                    first = f"{days.date[:-2]}{int(lo):02d}"
                    return replace(days, date=first, range=(lo, hi)), self.end_index(days, j2)
            if (
                kind is None
                and lo_card.integer
                and hi_card.integer
                and self._years(lo_card, hi_card, i)
            ):
                return NumberMatch(
                    t0.start,
                    self.t[j2 - 1].end,
                    lo,
                    "date",
                    range=(lo, hi),
                    date=str(int(lo)),
                    calendar=self._calendar(int(lo)),
                ), j2
            return NumberMatch(
                t0.start,
                self.t[j2 - 1].end,
                None,
                self._kind(kind),
                range=(lo, hi),
                negative=neg_start is not None,
                is_words=lo_card.words or hi_card.words,
                adjective=card.adjective or hi_card.adjective,
                scale=max(lo_card.scale, hi_card.scale) or None,
            ), j2
        # "یک سال و نیم": the half belongs to the number before the noun
        if (
            kind is None
            and card.single_word in _FRACS
            and i > 0
            and self.joined(i)
            and self.word(i - 1) == _AND
        ):
            return None, j
        # the bare ambiguous words: "یک مقام", "نه تنها"
        if kind is None and card.single_word in _AMBIGUOUS and not card.adjective:
            w = self.word(j)
            if w is None or not self.joined(j) or w not in _AMBIGUOUS[card.single_word]:
                return None, j
        return self.finish(card, start, self._kind(kind), j, negative=neg_start is not None), j

    def read_era(self, card: _Card, i: int) -> NumberMatch | None:
        """'۱۹۰۸ میلادی', '۱۳۱۹ هجری قمری', '1417ق': a year with its era."""
        t = self.t[i]
        if card.end != i + 1 or t.kind != _K_DIGITS or t.digits != 4:
            return None
        if not t.value.is_integer() or not _year_ok(int(t.value)):
            return None
        j = card.end
        calendar = None
        while self.joined(j) and self.word(j) in _ERAS and j - card.end < 2:
            calendar = _ERAS[self.t[j].text]
            j += 1
        if calendar is None:
            return None
        return NumberMatch(
            t.start, self.t[j - 1].end, t.value, "date", date=str(int(t.value)), calendar=calendar
        )

    def _is_score(self, a: _Card, b: _Card, start: int, sep: int, end: int) -> bool:
        """``پیروزی ۲-۱``، ``۰-۰``، ``۳-۱ مقابل رم``: two whole numbers in digits joined by
        a dash after a word of a result, before a word of the opponent, or with a side
        at nought or both alike (a range never has those), are a score, not a range."""
        if self.t[sep].kind != _K_PUNCT or not (a.integer and b.integer):
            return False
        if a.scale or b.scale or a.words or b.words or a.adjective or b.adjective:
            return False
        if end < self.n and self.tight(end) and self.t[end].text in _RANGE_SIGNS:
            return False  # ۴-۳-۳: a formation
        before = {self.word(start - k) for k in (1, 2) if start - k >= 0}
        nxt = self.word(end) if end < self.n else None
        if before & _SCORE_BEFORE or (nxt is not None and nxt in _SCORE_AFTER):
            return True
        if a.value == b.value:
            return True
        bare_after = end >= self.n or not self.joined(end) or self.t[end].kind == _K_PUNCT
        return bare_after and 0 in (a.value, b.value)

    def _years(self, a: _Card, b: _Card, i: int) -> bool:
        """Both ends of a range are years: '۱۴۰۱-۱۴۰۲', '94-1393'."""
        ta, tb = self.t[i], self.t[a.end + 1] if a.end + 1 < self.n else None
        if tb is None or a.atoms != 1 or b.atoms != 1 or a.words or b.words:
            return False
        if ta.kind != _K_DIGITS or tb.kind != _K_DIGITS:
            return False
        if ta.digits == 4 and tb.digits == 4:
            return (
                _year_ok(int(ta.value))
                and _year_ok(int(tb.value))
                and (abs(ta.value - tb.value) <= 5)
            )
        if {ta.digits, tb.digits} == {2, 4}:
            full, short = (ta, tb) if ta.digits == 4 else (tb, ta)
            return _year_ok(int(full.value)) and abs(int(full.value) % 100 - short.value) == 1
        return False

    def read_range(
        self, card: _Card, kind: str | None, j: int, first: int
    ) -> tuple[_Card, _Card, str | None, int] | None:
        if j + 1 >= self.n or not self.joined(j) or not self.joined(j + 1):
            return None
        sep = self.t[j]
        conj = sep.kind == _K_WORD and sep.text == _AND
        between = conj and self._after_between(first)
        # "۲۰۰ و ۳۰۰ هزار دلار": two bare digit numbers sharing the second's scale
        pair = conj and not between and self._digits_only(card, first)
        if not (
            (sep.kind == _K_WORD and sep.text in _RANGE_WORDS)
            or (sep.kind == _K_PUNCT and sep.text in _RANGE_SIGNS)
            or between
            or pair
        ):
            return None
        if card.ordinal or (card.adjective and kind is None):
            return None
        k = j + 1
        nt = self.t[k]
        if nt.kind != _K_DIGITS and not (
            nt.kind == _K_WORD and (nt.text in _NUMWORDS or nt.text in _FRACS or nt.text in _SCALES)
        ):
            return None
        if sep.kind == _K_PUNCT and (nt.kind != _K_DIGITS or self.t[j - 1].kind != _K_DIGITS):
            return None
        hi = self.read_card(k)
        if hi is None or hi.ordinal:
            return None
        if pair and not (
            kind is None
            and nt.kind == _K_DIGITS
            and hi.scale
            and nt.value.is_integer()
            and hi.atoms == 1 + self._scale_words(k + 1, hi.end)
            and 0 < card.value < nt.value < min(hi.scale, 10 * card.value)
        ):
            # only an ascending pair of one order of magnitude whose second number
            # carries the scale: "۲ و ۳۰۰ میلیون" may be spoken "۲ میلیارد و ۳۰۰"
            return None
        if hi.single_word in _AMBIGUOUS and card.single_word is None and not card.words:
            return None
        end = hi.end
        if self.tight(end) and self.word(end) in _ADJ_SUFFIXES:
            hi.adjective = True
            end += 1
        kind2, end, adj2 = self.read_kind(end)
        if kind is not None and kind2 is not None and kind != kind2:
            return None
        hi.adjective = hi.adjective or adj2
        return card, hi, kind2, end

    def _digits_only(self, card: _Card, first: int) -> bool:
        """The cardinal is one bare integer in digits: no words, scale or fraction."""
        t = self.t[first]
        return (
            card.atoms == 1
            and card.end == first + 1
            and not card.words
            and not card.scale
            and card.integer
            and not card.adjective
            and t.kind == _K_DIGITS
        )

    def _scale_words(self, a: int, b: int) -> int:
        """How many of the tokens ``a..b`` are scale words (all of them, or -1)."""
        if all(self.word(x) in _SCALE_FORMS for x in range(a, b)):
            return b - a
        return -1

    def _after_between(self, first: int) -> bool:
        return first > 0 and self.word(first - 1) in _BETWEEN

    @staticmethod
    def _kind(kind: str | None) -> NumberKind:
        if kind == "percent":
            return "percent"
        if kind == "multiplier":
            return "multiplier"
        return "number"

    def end_index(self, m: NumberMatch, j: int) -> int:
        k = j
        while k < self.n and self.t[k].start < m.end:
            k += 1
        return k

    def finish(
        self,
        card: _Card,
        start: int,
        kind: NumberKind,
        end: int,
        *,
        adjective: bool | None = None,
        negative: bool = False,
    ) -> NumberMatch:
        t0, t1 = self.t[start], self.t[end - 1]
        value = -card.value if negative else card.value
        is_code = False
        if kind == "number" and not card.words and not card.scale and card.integer:
            first = self.t[start]
            if first.kind == _K_DIGITS:
                raw = first.text.translate(_DIGITS)
                is_code = (raw.startswith("0") and len(raw) >= _CODE_ZERO_MIN) or self.named(start)
        return NumberMatch(
            t0.start,
            t1.end,
            value,
            kind,
            negative=negative,
            is_words=card.words,
            adjective=card.adjective if adjective is None else adjective,
            is_code=is_code,
            scale=card.scale or None,
        )

    def named(self, i: int) -> bool:
        """Whether the number at token i follows a name: 'سامانه ۱۳۷', 'کد خبر: ۲۲'."""
        k = i - 1
        if k >= 0 and self.joined(i) and self.t[k].kind == _K_PUNCT and self.t[k].text in ":：":
            i, k = k, k - 1
        if k < 0 or not self.joined(i):
            return False
        w = self.word(k)
        if w in _CODE_WORDS:
            return True
        if self.t[k].text == "و" and k > 0 and self.joined(k):
            prev = k - 1  # "مواد ۵۲ و ۶۱ و ۶۵": every number of the list is named
            return self.t[prev].kind == _K_DIGITS and self.named(prev)
        return k > 0 and self.joined(k) and (self.word(k - 1), w) in _CODE_PHRASES

    def run(self) -> list[NumberMatch]:
        out: list[NumberMatch] = []
        i = 0
        n = self.n
        toks = self.t
        while i < n:
            t = toks[i]
            k = t.kind
            if k == _K_WORD:
                if t.text not in _START_WORDS:
                    i += 1
                    continue
            elif k in (_K_LATIN, _K_SKIP) or (
                k == _K_PUNCT and t.text not in _PCT_SIGNS and t.text not in _MINUS_SIGNS
            ):
                i += 1
                continue
            m, nxt = self.parse_at(i)
            if m is not None:
                out.append(m)
            i = max(nxt, i + 1)
        return out


def find_numbers(text: str) -> list[NumberMatch]:
    """All number expressions in ``text``, in order, without overlaps."""
    if not text:
        return []
    return _Parser(_tokenize(text)).run()
