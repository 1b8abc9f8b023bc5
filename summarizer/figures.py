"""From numbers to figures: unit, subject, qualifier, period and change.

For every number :func:`summarizer.numbers.find_numbers` finds in a sentence,
:func:`extract` builds a :class:`Mention`: the number's kind and canonical
unit (``units.toml``), the thing counted (a rule-based noun-phrase chunk after
the number, a partitive ``N تن از X``, or a predicate ``تعداد X به N رسید``),
the qualifier before it, the period and direction of change in its clause
(``phrases.toml``), and whether it is trivia (a code, page id, age, year).
All offsets are in the normalised text; the caller maps them back.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from summarizer.lexicon import (
    ADV,
    AJ,
    CL,
    CONJ,
    DET,
    NUM,
    PRO,
    N,
    P,
    is_leg,
    lexicon,
    load_toml,
    verb_stem,
)
from summarizer.model import Change, Kind, Qualifier
from summarizer.numbers import NumberMatch, find_numbers
from summarizer.sentences import Token, tokenize


def _word_list(name: str) -> frozenset[str]:
    """A closed word list from ``data/words.toml``."""
    return frozenset(load_toml("words.toml").get(name, []))


_DIGIT_RX = re.compile("[۰-۹]")
_ONLY_DIGITS_RX = re.compile(r"^[\s۰-۹٬٫.,/\-]*$")
_LATIN_RX = re.compile("[A-Za-z/@:_#=&?]")
_MONTHS = _word_list("months")
_TIME_UNITS = _word_list("time_units")
_NAMED_PLANS = _word_list("named_plans")
_BARE_SCALE_RX = re.compile(
    "(?:هزاران|میلیون‌ها|میلیاردها|(?:هزار|میلیون|میلیارد|تریلیون)(?:ی|ها)?)"
)
_QUOTE_RX = re.compile(
    r"(?:\s+[^\s۰-۹،,.]+){0,3}\s+[۰-۹][۰-۹٬,]*(?:\s+(?:هزار|میلیون))?(?:\s+و\s+[۰-۹]+)?\s+(?:ریال|تومان)"
)
_SCALE_WORD_RX = re.compile("هزار|میلیون|میلیارد|تریلیون")
_ERA_WORDS = _word_list("era_words")
_MONEY_ADJECTIVE_RX = re.compile("(?:میلیارد|تریلیون)ی$")
_NEVER_FIRST = _word_list("never_first")
_YEAR_HEADS = _word_list("year_heads")
_YEAR_KINDS = _word_list("year_kinds")
_CLAUSE_MARKS = frozenset(':؛;/.!?؟()«»"[]')
_LETTER_NAMES = _word_list("letter_names")
_SHORT_YEAR_HEADS = _word_list("short_year_heads")
_VALUE_HEADS = _word_list("value_heads")
_CLOCK_AFTER = _word_list("clock_after")
_RELATIVE_AFTER = _word_list("relative_after")
_ATTRIBUTE_FORMS = _word_list("attribute_forms")
_DENOMINATION_HEADS = _word_list("denomination_heads")
_CLASS_HEADS = _word_list("class_heads")
_CLASS_UNITS = _word_list("class_units")
_DISTANCE_HEADS = _word_list("distance_heads")
_TIME_ENDS = _word_list("time_phrase_ends")
_TIME_POINTS = _word_list("time_points")
_AGE_GROUP_QUALIFIERS = _word_list("age_group_qualifiers")
_STOCK_FIGURES = _word_list("stock_figures")
_TIMES = load_toml("phrases.toml").get("identifiers", {})
_TIMES_WORDS = frozenset(_TIMES.get("times_words", []))
_TIMES_VERBS = frozenset(_TIMES.get("times_verbs", []))
_TIMES_EVENTS: dict[str, str] = dict(_TIMES.get("times_events", {}))
_TIMES_NOT_NOUNS = frozenset(_TIMES.get("not_nouns", []))
_COMPOUND_TAILS = frozenset(_TIMES.get("compound_tails", []))
_PREVERB_EVENTS = frozenset(_TIMES.get("preverb_events", []))
_INFINITIVE_OF: dict[str, str] = dict(_TIMES.get("infinitives", {}))
_COUNTED_STOPWORDS = frozenset(load_toml("phrases.toml").get("subject", {}).get("counted", []))
_TRANSFER_WORDS = frozenset(_TIMES.get("transfer_words", []))
_FEE_WORDS = frozenset(_TIMES.get("fee_words", []))
_TRANSFER = str(_TIMES.get("transfer", "انتقال"))
NOT_PEOPLE_EVENTS = frozenset(
    load_toml("phrases.toml").get("subject", {}).get("not_people_events", [])
)
_PRESENCE_WORDS = frozenset(load_toml("phrases.toml").get("subject", {}).get("presence_words", []))
_PEOPLE_EVENTS = frozenset(load_toml("phrases.toml").get("subject", {}).get("people_events", []))
_PEOPLE_EVENT_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(k.split()), v)
    for k, v in load_toml("phrases.toml").get("subject", {}).get("people_event_phrases", {}).items()
)
_RANK_HEADS = frozenset(load_toml("phrases.toml").get("identifiers", {}).get("rank_heads", []))
_MATCH_UNITS = _word_list("match_units")
_MATCH_PHASES = _word_list("match_phases")
_AFTER_NAME = frozenset({"و", "یا", "که", "را", "نیز", "هم", "حتی", "تا"})


@dataclass(frozen=True, slots=True)
class Unit:
    canonical: str
    kind: Kind
    forms: tuple[tuple[str, ...], ...]
    people: bool = False
    context: frozenset[str] = frozenset()  # words one of which must come before
    not_before: frozenset[str] = frozenset()  # verbs (stems) it makes a compound with


@dataclass(slots=True)
class Mention:
    """One number in context (offsets in the normalised text)."""

    sentence: int
    start: int  # figure span (number, plus unit when there is one)
    end: int
    num_start: int
    num_end: int
    value: float | None
    kind: Kind
    range: tuple[float, float] | None = None
    unit: str | None = None
    subject: str | None = None
    subject_surface: str | None = None
    qualifier: Qualifier | None = None
    qual_start: int | None = None
    period: str | None = None
    period_span: tuple[int, int] | None = None
    change: Change | None = None
    date: str | None = None
    trivia: str | None = None  # why the number is not a key figure
    drop: bool = False  # not a figure at all (page id, code, phone)
    clause: tuple[int, int] = (0, 0)  # clause span in the normalised text
    np_end: int = 0  # end of the unit/subject phrase
    score: tuple[float, float] | None = None  # "۲-۱" read as a score by the grammar


@dataclass(frozen=True, slots=True)
class Tables:
    units: tuple[Unit, ...]
    unit_index: dict[str, tuple[Unit, ...]]
    qualifiers: tuple[tuple[tuple[str, ...], Qualifier], ...]
    period_words: dict[str, str]
    period_per: dict[str, str]
    period_heads: tuple[tuple[str, ...], ...]
    period_modifiers: frozenset[str]
    period_preps: tuple[tuple[str, ...], ...]
    increase: frozenset[str]
    decrease: frozenset[str]
    drop_heads: frozenset[str]
    keep_heads: frozenset[str]
    stop: frozenset[str]
    code_heads: frozenset[str]
    age_words: frozenset[str]
    set_words: frozenset[str]
    light_verbs: frozenset[str]
    compounds: dict[str, dict[str, float]]
    money_heads: frozenset[str]
    money_after: frozenset[str]
    period_prep_starts: frozenset[str]
    partitive_skip: frozenset[str]
    share_skip: frozenset[str]
    anaphora_heads: frozenset[str]
    change_nouns: frozenset[str]
    score_words: frozenset[str]
    payments: frozenset[str]
    not_partitive: frozenset[str]
    valued_by: tuple[tuple[str, ...], ...]
    paid_for: frozenset[str]
    prepositions: frozenset[str]
    counted_stems: frozenset[str]
    clause_skip: frozenset[str]
    predicate_verbs: frozenset[str]
    predicate_stems: frozenset[str]
    not_events: frozenset[str]
    state_heads: frozenset[str]
    whole_words: frozenset[str]
    score_heads: frozenset[str]
    time_heads: frozenset[str]


@cache
def tables() -> Tables:
    """The language tables of ``units.toml`` and ``phrases.toml`` (read once)."""
    u = load_toml("units.toml")
    p = load_toml("phrases.toml")
    units: list[Unit] = []
    for entry in u.get("unit", []):
        forms = tuple(tuple(f.split()) for f in entry["forms"])
        units.append(
            Unit(
                entry["canonical"],
                entry["kind"],
                forms,
                bool(entry.get("people")),
                frozenset(entry.get("context", [])),
                frozenset(entry.get("not_before", [])),
            )
        )
    index: dict[str, list[Unit]] = {}
    for unit in units:
        for form in unit.forms:
            index.setdefault(form[0], []).append(unit)
    quals: list[tuple[tuple[str, ...], Qualifier]] = []
    for name, phrases in p.get("qualifiers", {}).items():
        for phrase in phrases:
            quals.append((tuple(phrase.split()), name))
    quals.sort(key=lambda q: -len(q[0]))
    periods = p.get("periods", {})
    change = p.get("change", {})
    subj = p.get("subject", {})
    trivia = p.get("trivia", {})
    bullets = p.get("bullets", {})
    return Tables(
        units=tuple(units),
        unit_index={k: tuple(v) for k, v in index.items()},
        qualifiers=tuple(quals),
        period_words=dict(periods.get("words", {})),
        period_per=dict(periods.get("per", {})),
        period_heads=tuple(
            sorted((tuple(h.split()) for h in periods.get("heads", [])), key=lambda h: -len(h))
        ),
        period_modifiers=frozenset(periods.get("modifiers", [])),
        period_preps=tuple(
            sorted((tuple(h.split()) for h in periods.get("prepositions", [])), key=len)
        ),
        increase=frozenset(change.get("increase", [])),
        decrease=frozenset(change.get("decrease", [])),
        drop_heads=frozenset(subj.get("drop_heads", [])),
        keep_heads=frozenset(subj.get("keep_heads", [])),
        stop=frozenset(subj.get("stop", [])),
        code_heads=frozenset(trivia.get("code_heads", [])),
        age_words=frozenset(trivia.get("age_words", [])),
        set_words=frozenset(trivia.get("set_words", [])),
        light_verbs=frozenset(bullets.get("light_verbs", [])),
        money_heads=frozenset(subj.get("money_heads", [])),
        money_after=frozenset(u.get("implicit_money", {}).get("after", [])),
        period_prep_starts=frozenset(p.split()[0] for p in periods.get("prepositions", [])),
        partitive_skip=frozenset(subj.get("partitive_skip", [])),
        share_skip=frozenset(subj.get("share_skip", [])),
        anaphora_heads=frozenset(subj.get("anaphora_heads", [])),
        change_nouns=frozenset(subj.get("change_nouns", [])),
        score_words=frozenset(subj.get("score_words", [])),
        payments=frozenset(subj.get("payments", [])),
        not_partitive=frozenset(subj.get("not_partitive", [])),
        valued_by=tuple(
            sorted((tuple(x.split()) for x in subj.get("valued_by", [])), key=lambda x: -len(x))
        ),
        paid_for=frozenset(subj.get("paid_for", [])),
        prepositions=frozenset(subj.get("prepositions", [])),
        counted_stems=frozenset(subj.get("counted_stems", [])),
        clause_skip=frozenset(subj.get("clause_skip", [])),
        predicate_verbs=frozenset(subj.get("predicate_verbs", [])),
        predicate_stems=frozenset(subj.get("predicate_stems", [])),
        not_events=frozenset(subj.get("not_events", [])),
        state_heads=frozenset(subj.get("state_heads", [])),
        whole_words=frozenset(subj.get("whole_words", [])),
        score_heads=frozenset(subj.get("score_heads", [])),
        time_heads=frozenset(trivia.get("time_heads", [])),
        compounds={
            c["unit"]: {k: float(v) for k, v in c["parts"].items()} for c in u.get("compound", [])
        },
    )


# --- token helpers -----------------------------------------------------------


def is_word(tok: Token) -> bool:
    return tok.text[0].isalpha()


def has_digit(tok: Token) -> bool:
    return bool(_DIGIT_RX.search(tok.text))


def is_verb_token(tok: Token) -> bool:
    return is_word(tok) and verb_stem(tok.text) is not None


def is_light_verb(tok: Token) -> bool:
    if not is_word(tok):
        return False
    stem = verb_stem(tok.text)
    return stem is not None and stem in tables().light_verbs


def clause_bounds(tokens: list[Token]) -> list[int]:
    """Token indices where a new clause starts (always includes 0)."""
    starts = [0]
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if i + 1 >= n:
            break
        nxt = tokens[i + 1].text
        if (tok.text in _CLAUSE_MARKS and not has_digit(tok)) or (nxt == "که" and i > 0):
            starts.append(i + 1)
        elif nxt in _NEVER_FIRST:
            continue  # "را" and friends never open a clause: the verb guess was wrong
        elif is_verb_token(tok) and not is_verb_token(tokens[i + 1]):
            if _is_change_noun(tok.text):
                continue  # "با افتی ۶ درصدی": a change noun, not "افت" + ی
            if i > 0 and is_leg(tokens[i - 1].text, tok.text, tokens[i - 2].text if i > 1 else ""):
                continue  # "بازی رفت مرحله …": the first leg, not a verb
            if i > 1 and has_digit(tokens[i - 2]) and _adjectival(tokens, i, i - 1):
                continue  # "رشد ۱۵ درصدی کاشت …": a noun after an adjectival figure
            # A participle inside a noun phrase (گندم خریداری شده به …) ends nothing.
            if (
                _is_participle(tok.text)
                and nxt[0].isalnum()
                and nxt not in ("و", "که")
                and not (i > 0 and is_verb_token(tokens[i - 1]))
            ):
                continue
            starts.append(i + 1)
    return sorted(set(starts))


def _is_change_noun(word: str) -> bool:
    nouns = tables().change_nouns
    return word in nouns or (word.endswith("ی") and word[:-1] in nouns)


def _is_participle(word: str) -> bool:
    return word.endswith("ه") and verb_stem(word) == word[:-1]


def match_seq(tokens: list[Token], i: int, seq: tuple[str, ...]) -> bool:
    if i < 0 or i + len(seq) > len(tokens):
        return False
    return all(tokens[i + k].text == seq[k] for k in range(len(seq)))


# --- extraction ----------------------------------------------------------------


def extract(text: str, sentences: list[tuple[int, int]]) -> list[Mention]:
    """Mentions of all numbers in ``text`` (normalised), sentence by sentence."""
    out: list[Mention] = []
    for si, (a, b) in enumerate(sentences):
        stext = text[a:b]
        if not _DIGIT_RX.search(stext) and not _may_have_number_words(stext):
            continue
        try:
            numbers = find_numbers(stext)
        except Exception:  # the number grammar must never take the digest down
            numbers = []
        if not numbers:
            continue
        tokens = tokenize(stext, a)
        if not tokens:
            continue
        starts = [t.start for t in tokens]
        ends = [t.end for t in tokens]
        cstarts = clause_bounds(tokens)
        only_number = bool(_ONLY_DIGITS_RX.match(stext))
        skip = -1
        first = len(out)
        for ni, nm in enumerate(numbers):
            if ni == skip:
                continue
            m = _mention(text, si, a, nm, tokens, starts, ends, cstarts, only_number)
            if m is None:
                continue
            if ni + 1 < len(numbers) and _join_compound(text, a, m, numbers[ni + 1], tokens):
                skip = ni + 1
            out.append(m)
        _identifiers(out, first, tokens, starts)
        _conversions(out, first, tokens, starts)
        _back_references(out, first, tokens, starts)
        _shared_tails(out, first, text)
        _coordinated_money(out, first, tokens, starts)
        _parallel_shares(out, first, tokens, starts)
        _parallel_items(out, first, tokens, starts)
        _partitive_back(out, first, tokens, starts)
        _relative_changes(out, first, tokens, starts)
        _from_to(out, first, tokens, starts)
    return out


MAX_FROM_TO_TOKENS = 5


def _from_to(out: list[Mention], first: int, tokens: list[Token], starts: list[int]) -> None:
    """``تراکنش دفاتر از یک میلیون در سال ۸۶ به ۴ میلیون در سال ۸۷ افزایش یافت``: the
    value a change started from is of what the value it reached is."""
    mine = [x for x in out[first:] if not x.drop and x.kind not in ("date", "ordinal")]
    for m, n in pairwise(mine):
        if m.subject or not n.subject or m.kind != n.kind or m.sentence != n.sentence:
            continue
        lo = bisect_left(starts, m.qual_start if m.qual_start is not None else m.num_start)
        a = bisect_left(starts, m.end)
        b = bisect_left(starts, n.qual_start if n.qual_start is not None else n.num_start)
        if lo == 0 or tokens[lo - 1].text != "از" or not a < b <= a + MAX_FROM_TO_TOKENS:
            continue
        if tokens[b - 1].text != "به" or any(
            is_verb_token(x) or x.text in _LIST_STOPS or x.text in ("،", ",") for x in tokens[a:b]
        ):
            continue
        m.subject, m.subject_surface = n.subject, n.subject_surface


MAX_RELATIVE_TOKENS = 12


def _relative_changes(
    out: list[Mention], first: int, tokens: list[Token], starts: list[int]
) -> None:
    """``نرخ تورم به ۳۲ درصد رسیده که نسبت به ماه قبل، ۲.۶ واحد درصد کاهش نشان
    می‌دهد``: a change (a percent, or money in the unit of the figure before) with no
    subject of its own, in a «که» clause right after the verb of the clause before,
    is a change of that clause's subject."""
    for idx in range(first + 1, len(out)):
        m = out[idx]
        if m.subject or m.drop or m.kind not in ("percent", "money", "count"):
            continue
        b = bisect_left(starts, m.qual_start if m.qual_start is not None else m.num_start)
        reached = b > 0 and tokens[b - 1].text in ("به", "رقم")
        if m.change is None and not reached:
            continue  # "… ۹۳ درصد بوده که با این سیستم به ۹۸ درصد می‌رسد": the value reached
        # a change of money or a count is of the figure before in its unit ("قیمت دلار
        # ۱۵ هزار تومان … که … کاهش ۱۰۰ تومانی داشته"); a percent of the one before
        p = next(
            (
                x
                for x in reversed(out[first:idx])
                if not x.drop
                and x.kind not in ("date", "ordinal")
                and (m.kind == "percent" or (x.kind == m.kind and x.unit == m.unit))
            ),
            None,
        )
        if p is None or not p.subject or p.sentence != m.sentence:
            continue
        if p.subject in tables().drop_heads:
            continue  # "رقم ۵۶۱ میلیارد ریال بود که …": a bare head names nothing to share
        a = bisect_left(starts, p.end)
        if not a < b <= a + MAX_RELATIVE_TOKENS:
            continue
        that = next((i for i in range(a + 1, b) if tokens[i].text == "که"), None)
        if that is None or not is_verb_token(tokens[that - 1]):
            continue
        if any(is_verb_token(x) or x.text in _LIST_STOPS for x in tokens[that + 1 : b]):
            continue
        if any(x.text in (".", "؛", ":") for x in tokens[a:that]):
            continue
        m.subject, m.subject_surface = p.subject, p.subject_surface


def _coordinated_money(
    out: list[Mention], first: int, tokens: list[Token], starts: list[int]
) -> None:
    """``۵۸۰ هزار دلار به کالدرون و حدود ۱۰۰ هزار دلار به خواکین بدهکار است``، ``در
    مرحله اول ۸۱ هزار نفر و در مرحله دوم ۸۰ هزار نفر مشمول … هستند``: two amounts, or
    two counts of one unit, joined by «و» under one verb share what the verb makes of
    them."""
    amounts = [x for x in out[first:] if x.kind not in ("ordinal", "date")]
    for idx in range(len(amounts) - 2, -1, -1):
        m, n = amounts[idx], amounts[idx + 1]
        if m.subject or not n.subject or m.kind != n.kind:
            continue
        if m.kind != "money" and not (m.kind == "count" and m.unit and m.unit == n.unit):
            continue
        if m.drop or n.drop or n.sentence != m.sentence:
            continue
        a = bisect_left(starts, m.end)
        b = bisect_left(starts, n.qual_start if n.qual_start is not None else n.num_start)
        between = tokens[a:b]
        if not 1 <= len(between) <= 8 or not any(t.text == "و" for t in between):
            continue
        if any(
            is_verb_token(t) or t.text in ("که", ".", "؛", ":") or has_digit(t) for t in between
        ):
            continue
        m.subject, m.subject_surface = n.subject, n.subject_surface


_LIST_STOPS = frozenset({"که", ".", "؛", ":"})
_PERCENT_WORDS = frozenset({"درصد", "%", "٪"})


def _parallel_shares(
    out: list[Mention], first: int, tokens: list[Token], starts: list[int]
) -> None:
    """``از کل صادرات استان ۲۵ درصد به آسیای میانه، ۴۶ درصد به افغانستان …``، ``از نظر
    وزنی ۵۳ درصد و از نظر ارزشی ۳۹ درصد``: percents listed after one with a subject,
    each item adding only where or how, are shares of the same thing. An item that
    names a noun of its own (``، تقاضا برای گازوئیل ۶۱ درصد``) is not."""
    t = tables()
    for idx in range(first + 1, len(out)):
        m, p = out[idx], out[idx - 1]
        if m.kind != "percent" or p.kind != "percent" or m.subject or not p.subject:
            continue
        if m.drop or p.drop or m.sentence != p.sentence:
            continue
        a = bisect_left(starts, p.end)
        b = bisect_left(starts, m.qual_start if m.qual_start is not None else m.num_start)
        between = tokens[a:b]
        seps = [k for k, x in enumerate(between) if x.text in ("،", ",", "و")]
        if not seps or len(between) > 8:
            continue
        if any(is_verb_token(x) or x.text in _LIST_STOPS or has_digit(x) for x in between):
            continue
        item = between[seps[-1] + 1 :]
        if item and item[0].text not in t.prepositions:
            continue
        m.subject, m.subject_surface = p.subject, p.subject_surface


def _parallel_items(out: list[Mention], first: int, tokens: list[Token], starts: list[int]) -> None:
    """``تقاضا برای بنزین ۶۴ درصد، تقاضا برای گازوئیل ۶۱ درصد و تقاضا برای سوخت ۹۴
    درصد کاهش یافته است``: items of a list that open on the noun the last item's figure
    was found to change share its subject; the verb after the last item is theirs too."""
    mine = [x for x in out[first:] if x.kind == "percent" and not x.drop]
    for idx in range(len(mine) - 2, -1, -1):
        m, n = mine[idx], mine[idx + 1]
        if m.subject or not n.subject or m.sentence != n.sentence:
            continue
        head = n.subject.split(" ", 1)[0]
        a = bisect_left(starts, m.end)
        b = bisect_left(starts, n.qual_start if n.qual_start is not None else n.num_start)
        if not a < b <= a + 10 or tokens[a].text not in ("،", ",", "و"):
            continue
        if any(is_verb_token(x) or x.text in _LIST_STOPS for x in tokens[a:b]):
            continue
        k = a + 1 if a + 1 < b and tokens[a + 1].text == "و" else a
        if tokens[k + 1].text != head:
            continue  # the next item opens on another noun: its own subject
        lo = bisect_left(starts, m.qual_start if m.qual_start is not None else m.num_start)
        opener = next(
            (i for i in range(lo - 1, max(-1, lo - 8), -1) if tokens[i].text == head), None
        )
        if opener is not None and not any(
            tokens[i].text in ("،", ",", ".", ":", "؛") or is_verb_token(tokens[i])
            for i in range(opener, lo)
        ):
            m.subject, m.subject_surface = n.subject, n.subject_surface


_PARTITIVE_PRONOUNS = frozenset(
    load_toml("phrases.toml").get("subject", {}).get("partitive_pronouns", [])
)


def _partitive_back(out: list[Mention], first: int, tokens: list[Token], starts: list[int]) -> None:
    """``به ۵۵۰ اسیر رسیده و ۶۳ درصد از آنها ...``، ``۸۵.۷ درصد آنها``: a count or
    percent of "them" counts part of what the figure before it (in this sentence or
    the one before) counted, and takes its subject."""
    for idx in range(first, len(out)):
        m = out[idx]
        if m.subject or m.drop or m.kind not in ("count", "percent"):
            continue
        j = bisect_left(starts, m.end)
        if j < len(tokens) and tokens[j].text == "از":
            j += 1
        if j >= len(tokens) or tokens[j].text not in _PARTITIVE_PRONOUNS:
            continue
        earlier = [
            x
            for x in out[:idx]
            if x.subject and not x.drop and x.trivia is None and x.kind in ("count", "money")
        ]
        if earlier and earlier[-1].sentence >= m.sentence - 1:
            m.subject = earlier[-1].subject
            m.subject_surface = earlier[-1].subject_surface


_TAIL_GAP_RX = re.compile(r"^\s*(?:یا|،|,|و|تا|الی|-)?\s*$")


def _shared_tails(out: list[Mention], first: int, text: str) -> None:
    """``سه یا چهار جای خالی``، ``۸ یا ۹ بازی``، ``۴، ۵ یا ۶ گل``، ``دو سه روز``: a bare
    count in a list of alternatives takes the unit and subject of the count that ends
    the list. Number words may stand side by side (``هفتاد هشتاد نفری``), digits only
    when they are a guess of two near values (``2 هزار 600 نفر`` is one number badly
    written)."""
    for idx in range(len(out) - 2, first - 1, -1):
        m, n = out[idx], out[idx + 1]
        if m.kind != "count" or m.unit or m.subject or m.drop or n.drop:
            continue
        if m.trivia not in (None, "small") or n.sentence != m.sentence:
            continue
        gap = text[m.end : n.num_start]
        from_to = gap.strip() == "به" and text[max(0, m.start - 4) : m.start].strip() == "از"
        if not _TAIL_GAP_RX.match(gap) and not from_to:  # "از ۲ به ۳ ستاره"
            continue
        if not (
            (n.kind == "count" and (n.unit or n.subject))
            or (n.kind in ("duration", "measure") and n.unit)  # پنج یا شش ماه
        ):
            continue
        near = m.value is not None and n.value is not None and 0 < n.value - m.value <= 2
        digits = _DIGIT_RX.search(text[m.num_start : m.num_end] + text[n.num_start : n.num_end])
        if not gap.strip() and digits and not near:
            continue
        m.kind, m.unit, m.subject, m.subject_surface = n.kind, n.unit, n.subject, n.subject_surface
        if n.trivia is not None:
            m.trivia = n.trivia


_NUMBER_WORDS_RX = re.compile(
    "(?:^|[\\s\u200c])(?:"
    + "|".join(sorted((re.escape(w) for w in _word_list("number_words")), key=len, reverse=True))
    + "|نخست|اول|دوم|سوم)"
)


def _may_have_number_words(s: str) -> bool:
    return bool(_NUMBER_WORDS_RX.search(s))


@dataclass(slots=True)
class _Reading:
    """What is known of one number while its mention is read, step by step."""

    kind: Kind
    trivia: str | None
    date: str | None
    end: int  # end of the figure span (the number, then its unit)
    j: int  # first token after the figure span
    unit: Unit | None = None
    unit_name: str | None = None
    drop: bool = False


@dataclass(frozen=True, slots=True)
class _Place:
    """Where the number stands among the sentence's tokens."""

    tokens: list[Token]
    before: int  # tokens[:before] precede the number
    after: int  # first token starting at or after the number's end
    c_from: int  # the clause's first token
    c_to: int  # the clause's end (exclusive)

    @property
    def prev(self) -> str:
        return self.tokens[self.before - 1].text if self.before > 0 else ""

    @property
    def prev2(self) -> str:
        return self.tokens[self.before - 2].text if self.before > 1 else ""

    @property
    def nxt(self) -> str:
        return self.tokens[self.after].text if self.after < len(self.tokens) else ""


def _mention(
    text: str,
    si: int,
    base: int,
    nm: NumberMatch,
    tokens: list[Token],
    starts: list[int],
    ends: list[int],
    cstarts: list[int],
    only_number: bool,
) -> Mention | None:
    """Read one number: kind and unit, then whether it is a figure at all, then its
    calendar sense and trivia, then qualifier, subject, period and change."""
    ns, ne = nm.start + base, nm.end + base
    first = bisect_right(ends, ns)  # first token ending after ns
    after = bisect_left(starts, ne)  # first token starting at/after ne
    if first >= len(tokens):
        return None
    place = _clause_of(tokens, cstarts, first, after)
    num_text = text[ns:ne]

    r = _grammar_kind(nm, ne, after)
    _kind_and_unit(r, place)
    _money_without_currency(r, place, nm, num_text)
    r.unit_name = _unit_name(r, text, ns)
    _not_a_figure(r, place, nm, text, ns, ne, only_number)
    _calendar(r, place, nm, num_text)
    _trivia(r, place, nm, text, ne)

    start = ns
    if nm.range is not None and place.prev in ("بین", "از") and place.before > 0:
        start = tokens[place.before - 1].start  # بین ۲ تا ۳ میلیون: the range as written
    c_from, c_to = place.c_from, place.c_to
    m = Mention(
        sentence=si,
        start=start,
        end=r.end,
        num_start=ns,
        num_end=ne,
        value=-abs(nm.value) if (nm.negative and nm.value is not None) else nm.value,
        kind=r.kind,
        range=nm.range,
        unit=r.unit_name,
        date=r.date,
        trivia=r.trivia,
        drop=r.drop,
        clause=(tokens[c_from].start, tokens[min(c_to, len(tokens)) - 1].end),
        np_end=r.end,
        score=nm.score,
    )
    if r.drop:
        return m

    before, j = place.before, r.j
    _qualifier(m, tokens, before, c_from)
    _subject(m, tokens, j, c_from, c_to, before, r.unit)
    _period(m, tokens, c_from, c_to, before, j)
    _change(m, tokens, c_from, c_to, before, j)
    return m


def _clause_of(tokens: list[Token], cstarts: list[int], first: int, after: int) -> _Place:
    """The clause the number stands in: from the clause start before it to the next one
    (never ending before the number itself)."""
    ci = bisect_right(cstarts, first) - 1
    c_from = cstarts[ci] if ci >= 0 else 0
    c_to = cstarts[ci + 1] if ci + 1 < len(cstarts) else len(tokens)
    return _Place(tokens, first, after, c_from, max(c_to, after))


def _grammar_kind(nm: NumberMatch, ne: int, after: int) -> _Reading:
    """The kind the number grammar already knows: date, time, ordinal, multiplier, percent."""
    r = _Reading(kind="count", trivia=None, date=nm.date, end=ne, j=after)
    if nm.kind in ("date", "time"):
        r.kind, r.trivia = "date", nm.kind
    elif nm.kind == "ordinal":
        r.kind, r.trivia = "ordinal", "ordinal"
    elif nm.kind == "multiplier":
        r.kind = "multiplier"
    elif nm.kind == "percent":
        r.kind = "percent"
    return r


def _kind_and_unit(r: _Reading, place: _Place) -> None:
    """The unit right after the number (``units.toml``) and the kind it gives:
    ``۵ میلیارد تومان`` money, ``۱۲ تن از …`` people, ``۳ کیلومتر`` a measure."""
    if r.kind not in ("count", "percent"):
        return
    tokens, j = place.tokens, r.j
    found = _unit_at(tokens, j, place.c_from)
    if found is None:
        return
    unit, n_tok = found
    if unit.canonical == "تن" and j + 1 < len(tokens) and tokens[j + 1].text == "از":
        unit = next(u for u in tables().units if u.canonical == "نفر")
        n_tok = 1
    if r.kind == "percent" and unit.kind != "percent":
        return
    r.unit = unit
    r.end = tokens[j + n_tok - 1].end
    r.j = j + n_tok
    if r.kind == "count":
        r.kind = unit.kind


def _money_without_currency(r: _Reading, place: _Place, nm: NumberMatch, num_text: str) -> None:
    """Money whose currency is left implicit: ``سرمایه‌گذاری ۲ میلیاردی``, a money
    head before a scaled number (``نقدینگی ۱۱۲ هزار میلیارد شد``) or a money word
    after it (``۱۰۰ میلیارد کسری بودجه``)."""
    if r.kind != "count" or r.unit is not None:
        return
    t = tables()
    tokens, before, after = place.tokens, place.before, place.after
    if _MONEY_ADJECTIVE_RX.search(num_text) and " " in num_text.strip():
        r.kind = "money"
        return
    if nm.value is None or nm.value < 1e6 or not _SCALE_WORD_RX.search(num_text):
        return
    head_before = any(
        tokens[i].text in t.money_heads for i in range(max(place.c_from, before - 6), before)
    )
    word_after = after < len(tokens) and tokens[after].text in t.money_after
    if head_before or word_after:
        r.kind = "money"


def _unit_name(r: _Reading, text: str, ns: int) -> str | None:
    if r.kind == "percent":
        return "واحد درصد" if "واحد درصد" in text[ns : r.end] else "درصد"
    return r.unit.canonical if r.unit else None


def _not_a_figure(
    r: _Reading,
    place: _Place,
    nm: NumberMatch,
    text: str,
    ns: int,
    ne: int,
    only_number: bool,
) -> None:
    """Numbers that are no figure: a page id alone on its line, a code, phone or model
    name (``سامانه ۱۱۰``، ``ماده ۱۲``، ``طرح ظفر ۲``), a bare scale word or fraction
    (``تخلف میلیاردی``، ``نیم فصل``); small numbers in words are trivia (``دو تیم``)."""
    t = tables()
    num_text = text[ns:ne]
    bare_count = r.kind == "count" and r.unit is None and nm.value is not None
    prev = place.prev
    if only_number:
        r.drop, r.trivia = True, "page_id"
    elif (
        (nm.is_code and r.unit is None)
        or _is_phone_or_code(num_text, text, ns, ne, nm)
        or (bare_count and (prev in t.code_heads or place.prev2 in _NAMED_PLANS))
        or (
            bare_count and place.prev2 in t.code_heads and re.fullmatch("[۰-۹]{4,}", num_text)
        )  # ردیف درآمدی ۲۱۰۲۱۳
        or (bare_count and _is_citation(place))
        or (r.kind == "count" and place.prev == "در" and place.prev2 == "واقع")
        or (
            bare_count
            and place.nxt == "راه"
            and nm.value in (3, 4)
            and not _DIGIT_RX.search(num_text)
        )
    ):
        r.drop, r.trivia = True, "code"  # "واقع در ۲۰۰ دستگاه"، "سه راه آذری": a place's name
    elif bare_count and (
        _is_name_number(place, nm, num_text)
        or (
            not _DIGIT_RX.search(num_text) and (prev in _LETTER_NAMES or place.nxt in _LETTER_NAMES)
        )
    ):
        r.drop, r.trivia = True, "code"  # پراید ۱۱۱، مدافعان حرم ۳، ای اف سی
    elif (
        bare_count
        and nm.value is not None
        and not _DIGIT_RX.search(num_text)
        and (abs(nm.value) < 1 or _BARE_SCALE_RX.fullmatch(num_text.strip()))
    ):
        r.drop, r.trivia = True, "word"
    elif (
        bare_count
        and nm.value is not None
        and abs(nm.value) < 10
        and not _DIGIT_RX.search(num_text)
    ):
        r.trivia = "small"


def _is_name_number(place: _Place, nm: NumberMatch, num_text: str) -> bool:
    """``پراید ۱۱۱ به …``، ``کسری بودجه ۹۹ حتی …``: a whole number right after a noun,
    with no noun after it for it to count, is part of a name, a model or a code.

    A number counts the noun after it (``پارلمان ۳۲ نماینده``); one after a head of
    a value (``رکورد ۵.۶۸``، ``امتیاز ۲۴``), a preposition or a qualifier, or before a
    predicate verb (``… ۲۴ رسید``), is a figure.
    """
    t = tables()
    v = nm.value
    if v is None or not float(v).is_integer() or nm.range is not None:
        return False
    if _SCALE_WORD_RX.search(num_text) or (1300 <= v <= 1499 or 1900 <= v <= 2100):
        return False  # a year is read as a date further on
    prev = place.prev
    if not prev or not prev[0].isalpha():
        return False
    if (
        prev in t.stop
        or prev in t.prepositions
        or prev in t.keep_heads
        or prev in t.drop_heads
        or prev in t.money_heads
        or prev in t.score_heads
        or prev in _VALUE_HEADS
        or prev in _NUMBER_WORDS
        or prev in t.period_modifiers
        or any(prev == q[0][-1] for q in t.qualifiers)
        or verb_stem(prev) is not None
        or lexicon().pos(prev) & (P | CONJ | DET | PRO)
    ):
        return False
    tokens, k = place.tokens, place.after
    if k >= len(tokens):
        return True
    nxt = tokens[k].text
    if not nxt[0].isalpha():
        return nxt not in ("-", "–", "/")
    if nxt in t.predicate_verbs or nxt in t.unit_index:
        return False
    if nxt == "بر" and k + 1 < len(tokens):
        after = tokens[k + 1].text
        if after[0].isdigit() or _is_number_word(after):
            return False  # a score: "تیم میهمان ۲ بر یک به پیروزی رسید"
    if nxt in _AFTER_NAME or nxt in t.prepositions or verb_stem(nxt) is not None:
        return True
    pos = lexicon().pos(nxt)
    if pos & ADV and not pos & CL:
        return True  # "… ۳ امشب" (a classifier that can be an adverb is counted: "۱۵ گروه")
    return (
        k + 1 < len(tokens)
        and verb_stem(tokens[k + 1].text) is not None
        and (tokens[k + 1].text[0].isalpha())
    )  # "ام‌کی ۲ توافق کرده": the word after is the verb's preverb


def _is_citation(place: _Place) -> bool:
    """``(مجلسی، ۱۴۰۳: ۶ / ۲۱۴)``، ``مومنون / ۱۰۰``، a footnote ``(۳)``: a reference."""
    prev, nxt = place.prev, place.nxt
    if prev == "/" or nxt == "/":
        return True
    if prev == "(" and nxt == ")":
        return True
    return prev == ":" and bool(re.fullmatch("[۰-۹]{4}", place.prev2))


def _calendar(r: _Reading, place: _Place, nm: NumberMatch, num_text: str) -> None:
    """Years, days of the month and clock times the grammar left as plain numbers:
    ``سال ۱۴۰۲``، ``سال مالی ۹۹``، ``۱۲ فروردین``، ``ساعت ۱۰``، ``در ۱۴۰۱ …``."""
    if r.kind != "count" or r.unit is not None or r.drop or nm.value is None:
        return
    t = tables()
    v = nm.value
    prev, nxt = place.prev, place.nxt
    if (
        prev == "سال"
        or nxt in _MONTHS
        or prev in _MONTHS
        or (place.prev2 == "سال" and prev in _YEAR_KINDS)  # سال مالی ۹۹
        or (prev in _SHORT_YEAR_HEADS and not _SCALE_WORD_RX.search(num_text))  # بودجه ۹۹
    ):
        if float(v).is_integer() and (0 < v < 100 or 1300 <= v <= 1499 or 1900 <= v <= 2100):
            r.kind, r.trivia = "date", "year"
            year = int(v) + (1300 if v < 100 else 0)
            r.date = r.date or f"{year:04d}"
        elif nxt in _MONTHS and float(v).is_integer() and 1 <= v <= 31:
            r.kind, r.trivia = "date", "day"
    elif prev == "ساعت" or prev in t.time_heads or _goal_minute(place):
        r.kind, r.trivia = "date", "time"  # ساعت ۱۰، دقیقه ۹۲، گل‌ها: طارمی (۲۴)
    elif nxt == "می" and float(v).is_integer() and 1 <= v <= 31 and _may_date(place):
        r.kind, r.trivia = "date", "day"  # روز ۱۶ می، ۸ می ۲۰۱۵: May, not «می»
    elif (
        float(v).is_integer()
        and (1300 <= v <= 1420 or 1900 <= v <= 2060)
        and re.fullmatch("[۰-۹]{4}", num_text)
        and (
            not nxt
            or not nxt[0].isalpha()
            or nxt in t.stop
            or nxt in _ERA_WORDS
            or prev in _YEAR_HEADS
            or verb_stem(nxt) is not None
            or _names_a_year(prev)
        )
    ):
        r.kind, r.trivia = "date", "year"
        r.date = r.date or f"{int(v):04d}"


_GOAL_LIST_HEADS = frozenset({"گل‌ها", "گلها", "گل", "گل‌های", "گلهای"})


def _goal_minute(place: _Place) -> bool:
    """``گل‌ها: فلاویو لوپز (۲۴)، سیدصالحی (۵۱ و ۸۷)``: in a list of the goals, a
    number in brackets after a scorer is the minute he scored in."""
    tokens, k = place.tokens, place.before
    head = [t.text for t in tokens[: min(4, k)]]
    if not any(w in _GOAL_LIST_HEADS for w in head) or ":" not in head:
        return False
    opened = max((i for i in range(k) if tokens[i].text == "("), default=-1)
    closed = max((i for i in range(k) if tokens[i].text == ")"), default=-1)
    return opened > closed


def _may_date(place: _Place) -> bool:
    """``۸ می ۲۰۱۵``، ``روز ۱۶ می``: the month May, written like the verb prefix «می»."""
    k = place.after + 1
    after = place.tokens[k].text if k < len(place.tokens) else ""
    return place.prev == "روز" or bool(re.fullmatch("[۰-۹0-9]{4}", after))


def _names_a_year(prev: str) -> bool:
    """``موتور ۲۰۱۹ مرسدس``، ``فروش ۱۳۹۸ شرکت``: a four-digit number right after a
    noun of its own (no preposition, qualifier or head of a count between) is the
    noun's year; a count stands before its noun (``۱۹۸۰ کارگر``)."""
    t = tables()
    return (
        prev[:1].isalpha()
        and prev not in t.prepositions
        and prev not in t.stop
        and prev not in t.drop_heads
        and prev not in t.keep_heads
        and prev not in t.anaphora_heads
        and not any(prev == words[-1] for words, _ in t.qualifiers)
        and verb_stem(prev) is None
    )


def _trivia(r: _Reading, place: _Place, nm: NumberMatch, text: str, ne: int) -> None:
    """Figures a reader does not need: an age (``۳۰ سال سن``), a fraction of a
    duration, a rate row (``۱۰ روپیه سریلانکا ۲,۱۵۹ ریال``), a year read as a percent
    (``در سال ۹۵ درصد بیشتری …``)."""
    unit = r.unit
    if (
        unit is not None
        and unit.kind == "duration"
        and place.tokens[r.j - 1].text in tables().age_words
    ):
        r.trivia = "age"
    elif unit is not None and unit.kind == "duration" and nm.value is not None and nm.value < 1:
        r.trivia = "fraction"
    if (
        r.kind == "money"
        and r.unit_name not in ("ریال", "تومان")
        and nm.value in (1, 10, 100, 1000)
        and _QUOTE_RX.match(text, r.end)
    ):
        r.drop, r.trivia = True, "quote"
    if r.kind == "percent" and place.prev == "سال" and nm.range is None:
        r.kind, r.trivia, r.unit_name, r.end = "date", "year", None, ne
    if r.trivia is None and not r.drop:
        r.trivia = _incidental(r, place, nm, text)


_FIFTY_FIFTY_RX = re.compile(r"(?:۵۰|50)\s*[-–]\s*(?:۵۰|50)$")
LINEUP_SIZE = 11
_LINEUP_WORDS = _word_list("lineup_words")


def _in_lineup(tokens: list[Token], place: _Place, unit: Unit | None, right: str) -> bool:
    """``ترکیب ۱۱ نفره``، ``جمع ۱۱ بازیکن ثابت``: the eleven of a team's lineup."""
    if not ((unit is not None and unit.people) or right == "بازیکن"):
        return False
    return any(
        tokens[k].text in _LINEUP_WORDS for k in range(place.c_from, min(place.c_to, len(tokens)))
    )


def _incidental(r: _Reading, place: _Place, nm: NumberMatch, text: str) -> str | None:
    """Numbers that say when, what kind or what class, not how much: a clock time
    (``۸ صبح``), a point in time (``۳ سال قبل``), an attribute of the noun before
    (``نمایشگاه ۳ روزه``), a weight class (``در وزن ۹۶ کیلوگرم``), an age group
    (``تیم زیر ۱۴ سال``), a distance to a place (``در فاصله ۳۰ کیلومتری``), a face
    value (``اسکناس ۲۰ هزار ریالی``), or the frame of every match (``۹۰ دقیقه``)."""
    tokens = place.tokens
    prev, prev2 = place.prev, place.prev2
    after = tokens[r.j].text if r.j < len(tokens) else ""
    right = tokens[place.after].text if place.after < len(tokens) else ""
    unit = r.unit
    v = nm.value
    if (
        r.kind == "count"
        and unit is None
        and right in _CLOCK_AFTER
        and v is not None
        and 0 <= v <= 24
    ):
        return "time"
    if unit is not None and unit.kind == "duration" and after in _RELATIVE_AFTER:
        return "relative"
    if unit is not None and unit.canonical in _MATCH_UNITS and after in _MATCH_PHASES:
        return "relative"  # "۲۰ دقیقه اول خوب بودیم": a stretch of the match, not a figure
    if r.kind == "count" and unit is None and right in tables().age_words:
        return "age"  # "در آستانه ۶۳ سالگی"
    if _FIFTY_FIFTY_RX.match(text, nm.start, nm.end):
        return "idiom"  # "صحنه‌های ۵۰-۵۰": a close call, not a score
    if r.kind == "count" and _top_group(tokens, place.after):
        return "label"  # "جمع ۴ تیم برتر"، "۵ لیگ برتر اروپا": a group's name, not a count
    if unit is not None and unit.canonical == "درجه" and prev in _TURN_WORDS:
        return "idiom"  # "چرخش ۱۸۰ درجه‌ای": a change of mind, not an angle
    if (
        r.kind == "count"
        and prev in tables().share_skip
        and v is not None
        and v <= 3
        and (unit is None or unit.people)
    ):
        return "reference"  # "اختلاف این دو نفر": the two named before, not a count
    if r.kind == "count" and unit is None and right in tables().set_words:
        return "attribute"  # "مناطق ۲۲ گانه", "روابط ۲ جانبه": the name of a set
    if (
        (right in _ATTRIBUTE_FORMS or tokens[r.j - 1].text in _ATTRIBUTE_FORMS)
        and prev
        and prev[0].isalpha()
        and prev not in tables().prepositions
    ):
        return "attribute"
    if (
        prev in _CLASS_HEADS
        and prev2 != "با"
        and (
            (unit is not None and unit.kind == "measure")
            or right in ("-", "+", "–")
            or (r.kind == "count" and unit is None)
        )
    ):
        return "class"  # "در وزن ۹۶ کیلوگرم"، "وزن ۱۰۰- کیلوگرم"، "در وزن ۶۰ مقابل …"
    if prev == "در" and unit is not None and unit.canonical in _CLASS_UNITS and right != "از":
        return "class"  # "در ۶۰ کیلو عباس پندسازی مقابل بیگلر بیگی مغلوب شد"
    if (
        unit is not None
        and unit.kind == "measure"
        and tokens[r.j - 1].text.endswith("ی")
        and (prev in _DISTANCE_HEADS or prev2 in _DISTANCE_HEADS)
    ):
        return "distance"  # "در فاصله ۳۰ کیلومتری کاشان": where it lies, not how much
    if (
        unit is not None
        and unit.canonical == "سال"
        and (prev in _AGE_GROUP_QUALIFIERS or (prev == "از" and prev2 in _AGE_GROUP_QUALIFIERS))
    ):
        return "age"
    if r.kind == "money" and (prev in _DENOMINATION_HEADS or prev2 in _DENOMINATION_HEADS):
        return "denomination"
    if _stock(text, place, r):
        return "stock"
    if r.kind == "count" and v == LINEUP_SIZE and _in_lineup(tokens, place, unit, right):
        return "lineup"  # "در ترکیب ۱۱ نفر قرار گرفت": the starting eleven, not a count
    if unit is not None and unit.canonical in _MATCH_UNITS and v is not None and v <= 180:
        return "minutes"  # "تمرین ۷۵ دقیقه‌ای"، "۱۰ دقیقه از بازی گذشته بود": a side detail
    return None


def _top_group(tokens: list[Token], k: int) -> bool:
    """``N <noun> برتر``: the top N of a ranking, named as a group."""
    return k + 1 < len(tokens) and tokens[k + 1].text in ("برتر", "نخست") and is_word(tokens[k])


_TURN_WORDS = frozenset({"چرخش", "تغییر", "دور", "گردش", "تغییرات", "چرخشی"})


def _stock(text: str, place: _Place, r: _Reading) -> bool:
    """``۹۰ دقیقه``، ``۳ امتیاز``: the number and its unit (or the word after) as listed."""
    tokens = place.tokens
    first = tokens[place.before].start
    span = re.sub(r"\s+", " ", text[first : r.end]).strip()
    if span in _STOCK_FIGURES:
        return True
    nxt = tokens[r.j].text if r.j < len(tokens) else ""
    nxt2 = tokens[r.j + 1].text if r.j + 1 < len(tokens) else ""
    return f"{span} {nxt}" in _STOCK_FIGURES or f"{span} {nxt} {nxt2}" in _STOCK_FIGURES


def _join_compound(text: str, base: int, m: Mention, nxt: NumberMatch, tokens: list[Token]) -> bool:
    """``۴۰ دلار و ۳۵ سنت`` / ``۲ کیلو و ۴۰۰ گرم``: one amount in the larger unit."""
    if m.unit is None or m.value is None or nxt.value is None or nxt.kind != "number":
        return False
    subs = tables().compounds.get(m.unit)
    if not subs:
        return False
    if text[m.end : nxt.start + base].strip() != "و":
        return False
    j = bisect_left([t.start for t in tokens], nxt.end + base)
    found = _unit_at(tokens, j)
    if found is None:
        return False
    unit, n_tok = found
    factor = subs.get(unit.canonical)
    if factor is None:
        return False
    m.value = m.value + nxt.value * factor
    m.end = tokens[j + n_tok - 1].end
    m.np_end = max(m.np_end, m.end)
    if m.subject is None:
        e = _np(tokens, j + n_tok, len(tokens))
        if e > j + n_tok:
            m.subject = " ".join(x.text for x in tokens[j + n_tok : e])
            m.np_end = tokens[e - 1].end
    return True


def _unit_at(tokens: list[Token], j: int, c_from: int | None = None) -> tuple[Unit, int] | None:
    """The longest unit form at token j; a unit with a ``context`` needs one of its
    words in ``tokens[c_from:j]`` (never without ``c_from``) and then wins a tie."""
    if j >= len(tokens):
        return None
    cands = tables().unit_index.get(tokens[j].text)
    if not cands:
        return None
    best: tuple[Unit, int] | None = None
    best_key = (0, False)
    for unit in cands:
        if unit.context and (
            c_from is None or not any(tokens[x].text in unit.context for x in range(c_from, j))
        ):
            continue
        for form in unit.forms:
            key = (len(form), bool(unit.context))
            if match_seq(tokens, j, form) and key > best_key:
                after = j + len(form)
                if after < len(tokens) and any(
                    _is_verb_of(tokens[after].text, v) for v in unit.not_before
                ):
                    continue  # "به برتری ۳ بر ۲ دست یافت": «دست یافت», not two sets
                best, best_key = (unit, len(form)), key
    return best


_PHONE_RX = re.compile("^[۰][۰-۹]{6,}$|^[۰-۹]{2,4}-[۰-۹]{5,}$")
_LEADING_ZERO_RX = re.compile("۰[۰-۹]+")
_MODEL_BEFORE_RX = re.compile(r"([^\s۰-۹\-]+)\s+[۰-۹]*$")


def _is_phone_or_code(num_text: str, text: str, ns: int, ne: int, nm: NumberMatch) -> bool:
    if _PHONE_RX.match(num_text.replace(" ", "")):
        return True
    left = text[max(0, ns - 1) : ns]
    right = text[ne : ne + 1]
    if (left and _LATIN_RX.match(left)) or (right and _LATIN_RX.match(right)):
        return True
    if left == "-" and ns >= 2 and text[ns - 2].isalpha():
        return True  # ام-۴، اف-۱۴: a model name
    if left == "-" or right == "-":
        # "بوئینگ ۷۶۷-۳۰۰": both halves of a model number after a maker's name.
        before = _MODEL_BEFORE_RX.search(text, max(0, ns - 40), ns if left != "-" else ns - 1)
        if before and before.group(1) in tables().code_heads:
            return True
    if _LEADING_ZERO_RX.fullmatch(num_text):
        return True  # "کد ۰۲۴": an area code, not an amount
    if nm.kind == "date":
        return False  # ۱۴۰۱/۱۲/۱۴: eight digits, but a date the grammar read
    digits = _DIGIT_RX.findall(num_text)
    return len(digits) >= 8 and not re.search("[٬,٫.]", num_text) and " " not in num_text


def _qualifier(m: Mention, tokens: list[Token], before: int, c_from: int) -> None:
    t = tables()
    for seq, name in t.qualifiers:
        i = before - len(seq)
        if i < c_from or not match_seq(tokens, i, seq):
            continue
        if name == "at_most" and seq == ("تا",) and i > 0 and has_digit(tokens[i - 1]):
            continue  # a range the grammar did not join
        m.qualifier = name
        m.qual_start = tokens[i].start
        return


def noun_phrase_end(tokens: list[Token], j: int, limit: int, max_len: int = 3) -> int:
    """End index (exclusive) of the noun phrase starting at token ``j`` (``j`` if none)."""
    return _np(tokens, j, limit, max_len)


def _np(tokens: list[Token], j: int, limit: int, max_len: int = 3) -> int:
    """End index (exclusive) of the noun phrase starting at token ``j``."""
    t = tables()
    lex = lexicon()
    k = j
    while k < limit and k - j < max_len:
        tok = tokens[k]
        w = tok.text
        if not is_word(tok) or has_digit(tok):
            break
        if w in t.stop or (k == j and w in lex.stopwords and w not in _COUNTED_STOPWORDS):
            break  # hazm's stopwords hold some nouns a number counts (۳ بخش، ۲۰ افراد)
        if _is_number_word(w):
            break
        if verb_stem(w) is not None and not (k == j and w in t.counted_stems):
            break  # "۵ باخت": after a bare number, the stem is the noun it counts
        pos = lex.pos(w)
        if pos and not pos & (N | AJ):
            break
        if pos & (P | CONJ | PRO | DET) and not pos & N and k > j:
            break
        if k + 1 < len(tokens) and is_light_verb(tokens[k + 1]) and k > j:
            break
        # "۵ نفر دستگیر شدند": a preverb, not a counted noun.
        if (
            k + 1 < len(tokens)
            and is_light_verb(tokens[k + 1])
            and (w in _action_nouns() or w in t.not_events)
        ):
            break
        if w in _preverbs() or w in t.increase or w in t.decrease or w.endswith("ترین"):
            break
        k += 1
    while k > j and tokens[k - 1].text in t.state_heads:
        k -= 1  # "کارگران ساختمانی تحت": a phrase never ends on its preposition
    return k


@cache
def _preverbs() -> frozenset[str]:
    return frozenset(load_toml("phrases.toml").get("bullets", {}).get("preverbs", []))


@cache
def _action_nouns() -> frozenset[str]:
    return frozenset(load_toml("phrases.toml").get("bullets", {}).get("action_nouns", []))


_NUMBER_WORDS = _word_list("number_words")


def _is_number_word(w: str) -> bool:
    return w in _NUMBER_WORDS or bool(lexicon().pos(w) == NUM)


def _subject(
    m: Mention,
    tokens: list[Token],
    j: int,
    c_from: int,
    c_to: int,
    before: int,
    unit: Unit | None,
) -> None:
    """What the number counts, prices or changes, tried in this order:

    1. the noun phrase after it (``۴۲ هزار گروه``، ``۸۴ نفر نیروی انسانی``، ``۲۰ درصد
       پزشکان``) or a partitive (``۱۲ تن از نمایندگان``، ``۳۲۰ دستگاه از این اتوبوس‌ها``);
    2. for money, the thing valued (``قرارداد به ارزش N``) or paid for (``N برای X``);
    3. a head noun before it that names the quantity (``تعداد مبتلایان به N رسید``،
       ``قیمت مسکن ... N درصد افزایش یافت``);
    4. the holder of a share (``حزب X با N درصد``);
    5. the clause's subject when the number is its predicate or change
       (``صادرات ... N درصد افزایش یافت``، ``X به N رسید``، ``X N است``);
    6. for people without a noun, the event they take part in (``۱۷ نفر را دستگیر کردند``);
    7. in a results row (``فینیکس ۱۰۷ – نیویورک ۱۲۰``), the team or player it scores for.
    """
    if m.kind in ("date", "ordinal"):
        return
    if m.kind == "count" and unit is None and _list_mark(m, tokens, j, before == c_from):
        m.drop, m.trivia = True, "list"  # ۱- علی رضایی ۲- …: a list's numbering
        return
    if m.kind == "count" and unit is None and _in_calculation(tokens, before, j):
        m.drop, m.trivia = True, "list"  # "۱۶ x۱.۵ = ۲۴": a row of a points table
        return
    limit = min(len(tokens), max(c_to, j))
    if m.kind == "count" and unit is None and _is_score(m, tokens, j, before):
        m.subject = _score_head(tokens, j, before, c_from)  # با نتیجه ۳ بر یک
        return
    subject: str | None = None
    np_end = j
    if m.kind in ("count", "money") and _adjectival(tokens, j, before):
        subject = _noun_before(tokens, before, c_from)  # ورزشگاه ۱۵ هزار نفری، بنزین ۳۵۰۰ تومانی
    elif m.kind == "percent" and _adjectival(tokens, j, before):
        subject = _unchanged_noun_before(tokens, before, c_from)  # تخفیف ۱۰ درصدی
    times = m.kind == "count" and _times_at(tokens, j, unit)
    if times:
        k = j + 1 if unit is None else j
        subject = _times_event(tokens, k, limit)  # ۳ بار قهرمان شد
    if subject is None and not times:
        subject, np_end = _counted_after(m, tokens, j, limit, unit)
    if subject is None and not times and m.kind == "money":
        past = _past_brackets(tokens, j, len(tokens))
        if past is not None:  # "۱.۵ میلیارد دلار (۱.۳ میلیارد یورو) بودجه": the clause goes on
            subject, _ = _counted_after(m, tokens, past, len(tokens), unit)
    surface: str | None = None
    if subject is not None and " " not in subject:
        subject, surface = _qualified_before(tokens, before, subject)
    if subject is None and m.kind in ("count", "money", "percent", "measure"):
        wide = m.kind in ("count", "money", "percent")
        money = m.kind == "money"
        subject = (
            (_list_item(tokens, before) if wide else None)
            or (_changed_after(m, tokens, before, j, limit) if m.kind == "percent" else None)
            or (
                _changed_object(m, tokens, before, j, c_from, limit)
                if m.kind == "percent"
                else None
            )
            or (_valued_past_qualifier(m, tokens, before, c_from) if money else None)
            or (_paid_for(tokens, j, limit) if wide and m.kind == "money" else None)
            or (_transfer_fee(tokens, _before_qualifier(m, tokens, before), j) if money else None)
            or _head_before(tokens, before, c_from)
            or (_holder(tokens, before, c_from) if wide and not money else None)
            or (_event_before(tokens, before, c_from) if _counts_people(m, unit) else None)
            or (_presence_before(m, tokens, before, c_from) if _counts_people(m, unit) else None)
            or (_event_phrase(tokens, j, limit) if wide and _counts_people(m, unit) else None)
            or (_event(tokens, j, limit) if wide and _counts_people(m, unit) else None)
            or (_clause_subject(m, tokens, j, limit, before, c_from) if wide else None)
            or (_change_named_after(tokens, j, limit) if m.kind == "percent" else None)
            or (_fronted_partitive(m, tokens, before, c_from) if wide and not money else None)
            or (_payment_before(m, tokens, before, c_from) if money else None)
            or (_payment_after(tokens, j, limit) if money else None)
            or (_money_head_before(tokens, _before_qualifier(m, tokens, before)) if money else None)
            or (_row_holder(tokens, j, before, c_from) if m.kind == "count" else None)
            or (_label_before(tokens, before) if wide else None)
            or (_dashed_row_label(tokens, before, c_from, j, limit) if wide else None)
            or (_classified_before(tokens, before, c_from, unit) if m.kind == "count" else None)
            or (
                _action_before(tokens, _before_qualifier(m, tokens, before))
                if m.kind == "count" and unit is not None
                else None
            )
        )
    if subject is not None and len(subject.strip()) > 1:  # "۲۷ x ۱": a sign, not a noun
        m.subject = subject
        m.subject_surface = surface
    if np_end > j:
        m.np_end = max(m.np_end, tokens[np_end - 1].end)


MAX_BRACKET_TOKENS = 14


def _past_brackets(tokens: list[Token], j: int, limit: int) -> int | None:
    """The token after a bracketed aside that opens at ``j`` (a conversion, ``(۹۱
    میلیون پوند / ۱۰۲ میلیون یورو)``), or None when none opens there."""
    if j >= limit or tokens[j].text != "(":
        return None
    for k in range(j + 1, min(limit, j + MAX_BRACKET_TOKENS)):
        if tokens[k].text == ")":
            return k + 1 if k + 1 < limit else None
        if tokens[k].text in ("(", ".", "؛", ":"):
            return None
    return None


def _identifiers(out: list[Mention], first: int, tokens: list[Token], starts: list[int]) -> None:
    """Numbers of a sentence that name or date rather than count, left without a
    subject by the steps before: a formation (``سیستم ۴-۳-۳``), a rank (``رده ۳۳``),
    a year (``یورو ۲۰۱۲``), and a number
    joined by ``و``/``یا`` to a date, time or code next to it (``دهه ۵۰ و ۶۰``،
    ``دقایق ۶۷ و ۶۹``، ``روز ۱۲ یا ۱۳ شهریور``). A score (``پیروزی ۲-۱``) stays a
    figure, of kind ``score``: the lead of a match report gives it."""
    mine = out[first:]
    by_token: dict[int, Mention] = {}
    for m in mine:
        for k in range(bisect_left(starts, m.num_start), bisect_left(starts, m.end)):
            by_token[k] = m
    for m in mine:
        if m.drop or m.kind != "count" or m.unit is not None:
            continue
        before = bisect_left(starts, m.num_start)
        j = bisect_left(starts, m.end)
        if before >= len(tokens) or j <= before:
            continue  # a number inside a token: nothing to read around it
        if m.range is not None and _year_range(tokens, before, m.range):
            m.kind, m.trivia, m.subject = "date", "year", None  # سال تحصیلی ۹۴-۹۳
            continue
        if _stoppage_time(tokens, before, j):
            m.kind, m.trivia, m.subject = "date", "time", None  # (۴+۹۰): a minute
            continue
        if _in_formation(tokens, before, j):
            m.drop, m.trivia, m.subject = True, "formation", None
            continue
        if m.score is not None or _is_score(m, tokens, j, before):
            # a side of a match result counts nothing of its own: a figure of kind
            # score, with no subject (the lead of a match report gives it)
            m.kind, m.subject = "score", None
            continue
        prev = tokens[before - 1].text if before > 0 else ""
        if prev in _RANK_HEADS and m.range is None:
            m.drop, m.trivia, m.subject = True, "rank", None  # رده ۱۴ جدول
            continue
        if m.subject is not None or m.qualifier is not None:
            continue
        v = m.value
        if (
            v is not None
            and m.range is None
            and (1990 <= v <= 2035 or 1370 <= v <= 1410)
            and re.fullmatch("[۰-۹]{4}", tokens[before].text)
        ):
            m.kind, m.trivia, m.date = "date", "year", f"{int(v):04d}"
            continue
        kin = _joined_number(by_token, tokens, before, j)
        if kin is not None:
            if kin.kind == "date":
                m.kind, m.trivia = "date", kin.trivia
            else:
                m.drop, m.trivia = True, kin.trivia


def _stoppage_time(tokens: list[Token], before: int, j: int) -> bool:
    """``(۴+۹۰)``، ``۹۰+۳``: a minute of stoppage time."""
    frames = ("۹۰", "۴۵", "۱۲۰")
    plus_before = before >= 2 and tokens[before - 1].text == "+" and has_digit(tokens[before - 2])
    plus_after = j + 1 < len(tokens) and tokens[j].text == "+" and has_digit(tokens[j + 1])
    if tokens[before].text in frames and (plus_before or plus_after):
        return True  # the ۹۰ of ۴+۹۰
    return (plus_before and tokens[before - 2].text in frames) or (
        plus_after and tokens[j + 1].text in frames
    )


def _year_range(tokens: list[Token], before: int, rng: tuple[float, float]) -> bool:
    """``سال تحصیلی ۹۴-۹۳``، ``سال ۱۴۰۱-۱۴۰۲``: two years a range of a school or fiscal
    year spans."""
    prev = tokens[before - 1].text if before > 0 else ""
    prev2 = tokens[before - 2].text if before > 1 else ""
    if not (prev == "سال" or (prev2 == "سال" and prev in _YEAR_KINDS)):
        return False
    lo, hi = rng
    return hi - lo == 1 and (hi < 100 or 1300 <= lo <= 1499 or 1900 <= lo <= 2100)


def _joined_number(
    by_token: dict[int, Mention], tokens: list[Token], before: int, j: int
) -> Mention | None:
    """The date, time or code joined to the bare number at ``before`` by ``و``/``یا``/``،``:
    the number before the connective, or the one after it."""
    links = ("و", "یا", "،", ",")
    cands = []
    if before >= 2 and tokens[before - 1].text in links:
        cands.append(by_token.get(before - 2))
    if j + 1 < len(tokens) and tokens[j].text in links:
        cands.append(by_token.get(j + 1))
    for kin in cands:
        if kin is None or kin.unit is not None:
            continue
        if kin.kind == "date" and kin.trivia in ("day", "date", "time", "year"):
            return kin
        if kin.drop and kin.trivia == "code":
            return kin
    return None


def _in_formation(tokens: list[Token], before: int, j: int) -> bool:
    """``۴-۳-۳``، ``۴-۲-۳-۱``: three or more one-digit numbers joined by dashes."""
    dash = ("-", "–")
    lo, hi = before, j - 1
    while lo >= 2 and tokens[lo - 1].text in dash and has_digit(tokens[lo - 2]):
        lo -= 2
    while hi + 2 < len(tokens) and tokens[hi + 1].text in dash and has_digit(tokens[hi + 2]):
        hi += 2
    chain = [x.text for x in tokens[lo : hi + 1]]
    numbers = [x for x in chain if x not in dash]
    return len(numbers) >= 3 and all(len(x) == 1 and _DIGIT_RX.match(x) for x in numbers)


def _times_at(tokens: list[Token], j: int, unit: Unit | None) -> bool:
    """``۵ بار``، ``دو نوبت``، ``۳ مرتبه``: the number says how often."""
    if unit is not None:
        return unit.canonical in _TIMES_WORDS
    return j < len(tokens) and tokens[j].text in _TIMES_WORDS


def _times_event(tokens: list[Token], k: int, limit: int) -> str | None:
    """What happened that often: a verbal noun right after ``بار`` (``۵ بار قهرمانی``),
    else the verb that ends the clause with its preverb (``۳ بار قهرمان شد`` -> قهرمانی،
    ``۱۴ بار بازی کرد`` -> بازی، ``۱۰ بار به میدان رفت`` -> به میدان رفتن), else the
    noun after ``بار`` when it is no object (``۲ بار حمله داشتند``)."""
    if k >= limit or not is_word(tokens[k]) or has_digit(tokens[k]):
        return None
    w = tokens[k].text
    if w in _TIMES_EVENTS:
        return _TIMES_EVENTS[w]  # ۵ بار قهرمان لیگ شد
    noun = _times_noun(tokens, k, limit)
    if noun is not None and (
        (w.endswith("ی") and w not in _TIMES_NOT_NOUNS)
        or _event_noun(w) is not None
        or w in _action_nouns()
    ):
        return noun  # ۳ بار قهرمانی، ۲ بار حضور در فینال
    found, event = _times_verb(tokens, k, limit, noun)
    if found:
        return event
    pos = lexicon().pos(w)
    return noun if noun is not None and pos & N and not pos & ADV else None


def _times_noun(tokens: list[Token], k: int, limit: int) -> str | None:
    """The noun phrase right after ``بار``, unless it is the object of the verb (``را``)."""
    t = tables()
    w = tokens[k].text
    if w in t.stop or w in _TIMES_NOT_NOUNS or verb_stem(w) is not None:
        return None
    e = _np(tokens, k, limit, max_len=2)
    if e == k or any(tokens[x].text == "را" for x in range(e, min(limit, e + 3))):
        return None
    return _words(tokens, k, e)


def _times_verb(
    tokens: list[Token], k: int, limit: int, noun: str | None
) -> tuple[bool, str | None]:
    """The event of the verb ending the clause after ``N بار`` (see :func:`_times_event`):
    whether a verb was found, and the event it names."""
    t = tables()
    for v in range(k, min(limit, k + 10)):
        tok = tokens[v]
        if not is_word(tok) or has_digit(tok):
            return False, None
        w = tok.text
        stem = verb_stem(w)
        if stem is None and w.endswith("ه") and (w[:-1] in _TIMES_VERBS):
            stem = w[:-1]  # گل زده
        if stem is None:
            continue
        light = stem in t.light_verbs or stem in _TIMES_VERBS
        if not light:
            if stem in t.not_events:
                return True, None
            inf = stem + "ن" if stem in lexicon().past else None
            if inf is not None and v == k:
                return True, inf  # ۲ بار باخت
            if inf is not None and v - 2 >= k and tokens[v - 2].text in t.prepositions:
                pre = tokens[v - 1]
                if is_word(pre) and pre.text not in t.stop and verb_stem(pre.text) is None:
                    return True, f"{tokens[v - 2].text} {pre.text} {inf}"  # به میدان رفتن
            return True, None
        if stem in ("داشت", "دار") and noun is not None:
            return True, noun  # ۲ بار حمله جدی داشتند
        return True, _light_event(tokens, k, v, stem)
    return False, None


def _light_event(tokens: list[Token], k: int, v: int, stem: str) -> str | None:
    """The event of a light verb at ``v``: its preverb (``بازی کرد`` -> بازی، ``قهرمان شد``
    -> قهرمانی، ``وارد زمین شد`` -> ورود، ``کرنر ارسال کرد`` -> ارسال کرنر، ``شوت زنی
    کردند`` -> شوت زنی، ``باز کرد`` -> باز کردن)."""
    t = tables()
    lex = lexicon()
    if v <= k:
        return None
    for x in (v - 1, v - 2):
        if x >= k and tokens[x].text in _TIMES_EVENTS:
            return _TIMES_EVENTS[tokens[x].text]
    x = v - 2
    if x >= k and tokens[x].text in _PREVERB_EVENTS:
        return _event_noun(tokens[x].text)  # وارد زمین شد
    pre = tokens[v - 1]
    w = pre.text
    if (
        not is_word(pre)
        or has_digit(pre)
        or w in t.stop
        or w in t.prepositions
        or verb_stem(w) is not None
        or (w.endswith("ه") and lex.pos(w) & AJ)
    ):
        return None  # دروازه را گشوده است
    before = tokens[v - 2].text if v - 2 >= k else ""
    if w in _COMPOUND_TAILS and before and before not in t.stop and is_word(tokens[v - 2]):
        return f"{before} {w}"  # شوت زنی
    event = _event_noun(w)
    if event is not None:
        s = _np_before(tokens, v - 1, k, max_len=2)
        if s < v - 1 and tokens[v - 2].text != "را":
            return f"{event} {_words(tokens, s, v - 1)}"  # ارسال کرنر
        return event
    pos = lex.pos(w)
    if (pos & N and not (w in lex.stopwords and pos & AJ)) or (not pos and w.endswith("ی")):
        return w  # بازی کرد، پاس دادند، موفق به گلزنی شد
    inf = _INFINITIVE_OF.get(stem)
    return f"{w} {inf}" if inf else None  # باز کردن


@cache
def _event_nouns() -> dict[str, str]:
    return dict(load_toml("phrases.toml").get("bullets", {}).get("event_nouns", {}))


def _event_noun(word: str) -> str | None:
    return _event_nouns().get(word)


def _before_qualifier(m: Mention, tokens: list[Token], before: int) -> int:
    """Where the figure's qualifier starts (``با اعتباری بالغ بر N``), else ``before``."""
    if m.qualifier is None or m.qual_start is None:
        return before
    i = before
    while i > 0 and tokens[i - 1].start >= m.qual_start:
        i -= 1
    return i


def _valued_past_qualifier(m: Mention, tokens: list[Token], before: int, c_from: int) -> str | None:
    """:func:`_valued` before the qualifier: ``۳ پروژه با اعتباری بالغ بر N`` names the
    projects; without a number of items before, the head of value (``اعتبار``)."""
    b = _before_qualifier(m, tokens, before)
    found = _valued(tokens, b, c_from)
    if found is None or b == before:
        return found
    n = len(found.split())
    seq = next((x for x in tables().valued_by if match_seq(tokens, b - len(x), x)), None)
    k = b - (len(seq) if seq else 0) - n
    if k > 0 and (has_digit(tokens[k - 1]) or _is_number_word(tokens[k - 1].text)):
        return found
    return None  # the head of value is named by the next step


def _transfer_fee(tokens: list[Token], before: int, j: int) -> str | None:
    """``با رقمی نزدیک N یورو رئال را ترک و راهی چلسی شد``، ``با N پوند به منچستر
    پیوست``: the money a player moved for is his transfer."""
    k = before - 1
    while k >= 0 and tokens[k].text in _FEE_WORDS:
        k -= 1
    if k == before - 1 and not (k >= 0 and tokens[k].text in ("با", "ازای")):
        return None
    if k < 0 or tokens[k].text not in ("با", "ازای", "به"):
        return None
    window = range(max(0, before - 8), min(len(tokens), j + 10))
    if any(tokens[x].text in _TRANSFER_WORDS for x in window):
        return _TRANSFER
    return None


def _money_head_before(tokens: list[Token], before: int) -> str | None:
    """``اعتباری بالغ بر N``، ``پاداش برد برزیل N دلار``: money named by a head of money
    (``اعتبار``، ``پاداش``) opening the noun phrase right before it."""
    t = tables()
    k = _np_before(tokens, before, max(0, before - 4), max_len=3)
    if k == before and before > 0 and is_word(tokens[before - 1]):
        k = before - 1  # درآمدی ۱۲۰ میلیون دلار: tagged an adjective
    for i in range(k, before):
        w = tokens[i].text
        head = w[:-1] if w.endswith("ی") and w[:-1] in t.money_heads else w
        if head in t.money_heads or head in t.payments:
            return " ".join([head, *(x.text for x in tokens[i + 1 : before])])
    return None


def _conversions(out: list[Mention], first: int, tokens: list[Token], starts: list[int]) -> None:
    """``۲۴ میلیون ریال (تقریبا ۱۷۰ میلیارد تومان)``، ``۱۲۰ میلیون دلار (۹۱ میلیون پوند /
    ۱۰۲ میلیون یورو)``: the same money in another currency has the same subject; so has
    the same count said exactly (``۳ میلیون نفر (۲ میلیون و ۹۲۰ هزار نفر)``)."""
    mine = out[first:]
    for i in range(1, len(mine)):
        m, ant = mine[i], mine[i - 1]
        if m.subject or m.drop or m.kind != ant.kind or not ant.subject:
            continue
        if m.kind != "money" and (m.kind != "count" or m.unit is None or m.unit != ant.unit):
            continue
        b = bisect_left(starts, m.qual_start if m.qual_start is not None else m.num_start)
        a = bisect_left(starts, ant.end)
        between = [x.text for x in tokens[a:b]]
        if between in (["("], ["/"], ["،", "("], ["یعنی"], ["معادل"]):
            m.subject = ant.subject


def _list_item(tokens: list[Token], before: int) -> str | None:
    """``X ۶۴ درصد، Y ۶۱ درصد و Z ۹۴ درصد کاهش یافت``: an item of a list after the first,
    named by its own noun between the figure before and this one (``… و تعداد قربانیان
    نیز ۳۰ درصد``: past its «نیز»)."""
    end = before - 1 if before > 0 and tokens[before - 1].text in ("نیز", "هم") else before
    t = tables()
    k = _np_before(tokens, end, max(0, end - 4), max_len=3)
    if 0 < k < end and (tokens[k - 1].text in t.drop_heads or tokens[k - 1].text in t.keep_heads):
        k -= 1  # "و تعداد قربانیان": the head that names the quantity
    if k == end or k < 2 or tokens[k - 1].text not in ("،", ",", "و", "؛"):
        return None
    prev = k - 2
    if (tokens[prev].text not in t.unit_index and tokens[prev].text not in _PERCENT_WORDS) or (
        prev == 0
    ):
        return None  # کمپس ۲۰ و کاکیتانی ۴۵: minutes of a match, no list of figures
    if not (has_digit(tokens[prev - 1]) or _is_number_word(tokens[prev - 1].text)):
        return None
    if tokens[k].text in t.not_partitive:
        return None  # استان ۷۶۵ دلار و کشور ۴۷۴ دلار: the head before names both
    return _words(tokens, k, end)


def _back_references(
    out: list[Mention], first: int, tokens: list[Token], starts: list[int]
) -> None:
    """A change percent whose clause names no subject of its own changes the figure
    before it: ``X ... N ریال بود که ۳۸ درصد رشد داشت``، ``X به N رسید. این رقم ...
    ۲۰ درصد رشد دارد``. The relative clause takes the last figure of its sentence,
    the back-reference the last figure of this or the sentence before."""
    t = tables()
    for idx in range(first, len(out)):
        m = out[idx]
        if m.subject or m.drop or m.kind != "percent" or m.trivia is not None:
            continue
        before = bisect_left(starts, m.num_start)
        c_from = bisect_left(starts, m.clause[0])
        c_to = bisect_right(starts, m.clause[1])
        words = [tokens[i].text for i in range(c_from, before)]
        relative = bool(words) and words[0] == "که"
        back = any(
            words[i] in t.share_skip and words[i + 1] in t.anaphora_heads
            for i in range(len(words) - 1)
        )
        if not (relative or back):
            continue
        if m.change is None and not any(
            tokens[i].text in t.change_nouns for i in range(before, min(c_to, len(tokens)))
        ):
            continue
        earlier = [
            x
            for x in out[:idx]
            if not x.drop and x.trivia is None and x.kind not in ("date", "ordinal")
        ]
        if not earlier:
            continue
        ant = earlier[-1]
        if relative and (ant.sentence != m.sentence or ant.clause[1] > m.clause[0]):
            continue
        if back and ant.sentence < m.sentence - 1:
            continue
        if ant.subject and ant.kind in ("count", "money", "measure"):
            m.subject = ant.subject


def _list_mark(m: Mention, tokens: list[Token], j: int, opens: bool = False) -> bool:
    """``۱- علی رضایی``، ``(۶۳- میلاد …)``: a whole number with a dash glued to it and
    a word after, the mark of an item in a list, not a figure. A number that opens its
    line is one even before a unit word (``۴-سال ۸۴-۸۳: فولاد``)."""
    if m.value is None or not float(m.value).is_integer() or m.range is not None:
        return False
    if opens and not any(is_word(t) for t in tokens[j:]):
        return True  # "چهار. امام صادق(ع) …": the number of a paragraph, alone
    if opens and m.value <= MAX_PARAGRAPH_NUMBER and j < len(tokens) and tokens[j].text == "در":
        return True  # "۷ در سال ۱۳۸۲ به حکم …": a numbered paragraph of a profile
    if j + 1 >= len(tokens) or tokens[j].text not in ("-", "–"):
        return False
    if tokens[j].start != m.num_end and not opens:
        return False  # "۱ - متاسفانه …" opens its line; "۳ - ۱" in a sentence is a score
    nxt = tokens[j + 1]
    return (
        is_word(nxt)
        and not has_digit(nxt)
        and ((opens and nxt.start == tokens[j].end) or nxt.text not in tables().unit_index)
    )


MAX_PARAGRAPH_NUMBER = 30
_TIMES_SIGNS = ("x", "×", "X")


def _in_calculation(tokens: list[Token], before: int, j: int) -> bool:
    """``۱۶ x۱.۵ = ۲۴``: a factor or a product in a worked sum, not a count."""
    nxt = tokens[j].text if j < len(tokens) else ""
    prev = tokens[before - 1].text if before > 0 else ""
    return nxt.startswith(_TIMES_SIGNS) or nxt == "=" or prev == "=" or prev.endswith(_TIMES_SIGNS)


def _words(tokens: list[Token], a: int, b: int) -> str:
    return " ".join(x.text for x in tokens[a:b] if x.text)


def _counted_after(
    m: Mention, tokens: list[Token], j: int, limit: int, unit: Unit | None
) -> tuple[str | None, int]:
    """The noun phrase right after the figure, or the partitive ``از X`` after it."""
    if unit is not None and unit.people:
        k = -1
        if j < len(tokens) and tokens[j].text == "از":
            k = j + 1
        elif tokens[j - 1].text == "از":
            k = j
        if k >= 0:
            e = _np(tokens, k, limit)
            if e > k:
                return _words(tokens, k, e), e
            return None, j
        e = _np(tokens, j, limit)  # ۸۴ نفر نیروی انسانی
        if e > j:
            return _words(tokens, j, e), e
        return None, j
    if m.kind == "percent":
        return _share_of(tokens, j, limit)
    if unit is None or unit.kind == "count" or unit.kind == "money":
        e = _np(tokens, j, limit)
        if e > j:
            return _words(tokens, j, e), e
        if m.kind == "count" and unit is not None:
            return _partitive(tokens, j, limit)  # ۳۲۰ دستگاه از این اتوبوس‌ها
        return None, j
    if unit.kind == "measure":
        e = _np(tokens, j, limit, max_len=2)
        if e > j:
            return _words(tokens, j, e), e
    return None, j


def _share_of(tokens: list[Token], j: int, limit: int) -> tuple[str | None, int]:
    """What a percent is a share or change of: ``۶۵ درصد کل فروش``، ``۲۰ درصد
    پزشکان``، ``افزایش ۱۲ درصدی قیمت``، ``۸۵ درصد این پروژه‌ها``، ``۴۰ درصد از X``."""
    t = tables()
    k = j
    if k < limit and tokens[k].text in t.whole_words:
        e = _np(tokens, k + 1, limit, max_len=3)
        if e > k + 1:
            return _words(tokens, k, e), e  # ۶۵ درصد کل فروش
    while k < limit and tokens[k].text in t.share_skip:
        k += 1  # ۸۵ درصد این پروژه‌ها
    e = _np(tokens, k, limit, max_len=3)
    if e > k:
        return _words(tokens, k, e), e
    return _partitive(tokens, j, limit)  # ۴۰ درصد از سیب‌زمینی تولیدی


def _partitive(tokens: list[Token], j: int, limit: int) -> tuple[str | None, int]:
    """``از (این) X`` after the figure, X a group the number is part of."""
    if j >= limit or tokens[j].text != "از":
        return None, j
    k = j + 1
    while k < limit and tokens[k].text in tables().partitive_skip:
        k += 1
    if k < limit and tokens[k].text in tables().not_partitive:
        return None, j  # ۲۱۰ هزار نفر از کل کشور: where from, not which of
    e = _np(tokens, k, limit)
    if e > k:
        return _words(tokens, k, e), e
    return None, j


def _qualified_before(tokens: list[Token], before: int, subject: str) -> tuple[str, str | None]:
    """A bare noun the sentence qualified before (گروه‌های جهادی ... ۴۲ هزار گروه)."""
    t = tables()
    for i in range(before - 1, max(-1, before - 40), -1):
        w = tokens[i].text
        if w in (subject + "\u200cها", subject + "\u200cهای", subject + "های", subject + "ها"):
            if i + 1 < before:
                adj = tokens[i + 1]
                pos = lexicon().pos(adj.text)
                if (
                    is_word(adj)
                    and adj.text not in t.stop
                    and verb_stem(adj.text) is None
                    and (pos & AJ or (not pos and adj.text.endswith("ی")))
                ):
                    return subject + " " + adj.text, w + " " + adj.text
            break
    return subject, None


def _head_before(tokens: list[Token], before: int, c_from: int) -> str | None:
    """Predicate: تعداد مبتلایان به ۲۵۰ نفر رسید / حجم آب موجود ... به N رسید. A head
    in a phrase that opens the clause up to a comma is not it (``بر اساس آمار رسمی …،
    تعداد قربانیان …``)."""
    t = tables()
    start = c_from
    while start < before and tokens[start].text in t.prepositions:
        comma = _phrase_comma(tokens, start, before)
        if comma is None:
            break
        start = comma + 1
    for i in range(start, before):
        w = tokens[i].text
        if (w in t.drop_heads or w in t.keep_heads) and (
            i == 0 or tokens[i - 1].text not in ("طور", "بطور", "به‌طور")
        ):
            last = i
            while last + 1 < before and tokens[last + 1].text in t.keep_heads:
                last += 1  # نرخ تورم، متوسط قیمت
            e = _np(tokens, last + 1, before)
            if w in t.keep_heads:
                if e <= last:
                    return _words(tokens, i, last + 1)
                return _words(tokens, i, e)
            if e > last + 1:
                return _words(tokens, last + 1, e)
            return None
    return None


def _np_before(tokens: list[Token], end: int, lo: int, max_len: int = 3) -> int:
    """Start index of the noun phrase ending just before token ``end`` (``end`` if none)."""
    t = tables()
    lex = lexicon()
    k = end
    while k > lo and end - k < max_len:
        tok = tokens[k - 1]
        w = tok.text
        if not is_word(tok) or has_digit(tok) or w in t.stop or w in lex.stopwords:
            break
        if _is_number_word(w) or verb_stem(w) is not None or w in _preverbs():
            break
        pos = lex.pos(w)
        if pos and not pos & (N | AJ):
            break
        k -= 1
    while k < end and (lex.pos(tokens[k].text) & AJ) and not lex.pos(tokens[k].text) & N:
        k += 1  # a phrase never opens with an adjective
    return k


def _valued(tokens: list[Token], before: int, c_from: int) -> str | None:
    """``قرارداد خرید به ارزش N``، ``۳ پروژه با اعتبار N``: the thing valued."""
    for seq in tables().valued_by:
        i = before - len(seq)
        if i <= c_from or not match_seq(tokens, i, seq):
            continue
        k = _np_before(tokens, i, c_from)
        if k < i and k - 1 > c_from and tokens[k - 1].text in ("به", "در", "از"):
            k2 = _np_before(tokens, k - 1, c_from)
            if k2 < k - 1:
                k = k2  # گازرسانی به روستای آبدر با اعتبار N
        if k < i:
            return _words(tokens, k, i)
        return None
    return None


def _paid_for(tokens: list[Token], j: int, limit: int) -> str | None:
    """``N میلیارد تومان برای X``: what the money is for."""
    for k in range(j, min(limit, j + 4)):
        w = tokens[k].text
        if w in tables().paid_for:
            s = k + 1
            while s < limit and tokens[s].text in tables().partitive_skip:
                s += 1
            e = _np(tokens, s, limit)
            return _words(tokens, s, e) if e > s else None
        if has_digit(tokens[k]) or not is_word(tokens[k]) or verb_stem(w) is not None:
            return None
    return None


def _holder(tokens: list[Token], before: int, c_from: int) -> str | None:
    """``حزب X با N درصد``: the holder of the share."""
    i = before - 1
    if i <= c_from or tokens[i].text != "با":
        return None
    k = _np_before(tokens, i, c_from)
    return _words(tokens, k, i) if k < i else None


def _clause_subject(
    m: Mention, tokens: list[Token], j: int, limit: int, before: int, c_from: int
) -> str | None:
    """The clause's subject when the figure is its predicate or its change: the first
    noun phrase of the clause that is not inside a prepositional phrase."""
    change_at = _change_noun_before(tokens, before, c_from)
    if change_at is not None:
        # صادرات ... با افتی ۲۵ درصدی: the clause runs on over the change noun
        start = c_from if c_from < change_at else _clause_start(tokens, change_at)
        return _first_np(tokens, start, change_at)
    if not _is_predicate(m, tokens, j, limit, before):
        return None
    own = _first_np(tokens, c_from, before)
    if own is None and tokens[c_from].text == "که":
        return _antecedent(tokens, c_from)  # صنعت شوینده که ۴۳۰ میلیارد ریال می‌باشد
    return own


def _antecedent(tokens: list[Token], that: int) -> str | None:
    """The noun phrase a relative clause opened by ``که`` at ``that`` tells of, with the
    prepositional phrase that closes it (``بدهی عراق به کویت که …``)."""
    lo = max(0, that - 8)
    k = _np_before(tokens, that, lo)
    if k == that:
        return None
    if k - 1 > lo and tokens[k - 1].text in ("به", "از", "در"):
        k2 = _np_before(tokens, k - 1, lo)
        if k2 < k - 1:
            k = k2
    return _words(tokens, k, that)


def _first_np(tokens: list[Token], k: int, end: int) -> str | None:
    """The first noun phrase in ``tokens[k:end]`` outside a prepositional phrase, or
    None when the clause opens with a back-reference (``این رقم``)."""
    t = tables()
    after_prep = False
    k = _past_attribution(tokens, k, end)
    while k < end:
        w = tokens[k].text
        if (
            not is_word(tokens[k])
            or has_digit(tokens[k])
            or w in t.clause_skip
            or w in t.unit_index
        ):
            k += 1
            after_prep = False
            continue
        if w == "که" and k > 0 and verb_stem(tokens[k - 1].text) is not None:
            k += 1  # "اعلام کرد که تردد …": what was said opens after its «که»
            continue
        if w in t.prepositions:
            comma = _phrase_comma(tokens, k, end)
            if comma is not None:
                k, after_prep = comma + 1, False  # "بر اساس آمار رسمی وزارت بهداشت، …"
                continue
            e = k + 1
            while (
                e < min(end, k + 3)
                and tokens[e].text in t.stop
                and tokens[e].text not in (t.prepositions)
            ):
                e += 1  # نسبت به مدت مشابه …
            pp_end = _np(tokens, e, end, max_len=4)
            # "در شبانه روز گذشته تردد …": a word that closes a time ends the phrase
            reach = max(pp_end, min(end, e + 3))
            pp_end = next((x + 1 for x in range(e, reach) if tokens[x].text in _TIME_ENDS), pp_end)
            k = max(pp_end, e)
            after_prep = True
            continue
        if w in t.share_skip and k + 1 < end and tokens[k + 1].text in t.anaphora_heads:
            return None  # این رقم ... ۲۰ درصد رشد دارد: what came before
        if w in t.whole_words:
            e = _np(tokens, k + 1, end)
            if e > k + 1:
                return _words(tokens, k, e)  # کل صادرات چین
        e = _np(tokens, k, end)
        if e > k:
            return _words(tokens, k, e)
        if after_prep and (w in t.stop or w in t.period_modifiers) and w not in t.share_skip:
            k += 1  # در شبانه روز گذشته تردد …: a time word ends the phrase
            continue
        return None
    return None


MAX_PHRASE_TO_COMMA = 12


def _phrase_comma(tokens: list[Token], k: int, end: int) -> int | None:
    """The comma that closes a prepositional phrase opening at ``k`` (``بر اساس آمار
    رسمی وزارت بهداشت، …``، ``در پنج ماه اول سال ۸۷، …``): no verb before it."""
    for x in range(k + 1, min(end, k + MAX_PHRASE_TO_COMMA)):
        if tokens[x].text in ("،", ","):
            return x
        if is_verb_token(tokens[x]) and not _is_change_noun(tokens[x].text):
            return None
    return None


def _past_attribution(tokens: list[Token], k: int, end: int) -> int:
    """Past a source the clause opens with, up to its comma (``به گزارش خبرگزاری … ،``
    ``به نقل از …،``)."""
    opens = (("به", "گزارش"), ("به", "نقل"), ("به", "گفته"))
    if not any(match_seq(tokens, k, seq) for seq in opens):
        return k
    for x in range(k + 2, end):
        if tokens[x].text in ("،", ","):
            return x + 1
    return k


def _clause_start(tokens: list[Token], i: int) -> int:
    """The first token of the clause token ``i`` stands in."""
    return max(x for x in clause_bounds(tokens) if x <= i)


def _change_noun_before(tokens: list[Token], before: int, c_from: int) -> int | None:
    """``با افتی ۶ درصدی``، ``رشد ۲۰ درصدی داشت``: the index of a change noun right
    before the figure that the clause's subject underwent; None after a preposition
    (``از رشد ۲۰ درصدی X خبر داد``، ``با اشاره به افزایش …``: X follows)."""
    t = tables()
    i = before - 1
    if i < 0:
        return None
    w = tokens[i].text
    stem = w[:-1] if w.endswith("ی") else w
    if w not in t.change_nouns and stem not in t.change_nouns:
        return None
    prev = tokens[i - 1].text if i > 0 else ""
    if prev in t.prepositions and prev != "با":
        return None
    if prev == "با" and i > 1 and tokens[i - 2].text in t.prepositions:
        return None
    return i


def _is_predicate(m: Mention, tokens: list[Token], j: int, limit: int, before: int) -> bool:
    """The figure is what the clause says of its subject: a change (``N درصد افزایش
    یافت``), a predicate (``به N رسید``، ``N است``) or a comparison, maybe after a
    period (``۲۰ درصد در سال جاری کاهش یافت``)."""
    t = tables()
    k = j
    steps = 0
    while k < min(limit, len(tokens)) and steps < 3:
        w = tokens[k].text
        if w in t.increase or w in t.decrease or w in t.predicate_verbs:
            return True
        if verb_stem(w) in t.predicate_stems:
            return True
        if has_digit(tokens[k]) and k > 0 and tokens[k - 1].text in _YEAR_HEADS:
            k += 1  # "در سال ۸۷ افزایش یافت": the year of the period phrase
            continue
        if not is_word(tokens[k]) or has_digit(tokens[k]):
            return False
        if w in t.period_prep_starts:
            e = _period_phrase_end(tokens, k)
            if e > k:
                k = e
                continue
        if w == "نسبت" and k + 1 < len(tokens) and tokens[k + 1].text == "به":
            closed = _comparison_end(tokens, k + 2, limit)
            if closed is not None:
                k = closed  # ۶۳ درصد نسبت به مدت مشابه سال قبل افت داشته است
                continue
        k += 1
        steps += 1
    return False


_YEAR_HEADS = frozenset({"سال", "سالهای", "سال‌های"})
MAX_COMPARISON_TOKENS = 7


def _comparison_end(tokens: list[Token], k: int, limit: int) -> int | None:
    """The change word that closes ``نسبت به …`` opened before ``k``: the phrase is
    words only, at most ``MAX_COMPARISON_TOKENS`` long; None if no change ends it."""
    t = tables()
    for x in range(k, min(limit, len(tokens), k + MAX_COMPARISON_TOKENS)):
        w = tokens[x].text
        if w in t.increase or w in t.decrease or w in t.change_nouns:
            return x
        if not is_word(tokens[x]) or has_digit(tokens[x]) or is_verb_token(tokens[x]):
            return None
    return None


def _period_phrase_end(tokens: list[Token], i: int) -> int:
    """End of a named period phrase at ``i`` (``در سال جاری میلادی``), ``i`` if none."""
    t = tables()
    for prep in t.period_preps:
        if not match_seq(tokens, i, prep):
            continue
        k = i + len(prep)
        head = next((h for h in t.period_heads if match_seq(tokens, k, h)), None)
        if head is None:
            return i
        e = k + len(head)
        while e < len(tokens) and e - k < len(head) + 3 and tokens[e].text in t.period_modifiers:
            e += 1
        return e
    return i


_INFINITIVES = frozenset({"شدن", "کردن", "دادن", "یافتن", "گرفتن", "نمودن", "گردیدن"})


def _event_before(tokens: list[Token], before: int, c_from: int) -> str | None:
    """``کشته شدن ۳ نفر``: the event named by the infinitive before the count."""
    i = before - 1
    if i - 1 >= c_from and tokens[i].text in _INFINITIVES and is_word(tokens[i - 1]):
        return tokens[i - 1].text + " " + tokens[i].text
    return None


def _adjectival(tokens: list[Token], j: int, before: int) -> bool:
    """The figure modifies the noun before it: ``۱۵ هزار نفری``، ``۳۵۰۰ تومانی``."""
    last = tokens[j - 1].text if j > before else ""
    return last.endswith("ی") and (
        last[:-1] in tables().unit_index or last[:-1] in ("میلیارد", "میلیون", "تریلیون")
    )  # ضمانت ۲۰ میلیاردی


def _presence_before(m: Mention, tokens: list[Token], before: int, c_from: int) -> str | None:
    """``با شرکت بیش از ۴۵۰ نفر``، ``با حضور ۳۰۰ نفر``: how the people counted took part;
    ``با مرگ ۷۶ نفر``، ``ابتلای ۱۱۹۴ نفر``: what happened to them."""
    i = _before_qualifier(m, tokens, before) - 1
    if i < c_from:
        return None
    w = tokens[i].text
    if w in _PRESENCE_WORDS:
        return w
    if w in _PEOPLE_EVENTS:
        return w[:-1] if w.endswith("ای") else w  # ابتلای → ابتلا
    return None


def _event_phrase(tokens: list[Token], j: int, limit: int) -> str | None:
    """``۳۷ هزار نفر در آمریکا بر اثر ابتلا به کرونا جان خود را از دست داده‌اند``: an
    event phrase of :data:`_PEOPLE_EVENT_PHRASES` anywhere later in the clause,
    before a relative «که» or the next count of a list (``و ۴۶ نفر``)."""
    for k in range(j, limit):
        w = tokens[k].text
        if w == "که" or (
            k > j and _is_number_token(tokens[k]) and tokens[k - 1].text in ("و", "،")
        ):
            return None
        for words, event in _PEOPLE_EVENT_PHRASES:
            n = len(words)
            if k + n > limit or (n > 1 and w != words[0]):
                continue
            if match_seq(tokens, k, words[:-1]) and _is_verb_of(tokens[k + n - 1].text, words[-1]):
                return event
    return None


def _is_verb_of(word: str, stem: str) -> bool:
    """``داده‌اند`` is a form of ``داد``; a word that is no verb matches itself."""
    if word == stem or verb_stem(word) == stem:
        return True
    return word.startswith(stem) and word[len(stem) :] in _PAST_ENDINGS  # درگذشته‌اند


_PAST_ENDINGS = frozenset({"ند", "ه", "ه‌اند", "ه‌است", "ه‌ایم", "یم", "ید", "م", "ی"})


def _payment_before(m: Mention, tokens: list[Token], before: int, c_from: int) -> str | None:
    """``با پرداخت ۳ میلیون یورو``، ``اختصاص حدود ۱۰ میلیارد تومان``: the payment the
    money is, named by the noun right before it (or before its qualifier)."""
    i = before - 1
    while i >= c_from and m.qual_start is not None and tokens[i].start >= m.qual_start:
        i -= 1
    if i < c_from:
        return None
    w = tokens[i].text
    return w if w in tables().payments else None


def _changed_after(m: Mention, tokens: list[Token], before: int, j: int, limit: int) -> str | None:
    """``رشد پنج‌درصدی تعداد کارگاه‌ها``، ``افزایش ۲۰ درصدی قیمت نان``: what changed,
    the noun phrase after a percent adjective that follows a change noun."""
    if j > len(tokens) or not tokens[j - 1].text.endswith("درصدی"):
        return None
    b = _before_qualifier(m, tokens, before)
    if b == 0 or tokens[b - 1].text not in tables().change_nouns:
        return None
    k = j
    while k < limit and tokens[k].text in tables().drop_heads:
        k += 1  # "تعداد کارگاه‌ها": the things counted
    end = _np(tokens, k, limit)
    if end == k < limit and is_word(tokens[k]) and verb_stem(tokens[k].text) == tokens[k].text:
        end = max(k + 1, _np(tokens, k + 1, limit))  # "رشد ۱۵ درصدی کاشت سیب‌زمینی": a noun
    return _words(tokens, k, end) if end > k else None


_HAVE_OR_SHOW = frozenset({"داشت", "دار", "نشان"})


def _change_named_after(tokens: list[Token], j: int, limit: int) -> str | None:
    """``۱۰ درصد افزایش قیمت داشتیم``، ``۵.۶ درصد افزایش تردد را نشان می‌دهد``: a
    change noun after the percent, the noun phrase after it what changed, then a verb of
    having or showing."""
    t = tables()
    if j >= limit or tokens[j].text not in t.change_nouns:
        return None
    end = _np(tokens, j + 1, limit)
    if end == j + 1:
        return None
    k = end + 1 if end < limit and tokens[end].text == "را" else end
    verb = tokens[k].text if k < limit else ""
    if verb in _HAVE_OR_SHOW or verb_stem(verb) in _HAVE_OR_SHOW:
        return _words(tokens, j + 1, end)
    return None


MAX_FRONTED_PARTITIVE = 6


def _fronted_partitive(m: Mention, tokens: list[Token], before: int, c_from: int) -> str | None:
    """``از مطالبات این فصل بیش از ۹۰ درصد را پرداخت کرده‌ایم``: a clause that opens on
    «از X» right before the figure counts part of X."""
    t = tables()
    b = _before_qualifier(m, tokens, before)
    k = c_from
    while k < b and tokens[k].text in t.clause_skip:
        k += 1
    if k >= b or tokens[k].text != "از" or not 2 <= b - k <= MAX_FRONTED_PARTITIVE + 1:
        return None
    e = b - 1 if tokens[b - 1].text in ("،", ",") else b
    words = tokens[k + 1 : e]
    if not words or any(
        not is_word(x) or has_digit(x) or is_verb_token(x) or x.text in t.prepositions
        for x in words
    ):
        return None
    if words[0].text in t.stop or words[0].text in t.not_partitive or words[0].text in _TIME_POINTS:
        return None
    return _words(tokens, k + 1, e)


def _changed_object(
    m: Mention, tokens: list[Token], before: int, j: int, c_from: int, limit: int
) -> str | None:
    """``افزایش حقوق بازنشستگان را از کف ۲۲ درصد تا سقف ۵۷ درصد افزایش داده``: a change
    percent whose clause names what changed as the object before «را»."""
    t = tables()
    if m.change is None and not any(tokens[k].text in t.change_nouns for k in range(j, limit)):
        return None
    ra = next((k for k in range(before - 1, c_from - 1, -1) if tokens[k].text == "را"), None)
    if ra is None:
        return None
    k = _np_before(tokens, ra, c_from)
    while k < ra and tokens[k].text in t.change_nouns:
        k += 1  # "افزایش حقوق …": what rose, not the rise
    return _words(tokens, k, ra) if k < ra else None


def _payment_after(tokens: list[Token], j: int, limit: int) -> str | None:
    """``۱۰۰ هزار دلار از صنعت نفت دریافت کرده است``، ``N یورو به حساب او پرداخت
    کردیم``: the payment the money is, named by the noun of the verb after it in its
    clause (no other number, ``که`` or clause mark between)."""
    pay = tables().payments
    for k in range(j, min(limit, j + 10)):
        tok = tokens[k]
        if not is_word(tok) or has_digit(tok) or tok.text in ("که", "یا", "اما", "ولی"):
            return None
        w = tok.text
        if k + 2 < len(tokens) and f"{w}\u200c{tokens[k + 1].text}" in pay:
            w, k = f"{w}\u200c{tokens[k + 1].text}", k + 1  # "سرمایه گذاری کرد"
        if w in pay and k + 1 < len(tokens) and is_light_verb(tokens[k + 1]):
            return w
        if w in _DEBT_WORDS and k + 1 < len(tokens) and is_verb_token(tokens[k + 1]):
            return w  # ۵۸۰ هزار دلار به کالدرون بدهکار است
        paid = _MONEY_VERBS.get(verb_stem(w) or (w[:-1] if w.endswith("ه") else ""))
        if paid is not None and paid in _TAKEN and not _taken_from(tokens, j, k):
            return None  # "در نظر گرفته شد": a verb of its own, not money taken
        if paid is not None:
            return paid  # ۱۶۰ میلیارد تومان به کمیته امداد پرداخته‌ایم
    return None


_TAKEN = frozenset({"دریافت"})


def _taken_from(tokens: list[Token], j: int, k: int) -> bool:
    """Money before ``گرفت`` at ``k`` is taken when someone it was taken from stands
    between (``از وزارت گرفتند``) or the verb follows the amount or its modal."""
    return (
        k == j
        or tokens[k - 1].text in ("باید", "نباید")
        or any(tokens[x].text == "از" for x in range(j, k))
    )


_MONEY_VERBS: dict[str, str] = dict(
    load_toml("phrases.toml").get("subject", {}).get("money_verbs", {})
)


_DEBT_WORDS = frozenset(load_toml("phrases.toml").get("subject", {}).get("debt_words", []))


def _noun_before(tokens: list[Token], before: int, c_from: int) -> str | None:
    k = _np_before(tokens, before, c_from, max_len=2)
    lex = lexicon()
    if k < before - 1 and not lex.pos(tokens[k].text) and lex.pos(tokens[before - 1].text) & N:
        k = before - 1  # مهدی پیشنهاد ۵ میلیاردی دارد: a name, then the noun
    return _words(tokens, k, before) if k < before else None


def _unchanged_noun_before(tokens: list[Token], before: int, c_from: int) -> str | None:
    """``تخفیف ۱۰ درصدی``، ``دقت ۷۴ درصدی``: the noun a percent describes; not a change
    noun (``افزایش ۲۰ درصدی قیمت``: what rose comes after)."""
    if any(_is_change_noun(tokens[k].text) for k in range(max(c_from, before - 2), before)):
        return None  # "افزایش متوسط ۳۰ درصدی حقوق": a change, what changed follows
    if before <= c_from or not is_word(tokens[before - 1]):
        return None
    return tokens[before - 1].text  # "شاهد مشارکت ۵۰ درصدی": the noun, not the phrase


def _label_before(tokens: list[Token], before: int) -> str | None:
    """``احتمال پیروزی آرسنال: ۲۱ درصد``، ``تماشاگر: پنج هزار نفر``: a row of a list whose
    label, before its colon, names the figure."""
    if before < 2 or tokens[before - 1].text != ":":
        return None
    k = before - 1
    while k > 0 and before - 1 - k < 4:
        tok = tokens[k - 1]
        if not is_word(tok) or has_digit(tok) or is_verb_token(tok) or tok.text in ("و", "که"):
            break
        k -= 1
    return _words(tokens, k, before - 1) if k < before - 1 else None


_ROW_MARKS = frozenset({"-", "–", "—", "*", "•"})
MAX_LABEL_WORDS = 5


def _dashed_row_label(
    tokens: list[Token], before: int, c_from: int, j: int, limit: int
) -> str | None:
    """``- کسب عنوان سوم ۲۰۰۰ دلار``: a row of a list, marked by its dash and ending on
    its figure, whose words before the figure name it."""
    if before - c_from < 2 or tokens[c_from].text not in _ROW_MARKS:
        return None
    if any(is_word(t) for t in tokens[j:limit]):
        return None  # "- پلاک خودروهای ۸۰ تا ۸۲ … تعویض می‌شود": a headline, not a row
    label = tokens[c_from + 1 : before]
    if len(label) > MAX_LABEL_WORDS or any(
        not is_word(t) or has_digit(t) or is_verb_token(t) for t in label
    ):
        return None
    return _words(tokens, c_from + 1, before)


def _action_before(tokens: list[Token], before: int) -> str | None:
    """``با شناسایی ۱۱۳۴ مورد جدید``، ``اشتغال‌زایی مستقیم ۱۵۰ نفر``، ``اشتغال‌زایی برای ۲۳
    نفر``: what a classifier alone counts is named by the act before it, past one
    adjective or «برای»."""
    k = before - 1
    if k > 0 and (tokens[k].text == "برای" or lexicon().pos(tokens[k].text) & AJ):
        k -= 1
    if k < 0 or tokens[k].text not in _action_nouns():
        return None
    return tokens[k].text


def _row_holder(tokens: list[Token], j: int, before: int, c_from: int) -> str | None:
    """A results row, ``فینیکس ۱۰۷ – نیویورک ۱۲۰``: the name before each score."""
    dash = ("-", "–", "—")
    nxt = tokens[j].text if j < len(tokens) else ""
    in_row = nxt in dash or (
        nxt in ("", "(", ".") and any(tokens[x].text in dash for x in range(c_from, before))
    )
    if not in_row or before <= c_from or (j < len(tokens) and tokens[j].start == tokens[j - 1].end):
        return None  # ۱- سنندج ۲- مریوان: a list, not a results row
    k = _np_before(tokens, before, c_from, max_len=4)
    return _words(tokens, k, before) if k < before else None


def _classified_before(
    tokens: list[Token], before: int, c_from: int, unit: Unit | None
) -> str | None:
    """``تانکر ۱۴ دستگاه``، ``آتل ۱۲۰،``: an inventory line, the item before the count."""
    nxt_is_list = False
    if unit is None:
        e = before
        while e < len(tokens) and has_digit(tokens[e]):
            e += 1
        nxt_is_list = e < len(tokens) and tokens[e].text in ("،", ",", "؛")
    if not ((unit is not None and unit.kind == "count" and not unit.people) or nxt_is_list):
        return None
    k = _np_before(tokens, before, c_from, max_len=2)
    if k < before and (k == c_from or not is_word(tokens[k - 1]) or tokens[k - 1].text == "و"):
        return _words(tokens, k, before)
    return None


def _score_head(tokens: list[Token], j: int, before: int, c_from: int) -> str | None:
    """``با نتیجه ۱۸ بر ۱۳``: a score named by the word before it."""
    for i in range(before - 1, max(c_from, before - 6) - 1, -1):
        if tokens[i].text in tables().score_heads:
            return tokens[i].text
    return None


def _is_number_token(tok: Token) -> bool:
    return has_digit(tok) or _is_number_word(tok.text) or tok.text in ("صفر", "یک")


def _is_score(m: Mention, tokens: list[Token], j: int, before: int) -> bool:
    """``۳ بر یک``، ``سه بر صفر``، ``۲-۱``: a score, not a count."""
    if m.score is not None:
        return True
    if j + 1 < len(tokens) and tokens[j].text == "بر" and _is_number_token(tokens[j + 1]):
        return True
    if before >= 2 and tokens[before - 1].text == "بر" and _is_number_token(tokens[before - 2]):
        return True
    if m.range is not None and m.unit is None:
        inner = [x.text for x in tokens[before:j]]
        if "-" not in inner and "–" not in inner:
            return False
        if any(tokens[i].text in tables().score_words for i in range(max(0, before - 6), before)):
            return True  # با برتری ۳-۲
        nxt = tokens[j].text if j < len(tokens) else ""
        return not (lexicon().pos(nxt) & N)  # ۷-۸ بازیکن: a range of a count
    return False


def _counts_people(m: Mention, unit: Unit | None) -> bool:
    return m.kind == "count" and unit is not None and unit.people


_MODALS = frozenset({"توان", "توانست", "بای", "باید", "نباید"})


def _event(tokens: list[Token], j: int, limit: int) -> str | None:
    """``۱۷ نفر را ... دستگیر کردند``، ``۱۵ نفر کشته و ۴۶ نفر زخمی شدند``: what the
    people counted took part in, the noun or participle before the verb."""
    t = tables()
    for k in range(j, min(limit, j + 8)):
        tok = tokens[k]
        w = tok.text
        if not is_word(tok) or has_digit(tok) or w in ("و", "که", "یا"):
            return None
        if (verb_stem(w) or "") in _MODALS or w in _MODALS:
            continue  # "۲۰ نفر می‌توانند در این طرح شرکت کنند": the event follows
        if w in t.not_events or (verb_stem(w) or "") in t.not_events:
            return None
        if w in NOT_PEOPLE_EVENTS:
            return None  # "… با شرکت ۴۵۰ نفر برگزار کرد": the people were not held
        if w in t.state_heads and k + 1 < limit and is_word(tokens[k + 1]):
            return f"{w} {tokens[k + 1].text}"  # "… نفر تحت پوشش بیمه قرار گرفتند"
        if w in t.stop or w in lexicon().stopwords:
            continue
        if w in t.predicate_verbs or verb_stem(w) in t.predicate_stems:
            return None  # کشته‌شدگان به ۵۰ نفر رسید: a predicate, not an event
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and is_light_verb(nxt):
            return w
        if _is_participle(w) or w in _preverbs() or w in _action_nouns():
            return w
        stem = verb_stem(w)
        if stem is not None:
            return w
    return None


def _period(m: Mention, tokens: list[Token], c_from: int, c_to: int, before: int, j: int) -> None:
    t = tables()
    best: tuple[int, str, tuple[int, int] | None] | None = None  # distance, name, span
    for i in range(c_from, min(c_to, len(tokens))):
        w = tokens[i].text
        dist = abs(i - before) if i < before else abs(i - j)
        if w in t.period_words:
            cand = (dist + 2, t.period_words[w], None)
            if best is None or cand[0] < best[0]:
                best = cand
            continue
        if w not in t.period_prep_starts:
            continue
        for prep in t.period_preps:
            if not match_seq(tokens, i, prep):
                continue
            k = i + len(prep)
            if k < len(tokens) and tokens[k].text == "هر":
                k += 1
            head = next((h for h in t.period_heads if match_seq(tokens, k, h)), None)
            if (
                head is None
                and k + 1 < len(tokens)
                and (has_digit(tokens[k]) or tokens[k].text in _NUMBER_WORDS)
                and tokens[k + 1].text in _TIME_UNITS
            ):
                head = (tokens[k].text, tokens[k + 1].text)  # در ۲۴ ساعت گذشته
            if head is None:
                break
            e = k + len(head)
            mods = e
            if head[-1] in ("سال", "ماه") and e < len(tokens) and has_digit(tokens[e]):
                mods = e + 1  # در سال ۱۴۰۲
            while mods < len(tokens) and mods - e < 3 and tokens[mods].text in t.period_modifiers:
                mods += 1
            if mods == e and has_digit(tokens[k]) and head[-1] not in ("ماهه",):
                break  # "در ۳ سال": a duration, not a named period
            if mods > e:
                name = " ".join(x.text for x in tokens[k:mods])
                span = (tokens[i].start, tokens[mods - 1].end)
            elif len(head) == 1 and head[0] in t.period_per:
                name = t.period_per[head[0]]
                span = (tokens[i].start, tokens[e - 1].end)
            else:
                break
            if tokens[i].start <= m.num_start < tokens[mods - 1 if mods > e else e - 1].end:
                m.trivia = m.trivia or "period"
                break
            if best is None or dist < best[0]:
                best = (dist, name, span)
            break
    if best is not None:
        m.period = best[1]
        m.period_span = best[2]


def _change(m: Mention, tokens: list[Token], c_from: int, c_to: int, before: int, j: int) -> None:
    t = tables()
    if m.kind in ("date", "ordinal", "duration"):
        return
    lo = max(c_from, before - 2 - (1 if m.qualifier else 0))
    hi = min(c_to, j + 3, len(tokens))
    qual_tokens = set()
    if m.qualifier and m.qual_start is not None:
        qual_tokens = {i for i in range(lo, before) if tokens[i].start >= m.qual_start}
    for i in range(lo, hi):
        if i in qual_tokens or (before <= i < j and tokens[i].end <= m.end):
            continue
        w = tokens[i].text
        if w in t.increase:
            m.change = "increase"
            return
        if w in t.decrease:
            m.change = "decrease"
            return
        if w.endswith(("افزایش", "رشد")):
            continue
