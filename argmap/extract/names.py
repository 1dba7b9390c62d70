"""Completing the small model's named entities, one article at a time.

en_core_web_sm misses names it has not seen ("Mayor Ana Ruiz", "Harlow Foods") and
labels the same one-word name differently from sentence to sentence ("Anthropic" is
an organisation, a person, a place or nothing). Attribution needs every mention of a
speaker to be recognised the same way, so after parsing each article argmap:

1. turns runs of capitalised proper nouns the model left out into entities: a person
   when the run starts with a common given name or follows a title ("Mayor", "Dr"), or
   when its last word is used alone elsewhere in the article (a surname); otherwise an
   organisation;
2. decides once per article what each one-word name is ("one sense per discourse"):
   the surname of a person named in full, a place when the model mostly says so, and
   otherwise an organisation; and labels every occurrence that way.

Headlines are title-cased, so no new multi-word names are made there.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .lexicon import COMMON_ACRONYMS
from .speakers import name_gender

TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady president senator sen rep gov governor mayor "
    "judge justice secretary minister chancellor general gen col capt sgt councillor "
    "councilor chief executive professor chairman chairwoman commissioner".split()
)
_ORG_WORDS = re.compile(
    r"\b(?:Council|Union|University|College|Institute|Association|Group|Trust|Inc|Ltd|LLC|"
    r"Corp|Corporation|Company|Party|Agency|Department|Ministry|Commission|Committee|"
    r"Foundation|Bank|News|Times|Post|Review|Journal|Press|Associates|Partners|Labs?|"
    r"Centre|Center|Society|Network|Alliance|Coalition|Federation|Board|Office|Authority|"
    r"Court|Chamber|Foods|Motors|Systems|Technologies|Holdings|Industries|Services|Airlines|"
    r"Energy|Capital|Fund|Hospital|School|Club|Institution|Organisation|Organization)\b|&"
)
_CAMEL = re.compile(r"[a-z][A-Z]")
_ROLE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson minister secretary senator mayor governor president "
    "director executive chairman chairwoman economist analyst researcher professor lawyer "
    "founder co-founder official adviser advisor aide candidate leader chief manager officer "
    "editor reporter correspondent judge ambassador commissioner councillor councilor".split()
)
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NOT_NAME_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def _is_name_token(t: Token) -> bool:
    text = t.text
    if len(text) < 2 or not text[:1].isupper():
        return False
    if not (t.is_alpha or text.replace("-", "").replace(".", "").isalpha()):
        return False
    return t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS")


def complete_entities(doc: Doc, headline: tuple[int, int] | None = None) -> Doc:
    """Add the names the model missed and make one-word names consistent (see module)."""
    lower_words = {t.lower_ for t in doc if t.is_alpha and t.text.islower()}
    ents = [_person_not_org(e) for e in doc.ents]
    in_multi = {
        i for e in ents if len(e) > 1 and e.label_ in _KEEP_LABELS for i in range(e.start, e.end)
    }
    alone: Counter[str] = Counter()  # a capitalised word used on its own, not after a name
    for t in doc:
        previous = doc[t.i - 1] if t.i > 0 else None
        if (
            t.text[:1].isupper()
            and t.i not in in_multi
            and not (previous is not None and _is_name_token(previous))
        ):
            alone[t.text] += 1
    surnames: dict[str, str] = {}
    for e in ents:
        if e.label_ == "PERSON":
            words = [w for w in e.text.split() if w.lower().rstrip(".") not in TITLES]
            if len(words) >= 2:
                surnames.setdefault(words[-1].rstrip("’'s"), " ".join(words))

    # 1. runs of proper nouns the model did not make into a multi-word entity
    new: list[Span] = []
    i = 0
    while i < len(doc):
        t = doc[i]
        in_head = headline is not None and headline[0] <= t.idx < headline[1]
        if i in in_multi or in_head or not _is_name_token(t):
            i += 1
            continue
        j = i
        while (
            j < len(doc)
            and j not in in_multi
            and (
                _is_name_token(doc[j])
                or (doc[j].text == "&" and j + 1 < len(doc) and _is_name_token(doc[j + 1]))
            )
        ):
            if "\n" in doc[j].whitespace_:
                j += 1
                break
            j += 1
        start = i
        titled = False
        while start < j and doc[start].lower_.rstrip(".") in TITLES:
            start += 1
            titled = True
        if j - start >= 2 and doc[start].sent == doc[j - 1].sent:
            span = doc[start:j]
            label = _run_label(span, titled, alone)
            new.append(Span(doc, start, j, label=label))
            if label == "PERSON":
                surnames.setdefault(span[-1].text, span.text)
        i = max(j, i + 1)

    # 2. one word, one sense: decide each one-word name for the whole article
    votes: dict[str, Counter[str]] = {}
    proper: set[str] = set()
    for t in doc:
        if t.i in in_multi or not t.text[:1].isupper() or len(t.text) < 2 or not t.is_alpha:
            continue
        if t.lower_ in lower_words or t.is_stop:
            continue
        if t.tag_ in ("NNP", "NNPS") or t.ent_type_:
            proper.add(t.text)
        votes.setdefault(t.text, Counter())[t.ent_type_ or "?"] += 1
    decided: dict[str, str] = {}
    for name in sorted(proper):
        vote = votes[name]
        total = sum(vote.values())
        if name.isupper() and (name in COMMON_ACRONYMS or vote.get("ORG", 0) * 2 <= total):
            continue  # "AI", "IPO": an acronym is a name only when mostly tagged as one
        if sum(vote[label] for label in _NOT_NAME_LABELS) * 2 >= total:
            continue  # "Monday", "March": the model's reading stands
        if name in surnames:
            decided[name] = "PERSON"
        elif sum(vote[label] for label in _PLACE_LABELS) > total / 2 and not _CAMEL.search(name):
            decided[name] = "GPE"
        elif vote.get("NORP", 0) > total / 2:
            decided[name] = "NORP"
        elif vote.get("ORG", 0) or (
            total >= 2 and not name_gender(name) and vote.get("PERSON", 0) < total
        ):
            decided[name] = "ORG"
        elif vote.get("PERSON", 0):
            decided[name] = "PERSON"
    taken = {i for span in new for i in range(span.start, span.end)}
    singles = [
        Span(doc, t.i, t.i + 1, label=decided[t.text])
        for t in doc
        if t.text in decided and t.i not in in_multi and t.i not in taken
    ]
    kept = [e for e in ents if not (len(e) == 1 and e.text in decided) and e.start not in taken]
    doc.set_ents(filter_spans([*new, *singles, *kept]))
    return doc


def _person_not_org(ent: Span) -> Span:
    """A name the model tagged as an organisation (or a place) that is a person's: one
    described by a role in apposition ("Matdos Santos, legal director for ..."); a given
    name and a surname after a role ("GOP presidential candidate Carly Fiorina"), or
    whose surname the article uses alone ("Fiorina opened ...")."""
    words = ent.text.split()
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(words) <= 3:
        return ent
    if _ORG_WORDS.search(ent.text):
        return ent
    if not all(w[:1].isupper() and w[1:].replace("-", "").isalpha() for w in words):
        return ent
    if any(c.dep_ == "appos" and c.lemma_.lower() in _ROLE_NOUNS for c in ent.root.children):
        # "Matdos Santos, legal director for ACLU of Oregon," (tagged a place)
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    if ent.label_ != "ORG" or not name_gender(words[0]):
        return ent
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after_role = before is not None and (
        before.lemma_.lower() in _ROLE_NOUNS or before.lower_.rstrip(".") in TITLES
    )
    surname = words[-1]
    alone = any(
        t.text == surname
        and not (ent.start <= t.i < ent.end)
        and (t.i == 0 or doc[t.i - 1].text != words[-2])
        for t in doc
    )
    if after_role or alone:
        return Span(doc, ent.start, ent.end, label="PERSON")
    return ent


def _run_label(span: Span, titled: bool, alone: Counter[str]) -> str:
    text = span.text
    if _ORG_WORDS.search(text):
        return "ORG"
    for child in span.root.children:  # "Harlow Foods, a grocery chain"
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            from .lexicon import ORG_NOUNS, PERSON_ROLE_NOUNS

            if child.lemma_.lower() in ORG_NOUNS:
                return "ORG"
            if child.lemma_.lower() in PERSON_ROLE_NOUNS:
                return "PERSON"
    if titled or name_gender(text):
        return "PERSON"
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in _ROLE_NOUNS:
        return "PERSON"  # "Foreign Ministry spokesman Lu Kang"
    if len(span) <= 3 and alone.get(span[-1].text, 0) > 0:
        return "PERSON"  # its last word is used on its own: a surname
    return "ORG"
