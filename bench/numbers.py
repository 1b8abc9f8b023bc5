"""Number-expression accuracy: our grammar beside the Persian number tools a user could install.

Every system gets the same expression from ``bench/data/number_cases.toml``
and is scored on the exact meaning: the value (percent 30 for ``۳۰ درصد``,
negatives negative, fractions as fractions), the ``[low, high]`` pair for a
range, the Jalali date for a date. Systems:

* **Raqam** — ``summarizer.numbers.find_numbers``: right when it returns
  exactly one match with the expected value/range/date; the *value + kind*
  column also asks for the expected kind (percent, ordinal, multiplier, date).
  Non-figure cases (``نه تنها``, the indefinite ``یک``, phone numbers, page ids,
  URLs) are scored on ``summarizer.digest``: right when it reports no figure.
* **persian-tools** ``digits.convert_from_word(text)``.
* **words2num2** ``words2num(text, lang="fa")`` (the package has no ``w2n``).
* **parsivar** ``Normalizer(date_normalizing_needed=True).normalize(text)``,
  whose number/date rewriting is read back from its output: right when the
  output holds exactly one number with the expected value, or a ``yYmMdD``
  date equal to the expected one.

Peers convert whatever they are given; they have no notion of ranges, kinds
or non-figures, so they are not scored on non-figure cases.

Run: ``uv run --group bench python -m bench.numbers [--json PATH] [--verbose]``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tomllib
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import base_parser, format_table, write_json

CASES = Path(__file__).resolve().parent / "data" / "number_cases.toml"
_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@dataclass(frozen=True)
class Case:
    text: str
    group: str
    kind: str
    value: float | None = None
    range: tuple[float, float] | None = None
    date: str | None = None


@dataclass(frozen=True)
class Reading:
    """What one system made of one expression."""

    value: float | None = None
    range: tuple[float, float] | None = None
    date: str | None = None
    kind: str | None = None
    shown: str = ""


def load_cases(path: Path = CASES) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: list[Case] = []
    for raw in data["case"]:
        rng = raw.get("range")
        out.append(
            Case(
                text=raw["text"],
                group=raw["group"],
                kind=raw["kind"],
                value=float(raw["value"]) if "value" in raw else None,
                range=(float(rng[0]), float(rng[1])) if rng else None,
                date=raw.get("date"),
            )
        )
    return out


def same(a: float | None, b: float | None) -> bool:
    """Exact numeric equality up to float rounding."""
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def correct(case: Case, got: Reading, *, with_kind: bool = False) -> bool:
    """Whether ``got`` is the meaning ``case`` expects."""
    if case.kind == "date":
        ok = got.date == case.date
    elif case.range is not None:
        ok = got.range is not None and all(
            same(x, y) for x, y in zip(got.range, case.range, strict=True)
        )
    else:
        ok = same(got.value, case.value)
    if ok and with_kind:
        ok = got.kind == case.kind
    return ok


# --- systems -------------------------------------------------------------------


def raqam_reading(text: str) -> Reading:
    from summarizer.numbers import find_numbers

    matches = find_numbers(text)
    if len(matches) != 1:
        shown = "; ".join(f"{text[m.start : m.end]}={m.value}" for m in matches)
        return Reading(shown=f"{len(matches)} matches: {shown}")
    m = matches[0]
    value = m.value
    if value is not None and m.negative and value > 0:
        value = -value
    return Reading(
        value=value,
        range=tuple(m.range) if m.range else None,  # type: ignore[arg-type]
        date=m.date,
        kind=m.kind,
        shown=f"{m.kind} {value} {m.range or ''} {m.date or ''}".strip(),
    )


def raqam_no_figure(text: str) -> tuple[bool, str]:
    from summarizer import digest

    d = digest(text)
    return (not d.figures, ", ".join(f.text for f in d.figures))


def _persian_tools() -> Callable[[str], Reading]:
    from persian_tools.digits import convert_from_word

    def read(text: str) -> Reading:
        value = convert_from_word(text)
        return Reading(value=float(value) if value is not None else None, shown=repr(value))

    return read


def _words2num2() -> Callable[[str], Reading]:
    from words2num2 import words2num

    def read(text: str) -> Reading:
        value = words2num(text, lang="fa")  # type: ignore[no-untyped-call]
        return Reading(value=float(value), shown=repr(value))

    return read


_PARSIVAR_DATE = re.compile(r"y(\d+)m(\d+)d(\d+)")
_PARSIVAR_NUM = re.compile(r"-?\d+(?:\.\d+)?")


def parsivar_reading(output: str) -> Reading:
    """Read parsivar's normalised output back as a number or a date."""
    plain = output.translate(_LATIN)
    m = _PARSIVAR_DATE.search(plain)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if d >= 1000 > y:  # its D/M/Y convention applied to a Y/M/D date
            y, d = d, y
        parts = [f"{y:04d}"] + [f"{x:02d}" for x in (mo, d) if x]
        date = "-".join(parts[: 1 + (1 if mo else 0) + (1 if mo and d else 0)])
        return Reading(date=date, shown=output.strip())
    nums = _PARSIVAR_NUM.findall(plain)
    if len(nums) == 1:
        return Reading(value=float(nums[0]), shown=output.strip())
    return Reading(shown=output.strip())


def _parsivar() -> Callable[[str], Reading]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from parsivar import Normalizer

    normalizer = Normalizer(date_normalizing_needed=True)

    def read(text: str) -> Reading:
        return parsivar_reading(normalizer.normalize(text))

    return read


PEERS: dict[str, Callable[[], Callable[[str], Reading]]] = {
    "persian-tools": _persian_tools,
    "words2num2": _words2num2,
    "parsivar": _parsivar,
}


def _safe(fn: Callable[[str], Reading], text: str) -> Reading:
    try:
        return fn(text)
    except Exception as exc:  # a peer that declines an input scores it wrong
        return Reading(shown=f"error: {type(exc).__name__}")


def run(args: argparse.Namespace) -> dict[str, Any]:
    cases = load_cases(Path(args.cases))[: args.limit]
    peers: dict[str, Callable[[str], Reading] | None] = {}
    notes: dict[str, str] = {}
    for name, factory in PEERS.items():
        try:
            peers[name] = factory()
        except Exception as exc:  # report an unusable peer instead of dropping it
            peers[name] = None
            notes[name] = f"unavailable: {type(exc).__name__}: {exc}"
            print(f"{name}: {notes[name]}")

    groups: dict[str, dict[str, list[int]]] = {}
    details: list[dict[str, Any]] = []
    systems = ["Raqam", "Raqam value+kind", *peers]

    def tally(group: str, system: str, ok: bool | None) -> None:
        if ok is None:
            return
        slot = groups.setdefault(group, {}).setdefault(system, [0, 0])
        slot[0] += int(ok)
        slot[1] += 1

    for case in cases:
        row: dict[str, Any] = {"text": case.text, "group": case.group}
        if case.kind == "none":
            try:
                ok, shown = raqam_no_figure(case.text)
            except Exception as exc:
                ok, shown = False, f"error: {type(exc).__name__}"
            tally(case.group, "Raqam", ok)
            tally(case.group, "Raqam value+kind", ok)
            row["Raqam"] = {"ok": ok, "got": shown}
        else:
            ours = _safe(raqam_reading, case.text)
            ok = correct(case, ours)
            tally(case.group, "Raqam", ok)
            tally(case.group, "Raqam value+kind", correct(case, ours, with_kind=True))
            row["Raqam"] = {"ok": ok, "got": ours.shown}
            if ok and not correct(case, ours, with_kind=True):
                row["Raqam"] = {"ok": True, "kind_ok": False, "got": ours.shown}
            for name, fn in peers.items():
                if fn is None:
                    continue
                got = _safe(fn, case.text)
                ok_peer = correct(case, got)
                tally(case.group, name, ok_peer)
                row[name] = {"ok": ok_peer, "got": got.shown}
        details.append(row)

    headers = ["group", "cases", *systems]
    table: list[list[Any]] = []
    totals: dict[str, list[int]] = {s: [0, 0] for s in systems}
    value_totals: dict[str, list[int]] = {s: [0, 0] for s in systems}
    for group, per in groups.items():
        n = max(v[1] for v in per.values())
        cells: list[Any] = [group, n]
        for s in systems:
            if s in per:
                hit, seen = per[s]
                cells.append(f"{hit}/{seen}")
                totals[s][0] += hit
                totals[s][1] += seen
                if group != "non-figures":
                    value_totals[s][0] += hit
                    value_totals[s][1] += seen
            else:
                cells.append("n/a")
        table.append(cells)

    def share(pair: list[int]) -> str:
        return f"{pair[0] / pair[1]:.3f}" if pair[1] else "n/a"

    n_value = sum(1 for c in cases if c.kind != "none")
    table.append(["**expressions (value)**", n_value, *(share(value_totals[s]) for s in systems)])
    table.append(["**all cases**", len(cases), *(share(totals[s]) for s in systems)])
    for name, note in notes.items():
        table.append([f"{name}: {note}", "", *([""] * len(systems))])
    print(f"Number expressions: {len(cases)} cases, exact meaning")
    print(format_table(headers, table))
    if args.verbose:
        for row in details:
            ours_row = row.get("Raqam", {})
            if not ours_row.get("ok"):
                print(f"  ✗ {row['group']}: {row['text']!r} -> {ours_row.get('got')}")
            elif ours_row.get("kind_ok") is False:
                print(f"  ~ {row['group']}: {row['text']!r} -> wrong kind: {ours_row.get('got')}")
    result = {
        "cases": len(cases),
        "accuracy": {s: share(value_totals[s]) for s in systems},
        "accuracy_all": {s: share(totals[s]) for s in systems},
        "groups": {g: {s: v for s, v in per.items()} for g, per in groups.items()},
        "notes": notes,
        "details": details,
    }
    write_json(args.json, result)
    return result


def parser() -> argparse.ArgumentParser:
    p = base_parser(__doc__.splitlines()[0], corpus=False)
    p.add_argument("--cases", default=str(CASES), help="TOML file of cases")
    p.add_argument("--verbose", "-v", action="store_true", help="list the cases Raqam gets wrong")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    run(parser().parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
