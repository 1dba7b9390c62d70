"""Who an article talks about, and what it asks: inputs of the gap report.

While an article is parsed, two more kinds of plain records are taken from it:

* :class:`~argmap.records.Mention`: groups of people named by a plural noun phrase
  ("home care workers", "open-source developers", "developing nations") and
  organisations named by the model's entities ("the Pentagon", "Nvidia"), each with the
  sentence it is in and whether it is the sentence's subject or object. The gap report
  compares them with the speakers to find stakeholders who are talked about but never
  heard.
* :class:`~argmap.records.Question`: sentences that ask a question, in the body or a
  subheading, quoted or not: questions the articles raise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..records import Article, Mention, Question
from . import lexicon as lx
from .speakers import _people_noun

#: Plural nouns that name a collective party without the suffix of a people noun.
COLLECTIVE_NOUNS = frozenset(
    """company firm country nation economy government state startup lab business
    industry community union charity group organisation organization family household
    school university hospital council authority regulator platform manufacturer maker
    store shop retailer bank insurer landlord tenant""".split()
)
#: Nouns with the ending of a people noun that name things, not people.
NOT_PEOPLE = frozenset(
    """successor predecessor barrier sensor error factor vector processor chapter filter
    layer parameter number order power paper matter letter answer border corner trigger
    container cluster computer server browser transistor semiconductor accelerator
    reactor generator monitor motor tractor indicator behavior behaviour colour color
    component event incident accident talent extent content patent percent segment
    variant plant grant tenet rodent ingredient equivalent sector center centre meter
    metre character poster banner fiber fibre marker header footer timer counter
    leader-board scanner printer router trailer wrapper adapter buffer cancer
    register river water winter summer quarter chamber tower theater theatre corridor
    mirror error horror terror interior exterior anchor doctorate mentorship
    chips compute backdoor door floor""".split()
)
_PEOPLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "ic", "ive", "at")
_THING_ENDINGS = ("ment", "ness", "ion", "ity", "ship", "ence", "ance")

#: Heads too vague to be a stakeholder on their own.
VAGUE_HEADS = frozenset(
    """people other one member individual person thing those party leader source side
    group official expert country nation company firm government state business
    organisation organization authority figure supporter opponent critic proponent
    advocate sceptic skeptic observer rival ally participant organiser organizer player
    actor insider aide spokesperson representative competitor challenger""".split()
)
#: Words dropped from the front of a group phrase.
_DROP_DEPS = frozenset({"det", "poss", "nummod", "predet", "quantmod", "case", "punct", "prep"})
_DROP_WORDS = lx.GROUP_QUANTIFIERS | frozenset(
    (
        "all both each every such these those the a an its their our his her your my many "
        "different multiple various numerous certain"
    ).split()
)
_ORG_LABELS = frozenset({"ORG"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "attr", "oprd"})
_QUOTE_CHARS = '“”"‘’«»„'
_SPACE = re.compile(r"\s+")


def find_mentions(article: Article, doc: Doc) -> list[Mention]:
    """Group and organisation mentions in one parsed article (body and headline)."""
    out: list[Mention] = []
    taken: set[tuple[int, int]] = set()
    for ent in doc.ents:
        if ent.label_ not in _ORG_LABELS:
            continue
        text = _clean(ent.text)
        if len(text) < 2 or text.upper() in lx.COMMON_ACRONYMS:
            continue
        sent = ent.sent
        out.append(
            Mention(
                article.id,
                ent.start_char,
                ent.end_char,
                text,
                _org_key(text),
                "organisation",
                sent.start_char,
                sent.end_char,
                _role(ent.root),
            )
        )
        taken.add((ent.start, ent.end))
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.tag_ != "NNS" or root.ent_type_:
            continue
        lemma = root.lemma_.lower()
        if not stakeholder_noun(lemma):
            continue
        tokens = _group_tokens(chunk)
        if not tokens or any(t.ent_type_ in ("PERSON", "GPE") for t in tokens):
            continue
        if len(tokens) == 1 and lemma in VAGUE_HEADS:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        sent = chunk.sent
        out.append(
            Mention(
                article.id,
                start,
                end,
                doc[tokens[0].i : tokens[-1].i + 1].text,
                _group_key(tokens, lemma),
                "group",
                sent.start_char,
                sent.end_char,
                _role(root),
            )
        )
    out.sort(key=lambda m: (m.start, m.end, m.kind))
    return out


def find_questions(article: Article, doc: Doc) -> list[Question]:
    """Sentences ending in a question mark (inside closing quotes or not), and
    subheadings that ask one ("Will shoppers stay away?")."""
    out: list[Question] = []
    for sent in doc.sents:
        question = _question(article, sent.start_char, sent.text, heading=False)
        if question is not None:
            out.append(question)
    for region in article.regions:
        if region.role == "heading":
            text = article.text[region.start : region.end]
            question = _question(article, region.start, text, heading=True)
            if question is not None:
                out.append(question)
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _question(article: Article, offset: int, raw: str, *, heading: bool) -> Question | None:
    text = raw.strip().lstrip("#").strip() if heading else raw.strip()
    core = text.rstrip(_QUOTE_CHARS + " ")
    if not core.endswith("?") or len(core.split()) < 3:
        return None
    start = offset + raw.find(text)
    quoted = text[:1] in _QUOTE_CHARS or text[-1:] in _QUOTE_CHARS
    return Question(article.id, start, start + len(text), _clean_question(text), quoted, heading)


def _clean_question(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def stakeholder_noun(lemma: str) -> bool:
    """Does a (singular) common noun name people or a party that can speak: "worker",
    "developer", "nation", "startup"; not "successor" or "improvement"?"""
    if lemma in lx.GROUP_NOUNS or lemma in COLLECTIVE_NOUNS:
        return True
    if lemma in NOT_PEOPLE or lemma.endswith(_THING_ENDINGS):
        return False
    return lemma.endswith(_PEOPLE_ENDINGS) and _people_noun(lemma)


def _group_tokens(chunk: Span) -> list[Token]:
    """The chunk without determiners, possessives, numbers, quantifiers and verbal
    modifiers: "some of the 900 low-paid care workers" -> "low-paid care workers"."""
    root = chunk.root
    tokens = [t for t in chunk if t.i <= root.i]
    numbers = [k for k, t in enumerate(tokens) if t.like_num or t.dep_ in ("nummod", "quantmod")]
    if numbers:
        tokens = tokens[numbers[-1] + 1 :]
    while tokens and (
        tokens[0].dep_ in _DROP_DEPS
        or tokens[0].lower_ in _DROP_WORDS
        or (tokens[0].tag_ in ("VBG", "RB", "CC") and not _hyphenated(tokens))
        or tokens[0].is_punct
    ):
        tokens = tokens[1:]
    return tokens


def _hyphenated(tokens: Sequence[Token]) -> bool:
    """Is the first token the first half of a hyphenated word ("low-paid")?"""
    return len(tokens) > 1 and tokens[1].text == "-" and not tokens[0].whitespace_


def _group_key(tokens: Sequence[Token], lemma: str) -> str:
    """ "Low-paid care workers" -> "low-paid care worker" (the words as written, the head
    singular)."""
    if len(tokens) == 1:
        return lemma
    doc = tokens[0].doc
    head = doc[tokens[0].i : tokens[-2].i + 1].text
    return f"{_SPACE.sub(' ', head.lower())} {lemma}"


def _role(token: Token) -> str:
    if token.dep_ in _SUBJECT_DEPS:
        return "subject"
    if token.dep_ in _OBJECT_DEPS:
        return "object"
    return "other"


def _clean(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return re.sub(r"(?:'s|’s)$", "", text).strip(" ,.;:")


def _org_key(text: str) -> str:
    key = text.casefold()
    return re.sub(r"^the ", "", key)
