"""Whether a bullet is a statement a reader can repeat, and bullets built from figure records.

A bullet stands alone when it is one complete clause (a finite verb, with
what it says about the figure) or a headline-style phrase headed by a verbal
noun (``تولید روزانه بیش از ۱۷ میلیون ماسک``), opens with neither a connector
nor a reporting frame, ends on nothing that wants more after it, reads as no
table or score row, and fits :data:`MAX_CHARS`. :func:`is_complete` is that
test; :func:`compose` writes a headline-style bullet from a figure's record
(event, qualifier, value, unit, subject, period, change) when no clause of the
text makes one. The word lists are in ``data/phrases.toml`` (``[statements]``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from summarizer.figures import match_seq, tables
from summarizer.lexicon import AJ, N, is_leg, lexicon, load_toml, verb_stem
from summarizer.sentences import Token, tokenize

MAX_CHARS = 160

#: A report frame opening a sentence: ``به گزارش خبرنگار ما،``، ``بر اساس این گزارش،``.
REPORT_FRAME_RX = re.compile(
    r"^(?:و\s+)?(?:به\s+گزارش|به\s+گفته|به\s+نقل\s+از|(?:بر\s*اساس|بر\s*پایه|طبق)\s+[^،,:]{0,80}?"
    r"(?:گزارش|آمار|اعلام|اطلاعات|داده‌های)|(?:بر\s*اساس|بر\s*پایه|طبق)\s+(?:این|همین)\s+گزارش)"
    r"[^،,:]{0,160}?[،,:]\s*"
)
ZWNJ = "\u200c"

_NUMBER_RX = re.compile(r"[0-9۰-۹]+(?:[٬,٫.][0-9۰-۹]+)*")
_SCORE_RX = re.compile(r"[0-9۰-۹]+\s*[-–/:]\s*[0-9۰-۹]+")
_TIME_ROW_RX = re.compile(r"ساعت\s*:?\s*[0-9۰-۹]")
_SPEECH_COLON_RX = re.compile(
    r"(?:گفت|افزود|کرد|داشت|داد|نمود|شد|ساخت)\s*:"
    r"|(?:گفت|افزود|اظهار\s+کرد|تصریح\s+کرد|خاطرنشان\s+کرد|بیان\s+کرد|می‌افزاید|می‌گوید)\s+که\s"
)
_AUX = frozenset(
    {"است", "اند", "بود", "بودند", "باشد", "باشند", "شد", "شدند", "شده", "شود", "می‌شود"}
)
# "‌ای" is left out: "طراحی شده‌ای" is far more often "a … designed" than "you have designed".
_PARTICIPLE_ENDINGS = (ZWNJ + "است", ZWNJ + "اند", ZWNJ + "ایم")


@dataclass(frozen=True, slots=True)
class Words:
    bad_openers: frozenset[str]
    bad_opening_phrases: tuple[str, ...]
    dangling_ends: frozenset[str]
    inner_frames: tuple[str, ...]
    event_nouns: dict[str, str]
    heads: frozenset[str]
    change_nouns: dict[str, str]
    pronouns: frozenset[str]
    subordinators: tuple[str, ...]
    licensers: frozenset[str]
    agent_verbs: frozenset[str]
    indefinite_subjects: frozenset[str]
    question_words: frozenset[str]
    conjunctions: frozenset[str]
    opinion_phrases: tuple[str, ...]
    quote_chatter: frozenset[str]
    news_possessives: frozenset[str]
    noun_takers: frozenset[str]
    wants_complement: tuple[str, ...]
    verb_like_nouns: tuple[tuple[str, ...], ...]


@cache
def words() -> Words:
    """The ``[statements]`` tables (read once)."""
    data = load_toml("phrases.toml")
    st = data.get("statements", {})
    events = dict(st.get("event_nouns", {}))
    heads = set(st.get("headline_heads", []))
    heads.update(
        n for n in data.get("bullets", {}).get("action_nouns", []) if events.get(n, n) == n
    )
    heads.update(events.values())
    heads.update(v.split()[0] for v in events.values())
    heads -= set(st.get("not_headline_heads", []))
    return Words(
        bad_openers=frozenset(st.get("bad_openers", [])),
        bad_opening_phrases=tuple(st.get("bad_opening_phrases", [])),
        dangling_ends=frozenset(st.get("dangling_ends", [])),
        inner_frames=tuple(st.get("inner_frames", [])),
        event_nouns=events,
        heads=frozenset(heads),
        change_nouns=dict(st.get("change_nouns", {})),
        pronouns=frozenset(st.get("pronouns", [])),
        subordinators=tuple(st.get("subordinators", [])),
        licensers=frozenset(st.get("subjunctive_licensers", [])),
        agent_verbs=frozenset(st.get("agent_verbs", [])),
        indefinite_subjects=frozenset(st.get("indefinite_subjects", [])),
        question_words=frozenset(st.get("question_words", [])),
        conjunctions=frozenset(st.get("conjunctions", [])),
        opinion_phrases=tuple(st.get("opinion_phrases", [])),
        quote_chatter=frozenset(st.get("quote_chatter", [])),
        news_possessives=frozenset(st.get("news_possessives", [])),
        noun_takers=frozenset(st.get("noun_takers", [])),
        wants_complement=tuple(st.get("wants_complement", [])),
        verb_like_nouns=tuple(tuple(n.split()) for n in st.get("verb_like_nouns", [])),
    )


@lru_cache(maxsize=4096)
def _word_tokens(line: str) -> list[Token]:
    return [t for t in tokenize(line) if t.text[0].isalnum()]


def is_participle(word: str) -> bool:
    """A bare past participle (``ساخته``, ``شده``): no verb without its auxiliary."""
    core = word[1:] if word.startswith("ن") and verb_stem(word[1:]) else word
    return core.endswith("ه") and verb_stem(word) == core[:-1]


_MODALS = frozenset({"توان", "توانست", "خواه", "خواست", "بای"})


def is_modal(word: str) -> bool:
    """``می‌توانیم``, ``باید``: a finite form that wants the verb after it."""
    return word in ("باید", "نباید", "بایست", "می‌بایست") or (
        word.startswith(("می‌", "نمی‌")) and verb_stem(word) in _MODALS
    )


def is_finite(toks: list[Token], k: int) -> bool:
    """Whether ``toks[k]`` is a finite verb (a participle counts with its auxiliary)."""
    w = toks[k].text
    if not w[0].isalpha():
        return False
    stem = verb_stem(w)
    if stem is None or (k > 0 and is_leg(toks[k - 1].text, w, toks[k - 2].text if k > 1 else "")):
        return False
    if k > 0 and toks[k - 1].text in words().noun_takers and _bare_past(w):
        return False  # "پس از باخت ۲ بر صفر": the stem is the noun
    if w in _verb_like_words() and any(
        part == w and k >= i and match_seq(toks, k - i, n)
        for n in words().verb_like_nouns
        for i, part in enumerate(n)
    ):
        return False  # "تسهیل در رفت و آمد": a noun whose words look like verbs
    if w.endswith(_PARTICIPLE_ENDINGS) or w in _FINITE_AUX:
        return True
    if is_participle(w):
        # "… رسیده که …": the auxiliary left out before a clause that follows.
        return k + 1 >= len(toks) or toks[k + 1].text in _AUX or toks[k + 1].text in _ELLIPSIS
    return not is_subjunctive(w, stem)


@cache
def _verb_like_words() -> frozenset[str]:
    return frozenset(part for n in words().verb_like_nouns for part in n)


_ELLIPSIS = frozenset({"که", "تا", "و", "،", ",", ".", "؛", ":"})


# Forms of the present without a prefix that are indicative all the same.
_FINITE_AUX = frozenset(
    {
        "است",
        "اند",
        "هست",
        "هستند",
        "نیست",
        "نیستند",
        "دارد",
        "دارند",
        "ندارد",
        "ندارند",
        "می‌باشد",
        "می‌باشند",
        "خواهد",
        "خواهند",
        "نخواهد",
        "نخواهند",
        "بود",
        "بودند",
    }
)


def is_subjunctive(word: str, stem: str | None = None) -> bool:
    """A present form without «می» (``کنند``, ``بگیرد``, ``شود``): a dependent clause's verb."""
    stem = stem or verb_stem(word)
    if stem is None or word in _FINITE_AUX or stem in _FINITE_AUX or word.startswith(("می", "نمی")):
        return False
    lex = lexicon()
    bare = word[1:] if word.startswith(("ن", "ب")) and not word.startswith(stem) else word
    if stem in lex.past and bare.startswith(stem):
        return False
    return stem in lex.present


_TRUE_AUX = frozenset({"است", "اند", "بود", "بودند", "باشد", "باشند"})


def ends_on_participle(line: str) -> bool:
    """``… ساخته شده``, ``… ۶ هزار نفر بوده``: the perfect without its «است»."""
    toks = _word_tokens(line)
    if not toks or toks[-1].text in _TRUE_AUX:
        return False
    if line.startswith(_among_openers()) and len(numbers_in(line)) == 1:
        return False  # "در بین ۲۹ بازی برگزار شده": the matches played, no statement
    return toks[-1].text in ("بوده", "نبوده") or is_participle(toks[-1].text)


@cache
def _among_openers() -> tuple[str, ...]:
    among = load_toml("phrases.toml").get("statements", {}).get("among_openers", [])
    return tuple(p + " " for p in among)


_CONTINUED = "در ادامه"


@cache
def _continued_events() -> frozenset[str]:
    return frozenset(load_toml("phrases.toml").get("frames", {}).get("continued_events", []))


def continues_event(line: str) -> bool:
    """Whether ``line`` opens with «در ادامه» of an event (``در ادامه رقابت‌های
    لیگ …``): the clause's own phrase, which no opener or frame check may take
    for a reporter's "next"."""
    if not line.startswith(_CONTINUED + " "):
        return False
    rest = line[len(_CONTINUED) + 1 :].split(" ", 1)
    return rest[0].strip("،,") in _continued_events()


def is_complete(line: str) -> bool:
    """Whether ``line`` reads as one complete statement or a clean headline phrase."""
    return not problems(line)


def problems(line: str) -> list[str]:
    """What keeps ``line`` from standing alone (empty when nothing does): the names of
    the checks of :data:`_CHECKS` it fails, each once, in their order."""
    return list(_problems(line))


@dataclass(frozen=True, slots=True)
class _Line:
    """A line under test: its text, its words and where its verb groups end."""

    text: str
    toks: list[Token]
    groups: list[int]

    @property
    def first(self) -> str:
        return self.toks[0].text

    @property
    def second(self) -> str:
        return self.toks[1].text if len(self.toks) > 1 else ""

    @property
    def last(self) -> str:
        return self.toks[-1].text


# --- frames: the reporter's words around the fact -----------------------------


@cache
def opener_compounds() -> dict[str, frozenset[str]]:
    """Words that make one word with an opener before them (``هم تیمی‌های``)."""
    table = load_toml("phrases.toml").get("frames", {}).get("opener_compounds", {})
    return {op: frozenset(ws) for op, ws in table.items()}


def _reporting_frame(x: _Line) -> bool:
    """``با اشاره به …``، ``وی گفت: …``، ``به نظرم …``، a byline: the report, not the fact."""
    w, text = words(), x.text
    return bool(
        (x.first in w.bad_openers and x.second not in opener_compounds().get(x.first, ()))
        or (
            any(text.startswith(p + " ") or text.startswith(p + "،") for p in w.bad_opening_phrases)
            and not continues_event(text)
        )
        or _SPEECH_COLON_RX.search(text)
        or any(f in text for f in w.inner_frames)
        or any(f in text for f in w.opinion_phrases)
        or _BYLINE_RX.match(text)
    )


def _question(x: _Line) -> bool:
    """An interviewer's question, or a rhetorical one."""
    qw = words().question_words
    return "؟" in x.text or "?" in x.text or any(t.text in qw for t in x.toks)


def _conditional(x: _Line) -> bool:
    """``اگر …``: the condition changes what the figure says."""
    return any(t.text in _CONDITIONALS for t in x.toks) or _subordinated(
        x.text, words().subordinators
    )


# --- dangling: the line stops before what it announces ------------------------


def _dangling_word(x: _Line) -> bool:
    """``… با``، ``… کشورهای``، ``… ،``: a last word that wants what follows it."""
    last = x.last
    return (
        last in words().dangling_ends
        or (last.endswith("های") and not last.endswith("هایی"))
        or x.text.endswith(("،", ":", "؛", "-", "/"))
    )


def _ezafe_end(x: _Line) -> bool:
    """``… ۵ نفر از اعضای``: whose members?"""
    return _ezafe_after_vowel(x.last)


def _noun_stem_end(x: _Line) -> bool:
    """``… با وجود گذشت``، ``رشد ۱۵ درصدی کاشت``: a past stem that is a noun, its phrase cut."""
    toks = x.toks
    return (
        _bare_past(x.last)
        and len(toks) > 1
        and (
            toks[-2].text in words().noun_takers
            or (len(toks) > 2 and toks[-2].text.endswith("ی") and toks[-3].text[0].isdigit())
        )
    )


def _content_cut(x: _Line) -> bool:
    """``… در یک مستند افشا کرد``: what it revealed follows; ``… از تاریخ ۱۴``: a number
    last and no verb at all."""
    if _ends_on_report_verb(x.text):
        return True
    return x.last[0].isdigit() and not any(is_finite(x.toks, k) for k in range(len(x.toks)))


def _figure_after_verb(x: _Line) -> bool:
    """``بدنه جهانی پیش بینی کرد ۱۲۰ میلیون دلار``: a figure after the last verb, with
    no mark or conjunction between, opens a clause whose verb is cut away."""
    if not x.groups or x.groups[-1] == len(x.toks) - 1:
        return False
    verb = x.toks[x.groups[-1]]
    tail = x.toks[x.groups[-1] + 1 :]
    return (
        any(ch.isdigit() for t in tail for ch in t.text)
        and not any(t.text in _ELLIPSIS for t in tail)
        and not any(ch in _TAIL_MARKS for ch in x.text[verb.end :])
    )


_TAIL_MARKS = frozenset(":؛،,()«»-–")


def _inner_clause_last(x: _Line) -> bool:
    """``… افشا کرد که آنفلوانزای ۱۹۱۸ … که … موجب مرگ ۵۰ میلیون نفر شد``: a «که» clause
    opens inside another before that one has its verb, and the line ends on the inner
    clause's verb: the outer one is cut away."""
    kes = [k for k, t in enumerate(x.toks) if t.text == "که"]
    if len(kes) < 2 or not x.groups:
        return False
    a, b = kes[-2], kes[-1]
    return (
        not any(a < g < b for g in x.groups)
        and not any(is_verb_form(t.text) for t in x.toks[a + 1 : b])
        and sum(1 for g in x.groups if g > b) == 1
    )


def _modal_last(x: _Line) -> bool:
    """``… نخواهند توانست``: the verb it wants is missing."""
    return bool(x.groups) and _ends_on_modal(x.toks, x.groups)


def _unbalanced(x: _Line) -> bool:
    """A quote or bracket opened and not closed."""
    t = x.text
    return (
        t.count("«") != t.count("»")
        or t.count("(") != t.count(")")
        or (t.count("[") != t.count("]"))
    )


def _clause_left_open(x: _Line) -> bool:
    """``… این است که این ۲ مرد``، ``… قهرمان شد و در ۱۲ بازی``: a «که» clause or a
    conjunct after the last verb that never gets its own."""
    return bool(x.groups) and (
        _clause_after_verb(x.toks, x.groups) or _verbless_conjunct(x.toks, x.groups)
    )


def _copula_wants_more(x: _Line) -> bool:
    """``… مربوط به کسانی بود``، ``بیش از ۶۰ سال است``: who they were, what has gone on
    that long, follows."""
    toks = x.toks
    if len(toks) <= 2:
        return False
    head, last = toks[-2].text, toks[-1].text
    return (head in _RELATIVE_HEADS and last in _COPULAS) or (
        head in _TIME_NOUNS and last in ("است", "بود")
    )


def _when_follows(x: _Line) -> bool:
    """``بیش از ۲۰ ثانیه نگذشته بود``، ``یکی از ۳ باشگاهی است``: what happened then, or
    which one, follows."""
    return bool(_NOT_YET_PASSED_RX.search(x.text)) or _one_of_cut(x.toks)


def _stray_subjunctive(x: _Line) -> bool:
    """``… رکورد بزند``، ``… داشته باشد``: the frame that wanted it is gone."""
    return x.last[0].isalpha() and _unlicensed_subjunctive(x.toks)


# --- no verb, no main verb -----------------------------------------------------


def _no_verb(x: _Line) -> bool:
    """No finite verb and no headline noun to head it (``۶۵ نفر از کارکنان شرکت``)."""
    return not x.groups and not _headed(x.toks)


def _main_verb_missing(x: _Line) -> bool:
    """``در دربی‌ای که ۴-۱ باختیم``: the one verb is a «که» clause's."""
    return bool(x.groups) and _only_relative(x.toks, x.groups)


def _subordinate_only(x: _Line) -> bool:
    """``… در حالیکه ۴۵ دقیقه گذشته بود``، ``به‌رغم …``: and then?"""
    text, toks, groups = x.text, x.toks, x.groups
    return bool(
        _SUBORDINATE_RX.search(text)
        or _bare_relative(toks, groups)
        or (_CIRCUMSTANCE_RX.search(text) and not any(t.text == "که" for t in toks))
        or _circumstance_last(text, toks, groups)
    )


def _relative_without_head_verb(x: _Line) -> bool:
    """``منع پذیرش … که برای ۶۰ روز اعمال می‌شود``: the noun's own verb is cut away."""
    return bool(x.groups) and _relative_only(x.toks, x.groups)


# --- no subject: who or what is not in the line ---------------------------------


def _too_short(x: _Line) -> bool:
    """``۶ ماه است``: of what?"""
    return bool(x.groups) and len(x.toks) < MIN_STATEMENT_WORDS


def _anaphoric_start(x: _Line) -> bool:
    """``این باشگاه …``: which one? ``کسی …``، ``۴- …``: who, a list item."""
    w = words()
    return bool(
        (x.first in _ANAPHORA and x.second not in _TIME_NOUNS)
        or (x.first in w.indefinite_subjects and x.second != "از")
        or _LIST_MARK_RX.match(x.text)
    )


def _sideless_result(x: _Line) -> bool:
    """``بازی با نتیجه ۱-۱ به پایان رسید``، ``پورتو ۳-۱ به پیروزی دست یافت``: which match?"""
    return _nameless_result(x.toks) or _one_sided_result(x.toks)


def _among_only(x: _Line) -> bool:
    """``در بین ۲۹ بازی برگزار شده است``: among them, which one did what?"""
    text = x.text
    return text.startswith(_among_openers()) and "،" not in text and len(numbers_in(text)) == 1


def _times_first(x: _Line) -> bool:
    """``دو بار با استقلال بازی کرده``: who did it twice? The doer comes before the count."""
    return bool(x.groups) and bool(_TIMES_FIRST_RX.match(x.text))


def _others_of(x: _Line) -> bool:
    """``۶۰ تن دیگر هم زخمی شدند``: others than whom?"""
    return bool(_OTHERS_RX.match(x.text))


def _endpoint_only(x: _Line) -> bool:
    """``به ۱.۲ هزار واحد محدود شد``: what was?"""
    return bool(_ENDPOINT_RX.match(x.text))


def _named_elsewhere(x: _Line) -> bool:
    """``اعتبار مذکور``، ``در این وزن``، ``ثبت ۳ گل آن``، ``… در آن بود``: named in text
    not shown."""
    return bool(
        _BACK_REFERENCE_RX.search(x.text)
        or _PART_OF_THAT_RX.search(x.text)
        or _BARE_THAT_RX.search(x.text)
    )


def _verb_first(x: _Line) -> bool:
    """``پایان می‌یافت …``، ``اعلام کرد که …``: the line opens with its verb."""
    toks = x.toks
    if is_finite(toks, 0):
        return True
    return (
        len(toks) > 1
        and x.first in _preverbs()
        and (is_finite(toks, 1) or is_participle(toks[1].text))
    )


def _names_nothing(x: _Line) -> bool:
    """``۱۴ نفر کشته و ۴۲ نفر زخمی شدند``: counts, units, events and verbs, but no
    word that says who, where or in what."""
    units = tables().unit_index
    events = words().event_nouns
    lex = lexicon()
    for t in x.toks:
        w = t.text
        if not w[0].isalpha() or w in units or w in events or w in _CONNECTIVES:
            continue
        if verb_stem(w) is not None or w in lex.stopwords:
            continue
        return False
    return True


_CONNECTIVES = frozenset({"و", "یا", "نیز", "هم", "حدود", "بیش", "از", "کمتر", "تا"})


def _pronoun(x: _Line) -> bool:
    """``آنها …``، ``فهرست ۱۸ نفره آنها``: who?"""
    pronouns = words().pronouns
    return any(t.text in pronouns for t in x.toks)


def _agent_missing(x: _Line) -> bool:
    """``۲ میلیون دلار به ما داد``، ``برای خرید … پرداخت کرده است``: who gave, who paid?"""
    return bool(x.groups) and (_agent_lost(x.toks, x.groups) or _adjunct_only(x.toks, x.groups))


def _subject_before(x: _Line) -> bool:
    """``این قطعنامه را … تصویب نمود``، ``۱۶ روز دیگر برگزار خواهد شد``: who did, what will?"""
    return _object_first(x.toks) or (bool(x.groups) and _adverbial_first(x.text, x.toks, x.groups))


# --- the speaker's own words ----------------------------------------------------


def _speakers_words(x: _Line) -> bool:
    """``… باختیم``: a quote, not a fact to repeat (unless a «که» clause holds it)."""
    if not x.groups or _only_relative(x.toks, x.groups):
        return False
    return any(
        t.text in _FIRST_PERSON_WORDS
        or (is_verb_form(t.text) and is_first_or_second_person(t.text))
        or first_person_possessive(t.text)
        for t in x.toks
    )


# --- what the line is made of ----------------------------------------------------


def _garbled(x: _Line) -> bool:
    """``۴۷ هزار و ۴۰۰ هزار تومان``، a frame glued to a participle, an object of an
    intransitive verb: the source mistyped, or two clauses were glued."""
    return bool(
        _DOUBLE_SCALE_RX.search(x.text)
        or _FRAMED_PARTICIPLE_RX.search(x.text)
        or (x.groups and _object_of_intransitive(x.toks))
    )


def _no_figure(x: _Line) -> bool:
    return not _NUMBER_RX.findall(x.text)


def _table_row(x: _Line) -> bool:
    """Two scores, a timetable, or more numbers than words: a row of a table."""
    nums = _NUMBER_RX.findall(x.text)
    return bool(
        len(_SCORE_RX.findall(x.text)) >= 2
        or _TIME_ROW_RX.search(x.text)
        or (len(nums) >= 3 and len(x.toks) < 2 * len(nums) + 2)
    )


def _too_long(x: _Line) -> bool:
    return len(x.text) > MAX_CHARS


# Every check, with the problem it names, in the order :func:`problems` reports them.
_CHECKS: tuple[tuple[str, Callable[[_Line], bool]], ...] = (
    ("frame", _reporting_frame),
    ("dangling", _dangling_word),
    ("dangling", _ezafe_end),
    ("dangling", _noun_stem_end),
    ("dangling", _content_cut),
    ("dangling", _figure_after_verb),
    ("no_main_verb", _inner_clause_last),
    ("no_subject", _too_short),
    ("no_verb", _no_verb),
    ("no_main_verb", _main_verb_missing),
    ("speaker", _speakers_words),
    ("dangling", _modal_last),
    ("no_subject", _anaphoric_start),
    ("no_main_verb", _subordinate_only),
    ("no_subject", _sideless_result),
    ("no_subject", _others_of),
    ("no_subject", _times_first),
    ("no_subject", _among_only),
    ("no_subject", _endpoint_only),
    ("garbled", _garbled),
    ("no_subject", _named_elsewhere),
    ("frame", _question),
    ("no_subject", _verb_first),
    ("frame", _conditional),
    ("no_subject", _pronoun),
    ("no_subject", _names_nothing),
    ("dangling", _clause_left_open),
    ("no_main_verb", _relative_without_head_verb),
    ("dangling", _unbalanced),
    ("dangling", _copula_wants_more),
    ("dangling", _when_follows),
    ("dangling", _stray_subjunctive),
    ("no_subject", _agent_missing),
    ("no_subject", _subject_before),
    ("no_figure", _no_figure),
    ("table", _table_row),
    ("long", _too_long),
)


@lru_cache(maxsize=4096)  # a line is tested again in later rounds of choosing
def _problems(line: str) -> tuple[str, ...]:
    text = line.strip()
    toks = _word_tokens(text)
    if not toks:
        return ("empty",)
    x = _Line(text, toks, verb_groups(toks))
    found: list[str] = []
    for problem, check in _CHECKS:
        if check(x) and problem not in found:
            found.append(problem)
    return tuple(found)


def _ezafe_after_vowel(word: str) -> bool:
    """``اعضای``، ``دارای``: a noun ending in a vowel with the «ی» of its ezafe, which
    wants the noun it joins (unless the form with «ی» is a word of its own)."""
    if len(word) < 4 or not word.endswith(("ای", "وی")):
        return False
    lex = lexicon()
    return not lex.pos(word) and bool(lex.pos(word[:-1]) & (N | AJ))


def _bare_past(word: str) -> bool:
    """``گذشت``، ``نبود``: a past stem with no person ending (a verb or its noun)."""
    stem = verb_stem(word)
    return stem is not None and word in (stem, "ن" + stem)


MAX_OBJECT_LEAD = 5


@cache
def _qualifier_words() -> frozenset[str]:
    """The words of the qualifiers written before a number (``بیش از``, ``حدود``)."""
    table = load_toml("phrases.toml").get("qualifiers", {})
    return frozenset(w for phrases in table.values() for p in phrases for w in p.split())


def _opens_with_figure(toks: list[Token]) -> bool:
    """The line's first word is its number, or qualifier words then the number."""
    for t in toks:
        if t.text[0].isdigit():
            return True
        if t.text not in _qualifier_words():
            return False
    return False


_ANAPHORA = frozenset({"این", "آن", "او", "ایشان", "همین", "آنها", "آن‌ها", "اینها", "این‌ها"})
_TIME_NOUNS = frozenset({"هفته", "روز", "سال", "ماه", "فصل", "دوره", "بار", "روزها", "ایام"})
_SUBORDINATE_RX = re.compile(
    r"(?:^|\s)(?:در\s*حالی\s*(?:\u200c)?که|درحالیکه|در حالیکه"
    r"|پس از اینکه|بعد از اینکه|پیش از اینکه|قبل از اینکه)(?:\s|$)"
)
# "چلسی در شرایطی … متوقف شد": the «که» clause that says in what circumstances is cut.
_CIRCUMSTANCE_RX = re.compile(r"(?:^|\s)در\s+(?:شرایطی|حالی)(?:\s|$)")
_OPENING_CIRCUMSTANCE_RX = re.compile(r"(?:^|\sو\s)در\s+(?:شرایطی|حالی)\s*که\s")


def _circumstance_last(text: str, toks: list[Token], groups: list[int]) -> bool:
    """``… سپری شده و در شرایطی که ۶۰ گل به ثمر رسیده است``: a «در شرایطی که» clause
    that opens the line or a new conjunct, with one verb after it: its own, the main
    clause it leads to left out."""
    m = _OPENING_CIRCUMSTANCE_RX.search(text)
    if m is None:
        return False
    after = sum(1 for g in groups if toks[g].start >= m.end())
    return after <= 1


MAX_RELATIVE_HEAD = 3


def _subordinated(text: str, subordinators: tuple[str, ...]) -> bool:
    padded = " " + text + " "
    return any(" " + w + " " in padded for w in subordinators)


def _clause_after_verb(toks: list[Token], groups: list[int]) -> bool:
    """A «که» after the last verb, or a «تا» of purpose (``باعث شده تا الکساندر نوری``):
    the clause it opens was cut before its verb."""
    tail = toks[groups[-1] + 1 :]
    return any(
        t.text == "که"
        or (t.text == "تا" and k + 1 < len(tail) and not tail[k + 1].text[0].isdigit())
        for k, t in enumerate(tail)
    )


def _verbless_conjunct(toks: list[Token], groups: list[int]) -> bool:
    """``… قهرمان شد و در ۱۲ بازی``: a conjunct after the last verb that never gets its own."""
    tail = toks[groups[-1] + 1 :]
    conj = words().conjunctions
    return any(t.text in conj for t in tail[:-1])


def _relative_only(toks: list[Token], groups: list[int]) -> bool:
    """The verbs after a noun's «که» are all the relative clause's: the noun has none.

    ``منع پذیرش مهاجران که برای ۶۰ روز اعمال می‌شود``: no verb between the start
    (or a reporting verb) and the «که», and after it one predicate only (verbs
    joined by «و» are one: ``که … برگزار شد و … به پایان رسید``).
    """
    for k, t in enumerate(toks):
        if t.text != "که" or k == 0 or is_verb_form(toks[k - 1].text):
            continue
        before = [g for g in groups if g < k]
        if before and not _is_report(toks, before[-1]):
            return False
        after = [g for g in groups if g > k]
        if not after:
            return False
        predicates = 1
        for g0, g1 in itertools.pairwise(after):
            joined = any(toks[j].text == "و" for j in range(g0 + 1, min(g0 + 2, g1)))
            if not joined:
                predicates += 1
        return predicates < 2
    return False


_REPORT_VERBS = frozenset({"گفت", "گفتند", "افزود", "کرد", "کردند", "داشت", "نوشت", "شد"})


def _is_report(toks: list[Token], g: int) -> bool:
    """``… گفت``، ``… اعلام کرد`` without a colon: what follows is its content."""
    w = toks[g].text
    if w in ("گفت", "گفتند", "افزود", "نوشت"):
        return True
    pre = toks[g - 1].text if g > 0 else ""
    return w in _REPORT_VERBS and pre in (
        "اعلام",
        "اظهار",
        "تصریح",
        "بیان",
        "عنوان",
        "تاکید",
        "تأکید",
    )


def _unlicensed_subjunctive(toks: list[Token]) -> bool:
    """The line ends on a subjunctive (``… داشته باشد``) no modal before it asks for."""
    last = toks[-1].text
    if not (is_subjunctive(last) or last in _SUBJUNCTIVE_BE):
        return False
    lic = words().licensers
    return not any(t.text in lic or is_modal(t.text) for t in toks[:-1])


_SUBJUNCTIVE_BE = frozenset({"باشد", "باشند", "باشیم", "باشم", "باشید", "نباشد", "نباشند"})


def _agent_lost(toks: list[Token], groups: list[int]) -> bool:
    """A line that opens with a sum of money and ends on an active verb that wants an agent."""
    lead = 1 if toks[0].text in _SUM_NOUNS and len(toks) > 1 else 0  # "مبلغ ۴۵۰ میلیون تومان …"
    if not toks[lead].text[0].isdigit():
        return False
    if not any(t.text in _CURRENCIES for t in toks[: lead + 5]):
        return False
    last = toks[groups[-1]].text
    return verb_stem(last) in words().agent_verbs and not any(
        verb_stem(toks[g].text) in _PASSIVE for g in groups
    )


_SUM_NOUNS = frozenset({"مبلغ", "رقم"})
_ADJUNCT_PREPOSITIONS = frozenset({"در", "با", "از", "برای", "به", "طی", "پس", "بعد", "تا"})
_NOT_SUBJECT_UNITS = frozenset(
    {"درصد", "درصدی", "دقیقه", "ثانیه", "ساعت", "روز", "هفته", "ماه", "سال", "بار", "مرتبه"}
)
_SCALES = frozenset({"هزار", "میلیون", "میلیارد", "تریلیون", "و"})


def _adjunct_only(toks: list[Token], groups: list[int]) -> bool:
    """``برای خرید … ۵ هزار ریال … پرداخت کرده است``: an adverbial first, an active verb
    that wants an agent last, and no «را» and no counted thing that could be the subject."""
    if toks[0].text not in _ADJUNCT_PREPOSITIONS:
        return False
    if any(t.text == "را" for t in toks) or any(
        is_first_or_second_person(toks[g].text) for g in groups
    ):
        return False
    agents = words().agent_verbs
    verbs = [t.text for g in groups for t in toks[max(0, g - 2) : g + 1] if is_verb_form(t.text)]
    if not any(verb_stem(v) in agents for v in verbs):
        return False
    if any(v.endswith("ند") for v in verbs) and any(
        t.text.endswith(("ان", "ها")) for t in toks[1 : groups[0]]
    ):
        return False  # "… پایتخت‌نشینان … تنفس کردند": a plural subject for a plural verb
    for k, t in enumerate(toks[: groups[-1]]):
        if not t.text[0].isdigit():
            continue
        j = k + 1
        while j < len(toks) and (toks[j].text in _SCALES or toks[j].text[0].isdigit()):
            j += 1
        nxt = toks[j].text if j < len(toks) else ""
        if nxt and nxt[0].isalpha() and nxt not in _CURRENCIES and nxt not in _NOT_SUBJECT_UNITS:
            return False  # "۲۱۵ هزار نفر مسافر … دیدن کردند": the count is the subject
    return True


@cache
def _preverbs() -> frozenset[str]:
    data = load_toml("phrases.toml")
    out = set(data.get("bullets", {}).get("preverbs", []))
    out.update({"اظهار", "تصریح", "خاطرنشان", "یادآور", "اعلام", "عنوان", "بیان", "فاش"})
    return frozenset(out)


_PASSIVE = frozenset({"شد", "شو", "گردید", "گرد"})
# Stems of verbs that take no object: a «را» before one is left from a verb the
# source cut ("… عوارض صادراتی را … کاهش یافت").
_INTRANSITIVE_STEMS = _PASSIVE | {"یافت", "یاب", "رسید", "رس"}
_CURRENCIES = frozenset({"تومان", "ریال", "دلار", "یورو", "پوند", "درهم", "روبل", "لیر"})


def _bare_relative(toks: list[Token], groups: list[int]) -> bool:
    """``مهاجمی سریع که … ۱۰ گل به ثمر رسانده است``: a head noun and its «که» clause, no more."""
    ke = next((k for k, t in enumerate(toks) if t.text == "که"), None)
    if ke is None or ke == 0 or ke > MAX_RELATIVE_HEAD:
        return False
    return not any(is_finite(toks, k) for k in range(ke))


_BACK_REFERENCE_RX = re.compile(
    r"مذکور|یاد\s?شده|یادشده|فوق‌الذکر|مزبور|نامبرده"
    r"|(?:^|\s)(?:این|همین|آن|همان)\s+(?:[0-9۰-۹]|(?:تعداد|میزان|رقم)(?:\s|$))"
    r"|(?:^|\s)(?:این|همین)\s+(?:مقدار|مبلغ)(?:\s|$)"
    r"|(?:^|\s)با\s+همان\s+(?:نتیجه|امتیاز|رقم|نسبت)(?:\s|$)"  # "با همان نتیجه ۲-۱": as which?
)
# "ثبت ۵ گل آن …": the first figure of the line is a part of something not shown.
_PART_OF_THAT_RX = re.compile(r"^[^0-9۰-۹]*[0-9۰-۹]+\s+[^\s0-9۰-۹]+\s+(?:آن|آنها|آن‌ها)(?:\s|$)")
# "مبلغ ۱۰۰ ریال در آن بود": «آن» alone after a preposition, what it is left behind.
_BARE_THAT_RX = re.compile(
    r"(?:^|\s)(?:در|از|به|با|برای|روی)\s+آن(?:\s+(?:بود|است|بودند|هستند|شد|می‌شود)(?:\s|$)|$)"
)
_FIRST_PERSON_WORDS = frozenset({"ما", "من", "مان", "ام"})
# A line that opens with "N (noun) دیگر": the others of a count stated before.
_TIMES_FIRST_RX = re.compile(
    r"^(?:[0-9۰-۹]+|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده)\s+(?:بار|مرتبه|دفعه)\s"
)
_OTHERS_RX = re.compile(r"^[0-9۰-۹][0-9۰-۹٬,.٫]*(?:\s+\S+)?\s+دیگر(?:\s|$)")
_DOUBLE_SCALE_RX = re.compile(r"(هزار|میلیون|میلیارد) و [0-9۰-۹٬,]+ \1(?:\s|$)")
# "به ۱.۲ هزار واحد محدود شد": the figure a change ended at, with what changed left out.
_ENDPOINT_RX = re.compile(
    r"^به\s+(?:(?:بیش\s+از|حدود|بالغ\s+بر|نزدیک\s+به|کمتر\s+از)\s+)?[0-9۰-۹]"
    r".*?\s(?:رسید|رسیدند|رسیده|رسیده\s+است|رسیده‌است|می‌رسد|محدود\s+شد|محدود\s+شده"
    r"|بالغ\s+شد|افزایش\s+یافت|کاهش\s+یافت|افزایش\s+یافته|کاهش\s+یافته)(?:\s|$)"
)
# "در صورت پیروزی … ۹ امتیازی شده است", "موفق شد ۲۲ هتل را بازسازی کرده است": a frame
# that wants a subjunctive (a condition, a plan, "could", "succeeded") glued to a
# participle the source went on from.
_FRAMED_PARTICIPLE_RX = re.compile(
    r"(?:^|\s)(?:در\s+صورت|این\s+است\s+که|قرار\s+است|قصد\s+دار\S*|باید|بتوان\S*|بلکه"
    r"|موفق\s+(?:شد|شدند|شده))\s.*\S(?:ه|ه‌اند)\s+است$"
)
# "بیش از ۲۰ ثانیه نگذشته بود": the clause of what happened then is cut.
_NOT_YET_PASSED_RX = re.compile(r"(?:ثانیه|دقیقه|ساعت|روز|هفته|ماه|سال)\s+ن?گذشته\s+(?:بود|است)$")
# "… مربوط به کسانی بود": a relative's head with the relative clause cut.
_RELATIVE_HEADS = frozenset({"کسانی", "کسی", "آنانی", "افرادی", "چیزی", "جایی"})
_COPULAS = frozenset({"بود", "بودند", "است", "هستند", "باشد"})
# "نام نام‌خانوادگی - …": the reporter's byline before the text.
_BYLINE_RX = re.compile(r"^[^\s\d-]+\s+[^\s\d-]+\s+[-–]\s")
_CONDITIONALS = frozenset({"اگر", "اگرچه", "چنانچه", "درصورتیکه"})
_LIST_MARK_RX = re.compile(r"^[0-9۰-۹]+\s*[-–)]")
_TIME_UNITS = frozenset({"روز", "ماه", "سال", "هفته", "دقیقه", "ساعت", "ثانیه", "فصل"})
_TIME_AFTER = frozenset({"دیگر", "بعد", "قبل", "پیش", "گذشته", "آینده"})
_SCORE_START_RX = re.compile(
    r"^[0-9۰-۹]+\s*(?:[-–]|\sبر\s)\s*(?:[0-9۰-۹]+|یک|صفر|دو|سه|چهار|پنج|شش|هفت)\s"
)
_MONEY_OR_PERCENT_UNITS = frozenset(
    {"درصد", "درصدی", "دلار", "تومان", "ریال", "یورو", "پوند", "میلیون", "میلیارد", "هزار"}
)


def is_verb_form(word: str) -> bool:
    return word[0].isalpha() and verb_stem(word) is not None


def _ends_on_modal(toks: list[Token], groups: list[int]) -> bool:
    last = toks[groups[-1]].text
    return groups[-1] == len(toks) - 1 and verb_stem(last) in ("توان", "توانست")


def _adverbial_first(text: str, toks: list[Token], groups: list[int]) -> bool:
    """``۱۶ روز دیگر برگزار خواهد شد``, ``۳-۰ مغلوب هلند شد``, ``یکی از ۱۳ تیم … است``."""
    if _SCORE_START_RX.match(text):
        return True
    if len(toks) > 1 and toks[0].text == "یکی" and toks[1].text == "از":
        return toks[groups[-1]].text in ("است", "بود", "هستند", "بودند")
    if len(toks) > 2 and toks[0].text[0].isdigit() and toks[1].text in _TIME_UNITS:
        k = 3 if toks[2].text in _TIME_AFTER else 2
        verb_start = groups[0]
        while verb_start > 0 and is_finite(toks, verb_start - 1):
            verb_start -= 1
        return verb_start - k <= 1
    return False


@cache
def _result_words() -> tuple[frozenset[str], frozenset[str]]:
    """The nouns of a match, and every word a result may use without naming a side."""
    st = load_toml("phrases.toml").get("statements", {})
    nouns = frozenset(st.get("match_nouns", []))
    return nouns, nouns | frozenset(st.get("result_words", []))


def _nameless_result(toks: list[Token]) -> bool:
    """A match's result that names neither side: its noun (or only a preposition: ``به
    نتیجه ۴-۴ دست یافت``), the score, words of a result."""
    nouns, stock = _result_words()
    if not toks or (toks[0].text not in nouns and toks[0].text not in ("به", "با")):
        return False
    if not any(t.text[0].isdigit() for t in toks):
        return False
    return all(t.text[0].isdigit() or t.text in stock for t in toks)


MAX_RESULT_WORDS = 4  # words of a result line besides its score and outcome


def _one_sided_result(toks: list[Token]) -> bool:
    """``پورتو ۳-۱ به پیروزی دست یافت``: a short result that names one side and no
    opponent, match or competition."""
    if not any(t.text[0].isdigit() for t in toks):
        return False
    outcomes, opponents = _result_sides()
    if not any(t.text in outcomes for t in toks):
        return False
    _, stock = _result_words()
    said = [t for t in toks if not t.text[0].isdigit() and t.text not in stock | outcomes]
    if len(said) > MAX_RESULT_WORDS:
        return False  # a line with more to say than its result
    return not any(
        t.text in opponents
        and not (t.text == "با" and k + 1 < len(toks) and toks[k + 1].text in stock)
        for k, t in enumerate(toks)
    )  # "با نتیجه ۲۰ بر ۳": the score, not the other side


@cache
def _result_sides() -> tuple[frozenset[str], frozenset[str]]:
    """The words of a result's outcome, and the words that name the other side."""
    st = load_toml("phrases.toml").get("statements", {})
    return frozenset(st.get("outcome_words", [])), frozenset(st.get("opponent_words", []))


def _one_of_cut(toks: list[Token]) -> bool:
    """``منچسترسیتی یکی از ۳ یا ۴ باشگاهی است``: «یکی از» a noun with the «ی» of a
    relative clause, then the copula: the «که» clause that says which is cut."""
    if len(toks) < 4 or toks[-1].text not in _COPULAS:
        return False
    head = toks[-2].text
    opens = any(a.text == "یکی" and b.text == "از" for a, b in itertools.pairwise(toks))
    return opens and head.endswith("ی") and bool(lexicon().pos(head[:-1]) & N)


def _object_of_intransitive(toks: list[Token]) -> bool:
    """A «را» in the last verb's clause, whose verb takes no object
    (``شمار جان‌باختگان … را ۵ هزار نفر رسید``): two clauses glued into one.

    The clause runs back to the verb before it or to an «و» that joins clauses
    (not one inside a number, ``۵ هزار و ۳۹۱``).
    """
    first = last = max(k for k in range(len(toks)) if is_finite(toks, k))
    while first > 0 and is_verb_form(toks[first - 1].text):
        first -= 1  # "کاهش یافته است", "ساخته خواهد شد": the verb's words together
    if not any(verb_stem(t.text) in _INTRANSITIVE_STEMS for t in toks[first : last + 1]):
        return False
    for j in range(first - 1, -1, -1):
        word = toks[j].text
        if word == "را":
            return True
        if is_finite(toks, j):
            return False
        if word == "و" and not (
            (j > 0 and toks[j - 1].text[0].isdigit()) or toks[j + 1].text[0].isdigit()
        ):
            return False
    return False


@cache
def _quantity_heads() -> frozenset[str]:
    """Nouns that name a quantity (قیمت، میزان، تعداد): the heads of subjects."""
    heads = tables()
    return heads.keep_heads | heads.drop_heads


def _object_first(toks: list[Token]) -> bool:
    """The line opens with its object (``X را …``): the subject is in text not shown.

    A line that opens with its figure (``کمتر از ۲۳ درصد تقاضای جهانی را …``) or
    with a noun of a quantity (``میزان درآمد دولت … را``) is looked at up to its
    first verb, however long its first phrase.
    """
    # "تورم ۱۲ ماهه … را ۳۴.۸ درصد اعلام کرده بود": a quantity is never who acts
    unbounded = _opens_with_figure(toks) or toks[0].text in _quantity_heads()
    lead = len(toks) if unbounded else MAX_OBJECT_LEAD + 1
    for k, t in enumerate(toks[:lead]):
        if t.text == "را":
            return k > 0
        if is_finite(toks, k):
            return False
    return False


def verb_groups(toks: list[Token]) -> list[int]:
    """Index of the last token of each run of finite verbs (``ساخته خواهد شد`` is one)."""
    out: list[int] = []
    for k in range(len(toks)):
        if is_finite(toks, k) and not is_modal(toks[k].text):
            if out and out[-1] == k - 1:
                out[-1] = k
            else:
                out.append(k)
    return out


def _only_relative(toks: list[Token], groups: list[int]) -> bool:
    """``در دربی‌ای که ۴-۱ باختیم``: the one verb closes a «که» clause, the main one is missing."""
    ke = next((k for k, t in enumerate(toks) if t.text == "که"), None)
    if ke is None or ke == 0:
        return False
    if any(g < ke for g in groups):
        return False
    return len(groups) < 2 and not _headed(toks[:ke])


_PERSON_ENDINGS = ("یم", "ید", "م")
_PERSONAL_AUX = frozenset(
    [
        "خواهم",
        "خواهیم",
        "خواهید",
        "نخواهم",
        "نخواهیم",
        "نخواهید",
        "باشم",
        "باشیم",
        "باشید",
        "نباشیم",
        "هستم",
        "هستیم",
        "هستید",
        "نیستم",
        "نیستیم",
        "نیستید",
        "بودم",
        "بودیم",
        "بودید",
        "ام",
        "ایم",
        "اید",
    ]
)


_SINGULAR_WORDS = frozenset({"من", "خودم", "برایم", "ام"})
# Possessive endings of the speaker and the listener: ``قراردادم``, ``نفرمان``, ``تیمتان``.
_SINGULAR_POSSESSIVE = ("م", "\u200cام")
_POSSESSIVE = (*_SINGULAR_POSSESSIVE, "مان", "\u200cمان", "تان", "\u200cتان")
MIN_POSSESSED = 3


def _possessed(word: str, endings: tuple[str, ...]) -> bool:
    """``word`` is a known noun or adjective with one of ``endings`` glued on, not a word itself."""
    if lexicon().pos(word) or verb_stem(word) is not None or word in words().news_possessives:
        return False
    if word.endswith("ان") and lexicon().pos(word[:-2]) & (N | AJ):
        return False  # a plural: "مزاحمان"
    for e in endings:
        base = word[: -len(e)]
        if word.endswith(e) and len(base) >= MIN_POSSESSED and lexicon().pos(base) & (N | AJ):
            return True
    return False


def first_person_possessive(word: str) -> bool:
    """``کودکم``, ``خوبمان``, ``قراردادتان``: the speaker's (or listener's) own."""
    return _possessed(word, _POSSESSIVE)


def is_first_person_singular(word: str) -> bool:
    """``شدم``, ``نبودم``, ``کرده‌ام``, ``خواهم``: one person's own story."""
    if word in ("خواهم", "نخواهم", "باشم"):
        return True
    stem = verb_stem(word)
    if stem is None or stem == word:
        return False
    if word.endswith(stem + "م"):
        return True
    return word.endswith(stem + "ه" + ZWNJ + "ام")


def quotable(line: str) -> bool:
    """Whether a speaker's own words state a fact worth repeating under their name.

    ``هدایتی: در سال گذشته ۲ میلیارد تومان زیان داشته‌ایم`` (an institution's
    "we" reporting what happened) is; one person's story (``… من جزو ۱۸ نفر
    نبودم``), wishes, efforts and duties (``دوست داشتیم …``, ``تلاش می‌کنیم``,
    ``باید …``) and second-person talk are not.
    """
    w = words()
    for t in _word_tokens(line):
        word = t.text
        if word in _SINGULAR_WORDS or word in w.quote_chatter:
            return False
        if _possessed(word, _SINGULAR_POSSESSIVE):
            return False  # "قراردادم ۱۵۰ میلیون بود": one person's story
        if is_verb_form(word) and (
            is_first_person_singular(word)
            or (word.endswith("ید") and verb_stem(word) != word)
            or _second_singular(word)
        ):
            return False
    return True


def _second_singular(word: str) -> bool:
    """``زدی``، ``رسیدی``: a past verb of "you" (a word of its own with «ی» is not)."""
    stem = verb_stem(word)
    lex = lexicon()
    return (
        stem is not None
        and word.endswith(stem + "ی")
        and stem in lex.past
        and not lex.pos(word) & N
    )


def is_first_or_second_person(word: str) -> bool:
    """``کردیم``, ``می‌کنید``, ``بودم``, ``کرده‌ام``: the speaker's own words."""
    if word in _PERSONAL_AUX:
        return True
    stem = verb_stem(word)
    if stem is None or stem == word:
        return False
    if word.endswith(tuple(stem + e for e in _PERSON_ENDINGS)):
        return True
    if _second_singular(word):
        return True  # "سه گل زدی": you scored
    return word.endswith(tuple(stem + "ه" + ZWNJ + e for e in ("ام", "ایم", "اید")))


_NOT_IN_HEADLINES = frozenset({"که", "اینکه", "این‌که", "نه", "را", "آنکه"})
MAX_HEADLINE_WORDS = 26
MIN_STATEMENT_WORDS = 5
MIN_HEADLINE_WORDS = 4
MAX_HEAD_TO_FIGURE = 12  # words from a headline's verbal noun to its figure


@cache
def _report_tail_rx() -> re.Pattern[str]:
    data = load_toml("phrases.toml")
    verbs = list(data.get("frames", {}).get("speech", []))
    verbs += data.get("statements", {}).get("complement_verbs", [])
    alts = "|".join(re.escape(v) for v in sorted(set(verbs), key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{alts})$")


def _ends_on_report_verb(text: str) -> bool:
    return bool(_report_tail_rx().search(text.rstrip(" .،")))


def _headed(toks: list[Token]) -> bool:
    """A headline phrase: a verbal noun first, a figure soon after it, no clause inside."""
    heads = words().heads
    first = toks[0].text
    two = first + " " + toks[1].text if len(toks) > 1 else first
    figure = next((k for k, t in enumerate(toks) if k and any(ch.isdigit() for ch in t.text)), 0)
    return (
        (first in heads or two in heads)
        and 0 < figure <= MAX_HEAD_TO_FIGURE  # "تولید کار و تلاش و با شاخص‌های … ۱۰ سکه"
        and MIN_HEADLINE_WORDS <= len(toks) <= MAX_HEADLINE_WORDS
        and toks[-1].text not in _MONEY_OR_PERCENT_UNITS  # "کاهش ۱۳ درصد": of what?
        and not any(t.text in _NOT_IN_HEADLINES for t in toks)
        and toks[-1].text != first  # "رشد شاخص … با ۳۱ هزار واحد رشد": garbled
        and not (first in words().change_nouns.values() and not _says_how_much_changed(toks))
    )


def _says_how_much_changed(toks: list[Token]) -> bool:
    """``افزایش ۱۲ درصدی صادرات``، ``افزایش مبتلایان به ۸۰ هزار نفر``: a change headline
    says by how much or to what; ``کاهش ۷ شهر بزرگ`` says neither."""
    return any(t.text.startswith("درصد") or t.text in ("به", "تا") for t in toks[1:])


def numbers_in(line: str) -> set[str]:
    """The numbers a line states, as digit strings without separators."""
    table = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.", "٬,")
    return {n.translate(table) for n in _NUMBER_RX.findall(line)}


def event_of(toks: list[Token], after: int, limit: int) -> str | None:
    """The verbal noun of the event the figure takes part in (``دستگیر شدند`` -> ``دستگیری``).

    The first finite verb in ``toks[after:limit]`` names it when it is a light
    verb whose preverb the tables know, or a participle with its auxiliary
    (``ساخته شد`` -> ``ساخت``).
    """
    ev = words().event_nouns
    for k in range(after, min(limit, len(toks))):
        w = toks[k].text
        if w in ("،", ":", "؛", "که"):
            return None
        if not w[0].isalpha() or verb_stem(w) is None:
            continue
        if not is_finite(toks, k) and not is_participle(w):
            continue
        if w in ev and is_participle(w):
            return ev[w]
        if k > after:
            pre = toks[k - 1].text
            if pre in ev:
                return ev[pre]
        return None
    return None


# --- who is speaking ------------------------------------------------------------

MAX_SPEAKER_WORDS = 5
SPEAKER_LOOKBACK = 8
_PRONOUNS = frozenset({"وی", "او", "ایشان"})
_SPEAKER_CUT_RX = re.compile(
    r"\s(?:در|درباره|درمورد|راجع|پیرامون|با|به|از|طی|ضمن|امروز|روز|شب|دیروز|پس|هنگام|که)\s"
)


@cache
def _speech_rx() -> re.Pattern[str]:
    speech = sorted(load_toml("phrases.toml").get("frames", {}).get("speech", []), key=len)
    alts = "|".join(re.escape(v) for v in reversed(speech))
    return re.compile(rf"^(?P<who>[^:؛«»\n]{{2,200}}?)\s+(?:{alts})\s*:")


_SPEAKER_CONNECTIVES = ("همچنین", "نیز", "سپس", "در ادامه", "در پایان", "اما", "و", "هم")


def _speaker_in(sentence: str) -> str | None:
    """The one who speaks in ``X گفت: …``; ``""`` for a pronoun; ``None`` for no frame."""
    m = _speech_rx().match(sentence)
    if not m:
        return None
    who = m.group("who")
    who = who.rsplit("،", 1)[-1].strip()  # "به گزارش …، X"
    cut = _SPEAKER_CUT_RX.search(" " + who + " ")
    if cut:
        who = (" " + who)[: cut.start()].strip()
    for opener in _SPEAKER_CONNECTIVES:
        if who.startswith(opener + " "):
            who = who[len(opener) + 1 :].strip()
        if who.endswith(" " + opener):
            who = who[: -len(opener) - 1].strip()  # "ایهود اولمرت همچنین گفت:"
    first = who.split(" ", 1)[0] if who else ""
    if not who or first in _PRONOUNS:
        return ""
    if len(who.split()) > MAX_SPEAKER_WORDS:
        return None
    return who


def find_speaker(
    text: str, sentences: list[tuple[int, int]], index: int, title: str | None = None
) -> str | None:
    """Who says the words of sentence ``index``: its own frame, an earlier one, or the title's."""
    for i in range(index, max(-1, index - SPEAKER_LOOKBACK), -1):
        a, b = sentences[i]
        who = _speaker_in(text[a:b])
        if who:
            return who
        if who is None and i == index:
            continue
    if title and ":" in title:
        who = title.split(":", 1)[0].strip()
        if who and len(who.split()) <= MAX_SPEAKER_WORDS - 2 and not re.search("[0-9۰-۹]", who):
            return who
    return None
