"""Table-style counts: "PROM-1: 14; PMA-2: 17; UXO: 211", "Anti-tank mines destroyed: 9 (TM-57)".

Monthly and programme reports often list what was found as label-colon-count pairs instead of
prose. The label is a catalogue model, or a device phrase optionally followed by the verb of
the row ("Items of UXO destroyed"); the count follows the colon, and a model in brackets
right after it ("9 (TM-57)") names the model of the whole count. The action, period and place
come from the sentence (or the report around it) as for prose finds.
"""

from __future__ import annotations

import re
from dataclasses import replace

from minewatch.extract.context import Doc
from minewatch.extract.ordnance import Device, device_at, lookup_model
from minewatch.extract.tokens import BULLET
from minewatch.extract.types import Quantity, Sentence

_COLON = re.compile(r":\s*$")
# the label starts after the previous row, bracket or clause (or at the sentence start)
_LABEL = re.compile(rf"(?:^|[;(,:\n]|\.\s)\s*(?:{BULLET}\s+)?([^;(,:\n]{{1,60}}?)\s*:\s*$")
# what may follow the device phrase inside a label: the row's verb and time words
_LABEL_TAIL = re.compile(
    r"(?:\s*(?:found|discovered|detected|located|destroyed|neutrali[sz]ed|defused|removed|"
    r"cleared|dismantled|disposed\s+of|collected|and|in|during|the|this|that|month|week|year|"
    r"quarter|period|total|in\s+total))*\s*",
    re.IGNORECASE,
)
_SMALL_ARMS = re.compile(r"\bsmall[\s-]arms?\b|\bbullets\b|\bcartridges\b", re.IGNORECASE)
_BRACKET_MODEL = re.compile(r"\s*\(([^():;,]{2,20})\)")


def table_rows(doc: Doc, i: int, taken: set[int]) -> list[tuple[Quantity, Device]]:
    """Label-colon-count pairs of sentence i whose label is a device; counts in `taken`
    (start offsets already read as prose finds) are skipped."""
    s = doc.sentences[i]
    text = s.text
    if ":" not in text:
        return []
    out: list[tuple[Quantity, Device]] = []
    for q in doc.quantities(i):
        rel = q.start - s.start
        if q.start in taken or q.year_like or not _COLON.search(text, max(0, rel - 4), rel):
            continue
        lm = _LABEL.search(text, max(0, rel - 70), rel)
        if lm is None:
            continue
        device = _label_device(lm.group(1), s.start + lm.start(1))
        if device is None or _SMALL_ARMS.search(lm.group(1)):
            continue  # "Small arms ammunition: 2,310 rounds" is not explosive ordnance
        bm = _BRACKET_MODEL.match(text, q.end - s.start)
        if bm is not None and device.model is None and (found := lookup_model(bm.group(1))):
            device = replace(
                device,
                model=found[0],
                model_span=(s.start + bm.start(1), s.start + bm.end(1)),
                category=found[1] if device.category == "unknown" else device.category,
            )
        out.append((q, device))
    return out


def _label_device(label: str, offset: int) -> Device | None:
    """The device a row label names: a bare model ("PMA-2") or a device phrase followed only
    by the row's verb and time words ("Anti-personnel mines destroyed during the month")."""
    found = lookup_model(label)
    if found is not None:
        span = (offset, offset + len(label))
        return Device(offset, offset + len(label), found[1], found[0], span, None, None, None,
                      None, "")  # fmt: skip
    device = device_at(label + " ", 0, offset)
    if device is None or device.start != offset:
        return None
    tail = _LABEL_TAIL.match(label, device.end - offset)
    if tail is None or tail.end() < len(label):
        return None
    return device


def is_table_row(doc: Doc, i: int) -> bool:
    """True when sentence i is a row of a semicolon-separated table (the sentence splitter
    cuts "Items found: PROM-1: 14; PMA-2: 17" at the semicolon): it has a colon and it or the
    sentence before it ends with a semicolon."""
    text = doc.sentences[i].text
    return ":" in text and (
        text.rstrip().endswith(";") or (i > 0 and doc.sentences[i - 1].text.rstrip().endswith(";"))
    )


def row_heads(doc: Doc, i: int) -> list[str]:
    """The texts of the earlier rows of the table sentence i continues, nearest first."""
    out: list[str] = []
    j = i - 1
    while j >= 0 and doc.sentences[j].text.rstrip().endswith(";") and len(out) < 30:
        out.append(doc.sentences[j].text)
        j -= 1
    return out


# A row of a list: "• Anti-tank mines: 412", "- UXO: 340" (a label, a colon, a count).
_LIST_ROW = re.compile(rf"^\s*(?:{BULLET}\s+)?[^:\n]{{2,60}}:\s*\d")
# A heading that groups the rows below it by place: "Central Equatoria" (short, no digits).
_HEADING = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|and|de|al)){0,4}$")


def is_list_row(text: str) -> bool:
    """True for a "label: count" row of a list, bulleted or not."""
    return _LIST_ROW.match(text) is not None


def list_lead(doc: Doc, i: int) -> tuple[list[int], Sentence | None]:
    """For list row i: the sentences introducing the list (the caption ending with ":" and
    the sentence before it, nearest first) and the place heading the row sits under, if any.
    The rows and headings between are skipped."""
    heading: Sentence | None = None
    j = i - 1
    while j >= 0:
        s = doc.sentences[j]
        if is_list_row(s.text):
            j -= 1
        elif s.headline and _HEADING.match(s.text.strip()):
            heading = heading or s
            j -= 1
        else:
            break
    lead = [k for k in (j, j - 1) if k >= 0 and not doc.sentences[k].headline]
    if lead and not doc.sentences[lead[0]].text.rstrip().endswith(":"):
        lead = lead[:1]  # no caption: only the sentence right above the list
    return lead, heading


def _indent(doc: Doc, s: Sentence) -> int:
    return s.start - (doc.text.rfind("\n", 0, s.start) + 1)


def list_parent(doc: Doc, i: int) -> Sentence | None:
    """The row a nested list row sits under ("• Items destroyed nationwide: 6,420" above
    "    – AP mines: 212"): the nearest earlier row indented less; rows level with it are
    its siblings."""
    indent = _indent(doc, doc.sentences[i])
    for j in range(i - 1, -1, -1):
        s = doc.sentences[j]
        if not is_list_row(s.text):
            return None
        if _indent(doc, s) < indent:
            return s
    return None
