"""Word lists: hazm's lexicon files and the engine's own TOML tables.

hazm ships ``words.dat`` (about 193K words, part-of-speech tags for some 35K
of them), ``verbs.dat`` (past#present stems) and ``stopwords.dat``. They are
located with :func:`importlib.util.find_spec` without importing hazm (which
would cost over a second and tens of megabytes) and loaded once, lazily, into
compact structures shared by the whole process. Without hazm the engine still
works, with rule-based fall-backs only.
"""

from __future__ import annotations

import importlib.util
import threading
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

ZWNJ = "\u200c"
DATA_DIR = Path(__file__).with_name("data")

# Part-of-speech bits (tags of words.dat).
N, AJ, ADV, P, CONJ, PRO, DET, NUM, CL, V = (1 << i for i in range(10))
_TAG_BITS = {
    "N": N,
    "AJ": AJ,
    "ADV": ADV,
    "P": P,
    "CONJ": CONJ,
    "PRO": PRO,
    "DET": DET,
    "NUM": NUM,
    "CL": CL,
    "V": V,
    "AJC": AJ,
    "PL": N,
}

# Endings of glued words that usually take a ZWNJ (برنامههای, شدهاند).
PLURAL_ENDINGS = ("هایشان", "هایمان", "هایش", "هایی", "های", "ها")
PERFECT_ENDINGS = ("اند", "ایم", "اید")
_TRACKED_ENDINGS = (*PLURAL_ENDINGS, *PERFECT_ENDINGS, "ای")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The parts of hazm's data the engine uses, kept small."""

    tags: dict[str, int]  # tagged words only -> POS bits
    glued: dict[str, str]  # compound written without ZWNJ -> with ZWNJ
    mi_words: frozenset[str]  # words starting with می/نمی (not verbs)
    ending_words: frozenset[str]  # words that end like a plural or perfect
    past: frozenset[str]  # past stems
    present: frozenset[str]  # present stems
    stopwords: frozenset[str]

    def pos(self, word: str) -> int:
        return self.tags.get(word, 0)


_lock = threading.Lock()
_lexicon: Lexicon | None = None


def _hazm_data_dir() -> Path | None:
    try:
        spec = importlib.util.find_spec("hazm")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data"
        if (path / "words.dat").is_file():
            return path
    return None


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _load() -> Lexicon:
    data = _hazm_data_dir()
    tags: dict[str, int] = {}
    glued: dict[str, str] = {}
    mi_words: set[str] = set()
    ending_words: set[str] = set()
    words_text = _read_lines(data / "words.dat") if data else []
    plain_words: set[str] = set()
    for line in words_text:
        word, _, rest = line.partition("\t")
        if not word:
            continue
        tag_field = rest.rpartition("\t")[2]
        if tag_field and tag_field != "0":
            bits = 0
            for tag in tag_field.split(","):
                bits |= _TAG_BITS.get(tag, 0)
            if bits:
                tags[word] = bits
        if ZWNJ in word:
            glued[word.replace(ZWNJ, "")] = word
        else:
            if word.startswith(("می", "نمی")) and word in tags:
                mi_words.add(word)
            if word.endswith(_TRACKED_ENDINGS):
                ending_words.add(word)
    # A glued form that is itself a word is left alone.
    for line in words_text:
        word = line.partition("\t")[0]
        if word in glued and ZWNJ not in word:
            plain_words.add(word)
    for word in plain_words:
        glued.pop(word, None)
    del words_text, plain_words

    past: set[str] = set()
    present: set[str] = set()
    for line in _read_lines(data / "verbs.dat") if data else []:
        a, _, b = line.partition("#")
        if a.strip():
            past.add(a.strip())
        if b.strip():
            present.add(b.strip())
    extra = load_toml("verbs.toml")
    past.update(extra.get("past", []))
    present.update(extra.get("present", []))
    stop = {w.strip() for w in (_read_lines(data / "stopwords.dat") if data else []) if w.strip()}
    return Lexicon(
        tags=tags,
        glued=glued,
        mi_words=frozenset(mi_words),
        ending_words=frozenset(ending_words),
        past=frozenset(past),
        present=frozenset(present),
        stopwords=frozenset(stop),
    )


def lexicon() -> Lexicon:
    """The shared lexicon (loaded on first use, thread-safe)."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = _load()
    return _lexicon


@cache
def load_toml(name: str) -> dict[str, Any]:
    """One of the engine's data tables under ``summarizer/data`` (read once)."""
    path = DATA_DIR / name
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


# --- verbs -------------------------------------------------------------------

_PERSON = ("", "م", "ی", "یم", "ید", "ند", "د")
_AUX = frozenset(load_toml("verbs.toml").get("auxiliaries", []))
_PERFECT_PERSON = frozenset({"ام", "ای", "ایم", "اید", "اند"})  # رسیده‌اند، کشته‌ام


@lru_cache(maxsize=1 << 16)  # bounded: a long-running bot sees ever new words
def verb_stem(token: str) -> str | None:
    """The stem of ``token`` if it is a verb form (``رسیده`` -> ``رسید``), else None."""
    lex = lexicon()
    if token in _AUX:
        return token
    if (
        token.endswith("ست")
        and len(token) > 4
        and not lex.pos(token)
        and lex.pos(token[:-2]) & (N | AJ)
        and token[-3] in "اوی"
    ):
        return "است"  # اجراست، نیروست
    t = token
    for prefix in ("برنمی‌", "برمی‌", "درنمی‌", "درمی‌", "فرومی‌", "نمی‌", "می‌", "نمی", "می"):
        if t.startswith(prefix) and len(t) > len(prefix) + 1:
            rest = t[len(prefix) :]
            if prefix in ("نمی", "می") and t in lex.mi_words:
                break
            stem = _stem_with_person(rest, lex.present | lex.past)
            if stem == rest and stem in _PRESENT_FIRST:
                # «می‌کند» is far more often کن + د (does) than the past of کندن (was digging)
                stem = _stem_with_person(rest, lex.present, need_ending=True) or stem
            if stem:
                return stem
            break
    tagged = lex.pos(t) != 0
    base = t[1:] if t.startswith("ن") and len(t) > 2 and not tagged else t
    for cand in (t, base):
        # Simple past: رسید، شدند، نداشت.
        for ending in ("", "م", "ی", "یم", "ید", "ند"):
            if ending and not cand.endswith(ending):
                continue
            stem = cand[: len(cand) - len(ending)] if ending else cand
            if stem in lex.past and len(stem) > 1:
                if stem not in _COMMON_PAST and (lex.pos(cand) | lex.pos(stem)) & (N | AJ):
                    continue
                return stem
        # Participle: رسیده، شده، کرده‌اند.
        core, _, person = cand.partition(ZWNJ)
        if core.endswith("ه") and core[:-1] in lex.past and len(core) > 2:
            if core in _ADJECTIVE_PARTICIPLES:
                continue
            perfect = person in _PERFECT_PERSON  # باخته‌اند: a verb, whatever باخته is
            if not perfect and core[:-1] not in _COMMON_PAST and lex.pos(core) & (N | AJ):
                continue
            return core[:-1]
    # Subjunctive / present without می: شود، کند، بگیرد، بیاورد (ب + ی + آور)، بیفتد.
    for cand in (t[1:] if t.startswith("ب") and not tagged else "", t, *_glide_stems(t, tagged)):
        if not cand:
            continue
        stem = _stem_with_person(cand, lex.present, need_ending=True)
        if stem and (t in _COMMON_PRESENT or not tagged):
            return stem
    return None


def _glide_stems(t: str, tagged: bool) -> tuple[str, ...]:
    """``بیاورد``، ``نیفتد``: a stem that opens with «آ» or «ا» after «ب» or «ن» is
    written with «ی» between; the forms without it, to look the stem up."""
    if tagged or len(t) < 4 or not t.startswith(("بی", "نی")):
        return ()
    rest = t[2:]
    out = ["ا" + rest]
    if rest.startswith("ا"):
        out.append("آ" + rest[1:])
    return tuple(out)


def _stem_with_person(rest: str, stems: frozenset[str], *, need_ending: bool = False) -> str | None:
    for ending in _PERSON:
        if need_ending and not ending:
            continue
        if ending and not rest.endswith(ending):
            continue
        stem = rest[: len(rest) - len(ending)] if ending else rest
        if stem.endswith(ZWNJ):
            stem = stem[:-1]
        if stem in stems:
            return stem
        if stem.endswith("ه") and stem[:-1] in stems:  # می‌رسیده
            return stem[:-1]
    return None


_COMMON_PAST = frozenset(load_toml("verbs.toml").get("common_past", []))
_PRESENT_FIRST = frozenset(load_toml("verbs.toml").get("present_first", []))
_COMMON_PRESENT = frozenset(load_toml("verbs.toml").get("common_present", []))
_ADJECTIVE_PARTICIPLES = frozenset(load_toml("verbs.toml").get("adjective_participles", []))


def is_verb(token: str) -> bool:
    return verb_stem(token) is not None


@cache
def _legs() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("words.toml")
    return frozenset(data.get("leg_heads", [])), frozenset(data.get("leg_words", []))


def is_leg(prev: str, word: str, prev2: str = "") -> bool:
    """``بازی رفت``، ``دیدار برگشت``، ``بازی رفت و برگشت``: the first or second leg of a
    tie, not a verb."""
    heads, legs = _legs()
    return word in legs and (prev in heads or (prev == "و" and prev2 in legs))
