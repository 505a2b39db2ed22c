"""The words of casualty reports: people and their roles, animals, and verbs of harm.

Kept apart from `casualties` (which ties counts to these words) so the rules stay readable;
every list is written from how incidents are reported in general, not from one report.
"""

from __future__ import annotations

import re

from minewatch.extract.tokens import lower_folded

_RANKS = (
    r"agniveers?|Agniveers?|jawans?|sepoys?|havildars?|constables?|sergeants?|corporals?|"
    r"privates?|lieutenants?|captains?|commanders?|troopers?|riflem[ae]n|naiks?|subedars?|"
    r"commandos?|recruits?|conscripts?|reservists?|cadets?"
)
PERSON = (
    r"man|men|woman|women|boy|boys|girl|girls|child|children|minors?|shepherds?|farmers?|"
    r"drivers?|residents?|villagers?|deminers?|colleagues?|soldiers?|servicem[ae]n|sons?|"
    r"daughters?|brothers?|sisters?|cousins?|fathers?|mothers?|herders?|civilians?|"
    r"policem[ae]n|officers?|workers?|sappers?|teenagers?|persons?|people|third|another|"
    r"second|fourth|fifth|sixth|journalists?|foragers?|hunters?|pickers?|others?|victims?|citizens?|"
    r"passengers?|pyrotechnicians?|members?|labourers?|laborers?|students?|"
    # occupations, family and age words reports name victims by
    r"foresters?|woodcutters?|loggers?|fisherm[ae]n|herdsm[ae]n|nomads?|pensioners?|"
    r"scavengers?|collectors?|teachers?|doctors?|nurses?|volunteers?|pedestrians?|"
    r"motorcyclists?|cyclists?|tourists?|refugees?|returnees?|husbands?|wives|wife|"
    r"grandfathers?|grandmothers?|grandsons?|granddaughters?|uncles?|aunts?|nephews?|nieces?|"
    r"neighbours?|neighbors?|babies|baby|infants?|toddlers?|youths?|schoolboys?|schoolgirls?|"
    r"pupils?|rangers?|guards?|guardsm[ae]n|gendarmes?|peacekeepers?|militiam[ae]n|engineers?|"
    r"contractors?|employees?|porters?|traders?|mechanics?|carpenters?|builders?|"
    # ranks and titles reports name soldiers and police by ("an Agniveer was killed")
    rf"{_RANKS}"
)
CIVILIAN = re.compile(
    r"\b(?:civilians?|shepherds?|farmers?|tractor\s+drivers?|drivers?|villagers?|residents?|"
    r"children|child|boys?|girls?|foragers?|hunters?|pickers?|herders?|labourers?|students?|"
    r"journalists?|foresters?|woodcutters?|loggers?|fisherm[ae]n|herdsm[ae]n|nomads?|"
    r"pensioners?|scavengers?|scrap\s+collectors?|teachers?|pedestrians?|motorcyclists?|"
    r"refugees?|returnees?|babies|baby|infants?|toddlers?|schoolboys?|schoolgirls?)\b",
    re.IGNORECASE,
)
MILITARY = re.compile(
    r"\b(?:soldiers?|servicem[ae]n|troops|police(?:men|\s+officers)?|border\s+guards?|"
    r"guardsm[ae]n|gendarmes?|peacekeepers?|marines?|paratroopers?|militiam[ae]n|"
    rf"{_RANKS})\b",
    re.I,
)
CHILD = re.compile(
    r"\b(?:children|child|boys?|girls?|minors?|sons?|daughters?|teenagers?|babies|baby|"
    r"infants?|toddlers?|schoolboys?|schoolgirls?)\b",
    re.I,
)
# Animals killed by a mine are not casualties ("two cows were killed", "30 sheep died").
_ANIMAL = re.compile(
    r"\b(?:cows?|cattle|oxen|ox|bulls?|buffalo(?:es)?|sheep|goats?|lambs?|horses?|donkeys?|"
    r"mules?|camels?|pigs?|dogs?|animals?|livestock|heads?\s+of\s+cattle|elephants?|deer|"
    r"yaks?|chickens?|poultry)\b",
    re.IGNORECASE,
)
_HERDER = re.compile(r"\s+(?:herders?|herdsm[ae]n|farmers?|drivers?|breeders?|owners?|riders?)\b")


def is_animal(subject: str) -> bool:
    """Animals, not people, were hit ("two cows"); "two cattle herders" are people."""
    return any(_HERDER.match(subject, m.end()) is None for m in _ANIMAL.finditer(subject))


VERB = {"killed": "killed", "died": "killed", "dead": "killed", "injured": "injured",
         "wounded": "injured", "hurt": "injured", "maimed": "injured", "death": "killed",
         "deaths": "killed", "killing": "killed", "injury": "injured", "injuries": "injured",
         "injuring": "injured", "wounding": "injured", "succumbed": "killed", "martyred": "killed",
         "fatality": "killed", "fatalities": "killed", "maiming": "injured"}  # fmt: skip
# "recorded 6 deaths and 19 injuries": a count of the outcome itself
NOUN_ROLE = re.compile(
    r"\s+(?:(?:civilian|military|new|more|further|mine-related|recorded|confirmed)\s+)?"
    r"(deaths?|fatalit(?:y|ies)|injur(?:y|ies))\b",
    re.IGNORECASE,
)
# Phrases for a death: "paid the supreme price", "made the ultimate sacrifice", "lost his life".
_DEATH_PHRASE = re.compile(r"(?:lives?|life|price|sacrifice)$")
# Casualty verbs: the plain ones of `VERB`, and the phrases reports use for them ("lost their
# lives", "lost a leg", "sustained serious injuries", "was left injured").
HARM = (
    r"killed|died|dead|injured|wounded|hurt|maimed|succumbed|martyred|"
    r"lost\s+(?:their|his|her)\s+lives?|"
    r"(?:paid|made)\s+the\s+(?:supreme|ultimate|highest)\s+(?:price|sacrifice)|"
    r"lost\s+(?:his|her|their|a|an|both|one\s+of\s+(?:his|her|their))\s+(?:\w+\s+)?"
    r"(?:legs?|feet|foot|arms?|hands?|eyes?|eyesight|sight|limbs?|fingers?)|"
    r"(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds|burns)"
)


def verb_role(verb: str, before: str = "") -> str:
    """killed or injured, for a casualty verb phrase matched by `HARM` ("fatally injured" is
    killed)."""
    low = lower_folded(verb)
    if before.endswith("fatally ") and low in {"injured", "wounded", "hurt"}:
        return "killed"
    if low in VERB:
        return VERB[low]
    return "killed" if _DEATH_PHRASE.search(low) else "injured"


# Deaths from attacks, not from explosive ordnance left behind: "artillery and drone strikes
# ... killed 19 people". Kept when the sentence names a mine or remnant.
ATTACK = re.compile(
    r"\b(?:(?:artillery|drone|missile|rocket)(?:\s+and\s+\w+)?\s+(?:fire|strikes?|attacks?)|"
    r"shelling|shelled|air\s*strikes?|airstrikes?|gunfire|shot\s+dead|bombardment|sniper)\b",
    re.IGNORECASE,
)
ORDNANCE_WORD = re.compile(
    r"\b(?:mines?|landmines?|minefields?|UXO|unexploded|remnants?|ERW|IEDs?|improvised|"
    r"ordnance|cluster|submunitions?|bomblets?|booby|explosive\s+(?:device|object|item)s?)\b",
    re.IGNORECASE,
)


# What a count before a casualty verb may name instead of people: "four mine accidents killed"
CAUSE = re.compile(
    r"\b(?:accidents?|incidents?|blasts?|explosions?|attacks?|mines?|landmines?|devices?|"
    r"shells?|bombs?|IEDs?|vehicles?|cars?|trucks?)\b",
    re.IGNORECASE,
)
# Where the wounded are taken, not where they were hurt
CARE = re.compile(r"\b(?:[Hh]ospital|[Cc]linic|[Hh]ealth\s+[Cc]ent(?:re|er))\b")
# A relative clause after a subject: "brothers who were grazing sheep"
RELATIVE = re.compile(r"\s+(?:who|that|which|whose)\s+")
PERSON_WORD = re.compile(rf"\b(?:{PERSON})\b", re.IGNORECASE)
