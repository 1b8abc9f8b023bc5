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

from summarizer.lexicon import AJ, CONJ, DET, NUM, PRO, N, P, lexicon, load_toml, verb_stem
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


@dataclass(frozen=True, slots=True)
class Unit:
    canonical: str
    kind: Kind
    forms: tuple[tuple[str, ...], ...]
    people: bool = False
    context: frozenset[str] = frozenset()  # words one of which must come before


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
    light_verbs: frozenset[str]
    compounds: dict[str, dict[str, float]]
    money_heads: frozenset[str]
    money_after: frozenset[str]
    period_prep_starts: frozenset[str]


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
        light_verbs=frozenset(bullets.get("light_verbs", [])),
        money_heads=frozenset(subj.get("money_heads", [])),
        money_after=frozenset(u.get("implicit_money", {}).get("after", [])),
        period_prep_starts=frozenset(p.split()[0] for p in periods.get("prepositions", [])),
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


def _is_participle(word: str) -> bool:
    return word.endswith("ه") and verb_stem(word) == word[:-1]


def _match_seq(tokens: list[Token], i: int, seq: tuple[str, ...]) -> bool:
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
        for ni, nm in enumerate(numbers):
            if ni == skip:
                continue
            m = _mention(text, si, a, nm, tokens, starts, ends, cstarts, only_number)
            if m is None:
                continue
            if ni + 1 < len(numbers) and _join_compound(text, a, m, numbers[ni + 1], tokens):
                skip = ni + 1
            out.append(m)
    return out


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
    ):
        r.drop, r.trivia = True, "code"
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
    ):
        if float(v).is_integer() and (0 < v < 100 or 1300 <= v <= 1499 or 1900 <= v <= 2100):
            r.kind, r.trivia = "date", "year"
            year = int(v) + (1300 if v < 100 else 0)
            r.date = r.date or f"{year:04d}"
        elif nxt in _MONTHS and float(v).is_integer() and 1 <= v <= 31:
            r.kind, r.trivia = "date", "day"
    elif prev == "ساعت":
        r.kind, r.trivia = "date", "time"
    elif (
        float(v).is_integer()
        and (1300 <= v <= 1420 or 1950 <= v <= 2060)
        and re.fullmatch("[۰-۹]{4}", num_text)
        and (
            not nxt
            or not nxt[0].isalpha()
            or nxt in t.stop
            or nxt in _ERA_WORDS
            or prev in _YEAR_HEADS
            or verb_stem(nxt) is not None
        )
    ):
        r.kind, r.trivia = "date", "year"
        r.date = r.date or f"{int(v):04d}"


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
            if _match_seq(tokens, j, form) and key > best_key:
                best, best_key = (unit, len(form)), key
    return best


_PHONE_RX = re.compile("^[۰][۰-۹]{6,}$|^[۰-۹]{2,4}-[۰-۹]{5,}$")


def _is_phone_or_code(num_text: str, text: str, ns: int, ne: int, nm: NumberMatch) -> bool:
    if _PHONE_RX.match(num_text.replace(" ", "")):
        return True
    left = text[max(0, ns - 1) : ns]
    right = text[ne : ne + 1]
    if (left and _LATIN_RX.match(left)) or (right and _LATIN_RX.match(right)):
        return True
    if left == "-" and ns >= 2 and text[ns - 2].isalpha():
        return True  # ام-۴، اف-۱۴: a model name
    if nm.kind == "date":
        return False  # ۱۴۰۱/۱۲/۱۴: eight digits, but a date the grammar read
    digits = _DIGIT_RX.findall(num_text)
    return len(digits) >= 8 and not re.search("[٬,٫.]", num_text) and " " not in num_text


def _qualifier(m: Mention, tokens: list[Token], before: int, c_from: int) -> None:
    t = tables()
    for seq, name in t.qualifiers:
        i = before - len(seq)
        if i < c_from or not _match_seq(tokens, i, seq):
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
        if w in t.stop or (k == j and w in lex.stopwords):
            break
        if _is_number_word(w):
            break
        if verb_stem(w) is not None:
            break
        pos = lex.pos(w)
        if pos and not pos & (N | AJ):
            break
        if pos & (P | CONJ | PRO | DET) and not pos & N and k > j:
            break
        if k + 1 < len(tokens) and is_light_verb(tokens[k + 1]) and k > j:
            break
        # "۵ نفر دستگیر شدند": a preverb, not a counted noun.
        if k + 1 < len(tokens) and is_light_verb(tokens[k + 1]) and w in _action_nouns():
            break
        if w in _preverbs() or w in t.increase or w in t.decrease or w.endswith("ترین"):
            break
        k += 1
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
    t = tables()
    limit = min(len(tokens), max(c_to, j))
    subject: str | None = None
    np_end = j
    if m.kind in ("date", "ordinal"):
        return
    # Partitive: ۱۲ تن از نمایندگان / ۵ نفر از کارکنان.
    if unit is not None and unit.people:
        k = -1
        if j < len(tokens) and tokens[j].text == "از":
            k = j + 1
        elif tokens[j - 1].text == "از":
            k = j
        if k >= 0:
            e = _np(tokens, k, limit)
            if e > k:
                subject = " ".join(x.text for x in tokens[k:e])
                np_end = e
    elif unit is None or unit.kind == "count" or unit.kind == "money":
        e = _np(tokens, j, limit)
        if e > j:
            subject = " ".join(x.text for x in tokens[j:e])
            np_end = e
    elif unit.kind in ("measure", "percent") and m.kind != "percent":
        e = _np(tokens, j, limit, max_len=2)
        if e > j:
            subject = " ".join(x.text for x in tokens[j:e])
            np_end = e
    elif m.kind == "percent":
        e = _np(tokens, j, limit, max_len=3)
        if e > j and tokens[j - 1].text.endswith("درصدی"):
            subject = " ".join(x.text for x in tokens[j:e])
            np_end = e
    surface: str | None = None
    # A bare noun the sentence qualified before (گروه‌های جهادی ... ۴۲ هزار گروه).
    if subject is not None and " " not in subject:
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
                        surface = w + " " + adj.text
                        subject = subject + " " + adj.text
                break
    # Predicate: تعداد مبتلایان به ۲۵۰ نفر رسید / حجم آب موجود ... به N رسید.
    if subject is None and m.kind in ("count", "money", "percent", "measure"):
        for i in range(c_from, before):
            w = tokens[i].text
            if (w in t.drop_heads or w in t.keep_heads) and (
                i == 0 or tokens[i - 1].text not in ("طور", "بطور", "به‌طور")
            ):
                last = i
                while last + 1 < before and tokens[last + 1].text in t.keep_heads:
                    last += 1  # نرخ تورم، متوسط قیمت
                e = _np(tokens, last + 1, before)
                if w in t.keep_heads:
                    subject = " ".join(x.text for x in tokens[i:e] if x.text)
                    if e <= last:
                        subject = " ".join(x.text for x in tokens[i : last + 1])
                elif e > last + 1:
                    subject = " ".join(x.text for x in tokens[last + 1 : e])
                break
    if subject is not None:
        m.subject = subject
        m.subject_surface = surface
    if np_end > j:
        m.np_end = max(m.np_end, tokens[np_end - 1].end)


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
            if not _match_seq(tokens, i, prep):
                continue
            k = i + len(prep)
            if k < len(tokens) and tokens[k].text == "هر":
                k += 1
            head = next((h for h in t.period_heads if _match_seq(tokens, k, h)), None)
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
