"""The scorer on hand-made predicted and gold facts: matching, metrics, slots, misses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from minewatch.evaluate.scorer import (
    SLOTS,
    Counts,
    key_label,
    keys_match,
    normalise_text,
    participants_equal,
    places_equal,
    score,
    threshold_failures,
    values_equal,
)

NULL_FIND = dict.fromkeys(("quantity", *SLOTS["device_find"]))
NULL_CAS = dict.fromkeys(("killed", "injured", *SLOTS["casualties"]))


def find(quantity: int | None, **slots: Any) -> dict[str, Any]:
    return {"kind": "device_find", **NULL_FIND, "quantity": quantity, **slots}


def cas(killed: int | None, injured: int | None, **slots: Any) -> dict[str, Any]:
    return {"kind": "casualties", **NULL_CAS, "killed": killed, "injured": injured, **slots}


def land(area: float | None, **slots: Any) -> dict[str, Any]:
    base = dict.fromkeys(SLOTS["land_release"])
    return {"kind": "land_release", **base, "area_m2": area, **slots}


def insp(date: Any, place: str | None = None, participants: list[str] | None = None) -> dict:
    return {"kind": "inspection", "date": date, "place": place, "participants": participants}


def test_perfect_match_scores_one() -> None:
    gold = [find(7, device_category="AT mine", place="Testen district"), cas(2, 1)]
    report = score([("a.txt", [dict(f) for f in gold], gold)])
    assert report.overall == Counts(tp=2, fp=0, fn=0)
    assert report.overall.f1 == 1.0
    assert report.slot_accuracy == 1.0
    assert report.slot_total.compared == len(SLOTS["device_find"]) + len(SLOTS["casualties"])
    assert report.misses == [] and report.slot_mismatches == []


def test_wrong_figure_is_one_false_positive_and_one_false_negative() -> None:
    predicted = [find(351, evidence={"sentence_text": "They found 351 mines.", "index": 2})]
    report = score([("a.txt", predicted, [find(350)])])
    assert report.kinds["device_find"] == Counts(tp=0, fp=1, fn=1)
    assert report.overall.precision == 0.0 and report.overall.recall == 0.0
    assert report.overall.f1 == 0.0
    by_type = {m.type: m for m in report.misses}
    assert by_type["false_negative"].key == "quantity=350"
    assert by_type["false_positive"].key == "quantity=351"
    assert by_type["false_positive"].evidence == "They found 351 mines."
    assert by_type["false_negative"].evidence is None


def test_evidence_sliced_from_text_when_only_a_span_is_given() -> None:
    text = "Intro. They found 351 mines. End."
    predicted = [find(351, evidence={"sentence_start": 7, "sentence_end": 28})]
    report = score([("a.txt", predicted, [])], texts={"a.txt": text})
    assert report.misses[0].evidence == "They found 351 mines."


def test_same_figure_of_another_kind_does_not_match() -> None:
    report = score([("a.txt", [find(5)], [land(5)])])
    assert report.kinds["device_find"] == Counts(fp=1)
    assert report.kinds["land_release"] == Counts(fn=1)


def test_casualties_need_killed_and_injured_equal_with_nulls_equal() -> None:
    gold = [cas(None, 1), cas(5, 12)]
    predicted = [cas(None, 1), cas(5, 11), cas(0, 1)]
    report = score([("a.txt", predicted, gold)])
    assert report.kinds["casualties"] == Counts(tp=1, fp=2, fn=1)
    assert {m.key for m in report.misses if m.type == "false_positive"} == {
        "killed=5 injured=11",
        "killed=0 injured=1",
    }
    assert key_label(cas(None, 1)) == "killed=null injured=1"


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [
        (1_000_000, True),
        (1_005_000, True),  # +0.5% exactly: inside
        (995_000, True),  # -0.5% exactly: inside
        (1_005_001, False),
        (994_999, False),
        (1_000_000.0, True),
        (None, False),
    ],
)
def test_land_release_area_within_half_a_percent(predicted: float | None, matches: bool) -> None:
    assert keys_match("land_release", land(1_000_000), land(predicted)) is matches


def test_area_tolerance_is_relative_to_the_gold_area() -> None:
    # 1,312.4 ha stated, 13,100,000 predicted (rounded to 1,310 ha): 0.18% off, a match.
    report = score([("a.txt", [land(13_100_000)], [land(13_124_000)])])
    assert report.kinds["land_release"].tp == 1
    # 6 m2 off a 1,000 m2 area is 0.6%: no match, although the absolute gap is tiny.
    assert not keys_match("land_release", land(1_000), land(1_006))


def test_facts_with_total_of_are_skipped_on_both_sides() -> None:
    parts = [find(1119), find(1609)]
    predicted = [*parts, find(2728, total_of=[0, 1])]
    gold = [*parts, find(9999, total_of=[0, 1])]
    report = score([("a.txt", predicted, gold)])
    assert report.overall == Counts(tp=2)
    assert report.files[0].predicted == 2 and report.files[0].gold == 2


def test_kinds_without_a_key_figure_are_ignored() -> None:
    predicted = [find(3), {"kind": "allegation", "accuser": "X", "accused": "Y"}]
    report = score([("a.txt", predicted, [find(3)])])
    assert report.overall == Counts(tp=1)


def test_duplicate_figures_pair_by_slot_agreement_not_order() -> None:
    gold = [
        find(12, device_category="AP mine", model="OZM-72", origin_country="USSR"),
        find(12, device_category="IED"),
    ]
    predicted = [
        find(12, device_category="IED"),
        find(12, device_category="AP mine", model="OZM-72"),
    ]
    report = score([("a.txt", predicted, gold)])
    assert report.overall == Counts(tp=2)
    # Greedy in document order would pair the IED with the OZM-72 and report 4 mismatches.
    assert [(m.slot, m.expected, m.got) for m in report.slot_mismatches] == [
        ("origin_country", "USSR", None)
    ]


def test_duplicate_figure_predicted_once_leaves_the_less_similar_gold_unmatched() -> None:
    gold = [find(12, device_category="AP mine"), find(12, device_category="IED")]
    report = score([("a.txt", [find(12, device_category="IED")], gold)])
    assert report.overall == Counts(tp=1, fn=1)
    assert report.misses[0].fact["device_category"] == "AP mine"
    assert report.slot_mismatches == []


def test_one_prediction_cannot_match_two_gold_facts() -> None:
    report = score([("a.txt", [cas(1, None)], [cas(1, None), cas(1, None)])])
    assert report.overall == Counts(tp=1, fn=1)


def test_slot_mismatches_are_listed_and_counted_per_slot() -> None:
    gold = [find(2, device_category="AT mine", model="TM-62M", action="found_and_neutralized")]
    predicted = [find(2, device_category="AT mine", model="TM-62", action="found")]
    report = score([("a.txt", predicted, gold)])
    assert report.overall.tp == 1
    wrong = {m.slot: (m.expected, m.got) for m in report.slot_mismatches}
    assert wrong == {"model": ("TM-62M", "TM-62"), "action": ("found_and_neutralized", "found")}
    assert report.slots["device_find"]["model"].accuracy == 0.0
    assert report.slots["device_find"]["device_category"].accuracy == 1.0
    n = len(SLOTS["device_find"])
    assert report.slot_total.correct == n - 2 and report.slot_total.compared == n


def test_value_predicted_where_gold_is_null_is_a_slot_error() -> None:
    report = score([("a.txt", [find(4, origin_country="China")], [find(4)])])
    assert [m.slot for m in report.slot_mismatches] == ["origin_country"]


def test_overall_slot_accuracy_pools_slots_across_kinds() -> None:
    gold = [find(9, model="MON-50"), insp("2023-10-10", "Cuito", ["A B", "C D"])]
    predicted = [find(9, model="MON-90"), insp("2023-10-10", "Cuito", ["C D", "A B"])]
    report = score([("a.txt", predicted, gold)])
    n = len(SLOTS["device_find"]) + len(SLOTS["inspection"])
    assert report.slot_total.compared == n
    assert report.slot_accuracy == pytest.approx((n - 1) / n)
    assert report.kind_slot_total("inspection").accuracy == 1.0


def test_inspection_date_objects_match_iso_strings() -> None:
    report = score([("a.txt", [insp(dt.date(2022, 11, 23))], [insp("2022-11-23")])])
    assert report.kinds["inspection"] == Counts(tp=1)


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("Ministry of Defense of Azerbaijan", "ministry of defence of azerbaijan.", True),
        ("Regional Mine Action Centre - South", "Regional Mine Action Center South", True),
        ("rural area of Tibú", "rural area of Tibu", True),
        ("found_and_neutralized", "found and neutralised", True),
        ("Ministry of Defence of Azerbaijan", "Ministry of Foreign Affairs of Azerbaijan", False),
        ("AP mine", "AT mine", False),
        (2021, "2021", False),
        (3, 3.0, True),
        (True, 1, False),
        (None, None, True),
        (None, "", False),
    ],
)
def test_values_equal(a: Any, b: Any, equal: bool) -> None:
    assert values_equal(a, b) is equal
    assert values_equal(b, a) is equal


def test_normalise_text() -> None:
    assert normalise_text("  Foreign military  attachés, ") == "foreign military attaches"


@pytest.mark.parametrize(
    ("expected", "got", "equal"),
    [
        (["Andrei Volkov", "Fatih Akpinar"], ["fatih akpinar", "Andrei Volkov"], True),
        (["foreign military attachés"], ["Foreign military attaches"], True),
        (["Andrei Volkov", "Fatih Akpinar"], ["Andrei Volkov"], False),
        (["Andrei Volkov"], ["Andrey Volkov"], False),
        (["Andrei Volkov"], ["Andrei Volkov", "Andrei Volkov"], True),
        (None, [], False),
        (None, None, True),
    ],
)
def test_participants_compare_as_sets(expected: Any, got: Any, equal: bool) -> None:
    assert participants_equal(expected, got) is equal


@pytest.mark.parametrize(
    ("expected", "got", "equal"),
    [
        ("Lachin district", "near the village of Zabukh, Lachin district", True),
        ("near the village of Zabukh, Lachin district", "Lachin district", True),
        ("Kharkiv region", "the Kharkiv region", True),
        ("Lachin district", "Kalbajar district", False),
        ("Lachin district", "district", False),  # generic words alone never match
        ("Aden", "Adena district", False),  # whole words only
        ("Kharkiv region", None, False),
        (None, None, True),
    ],
)
def test_places_compare_leniently(expected: Any, got: Any, equal: bool) -> None:
    assert places_equal(expected, got) is equal


def test_place_leniency_is_applied_inside_score() -> None:
    gold = [find(7, place="near the village of Zabukh, Lachin district")]
    report = score([("a.txt", [find(7, place="Lachin district")], gold)])
    assert report.slot_mismatches == []


def test_hard_negatives_count_every_predicted_fact() -> None:
    predicted = [find(3), {"kind": "allegation", "accuser": "X"}, find(5, total_of=[0])]
    report = score([("neg.txt", predicted, []), ("pos.txt", [find(1)], [find(1)])])
    assert report.hard_negative_files == ["neg.txt"]
    assert report.hard_negative_facts == 3
    assert report.overall == Counts(tp=1, fp=1)  # only the scoreable device_find is an FP
    assert threshold_failures(report, max_hard_negative_facts=0) == [
        "3 facts on hard negatives > 0"
    ]


def test_clean_hard_negative_scores_perfectly() -> None:
    report = score([("neg.txt", [], [])])
    assert report.hard_negative_facts == 0
    assert report.files[0].counts.f1 == 1.0


def test_per_file_breakdown() -> None:
    report = score(
        [
            ("a.txt", [find(1), find(2)], [find(1)]),
            ("b.txt", [], [cas(1, None)]),
        ]
    )
    a, b = report.files
    assert (a.file, a.gold, a.predicted, a.counts) == ("a.txt", 1, 2, Counts(tp=1, fp=1))
    assert (b.file, b.gold, b.predicted, b.counts) == ("b.txt", 1, 0, Counts(fn=1))
    assert not a.hard_negative and not b.hard_negative


def test_metrics_when_nothing_is_predicted() -> None:
    counts = Counts(tp=0, fp=0, fn=4)
    assert counts.precision == 1.0 and counts.recall == 0.0 and counts.f1 == 0.0


def test_threshold_failures() -> None:
    report = score([("a.txt", [find(1, model="X")], [find(1), find(2)])])
    assert report.overall.f1 == pytest.approx(2 / 3)
    assert threshold_failures(report) == []
    assert threshold_failures(report, min_f1=0.6, min_slot=0.8) == []
    failures = threshold_failures(report, min_f1=0.95, min_slot=0.95)
    assert [f.split()[0] for f in failures] == ["fact", "slot"]
