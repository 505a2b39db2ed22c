"""Device finds: quantities of mines and other ordnance found, neutralised or destroyed.

A find needs a quantity followed by a device phrase and a verb of finding or disposal in
its sentence; mines that exploded, plans and remaining-contamination estimates have no such
verb and are left alone, and so are figures given for comparison with no year of their own
("up from 250 the year before"; "up from 2,611 in the same quarter of 2024" is a fact). Breakdowns
("By district, ...", "The haul comprised ...", "41 mines - 29 Type 72 and 12 PMN-2 -")
inherit action, period, place and authority from the total they break down; a total of
ordnance that names mines among its parts is of mixed category (`unknown`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from minewatch.extract.context import Doc
from minewatch.extract.dates import dates_the_report
from minewatch.extract.find_dates import dateline_date, followup_date, in_dateline
from minewatch.extract.find_verbs import KEYWORDS, action_of, verbs
from minewatch.extract.ordnance import Device, bare_model, device_at
from minewatch.extract.places import Place
from minewatch.extract.tables import (
    is_list_row,
    is_table_row,
    list_lead,
    list_parent,
    row_heads,
    table_rows,
)
from minewatch.extract.tokens import BULLET
from minewatch.extract.types import DateExpr, Draft, Quantity


def dated_comparison(doc: Doc, i: int, start: int, end: int) -> bool:
    """True when a figure given for comparison states its own year right after it ("up from
    2,611 in the same quarter of 2024"): a fact of that period. Without one ("the year
    before"), its period is only relative to another figure's, and it is left alone."""
    return any(
        start <= d.start < end and d.first is not None and _YEAR.search(d.text)
        for d in doc.dates(i)
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A figure given for comparison: "up from 250 the year before", "compared with 41 in 2022"
COMPARED = re.compile(
    r"\b(?:(?:up|down|rising|falling|increase|decrease|rise|fall|drop)\s+from|compared\s+"
    r"(?:with|to)|than|versus|vs\.?)\s+(?:about\s+|some\s+|around\s+|nearly\s+)?$",
    re.IGNORECASE,
)
_OPENER = re.compile(r"\s*(?:[-–—(:]|,\s+(?:namely|i\.e\.,?))\s*")
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_NEW_CLAUSE = re.compile(r"\b(?:while|whereas|whilst|but|another|a\s+further)\b|;", re.I)
_REFERS_BACK = re.compile(
    r"^(?:The|This|These|That|Such|Their)\s+(?:\w+\s+)?(?:work|operations?|clearance|efforts?|"
    r"activit(?:y|ies)|teams?|survey|campaign|tasks?|missions?|force|units?|patrol|squad)\b|"
    # a short operation goes on in the next sentence; "During the work" of a long task does not
    r"^(?:During|In\s+the\s+course\s+of)\s+(?:the|that|this)\s+(?:search|operation|sweep|"
    r"patrol|raid)\b"
)


def is_reporting_date(doc: Doc, i: int, d: DateExpr) -> bool:
    """A day tied to a speech verb ("said at a briefing on Monday") dates the report only."""
    s = doc.sentences[i]
    if d.start - s.start < 60 and in_dateline(s.text, d.end - s.start):
        return True  # "KHARKIV, June 12 (Agency) - ...": the day of the report
    return dates_the_report(s.text[max(0, d.start - s.start - 60) : d.start - s.start], d)


def fact_dates(doc: Doc, i: int) -> list[DateExpr]:
    """Resolved date phrases of sentence i that date a fact (reporting dates left out, and
    the history of a place: "..., which saw heavy fighting in 2019")."""
    s = doc.sentences[i]
    relative = not doc.cue(i).words.isdisjoint(("which", "where", "when"))
    laid = not doc.cue(i).words.isdisjoint(_LAID_WORDS)
    return [
        d
        for d in doc.dates(i)
        if d.first is not None
        and not is_reporting_date(doc, i, d)
        and not (relative and _HISTORY_CLAUSE.search(s.text, 0, d.start - s.start))
        and not (laid and _LAID.search(s.text, max(0, d.start - s.start - 50), d.start - s.start))
        and not _FUTURE_CLAUSE.search(s.text, max(0, d.start - s.start - 60), d.start - s.start)
    ]


# "...; they are to be destroyed on Friday": the date of what is still to happen
_FUTURE_CLAUSE = re.compile(
    r"\b(?:will|shall|are\s+to|is\s+to|to\s+be|due\s+to|scheduled\s+(?:to|for)|planned\s+for|"
    r"expected\s+to)\b[^,;.]*$",
    re.IGNORECASE,
)
# "96 PFM-1 mines scattered by rockets in 2022": when the ordnance was laid, not found
_LAID_WORDS = ("laid", "scattered", "dropped", "fired", "planted", "emplaced", "buried", "left")
_LAID = re.compile(
    r"\b(?:laid|scattered|dropped|fired|planted|emplaced|buried|left\s+(?:behind|over))\s+"
    r"(?:(?:by|from|during|along|around)\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_HISTORY_CLAUSE = re.compile(
    r",\s+(?:which|where|when)\b[^,;]*\b(?:fighting|fought|battles?|war|occupied|occupation|"
    r"captured|held|laid|mined|shelled|bombed|front\s+line)\b[^,;]*$",
    re.IGNORECASE,
)


def date_in_segment(
    doc: Doc, i: int, start: int, end: int, first: int, last: int
) -> DateExpr | None:
    """The date of the figure whose clause is [start, end): its own, else the sentence's.

    A date inside another figure's clause belongs to that figure ("1,119 ... since August,
    and a further 1,609 ..."); dates before the first figure or after the last apply to all.
    """
    dates = fact_dates(doc, i)
    own = [d for d in dates if start <= d.start < end]
    if own:
        return own[0]
    s = doc.sentences[i]
    before = [d for d in dates if d.start < first]
    opening = [d for d in before if d.start - s.start < 4]  # "In September, ..." scopes all
    if start > first and _NEW_CLAUSE.search(s.text[first - s.start : start - s.start]):
        return opening[0] if opening else None  # "..., while another 1,609 ...": own clause
    after = [d for d in dates if d.start >= last]
    chosen = before or after
    return chosen[0] if chosen else None


def carried_date(doc: Doc, i: int, *, want_day: bool) -> DateExpr | None:
    """A date carried over from the previous sentences ("The work ..." refers back)."""
    if _REFERS_BACK.match(doc.sentences[i].text):
        for j in range(i - 1, max(-1, i - 3), -1):
            dates = fact_dates(doc, j)
            if dates:
                return dates[0]
    inherited = doc.inherited_date(i, want_day=want_day)
    if inherited is not None:
        at = next((k for k in range(i - 1, -1, -1) if inherited in doc.dates(k)), None)
        if at is not None and is_reporting_date(doc, at, inherited):
            return None
    return inherited


# Small-arms ammunition (calibre under 20 mm, or named so) is not explosive ordnance.
_SMALL_ARMS = re.compile(
    r"(?:(?!\band\b)[^,;.]){0,40}?(?:\b(?:\d|1\d)(?:\.\d{1,2})?\s?-?mm\b|\bsmall[\s-]arms?\b|"
    r"\b(?:bullets|cartridges)\b)",
    re.IGNORECASE,
)


def _candidates(doc: Doc, i: int, led: dict[int, tuple[int, int]]) -> list[tuple[Quantity, Device]]:
    """Counts of sentence i with their devices; `led` maps the start of each count whose
    device is implied to the span of the place that leads it ("in Bié province, 487")."""
    s = doc.sentences[i]
    v = verbs()
    out: list[tuple[Quantity, Device]] = []
    prev: Device | None = None
    quantities = doc.quantities(i)
    pending: list[tuple[Quantity, Device]] = []  # bare models waiting for the list's head
    bracket: Device | None = None  # the total a dash or bracket breakdown is under
    last_end = s.start
    for q in quantities:
        if q.start < last_end:
            continue  # the 72 of "Type 72": inside the device phrase just read
        rel = q.end - s.start
        gap = s.text[last_end - s.start : q.start - s.start]
        if prev is not None and last_end == prev.end and _OPENER.fullmatch(gap):
            bracket = prev  # "41 anti-personnel mines - 29 Chinese-made Type 72 and 12 PMN-2 -"
        elif bracket is not None and not _LIST_LINK.fullmatch(gap):
            bracket = None
        device = device_at(s.text, rel, s.start)
        if device is not None and q.year_like and device.start - q.end > 1:
            device = None
        were = _PART_WERE.match(s.text, rel) if device is None else None
        if were is not None and _PART_INTRO.search(s.text, 0, q.start - s.start):
            device = device_at(s.text, were.end(), s.start)  # "of which 16 were R2M2 mines"
        more = _MORE.match(s.text, rel) if device is None else None
        if more is not None:  # "recovered three more (pressure) IEDs"
            device = device_at(s.text, more.end(), s.start)
            if device is None and (word := _WORD_GAP.match(s.text, more.end())) is not None:
                device = device_at(s.text, word.end(), s.start)
        if device is None and were is not None and (lead_of := _OF_THE_LEAD.match(s.text)):
            device = device_at(s.text, lead_of.end(), s.start)  # "Of the IEDs, 874 were removed"
        share = _SHARE_OF.match(s.text, rel) if device is None else None
        if share is not None:  # "Sa Kaeo province accounted for 3,417 of the AP mines"
            device = device_at(s.text, share.end(), s.start)
        if bracket is not None and device is None and not q.year_like:
            part = bare_model(s.text, rel, s.start, closed=True)
            if part is not None:
                category = part.category if part.category != "unknown" else bracket.category
                out.append((q, replace(part, category=category, head=bracket.head)))
                last_end = part.end
                continue
        if device is None and not q.year_like and (bare := bare_model(s.text, rel, s.start)):
            pending.append((q, bare))
            last_end = bare.end
            continue
        if device is not None and pending:
            for pq, pd in pending:  # "61 VS-50 and 36 TS-50 anti-personnel mines"
                category = pd.category if pd.category != "unknown" else device.category
                out.append(
                    (
                        pq,
                        replace(
                            pd,
                            category=category,
                            origin=pd.origin or device.origin,
                            origin_span=pd.origin_span if pd.origin else device.origin_span,
                            head=device.head,
                        ),
                    )
                )
        elif device is None:  # "..., including 12 PMN-2 and 3 TM-62M."
            closed = None if q.year_like else bare_model(s.text, rel, s.start, closed=True)
            out += _parts_by_model(s.text, s.start, pending + ([(q, closed)] if closed else []))
        pending = []
        elliptic = re.match(r"\s+(?:in|near|at|on|along|across)\b", s.text[rel:])
        if device is None and prev is not None and not q.year_like and elliptic:
            device = Device(q.end, q.end, prev.category, prev.model, None, None, None, None,
                                None, prev.head)  # fmt: skip
        lead = None if q.year_like else _place_led(s.text, q.start - s.start, rel, device)
        if lead is not None and device is not None:
            led[q.start] = (s.start + lead[0], s.start + lead[1])  # "In X, 2,106 mines were ..."
        elif lead is not None:
            # "In Mullaitivu district, 4,912 were destroyed; in Kilinochchi district, 3,406"
            context = prev or _context_device(doc, i, q.start - s.start)
            if context is not None:
                device = Device(q.end, q.end, context.category, context.model, None, None, None,
                                None, None, context.head)  # fmt: skip
                led[q.start] = (s.start + lead[0], s.start + lead[1])
        if device is None or re.search(
            r"\b(?:all|both|the|these|those)\s+$", s.text[: q.start - s.start], re.I
        ):
            continue
        if _SMALL_ARMS.match(doc.text, q.end, device.end + 40):
            continue  # "scores of rounds of 7.62mm ammunition": small-arms rounds, not ordnance
        if _RATE.match(s.text, device.end - s.start):
            continue  # "up to 5,500 mines per kilometre": a density, not a find
        out.append((q, device))
        prev = device
        last_end = device.end
    out += _parts_by_model(s.text, s.start, pending)
    for m in v["article"].finditer(s.text):
        device = device_at(s.text, m.end(), s.start)
        if device is None or (m.group().lower().startswith("including")
                              and not _ITEM_END.match(s.text, device.end - s.start)):  # fmt: skip
            continue  # "including a mine clearance team": "mine" names the team
        if not any(d.start == device.start for _, d in out):
            a = s.start + m.end() - len(m.group().split()[-1]) - 1
            q = Quantity(best=1.0, start=a, end=s.start + m.end() - 1)
            out.append((q, device))
    # A single item closing a list of counts: "... two TM-62M mines and an OZM-72 mine".
    for _, d in sorted(out, key=lambda c: c[1].end):
        at = d.end - s.start
        while (lm := v["list_single"].match(s.text, at)) is not None:
            device = device_at(s.text, lm.end(), s.start)
            if device is None or any(x.start == device.start for _, x in out):
                break
            if v["went_off"].match(s.text, device.end - s.start):
                break  # "... and a mine exploded": the device of an incident, not a find
            q = Quantity(best=1.0, start=s.start + lm.start(1), end=s.start + lm.end(1))
            out.append((q, device))
            at = device.end - s.start
    return out


# A count in a clause led by its place, with no device of its own: "in Bié province, 487;",
# "in Synelnykove district the figure was 1,118", "Aghdam district (1,912)".
_PLACE_LEAD = re.compile(
    r"(?:(?:^|[;,]\s*(?:and\s+)?)(?:in|In|at|At)\s+(?:the\s+)?(?P<a>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    r"(?:\s+(?:district|province|region|governorate|municipality|county|canton|oblast|state|"
    r"department|commune|township))?),?\s+(?:the\s+(?:figure|number|total)\s+was\s+)?|"
    r"\b(?P<b>[A-Z][\w'’-]*(?:\s+(?:district|province|region|governorate|municipality|county|"
    r"canton|oblast|state|department|commune|township))?)\s*\()$"
)
_PLACE_LEAD_START = re.compile(r"(?:In|At)\s+(?:the\s+)?[A-Z]")
_LED_TAIL = re.compile(
    r"\s*(?:[;,.)]|and\b|$)|\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:destroyed|"
    r"found|cleared|removed|neutrali[sz]ed|recovered|collected|located)\b"
)
_CATEGORY_PHRASE = re.compile(
    r"\b(?:anti-?\s?personnel|anti-?\s?tank|AP|AT)\s+(?:land)?mines?\b|\bitems\s+of\s+unexploded|"
    r"\bcluster\s+(?:sub)?munitions\b|\bimprovised\s+explosive|\bexplosive\s+(?:objects|items)\b",
    re.IGNORECASE,
)


def _place_led(text: str, start: int, end: int, device: Device | None) -> tuple[int, int] | None:
    """The span of the place leading the count at [start, end), if its clause is led so (a
    count with no device of its own must also end its clause or take a disposal verb)."""
    at = max(0, start - 80)
    window = text[at:start]
    if "(" not in window and "n " not in window and "t " not in window:
        return None  # no "in X, ", "at X, " or "X (" right before the count
    m = _PLACE_LEAD.search(window)
    if m is None or (device is None and not _LED_TAIL.match(text, end)):
        return None
    g = "a" if m.group("a") else "b"
    return at + m.start(g), at + m.end(g)


def _context_device(doc: Doc, i: int, before: int) -> Device | None:
    """The device the text is talking about: the last category phrase earlier in sentence i,
    else in the sentence before ("The anti-personnel mines came from the Vanni. In Mullaitivu
    district, 4,912 were destroyed")."""
    for j, stop in ((i, before), (i - 1, None)):
        if j < 0:
            break
        s = doc.sentences[j]
        found = list(_CATEGORY_PHRASE.finditer(s.text, 0, len(s.text) if stop is None else stop))
        for m in reversed(found):
            device = device_at(s.text, m.start(), s.start)
            if device is not None:
                return device
    return None


def _parts_by_model(
    text: str, offset: int, pending: list[tuple[Quantity, Device]]
) -> list[tuple[Quantity, Device]]:
    """Counts named by model alone after "including" ("destroyed: 1,204, including 311 Type
    72A"), kept when the catalogue knows each model's category."""
    if not pending or not _PART_INTRO.search(text, 0, pending[0][0].start - offset):
        return []
    return [(q, d) for q, d in pending if d.category != "unknown"]


def _reached(doc: Doc, i: int) -> list[tuple[Quantity, Device]]:
    """ "The number of mines ... dismantled since 2018 has reached 369,860" (a running total)."""
    s = doc.sentences[i]
    out: list[tuple[Quantity, Device]] = []
    for m in verbs()["reached"].finditer(s.text):
        q = next((q for q in doc.quantities(i) if q.start - s.start == m.end()), None)
        if q is None:
            continue
        g = 1 if m.group(1) is not None else 2 if m.group(2) is not None else 0
        if g == 0:  # the device follows the count
            if (dev := device_at(s.text, q.end - s.start, s.start)) is not None:
                out.append((q, dev))
            continue
        heads = device_at(m.group(g) + " ", 0, s.start + m.start(g))
        if heads is None:
            continue
        mixed = bool(re.search(r",|\band\b", m.group(g)))
        category = "unknown" if mixed else heads.category
        out.append((q, Device(heads.start, heads.end, category, None, None, None, None, None,
                              None, heads.head)))  # fmt: skip
    return out


def extract_finds(doc: Doc) -> list[Draft]:
    """All device finds of a document, in reading order."""
    v = verbs()
    drafts: list[Draft] = []
    for i, s in enumerate(doc.sentences):
        low = s.text.lower()
        row = is_table_row(doc, i)  # "PMA-2: 17;" after "Items found ...: PROM-1: 14;"
        if s.headline or TOTAL_LINE.match(s.text):
            continue
        if not (row or any(k in low for k in KEYWORDS)) and not (
            i > 0 and doc.cue(i).digit and _PLACE_LEAD_START.match(s.text)
            and any(k in doc.sentences[i - 1].text.lower() for k in KEYWORDS)
        ):  # fmt: skip
            continue  # "In Mullaitivu district, 4,912 were destroyed" after "The mines came ..."
        if is_list_row(s.text) and _SMALL_ARMS_LABEL.match(s.text):
            continue  # "- Small arms ammunition: 2,310 rounds": not explosive ordnance
        led: dict[int, tuple[int, int]] = {}
        prose = _candidates(doc, i, led)
        prose += [c for c in _reached(doc, i) if all(c[0].start != q.start for q, _ in prose)]
        rows = table_rows(doc, i, {q.start for q, _ in prose})
        cands = sorted(prose + rows, key=lambda c: c[0].start)
        if not cands:
            continue
        action = action_of(s.text)
        if action is None and row:
            action = next(filter(None, map(action_of, row_heads(doc, i))), None)
        breakdown = bool(v["breakdown"].match(s.text))
        parent = next((d for d in reversed(drafts) if d.sentences[0].index == i - 1), None)
        if action is None and parent is not None and _RUNNING.match(s.text):
            action = parent.fields["action"]  # "That brings the total ... to 9,380 objects"
        heading = None
        upper = list_parent(doc, i) if action is None and is_list_row(s.text) else None
        if upper is not None:  # "    – AP mines: 212" under "• Items destroyed nationwide: 6,420"
            action = action_of(upper.text)
            parent = next((d for d in reversed(drafts) if d.sentences[0].index == upper.index),
                          parent)  # fmt: skip
        if action is None and is_list_row(s.text):
            # "The week's results were as follows:\n• Anti-tank mines: 412": the list's lead
            lead, heading = list_lead(doc, i)
            parent = next((d for d in reversed(drafts) if d.sentences[0].index in lead), None)
            breakdown = parent is not None
            action = (
                None
                if breakdown
                else next(filter(None, (action_of(doc.sentences[k].text) for k in lead)), None)
            )
        if action is None and parent is not None and _ACCOUNTED.search(s.text):
            breakdown = True  # "Sa Kaeo province accounted for 3,417 of the anti-personnel mines"
        if action is None and not (breakdown and parent is not None):
            continue
        idx = [i]
        nxt = doc.sentences[i + 1] if i + 1 < len(doc.sentences) else None
        if nxt is not None and v["followup"].match(nxt.text):
            idx.append(i + 1)
            if action == "found":
                action = "found_and_neutralized"
        origin_hint = None
        if nxt is not None and (om := v["origin_followup"].search(nxt.text)):
            origin_hint = om
        cands = _mixed_totals(s.text, s.start, cands)
        last_when: DateExpr | None = None
        for n, (q, dev) in enumerate(cands):
            if v["skip"].search(s.text[: q.start - s.start]):
                continue
            seg_end = cands[n + 1][0].start if n + 1 < len(cands) else s.end
            if COMPARED.search(
                s.text, max(0, q.start - s.start - 30), q.start - s.start
            ) and not dated_comparison(doc, i, q.end, seg_end):
                continue  # "up from 250 the year before"; "up from 2,611 in Q3 2024" is kept
            limit = cands[n + 1][0].start if n + 1 < len(cands) else None
            place = None if q.start in led else doc.place_after(i, q.end, limit)
            if q.start in led:
                a, b = led[q.start]
                place = Place(doc.text[a:b], a, b, None)
            elif breakdown and (sp := _SUBJECT_PLACE.match(s.text)) is not None:
                place = Place(sp.group(1), s.start, s.start + sp.end(1), None)
            if place is None:  # the place named last before the count ("teams in X cleared ...
                before = [p for p in doc.places(i) if p.start < q.start]  # in Y, finding 410")
                place = before[-1] if before else next(iter(doc.places(i)), None)
            fields: dict[str, object] = {
                "quantity": _int(q.best),
                "device_category": dev.category,
                "model": dev.model,
                "origin_country": dev.origin,
                "production_year": dev.year,
                "place": place.text if place else None,
                "action": action,
                "period_start": None,
                "period_end": None,
                "authority": None,
            }
            spans: dict[str, tuple[int, int]] = {"quantity": (q.start, q.end)}
            if dev.end > dev.start:
                spans["device_category"] = (dev.start, dev.end)
            if dev.model_span:
                spans["model"] = dev.model_span
            if dev.origin_span:
                spans["origin_country"] = dev.origin_span
            if dev.year_span:
                spans["production_year"] = dev.year_span
            if place:
                spans["place"] = (place.start, place.end)
            if origin_hint is not None and fields["origin_country"] is None:
                from minewatch.extract.authorities import country_of

                country = country_of(origin_hint.group(1))
                if country:
                    fields["origin_country"] = country
                    spans["origin_country"] = (nxt.start + origin_hint.start(1),  # type: ignore[union-attr]
                                               nxt.start + origin_hint.end(1))  # type: ignore[union-attr]  # fmt: skip
                    if origin_hint.group(2) and fields["production_year"] is None:
                        fields["production_year"] = int(origin_hint.group(2))
                        spans["production_year"] = (nxt.start + origin_hint.start(2),  # type: ignore[union-attr]
                                                    nxt.start + origin_hint.end(2))  # type: ignore[union-attr]  # fmt: skip
            when = date_in_segment(doc, i, q.start, seg_end, cands[0][0].start, cands[-1][0].start)
            if when is None and n > 0 and _PART_INTRO.search(s.text, 0, q.start - s.start):
                when = last_when  # "..., among them 412 M77 submunitions": the total's period
            last_when = when
            if when is None:
                when = carried_date(doc, i, want_day=True) or carried_date(doc, i, want_day=False)
            if when is None and action in {"found", "found_and_neutralized"}:
                when = followup_date(doc, i) or dateline_date(doc, i, s.start, seg_end)
            draft = Draft("device_find", fields, [doc.sentences[j] for j in idx], spans=spans,
                          estimates={"quantity": q.estimate()}, anchor=q.start)  # fmt: skip
            if when is not None:
                fields["period_start"] = when.first.isoformat() if when.first else None
                fields["period_end"] = (
                    None if when.open_ended else (when.last or when.first).isoformat()  # type: ignore[union-attr]
                )
                spans["period_start"] = (when.start, when.end)
                draft.date_prec = when.prec
            if breakdown and parent is not None:
                draft.part_of = f"find:{parent.anchor}"
                for key in ("action", "period_start", "period_end"):
                    fields[key] = parent.fields[key]
                draft.date_prec = parent.date_prec
                if fields["place"] is None:
                    fields["place"] = parent.fields["place"]
            if heading is not None and fields["place"] is None:
                fields["place"] = heading.text.strip()  # the rows' heading: "Central Equatoria"
                spans["place"] = (heading.start, heading.end)
            if fields["place"] is None and upper is None and (rows or v["site"].search(s.text)):
                draft.extras["_site"] = True  # "at the same spot": placed by the pipeline
            if place is not None:
                draft.place_span = (place.start, place.end)
            drafts.append(draft)
    return drafts


# Words that introduce the parts of a total: ", including 46 AP mines", "(incl. 37 PMN)"
_PARTS = r"(?:\b(?:including|among\s+them|among\s+which|of\s+which|in\s+between\s+them)|\bincl\.)"
_INCLUDING = re.compile(rf",?\s+\(?{_PARTS}\s", re.I)
_PART_INTRO = re.compile(rf"{_PARTS}\s+$", re.I)
_PART_WERE = re.compile(r"\s+(?:were|was)\s+")
_MORE = re.compile(r"\s+(?:more|other|further|additional)\s+")
_WORD_GAP = re.compile(r"[a-z][\w-]*\s+")
_OF_THE_LEAD = re.compile(r"Of\s+(?:the|these|those)\s+")
_SHARE_OF = re.compile(r"\s+of\s+(?:the|these|those|them,?)\s+(?=\D)")
_ACCOUNTED = re.compile(r"\baccount(?:ed|s)?\s+for\b|\bmade\s+up\b", re.IGNORECASE)
# A breakdown sentence opened by its place: "Sa Kaeo province, where ..., accounted for 3,417"
_SUBJECT_PLACE = re.compile(
    r"^(?!(?:By|In|At|Of|The|For|From|On|Each|Every)\b)"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:province|district|region|governorate|"
    r"municipality|county|canton|state|department|oblast))\b"
)
_RATE = re.compile(
    r"\s+(?:per|a|an|each|every)\s+(?:linear\s+|square\s+)?(?:kilomet(?:re|er)|km|met(?:re|er)|"
    r"hectare|day|week|month|year|team|deminer)\b",
    re.IGNORECASE,
)
_SMALL_ARMS_LABEL = re.compile(r"^[^:]*\bsmall[\s-]arms?\b[^:]*:", re.IGNORECASE)
# "Week total: 19 AP mines, 3 AT mines, ...": the sum of a list already read, row by row
TOTAL_LINE = re.compile(
    rf"^\s*(?:{BULLET}\s+)?(?:(?:week|weekly|month|monthly|grand|overall|daily)\s+)?totals?\s*:",
    re.IGNORECASE,
)
_RUNNING = re.compile(r"^(?:That|This|It)\s+(?:brings|brought|raises|raised|takes|took)\s+the\s+"
                      r"(?:total|tally)\b")  # fmt: skip
# what may follow one item named after "including a": the end of the list or a clause about it
_ITEM_END = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:that|which|and|or|in|on|at|near|from|with|was|were|weighing|"
    r"dropped|left|fired|found|buried|hidden|lodged|embedded)\b"
)
_MINE_LIKE = frozenset({"AP mine", "AT mine", "IED"})


def _mixed_totals(
    text: str, offset: int, cands: list[tuple[Quantity, Device]]
) -> list[tuple[Quantity, Device]]:
    """A total of ordnance whose parts named after it ("..., including 46 anti-personnel
    mines") include mines or IEDs is of mixed categories: `unknown`, not UXO."""
    out = list(cands)
    for n, (q, dev) in enumerate(cands):
        if dev.category != "UXO" or not _INCLUDING.match(text, dev.end - offset):
            continue
        parts = [d for _, d in cands[n + 1 :]]
        if any(d.category in _MINE_LIKE or re.match(r"(?:land)?mines?$", d.head) for d in parts):
            out[n] = (q, replace(dev, category="unknown"))
    return out


def _int(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
