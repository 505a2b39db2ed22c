"""Loaders: bad input gets errors naming file, line and field; bad lines are skipped, counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from minewatch.errors import InputError
from minewatch.gazetteer.loaders import GeonamesReader, curated_path, curated_records

GOOD = "\t".join(
    ["586268", "Kalbajar", "Kalbajar", "Kelbajar,Kəlbəcər", "40.10984", "46.04446", "P", "PPLA",
     "AZ", "", "26", "", "", "", "8400", "", "1500", "Asia/Baku", "2020-01-01"]
)  # fmt: skip


def test_geonames_reader_skips_and_reports_bad_lines(tmp_path: Path) -> None:
    bad_lat = GOOD.replace("40.10984", "140.5")
    bad_id = GOOD.replace("586268", "x1")
    path = tmp_path / "dump.txt"
    path.write_text("\n".join([GOOD, bad_lat, "too\tfew", bad_id, GOOD]) + "\n", encoding="utf-8")
    reader = GeonamesReader(path)
    records = list(reader)
    assert len(records) == 2 and reader.skipped == 3 and reader.lines == 5
    assert [(e.line, e.field) for e in reader.errors] == [
        (2, "latitude/longitude"),
        (3, "columns"),
        (4, "geonameid"),
    ]
    assert "latitude 140.5 outside -90..90" in str(reader.errors[0])
    assert str(path) in str(reader.errors[0])
    rec = records[0]
    assert rec.kind == "locality" and rec.parent_code == "AZ.26"
    assert {"Kelbajar", "Kəlbəcər"} <= set(rec.names)


def test_geonames_admin_codes(tmp_path: Path) -> None:
    adm1 = GOOD.replace("\tP\tPPLA\t", "\tA\tADM1\t")
    path = tmp_path / "adm.txt"
    path.write_text(adm1 + "\n", encoding="utf-8")
    (rec,) = list(GeonamesReader(path))
    assert rec.kind == "admin1" and rec.code == "AZ.26" and rec.parent_code == "AZ"


def test_curated_file_is_valid_and_has_the_seed_features() -> None:
    records = {r.source_id: r for r in curated_records()}
    sari = records["curated:az-saribaba"]
    assert sari.kind == "feature" and "approximate" in sari.source
    assert {"Kelbajar", "Kəlbəcər", "Karvachar", "Kyalbadzhar"} <= set(records["iso:AZ-KAL"].names)


def test_curated_errors_name_file_line_field(tmp_path: Path) -> None:
    text = curated_path().read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        header + "\n" + first.replace(",AZ,,,", ",AZ,nowhere,,") + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"bad\.csv:2: parent: unknown parent 'nowhere'"):
        curated_records(bad)
    bad.write_text(header + "\n" + first.replace("40.3,47.7", "95,47.7") + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv:2: lat/lon: latitude 95.0 outside"):
        curated_records(bad)
