"""The breakdown fields of casualties facts: victims, status unknown, deminers, military and
civilian injured, occupations, sex and device; each with its span, abstaining when unstated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from minewatch.extract import extract

GOLDEN = Path(__file__).parent / "golden"
DETAIL = ("victims", "status_unknown", "deminers_killed", "deminers_injured", "military_injured",
          "civilians_injured", "occupations", "sex", "device")  # fmt: skip
COUNTS = ("victims", "status_unknown")
DAY = dt.date(2025, 3, 12)


def _casualties(text: str, published: dt.date = DAY) -> list[dict[str, Any]]:
    return [f for f in extract(text, published=published).facts if f["kind"] == "casualties"]


def _one(text: str) -> dict[str, Any]:
    facts = _casualties(text)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_every_detail_value_has_a_span(path: Path) -> None:
    header, body = path.read_text().split("\n\n", 1)
    published = dt.date.fromisoformat(header.splitlines()[1].split(":", 1)[1].strip())
    for fact in _casualties(body, published):
        spans = fact["evidence"]["spans"]
        for key in DETAIL:
            assert key in fact  # always present, null when the text does not state it
            value = fact[key]
            if value is None:
                continue
            if key == "occupations":
                for name in value:
                    a, b = spans[f"occupations.{name}"]
                    assert body[a:b].strip()
            else:
                a, b = spans[key]
                assert body[a:b].strip(), key
            if key in COUNTS:
                assert fact["estimates"][key]["best"] == value


def test_seed_figures(corpus_dir: Path) -> None:
    text = (corpus_dir / "seed" / "newsaz-2022-11-24.txt").read_text().split("\n\n", 1)[1]
    fact = _casualties(text, dt.date(2022, 11, 24))[0]
    assert (fact["victims"], fact["killed"], fact["injured"]) == (268, 45, 223)
    assert fact["civilians_killed"] == 35
    assert fact["occupations"] == {"journalist": 3}
    a, b = fact["evidence"]["spans"]["occupations.journalist"]
    assert text[a:b] == "three journalists"
    a, b = fact["evidence"]["spans"]["victims"]
    assert text[a:b] == "268"


def test_victims_not_computed_when_not_stated() -> None:
    fact = _one(
        "Since 2020, mine blasts have killed 45 citizens and wounded 223 more, officials said."
    )
    assert (fact["killed"], fact["injured"], fact["victims"]) == (45, 223, None)


def test_victims_before_a_semicolon() -> None:
    fact = _one(
        "Since 2020, 310 citizens have fallen victim to landmines; 57 of them were killed and "
        "253 were wounded, the agency said."
    )
    assert (fact["victims"], fact["killed"], fact["injured"]) == (310, 57, 253)


def test_parenthetical_occupation_and_sex() -> None:
    fact = _one(
        "Three villagers, including a 15-year-old girl, were wounded on Monday when they stepped "
        "on landmines near the village of Kyauk Taw, Sagaing Region, residents said."
    )
    assert fact["sex"] == {"female": 1}
    fact = _one(
        "Since 2021, 120 citizens have been hit by landmines. Forty of them, two deminers among "
        "them, were killed; 12 of the dead were civilians."
    )
    assert fact["occupations"] == {"deminer": 2}
    assert fact["deminers_killed"] == 2


def test_abstains_on_unstated_sex_and_generic_mine_words() -> None:
    fact = _one(
        "A farmer was injured on Sunday near the village of Bolo, the Mine Action Centre said."
    )
    assert fact["sex"] is None  # "farmer" states no sex
    assert fact["device"] is None  # "Mine Action Centre" is not the device
    assert fact["occupations"] == {"farmer": 1}


def test_another_of_the_same_kind_is_military() -> None:
    fact = _one(
        "A soldier was killed and another was wounded on Friday when their truck hit a mine "
        "near the village of Dori, the army said."
    )
    assert (fact["military_killed"], fact["military_injured"]) == (1, 1)
    assert fact["civilians_injured"] is None


def test_device_categories() -> None:
    texts = [
        ("A boy was injured on Friday by an unexploded mortar round near Tessit.", "UXO", None),
        ("A man was killed on Friday when he stepped on an anti-personnel PMN-2 mine near Lyman.",
         "AP mine", "PMN-2"),
        ("Two women were hurt on Friday as a roadside bomb went off near Tarmiyah, EOD staff said.",
         "IED", None),
    ]  # fmt: skip
    for text, category, model in texts:
        device = _one(text)["device"]
        assert (device["category"], device["model"]) == (category, model), text


def _finds(text: str, published: dt.date = DAY) -> list[dict[str, Any]]:
    return [f for f in extract(text, published=published).facts if f["kind"] == "device_find"]


def test_writer_named_before_our_in_the_same_sentence() -> None:
    text = (
        "MAG teams and our local partners found and destroyed 12 anti-tank mines near the "
        "village of Kunduz Qala last week."
    )
    assert [f["authority"] for f in _finds(text)] == ["MAG"]


def test_first_person_without_a_named_writer_has_no_authority() -> None:
    text = "Our teams found and destroyed 12 anti-tank mines near the village of Kunduz Qala."
    assert [f["authority"] for f in _finds(text)] == [None]


def test_dateline_with_past_simple_find_keeps_no_date() -> None:
    text = (
        "KHARKIV, March 12 (Wire) - Sappers found 23 anti-tank mines near the village of "
        "Kamianka, the service said."
    )
    (find,) = _finds(text)
    assert find["period_start"] is None  # the dateline dates the report, not the find
    text = text.replace("Sappers found", "Sappers have found")
    (find,) = _finds(text)
    assert (find["period_start"], find["date_prec"]) == ("2025-03-12", 1)
