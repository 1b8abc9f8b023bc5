"""Back-references named as the article named them: «این شرکت» -> «شرکت ملی نفت»."""

from __future__ import annotations

import pytest

from summarizer import digest
from summarizer.references import resolve

TEXT = "شرکت ملی گاز ایران امسال ۱۲ انبار تازه ساخت. "


def test_the_demonstrative_takes_the_name_the_text_gave() -> None:
    line = "این شرکت سال گذشته ۲۲ جایگاه سوخت را بازسازی کرد"
    assert resolve(line, TEXT, len(TEXT)) == (
        "شرکت ملی گاز سال گذشته ۲۲ جایگاه سوخت را بازسازی کرد"
    )


@pytest.mark.parametrize(
    ("line", "text"),
    [
        # never named: nothing to guess from
        ("این جشنواره با حضور ۳۰۰ هنرمند برگزار شد", TEXT),
        # a quantity, not a name
        ("این تعداد به ۴۰ نفر رسید", "تعداد داوطلبان امسال زیاد بود. "),
        # the name of the news source is no antecedent
        ("این مرکز ۸۰ مایل با مرز فاصله دارد", "به گزارش مرکز مطالعات راهبردی، موشکی شلیک شد. "),
        # two federations named before: which one?
        (
            "این فدراسیون ۲ بار سرپرست داشت",
            "رضایی رئیس فدراسیون اسکواش بود و کریمی رئیس فدراسیون ژیمناستیک. ",
        ),
        # a name that runs into its verb is no name
        ("این بازی با ۳ گل به پایان رسید", "بازی انجام شد و تماشاگران رفتند. "),
    ],
)
def test_a_reference_the_text_does_not_name_stays(line: str, text: str) -> None:
    assert resolve(line, text, len(text)) == line


def test_a_noun_the_title_names_is_left_to_the_title() -> None:
    line = "این نمایشگاه ۱۲ بخش دارد"
    text = "نمایشگاه کتاب تهران امروز گشایش یافت. "
    assert resolve(line, text, len(text), "برپایی نمایشگاه کتاب") == line
    assert resolve(line, text, len(text)) == "نمایشگاه کتاب تهران ۱۲ بخش دارد"


def test_a_bullet_names_its_company() -> None:
    d = digest(TEXT + "در بخش حمل و نقل نیز این شرکت سال گذشته ۲۲ جایگاه سوخت را بازسازی کرد.")
    assert any(b.startswith("در بخش حمل و نقل شرکت ملی گاز") for b in d.bullets), d.bullets


def test_this_country_is_the_one_country_named_before() -> None:
    text = "وزیر انرژی روسیه می‌گوید تولید نفت این کشور امسال ۱۵ درصد کاهش می‌یابد."
    line = "تولید نفت این کشور امسال ۱۵ درصد کاهش می‌یابد"
    assert resolve(line, text, 0) == "تولید نفت روسیه امسال ۱۵ درصد کاهش می‌یابد"
    # the sentence before names it
    text = "ترکیه امروز ۱۲۷ مورد مرگ تازه اعلام کرد. شمار جان‌باختگان در این کشور به ۲۱۰۷ نفر رسید."
    line = "شمار جان‌باختگان در این کشور به ۲۱۰۷ نفر رسید"
    assert resolve(line, text, text.index("شمار")) == ("شمار جان‌باختگان در ترکیه به ۲۱۰۷ نفر رسید")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # two countries named: which one?
        (
            "ترکیه و یونان امروز گفت‌وگو کردند. تولید نفت این کشور ۱۵ درصد کاهش یافت.",
            "تولید نفت این کشور ۱۵ درصد کاهش یافت",
        ),
        # the line names the country itself
        (
            "گزارش تازه منتشر شد. "
            "وزیر اقتصاد مراکش از وام ۸۷ میلیون دلاری ژاپن به این کشور خبر داد.",
            "وزیر اقتصاد مراکش از وام ۸۷ میلیون دلاری ژاپن به این کشور خبر داد",
        ),
    ],
)
def test_this_country_stays_when_the_text_does_not_say_which(text: str, line: str) -> None:
    assert resolve(line, text, text.index(line.split()[0])) == line


def test_a_noun_before_a_light_verb_is_no_name() -> None:
    # «وام دریافت می‌کند»: «دریافت» makes the verb; it does not name the loan
    text = "بانک جهانی اعلام کرد: مراکش ۴ میلیارد دلار وام دریافت می‌کند. "
    line = "طبق توافق این وام هر سال یک میلیارد دلار پرداخت می‌شود"
    assert resolve(line, text + line, len(text)) == line


def test_a_stressed_name_is_no_back_reference() -> None:
    text = "تیم اوکراین شکست سختی به فرانسه داد. "
    line = "ما شوت بیشتری داشتیم اما این اوکراین بود که ۲ گل به ثمر رساند"
    assert resolve(line, text + line, len(text)) == line


def test_the_name_in_the_sentences_own_frame_counts() -> None:
    text = (
        "مدیر برگزاری در آیین گشایش نهمین جشنواره گل‌آرا گفت: در این جشنواره ۲۴۰ غرفه برپا شده است."
    )
    line = "در این جشنواره ۲۴۰ غرفه برپا شده است"
    assert resolve(line, text, 0) == "در جشنواره گل‌آرا ۲۴۰ غرفه برپا شده است"
    assert "در جشنواره گل‌آرا ۲۴۰ غرفه برپا شده است" in digest(text).bullets


def test_a_name_in_guillemets_is_the_name() -> None:
    text = "طرح «بازآفرینی محله‌های کهن» در شهر آغاز شد. "
    line = "در این طرح ۴۰۰ خانه نوسازی می‌شود"
    assert resolve(line, text, len(text)) == "در طرح «بازآفرینی محله‌های کهن» ۴۰۰ خانه نوسازی می‌شود"
