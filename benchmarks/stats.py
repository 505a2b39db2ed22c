"""Statistics and export benchmarks (issue 6).

1. ``query``: N generated records (default 1,000,000) on SQLite, inserted in bulk with plain
   ``executemany`` into ``records`` and the statistics index (``stat_facts``, with admin-1 /
   admin-2 units and months as columns). Times :func:`minewatch.stats.service.grouped_select`
   grouped by admin 1 and month (target <= 500 ms) against a baseline in the same run: a
   plain ``SELECT kind, count(*) FROM records GROUP BY kind`` on the same number of rows.
2. ``export``: the same database exported to GeoPackage (target <= 30 s for 1,000,000 points),
   run in a subprocess for 100,000 and for N records so each peak RSS is that run's own
   (flat memory: the two peaks should be close).

Every result line carries the load average (the machine is shared) and, for exports, the
run's peak RSS. ``--db DIR`` keeps the generated databases there and reuses them on the next
run (same seed, same rows), so a change can be re-measured without regenerating.

Usage: ``python benchmarks/stats.py [--records 1000000] [--part query|export] [--db DIR]``
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path


def generate(path: Path, n: int) -> None:
    """A migrated SQLite database with ``n`` records and their index rows."""
    from sqlalchemy import text

    from minewatch.store.engine import make_engine
    from minewatch.store.migrate import upgrade

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    rng = random.Random(6)
    now = datetime(2026, 1, 1, tzinfo=UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy
    kinds = ["device_find"] * 6 + ["casualties"] * 2 + ["land_release", "inspection"]
    adm1 = list(range(1000, 1100))
    start = date(2015, 1, 1)
    with engine.begin() as conn:
        conn.execute(text("PRAGMA synchronous=OFF"))
        raw = conn.connection.driver_connection
        assert raw is not None
        cur = raw.cursor()
        for base in range(0, n, 100_000):
            rec, fact = [], []
            for i in range(base + 1, min(n, base + 100_000) + 1):
                kind = rng.choice(kinds)
                when = start + timedelta(days=rng.randrange(3650))
                day = when.isoformat()
                a1 = rng.choice(adm1)
                incident = rng.random() > 0.02
                lon, lat = rng.uniform(40, 50), rng.uniform(35, 45)
                q = rng.randrange(1, 50)
                rec.append((i, kind, "active", "{}", "{}", "[]", "[]", "[]", 0, 1, now, now))
                fact.append(
                    (
                        i,
                        i,
                        "approved",
                        kind,
                        incident,
                        False,
                        "Authority " + str(a1 % 7),
                        f"place {i % 5000}",
                        a1 * 10 + i % 10,
                        a1,
                        a1 * 10 + i % 10,
                        "AZ",
                        lon,
                        lat,
                        3,
                        day,
                        day,
                        day[:7],
                        1,
                        day,
                        "AP mine" if kind == "device_find" else None,
                        q if kind == "device_find" else None,
                        q % 5 if kind == "casualties" else None,
                        q % 7 if kind == "casualties" else None,
                        q * 100.0 if kind == "land_release" else None,
                        now,
                    )
                )
            cur.executemany(
                'INSERT INTO records (id, kind, status, fields, "values", variants, checks, '
                "warnings, disputed, sources, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                rec,
            )
            cur.executemany(
                "INSERT INTO stat_facts (id, record_id, review, kind, incident, disputed, "
                "authority, place, place_id, adm1_id, adm2_id, country_code, lon, lat, "
                "where_prec, day, end_day, month, date_prec, as_of, category, quantity, "
                "killed, injured, area_m2, source_updated) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                fact,
            )
        cur.execute("ANALYZE")
    engine.dispose()


def best_of(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def load() -> str:
    """The 1-minute load average (the machine is shared with other jobs)."""
    return f"load {os.getloadavg()[0]:.1f}"


def query_part(path: Path) -> None:
    from sqlalchemy import text

    from minewatch.stats.service import StatsQuery, figures, grouped_select
    from minewatch.store.engine import make_engine
    from minewatch.store.session import transaction

    engine = make_engine(f"sqlite:///{path}")
    q = StatsQuery(kind="device_find", group_by=("admin1", "month")).validate()
    with transaction(engine) as session:
        figures(q, session=session)  # bring the index up to date once, outside the timings
        base = best_of(
            lambda: session.execute(text("SELECT kind, count(*) FROM records GROUP BY kind")).all()
        )
        groups = len(session.execute(grouped_select(q)).all())
        grouped = best_of(lambda: session.execute(grouped_select(q)).all())
        full = best_of(lambda: figures(q, session=session), runs=3)
    print(f"baseline COUNT(*) GROUP BY kind on records: {base * 1000:.0f} ms ({load()})")
    print(
        f"stats grouped by admin1, month ({groups:,} groups): {grouped * 1000:.0f} ms "
        f"(x{grouped / base:.1f} baseline, {load()})"
    )
    print(
        f"figures() end to end (index check, sums, groups, totals): {full * 1000:.0f} ms "
        f"(x{full / base:.1f} baseline, {load()})"
    )


def export_child(path: Path, out: Path) -> None:
    from minewatch.exchange.export import export
    from minewatch.exchange.rows import ExportQuery
    from minewatch.store.engine import make_engine
    from minewatch.store.session import transaction

    engine = make_engine(f"sqlite:///{path}")
    t0 = time.perf_counter()
    with transaction(engine) as session:
        report = export(ExportQuery(), out, "gpkg", session=session)
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{report.records}\t{elapsed:.2f}\t{rss:.0f}")


def export_part(paths: list[Path], tmp: Path) -> None:
    for path in paths:
        out = tmp / "out.gpkg"
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(path), str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        count, secs, rss = proc.stdout.strip().splitlines()[-1].split("\t")
        print(
            f"GeoPackage export: {int(count):,} points in {float(secs):.1f} s "
            f"({int(count) / float(secs):,.0f} points/s), peak RSS {rss} MB, "
            f"{out.stat().st_size / 1e6:.0f} MB file ({load()})"
        )


def database(folder: Path, n: int) -> Path:
    """The generated database of ``n`` records in ``folder`` (made when missing)."""
    path = folder / f"stats-{n}.db"
    if not path.exists():
        t0 = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate(partial, n)
        partial.rename(path)
        print(f"generated {n:,} records in {time.perf_counter() - t0:.1f} s ({load()})")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--part", choices=["query", "export", "all"], default="all")
    parser.add_argument("--db", type=Path, help="keep (and reuse) generated databases here")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        export_child(Path(args.child[0]), Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        folder = args.db or tmp
        folder.mkdir(parents=True, exist_ok=True)
        path = database(folder, args.records)
        if args.part in ("query", "all"):
            query_part(path)
        if args.part in ("export", "all"):
            small = min(100_000, args.records)
            sizes = [small] if small == args.records else [small, args.records]
            export_part([database(folder, n) for n in sizes], tmp)


if __name__ == "__main__":
    main()
