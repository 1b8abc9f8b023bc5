"""Settings from the environment and .env, and how the bot refuses bad ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAFakeTokenForSettingsTests_abcdefg"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(("RAQAM_", "TELEGRAM_")):
            monkeypatch.delenv(key)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    s = load_settings(env_file=None)
    assert s.token == TOKEN
    assert s.base_url == "https://api.telegram.org/bot"
    assert s.base_file_url == "https://api.telegram.org/file/bot"
    assert s.allowed_chats == frozenset()
    assert s.merge_window_seconds == 1.5
    assert not s.webhook_enabled
    assert TOKEN not in repr(s) and TOKEN not in str(s.model_dump())


def test_values_from_env_and_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nRAQAM_ALLOWED_CHATS=12, -100200\nRAQAM_MAX_BULLETS=5\n"
        "TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/bot\nRAQAM_LOG_LEVEL=debug\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("RAQAM_MAX_BULLETS", "3")  # the environment wins over .env
    s = load_settings(env_file=env_file)
    assert s.allowed_chats == frozenset({12, -100200})
    assert s.max_bullets == 3
    assert s.base_file_url == "http://127.0.0.1:8081/file/bot"
    assert s.log_level == "DEBUG"


def test_env_example_lists_every_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import Settings

    example = (ROOT / ".env.example").read_text("utf-8")
    names = {
        line.split("=", 1)[0]
        for line in example.splitlines()
        if "=" in line and not line.startswith("#")
    }
    aliases = {f.alias for f in Settings.model_fields.values()}
    assert aliases == names
    # The example itself loads once a token is filled in.
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    s = load_settings(env_file=ROOT / ".env.example")
    assert s.database.name == "raqam.sqlite3" and not s.webhook_enabled


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "malformed"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "RAQAM_ALLOWED_CHATS": "12,abc"}, "RAQAM_ALLOWED_CHATS"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "RAQAM_WEBHOOK_URL": "https://x.ir/hook"}, "SECRET"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "ftp://x"}, "http"),
    ],
)
def test_errors_are_one_line(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], words: str
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SettingsError) as err:
        load_settings(env_file=None)
    assert words in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("token", [None, "12345:short"])
def test_bot_exits_2_without_a_traceback(tmp_path: Path, token: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAQAM_", "TELEGRAM_"))}
    if token:
        env["TELEGRAM_BOT_TOKEN"] = token
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("raqam: configuration error: TELEGRAM_BOT_TOKEN")
    assert "Traceback" not in proc.stderr
    if token:
        assert token not in proc.stderr


def test_bot_exits_2_when_the_api_rejects_the_token(tmp_path: Path) -> None:
    from tests.fakebotapi import BotProcess, FakeBotAPI

    with FakeBotAPI() as api:
        bot = BotProcess(
            api, tmp_path / "raqam.sqlite3", tmp_path, env={"TELEGRAM_BOT_TOKEN": TOKEN}
        )
        bot.start(wait=False)
        try:
            code = bot.wait(timeout=60)
        finally:
            bot.stop()
    assert code == 2
    last = bot.log().strip().splitlines()[-1]
    assert last == "raqam: the Bot API rejected TELEGRAM_BOT_TOKEN"
    assert TOKEN not in bot.log() and "Traceback" not in bot.log()
    assert [c.status for c in api.calls("getMe")] == [401]
