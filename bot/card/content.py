"""What a card says: the figures chosen from a digest, written out for the card.

Everything here is logical Persian text; :mod:`bot.card.draw` lays it out.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.card.text import LRI, PDI, clean
from bot.render import QUALIFIERS, to_digits
from handlers.ports import DigitStyle
from summarizer.model import Digest, Figure

MAX_FIGURES = 6
MIN_FIGURES = 3
DEFAULT_TITLE = "رقم‌های کلیدی خبر"
# Figures that make a key number on their own; dates and ordinals only fill in.
_MAIN_KINDS = frozenset({"count", "money", "percent", "multiplier", "measure", "duration", "score"})
_SCALES = ((1e12, "هزار میلیارد"), (1e9, "میلیارد"), (1e6, "میلیون"), (1e3, "هزار"))
_PERCENT_UNITS = frozenset({"درصد", "%", "٪"})
_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
TEHRAN = dt.timezone(dt.timedelta(hours=3, minutes=30))


@dataclass(frozen=True, slots=True)
class CardFigure:
    number: str
    unit: str | None
    subject: str | None
    meta: str | None
    change: str | None  # "increase" | "decrease" | None


@dataclass(frozen=True, slots=True)
class CardContent:
    title: str
    figures: list[CardFigure]
    source: str | None
    date: str | None
    handle: str | None


def _decimal(x: float, style: DigitStyle) -> str:
    """``x`` with at most two decimals (trailing zeros dropped), digits in ``style``."""
    whole, _, frac = f"{x:,.2f}".partition(".")
    frac = frac.rstrip("0")
    return to_digits(f"{whole}.{frac}" if frac else whole, style)


def _grouped(x: float, style: DigitStyle) -> str:
    text = f"{round(x):,}"
    return to_digits(text, style)


def _exact(x: float) -> bool:
    return math.isclose(x, round(x, 2), rel_tol=0, abs_tol=1e-9)


def _scaled(x: float) -> tuple[float, str] | None:
    """(mantissa, scale word) for a large number written exactly with two decimals."""
    for scale, word in _SCALES:
        if abs(x) >= scale:
            mantissa = x / scale
            if scale == 1e3 and abs(x) < 1e4 and x % 1000:
                return None  # 1,235 reads better grouped than as 1.24 thousand
            if _exact(mantissa):
                return mantissa, word
            return None
    return None


def format_number(x: float, style: DigitStyle, suffix: str = "") -> str:
    """A number as a card shows it: ``۱۷ میلیون``, ``۱۰٫۱۵ میلیون``, ``۱٬۲۳۵``;
    ``suffix`` (a percent sign) follows the digits."""
    negative = x < 0
    x = abs(x)
    scaled = _scaled(x)
    if scaled is not None:
        head, rest = _decimal(scaled[0], style), scaled[1]
    elif x >= 1000 or float(x).is_integer():
        head, rest = _grouped(x, style) if _exact(x) or x >= 1000 else _decimal(x, style), ""
    else:
        head, rest = _decimal(x, style), ""
    head += suffix
    if negative:
        # Kept left to right as one piece so the minus stays on the digits' left.
        head = f"{LRI}−{head}{PDI}"
    return f"{head} {rest}" if rest else head


def format_range(lo: float, hi: float, style: DigitStyle, suffix: str = "") -> str:
    a, b = _scaled(abs(lo)), _scaled(abs(hi))
    if a and b and a[1] == b[1] and lo >= 0 and hi >= 0:
        return f"{_decimal(a[0], style)}{suffix} تا {_decimal(b[0], style)}{suffix} {a[1]}"
    return f"{format_number(lo, style, suffix)} تا {format_number(hi, style, suffix)}"


def _is_percent(f: Figure) -> bool:
    return f.kind == "percent" or (f.unit or "") in _PERCENT_UNITS


def figure_number(f: Figure, style: DigitStyle) -> str:
    """The big number of one figure."""
    percent = "%" if style == "latin" else "٪"
    if f.kind in ("date", "ordinal", "score") or (f.value is None and f.range is None):
        text = clean(f.text)
        if f.unit and text.endswith(" " + f.unit):
            text = text[: -len(f.unit)].strip()
        return to_digits(text, style)
    suffix = percent if _is_percent(f) else ""
    if f.range is not None:
        body = format_range(f.range[0], f.range[1], style, suffix)
    else:
        assert f.value is not None
        body = format_number(f.value, style, suffix)
    if f.kind == "multiplier":
        return f"{body} برابر"
    return body


_SCALE_WORDS = (*(word for _, word in _SCALES), "برابر")


def split_number(number: str) -> tuple[str, str | None]:
    """``۱۲٫۵ هزار میلیارد`` → (``۱۲٫۵``, ``هزار میلیارد``): the digits and the scale
    word after them, when the number has one scale word, at its end."""
    for word in _SCALE_WORDS:
        if number.endswith(" " + word):
            head = number[: -len(word) - 1].strip()
            if head and not any(w in head for w in _SCALE_WORDS):
                return head, word
    return number, None


def figure_unit(f: Figure) -> str | None:
    if _is_percent(f) or f.kind in ("date", "ordinal", "multiplier", "score") or not f.unit:
        return None
    return clean(f.unit)


def choose_figures(d: Digest) -> list[Figure]:
    """Three to six figures for the card, most important first: main kinds first,
    dates and ordinals only to reach three; one figure per value and unit."""
    seen: set[tuple[object, ...]] = set()
    main: list[Figure] = []
    other: list[Figure] = []
    periods = [clean(f.period) for f in d.figures if f.period]
    for f in d.figures:
        key = (f.value, f.range, f.unit, f.kind) if f.value is not None else (f.text,)
        if key in seen or not clean(f.text):
            continue
        if f.kind in ("duration", "date", "ordinal") and any(clean(f.text) in p for p in periods):
            continue  # "شش ماه" of "شش ماه نخست امسال": another figure's period
        seen.add(key)
        (main if f.kind in _MAIN_KINDS else other).append(f)
    chosen = main[:MAX_FIGURES]
    if len(chosen) < MIN_FIGURES:
        chosen += other[: MIN_FIGURES - len(chosen)]
    return chosen


def card_figure(f: Figure, style: DigitStyle, fallback_subject: str | None = None) -> CardFigure:
    meta_parts: list[str] = []
    if f.qualifier:
        meta_parts.append(QUALIFIERS.get(f.qualifier, f.qualifier))
    if f.period:
        meta_parts.append(clean(f.period))
    subject = clean(f.subject) if f.subject else (clean(fallback_subject or "") or None)
    unit = figure_unit(f)
    return CardFigure(
        number=figure_number(f, style),
        unit=to_digits(unit, style) if unit else None,
        subject=to_digits(subject, style) if subject else None,
        meta=to_digits(" • ".join(meta_parts), style) if meta_parts else None,
        change=f.change,
    )


def _bullet_of(d: Digest, index: int) -> str | None:
    for b, figs in enumerate(d.bullet_figures):
        if index in figs and b < len(d.bullets):
            return d.bullets[b]
    return None


def jalali(day: dt.date) -> tuple[int, int, int]:
    """The Solar Hijri (Jalali) date of a Gregorian date: (year, month, day)."""
    gy, gm, gd = day.year, day.month, day.day
    g_days = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    gy2 = gy + 1 if gm > 2 else gy
    days = (
        355666
        + 365 * gy
        + (gy2 + 3) // 4
        - (gy2 + 99) // 100
        + (gy2 + 399) // 400
        + gd
        + g_days[gm - 1]
    )
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        jm, jd = 1 + days // 31, 1 + days % 31
    else:
        jm, jd = 7 + (days - 186) // 30, 1 + (days - 186) % 30
    return jy, jm, jd


def card_date(timestamp: float, style: DigitStyle) -> str:
    day = dt.datetime.fromtimestamp(timestamp, TEHRAN).date()
    y, m, d = jalali(day)
    return to_digits(f"{d} {_MONTHS[m - 1]} {y}", style)


def source_name(source: str | None, link: str | None) -> str | None:
    """The channel's name when known, else the link's host (without ``www.``)."""
    if source and clean(source):
        return clean(source)
    if link:
        try:
            host = urlsplit(link).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    return None


def build_content(
    d: Digest,
    *,
    title: str | None,
    style: DigitStyle,
    source: str | None = None,
    link: str | None = None,
    created_at: float | None = None,
    handle: str | None = None,
) -> CardContent | None:
    """What the card of ``d`` shows, or None when the digest has no figures to show."""
    chosen = choose_figures(d)
    if not chosen:
        return None
    index = {id(f): i for i, f in enumerate(d.figures)}
    figures = [card_figure(f, style, _bullet_of(d, index[id(f)])) for f in chosen]
    name = source_name(source, link)
    handle = handle.lstrip("@") if handle else None
    return CardContent(
        title=to_digits(clean(title or d.title or "") or DEFAULT_TITLE, style),
        figures=figures,
        source=to_digits(name, style) if name and not name.isascii() else name,
        date=card_date(created_at, style) if created_at is not None else None,
        handle=f"@{handle}" if handle else None,
    )
