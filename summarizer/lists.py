"""Lists, tables and price boards: one bullet that says what the list is.

Agency reports often carry a list: a line that introduces it and ends with a
colon (``قیمت انواع سکه امروز در بازار تهران به شرح زیر است:``), then short
lines of their own, each with a figure (``نیم سکه: ۶ میلیون تومان``). A row
never becomes a bullet: it does not say what it is a row of. The list becomes
at most one bullet instead, the introducing phrase and its first row:
``قیمت انواع سکه امروز در بازار تهران: سکه تمام ۱۲ میلیون تومان``; the first
row of a ranking (``۱- بارسلونا، ۳۲۲۴ امتیاز``) as a sentence, ``بارسلونا با
۳۲۲۴ امتیاز در صدر <the list> قرار دارد``.

The phrases that close an introduction (``به شرح زیر است``, ``عبارتند از``)
and the words that make a line a speaker's frame rather than a list's name
live in ``phrases.toml`` (``[lists]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from summarizer.lexicon import load_toml
from summarizer.statements import REPORT_FRAME_RX

#: Fewest rows that make a list.
MIN_ROWS = 2
#: A row is a short line: at most this many words.
MAX_ROW_WORDS = 16
#: An introduction names the list in a few words, not a paragraph.
MIN_INTRO_WORDS = 3
MAX_INTRO_WORDS = 22

_SPACES_RX = re.compile(r"\s+")
# A list mark at the start of a line: "* ", "۱- ", "۲) ", "- ".
_MARK_RX = re.compile(r"^\s*(?:[*•▪●◾\-–—]+|\d{1,2}\s*[-–—.)]+)\s*")
_SENTENCE_END = (".", "!", "؟", "?", "…")


@dataclass(frozen=True, slots=True)
class Block:
    """A list: the sentence that introduces it and its rows (sentence indices)."""

    intro: int
    rows: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Words:
    closers: tuple[str, ...]
    inner: tuple[str, ...]
    openers: tuple[str, ...]
    not_names: frozenset[str]


@cache
def _words() -> _Words:
    data = load_toml("phrases.toml").get("lists", {})
    closers = sorted(data.get("intro_closers", []), key=len, reverse=True)
    inner = tuple(data.get("inner_frames", []))
    openers = tuple(sorted(data.get("intro_openers", []), key=len, reverse=True))
    return _Words(tuple(closers), inner, openers, frozenset(data.get("not_names", [])))


_BLANK = " \t\u200c"


def _own_line(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` stands on a line of its own (looking only at the
    blanks next to it, so that a text of many lines costs linear time)."""
    i = a
    while i > 0 and text[i - 1] in _BLANK:
        i -= 1
    k = b
    while k < len(text) and text[k] in _BLANK:
        k += 1
    return (i == 0 or text[i - 1] == "\n") and (k == len(text) or text[k] in "\r\n")


def find(text: str, spans: list[tuple[int, int]], with_figures: Iterable[int]) -> list[Block]:
    """The lists of a text: an introducing line that ends with a colon, then at
    least :data:`MIN_ROWS` short lines of their own that each hold a figure
    (``with_figures``: the indices of the sentences that do)."""
    figured = set(with_figures)
    out: list[Block] = []
    i = 0
    while i < len(spans):
        a, b = spans[i]
        if not (text[b - 1] == ":" and _own_line(text, a, b)):  # spans are trimmed
            i += 1
            continue
        rows: list[int] = []
        k = i + 1
        while k < len(spans):
            ra, rb = spans[k]
            row = text[ra:rb]
            if (
                k not in figured
                or len(row.split()) > MAX_ROW_WORDS
                or row.rstrip().endswith(_SENTENCE_END)  # a sentence of prose, not a row
                or not _own_line(text, ra, rb)
            ):
                break
            rows.append(k)
            k += 1
        if len(rows) >= MIN_ROWS:
            out.append(Block(i, tuple(rows)))
            i = k
        else:
            i += 1
    return out


def name(intro: str) -> str | None:
    """What the list is, from its introducing line: the report frame and the
    closing phrase dropped (``به گزارش …، قیمت … به شرح زیر است:`` -> ``قیمت …``);
    ``None`` when the line only frames a speaker (``وی افزود:``) or is too long
    or too short to name a list."""
    w = _words()
    s = _SPACES_RX.sub(" ", intro).strip().rstrip(":").strip()
    s = _MARK_RX.sub("", s, count=1)
    s = REPORT_FRAME_RX.sub("", s, count=1)
    for opener in w.openers:
        if s.startswith(opener + " "):
            s = s[len(opener) :].lstrip(" ،,")
            break
    for closer in w.closers:
        if s.endswith(" " + closer):
            s = s[: -len(closer) - 1].rstrip(" ،,")
            break
    for inner in w.inner:
        s = s.replace(f" {inner} ", " ")  # "پاداش … به شرح زیر به تصویب … رسید"
    words = s.split()
    if not (MIN_INTRO_WORDS <= len(words) <= MAX_INTRO_WORDS):
        return None
    if words[0][:1].isdigit():
        return None  # "۱۳ فروردین:": a day of a timetable, not a list's name
    if words[0] in w.not_names or words[-1] in w.not_names:
        return None  # "وی افزود", "این مقام مسئول گفت": a speaker, not a list
    return s


def ranks_first(row: str) -> bool:
    """Whether a row is marked as the first of a ranking (``۱- لیونل مسی …``)."""
    m = _MARK_RX.match(row)
    mark = m.group().strip(" -–—.)") if m else ""
    return mark.isdigit() and int(mark) == 1  # int() reads Persian and Arabic digits too


def leader(name: str, row: str, at: int) -> str | None:
    """The first row of a ranking as a sentence: ``۱- بارسلونا اسپانیا، ۳۲۲۴ امتیاز``
    with its figure at offset ``at`` -> ``بارسلونا اسپانیا با ۳۲۲۴ امتیاز در صدر
    <name> قرار دارد``; ``None`` when the row names nothing before its figure."""
    who = _MARK_RX.sub("", row[:at], count=1).strip(" ،,:؛-–—")
    who = re.sub(r"\s+با$", "", who)  # "… اهواز با ۱۸۳۲ امتیاز"
    what = row[at:].strip(" .،,؛")
    if not who or not what or any(ch.isdigit() or ch in ":؛" for ch in who):
        return None
    return _SPACES_RX.sub(" ", f"{who} با {what} در صدر {name} قرار دارد")


_RESULT_ROW_RX = re.compile(
    r"^(?P<a>[^\d:،,؛]+?)\s+(?P<x>\d{1,3})\s*[-–—]?\s*(?P<b>[^\d:،,؛]+?)\s+(?P<y>\d{1,3})$"
)
_RESULTS_NAME_RX = re.compile(r"^نتایج(?:\s+(?:کامل|کلی|دیگر))?\s+")


def result(name: str, row: str) -> str | None:
    """The first row of a list of results as a sentence: under ``نتایج کامل مسابقات این
    هفته``, ``پارسیان ۳۱ - ثامن‌الحجج سبزوار ۳۲`` -> ``در مسابقات این هفته،
    ثامن‌الحجج سبزوار با نتیجه ۳۲ بر ۳۱ پارسیان را شکست داد``; ``None`` for any other
    list or row."""
    opened = _RESULTS_NAME_RX.match(name)
    found = _RESULT_ROW_RX.match(row_text(row))
    if opened is None or found is None:
        return None
    where = name[opened.end() :].strip()
    a, b = found["a"].strip(" -–—"), found["b"].strip(" -–—")
    x, y = found["x"], found["y"]
    if not where or not a or not b:
        return None
    if int(x) == int(y):
        return f"در {where}، {a} و {b} با نتیجه {x} بر {y} مساوی کردند"
    (w, wv), (lo, lv) = ((a, x), (b, y)) if int(x) > int(y) else ((b, y), (a, x))
    return f"در {where}، {w} با نتیجه {wv} بر {lv} {lo} را شکست داد"


def row_text(row: str) -> str:
    """A row as a phrase: ``نیم سکه: ۶ میلیون تومان`` -> ``نیم سکه ۶ میلیون تومان``."""
    s = _SPACES_RX.sub(" ", row).strip()
    s = _MARK_RX.sub("", s, count=1).strip(" .،;؛-–—•*")
    return re.sub(r"\s*:\s*", " ", s, count=1)


def is_value(text: str, row: tuple[int, int], at: int) -> bool:
    """Whether a figure at offset ``at`` is a value of its row, not its label:
    in ``۵۷ کیلوگرم: مهران رضازاده`` the number names the row's class."""
    colon = text.find(":", row[0], row[1])
    return colon < 0 or at > colon
