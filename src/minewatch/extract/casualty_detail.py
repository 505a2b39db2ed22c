"""Who the casualties were and what hurt them: the breakdown fields of a casualties fact.

Read from the phrases a fact's counts are tied to (their subjects: "two shepherds were
killed", "his 14-year-old son was injured") and from parentheticals next to a count
("45 people, including three journalists, have died"): the stated victim total, victims whose
fate is unknown, deminers, military and civilian injured, occupation counts, sex and the
device. Every value has a span; nothing is inferred that the text does not state.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from minewatch.extract.context import Doc
from minewatch.extract.ordnance import device_at
from minewatch.extract.types import Quantity, Sentence, Span

# Occupations victims are described by (canonical name, pattern); longer phrases first.
_OCCUPATIONS = (
    ("tractor driver", r"(?:tractor|combine(?:\s+harvester)?)\s+drivers?"),
    ("scrap collector", r"scrap(?:\s+metal)?\s+(?:collectors?|dealers?|gatherers?)|scavengers?"),
    (
        "forager",
        r"(?:mushroom|truffle|berry|herb|firewood|wood)\s+(?:pickers?|gatherers?|"
        r"collectors?|hunters?|foragers?)|foragers?",
    ),
    (
        "deminer",
        r"deminers?|sappers?|pyrotechnicians?|(?:EOD|bomb\s+disposal|demining|"
        r"mine\s+clearance)\s+(?:technicians?|specialists?|experts?|workers?|staff)",
    ),
    (
        "journalist",
        r"(?:photo)?journalists?|reporters?|cameram[ae]n|camera\s+operators?|"
        r"war\s+correspondents?",
    ),
    ("aid worker", r"(?:aid|humanitarian)\s+workers?"),
    ("construction worker", r"(?:construction|road|utility|railway|power\s+line)\s+workers?"),
    ("shepherd", r"shepherds?|goatherds?"),
    ("herder", r"herders?|herdsm[ae]n|cowherds?"),
    ("farmer", r"farmers?|farmhands?|farm\s+workers?"),
    ("driver", r"drivers?"),
    ("forester", r"foresters?|forest\s+rangers?"),
    ("woodcutter", r"woodcutters?|loggers?|lumberjacks?"),
    ("fisherman", r"fisherm[ae]n|fishers?"),
    ("hunter", r"hunters?"),
    ("labourer", r"labou?rers?"),
    ("teacher", r"teachers?"),
    ("doctor", r"doctors?|paramedics?|medics?"),
    ("nurse", r"nurses?"),
    ("rescuer", r"rescuers?|firefighters?|firem[ae]n"),
    ("electrician", r"electricians?"),
)
_MALE = (r"m[ae]n|boys?|sons?|brothers?|fathers?|husbands?|grandfathers?|grandsons?|uncles?|"
         r"nephews?|schoolboys?")  # fmt: skip
_FEMALE = (r"wom[ae]n|girls?|daughters?|sisters?|mothers?|wives|wife|grandmothers?|"
           r"granddaughters?|aunts?|nieces?|schoolgirls?")  # fmt: skip
_MILITARY = re.compile(
    r"\b(?:soldiers?|servicem[ae]n|troops|police(?:men|\s+officers)?|border\s+guards?|"
    r"guardsm[ae]n|gendarmes?|peacekeepers?|marines?|paratroopers?|militiam[ae]n)\b",
    re.IGNORECASE,
)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|villagers?|residents?|children|child|boys?|girls?|minors?|students?|"
    r"pensioners?|pedestrians?|motorcyclists?|refugees?|returnees?|babies|baby|infants?|"
    r"toddlers?|schoolboys?|schoolgirls?|teenagers?)\b",
    re.IGNORECASE,
)
_AUX_ONLY = re.compile(
    r"^[\s,]*(?:(?:were|was|have|has|had|are|is|been|also|later|seriously|badly|critically|"
    r"severely|slightly|reportedly)\s+)*$",
    re.IGNORECASE,
)
# The head of a device phrase used as a modifier of something else: "mine action centre".
_NOT_DEVICE = re.compile(
    r"(?:-|\s+(?:action|clearance|risk|victims?|survivors?|awareness|education|detection|"
    r"contamination|danger|threat|free|affected|field|operators?|centre|center))",
    re.IGNORECASE,
)
_DEVICE_START = re.compile(
    r"\b(?:an?|the|by|from|of|on|over|one|to|another)\s+(?=\S)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Role:
    """One count tied to a casualty verb: its role, value and the phrase naming its people."""

    role: str  # killed | injured | victims
    q: Quantity
    subject: str
    at: int  # absolute offset of `subject` in the document
    single: bool = False  # one person named by a noun phrase ("a shepherd"), not a number


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    occ = "|".join(f"(?P<o{i}>{p})" for i, (_, p) in enumerate(_OCCUPATIONS))
    number = r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty)"  # noqa: E501
    return {
        "occupation": re.compile(rf"\b(?:{occ})\b", re.IGNORECASE),
        "sex": re.compile(rf"\b(?:(?P<m>{_MALE})|(?P<f>{_FEMALE}))\b", re.IGNORECASE),
        # "including three journalists", "among them two women", "two of them shepherds",
        # "three journalists among them": a count and the phrase naming its people
        "paren": re.compile(
            rf"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?P<n>{number})\s+"
            rf"(?P<p>[^,;:.()]{{1,40}})|"
            rf"\b(?P<n2>{number})\s+of\s+(?:them|whom)\s+(?:were\s+|are\s+)?(?P<p2>[^,;:.()]{{1,40}})|"
            rf"(?<=,\s)(?P<n3>{number})\s+(?P<p3>(?:[\w-]+\s+){{1,3}}?)among\s+(?:them|the\s+"
            rf"(?:dead|victims|killed|injured|wounded))\b",
            re.IGNORECASE,
        ),
        "unknown": re.compile(
            rf"(?P<n>{number})\s+(?:(?:other|more)\s+)?(?:(?:people|persons|victims|casualties|"
            rf"others)\s+)?(?:whose|with|of)\s+(?:(?:an?|the)\s+)?(?:unknown\s+(?:fate|status)|"
            rf"(?:fate|status|condition)\s+(?:is\s+|was\s+|are\s+|were\s+|remains?\s+|remained\s+)?"
            rf"(?:still\s+)?(?:unknown|not\s+known|unclear|undetermined))|"
            rf"(?:fate|status|condition)\s+of\s+(?:the\s+)?(?:other\s+|remaining\s+)?"
            rf"(?P<n2>{number})\s+(?:\w+\s+)?(?:is|was|are|were|remains?|remained)\s+(?:still\s+)?"
            rf"(?:unknown|not\s+known|unclear|undetermined)",
            re.IGNORECASE,
        ),
    }


_WORD_COUNT = {"a": 1, "an": 1, "one": 1}


def _count_at(doc: Doc, sentences: list[Sentence], start: int, word: str) -> Quantity | None:
    """The quantity read at absolute offset `start` ("three", "12"; "a" counts one)."""
    for s in sentences:
        if s.start <= start < s.end:
            for q in doc.quantities(s.index):
                if q.start <= start < q.end:
                    return q
    if word.lower() in _WORD_COUNT:
        return Quantity(best=1.0, start=start, end=start + len(word))
    return None


def _head_words(subject: str) -> tuple[str, int]:
    """The noun phrase at the start of a counted subject (up to the verb), and its length."""
    m = re.match(r"^[\s\"“]*((?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?=\s+(?:were|was|have|has|had|are|is"
                 r"|of|from|in|who|on|near|when|after|while|,)|\s*$|,)", subject)  # fmt: skip
    if m is None:
        return "", 0
    return m.group(1), m.end(1)


def _role_people(role: Role) -> tuple[Counter[str], dict[str, Span], Counter[str], Span | None]:
    """Occupations and sexes one role's subject states, with their counts and spans."""
    pats = _patterns()
    occ: Counter[str] = Counter()
    occ_spans: dict[str, Span] = {}
    sex: Counter[str] = Counter()
    sex_span: Span | None = None
    count = int(role.q.best)
    if role.single:
        text, limit = role.subject, len(role.subject)
        if re.match(r"^\s*(?:and|but|while)?\s*(?:another|the\s+other)\b", text):
            return occ, occ_spans, sex, None  # "another": the same kind of person, not stated
        per = 1
    else:
        text, limit = _head_words(role.subject)
        per = count
    for m in pats["occupation"].finditer(text, 0, limit):
        name = _OCCUPATIONS[int(next(k for k, v in m.groupdict().items() if v)[1:])][0]
        occ[name] += per
        start = role.q.start if not role.single else role.at + m.start()
        occ_spans.setdefault(name, (start, role.at + m.end()))
    for m in pats["sex"].finditer(text, 0, limit):
        sex["male" if m.group("m") else "female"] += per
        start = role.q.start if not role.single else role.at + m.start()
        first = min(sex_span[0], start) if sex_span else start
        sex_span = (first, role.at + m.end())
    return occ, occ_spans, sex, sex_span


def details(
    doc: Doc,
    group: list[Sentence],
    segment: Span,
    roles: dict[str, Role],
    fields: dict[str, Any],
    spans: dict[str, Span],
    estimates: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The breakdown fields of one fact (the extras of the casualties kind)."""
    out: dict[str, Any] = dict.fromkeys(
        ["victims", "status_unknown", "deminers_killed", "deminers_injured", "military_injured",
         "civilians_injured", "occupations", "sex", "device"]
    )  # fmt: skip
    victims = roles.get("victims")
    if victims is not None:
        out["victims"] = int(victims.q.best)
        spans["victims"] = (victims.q.start, victims.q.end)
        estimates["victims"] = victims.q.estimate()
    text_parts = [(segment[0], doc.text[segment[0] : segment[1]])]
    text_parts += [(g.start, g.text) for g in group[1:]]
    _status_unknown(doc, group, text_parts, out, spans, estimates)
    injured = roles.get("injured")
    killed = roles.get("killed")
    if injured is not None and killed is not None and _AUX_ONLY.match(injured.subject):
        # "three soldiers were killed and two were wounded": the same kind of people
        injured = Role("injured", injured.q, killed.subject, killed.at, killed.single)
        if killed.single:
            injured = None  # "a soldier was killed and one was injured": not stated
    people = {"killed": killed, "injured": injured, "victims": victims}
    occ_by: dict[str, Counter[str]] = {}
    sex_by: dict[str, Counter[str]] = {}
    occ_spans: dict[str, Span] = {}
    sex_span: Span | None = None
    for name, role in people.items():
        if role is None:
            continue
        occ, o_spans, sex, s_span = _role_people(role)
        occ_by[name], sex_by[name] = occ, sex
        for k, v in o_spans.items():
            occ_spans.setdefault(k, v)
        sex_span = sex_span or s_span
    # parentheticals and appositions: attached to the nearest count before them
    ordered = sorted((r.q.start, n) for n, r in people.items() if r is not None)
    for base, text in text_parts:
        low = text.lower()
        if not any(w in low for w in ("includ", "among", " of whom", " of them")):
            continue
        for m in _patterns()["paren"].finditer(text):
            k = next(g for g in ("n", "n2", "n3") if m.group(g))
            start = base + m.start(k)
            owner = next((n for pos, n in reversed(ordered) if pos < start), None)
            q = _count_at(doc, group, start, m.group(k)) if owner is not None else None
            if owner is None or q is None:
                continue
            phrase_key = {"n": "p", "n2": "p2", "n3": "p3"}[k]
            phrase = re.split(r"\s+(?:and|or|were|was|are|is|have|has|who|in|on|at)\s+",
                              m.group(phrase_key))[0]  # fmt: skip
            at = base + m.start(phrase_key)
            if (pm := _patterns()["occupation"].search(phrase)) is not None:
                occ_name = _OCCUPATIONS[int(next(g for g, v in pm.groupdict().items() if v)[1:])][0]
                occ = occ_by.setdefault(owner, Counter())
                occ[occ_name] = max(occ[occ_name], int(q.best))
                occ_spans.setdefault(occ_name, (q.start, at + pm.end()))
                estimates[f"occupations.{occ_name}"] = q.estimate()
            if (sm := _patterns()["sex"].search(phrase)) is not None:
                sex = sex_by.setdefault(owner, Counter())
                key = "male" if sm.group("m") else "female"
                sex[key] = max(sex[key], int(q.best))
                sex_span = sex_span or (q.start, at + sm.end())
    occupations = _merge(occ_by)
    if occupations:
        out["occupations"] = dict(occupations)
        for name in occupations:
            spans[f"occupations.{name}"] = occ_spans[name]
    sexes = _merge(sex_by)
    if sexes and sex_span is not None:
        out["sex"] = {k: sexes[k] for k in ("male", "female") if sexes[k]}
        spans["sex"] = sex_span
    for role_name, key in (("killed", "deminers_killed"), ("injured", "deminers_injured")):
        role = people[role_name]
        n = occ_by.get(role_name, Counter())["deminer"]
        if role is not None and n and not _MILITARY.search(role.subject):
            out[key] = n
            spans[key] = occ_spans["deminer"] if role_name == "killed" or not killed else (
                role.q.start, role.q.end)  # fmt: skip
    if injured is not None and fields.get("injured") is not None and roles.get("injured"):
        own = roles["injured"]
        subject = injured.subject if injured.single else _head_words(injured.subject)[0]
        deminer = occ_by.get("injured", Counter())["deminer"]
        if re.fullmatch(r"\s*(?:and|but|while)?\s*(?:another|the\s+other)\s*", subject) and killed:
            # "a gendarme was killed and another was wounded": another of the same kind
            subject = killed.subject if killed.single else _head_words(killed.subject)[0]
        child = [int(a) for a in re.findall(r"\b(\d{1,2})-year-old", subject)]
        if _MILITARY.search(subject):
            out["military_injured"] = fields["injured"]
            spans["military_injured"] = (own.q.start, own.q.end)
        elif not deminer and (
            _CIVILIAN.search(subject) or occ_by.get("injured") or (child and max(child) < 18)
        ):
            out["civilians_injured"] = fields["injured"]
            spans["civilians_injured"] = (own.q.start, own.q.end)
    out["device"] = _device(doc, segment, group)
    if out["device"] is not None:
        spans["device"] = tuple(out["device"].pop("span"))  # type: ignore[assignment]
    return out


def _merge(by_role: dict[str, Counter[str]]) -> Counter[str]:
    """Killed plus injured, or the victim total when that states more (it covers both)."""
    if not any(by_role.values()):
        return Counter()
    parts = by_role.get("killed", Counter()) + by_role.get("injured", Counter())
    total = by_role.get("victims", Counter())
    return Counter({k: max(parts[k], total[k]) for k in parts.keys() | total.keys()})


def _status_unknown(
    doc: Doc,
    group: list[Sentence],
    parts: list[tuple[int, str]],
    out: dict[str, Any],
    spans: dict[str, Span],
    estimates: dict[str, dict[str, Any]],
) -> None:
    for base, text in parts:
        low = text.lower()
        if not any(w in low for w in ("fate", "status", "condition")):
            continue
        for m in _patterns()["unknown"].finditer(text):
            group_name = "n" if m.group("n") else "n2"
            q = _count_at(doc, group, base + m.start(group_name), m.group(group_name))
            if q is not None:
                out["status_unknown"] = int(q.best)
                spans["status_unknown"] = (q.start, q.end)
                estimates["status_unknown"] = q.estimate()
                return


# The last word of every device head noun of `ordnance` (a phrase can only end in one).
_HEAD_TEXT = (
    "mine mines landmine landmines ordnance uxo uxos erw erws ied ieds device devices objects "
    "object items item hazards hazard war munition munitions submunition submunitions bomblet "
    "bomblets bombie bombies bomb bombs shell shells round rounds projectile projectiles mortar "
    "mortars grenade grenades rocket rockets missile missiles warhead warheads ammunition "
    "cartridge cartridges trap traps fuze fuzes fuse fuses detonator detonators"
)
_HEAD_WORDS = frozenset(_HEAD_TEXT.split())


def _device(doc: Doc, segment: Span, group: list[Sentence]) -> dict[str, Any] | None:
    """The ordnance the fact's text says caused it ("stepped on an anti-tank mine")."""
    ranges = [(group[0].index, segment)] + [(g.index, (g.start, g.end)) for g in group[1:]]
    text = doc.text
    for index, (a, b) in ranges:
        words = doc.cue(index).words & _HEAD_WORDS
        if not words:
            continue
        low = text[a:b].lower()
        ends: list[int] = []
        for w in words:
            i = low.find(w)
            while i >= 0:
                j = i + len(w)
                if (i == 0 or not low[i - 1].isalnum()) and (j == len(low) or not low[j].isalnum()):
                    ends.append(a + j)
                i = low.find(w, j)
        # a device phrase ends in a head noun: try the determiners just before each head
        for end in sorted(ends):
            dev = next(
                (d for m in _DEVICE_START.finditer(text, max(a, end - 70), end)
                 if (d := device_at(text, m.end())) is not None and d.end >= end),
                None,
            )  # fmt: skip
            if dev is None or dev.end > b or _NOT_DEVICE.match(text, dev.end):
                continue
            tail = text[dev.end : dev.end + 40]
            category = dev.category
            if re.match(r"^\s+(?:and|or)\s+(?:unexploded|explosive|other|ordnance|UXO|ERW)", tail):
                category = "unknown"  # "landmines and unexploded ordnance": mixed
            return {
                "category": category,
                "model": dev.model,
                "text": text[dev.start : dev.end],
                "span": [dev.start, dev.end],
            }
    return None
