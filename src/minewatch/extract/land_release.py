"""Land release: areas cancelled, reduced or cleared, converted to square metres.

An area is a quantity followed by an area unit and tied to a release verb in its clause;
the method comes from the nearest method words ("cancelled through non-technical survey",
"cleared", "carried out non-technical survey of"). Plans, targets, task sizes, remaining
contamination and figures given for comparison with no year of their own are not releases.
"""

from __future__ import annotations

import re
from functools import cache

from minewatch.extract.context import Doc
from minewatch.extract.finds import (
    COMPARED,
    TOTAL_LINE,
    carried_date,
    date_in_segment,
    dated_comparison,
    fact_dates,
)
from minewatch.extract.places import subject_country
from minewatch.extract.tables import is_list_row, list_lead, list_parent
from minewatch.extract.tokens import BULLET
from minewatch.extract.types import DateExpr, Draft

_UNIT_FACTORS = {"m2": 1.0, "ha": 10_000.0, "km2": 1_000_000.0, "acre": 4046.8564224}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "unit": re.compile(
            # "a 58,400 square-metre minefield": the adjective form too
            r"\s*(?:(?P<m2>square[\s-]met(?:re|er)s?|sq\.?\s*m\b|m2\b|m²|sqm\b)|"
            r"(?P<ha>hectares?\b|ha\b)|(?P<km2>square[\s-]kilomet(?:re|er)s?|sq\.?\s*km\b|km2\b|"
            r"km²)|"
            r"(?P<acre>acres?\b))",
            re.IGNORECASE,
        ),
        "release": re.compile(
            r"\b(?:cleared|released|cancell?ed|reduced|returned|freed|handed\s+over|demined|"
            r"surveyed|clearance|released|inspected|examined|"
            # ", clearing 6.2 hectares" is done; "a company is clearing 24 hectares" is not yet
            r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)(?:clearing|releasing)|"
            # "carried out non-technical survey of 2.4 thousand hectares"
            r"(?:carried\s+out|conducted|completed|performed)\s+(?:an?\s+|the\s+)?"
            r"(?:(?:non-)?technical\s+)?survey\s+(?:of|on|over|covering))\b",
            re.IGNORECASE,
        ),
        "skip": re.compile(
            r"\b(?:plans?|planned|aims?\s+to|target|goal|expected\s+to|will\s+be|still|"
            r"remain(?:s|ing)?|estimates?\s+that|need\s+to\s+be|suspected\s+to\s+be|task\s+area|"
            r"contaminated|may\s+be|might\s+be|could\s+be|identified)\b",
            re.IGNORECASE,
        ),
        "intent": re.compile(
            r"\b(?:wants?|wanted|hopes?|aims?|intends?|plans?|planned|seeks?|expects?|needs?|must|"
            r"should|would|will|shall|to\s+be|once|until|remaining|remainder|targets?|"
            r"goal)\b",
            re.IGNORECASE,
        ),
        "nts": re.compile(r"\bcancell?ed\b|\bnon-technical\s+survey\b", re.IGNORECASE),
        "ts": re.compile(r"\breduced\b|(?<!non-)\btechnical\s+survey\b", re.IGNORECASE),
        "clear": re.compile(r"\bclear(?:ed|ance|ing)\b|\bdemined\b", re.IGNORECASE),
        "same": re.compile(r"\b(?:these|the\s+same)\b", re.IGNORECASE),
        "site": re.compile(
            r"\b(?:the|that|this)\s+(?:site|task\s+area|task|minefield|plot|field)\b|"
            r"\b\d+(?:\.\d+)?-(?:hectare|ha)\s+(?:task|site|plot|minefield)\b",
            re.IGNORECASE,
        ),
        "cumulative": re.compile(
            r"\b(?:to\s+date|so\s+far|thus\s+far|until\s+now|up\s+to\s+now)\b", re.I
        ),
        "hedge": re.compile(
            r"\b(?:mostly|mainly|largely|chiefly|primarily|partly|most\s+of\s+it)\b[^,;]{0,60}$",
            re.IGNORECASE,
        ),
    }


def _method(segment: str) -> str | None:
    pats = _patterns()
    if pats["nts"].search(segment):
        return "non-technical survey"
    if pats["ts"].search(segment):
        return "technical survey"
    if pats["clear"].search(segment):
        return "clearance"
    return None


def _nearest_method(before: str, after: str) -> str | None:
    """The method stated in the area's own clause first: "reduced 84 ha through technical survey
    and cancelled 1.3 km2 ..." gives the 84 ha technical survey, not the next clause's method."""
    own_after = _CLAUSE_END.split(after, maxsplit=1)[0]
    own_before = _CLAUSE_END.split(before)[-1]
    return _method(own_after) or _method(own_before) or _method(after) or _method(before)


_ELLIPTIC = re.compile(
    r"\s*(?:square[\s-]\w+|sq\.?\s*k?m|m2|km2|hectares?|ha)[^.;]{0,40}"
    r"(?:,|\band\b)\s*$",
    re.IGNORECASE,
)
_BY_METHOD = re.compile(
    r"\s+(?:through|by|via|using|under)\s+(?:\w+\s+){0,2}?"
    r"(?:clearance|survey|demining|cancell?ation|reduction)",
    re.IGNORECASE,
)
_BY_PLACE = re.compile(
    r"^By\s+(?:district|province|region|governorate|municipality|county|canton|state|"
    r"department|oblast|area)\b|\baccount(?:ed|s)?\s+for\b"
)
_ROW_LABEL = re.compile(rf"\s*{BULLET}?\s*([A-Z][\w'’ -]{{1,40}}?)\s*:")
_OWNER = re.compile(
    r"(?:^|,\s*(?:and\s+)?|\band\s+)(?:By\s+\w+,\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
    r"(?:accounted\s+)?for\s+$"
)
_ANAPHORIC_COUNT = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;]|\band\b|\bwhile\b|\bwhereas\b")
# "released 14.7 ha, clearing 6.2 ha and reducing the remaining 8.5 ha": the rest of a release
_REST_PART = re.compile(
    r"\b(?:reduc|cancell?|clear|releas)(?:ing|ed)\s+the\s+(?:remaining|other)\s+$", re.IGNORECASE
)
_SIZE_OF = re.compile(
    r"(?:\b(?:which|that)\s+(?:covers|covered|measures|measured|spans|spanned)|"
    r",\s+(?:covering|measuring|spanning))\s+$",
    re.IGNORECASE,
)
# "cleared the 1.2 sq km site": the size of the place released, not a figure referred back to
_SIZED_SITE = re.compile(
    r"\b(?:cleared|released|demined|cancell?ed|surveyed)\s+the\s+[\d.,]+\s*"
    r"(?:square[\s-]\w+|sq\.?\s*k?m|km2|m2|hectares?|ha|-hectare)\s+"
    r"(?:site|area|minefield|field|plot|task|tract|strip|parcel)\b",
    re.IGNORECASE,
)


def extract_land_release(doc: Doc) -> list[Draft]:
    """Land release facts of a document, in reading order."""
    pats = _patterns()
    drafts: list[Draft] = []
    first_place = next(
        (p for j in range(len(doc.sentences)) if not doc.sentences[j].headline
         for p in doc.places(j)), None,
    )  # fmt: skip
    for i, s in enumerate(doc.sentences):
        if s.headline or TOTAL_LINE.match(s.text):
            continue  # a "Total:" line sums a list already read
        low = s.text.lower()
        if not any(u in low for u in ("square", "sq", "m2", "m²", "hectare", " ha", "km", "acre")):
            continue
        # "in the three districts": a count that refers back is no figure and splits no clause
        qs = [
            q
            for q in doc.quantities(i)
            if not _ANAPHORIC_COUNT.search(s.text, max(0, q.start - s.start - 7), q.start - s.start)
            or _SIZED_SITE.search(s.text, max(0, q.start - s.start - 40), q.end - s.start + 40)
            or _REST_PART.search(s.text, max(0, q.start - s.start - 40), q.start - s.start)
        ]
        # the previous released area of the sentence: (index, method, unit factor)
        accepted: tuple[int, str, float] | None = None
        for n, q in enumerate(qs):
            rel = q.end - s.start
            unit = pats["unit"].match(s.text, rel)
            if unit is not None:
                factor = _UNIT_FACTORS[next(k for k, v in unit.groupdict().items() if v)]
                unit_end = unit.end()
            elif (
                accepted is not None
                and accepted[0] == n - 1
                and _ELLIPTIC.match(s.text, qs[n - 1].end - s.start, q.start - s.start)
                and _BY_METHOD.match(s.text, rel)
            ):
                # "96,200 square metres through clearance and 82,450 through technical
                # survey": the second area takes the unit of the first
                factor, unit_end = accepted[2], rel
            else:
                continue
            if q.year_like:
                continue
            prev_end = qs[n - 1].end - s.start if n > 0 else 0
            next_start = qs[n + 1].start - s.start if n + 1 < len(qs) else len(s.text)
            before = s.text[prev_end : q.start - s.start]
            after = s.text[unit_end:next_start]
            coordinated = (
                accepted is not None
                and accepted[0] == n - 1
                and re.fullmatch(r"[^.;]{0,80}?(?:,|\band\b)[^.;]{0,40}", before) is not None
                and not pats["release"].search(before)
                and not pats["skip"].search(before + after)
            )
            rest = _REST_PART.search(before) is not None  # "reducing the remaining 8.5 ha"
            if _SIZE_OF.search(before):
                continue  # "the depot site, which covers about 60 hectares": a size
            by_place = _BY_PLACE.search(s.text) is not None and any(
                d.sentences[0].index == i - 1 for d in drafts
            )  # "By district, Bint Jbeil accounted for 181,200 m2, Marjayoun for 142,900 m2"
            upper = list_parent(doc, i) if is_list_row(s.text) else None
            if upper is not None and pats["release"].search(upper.text):
                by_place = True  # "    – Helmand: 2,104,000 m²" under "• Land released: ..."
            if not coordinated and not rest and not by_place and not _released(before, after):
                continue
            if not rest and pats["intent"].search(re.split(r"[,;:]", before[-60:])[-1]):
                continue  # "wants 20,000 ha surveyed", "once the remaining 6,500 m2 are cleared"
            if COMPARED.search(before[-30:]) and not dated_comparison(
                doc, i, q.end, s.start + next_start
            ):
                continue  # "up from 8.1 km2 the year before": a figure compared with
            method = _nearest_method(before, after)
            if method is None and by_place:
                method = next(d.fields["method"] for d in reversed(drafts)
                              if d.sentences[0].index == i - 1)  # fmt: skip
            if method is None:
                method = accepted[1] if coordinated and accepted else "unknown"
            accepted = (n, method, factor)
            area = round(q.best * factor, 3)
            fields: dict[str, object] = {
                "area_m2": int(area) if float(area).is_integer() else area,
                "method": method,
                "place": None,
                "period_start": None,
                "period_end": None,
                "authority": None,
            }
            spans = {"area_m2": (q.start, s.start + unit_end)}
            est = q.estimate()
            est = {
                k: (
                    round(v * factor, 3)
                    if isinstance(v, int | float) and k in {"low", "best", "high"}
                    else v
                )
                for k, v in est.items()
            }
            draft = Draft("land_release", fields, [s], spans=spans, estimates={"area_m2": est},
                          anchor=q.start)  # fmt: skip
            place = (
                doc.place_after(i, q.end, s.start + next_start)
                or next(iter(doc.places(i)), None)
                or subject_country(s.text, s.start)  # "Croatia released 27.8 km2 ..."
            )
            if place is not None:
                fields["place"] = place.text
                spans["place"] = (place.start, place.end)
                draft.place_span = (place.start, place.end)
            elif pats["same"].search(s.text) and (last := _last_place(doc, i)):
                fields["place"] = last
            elif pats["site"].search(s.text) and first_place is not None:
                fields["place"] = first_place.text
            elif upper is not None and (label := _ROW_LABEL.match(s.text)) is not None:
                fields["place"] = label.group(1)  # the row's label: "Helmand"
                spans["place"] = (s.start + label.start(1), s.start + label.end(1))
            elif by_place and (owner := _OWNER.search(before)) is not None:
                fields["place"] = owner.group(1)  # "Marjayoun for 142,900 square metres"
                at = s.start + prev_end
                spans["place"] = (at + owner.start(1), at + owner.end(1))
            elif is_list_row(s.text) and (heading := list_lead(doc, i)[1]) is not None:
                fields["place"] = heading.text.strip()  # the heading of the list's group
                spans["place"] = (heading.start, heading.end)
            seg_end = s.start + next_start
            first = qs[0].start
            when = date_in_segment(doc, i, q.start, seg_end, first, qs[-1].start)
            if when is None and pats["cumulative"].search(s.text):
                when = _work_start(doc, i)
            if when is None:
                when = carried_date(doc, i, want_day=False)
            if when is not None:
                draft.set_period(when)
            draft.extras["_hedged"] = place is not None and bool(
                pats["hedge"].search(doc.text[max(0, place.start - 80) : place.start])
            )
            drafts.append(draft)
    _inherit_from_totals(drafts)
    return drafts


def _last_place(doc: Doc, i: int) -> str | None:
    """The latest place named before sentence i, for "in these districts"."""
    for j in range(i - 1, -1, -1):
        if not doc.sentences[j].headline and doc.places(j):
            return doc.places(j)[-1].text
    return None


def _released(before: str, after: str) -> bool:
    """True when a release verb governs the area and no plan or remainder word sits between."""
    pats = _patterns()
    verb_after = pats["release"].search(after)
    verbs_before = list(pats["release"].finditer(before))
    if verb_after is None and not verbs_before:
        return False
    if verb_after is not None and (not verbs_before or verb_after.start() < 40):
        between = after[: verb_after.start()]
        lead = ""
    else:
        verb = verbs_before[-1]
        between = before[verb.end() :]
        lead = before[max(0, verb.start() - 30) : verb.start()]
    return not pats["skip"].search(between + " " + lead)


def _work_start(doc: Doc, i: int) -> DateExpr | None:
    """ "cleared to date": the open period the paragraph says the work started."""
    para = doc.sentences[i].paragraph
    for j in (i + 1, i - 1, i - 2):
        if 0 <= j < len(doc.sentences) and doc.sentences[j].paragraph in (para, para - 1):
            opened = [d for d in fact_dates(doc, j) if d.open_ended]
            if opened:
                return opened[0]
    return None


def _inherit_from_totals(drafts: list[Draft]) -> None:
    """Parts of a stated total ("Of that area, 1.12 km2 was cleared, ...") take its period and,
    when their own place is missing or hedged ("mostly along ..."), its place."""
    for n, total in enumerate(drafts):
        area = float(total.fields["area_m2"])  # type: ignore[arg-type]
        lower = total.estimates["area_m2"].get("low") is not None
        acc = 0.0
        parts: list[Draft] = []
        for part in drafts[n + 1 : n + 8]:
            if part.sentences[0].index - total.sentences[0].index > 2:
                break
            acc += float(part.fields["area_m2"])  # type: ignore[arg-type]
            parts.append(part)
            if len(parts) >= 2 and (
                abs(acc - area) <= area * 0.005 or (lower and area <= acc <= area * 1.1)
            ):
                for p in parts:
                    if p.fields["period_start"] is None:
                        for key in ("period_start", "period_end"):
                            p.fields[key] = total.fields[key]
                        p.date_prec = total.date_prec
                    if total.fields["place"] and (not p.fields["place"] or p.extras["_hedged"]):
                        p.fields["place"] = total.fields["place"]
                        p.spans.pop("place", None)
                        p.place_span = None
                break
            if acc > area * 1.1:
                break
    for d in drafts:
        d.extras.pop("_hedged", None)
