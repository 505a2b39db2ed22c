"""Date phrases resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from minewatch.extract.dates import find_dates

PUB = dt.date(2022, 11, 24)  # a Thursday


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("said on Thursday", "2022-11-24", "2022-11-24"),
        ("on Monday", "2022-11-21", "2022-11-21"),
        ("yesterday", "2022-11-23", "2022-11-23"),
        ("last week", "2022-11-14", "2022-11-20"),
        ("since August of this year", "2022-08-01", None),
        ("since the end of the Second Karabakh War", "2020-11-10", None),
        ("in 2021", "2021-01-01", "2021-12-31"),
        ("between 6 and 12 March", "2022-03-06", "2022-03-12"),
        ("so far this year", "2022-01-01", None),
        ("in the first nine months of 2022", "2022-01-01", "2022-09-30"),
        ("(1 October 2021 to 30 September 2022)", "2021-10-01", "2022-09-30"),
        ("between March 3, 2021 and June 5, 2022", "2021-03-03", "2022-06-05"),
        ("in the year to 31 March 2022", "2021-04-01", "2022-03-31"),
        ("in the fiscal year ended 30 September 2021", "2020-10-01", "2021-09-30"),
    ],
)
def test_resolved(text: str, first: str, last: str | None) -> None:
    d = find_dates(text, 0, PUB)[0]
    assert d.first is not None and d.first.isoformat() == first
    assert (d.last.isoformat() if d.last and not d.open_ended else None) == last


def test_unresolved_without_publication_date() -> None:
    assert all(d.first is None for d in find_dates("on Thursday", 0, None))


def test_statement_date_is_not_a_period() -> None:
    assert find_dates("the trilateral statement of November 10, 2020", 0, PUB) == []


# Sentences for the prefilter checks: every kind of phrase, plus words that only look alike.
TRICKY = [
    "Between 6 and 12 March 2022, 40 mines were found; from May 3-5 and Jan-Mar 2021 too.",
    "On 5 Mar. the teams, marching since 2020, worked during the same three-month period.",
    "Over the same time, in the first nine months of this year and the third quarterly report.",
    "So far this year, since January 1, since the beginning of 2021, year to date.",
    "The following morning, later that day, yesterday, last night, tonight, this morning.",
    "Last week, this week, last month, earlier this month, on Monday evening, last Sunday.",
    "MAY 2021, in may, in May of last year, Sept 2019, between 2018 and 2020, in 2019.",
    "Since the end of the Second Karabakh War, the statement of 10 November 2020 held.",
    "SİNCE İN 2020 the ſame perıod and a K-sign: nothing unusual in these letters.",
    "Produced in 2021, dated 1998, built in Russia in 1985, the mines lay there.",
    "No digits here and no month names at all, only words such as mayor and decide.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_prefilter_never_skips_a_pattern_that_matches(text: str) -> None:
    from minewatch.extract.dates import _patterns, _present, _runnable
    from minewatch.extract.tokens import cues

    runnable = {id(p) for p in _runnable(_present(text, cues(text)))}
    for compiled in _patterns():
        if compiled[2].search(text):
            assert id(compiled) in runnable, compiled[0]


@pytest.mark.parametrize("text", TRICKY)
def test_lower_case_patterns_find_the_same_spans(text: str) -> None:
    from minewatch.extract.dates import _patterns
    from minewatch.extract.tokens import lower_folded

    for name, _, pattern, lowered in _patterns():
        spans = [m.span() for m in pattern.finditer(text)]
        assert spans == [m.span() for m in lowered.finditer(lower_folded(text))], name


def test_two_dated_days_joined_by_and_are_not_a_range() -> None:
    found = find_dates("on 3 May 2022 and 5 June 2022", 0, PUB)
    assert [(d.first, d.last) for d in found] == [
        (dt.date(2022, 5, 3), dt.date(2022, 5, 3)),
        (dt.date(2022, 6, 5), dt.date(2022, 6, 5)),
    ]
