"""Importance ranking and de-duplication of figure mentions.

A fact mentioned more than once (headline, lead, body) becomes one figure: the
mentions with the same kind, value and unit whose subjects agree are merged,
the mention with the richest context is kept, and repetition raises its score.
Substantive quantities (money, percent, counted things, measures) rank above
durations and multipliers; trivia (dates, ordinals, ages, codes) ranks last,
and numbers that are no figures at all (page ids, phone numbers, codes) are
dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from summarizer.figures import Mention

_BASE = {
    "money": 3.0,
    "percent": 2.7,
    "measure": 2.6,
    "count": 2.4,
    "multiplier": 1.6,
    "duration": 1.5,
    "ordinal": 0.3,
    "date": 0.1,
}
# The first sentences of the body (the agency's lead) carry the story: a
# figure's weight for position falls geometrically with its sentence's place
# in the body, and a little with its place inside the sentence.
POSITION_WEIGHT = 2.0
POSITION_DECAY = 0.6
ORDER_PENALTY = 0.2
# Dates in the lead place the story in time: they rank with the lead's figures.
LEAD_TRIVIA = frozenset({"year", "day", "date", "period"})
LEAD_TRIVIA_SCORE = 1.0
# How far a headline figure may round the body's figure it repeats.
HEADLINE_TOLERANCE = 0.2
# Sentences with at least LIST_MIN figures are enumerations: their later items
# lose LIST_PENALTY per place (at most LIST_PENALTY_CAP places).
LIST_MIN = 4
LIST_PENALTY = 0.1
LIST_PENALTY_CAP = 5
# A fact repeated through the text gains REPEAT_WEIGHT per doubling of its
# mentions, up to REPEAT_CAP doublings (a sanction list repeating «۳ جلسه»
# for each player is no headline fact).
REPEAT_WEIGHT = 0.5
REPEAT_CAP = 1.0
# Kinds that may become bullets.
SUBSTANTIVE = frozenset({"money", "percent", "measure", "count", "multiplier", "duration"})


@dataclass(slots=True)
class Ranked:
    mention: Mention
    score: float
    mentions: int = 1
    group: list[Mention] = field(default_factory=list)


def context_quality(m: Mention, headline: set[int]) -> float:
    """How well a mention's own sentence describes the figure."""
    q = 0.0
    if m.subject:
        q += 2.0
    if m.qualifier:
        q += 0.5
    if m.period:
        q += 0.5
    if m.change:
        q += 0.3
    if m.sentence in headline:
        q -= 1.5
    return q


def score(m: Mention, headline: set[int], n_sentences: int, title_words: set[str]) -> float:
    """Importance of one mention, before merging."""
    s = _BASE.get(m.kind, 1.0)
    if m.trivia in ("age", "year", "day", "time", "date", "ordinal", "period", "small"):
        s = min(s, 0.4)
        if m.trivia in LEAD_TRIVIA and m.sentence - len(headline) in (0, 1):
            s = LEAD_TRIVIA_SCORE
    if m.kind == "count":
        if m.subject:
            s += 0.6
        elif m.unit:
            s += 0.3
        else:
            s -= 1.0
    if m.value is not None and m.kind in ("count", "money", "measure"):
        v = abs(m.value)
        if v < 10 and not m.unit:
            s -= 0.8
        s += min(math.log10(v + 1), 12.0) * 0.08
    if m.kind == "duration" and m.value is not None and m.value <= 1:
        s -= 0.6
    if m.qualifier:
        s += 0.15
    if m.period:
        s += 0.1
    if m.change:
        s += 0.2
    # Position: headline and lead carry the story.
    if m.sentence in headline:
        s += 0.5
    else:
        k = max(m.sentence - len(headline), 0)
        s += POSITION_WEIGHT * POSITION_DECAY**k
    if title_words and m.subject and any(w in title_words for w in m.subject.split()):
        s += 0.3
    return s


def _same_fact(a: Mention, b: Mention, tolerance: float = 1e-9, *, subjects: bool = True) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.value is None or b.value is None:
        if a.range is None or a.range != b.range:
            return False
    elif not math.isclose(a.value, b.value, rel_tol=tolerance):
        return False
    if subjects and a.subject and b.subject:
        sa, sb = a.subject.split()[0], b.subject.split()[0]
        return sa == sb
    return True


def _list_positions(mentions: list[Mention]) -> dict[int, int]:
    """For sentences that enumerate many figures, each figure's place after the first two.

    ``… شامل ۱۰۶ هزار کیلوگرم برنج، ۷ هزار ثوب البسه، ۱٬۳۳۲ عدد ادکلن، …``: the
    items of a long list say less than the total before it.
    """
    per_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        if not m.drop and m.trivia is None and m.kind in SUBSTANTIVE:
            per_sentence.setdefault(m.sentence, []).append(m)
    out: dict[int, int] = {}
    for items in per_sentence.values():
        if len(items) < LIST_MIN:
            continue
        for k, m in enumerate(sorted(items, key=lambda x: x.start)):
            out[id(m)] = max(0, k - 1)
    return out


def _sentence_order(mentions: list[Mention]) -> dict[int, int]:
    """Each kept mention's place among the kept mentions of its sentence."""
    out: dict[int, int] = {}
    seen: dict[int, int] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if m.drop:
            continue
        out[id(m)] = seen.get(m.sentence, 0)
        seen[m.sentence] = out[id(m)] + 1
    return out


def rank(
    mentions: list[Mention],
    *,
    headline: set[int],
    n_sentences: int,
    title_words: set[str],
) -> list[Ranked]:
    """Figures most important first, one per fact; dropped numbers left out."""
    list_rank = _list_positions(mentions)
    order = _sentence_order(mentions)
    groups: list[list[Mention]] = []
    index: dict[tuple[str, str | None, float | None], list[int]] = {}
    # Body mentions first: a headline mention then joins the body's fact even
    # when its wording names the subject differently.
    ordered = sorted(mentions, key=lambda m: m.sentence in headline)
    for m in ordered:
        if m.drop:
            continue
        key = (m.kind, m.unit, round(m.value, 6) if m.value is not None else None)
        placed = False
        for gi in index.get(key, []):
            head = groups[gi][0]
            if (
                m.kind in SUBSTANTIVE
                and m.trivia is None
                and head.trivia is None
                and _same_fact(head, m, subjects=m.sentence not in headline)
            ) or (
                m.trivia is not None
                and m.trivia == head.trivia
                and _same_fact(head, m, subjects=False)
            ):
                groups[gi].append(m)
                placed = True
                break
        if not placed:
            index.setdefault(key, []).append(len(groups))
            groups.append([m])
    # A headline rounds what the body states exactly (۲ میلیون ~ ۲ میلیون و ۳۰۰ هزار).
    merged: list[list[Mention]] = []
    for group in groups:
        head = group[0]
        if all(m.sentence in headline for m in group) and head.kind in SUBSTANTIVE:
            target = next(
                (
                    g
                    for g in groups
                    if g is not group
                    and any(m.sentence not in headline for m in g)
                    and g[0].kind == head.kind
                    and g[0].unit == head.unit
                    and (
                        (
                            g[0].value is not None
                            and head.value is not None
                            and math.isclose(g[0].value, head.value)
                        )
                        or _same_fact(g[0], head, HEADLINE_TOLERANCE)
                    )
                ),
                None,
            )
            if target is not None:
                target.extend(group)
                continue
        merged.append(group)
    groups = merged
    ranked: list[Ranked] = []
    for group in groups:
        best = max(group, key=lambda m: (context_quality(m, headline), m.sentence))
        # Merge what the other mentions know.
        for other in group:
            if best.subject is None and other.subject:
                best.subject = other.subject
            if best.qualifier is None and other.qualifier:
                best.qualifier = other.qualifier
            if best.period is None and other.period and other.sentence not in headline:
                best.period = other.period
        s = max(
            score(m, headline, n_sentences, title_words)
            - LIST_PENALTY * min(list_rank.get(id(m), 0), LIST_PENALTY_CAP)
            - ORDER_PENALTY * min(order.get(id(m), 0), LIST_PENALTY_CAP)
            for m in group
        )
        s += REPEAT_WEIGHT * min(math.log2(len(group)), REPEAT_CAP)
        ranked.append(Ranked(best, s, len(group), group))
    ranked.sort(key=lambda r: (-r.score, r.mention.start))
    return ranked
