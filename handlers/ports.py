"""The services the handlers need, as Protocols, and the records they exchange.

``handlers`` never imports ``bot``: the application (``bot.app``) builds
concrete services that satisfy these Protocols and puts them in ``bot_data``
(see :mod:`handlers.context`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from telegram import InlineKeyboardMarkup, MessageEntity

from summarizer.model import Digest

DigitStyle = Literal["fa", "latin"]
Theme = Literal["light", "dark"]


@dataclass(frozen=True, slots=True)
class ChatPrefs:
    """Per-chat preferences kept by :class:`Store`."""

    bullets: int
    digits: DigitStyle = "fa"
    theme: Theme = "light"
    # In a channel's discussion group: comment the channel's posts with their key
    # figures (switched on by a group admin).
    channel_posts: bool = False


@dataclass(frozen=True, slots=True)
class StoredDigest:
    """A digest as kept in storage, with what it was made from."""

    id: int
    chat_id: int
    digest: Digest
    text: str
    title: str | None
    link: str | None
    created_at: float
    # Where the text came from when that is known apart from the link (the title of
    # the channel a post was forwarded from).
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article read from a link."""

    url: str
    title: str | None
    text: str


class LinkFailure(Exception):
    """No link gave an article; ``user_message`` is a Persian sentence for the user,
    ``url`` the link it is about."""

    def __init__(self, user_message: str, reason: str = "error", url: str | None = None) -> None:
        super().__init__(reason)
        self.user_message = user_message
        self.reason = reason
        self.url = url


@dataclass(frozen=True, slots=True)
class Reply:
    """One rendered reply: HTML chunks (each valid on its own) and an optional keyboard
    attached to the last chunk."""

    chunks: list[str]
    keyboard: InlineKeyboardMarkup | None = None


@dataclass(frozen=True, slots=True)
class InlineChoice:
    """One inline-mode result: what the user sees in the list (``title``,
    ``description``) and the HTML message posted when they pick it."""

    id: str
    title: str
    description: str
    html: str


@dataclass(frozen=True, slots=True)
class Document:
    filename: str
    content: bytes
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """A figure card: PNG bytes and the caption (HTML) it is sent with."""

    png: bytes
    caption: str
    filename: str = "card.png"


class DigestService(Protocol):
    async def digest(self, text: str, *, title: str | None, max_bullets: int) -> Digest: ...


class Store(Protocol):
    async def save_digest(
        self,
        chat_id: int,
        digest: Digest,
        *,
        text: str,
        title: str | None,
        link: str | None,
        message_ids: Sequence[int],
        source: str | None = None,
    ) -> StoredDigest: ...

    async def link_messages(
        self, chat_id: int, digest_id: int, message_ids: Sequence[int]
    ) -> None: ...

    async def find_by_message(self, chat_id: int, message_id: int) -> StoredDigest | None: ...

    async def last_digest(self, chat_id: int) -> StoredDigest | None: ...

    async def get_digest(self, chat_id: int, digest_id: int) -> StoredDigest | None: ...

    async def get_prefs(self, chat_id: int) -> ChatPrefs: ...

    async def set_prefs(self, chat_id: int, prefs: ChatPrefs) -> None: ...


class Renderer(Protocol):
    def text(self, key: str, prefs: ChatPrefs | None = None, **values: object) -> str:
        """A canned Persian message (HTML, escaped) by key."""
        ...

    def digest_reply(
        self, rec: StoredDigest, prefs: ChatPrefs, read_from: str | None = None
    ) -> Reply:
        """The digest message; ``read_from`` is the link the article was read from."""
        ...

    def figures(self, rec: StoredDigest, prefs: ChatPrefs) -> Reply: ...

    def details(self, rec: StoredDigest, n: int, prefs: ChatPrefs) -> Reply: ...

    def summary(self, rec: StoredDigest, prefs: ChatPrefs) -> Reply: ...

    def source(self, rec: StoredDigest, prefs: ChatPrefs) -> Reply: ...

    def settings(self, prefs: ChatPrefs, group: bool = False) -> Reply:
        """The settings view; ``group`` adds the switch for channel posts."""
        ...

    def inline(self, rec: StoredDigest, prefs: ChatPrefs) -> list[InlineChoice]:
        """Inline-mode results for a digest: the digest itself and its figures only."""
        ...

    def plain(self, key: str, prefs: ChatPrefs | None = None, **values: object) -> str:
        """A canned message as plain text (for buttons and alerts)."""
        ...

    def export(self, rec: StoredDigest) -> list[Document]: ...

    def split(self, html: str) -> list[str]: ...


class CardMaker(Protocol):
    async def card(
        self, rec: StoredDigest, prefs: ChatPrefs, handle: str | None = None
    ) -> Card | None:
        """The figure card of a digest in the chat's digits and theme, with the bot's
        ``handle`` in its footer; None when the digest has no figures to show."""
        ...


class LinkService(Protocol):
    @property
    def available(self) -> bool:
        """Whether links can be read at all."""
        ...

    def find_links(self, text: str, entities: Sequence[MessageEntity]) -> list[str]:
        """The links of one message's text (or caption) and its entities, in reading
        order."""
        ...

    async def fetch_first(self, urls: Sequence[str]) -> Article:
        """Read the first link (of at most 3) that gives an article, or raise LinkFailure."""
        ...


@dataclass(frozen=True, slots=True)
class Limits:
    """Plain limits the handlers enforce."""

    max_text_chars: int
    default_bullets: int
    allowed_chats: frozenset[int]
    merge_window_seconds: float
    # Inline mode: how long a link may take to read before the answer says it is
    # still being read.
    inline_wait_seconds: float = 4.0
