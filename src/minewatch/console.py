"""Shared terminal output: one stdout console for results, one stderr console for messages."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from rich.console import Console


@cache
def out() -> Console:
    """Results (tables, JSON) go to stdout."""
    return Console(soft_wrap=False)


@cache
def err() -> Console:
    """Progress, warnings and errors go to stderr so stdout stays pipeable."""
    return Console(stderr=True, soft_wrap=True)


def print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout, no colour or wrapping."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
