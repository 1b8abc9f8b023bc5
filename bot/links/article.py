"""The article read from a link."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """An article fetched from ``url`` (after redirects: ``final_url``).

    ``text`` is the main text without menus, related news, comments or
    footers; ``published`` is an ISO date (``YYYY-MM-DD``) when the page has one.
    """

    url: str
    final_url: str
    title: str | None
    text: str
    published: str | None = None
