"""Batch mode over shards: an output directory with resume, Dask, the figures
table, and the faults: a worker killed mid-run, an interrupted run, a shard
that cannot be read, a glob that matches nothing, an unreachable scheduler.

One two-worker Dask cluster (worker processes) serves the whole module; the
``raqam`` command runs as a real process against it.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pty
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pytest
from distributed import Client, LocalCluster
from distributed.core import Status

from bot import batch
from bot.cluster import CHUNK_RECORDS

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = [
    "به گزارش خبرگزاری پارس، معاون وزیر صنعت گفت: تولید روزانه ماسک در کارگاه‌های کشور "
    "به بیش از ۱۷ میلیون عدد رسیده است. او افزود: ۳۰۰ کارگاه جدید نیز راه‌اندازی شد.",
    "مدیرکل بهزیستی استان اعلام کرد: امسال ۱۰ میلیون و ۱۵۰ هزار بسته معیشتی میان "
    "خانواده‌های نیازمند توزیع شد و ۴۷ میلیارد تومان کمک نقدی پرداخت شد.",
    "رئیس سازمان برنامه گفت: نرخ بیکاری در فصل گذشته ۹٫۲ درصد بود که نسبت به سال قبل "
    "۱٫۱ درصد کاهش نشان می‌دهد.",
    "به گزارش ایرنا، مدیرعامل شرکت آب منطقه‌ای گفت: حجم آب مخازن سدهای استان با ۱۸ درصد "
    "کاهش به ۴۱۲ میلیون مترمکعب رسید و بین ۱۰ تا ۱۲ درصد ظرفیت خالی است.",
    "این گزارش درباره برنامه‌های فرهنگی هفته آینده است و رقمی در آن نیامده است.",
]


def _write_shards(where: Path, shards: int, per_shard: int, *, bad: bool = True) -> list[Path]:
    """``shards`` JSON-lines files of ``per_shard`` records; with ``bad``, the
    third record of the second shard is not JSON."""
    where.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in range(shards):
        path = where / f"part-{s:03d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(per_shard):
                if bad and s == 1 and i == 2:
                    f.write("{not json\n")
                    continue
                text = ARTICLES[(s + i) % len(ARTICLES)]
                rec = {"id": f"s{s}-r{i}", "text": text}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "digest", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _popen(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "digest", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _outputs(outdir: Path) -> dict[str, list[dict[str, Any]]]:
    return {p.name: _rows(p) for p in sorted(outdir.glob("*.jsonl"))}


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def _wait_for(predicate: Any, proc: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + 120
    while not predicate():
        if proc.poll() is not None:
            pytest.fail(f"the run ended before {what}: {proc.stderr.read() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


def _started_worker_pids(client: Client) -> list[int]:
    """The worker processes of the test cluster that their nanny has finished
    starting (a nanny whose worker dies while starting gives up on it)."""
    pids = []
    for nanny in list(client.cluster.workers.values()):
        process = nanny.process
        if process is not None and process.status == Status.running and process.pid:
            pids.append(process.pid)
    return pids


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, Client]]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as lc,
        Client(lc) as client,
    ):
        yield lc.scheduler_address, client


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _write_shards(tmp_path_factory.mktemp("in"), shards=4, per_shard=30)


@pytest.fixture(scope="module")
def local_out(tmp_path_factory: pytest.TempPathFactory, shards: list[Path]) -> Path:
    """The shards digested in local mode, one process: the reference."""
    out = tmp_path_factory.mktemp("local") / "out"
    proc = _cli("--jsonl", str(shards[0].parent / "part-*.jsonl"), "--out", str(out))
    assert proc.returncode == batch.EXIT_SOME_FAILED, proc.stderr
    return out


# --------------------------------------------------------------------------- same output


def test_dask_gives_the_same_output_as_local_mode(
    cluster: tuple[str, Client], shards: list[Path], local_out: Path, tmp_path: Path
) -> None:
    address, _ = cluster
    out = tmp_path / "dask"
    proc = _cli("--jsonl", *map(str, shards), "--out", str(out), "--dask", address)
    assert proc.returncode == batch.EXIT_SOME_FAILED, proc.stderr
    assert "120 records, 119 digested, 1 errors" in proc.stderr
    assert "shards: 4 written, 0 skipped" in proc.stderr
    local, dask = _outputs(local_out), _outputs(out)
    assert list(dask) == [p.name for p in shards]
    assert dask == local
    # Input order within a shard, and the bad record's error line in its place.
    assert [r["id"] for r in dask["part-000.jsonl"]] == [f"s0-r{i}" for i in range(30)]
    bad = dask["part-001.jsonl"][2]
    assert bad["id"] is None and bad["line"] == 3 and bad["error"].startswith("invalid JSON")
    assert any(r["digest"]["figures"] for r in dask["part-002.jsonl"])
    assert not list(out.glob(".*")), "no temporary files are left"


def test_dask_local_cluster_without_address(
    shards: list[Path], local_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "own"
    proc = _cli("--jsonl", *map(str, shards[:2]), "--out", str(out), "--dask", "--workers", "2")
    assert proc.returncode == batch.EXIT_SOME_FAILED, proc.stderr
    got = _outputs(out)
    assert list(got) == ["part-000.jsonl", "part-001.jsonl"]
    assert got == {k: v for k, v in _outputs(local_out).items() if k in got}


def test_one_input_to_one_file_still_works_with_dask(
    cluster: tuple[str, Client], shards: list[Path], local_out: Path, tmp_path: Path
) -> None:
    address, _ = cluster
    out = tmp_path / "single.jsonl"
    proc = _cli("--jsonl", str(shards[2]), "--out", str(out), "--dask", address)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()
    assert _rows(out) == _rows(local_out / "part-002.jsonl")


# --------------------------------------------------------------------------- the table


def _expected_rows(outdir: Path) -> list[tuple[str, str, int, str, str | None, int]]:
    rows = []
    for name, records in _outputs(outdir).items():
        for rec in records:
            for rank, fig in enumerate(rec.get("digest", {}).get("figures", []), start=1):
                rows.append((name, rec["id"], rank, fig["text"], fig["kind"], fig["sentence"]))
    return rows


def test_figures_table_rows_match_the_digests(
    cluster: tuple[str, Client], shards: list[Path], tmp_path: Path
) -> None:
    address, _ = cluster
    out = tmp_path / "out"
    table = tmp_path / "figures.parquet"
    proc = _cli("--jsonl", *map(str, shards), "--out", str(out), "--dask", address,
                "--figures", str(table))  # fmt: skip
    assert proc.returncode == batch.EXIT_SOME_FAILED, proc.stderr
    expected = _expected_rows(out)
    assert len(expected) > 50
    assert f"{len(expected)} figures in {table}" in proc.stderr

    import pyarrow.parquet as pq

    got = pq.read_table(table).to_pylist()
    assert [(r["shard"], r["record_id"], r["rank"], r["text"], r["kind"], r["sentence"])
            for r in got] == expected  # fmt: skip
    # Values and ranges come from the digest as they are.
    by_key = {(r["shard"], r["record_id"], r["rank"]): r for r in got}
    for name, records in _outputs(out).items():
        for rec in records:
            for rank, fig in enumerate(rec.get("digest", {}).get("figures", []), start=1):
                row = by_key[(name, rec["id"], rank)]
                assert row["value"] == fig["value"]
                assert [row["low"], row["high"]] == (fig["range"] or [None, None])
                for col in ("unit", "subject", "qualifier", "period", "change", "date"):
                    assert row[col] == fig[col], col

    # A rerun has nothing left to digest and still writes the whole table.
    csv_table = tmp_path / "figures.csv"
    again = _cli("--jsonl", *map(str, shards), "--out", str(out), "--figures", str(csv_table))
    assert "4 of 4 shards already done" in again.stderr
    with csv_table.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == (
            "shard", "record_id", "rank", "text", "value", "low", "high", "kind", "unit",
            "subject", "qualifier", "period", "change", "date", "sentence",
        )  # fmt: skip
        rows = list(reader)
    assert [(r["shard"], r["record_id"], int(r["rank"]), r["text"]) for r in rows] == [
        e[:4] for e in expected
    ]

    # The README's query.
    import duckdb

    money = duckdb.sql(
        f"SELECT record_id, value FROM '{table}' WHERE kind = 'money' ORDER BY value DESC"
    ).fetchall()
    assert money and money[0][1] == max(
        r["value"] for r in got if r["kind"] == "money" and r["value"] is not None
    )


def test_parquet_needs_out_and_a_known_suffix(shards: list[Path], tmp_path: Path) -> None:
    no_out = _cli("--jsonl", str(shards[0]), "--figures", str(tmp_path / "f.csv"))
    assert no_out.returncode == batch.EXIT_USAGE and "--figures needs --out" in no_out.stderr
    bad = _cli("--jsonl", str(shards[0]), "--out", str(tmp_path / "o"), "--figures", "f.xlsx")
    assert bad.returncode == batch.EXIT_USAGE and ".csv or .parquet" in bad.stderr


# --------------------------------------------------------------------------- bad input


def test_unreadable_shard_gets_one_error_line_and_the_others_go_on(
    shards: list[Path], local_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "missing.jsonl"
    a_dir = tmp_path / "dir.jsonl"
    a_dir.mkdir()
    proc = _cli("--jsonl", str(shards[0]), str(missing), str(a_dir), str(shards[3]),
                "--out", str(out))  # fmt: skip
    assert proc.returncode == batch.EXIT_IO
    errors = [line for line in proc.stderr.splitlines() if "cannot read" in line]
    assert len(errors) == 2
    assert str(missing) in errors[0] and str(a_dir) in errors[1]
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["part-000.jsonl", "part-003.jsonl"]
    assert _outputs(out)["part-003.jsonl"] == _outputs(local_out)["part-003.jsonl"]


def test_glob_that_matches_nothing_exits_2(tmp_path: Path) -> None:
    proc = _cli("--jsonl", str(tmp_path / "nothing-*.jsonl"), "--out", str(tmp_path / "o"))
    assert proc.returncode == batch.EXIT_USAGE
    assert "no input file matches" in proc.stderr and "nothing-*.jsonl" in proc.stderr
    assert not (tmp_path / "o").exists()


def test_unreachable_scheduler_exits_3_quickly(shards: list[Path], tmp_path: Path) -> None:
    with socket.socket() as s:  # a loopback port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    proc = _cli("--jsonl", str(shards[0]), "--out", str(tmp_path / "o"),
                "--dask", f"tcp://127.0.0.1:{port}", timeout=60)  # fmt: skip
    elapsed = time.monotonic() - started
    assert proc.returncode == batch.EXIT_IO
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert elapsed < 10
    bad = _cli("--jsonl", str(shards[0]), "--out", str(tmp_path / "o"), "--dask", "no such host")
    assert bad.returncode == batch.EXIT_IO and "not a Dask scheduler address" in bad.stderr


def test_several_inputs_need_a_directory(shards: list[Path], tmp_path: Path) -> None:
    proc = _cli("--jsonl", str(shards[0]), str(shards[1]))
    assert proc.returncode == batch.EXIT_USAGE and "--out DIR" in proc.stderr
    a_file = tmp_path / "f.jsonl"
    a_file.write_text("")
    proc = _cli("--jsonl", str(shards[0]), str(shards[1]), "--out", str(a_file))
    assert proc.returncode == batch.EXIT_USAGE and "is a file" in proc.stderr
    same = _cli("--jsonl", str(shards[0]), "--out", str(shards[0].parent) + "/")
    assert same.returncode == batch.EXIT_USAGE and "overwrite its input" in same.stderr


# --------------------------------------------------------------------------- progress


def test_progress_bar_with_rate_and_time_left_on_a_terminal(
    cluster: tuple[str, Client], shards: list[Path], tmp_path: Path
) -> None:
    address, _ = cluster
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bot.cli", "digest", "--jsonl", *map(str, shards),
             "--out", str(tmp_path / "o"), "--dask", address],
            cwd=ROOT, stderr=slave, stdout=subprocess.DEVNULL, timeout=240, check=False,
        )  # fmt: skip
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
    assert proc.returncode == batch.EXIT_SOME_FAILED
    assert "\r" in shown and "100%" in shown and "120 records" in shown and "/s" in shown
    assert " left" in shown or " in all" in shown


# --------------------------------------------------------------------------- interrupted runs


@pytest.mark.parametrize("mode", ["local", "dask"])
def test_resume_after_an_interrupted_run(
    mode: str, cluster: tuple[str, Client], tmp_path: Path
) -> None:
    address, _ = cluster
    inputs = _write_shards(tmp_path / "in", shards=6, per_shard=40, bad=False)
    out = tmp_path / "out"
    args = ["--jsonl", str(tmp_path / "in" / "*.jsonl"), "--out", str(out)]
    if mode == "dask":
        args += ["--dask", address]
    proc = _popen(*args)
    _wait_for(lambda: len(list(out.glob("part-*.jsonl"))) >= 2, proc, "two shards were done")
    proc.kill()  # no chance to clean up
    proc.wait()
    done = sorted(out.glob("part-*.jsonl"))
    assert len(done) < 6, "the run was stopped before the end"
    mtimes = {p.name: p.stat().st_mtime_ns for p in done}
    for p in done:  # a complete shard is complete
        assert _ids(p) == [f"s{int(p.name[5:8])}-r{i}" for i in range(40)]

    again = _cli(*args)
    assert again.returncode == 0, again.stderr
    assert f"{len(done)} of 6 shards already done, skipped" in again.stderr
    for p in done:
        assert p.stat().st_mtime_ns == mtimes[p.name], "a finished shard is not redone"
    for s, src in enumerate(inputs):
        got = _ids(out / src.name)
        assert got == [f"s{s}-r{i}" for i in range(40)], "every record once, in order"
    assert not list(out.glob(".*")), "no temporary files are left"

    forced = _cli(*args, "--force")
    assert forced.returncode == 0 and "shards: 6 written, 0 skipped" in forced.stderr


def test_a_worker_killed_mid_run_loses_no_record(
    cluster: tuple[str, Client], tmp_path: Path
) -> None:
    address, client = cluster
    inputs = _write_shards(tmp_path / "in", shards=6, per_shard=150, bad=False)
    out = tmp_path / "out"
    pids = list(client.run(os.getpid).values())
    assert len(pids) == 2
    proc = _popen("--jsonl", *map(str, inputs), "--out", str(out), "--dask", address)
    _wait_for(lambda: any(out.glob("*.jsonl*")), proc, "the first results were written")
    os.kill(pids[0], signal.SIGKILL)
    finished_at_kill = len(list(out.glob("part-*.jsonl")))
    assert proc.poll() is None and finished_at_kill < 6, "the worker was killed mid-run"
    _assert_every_record_once(proc, out, inputs)
    client.wait_for_workers(2, timeout=60)
    assert pids[0] not in client.run(os.getpid).values(), "the killed worker was replaced"


def _assert_every_record_once(proc: subprocess.Popen[str], out: Path, inputs: list[Path]) -> None:
    """The run ends well and every shard holds each of its 150 records once, in order."""
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert "900 records, 900 digested, 0 errors" in err
    for s, src in enumerate(inputs):
        rows = _rows(out / src.name)
        assert [r["id"] for r in rows] == [f"s{s}-r{i}" for i in range(150)]
        assert all("digest" in r for r in rows)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry))
    return found


def test_a_worker_of_the_own_local_cluster_killed_mid_run_loses_no_record(
    tmp_path: Path,
) -> None:
    """The same with the cluster the command starts itself (``--dask``
    without an address), whose workers are forked from a server process
    (the command's one child with children of its own: the other child is
    multiprocessing's resource tracker)."""
    inputs = _write_shards(tmp_path / "in", shards=6, per_shard=150, bad=False)
    out = tmp_path / "out"
    proc = _popen("--jsonl", *map(str, inputs), "--out", str(out), "--dask", "--workers", "2")
    _wait_for(lambda: any(out.glob("*.jsonl*")), proc, "the first results were written")
    servers = [c for c in _children(proc.pid) if _children(c)]
    assert len(servers) == 1, "the workers are forked from one server"
    workers = _children(servers[0])
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    assert proc.poll() is None and len(list(out.glob("part-*.jsonl"))) < 6, "killed mid-run"
    _assert_every_record_once(proc, out, inputs)


def test_dask_giving_up_on_a_chunk_exits_4_and_keeps_the_finished_shards(tmp_path: Path) -> None:
    """Every worker that runs a chunk of the second shard dies, as it would on
    a record that crashes the process: after Dask's allowed failures (3) it
    gives up on the chunk. The run stops with exit 4; the first shard stays
    complete, the second is neither renamed nor left half-written, and a
    rerun finishes the archive with every record once.

    A cluster of its own, so that the module's one keeps its workers; a
    worker away longer than ``lost-worker-timeout`` would be dropped."""
    inputs = _write_shards(tmp_path / "in", shards=3, per_shard=400, bad=False)
    out = tmp_path / "out"
    with (
        dask.config.set({"distributed.deploy.lost-worker-timeout": "10 minutes"}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},  # 8787 is the module's cluster's
        ) as lc,
        Client(lc) as client,
    ):
        args = ["--jsonl", *map(str, inputs), "--out", str(out), "--dask", lc.scheduler_address]
        proc = _popen(*args)
        first = out / inputs[0].name
        _wait_for(first.exists, proc, "the first shard was done")
        killed: set[int] = set()
        deadline = time.monotonic() + 180
        while proc.poll() is None and time.monotonic() < deadline:
            for pid in _started_worker_pids(client):
                if pid not in killed:
                    killed.add(pid)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)
        if proc.poll() is None:
            proc.kill()
            pytest.fail("Dask did not give up on the chunk")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == batch.EXIT_WORKER, err
        assert len(killed) >= 4
        stopped = [line for line in err.splitlines() if "batch stopped" in line]
        assert len(stopped) == 1, err
        shard = re.escape(str(inputs[1]))
        where = re.match(rf"raqam: batch stopped at lines (\d+)-(\d+) of {shard}: ", stopped[0])
        assert where, stopped[0]
        first_line, last_line = int(where[1]), int(where[2])
        assert first_line % CHUNK_RECORDS == 1 and last_line == first_line + CHUNK_RECORDS - 1
        assert stopped[0].endswith(
            "Dask gave up on them after the 4 workers that ran them died (KilledWorker)"
        )
        assert f"{out / inputs[1].name} and the shards after it were not written" in err
        assert "shards: 1 written, 0 skipped" in err
        assert "Traceback" not in err

        assert sorted(p.name for p in out.iterdir()) == [inputs[0].name], "nothing half-written"
        assert _ids(first) == [f"s0-r{i}" for i in range(400)]
        mtime = first.stat().st_mtime_ns

        client.wait_for_workers(2, timeout=120)
        again = _cli(*args)
    assert again.returncode == 0, again.stderr
    assert "1 of 3 shards already done, skipped" in again.stderr
    assert first.stat().st_mtime_ns == mtime, "a finished shard is not redone"
    for s, src in enumerate(inputs):
        assert _ids(out / src.name) == [f"s{s}-r{i}" for i in range(400)], "every record once"
    assert not list(out.glob(".*")), "no temporary files are left"
