"""Bytes to text: bounded decompression and charset detection.

:class:`BodyDecoder` undoes ``Content-Encoding`` while the body streams in,
never producing more than the byte limit and refusing bodies that inflate
suspiciously (decompression bombs). :func:`decode_html` and
:func:`decode_text` pick the charset: HTTP header, byte-order mark,
``<meta charset>``, then UTF-8, windows-1256 if it reads as Arabic script,
and finally detection with charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
import zlib

from charset_normalizer import from_bytes

from bot.links.errors import NOT_ARTICLE, TOO_LARGE, LinkError

#: Above this many decoded bytes, a compression ratio beyond the limit is a bomb.
RATIO_FLOOR = 1024 * 1024


class BodyDecoder:
    """Streaming ``Content-Encoding`` decoder with an output cap and a ratio check."""

    def __init__(self, content_encoding: str, *, max_bytes: int, max_ratio: float) -> None:
        encodings = [e.strip().lower() for e in content_encoding.split(",") if e.strip()]
        encodings = [e for e in encodings if e != "identity"]
        if len(encodings) > 1:
            raise LinkError(NOT_ARTICLE, f"stacked content encodings {content_encoding!r}")
        self._kind = encodings[0] if encodings else "identity"
        if self._kind in ("gzip", "x-gzip"):
            self._zlib: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self._kind == "deflate":
            self._zlib = None  # zlib-wrapped or raw: decided on the first bytes
        elif self._kind == "identity":
            self._zlib = None
        else:
            raise LinkError(NOT_ARTICLE, f"unsupported content encoding {self._kind!r}")
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
        self.raw_bytes = 0
        self.decoded_bytes = 0

    def feed(self, data: bytes) -> bytes:
        """Decode one chunk of the raw body."""
        self.raw_bytes += len(data)
        if self._kind == "identity":
            return self._count(data)
        if self._zlib is None:
            wbits = zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS
            self._zlib = zlib.decompressobj(wbits)
        out = bytearray()
        pending = data
        while pending:
            room = self.max_bytes - self.decoded_bytes - len(out) + 1
            try:
                piece = self._zlib.decompress(pending, room)
            except zlib.error as exc:
                raise LinkError(NOT_ARTICLE, f"corrupt {self._kind} body: {exc}") from exc
            out += piece
            self._check(self.decoded_bytes + len(out))
            pending = self._zlib.unconsumed_tail
            if self._zlib.eof:
                break
        return self._count(bytes(out))

    def flush(self) -> bytes:
        """The rest of the decoded body once the raw body has ended."""
        if self._zlib is None:
            return b""
        try:
            tail = self._zlib.flush()
        except zlib.error as exc:
            raise LinkError(NOT_ARTICLE, f"corrupt {self._kind} body: {exc}") from exc
        return self._count(tail)

    def _count(self, data: bytes) -> bytes:
        self._check(self.decoded_bytes + len(data))
        self.decoded_bytes += len(data)
        return data

    def _check(self, decoded: int) -> None:
        if decoded > self.max_bytes:
            raise LinkError(TOO_LARGE, f"page is larger than {self.max_bytes} bytes")
        if decoded > RATIO_FLOOR and decoded > self.max_ratio * max(self.raw_bytes, 1):
            raise LinkError(
                TOO_LARGE,
                f"{self._kind} body inflates more than {self.max_ratio:g} times"
                " (decompression bomb)",
            )


_META_RE = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_RE = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.\-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Server defaults that are often wrong for Persian pages: a document's own
# declaration is trusted over them.
_WEAK_HEADER_CHARSETS = {"iso8859-1", "latin-1", "ascii", "cp1252"}
# How browsers read a few labels (WHATWG encoding standard).
_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-6": "cp1256"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8-sig" else name


def charset_candidates(body: bytes, header_charset: str | None, *, html: bool) -> list[str]:
    """Charsets to try for ``body``, best first (HTTP header, BOM, meta)."""
    candidates: list[str] = []
    header = _codec(header_charset)
    for bom, name in _BOMS:
        if body.startswith(bom):
            candidates.append(name)
    declared: str | None = None
    if html:
        head = body[:8192]
        match = _XML_RE.search(head) or _META_RE.search(head)
        if match:
            declared = _codec(match.group(1).decode("ascii", "replace"))
            if declared in ("utf-16-le", "utf-16-be", "utf-16"):
                declared = "utf-8"  # an ASCII-readable meta cannot be UTF-16
    ordered: list[str | None]
    if header in _WEAK_HEADER_CHARSETS:
        # With no declaration of its own, the page goes to detection (which
        # still tries Western European).
        ordered = [declared, header] if declared else []
    else:
        ordered = [header, declared]
    for label in ordered:
        if label:
            candidates.append(_ALIASES.get(label, label))
    return list(dict.fromkeys(candidates))


def decode_body(body: bytes, header_charset: str | None, *, html: bool) -> str:
    """Decode ``body`` without mojibake: declared charsets first, then detection."""
    for name in charset_candidates(body, header_charset, html=html):
        try:
            text = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text.lstrip("\ufeff")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    persian = body.decode("cp1256", errors="replace")
    if _arabic_script_share(persian) >= 0.8:
        return persian
    best = from_bytes(body, cp_isolation=["cp1256", "utf_8", "iso8859_6", "cp1252"]).best()
    if best is not None:
        return str(best)
    return body.decode("utf-8", errors="replace")


def _arabic_script_share(text: str) -> float:
    """The share of Arabic-script letters (and ZWNJ) among the non-ASCII characters."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 0.0
    arabic = sum(1 for c in wide if "\u0600" <= c <= "\u06ff" or c == "\u200c")
    return arabic / len(wide)
