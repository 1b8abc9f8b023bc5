"""Text clean-up that keeps a map back to the original offsets.

:func:`normalize` returns a :class:`Normalized` text where

- Arabic ي/ى/ك/ة/ھ are Persian ی/ک/ه, Arabic presentation forms are folded (NFKC),
- every digit is a Persian digit (۰-۹), so the rest of the engine sees one system,
- bidi marks (LRM, RLM, embeddings, isolates), tatweel, diacritics and soft
  hyphens are gone, HTML tags/entities and ``[12]``-style citation marks removed,
- runs of spaces are one space, blank-line runs one newline,
- a digit glued to a word gets a space (``جذب۷۱۴`` -> ``جذب ۷۱۴``),
- missing ZWNJs are restored (``میشود`` -> ``می‌شود``, ``برنامههای`` ->
  ``برنامه‌های``, ``شدهاند`` -> ``شده‌اند``, ``محرومیتزدایی`` -> ``محرومیت‌زدایی``).

``Normalized.to_original(a, b)`` maps a span of the clean text to the span of
the input that produced it. All passes are linear in the text length.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

from summarizer.lexicon import (
    AJ,
    PERFECT_ENDINGS,
    PLURAL_ENDINGS,
    ZWNJ,
    N,
    _stem_with_person,
    lexicon,
)

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_DROP = "\x00"

_ONE_TO_ONE: dict[int, str] = {}
for _src, _dst in (
    ("يىې", "ی"),
    ("ك", "ک"),
    ("ةھہە", "ه"),
    (
        "\t\u00a0\u2000\u2001\u2002\u2003"
        "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\r\x0b\x0c",
        " ",
    ),
):
    for _c in _src:
        _ONE_TO_ONE[ord(_c)] = _dst
for _i in range(10):
    _ONE_TO_ONE[ord("0") + _i] = PERSIAN_DIGITS[_i]
    _ONE_TO_ONE[0x0660 + _i] = PERSIAN_DIGITS[_i]
for _c in (
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
    "\u200d\u200b\u0640\u0670\u2028\u2029"
):
    _ONE_TO_ONE[ord(_c)] = _DROP
for _cp in range(0x064B, 0x0660):  # harakat, tanwin, shadda, sukun
    _ONE_TO_ONE[_cp] = _DROP
_ONE_TO_ONE[0x2028] = "\n"
_ONE_TO_ONE[0x2029] = "\n"
_ONE_TO_ONE[0x0085] = "\n"

_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0"
_WORD_CHARS = f"[{_LETTER}\u200c]"
_DIGIT = "[۰-۹]"
_ORDINAL_TAIL = re.compile("^(?:ام|م|مین|امین|اُم|مي|ای|ی)(?![" + _LETTER + "])")

_EDIT_RX = re.compile(
    "(?P<drop>\x00+)"
    r"|(?P<nl>[ \x00]*\n[\s\x00]*)"
    r"|(?P<sp> +)"
    r"|(?P<tag></?[a-zA-Z][^<>\n]{0,200}>|<!--.{0,400}?-->)"
    r"|(?P<ent>&(?:nbsp|zwnj|amp|quot|lt|gt|laquo|raquo|#\d{1,5});)"
    r"|(?P<cite>\[[۰-۹]{1,3}\])"
    rf"|(?P<word>{_WORD_CHARS}+)"
    r"|(?P<pres>[\ufb50-\ufdff\ufe70-\ufefe]+)",
    re.DOTALL,
)
_ENTITIES = {
    "&nbsp;": " ",
    "&zwnj;": ZWNJ,
    "&amp;": "&",
    "&quot;": '"',
    "&lt;": "<",
    "&gt;": ">",
    "&laquo;": "«",
    "&raquo;": "»",
}
_GLUED_UNIT_RX = re.compile(
    "^(هزار|میلیون|میلیارد|تریلیون)(تومان|تومانی|ریال|ریالی|دلار|دلاری|یورو|نفر|تن|درصد)$"
)
_NEXT_WORD = re.compile(f"[{_LETTER}]+")
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|h\d|tr)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Clean text plus, per character, the original span that produced it."""

    text: str
    original: str
    starts: array[int]
    ends: array[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to offsets in :attr:`original`."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if n == 0:
            return (0, 0)
        if end == start:
            pos = self.starts[start] if start < n else len(self.original)
            return (pos, pos)
        a = self.starts[start]
        b = self.ends[end - 1]
        # Skip leading zero-width insertions.
        return (a, max(a, b))


class _Builder:
    """Accumulates output text and the offset map, stretch by stretch."""

    def __init__(self, size_hint: int) -> None:
        self.parts: list[str] = []
        self.starts: array[int] = array("i")
        self.ends: array[int] = array("i")
        self.skip_to = 0
        del size_hint

    def copy(self, src: str, a: int, b: int) -> None:
        if b <= a:
            return
        self.parts.append(src[a:b])
        self.starts.extend(range(a, b))
        self.ends.extend(range(a + 1, b + 1))

    def replace(self, new: str, a: int, b: int) -> None:
        if not new:
            return
        if len(new) == b - a:
            self.parts.append(new)
            self.starts.extend(range(a, b))
            self.ends.extend(range(a + 1, b + 1))
            return
        self.parts.append(new)
        self.starts.extend([a] * len(new))
        self.ends.extend([b] * len(new))

    def insert(self, new: str, at: int) -> None:
        self.parts.append(new)
        self.starts.extend([at] * len(new))
        self.ends.extend([at] * len(new))

    def last_char(self) -> str:
        for part in reversed(self.parts):
            if part:
                return part[-1]
        return ""


def normalize(text: str) -> Normalized:
    """Clean ``text`` for parsing; see the module docstring."""
    src = text.translate(_ONE_TO_ONE)
    out = _Builder(len(src))
    pos = 0
    n = len(src)
    for m in _EDIT_RX.finditer(src):
        a, b = m.span()
        if a < out.skip_to:
            continue
        kind = m.lastgroup
        # Fast path: a single space or a word that stays as it is is left in the
        # stretch copied verbatim with the text around it.
        prev = src[a - 1] if a > pos else out.last_char()
        if kind == "sp":
            if b - a == 1 and prev not in ("", "\n", " "):
                continue
        elif kind == "word" and _word_unchanged(src, a, b, prev, n):
            continue
        out.copy(src, pos, a)
        pos = b
        if kind == "drop":
            continue
        if kind == "nl":
            if out.last_char() not in ("", "\n"):
                out.replace("\n", a, b)
            continue
        if kind == "sp":
            if out.last_char() not in ("", "\n", " "):
                out.replace(" ", a, b)
            continue
        if kind == "tag":
            tag = m.group(0)
            if _BLOCK_TAG.match(tag) and out.last_char() not in ("", "\n"):
                out.replace("\n", a, b)
            elif out.last_char() not in ("", " ", "\n") and b < len(src) and src[b] not in " \n":
                out.replace(" ", a, b)
            continue
        if kind == "ent":
            ent = m.group(0)
            rep = _ENTITIES.get(ent)
            if rep is None:
                try:
                    rep = chr(int(ent[2:-1])).translate(_ONE_TO_ONE).replace(_DROP, "")
                except (ValueError, OverflowError):
                    rep = ""
            out.replace(rep, a, b)
            continue
        if kind == "cite":
            continue
        if kind == "pres":
            folded = unicodedata.normalize("NFKC", m.group(0)).translate(_ONE_TO_ONE)
            folded = folded.replace(_DROP, "")
            # Map char by char where the folding is one to one.
            seg = m.group(0)
            if len(folded) == len(seg):
                out.replace(folded, a, b)
            else:
                for i, ch in enumerate(seg):
                    f = unicodedata.normalize("NFKC", ch).translate(_ONE_TO_ONE).replace(_DROP, "")
                    out.replace(f, a + i, a + i + 1)
            continue
        # A Persian word: ZWNJ repairs and spacing from glued digits.
        _emit_word(out, src, m.group(0), a, b)
        pos = max(pos, out.skip_to)
    out.copy(src, pos, len(src))
    clean = "".join(out.parts)
    return Normalized(text=clean, original=text, starts=out.starts, ends=out.ends)


def _word_unchanged(src: str, a: int, b: int, prev: str, n: int) -> bool:
    """Whether :func:`_emit_word` would copy the word ``src[a:b]`` as it is."""
    word = src[a:b]
    return not (
        word[0] == ZWNJ
        or word[-1] == ZWNJ
        or prev in PERSIAN_DIGITS
        or (b < n and src[b] in PERSIAN_DIGITS)
        or word in ("می", "نمی")
        or ZWNJ + ZWNJ in word
        or _GLUED_UNIT_RX.match(word)
        or zwnj_cuts(word)
    )


def _emit_word(out: _Builder, src: str, word: str, a: int, b: int) -> None:
    # Trim stray ZWNJ at the edges and collapse doubled ones.
    lead = len(word) - len(word.lstrip(ZWNJ))
    trail = len(word) - len(word.rstrip(ZWNJ))
    core_a, core_b = a + lead, b - trail
    if core_b <= core_a:
        return
    core = src[core_a:core_b]
    prev = out.last_char()
    if prev and prev in PERSIAN_DIGITS and not _ORDINAL_TAIL.match(core):
        out.insert(" ", core_a)
    glued = _GLUED_UNIT_RX.match(core)
    if glued:  # ۳ هزارتومان -> ۳ هزار تومان
        cut = core_a + glued.end(1)
        out.copy(src, core_a, cut)
        out.insert(" ", cut)
        out.copy(src, cut, core_b)
        if b < len(src) and src[b] in PERSIAN_DIGITS:
            out.insert(" ", b)
        return
    if core in ("می", "نمی") and src[b : b + 1] == " ":
        nxt = _NEXT_WORD.match(src, b + 1)
        if nxt and _stem_with_person(nxt.group(0), lexicon().present | lexicon().past):
            out.copy(src, core_a, core_b)
            out.replace(ZWNJ, b, b + 1)
            out.copy(src, b + 1, nxt.end())
            out.skip_to = nxt.end()
            return
    if ZWNJ + ZWNJ in core:
        i = core_a
        for piece in re.split("(\u200c+)", core):
            if piece.startswith(ZWNJ):
                out.replace(ZWNJ, i, i + len(piece))
            else:
                out.copy(src, i, i + len(piece))
            i += len(piece)
    else:
        cuts = zwnj_cuts(core)
        last = 0
        for cut in cuts:
            out.copy(src, core_a + last, core_a + cut)
            out.insert(ZWNJ, core_a + cut)
            last = cut
        out.copy(src, core_a + last, core_b)
    if b < len(src) and src[b] in PERSIAN_DIGITS:
        out.insert(" ", b)


_NON_JOINING = frozenset("اآأإدذرزژوؤۀ")


def zwnj_cuts(word: str) -> list[int]:
    """Positions in ``word`` where a missing ZWNJ belongs (empty if none).

    No ZWNJ after a letter that does not join the next one anyway (کالاها).
    """
    return [c for c in _zwnj_cuts(word) if word[c - 1] not in _NON_JOINING]


def _zwnj_cuts(word: str) -> list[int]:
    if len(word) < 4 or ZWNJ in word:
        return []
    lex = lexicon()
    joined = lex.glued.get(word)
    if joined is not None:
        cuts: list[int] = []
        i = 0
        for ch in joined:
            if ch == ZWNJ:
                cuts.append(i)
            else:
                i += 1
        return cuts
    if lex.pos(word):
        return []
    for prefix in ("نمی", "می"):
        if word.startswith(prefix) and word not in lex.mi_words:
            rest = word[len(prefix) :]
            if len(rest) >= 2 and _stem_with_person(rest, lex.present | lex.past):
                return [len(prefix)]
            # میگذرد -> می‌گذرد handled above; perfect forms: میرفتهاند (rare)
            break
    if word in lex.ending_words:
        return []
    for ending in PERFECT_ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if stem.endswith("ه") and stem[:-1] in lex.past:
                return [len(stem)]
    for ending in PLURAL_ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) < 2:
                return []
            if stem.endswith("ه") and len(stem) >= 3:
                return [len(stem)]
            if lex.pos(stem) & (N | AJ) and len(stem) >= 3:
                return [len(stem)]
            return []
    if word.endswith("ای") and word[:-2].endswith("ه") and lex.pos(word[:-2]) & (N | AJ):
        return [len(word) - 2]
    return []


def to_persian_digits(text: str) -> str:
    """Latin and Arabic-Indic digits as Persian digits."""
    return text.translate({k: v for k, v in _ONE_TO_ONE.items() if v in PERSIAN_DIGITS})
