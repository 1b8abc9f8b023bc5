"""``raqam digest`` as a user runs it: the installed console script in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.model import KINDS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "water-report.txt"
RAQAM = Path(sys.executable).parent / "raqam"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(RAQAM), *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def bullets(out: str) -> list[str]:
    return [line[2:] for line in out.splitlines() if line.startswith("• ")]


def test_console_script_is_installed() -> None:
    assert RAQAM.exists()


def test_bundled_example_gives_its_key_figures() -> None:
    result = run("digest", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    lines = bullets(result.stdout)
    assert 1 <= len(lines) <= 8
    text = "\n".join(lines)
    for figure in ("۱۸ درصد", "۴۱۲ میلیون مترمکعب", "۱۲ هزار و ۵۰۰ میلیارد ریال"):
        assert figure in text
    # The news id at the foot of the report and the hotline number are not figures.
    assert "۵۸۳۱۰۴" not in text
    assert "سامانه ۱۲۲" not in text


def test_stdin_gives_the_same_bullets_as_the_file() -> None:
    from_file = run("digest", str(EXAMPLE))
    from_stdin = run("digest", "-", stdin=EXAMPLE.read_bytes())
    assert from_stdin.returncode == 0
    assert bullets(from_stdin.stdout) == bullets(from_file.stdout)


def test_bullets_option_caps_the_count() -> None:
    result = run("digest", str(EXAMPLE), "--bullets", "2")
    assert result.returncode == 0
    assert len(bullets(result.stdout)) == 2


def test_json_output_follows_the_contract() -> None:
    result = run("digest", str(EXAMPLE), "--json", "--title", "ذخایر سدها")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["title"] == "ذخایر سدها"
    assert {"title", "bullets", "figures", "sentences", "summary"} <= data.keys()
    text = EXAMPLE.read_text(encoding="utf-8")
    for figure in data["figures"]:
        start, end = figure["span"]
        assert text[start:end] == figure["text"]
        assert figure["kind"] in KINDS
        assert 0 <= figure["sentence"] < len(data["sentences"])
    assert data["summary"] == sorted(data["summary"])
    money = [f for f in data["figures"] if f["kind"] == "money"]
    assert any(f["value"] == 12_500_000_000_000 and f["unit"] == "ریال" for f in money)


def test_empty_input_is_a_clear_message_not_an_error() -> None:
    result = run("digest", "-", stdin=b"   \n")
    assert result.returncode == 0
    assert "متنی برای خلاصه کردن نیست" in result.stdout
    assert not bullets(result.stdout)


def test_text_without_figures_says_so() -> None:
    text = "رئیس سازمان از برگزاری نشست مشترک با استانداران خبر داد و بر همکاری تاکید کرد."
    result = run("digest", "-", stdin=text.encode("utf-8"))
    assert result.returncode == 0
    assert "رقمی پیدا نشد" in result.stdout


@pytest.mark.parametrize(
    ("payload", "reason"),
    [(b"\xff\xfe\x00\x81binary\x00", "not UTF-8"), (b"\xd8", "truncated UTF-8")],
)
def test_unreadable_input_exits_3_with_a_message(payload: bytes, reason: str) -> None:
    result = run("digest", "-", stdin=payload)
    assert result.returncode == 3, reason
    assert result.stderr.startswith("raqam: cannot read")
    assert "Traceback" not in result.stderr


def test_missing_file_exits_3(tmp_path: Path) -> None:
    result = run("digest", str(tmp_path / "nope.txt"))
    assert result.returncode == 3
    assert "Traceback" not in result.stderr


def test_no_source_is_a_usage_error() -> None:
    result = run("digest")
    assert result.returncode == 2
    assert "raqam:" in result.stderr


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.Popen(
        [str(RAQAM), "digest", str(EXAMPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before anything is printed
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert b"Traceback" not in err
