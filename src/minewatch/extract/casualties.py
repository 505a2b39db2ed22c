"""Casualties: people killed and injured, as one incident or as an aggregate over a period.

Counts are tied to roles by the verb next to them ("five people were killed", "killed four
people", "45 of them ... have died", "268 citizens have fallen victim", "25 victims, nine
of them fatally", "caused the death of two civilians"); parentheticals
("including three journalists") are masked first so they do not break that adjacency, and
read separately for children. A stated victim total minus the killed gives the injured.
Continuation sentences ("Of the 45 dead, 35 are civilians.") extend the same fact. The
breakdown extras (victims, status unknown, deminers, occupations, sex, device) are read by
`casualty_detail` from the same roles and the part of the sentence each fact covers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from minewatch.extract.casualty_counts import AND_PERSON, among_dead, child_count, persons
from minewatch.extract.casualty_detail import Role, details
from minewatch.extract.casualty_words import (
    ATTACK,
    CARE,
    CAUSE,
    CIVILIAN,
    HARM,
    MILITARY,
    NOUN_ROLE,
    ORDNANCE_WORD,
    PERSON,
    PERSON_WORD,
    RELATIVE,
    VERB,
    is_animal,
    verb_role,
)
from minewatch.extract.context import Doc
from minewatch.extract.finds import fact_dates
from minewatch.extract.places import ranking_places, subject_country
from minewatch.extract.tokens import lower_folded
from minewatch.extract.types import DateExpr, Draft, Quantity, Sentence

# A second event told in the same sentence: its counts are a fact of their own.
_NEW_EVENT = re.compile(
    r"\b(?:another|a\s+second|a\s+separate|a\s+further)\s+(?:[\w-]+\s+){0,2}?(?:blast|"
    r"explosion|incident|accident|mine|landmine|device|shell|bomb|bomblet)s?\b|"
    r"\b(?:separately|elsewhere|meanwhile)\b|;",
    re.IGNORECASE,
)
_LEAD_PERSON = re.compile(
    rf"\b(?:A|An|One|a|an|one|The|the)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON})\s+and\s+$"
)
_LEAD_KIN = re.compile(
    rf"\b(?:A|An|One|a|an|one)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON})\s+and\s+(?:his|her|their)\s+$"
)
_OWN_VERB = re.compile(
    r"\b(?:were|was)\s+(?:killed|injured|wounded|hurt|maimed)\b|\bdied\b|\bfatal(?:ly)?\b|"
    r"\bof\s+(?:them|whom)\s+(?:killed|dead)\b"  # ", 625 of them killed,"
)
# "killed or injured", "killed and wounded": a victim count, both outcomes together
_EITHER = re.compile(r"\s+(?:or|and(?:/or)?)\s+(?:injured|wounded|maimed|hurt)\b", re.I)
# "injured seven people ..., two of whom later died": the injured count covers the dead
_LATER_DIED = re.compile(
    r"[^.;]{0,60}?,\s+[\w-]+\s+of\s+(?:whom|them)\s+(?:later\s+|subsequently\s+|since\s+)?"
    r"(?:have\s+|has\s+|had\s+)?(?:died|succumbed)\b",
    re.IGNORECASE,
)
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those|these)\b")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    aux = r"(?:(?:were|was|have|has|had|are|is)\s+(?:been\s+)?)?"
    adv = r"(?:(?:seriously|badly|critically|severely|slightly|fatally|also|reportedly)\s+)?"
    return {
        "after": re.compile(
            rf"^(?:\s+(?:[\w'’-]+)){{0,4}}?(?:\s+(?:of|from)(?:\s+(?:the|his|her|their|its))?"
            rf"(?:\s+[\w'’()-]+){{1,6}}?|\s+who\s+(?:were|was|had\s+been)\s+[^,.;]{{1,60}}?)?\s+"
            rf"{aux}{adv}({HARM})\b",
            re.IGNORECASE,
        ),
        "before": re.compile(
            r"\b(killed|injured|wounded|hurt|maimed)\s+(?:his|her|their|its)?\s*$|"
            r"\b(killing|wounding|injuring|maiming)\s+$|"  # "went off, killing two soldiers"
            # "caused the death of two civilians and the injury of three others"
            r"\b(deaths?|killing|injury|injuries|injuring|wounding)\s+of\s+$",
            re.IGNORECASE,
        ),
        # "25 victims, nine of them fatally", "14 casualties, four of them fatal"
        "fatal": re.compile(
            r"^\s+of\s+(?:them|whom|those|these)\s+(?:(?:were|was|proved|being)\s+)?"
            r"(?:fatal(?:ly)?|fatalities|deaths)\b",
            re.IGNORECASE,
        ),
        # "from mines ... suffered 890 persons": victims in translated reports
        "suffered": re.compile(r"\b(?:suffered|affected)\s+$", re.IGNORECASE),
        # "a soldier was killed and another was wounded": one more victim
        "another": re.compile(
            rf"\b(?:and|but|while)\s+((?:another|the\s+other)"
            rf"(?:\s+(?:{PERSON}))?)\s+{aux}{adv}({HARM})\b"
        ),
        # "the blast killed a 9-year-old girl": one victim as the object of the verb
        "object": re.compile(
            rf"\b(killed|injured|wounded|hurt|maimed)\s+(?:a|an|one|his|her|their)\s+"
            rf"(?!(?:number|dozen|group|family|couple|total|handful|few|lot|score|host)\b)"
            rf"(?:[\w'’-]+\s+){{0,3}}?({PERSON})\b"
        ),
        "victims": re.compile(
            r"^(?:\s+[\w'’-]+){0,4}?\s+(?:have|has|had|were)\s+(?:suffered|fallen\s+victims?|"
            r"become\s+victims?|"
            r"(?<=were\s)victims?|(?<=are\s)victims?|"
            r"been\s+(?:victims|hit|affected|harmed|killed\s+or\s+injured))|"
            r"^\s+(?:(?:people|mine|landmine|civilian|UXO|ERW|new|recorded|mine-related|"
            r"[\w-]+-related)\s+)?(?:casualties|victims)\b",
            re.IGNORECASE,
        ),
        "subject": re.compile(
            rf"\b(?:A|An|One|His|Her|Their|a|an|one|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?"
            rf"({PERSON})(?:-in-law|-in-arms)?(?:\s+(?:of|from|in)\s+(?:(?!\band\s)[^,.;]){{0,50}}?|,\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}},|"
            rf",\s+(?:a|an)\s+[^,.;]{{2,80}}?,|,\s+(?:aged\s+)?\d{{1,2}}(?:\s+years?\s+old)?,|"
            # ", a mother of two,", ", 45,", "collecting wood", "who carries goods ...,"
            rf"\s+\w+ing\s+[^,.;]{{1,40}}?|\s+who\s+(?:(?!\band\s)[^,.;]){{1,60}}?,?)?"
            rf"\s+{aux}{adv}"
            rf"({HARM})\b"
        ),
        "paren": re.compile(
            r",\s+(?:including|among\s+them|among\s+whom|of\s+whom|\w+\s+of\s+them)[^,;]{0,60},|"
            r",\s+(?:both\s+|all\s+)?aged\s+\d{1,2}(?:(?:,\s*|\s+and\s+)\d{1,2}){0,8}"
            r"(?:\s+and\s+\d{1,2})?,|"
            r",\s+[^,;]{0,40}\s+among\s+them,|"
            # "Three people, two traders and a police officer, were killed"
            r",\s+[^,;]{3,60}?,(?=\s+(?:were|was)\s+(?:all\s+)?(?:killed|injured|wounded|hurt))",
            re.IGNORECASE,
        ),
        "aged": re.compile(r"\baged\s+\d{1,2}(?:(?:,\s*|\s+and\s+)\d{1,2})*"),
        "civilians": re.compile(
            r"(\S+(?:\s+\S+)?)\s+(?:of\s+(?:the|those)\s+(?:dead|killed)(?:\s+persons)?\s+)?(?:are|were)\s+"
            r"(?:civilians|civil\s+persons|civilian)",
            re.IGNORECASE,
        ),
        "military_of": re.compile(
            r"(\S+)\s+of\s+whom\s+were\s+(?:soldiers|servicemen|members\s+of\s+the\s+security|police)",
            re.I,
        ),
        "children": re.compile(
            r"(?:including|among\s+them|among\s+whom)\s+(\S+(?:\s+\S+)?)\s+(?:child(?:ren)?|"
            r"minors?)\b|"
            r"(\S+)\s+of\s+the\s+(?:casualties|victims)\s+were\s+(?:children|minors)|"
            r"(\S+)\s+(?:children|minors)\s+(?:are|were)\s+among|"
            r"(\S+)\s+of\s+(?:them|whom)\s+(?:were\s+)?(?:children|minors)\b|"
            # "Children made up 48 of the casualties", "Children accounted for 1,287 of them"
            r"\b(?:children|minors)\s+(?:made\s+up|accounted\s+for|represented|comprised|were)\s+"
            r"(?:some\s+|about\s+|nearly\s+|almost\s+|at\s+least\s+)?(\S+)\s+of\s+(?:the|these|"
            r"those|them)\b",
            re.IGNORECASE,
        ),
        "continuation": re.compile(
            r"^(?:Of\s+(?:the|them|those|these)|From\s+\S+\s+dead|[\w-]+\s+of\s+(?:them|those|the\s+"
            r"(?:dead|victims|casualties))|"
            r"[\w-]+\s+(?:children|minors)\s+(?:are|were)\s+among|In\s+all|"
            r"Among\s+the\s+(?:dead|killed)\s+(?:were|was)|"
            # "At least 74 of the victims were children"
            r"(?:At\s+least|Some|About|Nearly|Almost|Around)\s+[\w,.-]+\s+of\s+(?:them|those|"
            r"the\s+(?:dead|victims|casualties)))\b|"
            # "His nephew was wounded in the same blast": one more victim of the same incident
            r"^(?=[^.;]{0,120}\bin\s+the\s+same\s+(?:blast|explosion|incident|accident|attack)\b)|"
            r"^(?:Children|Minors)\s+(?:made\s+up|accounted\s+for|represented|comprised)\s",
            re.IGNORECASE,
        ),
        "trigger": re.compile(
            r"\b(?:killed|died|dead|injured|wounded|hurt|maimed|victims?|casualties|suffered|"
            r"lost|sustained|injuries|wounds|death|deaths|injury|succumbed|supreme|ultimate|"
            r"killing|wounding|injuring|maiming|fatalities|fatality|martyred|"
            r"been\s+(?:hit|affected|harmed))\b",  # lower case: searched on Doc.cue(i).low
        ),
        "subset": re.compile(
            r"^\s+of\s+(?:the|those|these)\s+(?:dead|killed|victims|injured|wounded|casualties)"
            r"(?:\s+persons)?\s+(?:are|were|was|is)\b",
            re.IGNORECASE,
        ),
    }


# "... and a fourth was injured": one more of the same people
_ONE_MORE = re.compile(r"\b(?:second|third|fourth|fifth|sixth|others?|another)\b")


def _mask(text: str) -> str:
    """Blank out parentheticals ("including three journalists") and ages ("two girls aged 9
    and 11 were injured") keeping offsets."""
    masked = _patterns()["paren"].sub(_blank, text)
    return _patterns()["aged"].sub(lambda m: " " * len(m.group()), masked)


def _blank(m: re.Match[str]) -> str:
    # ", of whom 410 were killed,": a count of its own, not a parenthetical
    return m.group() if _OWN_VERB.search(m.group()) else " " * len(m.group())


def _value_at(doc: Doc, s: Sentence, token: str, rel: int) -> Quantity | None:
    for q in doc.quantities(s.index):
        if q.start - s.start <= rel < q.end - s.start:
            return q
    return None


def _roles(doc: Doc, s: Sentence) -> list[Role]:
    """(role, quantity, subject text) for each count tied to a casualty verb, in order."""
    pats = _patterns()
    masked = _mask(s.text)
    out: list[Role] = []
    taken: set[int] = set()
    low = doc.cue(s.index).low
    suffered, fatal = "suffered" in low or "affected" in low, "fatal" in low or "death" in low
    for q in doc.quantities(s.index):
        a, b = q.start - s.start, q.end - s.start
        if q.year_like or q.vague or masked[a:b].strip() == "":  # "dozens killed": no count
            continue
        if re.search(
            r"\b(?:the|The|those|these|all|All|[Nn]o|[Nn]ot)\s+$", s.text[max(0, a - 8) : a]
        ):
            continue  # "the two", "No one was hurt"
        after = masked[b : b + 80]
        nxt = next(
            (x.start - s.start for x in doc.quantities(s.index)
             if x.start > q.end and masked[x.start - s.start : x.end - s.start].strip()),
            None,
        )  # fmt: skip
        if nxt is not None:
            after = masked[b:nxt]
        m = pats["after"].match(after)
        at, single = q.end, False
        if pats["subset"].match(after):
            continue  # "35 of the dead were civilians": a breakdown, not a new count
        if pats["victims"].match(after) or (
            suffered
            and pats["suffered"].search(masked, max(0, a - 20), a)
            and re.match(r"\s+(?:persons|people|civilians|citizens)\b", after)
        ):
            role, subject = "victims", after[:40]
        elif fatal and pats["fatal"].match(after):
            role, subject = "killed", ""
        elif (noun := NOUN_ROLE.match(after)) is not None:
            role, subject = VERB[lower_folded(noun.group(1))], ""
        elif m and not re.search(
            r"\b(?:and|but|[Nn]o|not|[Nn]one|[Nn]obody)\b", after[: m.start(1)]
        ):
            role, subject = verb_role(m.group(1), after[: m.start(1)]), after[: m.start(1)]
            if _EITHER.match(after, m.end(1)):
                role = "victims"  # "143 people killed or injured": the victims, not the killed
            if not subject.strip() and out and out[-1].q.end - s.start < a:
                # "23 children were killed and 61 injured": the same people
                subject, at, single = out[-1].subject, out[-1].at, out[-1].single
        elif (bm := pats["before"].search(masked[max(0, a - 30) : a])) is not None:
            verb = max(0, a - 30) + bm.start(bm.lastindex or 1)
            if re.search(r"\b(?:killed|dead)\s+(?:or|and)\s+$", masked[max(0, verb - 20) : verb]):
                continue  # "killed or injured 100,000 people": victims, not the injured
            role, subject = verb_role(bm.group(bm.lastindex or 1)), after[:30]
        else:
            continue
        if role == "injured" and _LATER_DIED.match(masked, b + len(subject.split(",")[0])):
            role = "victims"  # "injured seven people, two of whom later died": 5 injured
        head = RELATIVE.split(subject, maxsplit=1)[0]  # "brothers who were grazing sheep"
        cause = role != "victims" and CAUSE.search(head) and not PERSON_WORD.search(head)
        if is_animal(head) or cause:
            continue  # "two cows were killed"; "four mine accidents killed ...": not the victims
        ages = pats["aged"].search(s.text, b, b + len(subject) + 1)
        if (kin := _LEAD_KIN.search(masked, max(0, a - 60), a)) is not None:
            # "a woman and her two daughters": three, and the count's span says so
            q = replace(q, best=q.best + 1, start=s.start + kin.start())
            subject = masked[kin.start() : b] + subject
        out.append(Role(role, q, subject + (" " + ages.group() if ages else ""), at, single))
        taken.add(a)
    for m in pats["subject"].finditer(masked):
        start = m.start()
        if any(start <= t < m.end() for t in taken) or masked.endswith("of ", 0, start):
            continue  # "two of his colleagues were injured": the count already read
        if (lead := _LEAD_PERSON.search(masked, max(0, start - 50), start)) is not None:
            start = lead.start()  # "A shepherd and his 10-year-old son were killed": both
        subject = masked[start : m.end()]
        # "a man and his son were killed": two people; "a woman and her two daughters": three
        n = 1 + sum(persons(a.group()) for a in AND_PERSON.finditer(subject, 0, m.end(1) - start))
        q = Quantity(best=float(n), start=s.start + start, end=s.start + m.end(1))
        role = verb_role(m.group(2), masked[: m.start(2)])
        out.append(Role(role, q, subject, s.start + start, True))
    for m in pats["another"].finditer(masked) if "other" in masked else ():
        if any(m.start() <= t < m.end() for t in taken):
            continue
        q = Quantity(best=1.0, start=s.start + m.start(1), end=s.start + m.end(1))
        out.append(Role(verb_role(m.group(2)), q, m.group(1), s.start + m.start(1), True))
    for m in pats["object"].finditer(masked):
        if any(m.start() <= t < m.end() for t in taken) or is_animal(m.group()):
            continue
        q = Quantity(best=1.0, start=s.start + m.end(1) + 1, end=s.start + m.end())
        subject = m.group()[len(m.group(1)) :]
        out.append(Role(verb_role(m.group(1)), q, subject, s.start + m.end(1), True))
    return sorted(out, key=lambda r: r.q.start)


def _date_near(doc: Doc, i: int, pos: int) -> DateExpr | None:
    """The date phrase nearest to `pos` that dates the event, not the report ("said on Sunday")."""
    cands = fact_dates(doc, i)
    if not cands:
        return None
    return min(cands, key=lambda d: (min(abs(d.start - pos), abs(d.end - pos)), d.start > pos))


def _attached(text: str, count: int, place: int) -> bool:
    """A place named right after the count, in its clause: "14 casualties ... in Nineveh"."""
    between = text[count:place]
    return 0 < place - count <= 80 and not re.search(r"[,;]|\b(?:said|told|according)\b", between)


def extract_casualties(doc: Doc) -> list[Draft]:
    """Casualty facts of a document, in reading order."""
    pats = _patterns()
    drafts: list[Draft] = []
    skip: set[int] = set()
    for i, s in enumerate(doc.sentences):
        if s.headline or i in skip or not pats["trigger"].search(doc.cue(i).low):
            continue
        roles = _roles(doc, s)
        if not roles or (ATTACK.search(s.text) and not ORDNANCE_WORD.search(s.text)):
            continue  # no count, or people killed by an attack rather than by ordnance
        facts: list[dict[str, Role]] = [{}]
        bounds = [s.start]  # where each fact's part of the sentence starts
        last_end = s.start
        for r in roles:
            between = doc.text[last_end : r.q.start]
            new = _NEW_EVENT.search(between) if facts[-1] else None
            if (
                new is not None
                and facts[-1].keys() == {"victims"}
                and _OF_THEM.match(doc.text, r.q.end)
            ):
                new = None  # "310 citizens have fallen victim ...; 57 of them were killed"
            if r.role in facts[-1] or new is not None:
                facts.append({})  # "..., and another blast the same day killed ..."
                bounds.append(last_end + new.start() if new is not None else r.q.start)
            facts[-1][r.role] = r
            last_end = r.q.end
        bounds.append(s.end)
        group = [s]
        for j in range(i + 1, min(i + 3, len(doc.sentences))):
            if pats["continuation"].match(doc.sentences[j].text):
                group.append(doc.sentences[j])
                skip.add(j)
            else:
                break
        for n, roles_of in enumerate(facts):
            if not ({"killed", "injured", "victims"} & roles_of.keys()):
                continue
            last = n == len(facts) - 1
            segment = (bounds[n], bounds[n + 1])
            draft = _build(doc, s, group if last else [s], roles_of, drafts, segment)
            if draft is not None and not _completes(doc, drafts, draft):
                drafts.append(draft)
    return drafts


def _completes(doc: Doc, drafts: list[Draft], draft: Draft) -> bool:
    """Fold a sentence that only adds the other outcome of the incident just told into it:
    "Two of the workers were killed at the scene. Three people were injured: ...". The
    sentence must name no date, place or new event of its own."""
    if not drafts or draft.fields["incident"] is not True:
        return False
    prev = drafts[-1]
    s = draft.sentences[0]
    if prev.sentences[-1].index != s.index - 1 or prev.fields["incident"] is not True:
        return False
    own = {k for k in ("killed", "injured") if draft.fields[k] is not None}
    had = {k for k in ("killed", "injured") if prev.fields[k] is not None}
    places = [p for p in doc.places(s.index) if not CARE.search(p.text)]
    if len(own) != 1 or own & had or fact_dates(doc, s.index) or places:
        return False
    if _NEW_EVENT.search(s.text):
        return False
    (key,) = own
    prev.fields[key] = draft.fields[key]
    prev.spans[key] = draft.spans[key]
    prev.estimates[key] = draft.estimates[key]
    prev.sentences.append(s)
    return True


def _build(
    doc: Doc,
    s: Sentence,
    group: list[Sentence],
    roles: dict[str, Role],
    earlier: list[Draft],
    segment: tuple[int, int],
) -> Draft | None:
    pats = _patterns()
    spans: dict[str, tuple[int, int]] = {}
    estimates = {}
    killed = roles.get("killed")
    injured = roles.get("injured")
    victims = roles.get("victims")
    fields: dict[str, object] = dict.fromkeys(
        ["killed", "injured", "civilians_killed", "military_killed", "children", "place", "date",
         "period_start", "period_end", "authority", "incident"]
    )  # fmt: skip
    for extra in group[1:]:
        for r in _roles(doc, extra):
            if r.role == "killed" and killed is None:
                killed = r
            elif r.role == "injured" and injured is None:
                injured = r
    if killed:
        fields["killed"] = int(killed.q.best)
        spans["killed"] = (killed.q.start, killed.q.end)
        estimates["killed"] = killed.q.estimate()
    if injured:
        fields["injured"] = int(injured.q.best)
        spans["injured"] = (injured.q.start, injured.q.end)
        estimates["injured"] = injured.q.estimate()
    elif victims and killed:
        fields["injured"] = int(victims.q.best - killed.q.best)
        spans["injured"] = (victims.q.start, victims.q.end)
        estimates["injured"] = {**victims.q.estimate(), "best": fields["injured"], "low": None,
                                "high": None}  # fmt: skip
    if fields["killed"] is None and fields["injured"] is None:
        return None
    text = " ".join(g.text for g in group)
    # civilians and military among the killed
    for g in group:
        for m in pats["civilians"].finditer(g.text) if "civil" in doc.cue(g.index).low else ():
            if re.search(r"\b(?:dead|killed|died)\b", g.text) and "victims" not in g.text:
                val = _value_at(doc, g, m.group(1), m.start(1))
                if val is None:
                    val = _value_at(doc, g, m.group(1), m.end(1) - 1)
                if val is not None:
                    fields["civilians_killed"] = int(val.best)
                    spans["civilians_killed"] = (val.start, val.end)
        for m in pats["military_of"].finditer(g.text) if "whom" in doc.cue(g.index).low else ():
            val = _value_at(doc, g, m.group(1), m.start(1))
            if val is not None:
                fields["military_killed"] = int(val.best)
                spans["military_killed"] = (val.start, val.end)
    listed = among_dead(doc, group[1:]) if len(group) > 1 else None
    if listed is not None and killed and fields["civilians_killed"] is None:
        for key, n in (
            ("civilians_killed", listed.civilians),
            ("military_killed", listed.military),
        ):
            if n:
                fields[key] = n
                spans[key] = listed.span  # "Among the dead were three shepherds and a boy"
    if killed and fields["civilians_killed"] is None and fields["military_killed"] is None:
        subj = killed.subject
        who = None
        if MILITARY.search(subj):
            who = "military_killed"
        elif CIVILIAN.search(subj) and not re.search(r"deminer|sapper", subj, re.I):
            who = "civilians_killed"
        elif child_count(text, subj, killed.q.best) == killed.q.best:
            who = "civilians_killed"  # "two brothers aged 8 and 10"
        if who is not None:
            fields[who] = fields["killed"]
            spans[who] = spans["killed"]  # the killed are all of them
    # children
    children = 0.0
    child_span: tuple[int, int] | None = None
    for g in group:
        low = doc.cue(g.index).low  # the pattern needs one of these words: skip a slow scan
        for m in pats["children"].finditer(g.text) if "child" in low or "minor" in low else ():
            token = next(x for x in m.groups() if x)
            val = _value_at(doc, g, token, m.start(m.lastindex or 1))
            if val is not None:
                children = val.best
                child_span = (val.start, val.end)
    if not children and listed is not None and listed.children:
        children, child_span = float(listed.children), listed.span
    if not children:
        subjects = [r.subject for r in (killed, injured) if r]
        counts = [r.q.best for r in (killed, injured) if r]
        prior_child = False
        for subj, count in zip(subjects, counts, strict=True):
            c = child_count(text, subj, count)
            if not c and prior_child and _ONE_MORE.search(subj):
                c = count
            prior_child = prior_child or bool(c)
            children += c
        for m in re.finditer(r"including\s+(?:a|an|one)\s+(\d{1,2})-year-old", s.text):
            if int(m.group(1)) < 18:
                children += 1
        if children:
            child_span = spans.get("killed") or spans.get("injured")
    if children:
        fields["children"] = int(children)
        if child_span:
            spans["children"] = child_span
    # when and where
    anchor = min(a for a, _ in spans.values())
    when = _date_near(doc, s.index, anchor)
    aggregate = bool(victims) or (when is not None and not when.is_day)
    if when is None and not aggregate:
        total = (fields["killed"] or 0) + (fields["injured"] or 0)  # type: ignore[operator]
        aggregate = total > 20
    fields["incident"] = not aggregate
    draft = Draft("casualties", fields, group, spans=spans, estimates=estimates, anchor=anchor)
    stated = {"killed": killed, "injured": injured, "victims": victims}
    people = {k: v for k, v in stated.items() if v is not None}
    draft.extras.update(details(doc, group, segment, people, fields, spans, estimates))
    unknown = draft.extras.get("status_unknown")
    if unknown and victims and killed and not injured and fields["injured"] is not None:
        # "1,210 casualties, 410 killed and 40 whose fate is unknown": the rest were injured
        fields["injured"] = int(fields["injured"]) - unknown  # type: ignore[call-overload]
        estimates["injured"]["best"] = fields["injured"]
    if when is not None:
        if aggregate:
            fields["period_start"] = when.first.isoformat() if when.first else None
            fields["period_end"] = (
                None if when.open_ended or when.last is None else when.last.isoformat()
            )
            spans["period_start"] = (when.start, when.end)
        else:
            fields["date"] = when.first.isoformat() if when.first else None
            spans["date"] = (when.start, when.end)
        draft.date_prec = when.prec
    elif (
        aggregate
        and earlier
        and (prior := earlier[-1]).fields["incident"] is False
        and prior.fields["period_start"]
        and s.index - prior.sentences[-1].index <= 2
    ):
        # a country's share after the overall tally: "Myanmar recorded ... 688 casualties"
        for key in ("period_start", "period_end"):
            fields[key] = prior.fields[key]
        draft.date_prec = prior.date_prec
    places = doc.places(s.index)
    if aggregate and (ranked := ranking_places(s.text, s.start)):
        places = places + ranked  # "..., followed by Aleppo governorate (118 killed, ...)"
    subject = subject_country(s.text, s.start) if aggregate else None
    if subject is not None and (not places or anchor < min(p.start for p in places)):
        places = [subject, *places]  # "Myanmar recorded the highest toll, with 688 casualties"
    if not aggregate and len(places) > 1:
        # one incident happens below country level: "In Thailand, ... in Sa Kaeo province"
        from minewatch.extract.authorities import country_of

        places = [p for p in places if country_of(p.text) is None] or places
    if places:
        place = min(places, key=lambda p: abs(p.start - anchor))
        if (
            aggregate
            and place.admin is None
            and place.text != doc.country
            and " " not in place.text
        ):
            from minewatch.extract.authorities import country_of

            if country_of(place.text) is None and not _attached(
                s.text, anchor - s.start, place.start - s.start
            ):
                place = None  # type: ignore[assignment]
        if place is not None:
            fields["place"] = place.text
            spans["place"] = (place.start, place.end)
            draft.place_span = (place.start, place.end)
    prev = earlier[-1] if earlier else None
    if (
        not aggregate
        and prev is not None
        and prev.fields["incident"]
        and fields["place"] is None
        and fields["date"] is None
    ):
        # Another source's toll for the same incident ("SANA gave a different toll").
        for key in ("place", "date"):
            fields[key] = prev.fields[key]
        if prev.fields["civilians_killed"] == prev.fields["killed"] and fields["killed"]:
            fields["civilians_killed"] = fields["killed"]
        draft.date_prec = prev.date_prec
    return draft
