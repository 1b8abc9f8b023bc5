"""Batch mode: ``raqam digest --jsonl`` through the real CLI and through
:func:`bot.batch.run_batch`."""

from __future__ import annotations

import io
import itertools
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from bot import batch
from bot.batch import run_batch

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = [
    "به گزارش خبرگزاری پارس، معاون وزیر صنعت گفت: تولید روزانه ماسک در کارگاه‌های کشور "
    "به بیش از ۱۷ میلیون عدد رسیده است. او افزود: ۳۰۰ کارگاه جدید نیز راه‌اندازی شد.",
    "مدیرکل بهزیستی استان اعلام کرد: امسال ۱۰ میلیون و ۱۵۰ هزار بسته معیشتی میان "
    "خانواده‌های نیازمند توزیع شد و ۴۷ میلیارد تومان کمک نقدی پرداخت شد.",
    "رئیس سازمان برنامه گفت: نرخ بیکاری در فصل گذشته ۹٫۲ درصد بود که نسبت به سال قبل "
    "۱٫۱ درصد کاهش نشان می‌دهد.",
    "این گزارش درباره برنامه‌های فرهنگی هفته آینده است و رقمی در آن نیامده است.",
]


def _records(n: int) -> list[dict[str, Any]]:
    return [{"id": f"a{i}", "text": ARTICLES[i % len(ARTICLES)]} for i in range(n)]


def _write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write((rec if isinstance(rec, str) else json.dumps(rec, ensure_ascii=False)) + "\n")
    return path


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "digest", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def _lines(data: bytes | str) -> list[dict[str, Any]]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return [json.loads(line) for line in text.splitlines()]


# --------------------------------------------------------------------------- the CLI


def test_cli_two_workers_keep_input_order_and_match_one_worker(tmp_path: Path) -> None:
    # Enough records for several chunks per worker, so reordering would show.
    src = _write_jsonl(tmp_path / "in.jsonl", _records(5 * batch.CHUNK_RECORDS + 3))
    one = _cli("--jsonl", str(src), "--out", str(tmp_path / "one.jsonl"))
    two = _cli("--jsonl", str(src), "--out", str(tmp_path / "two.jsonl"), "--workers", "2")
    assert one.returncode == 0, one.stderr.decode()
    assert two.returncode == 0, two.stderr.decode()
    out_one = _lines((tmp_path / "one.jsonl").read_bytes())
    out_two = _lines((tmp_path / "two.jsonl").read_bytes())
    assert [r["id"] for r in out_two] == [f"a{i}" for i in range(5 * batch.CHUNK_RECORDS + 3)]
    assert out_one == out_two
    first = out_one[0]["digest"]
    assert first["figures"], "an article with figures gives figures"
    assert "83 records, 83 digested, 0 errors" in two.stderr.decode()


def test_cli_reports_bad_records_and_keeps_going(tmp_path: Path) -> None:
    records: list[Any] = [
        {"id": 1, "text": ARTICLES[0]},
        "{not json",
        {"id": 2},
        {"id": 3, "text": 42},
        [1, 2, 3],
        {"text": ARTICLES[1]},
        {"id": {"x": 1}, "text": ARTICLES[1]},
        {"id": 4, "text": ARTICLES[1], "title": 7},
        {"id": 5, "url": ""},
        {"id": 6, "text": ARTICLES[2]},
    ]
    src = _write_jsonl(tmp_path / "in.jsonl", records)
    proc = _cli("--jsonl", str(src))
    assert proc.returncode == batch.EXIT_SOME_FAILED
    out = _lines(proc.stdout)
    assert len(out) == len(records)
    assert [r.get("line") for r in out if "error" in r] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert out[0]["id"] == 1 and "digest" in out[0]
    assert out[-1]["id"] == 6 and "digest" in out[-1]
    errors = {r["line"]: r["error"] for r in out if "error" in r}
    assert errors[2].startswith("invalid JSON")
    assert errors[3] == "missing field: text or url"
    assert errors[4] == "text must be a string"
    assert errors[5] == "record is not a JSON object"
    assert errors[6] == "missing field: id"
    assert errors[7] == "id must be a string or a number"
    assert errors[8] == "title must be a string"
    assert errors[9] == "url must be a non-empty string"
    assert "10 records, 2 digested, 8 errors" in proc.stderr.decode()


def test_cli_reads_stdin_and_skips_blank_lines() -> None:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in _records(3)) + "\n\n  \n"
    proc = _cli("--jsonl", "-", stdin=data.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert [r["id"] for r in _lines(proc.stdout)] == ["a0", "a1", "a2"]


def test_cli_missing_input_and_unwritable_output_fail_clearly(tmp_path: Path) -> None:
    missing = _cli("--jsonl", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == batch.EXIT_IO
    assert b"cannot read" in missing.stderr and b"Traceback" not in missing.stderr
    src = _write_jsonl(tmp_path / "in.jsonl", _records(1))
    bad_out = _cli("--jsonl", str(src), "--out", str(tmp_path / "no-dir" / "out.jsonl"))
    assert bad_out.returncode == batch.EXIT_IO
    assert b"cannot write" in bad_out.stderr and b"Traceback" not in bad_out.stderr


def test_cli_rejects_zero_workers(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", _records(1))
    proc = _cli("--jsonl", str(src), "--workers", "0")
    assert proc.returncode == batch.EXIT_USAGE
    assert b"--workers" in proc.stderr


def test_cli_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", _records(4))
    plain = _cli("--jsonl", str(src), "--out", str(tmp_path / "o.jsonl"))
    assert b"\r" not in plain.stderr
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.cli",
                "digest",
                "--jsonl",
                str(src),
                "--out",
                str(tmp_path / "p.jsonl"),
            ],
            cwd=ROOT,
            stderr=slave,
            stdout=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "\r" in shown and "100%" in shown and "4 records" in shown


# --------------------------------------------------------------------------- the function


def test_run_batch_invalid_utf8_and_lone_surrogates(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": 1, "text": ARTICLES[0]}, ensure_ascii=False).encode()
    src.write_bytes(
        good
        + b"\n"
        + b'{"id": 2, "text": "\xff\xfe broken"}\n'
        + b'{"id": "\\ud800", "text": "\\ud800 \xdb\xb1\xdb\xb2 \\udfff"}\n'
    )
    out = tmp_path / "out.jsonl"
    code = run_batch(src, out=out)
    rows = _lines(out.read_bytes())
    assert len(rows) == 3
    assert "digest" in rows[0]
    assert rows[1]["error"].startswith("invalid JSON")
    # A lone surrogate cannot be UTF-8: it is escaped, and the file stays valid.
    assert rows[2]["id"] == "\ud800"
    assert code == batch.EXIT_SOME_FAILED


def test_run_batch_oversized_line_and_text_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MAX_LINE_BYTES", 2000)
    monkeypatch.setattr(batch, "MAX_TEXT_CHARS", 300)
    records = [
        {"id": "big-line", "text": "۱" * 5000},
        {"id": "big-text", "text": "ب" * 400},
        {"id": "ok", "text": ARTICLES[0]},
    ]
    src = _write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert run_batch(src, out=out) == batch.EXIT_SOME_FAILED
    rows = _lines(out.read_bytes())
    assert rows[0] == {"id": None, "line": 1, "error": "record longer than 2000 bytes"}
    assert rows[1]["id"] == "big-text" and "longer than 300 characters" in rows[1]["error"]
    assert rows[2]["id"] == "ok" and "digest" in rows[2]


def test_read_lines_never_holds_an_oversized_line() -> None:
    stream = io.BytesIO(b"short\n" + b"x" * 10_000 + b"\n" + b"\n" + b"tail")
    lines = list(batch._read_lines(stream, max_bytes=100))
    assert [(x.number, x.data, x.too_long) for x in lines] == [
        (1, b"short\n", False),
        (2, b"", True),
        (4, b"tail", False),
    ]


@pytest.mark.parametrize("tail", [b"", b"\n", b"last line without an end"])
def test_ranges_cover_every_line_once_and_read_back_the_same_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tail: bytes
) -> None:
    monkeypatch.setattr(batch, "CHUNK_BYTES", 300)
    monkeypatch.setattr(batch, "_SCAN_BLOCK", 64)  # line ends across blocks
    body = b"".join(
        b"\n" if i % 7 == 3 else (b"x" * (150 if i % 5 == 0 else i) + b"\n") for i in range(1, 40)
    )
    path = tmp_path / "in.jsonl"
    path.write_bytes(body + b"y" * 1000 + b"\n" + tail)
    with path.open("rb") as f:
        whole = list(batch._read_lines(f, max_bytes=500))
    with path.open("rb") as f:
        ranges = list(batch._ranges(f, str(path), records=4))
    assert all(r.lines <= 4 for r in ranges)
    assert max(r.size for r in ranges) < 300 + 1001, "the byte budget ends a range"
    assert ranges[0].start == 0 and ranges[0].first == 1
    for a, b in itertools.pairwise(ranges):
        assert b.start == a.start + a.size and b.first == a.last + 1
    assert ranges[-1].start + ranges[-1].size == path.stat().st_size
    lines_in_file = body.count(b"\n") + 1 + (tail not in (b"", b"\n")) + (tail == b"\n")
    assert ranges[-1].last == lines_in_file
    read = []
    for r in ranges:
        with path.open("rb") as f:
            f.seek(r.start)
            got = list(batch._read_lines(f, max_bytes=500, first=r.first, count=r.lines))
        assert all(r.first <= x.number <= r.last for x in got)
        read.extend(got)
    assert read == whole
    assert any(x.too_long for x in read)


def test_a_range_of_a_file_changed_since_is_not_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": i, "text": ARTICLES[i % len(ARTICLES)]} for i in range(6)]
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)
    path.write_bytes(data)
    with path.open("rb") as f:
        ranges = list(batch._ranges(f, str(path), records=4))
    assert [(r.first, r.lines) for r in ranges] == [(1, 4), (5, 2)]
    out, records, errors = batch._digest_range(ranges[1], 3)
    assert (records, errors) == (2, 0)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [4, 5]

    path.write_bytes(data[: ranges[1].start + 10])  # cut short, same file
    with pytest.raises(OSError, match="changed during the run"):
        batch._digest_range(ranges[1], 3)
    other = tmp_path / "other.jsonl"
    other.write_bytes(data)
    other.replace(path)  # replaced by another file
    with pytest.raises(OSError, match="replaced during the run"):
        batch._digest_range(ranges[1], 3)


def test_ranges_only_for_regular_files(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": 1, "text": "x"}\n')
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(path.read_bytes(),))
    writer.start()
    shards = [batch._Shard(str(p), None, atomic=False) for p in (path, fifo)]
    chunks = [c for kind, _, c in batch._events(shards, 16, ranges=True) if kind == "chunk"]
    writer.join()
    assert isinstance(chunks[0], batch._Range) and os.path.isabs(chunks[0].path)
    assert isinstance(chunks[1], list) and chunks[1][0].data == path.read_bytes()


def test_run_batch_url_records_without_a_reachable_server(tmp_path: Path) -> None:
    # Port 9 on loopback is closed: with or without the link fetcher the
    # record gets an error line with its id, and the next record still runs.
    src = _write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": "u", "url": "http://127.0.0.1:9/news/1"}, {"id": "t", "text": ARTICLES[1]}],
    )
    out = tmp_path / "out.jsonl"
    assert run_batch(src, out=out) == batch.EXIT_SOME_FAILED
    rows = _lines(out.read_bytes())
    assert rows[0]["id"] == "u" and rows[0]["error"]
    assert rows[1]["id"] == "t" and "digest" in rows[1]


def test_run_batch_bullets_limit_and_empty_file(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", _records(2))
    out = tmp_path / "out.jsonl"
    assert run_batch(src, out=out, max_bullets=1) == 0
    assert all(len(r["digest"]["bullets"]) <= 1 for r in _lines(out.read_bytes()))
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert run_batch(empty, out=out) == 0
    assert out.read_bytes() == b""
