"""Are the bullets complete statements? An automatic checker over whole corpora.

Every article of ``fars_news.jsonl``, ``varzesh3_sports.jsonl`` and
``farsi_news_rss.jsonl`` is digested (title given), and each bullet is checked
for the patterns a reader would call broken:

* ``frame``: it opens with a connector or a reporting frame (``و``, ``که``,
  ``با اشاره به``, ``به گزارش``, ``گزارش،``, ``در ادامه``, ``وی گفت``) or
  keeps a speech frame inside (``گفت:``, ``در بخش دیگری از سخنان خود``);
* ``dangling``: it ends on a word that needs more after it (a preposition,
  a conjunction, ``را``, a demonstrative, a plural in construct ``…های``);
* ``no_verb``: it has no finite verb (hazm's conjugated verb list) and does
  not open with a head noun (a verbal noun, or a noun hazm tags as one);
* ``table``: it reads as a table, timetable, score or price row (several
  numbers with hardly a word between them, ``۲۵-۲۰``, ``ساعت: ۱۷``);
* ``repeat``: it states a number another bullet of the same digest states;
* ``long``: it is longer than 160 characters.

The checker is independent of the engine's own grammar: finite verbs come
from hazm's :class:`~hazm.Lemmatizer` conjugations, nouns from hazm's tagged
word list, so a bullet the engine believes complete is checked by another
judge. It flags patterns; the judged sample (:mod:`bench.judged`) is the
reading by a person.

Run: ``uv run --group bench python -m bench.bullets [-v] [--part all|tune|test]``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bench.common import base_parser, corpus_dir, format_table, read_jsonl, write_json

CORPORA = ("fars_news.jsonl", "varzesh3_sports.jsonl", "farsi_news_rss.jsonl")
GOAL = 0.02
MAX_CHARS = 160
FLAGS = ("frame", "dangling", "no_verb", "table", "repeat", "long")

_OPENERS = (
    "و",
    "که",
    "اما",
    "ولی",
    "یا",
    "تا",
    "زیرا",
    "چون",
    "چرا",
    "اگر",
    "نیز",
    "هم",
    "همچنین",
    "سپس",
    "لذا",
    "بنابراین",
    "گزارش",
    "وی",
    "او",
    "ایشان",
    "به‌رغم",
    "بهرغم",
    "علیرغم",
    "علی‌رغم",
    "باوجود",
    "ضمن",
    "درحالی",
)
_OPENING_FRAMES = (
    "با اشاره به",
    "با بیان",
    "با تاکید",
    "با تأکید",
    "به گزارش",
    "به گفته",
    "به نقل از",
    "در ادامه",
    "در بخش دیگری",
    "در پایان",
    "با وجود",
    "به رغم",
    "در حالی",
    "با توجه به",
    "از سوی دیگر",
    "این در حالی",
    "گفتنی است",
    "وی گفت",
    "وی افزود",
)
_INNER_FRAMES_RX = re.compile(
    r"(?:گفت|افزود|کرد|داشت|داد|نمود|شد)\s*:|در بخش دیگری از سخنان|با اشاره به|به گزارش\s"
)
_DANGLING = frozenset(
    [
        "و",
        "با",
        "از",
        "به",
        "در",
        "برای",
        "که",
        "را",
        "تا",
        "این",
        "آن",
        "یا",
        "بر",
        "بین",
        "میان",
        "طی",
        "درباره",
        "نسبت",
        "همچون",
        "مانند",
        "مثل",
        "چون",
        "اگر",
        "اما",
        "ولی",
        "نیز",
        "هم",
        "شامل",
        "حدود",
        "بیش",
        "کمتر",
        "بیشتر",
        "تعداد",
        "میزان",
        "مبلغ",
        "رقم",
        "سوی",
        "توسط",
        "جمع",
        "مجموع",
        "هر",
        "همه",
        "برخی",
        "بعضی",
        "چند",
        "نزدیک",
        "قریب",
        "بالغ",
        "حداقل",
        "حداکثر",
        "دست\u200cکم",
        "ضمن",
        "علاوه",
        "پس",
        "پیش",
        "بعد",
        "قبل",
        "روی",
        "زیر",
        "کنار",
        "داخل",
        "خارج",
        "طرف",
        "جانب",
    ]
)
_SCORE_RX = re.compile(r"[0-9۰-۹]+\s*[-–/:]\s*[0-9۰-۹]+")
_NUMBER_RX = re.compile(r"[0-9۰-۹]+(?:[٬,٫.][0-9۰-۹]+)*")
_WORD_RX = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*")
_TIME_ROW_RX = re.compile(r"ساعت\s*:?\s*[0-9۰-۹]")


@dataclass
class Tally:
    """Flagged bullets of one corpus."""

    articles: int = 0
    with_figures: int = 0  # articles with at least one substantive figure
    digests_with_bullets: int = 0
    bullets: int = 0
    flagged: int = 0
    by_flag: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, bullet: str, flags: Sequence[str], keep: int) -> None:
        self.bullets += 1
        if flags:
            self.flagged += 1
        for f in flags:
            self.by_flag[f] += 1
            ex = self.examples.setdefault(f, [])
            if len(ex) < keep:
                ex.append(bullet)

    @property
    def rate(self) -> float:
        return self.flagged / self.bullets if self.bullets else 0.0

    @property
    def coverage(self) -> float:
        """Share of the articles with figures that get at least one bullet."""
        return self.digests_with_bullets / self.with_figures if self.with_figures else 0.0


@cache
def _verbs() -> frozenset[str]:
    """Finite verb forms: hazm's conjugations, bare past participles left out."""
    from hazm import Lemmatizer

    forms = set(Lemmatizer().verbs)
    forms.update({"نیست", "نیستند", "هست", "هستند", "است", "اند", "بود", "بودند"})
    return frozenset(forms)


@cache
def _participles() -> frozenset[str]:
    from hazm import Lemmatizer

    out = set()
    for form, lemma in Lemmatizer().verbs.items():
        past = lemma.split("#")[0]
        if past and form in (past + "ه", "ن" + past + "ه"):
            out.add(form)
    return frozenset(out)


@cache
def _nouns() -> frozenset[str]:
    """Words hazm's word list tags as nouns."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("hazm")
    out: set[str] = set()
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "words.dat"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and "N" in parts[-1].split(","):
                out.add(parts[0])
    return frozenset(out)


_AUX_AFTER = frozenset({"است", "اند", "بود", "بودند", "باشد", "باشند", "شد", "شدند", "شده"})


def _words(bullet: str) -> list[str]:
    return _WORD_RX.findall(bullet)


def has_finite_verb(words: Sequence[str]) -> bool:
    """Whether a finite verb stands among ``words`` (a participle needs its auxiliary)."""
    verbs = _verbs()
    parts = _participles()
    for i, w in enumerate(words):
        base = w.split("\u200c")[0] if w.endswith(("\u200cاست", "\u200cاند")) else w
        if base != w and (base in verbs or base in parts):
            return True
        if w in parts:
            if i + 1 < len(words) and words[i + 1] in _AUX_AFTER:
                return True
            continue
        if w in verbs:
            return True
    return False


def _head_noun(words: Sequence[str]) -> bool:
    if not words:
        return False
    first = words[0]
    return first in _nouns() and first not in _DANGLING and first not in _OPENERS


def numbers_in(bullet: str) -> set[str]:
    """The numbers a bullet states, digits of every script made comparable."""
    table = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.", "٬,")
    return {n.translate(table) for n in _NUMBER_RX.findall(bullet)}


def flags_of(bullet: str, earlier: Sequence[str] = ()) -> list[str]:
    """The broken patterns ``bullet`` shows (``earlier``: the bullets above it)."""
    out: list[str] = []
    text = bullet.strip()
    words = _words(text)
    first = words[0] if words else ""
    if (
        first in _OPENERS
        or any(text.startswith(f + " ") or text.startswith(f + "،") for f in _OPENING_FRAMES)
        or _INNER_FRAMES_RX.search(text)
    ):
        out.append("frame")
    last = words[-1] if words else ""
    tail = text.rstrip(" .…")
    if (
        last in _DANGLING
        or (last.endswith("های") and not last.endswith("‌هایی") and tail.endswith(last))
        or tail.endswith(("،", ":", "؛", "-"))
    ):
        out.append("dangling")
    if not has_finite_verb(words) and not _head_noun(words):
        out.append("no_verb")
    nums = _NUMBER_RX.findall(text)
    if (
        len(_SCORE_RX.findall(text)) >= 2
        or _TIME_ROW_RX.search(text)
        or (len(nums) >= 3 and len(words) < 2 * len(nums))
    ):
        out.append("table")
    mine = numbers_in(text)
    if mine and any(mine & numbers_in(e) for e in earlier):
        out.append("repeat")
    if len(text) > MAX_CHARS:
        out.append("long")
    return out


def split_part(ident: str) -> str:
    """``tune`` or ``test``: a fixed half of every corpus by a hash of the record id."""
    return "tune" if int(hashlib.sha1(ident.encode()).hexdigest(), 16) % 2 == 0 else "test"


def articles(path: Any, limit: int | None, part: str) -> Iterator[dict[str, Any]]:
    for row in read_jsonl(path, limit):
        text = row.get("article") or row.get("summary") or ""
        ident = str(row.get("id", ""))
        if part != "all" and split_part(ident) != part:
            continue
        yield {"id": ident, "title": row.get("title"), "text": text}


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    from bench.engine import EngineRun
    from summarizer.rank import SUBSTANTIVE

    base = corpus_dir(getattr(args, "corpus", None))
    present = [name for name in CORPORA if (base / name).is_file()]
    if not present:
        print(f"skipped: corpus not found at {base}")
        return None
    engine = EngineRun()
    tallies: dict[str, Tally] = {}
    for name in present:
        tally = tallies.setdefault(name, Tally())
        for art in articles(base / name, args.limit, args.part):
            tally.articles += 1
            d = engine.digest(art["text"], ident=art["id"], title=art["title"])
            if d is None:
                continue
            if any(f.kind in SUBSTANTIVE for f in d.figures):
                tally.with_figures += 1
            if not d.bullets:
                continue
            tally.digests_with_bullets += 1
            for k, b in enumerate(d.bullets):
                tally.add(b, flags_of(b, d.bullets[:k]), args.examples)
    engine.report()
    rows = []
    for name, t in tallies.items():
        rows.append(
            [
                name,
                t.articles,
                t.bullets,
                t.flagged,
                t.rate,
                t.coverage,
                *(t.by_flag.get(f, 0) for f in FLAGS),
                "yes" if t.rate <= GOAL else "**no**",
            ]
        )
    headers = [
        "corpus",
        "articles",
        "bullets",
        "flagged",
        "rate",
        "coverage",
        *FLAGS,
        f"<= {GOAL:.0%}",
    ]
    table = format_table(headers, rows)
    print(f"Bullets flagged by the checker (part: {args.part})\n")
    print(table)
    if args.verbose:
        for name, t in tallies.items():
            print(f"\n{name}")
            for f, ex in t.examples.items():
                print(f"  {f}:")
                for b in ex:
                    print(f"    • {b}")
    return {
        "part": args.part,
        "table": table,
        "corpora": {
            name: {
                "articles": t.articles,
                "bullets": t.bullets,
                "flagged": t.flagged,
                "rate": t.rate,
                "coverage": t.coverage,
                "by_flag": dict(t.by_flag),
                "examples": t.examples,
            }
            for name, t in tallies.items()
        },
        "max_rate": max((t.rate for t in tallies.values()), default=0.0),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser("Bullets flagged as fragments, frames, tables or repeats.")
    parser.add_argument("-v", "--verbose", action="store_true", help="show flagged examples")
    parser.add_argument("--examples", type=int, default=8, help="examples kept per flag")
    parser.add_argument(
        "--part", choices=("all", "tune", "test"), default="all", help="half of each corpus"
    )
    args = parser.parse_args(argv)
    result = run(args)
    if result is not None:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
