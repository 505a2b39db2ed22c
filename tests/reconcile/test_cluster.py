"""Time buckets in the figure index must not change outcomes: clustering assigns every claim
as it does with one bucket for all time, on claims built to stress them (repeated small
figures at few places, every date precision, stories, publications years apart)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from minewatch.reconcile import cluster as clustering
from minewatch.reconcile.cluster import Clusterer, cluster
from minewatch.reconcile.views import ClaimView

from .support import view


def _claims(n: int, seed: int) -> list[ClaimView]:
    rng = random.Random(seed)
    places = ["near Saribaba", "Sarybaba height", "Fuzuli district", "Kalbajar", "Lachin area"]
    out = []
    for i in range(n):
        published = date(2022, 12, 20) + timedelta(days=rng.randint(0, 40) * rng.choice([1, 9]))
        day = published - timedelta(days=rng.randint(0, 10))
        prec = rng.choice([1, 1, 1, 2, 3, 4, 5])
        kind = rng.choice(["device_find", "device_find", "casualties", "land_release"])
        dated = rng.random() < 0.85
        values = {
            "device_find": {"quantity": rng.choice([1, 1, 2, 3])},
            "casualties": {"killed": rng.choice([0, 1, 1, 2]), "injured": rng.choice([0, 1])},
            "land_release": {"area_m2": rng.choice([10_000.0, 20_000.0])},
        }[kind]
        dates = {"date" if kind == "casualties" else "period_start": day.isoformat()}
        if kind == "casualties":
            values["incident"] = True
        out.append(
            view(
                i + 1,
                kind,
                document_id=i // 2 + 1,
                ordinal=i % 2,
                published=published if rng.random() < 0.95 else None,
                story_id=rng.randint(1, n // 4) if rng.random() < 0.5 else None,
                place=rng.choice(places),
                date_prec=prec,
                **values,
                **(dates if dated else {}),
            )
        )
    return out


def test_time_buckets_lose_no_match(monkeypatch: pytest.MonkeyPatch) -> None:
    for seed in range(4):
        views = _claims(700, seed)
        bucketed = cluster(views)
        with monkeypatch.context() as m:  # the reference: one bucket for all time
            m.setattr(clustering, "_time_buckets", lambda _v: {("all", 0)})
            m.setattr(clustering, "_time_lookups", lambda _v: {("all", 0)})
            timeless = cluster(views)
        assert bucketed == timeless
        assert sum(a.new for a in bucketed) < len(views) * 0.8  # claims did merge


def test_candidates_skip_records_from_other_years() -> None:
    old = view(1, "device_find", published=date(2020, 3, 2), quantity=1, place="near Fuzuli")
    new = view(2, "device_find", published=date(2023, 3, 2), quantity=1, place="near Fuzuli")
    engine = Clusterer()
    engine.assign(old)
    assert engine.candidates(new) == []
    assert engine.assign(new).new
