"""Database faults at start: a corrupt file, an unusable path, a file locked by
another process. The real bot process must stop with a clear one-line error
and a non-zero exit code (no traceback), before it ever talks to Telegram."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("bot.app", reason="the bot application is not present")

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAFakeTokenForFaultTests_abcdefghijk"


def _run_bot(db: Path | str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        # Port 9 (discard) is closed on loopback: the bot must fail before using it.
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "RAQAM_DATABASE": str(db),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _assert_clear_failure(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert TOKEN not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("raqam:"), proc.stderr
    for word in words:
        assert word in last, last


def test_corrupt_database_file(tmp_path: Path) -> None:
    db = tmp_path / "raqam.sqlite3"
    db.write_bytes(b"this is not a database, it is a note about figures\n" * 200)
    _assert_clear_failure(_run_bot(db, tmp_path), str(db), "corrupt")
    assert db.read_bytes().startswith(b"this is not a database"), "the file is left alone"


def test_truncated_database_file(tmp_path: Path) -> None:
    db = tmp_path / "raqam.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("۱۲۳" * 200,)] * 200)
    conn.commit()
    conn.close()
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\x00" * 50 + data[150:4096])
    _assert_clear_failure(_run_bot(db, tmp_path), str(db))


def test_database_path_is_a_directory(tmp_path: Path) -> None:
    db = tmp_path / "db-dir"
    db.mkdir()
    _assert_clear_failure(_run_bot(db, tmp_path), "directory")


def test_database_directory_missing(tmp_path: Path) -> None:
    _assert_clear_failure(_run_bot(tmp_path / "missing" / "raqam.sqlite3", tmp_path), "missing")


def test_database_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("x")
    _assert_clear_failure(_run_bot(tmp_path / "plain-file" / "raqam.sqlite3", tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_database_directory_read_only(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        _assert_clear_failure(_run_bot(ro / "raqam.sqlite3", tmp_path), str(ro))
    finally:
        ro.chmod(0o700)


def _hold_exclusive_lock(db: Path) -> subprocess.Popen[str]:
    """Another process takes an exclusive lock on ``db`` and keeps it until killed."""
    code = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "c.execute('CREATE TABLE IF NOT EXISTS held (x)')\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_database_locked_by_another_process(tmp_path: Path) -> None:
    db = tmp_path / "raqam.sqlite3"
    sqlite3.connect(db).close()
    holder = _hold_exclusive_lock(db)
    try:
        proc = _run_bot(db, tmp_path, timeout=90)
        # The bot waited a while for the lock (a short lock is harmless), then
        # gave up clearly while the other process still held it.
        assert holder.poll() is None
    finally:
        holder.kill()
        holder.wait()
    _assert_clear_failure(proc, "locked")
