"""What kind of claim a proposition is, and whether it is hedged.

Judged on the parse of the claim's main clause (a modal in a subordinate clause does not
make a claim a prediction). Definitions, in order of precedence:

``recommendation``
    says what someone should do: *should*, *must*, *ought to*, *need to*, an imperative,
    or a cue such as *called for* / *urged*. Any sentence of the claim counts.
``causal``
    asserts a cause and its effect explicitly: *because*, *due to*, *so that*, *as a
    result*, *therefore*, or the verbs *cause*, *lead to*, *result in*, *mean*.
``prediction``
    about the future or a hypothetical outcome: *will*, *would*, *could*, *may*,
    *might*, *going to*, *expected to*, *set to*.
``statistic``
    the point is a number: a percentage, fraction, multiple, amount of money or a count
    of a hundred or more, outside the words that merely name the subject ("the £8
    charge is a tax" is not a statistic; "62 percent expect lower sales" is).
``evaluation``
    a judgement: an adjective as the predicate ("far too optimistic", "not comparable"),
    or an evaluative word ("a tax on people", "dangerous").
``fact``
    everything else.

The kind of a claim of several sentences is the kind of its first sentence, unless one
of them is a recommendation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from spacy.tokens import Token

from . import lexicon as lx

_MODAL_PREDICTION = frozenset(
    {"will", "would", "could", "might", "may", "shall", "'ll", "’ll", "wo"}
)
_MODAL_RECOMMEND = frozenset({"should", "must", "ought"})
_CAUSAL_WORDS = frozenset({"because", "therefore", "thus", "hence", "consequently"})
_CAUSAL_PHRASES = re.compile(
    r"\b(?:due to|so that|as a result|thanks to|leads? to|led to|leading to|results? in|"
    r"resulted in|caused? by|because of)\b",
    re.IGNORECASE,
)
_CAUSAL_VERBS = frozenset({"cause", "mean"})
_FRACTIONS = frozenset({"half", "quarter", "third", "fifth", "tenth", "fourth"})
_PERCENT_WORDS = frozenset({"percent", "%", "per", "percentage"})
_LARGE = frozenset(
    {
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
    }
)
_NUMBER_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "quantmod", "nmod", "det", "poss"})
_COPULAS = frozenset({"be", "seem", "look", "remain", "become", "appear", "sound", "prove"})


def classify(
    tokens: Sequence[Token], *, recommendation_cue: bool = False, evaluation_cue: bool = False
) -> str:
    """The kind of the claim made of ``tokens`` (see the module docstring). A cue that
    asks for something ("called for") makes it a recommendation; one that judges ("called
    it reckless", "sees it as a power grab") an evaluation."""
    if recommendation_cue:
        return "recommendation"
    if evaluation_cue:
        return "evaluation"
    sentences: list[list[Token]] = []
    for t in tokens:
        if t.is_space:
            continue
        if not sentences or t.sent.start != sentences[-1][0].sent.start:
            sentences.append([])
        sentences[-1].append(t)
    if not sentences:
        return "fact"
    kinds = [sentence_kind(s) for s in sentences]
    if "recommendation" in kinds:
        return "recommendation"
    return kinds[0]


def _roots(tokens: Sequence[Token]) -> list[Token]:
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    # coordinated main clauses ("X is late, and Y will fail")
    for root in list(roots):
        roots.extend(
            c
            for c in root.children
            if c.dep_ == "conj" and c.i in inside and c.pos_ in ("VERB", "AUX")
        )
    return [r for r in roots if not r.is_punct]


def sentence_kind(tokens: Sequence[Token]) -> str:
    roots = _roots(tokens)
    auxes = {c.lower_ for r in roots for c in r.children if c.dep_ in ("aux", "auxpass")}
    lemmas = {t.lemma_.lower() for t in tokens}
    lowers = [t.lower_ for t in tokens]
    text = " ".join(lowers)
    if auxes & _MODAL_RECOMMEND or _needs_to(roots) or _imperative(tokens, roots):
        return "recommendation"
    if _quantified_subject(roots):
        return "statistic"  # "62 percent expect lower sales, and 18 percent would leave"
    if (
        set(lowers) & _CAUSAL_WORDS
        or _CAUSAL_PHRASES.search(text)
        or any(r.lemma_.lower() in _CAUSAL_VERBS for r in roots)
    ):
        return "causal"
    if (
        auxes & _MODAL_PREDICTION
        or _going_to(roots)
        or re.search(r"\b(?:expected|set|likely|due) to\b", text)
    ):
        return "prediction"
    if any(_is_statistic(t, roots) and _in_main_clause(t, roots) for t in tokens):
        return "statistic"
    if _is_evaluation(tokens, roots, lemmas):
        return "evaluation"
    return "fact"


def _quantified_subject(roots: Sequence[Token]) -> bool:
    """Is the subject of the main clause a share or a count ("62 percent", "a third of
    households", "more than 3,000 of the signatures")?"""
    for r in roots:
        for subj in (c for c in r.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subj.ent_type_ == "PERCENT" or subj.lower_ in _PERCENT_WORDS:
                return True
            if subj.like_num and _value(subj.text) >= 100:
                return True
            if subj.lower_ in _FRACTIONS and any(c.lower_ == "of" for c in subj.children):
                return True
    return False


def _needs_to(roots: Sequence[Token]) -> bool:
    return any(
        r.lemma_.lower() in ("need", "have")
        and any(c.dep_ == "xcomp" for c in r.children)
        and r.lower_ not in ("had",)
        and any(t.lower_ == "to" for c in r.children if c.dep_ == "xcomp" for t in c.children)
        for r in roots
    )


def _going_to(roots: Sequence[Token]) -> bool:
    return any(r.lower_ == "going" and any(c.dep_ == "xcomp" for c in r.children) for r in roots)


def _imperative(tokens: Sequence[Token], roots: Sequence[Token]) -> bool:
    first = next((t for t in tokens if not t.is_punct), None)
    return bool(
        first is not None
        and first in roots
        and first.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in first.children)
    )


def _subject_heads(roots: Sequence[Token]) -> set[int]:
    return {c.i for r in roots for c in r.children if c.dep_ in ("nsubj", "nsubjpass")}


def _is_statistic(token: Token, roots: Sequence[Token]) -> bool:
    lower = token.lower_
    if (
        lower in _FRACTIONS
        and token.i > 1
        and token.nbor(-1).lower_ == "a"
        and token.nbor(-2).lower_ in ("by", "of")
    ):
        return True  # "fell by a quarter", "one of a third" (spaCy may call it a DATE)
    number = token.like_num or token.ent_type_ in ("PERCENT", "MONEY", "QUANTITY")
    if token.ent_type_ in ("DATE", "TIME", "ORDINAL"):
        return False
    if not number and lower not in _FRACTIONS and lower not in ("%",):
        return False
    if lower in _FRACTIONS and not (
        token.i > 0 and token.nbor(-1).lower_ in ("a", "one", "two", "three")
    ):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", token.text):
        return False
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    quantity = (
        token.ent_type_ in ("PERCENT", "MONEY")
        or following in _PERCENT_WORDS
        or lower in _FRACTIONS
        or following in ("times", "x", "in")  # "8 times", "one in five"
        or lower in _LARGE
        or following in _LARGE
        or _value(token.text) >= 100
    )
    if not quantity:
        return False
    # a number that only names the subject ("the £8 daily charge is a tax") is not the point
    subjects = _subject_heads(roots)
    node = token
    while node.dep_ in _MODIFIER_DEPS and node.head.i != node.i:
        node = node.head
        if node.i in subjects:
            return token.ent_type_ == "PERCENT" or following in _PERCENT_WORDS
    return True


_SUBORDINATE = frozenset({"acl", "relcl", "advcl", "ccomp", "csubj", "parataxis"})


def _in_main_clause(token: Token, roots: Sequence[Token]) -> bool:
    """Does ``token`` belong to a main clause, not a clause inside one?"""
    root_ids = {r.i for r in roots}
    node = token
    while node.i not in root_ids and node.head.i != node.i:
        if node.dep_ in _SUBORDINATE:
            return False
        node = node.head
    return True


def _value(text: str) -> float:
    try:
        return float(text.replace(",", "").lstrip("$£€"))
    except ValueError:
        return 0.0


def _is_evaluation(tokens: Sequence[Token], roots: Sequence[Token], lemmas: set[str]) -> bool:
    for r in roots:
        if r.pos_ == "ADJ":
            return True
        if r.lemma_.lower() in _COPULAS:
            for c in r.children:
                if c.dep_ == "acomp":
                    return True
                if c.dep_ == "attr" and c.lemma_.lower() in lx.EVALUATIVE_NOUNS:
                    return True
    return bool(lemmas & lx.EVALUATIVE_WORDS)


def is_hedged(text: str) -> bool:
    """Does the claim hedge (could, may, might, "is not inevitable")?"""
    lower = text.lower()
    words = set(re.findall(r"[a-z][a-z'-]*", lower))
    if words & lx.HEDGE_WORDS:
        return True
    return any(phrase in lower for phrase in lx.HEDGE_PHRASES)


#: Inflected forms that the regular rules below do not make.
_IRREGULAR_FORMS = {
    "find": ("found",),
    "show": ("shown",),
    "prove": ("proven",),
    "admit": ("admitted", "admitting"),
    "slam": ("slammed", "slamming"),
    "grant": (),
}


def _forms(lemma: str) -> set[str]:
    """A verb lemma's forms: "note" -> note, notes, noted, noting; "point_out" -> point
    out, points out, pointed out, pointing out."""
    verb, _, rest = lemma.partition("_")
    stem = verb[:-1] if verb.endswith("e") else verb
    ending = "es" if verb.endswith(("sh", "ch", "ss", "x")) else "s"
    forms = {verb, verb + ending, stem + "ed", stem + "ing", *_IRREGULAR_FORMS.get(verb, ())}
    return {f"{f} {rest}" if rest else f for f in forms}


@functools.cache
def _framing_of_form() -> dict[str, str]:
    return {
        form: framing
        for framing, lemmas in lx.FRAMING_VERBS.items()
        for lemma in lemmas
        for form in _forms(lemma)
    }


def cue_framing(cue: str | None, attribution: str) -> str | None:
    """How the reporting cue frames a claim (:data:`~argmap.records.FRAMINGS`):
    "claimed" ``distancing``, "noted" ``endorsing``, "admitted" ``conceding``, "boasted"
    ``loaded``, any other cue ("said", "warned", "according to") ``neutral``; None for
    the outlet's own assertions and claims with no cue."""
    if attribution == "outlet" or not cue:
        return None
    words = " ".join(cue.lower().split())
    forms = _framing_of_form()
    if words in forms:
        return forms[words]
    # "has long claimed", "also noted": the last word, or the last two ("pointed out")
    parts = words.split()
    for n in (2, 1):
        if len(parts) > n and " ".join(parts[-n:]) in forms:
            return forms[" ".join(parts[-n:])]
    return "neutral"
