"""hazm-based text tools shared by the baselines and the ROUGE scorer.

hazm objects are costly to build (``Normalizer`` about 1.5 s and 200 MB), so
each is built once per process, on first use.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_NEWLINES = re.compile(r"\s*\n\s*")


@cache
def _normalizer() -> Any:
    import hazm

    return hazm.Normalizer()


@cache
def _word_tokenizer() -> Any:
    import hazm

    return hazm.WordTokenizer()


@cache
def _sentence_tokenizer() -> Any:
    import hazm

    return hazm.SentenceTokenizer()


@cache
def stop_words() -> frozenset[str]:
    """hazm's Persian stop-word list."""
    import hazm

    return frozenset(hazm.stopwords_list())


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``: lines first (hazm joins them), then hazm's sentence splitter."""
    out: list[str] = []
    for line in _NEWLINES.split(text):
        if line.strip():
            out.extend(s.strip() for s in _sentence_tokenizer().tokenize(line) if s.strip())
    return out


def words(text: str) -> list[str]:
    """hazm-normalised word tokens of ``text``."""
    return list(_word_tokenizer().tokenize(_normalizer().normalize(text)))


class HazmRougeTokenizer:
    """A rouge-score tokenizer for Persian (rouge-score's own drops non-Latin text).

    Tokens are hazm-normalised words without punctuation.
    """

    _PUNCT = re.compile(r"^[\W_]+$")

    def tokenize(self, text: str) -> list[str]:
        return [w for w in words(text) if not self._PUNCT.match(w)]


class HazmSumyTokenizer:
    """The tokenizer interface sumy's parsers expect, backed by hazm."""

    language = "persian"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


def warm_up() -> None:
    """Build every hazm object now, so timing loops do not pay for it."""
    _normalizer()
    _word_tokenizer()
    _sentence_tokenizer()
    stop_words()
