"""The document under extraction: sentences and their lazily computed features.

Kind modules ask this object for a sentence's quantities, dates (anaphors resolved in
reading order), places and authorities; each is computed once per sentence and only for
sentences that need it, which keeps the hot path cheap.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from minewatch.extract import authorities as auth
from minewatch.extract.dates import dates_the_report, find_dates
from minewatch.extract.numbers import find_quantities, may_have_quantities
from minewatch.extract.places import Place, find_places
from minewatch.extract.resolver import Resolver, document_country, is_actor
from minewatch.extract.tokens import cues
from minewatch.extract.types import AuthorityMention, Cues, DateExpr, Quantity, Sentence, Span

_CONTINUATION = re.compile(r"^(?:In\s+addition|Also|Additionally|Furthermore|Besides)\b")
_SAME_DAY_CUE = re.compile(
    r"\b(?:in\s+the\s+(?:afternoon|evening|morning)|that\s+day|afterwards|shortly\s+after|"
    r"after\s+the\s+(?:ceremony|handover|meeting|briefing|visit))\b",
    re.IGNORECASE,
)
_IMPLEMENTER = re.compile(
    r"\b(?:carried\s+out|conducted|implemented|performed|done|undertaken)\s+by\s+[^.;]{0,150}$",
    re.IGNORECASE,
)
# A date given with a figure for comparison: "compared with 29.1 km2 in 2023"
_COMPARED_DATE = re.compile(
    r"\b(?:(?:up|down|rising|falling|increase|decrease|rise|fall|drop)\s+from|compared\s+"
    r"(?:with|to)|versus|against)\b[^.;]*$",
    re.IGNORECASE,
)
# "Reporting period: 24-30 August 2026": a report's header line that dates what follows
_PERIOD_LABEL = re.compile(r"^\s*(?:reporting\s+)?period(?:\s+covered)?\s*:", re.IGNORECASE)
_UNIT_OF_LEVEL = {
    level: re.compile(rf"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+{unit}\b")
    for level, unit in (
        ("provincial", "province"),
        ("district", "district"),
        ("municipal", "municipality"),
        ("departmental", "department"),
    )
}


class Doc:
    """A document body with per-sentence features computed on demand."""

    def __init__(self, text: str, published: dt.date | None, sentences: list[Sentence]) -> None:
        self.text = text
        self.published = published
        self.sentences = sentences
        self._quantities: dict[int, list[Quantity]] = {}
        self._places: dict[int, list[Place]] = {}
        self._raw: dict[int, list[DateExpr]] = {}
        self._cues: dict[int, Cues] = {}
        # Dates and mentions resolve in reading order (anaphors, generic "the ministry"), so
        # they are computed for a prefix of the sentences, extended on demand: sentences after
        # the last one a fact needs are never scanned.
        self._dated: list[list[DateExpr]] = []
        self._last_day: DateExpr | None = None
        self._last_period: DateExpr | None = None
        self._mentioned: list[list[AuthorityMention]] = []
        self._resolver = Resolver(lambda: self.country)  # the country scan runs if needed

    def cue(self, i: int) -> Cues:
        """Keyword prefilter input of sentence i (cached): lets modules skip whole patterns."""
        found = self._cues.get(i)
        if found is None:
            found = self._cues[i] = cues(self.sentences[i].text)
        return found

    @cached_property
    def country(self) -> str | None:
        """The country the document is about, when one dominates."""
        return document_country(self.text[:20000])

    # ---- dates -------------------------------------------------------------------------
    def _next_dates(self) -> list[DateExpr]:
        """Dates of the next unresolved sentence, anaphors ("the same period") resolved."""
        s = self.sentences[len(self._dated)]
        resolved: list[DateExpr] = []
        if (s.headline and not _PERIOD_LABEL.match(s.text)) or (
            not _any_isdigit(s.text, self.cue(s.index)) and not _has_date_word(s.text)
        ):
            return resolved
        for raw in self._raw_dates(s.index):
            d = (
                self._resolve_anaphor(raw, self._last_day, self._last_period)
                if raw.anaphoric
                else raw
            )
            if d is None:
                continue
            resolved.append(d)
            before = s.text[: d.start - s.start]
            compared = (raw.anaphoric and raw.first is not None) or _COMPARED_DATE.search(
                before[-60:]
            )  # "up from 2,611 in the same quarter of 2024": not the period that goes on
            if d.first is not None and not compared and not dates_the_report(before, d):
                if d.is_day:
                    self._last_day = d
                else:
                    self._last_period = d
        return resolved

    @staticmethod
    def _resolve_anaphor(
        d: DateExpr, last_day: DateExpr | None, last_period: DateExpr | None
    ) -> DateExpr | None:
        low = d.text.lower()
        if "day" in low and ("following" in low or "next" in low):
            if last_day is None or last_day.first is None:
                return None
            day = last_day.first + dt.timedelta(days=1)
            return DateExpr(d.start, d.end, day, day, 1, False, False, d.text)
        if re.search(r"\bday\b", low) or low.endswith("later"):  # "hours later"
            if last_day is None:
                return None
            return DateExpr(d.start, d.end, last_day.first, last_day.last, 1, False, False, d.text)
        if last_period is None or last_period.first is None:
            return None
        first, last = last_period.first, last_period.last
        if d.first is not None:  # "the same period of 2022"
            try:
                first = first.replace(year=d.first.year)
                last = last.replace(year=d.first.year) if last else None
            except ValueError:
                return None
        return DateExpr(d.start, d.end, first, last, last_period.prec, last_period.open_ended,
                        False, d.text)  # fmt: skip

    def _raw_dates(self, i: int) -> list[DateExpr]:
        """Every date phrase of sentence i, resolved or not (cached)."""
        if i not in self._raw:
            s = self.sentences[i]
            self._raw[i] = find_dates(s.text, s.start, self.published, self.cue(i))
        return self._raw[i]

    def dates(self, i: int) -> list[DateExpr]:
        """Resolved date phrases of sentence i."""
        if i < 0:
            i += len(self.sentences)
        while len(self._dated) <= i:
            self._dated.append(self._next_dates())
        return self._dated[i]

    def date_near(self, i: int, pos: int) -> DateExpr | None:
        """The date phrase of sentence i nearest to character `pos`."""
        cands = [d for d in self.dates(i) if d.first is not None]
        if not cands:
            return None
        return min(cands, key=lambda d: (min(abs(d.start - pos), abs(d.end - pos)), d.start > pos))

    def inherited_date(self, i: int, *, want_day: bool) -> DateExpr | None:
        """A date carried over from earlier sentences when the text signals continuity."""
        s = self.sentences[i]
        last = next((d for j in range(i - 1, -1, -1) for d in reversed(self.dates(j))
                     if d.first and not self._reports(j, d)), None)  # fmt: skip
        if last is None:
            return None
        if want_day and _SAME_DAY_CUE.search(s.text) and last.is_day:
            return last
        if not want_day and not last.is_day and not last.open_ended:
            return last
        if _CONTINUATION.match(s.text) and not last.open_ended:
            return last
        return None

    def _reports(self, j: int, d: DateExpr) -> bool:
        s = self.sentences[j]
        return dates_the_report(s.text[: d.start - s.start], d)

    # ---- numbers and places ------------------------------------------------------------
    def quantities(self, i: int) -> list[Quantity]:
        """Quantities of sentence i, with its date phrases protected."""
        if i not in self._quantities:
            s = self.sentences[i]
            if not may_have_quantities(self.cue(i)):  # skip the date scan for the guard too
                self._quantities[i] = []
                return []
            guard = [(d.start, d.end) for d in self._raw_dates(i)]
            self._quantities[i] = find_quantities(s.text, s.start, guard, self.cue(i))
        return self._quantities[i]

    def places(self, i: int) -> list[Place]:
        """Place phrases of sentence i; anaphors ("in the region") resolved."""
        if i not in self._places:
            s = self.sentences[i]
            found = find_places(s.text, s.start, self.cue(i).low)
            out: list[Place] = []
            for p in found:
                if p.anaphoric:
                    if p.admin == "country":
                        if self.country:
                            out.append(Place(self.country, p.start, p.end, "country"))
                        continue
                    named = self._previous_place(i, p.admin or "")
                    if named is not None:
                        out.append(Place(named, p.start, p.end, p.admin))
                    continue
                out.append(p)
            self._places[i] = out
        return self._places[i]

    def _previous_place(self, i: int, admin: str) -> str | None:
        for j in range(i, -1, -1):
            s = self.sentences[j]
            for p in reversed(find_places(s.text, s.start, self.cue(j).low)):
                if p.anaphoric:
                    continue
                if admin.endswith("s") and admin in p.text.split():
                    # "in the three provinces": the whole list ("A, B and C provinces")
                    return re.split(r"\s+in\s+", p.text)[-1]
                # "in the district" names the part of "X district, Y province" with that word
                parts = [x.strip() for x in p.text.split(",") if admin in x.split()]
                if parts:
                    return re.sub(r"^(?:near|around)\s+", "", parts[-1])
        return None

    def place_after(self, i: int, pos: int, limit: int | None = None) -> Place | None:
        """The first place phrase of sentence i after `pos` (and before `limit`)."""
        for p in self.places(i):
            if p.start >= pos and (limit is None or p.start < limit):
                return p
        return None

    # ---- authorities -------------------------------------------------------------------
    def mentions(self, i: int) -> list[AuthorityMention]:
        """Resolved authority mentions of sentence i."""
        if i < 0:
            i += len(self.sentences)
        while len(self._mentioned) <= i:
            s = self.sentences[len(self._mentioned)]
            resolved = []
            for m in auth.find_mentions(s.text, s.start, self.cue(s.index)):
                r = self._resolver.resolve(m)
                if r is not None:
                    resolved.append(r)
            self._mentioned.append(_join_lists(self.text, resolved))
        return self._mentioned[i]

    @property
    def primary(self) -> str | None:
        """The first body quoted as a speaker anywhere in the document."""
        if self.sentences:
            self.mentions(len(self.sentences) - 1)
        return self._resolver.primary

    def authority(self, idx: list[int], place: str | None = None) -> tuple[str | None, Span | None]:
        """The body a fact in sentences `idx` is credited to, and the span that says so."""
        chosen: AuthorityMention | None = None
        for i in idx:
            attributed = [m for m in self.mentions(i) if m.attribution]
            if attributed:
                chosen = attributed[0]
                break
        passive: AuthorityMention | None = None
        if chosen is None:
            for i in idx:
                actors = [m for m in self.mentions(i) if is_actor(m)]
                agents = [m for m in actors if not _implementer_before(self.text, m.start)]
                if agents:
                    chosen = agents[0]
                    break
                passive = passive or (actors[0] if actors else None)
        for speakers_only in (True, False):  # "according to X" covers its own sentence first
            for j in range(min(idx) - 1, -1, -1):
                if chosen is not None:
                    break
                attributed = [m for m in self.mentions(j)
                              if m.attribution and not (speakers_only and m.source)]  # fmt: skip
                if attributed:
                    chosen = attributed[-1]
        chosen = chosen or passive  # "carried out by X" only when nobody is quoted
        if chosen is None:
            name = self.primary
            if name is None:  # a press release: the body doing the work earlier in the text
                earlier = [m for j in range(min(idx) - 1, -1, -1) for m in self.mentions(j)
                           if is_actor(m)]  # fmt: skip
                if earlier:
                    return earlier[0].name, None
            return name, None
        name = chosen.name
        level = name.split()[0]
        if level in _UNIT_OF_LEVEL:
            # "district police" -> "Rattanak Mondul district police": the unit the fact names
            unit = _UNIT_OF_LEVEL[level]
            for text in [place or "", *(self.sentences[i].text for i in idx)]:
                if (um := unit.search(text)) is not None:
                    name = f"{um.group(1)} {name}"
                    break
        return name, (chosen.start, chosen.end)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _any_isdigit(text: str, cue: Cues) -> bool:
    """`any(ch.isdigit() for ch in text)` without a Python loop over every character.

    `str.isdigit` also accepts non-decimal digits such as "²" that regex `\\d` does not.
    """
    return cue.digit or any(ch.isdigit() for ch in _NON_ASCII.findall(text))


def _implementer_before(text: str, start: int) -> bool:
    """True when the mention is the agent of "carried out by": it did the work, not the telling."""
    return bool(_IMPLEMENTER.search(text[max(0, start - 200) : start]))


def _has_date_word(text: str) -> bool:
    low = text.lower()
    return any(
        w in low
        for w in ("day", "week", "month", "year", "since", "today", "yesterday", "night",
                  "january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december", "quarter", "period", "later")
    )  # fmt: skip


def _join_lists(text: str, mentions: list[AuthorityMention]) -> list[AuthorityMention]:
    """Merge "A, B and C said" into one joint attribution named as the text lists them."""
    if len(mentions) < 2:
        return mentions
    out: list[AuthorityMention] = []
    group: list[AuthorityMention] = [mentions[0]]
    for m in mentions[1:]:
        gap = text[group[-1].end : m.start]
        if re.fullmatch(r",\s+(?:the\s+)?|,?\s+and\s+(?:the\s+)?", gap):
            group.append(m)
        else:
            out.append(_merge(text, group))
            group = [m]
    out.append(_merge(text, group))
    return out


def _merge(text: str, group: list[AuthorityMention]) -> AuthorityMention:
    if len(group) == 1:
        return group[0]
    last = group[-1]
    if not last.attribution:
        return group[0]
    raw = [re.sub(r"^(?:the|The)\s+", "", text[m.start : m.end]) for m in group]
    joined = ", ".join(raw[:-1]) + " and " + raw[-1]
    return AuthorityMention(joined, group[0].start, last.end, True, False, "joint")
