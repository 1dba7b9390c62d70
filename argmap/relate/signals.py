"""What the articles themselves signal about how claims relate.

Cheap evidence from the text around a claim, combined with the relation model:

* **contrast**: the claim's sentence opens with a contrast marker ("However", "But",
  "Yet", "Still") or names critics ("critics say") right after another claim;
* **rejection**: the speaker has just rejected something ("Mullan rejected the
  comparison", "Anthropic rejects those criticisms"), so what they say next answers it;
* **undercut**: one claim argues from an analogy ("Wrenhaven should do exactly what
  Hallerby did") and the other says the analogy does not hold ("Hallerby is not
  comparable", "unlike missile silos", "a cautionary tale", "asked why the council kept
  comparing Wrenhaven with Hallerby"), or offers another model in its place ("A better
  guide is Dunmore", after the article has discussed Hallerby);
* **precedent**: a figure from the place or case an analogy holds up ("Traffic in
  Hallerby's zone is 22 percent lower") supports the argument from it;
* **defence**: one claim says the comparison holds ("the comparison was fair because
  ... in Hallerby") against a claim that undercuts it, naming the same model;
* **answer**: the claim's sentence has its speaker answer another by name ("Responding
  to Sacks, Clark said", "hit back at Sacks"): it is read against that speaker's
  claims, as an attack;
* **reference**: one claim names another party's claim ("the council's forecast is far
  too optimistic", "Anthropic's call for caution"): it is read against that party's
  claims of that kind, wherever they are made (the model says which way);
* **negation**: the two claims say nearly the same thing, one of them negated;
* **numbers**: the two claims give different numbers for the same kind of quantity.
"""

from __future__ import annotations

import functools
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
#: Another model offered in place of one: "a better guide", "the closer parallel".
_ANOTHER_MODEL = (
    r"(?:a|the)\s+(?:better|closer|fairer|more useful|more relevant|more apt)\s+"
    r"(?:guide|comparison|model|example|parallel|precedent|analogy|yardstick)"
)
DISANALOGY = re.compile(
    r"\b(?:not comparable|no comparison|isn't comparable|is not like|unlike|different from|"
    r"differs? from|does not apply|doesn't apply|not the same|cautionary tale|false analogy|"
    r"analogy (?:fails|breaks|is flawed)|comparison (?:is weaker|does not hold|doesn't hold|fails)|"
    r"far (?:easier|harder) to|(?:harder|easier|more difficult|less reliable) (?:to \w+ )?than|"
    r"weaker than it looks|" + _ANOTHER_MODEL + r")\b",
    re.IGNORECASE,
)
#: A claim that grants a difficulty, a limit or an uncertainty ("is considerably harder
#: to monitor", "would be extraordinarily difficult", "remains speculative", "AI systems
#: are not capable of ... at present"): the one way a speaker's claim attacks another of
#: their own.
CONCESSION = re.compile(
    r"\b(?:difficult(?:y|ies)?|hard(?:er|est)?|challeng(?:e|es|ing)|speculative|uncertain|"
    r"unclear|unproven|untested|impossible|obstacles?|limitations?|cannot|can't|although|"
    r"though|however|"
    r"nevertheless|nonetheless|not (?:yet|capable|clear|certain|possible|easy)|at present|"
    r"no such)\b",
    re.IGNORECASE,
)


def concedes(text: str) -> bool:
    """Does the claim grant a difficulty or a limit (:data:`CONCESSION`), or say that a
    comparison does not hold?"""
    return bool(CONCESSION.search(text) or DISANALOGY.search(text))


#: Another model offered in place of the one compared with: "A better guide, she said,
#: is Dunmore" (after the article has discussed Hallerby).
ALTERNATIVE = re.compile(rf"\b{_ANOTHER_MODEL}\b", re.IGNORECASE)
#: A comparison put as a question: "asked why the council kept comparing Wrenhaven with
#: Hallerby" challenges the analogy; it does not argue from it.
QUESTIONED = re.compile(
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|question(?:s|ed|ing)?|query|queried)\s+"
    r"(?:why|whether|how|if)\b",
    re.IGNORECASE,
)
#: The comparison holds: "the comparison was fair", "Hallerby is comparable", "the
#: analogy holds", "a fair comparison".
DEFENCE = re.compile(
    r"\b(?:(?:comparison|analogy|parallel)\s+(?:is|was|remains)\s+"
    r"(?:(?:entirely|perfectly|quite|still|a)\s+)*(?:fair|valid|apt|sound|right|good|reasonable)|"
    r"(?:comparison|analogy|parallel)\s+(?:holds|stands)|"
    r"(?:is|are|was|were|remains?)\s+(?:entirely\s+|perfectly\s+|quite\s+)?comparable|"
    r"(?:a|an)\s+(?:fair|valid|apt|good|sound)\s+(?:comparison|analogy|parallel|model|guide))\b",
    re.IGNORECASE,
)
#: Another party's claim named by its possessor: "the council's forecast", "Anthropic's
#: call for caution", "the mayor's own figures". Group 1 the possessor's last word,
#: group 2 the noun.
REFERENCE = re.compile(
    r"(?<![\w'’])([A-Za-z][\w&-]*)['’]s\s+(?:own\s+)?(?:[a-z][a-z-]*\s+)?"
    r"(forecasts?|projections?|predictions?|estimates?|modell?ing|figures|numbers|data|"
    r"claims?|arguments?|case|assertions?|warnings?|assurances?|promises?|pledges?|"
    r"plans?|proposals?|calls?|scheme|polic(?:y|ies))\b"
)
#: A speaker answering another by name: "Responding to Sacks, Clark said", "hit back
#: at Sacks", "in response to criticism from David Sacks". Group 1 the name.
ANSWER = re.compile(
    r"\b(?i:respond(?:s|ed|ing)?\s+to|repl(?:y|ies|ied|ying)\s+to|"
    r"in\s+(?:a\s+)?(?:response|reply|answer)\s+to|hit(?:s|ting)?\s+back\s+at|"
    r"push(?:es|ed|ing)?\s+back\s+(?:on|against)|retort(?:s|ed|ing)?\s+to|"
    r"rebut(?:s|ted|ting)?)\s+"
    r"(?:(?i:the|a|an)\s+)?(?:[a-z][a-z-]*\s+){0,3}?(?:(?i:of|from|by)\s+)?"
    r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})"
)
#: What kinds of claim a named claim can be (None: any kind).
REFERENCE_KINDS: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(
        ("forecast", "projection", "prediction", "estimate", "modelling", "modeling"),
        frozenset({"prediction", "statistic"}),
    ),
    **dict.fromkeys(("figures", "numbers", "data"), frozenset({"statistic"})),
    **dict.fromkeys(
        ("plan", "proposal", "call", "scheme", "policy", "policie"),
        frozenset({"recommendation"}),
    ),
    **dict.fromkeys(
        ("assurance", "promise", "pledge"), frozenset({"prediction", "recommendation"})
    ),
    **dict.fromkeys(("claim", "argument", "case", "assertion", "warning"), None),
}
#: Possessors that name no party ("its plan", "last year's figures", "the company's").
_NOT_PARTIES = frozenset(
    """it its his her their our my your one today yesterday year week month decade
    company firm group country nation world city town industry sector""".split()
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


def challenges_comparison(text: str) -> bool:
    """Does the claim say a comparison does not hold (:data:`DISANALOGY`) or put it as a
    question (:data:`QUESTIONED`)?"""
    return bool(DISANALOGY.search(text) or QUESTIONED.search(text))


@functools.lru_cache(maxsize=8192)
def analogy_entities(text: str) -> frozenset[str]:
    """What a claim holds up as a model or compares with: "do exactly what Hallerby
    did" -> Hallerby, "similar to those used in arms-control agreements" -> arms-control,
    "look at Hallerby" -> Hallerby. The first content word is the key. A claim that
    questions or undercuts the comparison it names ("asked why the council kept
    comparing Wrenhaven with Hallerby") holds up no model. (Cached: every candidate pair
    asks it of both its claims.)"""
    if challenges_comparison(text):
        return frozenset()
    out: set[str] = set()
    for m in _ANALOGY_TARGET.finditer(text):
        key = m.group(1)
        if key.lower() in _NOT_NAMES or len(key) <= 2:
            continue
        if m.group(0)[:4].lower() in _NAME_ONLY and not key[0].isupper():
            # "what the charge would do", "look at a discount": no model held up
            continue
        out.add(key)
    return frozenset(out)


#: Words that turn a claim against what it mentions ("but", "not", "unlike").
_CONTRARY = re.compile(r"\b(?:but|not|only|whereas|while|unlike)\b")


def _mentions(text: str, entity: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(entity.lower())}(?![\w-])", text.lower()) is not None


def undercut(attacker: str, target: str) -> Signal | None:
    """Does ``attacker`` say that the analogy ``target`` argues from does not hold?"""
    entities = analogy_entities(target)
    shared = sorted(e for e in entities if _mentions(attacker, e))
    if not shared or DEFENCE.search(attacker):
        return None
    if not challenges_comparison(attacker) and not _CONTRARY.search(attacker.lower()):
        return None
    return Signal(
        "undercut",
        "contradicts",
        0.35,
        f"undercuts the analogy with {shared[0]}",
        attack="undercut",
    )


def precedent(evidence: str, target: str) -> Signal | None:
    """Is ``evidence`` a figure from the model that ``target`` argues from ("Traffic in
    Hallerby's zone is 22 percent lower" for "do exactly what Hallerby did"), with no
    word that turns it against the comparison?"""
    if not NUMBER.search(evidence) or challenges_comparison(evidence):
        return None
    lower = evidence.lower()
    if _CONTRARY.search(lower) or re.search(r"\b(?:although|though)\b", lower):
        return None
    shared = sorted(e for e in analogy_entities(target) if _mentions(evidence, e))
    if not shared:
        return None
    return Signal("precedent", "supports", 0.15, f"evidence from {shared[0]}")


def defence(defender: str, target: str) -> Signal | None:
    """Does ``defender`` say that the comparison ``target`` undercuts holds ("the
    comparison was fair because ... in Hallerby" against "Hallerby is not comparable")?
    Both must name the model compared with."""
    if not DEFENCE.search(defender) or not challenges_comparison(target):
        return None
    shared = sorted(_names(target) & _names(defender))
    if not shared:
        return None
    return Signal("defence", "contradicts", 0.35, f"defends the comparison with {shared[0]}")


def references(text: str) -> list[tuple[str, str, frozenset[str] | None, str]]:
    """Other parties' claims that ``text`` names: (possessor, noun, the kinds of claim
    the noun can name, the words), e.g. "the council's forecast is far too optimistic"
    -> ("council", "forecast", {prediction, statistic}, "the council's forecast")."""
    out = []
    for m in REFERENCE.finditer(text):
        owner = m.group(1)
        if owner.lower() in _NOT_PARTIES or len(owner) <= 2:
            continue
        noun = m.group(2).lower()
        key = noun[:-1] if noun.endswith("s") and noun[:-1] in REFERENCE_KINDS else noun
        key = "policy" if key.startswith("polic") else key
        before = text[max(0, m.start() - 4) : m.start()].lower()
        words = ("the " if before.endswith("the ") else "") + m.group(0)
        out.append((owner, key, REFERENCE_KINDS.get(key), words))
    return out


def answered(sentence: str) -> list[str]:
    """Who a sentence has its speaker answer by name, as the last word of each name:
    "Responding to Sacks, Clark said ..." -> ["Sacks"]; "in response to criticism from
    David Sacks" -> ["Sacks"]."""
    out = []
    for m in ANSWER.finditer(sentence):
        words = m.group(1).split()
        after = re.match(r"\s+([a-z]+)", sentence[m.end(1) :])
        if len(words) == 1 and after and after.group(1) not in _AFTER_A_NAME:
            continue  # "responded to Republican efforts": an adjective, no one named
        last = re.sub(r"['’]s$", "", words[-1]).strip(".")
        if last.lower() not in _NOT_PARTIES and len(last) > 2:
            out.append(last)
    return out


#: Words that may follow a name in a sentence ("hit back at Mullan on Tuesday").
_AFTER_A_NAME = frozenset(
    "on in at by for with and or over about after during before who which that saying "
    "said says when as but while".split()
)


def _names(text: str) -> set[str]:
    """Capitalised words other than function words ("The", "When")."""
    return {
        word
        for m in _CAPITALISED.finditer(text)
        for word in m.group(0).split()
        if word.lower() not in _NOT_NAMES and word.lower() not in _COMMON
    }


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
