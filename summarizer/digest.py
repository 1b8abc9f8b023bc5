"""The single entry point: text in, :class:`~summarizer.model.Digest` out.

Pipeline: :mod:`normalize` (offset map) -> :mod:`sentences` ->
:mod:`figures` (numbers in context) -> :mod:`rank` (merge, order) ->
:mod:`bullets` and :mod:`summary`. Every figure span is mapped back to the
input as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer import bullets as bullet_mod
from summarizer import lists
from summarizer.figures import Mention, extract
from summarizer.model import Digest, Figure, Status
from summarizer.normalize import Normalized, normalize
from summarizer.rank import SUBSTANTIVE, Ranked, rank
from summarizer.sentences import split_sentences
from summarizer.statements import MAX_CHARS, numbers_in
from summarizer.summary import content_words, summarize

_PERSIAN_RX = re.compile("[\u0600-\u06ff]")
_LETTER_RX = re.compile(r"[^\W\d_]")
_WORD_RX = re.compile(r"[^\W_]")
_TERMINAL = ".!?؟…»\"'"
_TITLE_EDGES = " \t\u200c-–—|•*"
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
KICKER_MAX_WORDS = 8


def digest(text: str, *, title: str | None = None, max_bullets: int = 8) -> Digest:
    """Digest one Persian news text into key figures, bullets and a summary."""
    if not isinstance(text, str):
        text = str(text or "")
    max_bullets = max(0, int(max_bullets))
    if not text.strip():
        return Digest(title=title, bullets=[], figures=[], sentences=[], summary=[], status="empty")
    norm = normalize(text)
    if not _WORD_RX.search(norm.text):
        return Digest(title=title, bullets=[], figures=[], sentences=[], summary=[], status="empty")
    spans = split_sentences(norm.text)
    sentences = [norm.text[a:b] for a, b in spans]
    sentence_spans = [norm.to_original(a, b) for a, b in spans]
    if not _is_persian(norm.text):
        return Digest(
            title=title,
            bullets=[],
            figures=[],
            sentences=sentences,
            summary=[],
            status="not_persian",
            sentence_spans=sentence_spans,
        )

    ctx = prepare(norm.text, spans, title)
    headline, title_words, mentions = ctx.headline, ctx.title_words, ctx.mentions
    if title is None:
        title = _headline_title(norm.text, spans, headline)
    ranked = rank(
        mentions,
        headline=headline,
        n_sentences=len(spans),
        title_words=title_words,
        title=ctx.title_figures,
    )
    figures = [_to_figure(r, norm) for r in ranked]

    bullet_lines, bullet_figures = _bullets(norm.text, ranked, spans, max_bullets, title)

    counts = [0] * len(spans)
    for m in mentions:
        if not m.drop and m.kind in SUBSTANTIVE and m.trivia is None:
            counts[m.sentence] += 1
    summary = summarize(sentences, counts, title_words, headline)
    has_figures = any(f.kind in SUBSTANTIVE for f in figures)
    status: Status = "ok" if has_figures else "no_figures"
    return Digest(
        title=title,
        bullets=bullet_lines,
        figures=figures,
        sentences=sentences,
        summary=summary,
        bullet_figures=bullet_figures,
        status=status,
        sentence_spans=sentence_spans,
    )


@dataclass(slots=True)
class Prepared:
    """What ranking reads: the figure mentions and what the headline and title say."""

    headline: set[int]
    title_words: set[str]
    title_figures: list[Mention]
    mentions: list[Mention]


def prepare(text: str, spans: list[tuple[int, int]], title: str | None) -> Prepared:
    """Mentions of the normalised ``text`` and the headline and title signals ranking uses."""
    sentences = [text[a:b] for a, b in spans]
    headline = _headline(sentences)
    title_words = content_words(title) if title else set()
    if not title_words:
        for i in sorted(headline):
            title_words |= content_words(sentences[i])
    title_figures = _title_figures(title) if title else []
    return Prepared(headline, title_words, title_figures, extract(text, spans))


# Rounds of choosing bullets again without the figures no complete line was found for.
BULLET_ROUNDS = 4


def _bullets(
    text: str,
    ranked: list[Ranked],
    spans: list[tuple[int, int]],
    max_bullets: int,
    title: str | None,
) -> tuple[list[str], list[list[int]]]:
    """Complete-statement bullets, most important first, no number stated twice.

    The rows of a list never make bullets of their own; each list makes at
    most one, its name and its key row (:func:`_list_bullets`).
    """
    blocks = lists.find(text, spans, (r.mention.sentence for r in ranked))
    row_of = {k: blk for blk in blocks for k in blk.rows}
    skip: set[int] = {i for i, r in enumerate(ranked) if r.mention.sentence in row_of}
    memo: dict[tuple[object, ...], tuple[str, list[int]] | None] = {}
    lines: list[str] = []
    figs: list[list[int]] = []
    for _ in range(BULLET_ROUNDS):
        chosen = bullet_mod.choose(ranked, max_bullets, text, skip=skip)
        lines, figs = [], []
        shown: set[str] = set()
        failed = False
        for b in chosen:
            done = bullet_mod.finish(text, b, ranked, spans, shown, title, memo)
            if done is None:
                skip.update(b.figures)
                failed = True
                continue
            line, used = done
            lines.append(line)
            figs.append(used)
            shown |= numbers_in(line)
        if not failed:
            break
    if blocks:
        _list_bullets(text, ranked, spans, blocks, max_bullets, lines, figs)
    return lines, figs


def _list_bullets(
    text: str,
    ranked: list[Ranked],
    spans: list[tuple[int, int]],
    blocks: list[lists.Block],
    max_bullets: int,
    lines: list[str],
    figs: list[list[int]],
) -> None:
    """Add a bullet for each list: its name and its first row, the one the
    editor put first (``قیمت انواع سکه امروز: سکه تمام ۱۲ میلیون تومان``),
    placed in rank order of the row's best figure. Nothing for a list whose
    name or row would make a line too long, or that states a number a bullet
    already states."""
    in_rows = {k for blk in blocks for k in blk.rows}
    by_sentence: dict[int, list[int]] = {}  # a row's figures, in rank order
    for i, r in enumerate(ranked):
        if r.mention.sentence in in_rows:
            by_sentence.setdefault(r.mention.sentence, []).append(i)
    for blk in blocks:
        intro = lists.name(text[slice(*spans[blk.intro])])
        if intro is None:
            continue
        row, best = next(
            (
                (k, i)
                for k in blk.rows
                for i in by_sentence.get(k, [])
                if not ranked[i].mention.drop
                and ranked[i].mention.trivia is None
                and lists.is_value(text, spans[k], ranked[i].mention.start)
            ),
            (-1, -1),
        )
        if best < 0:
            continue
        row_line = text[slice(*spans[row])]
        m = ranked[best].mention
        first = m.qual_start if m.qual_start is not None else m.num_start
        line = (
            (
                lists.leader(intro, row_line, first - spans[row][0])
                if lists.ranks_first(row_line)
                else None
            )
            or lists.result(intro, row_line)
            or f"{intro}: {lists.row_text(row_line)}"
        )
        shown = set().union(*(numbers_in(x) for x in lines)) if lines else set()
        if len(line) > MAX_CHARS or numbers_in(line) & shown:
            continue
        used = by_sentence[row]
        at = next((k for k, f in enumerate(figs) if f and min(f) > best), len(lines))
        if at >= max_bullets:
            continue
        lines.insert(at, line)
        figs.insert(at, used)
        del lines[max_bullets:], figs[max_bullets:]


_TITLE_PARTS_RX = re.compile(r"(?<!\d)/|/(?!\d)|\|")


def _title_figures(title: str) -> list[Mention]:
    """The figures a title given apart from the text states.

    Agency titles join two headlines with a slash (``... در کردستان/۷۰۴ پروژه
    ...``); each part is read on its own, a slash between digits stays.
    """
    text = normalize(_TITLE_PARTS_RX.sub("\n", title[:1000])).text
    spans: list[tuple[int, int]] = []
    start = 0
    for part in text.split("\n"):
        if part.strip():
            spans.append((start, start + len(part)))
        start += len(part) + 1
    return extract(text, spans)


def _is_persian(text: str) -> bool:
    letters = len(_LETTER_RX.findall(text[:20000]))
    if letters == 0:
        return False
    persian = len(_PERSIAN_RX.findall(text[:20000]))
    return persian >= 0.3 * letters and persian >= 3


def _headline(sentences: list[str]) -> set[int]:
    """Leading lines without a full stop: kicker and headline of an agency report."""
    out: set[int] = set()
    for i, s in enumerate(sentences[:3]):
        if s.rstrip().endswith(tuple(_TERMINAL)) or len(s.split()) > 30:
            break
        if s.rstrip().endswith(":") and len(s.split()) > KICKER_MAX_WORDS:
            break  # "قیمت انواع سکه … به شرح زیر است:": the body, introducing a list
        out.add(i)
    return out


def _headline_title(text: str, spans: list[tuple[int, int]], headline: set[int]) -> str | None:
    """The headline line of a text that clearly opens with one, else ``None``.

    A headline is a leading line of a few words without a full stop, on a
    line of its own, with the body after it. A kicker (``رییس سازمان بسیج:``)
    is skipped.
    """
    if not headline or len(headline) >= len(spans):
        return None
    for i in sorted(headline):
        a, b = spans[i]
        line = text[a:b].strip()
        after = text[b : b + 64].lstrip(" \t\u200c\u200e\u200f")
        if not after.startswith(("\n", "\r")):
            return None  # not a line of its own
        if line.endswith(":"):
            continue
        words = len(line.split())
        if HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS:
            return line.strip(_TITLE_EDGES) or None
    return None


def _to_figure(r: Ranked, norm: Normalized) -> Figure:
    m: Mention = r.mention
    a, b = norm.to_original(m.start, m.end)
    return Figure(
        text=norm.original[a:b],
        value=m.value,
        kind=m.kind,
        sentence=m.sentence,
        span=(a, b),
        range=m.range,
        unit=m.unit,
        subject=m.subject,
        qualifier=m.qualifier,
        period=m.period,
        change=m.change,
        date=m.date if m.kind == "date" else None,
        score=round(r.score, 4),
        mentions=sorted({norm.to_original(x.start, x.end) for x in r.group or [m]}),
    )
