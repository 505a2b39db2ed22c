"""Clustering rules: same fact across copies, conflicts kept together, unsure pairs apart."""

from __future__ import annotations

from datetime import date

from minewatch.reconcile.cluster import cluster
from minewatch.reconcile.match import Profile, judge

from .support import view


def groups(views: list) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for a in cluster(views):
        out.setdefault(a.key, []).append(a.claim_id)
    return sorted(sorted(g) for g in out.values())


def test_copies_in_one_story_join_even_without_place() -> None:
    vs = [
        view(1, "casualties", 1, killed=45, injured=223, incident=False, story_id=7),
        view(2, "casualties", 2, killed=45, incident=False, story_id=7),
        view(3, "casualties", 3, killed=45, incident=False, story_id=8),
    ]
    assert groups(vs) == [[1, 2], [3]], "another story needs an anchor (place) to join"


def test_across_stories_same_figure_place_and_week_join() -> None:
    vs = [
        view(1, "device_find", 1, quantity=48, place="near Testivka", story_id=1),
        view(
            2,
            "device_find",
            2,
            quantity=48,
            place="Testivka village",
            story_id=2,
            published=date(2024, 5, 9),
        ),
        view(
            3,
            "device_find",
            3,
            quantity=48,
            place="Testivka",
            story_id=3,
            published=date(2024, 7, 1),
        ),
    ]
    assert groups(vs) == [[1, 2], [3]]


def test_incident_and_aggregate_never_mix() -> None:
    vs = [
        view(1, "casualties", 1, killed=2, incident=True, place="Testivka", story_id=1),
        view(2, "casualties", 2, killed=2, incident=False, place="Testivka", story_id=1),
    ]
    assert groups(vs) == [[1], [2]]


def test_disagreeing_dates_or_models_split() -> None:
    vs = [
        view(1, "device_find", 1, quantity=10, model="TM-62", story_id=1),
        view(2, "device_find", 2, quantity=10, model="PMN-2", story_id=1),
        view(3, "inspection", 1, date="2022-11-23", place="Saribaba", story_id=1),
        view(4, "inspection", 2, date="2022-11-24", place="Saribaba", story_id=1),
    ]
    assert groups(vs) == [[1], [2], [3], [4]]


def test_conflicting_tolls_of_one_incident_join_as_conflict() -> None:
    """dev/10: two monitors, one incident, different tolls -> one record, disputed."""
    sohr = view(
        1,
        "casualties",
        1,
        killed=5,
        injured=12,
        incident=True,
        date="2024-03-02",
        place="Daraa",
        authority_name="SOHR",
        ordinal=0,
    )
    sana = view(
        2,
        "casualties",
        1,
        killed=6,
        injured=10,
        incident=True,
        date="2024-03-02",
        place="Daraa",
        authority_name="SANA",
        ordinal=1,
    )
    profile = Profile(-1, "casualties")
    profile.add(sohr)
    verdict = judge(sana, profile)
    assert verdict is not None and verdict.conflict


def test_one_document_one_authority_states_two_facts() -> None:
    a = view(1, "device_find", 1, quantity=1119, place="Kalbajar", ordinal=0, story_id=1)
    b = view(2, "device_find", 1, quantity=1609, place="Kalbajar", ordinal=1, story_id=1)
    assert groups([a, b]) == [[1], [2]]


def test_different_figures_without_anchor_stay_apart() -> None:
    vs = [
        view(1, "casualties", 1, killed=45, incident=False, story_id=1),
        view(2, "casualties", 2, killed=35, incident=False, story_id=1),
    ]
    assert groups(vs) == [[1], [2]]
