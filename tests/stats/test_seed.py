"""Issue 6, done when: the seed's figures print exactly, with their sentences, and reported
totals are never added to incident sums; places roll up the gazetteer hierarchy; pending
claims count only when asked."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from minewatch.errors import InputError
from minewatch.stats.service import StatsQuery, figures, series
from minewatch.store.session import transaction

MFA = "Ministry of Foreign Affairs of Azerbaijan"


def test_casualty_total_since_2020(seeded: Engine) -> None:
    with transaction(seeded) as session:
        result = figures(
            StatsQuery(kind="casualties", since=date(2020, 11, 10)),
            session=session,
            explain_sources=True,
        )
    assert result.incidents.records == 0, "a reported total is not an incident"
    assert result.incidents.totals["killed"].sum is None
    (total,) = result.reported_totals
    assert total.figures == {"victims": 268, "killed": 45, "injured": 223, "civilians_killed": 35}
    assert total.authority == MFA
    assert total.as_of == date(2022, 11, 24)
    assert total.period_start == date(2020, 11, 10)
    assert total.headline.startswith("268 victims, 45 killed (35 civilians")
    assert len({s.document_id for s in total.sources}) == 4, "variant d has no casualties"
    assert all(s.sentence for s in total.sources)
    newsaz = next(s for s in total.sources if s.publisher == "News.Az")
    assert "268 Azerbaijani citizens" in (newsaz.sentence or "")


def test_casualty_total_names_three_journalists(seeded: Engine) -> None:
    with transaction(seeded) as session:
        result = figures(StatsQuery(kind="casualties", since=date(2020, 11, 10)), session=session)
    (total,) = result.reported_totals
    assert total.detail.get("occupations") == {"journalist": 3}
    assert "3 journalists" in total.headline


def test_finds_in_kalbajar_keep_tally_and_find_apart(seeded: Engine) -> None:
    with transaction(seeded) as session:
        result = figures(
            StatsQuery(kind="finds", place="Kalbajar"), session=session, explain_sources=True
        )
    assert {p.name for p in result.places} >= {"Kalbajar district"}
    assert result.incidents.records == 1
    assert result.incidents.totals["quantity"].sum == 350, "the tally is not added"
    (item,) = result.incidents.items
    assert item.headline.startswith("350 PMN-E")
    assert item.day == date(2022, 11, 21)
    (tally,) = result.reported_totals
    assert tally.figures == {"quantity": 1119}
    assert tally.as_of == date(2022, 11, 24) and tally.authority == MFA
    assert tally.period_start == date(2022, 8, 1)
    sentences = {s.sentence for s in tally.sources}
    assert any(s and s.startswith("Since August of this year, 1,119") for s in sentences)
    find_sources = result.sources[item.record_id or 0]
    assert any("Saribaba" in (s.sentence or "") for s in find_sources)


def test_place_hierarchy_roll_up(seeded: Engine) -> None:
    with transaction(seeded) as session:

        def totals(place: str) -> tuple[int, list[float | int]]:
            r = figures(StatsQuery(kind="device_find", place=place), session=session)
            return r.incidents.records, sorted(t.figures["quantity"] for t in r.reported_totals)

        assert totals("Saribaba") == (1, [])
        assert totals("Lachin district") == (0, [1119])
        assert totals("East Zangezur economic region") == (1, [1119])
        assert totals("Azerbaijan") == (1, [1119, 1609])
        with pytest.raises(InputError, match="no place is called"):
            figures(StatsQuery(kind="device_find", place="Xqzwy Nowhere"), session=session)


def test_group_by_admin_units_and_month(seeded: Engine) -> None:
    with transaction(seeded) as session:
        result = figures(
            StatsQuery(kind="device_find", group_by=("admin1", "admin2", "month")),
            session=session,
        )
        inspections = figures(StatsQuery(kind="inspections", group_by=("month",)), session=session)
    (group,) = result.incidents.groups
    assert group.label == "East Zangezur economic region / Kalbajar district / 2022-11"
    assert group.totals["quantity"].sum == 350 and group.record_ids == result.incidents.record_ids
    assert inspections.incidents.records == 2
    assert [g.key["month"] for g in inspections.incidents.groups] == ["2022-11"]


def test_authority_and_period_filters(seeded: Engine) -> None:
    with transaction(seeded) as session:
        mod = figures(StatsQuery(kind="device_find", authority="defence"), session=session)
        early = figures(StatsQuery(kind="device_find", until=date(2022, 11, 1)), session=session)
    assert mod.incidents.records == 1 and mod.reported_totals == []
    assert early.incidents.records == 0 and early.reported_totals == []


def test_series_of_reported_totals(seeded: Engine) -> None:
    with transaction(seeded) as session:
        result = series(StatsQuery(kind="casualties"), session=session)
    (line,) = result.totals
    assert line.authority == MFA and [p.value for p in line.points] == [268]
    assert result.monthly == []


def test_pending_excluded_unless_asked(seeded_pending: Engine) -> None:
    with transaction(seeded_pending) as session:
        approved = figures(StatsQuery(kind="device_find"), session=session)
        pending = figures(StatsQuery(kind="device_find", include_pending=True), session=session)
        victims = figures(StatsQuery(kind="casualties", include_pending=True), session=session)
    assert approved.incidents.records == 0 and approved.reported_totals == []
    assert pending.incidents.totals["quantity"].sum == 350, "syndicated copies count once"
    assert sorted(t.figures["quantity"] for t in pending.reported_totals) == [1119, 1609]
    assert all(t.review == "pending" and t.sources for t in pending.reported_totals)
    (total,) = victims.reported_totals
    assert total.figures["victims"] == 268 and len(total.claim_ids) == 4


def test_index_follows_record_changes(seeded: Engine) -> None:
    from minewatch.claims import review_ops
    from minewatch.review import service as review

    with transaction(seeded) as session:
        before = figures(StatsQuery(kind="device_find"), session=session)
        rid = before.incidents.record_ids[0]  # type: ignore[index]
        review.unapprove_record(rid, session=session, actor="test")
    with transaction(seeded) as session:
        after = figures(StatsQuery(kind="device_find"), session=session)
        assert after.incidents.records == 0, "a withdrawn record leaves the figures"
        assert review_ops.queue(session=session, limit=1)
