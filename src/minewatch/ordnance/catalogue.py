"""The ordnance catalogue: model designations, their category and the spellings reports use.

Reports write one model many ways (``PMN-2``, ``PMN2``, ``PMN 2``, ``ПМН-2``), so the
extractor needs one place that maps every spelling to one model. The data lives in
``data/catalogue.csv`` (columns ``name,category,origin,aliases,notes``; aliases are
``|``-separated) so that it can be reviewed and extended without touching code.

``origin`` is catalogue knowledge only (who designed or produced the model). The
extractor never uses it as a claim's ``origin_country``: that is recorded only when the
text itself states it ("Iranian-made"), because a catalogue default would turn a
guess into a fact (DESIGN.md, section 2).

Matching in free text (:meth:`Catalogue.regex`):

- forms match as whole designation tokens: ``M14`` does not match in ``M145`` or ``AM14``,
  and a shorter form does not match when a designation suffix follows (``PMN`` is not
  found in ``PMN-E``; ``TM-62`` is not found in ``TM-62M``), while ``PMN-type`` and a plural
  ``PMN-2s`` still match;
- a hyphen, a space or nothing are interchangeable between letter and digit groups
  (``PMN-2`` = ``PMN 2`` = ``PMN2``), and where the written form has a separator;
- forms with a digit match case-insensitively (``pmn-2``), except those led by a single
  letter (``M14``: "m 14" is a distance) or by a short English word or unit (``No 4``,
  ``OF-462``, ``PM-60``); forms made of letters only (``Claymore``, ``MRUD``, ``DPICM``)
  match exactly as written too, so ordinary words never match.

The regex finds designations, not meanings: ``M16`` is also a rifle and ``Type 59`` a tank,
so callers check the context. :meth:`Catalogue.lookup` is for strings already known to be
designations and ignores case.

Nothing is read at import time; :func:`load_catalogue` reads the packaged file once.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = [
    "CATEGORIES",
    "Catalogue",
    "OrdnanceModel",
    "load_catalogue",
    "normalise_designation",
]

CATEGORIES: frozenset[str] = frozenset(
    {"AP mine", "AT mine", "UXO", "IED", "cluster submunition", "other"}
)
COLUMNS: tuple[str, ...] = ("name", "category", "origin", "aliases", "notes")

# Uppercase Cyrillic to Latin, as designations are transliterated in English reports.
_CYRILLIC: dict[int, str] = str.maketrans(
    {
        "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
        "З": "Z", "И": "I", "Й": "Y", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
        "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
        "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "YU",
        "Я": "YA", "І": "I", "Ї": "YI", "Є": "YE", "Ґ": "G",
    }
)  # fmt: skip

# A leading letter group that is an English word or unit makes a form case-sensitive.
_ENGLISH_LEADS: frozenset[str] = frozenset(
    {"am", "an", "as", "at", "by", "do", "go", "if", "in", "is", "it", "no", "of", "on", "or"}
    | {"pm", "so", "to", "up", "us", "we"}
)

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_SEP = f"[\\s{_DASHES}/]?"  # optional separator between groups
_DOT_SEP = f"\\.?[\\s{_DASHES}/]?"  # "No. 4" also matches "No 4", "No.4"
_DECIMAL = "[.,]"  # "VS-2.2", "ShOAB-0,5"
_PIECES = re.compile(
    r"(?P<alpha>[^\W\d_]+)|(?P<digit>\d+)|(?P<sep>[\s./\-\u2010-\u2014\u2212,]+)|."
)
# Before a form: not inside a word, nor right after "x-" glued to a word ("AM-14").
_LEAD = f"(?<!\\w)(?<!\\w[{_DASHES}.])"
# After a form: an optional plural "s", then no word character and no designation suffix
# ("-E", "-2", "-Mk2"); longer words after a hyphen ("-type", "-based") are allowed.
_TAIL = f"(?=(?:['\u2019]?s)?(?!\\w))(?![{_DASHES}.](?:\\d|[^\\W\\d_]{{1,2}}(?![^\\W\\d_])))"


@dataclass(frozen=True, slots=True)
class OrdnanceModel:
    """One catalogued model; ``origin`` is catalogue knowledge, never a claim's origin."""

    name: str
    category: str
    origin: str | None
    aliases: tuple[str, ...]
    notes: str

    @property
    def forms(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


def normalise_designation(text: str) -> str:
    """Key for lookups: NFKC, upper case, Cyrillic transliterated, only letters and digits.

    ``"pmn 2"``, ``"PMN2"``, ``"ПМН-2"`` and ``"pmn–2"`` all give ``"PMN2"``.
    """
    text = unicodedata.normalize("NFKC", text).upper().translate(_CYRILLIC)
    return "".join(ch for ch in text if ch.isalnum())


def _is_case_sensitive(form: str) -> bool:
    """Whether a form must match as written, because lower case would hit ordinary text.

    True for letters-only forms ("maps", "claymore"), for forms led by one letter ("m 14"
    is a distance, "m2" an area) and for forms led by a short English word or unit ("of
    462", "no 4", "pm 60").
    """
    if not any(ch.isdigit() for ch in form):
        return True
    lead = re.match(r"[^\W\d_]+", form)
    if lead is None:
        return False
    word = lead.group(0).lower()
    return len(word) == 1 or word in _ENGLISH_LEADS


def _form_pattern(form: str) -> tuple[str, str]:
    """First character and regex for the rest of one form, tolerant of separators.

    Splitting off the first character lets :func:`_alternation` group forms by it, so
    the scan tries only the forms that can start at a given character.
    """
    parts: list[str] = []
    pieces = list(_PIECES.finditer(form))
    for i, piece in enumerate(pieces):
        kind = piece.lastgroup
        text = piece.group(0)
        if kind == "sep":
            prev_digit = i > 0 and pieces[i - 1].lastgroup == "digit"
            next_digit = i + 1 < len(pieces) and pieces[i + 1].lastgroup == "digit"
            if text in {".", ","} and prev_digit and next_digit:
                parts.append(_DECIMAL)
            else:
                parts.append(_DOT_SEP if "." in text else _SEP)
            continue
        if (
            i > 0
            and kind in {"alpha", "digit"}
            and pieces[i - 1].lastgroup in {"alpha", "digit"}
            and pieces[i - 1].lastgroup != kind
        ):
            parts.append(_SEP)  # "PMN2" also matches "PMN-2", "M16A1" also "M16 A1"
        parts.append(re.escape(text))
    first, rest = form[0], "".join(parts)[len(re.escape(form[0])) :]
    if _is_case_sensitive(form):
        return first, f"(?<={re.escape(first)}){rest}"  # the first character as written
    return first, f"(?i:{rest})" if rest else ""


def _alternation(forms: Iterable[str]) -> str:
    """One alternation over ``forms`` (longest first), grouped by first character."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        first, rest = _form_pattern(form)
        group = groups.setdefault(first.upper(), [])
        if rest not in group:
            group.append(rest)
    branches = []
    for first, rests in groups.items():
        cases = "".join(re.escape(c) for c in sorted({first, first.lower()}))
        branches.append(f"[{cases}](?:{'|'.join(rests)})")
    return "|".join(branches)


class Catalogue:
    """An immutable set of models with lookup by any spelling and a free-text regex."""

    __slots__ = ("_by_key", "_forms", "_regex", "models", "source")

    def __init__(self, models: Iterable[OrdnanceModel], *, source: str = "<catalogue>") -> None:
        self.models: tuple[OrdnanceModel, ...] = tuple(models)
        self.source = source
        self._by_key: dict[str, OrdnanceModel] = {}
        forms: list[tuple[str, OrdnanceModel]] = []
        for model in self.models:
            for form in model.forms:
                key = normalise_designation(form)
                other = self._by_key.setdefault(key, model)
                if other is not model:
                    raise ValueError(
                        f"{source}: {form!r} of {model.name!r} collides with {other.name!r}"
                    )
                forms.append((form, model))
        forms.sort(key=lambda item: (-len(normalise_designation(item[0])), -len(item[0])))
        self._forms: tuple[tuple[str, OrdnanceModel], ...] = tuple(forms)
        self._regex: re.Pattern[str] | None = None

    def lookup(self, text: str) -> OrdnanceModel | None:
        """The model whose name or alias normalises like ``text``, else ``None``."""
        return self._by_key.get(normalise_designation(text))

    def surface_forms(self) -> list[tuple[str, OrdnanceModel]]:
        """Every name and alias with its model, longest first (for a PhraseMatcher)."""
        return list(self._forms)

    def regex(self) -> re.Pattern[str]:
        """One compiled alternation over all forms, longest first; group 0 is the form."""
        if self._regex is None:
            body = _alternation(form for form, _ in self._forms)
            self._regex = re.compile(f"{_LEAD}(?:{body}){_TAIL}")
        return self._regex

    def __len__(self) -> int:
        return len(self.models)

    def __iter__(self) -> Iterator[OrdnanceModel]:
        return iter(self.models)

    def __repr__(self) -> str:
        return f"Catalogue({len(self.models)} models from {self.source})"


def _parse(text: str, source: str) -> list[OrdnanceModel]:
    """Rows to models; any malformed row raises ValueError naming the file and line."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise ValueError(f"{source}:1: header must be {','.join(COLUMNS)}, got {header!r}")
    models: list[OrdnanceModel] = []
    owner: dict[str, tuple[str, int]] = {}  # normalised form -> (model name, line)
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise ValueError(f"{source}:{line}: expected {len(COLUMNS)} columns, got {len(row)}")
        name, category, origin, aliases_cell, notes = (cell.strip() for cell in row)
        if not name:
            raise ValueError(f"{source}:{line}: empty name")
        if category not in CATEGORIES:
            raise ValueError(
                f"{source}:{line}: unknown category {category!r} for {name!r}; "
                f"expected one of {sorted(CATEGORIES)}"
            )
        aliases = tuple(a.strip() for a in aliases_cell.split("|") if a.strip())
        for form in (name, *aliases):
            if not any(ch.isalpha() for ch in form) or not form[0].isalnum():
                raise ValueError(
                    f"{source}:{line}: form {form!r} of {name!r} must start with a letter "
                    "or digit and contain a letter"
                )
        if len(set(aliases)) != len(aliases) or name in aliases:
            raise ValueError(f"{source}:{line}: {name!r} repeats a form in its aliases")
        for form in (name, *aliases):
            key = normalise_designation(form)
            seen = owner.get(key)
            if seen is not None and seen[0] != name:
                raise ValueError(
                    f"{source}:{line}: {form!r} of {name!r} collides with "
                    f"{seen[0]!r} (line {seen[1]})"
                )
            if seen is not None and form == name:
                raise ValueError(f"{source}:{line}: duplicate name {name!r} (line {seen[1]})")
            owner[key] = (name, line)
        models.append(OrdnanceModel(name, category, origin or None, aliases, notes))
    return models


def _read(path: Path | None) -> tuple[str, str]:
    """The text of the catalogue and a name for messages."""
    if path is not None:
        return path.read_text(encoding="utf-8"), str(path)
    data = resources.files("minewatch.ordnance").joinpath("data", "catalogue.csv")
    return data.read_text(encoding="utf-8"), "minewatch/ordnance/data/catalogue.csv"


@functools.cache
def _packaged() -> Catalogue:
    """The packaged catalogue, read once per process."""
    text, source = _read(None)
    return Catalogue(_parse(text, source), source=source)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load a catalogue CSV; ``None`` means the packaged one (cached)."""
    if path is None:
        return _packaged()
    text, source = _read(path)
    return Catalogue(_parse(text, source), source=source)
