"""What the articles themselves signal about how claims relate.

Cheap evidence from the text around a claim, combined with the relation model:

* **contrast**: the claim's sentence opens with a contrast marker ("However", "But",
  "Yet", "Still") or names critics ("critics say") right after another claim;
* **rejection**: the speaker has just rejected something ("Mullan rejected the
  comparison", "Anthropic rejects those criticisms"), so what they say next answers it;
* **undercut**: one claim argues from an analogy ("Wrenhaven should do exactly what
  Hallerby did") and the other says the analogy does not hold ("Hallerby is not
  comparable", "unlike missile silos", "a cautionary tale");
* **negation**: the two claims say nearly the same thing, one of them negated;
* **numbers**: the two claims give different numbers for the same kind of quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTRAST_OPENERS = re.compile(
    r"^\s*[“\"]?(?:however|but|yet|still|nevertheless|nonetheless|in contrast|by contrast|"
    r"on the other hand|instead|conversely|critics|opponents|sceptics|skeptics)\b",
    re.IGNORECASE,
)
#: A contrast opened by the critics themselves ("Critics say", "Opponents argue").
CRITICS_OPENER = re.compile(r"^\s*[“\"]?(?:critics|opponents|sceptics|skeptics)\b", re.IGNORECASE)
#: A word that presents someone as a critic: "Among its critics is David Sacks", a
#: speaker named "critics" or "some opponents".
CRITIC_NOUN = re.compile(
    r"\b(?:critics?|opponents?|detractors?|sceptics?|skeptics?)\b", re.IGNORECASE
)
REJECTION = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|disput(?:es|ed|ing)|den(?:y|ies|ied)|"
    r"push(?:es|ed)? back|hit(?:s)? back|counter(?:s|ed)?|rebut(?:s|ted)?|refut(?:es|ed))\b",
    re.IGNORECASE,
)
#: A rejection whose object points back at what was said before: "rejected the
#: comparison", "rejects those criticisms", "hit back at critics", or no object at all
#: ("pushed back."). A rejection of something it names afresh ("dismissed existential
#: fears surrounding AI") does not answer the claims just before it.
REJECTS_EARLIER = re.compile(
    REJECTION.pattern + r"(?:\s+(?:at|against))?\s*(?:[.,;:!?\"”]|$|saying\b|"
    r"(?:the|this|that|these|those|such|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:criticisms?|critiques?|comparisons?|analog(?:y|ies)|claims?|suggestions?|ideas?|"
    r"arguments?|accusations?|allegations?|charges?|characteri[sz]ations?|concerns?|"
    r"notions?|views?|premises?|analys[ie]s|reports?|findings|figures|forecasts?|"
    r"assertions?|assessments?|framing|points?|warnings?|fears|objections?)\b|"
    r"(?:critics|opponents|detractors|sceptics|skeptics)\b)",
    re.IGNORECASE,
)
ANALOGY = re.compile(
    r"\b(?:like|as \w+ did|what \w+ did|follow(?:s|ed|ing)?|cop(?:y|ies|ied)|model(?:led)? on|"
    r"similar to|compar(?:e|ed|ison|able)|analog(?:y|ous)|the same as|just as|as in)\b",
    re.IGNORECASE,
)
DISANALOGY = re.compile(
    r"\b(?:not comparable|no comparison|isn't comparable|is not like|unlike|different from|"
    r"differs? from|does not apply|doesn't apply|not the same|cautionary tale|false analogy|"
    r"analogy (?:fails|breaks|is flawed)|comparison (?:is weaker|does not hold|doesn't hold|fails)|"
    r"far (?:easier|harder) to|(?:harder|easier|more difficult|less reliable) (?:to \w+ )?than|"
    r"weaker than it looks)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:not|no|never|n't|nobody|none|neither|nor)\b", re.IGNORECASE)
NUMBER = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:%|percent|per cent)|\b(?:a|one) (?:quarter|third|half|fifth)\b",
    re.IGNORECASE,
)
_UNITS = frozenset("percent per cent quarter third half fifth".split())
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+)*")
_WORD = re.compile(r"[a-z]+")
_COMMON = frozenset(
    "the a an and or but however yet still this that these those it its they their we our i "
    "he she his her in on at of to for by with from as is are was were be been will would "
    "could may might should must not no never".split()
)


@dataclass(frozen=True)
class Signal:
    """Evidence that ``source`` relates to ``target`` as ``relation`` (text-internal)."""

    name: str
    relation: str  # "contradicts" | "supports"
    weight: float
    note: str
    attack: str | None = None
    #: The text states the stance (a critic's claim against the criticised party's):
    #: the model's *supports* then only says the two are related, and counts as
    #: *contradicts*.
    stance: bool = False


_ANALOGY_TARGET = re.compile(
    r"\b(?i:like|what|follow(?:s|ed|ing)?|cop(?:y|ies|ied|ying)|model(?:led)? on|similar to|"
    r"compar(?:e|ed|ing) (?:\w+ )?(?:with|to)|comparison (?:with|to)|the same as|just as|as in|"
    r"look at|learn from|inspired by|inspiration from|the way)\s+"
    r"(?i:(?:the|those|that|ones?|used|in|of|past|existing|traditional|a|an)\s+)*"
    r"([A-Za-z][\w-]*(?:\s+[A-Z][a-zA-Z]+)*)"
)
#: Words after a comparison marker that are not what is compared with.
_NOT_NAMES = frozenset(
    """i we they he she it this that these those the a an if when us them him her its their
    our his my your what how who which there here now then so such other others all any
    some many much more most less one two three""".split()
)


#: Markers that hold up a model only when a name follows ("what Hallerby did", "look at
#: Sweden"), by their first four letters.
_NAME_ONLY = frozenset({"what", "look"})


def analogy_entities(text: str) -> set[str]:
    """What a claim holds up as a model or compares with: "do exactly what Hallerby
    did" -> Hallerby, "similar to those used in arms-control agreements" -> arms-control,
    "look at Hallerby" -> Hallerby. The first content word is the key."""
    out = set()
    for m in _ANALOGY_TARGET.finditer(text):
        key = m.group(1)
        if key.lower() in _NOT_NAMES or len(key) <= 2:
            continue
        if m.group(0)[:4].lower() in _NAME_ONLY and not key[0].isupper():
            # "what the charge would do", "look at a discount": no model held up
            continue
        out.add(key)
    return out


def _mentions(text: str, entity: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(entity.lower())}(?![\w-])", text.lower()) is not None


def undercut(attacker: str, target: str) -> Signal | None:
    """Does ``attacker`` say that the analogy ``target`` argues from does not hold?"""
    entities = analogy_entities(target)
    shared = sorted(e for e in entities if _mentions(attacker, e))
    if not shared:
        return None
    if not DISANALOGY.search(attacker) and not re.search(
        r"\b(?:but|not|only|whereas|while|unlike)\b", attacker.lower()
    ):
        return None
    return Signal(
        "undercut",
        "contradicts",
        0.35,
        f"undercuts the analogy with {shared[0]}",
        attack="undercut",
    )


def negation(a: str, b: str) -> Signal | None:
    """Nearly the same words, one side negated."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return None
    overlap = len(wa & wb) / min(len(wa), len(wb))
    na, nb = bool(NEGATION.search(a)), bool(NEGATION.search(b))
    if overlap >= 0.6 and na != nb:
        return Signal("negation", "contradicts", 0.2, "one side negates the other")
    return None


def numbers(a: str, b: str) -> Signal | None:
    """Different shares for what looks like the same quantity."""
    na = {n.group(0).lower() for n in NUMBER.finditer(a)}
    nb = {n.group(0).lower() for n in NUMBER.finditer(b)}
    if na and nb and not (na & nb):
        # the same quantity: words in common beyond the units ("62 percent of firms
        # expect lower sales" and "traffic fell by 22 percent" share only "percent")
        wa, wb = _content_words(a) - _UNITS, _content_words(b) - _UNITS
        if len(wa & wb) >= 3:
            return Signal(
                "numbers",
                "contradicts",
                0.15,
                f"different figures ({sorted(na)[0]} vs {sorted(nb)[0]})",
            )
    return None


def contrast_opening(sentence: str) -> bool:
    return bool(CONTRAST_OPENERS.search(sentence))


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _COMMON and len(w) > 2}
