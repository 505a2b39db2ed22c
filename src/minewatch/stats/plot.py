"""Charts of statistics for reports: incidents per month and reported totals over time.

matplotlib is imported lazily with the Agg backend (no display, no GUI toolkit), so the CLI
starts fast and works on servers; the format follows the file suffix (.png or .svg).
"""

from __future__ import annotations

from pathlib import Path

from minewatch.errors import InputError
from minewatch.stats.schemas import MEASURE_LABELS, Series

FORMATS = {".png": "png", ".svg": "svg"}


def plot(series: Series, path: Path, *, title: str | None = None) -> Path:
    """Write a two-panel chart of ``series`` to ``path`` (PNG or SVG)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"--plot {path.name}: give a .png or .svg file name")
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise InputError("--plot needs matplotlib: pip install 'matplotlib>=3.8'") from exc
    label = MEASURE_LABELS.get(series.measure or "", "records")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7), constrained_layout=True)
    try:
        months = [p.month for p in series.monthly]
        values = [p.value if p.value is not None else 0 for p in series.monthly]
        top.bar(months, values, color="#b5452b")
        top.set_title(f"Incident records per month ({label})")
        top.tick_params(axis="x", labelrotation=60, labelsize=8)
        if not months:
            top.text(0.5, 0.5, "no dated incident records", ha="center", transform=top.transAxes)
        for line in series.totals:
            points = [p for p in line.points if p.as_of is not None and p.value is not None]
            if points:
                bottom.plot(
                    [p.as_of for p in points],
                    [p.value for p in points],
                    marker="o",
                    label=line.label[:80],
                )
        bottom.set_title(f"Reported totals by authority ({label}), as of each statement")
        if any(line.points for line in series.totals):
            bottom.legend(fontsize=7, loc="upper left")
        else:
            bottom.text(0.5, 0.5, "no reported totals", ha="center", transform=bottom.transAxes)
        if title:
            fig.suptitle(title)
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format=fmt)
    finally:
        plt.close(fig)
    return path
