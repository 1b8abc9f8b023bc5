"""Drawing a figure card: a portrait PNG of a report's key figures.

:func:`layout` places every piece of text and every shape in its box and
measures it (so that nothing can be drawn outside its box or the card);
:func:`render` draws a layout and encodes it as PNG. The same content gives
the same bytes with the same Pillow and font.

Card, 1080×1350: the title at the top (at most two lines, then an
ellipsis); three to six figures, in one column up to three and in two
columns from four, first figure at the top right; under each number its
unit, its subject and its qualifier and period; ▲/▼ for an increase or a
decrease; a footer with the source and date, and the bot's handle.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from bot.card import font as fonts
from bot.card.content import CardContent, CardFigure, split_number
from bot.card.text import ELLIPSIS, strip_format, truncate, visual, wrap

WIDTH, HEIGHT = 1080, 1350
MARGIN = 72
GAP = 24
PAD = 36
Theme = Literal["light", "dark"]
RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Palette:
    background: RGB
    panel: RGB
    text: RGB
    muted: RGB
    accent: RGB
    rule: RGB
    up: RGB
    down: RGB


PALETTES: dict[str, Palette] = {
    "light": Palette(
        background=(245, 242, 235),
        panel=(255, 255, 255),
        text=(24, 28, 33),
        muted=(104, 110, 120),
        accent=(13, 110, 102),
        rule=(222, 216, 204),
        up=(22, 128, 61),
        down=(185, 28, 28),
    ),
    "dark": Palette(
        background=(16, 19, 24),
        panel=(28, 33, 41),
        text=(240, 242, 245),
        muted=(150, 158, 170),
        accent=(94, 214, 196),
        rule=(52, 58, 68),
        up=(74, 222, 128),
        down=(248, 113, 113),
    ),
}

Box = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class TextItem:
    """One line of text: ``text`` is logical, ``drawn`` what is given to Pillow."""

    text: str
    drawn: str
    size: int
    weight: int
    x: int
    y: int
    anchor: str
    color: str
    box: Box
    bbox: Box
    ltr: bool = False
    role: str = ""  # brand, title, number, scale, unit, subject, meta, source, date, handle


@dataclass(frozen=True, slots=True)
class Shape:
    kind: Literal["panel", "rule", "up", "down"]
    points: tuple[tuple[int, int], ...]
    color: str
    box: Box


@dataclass
class CardLayout:
    width: int
    height: int
    theme: str
    raqm: bool
    texts: list[TextItem] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)


class Typesetter:
    """Measures and prepares lines for one layout engine (libraqm or basic)."""

    def __init__(self, raqm: bool | None = None) -> None:
        self.raqm = fonts.has_raqm() if raqm is None else raqm
        self._cmap = fonts.charmap()

    def font(self, size: int, weight: int) -> ImageFont.FreeTypeFont:
        return fonts.font(size, weight, raqm=self.raqm)

    def supported(self, text: str) -> str:
        """``text`` without characters the font cannot draw (emoji and the like)."""
        return "".join(c for c in text if ord(c) in self._cmap or c in "\u2066\u2067\u2069")

    def prepare(self, text: str, ltr: bool = False) -> str:
        if self.raqm or ltr:
            return text
        return visual(text)

    def direction(self, ltr: bool) -> str | None:
        return ("ltr" if ltr else "rtl") if self.raqm else None

    def language(self, ltr: bool) -> str | None:
        return ("en" if ltr else "fa") if self.raqm else None

    def width(self, text: str, size: int, weight: int, ltr: bool = False) -> float:
        drawn = self.prepare(text, ltr)
        return float(
            self.font(size, weight).getlength(
                drawn, direction=self.direction(ltr), language=self.language(ltr)
            )
        )

    def fits(self, width: int, size: int, weight: int, ltr: bool = False) -> Callable[[str], bool]:
        return lambda text: self.width(text, size, weight, ltr) <= width

    def line(
        self,
        text: str,
        *,
        box: Box,
        size: int,
        weight: int,
        color: str,
        align: Literal["right", "left", "center"] = "right",
        ltr: bool = False,
        baseline: int | None = None,
        role: str = "",
    ) -> TextItem:
        """One line centred vertically in ``box`` (or on ``baseline``), aligned to one
        side of it.

        The caller fits the text by its advance width; the ink can reach a little
        past that (side bearings), so the line is moved back inside the box, and cut
        shorter if the ink is wider than the box. Ink taller than the box (marks
        and ligatures well above or below the letters) is drawn a size smaller.
        """
        anchor = {"right": "r", "left": "l", "center": "m"}[align]
        anchor += "m" if baseline is None else "s"
        logical = text
        size = fonts.step(size)
        while True:
            text = self._fit_ink(logical, box[2] - box[0], size, weight, ltr, anchor)
            left, top, right, bottom = self.ink(text, size, weight, ltr, anchor)
            if math.ceil(bottom) - math.floor(top) <= box[3] - box[1]:
                break
            if size == fonts.SIZES[0]:
                break
            size = fonts.smaller(size)
        drawn = self.prepare(text, ltr)
        x = {"right": box[2], "left": box[0], "center": (box[0] + box[2]) // 2}[align]
        y = (box[1] + box[3]) // 2 if baseline is None else baseline
        x += min(0, box[2] - math.ceil(x + right)) + max(0, box[0] - math.floor(x + left))
        y += min(0, box[3] - math.ceil(y + bottom)) + max(0, box[1] - math.floor(y + top))
        measured = (
            math.floor(x + left),
            math.floor(y + top),
            math.ceil(x + right),
            math.ceil(y + bottom),
        )
        return TextItem(text, drawn, size, weight, x, y, anchor, color, box, measured, ltr, role)

    def ink(
        self, text: str, size: int, weight: int, ltr: bool = False, anchor: str = "rm"
    ) -> tuple[float, float, float, float]:
        """The ink box of ``text`` around its anchor point."""
        return self.font(size, weight).getbbox(
            self.prepare(text, ltr),
            anchor=anchor,
            direction=self.direction(ltr),
            language=self.language(ltr),
        )

    def ink_height(self, text: str, size: int, weight: int, ltr: bool = False) -> int:
        _, top, _, bottom = self.ink(text, size, weight, ltr)
        return math.ceil(bottom) - math.floor(top)

    def _fit_ink(
        self, text: str, width: int, size: int, weight: int, ltr: bool, anchor: str
    ) -> str:
        """``text``, cut short with an ellipsis if its ink is wider than ``width``."""

        def fits(candidate: str) -> bool:
            left, _, right, _ = self.ink(candidate, size, weight, ltr, anchor)
            return math.ceil(right) - math.floor(left) <= width

        return text if fits(text) else truncate(text, fits)

    def fit_size(
        self, text: str, width: int, sizes: list[int], weight: int, ltr: bool = False
    ) -> int:
        """The largest of ``sizes`` (largest first) at which ``text`` fits ``width``."""
        last = 0
        for size in sizes:
            last = size
            if self.width(text, size, weight, ltr) <= width:
                return size
        return last


def _line_height(size: int, weight: int = 0) -> int:
    # The number line (the heaviest weight) holds digits, which need less room.
    return round(size * (1.2 if weight == fonts.BLACK else 1.42))


@dataclass(frozen=True, slots=True)
class _Block:
    """A column of lines inside a figure cell, measured before it is placed."""

    lines: list[tuple[str, int, int, str, str]]  # text, size, weight, colour name, role

    @property
    def height(self) -> int:
        return sum(_line_height(s, w) for _, s, w, _, _ in self.lines)


SCALE_RATIO = 0.5
SCALE_GAP = 0.22  # of the number's size, between the digits and the scale word


def _sizes(largest: int, smallest: int) -> list[int]:
    """The sizes of :data:`fonts.SIZES` from ``largest`` down to ``smallest``."""
    return [s for s in reversed(fonts.SIZES) if smallest <= s <= largest]


def _scale_size(size: int) -> int:
    """The size of the scale word after a number of ``size``."""
    return fonts.step(size * SCALE_RATIO)


def _number_width(ts: Typesetter, head: str, scale: str | None, size: int) -> float:
    width = ts.width(head, size, fonts.BLACK)
    if scale:
        width += size * SCALE_GAP + ts.width(scale, _scale_size(size), fonts.BOLD)
    return width


def _arrow_room(fig: CardFigure, size: int) -> int:
    return int(size * 0.42) + 18 if fig.change in ("increase", "decrease") else 0


def _number_size(ts: Typesetter, fig: CardFigure, width: int, largest: int) -> int:
    """The largest of :data:`fonts.SIZES` at which the figure's number fits ``width``."""
    head, scale = split_number(fig.number)
    sizes = _sizes(largest, fonts.step(max(36, largest * 0.4)))

    def fits(size: int) -> bool:
        room = width - _arrow_room(fig, size)
        digits = ts.width(head, size, fonts.BLACK)
        if digits > room or not scale:
            return digits <= room
        return digits + size * SCALE_GAP + ts.width(scale, _scale_size(size), fonts.BOLD) <= room

    full = _number_width(ts, head, scale, sizes[0]) + _arrow_room(fig, sizes[0])
    if full <= width:
        return sizes[0]
    # Widths grow about in proportion to the size: start one step above the size the
    # first measurement points to rather than measuring every size in between (each
    # size measured is a face opened).
    estimate = fonts.step(sizes[0] * width / full)
    start = max(1, sizes.index(estimate) - 1) if estimate in sizes else len(sizes) - 1
    for size in sizes[start:]:
        if fits(size):
            return size
    return sizes[-1]


def _text_sizes(wide: bool, smaller: int) -> tuple[int, int, int]:
    """The sizes of the unit, subject and meta lines of a figure, ``smaller`` steps of
    :data:`fonts.SIZES` below their own."""
    return (
        fonts.smaller(44 if wide else 36, smaller),
        fonts.smaller(36 if wide else 32, smaller),
        fonts.smaller(28 if wide else 26, smaller),
    )


def _subject_lines(ts: Typesetter, fig: CardFigure, width: int, size: int) -> list[str]:
    if not fig.subject:
        return []
    return wrap(fig.subject, ts.fits(width, size, fonts.MEDIUM), 2)


def _block_height(
    ts: Typesetter, fig: CardFigure, width: int, number_size: int, smaller: int, wide: bool
) -> int:
    """The height of :func:`_figure_block`, measuring only the subject (the one part
    whose number of lines depends on its width)."""
    unit_size, subject_size, meta_size = _text_sizes(wide, smaller)
    height = _line_height(number_size, fonts.BLACK)
    if fig.unit:
        height += _line_height(unit_size, fonts.BOLD)
    subject = _subject_lines(ts, fig, width, subject_size)
    height += len(subject) * _line_height(subject_size, fonts.MEDIUM)
    if fig.meta:
        height += _line_height(meta_size, fonts.REGULAR)
    return height


def _figure_block(
    ts: Typesetter, fig: CardFigure, width: int, number_size: int, smaller: int, wide: bool
) -> _Block:
    """The lines under the number of one figure, ``smaller`` steps of
    :data:`fonts.SIZES` below their own sizes; the number is the first line (its
    text is drawn by the caller)."""
    lines: list[tuple[str, int, int, str, str]] = [
        (fig.number, number_size, fonts.BLACK, "text", "number")
    ]
    unit_size, subject_size, meta_size = _text_sizes(wide, smaller)
    if fig.unit:
        unit = truncate(fig.unit, ts.fits(width, unit_size, fonts.BOLD))
        lines.append((unit, unit_size, fonts.BOLD, "accent", "unit"))
    for part in _subject_lines(ts, fig, width, subject_size):
        lines.append((part, subject_size, fonts.MEDIUM, "text", "subject"))
    if fig.meta:
        meta = truncate(fig.meta, ts.fits(width, meta_size, fonts.REGULAR))
        lines.append((meta, meta_size, fonts.REGULAR, "muted", "meta"))
    return _Block(lines)


def _grid(n: int, top: int, bottom: int) -> list[Box]:
    """Cell boxes for ``n`` figures, first at the top right, right to left."""
    columns = 1 if n <= 3 else 2
    rows = math.ceil(n / columns)
    width = (WIDTH - 2 * MARGIN - (columns - 1) * GAP) // columns
    height = min((bottom - top - (rows - 1) * GAP) // rows, 330)
    used = rows * height + (rows - 1) * GAP
    top += (bottom - top - used) // 2
    boxes: list[Box] = []
    for i in range(n):
        row, col = divmod(i, columns)
        right = WIDTH - MARGIN - col * (width + GAP)
        y = top + row * (height + GAP)
        left = right - width
        if columns == 2 and n % 2 and i == n - 1:
            left = MARGIN  # an odd last figure takes the whole row
        boxes.append((left, y, right, y + height))
    return boxes


def _arrow(kind: str, right: int, cy: int, size: int, color: str) -> Shape:
    half = size // 2
    left = right - size
    if kind == "increase":
        pts = (
            (left, cy + half * 3 // 4),
            (right, cy + half * 3 // 4),
            ((left + right) // 2, cy - half),
        )
    else:
        pts = (
            (left, cy - half * 3 // 4),
            (right, cy - half * 3 // 4),
            ((left + right) // 2, cy + half),
        )
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return Shape(
        "up" if kind == "increase" else "down", pts, color, (min(xs), min(ys), max(xs), max(ys))
    )


def layout(content: CardContent, theme: str = "light", *, raqm: bool | None = None) -> CardLayout:
    """Place and measure everything on the card."""
    ts = Typesetter(raqm)
    out = CardLayout(WIDTH, HEIGHT, theme if theme in PALETTES else "light", ts.raqm)
    inner = (MARGIN, 0, WIDTH - MARGIN, 0)
    text_width = inner[2] - inner[0]

    # Brand line and title.
    y = 56
    out.texts.append(
        ts.line(
            "رقم",
            box=(MARGIN, y, WIDTH - MARGIN, y + 50),
            size=36,
            weight=fonts.BLACK,
            color="accent",
            role="brand",
        )
    )
    y += 66
    title = ts.supported(content.title) or "…"
    title_size = 56
    lines = wrap(title, ts.fits(text_width, title_size, fonts.BOLD), 2)
    for part in lines or [ELLIPSIS]:
        # A line with tall marks or ligatures gets the room its ink needs.
        h = max(_line_height(title_size), ts.ink_height(part, title_size, fonts.BOLD))
        out.texts.append(
            ts.line(
                part,
                box=(MARGIN, y, WIDTH - MARGIN, y + h),
                size=title_size,
                weight=fonts.BOLD,
                color="text",
                role="title",
            )
        )
        y += h
    y += 20
    out.shapes.append(
        Shape(
            "rule",
            ((WIDTH - MARGIN - 120, y), (WIDTH - MARGIN, y + 8)),
            "accent",
            (WIDTH - MARGIN - 120, y, WIDTH - MARGIN, y + 8),
        )
    )
    top = y + 8 + 40

    # Footer.
    footer_top = HEIGHT - 150
    out.shapes.append(
        Shape(
            "rule",
            ((MARGIN, footer_top), (WIDTH - MARGIN, footer_top + 2)),
            "rule",
            (MARGIN, footer_top, WIDTH - MARGIN, footer_top + 2),
        )
    )
    fy = footer_top + 30
    handle_width = 0
    if content.handle:
        handle = ts.supported(content.handle)
        hsize = ts.fit_size(handle, text_width // 2, _sizes(32, 22), fonts.MEDIUM, ltr=True)
        handle = truncate(handle, ts.fits(text_width // 2, hsize, fonts.MEDIUM, ltr=True))
        handle_width = int(ts.width(handle, hsize, fonts.MEDIUM, ltr=True)) + 40
        out.texts.append(
            ts.line(
                handle,
                box=(MARGIN, fy, MARGIN + text_width // 2, fy + 96),
                size=hsize,
                weight=fonts.MEDIUM,
                color="accent",
                align="left",
                ltr=True,
                role="handle",
            )
        )
    footer_right = (MARGIN + handle_width, fy, WIDTH - MARGIN, fy + 96)
    room = footer_right[2] - footer_right[0]
    rows: list[tuple[str, int, int, str, str]] = []
    if content.source:
        rows.append(("منبع: " + ts.supported(content.source), 32, fonts.MEDIUM, "muted", "source"))
    if content.date:
        rows.append((ts.supported(content.date), 28, fonts.REGULAR, "muted", "date"))
    ry = fy if len(rows) == 2 else fy + 22
    for text, size, weight, color, role in rows:
        text = truncate(text, ts.fits(room, size, weight))
        h = 48
        out.texts.append(
            ts.line(
                text,
                box=(footer_right[0], ry, footer_right[2], ry + h),
                size=size,
                weight=weight,
                color=color,
                role=role,
            )
        )
        ry += h

    # Figures.
    boxes = _grid(len(content.figures), top, footer_top - 40)
    wide = len(content.figures) <= 3
    largest = 128 if wide else 100
    fitted = [
        _number_size(ts, fig, box[2] - box[0] - 2 * PAD, largest)
        for fig, box in zip(content.figures, boxes, strict=True)
    ]
    # One size for most numbers (so they line up); a number too long for it gets
    # its own smaller size.
    common = sorted(fitted)[(len(fitted) - 1) // 2]
    for fig, box, size in zip(content.figures, boxes, fitted, strict=True):
        out.shapes.append(Shape("panel", ((box[0], box[1]), (box[2], box[3])), "panel", box))
        _place_figure(ts, out, fig, box, min(size, common), wide)
    return out


def _place_figure(
    ts: Typesetter, out: CardLayout, fig: CardFigure, box: Box, number_size: int, wide: bool
) -> None:
    width = box[2] - box[0] - 2 * PAD
    room = box[3] - box[1] - 2 * 20
    # Smaller text under the number first, then a smaller number; the block is
    # measured in full only at the sizes chosen.
    tries = [(steps, number_size) for steps in (0, 1, 2, 3)]
    tries += [(3, max(36, fonts.smaller(number_size, steps))) for steps in (1, 2, 3, 4)]
    for smaller, size in tries:
        if _block_height(ts, fig, width, size, smaller, wide) <= room:
            break
    block = _figure_block(ts, fig, width, size, smaller, wide)
    # Drop lines from the end while the block is still too tall.
    kept = list(block.lines)
    while len(kept) > 1 and _Block(kept).height > room:
        kept.pop()
    block = _Block(kept)
    cy = box[1] + (box[3] - box[1] - block.height) // 2
    right = box[2] - PAD
    left = box[0] + PAD
    for i, (text, line_size, weight, color, role) in enumerate(block.lines):
        h = _line_height(line_size, weight)
        if i == 0:
            _place_number(ts, out, fig, (left, cy, right, cy + h), line_size)
        else:
            out.texts.append(
                ts.line(
                    text,
                    box=(left, cy, right, cy + h),
                    size=line_size,
                    weight=weight,
                    color=color,
                    role=role,
                )
            )
        cy += h


def _place_number(ts: Typesetter, out: CardLayout, fig: CardFigure, box: Box, size: int) -> None:
    """The number line: ▲/▼, the digits, then the scale word smaller on the same
    baseline, right to left."""
    left, top, right, bottom = box
    arrow = _arrow_room(fig, size)
    if arrow:
        assert fig.change is not None
        color = "up" if fig.change == "increase" else "down"
        out.shapes.append(_arrow(fig.change, right, (top + bottom) // 2, arrow - 18, color))
        right -= arrow
    head, scale = split_number(fig.number)
    if _number_width(ts, head, scale, size) > right - left:
        head, scale = fig.number, None  # too long even at the smallest size: one line, cut
    item = ts.line(
        head,
        box=(left, top, right, bottom),
        size=size,
        weight=fonts.BLACK,
        color="text",
        role="number",
    )
    out.texts.append(item)
    if not scale:
        return
    size = item.size
    small = _scale_size(size)
    ascent, descent = ts.font(size, fonts.BLACK).getmetrics()
    baseline = item.y + (ascent - descent) // 2
    scale_right = item.bbox[0] - round(size * SCALE_GAP)
    out.texts.append(
        ts.line(
            scale,
            box=(left, top, scale_right, bottom),
            size=small,
            weight=fonts.BOLD,
            color="text",
            baseline=baseline,
            role="scale",
        )
    )


def _color(palette: Palette, name: str) -> RGB:
    value: RGB = getattr(palette, name)
    return value


def render(plan: CardLayout) -> bytes:
    """Draw a layout; PNG bytes."""
    palette = PALETTES[plan.theme]
    image = Image.new("RGB", (plan.width, plan.height), palette.background)
    draw = ImageDraw.Draw(image)
    ts = Typesetter(plan.raqm)
    for shape in plan.shapes:
        color = _color(palette, shape.color)
        # Boxes end before their right and bottom edges; Pillow's include them.
        x0, y0, x1, y1 = shape.box
        if shape.kind == "panel":
            draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=28, fill=color)
        elif shape.kind == "rule":
            draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=color)
        else:
            draw.polygon(list(shape.points), fill=color)
    # Lines never overlap, so the order they are drawn in does not change the
    # pixels; drawing them face by face opens each face once.
    for item in sorted(plan.texts, key=lambda t: (t.weight, t.size)):
        draw.text(
            (item.x, item.y),
            item.drawn,
            font=ts.font(item.size, item.weight),
            fill=_color(palette, item.color),
            anchor=item.anchor,
            direction=ts.direction(item.ltr),
            language=ts.language(item.ltr),
        )
    buf = io.BytesIO()
    # Level 3 writes a card in about half the time of the default level 6, for a
    # file about a sixth larger.
    image.save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()


def drawn_characters(plan: CardLayout) -> set[str]:
    """Every character the layout gives the font to draw (format characters aside,
    which the layout engine does not draw)."""
    return {c for item in plan.texts for c in strip_format(item.drawn)}


def draw_card(content: CardContent, theme: str = "light", *, raqm: bool | None = None) -> bytes:
    return render(layout(content, theme, raqm=raqm))
