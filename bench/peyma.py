"""Money and percent spans on PEYMA: our figures against the gold MON/PCT spans.

Each PEYMA record (one sentence: tokens, tags, gold spans in token offsets)
is joined with single spaces into a text (a thousands separator the
tokenisation split off, ``2 , 159``, is glued back as ``2,159``) and digested with
``summarizer.digest``. Figures of kind ``money`` are predicted MON spans,
``percent`` are PCT (and ``date`` are DAT, reported for information). A
figure's character span is mapped to the tokens it touches.

Matching rule:

* **exact** (the headline number): a prediction counts when its token range
  and type equal a gold span's. PEYMA's MON spans include the currency word
  (``50 میلیون تومان``) and a range as one span (``171 تا 211 هزار تومان``);
  PCT spans include ``درصد``/``درصدی``.
* **overlap** (lenient): one-to-one pairs of same-type spans sharing a token.

Tuning split: ``--part train`` reads the first half of the sentences (in file
order), ``--part test`` the second half, so a rule tuned on one half can be
checked on the other; the default ``all`` reads every sentence.

Run: ``uv run --group bench python -m bench.peyma [--part all|train|test] [--limit N]
[--json PATH] [--verbose]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.common import base_parser, find_corpus_file, format_table, prf, read_jsonl, write_json
from bench.engine import EngineRun
from bench.spans import Span, char_to_token_span, exact_matches, join_tokens, overlap_matches

KIND_TO_TAG = {"money": "MON", "percent": "PCT", "date": "DAT"}
GOAL_TAGS = ("MON", "PCT")


def predicted_spans(figures: Sequence[Any], offsets: Sequence[tuple[int, int]]) -> list[Span]:
    """Token spans of the figures whose kind maps to a PEYMA tag.

    A figure stands for every mention of its fact that the engine merged into
    it (``Figure.mentions``), so each of those spans is a prediction.
    """
    out: list[Span] = []
    for f in figures:
        tag = KIND_TO_TAG.get(f.kind)
        if tag is None:
            continue
        for a, b in getattr(f, "mentions", None) or [f.span]:
            span = char_to_token_span(a, b, offsets)
            if span is not None:
                out.append((tag, span[0], span[1]))
    return sorted(set(out), key=lambda s: (s[1], s[2], s[0]))


def split_part(records: list[dict[str, Any]], part: str) -> list[dict[str, Any]]:
    """The records of one part: ``train`` the first half, ``test`` the rest, ``all`` every one."""
    half = (len(records) + 1) // 2
    if part == "train":
        return records[:half]
    if part == "test":
        return records[half:]
    return records


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    path = find_corpus_file(args, "peyma.jsonl")
    if path is None:
        return None
    engine = EngineRun()
    tags = (*GOAL_TAGS, "DAT")
    counts = {t: {"gold": 0, "pred": 0, "exact": 0, "overlap": 0} for t in tags}
    # per half (train = first half of the file, test = the rest), for the goal kinds
    by_half = {
        (h, t): {"gold": 0, "pred": 0, "exact": 0} for h in ("train", "test") for t in GOAL_TAGS
    }
    misses: list[str] = []
    records = 0
    started = time.perf_counter()
    every = list(read_jsonl(path, args.limit))
    first_test = (len(every) + 1) // 2 if args.part == "all" else -1
    for index, rec in enumerate(split_part(every, args.part)):
        records += 1
        half = "test" if 0 <= first_test <= index else "train"
        tokens: list[str] = rec["tokens"]
        text, offsets = join_tokens(tokens)
        gold: list[Span] = [
            (s["type"], int(s["start"]), int(s["end"])) for s in rec["spans"] if s["type"] in tags
        ]
        d = engine.digest(text, ident=str(rec.get("id", "")))
        pred = predicted_spans(d.figures, offsets) if d else []
        for tag in tags:
            g = [s for s in gold if s[0] == tag]
            p = [s for s in pred if s[0] == tag]
            c = counts[tag]
            c["gold"] += len(set(g))
            c["pred"] += len(p)
            c["exact"] += exact_matches(p, g)
            c["overlap"] += overlap_matches(p, g)
            if tag in GOAL_TAGS:
                h = by_half[(half, tag)]
                h["gold"] += len(set(g))
                h["pred"] += len(p)
                h["exact"] += exact_matches(p, g)
        if args.verbose and set(pred) != set(gold):
            for kind, a, b in sorted(set(gold) - set(pred)):
                if kind in GOAL_TAGS:
                    misses.append(f"  missed {kind}: {' '.join(tokens[a:b])}  | {text[:90]}")
            for kind, a, b in sorted(set(pred) - set(gold)):
                if kind in GOAL_TAGS:
                    misses.append(f"  extra  {kind}: {' '.join(tokens[a:b])}  | {text[:90]}")
    elapsed = time.perf_counter() - started
    engine.report()

    headers = [
        "kind",
        "gold",
        "predicted",
        "P exact",
        "R exact",
        "F1 exact",
        "P overlap",
        "R overlap",
        "F1 overlap",
    ]
    table: list[list[Any]] = []
    result: dict[str, Any] = {"records": records, "engine_errors": engine.errors, "kinds": {}}
    for tag in tags:
        c = counts[tag]
        pe, re_, fe = prf(c["exact"], c["pred"], c["gold"])
        po, ro, fo = prf(c["overlap"], c["pred"], c["gold"])
        label = tag if tag in GOAL_TAGS else f"{tag} (info)"
        table.append([label, c["gold"], c["pred"], pe, re_, fe, po, ro, fo])
        result["kinds"][tag] = {
            **c,
            "p": pe,
            "r": re_,
            "f1": fe,
            "p_overlap": po,
            "r_overlap": ro,
            "f1_overlap": fo,
        }
    part = "" if args.part == "all" else f" ({args.part} half)"
    result["part"] = args.part
    print(f"PEYMA money/percent spans{part}: {records} sentences, digested in {elapsed:.1f} s")
    print(format_table(headers, table))
    if args.part == "all":
        rows: list[list[Any]] = []
        result["halves"] = {}
        for h in ("train", "test"):
            n = first_test if h == "train" else records - first_test
            row: list[Any] = [f"{h} ({n} sentences)"]
            for tag in GOAL_TAGS:
                c = by_half[(h, tag)]
                f1 = prf(c["exact"], c["pred"], c["gold"])[2]
                row.append(f1)
                result["halves"].setdefault(h, {})[tag] = {**c, "f1": f1}
            rows.append(row)
        print("Exact F1 by half (train: the first half of the file, test: the second):")
        print(format_table(["half", "MON F1 exact", "PCT F1 exact"], rows))
    if args.verbose:
        print("\n".join(misses[: args.show]))
    write_json(args.json, result)
    return result


def parser() -> argparse.ArgumentParser:
    p = base_parser(__doc__.splitlines()[0])
    p.add_argument("--verbose", "-v", action="store_true", help="list missed and extra spans")
    p.add_argument(
        "--part",
        choices=("all", "train", "test"),
        default="all",
        help="train: the first half of the sentences, test: the second half",
    )
    p.add_argument("--show", type=int, default=60, metavar="N", help="with -v: at most N lines")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    run(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
