"""hazm's word lists: read without importing hazm, shared, optional."""

from __future__ import annotations

import subprocess
import sys

import pytest

from summarizer import digest, lexicon
from summarizer.normalize import normalize


def test_hazm_is_never_imported() -> None:
    code = (
        "import sys\n"
        "from summarizer import digest\n"
        "d = digest('رییس سازمان از تولید روزانه ۱۷ میلیون ماسک خبر داد.')\n"
        "assert d.bullets, d\n"
        "print('hazm' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "False"


def test_lexicon_is_loaded_once_and_shared() -> None:
    assert lexicon.lexicon() is lexicon.lexicon()
    lex = lexicon.lexicon()
    assert "شد" in lex.past and "شو" in lex.present
    assert lex.pos("کارگاه") & lexicon.N


def test_engine_works_without_hazm_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_hazm_data_dir", lambda: None)
    monkeypatch.setattr(lexicon, "_lexicon", None)
    lexicon.verb_stem.cache_clear()
    try:
        assert lexicon.lexicon().tags == {}
        d = digest("در هفته بسیج ۳۰ هزار جهیزیه توزیع می‌شود.\n۲۲۰۶۸۵")
        assert d.status == "ok"
        assert [f.value for f in d.figures] == [30_000]
        assert normalize("میشود").text  # no crash, fewer repairs
    finally:
        lexicon.verb_stem.cache_clear()
    monkeypatch.undo()
    lexicon._lexicon = None
    assert lexicon.lexicon().tags


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("رسیده‌اند", "رسید"),
        ("باخته‌اند", "باخت"),  # «باخته» alone is also an adjective; with «‌اند», a verb
        ("باختند", "باخت"),
        ("باخته", None),
        ("بیاورد", "آور"),  # ب + ی + آور: the glide before a stem in «آ»
        ("بیفتد", "افت"),
        ("بیمار", None),
    ],
)
def test_perfect_forms_are_verbs_whatever_their_participle_is(word: str, stem: str | None) -> None:
    assert lexicon.verb_stem(word) == stem


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("می‌کند", "کن"),  # does, far more often than "was digging" (کندن)
        ("نمی‌کند", "کن"),
        ("برمی‌گردد", "گرد"),  # a preverb before «می»
        ("درمی‌آید", "آ"),
        ("می‌رسد", "رس"),
    ],
)
def test_present_forms_with_mi_read_their_stem(word: str, stem: str) -> None:
    assert lexicon.verb_stem(word) == stem
