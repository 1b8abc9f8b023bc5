"""Long fuzzing run of the engine (outside the test suite).

    uv run python -m bench.fuzz_long [--minutes 10] [--seed N] [--json PATH]

Drives the strategies and invariants of ``tests/test_fuzz_engine.py`` (hostile
Persian text, digit mixtures, separators, number and scale words, bidi marks,
ZWNJ, emoji, control characters, very long tokens, arbitrary Unicode) with a
long Hypothesis profile, round after round until the time is up. Each failure
is shrunk to a minimal input, printed once per distinct error, and the run
goes on. At the end it prints how many inputs ran and what was found; the
exit code is 1 when anything was found.

The output must be standard JSON (no NaN/Infinity); ``--lenient-json``
accepts Python's extensions.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections.abc import Callable

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.test_fuzz_engine import JOINER, UNITS, check_digest, numerals, persian_texts

_count = 0


def _rounds(strict_json: bool, examples: int) -> list[tuple[str, Callable[[], None]]]:
    profile = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )

    @profile
    @given(persian_texts(max_tokens=300), st.integers(0, 20))
    def texts(text: str, max_bullets: int) -> None:
        global _count
        _count += 1
        check_digest(text, max_bullets, strict_json=strict_json)

    @profile
    @given(st.lists(numerals(), min_size=1, max_size=40), st.sampled_from(UNITS), JOINER)
    def numeral_soup(nums: list[str], unit: str, joiner: str) -> None:
        global _count
        _count += 1
        text = "در سال گذشته " + joiner.join(f"{n} {unit}" for n in nums) + " افزایش یافت."
        check_digest(text, strict_json=strict_json)

    @profile
    @given(st.text(max_size=2000), st.one_of(st.none(), st.text(max_size=50)))
    def unicode_text(text: str, title: str | None) -> None:
        global _count
        _count += 1
        check_digest(text, title=title, strict_json=strict_json)

    return [("texts", texts), ("numeral_soup", numeral_soup), ("unicode", unicode_text)]


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = next(
        (f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames)
         if "/summarizer/" in f.filename),
        frames[-1].filename.rsplit("/", 1)[-1] if frames else "?",
    )  # fmt: skip
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__} at {where}: {first[:160]}"


def main(argv: list[str] | None = None) -> int:
    global _count
    parser = argparse.ArgumentParser(description="Long fuzzing run of the digest engine.")
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run")
    parser.add_argument("--examples", type=int, default=2000, help="inputs per round")
    parser.add_argument("--lenient-json", action="store_true", help="allow NaN/Infinity")
    parser.add_argument("--seed", type=int, default=None, help="seed for the first round")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON here")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    strict_json = not args.lenient_json
    rounds = _rounds(strict_json, args.examples)
    findings: dict[str, str] = {}
    per_round: dict[str, int] = {name: 0 for name, _ in rounds}
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    n_rounds = 0
    while time.monotonic() < deadline:
        name, fn = rounds[n_rounds % len(rounds)]
        n_rounds += 1
        before = _count
        try:
            seed(rng.getrandbits(64))(fn)()
        except Exception as exc:  # a finding: report it once, go on
            sig = _signature(exc)
            if sig not in findings:
                notes = "\n".join(getattr(exc, "__notes__", []))
                findings[sig] = notes
                print(f"\nFINDING in {name}: {sig}\n{notes}\n", flush=True)
        per_round[name] += _count - before
        elapsed = time.monotonic() - started
        print(
            f"round {n_rounds} ({name}): {_count} inputs in {elapsed:.0f} s, "
            f"{len(findings)} distinct findings",
            file=sys.stderr,
            flush=True,
        )
    elapsed = time.monotonic() - started
    print(f"\ninputs run: {_count} in {elapsed / 60:.1f} min ({_count / elapsed:.0f}/s)")
    for name, n in per_round.items():
        print(f"  {name}: {n}")
    print(f"distinct findings: {len(findings)}")
    for sig in findings:
        print(f"  - {sig}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {"inputs": _count, "seconds": round(elapsed, 1), "per_strategy": per_round,
                 "findings": findings, "strict_json": strict_json},
                f, ensure_ascii=False, indent=2,
            )  # fmt: skip
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
