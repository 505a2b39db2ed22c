"""Conflicts: merge the claims supporting one record into its values, keeping every source.

Every stated value is kept with the claims, documents, publishers and authorities that state
it (``values``). The record's ``fields`` take the most conservative count (the lowest best
estimate, DESIGN §2), and for other fields the value most sources state (ties: the earliest
publication). Differing counts or dates flag the record as disputed. Spellings that name one
place or person are linked as variants instead of being counted as disagreements.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from minewatch.reconcile import names
from minewatch.reconcile.views import (
    COUNT_FIELDS,
    DATE_FIELDS,
    GOLD_FIELDS,
    ClaimView,
    as_date,
    figure_key,
    number,
)

_FAR = date.max


@dataclass(frozen=True, slots=True)
class Merged:
    """The reconciled state of one record, ready to store."""

    fields: dict[str, Any]
    values: dict[str, list[dict[str, Any]]]
    variants: list[dict[str, Any]]
    disputed_fields: list[str]
    figure_key: str | None
    place: str | None
    period_start: date | None
    period_end: date | None
    incident: bool | None
    sources: int
    first_seen: date | None
    last_seen: date | None

    @property
    def disputed(self) -> bool:
        """True when sources disagree about a count or a date."""
        return bool(self.disputed_fields)


def _order(view: ClaimView) -> tuple[date, int]:
    return (view.published or _FAR, view.id)


_SCALARS = (str, int, bool)


def _hashable(value: Any) -> tuple[str, str | int | bool]:
    """A grouping key: equal keys for equal JSON values (1 and 1.0 and True stay apart).

    Scalars skip ``json.dumps`` (the costliest step of merging 100,000 claims); a top-level
    date is keyed like its string, as ``json.dumps(default=str)`` would."""
    kind = type(value)
    if kind in _SCALARS:
        return (kind.__name__, value)
    if kind is float:
        return ("float", repr(value))
    if isinstance(value, date):
        return ("str", str(value))
    return ("json", json.dumps(value, sort_keys=True, default=str))


def stated_values(
    views: Sequence[ClaimView], name: str, *, ordered: bool = False
) -> list[dict[str, Any]]:
    """Each distinct value of one field with every source stating it, most supported first.

    ``ordered``: the views are already in publication order (merge sorts them once)."""
    groups: dict[tuple[str, str | int | bool], dict[str, Any]] = {}
    for view in views if ordered else sorted(views, key=_order):
        value = view.fields.get(name)
        if value is None or value == []:
            continue
        key = _hashable(value)
        entry = groups.get(key)
        if entry is None:
            entry = groups[key] = {
                "value": value,
                "claims": [],
                "documents": [],
                "publishers": [],
                "authorities": [],
            }
        entry["claims"].append(view.id)
        if view.document_id not in entry["documents"]:
            entry["documents"].append(view.document_id)
        if view.publisher is not None and view.publisher not in entry["publishers"]:
            entry["publishers"].append(view.publisher)
        if view.authority is not None and view.authority not in entry["authorities"]:
            entry["authorities"].append(view.authority)
    return sorted(groups.values(), key=lambda e: -len(e["documents"]))  # stable: earliest first


def _best(name: str, stated: list[dict[str, Any]]) -> Any:
    if not stated:
        return None
    if name in COUNT_FIELDS:
        known = [(n, e["value"]) for e in stated if (n := number(e["value"])) is not None]
        return min(known, key=lambda c: c[0])[1] if known else stated[0]["value"]
    return stated[0]["value"]


def _estimate(view: ClaimView, name: str) -> dict[str, Any]:
    estimates = view.get("estimates")
    entry = estimates.get(name) if isinstance(estimates, dict) else None
    return entry if isinstance(entry, dict) else {}


def _estimates(views: Sequence[ClaimView], fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in COUNT_FIELDS & fields.keys():
        stated = [n for v in views if (n := number(v.get(name))) is not None]
        if not stated or fields.get(name) is None:
            continue
        given = [_estimate(v, name) for v in views]
        low = min([n for e in given if (n := number(e.get("low"))) is not None] + stated)
        high_known = [n for e in given if (n := number(e.get("high"))) is not None]
        high = max(high_known + stated) if (high_known or len(set(stated)) > 1) else None
        out[name] = {"low": low, "best": number(fields[name]), "high": high}
    return out


def _participants(views: Sequence[ClaimView]) -> tuple[list[str], list[dict[str, Any]]]:
    spellings: dict[str, list[int]] = {}
    for view in sorted(views, key=_order):
        for person in view.get("participants") or []:
            spellings.setdefault(str(person), []).append(view.document_id)
    canonical: list[str] = []
    variants: list[dict[str, Any]] = []
    for group in names.link_variants(spellings, names.same_participant):
        best = max(group, key=lambda s: (len(set(spellings[s])), -group.index(s)))
        canonical.append(best)
        if len(group) > 1:
            variants.append(
                {
                    "field": "participants",
                    "canonical": best,
                    "spellings": {s: sorted(set(spellings[s])) for s in group},
                }
            )
    return canonical, variants


def _place_variants(views: Sequence[ClaimView]) -> list[dict[str, Any]]:
    spellings: dict[str, list[int]] = {}
    for view in sorted(views, key=_order):
        place = view.get("place")
        if isinstance(place, str):
            for word in names.place_names(place):
                spellings.setdefault(word, [])
                if view.document_id not in spellings[word]:
                    spellings[word].append(view.document_id)
    out = []
    for group in names.link_variants(spellings, names.same_name_word):
        if len(group) > 1:
            best = max(group, key=lambda s: (len(spellings[s]), -group.index(s)))
            out.append(
                {
                    "field": "place",
                    "canonical": best,
                    "spellings": {s: sorted(spellings[s]) for s in group},
                }
            )
    return out


def merge(kind: str, views: Sequence[ClaimView]) -> Merged:
    """Reconcile the claims of one record into its fields, values, variants and dispute."""
    fields: dict[str, Any] = {}
    values: dict[str, list[dict[str, Any]]] = {}
    disputed: list[str] = []
    variants: list[dict[str, Any]] = []
    views = sorted(views, key=_order)
    for name in GOLD_FIELDS[kind]:
        stated = stated_values(views, name, ordered=True)
        if name == "participants":
            fields[name], variants = _participants(views)
        else:
            fields[name] = _best(name, stated)
        if stated:
            values[name] = stated
        if len(stated) > 1 and (name in COUNT_FIELDS or name in DATE_FIELDS):
            disputed.append(name)
    variants += _place_variants(views)
    fields["estimates"] = _estimates(views, fields)
    precs = [v.get("date_prec") for v in views if isinstance(v.get("date_prec"), int)]
    fields["date_prec"] = min(precs) if precs else None
    published = sorted(v.published for v in views if v.published is not None)
    start = as_date(fields.get("date")) or as_date(fields.get("period_start"))
    end = as_date(fields.get("date")) or as_date(fields.get("period_end"))
    incident = fields.get("incident")
    return Merged(
        fields=fields,
        values=values,
        variants=variants,
        disputed_fields=disputed,
        figure_key=figure_key(kind, fields),
        place=fields.get("place"),
        period_start=start,
        period_end=end,
        incident=bool(incident) if incident is not None else None,
        sources=len({v.document_id for v in views}),
        first_seen=published[0] if published else None,
        last_seen=published[-1] if published else None,
    )
