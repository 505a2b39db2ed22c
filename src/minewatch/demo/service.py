"""Build the demo database from the bundled sample corpus."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy.engine import Engine

from minewatch.documents.readers import iter_files, read_document
from minewatch.flows import reconcile
from minewatch.flows.ingest import Outcome, Summary, ingest_paths
from minewatch.flows.setup import initialise
from minewatch.review import service as review
from minewatch.store.engine import make_engine
from minewatch.store.session import transaction

ACTOR = "demo"


@dataclass(frozen=True, slots=True)
class Demo:
    """The demo database and what building it did."""

    engine: Engine
    ingest: Summary
    reconcile: reconcile.FlowSummary


def samples_dir(stack: ExitStack) -> Path:
    """The packaged sample texts as a real folder (valid until ``stack`` closes)."""
    return stack.enter_context(resources.as_file(resources.files("minewatch.demo") / "samples"))


def sample_publishers(folder: Path) -> set[str]:
    """Publishers named in the sample headers (the demo trusts them: auto-approval on)."""
    names = set()
    for path in iter_files([folder]):
        if isinstance(path, Path):
            publisher = read_document(path).publisher
            if publisher:
                names.add(publisher)
    return names


def build_demo(folder: Path, *, on_file: Callable[[Outcome], None] | None = None) -> Demo:
    """Create a fresh database under ``folder``, ingest the samples and reconcile them.

    The sample publishers are set to auto-approve (a per-source setting, off by default), so
    the demo shows records, statistics and a map without a review session first.
    """
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "minewatch.db"
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{db}")
    initialise(engine)
    with ExitStack() as stack:
        samples = samples_dir(stack)
        with transaction(engine) as session:
            for publisher in sorted(sample_publishers(samples)):
                review.set_auto_approve(publisher, True, session=session, actor=ACTOR)
        summary = ingest_paths([samples], engine=engine, on_file=on_file)
    return Demo(engine, summary, reconcile.run(engine, actor=ACTOR))


def copy_samples(target: Path) -> Path:
    """Copy the sample texts somewhere editable (for users who want to try ``ingest``)."""
    with ExitStack() as stack:
        shutil.copytree(samples_dir(stack), target, dirs_exist_ok=True)
    return target
