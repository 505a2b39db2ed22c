"""``minewatch review``: the interactive queue, and approve / reject / correct / un-approve."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer

from minewatch.console import err, out, print_json

UserOption = Annotated[
    str | None,
    typer.Option(
        "--user", "-u", help="Reviewer name for the audit log (default: $MINEWATCH_USER)."
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Reason, kept in the audit log.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def reviewer(user: str | None) -> str:
    """Who is reviewing: --user, else $MINEWATCH_USER, else the login name."""
    if user:
        return user
    try:
        return os.environ.get("MINEWATCH_USER") or getpass.getuser()
    except OSError:
        return "unknown"


def _report(action: str, outcome: object, as_json: bool) -> None:
    from minewatch.review.service import ReviewOutcome

    assert isinstance(outcome, ReviewOutcome)
    data = {
        "action": action,
        "changed": outcome.changed,
        "unchanged": outcome.unchanged,
        "created_claim": outcome.created_claim,
        "records_created": outcome.records.created,
        "records_updated": outcome.records.updated,
        "records_withdrawn": outcome.records.withdrawn,
    }
    if as_json:
        print_json(data)
        return
    parts = [f"{action}: {len(outcome.changed)} claim(s)"]
    if outcome.unchanged:
        parts.append(f"{len(outcome.unchanged)} already so")
    if outcome.created_claim:
        parts.append(f"new claim {outcome.created_claim}")
    for label, ids in (
        ("records created", outcome.records.created),
        ("updated", outcome.records.updated),
        ("withdrawn", outcome.records.withdrawn),
    ):
        if ids:
            parts.append(f"{label} {', '.join(map(str, ids))}")
    err().print("; ".join(parts), highlight=False)


def register(app: typer.Typer) -> None:
    """Add the review commands to the app."""
    group = typer.Typer(
        name="review",
        help="Review claims: interactive queue, or approve / reject / correct by id.",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    app.add_typer(group)

    @group.callback()
    def queue(
        ctx: typer.Context,
        kind: Annotated[str | None, typer.Option(help="Only claims of this kind.")] = None,
        limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many.")] = None,
        user: UserOption = None,
    ) -> None:
        """Without a subcommand: walk pending claims one by one (a/r/e/s/q)."""
        if ctx.invoked_subcommand is not None:
            return
        from minewatch.review.queue import run_queue
        from minewatch.store.session import require_schema

        engine = ctx.obj.engine()
        require_schema(engine)
        console = out()
        summary = run_queue(
            engine,
            actor=reviewer(user),
            ask=lambda prompt: console.input(f"{prompt} > "),
            console=console,
            kind=kind,
            limit=limit,
        )
        err().print(
            f"approved {len(summary.approved)}, rejected {len(summary.rejected)}, "
            f"corrected {len(summary.corrected)}, skipped {len(summary.skipped)}",
            highlight=False,
        )

    def _run(
        ctx: typer.Context,
        action: str,
        ids: list[int],
        user: str | None,
        note: str | None,
        as_json: bool,
    ) -> None:
        from minewatch.review import service as review
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        do = {
            "approve": review.approve,
            "reject": review.reject,
            "unapprove": review.unapprove,
        }[action]
        with transaction(engine) as session:
            outcome = do(ids, session=session, actor=reviewer(user), note=note)
        _report(action, outcome, as_json)

    @group.command("approve")
    def approve(
        ctx: typer.Context,
        ids: Annotated[list[int], typer.Argument(help="Claim ids.")],
        user: UserOption = None,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Approve claims; they join (or create) records in the same transaction."""
        _run(ctx, "approve", ids, user, note, as_json)

    @group.command("reject")
    def reject(
        ctx: typer.Context,
        ids: Annotated[list[int], typer.Argument(help="Claim ids.")],
        user: UserOption = None,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Reject claims; approved ones leave their records."""
        _run(ctx, "reject", ids, user, note, as_json)

    @group.command("unapprove")
    def unapprove(
        ctx: typer.Context,
        ids: Annotated[list[int], typer.Argument(help="Claim ids.")],
        record: Annotated[
            bool, typer.Option("--record", help="The ids are record ids: un-approve records.")
        ] = False,
        user: UserOption = None,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Send approved claims (or every claim of a record) back to the queue."""
        if not record:
            _run(ctx, "unapprove", ids, user, note, as_json)
            return
        from minewatch.review import service as review
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            for record_id in ids:
                outcome = review.unapprove_record(
                    record_id, session=session, actor=reviewer(user), note=note
                )
                _report(f"unapprove record {record_id}", outcome, as_json)

    @group.command("correct")
    def correct(
        ctx: typer.Context,
        claim_id: Annotated[int, typer.Argument(help="Claim id.")],
        sets: Annotated[
            list[str],
            typer.Option("--set", help="field=value (repeatable; null clears; lists split on ;)."),
        ],
        user: UserOption = None,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Correct a claim: a new approved claim by you supersedes it (the original stays)."""
        from minewatch.errors import InputError
        from minewatch.review import service as review
        from minewatch.store.session import require_schema, transaction

        changes = {}
        for item in sets:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise InputError(f"--set {item!r}: use field=value")
            changes[name.strip()] = review.parse_value(name.strip(), value)
        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            outcome = review.correct(
                claim_id, changes, session=session, actor=reviewer(user), note=note
            )
        _report("correct", outcome, as_json)

    @group.command("auto-approve")
    def auto_approve(
        ctx: typer.Context,
        publisher: Annotated[str, typer.Argument(help="Publisher name as in the documents.")],
        off: Annotated[bool, typer.Option("--off", help="Turn auto-approval off.")] = False,
        user: UserOption = None,
    ) -> None:
        """Approve a publisher's claims on ingest (off by default for every source)."""
        from minewatch.review import service as review
        from minewatch.store.session import require_schema, transaction

        engine = ctx.obj.engine()
        require_schema(engine)
        with transaction(engine) as session:
            changed = review.set_auto_approve(
                publisher, not off, session=session, actor=reviewer(user)
            )
        state = "off" if off else "on"
        err().print(
            f"auto-approval for {publisher!r} {state}" + ("" if changed else " (unchanged)"),
            highlight=False,
        )
