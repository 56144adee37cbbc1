"""When: time expressions resolved against the publication date — or left unresolved, never guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacewatch import make_document
from peacewatch.extractors.times import resolve
from peacewatch.ingest import read_path

from .conftest import seed

WEDNESDAY = dt.date(2025, 8, 20)


@pytest.mark.parametrize(
    ("expression", "value", "granularity"),
    [
        ("Monday", "2025-08-18", "day"),
        ("Tuesday", "2025-08-19", "day"),
        ("on Wednesday", "2025-08-20", "day"),
        ("last Wednesday", "2025-08-13", "day"),
        ("next Monday", "2025-08-25", "day"),
        ("next Thursday", "2025-08-28", "day"),  # the Thursday of next week, not tomorrow
        ("coming Thursday", "2025-08-21", "day"),
        ("the end of August", "2025-08-31", "day"),
        ("the end of the week", "2025-08-24", "day"),
        ("the end of the month", "2025-08-31", "day"),
        ("the end of next month", "2025-09-30", "day"),
        ("the next few weeks", "2025-09-10", "range"),
        ("the coming days", "2025-08-27", "range"),
        ("within two weeks", "2025-09-03", "range"),
        ("three days ago", "2025-08-17", "day"),
        ("yesterday", "2025-08-19", "day"),
        ("last week", "2025-08-11", "week"),
        ("next year", "2026-01-01", "year"),
        ("March 3", "2025-03-03", "day"),
        ("December 30", "2025-12-30", "day"),
        ("January 5", "2026-01-05", "day"),
        ("in three days", "2025-08-23", "range"),
        ("February 3, 2026", "2026-02-03", "day"),
        ("3 February 2026", "2026-02-03", "day"),
        ("2025-08-20", "2025-08-20", "day"),
        ("September", "2025-09-01", "month"),
        ("mid-September", "2025-09-15", "day"),
        ("1994", "1994-01-01", "year"),
        ("early next month", "2025-09-01", "range"),
        ("later this month", "2025-08-31", "range"),
        ("Christmas", "2025-12-25", "day"),
        ("Thanksgiving", "2025-11-27", "day"),
        ("New Year", "2026-01-01", "day"),
        ("Easter", "2025-04-20", "day"),  # the nearest: a report may look back
        ("Orthodox Easter", "2025-04-20", "day"),
        ("Victory Day", "2025-05-09", "day"),
    ],
)
def test_relative_and_absolute_expressions_resolve(expression, value, granularity):
    resolved = resolve(expression, WEDNESDAY)
    assert resolved is not None
    assert (resolved.value.isoformat(), resolved.granularity) == (value, granularity)


def test_a_weekday_with_a_future_verb_points_forward():
    assert resolve("Friday", WEDNESDAY, future=True).value == dt.date(2025, 8, 22)
    assert resolve("Monday", WEDNESDAY, future=True).value == dt.date(2025, 8, 25)


@pytest.mark.parametrize("expression", ["Tuesday", "the end of the week", "the next few weeks", "March 3",
                                        "yesterday", "the end of August"])
def test_without_a_reference_date_relative_expressions_stay_unresolved(expression):
    resolved = resolve(expression, None)
    assert resolved is not None and resolved.value is None


def test_absolute_dates_resolve_without_a_reference_date():
    assert resolve("February 3, 2026", None).value == dt.date(2026, 2, 3)


def test_times_records_carry_spans_and_values(pipeline):
    text = "Talks ended on Tuesday. A deal is expected by the end of the week."
    analysis = pipeline.analyze(make_document(text, published="2025-08-20"))
    found = {t.span.text: t.value for t in analysis.times}
    assert found["Tuesday"] == "2025-08-19"
    assert found["the end of the week"] == "2025-08-24"
    undated = pipeline.analyze(text)
    assert all(t.value is None for t in undated.times)


def test_future_tense_moves_a_weekday_forward_in_a_document(pipeline):
    analysis = pipeline.analyze(make_document("The envoys will meet on Friday.", published="2025-08-20"))
    (time,) = analysis.times
    assert time.value == "2025-08-22"


def test_seed_002_deadlines_resolve(pipeline, seeds):
    (doc,) = read_path(seed(seeds, "002"))
    found = {t.span.text: t.value for t in pipeline.analyze(doc).times}
    assert found["the end of August"] == "2025-08-31"
    assert found["the end of the week"] == "2025-08-24"
    assert found["the next few weeks"] == "2025-09-10"
    assert found["Tuesday"] == "2025-08-19"


@given(st.text(max_size=40), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_resolve_never_crashes(text, ref):
    result = resolve(text, ref)
    assert result is None or result.granularity in {"day", "week", "month", "year", "range"}


@pytest.mark.parametrize("text", ["Friday.", "March 3", "The week of March 3, 2026"])
def test_a_date_that_is_its_own_sentence_resolves(pipeline, text):
    analysis = pipeline.analyze(make_document(text, published="2026-03-04"))
    assert analysis.times and all(t.span.text in text for t in analysis.times)


def test_a_limit_word_inside_the_date_entity_is_left_out_and_full_dates_are_found(pipeline):
    from peacewatch import make_document

    text = "The exchange shall be concluded no later than 31 March 2026. Talks began on May 3, 2026."
    analysis = pipeline.analyze(make_document(text, published="2026-03-02"))
    found = {(t.span.text, t.value) for t in analysis.times}
    assert ("31 March 2026", "2026-03-31") in found
    assert ("May 3, 2026", "2026-05-03") in found


def test_holidays_follow_the_calendar():
    # Easter moves (Western and Orthodox differ in 2024 and 2026); Thanksgiving is a weekday
    assert resolve("Easter", dt.date(2024, 3, 1), future=True).value == dt.date(2024, 3, 31)
    assert resolve("Orthodox Easter", dt.date(2024, 3, 1), future=True).value == dt.date(2024, 5, 5)
    assert resolve("Easter", dt.date(2026, 1, 10), future=True).value == dt.date(2026, 4, 5)
    assert resolve("Orthodox Easter", dt.date(2026, 1, 10), future=True).value == dt.date(2026, 4, 12)
    assert resolve("Thanksgiving", dt.date(2026, 9, 1)).value == dt.date(2026, 11, 26)
    assert resolve("Christmas", dt.date(2026, 12, 28), future=True).value == dt.date(2027, 12, 25)


def test_a_deadline_by_a_holiday(pipeline):
    analysis = pipeline.analyze(make_document("Trump said he wanted a peace deal signed by Thanksgiving. Zelensky "
                                              "said the exchange must happen by New Year.", published="2025-11-21"))
    assert sorted(d.due for d in analysis.deadlines) == ["2025-11-27", "2026-01-01"]
