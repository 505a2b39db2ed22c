"""Every setting and every command is documented (datasette's habit)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from minewatch.cli import app
from minewatch.config import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"MINEWATCH_{name.upper()}" in text, f"MINEWATCH_{name.upper()} not documented"


def test_every_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"minewatch {name}" in text, f"command {name} not in docs/cli.md"
        subcommands = getattr(command, "commands", {})
        for sub in subcommands:
            assert f"minewatch {name} {sub}" in text, f"{name} {sub} not in docs/cli.md"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in text, f"option {opt} of {name} not in docs/cli.md"
