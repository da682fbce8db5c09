"""Time expressions: TIMEX3 spans, types, values and mods on texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newsgraph.extract.times import extract_times, infer_publication_date
from newsgraph.nlp.analyze import analyze
from newsgraph.records import TimeExpr

SUNDAY = dt.date(2024, 12, 8)
WEDNESDAY = dt.date(2024, 12, 11)
PREPOSITIONS = {"in", "on", "at", "since", "for", "during", "by", "until", "from", "over", "within", "after", "before"}


def times(nlp: Language, text: str, anchor: dt.date | None = SUNDAY) -> list[TimeExpr]:
    return extract_times(nlp(text), anchor)


def found(nlp: Language, text: str, anchor: dt.date | None = SUNDAY) -> list[tuple[str, str, str, str | None]]:
    return [(t.span.text, t.type, t.value, t.mod) for t in times(nlp, text, anchor)]


def test_example_article_with_anchor(nlp: Language, example_text: str) -> None:
    result = {t.span.text: (t.type, t.value, t.mod) for t in extract_times(nlp(example_text), SUNDAY)}
    assert result["Sunday, December 8"] == ("DATE", "2024-12-08", None)
    assert result["last month"] == ("DATE", "2024-11", None)
    assert result["Earlier in the day"] == ("DATE", "2024-12-08", None)
    assert result["nearly 60 years"] == ("DURATION", "P60Y", "LESS_THAN")
    assert result["2015"] == ("DATE", "2015", "START")  # "since its intervention ... in 2015"
    assert result["Sunday"] == ("DATE", "2024-12-08", None)  # past tense: the Sunday on or before the anchor
    assert "Earlier" not in result  # a bare "Earlier," has no anchor of its own: TimeML leaves it untagged


def test_example_article_without_anchor_keeps_placeholders(nlp: Language, example_text: str) -> None:
    result = {t.span.text: t.value for t in extract_times(nlp(example_text), None)}
    assert result["Sunday, December 8"] == "XXXX-12-08"
    assert result["last month"] == "XXXX-XX"
    assert result["Sunday"] == "XXXX-WXX-7"
    assert result["2015"] == "2015"
    assert result["nearly 60 years"] == "P60Y"


def test_ids_follow_text_order_and_spans_index_the_text(nlp: Language, example_text: str) -> None:
    doc = nlp(example_text)
    result = extract_times(doc, SUNDAY)
    assert [t.id for t in result] == [f"T{i}" for i in range(1, len(result) + 1)]
    assert [t.span.start for t in result] == sorted(t.span.start for t in result)
    for t in result:
        assert example_text[t.span.start : t.span.end] == t.span.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister resigned on Friday.", "2024-12-06"),
        ("The minister will resign on Friday.", "2024-12-13"),
        ("The talks are scheduled to resume on Friday.", "2024-12-13"),
        ("Protesters gathered on Wednesday.", "2024-12-11"),
        ("Protesters will gather again on Wednesday.", "2024-12-18"),
        ("The vote took place last Wednesday.", "2024-12-04"),
        ("He arrived in Paris in December.", "2024-12"),
        ("The bill was passed in November.", "2024-11"),
        ("The bond matures in January.", "2025-01"),
    ],
)
def test_weekday_and_month_direction_follows_tense(nlp: Language, text: str, value: str) -> None:
    assert [t.value for t in times(nlp, text, WEDNESDAY)] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The siege lasted twenty four hours.", ("twenty four hours", "DURATION", "PT24H", None)),
        ("Prices rose in the last twenty four hours.", ("the last twenty four hours", "DURATION", "PT24H", None)),
        ("He was jailed for three weeks.", ("three weeks", "DURATION", "P3W", None)),
        ("The flight took about three hours.", ("about three hours", "DURATION", "PT3H", "APPROX")),
        ("The war lasted more than two years.", ("more than two years", "DURATION", "P2Y", "MORE_THAN")),
        ("It ruled for almost a decade.", ("almost a decade", "DURATION", "P1E", "LESS_THAN")),
        ("The council has met every week.", ("every week", "SET", "P1W", None)),
        ("The ministry publishes the figures daily.", ("daily", "SET", "P1D", None)),
        ("The tanks are now in the city.", ("now", "DATE", "PRESENT_REF", None)),
        ("He currently lives in Moscow.", ("currently", "DATE", "PRESENT_REF", None)),
        ("She recently returned home.", ("recently", "DATE", "PAST_REF", None)),
        ("Such raids were rare in the past.", ("the past", "DATE", "PAST_REF", None)),
        ("Russia has backed Assad since 2015.", ("2015", "DATE", "2015", "START")),
        ("Unemployment peaked in the 1990s.", ("the 1990s", "DATE", "199", None)),
        ("The deal closed in the third quarter.", ("the third quarter", "DATE", "2024-Q3", None)),
        ("Sales fell in fiscal 2023.", ("fiscal 2023", "DATE", "2023", None)),
        ("The rally ended in the summer of 2019.", ("the summer of 2019", "DATE", "2019-SU", None)),
        ("Rebels entered the city on Sunday morning.", ("Sunday morning", "TIME", "2024-12-08TMO", None)),
        ("The curfew began at 3 p.m.", ("3 p.m.", "TIME", "2024-12-08T15:00", None)),
        ("The result came out yesterday.", ("yesterday", "DATE", "2024-12-07", None)),
        ("Profits rose two years ago.", ("two years ago", "DATE", "2022", None)),
        ("Output will rise next year.", ("next year", "DATE", "2025", None)),
        ("Growth slowed early last year.", ("early last year", "DATE", "2023", "START")),
        ("The law was passed on March 3, 2011.", ("March 3, 2011", "DATE", "2011-03-03", None)),
    ],
)
def test_expression_kinds(nlp: Language, text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert found(nlp, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The 45-year-old driver was arrested.",
        "The suspect, 60 years old, was arrested.",
        "Earlier, the ministry confirmed the report.",
        "Theresa May spoke to reporters.",
        "Protesters march through the capital.",
        "The company sold 2000 shares.",
    ],
)
def test_non_times_are_not_tagged(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


def test_following_period_is_relative_to_the_story_time(nlp: Language) -> None:
    text = "Rebels entered Aleppo on November 29, 2016. The next day, the army withdrew. The following month, it fled."
    assert [t.value for t in times(nlp, text)] == ["2016-11-29", "2016-11-30", "2016-12"]


def test_spans_never_start_with_a_preposition(nlp: Language) -> None:
    text = (
        "On Sunday the army withdrew. In 2015 it had arrived, and since March it has lost ground. "
        "During the last three weeks, talks stalled; by next year, officials said, at 10 a.m. on Monday "
        "the border will reopen. For years the town was quiet."
    )
    result = times(nlp, text)
    assert len(result) >= 6
    for t in result:
        assert t.span.text.split()[0].lower() not in PREPOSITIONS
        assert text[t.span.start : t.span.end] == t.span.text


def test_infer_from_weekday_and_date_takes_latest_fitting_year() -> None:
    text = "The source spoke on Sunday, December 8, after the rebels took Damascus."
    assert infer_publication_date(text, dt.date(2026, 1, 1)) == dt.date(2024, 12, 8)
    # Before 8 December 2024 the latest Sunday 8 December was in 2019.
    assert infer_publication_date(text, dt.date(2024, 12, 7)) == dt.date(2019, 12, 8)


def test_infer_from_dateline_and_explicit_date() -> None:
    assert infer_publication_date("MOSCOW, Dec 8, 2024 (Reuters) - Assad arrived.", dt.date(2026, 1, 1)) == dt.date(
        2024, 12, 8
    )
    assert infer_publication_date("Published 8 December 2024\nAssad arrived.", dt.date(2026, 1, 1)) == dt.date(
        2024, 12, 8
    )
    assert infer_publication_date("Assad arrived in Moscow.", dt.date(2026, 1, 1)) is None
    # A date after "today" cannot be the publication date.
    assert infer_publication_date("Dec 8, 2024 - Assad arrived.", dt.date(2024, 1, 1)) is None


def test_pipeline_infers_publication_date_and_resolves_against_it(nlp: Language, example_text: str) -> None:
    article = analyze(example_text, nlp=nlp, today=dt.date(2026, 1, 1))
    assert article.published == SUNDAY
    assert article.published_from == "text"
    assert {t.span.text: t.value for t in article.times}["last month"] == "2024-11"


def test_pipeline_without_any_date_leaves_placeholders(nlp: Language) -> None:
    article = analyze("The minister resigned on Friday after talks last month.", nlp=nlp, today=dt.date(2026, 1, 1))
    assert article.published is None
    assert article.published_from == "unknown"
    assert [t.value for t in article.times] == ["XXXX-WXX-5", "XXXX-XX"]


def test_regression_impossible_month_day_is_no_date_and_no_crash(nlp: Language) -> None:
    # Reuters 1987 has "fiscal 1987 ending September 31"; resolving it used to raise ValueError.
    text = "Earnings for the year ending September 31 rose. Rent is due February 29."
    values = {t.span.text: t.value for t in times(nlp, text, dt.date(1987, 3, 3))}
    assert "September 31" not in values
    assert values.get("February 29", "").endswith("-02-29")


def test_regression_huge_count_ago_is_no_date_and_no_crash(nlp: Language) -> None:
    # Reuters 1987 livestock reports: "versus 292,000 week ago" used to overflow the calendar.
    text = "Hog slaughter is put at 300,000 head versus 292,000 week ago and 316,000 a year ago."
    assert all(not t.value.startswith("-") for t in times(nlp, text, dt.date(1987, 3, 6)))


def test_a_meeting_monday_is_the_next_monday(nlp: Language) -> None:
    # Published on a Sunday: the meeting to come is the Monday after, not the one before.
    text = "The ministers will hold a meeting Monday to discuss the crisis, officials said."
    assert [(t.span.text, t.value) for t in times(nlp, text)] == [("Monday", "2024-12-09")]


def test_the_fall_of_a_ruler_is_not_a_season(nlp: Language) -> None:
    assert times(nlp, "The fall of Assad came after a lightning offensive by rebel forces, analysts said.") == []
    seasons = [(t.span.text, t.value) for t in times(nlp, "Elections are due in the fall of 2025, officials said.")]
    assert seasons == [("the fall of 2025", "2025-FA")]


def test_the_day_before_is_the_day_before_the_date_just_named(nlp: Language) -> None:
    text = "The rebels entered Homs on December 6. The day before, they had taken Hama, a monitor said."
    found_times = [(t.span.text, t.value) for t in times(nlp, text)]
    assert found_times == [("December 6", "2024-12-06"), ("The day before", "2024-12-05")]
    # With no date named, the publication date is the fallback.
    assert [t.value for t in times(nlp, "The day before, the ministry had denied it, a source said.")] == ["2024-12-07"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks will last two to three weeks.", ("two to three weeks", "DURATION", "P2W", "EQUAL_OR_MORE")),
        ("The war lasted between five and six years.", ("five and six years", "DURATION", "P5Y", "EQUAL_OR_MORE")),
        ("It took 10-12 days to clear the road.", ("10-12 days", "DURATION", "P10D", "EQUAL_OR_MORE")),
    ],
)
def test_a_range_of_amounts_is_one_duration_of_at_least_the_lower(
    nlp: Language, text: str, expected: tuple[str, str, str, str]
) -> None:
    assert found(nlp, text) == [expected]


def test_a_range_of_ages_is_no_time(nlp: Language) -> None:
    assert found(nlp, "Children aged 5 to 12 years old were hurt.") == []
