"""Ranking and de-duplication of figures."""

from __future__ import annotations

from summarizer import Digest, digest

ARTICLE = """مدیرکل بهزیستی استان:

توزیع بیش از ۵ هزار بسته معیشتی میان خانواده‌های نیازمند

مدیرکل بهزیستی استان از توزیع ۵ هزار و ۲۰۰ بسته معیشتی میان خانواده‌های نیازمند خبر داد.

به گزارش خبرنگار ما، کریمی گفت: امسال ۵ هزار و ۲۰۰ بسته معیشتی به ارزش ۱۲ میلیارد تومان توزیع شد.

وی افزود: این مرد ۶۰ ساله به همراه ۴ نفر از همکارانش در سال ۱۴۰۲ این طرح را آغاز کرد.

سامانه ۱۴۸۰ نیز پاسخگوی مردم است.

۳۹۱۲۰۴
"""


def test_one_figure_per_fact() -> None:
    d = digest(ARTICLE)
    packages = [f for f in d.figures if f.value == 5200]
    assert len(packages) == 1
    # the headline's rounded "5 thousand" is the same fact
    assert not [f for f in d.figures if f.value == 5000]
    assert sum("بسته" in b for b in d.bullets) == 1


def test_substantive_figures_come_first() -> None:
    d = digest(ARTICLE)
    kinds = [f.kind for f in d.figures]
    assert kinds[0] in ("money", "count")
    first_trivia = min(i for i, f in enumerate(d.figures) if f.kind == "date" or f.unit == "سال")
    assert first_trivia >= 2
    assert d.figures[0].value in (5200, 12e9)


def test_codes_and_page_ids_are_not_figures() -> None:
    d = digest(ARTICLE)
    values = {f.value for f in d.figures}
    assert 1480 not in values
    assert 391204 not in values


def test_scores_are_ordered() -> None:
    d = digest(ARTICLE)
    scores = [f.score for f in d.figures]
    assert scores == sorted(scores, reverse=True)


def test_merged_mentions_keep_their_spans() -> None:
    text = "سهم بخش خصوصی به شصت درصد (60 %) از کل بازار رسید."
    d = digest(text)
    pct = [f for f in d.figures if f.kind == "percent"]
    assert len(pct) == 1
    spans = [text[a:b] for a, b in pct[0].mentions]
    assert spans == ["شصت درصد", "60 %"]
    again = Digest.from_dict(d.to_dict()).figures[0]
    assert again.mentions == pct[0].mentions


# A report whose lead opens with other figures; the title names a later one.
TITLE_BODY = (
    "به گزارش خبرنگار ما، مدیرکل راهداری استان گفت: در ۶ ماه نخست امسال ۲ هزار و ۴۰۰ کیلومتر "
    "از راه‌های روستایی استان لکه‌گیری و ۳۱۰ کیلومتر آسفالت شد.\n\n"
    "وی با بیان اینکه ۸۵ درصد این پروژه‌ها به پایان رسیده است افزود: برای این پروژه‌ها "
    "۹۴۰ میلیارد ریال اعتبار هزینه شده است.\n\n"
    "وی ادامه داد: همچنین ۱۲۶ دستگاه ماشین‌آلات راهداری نو به ناوگان استان افزوده شد.\n\n"
    "مدیرکل راهداری استان یادآور شد: ۴۷ پل فرسوده در این مدت بازسازی شده است.\n"
)


def test_a_figure_the_title_repeats_ranks_first() -> None:
    plain = digest(TITLE_BODY)
    assert plain.figures[0].value != 47
    titled = digest(TITLE_BODY, title="بازسازی ۴۷ پل فرسوده در راه‌های استان")
    assert titled.figures[0].value == 47
    assert titled.title == "بازسازی ۴۷ پل فرسوده در راه‌های استان"


def test_a_title_may_round_the_body_figure() -> None:
    d = digest(TITLE_BODY, title="۹۴۰ میلیارد ریال برای راه‌های روستایی")
    assert d.figures[0].value == 940e9
    rounded = digest(TITLE_BODY, title="لکه‌گیری ۲.۴ هزار کیلومتر راه روستایی")
    assert rounded.figures[0].value == 2400
    # too far off to be the same fact: no figure is promoted
    far = digest(TITLE_BODY, title="لکه‌گیری ۳ هزار کیلومتر راه روستایی")
    assert [f.value for f in far.figures] == [f.value for f in digest(TITLE_BODY).figures]


def test_title_parts_after_a_slash_are_read_on_their_own() -> None:
    d = digest(TITLE_BODY, title="آسفالت ۳۱۰ کیلومتر راه روستایی/۱۲۶ دستگاه ماشین‌آلات نو")
    assert {d.figures[0].value, d.figures[1].value} == {310, 126}


def test_a_title_count_of_other_things_is_another_fact() -> None:
    body = (
        "به گزارش خبرنگار ما، کاروان کشورمان در روز نخست ۲ مدال طلا گرفت.\n\n"
        "وی افزود: در روز دوم نیز ورزشکاران ما ۳ مدال نقره و یک برنز کسب کردند.\n\n"
        "سرپرست کاروان گفت: ۳ داور کشورمان نیز در این رقابت‌ها قضاوت کردند.\n"
    )
    d = digest(body, title="کسب ۳ نقره در روز دوم")
    top = d.figures[0]
    assert top.value == 3 and "نقره" in (top.subject or "")


def test_ranking_weights_are_data() -> None:
    from summarizer.lexicon import load_toml
    from summarizer.rank import default_weights, weights_from

    table = load_toml("rank.toml")
    w = default_weights()
    assert w.base("money") == table["kind"]["money"]
    assert w.title == table["weights"]["title"]
    assert w.replace(**{"kind.money": 9.0, "title": 0.0}).base("money") == 9.0
    try:
        weights_from({"weights": {"no_such_weight": 1.0}})
    except ValueError as exc:
        assert "no_such_weight" in str(exc)
    else:  # pragma: no cover - the assertion above must fail loudly
        raise AssertionError("an unknown weight was accepted")


def test_weights_change_the_order() -> None:
    from summarizer.digest import prepare
    from summarizer.normalize import normalize
    from summarizer.rank import default_weights, rank
    from summarizer.sentences import split_sentences

    norm = normalize(TITLE_BODY)
    spans = split_sentences(norm.text)

    def top(**changes: float) -> float | None:
        ctx = prepare(norm.text, spans, None)
        w = default_weights().replace(**changes)
        ranked = rank(
            ctx.mentions,
            headline=ctx.headline,
            n_sentences=len(spans),
            title_words=set(),
            weights=w,
        )
        return ranked[0].mention.value

    assert top() != 126
    # with money worth nothing and counts of things everything, the machines lead
    assert (
        top(
            **{
                "kind.money": -5.0,
                "kind.measure": -5.0,
                "kind.percent": -5.0,
                "position": 0.0,
                "count_subject": 5.0,
            }
        )
        == 126
    )


def test_the_sentence_the_title_restates_lifts_its_other_figures() -> None:
    body = (
        "به گزارش خبرنگار ما، مدیرکل امور عشایر استان گفت: امسال ۹۰ کیلومتر راه روستایی "
        "احداث و ۶۵ دهنه آبشخور ساخته شد.\n\n"
        "وی افزود: همچنین ۲۰۰ تن علوفه میان دامداران توزیع شد.\n\n"
        "وی ادامه داد: در این مدت ۱۲ صندوق اعتباری عشایری با ۳ هزار و ۴۰۰ عضو "
        "و ۸۵۰ میلیون ریال سرمایه تشکیل شده است.\n"
    )
    plain = [f.value for f in digest(body).figures]
    titled = [f.value for f in digest(body, title="تشکیل ۱۲ صندوق اعتباری عشایری در استان").figures]
    assert titled[0] == 12
    for value in (3400, 850e6):
        assert titled.index(value) < plain.index(value)
        assert titled.index(value) < titled.index(200)  # above the sentence before it


def test_a_titles_generic_count_matches_the_bodys_named_one() -> None:
    body = (
        "به گزارش خبرنگار ما، دبیر جشنواره گفت: امسال ۳ هزار کتاب کودک به دبیرخانه رسید.\n\n"
        "وی افزود: ۱۲۳ ناشر در این دوره شرکت کردند و در پایان ۴۶ کتاب برگزیده معرفی می‌شوند.\n"
    )
    titled = digest(body, title="معرفی ۴۶ اثر در جشنواره کودکان")
    assert titled.figures[0].value == 46, [f.text for f in titled.figures]
