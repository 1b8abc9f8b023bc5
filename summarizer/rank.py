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

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from summarizer.figures import Mention
from summarizer.lexicon import load_toml

# Kinds that may become bullets.
SUBSTANTIVE = frozenset({"money", "percent", "measure", "count", "multiplier", "duration", "score"})
# Dates in the lead place the story in time: they rank with the lead's figures.
LEAD_TRIVIA = frozenset({"year", "day", "date", "period"})
TRIVIA = frozenset({"age", "year", "day", "time", "date", "ordinal", "period", "small"})


@dataclass(frozen=True, slots=True)
class Weights:
    """The ranking weights of ``data/rank.toml`` (see the comments there)."""

    kind: dict[str, float]
    trivia_cap: float = 0.4
    lead_trivia: float = 1.0
    count_subject: float = 0.6
    count_unit: float = 0.3
    count_bare: float = -1.0
    small_bare: float = -0.8
    magnitude: float = 0.08
    duration_short: float = -0.6
    qualifier: float = 0.15
    period: float = 0.1
    change: float = 0.2
    headline: float = 0.5
    position: float = 2.0
    position_decay: float = 0.6
    order_penalty: float = 0.2
    title_subject: float = 0.3
    title: float = 3.0
    title_sentence: float = 0.0
    list_min: int = 4
    list_penalty: float = 0.1
    list_cap: int = 5
    repeat: float = 0.5
    repeat_cap: float = 1.0
    headline_tolerance: float = 0.2
    title_tolerance: float = 0.05

    def base(self, kind: str) -> float:
        return self.kind.get(kind, self.kind.get("other", 1.0))

    def replace(self, **changes: float) -> Weights:
        """A copy with some weights changed; ``kind.NAME`` keys change a base score."""
        kinds = dict(self.kind)
        plain: dict[str, Any] = {}
        for key, value in changes.items():
            if key.startswith("kind."):
                kinds[key[5:]] = value
            else:
                plain[key] = value
        return dataclasses.replace(self, kind=kinds, **plain)


def weights_from(table: dict[str, Any]) -> Weights:
    """Weights from a parsed ``rank.toml`` (missing keys keep their defaults)."""
    names = {f.name for f in dataclasses.fields(Weights)} - {"kind"}
    given = table.get("weights", {})
    unknown = set(given) - names
    if unknown:
        raise ValueError(f"unknown ranking weights: {', '.join(sorted(unknown))}")
    kinds = {str(k): float(v) for k, v in table.get("kind", {}).items()}
    return Weights(kind=kinds, **given)


@cache
def default_weights() -> Weights:
    """The weights shipped in ``summarizer/data/rank.toml``."""
    return weights_from(load_toml("rank.toml"))


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


def score(
    m: Mention,
    headline: set[int],
    n_sentences: int,
    title_words: set[str],
    w: Weights | None = None,
) -> float:
    """Importance of one mention, before merging."""
    w = w or default_weights()
    s = w.base(m.kind)
    if m.trivia in TRIVIA:
        s = min(s, w.trivia_cap)
        if m.trivia in LEAD_TRIVIA and m.sentence - len(headline) in (0, 1):
            s = w.lead_trivia
    if m.kind == "score":
        s += w.count_bare  # the side of a result: ranked as a bare count
    elif m.kind == "count":
        if m.subject:
            s += w.count_subject
        elif m.unit:
            s += w.count_unit
        else:
            s += w.count_bare
    if m.value is not None and m.kind in ("count", "money", "measure", "score"):
        v = abs(m.value)
        if v < 10 and not m.unit:
            s += w.small_bare
        s += min(math.log10(v + 1), 12.0) * w.magnitude
    if m.kind == "duration" and m.value is not None and m.value <= 1:
        s += w.duration_short
    if m.qualifier:
        s += w.qualifier
    if m.period:
        s += w.period
    if m.change:
        s += w.change
    # Position: headline and lead carry the story.
    if m.sentence in headline:
        s += w.headline
    else:
        k = max(m.sentence - len(headline), 0)
        s += w.position * w.position_decay**k
    if title_words and m.subject and any(x in title_words for x in m.subject.split()):
        s += w.title_subject
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


def _list_positions(mentions: list[Mention], list_min: int) -> dict[int, int]:
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
        if len(items) < list_min:
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


def _substantive(m: Mention) -> bool:
    return not m.drop and m.trivia is None and m.kind in SUBSTANTIVE


def _subjects_agree(a: Mention, b: Mention) -> bool:
    """Counts of different things are different facts (``۳ طلا`` is not ``۳ نقره``)."""
    if a.kind != "count" or not a.subject or not b.subject:
        return True
    if a.subject.split()[0] in _generic_subjects() or b.subject.split()[0] in _generic_subjects():
        return True  # "۴۶ اثر برگزیده" in a title is the body's "۴۶ کتاب"
    return bool(set(a.subject.split()) & set(b.subject.split()))


@cache
def _generic_subjects() -> frozenset[str]:
    """Counted nouns that name any kind of item (اثر، مورد، عنوان)."""
    return frozenset(load_toml("phrases.toml").get("subject", {}).get("generic", []))


def _relative_gap(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b), 1e-9)


def _title_gap(head: Mention, t: Mention) -> float | None:
    """How far a title figure ``t`` is from a body figure, or ``None`` if it is another fact.

    Kinds must agree, except that a bare number of the title (a count with
    no unit: titles are telegraphic) may name any figure of the same value.
    """
    if not _substantive(head):
        return None
    if head.kind != t.kind and not (t.kind in ("count", "score") and not t.unit):
        return None
    if head.kind == t.kind and head.unit and t.unit and head.unit != t.unit:
        return None
    if head.kind == t.kind and not _subjects_agree(head, t):
        return None
    if head.value is not None and t.value is not None:
        return _relative_gap(head.value, t.value)
    if head.range is not None and t.range is not None:
        return max(_relative_gap(x, y) for x, y in zip(head.range, t.range, strict=True))
    return None


def title_groups(
    groups: list[list[Mention]], headline: set[int], title: Sequence[Mention], w: Weights
) -> set[int]:
    """Indices of the groups whose fact the title or the text's headline states.

    A headline line inside the text joins its body fact when grouping; a
    title given apart names a figure by value: the same value, or the
    closest one within ``title_tolerance`` (a title rounds ``۷۹ کیلو و ۸۴۰
    گرم`` to ``۷۹ کیلو``), of the same kind and unit.
    """
    out: set[int] = set()
    for gi, group in enumerate(groups):
        if (
            _substantive(group[0])
            and any(m.sentence in headline for m in group)
            and any(m.sentence not in headline for m in group)
        ):
            out.add(gi)
    for t in title:
        # a title's "۲۴ ساعته" is an attribute of its noun, but names the body's "۲۴ ساعت"
        if t.drop or t.kind not in SUBSTANTIVE or t.trivia not in (None, "attribute"):
            continue
        best: tuple[float, int] | None = None
        for gi, group in enumerate(groups):
            gap = _title_gap(group[0], t)
            if gap is not None and gap <= w.title_tolerance and (best is None or gap < best[0]):
                best = (gap, gi)
        if best is not None:
            out.add(best[1])
    return out


def rank(
    mentions: list[Mention],
    *,
    headline: set[int],
    n_sentences: int,
    title_words: set[str],
    title: Sequence[Mention] = (),
    weights: Weights | None = None,
) -> list[Ranked]:
    """Figures most important first, one per fact; dropped numbers left out.

    ``title`` holds the figures of a title given apart from the text; the
    figures of a headline inside the text are among ``mentions``.
    """
    w = weights or default_weights()
    list_rank = _list_positions(mentions, w.list_min)
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
                        or _same_fact(g[0], head, w.headline_tolerance)
                    )
                ),
                None,
            )
            if target is not None:
                target.extend(group)
                continue
        merged.append(group)
    groups = merged
    in_title = title_groups(groups, headline, title, w)
    # The sentence the title restates is the story's sentence: its other figures gain too.
    title_sentences = {
        m.sentence for gi in in_title for m in groups[gi] if m.sentence not in headline
    }
    ranked: list[Ranked] = []
    for gi, group in enumerate(groups):
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
            score(m, headline, n_sentences, title_words, w)
            - w.list_penalty * min(list_rank.get(id(m), 0), w.list_cap)
            - w.order_penalty * min(order.get(id(m), 0), w.list_cap)
            for m in group
        )
        s += w.repeat * min(math.log2(len(group)), w.repeat_cap)
        if gi in in_title:
            s += w.title
        elif any(m.sentence in title_sentences for m in group):
            s += w.title_sentence
        ranked.append(Ranked(best, s, len(group), group))
    ranked.sort(key=lambda r: (-r.score, r.mention.start))
    return ranked
