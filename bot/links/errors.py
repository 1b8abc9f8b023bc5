"""Why a link could not be read: :class:`LinkError` and its reason codes."""

from __future__ import annotations

from typing import Final

NOT_FOUND: Final = "not_found"
TIMEOUT: Final = "timeout"
TOO_LARGE: Final = "too_large"
NOT_ARTICLE: Final = "not_article"
BLOCKED_ADDRESS: Final = "blocked_address"
BAD_URL: Final = "bad_url"
HTTP_ERROR: Final = "http_error"
SERVER_ERROR: Final = "server_error"
TOO_MANY_REDIRECTS: Final = "too_many_redirects"
NETWORK_ERROR: Final = "network_error"

#: A short Persian sentence for the reader, one per reason code.
USER_MESSAGES: Final[dict[str, str]] = {
    NOT_FOUND: "صفحهٔ این پیوند پیدا نشد.",
    TIMEOUT: "پاسخ این پیوند بیش از حد طول کشید.",
    TOO_LARGE: "صفحهٔ این پیوند بیش از حد بزرگ است.",
    NOT_ARTICLE: "در این پیوند متن خبری پیدا نشد.",
    BLOCKED_ADDRESS: "این نشانی قابل دسترسی نیست.",
    BAD_URL: "این پیوند معتبر نیست.",
    HTTP_ERROR: "سایت این پیوند صفحه را نداد.",
    SERVER_ERROR: "سایت این پیوند خطا داد؛ کمی بعد دوباره امتحان کنید.",
    TOO_MANY_REDIRECTS: "این پیوند بیش از حد به جای دیگری ارجاع می‌دهد.",
    NETWORK_ERROR: "اتصال به سایت این پیوند برقرار نشد.",
}


class LinkError(Exception):
    """A link could not be turned into an article.

    ``reason`` is a short English code (see the constants of this module),
    ``user_message`` a short Persian sentence to show the reader and
    ``detail`` an English explanation for logs and the command line.
    ``str(exc)`` gives both sentences.
    """

    def __init__(self, reason: str, detail: str = "", *, url: str | None = None) -> None:
        self.reason = reason
        self.user_message = USER_MESSAGES.get(reason, USER_MESSAGES[HTTP_ERROR])
        self.detail = detail or reason.replace("_", " ")
        self.url = url
        super().__init__(self.reason, self.detail)

    def __str__(self) -> str:
        where = f" <{self.url}>" if self.url else ""
        return f"{self.user_message} ({self.detail}{where})"

    def __repr__(self) -> str:
        return f"LinkError({self.reason!r}, {self.detail!r}, url={self.url!r})"
