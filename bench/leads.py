"""Key figures and summaries against the editor's lead (Fars News corpus).

Two tables from one pass over ``fars_news.jsonl``:

* **Lead numbers recall.** For each article whose lead (``summary``) holds
  numbers that also occur in the body (``article``), the gold set is those
  shared numbers; the headline measure keeps only its *quantities* (dates,
  years and numbers the lead uses as names left out). A system's hits are
  the gold numbers found in what it picked: our top-5 figures (the source
  text of ``Digest.figures[:5]``, the article's title given to the engine as
  the bot gives a link's title), the first five numbers (or quantities) of
  the body, or the sentences a baseline picked (Lead-3, sumy TextRank-3,
  sumy LexRank-3). Every side goes through the same extractor,
  :func:`bench.extract.comparable_numbers`. Reported as micro recall (all
  hits / all gold numbers) and, for all numbers, macro recall (mean over
  articles).
* **ROUGE-1/2/L F1** of our extractive summary (``Digest.summary``) and of
  the baselines against the lead, with rouge-score and a hazm tokenizer.

Run: ``uv run --group bench python -m bench.leads [--limit N] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.common import base_parser, find_corpus_file, format_table, read_jsonl, write_json
from bench.engine import EngineRun
from bench.extract import comparable_numbers, identifier_numbers

TOP_K = 5


@dataclass
class RecallTally:
    """Hits against gold numbers, summed and per article."""

    hits: int = 0
    gold: int = 0
    per_article: list[float] = field(default_factory=list)
    picked: int = 0
    q_hits: int = 0
    q_gold: int = 0

    def add(self, gold: set[str], chosen: Sequence[str], quantities: set[str]) -> None:
        found = gold & set(chosen)
        self.hits += len(found)
        self.gold += len(gold)
        self.per_article.append(len(found) / len(gold))
        self.picked += len(set(chosen))
        self.q_hits += len(quantities & set(chosen))
        self.q_gold += len(quantities)

    def row(self, name: str) -> list[Any]:
        n = len(self.per_article)
        return [
            name,
            self.q_hits / self.q_gold if self.q_gold else 0.0,
            self.hits / self.gold if self.gold else 0.0,
            statistics.fmean(self.per_article) if n else 0.0,
            self.picked / n if n else 0.0,
        ]


def numbers_of(texts: Sequence[str]) -> list[str]:
    """Comparable number keys of several texts, in order."""
    out: list[str] = []
    for text in texts:
        out.extend(comparable_numbers(text))
    return out


def first_distinct(keys: Sequence[str], k: int) -> list[str]:
    """The first ``k`` distinct keys, in order."""
    seen: list[str] = []
    for key in keys:
        if key not in seen:
            seen.append(key)
            if len(seen) == k:
                break
    return seen


def lead_gold(article: str, lead: str) -> set[str]:
    """Numbers of the lead that also occur in the body."""
    return set(comparable_numbers(lead)) & set(comparable_numbers(article))


def _diagnose(
    d: Any, gold: set[str], k: int, tally: dict[str, int], ident: str, verbose: bool
) -> None:
    """Where each gold number sits in our figure list: top k, lower, or absent."""
    rank: dict[str, int] = {}
    for i, f in enumerate(d.figures if d else []):
        for key in comparable_numbers(f.text):
            rank.setdefault(key, i)
    for key in sorted(gold):
        if key not in rank:
            tally["absent"] += 1
            if verbose:
                print(f"  {ident}: {key} is not among the figures")
        elif rank[key] >= k:
            tally["lower"] += 1
            if verbose:
                f = d.figures[rank[key]]
                print(f"  {ident}: {key} ranked {rank[key] + 1} ({f.kind}: {f.text})")
        else:
            tally["top"] += 1


def _rouge_scorer() -> Any:
    from rouge_score import rouge_scorer

    from bench.textkit import HazmRougeTokenizer

    return rouge_scorer.RougeScorer(
        ["rouge1", "rouge2", "rougeL"], use_stemmer=False, tokenizer=HazmRougeTokenizer()
    )


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    path = find_corpus_file(args, args.file)
    if path is None:
        return None
    want_numbers = args.only in (None, "numbers")
    want_rouge = args.only in (None, "rouge")

    from bench import baselines
    from bench.textkit import warm_up

    warm_up()
    scorer = _rouge_scorer() if want_rouge else None
    engine = EngineRun()
    k = args.top
    budget = args.budget
    systems: dict[str, Callable[[str], list[str]]] = {"Lead-3": lambda t: baselines.lead(t, budget)}
    if not args.no_peers:
        systems["TextRank-3 (sumy)"] = lambda t: baselines.textrank(t, budget)
        systems["LexRank-3 (sumy)"] = lambda t: baselines.lexrank(t, budget)

    recall: dict[str, RecallTally] = {}
    misses: dict[str, int] = {"top": 0, "lower": 0, "absent": 0}
    rouge: dict[str, dict[str, list[float]]] = {}
    sizes: dict[str, list[int]] = {}
    articles = eligible = 0
    started = time.perf_counter()
    for rec in read_jsonl(path, args.limit):
        article, lead_text = rec.get("article") or "", rec.get("summary") or ""
        if not article.strip() or not lead_text.strip():
            continue
        articles += 1
        gold = lead_gold(article, lead_text)
        d = engine.digest(article, ident=str(rec.get("id", "")), title=rec.get("title") or None)
        ours_top = [f.text for f in d.figures[:k]] if d else []
        ours_summary = [d.sentences[i] for i in d.summary if 0 <= i < len(d.sentences)] if d else []
        ours_bullets = list(d.bullets) if d else []
        picks = {name: fn(article) for name, fn in systems.items()}

        if want_numbers and gold:
            eligible += 1
            body_names = identifier_numbers(article)
            rows: dict[str, list[str]] = {
                f"Raqam top-{k} figures": numbers_of(ours_top),
                "Raqam summary sentences": numbers_of(ours_summary),
                f"First {k} numbers of the body (reference)": first_distinct(
                    comparable_numbers(article), k
                ),
                f"First {k} quantities of the body (reference)": first_distinct(
                    [n for n in comparable_numbers(article) if n not in body_names], k
                ),
            }
            rows.update({name: numbers_of(sents) for name, sents in picks.items()})
            quantities = gold - identifier_numbers(lead_text)
            for name, chosen in rows.items():
                recall.setdefault(name, RecallTally()).add(gold, chosen, quantities)
            _diagnose(d, quantities, k, misses, str(rec.get("id", "")), args.verbose)

        if scorer is not None:
            outputs = {"Raqam summary": ours_summary, "Raqam bullets": ours_bullets, **picks}
            for name, sents in outputs.items():
                scores = scorer.score(lead_text, "\n".join(sents))
                slot = rouge.setdefault(name, {"rouge1": [], "rouge2": [], "rougeL": []})
                for key in slot:
                    slot[key].append(scores[key].fmeasure)
                sizes.setdefault(name, []).append(len(sents))
    elapsed = time.perf_counter() - started
    engine.report()

    result: dict[str, Any] = {
        "corpus": path.name,
        "articles": articles,
        "engine_errors": engine.errors,
        "seconds": round(elapsed, 1),
    }
    if want_numbers:
        headers = [
            "system",
            "quantities recall (micro)",
            "all numbers (micro)",
            "all numbers (macro)",
            "numbers picked / article",
        ]
        table = [t.row(name) for name, t in recall.items()]
        gold_total = next(iter(recall.values())).gold if recall else 0
        print(
            f"\nLead numbers recall: {eligible} of {articles} articles have lead numbers "
            f"that occur in the body ({gold_total} gold numbers)"
        )
        print(format_table(headers, table))
        q_total = next(iter(recall.values())).q_gold if recall else 0
        print(
            f"Quantities: the {q_total} gold numbers left after dropping dates (۱۴۰۱/۱۲/۱۴, "
            "۱۹ تیر), year-like numbers and numbers the lead uses as names (منطقه ۲۲, شعبه ۱۱۳, "
            "ماده ۱۰۰); the quantities reference skips the body's own such numbers."
        )
        print(
            f"Raqam's gold quantities: {misses['top']} in its top {k} figures, "
            f"{misses['lower']} among its figures ranked below {k}, "
            f"{misses['absent']} not among its figures."
        )
        result["numbers"] = {
            "eligible_articles": eligible,
            "gold_numbers": gold_total,
            "quantity_gold_numbers": q_total,
            "raqam_gold_positions": misses,
            "rows": [
                dict(
                    zip(["system", "quantities_micro", "micro", "macro", "picked"], r, strict=True)
                )
                for r in table
            ],
        }
    if want_rouge:
        headers = ["system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "sentences / article"]
        table = [
            [
                name,
                *(statistics.fmean(v[m]) if v[m] else 0.0 for m in ("rouge1", "rouge2", "rougeL")),
                statistics.fmean(sizes[name]) if sizes[name] else 0.0,
            ]
            for name, v in rouge.items()
        ]
        print(f"\nROUGE F1 against the editor's lead: {articles} articles")
        print(format_table(headers, table))
        result["rouge"] = [
            dict(zip(["system", "rouge1", "rouge2", "rougeL", "sentences"], r, strict=True))
            for r in table
        ]
    print(f"\n({elapsed:.1f} s)")
    write_json(args.json, result)
    return result


def parser(description: str = __doc__.splitlines()[0]) -> argparse.ArgumentParser:
    p = base_parser(description)
    p.add_argument("--file", default="fars_news.jsonl", help="JSONL with article + summary")
    p.add_argument("--top", type=int, default=TOP_K, metavar="K", help="our top K figures")
    p.add_argument("--budget", type=int, default=3, metavar="N", help="baseline sentences")
    p.add_argument("--only", choices=["numbers", "rouge"], help="compute one table only")
    p.add_argument("--no-peers", action="store_true", help="skip sumy TextRank/LexRank (fast)")
    p.add_argument("--verbose", "-v", action="store_true", help="list gold numbers we miss")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    run(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
