"""Spelling variants: one place or person however spelled, different ones kept apart."""

from __future__ import annotations

import pytest

from minewatch.reconcile import names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("northern direction of the Saribaba height", "north of the Sarybaba height"),
        ("northern direction of height Saribaba", "the Saribaba height"),
        ("Kyalbadzharsky and Lachinsky directions", "Kalbajar and Lachin directions"),
        ("Kelbajar district", "Kalbajar"),
        ("Dniprovskyi district", "Dniprovsky"),
    ],
)
def test_same_place_across_spellings(a: str, b: str) -> None:
    assert names.same_place(a, b) is True


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Karabakh economic region", "Kalbajar and Lachin directions"),
        ("near the village of Testivka", "Kharkiv oblast"),
    ],
)
def test_different_places_stay_apart(a: str, b: str) -> None:
    assert names.same_place(a, b) is False


def test_generic_place_is_unknown_not_a_match() -> None:
    assert names.same_place("the mined area", "Saribaba height") is None
    assert names.same_place(None, "Saribaba height") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Andrei Volkov", "Andrey Volkov", True),
        ("Volkov", "Andrey Volkov", True),
        ("Oleg Semenov", "Oleg Semyonov", True),
        ("Fatih Akpinar", "Fatih Akpynar", True),
        ("Major General Andrei Volkov", "Andrei Volkov", True),
        ("Igor Volkov", "Andrei Volkov", False),
        ("Oleg Semenov", "Andrei Volkov", False),
    ],
)
def test_people(a: str, b: str, same: bool) -> None:
    assert names.same_participant(a, b) is same


def test_groups_link_by_meaning_words() -> None:
    phrases = [
        "foreign military attachés",
        "media representatives",
        "military attaches of foreign countries",
        "journalists",
        "members of the press",
    ]
    groups = names.link_variants(phrases, names.same_participant)
    assert groups == [
        ["foreign military attachés", "military attaches of foreign countries"],
        ["media representatives", "journalists", "members of the press"],
    ]


def test_place_name_words_link_transliterations() -> None:
    words = ["Saribaba", "Sarybaba", "Kyalbadzharsky", "Kalbajar", "Karabakh"]
    assert names.link_variants(words, names.same_name_word) == [
        ["Saribaba", "Sarybaba"],
        ["Kyalbadzharsky", "Kalbajar"],
        ["Karabakh"],
    ]
