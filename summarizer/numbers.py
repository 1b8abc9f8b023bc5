"""Persian number grammar (placeholder: digits and scale words only).

Contract used by the rest of the engine: :func:`find_numbers` returns
:class:`NumberMatch` records, in text order, non-overlapping, with offsets
into the string it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

NumberKind = Literal["number", "percent", "ordinal", "multiplier", "date", "time"]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    value: float | None
    kind: NumberKind = "number"
    range: tuple[float, float] | None = None
    date: str | None = None  # Jalali 'YYYY-MM-DD' (or 'YYYY-MM' / 'YYYY') for kind == "date"
    negative: bool = False


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SCALES = {"هزار": 1e3, "میلیون": 1e6, "میلیارد": 1e9, "تریلیون": 1e12}
_RX = re.compile(r"[0-9۰-۹٠-٩]+(?:[٬,][0-9۰-۹٠-٩]{3})*(?:[٫.][0-9۰-۹٠-٩]+)?(?:\s*(هزار|میلیون|میلیارد|تریلیون))?")


def find_numbers(text: str) -> list[NumberMatch]:
    out: list[NumberMatch] = []
    for m in _RX.finditer(text):
        raw = m.group(0)
        digits = re.sub(r"\s*(هزار|میلیون|میلیارد|تریلیون)$", "", raw).translate(_DIGITS)
        digits = digits.replace("٬", "").replace(",", "").replace("٫", ".")
        try:
            value = float(digits)
        except ValueError:
            continue
        if m.group(1):
            value *= _SCALES[m.group(1)]
        out.append(NumberMatch(m.start(), m.end(), value))
    return out
