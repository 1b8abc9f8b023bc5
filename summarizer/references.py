"""Back-references a bullet cannot keep: ``این شرکت`` named as the article named it.

A sentence of a report leans on the ones before it: ``در بخش گردشگری این شرکت ۲۲
هتل را بازسازی کرد`` says which company only in an earlier sentence (``شرکت ملی
نفت …``). Taken out of its article as a bullet, the line loses that. Where the text
before the line names the noun with a name of its own, and one name only, the
demonstrative is replaced by that name: ``شرکت ملی نفت ۲۲ هتل را بازسازی کرد``.
Nothing is guessed: a noun the text never named, or named two ways, stays as it
was, and so does one the title names (the reader sees the title with the bullets).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from summarizer.figures import tables
from summarizer.lexicon import ADV, CONJ, DET, PRO, P, lexicon, load_toml, verb_stem
from summarizer.normalize import normalize

_DEMONSTRATIVE_RX = re.compile(r"(?:^|(?<=\s))(?:این|همین)\s+(\S+)")
_WORD_RX = re.compile(r"[^\s،,.؛;:!؟?«»\"()\[\]]+")
_PUNCT_RX = re.compile(r"[،,.؛;:!؟?«»\"()\[\]]")
_CLEFT_RX = re.compile(r"\s+(?:\S+\s+)?(?:بود|است|بودند|هستند)\s+که(?:\s|$)")
MAX_NAME_WORDS = 2
# A name in guillemets right after the noun, of a few words: جشنواره «کارلوی واری»
_QUOTED_NAME_RX = re.compile(r"\s*«[^«»\n.،,]{2,40}»")
_SOURCE_FRAMES = ("گزارش", "نقل از", "به گفته", "اعلام")
LOOKBACK = 1500


@cache
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    data = load_toml("phrases.toml").get("references", {})
    return frozenset(data.get("never_resolved", [])), frozenset(data.get("not_names", []))


@lru_cache(maxsize=64)
def _normalized(title: str) -> str:
    return normalize(title).text


def _light_verb(word: str) -> bool:
    return (verb_stem(word) or "") in tables().light_verbs


def resolve(line: str, text: str, before: int, title: str | None = None) -> str:
    """``line`` with its first ``این <noun>`` named as the text before ``before`` named
    it; unchanged when nothing names it, or the title already does."""
    m = _DEMONSTRATIVE_RX.search(line)
    if m is None:
        return line
    noun = m.group(1)
    never, _ = _tables()
    if noun in never or not noun[0].isalpha() or noun.endswith(("ها", "‌ها", "ان")):
        return line
    if _CLEFT_RX.match(line, m.end()):
        return line  # "این اوکراین بود که ۲ گل زد": «این» stresses a name, it points nowhere
    headline = _normalized(title) if title else ""
    if re.search(r"(?:^|\s)" + re.escape(noun) + r"(?:\s|$)", headline):
        return line  # the title names it for the reader: «این نمایشگاه» under «نمایشگاه کتاب …»
    places = _places().get(noun)
    if places is not None:
        name = _last_place(places, line, m.start(), text, before)
    else:
        # the sentence's own words before the line count too: "… در افتتاحیه دهمین
        # نمایشگاه ایران‌پلاس گفت: در این نمایشگاه …"
        name = _last_name(noun, text[max(0, before - LOOKBACK) : _line_start(line, text, before)])
    if name is None or name in line:
        return line
    return line[: m.start()] + name + line[m.end() :]


@cache
def _places() -> dict[str, re.Pattern[str]]:
    """For each noun that points to a place (``کشور``), a pattern of the names it may take."""
    data = load_toml("places.toml").get("places", {})
    out: dict[str, re.Pattern[str]] = {}
    for noun, key in data.get("nouns", {}).items():
        names = sorted(data.get(key, []), key=len, reverse=True)
        alts = "|".join(re.escape(n) for n in names)
        out[noun] = re.compile(rf"(?:^|(?<=[\s«\"(]))({alts})(?=[\s،,.؛:»\")]|$)")
    return out


PLACE_LOOKBACK = 400


def _line_start(line: str, text: str, before: int) -> int:
    """Where ``line`` starts in ``text``, looking from ``before`` on by its first words;
    ``before`` when they are not found."""
    head = " ".join(line.split()[:3])
    start = text.find(head, before, before + LOOKBACK) if head else -1
    return start if start > before else before


def _last_place(names: re.Pattern[str], line: str, at: int, text: str, before: int) -> str | None:
    """The place ``این کشور`` stands for: the one named in its sentence before the line,
    else in the sentences just before, when they name one only. A line that names a place
    before the demonstrative says which itself (``وزیر اقتصاد مراکش … در این کشور``)."""
    if names.search(line[:at]):
        return None
    own = text[before : _line_start(line, text, before)]
    windows = (own, text[max(0, before - PLACE_LOOKBACK) : before])
    for window in windows:
        found = {hit.group(1) for hit in names.finditer(window)}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _last_name(noun: str, source: str) -> str | None:
    """The ``<noun> <name>`` of ``source``, when it names the noun one way only: two
    federations named before (``فدراسیون اسکواش``، ``فدراسیون ژیمناستیک``) leave «این
    فدراسیون» open. Mentions that are back-references themselves are not names."""
    rx = re.compile(r"(?:^|(?<=[\s«\"(]))" + re.escape(noun) + r"(?=\s)")
    names: dict[str, str] = {}  # first name word -> the last, fullest name with it
    for hit in rx.finditer(source):
        head = source[max(0, hit.start() - 24) : hit.start()]
        words = head.split()
        if words and words[-1] in tables().share_skip:
            continue
        if any(f in head for f in _SOURCE_FRAMES):
            continue  # "به گزارش مرکز مطالعات …": the source of the news, not its subject
        quoted = _QUOTED_NAME_RX.match(source, hit.end())
        found = (
            [quoted.group(0).strip()] if quoted else _name_words(source[hit.end() : hit.end() + 80])
        )
        if found:
            names[found[0]] = noun + " " + " ".join(found)
    return next(iter(names.values())) if len(names) == 1 else None


def _name_words(rest: str) -> list[str]:
    """The words after a noun that name it: no verb, no function word, no number."""
    _, not_names = _tables()
    lex = lexicon()
    out: list[str] = []
    pos = 0
    found = list(_WORD_RX.finditer(rest))
    for k, w in enumerate(found):
        if _PUNCT_RX.search(rest[pos : w.start()]):
            break  # a comma or a stop ends the name
        pos = w.end()
        word = w.group()
        if (
            word in lex.stopwords
            or word in not_names
            or word.startswith(("ها", "های"))
            or word.endswith(("تر", "تری", "ترین"))
            or any(ch.isdigit() for ch in word)
            or verb_stem(word) is not None
            or lex.pos(word) & (P | CONJ | DET | PRO | ADV)
        ):
            break
        if k + 1 < len(found) and _light_verb(found[k + 1].group()):
            break  # "بازی انجام شد": the word before a light verb is its preverb
        out.append(word)
        if len(out) == MAX_NAME_WORDS:
            break
    return out
