"""Build the demo database from the bundled sample corpus."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

from sqlalchemy.engine import Engine

from minewatch.flows.ingest import Outcome, Summary, ingest_paths
from minewatch.flows.setup import initialise
from minewatch.store.engine import make_engine


def samples_dir(stack: ExitStack) -> Path:
    """The packaged sample texts as a real folder (valid until ``stack`` closes)."""
    return stack.enter_context(resources.as_file(resources.files("minewatch.demo") / "samples"))


def build_demo(folder: Path, *, on_file: object = None) -> tuple[Engine, Summary]:
    """Create a fresh database under ``folder`` and ingest the sample corpus into it."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "minewatch.db"
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{db}")
    initialise(engine)
    with ExitStack() as stack:
        samples = samples_dir(stack)
        summary = ingest_paths([samples], engine=engine, on_file=on_file)  # type: ignore[arg-type]
    return engine, summary


def copy_samples(target: Path) -> Path:
    """Copy the sample texts somewhere editable (for users who want to try ``ingest``)."""
    with ExitStack() as stack:
        shutil.copytree(samples_dir(stack), target, dirs_exist_ok=True)
    return target


__all__ = ["Outcome", "build_demo", "copy_samples"]
