"""Conflicts: every value kept with its sources, the most conservative count is best."""

from __future__ import annotations

from datetime import date

from minewatch.reconcile.merge import merge

from .support import view


def test_conservative_best_and_dispute() -> None:
    vs = [
        view(
            1,
            "casualties",
            1,
            killed=6,
            injured=10,
            incident=True,
            authority_name="SANA",
            publisher="A",
        ),
        view(
            2,
            "casualties",
            2,
            killed=5,
            injured=12,
            incident=True,
            authority_name="SOHR",
            publisher="B",
        ),
        view(3, "casualties", 3, killed=5, incident=True, publisher="C"),
    ]
    m = merge("casualties", vs)
    assert (m.fields["killed"], m.fields["injured"]) == (5, 10)
    assert m.disputed and m.disputed_fields == ["killed", "injured"]
    killed = {e["value"]: e["documents"] for e in m.values["killed"]}
    assert killed == {5: [2, 3], 6: [1]}
    assert m.values["killed"][0]["authorities"] == ["SOHR"]
    assert m.fields["estimates"]["killed"] == {"low": 5.0, "best": 5.0, "high": 6.0}


def test_silence_is_not_disagreement() -> None:
    vs = [
        view(1, "device_find", 1, quantity=350, period_start="2022-11-21", period_end="2022-11-21"),
        view(2, "device_find", 2, quantity=350),
    ]
    m = merge("device_find", vs)
    assert not m.disputed
    assert m.period_start == date(2022, 11, 21)
    assert m.sources == 2


def test_participants_merge_into_canonical_spellings() -> None:
    vs = [
        view(1, "inspection", 1, date="2022-11-23", participants=["Andrei Volkov", "Oleg Semenov"]),
        view(2, "inspection", 2, date="2022-11-23", participants=["Andrey Volkov", "Oleg Semenov"]),
        view(
            3,
            "inspection",
            3,
            date="2022-11-23",
            participants=["Andrei Volkov", "Oleg Semyonov"],
            published=date(2022, 11, 25),
        ),
    ]
    m = merge("inspection", vs)
    assert m.fields["participants"] == ["Andrei Volkov", "Oleg Semenov"]
    spellings = {v["canonical"]: v["spellings"] for v in m.variants}
    assert spellings["Oleg Semenov"] == {"Oleg Semenov": [1, 2], "Oleg Semyonov": [3]}
    assert spellings["Andrei Volkov"] == {"Andrei Volkov": [1, 3], "Andrey Volkov": [2]}
