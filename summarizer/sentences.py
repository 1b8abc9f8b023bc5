"""Sentence splitting and word tokenising for normalised Persian text.

Both are single regex passes, linear in the text length. Sentences end at a
line break or at ``. ! ? ؟ …`` followed by a space (so ``۱۲.۵`` stays whole), or at a
full stop glued between two words or to the word after it;
a sentence longer than :data:`MAX_SENTENCE` characters is cut at a clause mark
or a space so that later per-sentence work stays bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE = 800

_SENT_END = re.compile(
    r"\n+|[.!?؟…]+(?:[\"»)\]]*)(?=\s|$)"
    # "… افتتاح کرد.این …": a full stop the space after was lost from, between two words
    # (an abbreviation's single letters, "ج.ا.ایران", are left alone).
    r"|(?<=[\u0620-\u064a\u067e-\u06cc]{3})\.(?=[\u0622-\u064a\u067e-\u06cc]{2})"
    # "… بالا ببرد .دستی که …": the space before the full stop instead of after it.
    r"|(?<=[\u0620-\u064a\u067e-\u06cc] )\.(?=[\u0622-\u064a\u067e-\u06cc]{2})"
)
_TOKEN = re.compile(r"[\w\u200c]+(?:[٫٬.,/:][0-9۰-۹]+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, trimmed, non-empty."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _add(text, pos, end, spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE:
        cut = _cut_point(text, a, a + MAX_SENTENCE)
        _add(text, a, cut, spans)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        spans.append((a, b))


def _cut_point(text: str, a: int, limit: int) -> int:
    """After the last clause mark (else space) in the second half of ``text[a:limit]``."""
    lo = a + MAX_SENTENCE // 2
    window = text[lo:limit]
    mark = max(window.rfind(c) for c in "؛;،:\n")
    if mark >= 0:
        return lo + mark + 1
    space = window.rfind(" ")
    if space >= 0:
        return lo + space + 1
    return limit


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (letters, digits, ZWNJ; numbers with their separators) and marks."""
    return [Token(m.group(0), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]
