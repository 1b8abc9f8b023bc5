"""Span helpers for the PEYMA benchmark: tokens to text, char spans to token spans, matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[str, int, int]  # (type, first token, end token exclusive)


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``tokens`` and each token's char offsets in it.

    Tokens are joined by single spaces, except a thousands separator that the
    tokenisation split off a number (``2`` ``,`` ``159``): it is glued back
    (``2,159``), as the source wrote it.
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for i, token in enumerate(tokens):
        if i and not (_is_separator_at(tokens, i) or _is_separator_at(tokens, i - 1)):
            parts.append(" ")
            pos += 1
        parts.append(token)
        offsets.append((pos, pos + len(token)))
        pos += len(token)
    return "".join(parts), offsets


def _is_separator_at(tokens: Sequence[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a thousands separator between digit groups."""
    return (
        tokens[i] in {",", "٬"}
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].isdigit()
        and tokens[i + 1].isdigit()
        and len(tokens[i + 1]) == 3
    )


def char_to_token_span(
    start: int, end: int, offsets: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """Token range ``[first, last + 1)`` of the tokens the char span ``[start, end)`` touches.

    A token is touched when it shares at least one character with the span;
    ``None`` when the span touches no token (only spaces, or empty).
    """
    if end <= start:
        return None
    hit = [i for i, (a, b) in enumerate(offsets) if a < end and start < b]
    if not hit:
        return None
    return hit[0], hit[-1] + 1


def exact_matches(pred: Iterable[Span], gold: Iterable[Span]) -> int:
    """Number of predicted spans equal to a gold span (same type and token range)."""
    return len(set(pred) & set(gold))


def overlap_matches(pred: Iterable[Span], gold: Iterable[Span]) -> int:
    """Number of one-to-one pairs of same-type spans that share at least one token.

    Greedy in order of position; each gold span pairs with at most one
    prediction and vice versa.
    """
    free = sorted(set(gold), key=lambda s: (s[1], s[2], s[0]))
    used = [False] * len(free)
    hits = 0
    for kind, a, b in sorted(set(pred), key=lambda s: (s[1], s[2], s[0])):
        for j, (g_kind, ga, gb) in enumerate(free):
            if not used[j] and g_kind == kind and a < gb and ga < b:
                used[j] = True
                hits += 1
                break
    return hits
