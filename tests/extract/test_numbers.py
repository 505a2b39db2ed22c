"""The number normaliser: digits, words, scales, hedges, and what must not be a quantity."""

from __future__ import annotations

import pytest

from minewatch.extract.numbers import find_quantities


@pytest.mark.parametrize(
    ("text", "best", "low", "approx", "vague"),
    [
        ("1,119 landmines", 1119, None, False, False),
        ("1.119 landmines", 1119, None, False, False),
        ("twenty-five TM-62 mines", 25, None, False, False),
        ("two dozen mines", 24, None, False, False),
        ("a dozen mines", 12, None, False, False),
        ("2.5 thousand hectares", 2500, None, False, False),
        ("1.2 million square metres", 1_200_000, None, False, False),
        ("more than 1,200 mines", 1200, 1200, False, False),
        ("at least five people", 5, 5, False, False),
        ("about 250 shells", 250, None, True, False),
        ("dozens of mines", 12, None, False, True),
    ],
)
def test_values(text: str, best: float, low: float | None, approx: bool, vague: bool) -> None:
    q = find_quantities(text)[0]
    assert (q.best, q.low, q.approx, q.vague) == (best, low, approx, vague)


@pytest.mark.parametrize(
    "text",
    [
        "TM-62 and PMN-2 and 9N210",
        "a 14-year-old boy",
        "122mm shells",
        "point 4 of the statement",
        "the 38th minute",
        "a 3-1 win",
        "children aged between six and 13",
    ],
)
def test_protected(text: str) -> None:
    assert find_quantities(text) == []


def test_year_flagged() -> None:
    assert find_quantities("in 2021")[0].year_like
