"""Read .txt/.md/.html files into normalised text plus metadata, refusing bad input clearly.

Why our own reader: every error must name the file and the reason in one line, and the text
we hash must be exactly the text whose character offsets claims point into.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from minewatch.documents.html import html_to_text
from minewatch.documents.normalise import normalise_text
from minewatch.errors import DocumentError

SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
HEADER_KEYS = {
    "SOURCE": "source_note",
    "PUBLISHED": "published",
    "PUBLISHER": "publisher",
    "TITLE": "title",
    "URL": "source_url",
    "LANGUAGE": "language_hint",
    "KIND": "kind",
}
_HEADER_LINE = re.compile(r"^([A-Z][A-Z_]{1,19}):[ \t]*(.*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL_IN_SOURCE = re.compile(r"https?://\S+")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document as read from disk, before it is stored."""

    path: Path | None
    text: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    source_url: str | None = None
    source_note: str | None = None
    language_hint: str | None = None
    kind: str = "article"


def parse_date(value: str, *, where: str) -> date:
    """Parse YYYY-MM-DD strictly; ``where`` names the file/line or flag for the error."""
    value = value.strip()
    if not _DATE.match(value):
        raise DocumentError(where, f"date {value!r} is not YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DocumentError(where, f"date {value!r} is not a real date ({exc})") from exc


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; refuse binary and bad bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"invalid UTF-16 at byte {exc.start}") from exc
    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        raise DocumentError(path, f"not valid UTF-8 (byte 0x{bad} on line {line})") from exc


def split_header(raw: str, path: Path) -> tuple[dict[str, str], str]:
    """Split a leading ``KEY: value`` block from the body.

    Lines like ``BAKU:`` open many articles, so a block counts as a header only when it
    holds at least one known key; then an unknown or repeated key is an error.
    """
    lines = raw.split("\n")
    found: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, start=1):
        m = _HEADER_LINE.match(line.strip())
        if not m:
            break
        found.append((number, m.group(1), m.group(2).strip()))
    if not any(key in HEADER_KEYS for _, key, _ in found):
        return {}, raw
    header: dict[str, str] = {}
    for number, key, value in found:
        if key not in HEADER_KEYS:
            known = ", ".join(HEADER_KEYS)
            raise DocumentError(path, f"line {number}: unknown header field {key!r} ({known})")
        if key in header:
            raise DocumentError(path, f"line {number}: header field {key} given twice")
        header[key] = value
    return header, "\n".join(lines[len(found) :])


def _metadata(header: dict[str, str], path: Path) -> dict[str, object]:
    meta: dict[str, object] = {}
    for key, value in header.items():
        field = HEADER_KEYS[key]
        if not value:
            continue
        if field == "published":
            line = list(header).index(key) + 1
            meta[field] = parse_date(value, where=f"{path}: line {line}: PUBLISHED")
        else:
            meta[field] = value
    note = meta.get("source_note")
    if isinstance(note, str) and "source_url" not in meta:
        m = _URL_IN_SOURCE.search(note)
        if m:
            meta["source_url"] = m.group(0).rstrip(").,;")
    return meta


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one file; raises :class:`DocumentError` naming the file and the reason."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(path, f"unsupported file type {suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                path, f"file too large ({size / 2**20:.1f} MiB > {max_bytes / 2**20:.1f} MiB limit)"
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise DocumentError(path, "permission denied") from exc
    except IsADirectoryError as exc:
        raise DocumentError(path, "is a directory") from exc
    except OSError as exc:
        raise DocumentError(path, f"cannot read ({exc.strerror})") from exc
    raw = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    header, body = split_header(raw, path)
    meta = _metadata(header, path)
    title = meta.pop("title", None)
    if SUFFIXES[suffix] == "html":
        body, html_title = html_to_text(body)
        title = title or html_title
    elif SUFFIXES[suffix] == "markdown":
        m = re.search(r"^#\s+(.+)$", body, flags=re.MULTILINE)
        title = title or (m.group(1).strip() if m else None)
    text = normalise_text(body)
    if not text:
        raise DocumentError(path, "empty document (no text after the header)")
    doc = SourceText(path=path, text=text, title=title, **meta)  # type: ignore[arg-type]
    return doc if doc.title else replace(doc, title=default_title(text))


def default_title(text: str, limit: int = 120) -> str:
    """The first line, cut at a word boundary, as a title of last resort."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def iter_files(paths: list[Path]) -> Iterator[Path | DocumentError]:
    """Expand files and folders (recursively) into supported files, in a stable order.

    Problems (a missing path, an unreadable folder) are yielded as errors so the caller can
    report them and go on with the rest of the batch.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield DocumentError(path, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path | DocumentError]:
    try:
        entries = sorted(folder.iterdir())
    except PermissionError:
        yield DocumentError(folder, "permission denied (folder)")
        return
    for entry in entries:
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.suffix.lower() in SUFFIXES:
            yield entry
