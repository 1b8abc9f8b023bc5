"""The single entry point: text in, :class:`~summarizer.model.Digest` out."""

from __future__ import annotations

import re

from summarizer.model import Digest, Figure
from summarizer.numbers import find_numbers

_SENT = re.compile(r"[^.!?؟\n]+[.!?؟]*")


def digest(text: str, *, title: str | None = None, max_bullets: int = 8) -> Digest:
    """Digest one Persian news text (placeholder pipeline)."""
    spans = [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group(0).strip()]
    sentences = [text[a:b].strip() for a, b in spans]
    figures: list[Figure] = []
    for i, (a, b) in enumerate(spans):
        for n in find_numbers(text[a:b]):
            figures.append(
                Figure(text=text[a + n.start : a + n.end], value=n.value, kind="count",
                       sentence=i, span=(a + n.start, a + n.end))
            )
    chosen = figures[:max_bullets]
    bullets = [sentences[f.sentence] for f in chosen]
    status = "empty" if not text.strip() else ("ok" if figures else "no_figures")
    return Digest(title=title, bullets=bullets, figures=figures, sentences=sentences,
                  summary=list(range(min(3, len(sentences)))),
                  bullet_figures=[[i] for i in range(len(chosen))], status=status,
                  sentence_spans=spans)
