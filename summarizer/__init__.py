"""Raqam's engine: Persian news text in, key figures and a bulleted summary out.

Pure and independent of Telegram: no I/O, no network. The single entry point
is :func:`digest`.
"""

from summarizer.digest import digest
from summarizer.model import Digest, Figure

__all__ = ["Digest", "Figure", "digest"]
