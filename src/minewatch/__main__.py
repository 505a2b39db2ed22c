"""``python -m minewatch``."""

from minewatch.cli import run

run()
