"""The benchmark helpers' pure functions: span mapping, matching, number keys, scoring."""

from __future__ import annotations

from bench.common import format_table, percentile, prf
from bench.extract import canonical, comparable_numbers, identifier_numbers
from bench.leads import first_distinct, lead_gold
from bench.numbers import Case, Reading, correct, load_cases, parsivar_reading
from bench.peyma import split_part
from bench.spans import char_to_token_span, exact_matches, join_tokens, overlap_matches


def test_join_tokens_keeps_token_offsets() -> None:
    text, offsets = join_tokens(["سرمایه", "50", "میلیون", "تومان", "."])
    assert text == "سرمایه 50 میلیون تومان ."
    assert [text[a:b] for a, b in offsets] == ["سرمایه", "50", "میلیون", "تومان", "."]


def test_join_tokens_glues_split_thousands_separators() -> None:
    text, offsets = join_tokens(["کرون", "3", ",", "941", "ریال", "،", "ماده", "2", ",", "3"])
    assert text == "کرون 3,941 ریال ، ماده 2 , 3"
    assert char_to_token_span(5, 10, offsets) == (1, 4)
    assert text[offsets[3][0] : offsets[3][1]] == "941"


def test_join_tokens_with_spaces_inside_a_token() -> None:
    text, offsets = join_tokens(["ثبت نام", "10", "درصد"])
    assert text[offsets[1][0] : offsets[1][1]] == "10"
    assert char_to_token_span(8, 15, offsets) == (1, 3)


def test_char_span_maps_to_the_tokens_it_touches() -> None:
    _, offsets = join_tokens(["جریمه", "8", "میلیون", "تومانی", "خبرداد"])
    # "8 میلیون" -> tokens 1..2; a span ending inside "تومانی" still takes that token
    assert char_to_token_span(6, 14, offsets) == (1, 3)
    assert char_to_token_span(6, 17, offsets) == (1, 4)
    assert char_to_token_span(5, 6, offsets) is None  # only the space
    assert char_to_token_span(3, 3, offsets) is None  # empty


def test_exact_and_overlap_matching() -> None:
    gold = [("MON", 3, 6), ("PCT", 8, 10)]
    pred = [("MON", 3, 5), ("PCT", 8, 10), ("MON", 11, 12)]
    assert exact_matches(pred, gold) == 1
    assert overlap_matches(pred, gold) == 2
    # a type mismatch never matches, and one gold span pairs with one prediction only
    assert overlap_matches([("PCT", 3, 6)], gold) == 0
    assert overlap_matches([("MON", 3, 4), ("MON", 4, 6)], gold) == 1


def test_prf() -> None:
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = prf(3, 4, 6)
    assert (p, r) == (0.75, 0.5)
    assert abs(f - 0.6) < 1e-12


def test_comparable_numbers_scales_and_compounds() -> None:
    assert comparable_numbers("تولید روزانه بیش از ۱۷ میلیون ماسک") == ["17000000"]
    assert comparable_numbers("۱۷میلیون و ۱۷‌میلیون") == ["17000000", "17000000"]
    assert comparable_numbers("توزیع ۱۰ میلیون و ۱۵۰ هزار بسته") == ["10150000"]
    assert comparable_numbers("۱۲ هزار و ۵۰۰ میلیارد") == ["12500000000000"]
    assert comparable_numbers("25 هزار و 729 میلیون و 800 هزار ریال") == ["25729800000"]
    assert comparable_numbers("۹۹ مرد و ۶۸ زن") == ["99", "68"]


def test_comparable_numbers_digit_systems_separators_dates() -> None:
    assert comparable_numbers("۱٬۲۰۰ و 1,200 و ١٢٠٠") == ["1200", "1200", "1200"]
    assert comparable_numbers("رشد ۱۲٫۵ درصدی") == ["12.5"]
    assert comparable_numbers("جذب714 میلیارد ریال") == ["714000000000"]
    assert comparable_numbers("در تاریخ ۱۳۸۷/۰۵/۱۲ و ۳ نفر") == ["d:1387-05-12", "3"]
    assert comparable_numbers("سه هزار نفر") == []  # number words are not compared
    assert comparable_numbers("بدون رقم") == []


def test_identifier_numbers_are_names_dates_and_years() -> None:
    lead = "شهردار منطقه 22 از ساخت ۳۰۰ واحد در سال 1387 و ۱۳۸۷/۰۵/۱۲ در شعبه ۱۱۳ خبر داد"
    assert identifier_numbers(lead) == {"22", "1387", "d:1387-05-12", "113"}
    assert identifier_numbers("کشف ۲۴ کیلو در ۲۴ ساعت") == set()


def test_days_of_worded_dates_are_not_quantities() -> None:
    assert identifier_numbers("از ۱۳ تا ۱۵ خرداد ماه امسال ۳۴ نفر نجات یافتند") == {"13", "15"}
    assert identifier_numbers("از ۲۵خرداد تا ۱۹ تیر و ۹ دسامبر") == {"25", "19", "9"}
    # a naming word must be a word of its own: «امسال ۳۴» is no «سال ۳۴»
    assert identifier_numbers("امسال ۳۴ نفر و ۳ مهره") == set()
    assert identifier_numbers("۴۰ روز") == set()


def test_canonical() -> None:
    assert canonical(17e6) == "17000000"
    assert canonical(12.5) == "12.5"
    assert canonical(1 / 3) == "0.333333"


def test_lead_gold_and_first_distinct() -> None:
    body = "در این طرح ۱۷ میلیون ماسک و ۷۰۰ هزار بسته توزیع شد. ۴۱ سال گذشت."
    lead = "توزیع 700 هزار بسته و ۳ طرح"
    assert lead_gold(body, lead) == {"700000"}
    assert first_distinct(["1", "2", "1", "3", "4"], 3) == ["1", "2", "3"]


def test_number_case_scoring() -> None:
    pct = Case(text="۳۰ درصد", group="percent", kind="percent", value=30.0)
    assert correct(pct, Reading(value=30.0, kind="number"))
    assert not correct(pct, Reading(value=30.0, kind="number"), with_kind=True)
    assert correct(pct, Reading(value=30.0, kind="percent"), with_kind=True)
    rng = Case(text="۳ تا ۴ درصد", group="ranges", kind="percent", range=(3.0, 4.0))
    assert correct(rng, Reading(range=(3.0, 4.0)))
    assert not correct(rng, Reading(value=7.0))
    third = Case(text="یک سوم", group="fractions", kind="number", value=1 / 3)
    assert correct(third, Reading(value=1 / 3))
    date = Case(text="۵ آذر ۱۳۹۹", group="dates", kind="date", date="1399-09-05")
    assert correct(date, Reading(date="1399-09-05"))
    assert not correct(date, Reading(value=1399.0))


def test_parsivar_output_is_read_back() -> None:
    assert parsivar_reading("17000000 ماسک") == Reading(value=17e6, shown="17000000 ماسک")
    assert parsivar_reading(" y1399m9d5 ").date == "1399-09-05"
    assert parsivar_reading(" y5m8d1399 ").date == "1399-08-05"
    assert parsivar_reading("سال y0m0d87 ").date != "1387"
    assert parsivar_reading("12 ، 5").value is None


def test_number_cases_file_is_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 100
    for case in cases:
        assert case.kind in {"number", "percent", "ordinal", "multiplier", "date", "none"}
        if case.kind == "date":
            assert case.date
        elif case.kind != "none":
            assert (case.value is None) != (case.range is None), case.text


def test_table_and_percentile() -> None:
    table = format_table(["a", "b"], [["x", 0.5], ["yy", None]])
    assert table.splitlines()[0] == "| a  | b     |"
    assert "| yy | —     |" in table
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([], 95) == 0.0


def test_peyma_parts_split_the_sentences_in_two_halves() -> None:
    records = [{"id": str(i)} for i in range(5)]
    train, test = split_part(records, "train"), split_part(records, "test")
    assert [r["id"] for r in train] == ["0", "1", "2"]
    assert [r["id"] for r in test] == ["3", "4"]
    assert split_part(records, "all") == records


def test_bullet_checker_flags_each_broken_pattern() -> None:
    from bench.bullets import flags_of, split_part
    from bench.judged import bullet_hash

    assert flags_of("تعداد گروه‌های جهادی به بیش از ۴۲ هزار گروه رسیده است") == []
    assert "frame" in flags_of("با اشاره به کشف ۳۰ فقره سرقت در این طرح")
    assert "dangling" in flags_of("این دیدار با نتیجه ۳ بر ۱ و با امتیازهای")
    assert "no_verb" in flags_of("۶۵ نفر از کارکنان شرکت")
    assert "table" in flags_of("۲۵-۲۰، ۱۸-۲۵، ۲۵-۲۲")
    earlier = ["بین ۴۰ تا ۵۰ میلیون تومان فروخته شد"]
    assert "repeat" in flags_of("قیمت ۴۰ تا ۵۰ میلیون تومان است", earlier)
    assert "long" in flags_of("ساخت " + "۲۰ طرح و " * 40 + "اجرا شد")
    assert split_part("fars-1-000") in ("tune", "test")
    assert bullet_hash(" a ") == bullet_hash("a") and len(bullet_hash("a")) == 16


def test_goals_of_scripts_without_results_keep_their_rows() -> None:
    from bench.all import goals, previous_goals

    doc = (
        "<!-- bench:goals -->\n"
        + goals({"peyma": {"kinds": {"MON": {"f1": 0.95}}}})
        + ("\n<!-- /bench:goals -->\n")
    )
    before = previous_goals(doc)
    assert before["PEYMA money span F1 (exact)"][2:] == ["0.950", "**no**"]
    # a later run of another script alone keeps the PEYMA rows, not "—"
    table = goals({"bullets": {"max_rate": 0.01}}, before)
    row = next(line for line in table.splitlines() if "PEYMA money" in line)
    assert "0.950" in row and "**no**" in row
    assert "0.010" in next(line for line in table.splitlines() if "checker" in line)
    assert "—" in next(line for line in goals({}).splitlines() if "PEYMA money" in line)
