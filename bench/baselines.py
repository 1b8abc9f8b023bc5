"""Extractive baselines the engine is compared with: Lead-k, TextRank, LexRank.

TextRank and LexRank are sumy's, fed with hazm sentence splitting, hazm word
tokens and hazm's stop words, so they see Persian text the way our engine
does. Each returns its chosen sentences in document order.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from bench.textkit import HazmSumyTokenizer, split_sentences, stop_words

SENTENCE_BUDGET = 3


def lead(text: str, k: int = SENTENCE_BUDGET) -> list[str]:
    """The first ``k`` sentences."""
    return split_sentences(text)[:k]


@cache
def _summarizers() -> dict[str, Any]:
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    out: dict[str, Any] = {}
    for name, cls in (("textrank", TextRankSummarizer), ("lexrank", LexRankSummarizer)):
        summarizer = cls()
        summarizer.stop_words = stop_words()
        out[name] = summarizer
    return out


def _document(sentences: list[str]) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = HazmSumyTokenizer()
    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])


def ranked(name: str, text: str, k: int = SENTENCE_BUDGET) -> list[str]:
    """The ``k`` sentences sumy's ``name`` ("textrank" or "lexrank") picks, in document order."""
    sentences = split_sentences(text)
    if len(sentences) <= k:
        return sentences
    picked = _summarizers()[name](_document(sentences), k)
    return [str(s) for s in picked]


def textrank(text: str, k: int = SENTENCE_BUDGET) -> list[str]:
    return ranked("textrank", text, k)


def lexrank(text: str, k: int = SENTENCE_BUDGET) -> list[str]:
    return ranked("lexrank", text, k)
