"""Bot settings, read from the environment and an optional ``.env`` file.

Every setting is documented in ``.env.example``. :func:`load_settings` turns
a configuration problem into :class:`SettingsError` with a one-line message
that never contains the token.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Telegram tokens look like ``123456789:AAE...`` (bot id, colon, 30+ url-safe chars).
TOKEN_RE = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$")


class SettingsError(Exception):
    """A configuration problem, explained in one line."""


class Settings(BaseSettings):
    """All knobs of the bot (see ``.env.example``)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr = Field(alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL"
    )

    database: Path = Field(default=Path("raqam.sqlite3"), alias="RAQAM_DATABASE")
    allowed_chats: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="RAQAM_ALLOWED_CHATS"
    )
    max_bullets: int = Field(default=8, ge=1, le=20, alias="RAQAM_MAX_BULLETS")
    max_text_chars: int = Field(default=60_000, ge=100, alias="RAQAM_MAX_TEXT_CHARS")
    digest_ttl_days: float = Field(default=30.0, gt=0, alias="RAQAM_DIGEST_TTL_DAYS")
    merge_window_seconds: float = Field(
        default=1.5, ge=0, le=30, alias="RAQAM_MERGE_WINDOW_SECONDS"
    )
    digest_workers: int = Field(default=4, ge=1, le=64, alias="RAQAM_DIGEST_WORKERS")
    digest_processes: bool = Field(default=False, alias="RAQAM_DIGEST_PROCESSES")

    inline_wait_seconds: float = Field(default=4.0, gt=0, le=8, alias="RAQAM_INLINE_WAIT_SECONDS")
    group_messages: int = Field(default=20, ge=0, alias="RAQAM_GROUP_MESSAGES")
    group_period_seconds: float = Field(default=60.0, gt=0, alias="RAQAM_GROUP_PERIOD_SECONDS")

    allow_private_urls: bool = Field(default=False, alias="RAQAM_ALLOW_PRIVATE_URLS")
    link_connect_timeout: float = Field(default=5.0, gt=0, alias="RAQAM_LINK_CONNECT_TIMEOUT")
    link_read_timeout: float = Field(default=10.0, gt=0, alias="RAQAM_LINK_READ_TIMEOUT")
    link_total_timeout: float = Field(default=20.0, gt=0, alias="RAQAM_LINK_TOTAL_TIMEOUT")
    link_max_bytes: int = Field(default=3_000_000, ge=1024, alias="RAQAM_LINK_MAX_BYTES")

    webhook_url: str | None = Field(default=None, alias="RAQAM_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="RAQAM_WEBHOOK_SECRET")
    webhook_listen: str = Field(default="127.0.0.1", alias="RAQAM_WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, ge=1, le=65535, alias="RAQAM_WEBHOOK_PORT")

    bootstrap_retries: int = Field(default=-1, ge=-1, alias="RAQAM_BOOTSTRAP_RETRIES")
    poll_timeout: int = Field(default=10, ge=0, le=50, alias="RAQAM_POLL_TIMEOUT")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", alias="RAQAM_LOG_LEVEL"
    )

    @field_validator("telegram_bot_token")
    @classmethod
    def _check_token(cls, v: SecretStr) -> SecretStr:
        token = v.get_secret_value().strip()
        if not TOKEN_RE.match(token):
            raise ValueError("malformed token (expected digits, a colon, then 20+ letters)")
        return SecretStr(token)

    @field_validator("telegram_api_base_url")
    @classmethod
    def _check_base_url(cls, v: str) -> str:
        v = v.strip()
        if not v.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return v

    @field_validator("allowed_chats", mode="before")
    @classmethod
    def _parse_chats(cls, v: object) -> object:
        if isinstance(v, str):
            parts = [p.strip() for p in v.replace(";", ",").split(",")]
            try:
                return frozenset(int(p) for p in parts if p)
            except ValueError:
                raise ValueError("comma-separated chat or user ids expected") from None
        return v

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, v: object) -> object:
        return v.upper() if isinstance(v, str) else v

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("RAQAM_WEBHOOK_SECRET must be set when RAQAM_WEBHOOK_URL is set")
        return self

    @property
    def token(self) -> str:
        return self.telegram_bot_token.get_secret_value()

    @property
    def base_url(self) -> str:
        """Bot API base, e.g. ``https://api.telegram.org/bot`` (token appended by PTB)."""
        return self.telegram_api_base_url

    @property
    def base_file_url(self) -> str:
        """File download base derived from :attr:`base_url` (``.../bot`` -> ``.../file/bot``)."""
        url = self.telegram_api_base_url.rstrip("/")
        if url.endswith("/bot"):
            return url[: -len("/bot")] + "/file/bot"
        return url + "/file/bot"

    @property
    def webhook_enabled(self) -> bool:
        return bool(self.webhook_url)


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the settings; raise :class:`SettingsError` with a one-line reason."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err.get("loc") or ("?",)
            name = str(loc[0])
            if err.get("type") == "missing":
                problems.append(f"{name} is not set")
            else:
                msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
                problems.append(f"{name}: {msg}")
        raise SettingsError("; ".join(problems)) from None
