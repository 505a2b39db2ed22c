"""The ordnance catalogue: data integrity, lookup by any spelling, free-text matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from minewatch.ordnance.catalogue import (
    CATEGORIES,
    Catalogue,
    OrdnanceModel,
    load_catalogue,
    normalise_designation,
)

HEADER = "name,category,origin,aliases,notes\n"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def found(catalogue: Catalogue, text: str) -> list[tuple[str, str]]:
    """(matched text, model name) for every match in ``text``."""
    result = []
    for match in catalogue.regex().finditer(text):
        model = catalogue.lookup(match.group(0))
        assert model is not None, f"regex matched {match.group(0)!r} but lookup failed"
        result.append((match.group(0), model.name))
    return result


# --- the packaged data -------------------------------------------------------------------


def test_packaged_catalogue_has_at_least_100_models(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 100
    assert len(list(catalogue)) == len(catalogue)


def test_every_category_is_valid(catalogue: Catalogue) -> None:
    assert {model.category for model in catalogue} <= CATEGORIES


def test_names_are_unique_and_aliases_never_repeat_the_name(catalogue: Catalogue) -> None:
    names = [model.name for model in catalogue]
    assert len(names) == len(set(names))
    for model in catalogue:
        assert model.name not in model.aliases
        assert len(set(model.aliases)) == len(model.aliases)


def test_no_spelling_points_at_two_models(catalogue: Catalogue) -> None:
    owner: dict[str, str] = {}
    for model in catalogue:
        for form in model.forms:
            key = normalise_designation(form)
            assert owner.setdefault(key, model.name) == model.name, (form, owner[key])


def test_no_form_is_a_bare_number(catalogue: Catalogue) -> None:
    for form, _ in catalogue.surface_forms():
        assert any(ch.isalpha() for ch in form), form


_REQUIRED_LINES = (
    "PMN PMN-1 PMN-2 PMN-3 PMN-4 PMN-E PMD-6 POMZ-2 POMZ-2M OZM-3 OZM-4 OZM-72 MON-50",
    "MON-90 MON-100 MON-200 POM-1 POM-2 POM-3 PFM-1 PFM-1S TM-46 TM-57 TM-62 TM-62M TM-62P",
    "TM-62P3 TM-62B TM-62D TM-72 TM-83 TMK-2 TMN-46 PTM-1 PTM-3 PTM-4 M14 M16 M16A1 M16A2 M18A1",
    "M15 M19 M21 M24 VS-50 VS-2.2 VS-1.6 VAR/40 TS-50 TS-2.5 TC/6 TC/2.4 SB-33 SB-81 VS-MK2",
    "PROM-1 PMA-1 PMA-2 PMA-3 PMR-2A PMR-3 TMA-1 TMA-2 TMA-3 TMA-4 TMA-5 TMM-1 TMRP-6 MRUD",
    "BLU-97 M77 M42 M46 PTAB-1M PTAB-2.5M AO-1SCh ShOAB-0.5 BLU-26 BLU-63 9N210 9N235 E-001",
    "RGD-5 F-1 VOG-17 OG-7 PG-7 R2M2 Gyata-64 PPM-2 DM-31 HPD-2 OZM-160 YM-1 YM-2 YM-3",
)
REQUIRED = [name for line in _REQUIRED_LINES for name in line.split()]
REQUIRED_SPACED = ["Valmara 69", "Type 72", "Type 72A", "Type 59", "Type 69", "P4 Mk1", "No 4"]


@pytest.mark.parametrize("name", REQUIRED + REQUIRED_SPACED + ["P2 Mk2"])
def test_required_model_is_catalogued_under_its_name(catalogue: Catalogue, name: str) -> None:
    model = catalogue.lookup(name)
    assert model is not None and model.name == name


@pytest.mark.parametrize(
    ("name", "category", "origin"),
    [
        ("PMN-2", "AP mine", "USSR"),
        ("OZM-72", "AP mine", "USSR"),
        ("MON-50", "AP mine", "USSR"),
        ("M18A1", "AP mine", "USA"),
        ("TM-62M", "AT mine", "USSR"),
        ("YM-1", "AT mine", "Iran"),
        ("Type 72A", "AP mine", "China"),
        ("E-001", "AP mine", "Armenia"),
        ("P4 Mk1", "AP mine", "Pakistan"),
        ("PROM-1", "AP mine", "Yugoslavia"),
        ("BLU-26", "cluster submunition", "USA"),
        ("9N210", "cluster submunition", "USSR"),
        ("RGD-5", "UXO", "USSR"),
        ("PG-7", "UXO", "USSR"),
    ],
)
def test_category_and_origin_of_well_known_models(
    catalogue: Catalogue, name: str, category: str, origin: str
) -> None:
    model = catalogue.lookup(name)
    assert model is not None
    assert (model.category, model.origin) == (category, origin)


def test_unsure_origin_is_none_not_empty_string(catalogue: Catalogue) -> None:
    model = catalogue.lookup("PMN-E")
    assert model is not None and model.origin is None
    assert all(m.origin is None or m.origin.strip() for m in catalogue)


def test_packaged_catalogue_is_cached_and_explicit_path_is_not(catalogue: Catalogue) -> None:
    assert load_catalogue() is catalogue
    path = Path(__file__).resolve().parents[2] / "src/minewatch/ordnance/data/catalogue.csv"
    fresh = load_catalogue(path)
    assert fresh is not catalogue
    assert [m.name for m in fresh] == [m.name for m in catalogue]


# --- normalisation and lookup ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("PMN-2", "PMN2"),
        ("pmn 2", "PMN2"),
        ("PMN2", "PMN2"),
        ("ПМН-2", "PMN2"),
        ("pmn\u20132", "PMN2"),
        ("ShOAB-0.5", "SHOAB05"),
        ("ШОАБ-0,5", "SHOAB05"),
        ("АО-1СЧ", "AO1SCH"),
        ("VAR/40", "VAR40"),
        ("№ 4", "NO4"),
    ],
)
def test_normalise_designation(text: str, key: str) -> None:
    assert normalise_designation(text) == key


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PMN-E", "PMN-E"),
        ("PMN E", "PMN-E"),
        ("pmn-e", "PMN-E"),
        ("PMN", "PMN"),
        ("pmn 2", "PMN-2"),
        ("ПМН-2", "PMN-2"),
        ("tm62m", "TM-62M"),
        ("TM-62", "TM-62"),
        ("ТМ-62П", "TM-62P"),
        ("POMZ-2(M)", "POMZ-2M"),
        ("Claymore", "M18A1"),
        ("M-14", "M14"),
        ("Type-72", "Type 72"),
        ("YM-I", "YM-1"),
        ("YM-II", "YM-2"),
        ("VS50", "VS-50"),
        ("TS 50", "TS-50"),
        ("TC-6", "TC/6"),
        ("M 16", "M16"),
        ("No. 4", "No 4"),
        ("ПФМ-1С", "PFM-1S"),
        ("PFM-1", "PFM-1"),
    ],
)
def test_lookup_by_any_spelling(catalogue: Catalogue, text: str, name: str) -> None:
    model = catalogue.lookup(text)
    assert model is not None, text
    assert model.name == name


@pytest.mark.parametrize("text", ["", "mine", "PMN-9", "TM-61", "M145", "landmine", "2"])
def test_lookup_of_unknown_text_is_none(catalogue: Catalogue, text: str) -> None:
    assert catalogue.lookup(text) is None


def test_surface_forms_cover_every_form_longest_first(catalogue: Catalogue) -> None:
    forms = catalogue.surface_forms()
    assert len(forms) == sum(len(m.forms) for m in catalogue)
    lengths = [len(normalise_designation(form)) for form, _ in forms]
    assert lengths == sorted(lengths, reverse=True)
    assert ("ПМН-2", catalogue.lookup("PMN-2")) in forms
    forms.clear()  # a copy: the catalogue keeps its own
    assert catalogue.surface_forms()


# --- free-text matching ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sappers found 350 PMN-E anti-personnel mines near the height.",
            [("PMN-E", "PMN-E")],
        ),
        (
            "The team cleared 46 PMN-2 mines and 12 OZM-72 bounding mines.",
            [("PMN-2", "PMN-2"), ("OZM-72", "OZM-72")],
        ),
        (
            "Two TM-62M mines, one TM-62 and a TM 62M were lifted.",
            [("TM-62M", "TM-62M"), ("TM-62", "TM-62"), ("TM 62M", "TM-62M")],
        ),
        ("An M14 was found; the M145 fuze and the AM14 tag are not mines.", [("M14", "M14")]),
        (
            "They reported PMN-2s and TM-62Ms along the road.",
            [("PMN-2", "PMN-2"), ("TM-62M", "TM-62M")],
        ),
        ("A PMN-type device was seen.", [("PMN", "PMN")]),
        ("Deminers found a pmn 2 and a ПМН-2.", [("pmn 2", "PMN-2"), ("ПМН-2", "PMN-2")]),
        ("A pair of TM-62M/TM-62P mines.", [("TM-62M", "TM-62M"), ("TM-62P", "TM-62P")]),
        ("Police defused an F-1 grenade and an RGD-5.", [("F-1", "F-1"), ("RGD-5", "RGD-5")]),
        ("An Israeli No 4 mine lay there.", [("No 4", "No 4")]),
        ("They found an M18A1 Claymore.", [("M18A1 Claymore", "M18A1")]),
        ("A Claymore was rigged to a tree.", [("Claymore", "M18A1")]),
        ("VS-2.2 and VS 2,2 mines", [("VS-2.2", "VS-2.2"), ("VS 2,2", "VS-2.2")]),
        ("an OFAB-250 and a FAB-250 bomb", [("OFAB-250", "OFAB-250"), ("FAB-250", "FAB-250")]),
        ("Iranian-made YM-1 and YM-I mines", [("YM-1", "YM-1"), ("YM-I", "YM-1")]),
        ("three Type 72A mines", [("Type 72A", "Type 72A")]),
        ("PFM-1S mines and PFM-1 mines", [("PFM-1S", "PFM-1S"), ("PFM-1", "PFM-1")]),
        ("a POMZ-2(M) stake mine", [("POMZ-2(M)", "POMZ-2M")]),
        ("submunitions 9N210 and 9Н235", [("9N210", "9N210"), ("9Н235", "9N235")]),
        ("an M16A1 and an M16 A1", [("M16A1", "M16A1"), ("M16 A1", "M16A1")]),
    ],
)
def test_regex_finds_designations(
    catalogue: Catalogue, sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert found(catalogue, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The maps of the area were updated.",
        "He carried a claymore sword at the festival.",
        "There were no 4 wheel drive vehicles.",
        "The column moved 300 m 14 times a day.",
        "The meeting ended at 5 pm 60 minutes later.",
        "Out of 462 households, most returned.",
        "The PMN-9 does not exist, nor does the M145.",
        "Unit AM14 and tag XPMN-2 are not designations.",
        "The PMN-4x4 code is not a mine.",
        "The FM-1 radio and the TM-62-2 record are not models either.",
    ],
)
def test_regex_ignores_ordinary_text(catalogue: Catalogue, sentence: str) -> None:
    assert found(catalogue, sentence) == []


def test_regex_is_compiled_once(catalogue: Catalogue) -> None:
    assert catalogue.regex() is catalogue.regex()


def test_every_surface_form_is_found_by_the_regex(catalogue: Catalogue) -> None:
    pattern = catalogue.regex()
    for form, model in catalogue.surface_forms():
        match = pattern.search(f"Deminers found one {form} near the road.")
        assert match is not None, form
        assert catalogue.lookup(match.group(0)) is model, (form, match.group(0))


# --- malformed files ---------------------------------------------------------------------


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "catalogue.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("PMN,AP mine,USSR,,blast\nTM-62,tank mine,USSR,,blast\n", 3, "unknown category"),
        ("PMN,AP mine,USSR,,blast\n,AP mine,USSR,,blast\n", 3, "empty name"),
        ("PMN,AP mine,USSR,,blast\nPMN,AP mine,USSR,,again\n", 3, "duplicate name"),
        ("PMN-2,AP mine,USSR,PMN2,a\nPMN-3,AP mine,,PMN 2,b\n", 3, "collides"),
        ("PMN-2,AP mine,USSR,,a\nPMN-3,AP mine,,pmn2,b\n", 3, "collides"),
        ("PMN,AP mine,USSR,,blast\nTM-62,AT mine,USSR,blast\n", 3, "columns"),
        ("PMN,AP mine,USSR,,blast,extra\n", 2, "columns"),
        ("PMN,AP mine,USSR,62,blast\n", 2, "letter"),
        ("PMN,AP mine,USSR,PMN,blast\n", 2, "repeats"),
    ],
)
def test_malformed_row_names_file_and_line(
    tmp_path: Path, body: str, line: int, fragment: str
) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ValueError, match=fragment) as info:
        load_catalogue(path)
    assert f"{path}:{line}:" in str(info.value)


def test_wrong_header_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text("name,category,aliases\nPMN,AP mine,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"{path}:1:"):
        load_catalogue(path)


def test_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "PMN,AP mine,USSR,,blast\n\n\nTM-62,bad,USSR,,x\n")
    with pytest.raises(ValueError, match=f"{path}:5:"):
        load_catalogue(path)


def test_small_valid_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, 'PMN-2,AP mine,,PMN2|ПМН-2,"plastic, blast"\n')
    catalogue = load_catalogue(path)
    assert list(catalogue) == [
        OrdnanceModel("PMN-2", "AP mine", None, ("PMN2", "ПМН-2"), "plastic, blast")
    ]
    assert [m.group(0) for m in catalogue.regex().finditer("a PMN 2 and a ПМН-2")] == [
        "PMN 2",
        "ПМН-2",
    ]


def test_catalogue_built_directly_rejects_collisions() -> None:
    a = OrdnanceModel("PMN-2", "AP mine", None, (), "")
    b = OrdnanceModel("PMN 2", "AP mine", None, (), "")
    with pytest.raises(ValueError, match="collides"):
        Catalogue([a, b])
