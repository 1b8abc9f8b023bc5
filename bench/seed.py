"""The reference article: are its key figures in the bullets, once each, without the page id?

The seed report (``seed/basij-week.txt`` in the corpus) is what "right" looks
like for the product. Its key figures, as values: 17 million masks a day,
70 million screened, 10,150,000 and 700,000 packages, 47 billion toman,
30,000 and 14,000 dowries, 132,000 items of clothing, 9,000 jobs,
42,000 groups, 1,235 projects, 41 years. The trailing page id (220685) is not
a figure, and the 17-million figure, written twice, must be one bullet.

Run: ``uv run python -m bench.seed [--json PATH]``.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from typing import Any

from bench.common import base_parser, corpus_dir, format_table, write_json

KEY_VALUES: tuple[float, ...] = (
    17e6,
    70e6,
    10_150_000,
    700_000,
    47e9,
    30_000,
    14_000,
    132_000,
    9_000,
    42_000,
    1_235,
    41,
)
PAGE_ID = 220685.0
REPEATED = 17e6


def _has(values: Sequence[float | None], target: float) -> bool:
    return any(v is not None and math.isclose(v, target, rel_tol=1e-9) for v in values)


def check(text: str, max_bullets: int = 8) -> dict[str, Any]:
    """Scores of one digest of the seed text."""
    from summarizer import digest

    d = digest(text, max_bullets=max_bullets)
    all_values = [f.value for f in d.figures]
    per_bullet = [
        [d.figures[i].value for i in ids if 0 <= i < len(d.figures)] for ids in d.bullet_figures
    ]
    bullet_values = [v for vs in per_bullet for v in vs]
    in_bullets = [v for v in KEY_VALUES if _has(bullet_values, v)]
    in_figures = [v for v in KEY_VALUES if _has(all_values, v)]
    return {
        "bullets": len(d.bullets),
        "key_in_bullets": len(in_bullets),
        "key_in_figures": len(in_figures),
        "key_total": len(KEY_VALUES),
        "missing_from_bullets": [v for v in KEY_VALUES if v not in in_bullets],
        "bullets_with_17_million": sum(1 for vs in per_bullet if _has(vs, REPEATED)),
        "page_id_is_a_figure": _has(all_values, PAGE_ID),
    }


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    path = corpus_dir(args.corpus) / "seed" / "basij-week.txt"
    if not path.is_file():
        print(f"skipped: corpus not found at {path}")
        return None
    text = path.read_text(encoding="utf-8")
    rows: list[list[Any]] = []
    result: dict[str, Any] = {}
    for n in (8, 12):
        r = check(text, n)
        result[f"max_bullets_{n}"] = r
        rows.append(
            [
                n,
                r["bullets"],
                f"{r['key_in_bullets']}/{r['key_total']}",
                f"{r['key_in_figures']}/{r['key_total']}",
                r["bullets_with_17_million"],
                "yes" if r["page_id_is_a_figure"] else "no",
            ]
        )
    print("Seed article: key figures (values from the product brief)")
    print(
        format_table(
            [
                "max bullets",
                "bullets",
                "key figures in bullets",
                "key figures among all figures",
                "bullets with the 17 million",
                "page id a figure",
            ],
            rows,
        )
    )
    missing = result["max_bullets_8"]["missing_from_bullets"]
    if missing:
        print("not in the 8 bullets: " + ", ".join(f"{v:,.0f}" for v in missing))
    write_json(args.json, result)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    p = base_parser(__doc__.splitlines()[0])
    run(p.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
