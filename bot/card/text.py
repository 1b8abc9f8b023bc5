"""Persian text for drawing: joined letters, right-to-left order, wrapping.

Two ways to lay a line out, chosen once per process:

- With libraqm (``PIL.features.check("raqm")``), Pillow shapes and orders the
  logical text itself (HarfBuzz and FriBiDi); the text is passed as it is.
- Without it, :func:`visual` turns a logical line into the string to draw
  left to right with Pillow's basic layout: letters are replaced by their
  joined presentation forms (arabic-reshaper), the line is ordered by the
  Unicode bidirectional algorithm (python-bidi), brackets inside
  right-to-left runs are mirrored (python-bidi's ``get_display`` leaves them
  as they are), and format characters (ZWNJ, bidi marks and isolates), which
  have done their work by then and would be drawn as visible boxes, are
  dropped.

Wrapping works on logical text: words are added to a line while the line,
laid out, fits; only then is each line ordered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

ELLIPSIS = "…"
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
# Characters that only steer joining or direction: dropped from a visual line.
FORMAT_CHARS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
)
_FORMAT_RE = re.compile("[" + "".join(sorted(FORMAT_CHARS)) + "]")
_LEVELS_SECTION = re.compile(r"levels: \[(.*?)\]\s*,\s*paragraphs:", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_SPACES = re.compile(r"\s+")

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={"delete_harakat": False, "support_zwj": True}
)


def clean(text: str) -> str:
    """One line of text: whitespace runs become one space, control characters go."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in "\t\n")
    return _SPACES.sub(" ", text).strip()


def strip_format(text: str) -> str:
    """``text`` without the zero-width format characters of :data:`FORMAT_CHARS`."""
    return _FORMAT_RE.sub("", text)


def _levels(text: str) -> list[int]:
    """The resolved embedding level of each character of one right-to-left paragraph.

    python-bidi reports the levels of its Rust implementation, byte by byte of
    the UTF-8 text, in its debug output; a character's level is that of its
    first byte.
    """
    info = str(get_display(text, base_dir="R", debug=True))
    section = _LEVELS_SECTION.search(info)
    if section is None:
        raise RuntimeError("python-bidi gave no embedding levels")
    by_byte = [int(m) for m in _LEVEL.findall(section.group(1))]
    levels: list[int] = []
    at = 0
    for char in text:
        if at >= len(by_byte):
            raise RuntimeError("python-bidi gave fewer levels than the text has bytes")
        levels.append(by_byte[at])
        at += len(char.encode("utf-8"))
    if at != len(by_byte):
        raise RuntimeError("python-bidi gave more levels than the text has bytes")
    return levels


def reorder(text: str) -> str:
    """One logical line in visual order (left to right) for a right-to-left paragraph,
    with mirrored brackets (rules L2 and L4 of the bidirectional algorithm)."""
    if not text:
        return ""
    levels = _levels(text)
    # Rule L1: whitespace at the end of the line goes back to the paragraph level.
    i = len(text) - 1
    while i >= 0 and (text[i].isspace() or text[i] in FORMAT_CHARS):
        levels[i] = 1
        i -= 1
    chars = [MIRRORED.get(c, c) if lvl % 2 else c for c, lvl in zip(text, levels, strict=True)]
    order = list(range(len(chars)))
    top = max(levels)
    lowest_odd = 1
    for level in range(top, lowest_odd - 1, -1):
        j = 0
        while j < len(order):
            if levels[order[j]] >= level:
                k = j
                while k < len(order) and levels[order[k]] >= level:
                    k += 1
                order[j:k] = reversed(order[j:k])
                j = k
            else:
                j += 1
    return "".join(chars[p] for p in order)


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """The string to draw left to right for one logical line (no libraqm)."""
    shaped = _RESHAPER.reshape(text)
    return strip_format(reorder(shaped))


def truncate(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` if it fits, else its longest word-boundary (or character) prefix
    that fits with an ellipsis after it."""
    if fits(text):
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" ،,؛:-–—") + ELLIPSIS
        if fits(candidate):
            return candidate
    word = words[0]
    for end in range(len(word) - 1, 0, -1):
        candidate = word[:end] + ELLIPSIS
        if fits(candidate):
            return candidate
    return ELLIPSIS if fits(ELLIPSIS) else ""


def wrap(text: str, fits: Callable[[str], bool], max_lines: int) -> list[str]:
    """Logical ``text`` in at most ``max_lines`` lines that each fit; the last line
    ends with an ellipsis when text was left over."""
    words = clean(text).split(" ")
    if words == [""]:
        return []
    lines: list[str] = []
    current = ""
    i = 0
    while i < len(words):
        word = words[i]
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            i += 1
            continue
        if len(lines) == max_lines - 1:
            lines.append(truncate(" ".join(w for w in (current, *words[i:]) if w), fits))
            return lines
        if current:
            lines.append(current)
            current = ""
        else:
            # One word longer than a line: cut it.
            lines.append(truncate(word, fits))
            i += 1
    if current:
        lines.append(current)
    return lines
