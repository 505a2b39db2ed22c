"""``export``: approved records to GeoJSON, GeoPackage, CSV or HXL CSV, with citations.

The library function behind ``minewatch export`` and the API. Rows stream from the
statistics index in batches; each batch is written before the next is read, so memory stays
flat. Beside every export goes ``<name>.citations.csv``: title, publisher, URL and date of
each source document, because a figure without its source is not one to publish.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from minewatch.documents import service as documents
from minewatch.errors import InputError
from minewatch.exchange import copy
from minewatch.exchange import rows as export_rows
from minewatch.exchange.areas import RecordAreas
from minewatch.exchange.gpkg import GpkgWriter
from minewatch.exchange.rows import COLUMNS, ExportQuery, Row
from minewatch.exchange.writers import CsvWriter, GeoJsonWriter, neutralise
from minewatch.stats import index

FORMATS = ("geojson", "gpkg", "csv", "hxl")
CITATION_COLUMNS = ("document_id", "title", "publisher", "url", "published", "records")
_DOCUMENTS = COLUMNS.index("documents")


@dataclass(slots=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    citations: Path
    format: str
    records: int = 0
    layers: dict[str, int] = field(default_factory=dict)
    documents: int = 0


def citations_path(path: Path) -> Path:
    """``out.geojson`` -> ``out.citations.csv``."""
    return path.with_name(f"{path.stem}.citations.csv")


def write_citations(path: Path, cited: dict[int, int], *, session: Session) -> int:
    """One line per source document: title, publisher, URL, date, records citing it."""
    ids = sorted(cited)
    meta = documents.metadata(ids, session=session)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(CITATION_COLUMNS)
        for doc_id in ids:
            info = meta.get(doc_id)
            url = documents.get_document(str(doc_id), session=session).source_url
            out.writerow(
                [
                    doc_id,
                    neutralise(info.title if info else None) or "",
                    neutralise(info.publisher if info else None) or "",
                    neutralise(url) or "",
                    info.published.isoformat() if info and info.published else "",
                    cited[doc_id],
                ]
            )
    return len(ids)


def export(
    query: ExportQuery,
    path: Path,
    fmt: str,
    *,
    session: Session,
    batch: int = export_rows.BATCH,
    progress: Callable[[int], Any] | None = None,
    areas: bool = True,
) -> ExportReport:
    """Write the records ``query`` selects to ``path`` in format ``fmt``; ``progress`` is
    called with the number of rows written after each batch. In GeoJSON, records located to
    a whole area are drawn as its polygon when known (``areas``; points only when False);
    GeoPackage and CSV carry the point."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: use {', '.join(FORMATS)}")
    query = query.validate()
    path.parent.mkdir(parents=True, exist_ok=True)
    report = ExportReport(path=path, citations=citations_path(path), format=fmt)
    cited: dict[int, int] = {}
    index.ensure_fresh(session=session)
    batches = export_rows.stream(query, session=session, batch=batch, refresh=False)
    if fmt == "gpkg":
        gpkg = GpkgWriter(path)
        try:
            source = copy.sqlite_file(session)
            if source is not None:  # SQLite to SQLite: one INSERT ... SELECT per layer
                cited = copy.copy_layers(
                    gpkg, source, query, session=session, batch=batch, progress=progress
                )
                report.records = sum(gpkg.layers.values())
            else:
                for rows in batches:
                    gpkg.write(rows)
                    _count(rows, report, cited, progress)
            gpkg.close()
        except BaseException:
            gpkg.abort()
            raise
        report.layers = dict(gpkg.layers)
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer: CsvWriter | GeoJsonWriter
            if fmt == "geojson":
                writer = GeoJsonWriter(handle, areas=RecordAreas(session) if areas else None)
            else:
                writer = CsvWriter(handle, hxl=fmt == "hxl")
            for rows in batches:
                writer.write(rows)
                _count(rows, report, cited, progress)
            if isinstance(writer, GeoJsonWriter):
                writer.close()
    report.documents = write_citations(report.citations, cited, session=session)
    return report


def _count(
    rows: list[Row],
    report: ExportReport,
    cited: dict[int, int],
    progress: Callable[[int], Any] | None,
) -> None:
    report.records += len(rows)
    for row in rows:
        if docs := row[_DOCUMENTS]:
            for doc in docs.split():
                cited[int(doc)] = cited.get(int(doc), 0) + 1
    if progress is not None:
        progress(report.records)
