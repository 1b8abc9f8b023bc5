"""``raqam card`` as a user runs it: the installed console script in a subprocess."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.card_samples import NO_FIGURES_REPORT, RANGE_REPORT
from tests.test_cli import EXAMPLE, run


def test_card_of_a_file(tmp_path: Path) -> None:
    out = tmp_path / "card.png"
    result = run("card", str(EXAMPLE), "--out", str(out), "--handle", "@raqam_bot")
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.format == "PNG" and image.size == (1080, 1350)
        assert image.convert("RGB").getpixel((2, 2)) == (245, 242, 235)


def test_card_from_stdin_dark_and_latin(tmp_path: Path) -> None:
    out = tmp_path / "dark.png"
    result = run(
        "card", "-", "--out", str(out), "--theme", "dark", "--digits", "latin",
        stdin=RANGE_REPORT.encode("utf-8"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.convert("RGB").getpixel((2, 2)) == (16, 19, 24)


def test_no_figures_is_a_clear_message_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "none.png"
    result = run("card", "-", "--out", str(out), stdin=NO_FIGURES_REPORT.encode("utf-8"))
    assert result.returncode == 4
    assert "رقمی برای کارت پیدا نشد" in result.stderr
    assert not out.exists()


def test_bad_input_and_output(tmp_path: Path) -> None:
    missing = run("card", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "x.png"))
    assert missing.returncode == 3 and "cannot read" in missing.stderr
    no_dir = run("card", str(EXAMPLE), "--out", str(tmp_path / "no" / "x.png"))
    assert no_dir.returncode == 2 and "cannot write" in no_dir.stderr
    no_out = run("card", str(EXAMPLE))
    assert no_out.returncode == 2
    english = run("card", "-", "--out", str(tmp_path / "e.png"), stdin=b"The council met today.")
    assert english.returncode == 4 and not (tmp_path / "e.png").exists()
