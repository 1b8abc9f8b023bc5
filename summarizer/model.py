"""The document model: what :func:`summarizer.digest` returns.

These records are the engine's public contract. ``Digest.to_dict()`` gives
JSON-ready data in the shape documented in the README; ``Digest.from_dict()``
reads it back (the bot stores digests that way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal[
    "count", "money", "percent", "ordinal", "multiplier", "date", "duration", "measure", "score"
]
Qualifier = Literal["more_than", "less_than", "about", "at_least", "at_most"]
Change = Literal["increase", "decrease"]
Status = Literal["ok", "empty", "not_persian", "no_figures"]

KINDS: tuple[Kind, ...] = (
    "count",
    "money",
    "percent",
    "ordinal",
    "multiplier",
    "date",
    "duration",
    "measure",
    "score",
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One quantity found in the text.

    ``span`` holds offsets into the input text exactly as it was given, so
    ``original[span[0]:span[1]]`` is the figure as the source wrote it.
    ``mentions`` lists the spans of all mentions of the same fact that were
    merged into this figure (``span`` among them).
    """

    text: str
    value: float | None
    kind: Kind
    sentence: int
    span: tuple[int, int]
    range: tuple[float, float] | None = None
    unit: str | None = None
    subject: str | None = None
    qualifier: Qualifier | None = None
    period: str | None = None
    change: Change | None = None
    date: str | None = None
    score: float = 0.0
    # Spans in the input of every mention merged into this figure (the one in
    # ``span`` included), in text order.
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": _json_number(self.value),
            "range": [_json_number(x) for x in self.range] if self.range else None,
            "kind": self.kind,
            "unit": self.unit,
            "subject": self.subject,
            "qualifier": self.qualifier,
            "period": self.period,
            "change": self.change,
            "date": self.date,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "mentions": [[a, b] for a, b in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        rng = data.get("range")
        return cls(
            text=data["text"],
            value=data.get("value"),
            kind=data["kind"],
            sentence=int(data["sentence"]),
            span=(int(data["span"][0]), int(data["span"][1])),
            range=(rng[0], rng[1]) if rng else None,
            unit=data.get("unit"),
            subject=data.get("subject"),
            qualifier=data.get("qualifier"),
            period=data.get("period"),
            change=data.get("change"),
            date=data.get("date"),
            mentions=[(int(a), int(b)) for a, b in data.get("mentions", [])],
        )


@dataclass(frozen=True, slots=True)
class Digest:
    """The result of digesting one text.

    ``figures`` are ordered most important first. ``bullets[i]`` was built
    from the figures ``figures[j] for j in bullet_figures[i]`` (one bullet can
    carry several figures of one clause). ``summary`` holds indices into
    ``sentences`` in document order. ``status`` tells a caller why a digest
    has no bullets: ``empty`` input, ``not_persian`` text, or ``no_figures``.
    """

    title: str | None
    bullets: list[str]
    figures: list[Figure]
    sentences: list[str]
    summary: list[int]
    bullet_figures: list[list[int]] = field(default_factory=list)
    status: Status = "ok"
    # Offsets of each sentence in the input text as given: (start, end).
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "bullets": list(self.bullets),
            "figures": [f.to_dict() for f in self.figures],
            "sentences": list(self.sentences),
            "summary": list(self.summary),
            "bullet_figures": [list(b) for b in self.bullet_figures],
            "sentence_spans": [[a, b] for a, b in self.sentence_spans],
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        return cls(
            title=data.get("title"),
            bullets=list(data.get("bullets", [])),
            figures=[Figure.from_dict(f) for f in data.get("figures", [])],
            sentences=list(data.get("sentences", [])),
            summary=[int(i) for i in data.get("summary", [])],
            bullet_figures=[[int(i) for i in b] for b in data.get("bullet_figures", [])],
            status=data.get("status", "ok"),
            sentence_spans=[(int(a), int(b)) for a, b in data.get("sentence_spans", [])],
        )


def _json_number(x: float | None) -> float | int | None:
    """Whole numbers as ``int`` so JSON shows ``17000000``, not ``17000000.0``."""
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 2**63:
        return int(x)
    return float(x)
