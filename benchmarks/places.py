"""Gazetteer benchmarks (issue 4): resolution speed and GeoNames import speed and memory.

1. 10,000 place mentions resolved after `places load` data is indexed (target <= 1 s).
2. `places load` into a fresh SQLite file, then the resolver index built from that database
   (`service.build_index`, what every ``minewatch ingest`` process pays once; target <= 1 s),
   against a baseline of the same run: fetching the name keys with a bare SELECT.
3. A generated GeoNames-format file imported into SQLite: 1,000,000 lines (target <= 60 s),
   peak RSS for 100,000 vs 1,000,000 lines (each in a fresh subprocess) to show memory flat
   in the file size. Ratios are printed against a baseline measured in the same run: plain
   tab-splitting of the same file. The import's CPU seconds and the load average are printed
   too: on a shared machine wall time depends on the other jobs, CPU time much less.

Run: ``.venv/bin/python benchmarks/places.py [--lines 1000000] [--skip-import | --import-only]
[--sizes 1000000,2000000]`` (the last prints the CPU ratio between consecutive sizes).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gold.jsonl"
FALLBACK = [
    "Kalbajar and Lachin directions",
    "northern direction of the Saribaba height",
    "near the village of Zabukh, Lachin district",
    "Kharkiv region",
    "Marib, Aden and Taiz governorates",
    "outskirts of Aghdam city",
    "Haji Omaran, Erbil",
    "Dniprovskyi district",
]


def bench_resolve(n: int = 10_000) -> None:
    from minewatch.gazetteer.index import GazetteerIndex
    from minewatch.gazetteer.loaders import builtin_records
    from minewatch.gazetteer.resolve import Resolver

    t0 = time.perf_counter()
    resolver = Resolver(GazetteerIndex.from_records(builtin_records()))
    load = time.perf_counter() - t0
    phrases = list(FALLBACK)
    if SHARED.is_file():
        for line in SHARED.read_text(encoding="utf-8").splitlines():
            phrases += [f["place"] for f in json.loads(line)["facts"] if f.get("place")]
    mentions = [phrases[i % len(phrases)] for i in range(n)]
    t0 = time.perf_counter()
    baseline = [p.casefold().split(", ") for p in mentions]
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in mentions:
        resolver.resolve(p)
    took = time.perf_counter() - t0
    del baseline
    print(f"index built from loaders: {load:.2f} s ({len(resolver.index):,} places)")
    print(
        f"resolve {n:,} mentions: {took:.3f} s ({n / took:,.0f}/s; target <= 1 s) "
        f"= {took / base:,.0f}x casefold+split baseline ({base * 1000:.1f} ms)"
    )


def bench_load_and_index() -> None:
    import sqlite3

    from minewatch.gazetteer import service
    from minewatch.gazetteer.importer import write_records
    from minewatch.gazetteer.loaders import builtin_records
    from minewatch.store.engine import make_engine
    from minewatch.store.migrate import upgrade
    from minewatch.store.session import transaction

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "places.db"
        engine = make_engine(f"sqlite:///{db}")
        upgrade(engine)
        t0 = time.perf_counter()
        with transaction(engine) as session:
            stats = write_records(builtin_records(), session=session)
        load = time.perf_counter() - t0
        print(f"places load: {load:.2f} s ({stats.places:,} places, {stats.names:,} names)")
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            with transaction(engine) as session:
                index = service.build_index(session=session)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with sqlite3.connect(db) as raw:
            raw.execute("SELECT place_id, key FROM place_names").fetchall()
        base = time.perf_counter() - t0
        engine.dispose()
        best = min(times)
        print(
            f"index built from the database: best {best:.2f} s of 3 (runs "
            f"{', '.join(f'{t:.2f}' for t in times)}; {len(index):,} places; target <= 1 s) "
            f"= {best / base:,.1f}x bare SELECT of the name keys ({base:.2f} s)"
        )


def generate(path: Path, lines: int, seed: int = 7) -> None:
    """A GeoNames allCountries-format file: 19 columns, admin units, places, features."""
    rnd = random.Random(seed)
    codes = [("P", "PPL")] * 8 + [("T", "HLL"), ("H", "STM"), ("A", "ADM2"), ("A", "ADM1")]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1, lines + 1):
            fclass, fcode = rnd.choice(codes)
            cc = rnd.choice(["AZ", "UA", "KH", "IQ", "YE", "AF", "CO", "BA", "AO", "MM"])
            name = f"Place{i}ovka"
            alts = ",".join(f"{name}-{k}" for k in range(rnd.randint(0, 3)))
            a1 = f"{rnd.randint(1, 30):02d}"
            a2 = str(rnd.randint(1, 200)) if fcode != "ADM1" else ""
            lat, lon = rnd.uniform(-60, 60), rnd.uniform(-170, 170)
            pop = str(rnd.randint(0, 50000))
            row = [str(i), name, name, alts, f"{lat:.5f}", f"{lon:.5f}", fclass, fcode, cc]
            row += ["", a1, a2, "", "", pop, "", "100", "UTC", "2024-01-01"]
            fh.write("\t".join(row) + "\n")


def _import_child(path: str, db: str) -> None:
    """Runs in a fresh process: import and print seconds and peak RSS."""
    from minewatch.gazetteer.importer import write_records
    from minewatch.gazetteer.loaders import GeonamesReader
    from minewatch.store.engine import make_engine
    from minewatch.store.migrate import upgrade
    from minewatch.store.session import transaction

    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    t0 = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = usage.ru_utime + usage.ru_stime
    reader = GeonamesReader(Path(path))
    with transaction(engine) as session:
        stats = write_records(reader, session=session)
    took = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out = {"seconds": took, "rss_mb": usage.ru_maxrss / 1024, "places": stats.places}
    out |= {"names": stats.names, "cpu": usage.ru_utime + usage.ru_stime - cpu0}
    print(json.dumps(out))


def bench_import(sizes: list[int]) -> None:
    cpu: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"geonames-{n}.txt"
            generate(path, n)
            t0 = time.perf_counter()
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    line.rstrip("\n").split("\t")
            base = time.perf_counter() - t0
            db = Path(tmp) / f"g{n}.db"
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(db)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            cpu[n] = r["cpu"]
            path.unlink()
            db.unlink(missing_ok=True)
            load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
            print(
                f"import {n:,} lines: {r['seconds']:.1f} s ({n / r['seconds']:,.0f} lines/s"
                f", CPU {r['cpu']:.1f} s; target <= 60 s for 1,000,000), {r['places']:,} places, "
                f"{r['names']:,} names, peak RSS {r['rss_mb']:.0f} MB; "
                f"{r['seconds'] / base:,.0f}x plain tab-split baseline ({base:.2f} s); "
                f"load average {load}"
            )
    for small, big in itertools.pairwise(sizes):
        print(
            f"CPU {big:,} / {small:,} lines: {cpu[big] / cpu[small]:.2f}x "
            f"for {big / small:.1f}x the lines"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--sizes",
        help="Comma-separated import sizes (default: 100000,LINES), e.g. 1000000,2000000 to "
        "check that CPU time grows linearly with the file.",
    )
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--import-only", action="store_true")
    args = parser.parse_args()
    if args.child:
        _import_child(*args.child)
        return
    if not args.import_only:
        bench_resolve()
        bench_load_and_index()
    if not args.skip_import:
        sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else [100_000, args.lines]
        bench_import(sizes)


if __name__ == "__main__":
    main()
