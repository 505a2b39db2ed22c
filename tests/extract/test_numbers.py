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
        ("half a hectare", 0.5, None, False, False),
        ("three-quarters of a square kilometre", 0.75, None, False, False),
        ("half a million mines", 500_000, None, False, False),
        ("a couple of shells", 2, None, False, False),
        ("between 40 and 50 mines", 40, 40, False, False),
        ("two and a half hectares", 2.5, None, False, False),
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


@pytest.mark.parametrize(
    "text",
    [
        "No number at all in this sentence about mines.",
        "Twenty-five TM-62 mines, two dozen shells and dozens of rockets.",
        "approx. 50 mines, at least\n7 shells and roughly  12 grenades",
        "ONE HUNDRED mines and ſeven (a long s) and İ dotted capitals",
    ],
)
def test_prefilter_is_exact(text: str) -> None:
    from minewatch.extract.numbers import _patterns, may_have_quantities
    from minewatch.extract.tokens import cues

    if not may_have_quantities(cues(text)):
        assert not any(_patterns()[k].search(text) for k in ("digits", "words", "dozen", "vague"))
    assert find_quantities(text) == find_quantities(text, cue=cues(text))


def test_hedge_with_a_period_and_a_cut_clause_word() -> None:
    assert find_quantities("approx. 50 mines")[0].approx
    # The 40-character look-behind window starts inside "checkpoint": the clause check sees
    # "point" there, as it always has, and the number stays protected.
    text = "The checkpoint" + " " * 35 + "4 mines"
    assert find_quantities(text) == []


def test_a_range_keeps_its_upper_bound_and_half_a_thing_is_no_count() -> None:
    (q,) = find_quantities("between 40 and 50 mines")
    assert (q.low, q.best, q.high, q.start, q.end) == (40, 40, 50, 8, 17)
    assert find_quantities("half a mine was found") == []


@pytest.mark.parametrize(
    "text",
    ["a budget of US$2.4 million", "€300 per mine", "9 billion Iraqi dinars", "AZN 12 million"],
)
def test_amounts_of_money_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []
