"""The ``minewatch`` command: a thin shell over the library (DESIGN §3 rule 2).

Errors from the library arrive as :class:`MinewatchError` and print as one clean line;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Annotated

import click
import typer
from sqlalchemy.engine import Engine

from minewatch.config import Settings, get_settings
from minewatch.console import err
from minewatch.errors import MinewatchError

app = typer.Typer(
    name="minewatch",
    help="Landmine monitoring: documents -> claims -> reviewed records, with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass
class State:
    """Per-invocation settings and a lazily created engine."""

    settings: Settings
    debug: bool = False
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self) -> Engine:
        """The database engine for this invocation (created on first use)."""
        if self._engine is None:
            from minewatch.store.engine import make_engine

            self._engine = make_engine(self.settings.database_url, echo=self.settings.echo_sql)
        return self._engine


@app.callback()
def _root(
    ctx: typer.Context,
    database: Annotated[
        str | None,
        typer.Option("--database", "-d", help="Database URL (overrides MINEWATCH_DATABASE_URL)."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """Landmine monitoring and mine action information system."""
    ctx.obj = State(settings=get_settings(database_url=database), debug=debug)


def _register() -> None:
    from minewatch.api.cli import register as api_cli
    from minewatch.audit.cli import register as audit_cli
    from minewatch.claims.cli import register as claims_cli
    from minewatch.demo.cli import register as demo_cli
    from minewatch.documents.cli import register as documents_cli
    from minewatch.evaluate.cli import register as evaluate_cli
    from minewatch.exchange.cli import register as exchange_cli
    from minewatch.gazetteer.cli import register as places_cli
    from minewatch.reconcile.cli import register as reconcile_cli
    from minewatch.records.cli import register as records_cli
    from minewatch.review.cli import register as review_cli
    from minewatch.stats.cli import register as stats_cli
    from minewatch.store.cli import register as store_cli

    for register in (
        store_cli,
        documents_cli,
        claims_cli,
        evaluate_cli,
        demo_cli,
        api_cli,
        places_cli,
        review_cli,
        records_cli,
        reconcile_cli,
        audit_cli,
        stats_cli,
        exchange_cli,
    ):
        register(app)


_register()


def _is_usage_error(exc: Exception) -> bool:
    """Click's usage errors, whether from click itself or the copy Typer >= 0.20 vendors."""
    return isinstance(exc, click.ClickException) or (
        callable(getattr(exc, "show", None)) and isinstance(getattr(exc, "exit_code", None), int)
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning library errors into one-line messages."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="minewatch", standalone_mode=False)
    except MinewatchError as exc:
        if debug:
            raise
        err().print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True)
        return exc.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(getattr(exc, "exit_code", 0) or 0)
    except (click.exceptions.Abort, typer.Abort):
        err().print("aborted")
        return 130
    except Exception as exc:
        if _is_usage_error(exc):
            exc.show()  # type: ignore[attr-defined]
            return int(exc.exit_code)  # type: ignore[attr-defined]
        if debug:
            raise
        err().print(f"[bold red]internal error:[/] {type(exc).__name__}: {exc} (run with --debug)")
        return 70
    return code if isinstance(code, int) else 0


def run() -> None:
    """Console-script wrapper around :func:`main`."""
    sys.exit(main())
