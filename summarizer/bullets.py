"""One short Persian line per key figure, built from the clause around it.

The clause is cut from the normalised text (so digits are Persian and ZWNJs
repaired); reporting frames (``به گزارش …،``, ``X از … خبر داد``), empty
openers (``همچنین``, ``در مجموع``) and long tails are dropped; a clause that
ends in ``<action noun> <light verb>`` is turned into a noun phrase
(``… ماسک تولید می‌شود`` -> ``تولید … ماسک``); a period phrase that opens the
clause moves to its end; spelled-out numbers are written with digits.
Figures of one clause share a bullet. When the bullet budget is spent,
a figure may still join a bullet of its own sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from summarizer.figures import (
    NOT_PEOPLE_EVENTS,
    Mention,
    has_digit,
    is_light_verb,
    is_verb_token,
    match_seq,
    noun_phrase_end,
    tables,
)
from summarizer.lexicon import ADV, AJ, CONJ, DET, NUM, PRO, N, P, lexicon, load_toml, verb_stem
from summarizer.rank import SUBSTANTIVE, Ranked
from summarizer.references import resolve
from summarizer.sentences import Token, tokenize
from summarizer.statements import (
    MAX_CHARS,
    REPORT_FRAME_RX,
    continues_event,
    ends_on_participle,
    event_of,
    find_speaker,
    is_complete,
    is_finite,
    is_first_or_second_person,
    is_modal,
    is_participle,
    is_subjunctive,
    numbers_in,
    opener_compounds,
    problems,
    quotable,
)
from summarizer.statements import (
    words as statement_words,
)

MAX_WORDS = 18
MIN_COMPOSED_WORDS = 5  # a headline composed from a record says more than its count
# Words kept before the first figure of a bullet.
MAX_LEAD_WORDS = 12
# A bullet shorter than this takes the clause before it along.
MIN_WORDS = 4
MIN_JOIN_SCORE = 1.5
MAX_JOINED_WORDS = 26
# Figures past the budget that may still join a bullet (bounds the work on long texts).
MAX_LATE_TRIES = 16
# Kinds worth joining two clauses of one sentence into one bullet to make room
# (dates, ordinals and multipliers are not).
CORE_KINDS = frozenset({"money", "percent", "measure", "count", "duration", "score"})
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)

_NEWS_RX = re.compile(
    r"^(?:[^:؛]{0,200}?\s)?از\s+(?P<body>.+?)\s+خبر\s+(?:داد|داده\s+است|دادند|می‌دهد|داده)$"
)
_SPELLED_RX = re.compile(
    r"(?<![\w\u200c])(?:یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد"
    r"|نود|صد|یکصد|دویست|سیصد|چهارصد|پانصد|ششصد|هفتصد|هشتصد|نهصد|نیم|یازده|دوازده|سیزده"
    r"|چهارده|پانزده|شانزده|هفده|هجده|نوزده)(?![\w\u200c])"
)
_SPACES_RX = re.compile(r"\s+")
_RA_BEFORE_NUMBER_RX = re.compile(r"\s+را\s+(?=(?:[۰-۹]|بیش از |حدود ))")
_DIGIT_OR_NUMBER_RX = re.compile(
    r"[۰-۹]|^(?:یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|صد|یکصد|هزار|بیش|حدود|نزدیک|روزانه"
    r"|سالانه|ماهانه|قریب|بالغ|دست‌کم|حداقل|حداکثر|کمتر)$"
)
_EDGE_PUNCT = " .،,؛;:-–—/«»\"'()[]*•+=_…!؟?"


@dataclass(slots=True)
class Bullet:
    figures: list[int] = field(default_factory=list)  # indices into the ranked list
    sentence: int = 0
    clauses: list[tuple[int, int]] = field(default_factory=list)


@cache
def _phrases() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    data = load_toml("phrases.toml")
    frames = data.get("frames", {})
    openers = tuple(sorted(frames.get("openers", []), key=len, reverse=True))
    bullets = data.get("bullets", {})
    return (
        openers,
        frozenset(bullets.get("action_nouns", [])),
        frozenset(frames.get("speech", [])),
    )


def choose(
    ranked: list[Ranked], max_bullets: int, text: str = "", *, skip: set[int] | None = None
) -> list[Bullet]:
    """Group the top figures into at most ``max_bullets`` bullets.

    Figures of one clause share a bullet. When there are more clauses than
    bullets, clauses of one sentence are joined into one bullet to make room
    for further substantive figures (scores of at least :data:`MIN_JOIN_SCORE`).
    """
    bullets: list[Bullet] = []
    if max_bullets <= 0:
        return bullets
    by_clause: dict[tuple[int, int], int] = {}
    tries = 0
    closed = False
    for i, r in enumerate(ranked):
        m = r.mention
        if m.kind not in SUBSTANTIVE or m.trivia is not None or (skip and i in skip):
            continue
        if m.clause in by_clause:
            bullets[by_clause[m.clause]].figures.append(i)
            continue
        host = _relative_host(text, bullets, m) if text else None
        if host is not None:
            b = bullets[host]
            joined = (min(b.clauses[0][0], m.clause[0]), max(b.clauses[0][1], m.clause[1]))
            if _fits(text, ranked, Bullet([*b.figures, i], b.sentence, [joined]), [], []):
                b.figures.append(i)
                b.clauses[0] = joined
                by_clause[m.clause] = host
                continue
        if closed or _says_nothing_counted(m):
            continue
        if len(bullets) >= max_bullets:
            tries += 1
            if r.score < MIN_JOIN_SCORE or tries > MAX_LATE_TRIES:
                closed = True  # ranked by score: nothing further down will do better
                continue
            same = next(
                (
                    k
                    for k, b in enumerate(bullets)
                    if b.sentence == m.sentence and _fits(text, ranked, b, [i], [m.clause])
                ),
                None,
            )
            if same is not None:
                bullets[same].figures.append(i)
                bullets[same].clauses.append(m.clause)
                by_clause[m.clause] = same
                continue
            if m.kind not in CORE_KINDS or not _free_slot(bullets, by_clause, text, ranked):
                continue  # no room is made for trivia
        by_clause[m.clause] = len(bullets)
        bullets.append(Bullet([i], m.sentence, [m.clause]))
    return bullets


def _says_nothing_counted(m: Mention) -> bool:
    """A bare count, with neither unit nor subject, does not make a bullet of its own
    (``… با ۵ در مقابل ۳ …``: five what?); it may share the bullet of a figure of its
    clause."""
    return m.kind == "count" and m.unit is None and not m.subject


_BARE_LEADS = frozenset(
    ["به", "از", "در", "با", "تا", "نیز", "هم", "سپس", "همچنین", "نزدیک", "حدود"]
)


def _relative_host(text: str, bullets: list[Bullet], m: Mention) -> int | None:
    """The bullet whose clause a ``که …`` clause with a change figure continues.

    ``… به ۸۵ میلیون تومان رسید که نسبت به سال قبل ۴۲ درصد افزایش نشان می‌دهد``
    is one statement: the percent says how the figure before it changed.
    """
    opener = text[m.clause[0] : m.clause[0] + 3]
    if opener.startswith("که "):
        if m.change is None and m.kind not in ("percent", "multiplier"):
            return None
    elif opener.startswith("و "):
        # "… ۸۵۰ مگاوات افزایش یافت و به ۱٬۲۰۰ مگاوات رسید": no subject of its own.
        lead = text[m.clause[0] + 2 : m.qual_start if m.qual_start is not None else m.num_start]
        if any(w not in _BARE_LEADS for w in lead.split()):
            return None
    else:
        return None
    for k, b in enumerate(bullets):
        if b.sentence == m.sentence and len(b.clauses) == 1:
            gap = text[b.clauses[0][1] : m.clause[0]]
            if len(gap) <= 3 and not gap.strip(" ،,"):
                return k
    return None


def _fits(
    text: str, ranked: list[Ranked], b: Bullet, figures: list[int], clauses: list[tuple[int, int]]
) -> bool:
    """Whether ``b`` joined with more clauses still makes a short line."""
    if not text:
        return True
    joined = Bullet(b.figures + figures, b.sentence, b.clauses + clauses)
    if len(joined.figures) > 1:
        # Clauses are joined whole: a cut tail after «و» would leave a fragment.
        for clause in joined.clauses:
            ms = [
                ranked[i].mention
                for i in joined.figures
                if clause[0] <= ranked[i].mention.clause[0]
                and ranked[i].mention.clause[1] <= clause[1]
            ]
            if ms and _bounds(text, clause, ms)[2]:
                return False
    return _word_count(render(text, joined, ranked)) <= MAX_JOINED_WORDS


def _free_slot(
    bullets: list[Bullet],
    by_clause: dict[tuple[int, int], int],
    text: str,
    ranked: list[Ranked],
) -> bool:
    """Join the last bullet that shares a sentence with an earlier one into it."""
    for k in range(len(bullets) - 1, 0, -1):
        for h in range(k):
            if bullets[h].sentence == bullets[k].sentence and _fits(
                text, ranked, bullets[h], bullets[k].figures, bullets[k].clauses
            ):
                bullets[h].figures.extend(bullets[k].figures)
                bullets[h].clauses.extend(bullets[k].clauses)
                del bullets[k]
                by_clause.clear()
                for bi, b in enumerate(bullets):
                    for c in b.clauses:
                        by_clause[c] = bi
                return True
    return False


def finish(
    text: str,
    bullet: Bullet,
    ranked: list[Ranked],
    sentences: list[tuple[int, int]],
    shown: set[str],
    title: str | None = None,
    memo: dict[tuple[object, ...], tuple[str, list[int]] | None] | None = None,
) -> tuple[str, list[int]] | None:
    """The line of ``bullet`` as a complete statement, and the figures it states.

    Tried in turn: the clause as cut by :func:`render` (unless it opens with an
    adverbial, when its subject may lie before it); the clause taken whole
    from its sentence's subject to its finite verb (:func:`statement`); the
    cut clause after all; a headline-style line composed from the figure's
    record (:func:`compose`); the same for the best figure alone. A speaker's
    own words (``… گل خوردیم``) are kept only with the speaker named
    (``کربکندی: …``). A line that states a number an earlier bullet stated
    (``shown``) is not used. ``None`` when no line stands alone. ``memo``
    keeps the answers of earlier rounds of choosing for the same bullet.
    """
    key = (tuple(bullet.figures), tuple(bullet.clauses), frozenset(shown))
    if memo is not None and key in memo:
        return memo[key]
    done = _finish(text, bullet, ranked, sentences, shown, title)
    if memo is not None:
        memo[key] = done
    return done


def _finish(
    text: str,
    bullet: Bullet,
    ranked: list[Ranked],
    sentences: list[tuple[int, int]],
    shown: set[str],
    title: str | None,
) -> tuple[str, list[int]] | None:
    best = min(bullet.figures)
    m = ranked[best].mention
    sentence = sentences[m.sentence]
    if _asks(text, sentence, m):
        return None  # "چه کسی وثیقه ۱۰۰ میلیونی را فراهم کرد؟" states nothing
    own = sorted(i for i in bullet.figures if ranked[i].mention.clause == m.clause)
    ms = sorted((ranked[i].mention for i in own), key=lambda x: x.start)
    # A clause later in its sentence leaves its subject in the clauses before it:
    # only a clause that opens its sentence (after the frames) may stand alone.
    # A headline phrase (``غربالگری بیش از ۷۰ میلیون نفر``) has no subject to lose.
    cut = _finished(render(text, bullet, ranked))
    c0 = min(c[0] for c in bullet.clauses)
    if (
        _has_verb(cut)
        and not _opens_sentence(text, sentence, c0)
        and not (_names_its_subject(cut) and _after_clause(text, sentence, c0))
    ):
        cut = ""
    whole = sorted(bullet.figures)
    candidates: list[tuple[Callable[[], str], list[int]]] = []
    if not _opens_adjunct(cut):
        candidates.append((lambda: cut, whole))
    if len(bullet.clauses) == 1 and len(own) == len(bullet.figures):
        candidates.append((lambda: statement(text, sentence, ms), own))
    if cut.split(" ", 1)[0] not in _SUBJECTLESS_OPENERS:
        candidates.append((lambda: cut, whole))
    candidates.append((lambda: statement(text, sentence, ms), own))
    # Only a statement too long for a bullet is written anew from the figure's record.
    candidates.append((lambda: _compose_if_long(text, sentence, ms), own))
    if len(ms) > 1:
        candidates.append((lambda: statement(text, sentence, [m]), [best]))
        candidates.append((lambda: _compose_if_long(text, sentence, [m]), [best]))
    speaker: str | None = None
    tried: set[str] = set()
    for make, figs in candidates:
        line = _finished(make())
        if not line or line in tried:
            continue
        tried.add(line)
        line = resolve(line, text, sentence[0], title)  # "این شرکت" -> "شرکت ملی نفت"
        if numbers_in(line) & shown:
            continue
        line = _name_the_period(line, text, sentence, ranked)  # "در این مدت" -> "در ۸ ماهه"
        found = problems(line)
        # "«بارسا مجموعه‌ای از ۳۰ بازیکن خوب است …»": someone's words, said under their name
        quote = not found and _quoted(text, sentence, m) and ":" not in line
        # "سه بازی در ۹ روز انجام دادیم": the speaker's account, kept only with the speaker
        account = (
            found == ["speaker"]
            and quotable(line)
            and not _addresses_someone(line)
            and not any(ranked[i].mention.kind == "duration" for i in figs)
        )
        if quote or account:
            speaker = speaker or find_speaker(text, sentences, m.sentence, title) or ""
            quoted = _under_speaker(line, speaker)
            if quoted:
                return quoted, figs
        if not found:
            return line, figs
    return None


_THIS_PERIOD_RX = re.compile(r"(?:^|(?<=\s))(?:در|طی)\s+(?:این|همین)\s+مدت(?=[\s،]|$)")
PERIOD_LOOKBACK = 600
MIN_PERIOD_WORDS = 3


def _name_the_period(line: str, text: str, sentence: tuple[int, int], ranked: list[Ranked]) -> str:
    """``در این مدت ۱۰۴ هزار کامیون بارگیری شد``: the period is the one the sentences
    just before named for their figures (``در هفت ماهه امسال``); left as it is when
    none did."""
    hit = _THIS_PERIOD_RX.search(line)
    if hit is None:
        return line
    before, end = sentence
    spans = [r.mention.period_span for r in ranked if r.mention.period_span is not None]
    rest = line[: hit.start()] + " " + line[hit.end() :]
    if _names_a_period(rest) or any(
        before <= a and b <= end and not _THIS_PERIOD_RX.search(text[a:b]) for a, b in spans
    ):
        return line  # "در ۶ ماه ابتدای سال … در این مدت": its own sentence names the period
    earlier = [sp for sp in spans if before - PERIOD_LOOKBACK <= sp[0] and sp[1] <= before]
    if not earlier:
        return line
    a, b = max(earlier, key=lambda sp: sp[1])
    period = _SPACES_RX.sub(" ", text[a:b]).strip()
    if _THIS_PERIOD_RX.search(period) or " این " in f" {period} ":
        return line
    if period.split(" ", 1)[0] not in ("در", "طی", "ظرف"):
        period = "در " + period
    if len(period.split()) < MIN_PERIOD_WORDS:
        return line  # "طی ماه": too bare to say which
    return line[: hit.start()] + period + line[hit.end() :]


def _names_a_period(line: str) -> bool:
    """The line names a period of its own: a period phrase of the tables (``شش ماهه``،
    ``سال جاری``) after one of its prepositions."""
    t = tables()
    toks = tokenize(line)
    return any(
        toks[k].text in t.period_prep_starts
        and any(match_seq(toks, k + 1, h) for h in t.period_heads)
        for k in range(len(toks) - 1)
    )


def _asks(text: str, sentence: tuple[int, int], m: Mention) -> bool:
    """The figure's clause is a question: the sentence ends on a question mark with no
    clause mark between the figure and it (``۹۰ درصد … تامین می‌شود، آیا …؟`` states
    its figure before the question)."""
    tail = text[m.end : sentence[1] + 1].rstrip(" \n»\"'")
    return tail.endswith(("؟", "?")) and not any(ch in "،؛:.!" for ch in tail[:-1])


def _under_speaker(line: str, speaker: str) -> str:
    """``speaker: line`` when a speaker is named (not ``این مسئول``) and it fits."""
    if not speaker or speaker.split(" ", 1)[0] in _ANAPHORA:
        return ""  # "این مسئول: …": which one?
    quoted = f"{speaker}: {line}"
    return quoted if len(quoted) <= MAX_CHARS else ""


def _quoted(text: str, sentence: tuple[int, int], m: Mention) -> bool:
    """Whether the figure's clause stands inside a quotation of its sentence: a «
    opened before it and not closed until after the clause."""
    a, b = sentence
    before = text[a : m.num_start]
    if before.count("«") <= before.count("»"):
        return False
    close = text.find("»", m.num_start, b)
    return close < 0 or close >= m.clause[1]


_ADJUNCT_OPENERS = frozenset(
    {
        "با",
        "از",
        "در",
        "به",
        "برای",
        "تا",
        "طی",
        "پس",
        "پیش",
        "بعد",
        "قبل",
        "روز",
        "شب",
        "امروز",
        "بین",
        "میان",
        "طبق",
        "براساس",
        "هنوز",
        "سپس",
        "دیروز",
        "فردا",
        "اکنون",
        "هم‌اکنون",
    }
)
# "با نتیجه ۲ بر ۱ … به پایان رسید": a clause that opens so has left its subject behind.
_SUBJECTLESS_OPENERS = frozenset({"با", "بین", "میان"})


def _opens_adjunct(line: str) -> bool:
    """A clause that opens with an adverbial may have left its subject in the text before."""
    first = line.split(" ", 1)[0]
    return first in _ADJUNCT_OPENERS and _has_verb(line)


def _names_its_subject(line: str) -> bool:
    """``تعداد گروه‌های جهادی به … رسیده است``: a clause that opens with a noun of its own.

    A figure first is its clause's subject when the verb is passive
    (``و ۳۰ هزار هکتار … مجهز شدند``).
    """
    first = line.split(" ", 1)[0]
    if first[:1].isdigit():
        toks = [t for t in tokenize(line) if t.text[0].isalnum()]
        if any(t.text in _MONEY_WORDS for t in toks[:4]):
            return False  # "۸ هزار پوند جریمه شد": the amount is not who was fined
        last = next((t for t in reversed(toks) if is_verb_token(t)), None)
        return last is not None and verb_stem(last.text) in _PASSIVE_STEMS
    if first in _ADJUNCT_OPENERS or first in _ANAPHORA or not first[:1].isalpha():
        return False
    heads = tables()
    return (
        first in heads.keep_heads
        or first in heads.drop_heads
        or bool(lexicon().pos(first) & N and not lexicon().pos(first) & (P | ADV | PRO | DET))
    )


_ANAPHORA = frozenset({"این", "آن", "او", "وی", "ایشان", "همین", "آنها", "آن‌ها"})
_MONEY_WORDS = frozenset({"تومان", "ریال", "دلار", "یورو", "پوند", "درهم", "روبل", "لیر", "ین"})


def _has_verb(line: str) -> bool:
    toks = [t for t in tokenize(line) if t.text[0].isalnum()]
    return any(is_finite(toks, k) for k in range(len(toks)))


@cache
def _asides_rx() -> re.Pattern[str]:
    asides = load_toml("phrases.toml").get("frames", {}).get("asides", [])
    alts = "|".join(re.escape(a) for a in sorted(asides, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{alts})\s*،?(?=\s|$)") if alts else re.compile(r"(?!)")


@cache
def _match_pointers_rx() -> re.Pattern[str]:
    pointers = load_toml("phrases.toml").get("frames", {}).get("match_pointers", [])
    alts = "|".join(re.escape(a) for a in sorted(pointers, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{alts})\s*،?(?=\s|$)") if alts else re.compile(r"(?!)")


def _unpointed(line: str) -> str:
    """``line`` without the pointers to the match that stand on their own as an adjunct:
    not one that names a defeat (``با شکست در این بازی``), nor one the next word goes on
    (``در این بازی حساس``، ``در این بازی و …``)."""
    lex = lexicon()
    score_words = tables().score_words

    def drop(m: re.Match[str]) -> str:
        before = line[: m.start()].split()
        after = line[m.end() :].split()
        nxt = after[0] if after else ""
        if before and (before[-1] in score_words or before[-1] in tables().change_nouns):
            return m.group(0)
        if nxt in ("ها", "های", "و", "یا") or (lex.pos(nxt) & AJ and not lex.pos(nxt) & N):
            return m.group(0)
        return " "

    return _SPACES_RX.sub(" ", _match_pointers_rx().sub(drop, line)).strip(_EDGE_PUNCT)


def _finished(line: str | None) -> str:
    if not line:
        return ""
    line = _asides_rx().sub(" ", line)  # "آلمان برای مثال در بازی اول …"
    line = _ALSO_RX.sub("", line)  # "احمدی‌نژاد نیز ۲۳ هزار رای کسب کرد": also, than whom?
    unpointed = _unpointed(line)
    if unpointed != line and is_complete(unpointed):
        line = unpointed  # "… در این دیدار ۳۳۴ بار پاس دادند": which match, the title says
    line = _SPACES_RX.sub(" ", line).strip(_EDGE_PUNCT)
    if ends_on_participle(line):
        succeeded = _SUCCEEDED_RX.search(line)
        if succeeded:
            # "چلسی موفق شد پورتو را شکست داده و … صعود کند": what it succeeded in, said plainly
            plural = succeeded.group(1) == "شدند"
            line = line[: succeeded.start()] + " " + line[succeeded.end() :]
            return _SPACES_RX.sub(" ", line[:-1] + ("ند" if plural else "")).strip()
        line += " است"  # "… ساخته شده": the agency dropped the auxiliary
    return line


_ALSO_RX = re.compile(r"(?<=\S)\s+نیز(?=\s|$)")
_SUCCEEDED_RX = re.compile(r"(?:^|\s)موفق\s+(شد|شدند)\s")


def _usable(line: str, shown: set[str]) -> bool:
    return bool(line) and is_complete(line) and not (numbers_in(line) & shown)


@lru_cache(maxsize=512)
def _sentence_tokens(text: str, a: int, b: int) -> list[Token]:
    """The tokens of ``text[a:b]`` (offsets in ``text``), kept while one text is digested."""
    return tokenize(text[a:b], a)


def statement(text: str, sentence: tuple[int, int], ms: list[Mention]) -> str:
    """The clause of the figures ``ms`` whole: from after the clause before it to its verb."""
    a, b = sentence
    toks = _sentence_tokens(text, a, b)
    first = min(m.qual_start if m.qual_start is not None else m.num_start for m in ms)
    last = max(m.np_end for m in ms)
    i0 = next((k for k, t in enumerate(toks) if t.end > first), None)
    i1 = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].start < last), None)
    if i0 is None or i1 is None:
        return ""
    end = _verb_after(toks, i1 + 1)
    if end is None:
        return ""
    start = _sentence_start(toks, i0)
    c0, c1 = _strip_frames(text, toks[start].start, toks[end].end, first, _phrases()[0])
    if _runs_on_at(text, c1):
        return ""
    if c1 - c0 > 2 * MAX_CHARS:
        return ""
    return _with_digits(text, c0, c1, ms)


def _opens_sentence(text: str, sentence: tuple[int, int], c0: int) -> bool:
    """Whether the clause at ``c0`` is the first of its sentence once frames are set aside."""
    a, b = sentence
    toks = _sentence_tokens(text, a, b)
    i0 = next((k for k, t in enumerate(toks) if t.end > c0), None)
    if i0 is None:
        return False
    start = toks[_sentence_start(toks, i0)].start
    if start >= c0:
        return True
    s0, _ = _strip_frames(text, start, b, c0, _phrases()[0])
    return s0 >= c0 or not text[s0:c0].strip(_EDGE_PUNCT)


def _after_clause(text: str, sentence: tuple[int, int], c0: int) -> bool:
    """Whether the text before ``c0`` ends a clause of its own (its verb, then «و» or a comma).

    ``سه واحد پلی اتلین کردستان، مهاباد و …``: a comma inside a list is no clause end.
    """
    a, b = sentence
    toks = _sentence_tokens(text, a, b)
    k = next((i for i, t in enumerate(toks) if t.end > c0), len(toks)) - 1
    while k >= 0 and toks[k].text in ("و", "،", ",", "؛"):
        k -= 1
    return k >= 0 and is_finite(toks, k)


def _sentence_start(toks: list[Token], i0: int) -> int:
    """Where the sentence holding ``i0`` starts its own words: after a colon or quote mark."""
    for k in range(i0 - 1, -1, -1):
        w = toks[k].text
        if w in (":", "؛", ";") or (w in ("«", '"') and (k == 0 or toks[k - 1].text == ":")):
            return k + 1  # a quoted title («دیو و ماه‌پیشونی»، "لانکاوی") starts no sentence
    return 0


_CLAUSE_STOPS = frozenset({":", "؛", ";", "«", "»", '"', "که"})
MAX_VERB_DISTANCE = 24
MAX_SUBJECT_DISTANCE = 30


_COPULAS = frozenset({"است", "بود", "هستند", "بودند", "باشد", "نیست", "نبود", "می‌باشد"})


def _verb_after(toks: list[Token], k: int) -> int | None:
    """Index of the last token of the first finite verb group at or after ``k``."""
    relative = False
    for j in range(k, min(len(toks), k + MAX_VERB_DISTANCE)):
        w = toks[j].text
        if w in (":", "؛", ";", ".", "!", "?", "؟"):
            return None
        if w == "که":
            relative = True  # ۲۶ گلی که … به ثمر رساند: that verb is the relative clause's
            continue
        if is_finite(toks, j) and not is_modal(w):
            j = _coordinated_participle(toks, j)
            e = j
            while (
                e + 1 < len(toks)
                and toks[e + 1].text[0].isalpha()
                and (is_finite(toks, e + 1) or toks[e + 1].text in ("است", "اند", "شد", "شده"))
            ):
                e += 1
            if relative:
                relative = False
                continue
            if e + 1 < len(toks) and toks[e + 1].text == "که" and toks[e].text in _COPULAS:
                relative = True  # "تنها بازیکنی بود که …": the predicate goes on
                continue
            return e
    return None


_RUN_ON_STOPS = frozenset({"و", "اما", "ولی", "که", "تا", "یا", "بلکه", "زیرا", "چون", "چرا"})


def _runs_on_at(text: str, end: int) -> bool:
    """:func:`_verb_runs_on` for a line of ``text`` that would end at ``end``; or the
    line ends on a predicate whose content follows (``… کافی است | تا …``)."""
    nxt = _NEXT_WORD_RX.match(text, end)
    if nxt is None:
        return False
    word = nxt.group(1)
    if word in ("تا", "که"):
        head = text[max(0, end - 30) : end].rstrip(_EDGE_PUNCT)
        if word == "که" and _ONLY_COUNT_RX.search(text, max(0, end - 120), end):
            return True  # "فقط ۴ تیم … حضور دارند | که …": the «که» clause says which ones
        return head.endswith(statement_words().wants_complement)
    if not word[0].isalpha() or word in _RUN_ON_STOPS:
        return False  # a boundary right after the line: nothing runs on
    return _verb_runs_on(tokenize(text[end : end + 80], end), 0)


_NEXT_WORD_RX = re.compile(r"[ \t\u200c]*(\S+)")
_ONLY_COUNT_RX = re.compile(r"(?:^|\s)(?:فقط|تنها)\s+[0-9۰-۹]")


def _verb_runs_on(toks: list[Token], k: int) -> bool:
    """Whether the clause goes on at ``toks[k]`` to a verb of its own, no boundary
    between: ``… که حدود ۱۶ میلیارد دلار برآورد می‌شود | گفت و گو کنند``، ``… که
    استاندارد بایرن بوده | فاصله خواهد گرفت``. The verb before was a relative
    clause's; the clause's own verb is still to come."""
    j, stop = k, min(len(toks), k + 5)
    while j < stop:
        w = toks[j].text
        noun = next((n for n in statement_words().verb_like_nouns if match_seq(toks, j, n)), None)
        if noun is not None:
            j, stop = j + len(noun), min(len(toks), stop + len(noun))  # گفت و گو: a noun
            continue
        if not w[0].isalnum() or w in _RUN_ON_STOPS or has_digit(toks[j]):
            return False
        if is_finite(toks, j) or is_subjunctive(w):  # … گفت و گو کنند
            said = " ".join(t.text for t in toks[k : j + 1])
            return said not in _phrases()[2]  # "… خبر داد": the frame, set aside on purpose
        j += 1
    return False


def _coordinated_participle(toks: list[Token], j: int) -> int:
    """``بهبود یافته و ترخیص شده‌اند``: a participle before «و» shares the verb after it."""
    if j + 1 >= len(toks) or toks[j + 1].text != "و" or not is_participle(toks[j].text):
        return j
    for k in range(j + 2, min(len(toks), j + 6)):
        if toks[k].text in ("،", ",", ":", "؛", "."):
            return j
        if is_finite(toks, k) and not is_participle(toks[k].text):
            return k
    return j


def _clause_start(toks: list[Token], i0: int) -> int:
    """Start of the clause holding token ``i0``: after the verb, colon or «که» before it."""
    lo = max(0, i0 - MAX_SUBJECT_DISTANCE)
    for k in range(i0 - 1, lo - 1, -1):
        w = toks[k].text
        if w in _CLAUSE_STOPS or is_finite(toks, k):
            return k + 1
    if lo == 0:
        return 0
    comma = next((k for k in range(i0 - 1, lo - 1, -1) if toks[k].text in ("،", ",")), None)
    return comma + 1 if comma is not None else lo


def _compose_if_long(text: str, sentence: tuple[int, int], ms: list[Mention]) -> str:
    """:func:`compose`, where the figure's whole statement is complete but too long."""
    whole = _finished(statement(text, sentence, ms))
    if not whole or problems(whole) != ["long"]:
        return ""
    return compose(text, sentence, ms)


def _addresses_someone(line: str) -> bool:
    """``… باشگاه متمولی هستید``: the second person is the interviewer's question."""
    return any(w.endswith("ید") and is_first_or_second_person(w) for w in line.split())


def compose(text: str, sentence: tuple[int, int], ms: list[Mention]) -> str:
    """A headline-style line from the record of the first figure of ``ms``.

    ``<event noun> <qualifier> <value> <unit> <subject> <period>``, the event
    named by the verb of the figure's clause (``۱۷ نفر … دستگیر شدند`` ->
    ``دستگیری ۱۷ نفر …``); a percent change reads ``افزایش ۱۲ درصدی صادرات``.
    Empty when the record lacks what the line needs.
    """
    m = ms[0]
    w = statement_words()
    a, b = sentence
    if _RESPECTIVELY_RX.search(text, a, b):
        return ""  # "… به ترتیب هفت و ۲۵ درصد": which figure is whose is not in one record
    toks = _sentence_tokens(text, a, b)
    q0 = m.qual_start if m.qual_start is not None else m.num_start
    bare = False  # nothing after the count but its unit
    if m.kind == "percent" and m.change is not None:
        if not m.subject:
            return ""
        number = _PERCENT_WORD_RX.sub("", _with_digits(text, m.num_start, m.num_end, [m]))
        line = f"{w.change_nouns[m.change]} {number} درصدی {m.subject}"
    else:
        if m.subject is None:
            return ""  # "برگزاری ۲۱ نفر": what the number counts is unknown
        after = next((k for k, t in enumerate(toks) if t.start >= m.np_end), len(toks))
        np_end = m.np_end
        events = statement_words().event_nouns
        # "۴۲ کیلو حشیش کشف و …": the phrase stops before the event's own word.
        while after > 0 and toks[after - 1].text in events and toks[after - 1].start >= m.end:
            after -= 1
            np_end = toks[after - 1].end if after > 0 else m.end
        own_event = after < len(toks) and toks[after].text in events
        if not own_event and _object_before_verb(toks, after):
            return ""  # "۵ میلیون نفر … درخواست را ثبت کرده‌اند": they did it, it befell no one
        noun = (
            events[toks[after].text]  # "۴۲ کیلو حشیش کشف و …": the first event is the figure's
            if own_event
            else event_of(toks, after, after + MAX_VERB_DISTANCE)
        )
        if noun is None or (m.unit == "نفر" and noun in _not_people_event_nouns()):
            return ""  # "برگزاری ۴۵۰ نفر": the courses were held, not the people
        if noun in _PEOPLE_ONLY_EVENTS and not _may_count_people(m):
            return ""  # "دستگیری ۵ کیلو حشیش": the men were arrested, the drugs found
        line = noun + " " + _with_digits(text, q0, max(np_end, m.end), [m])
        bare = not text[m.end : max(np_end, m.end)].strip(_EDGE_PUNCT)
    period = m.period_span is not None and not (q0 <= m.period_span[0] < m.np_end)
    if m.kind != "percent" and bare and not period:
        return ""  # "بستری شدن حدود ۳۱۲ نفر": of whom, where? nothing but the count
    if period and m.period_span is not None:
        line += " " + text[m.period_span[0] : m.period_span[1]]
    if _word_count(line) < MIN_COMPOSED_WORDS:
        return ""  # "اعزام ۲ دستگاه آمبولانس": who sent them, where?
    return line


_PERCENT_WORD_RX = re.compile(r"\s*(?:درصد|%|٪)$")
_RESPECTIVELY_RX = re.compile(r"(?:^|\s)به\s*ترتیب(?:\s|$)")
_PEOPLE_ONLY_EVENTS = frozenset(
    load_toml("phrases.toml").get("subject", {}).get("people_only_events", [])
)


def _object_before_verb(toks: list[Token], after: int) -> bool:
    """A «را» between the figure and its clause's verb: the verb has another object, and
    the figure is who acted."""
    for k in range(after, min(len(toks), after + MAX_VERB_DISTANCE)):
        w = toks[k].text
        if w in ("،", ".", "؛", ":") or is_finite(toks, k):
            return False
        if w == "را":
            return True
    return False


def _may_count_people(m: Mention) -> bool:
    """A count of persons: its unit counts people (نفر، تن) or none is written."""
    return m.unit is None or any(u.people for u in tables().unit_index.get(m.unit, []))


@cache
def _not_people_event_nouns() -> frozenset[str]:
    """The verbal nouns of events that happen to things, not to the people counted."""
    events = statement_words().event_nouns
    return frozenset(events[w] for w in NOT_PEOPLE_EVENTS if w in events)


def _with_digits(text: str, c0: int, c1: int, ms: list[Mention]) -> str:
    """``text[c0:c1]`` with spelled-out figures written in digits."""
    pieces: list[str] = []
    pos = c0
    for m in sorted(ms, key=lambda x: x.num_start):
        if m.num_start < pos or m.num_end > c1:
            continue
        pieces.append(text[pos : m.num_start])
        pieces.append(_digits_form(text[m.num_start : m.num_end], m))
        pos = m.num_end
    pieces.append(text[pos:c1])
    return _SPACES_RX.sub(" ", "".join(pieces)).strip(_EDGE_PUNCT)


def render(text: str, bullet: Bullet, ranked: list[Ranked]) -> str:
    """The Persian line of one bullet."""
    parts: list[str] = []
    for clause in sorted(bullet.clauses):
        ms = [
            ranked[i].mention
            for i in bullet.figures
            if clause[0] <= ranked[i].mention.clause[0] and ranked[i].mention.clause[1] <= clause[1]
        ]
        ms.sort(key=lambda m: m.start)
        line = render_clause(text, clause, ms)
        if line:
            parts.append(line)
    heads = statement_words().heads
    if len(parts) > 1 and not all(_has_verb(p) or p.split(" ", 1)[0] in heads for p in parts):
        return ""  # "در ۱۶۷ بازی و هر بازی … داشته است": clauses of two sentences glued
    clauses = sorted(bullet.clauses)
    if len(parts) > 1 and any(":" in text[a[1] : b[0]] for a, b in itertools.pairwise(clauses)):
        return ""  # "… اشاره کرد و … اذعان داشت: … داشتیم": the reporter's clause and a quote
    return " و ".join(parts)


def render_clause(text: str, clause: tuple[int, int], ms: list[Mention]) -> str:
    """The bullet text of the figures ``ms`` of one clause."""
    line = _render_clause(text, clause, ms)
    if ms and _word_count(line) < MIN_WORDS:
        # "۲۵ روز است": too bare alone; take the clause before it along.
        start = _previous_clause_start(text, clause[0])
        if start < clause[0]:
            longer = _render_clause(text, (start, clause[1]), ms)
            if _word_count(longer) > _word_count(line):
                return longer
    return line


def _previous_clause_start(text: str, c0: int) -> int:
    """Start of the clause before ``c0`` in the same sentence (``c0`` if none)."""
    head = text[max(0, c0 - 240) : c0].rstrip(" ")
    if not head or head[-1] in ".!?؟\n":
        return c0
    window = head.rstrip(_EDGE_PUNCT)
    base = max(0, c0 - 240)
    cut = max(window.rfind(ch) for ch in ".!?؟\n:؛")
    return base + cut + 1 if cut >= 0 else base


def _bounds(text: str, clause: tuple[int, int], ms: list[Mention]) -> tuple[int, int, bool]:
    """The clause without frames and preamble, and whether its tail must be cut."""
    openers = _phrases()[0]
    c0, c1 = clause
    first = min(m.qual_start if m.qual_start is not None else m.num_start for m in ms)
    c0, c1 = _strip_frames(text, c0, c1, first, openers)
    c0 = _skip_preamble(text, c0, first)
    last_end = max(m.np_end for m in ms)
    limit = MAX_JOINED_WORDS if " که " in text[first:last_end] or len(ms) > 2 else MAX_WORDS
    numbers_words = sum(_word_count(text[m.num_start : m.num_end]) - 1 for m in ms)
    too_long = _word_count(text[c0:c1]) - numbers_words > limit or "،" in text[last_end:c1]
    return c0, c1, too_long


def _render_clause(text: str, clause: tuple[int, int], ms: list[Mention]) -> str:
    c0, c1 = clause
    if not ms:
        return _SPACES_RX.sub(" ", text[c0:c1]).strip(_EDGE_PUNCT)
    openers, action_nouns, _speech = _phrases()
    c0, c1, too_long = _bounds(text, clause, ms)
    last_end = max(m.np_end for m in ms)
    if not too_long and _runs_on_at(text, c1):
        return ""
    trimmed = False
    if too_long:
        c1 = _extend_change(text, _extend_pp(text, last_end, c1), c1)
        for m in ms:  # keep a period phrase right after the cut (در ۲۴ ساعت گذشته)
            if m.period_span and 0 <= m.period_span[0] - c1 <= 2 and m.period_span[1] <= clause[1]:
                c1 = m.period_span[1]
        trimmed = True
    # Positional edits first: spelled numbers as digits.
    pieces: list[str] = []
    pos = c0
    for m in ms:
        if m.num_start < pos or m.num_end > c1:
            continue
        pieces.append(text[pos : m.num_start])
        raw = text[m.num_start : m.num_end]
        pieces.append(_digits_form(raw, m))
        pos = m.num_end
    pieces.append(text[pos:c1])
    s = "".join(pieces)
    s = _SPACES_RX.sub(" ", s).strip(_EDGE_PUNCT)

    period_phrase = None
    for m in ms:
        if m.period_span is not None:
            period_phrase = text[m.period_span[0] : m.period_span[1]]
            break

    moved = ""
    if period_phrase and s.startswith(period_phrase + " ") and len(s) > len(period_phrase) + 8:
        s = s[len(period_phrase) + 1 :].strip(_EDGE_PUNCT)
        moved = period_phrase
    s = _join_list(s) if trimmed and len(ms) > 1 else s
    if trimmed:
        s = _RA_BEFORE_NUMBER_RX.sub(" ", s)
    s = s if trimmed else _nominalise(s, action_nouns, openers)
    # "این تعداد به ... رسیده" -> name what is counted.
    for m in ms:
        if m.subject_surface and "این تعداد" in s:
            s = s.replace("این تعداد", "تعداد " + m.subject_surface, 1)
    if s.endswith(" رسیده"):
        s += " است"
    if moved:
        words = tokenize(s)
        if words and is_verb_token(words[-1]):
            s = moved + " " + s  # a clause that ends in its verb keeps its word order
        else:
            s = s.rstrip(_EDGE_PUNCT) + " " + moved
    s = _SPACES_RX.sub(" ", s).strip(_EDGE_PUNCT)
    return s


def _strip_frames(
    text: str, c0: int, c1: int, first: int, openers: tuple[str, ...]
) -> tuple[int, int]:
    """Move the clause bounds past reporting frames and empty openers."""
    seg = text[c0:c1]
    lead = len(seg) - len(seg.lstrip(_EDGE_PUNCT))
    c0 += lead
    seg = text[c0:c1]
    rep = REPORT_FRAME_RX.match(seg)
    if rep and c0 + rep.end() <= first:
        c0 += rep.end()
        seg = text[c0:c1]
    news = _NEWS_RX.match(seg.rstrip(_EDGE_PUNCT))
    if news and c0 + news.start("body") <= first:
        c1 = c0 + news.end("body")
        c0 += news.start("body")
        seg = text[c0:c1]
    talk = _INTERVIEW_RX.match(seg)
    if talk and c0 + talk.end() <= first:
        c0 += talk.end()
        seg = text[c0:c1]
    said = _SAID_RX.match(seg)
    if said and c0 + said.end() <= first:
        c0 += said.end()
        seg = text[c0:c1]
    tail = _speech_tail_rx().search(seg)
    if tail and c0 + tail.start() > first:
        c1 = c0 + tail.start()
        seg = text[c0:c1]
    stripped = _strip_openers(seg, openers)
    cut = len(seg) - len(stripped)
    if c0 + cut <= first:
        c0 += cut
    return c0, c1


_INTERVIEW_RX = re.compile(
    r"^[^،:؛]{0,120}?\s(?:در\s+)?گفت\S*\s*و\S*\s*گو\s+با\s+(?:خبرنگار|خبرگزاری|پایگاه|سایت)"
    r"(?:\s+\S+){0,5}?\s+(?:فارس|ایرنا|ایسنا|مهر|تسنیم|ایلنا|ما|جوان|شانا|برنا|پانا|ورزش۳)"
    r"(?:\s+(?:در\s+خصوص|درباره|درمورد|در\s+مورد))?\s*،?\s*"
)
_SAID_RX = re.compile(
    r"^(?:[^،:؛]{0,160}?\s)?با\s+(?:(?:بیان|اعلام|تاکید\s+بر|تأکید\s+بر|یادآوری)\s+(?:این\s*که|این‌که)"
    r"|اشاره\s+به(?:\s+(?:این\s*که|این‌که))?)\s+"
)


@cache
def _speech_tail_rx() -> re.Pattern[str]:
    """A speech verb closing the clause (``… ثبت نام کردند، گفت``)."""
    speech = sorted(_phrases()[2], key=len, reverse=True)
    speech += ["اظهار", "تصریح", "خاطرنشان", "عنوان", "بیان"]
    alts = "|".join(re.escape(v) for v in speech)
    return re.compile(rf"[\s،,]+(?:{alts})$")


_PP_RX = re.compile(r"\s*(?:به|در|برای|میان|بین)\s")


_CHANGE_TAIL_RX = re.compile(
    r"\s+(?:افزایش|کاهش|رشد|افت|کمتر|بیشتر|کم‌تر)(?:\s+(?:یافت|یافته|داشت|داشته|است|دارد|شد|شده"
    r"|نشان\s+می‌دهد|پیدا\s+کرد|پیدا\s+کرده))*(?:\s+است)?"
)


def _extend_change(text: str, end: int, limit: int) -> int:
    """Keep ``افزایش یافت`` / ``کمتر است`` after a trimmed percent."""
    m = _CHANGE_TAIL_RX.match(text, end, limit)
    return m.end() if m else end


def _extend_pp(text: str, end: int, limit: int) -> int:
    """Keep one short prepositional phrase after a trimmed figure (``به افراد نیازمند``)."""
    m = _PP_RX.match(text, end, limit)
    if not m:
        return end
    toks = tokenize(text[end:limit], end)
    if len(toks) < 2:
        return end
    stop = noun_phrase_end(toks, 1, len(toks))
    if stop <= 1:
        return end
    return toks[stop - 1].end


def _skip_preamble(text: str, c0: int, first: int) -> int:
    """Start a long lead-in to the first figure at its last comma, else a few words back."""
    lead = text[c0:first]
    if _word_count(lead) <= MAX_LEAD_WORDS:
        return c0
    comma = max(lead.rfind("،"), lead.rfind("؛"))
    if lead.count("،") >= 2 and not any(is_verb_token(t) for t in tokenize(lead)):
        return c0  # "تیم‌های الف، ب، ج و د ۶ تیم دیگر …": a list, every item of it the subject
    if (
        comma >= 0
        and _opens_with_subject(lead)
        and not any(is_verb_token(t) for t in tokenize(lead[:comma]))
    ):
        return c0  # "سه واحد پلی اتلین کردستان، مهاباد و …": the subject, its list cut at a comma
    if comma >= 0 and _word_count(lead[comma + 1 :]) >= 1:
        return c0 + comma + 1
    return c0  # never cut a lead between words: the line may lose its subject


def _opens_with_subject(lead: str) -> bool:
    """The lead-in starts with a noun or a number (``سه واحد …``), not an adverbial or a
    connective (``با توجه به …``، ``بدین ترتیب …``)."""
    words = lead.split(None, 1)
    if not words or words[0] in _ADJUNCT_OPENERS:
        return False
    first = words[0]
    pos = lexicon().pos(first)
    return (
        first[0].isdigit()
        or bool(pos & NUM)
        or bool(pos & N and not pos & (P | ADV | PRO | DET | CONJ))
    )


def _word_count(s: str) -> int:
    return sum(1 for t in s.split() if any(ch.isalnum() for ch in t))


def _strip_openers(s: str, openers: tuple[str, ...]) -> str:
    changed = True
    while changed and s and not continues_event(s):  # "در ادامه رقابت‌های لیگ، …" stays
        changed = False
        for op in openers:
            if not (s.startswith(op + " ") or s.startswith(op + "،")):
                continue
            if s[len(op) + 1 :].split(" ", 1)[0] in opener_compounds().get(op, ()):
                continue  # "هم تیمی‌های گوچی …": one word, no opener
            rest = s[len(op) + 1 :].lstrip(_EDGE_PUNCT)
            if " " in op and rest.startswith("و "):
                # "با این اقدام و شناسایی انشعاب‌های غیرمجاز، …": the phrase goes on to its comma
                comma = rest.find("،", 0, MAX_COORDINATED_OPENER)
                if comma < 0:
                    continue
                rest = rest[comma + 1 :].lstrip(_EDGE_PUNCT)
            s = rest
            changed = True
            break
    return s


MAX_COORDINATED_OPENER = 100  # characters from an opener's «و» to the comma that ends it


_PASSIVE_STEMS = frozenset({"شد", "شو", "گردید", "گرد"})


def _nominalise(s: str, action_nouns: frozenset[str], openers: tuple[str, ...]) -> str:
    """``X <noun> <light verb…>`` -> ``<noun> X`` (``X را`` loses its ``را``)."""
    toks = tokenize(s)
    words = [t for t in toks if t.text[0].isalnum()]
    if len(words) < 3:
        return s
    k = len(words) - 1
    group = 0
    while k >= 0 and group < 3 and is_verb_token(words[k]):
        k -= 1
        group += 1
    if group == 0 or k < 1:
        return s
    first_verb = words[k + 1]
    noun = words[k]
    if noun.text not in action_nouns or not is_light_verb(first_verb):
        return s
    body = s[: noun.start].rstrip(_EDGE_PUNCT + " ")
    marked = body.endswith(" را")
    if marked:
        body = body[:-3]
    elif verb_stem(first_verb.text) not in _PASSIVE_STEMS and not any(
        is_first_or_second_person(w.text) for w in words[k + 1 :]
    ):
        return s  # "۳۳ مرکز … تسهیلات ارائه می‌دهند": the figure is the subject, not the object
    if " را " in body or "باید" in body or "می‌توان" in body:
        return s  # a subject or modal of its own: keep the verb
    events = statement_words().event_nouns
    parts = body.split()
    if any(
        (w in action_nouns or w in events) and nxt == "و"
        for w, nxt in itertools.pairwise(parts[1:])
    ):
        return s  # "… اخطاریه صادر و ۱۲ واحد پلمب شد": two events; the noun heads only one
    head = body.split()[:1]  # "ما یک لیگ … برگزار کردیم": the figure must open the phrase
    if not any(_DIGIT_OR_NUMBER_RX.search(w) for w in head):
        return s  # the figure is not what the clause is about
    if parts and parts[0] in _ADJUNCT_OPENERS:
        return s  # "با حضور ۱۵۰ نفر … برگزار شد": the figure is no part of what was held
    body = re.sub(r"\s+(?:تا\s*کنون|تاکنون|هم\s*اکنون|نیز|هم)$", "", body)
    body = _strip_openers(body, openers)
    if not body:
        return s
    head_noun = statement_words().event_nouns.get(noun.text) or (
        noun.text + ("ی" if noun.text.endswith(("ا", "و")) else "")  # اجرای، اهدای
    )
    return head_noun + " " + body


def _join_list(s: str) -> str:
    """``A، B`` at the end of a trimmed list -> ``A و B``."""
    i = s.rfind("،")
    if i > 0 and "،" not in s[i + 1 :] and " و " not in s[i + 1 :]:
        s = s[:i].rstrip() + " و " + s[i + 1 :].lstrip()
    return s


def _digits_form(raw: str, m: Mention) -> str:
    if m.value is None or m.range is not None or not _SPELLED_RX.search(raw):
        return raw
    if re.search("[۰-۹]", raw) is None and m.value < 10 and m.kind != "percent":
        return raw  # "سه" reads better than "۳" in running text
    if raw.startswith("یک ") and m.value >= 1e6 and not _SPELLED_RX.search(raw[3:]):
        return raw  # "یک میلیون و ۵۰۰ هزار" is already how figures are written
    tail = _TAIL_RX.search(raw)
    return persian_number(m.value) + (" " + tail.group(1) if tail else "")


_TAIL_RX = re.compile(r"\s*(درصدی?|برابری?|[٪%])$")


def persian_number(v: float) -> str:
    """``1235`` -> ``۱٬۲۳۵``, ``10150000`` -> ``۱۰ میلیون و ۱۵۰ هزار`` (Persian digits)."""
    neg = v < 0
    v = abs(v)
    if not float(v).is_integer():
        out = f"{v:.2f}".rstrip("0").rstrip(".").replace(".", "٫")
        return ("منفی " if neg else "") + out.translate(_TO_PERSIAN)
    n = int(v)
    if n < 10000:
        out = f"{n:,}".replace(",", "٬")
    else:
        parts: list[str] = []
        for scale, name in (
            (10**12, "هزار میلیارد"),
            (10**9, "میلیارد"),
            (10**6, "میلیون"),
            (10**3, "هزار"),
        ):
            if n >= scale:
                parts.append(f"{n // scale} {name}")
                n %= scale
        if n:
            parts.append(str(n))
        out = " و ".join(parts)
    return ("منفی " if neg else "") + out.translate(_TO_PERSIAN)
