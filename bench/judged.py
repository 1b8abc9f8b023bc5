"""Bullets read and judged by a person: the share a journalist could repeat as they stand.

A seeded draw of bullets from the *test* half (``--part tune`` for the
other one, to read while tuning) of ``fars_news.jsonl``,
``varzesh3_sports.jsonl`` and ``farsi_news_rss.jsonl`` (:func:`bench.bullets.split_part`;
the engine is tuned on the other half), in the order of a hash of the seed,
the article and the bullet's text: uniform like a shuffle, but stable, so a
change to the engine redraws only the bullets it rewrites. Each bullet is judged, with its
article's title and its source sentence at hand, as one of:

* ``complete``: one complete statement, or a clean headline-style phrase, that
  says who or what, how much and what happened (fit for a news ticker);
* ``fragment``: cut, subject or event missing, a frame or connector left in;
* ``wrong_figure``: a complete line, but about a number that is no key
  figure (a name, a date, a code) or with the wrong number;
* ``repeat``: it states what a bullet above it already stated.

The judgements live in ``bench/data/bullets_judged.jsonl``, one per line:
``{"hash": ..., "verdict": ..., "note": ...}``, keyed by a hash of the
bullet's text, so a bullet that changes is judged again; the corpus text
itself is not stored. ``--pending PATH`` writes the drawn bullets still
without a judgement (with title and sentence) to a file outside the
repository for the judge; ``--record PATH`` adds the judgements made in such
a file (lines with ``hash`` and ``verdict``); ``--prune`` forgets the
judgements of bullets the engine no longer writes. ``--judged PATH`` reads and
records judgements in another file (judgements of the tune half are kept out
of the repository).

Run: ``uv run --group bench python -m bench.judged [--pending PATH] [--record PATH]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.bullets import CORPORA, articles
from bench.common import REPO_ROOT, base_parser, corpus_dir, format_table, write_json

JUDGED = REPO_ROOT / "bench" / "data" / "bullets_judged.jsonl"
VERDICTS = ("complete", "fragment", "wrong_figure", "repeat")
PER_CORPUS = 100
SEED = 20261202
GOAL = 0.95


def bullet_hash(bullet: str) -> str:
    return hashlib.sha1(bullet.strip().encode("utf-8")).hexdigest()[:16]


def load_judged(path: Path = JUDGED) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["hash"]] = row
    return out


def save_judged(rows: dict[str, dict[str, str]], path: Path = JUDGED) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {k: rows[h][k] for k in ("hash", "verdict", "note") if k in rows[h]}, ensure_ascii=False
        )
        for h in sorted(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _draw_key(salt: str, article: str, bullet: str) -> str:
    """Where a bullet stands in the draw: a hash of the seed, its article and
    its text. A change to the engine moves only the bullets it rewrites; every
    other bullet keeps its place, and its judgement."""
    return hashlib.sha1(f"{salt}:{article}:{bullet}".encode()).hexdigest()


def draw(base: Path, per_corpus: int, seed: int, part: str = "test") -> list[dict[str, Any]]:
    """The seeded sample: ``per_corpus`` bullets of each corpus's ``part`` half."""
    from summarizer import digest

    sample: list[dict[str, Any]] = []
    for name in CORPORA:
        path = base / name
        if not path.is_file():
            continue
        pool: list[dict[str, Any]] = []
        for art in articles(path, None, part):
            d = digest(art["text"], title=art["title"])
            for k, b in enumerate(d.bullets):
                idx = d.bullet_figures[k][0] if d.bullet_figures[k] else None
                sent = d.sentences[d.figures[idx].sentence] if idx is not None else ""
                pool.append(
                    {
                        "corpus": name,
                        "id": art["id"],
                        "title": art["title"],
                        "rank": k + 1,
                        "above": d.bullets[:k],
                        "bullet": b,
                        "sentence": sent,
                        "hash": bullet_hash(b),
                    }
                )
        salt = "" if part == "test" else f":{part}"
        pool.sort(key=lambda s: _draw_key(f"{seed}:{name}{salt}", s["id"], s["hash"]))
        sample.extend(pool[:per_corpus])
    return sample


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    base = corpus_dir(getattr(args, "corpus", None))
    if not any((base / n).is_file() for n in CORPORA):
        print(f"skipped: corpus not found at {base}")
        return None
    store = Path(args.judged) if args.judged else JUDGED
    judged = load_judged(store)
    if args.prune and args.part != "test":
        print("--prune keeps the judgements of the test half only; use it with --part test")
        return None
    if args.record and not Path(args.record).is_file():
        print(f"no judgements to record: {args.record} is not a file")
        return None
    if args.record:
        added = 0
        for line in Path(args.record).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("verdict") in VERDICTS:
                judged[row["hash"]] = {
                    "hash": row["hash"],
                    "verdict": row["verdict"],
                    "note": row.get("note", ""),
                }
                added += 1
        save_judged(judged, store)
        print(f"recorded {added} judgements in {store}")
    sample = draw(base, args.per_corpus, args.seed, args.part)
    if args.prune:
        drawn = {s["hash"] for s in sample}
        kept = {h: row for h, row in judged.items() if h in drawn}
        print(f"pruned {len(judged) - len(kept)} judgements of bullets no longer drawn")
        judged = kept
        save_judged(judged, store)
    pending = [s for s in sample if s["hash"] not in judged]
    if args.pending:
        out = Path(args.pending)
        out.write_text(
            "\n".join(json.dumps(s, ensure_ascii=False) for s in pending) + "\n", encoding="utf-8"
        )
        print(f"wrote {len(pending)} bullets to judge to {out}")
    rows = []
    totals: Counter[str] = Counter()
    wrong: dict[str, list[str]] = {}
    for name in CORPORA:
        mine = [s for s in sample if s["corpus"] == name]
        if not mine:
            continue
        verdicts = Counter(judged[s["hash"]]["verdict"] for s in mine if s["hash"] in judged)
        n = sum(verdicts.values())
        totals.update(verdicts)
        rows.append(
            [
                name,
                len(mine),
                n,
                *(verdicts.get(v, 0) for v in VERDICTS),
                verdicts.get("complete", 0) / n if n else 0.0,
            ]
        )
        for s in mine:
            v = judged.get(s["hash"], {}).get("verdict")
            if v and v != "complete":
                wrong.setdefault(v, []).append(s["bullet"])
    n_all = sum(totals.values())
    rate = totals.get("complete", 0) / n_all if n_all else 0.0
    rows.append(["**all**", len(sample), n_all, *(totals.get(v, 0) for v in VERDICTS), rate])
    table = format_table(["corpus", "drawn", "judged", *VERDICTS, "complete rate"], rows)
    print(f"Judged bullets ({args.part} half, seed {args.seed}, {args.per_corpus} per corpus)\n")
    print(table)
    print(f"\n{len(pending)} drawn bullets not yet judged; goal >= {GOAL:.0%} complete")
    if args.verbose:
        for v, lines in wrong.items():
            print(f"\n{v}:")
            for b in lines:
                print(f"  • {b}")
    return {
        "part": args.part,
        "table": table,
        "judged": n_all,
        "pending": len(pending),
        "complete_rate": rate,
        "verdicts": dict(totals),
        "examples": {v: lines[:5] for v, lines in wrong.items()},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser("Judged bullets: the share that are complete statements.")
    parser.add_argument("--pending", metavar="PATH", help="write unjudged drawn bullets here")
    parser.add_argument("--record", metavar="PATH", help="add judgements from this file")
    parser.add_argument(
        "--prune", action="store_true", help="forget judgements of bullets no longer drawn"
    )
    parser.add_argument(
        "--judged",
        metavar="PATH",
        help=f"judgement file to read and record into (default {JUDGED.relative_to(REPO_ROOT)})",
    )
    parser.add_argument("--per-corpus", type=int, default=PER_CORPUS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--part",
        choices=("test", "tune"),
        default="test",
        help="half of each corpus to draw from (the goal is measured on the test half)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list what is not complete")
    args = parser.parse_args(argv)
    result = run(args)
    if result is not None:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
