"""Reading files: metadata headers, decoding, and a clear one-line error for each bad input."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from minewatch.documents.readers import iter_files, read_document, split_header
from minewatch.errors import DocumentError

BODY = "Deminers found 12 anti-tank mines near the river on Monday, officials said."


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_header_block_gives_metadata(tmp_path: Path) -> None:
    doc = read_document(
        write(
            tmp_path / "a.txt",
            "SOURCE: https://example.org/news/1 (sample)\nPUBLISHED: 2024-03-14\n"
            f"PUBLISHER: Sample Wire\n\n{BODY}\n",
        )
    )
    assert doc.published == date(2024, 3, 14)
    assert doc.publisher == "Sample Wire"
    assert doc.source_url == "https://example.org/news/1"
    assert doc.text == BODY


def test_dateline_is_not_a_header(tmp_path: Path) -> None:
    header, body = split_header("KABUL: Four boys were hurt.", tmp_path / "x.txt")
    assert header == {}
    assert body.startswith("KABUL:")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            "PUBLISHED: 2022-13-45\n\nText.",
            "line 1: PUBLISHED: date '2022-13-45' is not a real date",
        ),
        ("PUBLISHED: yesterday\n\nText.", "line 1: PUBLISHED: date 'yesterday' is not YYYY-MM-DD"),
        ("PUBLISHER: A\nPUBLISHD: 2024-01-01\n\nText.", "line 2: unknown header field 'PUBLISHD'"),
        ("PUBLISHER: A\nPUBLISHER: B\n\nText.", "line 2: header field PUBLISHER given twice"),
    ],
)
def test_malformed_header_names_file_and_line(tmp_path: Path, content: str, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(path) in info.value.message
    assert reason in info.value.message


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", "")
    with pytest.raises(DocumentError, match=r"empty\.txt: empty document"):
        read_document(path)


def test_header_only_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "h.txt", "PUBLISHED: 2024-01-01\n\n   \n")
    with pytest.raises(DocumentError, match="empty document"):
        read_document(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentError, match=r"image\.txt: binary file"):
        read_document(path)


def test_invalid_utf8_names_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("first line\nCaf\xe9 near the minefield".encode("latin-1"))
    with pytest.raises(
        DocumentError, match=r"latin1\.txt: not valid UTF-8 \(byte 0xe9 on line 2\)"
    ):
        read_document(path)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "u16.txt"
    path.write_bytes(bom + f"PUBLISHED: 2024-02-01\n\n{BODY} Kəlbəcər.".encode(codec))
    doc = read_document(path)
    assert doc.published == date(2024, 2, 1)
    assert doc.text.endswith("Kəlbəcər.")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + BODY.encode())
    assert read_document(path).text == BODY


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(
        DocumentError, match=r"huge\.txt: file too large \(50\.0 MiB > 20\.0 MiB limit\)"
    ):
        read_document(path)


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "data.pdf", "x")
    with pytest.raises(DocumentError, match=r"unsupported file type '\.pdf'"):
        read_document(path)


def test_unreadable_file_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", BODY)
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DocumentError, match=r"secret\.txt: permission denied"):
        read_document(path)


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    with pytest.raises(DocumentError, match=r"gone\.txt: cannot read"):
        read_document(link)


def test_html_text_and_title(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.html",
        "<html><head><title>Mines  found</title><style>p{}</style></head><body>"
        "<p>Teams found <b>4</b> mines.</p><script>var x=1;</script><p>Second.</p></body></html>",
    )
    doc = read_document(path)
    assert doc.title == "Mines found"
    assert doc.text == "Teams found 4 mines.\n\nSecond."


def test_markdown_title(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "r.md", "# Field report 7\n\nTwo mines found."))
    assert doc.title == "Field report 7"


def test_iter_files_walks_folders_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    write(tmp_path / "b" / "2.txt", BODY)
    write(tmp_path / "1.md", BODY)
    write(tmp_path / "skip.csv", "a,b")
    items = list(iter_files([tmp_path, tmp_path / "nope.txt"]))
    assert items[:2] == [tmp_path / "1.md", tmp_path / "b" / "2.txt"]
    assert isinstance(items[2], DocumentError)
    assert "no such file or folder" in items[2].message


def test_normalised_text_is_stable(tmp_path: Path) -> None:
    a = read_document(write(tmp_path / "a.txt", "Line one.  \r\n\r\n\r\n\r\nLine\u00a0two.\n"))
    b = read_document(write(tmp_path / "b.txt", "Line one.\n\nLine two."))
    assert a.text == b.text == "Line one.\n\nLine two."


def test_title_header_wins(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "t.md", f"TITLE: Weekly report\n\n# Heading\n\n{BODY}"))
    assert doc.title == "Weekly report"
