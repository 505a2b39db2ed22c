"""Generate synthetic mine action reports (invented text) for benchmarks; deterministic by seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

PLACES = [
    ("Kalbajar district", "Ministry of Defence of Azerbaijan"),
    ("Aghdam district", "ANAMA"),
    ("Kharkiv region", "State Emergency Service of Ukraine"),
    ("Battambang province", "CMAC"),
    ("Xiengkhouang province", "UXO Lao"),
    ("Erbil governorate", "Directorate for Mine Action"),
    ("Taiz governorate", "Project Masam"),
    ("Helmand province", "UNAMA"),
    ("Doboj municipality", "BHMAC"),
    ("Cuando Cubango province", "HALO Trust"),
]
DEVICES = [
    "anti-personnel mines",
    "anti-tank mines",
    "TM-62M mines",
    "PMN-2 mines",
    "cluster submunitions",
]
VERBS = ["found and neutralised", "destroyed", "found", "detected and defused"]
FILLER = (
    "Officials urged residents to report suspicious objects and to stay away from marked areas. "
    "Clearance of the area will continue in the coming weeks, weather permitting."
)


def article(rng: random.Random, n: int) -> tuple[date, str]:
    """One invented report with a find, sometimes a casualty and a land release figure."""
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
    place, authority = rng.choice(PLACES)
    parts = [
        f"The {authority} said on Monday that {rng.randrange(2, 2500):,} "
        f"{rng.choice(DEVICES)} were {rng.choice(VERBS)} in the {place}.",
        FILLER,
    ]
    if n % 3 == 0:
        parts.append(
            f"{rng.randrange(1, 5)} civilians were injured when a mine exploded near a farm "
            f"in the {place} on Sunday, the {authority} added."
        )
    if n % 4 == 0:
        parts.append(f"Teams cleared {rng.randrange(1, 900)} hectares of land in {published.year}.")
    parts.append(f"Report number {n}.")
    return published, "\n\n".join(parts)


def write_corpus(folder: Path, count: int, seed: int = 7) -> Iterator[Path]:
    """Write ``count`` files with corpus-style headers into ``folder``; yields their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        published, body = article(rng, n)
        path = folder / f"{n:06d}.txt"
        path.write_text(
            f"SOURCE: generated benchmark text\nPUBLISHED: {published}\n"
            f"PUBLISHER: Bench Wire\n\n{body}\n",
            encoding="utf-8",
        )
        yield path
