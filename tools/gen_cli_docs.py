"""Regenerate docs/cli.md from the CLI's own --help (tests check it stays complete)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from minewatch.cli import app

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def help_of(*args: str) -> str:
    """The --help text of a (sub)command at a fixed width."""
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    return result.output.rstrip()


def main() -> None:
    os.environ["COLUMNS"] = "100"
    group = typer.main.get_command(app)
    parts = [
        "# minewatch command reference",
        "",
        "Generated from `--help` by `tools/gen_cli_docs.py`; `tests/test_docs.py` checks that",
        "every command and option appears here.",
        "",
        "## minewatch",
        "",
        "```",
        help_of(),
        "```",
    ]
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        parts += ["", f"## minewatch {name}", "", "```", help_of(name), "```"]
        for sub in sorted(getattr(command, "commands", {})):
            parts += ["", f"### minewatch {name} {sub}", "", "```", help_of(name, sub), "```"]
    OUT.write_text("\n".join(parts) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")


if __name__ == "__main__":
    main()
