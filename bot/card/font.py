"""The card's font: Noto Sans Arabic from the ``fontpkg-noto-sans-arabic``
package, at a fixed ladder of sizes with a bounded number of faces open, and
its character map.

The font is variable (width and weight axes); :func:`font` sets the weight
by its axis value. :func:`charmap` reads the font's ``cmap`` table (formats 4
and 12) so that text can be checked for characters the font cannot draw.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

import fontpkg_noto_sans_arabic
from PIL import ImageFont, features

FONT_FAMILY = "Noto Sans Arabic"
REGULAR = 400
MEDIUM = 500
BOLD = 700
BLACK = 850


def font_path() -> Path:
    root = Path(fontpkg_noto_sans_arabic.ROOT) / "files"
    files = sorted(root.glob("*.ttf"))
    if not files:
        raise FileNotFoundError(f"no .ttf in {root}")
    return files[0]


@lru_cache(maxsize=1)
def font_bytes() -> bytes:
    """The font file, read once."""
    return font_path().read_bytes()


def has_raqm() -> bool:
    """Whether Pillow can lay text out with libraqm (shaping, bidi) here."""
    return bool(features.check("raqm"))


# The sizes text is drawn at, in steps of 8 to 14 per cent. Every face maps the
# whole font file (about 0.8 MB of resident memory each once text has been drawn
# with it), so the layout works with these sizes only and at most MAX_FACES faces
# are kept open; a face dropped from the cache is closed and its mapping released.
SIZES = (20, 22, 24, 26, 28, 32, 36, 40, 44, 50, 56, 64, 72, 80, 90, 100, 112, 128)
MAX_FACES = 12


def step(size: float) -> int:
    """The largest size of :data:`SIZES` not above ``size`` (the smallest for less)."""
    below = [s for s in SIZES if s <= size]
    return below[-1] if below else SIZES[0]


def smaller(size: float, steps: int = 1) -> int:
    """The size ``steps`` places below ``step(size)`` in :data:`SIZES` (at least the
    smallest)."""
    return SIZES[max(0, SIZES.index(step(size)) - steps)]


def font(size: float, weight: int = REGULAR, *, raqm: bool | None = None) -> ImageFont.FreeTypeFont:
    """The font at ``step(size)`` pixels and ``weight``; one object per (size, weight,
    layout) while it stays among the :data:`MAX_FACES` most recently used."""
    use_raqm = has_raqm() if raqm is None else raqm
    return _face(step(size), weight, use_raqm)


@lru_cache(maxsize=MAX_FACES)
def _face(size: int, weight: int, use_raqm: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if use_raqm else ImageFont.Layout.BASIC
    f = ImageFont.truetype(str(font_path()), size, layout_engine=engine)
    try:
        axes = f.get_variation_axes()
    except (OSError, AttributeError):
        return f
    values: list[float] = []
    for axis in axes:
        name = axis.get("name")
        tag = name.decode() if isinstance(name, bytes) else str(name)
        low, high, default = (
            float(str(axis.get(k) or 0)) for k in ("minimum", "maximum", "default")
        )
        if tag.lower().startswith("weight") or tag == "wght":
            values.append(max(low, min(high, float(weight))))
        else:
            values.append(default)
    f.set_variation_by_axes(values)
    return f


@lru_cache(maxsize=1)
def charmap() -> frozenset[int]:
    """Every code point the font maps to a glyph (not to .notdef)."""
    return frozenset(read_cmap(font_bytes()))


def covers(text: str) -> bool:
    cmap = charmap()
    return all(ord(c) in cmap for c in text)


def read_cmap(data: bytes) -> set[int]:
    """Code points of the Unicode subtables (format 4 and 12) of a TrueType/OpenType
    font's ``cmap``."""
    num_tables = struct.unpack_from(">H", data, 4)[0]
    cmap_offset = None
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap_offset = offset
            break
    if cmap_offset is None:
        raise ValueError("font has no cmap table")
    out: set[int] = set()
    count = struct.unpack_from(">H", data, cmap_offset + 2)[0]
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if not unicode:
            continue
        at = cmap_offset + sub
        fmt = struct.unpack_from(">H", data, at)[0]
        if fmt == 4:
            out |= _format4(data, at)
        elif fmt == 12:
            out |= _format12(data, at)
    return out


def _format4(data: bytes, at: int) -> set[int]:
    seg_x2 = struct.unpack_from(">H", data, at + 6)[0]
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts_at = at + 16 + seg_x2
    starts = struct.unpack_from(f">{segs}H", data, starts_at)
    deltas = struct.unpack_from(f">{segs}h", data, starts_at + seg_x2)
    ranges_at = starts_at + 2 * seg_x2
    offsets = struct.unpack_from(f">{segs}H", data, ranges_at)
    out: set[int] = set()
    for i in range(segs):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                where = ranges_at + 2 * i + offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, where)[0]
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                out.add(code)
    return out


def _format12(data: bytes, at: int) -> set[int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    out: set[int] = set()
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        for code in range(start, end + 1):
            if glyph + (code - start):
                out.add(code)
    return out
