"""Figure cards: what they show, that every character drawn is in the font, that
every piece of text stays in its box and on the card, that the basic layout
draws joined letters in visual order, that the fonts stay few, and that the
same input gives the same bytes. Run for each layout engine this machine has
(libraqm when Pillow has it, and always the basic one)."""

from __future__ import annotations

import gc
import io
import itertools
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from bot.card import font as fonts
from bot.card.content import (
    CardContent,
    build_content,
    card_date,
    choose_figures,
    format_number,
    format_range,
    jalali,
    source_name,
    split_number,
)
from bot.card.draw import (
    HEIGHT,
    PALETTES,
    WIDTH,
    CardLayout,
    Typesetter,
    _arrow_room,
    _number_size,
    _number_width,
    draw_card,
    drawn_characters,
    layout,
)
from bot.card.service import CAPTION_LIMIT, caption
from bot.card.text import ELLIPSIS, strip_format, visual
from handlers.ports import ChatPrefs
from summarizer import digest
from tests.card_samples import (
    LATIN_TITLE,
    LONG_TITLE,
    MONEY_REPORT,
    NO_FIGURES_REPORT,
    RANGE_REPORT,
    SPORTS_REPORT,
    edge_digest,
)
from tests.fakebotapi import parse_html

ENGINES = [False] + ([True] if fonts.has_raqm() else [])
ENGINE_IDS = ["basic"] + (["raqm"] if fonts.has_raqm() else [])
# 2026-12-02 12:00 in Tehran.
NOON = 1796200200.0
FA_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")
LATIN_DIGITS = set("0123456789")


def _content(text: str, **kw: object) -> CardContent:
    d = digest(text)
    args: dict[str, object] = {
        "title": d.title,
        "style": "fa",
        "source": "خبرگزاری نمونه",
        "created_at": NOON,
        "handle": "raqam_test_bot",
    }
    args.update(kw)
    content = build_content(d, **args)  # type: ignore[arg-type]
    assert content is not None
    return content


def _edge(**kw: object) -> CardContent:
    args: dict[str, object] = {
        "title": LONG_TITLE,
        "style": "fa",
        "link": "https://www.example.ir/news/1",
        "created_at": NOON,
        "handle": "raqam_test_bot",
    }
    args.update(kw)
    content = build_content(edge_digest(), **args)  # type: ignore[arg-type]
    assert content is not None
    return content


CASES: dict[str, Callable[[], CardContent]] = {
    "money": lambda: _content(MONEY_REPORT),
    "sports": lambda: _content(SPORTS_REPORT),
    "range": lambda: _content(RANGE_REPORT),
    "edge": _edge,
    "latin-title": lambda: _edge(title=LATIN_TITLE, style="latin"),
    "one-figure": lambda: replace(_edge(), figures=_edge().figures[:1]),
    "long-everything": lambda: replace(
        _edge(source="کانال " + "خبری " * 40, handle="a_very_long_handle_for_a_bot_" * 3),
        figures=[replace(f, number=f.number + " " + "هزار " * 8) for f in _edge().figures]
        + _edge().figures[:2],
    ),
    # A ligature with marks high above the letters in the title, and letters in the
    # number line (whose box is sized for digits).
    "tall-marks": lambda: replace(
        _edge(title="پیام آیت‌الله به همایش ملی پژوهش‌های قرآنی در شهر قم"),
        figures=[
            replace(_edge().figures[0], number="دوازدهم فروردین ۱۳۵۸"),
            *_edge().figures[1:],
        ],
    ),
}


def _inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- the font -------------------------------------------------------------------------


def test_character_map_matches_fonttools() -> None:
    ours = fonts.charmap()
    theirs = set(TTFont(fonts.font_path()).getBestCmap())
    assert ours == theirs
    assert {ord(c) for c in "پچژگکی۰۹٪٫٬()USD"} <= ours


def test_fonts_are_made_once_per_size() -> None:
    assert fonts.font(40, fonts.BOLD) is fonts.font(40, fonts.BOLD)


def test_sizes_are_a_ladder_of_small_steps() -> None:
    sizes = fonts.SIZES
    assert list(sizes) == sorted(set(sizes))
    assert all(1.07 <= b / a <= 1.15 for a, b in itertools.pairwise(sizes))
    assert fonts.step(41) == 40 and fonts.step(40) == 40 and fonts.step(5) == sizes[0]
    assert fonts.step(1000) == sizes[-1]
    assert fonts.smaller(40) == 36 and fonts.smaller(41, 2) == 32
    assert fonts.smaller(sizes[0], 3) == sizes[0]
    # Any size asked for is drawn at a size of the ladder, with the same face.
    assert fonts.font(43, fonts.BOLD) is fonts.font(40, fonts.BOLD)
    assert fonts.font(43, fonts.BOLD).size == 40


def _font_mappings() -> int:
    """How many times this process has the font file mapped (one per open face)."""
    path = str(fonts.font_path())
    with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
        return sum(1 for row in maps if row.rstrip("\n").endswith(path))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_open_faces_stay_bounded() -> None:
    for weight in (fonts.REGULAR, fonts.MEDIUM, fonts.BOLD, fonts.BLACK):
        for size in range(8, 140, 3):
            fonts.font(size, weight).getlength("رقم ۱۲")
    gc.collect()
    assert fonts._face.cache_info().currsize <= fonts.MAX_FACES
    assert _font_mappings() <= fonts.MAX_FACES


@pytest.mark.parametrize("raqm", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("case", list(CASES))
def test_every_line_is_drawn_at_a_size_of_the_ladder(case: str, raqm: bool) -> None:
    plan = layout(CASES[case](), raqm=raqm)
    assert {item.size for item in plan.texts} <= set(fonts.SIZES)


# --- layout ----------------------------------------------------------------------------


@pytest.mark.parametrize("raqm", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("case", list(CASES))
def test_every_character_drawn_is_in_the_font(case: str, raqm: bool) -> None:
    plan = layout(CASES[case](), raqm=raqm)
    cmap = fonts.charmap()
    missing = {c for c in drawn_characters(plan) if ord(c) not in cmap}
    assert not missing, f"not in the font: {[hex(ord(c)) for c in missing]}"
    if not raqm:
        # The basic layout draws exactly the prepared strings: no format characters.
        assert all(item.drawn == strip_format(item.drawn) for item in plan.texts)


@pytest.mark.parametrize("raqm", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("case", list(CASES))
def test_every_text_fits_its_box_and_the_card(case: str, raqm: bool) -> None:
    plan = layout(CASES[case](), raqm=raqm)
    card = (0, 0, WIDTH, HEIGHT)
    assert plan.texts
    for item in plan.texts:
        assert _inside(item.box, card), item
        assert _inside(item.bbox, item.box), (item.text, item.bbox, item.box)
    for shape in plan.shapes:
        assert _inside(shape.box, card), shape
    for a, b in itertools.combinations(plan.texts, 2):
        assert not _overlap(a.bbox, b.bbox), (a.text, b.text)


@pytest.mark.parametrize("raqm", ENGINES, ids=ENGINE_IDS)
def test_measured_boxes_match_the_pixels(raqm: bool) -> None:
    """The boxes the layout measured are where the ink is: outside every text box
    and shape the card is background."""
    plan = layout(_edge(), raqm=raqm)
    image = Image.open(io.BytesIO(draw_card(_edge(), raqm=raqm))).convert("RGB")
    mask = Image.new("1", image.size, 0)
    for item in plan.texts:
        mask.paste(1, item.bbox)
    for shape in plan.shapes:
        mask.paste(1, shape.box)
    background = PALETTES["light"].background
    stray = 0
    pixels = image.load()
    inked = mask.load()
    assert pixels is not None and inked is not None
    for y in range(0, HEIGHT, 2):
        for x in range(0, WIDTH, 2):
            if not inked[x, y] and pixels[x, y] != background:
                stray += 1
    assert stray == 0


@pytest.mark.parametrize("raqm", ENGINES, ids=ENGINE_IDS)
def test_numbers_get_the_largest_size_that_fits(raqm: bool) -> None:
    ts = Typesetter(raqm)
    figures = [f for case in ("money", "edge", "long-everything") for f in CASES[case]().figures]
    figures += [replace(figures[0], number="۱" * n + " میلیارد") for n in range(1, 14, 2)]
    for width in (300, 800):
        for fig in figures:
            got = _number_size(ts, fig, width, 128)
            head, scale = split_number(fig.number)
            fitting = [
                s
                for s in fonts.SIZES
                if 50 <= s <= 128
                and _number_width(ts, head, scale, s) + _arrow_room(fig, s) <= width
            ]
            assert got == (max(fitting) if fitting else 50), (fig.number, width)


# --- the basic layout (arabic-reshaper and python-bidi, no libraqm) ------------------


def _base_letters(text: str) -> set[str]:
    """Letters of the Arabic block (U+0600-U+06FF) in ``text``: the basic layout must
    draw their joined presentation forms instead."""
    return {c for c in text if 0x0600 <= ord(c) <= 0x06FF and unicodedata.category(c) == "Lo"}


@pytest.mark.parametrize("case", list(CASES))
def test_basic_layout_draws_joined_letters_in_visual_order(case: str) -> None:
    plan = layout(CASES[case](), raqm=False)
    assert not plan.raqm
    assert Typesetter(False).font(40, fonts.BOLD).layout_engine == ImageFont.Layout.BASIC
    persian = 0
    for item in plan.texts:
        if item.ltr:
            assert item.drawn == item.text
            continue
        assert item.drawn == visual(item.text), item.text
        assert not _base_letters(item.drawn), item.text
        # Persian words stand right to left: the first one read is the rightmost.
        at = 0
        for word in reversed(item.text.split(" ")):
            if _base_letters(word):
                found = item.drawn.find(visual(word), at)
                assert found >= 0, (item.text, word)
                at = found + len(visual(word))
        persian += bool(_base_letters(item.text))
    assert persian >= 5


def _ink(text: str, font: ImageFont.FreeTypeFont, direction: str | None) -> Image.Image:
    image = Image.new("L", (1100, 200), 0)
    language = "fa" if direction else None
    ImageDraw.Draw(image).text(
        (1050, 100), text, font=font, fill=255, anchor="rm", direction=direction, language=language
    )
    return image.point(lambda p: 255 if p > 127 else 0)


def _covered(a: Image.Image, b: Image.Image) -> float:
    """The share of ``a``'s ink within 2 pixels of ``b``'s."""
    near = b.filter(ImageFilter.MaxFilter(5))
    return ImageChops.multiply(a, near).histogram()[255] / max(1, a.histogram()[255])


def _same_ink(a: Image.Image, b: Image.Image) -> float:
    return min(_covered(a, b), _covered(b, a))


@pytest.mark.skipif(not fonts.has_raqm(), reason="libraqm draws the reference")
@pytest.mark.parametrize("case", ["money", "range", "edge"])
def test_basic_layout_words_look_as_libraqm_draws_them(case: str) -> None:
    """Each word of the basic layout, drawn as it prepares it, has the ink libraqm's
    shaping gives the logical word; the logical letters drawn as they are do not."""
    plan = layout(CASES[case](), raqm=False)
    basic, raqm = Typesetter(False), Typesetter(True)
    words = 0
    for item in plan.texts:
        if item.ltr:
            continue
        for word in item.text.split(" "):
            if not _base_letters(word):
                continue
            reference = _ink(word, raqm.font(item.size, item.weight), "rtl")
            ours = _ink(visual(word), basic.font(item.size, item.weight), None)
            assert _same_ink(ours, reference) >= 0.85, word
            words += 1
    assert words >= 10
    word = "تفصیلی"
    reference = _ink(word, raqm.font(56, fonts.BOLD), "rtl")
    unjoined = _ink(word, basic.font(56, fonts.BOLD), None)
    assert _same_ink(unjoined, reference) < 0.75


def test_title_wraps_to_two_lines_with_an_ellipsis() -> None:
    plan = layout(_edge())
    title = [t for t in plan.texts if t.role == "title"]
    assert len(title) == 2
    assert title[-1].text.endswith(ELLIPSIS)
    assert LONG_TITLE.startswith(title[0].text)


def test_long_subject_wraps_and_ends_with_an_ellipsis() -> None:
    plan = layout(_edge())
    subject = [t.text for t in plan.texts if t.role == "subject"]
    # The long subject of the fourth figure: two lines, the second cut short.
    start = next(i for i, t in enumerate(subject) if t.startswith("شمار کارکنان"))
    assert subject[start + 1].endswith(ELLIPSIS)
    assert len(subject) == start + 2


def test_layout_has_the_parts_of_a_card() -> None:
    content = _edge()
    plan = layout(content)
    texts = [t.text for t in plan.texts]
    assert "@raqam_test_bot" in texts
    assert "منبع: example.ir" in texts
    assert card_date(NOON, "fa") in texts
    assert [s.kind for s in plan.shapes].count("panel") == len(content.figures) == 4
    assert {s.kind for s in plan.shapes} >= {"up", "down"}
    # First figure at the top right.
    panels = [s.box for s in plan.shapes if s.kind == "panel"]
    assert panels[0][2] == max(p[2] for p in panels) and panels[0][1] == min(p[1] for p in panels)


@pytest.mark.parametrize("style", ["fa", "latin"])
def test_digits_follow_the_setting(style: str) -> None:
    content = _content(RANGE_REPORT, style=style)
    plan = layout(content)
    drawn = {c for t in plan.texts if not t.ltr for c in t.text}
    other = LATIN_DIGITS if style == "fa" else FA_DIGITS
    own = FA_DIGITS if style == "fa" else LATIN_DIGITS
    assert drawn & own and not drawn & other


def test_range_and_decrease_are_shown() -> None:
    content = _content(RANGE_REPORT)
    numbers = [f.number for f in content.figures]
    assert "۱۰ تا ۱۵ میلیارد" in numbers
    assert any(f.change == "decrease" and f.number == "۱۲٪" for f in content.figures)


def test_money_figures_have_their_units() -> None:
    content = _content(MONEY_REPORT)
    units = {f.unit for f in content.figures}
    assert {"تومان", "ریال", "دلار"} <= units
    assert all(3 <= len(content.figures) <= 6 for _ in [0])


# --- bytes -----------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_png_of_the_right_size_and_theme(theme: str) -> None:
    png = draw_card(_content(SPORTS_REPORT), theme)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT)
    assert image.convert("RGB").getpixel((4, 4)) == PALETTES[theme].background


def test_themes_differ() -> None:
    content = _content(SPORTS_REPORT)
    assert draw_card(content, "light") != draw_card(content, "dark")


def test_same_input_same_bytes_here_and_in_a_fresh_process() -> None:
    content = _content(MONEY_REPORT)
    first = draw_card(content, "dark")
    assert draw_card(content, "dark") == first
    code = (
        "import sys\n"
        "from tests.test_card_draw import _content\n"
        "from tests.card_samples import MONEY_REPORT\n"
        "from bot.card.draw import draw_card\n"
        "sys.stdout.buffer.write(draw_card(_content(MONEY_REPORT), 'dark'))\n"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, timeout=120
    ).stdout
    assert fresh == first


# --- content -------------------------------------------------------------------------


def test_no_figures_gives_no_card() -> None:
    d = digest(NO_FIGURES_REPORT)
    assert build_content(d, title=None, style="fa") is None
    assert choose_figures(d) == []


@pytest.mark.parametrize(
    ("value", "fa", "latin"),
    [
        (17e6, "۱۷ میلیون", "17 میلیون"),
        (10.15e6, "۱۰٫۱۵ میلیون", "10.15 میلیون"),
        (12.5e12, "۱۲٫۵ هزار میلیارد", "12.5 هزار میلیارد"),
        (4.2e15, "۴٬۲۰۰ هزار میلیارد", "4,200 هزار میلیارد"),
        (1235, "۱٬۲۳۵", "1,235"),
        (9000, "۹ هزار", "9 هزار"),
        (12345678, "۱۲٬۳۴۵٬۶۷۸", "12,345,678"),
        (2.5, "۲٫۵", "2.5"),
        (-5, "\u2066−۵\u2069", "\u2066−5\u2069"),
        (-2.5e9, "\u2066−۲٫۵\u2069 میلیارد", "\u2066−2.5\u2069 میلیارد"),
    ],
)
def test_format_number(value: float, fa: str, latin: str) -> None:
    assert format_number(value, "fa") == fa
    assert format_number(value, "latin") == latin


def test_format_range() -> None:
    assert format_range(10e9, 15e9, "fa") == "۱۰ تا ۱۵ میلیارد"
    assert format_range(800e6, 1.2e9, "fa") == "۸۰۰ میلیون تا ۱٫۲ میلیارد"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 3, 20), (1403, 1, 1)),
        (date(2025, 3, 21), (1404, 1, 1)),
        (date(1979, 2, 11), (1357, 11, 22)),
        (date(2026, 12, 2), (1405, 9, 11)),
    ],
)
def test_jalali(day: date, expected: tuple[int, int, int]) -> None:
    assert jalali(day) == expected


def test_card_date() -> None:
    assert card_date(NOON, "fa") == "۱۱ آذر ۱۴۰۵"
    assert card_date(NOON, "latin") == "11 آذر 1405"


def test_source_name() -> None:
    assert source_name("  کانال  خبری ", "https://x.ir/1") == "کانال خبری"
    assert source_name(None, "https://www.isna.ir/news/1") == "isna.ir"
    assert source_name(None, "not a link") is None
    assert source_name(None, None) is None


# --- caption -------------------------------------------------------------------------


def test_caption_is_valid_html_within_the_limit() -> None:
    prefs = ChatPrefs(bullets=8)
    link = "https://example.ir/news/" + "a" * 3000 + "?x=1&y=<2>"
    text = caption("<b>عنوان</b> & " + "خبر " * 600, link, prefs)
    plain = parse_html(text)
    assert len(plain) <= CAPTION_LIMIT
    assert plain.startswith("<b>عنوان</b> &")
    assert f'href="{link.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}"' in text
    # Digits of the title follow the setting; the link keeps its own.
    assert "۲" not in caption("سال 2024", "https://x.ir/2024", ChatPrefs(8, "latin"))
    assert "۲۰۲۴" in caption("سال 2024", "https://x.ir/2024", prefs)
    assert "x.ir/2024" in caption("سال 2024", "https://x.ir/2024", prefs)


def test_caption_without_a_link_or_title() -> None:
    assert parse_html(caption(None, None, ChatPrefs(8))) == "رقم‌های کلیدی خبر"
    assert "href" not in caption("عنوان", "javascript:alert(1)", ChatPrefs(8))


def test_layout_type() -> None:
    plan = layout(_content(SPORTS_REPORT), "no-such-theme")
    assert isinstance(plan, CardLayout) and plan.theme == "light"
    assert time.time() > NOON - 10**9


def test_negative_percent_keeps_sign_and_percent_with_the_digits() -> None:
    number = _edge().figures[0].number
    assert number == "\u2066−۵٪\u2069"
    from bot.card.text import visual

    assert visual(number) == "−۵٪"
    assert format_range(5, 10, "fa", "٪") == "۵٪ تا ۱۰٪"
