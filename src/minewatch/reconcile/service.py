"""Reconciliation against the database: attach approved claims to records, detach, refresh.

``attach`` clusters approved claims into the records they support (creating records as
needed), links stated totals to their parts, and refreshes every touched record: merged
values, dispute flag, consistency checks and warnings. Every change is written to the audit
log. The caller owns the transaction; services flush only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from minewatch.audit import service as audit
from minewatch.audit.service import Change
from minewatch.claims import review_ops
from minewatch.claims.review_ops import ClaimRow
from minewatch.documents import service as document_service
from minewatch.reconcile.checks import StatedTotal, run_checks, warnings_of
from minewatch.reconcile.cluster import Clusterer, order
from minewatch.reconcile.match import Profile, judge
from minewatch.reconcile.merge import Merged, merge
from minewatch.reconcile.story_service import assign_stories
from minewatch.reconcile.views import RECORD_KINDS, ClaimView, number
from minewatch.records import service as records
from minewatch.records import stories as story_store
from minewatch.records.models import Record
from minewatch.records.schemas import RecordSource

YEAR = timedelta(days=366)


@dataclass(slots=True)
class Outcome:
    """What a reconciliation step changed."""

    linked: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)
    totals: int = 0
    stale: set[int] = field(default_factory=set)

    def add(self, other: Outcome) -> None:
        """Accumulate another step's outcome."""
        self.linked += other.linked
        self.created += [r for r in other.created if r not in self.created]
        self.updated += [r for r in other.updated if r not in self.updated + self.created]
        self.withdrawn += [r for r in other.withdrawn if r not in self.withdrawn]
        self.totals += other.totals


def is_total(row: ClaimRow) -> bool:
    """A claim stating the total of parts stated in the same document."""
    return bool(row.fields.get("total_of"))


def _views(rows: Sequence[ClaimRow], *, session: Session) -> list[ClaimView]:
    docs = {r.document_id for r in rows}
    meta = document_service.metadata(docs, session=session)
    story_of = story_store.story_of_documents(docs, session=session)
    out = []
    for row in rows:
        info = meta.get(row.document_id)
        out.append(
            ClaimView(
                id=row.id,
                document_id=row.document_id,
                ordinal=row.ordinal,
                kind=row.kind,
                fields=row.fields,
                authority=row.authority,
                published=info.published if info else None,
                publisher=info.publisher if info else None,
                story_id=story_of.get(row.document_id),
                origin=row.origin,
            )
        )
    return out


def _story_rows(
    views: Sequence[ClaimView], *, session: Session, held: Sequence[ClaimRow] | None = None
) -> list[ClaimRow]:
    """Approved claims of every document in the claims' stories (loaded once per attach).

    ``held``: every approved unlinked claim of a record kind, already loaded by the caller;
    only the other claims are read again (a full run read all 100,000 claims twice)."""
    stories = {v.story_id for v in views if v.story_id is not None}
    if not stories:
        return []
    docs = {
        d for ds in story_store.documents_of_stories(stories, session=session).values() for d in ds
    }
    if held is None:
        return review_ops.rows_of_documents(docs, session=session, status="approved")
    besides = (RECORD_KINDS, records.linked_select(None))
    rest = review_ops.rows_of_documents(docs, session=session, status="approved", besides=besides)
    rows = [r for r in held if r.document_id in docs] + rest
    return sorted(rows, key=lambda r: (r.document_id, r.ordinal, r.id))


def _candidate_ids(
    views: Sequence[ClaimView], story_rows: Sequence[ClaimRow], *, session: Session
) -> set[int]:
    """Active records sharing a key figure, a start day or a story with the claims."""
    keys = {v.key for v in views if v.key is not None}
    days = {(v.kind, v.start) for v in views if v.start is not None}
    seen = [d for v in views for d in (v.published, v.start) if d is not None]
    span = (min(seen) - YEAR, max(seen) + YEAR) if seen else None
    found = records.active_ids(session=session, figure_keys=keys, days=days, within=span)
    batch = {v.id for v in views}  # unlinked: no need to look up their links
    claim_ids = [r.id for r in story_rows if r.id not in batch]
    found |= {link.record_id for link in records.links_of_claims(claim_ids, session=session)}
    active = records.get_records(found, session=session)
    return {rid for rid, rec in active.items() if rec.status == "active"}


def _profiles(record_ids: Iterable[int], *, session: Session) -> list[Profile]:
    links = [
        lk for lk in records.links_of_records(record_ids, session=session) if lk.role == "support"
    ]
    rows = review_ops.get_rows([lk.claim_id for lk in links], session=session)
    by_id = {v.id: v for v in _views(rows, session=session)}
    kinds = {rid: rec.kind for rid, rec in records.get_records(record_ids, session=session).items()}
    profiles: dict[int, Profile] = {}
    for link in links:
        view = by_id.get(link.claim_id)
        if view is None:
            continue
        profiles.setdefault(link.record_id, Profile(link.record_id, kinds[link.record_id])).add(
            view
        )
    return list(profiles.values())


def attach(claim_ids: Iterable[int] | None = None, *, session: Session, actor: str) -> Outcome:
    """Attach approved, unlinked claims (all of them when ``claim_ids`` is None) to records."""
    held = None
    if claim_ids is None:
        rows = held = review_ops.approved_excluding(
            records.linked_select(None), session=session, kinds=RECORD_KINDS
        )
    else:
        linked = {lk.claim_id for lk in records.links_of_claims(claim_ids, session=session)}
        rows = [
            r
            for r in review_ops.get_rows(claim_ids, session=session)
            if r.status == "approved" and r.kind in RECORD_KINDS and r.id not in linked
        ]
    outcome = Outcome()
    if not rows:
        return outcome
    assign_stories(session=session)
    supports = [r for r in rows if not is_total(r)]
    views = _views(supports, session=session)
    story_rows = _story_rows(views, session=session, held=held)
    candidates = _candidate_ids(views, story_rows, session=session)
    engine = Clusterer(_profiles(candidates, session=session))
    assignments = [engine.assign(view) for view in sorted(views, key=order)]
    fresh_keys = sorted({a.key for a in assignments if a.key < 0}, reverse=True)
    states = []
    for key in fresh_keys:  # new records are inserted complete, in one statement
        profile = engine.profiles[key]
        states.append((profile.kind, state_of(profile.kind, merge(profile.kind, profile.views))))
    ids = dict(zip(fresh_keys, records.insert_records(states, session=session), strict=True))
    links = [(ids.get(a.key, a.key), a.claim_id, "support", a.score) for a in assignments]
    records.add_links(links, session=session)
    audit.log(
        [
            Change("link", "claim", c, after={"record": r, "role": role, "score": s}, record_id=r)
            for r, c, role, s in links
        ]
        + [
            Change("create", "record", ids[k], after=state, record_id=ids[k])
            for k, (_kind, state) in zip(fresh_keys, states, strict=True)
        ],
        actor=actor,
        session=session,
    )
    outcome.linked = len(links)
    outcome.created = [ids[k] for k in fresh_keys]
    touched = {r for r, *_ in links} - set(ids.values())
    docs = {r.document_id for r in rows}
    known = {r.document_id for r in story_rows}
    totals = link_totals(
        docs,
        session=session,
        actor=actor,
        rows=[r for r in story_rows if r.document_id in docs] if docs <= known else None,
    )
    outcome.totals = len(totals)
    outcome.add(refresh(touched | totals, session=session, actor=actor))
    return outcome


def attach_to(
    claim_id: int,
    record_ids: Sequence[int],
    *,
    session: Session,
    actor: str,
    stale: Iterable[int] = (),
) -> Outcome:
    """Attach a (corrected) claim to the first of ``record_ids`` it is compatible with,
    else wherever :func:`attach` puts it. A reviewer's correction stays with its fact."""
    rows = [r for r in review_ops.get_rows([claim_id], session=session) if r.status == "approved"]
    if not rows or rows[0].kind not in RECORD_KINDS or is_total(rows[0]):
        outcome = attach([claim_id], session=session, actor=actor)
        outcome.add(refresh(stale, session=session, actor=actor))
        return outcome
    (view,) = _views(rows, session=session)
    kinds = {rid: rec.kind for rid, rec in records.get_records(record_ids, session=session).items()}
    profiles = {p.key: p for p in _profiles(record_ids, session=session)}
    for rid in record_ids:
        if kinds.get(rid) != view.kind:
            continue
        profile = profiles.get(rid, Profile(rid, view.kind))
        verdict = judge(view, profile) if profile.views else None
        if profile.views and verdict is None:
            continue
        score = verdict.score if verdict else None
        records.add_links([(rid, claim_id, "support", score)], session=session)
        audit.log(
            [
                Change(
                    "link",
                    "claim",
                    claim_id,
                    after={"record": rid, "role": "support"},
                    record_id=rid,
                )
            ],
            actor=actor,
            session=session,
        )
        touched = {rid} | link_totals([view.document_id], session=session, actor=actor)
        outcome = refresh(touched | set(stale), session=session, actor=actor)
        outcome.linked += 1
        return outcome
    outcome = attach([claim_id], session=session, actor=actor)
    outcome.add(refresh(set(stale) - set(outcome.created), session=session, actor=actor))
    return outcome


def link_totals(
    document_ids: Iterable[int],
    *,
    session: Session,
    actor: str,
    rows: Sequence[ClaimRow] | None = None,
) -> set[int]:
    """Link approved stated totals of these documents to their parts' records.

    ``rows``: the documents' approved claims when the caller has them already."""
    if rows is None:
        rows = review_ops.rows_of_documents(document_ids, session=session, status="approved")
    totals = [r for r in rows if is_total(r) and r.kind in RECORD_KINDS]
    if not totals:
        return set()
    linked = {
        (lk.record_id, lk.claim_id)
        for lk in records.links_of_claims([t.id for t in totals], session=session)
    }
    part_ids = {r.id for r in rows if not is_total(r)}
    support = {
        lk.claim_id: lk.record_id
        for lk in records.links_of_claims(part_ids, session=session)
        if lk.role == "support"
    }
    new_links = []
    for total in totals:
        for part in _parts(total, rows):
            record_id = support.get(part.id)
            if record_id is not None and (record_id, total.id) not in linked:
                new_links.append((record_id, total.id, "total", None))
                linked.add((record_id, total.id))
    records.add_links(new_links, session=session)
    audit.log(
        [
            Change("link", "claim", c, after={"record": r, "role": "total"}, record_id=r)
            for r, c, *_ in new_links
        ],
        actor=actor,
        session=session,
    )
    return {r for r, *_ in new_links}


def _parts(total: ClaimRow, rows: Sequence[ClaimRow]) -> list[ClaimRow]:
    """The current approved claims at the ordinals a total names, in its document."""
    wanted = set(_total_of(total))
    return [
        r
        for r in rows
        if r.document_id == total.document_id and r.ordinal in wanted and not is_total(r)
    ]


def detach(
    claim_ids: Iterable[int],
    *,
    session: Session,
    actor: str,
    note: str | None = None,
    defer: bool = False,
) -> Outcome:
    """Unlink claims from their records and refresh those records (withdrawn when unsupported).

    With ``defer`` the records are not refreshed: their ids come back in ``Outcome.stale`` for
    a later :func:`attach_to` (a correction re-linking to the same record), so the audit log
    shows one update rather than a withdrawal and a restore."""
    removed = records.remove_links(claim_ids, session=session)
    audit.log(
        [
            Change(
                "unlink",
                "claim",
                lk.claim_id,
                before={"record": lk.record_id, "role": lk.role},
                record_id=lk.record_id,
                note=note,
            )
            for lk in removed
        ],
        actor=actor,
        session=session,
    )
    stale = {lk.record_id for lk in removed}
    outcome = Outcome(stale=stale) if defer else refresh(stale, session=session, actor=actor)
    outcome.linked = -len(removed)
    return outcome


def refresh(record_ids: Iterable[int], *, session: Session, actor: str) -> Outcome:
    """Recompute merged values, dispute, checks and status of records; audit what changed."""
    outcome = Outcome()
    ids = set(record_ids)
    if not ids:
        return outcome
    links = records.links_of_records(ids, session=session)
    total_ids = {lk.claim_id for lk in links if lk.role == "total"}
    if total_ids:  # records sharing a stated total are checked together
        ids |= {lk.record_id for lk in records.links_of_claims(total_ids, session=session)}
        links = records.links_of_records(ids, session=session)
    recs = records.get_records(ids, session=session)
    rows = {r.id: r for r in review_ops.get_rows({lk.claim_id for lk in links}, session=session)}
    views = {
        v.id: v for v in _views([r for r in rows.values() if not is_total(r)], session=session)
    }
    support: dict[int, list[ClaimView]] = {rid: [] for rid in ids}
    totals: dict[int, list[int]] = {rid: [] for rid in ids}
    for link in links:
        if link.role == "support" and link.claim_id in views:
            support[link.record_id].append(views[link.claim_id])
        elif link.role == "total":
            totals[link.record_id].append(link.claim_id)
    merged = {rid: merge(recs[rid].kind, vs) for rid, vs in support.items() if vs}
    parts = _total_parts(total_ids, rows, merged, recs, session=session)
    changes = []
    for rid in sorted(ids):
        record = recs[rid]
        before = records.state(record)
        if rid in merged:
            stated = [_stated(rows[t], parts) for t in totals[rid] if t in rows]
            values = state_of(record.kind, merged[rid], stated)
        else:
            values = {"status": "withdrawn", "sources": 0}
        if not records.apply_state(record, values):
            continue
        action = _action(before, values["status"])
        changes.append(
            Change(action, "record", rid, before=before, after=records.state(record), record_id=rid)
        )
        if action == "create":
            outcome.created.append(rid)
        elif action == "withdraw":
            outcome.withdrawn.append(rid)
        else:
            outcome.updated.append(rid)
    session.flush()
    audit.log(changes, actor=actor, session=session)
    return outcome


def state_of(kind: str, m: Merged, stated: Sequence[StatedTotal] = ()) -> dict[str, Any]:
    """A record's stored state from its merged claims and the stated totals of its parts."""
    checks = run_checks(kind, m.fields, first_seen=m.first_seen, totals=stated)
    return {
        "status": "active",
        "fields": m.fields,
        "values": m.values,
        "variants": m.variants,
        "checks": checks,
        "warnings": warnings_of(checks),
        "disputed": m.disputed,
        "figure_key": m.figure_key,
        "place": m.place[:500] if isinstance(m.place, str) else None,
        "period_start": m.period_start,
        "period_end": m.period_end,
        "incident": m.incident,
        "sources": m.sources,
        "first_seen": m.first_seen,
        "last_seen": m.last_seen,
    }


def _action(before: dict[str, Any] | None, status: str) -> str:
    if before is None:
        return "create"
    if status != before["status"]:
        return "withdraw" if status == "withdrawn" else "restore"
    return "update"


_KEY_FIELD = {"device_find": "quantity", "land_release": "area_m2", "casualties": "killed"}


def _total_parts(
    total_ids: set[int],
    rows: dict[int, ClaimRow],
    merged: dict[int, Any],
    recs: dict[int, Record],
    *,
    session: Session,
) -> dict[int, list[float | None]]:
    """For each stated total, the reconciled figure of each part's record (None if unlinked)."""
    out: dict[int, list[float | None]] = {}
    for tid in sorted(total_ids):
        total = rows.get(tid)
        if total is None:
            continue
        siblings = review_ops.rows_of_documents(
            [total.document_id], session=session, status="approved"
        )
        by_ordinal = {p.ordinal: p for p in _parts(total, siblings)}
        support = {
            link.claim_id: link.record_id
            for link in records.links_of_claims(
                [p.id for p in by_ordinal.values()], session=session
            )
            if link.role == "support"
        }
        name = _KEY_FIELD.get(total.kind, "quantity")
        values: list[float | None] = []
        for ordinal in _total_of(total):
            part = by_ordinal.get(ordinal)
            rid = support.get(part.id) if part is not None else None
            if rid is None:
                values.append(None)
                continue
            fields = (
                merged[rid].fields
                if rid in merged
                else records.get_record(rid, session=session).fields
            )
            values.append(number((fields or {}).get(name)))
        out[tid] = values
    return out


def _total_of(total: ClaimRow) -> list[int]:
    return [int(p) for p in total.fields.get("total_of") or [] if isinstance(p, int | float)]


def _stated(total: ClaimRow, parts: dict[int, list[float | None]]) -> StatedTotal:
    name = _KEY_FIELD.get(total.kind, "quantity")
    return StatedTotal(
        claim_id=total.id,
        document_id=total.document_id,
        total=number(total.fields.get(name)) or 0.0,
        parts=parts.get(total.id, [None]),
        field=name,
    )


def sources_of(record_ids: Iterable[int], *, session: Session) -> dict[int, list[RecordSource]]:
    """The claims behind each record with their documents (for listings and the API)."""
    links = records.links_of_records(record_ids, session=session)
    rows = {r.id: r for r in review_ops.get_rows({lk.claim_id for lk in links}, session=session)}
    meta = document_service.metadata({r.document_id for r in rows.values()}, session=session)
    out: dict[int, list[RecordSource]] = {rid: [] for rid in record_ids}
    for link in links:
        row = rows.get(link.claim_id)
        if row is None:
            continue
        info = meta.get(row.document_id)
        out.setdefault(link.record_id, []).append(
            RecordSource(
                claim_id=row.id,
                role=link.role,
                document_id=row.document_id,
                publisher=info.publisher if info else None,
                published=info.published if info else None,
                title=info.title if info else None,
                filename=info.filename if info else None,
                origin=row.origin,
            )
        )
    return out
