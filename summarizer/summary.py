"""Extractive summary: the few sentences that carry the story.

Each sentence is scored by its position (headline and lead first), how many
substantive figures it holds and how many content words it shares with the
title (or the headline); the best few are returned in document order.
Kickers (``رییس سازمان بسیج:``), lone numbers and very short lines are skipped.
"""

from __future__ import annotations

import re

from summarizer.lexicon import lexicon

_WORD_RX = re.compile(r"[^\W\d_][\w\u200c]*")


def content_words(text: str) -> set[str]:
    """Words of ``text`` that are not stopwords (for overlap scores)."""
    stop = lexicon().stopwords
    return {w for w in _WORD_RX.findall(text) if w not in stop and len(w) > 1}


def summarize(
    sentences: list[str],
    figure_counts: list[int],
    title_words: set[str],
    headline: set[int],
    *,
    size: int | None = None,
) -> list[int]:
    """Indices of the summary sentences, in document order."""
    n = len(sentences)
    if n == 0:
        return []
    if size is None:
        size = 1 if n <= 2 else (2 if n <= 5 else 3)
    scored: list[tuple[float, int]] = []
    for i, s in enumerate(sentences):
        words = content_words(s)
        n_words = len(s.split())
        if n_words < 5 or s.rstrip().endswith(":"):
            continue
        score = 0.0
        if i in headline:
            score -= 1.0  # the headline is telegraphic; the lead says it in full
        score += 2.0 / (1 + i) if i not in headline else 0.0
        score += min(figure_counts[i] if i < len(figure_counts) else 0, 3) * 0.6
        if title_words and words:
            score += 2.0 * len(words & title_words) / (len(words) ** 0.5 + 1)
        if n_words > 60:
            score -= 0.5
        scored.append((score, i))
    if not scored:
        scored = [(0.0, i) for i in range(n)]
    scored.sort(key=lambda x: (-x[0], x[1]))
    return sorted(i for _, i in scored[:size])
