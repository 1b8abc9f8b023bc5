"""Fit the ranking weights of ``summarizer/data/rank.toml`` against the editors' leads.

The objective is the headline measure of :mod:`bench.leads`: recall@5 of the
lead's *quantities* (numbers of the lead that also occur in the body, names,
dates and years left out) among the engine's top five figures, over the Fars
news articles that have such numbers. Each article is read once (clean-up,
sentences, figure mentions, title figures); only :func:`summarizer.rank.rank`
runs again for each trial set of weights, so a trial costs a fraction of a
second.

The search is coordinate ascent: for each weight in turn, try a few steps
up and down and keep the best (a tie keeps the current value, so the hand
values stay unless the data say otherwise); repeat for a few passes. What it
reports is **cross-validated**: the articles are split into K folds by a hash
of their id; for each fold the weights are fitted on the other folds and
scored on it, and the held-out scores are pooled. The weights written with
``--write`` are then fitted on all articles.

Run: ``uv run --group bench python -m bench.fit_rank [--folds 5] [--passes 2] [--write]``.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.common import base_parser, find_corpus_file, format_table, read_jsonl, write_json
from bench.extract import comparable_numbers, identifier_numbers
from bench.leads import lead_gold
from summarizer.digest import prepare
from summarizer.figures import Mention
from summarizer.lexicon import DATA_DIR
from summarizer.normalize import normalize
from summarizer.rank import Weights, default_weights, rank
from summarizer.sentences import split_sentences

TOP_K = 5
# The weights searched, with the steps tried around the current value.
STEPS: dict[str, tuple[float, ...]] = {
    "kind.money": (-0.5, -0.2, 0.2, 0.5),
    "kind.percent": (-0.5, -0.2, 0.2, 0.5),
    "kind.measure": (-0.5, -0.2, 0.2, 0.5),
    "kind.count": (-0.5, -0.2, 0.2, 0.5),
    "kind.multiplier": (-0.5, -0.2, 0.2, 0.5),
    "kind.duration": (-0.5, -0.2, 0.2, 0.5),
    "count_subject": (-0.3, -0.1, 0.1, 0.3),
    "count_bare": (-0.5, -0.2, 0.2, 0.5),
    "small_bare": (-0.4, -0.2, 0.2, 0.4),
    "magnitude": (-0.04, -0.02, 0.02, 0.04),
    "position": (-1.0, -0.5, 0.5, 1.0),
    "position_decay": (-0.2, -0.1, 0.1, 0.2),
    "order_penalty": (-0.1, -0.05, 0.05, 0.1),
    "list_penalty": (-0.05, 0.05, 0.1),
    "repeat": (-0.25, 0.25, 0.5),
    "title": (-1.5, -0.5, 1.0),
    "title_subject": (-0.2, 0.2, 0.5),
    "title_sentence": (-0.5, 0.5, 1.0),
    "qualifier": (-0.1, 0.1, 0.3),
}
BOUNDS: dict[str, tuple[float, float]] = {"position_decay": (0.05, 0.95)}


@dataclass
class Case:
    """One article, read once: what ranking needs and the lead's quantities."""

    ident: str
    fold: int
    mentions: list[Mention]
    headline: set[int]
    n_sentences: int
    title_words: set[str]
    title: list[Mention]
    keys: dict[tuple[int, int], list[str]]
    gold: set[str]

    def hits(self, w: Weights, k: int = TOP_K) -> int:
        ranked = rank(
            copy.deepcopy(self.mentions),
            headline=self.headline,
            n_sentences=self.n_sentences,
            title_words=self.title_words,
            title=self.title,
            weights=w,
        )
        found: set[str] = set()
        for r in ranked[:k]:
            found.update(self.keys.get((r.mention.start, r.mention.end), ()))
        return len(found & self.gold)


def fold_of(ident: str, folds: int) -> int:
    return int(hashlib.sha1(ident.encode()).hexdigest(), 16) % folds


def load_cases(path: Any, limit: int | None, folds: int) -> list[Case]:
    cases: list[Case] = []
    for rec in read_jsonl(path, limit):
        article, lead = rec.get("article") or "", rec.get("summary") or ""
        if not article.strip() or not lead.strip():
            continue
        gold = lead_gold(article, lead) - identifier_numbers(lead)
        if not gold:
            continue
        norm = normalize(article)
        spans = split_sentences(norm.text)
        ctx = prepare(norm.text, spans, rec.get("title") or None)
        keys: dict[tuple[int, int], list[str]] = {}
        for m in ctx.mentions:
            a, b = norm.to_original(m.start, m.end)
            keys[(m.start, m.end)] = comparable_numbers(norm.original[a:b])
        ident = str(rec.get("id", len(cases)))
        cases.append(
            Case(
                ident,
                fold_of(ident, folds),
                ctx.mentions,
                ctx.headline,
                len(spans),
                ctx.title_words,
                ctx.title_figures,
                keys,
                gold,
            )
        )
    return cases


def recall(cases: Sequence[Case], w: Weights) -> float:
    gold = sum(len(c.gold) for c in cases)
    return sum(c.hits(w) for c in cases) / gold if gold else 0.0


def _value(w: Weights, name: str) -> float:
    if name.startswith("kind."):
        return w.base(name[5:])
    return float(getattr(w, name))


def fit(cases: Sequence[Case], start: Weights, passes: int) -> tuple[Weights, float]:
    """Coordinate ascent on recall@5 over ``cases``; ties keep the current value."""
    best_w, best = start, recall(cases, start)
    for _ in range(passes):
        improved = False
        for name, steps in STEPS.items():
            here = _value(best_w, name)
            lo, hi = BOUNDS.get(name, (-10.0, 10.0))
            for step in steps:
                value = round(min(max(here + step, lo), hi), 4)
                trial = best_w.replace(**{name: value})
                score = recall(cases, trial)
                if score > best + 1e-12:
                    best_w, best, improved = trial, score, True
                    here = value
        if not improved:
            break
    return best_w, best


def changed(a: Weights, b: Weights) -> dict[str, tuple[float, float]]:
    return {n: (_value(a, n), _value(b, n)) for n in STEPS if _value(a, n) != _value(b, n)}


def write_weights(w: Weights, base: Weights) -> list[str]:
    """Rewrite the changed values in ``rank.toml`` in place, keeping its comments."""
    path = DATA_DIR / "rank.toml"
    text = path.read_text(encoding="utf-8")
    done = []
    for name, (_, new) in changed(base, w).items():
        key = name[5:] if name.startswith("kind.") else name
        rx = re.compile(rf"^({re.escape(key)} = )[-0-9.]+$", re.M)
        text, n = rx.subn(lambda m, v=new: f"{m.group(1)}{v:g}", text, count=1)
        if n:
            done.append(f"{key} = {new:g}")
    path.write_text(text, encoding="utf-8")
    return done


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    path = find_corpus_file(args, args.file)
    if path is None:
        return None
    started = time.perf_counter()
    cases = load_cases(path, args.limit, args.folds)
    base = default_weights()
    gold = sum(len(c.gold) for c in cases)
    print(f"{len(cases)} articles, {gold} lead quantities; {args.folds} folds")
    held_fit = held_base = 0
    rows = []
    for k in range(args.folds):
        train = [c for c in cases if c.fold != k]
        test = [c for c in cases if c.fold == k]
        w, train_score = fit(train, base, args.passes)
        fit_hits = sum(c.hits(w) for c in test)
        base_hits = sum(c.hits(base) for c in test)
        n = sum(len(c.gold) for c in test)
        held_fit += fit_hits
        held_base += base_hits
        base_train = recall(train, base)
        rows.append([k, len(test), n, base_train, train_score, base_hits / n, fit_hits / n])
    print(
        format_table(
            [
                "fold",
                "articles",
                "quantities",
                "train, shipped",
                "train, fitted",
                "held out, shipped",
                "held out, fitted",
            ],
            rows,
        )
    )
    cv_base, cv_fit = held_base / gold, held_fit / gold
    print(f"cross-validated recall@5: shipped weights {cv_base:.3f}, fitted {cv_fit:.3f}")
    full, full_score = fit(cases, base, args.passes)
    print(f"fit on all articles: {recall(cases, base):.3f} -> {full_score:.3f} (training fit)")
    for name, (a, b) in changed(base, full).items():
        print(f"  {name}: {a:g} -> {b:g}")
    if args.write:
        if cv_fit > cv_base:
            print("wrote:", ", ".join(write_weights(full, base)) or "nothing changed")
        else:
            print("not written: the fitted weights do not beat the shipped ones on held-out folds")
    print(f"({time.perf_counter() - started:.1f} s)")
    result = {
        "articles": len(cases),
        "quantities": gold,
        "folds": args.folds,
        "cv_shipped": cv_base,
        "cv_fitted": cv_fit,
        "changes": {n: list(v) for n, v in changed(base, full).items()},
    }
    write_json(args.json, result)
    return result


def parser() -> argparse.ArgumentParser:
    p = base_parser(__doc__.splitlines()[0])
    p.add_argument("--file", default="fars_news.jsonl")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--passes", type=int, default=2)
    p.add_argument("--write", action="store_true", help="write the weights fitted on all articles")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    run(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
