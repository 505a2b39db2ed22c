"""The words of finding and disposal: which verbs make a count a find, and its action.

"found and destroyed" is found_and_neutralized, "defused" neutralized, "will be destroyed"
no action at all. Kept apart from `finds`, which ties counts and devices to these verbs.
"""

from __future__ import annotations

import re
from functools import cache

KEYWORDS = (
    "mine", "ordnance", "uxo", "explosive", "ied", "munition", "bomblet", "shell", "round",
    "grenade", "rocket", "projectile", "bomb", "device", "minutes", "erw",
)  # fmt: skip


@cache
def verbs() -> dict[str, re.Pattern[str]]:
    return {
        "find": re.compile(
            r"\b(?:found|discovered|detected|located|revealed|uncovered|identified|spotted|"
            r"came\s+across|unearthed|recovered|seized|finding|discovering|detecting|locating|"
            r"uncovering|dug\s+up|lifted|lifting|took\s+[^.;]{0,60}?\s+out\s+of\s+the\s+ground|"
            r"location\s+(?:and\s+\w+\s+)?of|discovery\s+of)\b",
            re.IGNORECASE,
        ),
        "neutralise": re.compile(
            r"\b(?:neutrali[sz]ed?|neutrali[sz]ing|defused|dismantled|disarmed|deactivated|"
            r"removed|cleared|disposed(?:\s+of)?|rendered\s+safe|made\s+safe|dealt\s+with|eliminated|"
            r"collected|lifted|lifting|removal\s+of|took\s+[^.;]{0,60}?\s+out\s+of\s+the\s+ground)\b",
            re.IGNORECASE,
        ),
        "destroy": re.compile(
            r"\b(?:destroyed|destroying|blown\s+up|blew\s+up|blowing\s+up|detonated|"
            r"controlled\s+(?:explosion|demolition|"
            r"detonation)|destruction\s+of)\b",
            re.IGNORECASE,
        ),
        "land_cleared": re.compile(
            r"\bcleared\s+(?:(?:more\s+than|over|about|some|nearly|almost)\s+)?[\d.,]+\s*"
            r"(?:square|sq\b|hectares?|ha\b|km|m2|m²|acres?)",
            re.IGNORECASE,
        ),
        "not_destroy": re.compile(r"\bfor\s+(?:subsequent\s+|later\s+|further\s+)?destruction\b"),
        # disposal still to come is not an action: "they will be destroyed next week"
        "future": re.compile(
            # "had to be defused on site" was done; "are to be destroyed" is still to come
            r"\b(?:will|would|shall|(?<!had\s)(?<!has\s)(?<!have\s)to|are\s+due\s+to|"
            r"is\s+due\s+to)\s+be\s+(?:\w+\s+)?"
            r"(?:destroyed|defused|neutrali[sz]ed|dismantled|removed|cleared|disposed\s+of|"
            r"blown\s+up|detonated)\b",
            re.IGNORECASE,
        ),
        "skip": re.compile(
            r"\b(?:plans?\s+to|planned|aims?\s+to|target\s+of|expected\s+to|will\s+be|"
            r"still\s+(?:need|contain|to\s+be)|remain(?:s|ing)?\s+to\s+be|estimates?\s+that)\b",
            re.IGNORECASE,
        ),
        "followup": re.compile(
            r"^(?:Both|All|All\s+of\s+them|They|These|Those|It|The\s+(?:mines?|devices?|items?|"
            r"objects?|shells?))(?:\s+\w+)?\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?"
            r"(?:destroyed|defused|neutrali[sz]ed|dismantled|removed|disposed)|"
            # "Its demining team removed the bomb the same evening"
            r"^(?:Its|Their|The|A|An)\s+(?:[\w-]+\s+){0,3}?(?:team|unit|squad|sappers|deminers|"
            r"engineers|experts)\s+(?:later\s+|then\s+|safely\s+|quickly\s+)?(?:removed|destroyed|"
            r"defused|neutrali[sz]ed|detonated|dismantled|disposed\s+of)\s+(?:it|them|the)\b",
        ),
        "origin_followup": re.compile(
            r"\b(?:the|these|those)\s+(?:mines?|devices?)\s+(?:were|was)\s+(?:produced|made|"
            r"manufactured)\s+in\s+([A-Z][\w-]+)(?:\s+in\s+((?:19|20)\d\d))?"
        ),
        "breakdown": re.compile(
            r"^(?:By\s+(?:district|region|province|type|category|area)|Of\s+(?:these|them|that|"
            r"this|the\s+total)|Of\s+the\s+(?:[\w-]+\s+){0,2}?(?:mines|IEDs|devices|items|objects|bombs|"
            r"shells|munitions|submunitions|bomblets)(?=,)|[\d,]+\s+of\s+(?:these|those|the|them)\b|The\s+(?:[\w-]+\s+)?(?:haul|total|figure|finds?|items?|pieces|objects|"
            r"devices|munitions|tally)\s+"
            r"(?:comprised|included|consisted|was\s+made\s+up)|These\s+included|This\s+included|They\s+included|Among\s+them|"
            # "Among the anti-tank mines were 41 YM-3 mines"
            r"Among\s+(?:these|those|the\s+(?:[\w-]+\s+){0,3}?(?:mines|items|devices|objects|"
            r"munitions|finds|ordnance)(?:\s+(?:found|destroyed|recovered|removed|cleared|"
            r"neutrali[sz]ed|collected|seized))?)\s+(?:were|was))\b"
        ),
        "article": re.compile(
            r"\b(?:found|discovered|detected|located|uncovered|defused|destroyed|removed|"
            r"recovered|neutrali[sz]ed|dismantled|disarmed|deactivated|unearthed|spotted|lifted|"
            r"disposed\s+of|blew\s+up|including)\s+"
            r"(?:safely\s+)?"
            r"(?:a\s+second|a\s+third|another|a\s+single|an|a|one)\s+",
            re.IGNORECASE,
        ),
        "went_off": re.compile(
            r"\s+(?:(?:that|which)\s+)?(?:had\s+|has\s+)?(?:exploded|detonated|went\s+off|blew\s+up|"
            r"killed|injured|wounded)\b",
            re.IGNORECASE,
        ),
        "list_single": re.compile(
            r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
            r"(a\s+single|a\s+lone|an|a|one)\s+",
            re.IGNORECASE,
        ),
        "reached": re.compile(
            r"\bnumber\s+of\s+([^.;]{3,120}?)\s+(?:has|have|had)?\s*(?:reached|stands\s+at|"
            r"totall?ed|totals|rose\s+to|exceeded)\s+"
            # "This brings the number of mines ... dismantled since 2018 to 423,118"
            r"|\b(?:brings?|brought|bringing|raises?|raised|raising)\s+the\s+(?:total\s+)?"
            r"number\s+of\s+([^.;]{3,120}?)\s+to\s+"
            # "That brings the total since 1 January to 9,380 explosive objects"
            r"|\b(?:brings?|brought|bringing|raises?|raised|raising)\s+the\s+(?:total|tally)\b"
            r"(?![^.;]{0,60}?\bnumber\s+of\b)[^.;]{0,60}?\s+to\s+",
            re.IGNORECASE,
        ),
        "site": re.compile(
            r"\b(?:the|that)\s+(?:site|scene|spot|plot|field|garden|path|trail|road|track|task|"
            r"minefield|"
            r"same\s+(?:area|field|site|spot|plot|place)|"
            r"area|village|surrounding\s+area)\b",
            re.IGNORECASE,
        ),
    }


def action_of(text: str) -> str | None:
    """The gold action for the verbs of a clause, or None without a verb of finding or disposal."""
    v = verbs()
    clean = v["future"].sub(" ", v["not_destroy"].sub(" ", text))
    # "were able, during the first three months, to destroy 3,612 remnants": done
    clean = _ABLE_TO.sub(lambda m: m.group()[: -len(m.group(1))] + _PAST[m.group(1).lower()], clean)
    if "clear" in clean:  # "cleared 2.3 km2 ..., finding 410 mines": land, not the mines
        clean = v["land_cleared"].sub(" ", clean)
    gone = bool(v["neutralise"].search(clean))
    destroyed = bool(v["destroy"].search(clean))
    # "collected and destroyed": gathered where they lay, then disposed of
    found = bool(v["find"].search(clean)) or (destroyed and _COLLECTED.search(clean) is not None)
    if found and (gone or destroyed):
        return "found_and_neutralized"
    if found:
        return "found"
    if destroyed:
        return "destroyed"
    if gone:
        return "neutralized"
    return None


_PAST = {"destroy": "destroyed", "remove": "removed", "clear": "cleared",
         "neutralise": "neutralised", "neutralize": "neutralized", "defuse": "defused",
         "dismantle": "dismantled",
         "find": "found", "detect": "detected", "locate": "located"}  # fmt: skip
_ABLE_TO = re.compile(
    rf"\b(?:were|was)\s+able\b[^.;]{{0,60}}?\bto\s+({'|'.join(_PAST)})\b", re.IGNORECASE
)


_COLLECTED = re.compile(r"\b(?:collected|gathered)\b", re.IGNORECASE)
