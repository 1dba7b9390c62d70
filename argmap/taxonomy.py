"""A built-in taxonomy of common stakeholder types.

Used to name discovered perspectives in words an editor understands ("Company
executives", "Campaign groups", "Academics and researchers") and, by the gap report, to
find stakeholders that articles talk about but never quote. Users extend it with the
manifest's ``[[stakeholders]]``.

Each type lists ``cues``: words that, in a speaker's name, role or description, mark
a member ("university" → academia), and ``terms``: how articles refer to the group as
a whole ("open-source developers", "chip makers").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StakeholderType:
    """``source``: the kind of source that would give this group a voice, as the gap
    report's suggestions name it ("an open-source AI developer")."""

    id: str
    label: str
    cues: tuple[str, ...]
    terms: tuple[str, ...]
    source: str = ""


def _t(id_: str, label: str, cues: str, terms: str, source: str) -> StakeholderType:
    return StakeholderType(
        id_,
        label,
        tuple(cues.split("|")),
        tuple(t.strip() for t in terms.split("|") if t.strip()),
        source,
    )


TYPES: tuple[StakeholderType, ...] = (
    _t(
        "government",
        "Government and elected officials",
        "mayor|council|councillor|councilor|minister|ministry|government|senator|congress|"
        "congressman|congresswoman|parliament|mp|governor|president|administration|white house|"
        "department|secretary|cabinet|city hall|state|federal|official|lawmaker|legislator|"
        "politician|prime minister|chancellor|commissioner",
        "government|governments|officials|lawmakers|legislators|policymakers|politicians|"
        "ministers|the council|councillors|city hall",
        "an elected official or a government spokesperson",
    ),
    _t(
        "regulators",
        "Regulators",
        "regulator|regulatory|commission|authority|agency|watchdog|inspectorate|ombudsman",
        "regulators|watchdogs|the regulator",
        "a regulator",
    ),
    _t(
        "industry",
        "Companies and executives",
        "company|companies|firm|corporation|inc|ltd|llc|corp|chief executive|ceo|executive|"
        "founder|co-founder|chairman|chairwoman|president of|lab|labs|maker|developer|"
        "manufacturer|retailer|store|chain|operator|provider|group plc|industry|business",
        "companies|firms|industry|the industry|tech companies|businesses|corporations|"
        "executives|manufacturers|developers",
        "a company executive",
    ),
    _t(
        "startups",
        "Startups and smaller firms",
        "startup|start-up|small business|small firm|founder of",
        "startups|start-ups|small businesses|smaller firms|new entrants|smaller competitors",
        "a startup founder or a smaller competitor",
    ),
    _t(
        "traders",
        "Shops and local businesses",
        "trader|traders|shop|shopkeeper|chamber of trade|chamber of commerce|hardware|retail|"
        "department store|local business|city centre business|city-centre business",
        "traders|shopkeepers|shop owners|local businesses|retailers|city-centre businesses",
        "a shop owner or a local business group",
    ),
    _t(
        "open-source",
        "Open-source developers",
        "open-source|open source|independent developer|hobbyist",
        "open-source developers|open source developers|open-source community|"
        "independent researchers|open-source ai|hobbyists",
        "an open-source developer or independent researcher",
    ),
    _t(
        "hardware",
        "Chip and hardware makers",
        "chip|semiconductor|nvidia|hardware|foundry",
        "chip makers|chipmakers|chip manufacturers|semiconductor makers|hardware manufacturers|"
        "hardware makers",
        "a chip or hardware maker",
    ),
    _t(
        "academia",
        "Academics and researchers",
        "university|college|professor|academic|researcher|scientist|institute|scholar|"
        "lecturer|phd|research fellow|laboratory",
        "researchers|academics|scientists|universities|experts",
        "an academic researcher",
    ),
    _t(
        "analysts",
        "Analysts and consultants",
        "analyst|consultant|consultancy|associates|think tank|economist|strategist|"
        "enderle|research firm|advisory",
        "analysts|economists|consultants|observers|commentators|forecasters|pundits",
        "an independent analyst or economist",
    ),
    _t(
        "investors",
        "Investors",
        "investor|venture capital|venture capitalist|fund|bank|banker|shareholder|hedge fund",
        "investors|shareholders|markets|venture capitalists",
        "an investor",
    ),
    _t(
        "civil-society",
        "Campaigners and civil society",
        "campaign|campaigner|campaign group|activist|advocacy|charity|ngo|foundation|coalition|"
        "alliance|group",
        "campaigners|activists|civil society|advocacy groups|charities|ngos|civil society groups",
        "a campaign group or civil-society organisation",
    ),
    _t(
        "labour",
        "Workers and unions",
        "union|workers|worker|staff|employees|labour|labor|nurse|driver",
        "workers|employees|unions|staff|care workers|home care workers|shift workers|drivers",
        "a worker or a union representative",
    ),
    _t(
        "health",
        "Doctors and health workers",
        "doctor|physician|nurse|hospital|clinic|health|medical|respiratory|gp|pharmacist",
        "doctors|nurses|health workers|patients|pharmacists",
        "a doctor or health worker",
    ),
    _t(
        "public",
        "Residents and the public",
        "resident|residents|citizen|citizens|voter|voters|commuter|commuters|parent|parents|"
        "consumer|consumers|user|users|customer|customers|public",
        "residents|the public|citizens|voters|commuters|consumers|users|customers|families|"
        "parents|taxpayers|motorists|drivers",
        "a resident or member of the public",
    ),
    _t(
        "developing-countries",
        "Developing countries",
        "developing|global south|emerging economies|africa|india|brazil|indonesia",
        "developing countries|developing nations|developing economies|the global south|"
        "emerging economies|poorer countries",
        "an official or researcher from a developing country",
    ),
    _t(
        "security",
        "Security and defence experts",
        "security|defence|defense|military|pentagon|intelligence|arms control|nuclear",
        "security experts|defence officials|the military|intelligence agencies",
        "a security or defence expert",
    ),
    _t(
        "media",
        "Media and commentators",
        "newspaper|outlet|journalist|editor|columnist|broadcaster|podcast|commentator",
        "journalists|the media|commentators|columnists",
        "a journalist or media commentator",
    ),
)

BY_ID = {t.id: t for t in TYPES}
_WORD = re.compile(r"[a-z][a-z-]*")


@functools.lru_cache(maxsize=4096)
def classify_speaker(
    name: str, role: str | None = None, kind: str = "", descriptors: str = ""
) -> str | None:
    """The stakeholder type of a speaker, from its name, stated role and descriptions;
    None when nothing says. (Cached: the gap report asks again for every speaker and
    every group that may be heard.)"""
    text = " ".join(x for x in (name, role or "", descriptors) if x).lower()
    # every cue found, as (start, end, type order); a cue inside a longer cue found at
    # the same place does not count ("executive" in "chief executive", "department" in
    # "department store"), and a cue weighs as many words as it has, so the specific
    # phrase decides ("chief executive of the Chamber of Trade" is a trader)
    found = [
        (m.start(), m.end(), order, len(cue.split()))
        for order, stype in enumerate(TYPES)
        for cue in stype.cues
        for m in _cue_pattern(cue).finditer(text)
    ]
    weight: Counter[int] = Counter()
    for start, end, order, words in found:
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, *_ in found):
            weight[order] += words
    if not weight and kind == "group":
        # a group named as articles name the type as a whole: "experts", "observers"
        bare = name.casefold().strip()
        weight.update(order for order, stype in enumerate(TYPES) if bare in stype.terms)
    if not weight:
        # "OpenAI", "DeepMind": brand-style names are companies
        brand = re.search(r"[a-z][A-Z]", name) or re.search(r"\b(inc|corp|ltd|ai|labs?)\b", text)
        return "industry" if kind == "organisation" and brand else None
    # the heaviest type; on a tie the one listed first
    return TYPES[max(weight, key=lambda order: (weight[order], -order))].id


@functools.cache
def _cue_pattern(cue: str) -> re.Pattern[str]:
    """``cue`` as a word or phrase, plural allowed ("researchers")."""
    return re.compile(rf"(?<![a-z]){re.escape(cue)}(?:s|es)?(?![a-z])")
