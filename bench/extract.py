"""One fixed number extractor used to compare every system on equal terms.

The lead benchmark asks whether the numbers of an editor's lead show up in
what a system picked (our figures, Lead-3 sentences, TextRank/LexRank
sentences). Each side goes through :func:`comparable_numbers`, so a number
counts the same way whoever found it. It is deliberately simple and
independent of the engine: digits in any of the three systems, thousands
separators, decimals, scale words after the digits (``۱۷ میلیون``,
``۱۷میلیون``, ``۲ هزار میلیارد``) and compounds joined by و with falling
scales (``۱۰ میلیون و ۱۵۰ هزار``). Slash dates (``۱۳۸۷/۰۵/۱۲``) become one
date key. Number words without digits (``سه``) are ignored: agency text
writes quantities in digits, and spelled-out small numbers are mostly noise.

Values are returned as canonical strings (``"17000000"``, ``"12.5"``,
``"d:1387-05-12"``) so they can be compared and hashed exactly.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SCALE = {
    "هزار": 1e3,
    "میلیون": 1e6,
    "ميليون": 1e6,
    "میلیارد": 1e9,
    "ميليارد": 1e9,
    "تریلیون": 1e12,
    "تريليون": 1e12,
}
_SCALE_RX = "|".join(sorted(_SCALE, key=len, reverse=True))
_GAP = r"[ \u200c\u00a0]*"
_NUM = r"\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?"
_GROUP = rf"(?P<num>{_NUM})(?P<scales>(?:{_GAP}(?:{_SCALE_RX}))*)"
_DATE_RX = re.compile(r"(?<![\d/])(\d{2,4})/(\d{1,2})/(\d{1,2})(?![\d/])")
_GROUP_RX = re.compile(_GROUP)
_JOIN_RX = re.compile(rf"{_GAP}و{_GAP}(?={_NUM})")
_SCALE_WORD_RX = re.compile(_SCALE_RX)


_LETTERS = str.maketrans("يكۀ", "یکه")
_ID_WORDS = (
    "منطقه|ناحیه|شعبه|ماده|شماره|کلانتری|بند|اصل|تبصره|پلاک|کد|سال|دهه|قرن|فاز|"
    "کیلومتر|ایستگاه|پایگاه|خیابان|کوچه|بلوک|واحد شماره|پلیس|پژو|پراید|سمند|تیبا|مدل|نسخه"
)
_ID_RX = re.compile(rf"(?<![\u0600-\u06ff])(?:{_ID_WORDS})[ \u200c]*(\d+)(?![\d.,٫٬/])")
_LATIN_NAME_RX = re.compile(r"[A-Za-z]{2,}[ ]?(\d+)(?![\d.,٫٬/])")
# Worded dates: a day of the month before a month name (``۱۹ تیر``, ``۱۳ تا ۱۵
# خرداد``, ``۹ دسامبر``), so the day is a date, not a quantity.
_MONTHS = (
    "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|"
    "ژانویه|فوریه|مارس|آوریل|مه|می|ژوئن|ژوئیه|جولای|اوت|آگوست|سپتامبر|اکتبر|نوامبر|دسامبر"
)
_DAY_RX = re.compile(
    rf"(?<![\d.,٫٬/])(\d{{1,2}})(?:[ \u200c]*(?:تا|و|-)[ \u200c]*(\d{{1,2}}))?[ \u200c]*"
    rf"(?:{_MONTHS})(?![\u0600-\u06ff])"
)


def identifier_numbers(text: str) -> set[str]:
    """Keys of numbers ``text`` uses as names, not quantities.

    Dates (slash dates, ``سال ۸۷``), year-like integers (1300-1499, 1900-2099),
    and numbers right after a naming word: ``منطقه ۲۲``, ``شعبه ۱۱۳``,
    ``ماده ۱۰۰``, ``کلانتری ۱۳``, ``شماره ۲``, ``پژو ۲۰۶``, ``پلیس ۱۱۰``,
    ``Archos 10``; days of worded dates (``۱۹ تیر``).
    """
    plain = to_latin_digits(text).translate(_LETTERS)
    out = {m.group(1).lstrip("0") or "0" for m in _ID_RX.finditer(plain)}
    # a model or product name in Latin letters: "Archos 10", "iPhone 12"
    out.update(m.group(1) for m in _LATIN_NAME_RX.finditer(plain))
    for m in _DAY_RX.finditer(plain):
        out.update(g.lstrip("0") or "0" for g in m.groups() if g and 1 <= int(g) <= 31)
    out.update(key for key in comparable_numbers(text) if key.startswith("d:") or _year_like(key))
    return out


def _year_like(key: str) -> bool:
    return key.isdigit() and (1300 <= int(key) <= 1499 or 1900 <= int(key) <= 2099)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits as ASCII digits (same length)."""
    return text.translate(_DIGITS)


def canonical(value: float) -> str:
    """A number as a comparable key: integers without ``.0``, others to 6 places."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _group_value(num: str, scales: str) -> tuple[float, float]:
    """Value of one digit group and the product of its scale words."""
    digits = num.replace(",", "").replace("٬", "").replace("٫", ".")
    value = float(digits)
    scale = 1.0
    for word in _SCALE_WORD_RX.findall(scales):
        scale *= _SCALE[word]
    return value * scale, scale


def comparable_numbers(text: str) -> list[str]:
    """Canonical keys of the numbers in ``text``, in text order (duplicates kept)."""
    plain = to_latin_digits(text)
    out: list[str] = []
    taken: list[tuple[int, int]] = []
    for dm in _DATE_RX.finditer(plain):
        y, mo, d = dm.group(1), int(dm.group(2)), int(dm.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            out.append(f"d:{y}-{mo:02d}-{d:02d}")
            taken.append(dm.span())
    pos = 0
    found: list[tuple[int, str]] = [(a, key) for (a, _), key in zip(taken, out, strict=True)]
    while True:
        m = _GROUP_RX.search(plain, pos)
        if m is None:
            break
        start = m.start()
        if any(a <= start < b for a, b in taken):
            pos = m.end()
            continue
        if start > 0 and (plain[start - 1].isdigit() or plain[start - 1] in "/.,٫٬"):
            pos = m.end()
            continue
        total, scale = _group_value(m.group("num"), m.group("scales"))
        low = high = scale
        end = m.end()
        # Compounds joined by و: "۱۰ میلیون و ۱۵۰ هزار" (falling scales) and
        # "۱۲ هزار و ۵۰۰ میلیارد" (a larger scale applies to all before it).
        while low > 1:
            join = _JOIN_RX.match(plain, end)
            if join is None:
                break
            nxt = _GROUP_RX.match(plain, join.end())
            if nxt is None:
                break
            value, next_scale = _group_value(nxt.group("num"), nxt.group("scales"))
            if next_scale < low and value < low:
                total += value
            elif next_scale > high:
                total = total * next_scale + value
                high = next_scale
            else:
                break
            low = next_scale
            end = nxt.end()
        found.append((start, canonical(total)))
        pos = end
    found.sort(key=lambda item: item[0])
    return [key for _, key in found]
