"""The article in a page: title, publication date and main text.

HTML goes through trafilatura (comments and tables off, plus a few class
names Persian sites use for comments and related news), which drops menus,
related-news lists, comments and footers; layout tables are tried only when
nothing else is found. Trafilatura deletes invisible characters, the
zero-width non-joiner (ZWNJ) among them, which Persian writes inside words
(می‌شود); it is swapped for a visible stand-in during extraction and put back.
Plain-text pages pass through; their first short line serves as the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from bot.links.errors import NOT_ARTICLE, LinkError

_BLANKS_RE = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
# Site names that pages append to their <title>: "headline - Agency", "Agency | headline".
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


@dataclass(frozen=True, slots=True)
class Extracted:
    """What extraction found in a page."""

    title: str | None
    text: str
    published: str | None


ZWNJ = "\u200c"
_ZWNJ_ENTITY_RE = re.compile(r"&(?:zwnj|#8204|#x200c);", re.IGNORECASE)
# Printable characters no Persian page uses, to stand in for ZWNJ.
_STAND_INS = ("\u16bc", "\u16bd", "\u2e19", "\ua9c1", "\u0fbe")

# Blocks Persian news sites mark with transliterated class names or ids:
# comments (nazar, didgah), related news (mortabet), tags (barchasb).
# (Trafilatura already knows the English names.)
_PERSIAN_BOILERPLATE = ("nazar", "didgah", "mortabet", "barchasb")
PRUNE_XPATH = [
    "//*["
    + " or ".join(
        f"contains(@class,'{name}') or contains(@id,'{name}')" for name in _PERSIAN_BOILERPLATE
    )
    + "]"
]


#: Pages with more elements than this are refused: extraction time grows
#: faster than the page, and no news article needs so many.
MAX_ELEMENTS = 20_000
#: Above this many elements the fallback extractors (slow on big pages) are skipped.
FAST_ABOVE_ELEMENTS = 3_000


def count_elements(html: str) -> int:
    """How many elements lxml finds in ``html`` (0 if it cannot parse it)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return 0
    return sum(1 for _ in root.iter())


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Main text, title and date of an HTML page (empty text if there is none).

    Raises ``LinkError("not_article")`` for pages with more than
    :data:`MAX_ELEMENTS` elements.
    """
    elements = count_elements(html) if html.strip() else 0
    if elements > MAX_ELEMENTS:
        raise LinkError(NOT_ARTICLE, f"page has {elements} elements (limit {MAX_ELEMENTS})")
    fast = elements > FAST_ABOVE_ELEMENTS
    stand_in = next((c for c in _STAND_INS if c not in html), None)
    if stand_in is not None:
        html = _ZWNJ_ENTITY_RE.sub(stand_in, html).replace(ZWNJ, stand_in)
    data = _trafilatura(html, url, tables=False, fast=fast) or _trafilatura(
        html, url, tables=True, fast=fast
    )
    if data is None:
        return Extracted(title=None, text="", published=None)

    def restore(value: object) -> str:
        text = str(value or "")
        return text.replace(stand_in, ZWNJ) if stand_in is not None else text

    title = clean_title(restore(data.get("title")))
    text = clean_text(restore(data.get("text")))
    if title:
        text = _drop_leading_title(text, title)
    published = data.get("date")
    return Extracted(title=title, text=text, published=str(published) if published else None)


def _trafilatura(
    html: str, url: str | None, *, tables: bool, fast: bool
) -> dict[str, object] | None:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_tables=tables,
        include_images=False,
        include_links=False,
        deduplicate=False,
        prune_xpath=PRUNE_XPATH,
    )
    if doc is None:
        return None
    data: dict[str, object] = doc if isinstance(doc, dict) else doc.as_dict()
    return data if str(data.get("text") or "").strip() else None


def _drop_leading_title(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    if rest and first.strip() == title:
        return rest.lstrip("\n")
    return text


def extract_plain(text: str) -> Extracted:
    """A plain-text page: the text itself, its first short line as the title."""
    text = clean_text(text)
    first, _, rest = text.partition("\n")
    if rest.strip() and 0 < len(first) <= 200:
        return Extracted(title=first.strip(), text=rest.strip(), published=None)
    return Extracted(title=None, text=text, published=None)


def clean_text(text: str) -> str:
    """Tidy white space without touching Persian characters (ZWNJ stays)."""
    lines = [_BLANKS_RE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _MANY_NEWLINES_RE.sub("\n\n", "\n".join(lines)).strip()


def clean_title(title: str) -> str | None:
    """``title`` without white-space runs; None if empty."""
    title = _BLANKS_RE.sub(" ", title).strip()
    return title or None
