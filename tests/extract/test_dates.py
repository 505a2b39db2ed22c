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
