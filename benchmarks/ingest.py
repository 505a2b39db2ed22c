"""Ingest throughput and memory: 1,000 vs 10,000 generated documents into a fresh SQLite file.

Each size runs in its own subprocess so peak RSS is that run's own. A read-only pass over the
same files is the baseline measured in the same run. Usage:
    .venv/bin/python benchmarks/ingest.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def child(mode: str, folder: Path, count: int, db: Path) -> None:
    """Run one measurement and print a JSON line (called in a subprocess)."""
    from minewatch.documents.readers import read_document
    from minewatch.flows.ingest import ingest_paths
    from minewatch.flows.setup import initialise
    from minewatch.store.engine import make_engine

    files = sorted(folder.glob("*.txt"))[:count]
    start = time.perf_counter()
    if mode == "read":
        for path in files:
            read_document(path)
        new = len(files)
    else:
        engine = make_engine(f"sqlite:///{db}")
        initialise(engine)  # schema, ordnance and the bundled gazetteer, as `minewatch init`
        start = time.perf_counter()
        new = ingest_paths(files, engine=engine, batch_size=200).new
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "docs": count, "new": new, "s": seconds, "rss_mb": rss_mb}))


def measure(mode: str, folder: Path, count: int, work: Path) -> dict[str, float]:
    db = work / f"bench-{mode}-{count}.db"
    cmd = [sys.executable, __file__, "--child", mode, str(folder), str(count), str(db)]
    line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    return json.loads(line.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, folder, count, db = args.child
        child(mode, Path(folder), int(count), Path(db))
        return
    from rich.console import Console
    from rich.table import Table

    from generate import write_corpus

    with tempfile.TemporaryDirectory(prefix="minewatch-bench-") as tmp:
        work = Path(tmp)
        folder = work / "docs"
        for _ in write_corpus(folder, max(args.sizes)):
            pass
        rows = []
        for size in args.sizes:
            rows.append(measure("read", folder, size, work))
            rows.append(measure("ingest", folder, size, work))
    table = Table("mode", "documents", "seconds", "docs/s", "peak RSS MB", "x read time")
    base = {r["docs"]: r["s"] for r in rows if r["mode"] == "read"}
    for r in rows:
        table.add_row(
            r["mode"],
            f"{r['docs']:,}",
            f"{r['s']:.2f}",
            f"{r['docs'] / r['s']:,.0f}",
            f"{r['rss_mb']:.0f}",
            f"{r['s'] / base[r['docs']]:.1f}",
        )
    Console().print(table)
    ingest = [r for r in rows if r["mode"] == "ingest"]
    summary = {
        "docs_per_s": {str(r["docs"]): round(r["docs"] / r["s"], 1) for r in ingest},
        "peak_rss_mb": {str(r["docs"]): round(r["rss_mb"], 1) for r in ingest},
        "rss_ratio_largest_vs_smallest": round(ingest[-1]["rss_mb"] / ingest[0]["rss_mb"], 2),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
