"""Who a figure is credited to: named forces, sources as written, bodies the lexicon lacks."""

from __future__ import annotations

import datetime as dt

import pytest

from minewatch.extract import extract
from minewatch.extract.authorities import find_mentions

PUBLISHED = dt.date(2024, 5, 20)


def _authorities(text: str) -> list[tuple[str, object]]:
    return [(f["kind"], f["authority"]) for f in extract(text, published=PUBLISHED).facts]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("A farmer was hurt near Osijek, the Osijek-Baranja police said.", "Osijek-Baranja police"),
        ("Separately, Kandahar police said a team defused a shell.", "Kandahar police"),
        ("Figures come from the Kampot provincial police.", "Kampot provincial police"),
        ("Officials of the Tigray regional administration said a boy was hurt.",
         "Tigray regional administration"),
    ],
)  # fmt: skip
def test_a_place_in_front_of_police_or_an_administration_names_the_body(
    sentence: str, name: str
) -> None:
    assert [m.name for m in find_mentions(sentence, 0)] == [name]


@pytest.mark.parametrize(
    "sentence",
    ["On Monday police said two men died.", "Traffic police said the road was closed."],
)
def test_times_and_kinds_of_police_are_not_places(sentence: str) -> None:
    assert [(m.name, m.generic) for m in find_mentions(sentence, 0)] == [("police", True)]


def test_a_sourced_figure_keeps_the_number_of_its_sources() -> None:
    text = (
        "Three soldiers were killed on Sunday when their truck hit a mine, security sources said. "
        "A shepherd was injured by a landmine on Saturday, a medical source said."
    )
    assert _authorities(text) == [
        ("casualties", "security sources"),
        ("casualties", "medical source"),
    ]


def test_an_acronym_the_lexicon_lacks_names_its_own_body() -> None:
    # the lexicon knows "National Mine Action Authority" (NMAA), not this regional one
    mentions = find_mentions("The Eastern National Mine Action Authority (ENMAA) said.", 0)
    assert [(m.name, m.attribution) for m in mentions] == [("ENMAA", True)]
    mentions = find_mentions("The National Mine Action Authority (NMAA) said.", 0)
    assert [(m.name, m.attribution) for m in mentions] == [("NMAA", True)]


def test_members_of_a_body_are_credited_to_the_body() -> None:
    mentions = find_mentions("Deminers of the Civil Protection Directorate said two died.", 0)
    assert [m.name for m in mentions] == ["Civil Protection Directorate"]


def test_headquarters_and_secretariats_are_bodies() -> None:
    text = "Defence Headquarters said troops destroyed 14 IEDs near the town on Friday."
    assert _authorities(text) == [("device_find", "Defence Headquarters")]
    mentions = find_mentions("The Executive Secretariat for Coastal Demining said so.", 0)
    assert [m.name for m in mentions] == ["Executive Secretariat for Coastal Demining"]


def test_local_sources_and_ministries_of_the_economy() -> None:
    assert [m.name for m in find_mentions("Two died, a local medical source said.", 0)] == [
        "local medical source"
    ]
    mentions = find_mentions("Figures come from Ukraine's Ministry of Economy, it said.", 0)
    assert [m.name for m in mentions] == ["Ministry of Economy of Ukraine"]


def test_defence_and_armed_forces_are_bodies() -> None:
    mentions = find_mentions("Two IEDs were defused, the Rwanda Defence Force said.", 0)
    assert [(m.name, m.attribution) for m in mentions] == [("Rwanda Defence Force", True)]


def test_a_tie_between_countries_goes_to_the_one_the_text_opens_with() -> None:
    from minewatch.extract.resolver import document_country

    text = (
        "Azerbaijani sappers cleared a field near Aghdam on Monday. Officials blamed Armenia "
        "for the mines. Azerbaijan says Armenia laid them in the 1990s. More text follows "
        "here about the clearance work and the families waiting to return home."
    )
    assert document_country(text) == "Azerbaijan"


def test_the_police_after_a_named_police_force_is_that_force() -> None:
    text = (
        "The Somali Police Force said two IEDs were defused near the port on Monday. "
        "Later the police said nine more IEDs had been found and destroyed in the district."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "device_find"]
    assert [(f["quantity"], f["authority"]) for f in facts] == [
        (2, "Somali Police Force"),
        (9, "Somali Police Force"),
    ]


def test_a_body_s_department_speaks_for_it_and_heads_come_before_of() -> None:
    mentions = find_mentions("Sappers removed 80 objects, the regional SES department said.", 0)
    assert [(m.name, m.attribution) for m in mentions] == [
        ("State Emergency Service of Ukraine", True)
    ]
    text = (
        "Demining teams of the Federal Office of Mine Clearance cleared 21,000 square metres of "
        "minefields in 2024, the office said."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "land_release"]
    assert [f["authority"] for f in facts] == ["Federal Office of Mine Clearance"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Two boys died, a local official said.", "local official"),
        ("Two boys died, local officials said.", "local officials"),
        ("Two boys died, a local security official said.", "local security official"),
        ("Two boys died, local authorities said.", "local authorities"),
    ],
)
def test_local_officials_and_authorities_as_written(sentence: str, name: str) -> None:
    assert [m.name for m in find_mentions(sentence, 0)] == [name]


def test_the_acronym_the_text_gives_picks_between_bodies_sharing_a_name() -> None:
    text = "Brigades of the National Agency for Mine Action (ANAM) destroyed 31 mines."
    assert [m.name for m in find_mentions(text, 0)] == ["ANAM"]
    text = "The Ministry of National Defence of Ecuador said two mines were destroyed."
    assert [m.name for m in find_mentions(text, 0)] == ["Ministry of National Defence of Ecuador"]


@pytest.mark.parametrize(
    ("sentence", "name", "written"),
    [
        ("TRIPOLI - The Attorney General's Office said two workers died.",
         "Attorney General's Office", "Attorney General's Office"),
        ("Croatia's Civil Protection Directorate said 27 km2 were demined.",
         "Civil Protection Directorate", "Civil Protection Directorate"),
        ("Humanity & Inclusion (HI) said 40 people were hurt.", "Humanity & Inclusion",
         "Humanity & Inclusion (HI)"),
    ],
)  # fmt: skip
def test_names_lose_datelines_and_possessors_and_keep_their_lexicon_form(
    sentence: str, name: str, written: str
) -> None:
    (mention,) = find_mentions(sentence, 0)
    assert (mention.name, sentence[mention.start : mention.end]) == (name, written)


def test_a_number_word_opening_a_sentence_is_no_place_of_the_police() -> None:
    mentions = find_mentions("Four police officers were killed, the army said.", 0)
    assert [(m.name, m.generic) for m in mentions] == [("police", True), ("army", True)]


def test_short_forms_with_lower_case_letters_and_countries_once_missing() -> None:
    mentions = find_mentions("Two soldiers died, the Malian Armed Forces (FAMa) said.", 0)
    assert [m.name for m in mentions] == ["FAMa"]
    assert find_mentions("Officials met in the Gulf city (Dubai) on Monday.", 0) == []
    text = (
        "Engineers of the Royal Army of Oman lifted 17 anti-personnel mines near Rakhyut in Oman "
        "on Monday, the Ministry of Defence said."
    )
    (find,) = extract(text, published=PUBLISHED).facts
    assert find["authority"] == "Ministry of Defence of Oman"
