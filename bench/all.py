"""Run every quality and speed benchmark and refresh the tables in BENCHMARKS.md.

Each benchmark runs in its own fresh interpreter (``python -m bench.<name>
--json bench/out/<name>.json``); its printed tables replace the block between
``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` in BENCHMARKS.md. Text
outside those blocks (the analysis paragraphs, the Hardening section) is
left as it is.

Run: ``uv run --group bench python -m bench`` (full run, rewrites the tables),
``uv run --group bench python -m bench --limit 200`` (quick, prints only).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.common import REPO_ROOT, corpus_dir, format_table, machine

BENCHMARKS = REPO_ROOT / "BENCHMARKS.md"
OUT = REPO_ROOT / "bench" / "out"
SCRIPTS = (
    "seed",
    "numbers",
    "peyma",
    "leads",
    "bullets",
    "judged",
    "subjects",
    "speed",
    "card",
    "batch",
)


def run_script(name: str, extra: list[str]) -> tuple[str, dict[str, Any] | None]:
    """Run ``bench.<name>``; its stdout and its JSON results (None when skipped)."""
    OUT.mkdir(parents=True, exist_ok=True)
    out_json = OUT / f"{name}.json"
    out_json.unlink(missing_ok=True)
    cmd = [sys.executable, "-W", "ignore", "-m", f"bench.{name}", "--json", str(out_json), *extra]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    text = "\n".join(x for x in proc.stdout.splitlines() if not x.startswith("wrote "))
    if proc.returncode != 0:
        text += f"\n(failed with exit {proc.returncode}: {proc.stderr.strip()[-500:]})"
    print(f"\n== bench.{name} ({took:.0f} s)\n{text}", flush=True)
    data = json.loads(out_json.read_text(encoding="utf-8")) if out_json.is_file() else None
    return text.strip(), data


def markdown(text: str) -> str:
    """Printed output as Markdown: a blank line around each table."""
    out: list[str] = []
    for line in text.splitlines():
        is_table = line.startswith("|")
        if out and out[-1].strip() and is_table != out[-1].startswith("|"):
            out.append("")
        out.append(line)
    return "\n".join(out).strip()


def replace_block(doc: str, name: str, body: str) -> str:
    """``doc`` with the generated block ``name`` replaced by ``body`` (unchanged if absent)."""
    rx = re.compile(rf"(<!-- bench:{name} -->\n)(.*?)(<!-- /bench:{name} -->)", re.S)
    if not rx.search(doc):
        print(f"note: BENCHMARKS.md has no block {name}; left unchanged")
        return doc
    return rx.sub(lambda m: m.group(1) + body.strip() + "\n" + m.group(3), doc, count=1)


def _get(data: dict[str, Any] | None, *keys: Any) -> Any:
    cur: Any = data
    for key in keys:
        if cur is None:
            return None
        try:
            cur = cur[key]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def previous_goals(doc: str) -> dict[str, list[str]]:
    """The rows of the goals block of ``doc`` (BENCHMARKS.md), by goal."""
    start, end = "<!-- bench:goals -->", "<!-- /bench:goals -->"
    if start not in doc or end not in doc:
        return {}
    block = doc.split(start, 1)[1].split(end, 1)[0]
    rows: dict[str, list[str]] = {}
    for line in block.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and not set(cells[0]) <= set("-"):
            rows[cells[0]] = cells
    return rows


def goals(
    results: dict[str, dict[str, Any] | None], previous: dict[str, list[str]] | None = None
) -> str:
    """The goal table: target, measured, met. A goal whose script has no result,
    this run or stored, keeps its row from ``previous`` (the table as it was)."""
    rows: list[list[Any]] = []
    previous = previous or {}

    def add(what: str, target: str, value: float | None, met: bool | None, fmt: str) -> None:
        if value is None and what in previous:
            rows.append(previous[what])
            return
        shown = "—" if value is None else format(value, fmt)
        verdict = "—" if met is None else ("yes" if met else "**no**")
        rows.append([what, target, shown, verdict])

    seed = _get(results.get("seed"), "max_bullets_8")
    seed_goal = "Seed: every key figure in 8 bullets, 17 million once, page id not a figure"
    if seed is None and seed_goal in previous:
        rows.append(previous[seed_goal])
    if seed is not None:
        ok = (
            seed["key_in_bullets"] == seed["key_total"]
            and seed["bullets_with_17_million"] == 1
            and not seed["page_id_is_a_figure"]
        )
        rows.append(
            [
                seed_goal,
                f"{seed['key_total']}/{seed['key_total']}, 1, no",
                f"{seed['key_in_bullets']}/{seed['key_total']}, "
                f"{seed['bullets_with_17_million']}, "
                f"{'yes' if seed['page_id_is_a_figure'] else 'no'}",
                "yes" if ok else "**no**",
            ]
        )
    for tag, label in (("MON", "money"), ("PCT", "percent")):
        f1 = _get(results.get("peyma"), "kinds", tag, "f1")
        add(
            f"PEYMA {label} span F1 (exact)",
            ">= 0.97",
            f1,
            None if f1 is None else f1 >= 0.97,
            ".3f",
        )
    lead_rows = _get(results.get("leads"), "numbers", "rows") or []
    by_name = {r["system"]: r["quantities_micro"] for r in lead_rows}
    ours = next((v for k, v in by_name.items() if k.startswith("Raqam top-")), None)
    first = max((v for k, v in by_name.items() if k.startswith("First")), default=None)
    baselines = [v for k, v in by_name.items() if not k.startswith(("Raqam", "First"))]
    add(
        "Lead quantities recall@5 (micro, Fars)",
        ">= 0.92",
        ours,
        None if ours is None else ours >= 0.92,
        ".3f",
    )
    add(
        "… ahead of the first five numbers of the body (best of the two references)",
        "+0.05",
        first,
        None if ours is None or first is None else ours >= first + 0.05,
        ".3f",
    )
    best = max(baselines) if baselines else None
    add(
        "… ahead of every summariser baseline (best baseline shown)",
        "> best",
        best,
        None if ours is None or best is None else ours > best,
        ".3f",
    )
    flagged = _get(results.get("bullets"), "max_rate")
    add(
        "Bullets flagged by the checker (worst corpus, test half)",
        "<= 0.02",
        flagged,
        None if flagged is None else flagged <= 0.02,
        ".3f",
    )
    judged = _get(results.get("judged"), "complete_rate")
    add(
        "Judged bullets complete (test half)",
        ">= 0.95",
        judged,
        None if judged is None else judged >= 0.95,
        ".3f",
    )
    subjects = results.get("subjects")
    coverage = _get(subjects, "min_rate")
    add(
        "Count, money, percent figures with a subject (worst corpus, test half)",
        ">= 0.95",
        coverage,
        None if coverage is None else coverage >= 0.95,
        ".3f",
    )
    right = _get(subjects, "judged", "right_rate")
    add(
        "Judged subjects right (test half sample)",
        ">= 0.90",
        right,
        None if right is None else right >= 0.9,
        ".3f",
    )
    speed = results.get("speed")
    floor = _get(speed, "timing", "Raqam digest", "vs_floor")
    add(
        "Digest time ÷ hazm floor (corpus total)",
        "< 3",
        floor,
        None if floor is None else floor < 3,
        ".2f",
    )
    lex = _get(speed, "timing", "Raqam digest", "vs_lexrank")
    add(
        "Digest time ÷ sumy LexRank",
        "a fraction (< 1)",
        lex,
        None if lex is None else lex < 1,
        ".3f",
    )
    rss = _get(speed, "memory", "Raqam, whole corpus", "rss_kb")
    rss_mb = rss / 1024 if rss else None
    add(
        "Peak RSS digesting the corpus (MB)",
        "< 200",
        rss_mb,
        None if rss_mb is None else rss_mb < 200,
        ".0f",
    )
    return format_table(["goal", "target", "measured", "met"], rows)


def machine_block(limit: int | None) -> str:
    m = machine()
    scope = f"first {limit} records of each corpus" if limit else "whole corpora"
    return "\n".join(
        [
            f"- CPU: {m['cpu']} ({m['nproc']} logical CPUs)",
            f"- Python {m['python']} on {m['platform']}",
            f"- Commit: `{m['commit']}`, run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
            f", {scope}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", metavar="DIR", help="corpus directory")
    p.add_argument("--limit", type=int, metavar="N", help="first N records (prints only)")
    p.add_argument("--only", nargs="+", choices=SCRIPTS, help="run only these")
    p.add_argument("--write", action="store_true", help="update BENCHMARKS.md even with --limit")
    p.add_argument("--no-write", action="store_true", help="never update BENCHMARKS.md")
    args = p.parse_args(argv)

    extra: list[str] = []
    if args.corpus:
        extra += ["--corpus", args.corpus]
    corpus_only = list(extra)
    if args.limit:
        extra += ["--limit", str(args.limit)]
    outputs: dict[str, str] = {}
    results: dict[str, dict[str, Any] | None] = {}
    for name in args.only or SCRIPTS:
        if name == "bullets":
            args_for: list[str] = [*extra, "--part", "test"]
        elif name == "numbers":
            args_for = []
        elif name == "seed":
            args_for = corpus_only
        else:
            args_for = extra
        outputs[name], results[name] = run_script(name, args_for)

    write = not args.no_write and (args.write or not args.limit)
    if not write:
        return 0
    if not corpus_dir(args.corpus).is_dir():
        print(f"corpus not found at {corpus_dir(args.corpus)}: BENCHMARKS.md left unchanged")
        return 0
    doc = BENCHMARKS.read_text(encoding="utf-8")
    doc = replace_block(doc, "machine", machine_block(args.limit))
    # Goals of scripts not run this time come from their last run's JSON.
    for name in SCRIPTS:
        stored = OUT / f"{name}.json"
        if results.get(name) is None and stored.is_file():
            results[name] = json.loads(stored.read_text(encoding="utf-8"))
    doc = replace_block(doc, "goals", goals(results, previous_goals(doc)))
    for name, text in outputs.items():
        if name == "leads":
            head, _, tail = text.partition("ROUGE F1")
            doc = replace_block(doc, "leads", markdown(head))
            doc = replace_block(doc, "rouge", markdown("ROUGE F1" + tail))
        else:
            doc = replace_block(doc, name, markdown(text))
    BENCHMARKS.write_text(doc, encoding="utf-8")
    print(f"\nupdated {BENCHMARKS.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
