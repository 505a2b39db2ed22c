"""Constructions from reports the rules were not written on: look-alike letters, animals, plans."""

from __future__ import annotations

import datetime as dt

import pytest

from minewatch.extract import extract

PUBLISHED = dt.date(2024, 5, 20)


def _facts(text: str, kind: str) -> list[dict[str, object]]:
    return [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == kind]


def test_dotted_capital_i_in_a_casualty_verb_does_not_crash() -> None:
    # "İ" lower-cases to two characters; the verb is read from the folded text
    facts = _facts("Two shepherds were kİlled on Sunday when a landmine exploded.", "casualties")
    assert [(f["killed"], f["incident"]) for f in facts] == [(2, True)]


def test_animals_killed_are_not_casualties() -> None:
    text = "A landmine exploded near the village on Monday. Four cows and 12 sheep were killed."
    assert _facts(text, "casualties") == []


def test_planned_and_remaining_areas_are_not_released() -> None:
    text = (
        "The mine action authority wants 500 hectares surveyed by June. "
        "The field will be returned once the remaining 3,000 square metres have been cleared."
    )
    assert _facts(text, "land_release") == []


def test_a_mine_that_exploded_is_not_a_single_find() -> None:
    text = "Deminers found 12 anti-tank mines on the road, and a mine exploded under a truck."
    assert [f["quantity"] for f in _facts(text, "device_find")] == [12]


def test_weak_cues_do_not_make_mining_or_attack_stories_relevant() -> None:
    mining = (
        "Rescuers found 12 miners trapped in two flooded mines on Friday. "
        "Three miners were killed and five injured, the mining company said."
    )
    attack = "Five people were killed when a bomb exploded as worshippers were gathering."
    for text in (mining, attack):
        assert extract(text, published=PUBLISHED).facts == []


def test_combined_and_vague_tolls_are_not_split_into_roles() -> None:
    texts = (
        "Landmines have killed or injured more than 2,000 people in the country since 2015.",
        "The landmine blast killed a number of villagers near the border on Sunday.",
    )
    for text in texts:
        assert _facts(text, "casualties") == []


def test_a_conflict_between_countries_is_not_a_place() -> None:
    text = "Deminers found 40 anti-tank mines laid during the war between Iran and Iraq."
    assert [f["place"] for f in _facts(text, "device_find")] == [None]


def test_admin_words_keep_their_plural_and_local_units() -> None:
    from minewatch.extract.places import find_places

    text = "Teams worked in the Kayes and Koulikoro departments and in Kurram tehsil."
    found = [p.text for p in find_places(text, 0)]
    assert found == ["Kayes and Koulikoro departments", "Kurram tehsil"]


def test_a_numbered_paragraph_goes_on_with_the_period_and_areas_before_it() -> None:
    text = (
        "1. From 1 April 2023 to 31 March 2024, the agency released 2.5 square kilometres "
        "in Kampot and Takeo provinces.\n\n"
        "2. During the same year, its teams destroyed 640 anti-personnel mines in these provinces."
    )
    facts = extract(text, published=PUBLISHED).facts
    find = next(f for f in facts if f["kind"] == "device_find")
    assert (find["quantity"], find["place"]) == (640, "Kampot and Takeo provinces")
    release = next(f for f in facts if f["kind"] == "land_release")
    assert (release["period_start"], release["period_end"]) == ("2023-04-01", "2024-03-31")


def _counts(text: str) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for f in extract(text, published=PUBLISHED).facts:
        if f["kind"] == "device_find":
            out.append((f["kind"], f["quantity"], f["model"], f["device_category"]))
        elif f["kind"] == "casualties":
            out.append((f["kind"], f["killed"], f["injured"]))
        elif f["kind"] == "land_release":
            out.append((f["kind"], f["area_m2"], f["method"]))
    return out


def test_a_bulleted_list_of_figures_is_read_like_prose() -> None:
    text = (
        "Mine clearance figures for April:\n"
        "- Land cleared: 48,200 square metres\n"
        "- Anti-tank mines destroyed: 17, including 9 TM-57\n"
        "- Vehicles in the field: 14"
    )
    assert _counts(text) == [
        ("land_release", 48200, "clearance"),
        ("device_find", 17, None, "AT mine"),
        ("device_find", 9, "TM-57", "AT mine"),
    ]


def test_inspected_and_examined_areas_are_released_by_an_unknown_method() -> None:
    text = "Sappers inspected 12.5 hectares of farmland and destroyed 40 mines on Friday."
    assert ("land_release", 125000, "unknown") in _counts(text)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("The centre recorded 4 deaths and 11 injuries from landmines in 2023.", 4, 11),
        ("A roadside mine went off near the town on Friday, killing three soldiers and "
         "wounding two others.", 3, 2),
        ("Four people, three herders and a teacher, were killed and two others injured on "
         "Monday when their cart struck a landmine.", 4, 2),
    ],
)  # fmt: skip
def test_outcome_nouns_participles_and_appositions(text: str, killed: int, injured: int) -> None:
    assert _counts(text) == [("casualties", killed, injured)]


def test_parts_named_after_were_or_among() -> None:
    text = (
        "Engineers destroyed 220 anti-personnel mines, of which 180 were PMN-2 mines. "
        "Among the anti-tank mines found in the village were 14 TM-62M mines."
    )
    assert [c for c in _counts(text) if c[1] in (180, 14)] == [
        ("device_find", 180, "PMN-2", "AP mine"),
        ("device_find", 14, "TM-62M", "AT mine"),
    ]


def test_one_item_removed_by_a_team_is_a_find() -> None:
    text = "An army team on Tuesday removed a rusted M14 mine from a rice field near the village."
    assert _counts(text) == [("device_find", 1, "M14", "AP mine")]


def test_herders_of_animals_are_people() -> None:
    text = "Two goat herders were injured by a landmine near the border on Sunday."
    assert _counts(text) == [("casualties", None, 2)]
    assert _counts("Two cows were killed by a landmine near the border on Sunday.") == []


def test_a_described_victim_is_still_the_subject_of_the_verb() -> None:
    text = (
        "On Friday a deminer, a 29-year-old father of three, lost his right leg when a mine "
        "exploded during clearance near the village."
    )
    assert _counts(text) == [("casualties", None, 1)]


def test_among_the_dead_lists_civilians_and_children() -> None:
    text = (
        "Landmines killed nine people and injured 20 in the province in 2023, the centre said. "
        "Among the dead were four farmers, a soldier and a 12-year-old girl."
    )
    (fact,) = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert (fact["civilians_killed"], fact["military_killed"], fact["children"]) == (5, 1, 1)


def test_children_killed_by_age_are_civilians() -> None:
    text = "Two brothers aged 7 and 11 were killed on Sunday when a cluster bomblet exploded."
    (fact,) = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert (fact["killed"], fact["civilians_killed"], fact["children"]) == (2, 2, 2)


def test_a_numbered_statement_carries_its_place_and_day_to_the_force() -> None:
    text = (
        "1. An army force searched caves in the Makhmour mountains on Saturday.\n"
        "2. The force found and dismantled 12 improvised explosive devices."
    )
    (find,) = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "device_find"]
    assert (find["quantity"], find["place"], find["period_start"]) == (
        12,
        "Makhmour mountains",
        "2024-05-18",
    )


def test_said_last_week_dates_the_statement_not_the_work() -> None:
    text = (
        "Teams cleared 300 hectares of minefields in the province in the first quarter of 2024, "
        "the office said last week. In the same quarter, a further 50 hectares was released "
        "through technical survey."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "land_release"]
    assert [(f["area_m2"], f["period_start"], f["period_end"]) for f in facts] == [
        (3000000, "2024-01-01", "2024-03-31"),
        (500000, "2024-01-01", "2024-03-31"),
    ]


def test_the_size_of_a_cleared_site_is_a_release() -> None:
    text = (
        "Its teams cleared the 3.4 hectare minefield between May and July 2023, destroying "
        "41 anti-personnel mines, the agency said."
    )
    assert ("land_release", 34000, "clearance") in _counts(text)


def test_visits_named_by_the_site_or_dated_by_the_ceremony() -> None:
    text = (
        "Land cleared of landmines was handed over to the village at a ceremony on 3 April 2024. "
        "After the ceremony, Deputy Minister Anna Berg and programme manager Luis Ortega "
        "toured the cleared minefield. On Friday the centre's director Omar Haddad took "
        "Japanese embassy officials to the Wadi Sir clearance site."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "inspection"]
    assert [(f["date"], f["place"], f["participants"]) for f in facts] == [
        ("2024-04-03", None, ["Anna Berg", "Luis Ortega"]),
        ("2024-05-17", "Wadi Sir clearance site", ["Omar Haddad", "Japanese embassy officials"]),
    ]


def test_a_budget_run_into_a_no_harm_sentence_is_no_casualty() -> None:
    # text scraped without line breaks: a list item runs into the next sentence
    text = (
        "Clearance figures: 41 anti-tank mines destroyed. "
        "Budget: US$2.4 million No deminer was hurt."
    )
    assert _counts(text) == [("device_find", 41, None, "AT mine")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Sunday a woman and her two daughters, aged 5 and 8, were killed when a landmine "
         "exploded as they gathered firewood.", [(3, None, 2)]),
        ("The authority recorded 30 ERW casualties in the first half of the year, eight of "
         "them fatal.", [(8, 22, None)]),
        ("A police officer was killed and two of his colleagues were injured on Friday when "
         "their car hit an anti-tank mine.", [(1, 2, None)]),
        ("Three boys were killed and a fourth was injured on Monday when a landmine they were "
         "playing with exploded.", [(3, 1, 4)]),
        ("Fighting around the border post between 2008 and 2011 killed dozens of soldiers, "
         "and the area is still mined.", []),
    ],
)  # fmt: skip
def test_casualty_constructions(text: str, expected: list[tuple[object, ...]]) -> None:
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"], f["children"]) for f in facts] == expected


def test_a_release_broken_down_with_the_remaining_part() -> None:
    text = (
        "The army's demining unit has released 14.7 hectares of mined land since January, "
        "clearing 6.2 hectares and reducing the remaining 8.5 hectares through technical survey."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "land_release"]
    assert [(f["area_m2"], f["method"], f.get("total_of")) for f in facts] == [
        (147000, "unknown", [1, 2]),
        (62000, "clearance", None),
        (85000, "technical survey", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Teams work on the old depot site near the town, which covers about 60 hectares of "
        "mined land.",
        "A demining company is clearing 24 hectares of forest near the village, where mines "
        "were laid in 1993.",
    ],
)
def test_sizes_and_work_in_progress_are_not_released(text: str) -> None:
    facts = extract(text, published=PUBLISHED).facts
    assert [f for f in facts if f["kind"] == "land_release"] == []


def test_one_notable_item_and_a_running_total() -> None:
    text = (
        "On Sunday a team found and destroyed 37 explosive items at the hospital, including a "
        "500-kilogram aircraft bomb that had crashed through the roof. That brings the total "
        "since 1 January to 2,410 explosive objects, the agency said."
    )
    assert [c[1:] for c in _counts(text)] == [(37, None, "unknown"), (1, None, "UXO"),
                                              (2410, None, "unknown")]  # fmt: skip
    assert _counts("Sappers destroyed 40 landmines, including a mine clearance team.") == [
        ("device_find", 40, None, "unknown")
    ]


def test_a_part_takes_the_place_its_total_got_from_the_site() -> None:
    text = (
        "Diplomats visited a clearance site near the village of Kurdmahmudlu on Friday. "
        "Sappers have found 210 anti-personnel mines at the site since May. "
        "Among them were 40 PMN-2 mines."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "device_find"]
    assert [(f["quantity"], f["place"]) for f in facts] == [
        (210, "near the village of Kurdmahmudlu"),
        (40, "near the village of Kurdmahmudlu"),
    ]


def test_a_team_that_removed_the_find_in_the_next_sentence() -> None:
    text = (
        "Builders found an aircraft bomb on a building site in the city on Tuesday. "
        "Its demining team removed the bomb the same evening, the directorate said."
    )
    (find,) = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "device_find"]
    assert find["action"] == "found_and_neutralized"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Since 2020, 412 citizens have become victims of landmines, 72 of them died, the "
         "agency said.", [(72, 340)]),
        ('He said "a shepherd was martyred and his son, 12 years old, was wounded on Saturday '
         'when a landmine exploded near them."', [(1, 1)]),
        ("A husband and wife, aged 38 and 35, were injured on Sunday when he stepped on an "
         "anti-personnel mine.", [(None, 2)]),
        ("On Sunday, a 63-year-old man collecting firewood was seriously injured by a PROM-1 "
         "mine near the village.", [(None, 1)]),
    ],
)  # fmt: skip
def test_agency_english_and_kin(text: str, expected: list[tuple[object, ...]]) -> None:
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"]) for f in facts] == expected


def test_spaced_decimals_trailing_zero_thousands_and_able_to() -> None:
    text = (
        "Since 2022 sappers have neutralised 658 214 explosive objects and examined 1 432.6 sq km. "
        "Engineers cleared 45.300 sq. m of land near the town and found 1.204 mines. "
        'The director said "the teams were able, during the first quarter, to destroy 3,612 '
        'explosive remnants of war".'
    )
    counts = [(f["kind"], f.get("quantity") or f.get("area_m2")) for f in
              extract(text, published=PUBLISHED).facts]  # fmt: skip
    assert counts == [
        ("device_find", 658214),
        ("land_release", 1432600000),
        ("land_release", 45300),
        ("device_find", 1204),
        ("device_find", 3612),
    ]


def test_a_post_ending_in_an_emoji_or_hashtag_is_prose() -> None:
    text = "(1/3) A farmer was killed by a landmine on Tuesday near the village, police said. 🔴"
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"]) for f in facts] == [(1, None)]


def test_of_them_killed_inside_commas_is_a_count() -> None:
    text = "Since 1996, 1,770 people have been victims of landmines, 625 of them killed, data show."
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"]) for f in facts] == [(625, 1145)]


def test_a_comparison_with_its_own_year_is_a_fact_of_that_year() -> None:
    text = (
        "Sappers found and neutralised 3,927 explosive objects in the region during the third "
        "quarter of 2025, up from 2,611 in the same quarter of 2024. Teams released 9.6 square "
        "kilometres of minefields last year, up from 8.1 square kilometres the year before."
    )
    facts = extract(text, published=dt.date(2025, 11, 3)).facts
    assert [(f.get("quantity") or f.get("area_m2"), f["period_start"]) for f in facts] == [
        (3927, "2025-07-01"),
        (2611, "2024-07-01"),
        (9600000, "2024-01-01"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The centre sees 70 patients a day, 40 percent of them injured by landmines.", []),
        ("The belt once held up to 5,500 mines per kilometre, deminers said.", []),
        ("Reports on social media claiming that eleven people had died in the mine blast were "
         "false, the prosecutor said.", []),
        ("Sappers destroyed 12 anti-tank mines on Monday. Artillery and drone strikes killed 19 "
         "people in the district, officials said.", [("device_find", 12)]),
        ("The girl and her grandmother were killed by a landmine on Friday.",
         [("casualties", 2, None)]),
        ("Four mine accidents killed three people and injured two; one of the injured was a "
         "deminer.", [("casualties", 3, 2)]),
        ("About 110 square kilometres are still suspected, and a further 45 square kilometres "
         "may be affected by mines.", []),
        ("The 2001 survey identified 2,557 square kilometres of suspected land, most of which "
         "has since been cancelled or cleared of mines.", []),
    ],
)  # fmt: skip
def test_shares_rates_denials_attacks_and_estimates(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    facts = extract(text, published=PUBLISHED).facts
    got = [(f["kind"], f["killed"], f["injured"]) if f["kind"] == "casualties" else
           (f["kind"], f.get("quantity") or f.get("area_m2")) for f in facts]  # fmt: skip
    assert got == expected


def test_a_total_broken_down_by_place_in_the_clauses_that_follow() -> None:
    text = (
        "Operators found and destroyed 900 anti-personnel mines and 40 items of unexploded "
        "ordnance during the year. The anti-personnel mines came mostly from the old front line. "
        "In Mannar district, 500 were destroyed; in Jaffna district, 300; and in Vavuniya "
        "district, 100. Most were found in Kilinochchi district (60) and Mullaitivu district (40)."
    )
    facts = extract(text, published=PUBLISHED).facts
    assert [(f["quantity"], f["device_category"], f["place"], f.get("total_of")) for f in facts][
        :5
    ] == [
        (900, "AP mine", None, [2, 3, 4]),
        (40, "UXO", None, None),
        (500, "AP mine", "Mannar district", None),
        (300, "AP mine", "Jaffna district", None),
        (100, "AP mine", "Vavuniya district", None),
    ]


def test_a_release_and_a_find_broken_down_by_what_each_place_accounted_for() -> None:
    text = (
        "Between October and December 2025, operators cleared 412,650 square metres of land "
        "contaminated by landmines in the south. By district, Bint Jbeil accounted for 181,200 "
        "square metres, Marjayoun for 142,900 square metres and Tyre for 88,550 square metres. "
        "Teams destroyed 5,231 anti-personnel mines over the same period. Sa Kaeo province, "
        "where the densest minefields lie, accounted for 3,417 of the anti-personnel mines."
    )
    facts = extract(text, published=dt.date(2026, 1, 10)).facts
    got = [(f.get("area_m2") or f.get("quantity"), f["place"], f.get("total_of")) for f in facts]
    assert got == [
        (412650, None, [1, 2, 3]),
        (181200, "Bint Jbeil", None),
        (142900, "Marjayoun", None),
        (88550, "Tyre", None),
        (5231, None, None),
        (3417, "Sa Kaeo province", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 14 March a landmine on a footpath killed a soldier of the Army's Third Division "
         "and injured two of his companions, prosecutors said.", [(1, 2)]),
        ("A landmine exploded under a bulldozer on a building site near the town on Sunday. "
         "Two of the workers were killed at the scene. Three people were injured: the driver, "
         "another worker and a boy.", [(2, 3)]),
        ("Two soldiers were killed by a landmine near the border on Monday. Three civilians "
         "were injured by a mine near the village on Tuesday.", [(2, None), (None, 3)]),
    ],
)  # fmt: skip
def test_one_incident_told_in_one_or_two_sentences(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"]) for f in facts] == expected


def test_a_ranking_of_provinces_places_each_tally() -> None:
    text = (
        "Landmines killed 40 people in the country in 2025, the authority said. Idlib governorate "
        "recorded the highest toll, with 14 people killed and 26 injured over the same period, "
        "followed by Aleppo governorate (11 killed, 23 injured). Battambang province again had "
        "the most casualties, with six killed and 16 injured."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"], f["place"]) for f in facts][1:] == [
        (14, 26, "Idlib governorate"),
        (11, 23, "Aleppo governorate"),
        (6, 16, "Battambang province"),
    ]


def test_a_comparison_s_period_does_not_become_the_period_that_goes_on() -> None:
    text = (
        "Sappers found and neutralised 3,927 explosive objects in the region during the third "
        "quarter of 2025, up from 2,611 in the same quarter of 2024. Among the objects neutralised "
        "during the quarter were 41 aircraft bombs. Sappers found more than 300 mines since the "
        "beginning of the year. A total of 40 hectares was cleared over the same period."
    )
    facts = extract(text, published=dt.date(2025, 11, 3)).facts
    got = [(f.get("quantity") or f.get("area_m2"), f["period_start"]) for f in facts]
    assert got == [
        (3927, "2025-07-01"),
        (2611, "2024-07-01"),
        (41, "2025-07-01"),
        (300, "2025-01-01"),
        (400000, "2025-01-01"),
    ]


def test_the_month_a_report_was_released_dates_the_report() -> None:
    text = (
        "The commission said in its annual report, released in June, that its teams had "
        "cleared 187 anti-personnel mines in 2024."
    )
    (find,) = extract(text, published=dt.date(2025, 7, 1)).facts
    assert (find["quantity"], find["period_start"], find["period_end"]) == (
        187,
        "2024-01-01",
        "2024-12-31",
    )


def test_collected_and_destroyed_is_found_and_neutralized() -> None:
    text = "The command's teams collected and destroyed 4,208 bombs, mines and shells in 2025."
    (find,) = extract(text, published=PUBLISHED).facts
    assert (find["quantity"], find["action"]) == (4208, "found_and_neutralized")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engineering teams lifted 17 anti-personnel mines that floods had washed out of a wadi "
         "on Monday.", [("device_find", 17, "found_and_neutralized")]),
        ("The clearance resulted in the location and removal of 27 anti-tank mines.",
         [("device_find", 27, "found_and_neutralized")]),
        ("Our team took two TM-57 anti-tank mines out of the ground this morning.",
         [("device_find", 2, "found_and_neutralized")]),
    ],
)  # fmt: skip
def test_more_verbs_of_finding_and_removal(text: str, expected: list[tuple[object, ...]]) -> None:
    facts = extract(text, published=PUBLISHED).facts
    assert [(f["kind"], f["quantity"], f["action"]) for f in facts] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two brothers who were grazing their family's sheep were killed and their cousin was "
         "wounded on Friday when a landmine exploded.", [(2, 1)]),
        ("A 52-year-old man was killed and his brother-in-law, 47, was seriously injured when a "
         "mine exploded on Saturday.", [(1, 1)]),
        ("On 31 March a landmine killed a 15-year-old girl who was herding goats and injured her "
         "uncle, who ran to help her.", [(1, 1)]),
        ("Between January and March, 43 people were victims of landmines, 11 of them fatally.",
         [(11, 32)]),
        ("In 2025, two employees of explosive ordnance disposal services were injured by mines.",
         [(None, 2)]),
        ("A 27-year-old porter, a father who carries goods across the border on his back, lost "
         "his left leg on Wednesday when he stepped on a landmine.", [(None, 1)]),
    ],
)  # fmt: skip
def test_relatives_relative_clauses_and_victim_counts(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"]) for f in facts] == expected


def test_parts_named_by_of_the_or_of_these_take_the_total_s_action_and_period() -> None:
    text = (
        "Teams found and destroyed 1,326 improvised explosive devices during 2025. Of the IEDs, "
        "874 were removed from houses in the old city of Mosul, retaken in 2017. Divers also "
        "recovered 1,108 aerial bombs in 2025. 287 of these bombs had to be defused on site."
    )
    facts = extract(text, published=dt.date(2026, 4, 1)).facts
    got = [(f["quantity"], f["action"], f["period_start"], f["place"]) for f in facts]
    assert got == [
        (1326, "found_and_neutralized", "2025-01-01", None),
        (874, "found_and_neutralized", "2025-01-01", "old city of Mosul"),
        (1108, "found", "2025-01-01", None),
        (287, "found", "2025-01-01", None),
    ]


def test_more_devices_disposals_of_one_item_and_wounded_taken_to_hospital() -> None:
    text = (
        "Two jawans of the Central Reserve Police Force (CRPF) were injured on Sunday when one "
        "stepped on a pressure IED, police said. Searching the area, the bomb squad recovered "
        "three more pressure IEDs and defused them. In Hue, engineers on Monday disposed of a "
        "US-made 500-pound bomb that builders had unearthed on a building site."
    )
    facts = extract(text, published=PUBLISHED).facts
    got = [(f["kind"], f.get("quantity") or (f.get("killed"), f.get("injured"))) for f in facts]
    assert got == [("casualties", (None, 2)), ("device_find", 3), ("device_find", 1)]
    text = (
        "Two soldiers were killed on Monday when their vehicle hit a landmine near the town. "
        "Four other soldiers were wounded and evacuated to the Military Hospital of Maroua."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert [(f["killed"], f["injured"]) for f in facts] == [(2, 4)]


def test_counts_read_from_kin_lists_and_ages_point_to_their_words() -> None:
    text = (
        "On Sunday a woman and her two daughters were killed when a landmine exploded. "
        "Landmines killed nine people in the province in 2023, the centre said. Among the dead "
        "were four farmers and a soldier."
    )
    facts = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    first, second = facts
    assert text[slice(*first["evidence"]["spans"]["killed"])] == "a woman and her two"
    spans = second["evidence"]["spans"]
    assert (second["civilians_killed"], second["military_killed"]) == (4, 1)
    assert text[slice(*spans["civilians_killed"])] == "four farmers and a soldier"

    text = "Two brothers aged 7 and 11 were killed on Sunday when a cluster bomblet exploded."
    (fact,) = [f for f in extract(text, published=PUBLISHED).facts if f["kind"] == "casualties"]
    assert text[slice(*fact["evidence"]["spans"]["civilians_killed"])] == "Two"
