"""Allegations: who accuses whom of what, attributed, never counted, absent from negatives."""

from __future__ import annotations

import datetime as dt

from minewatch.extract import extract

PUB = dt.date(2024, 5, 10)


def _allegations(text: str) -> list[tuple[str, str, str]]:
    facts = extract(text, published=PUB).facts
    return [
        (f["accuser"], f["accused"], f["statement"]) for f in facts if f["kind"] == "allegation"
    ]


def test_accused_of_with_named_accuser() -> None:
    text = (
        "The Ministry of Defence of Ukraine accused Russian troops of planting anti-tank "
        "landmines on farmland near the village of Bilozerka, the ministry said."
    )
    assert _allegations(text) == [
        (
            "Ministry of Defence of Ukraine",
            "Russian troops",
            "planting anti-tank landmines on farmland",
        )
    ]


def test_blamed_party_without_object() -> None:
    text = (
        "Two farmers were injured by a landmine near Taiz on Friday, local officials said. "
        "Local officials blamed the Houthi militia, which laid mines in the area."
    )
    assert _allegations(text) == [
        ("local officials", "Houthi militia", "responsibility for the incident")
    ]


def test_point_of_an_agreement_and_same_document() -> None:
    text = (
        "The Ministry of Foreign Affairs of Azerbaijan said that Armenia, contrary to the "
        "4th point of the trilateral statement of 10 November 2020, has not withdrawn its "
        "forces and keeps breaching the 9th point of the same document by laying landmines."
    )
    statements = [s for _, _, s in _allegations(text)]
    assert statements == [
        "violation of point 4 of the trilateral statement of 2020-11-10",
        "violation of point 9 of the trilateral statement of 2020-11-10",
    ]


def test_war_crime_carries_the_accused_forward() -> None:
    text = (
        "The Ministry of Foreign Affairs of Azerbaijan said Armenia continues planting new "
        "landmines in the Lachin district. This is a war crime, the ministry added."
    )
    found = _allegations(text)
    assert ("Ministry of Foreign Affairs of Azerbaijan", "Armenia", "war crime") in found
    assert all(accused == "Armenia" for _, accused, _ in found)


def test_accusers_own_country_is_never_the_accused() -> None:
    text = (
        "The Ministry of Defence of Azerbaijan said the deliberate laying of landmines on the "
        "territory of Azerbaijan is a gross violation of international humanitarian law."
    )
    assert _allegations(text) == []


def test_allegations_stay_out_of_counts_and_carry_spans() -> None:
    text = (
        "According to the State Emergency Service, 12 anti-tank mines were found near "
        "Izium on Monday. The service accused Russian forces of mining the road."
    )
    facts = extract(text, published=PUB).facts
    allegation = next(f for f in facts if f["kind"] == "allegation")
    assert "quantity" not in allegation and "killed" not in allegation
    start, end = allegation["evidence"]["spans"]["accused"]
    assert text[start:end] == "Russian forces"
    assert allegation["authority"] == allegation["accuser"] == "State Emergency Service of Ukraine"
    assert [f["quantity"] for f in facts if f["kind"] == "device_find"] == [12]


def test_no_allegation_without_an_accuser_or_in_history() -> None:
    unattributed = "Each side accused the other of laying landmines along the front line."
    history = (
        "In 1993, the Ministry of Defence of Croatia accused Serbian forces of laying "
        "landmines near the village of Lipik, the ministry said."
    )
    assert _allegations(unattributed) == []
    assert _allegations(history) == []


def test_hard_negatives_yield_no_allegation() -> None:
    coal = (
        "The miners' union accused the company of violating safety rules after three miners "
        "were killed in a coal mine blast, officials said."
    )
    sport = "The coach accused the referee of a war crime against football in a tactical minefield."
    assert extract(coal, published=PUB).facts == []
    assert extract(sport, published=PUB).facts == []
