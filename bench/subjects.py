"""Does every count, money and percent figure say what it counts, prices or changes?

Every article of ``fars_news.jsonl`` (``article``), ``varzesh3_sports.jsonl``
(``article``) and ``farsi_news_rss.jsonl`` (``summary``) is digested, and each
figure of kind ``count``, ``money`` or ``percent`` in ``Digest.figures`` is
counted with or without a ``subject``. The corpora are split in two halves by
a hash of the record id (:func:`bench.bullets.split_part`): the rules are tuned
on ``tune``; ``test`` is what is reported.

Coverage alone says nothing of whether the subject is right, so a judged
sample is read by a person: a seeded random sample of figures of the
``test`` half (the figures with the lowest hash of seed, record id, sentence
and figure text, an equal share per corpus), each judged ``right``, ``wrong``
or ``missing`` in ``bench/data/subjects_judged.toml``. A judgement is keyed by a
hash of (sentence text, figure text, subject), so a figure whose subject
changed is judged again. ``--show`` prints the figures of the sample still to
judge, with their sentence and key.

Run: ``uv run --group bench python -m bench.subjects [--part tune|test|all]
[--limit N] [--json PATH] [--sample N] [--show]``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.bullets import articles, split_part
from bench.common import REPO_ROOT, base_parser, corpus_dir, format_table, write_json

CORPORA = ("fars_news.jsonl", "varzesh3_sports.jsonl", "farsi_news_rss.jsonl")
KINDS = ("count", "money", "percent")
GOAL_COVERAGE = 0.95
GOAL_RIGHT = 0.90
SAMPLE = 180
SEED = "subjects-1"
JUDGED = REPO_ROOT / "bench" / "data" / "subjects_judged.toml"
VERDICTS = ("right", "wrong", "missing")

__all__ = ["judge_key", "load_judged", "main", "split_part"]


@dataclass
class Tally:
    """Figures of one corpus, by kind, and how many of them name a subject."""

    articles: int = 0
    figures: Counter[str] = field(default_factory=Counter)
    with_subject: Counter[str] = field(default_factory=Counter)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (figure, sentence)

    @property
    def total(self) -> int:
        return sum(self.figures.values())

    @property
    def covered(self) -> int:
        return sum(self.with_subject.values())

    @property
    def rate(self) -> float:
        return self.covered / self.total if self.total else 0.0


@dataclass(frozen=True)
class Item:
    """One figure of the test half, as the judged sample shows it."""

    corpus: str
    ident: str
    sentence: str
    figure: str
    kind: str
    subject: str | None

    @property
    def key(self) -> str:
        return judge_key(self.sentence, self.figure, self.subject)

    def order(self) -> str:
        raw = "\x1f".join((SEED, self.corpus, self.ident, self.sentence, self.figure))
        return hashlib.sha1(raw.encode()).hexdigest()


def judge_key(sentence: str, figure: str, subject: str | None) -> str:
    """The key of one judgement: a hash of the sentence, the figure and its subject."""
    raw = "\x1f".join((sentence.strip(), figure.strip(), subject or ""))
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def load_judged(path: Path = JUDGED) -> dict[str, str]:
    """Verdicts by key (``right``/``wrong``/``missing``); empty when there is no file."""
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for key, entry in data.get("judged", {}).items():
        verdict = entry.get("verdict") if isinstance(entry, dict) else entry
        if verdict in VERDICTS:
            out[key] = verdict
    return out


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    from bench.engine import EngineRun

    base = corpus_dir(getattr(args, "corpus", None))
    present = [name for name in CORPORA if (base / name).is_file()]
    if not present:
        print(f"skipped: corpus not found at {base}")
        return None
    engine = EngineRun()
    tallies: dict[str, Tally] = {}
    pool: dict[str, list[Item]] = {}
    want_sample = args.sample > 0
    for name in present:
        tally = tallies.setdefault(name, Tally())
        items = pool.setdefault(name, [])
        part = "all" if want_sample else args.part
        for art in articles(base / name, args.limit, part):
            in_part = args.part == "all" or split_part(art["id"]) == args.part
            d = engine.digest(art["text"], ident=art["id"], title=art["title"])
            if in_part:
                tally.articles += 1
            if d is None:
                continue
            for f in d.figures:
                if f.kind not in KINDS:
                    continue
                sentence = d.sentences[f.sentence] if 0 <= f.sentence < len(d.sentences) else ""
                if in_part:
                    tally.figures[f.kind] += 1
                    if f.subject:
                        tally.with_subject[f.kind] += 1
                    elif len(tally.missing) < args.examples:
                        tally.missing.append((f.text, sentence.strip()[:160]))
                if want_sample and split_part(art["id"]) == "test":
                    items.append(Item(name, art["id"], sentence, f.text, f.kind, f.subject))
    engine.report()

    rows = []
    for name, t in tallies.items():
        shares = [t.with_subject[k] / t.figures[k] if t.figures[k] else None for k in KINDS]
        rows.append(
            [
                name,
                t.articles,
                *(t.figures[k] for k in KINDS),
                *shares,
                t.rate,
                "yes" if t.rate >= GOAL_COVERAGE else "**no**",
            ]
        )
    headers = [
        "corpus",
        "articles",
        *KINDS,
        *(f"{k} with subject" for k in KINDS),
        "all with subject",
        f">= {GOAL_COVERAGE:.0%}",
    ]
    table = format_table(headers, rows)
    print(f"Figures with a subject (part: {args.part})\n")
    print(table)
    if args.verbose:
        for name, t in tallies.items():
            print(f"\n{name}: figures without a subject")
            for fig, sentence in t.missing:
                print(f"  [{fig}] {sentence}")

    result: dict[str, Any] = {
        "part": args.part,
        "table": table,
        "corpora": {
            name: {
                "articles": t.articles,
                "figures": dict(t.figures),
                "with_subject": dict(t.with_subject),
                "rate": t.rate,
            }
            for name, t in tallies.items()
        },
        "min_rate": min((t.rate for t in tallies.values()), default=0.0),
    }
    if want_sample:
        result["judged"] = _judged_sample(pool, args)
    return result


def _judged_sample(pool: dict[str, list[Item]], args: argparse.Namespace) -> dict[str, Any]:
    judged = load_judged(Path(args.judged))
    per = -(-args.sample // max(1, len(pool)))
    sample: list[Item] = []
    for items in pool.values():
        sample.extend(sorted(items, key=Item.order)[:per])
    verdicts = Counter(judged[it.key] for it in sample if it.key in judged)
    todo = [it for it in sample if it.key not in judged]
    n = sum(verdicts.values())
    right = verdicts["right"] / n if n else 0.0
    print(
        f"\nJudged sample (test half, {len(sample)} figures): {n} judged, "
        f"right {verdicts['right']}, wrong {verdicts['wrong']}, missing {verdicts['missing']}; "
        f"right {right:.1%} (goal {GOAL_RIGHT:.0%}); {len(todo)} still to judge"
    )
    if args.show:
        for it in todo:
            print(f"\n{it.key} [{it.corpus} {it.ident}] {it.kind} «{it.figure}» → {it.subject}")
            print(f"    {it.sentence.strip()}")
    return {
        "sample": len(sample),
        "judged": n,
        "verdicts": dict(verdicts),
        "right_rate": right,
        "to_judge": len(todo),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser("Count, money and percent figures that name their subject.")
    parser.add_argument(
        "--part", choices=("all", "tune", "test"), default="test", help="half of each corpus"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show figures without one")
    parser.add_argument("--examples", type=int, default=12, help="examples kept per corpus")
    parser.add_argument(
        "--sample", type=int, default=SAMPLE, help="judged sample size (0: no sample)"
    )
    parser.add_argument("--judged", default=str(JUDGED), help="the judgements file")
    parser.add_argument("--show", action="store_true", help="print the sample still to judge")
    args = parser.parse_args(argv)
    result = run(args)
    if result is not None:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
