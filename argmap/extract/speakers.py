"""Who a speaker mention refers to: names, roles, kinds, and light coreference.

Works on one article at a time, in reading order. It keeps a short history of the
people, organisations and groups mentioned so far, so that "he", "she", "they", "it",
"the company", "the executive" or a bare surname resolve to the right earlier entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import lexicon as lx

PERSON_ENTS = frozenset({"PERSON"})
_NOT_SPEAKER_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "LAW",
        "LANGUAGE",
        "WORK_OF_ART",
        "EVENT",
    }
)
ORG_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")


def as_written(first: Token, last: Token) -> tuple[str, int, int]:
    """The words from ``first`` to ``last`` as the article writes them (runs of spaces
    made one), with their character offsets. A Span's text, not Doc.text, which joins
    every token of the article again on each access."""
    text = _SPACE.sub(" ", first.doc[first.i : last.i + 1].text)
    return text, first.idx, last.idx + len(last)


def clean_name(text: str) -> str:
    """Tidy an entity string: collapse whitespace, drop a possessive and a leading "the"."""
    text = _SPACE.sub(" ", text).strip(" ,;:.\"“”'‘’()")
    text = _POSSESSIVE.sub("", text)
    if text.lower().startswith("the ") and len(text.split()) > 1:
        # "the Harbour Trust" and "The Harbour Trust" are one speaker: "Harbour Trust"
        text = text[4:]
    return text.strip()


@dataclass(slots=True)
class Resolved:
    """A speaker mention resolved to a canonical speaker."""

    name: str
    kind: str  # person | organisation | group | outlet
    start: int
    end: int
    role: str | None = None
    via: str = "name"  # name | pronoun | nominal | surname | document | group | continuation
    gender: str = ""
    place: bool = False  # a country or city speaking ("China said"): not "the company"


@dataclass(slots=True)
class _Entity:
    name: str
    kind: str
    gender: str = ""
    last_sent: int = -1
    last_subject_sent: int = -1
    speaker_count: int = 0
    mentions: int = 0
    descriptors: set[str] = field(default_factory=set)  # "group" for "X, a campaign group"


@dataclass
class SpeakerResolver:
    """Per-article state: known entities, surnames, roles; resolves speaker mentions."""

    entities: dict[str, _Entity] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # most recent last
    surnames: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    last_speaker: str | None = None
    main_organisation: str | None = None

    # ---- bookkeeping -------------------------------------------------------------

    def observe_sentence(self, sent: Span, sent_index: int, *, in_headline: bool = False) -> None:
        """Record the named people and organisations a sentence mentions (headlines are
        title-cased, so their entities do not teach surnames)."""
        for ent in sent.ents:
            if ent.label_ in PERSON_ENTS:
                name = self._person_name(ent, learn=not in_headline)
                if name:
                    entity = self._touch(name, "person", sent_index)
                    if ent.root.dep_ in ("nsubj", "nsubjpass"):
                        entity.last_subject_sent = sent_index
                    gender = _honorific_gender(ent) or name_gender(name)
                    if gender and not entity.gender:
                        entity.gender = gender
                    if name not in self.roles and len(name.split()) >= 2:
                        role = _person_role(ent.root, ent)
                        if role:
                            self.roles[name] = role
            elif ent.label_ in ("ORG", "GPE"):
                name = clean_name(ent.text)
                known = self.entities.get(name)
                kind = known.kind if known else ("organisation" if ent.label_ == "ORG" else "place")
                if name:
                    entity = self._touch(name, kind, sent_index)
                    if ent.root.dep_ in ("nsubj", "nsubjpass"):
                        entity.last_subject_sent = sent_index
                    # "Tidewell Associates, the consultancy that ..." -> "the consultancy"
                    for child in ent.root.children:
                        if child.dep_ == "appos" and child.pos_ == "NOUN":
                            entity.descriptors.add(child.lemma_.lower())
                    described = described_as(ent.root)
                    if described and name not in self.roles:
                        self.roles[name] = described

    def note_speaker(self, resolved: Resolved, sent_index: int) -> None:
        kind = "place" if resolved.place else resolved.kind
        entity = self._touch(resolved.name, kind, sent_index)
        if not entity.gender and resolved.kind == "person":
            entity.gender = name_gender(resolved.name)
        entity.speaker_count += 1
        entity.last_subject_sent = sent_index
        if resolved.gender and not entity.gender:
            entity.gender = resolved.gender
        if resolved.role and resolved.name not in self.roles:
            self.roles[resolved.name] = resolved.role
        self.last_speaker = resolved.name

    def _touch(self, name: str, kind: str, sent_index: int) -> _Entity:
        entity = self.entities.get(name)
        if entity is None:
            entity = self.entities[name] = _Entity(name, kind)
        entity.last_sent = sent_index
        entity.mentions += 1
        if name in self.order:
            self.order.remove(name)
        self.order.append(name)
        return entity

    def _person_name(self, ent: Span, *, learn: bool = True) -> str:
        tokens = [t for t in ent if t.lower_.rstrip(".") not in _TITLE_WORDS]
        while tokens and tokens[-1].tag_ == "POS":
            tokens.pop()
        if not tokens:
            return ""
        name = clean_name(" ".join(t.text for t in tokens))
        parts = name.split()
        if len(parts) >= 2:
            if learn:
                known = self.surnames.get(parts[-1])
                # "Rip Donald Trump" (a headline slip) must not beat "Donald Trump"
                if known is None or (known.endswith(name) and len(name) < len(known)):
                    self.surnames[parts[-1]] = name
            return name
        if len(parts) == 1 and parts[0] in self.surnames:
            return self.surnames[parts[0]]
        return name

    # ---- resolution ----------------------------------------------------------------

    def person_with_role(self, noun: str) -> _Entity | None:
        """The person whose stated role contains ``noun`` ("mayor" -> "Mayor")."""
        pattern = re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE)
        matches = [
            self.entities[name]
            for name, role in sorted(self.roles.items())
            if name in self.entities and pattern.search(role)
        ]
        return max(matches, key=lambda e: e.last_sent) if matches else None

    def most_recent(
        self, kinds: tuple[str, ...], gender: str = "", *, named: str = ""
    ) -> _Entity | None:
        """The most recently mentioned entity of one of ``kinds``, preferring speakers and
        subjects, matching ``gender`` when it is known, and with ``named`` as a word of
        its name when that is given."""
        best: _Entity | None = None
        best_score = -1e9
        n = len(self.order)
        now = max((e.last_sent for e in self.entities.values()), default=0)
        for rank, name in enumerate(self.order):
            entity = self.entities[name]
            if entity.kind not in kinds:
                continue
            if named and named not in name.lower().split() and named not in entity.descriptors:
                continue
            if gender and entity.gender and entity.gender != gender:
                continue
            # sentences since the last mention, then order of mention within a sentence;
            # the subject of its last sentence and a speaker already are likelier antecedents
            score = -(now - entity.last_sent) - 0.1 * (n - rank)
            if entity.last_subject_sent == entity.last_sent:
                score += 1.5
            if entity.speaker_count:
                score += 1.0
            if score > best_score:
                best, best_score = entity, score
        return best

    def salient_organisation(self) -> _Entity | None:
        """The organisation the article is most about so far, else the one it names most
        often overall (set by :meth:`prime`)."""
        orgs = [self.entities[n] for n in self.order if self.entities[n].kind == "organisation"]
        if not orgs:
            if self.main_organisation:
                return _Entity(self.main_organisation, "organisation")
            return None
        return max(orgs, key=lambda e: (e.speaker_count * 3 + e.mentions, e.last_sent))

    def prime(self, doc: Doc) -> None:
        """Read the whole article once before resolving anything: learn the full names
        behind surnames, and note the organisation it names most often, for "the
        company" before any organisation has been named (a subtitle, a summary box).
        Entities are already consistent (see :mod:`.names`)."""
        counts: dict[str, int] = {}
        for ent in doc.ents:
            if ent.label_ in PERSON_ENTS and len(ent) >= 2:
                self._person_name(ent)  # learns the surname
            elif ent.label_ == "ORG":
                name = clean_name(ent.text)
                if name and len(name) > 2 and name not in lx.COMMON_ACRONYMS:
                    counts[name] = counts.get(name, 0) + 1
        if counts:
            best = max(sorted(counts), key=lambda n: counts[n])
            if counts[best] >= 2:
                self.main_organisation = best

    def resolve(self, head: Token) -> Resolved | None:
        """Resolve the subject ``head`` of a cue to a speaker, or None if it isn't one."""
        doc = head.doc
        lower = head.lower_
        if lower in _QUANTIFIER_SUBJECTS and head.dep_ in ("nsubj", "nsubjpass"):
            # "Some said", "Many in the crowd said": an unnamed group, as the article
            # puts it
            words = [t for t in sorted(head.subtree, key=lambda t: t.i) if t.i >= head.i]
            if len(words) > 6 or any(t.is_punct for t in words):
                words = [head]
            mention, first_char, end_char = as_written(words[0], words[-1])
            return Resolved(mention.lower(), "group", first_char, end_char, None, "group")
        if head.pos_ == "PRON" or lower in lx.PERSON_PRONOUNS:
            return self._resolve_pronoun(head)
        share = _share_of_people(head)
        if share is not None:  # "52 percent of registered voters say", "six in 10 say"
            return Resolved(share[2], "group", share[0], share[1], None, "group")
        if lower == "one" and (of := _of_object(head)) is not None and of.tag_ == "NNS":
            # "One of his advisers, Tad Devine, told": the name; else "one of his advisers"
            for child in head.rights:
                if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                    inner = self.resolve(child)
                    if inner is not None:
                        return inner
            if _people_noun(of.lemma_.lower()) or of.lemma_.lower() in lx.PERSON_ROLE_NOUNS:
                mention, first_char, end_char = as_written(head, of)
                return Resolved(mention, "person", first_char, end_char, None, "description")
        ent = _entity_of(head)
        if ent is not None and ent.label_ in _NOT_SPEAKER_ENTS:
            return None
        if head.text in lx.COMMON_ACRONYMS and (ent is None or len(ent) == 1):
            return None  # "the company racing toward an IPO": an IPO never speaks
        np_tokens = _noun_phrase(head)
        start = np_tokens[0].idx
        end = np_tokens[-1].idx + len(np_tokens[-1])
        if ent is not None and ent.label_ in PERSON_ENTS:
            name = self._person_name(ent)
            if not name:
                return None
            if len(name.split()) == 1 and name in self.surnames:
                name = self.surnames[name]
            role = _person_role(head, ent) or self.roles.get(name)
            return Resolved(
                name, "person", ent.start_char, ent.end_char, role, "name", _honorific_gender(ent)
            )
        if ent is not None and ent.label_ in ORG_ENTS:
            name = clean_name(ent.text)
            last = name.split()[-1] if name.split() else ""
            if last in self.surnames and (len(name.split()) == 1 or _looks_like_person(name)):
                # "Sacks warned" (tagged a place) after "venture capitalist David Sacks"
                name = self.surnames[last]
                role = self.roles.get(name)
                return Resolved(name, "person", ent.start_char, ent.end_char, role, "surname")
            kind = (
                "group" if ent.label_ == "NORP" and head.tag_ in ("NNPS", "NNS") else "organisation"
            )
            role = described_as(ent.root) or self.roles.get(name)
            return Resolved(
                name, kind, ent.start_char, ent.end_char, role, "name", place=ent.label_ == "GPE"
            )
        if head.pos_ == "PROPN" and len(np_tokens) == 1 and lower in lx.PERSON_ROLE_NOUNS:
            entity = self.person_with_role(lower)  # "Mayor says ..." in a headline
            if entity is not None:
                role = self.roles.get(entity.name)
                return Resolved(entity.name, "person", start, end, role, "nominal")
        if head.pos_ == "PROPN" and head.text[:1].isupper() and head.text not in lx.COMMON_ACRONYMS:
            text = clean_name(doc[np_tokens[0].i : head.i + 1].text)
            text = _strip_leading_lower(text)
            if text in self.surnames:
                return Resolved(
                    self.surnames[text], "person", head.idx, head.idx + len(head), None, "surname"
                )
            if not text:
                return None
            kind = "person" if _looks_like_person(text) else "organisation"
            return Resolved(text, kind, start, end, None, "name")
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        speaks_for = self._speaks_for(head, np_tokens)
        if speaks_for is not None:
            return speaks_for
        for child in head.rights:  # "The state's campaign chairman, Phil Lovas, said"
            if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG"):
                inner = self.resolve(child)
                if inner is not None:
                    role = " ".join(t.text for t in np_tokens if t.dep_ != "det")
                    inner.role = inner.role or (role if inner.kind == "person" else None)
                    return inner
        lemma = head.lemma_.lower() or lower
        det = _determiner(head)
        plural = head.tag_ in ("NNS", "NNPS")
        owner = _owner_entity(head, compounds=lemma in lx.DOCUMENT_NOUNS)
        if owner is None and lemma in _PERSONAL_ORG_NOUNS:
            # "the Ruiz campaign", "the Trump team": a person's own organisation
            owned_by = _owner_entity(head, compounds=True)
            if owned_by is not None and owned_by[1] == "person":
                owner = owned_by
        of = _of_object(head) if owner is None and lemma in lx.ORG_NOUNS else None
        if of is not None and of.ent_type_ in ("PERSON", "ORG") and (ent := _entity_of(of)):
            # "the campaign of Hillary Clinton said"
            owner = (clean_name(ent.text), "person" if ent.label_ == "PERSON" else "organisation")
        if owner is None and det in ("its", "their", "his", "her"):
            # "its research indicates", "their report says": the owner is the pronoun's
            pronoun = next(c for c in head.lefts if c.dep_ == "poss")
            owned = self._resolve_pronoun(pronoun)
            if owned is not None:
                owner = (owned.name, owned.kind)
        if (lemma in lx.EVIDENCE_NOUNS or lemma in lx.DOCUMENT_NOUNS) and (
            maker := _made_by(head)
        ) is not None:
            inner = self.resolve(maker)  # "a count by the Associated Press", "a poll
            if inner is not None and inner.kind in ("organisation", "person"):  # conducted by"
                return Resolved(inner.name, inner.kind, start, inner.end, inner.role, "document")
        if lemma in ("result", "finding") and (source := _of_object(head)) is not None:
            inner = self.resolve(source)  # "early results of the exit poll": the poll
            if inner is not None:
                inner.start = min(inner.start, start)
                return inner
        if lemma in ("person", "people", "source") and _familiar(head):
            # "a person familiar with the planning says": an unnamed source
            mention, first_char, end_char = as_written(
                np_tokens[0], max(head.subtree, key=lambda t: t.i)
            )
            kind = "group" if plural or lemma == "people" else "person"
            return Resolved(mention.strip(" ,"), kind, first_char, end_char, None, "description")
        if lemma in lx.DOCUMENT_NOUNS or lemma in lx.EVIDENCE_NOUNS:
            if owner is not None:
                return Resolved(
                    owner[0], owner[1], head.idx, head.idx + len(head), None, "document"
                )
            org = self.salient_organisation()
            if (
                org is not None
                and lemma in lx.DOCUMENT_NOUNS
                and det in ("the", "this", "that", "its")
            ):
                return Resolved(org.name, org.kind, start, end, None, "document")
            if lemma in lx.EVIDENCE_NOUNS or det in ("a", "an", "one", "another"):
                return Resolved(_group_name(np_tokens), "group", start, end, None, "group")
            if det in ("the", "this", "that") and (name := _group_name(np_tokens)):
                # "The ad says “nothing will change ...”" with no one whose ad it is: the
                # document as the article names it, rather than a quotation dropped
                return Resolved(name, "group", start, end, None, "unresolved")
            return None
        if not plural and owner is not None and lemma in lx.ORG_NOUNS and det not in ("a", "an"):
            # "O'Malley's campaign says", "Rival Hillary Clinton's campaign says": the
            # organisation speaks for its owner
            name = owner[0]
            if owner[1] == "person" and len(name.split()) == 1 and name in self.surnames:
                name = self.surnames[name]
            return Resolved(name, owner[1], start, end, self.roles.get(name), "nominal")
        if not plural and det in ("the", "this", "that") and lemma in lx.ORG_NOUNS:
            # (one with an owner, "the campaign of Ana Ruiz", is its owner's: above)
            # "the council" -> the latest organisation whose name says council
            entity = (
                self.most_recent(("organisation",), named=lemma)
                or self.most_recent(("organisation",))
                or self.salient_organisation()
            )
            if entity is not None:
                return Resolved(
                    entity.name, entity.kind, start, end, self.roles.get(entity.name), "nominal"
                )
            # no antecedent at all: the speaker is "the union" as the article names it
            words = [t.text for t in np_tokens if t.dep_ not in ("det", "poss")]
            return Resolved(" ".join(words), "organisation", start, end, None, "unresolved")
        # "Donald Trump's campaign manager says": a role with its owner named (the
        # owner, not "the", is then the noun's determiner)
        owned = (
            det not in ("the", "this", "that", "")
            and lemma in lx.PERSON_ROLE_NOUNS
            and any(c.dep_ == "poss" and c.ent_type_ in ("PERSON", "ORG") for c in head.lefts)
        )
        if not plural and (
            owned
            or (
                det in ("the", "this", "that", "")
                and (lemma in lx.PERSON_ROLE_NOUNS or (det and _person_noun(lemma)))
            )
        ):
            # "the mayor said", and "Mayor says ..." in a headline: the person named with
            # that role before (else, after "the", the latest person named)
            entity = self.person_with_role(lemma)
            if entity is None and det and not owned:
                entity = self.most_recent(("person",))
            if entity is not None:
                role = self.roles.get(entity.name)
                return Resolved(entity.name, "person", start, end, role, "nominal")
            if owned:
                # no one named with that role: a person known by that description
                described = as_written(np_tokens[0], np_tokens[-1])[0].strip(" ,")
                if described:
                    return Resolved(described, "person", start, end, None, "description")
            elif det:
                # "the admiral said" with no one named before: known only as "the admiral"
                described = " ".join(t.text for t in np_tokens)
                return Resolved(clean_name(described), "person", start, end, None, "unresolved")
        if det == "" and any(c.dep_ == "nummod" and c.lower_ == "one" for c in head.lefts):
            det = "one"  # "one longtime friend said"
        if (
            not plural
            and det in ("a", "an", "one", "another")
            and (
                lemma in lx.PERSON_ROLE_NOUNS
                or lemma in lx.GROUP_NOUNS
                or (lemma.endswith(_PERSON_SUFFIXES) and _people_noun(lemma))
            )
        ):
            # "a Treasury spokesman said": the organisation's voice, as "a spokesman for
            # Treasury"; "a former speechwriter said": a person known by that description
            owned = _owner_entity(head, compounds=True)
            if owned is not None and owned[1] == "organisation":
                return Resolved(
                    owned[0], "organisation", start, end, self.roles.get(owned[0]), "nominal"
                )
            mention = as_written(np_tokens[0], np_tokens[-1])[0].strip(" ,")
            return Resolved(mention, "person", start, end, None, "description")
        if lemma in lx.GROUP_NOUNS or (plural and _people_noun(lemma)):
            name = _group_name(np_tokens)
            if name:
                return Resolved(name, "group", start, end, None, "group")
        return None

    def _speaks_for(self, head: Token, np_tokens: list[Token]) -> Resolved | None:
        """ "A spokesman for Anthropic said", "a producer at Yahoo Studios told": an
        unnamed person who speaks for an organisation is the organisation's voice; for a
        person ("a lawyer for Trump"), a person known by that description."""
        lemma = (head.lemma_ or head.lower_).lower()
        if lemma not in lx.PERSON_ROLE_NOUNS or head.tag_ in ("NNS", "NNPS"):
            return None
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "at", "with", "from"):
                continue
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if not objs or objs[0].pos_ not in ("PROPN", "NOUN"):
                continue
            inner = self.resolve(objs[0])
            if inner is None or inner.kind not in ("organisation", "person"):
                continue
            start = np_tokens[0].idx
            end = max(inner.end, objs[0].idx + len(objs[0]))
            if inner.kind == "organisation":
                return Resolved(inner.name, "organisation", start, end, inner.role, "nominal")
            role = f"{head.text} {prep.lower_} {inner.name}"
            return Resolved(clean_name(role), "person", start, end, role, "description")
        return None

    def _resolve_pronoun(self, head: Token) -> Resolved | None:
        lower = head.lower_
        span = (head.idx, head.idx + len(head))
        if lower in lx.PERSON_PRONOUNS:
            gender = lx.PERSON_PRONOUNS[lower]
            entity = self.most_recent(("person",), gender)
            if entity is None:
                return None
            if not entity.gender:
                entity.gender = gender
            return Resolved(
                entity.name, "person", *span, self.roles.get(entity.name), "pronoun", gender
            )
        if lower in lx.ORG_PRONOUNS:
            entity = self.most_recent(("organisation",)) or self.salient_organisation()
            if entity is None:
                return None
            return Resolved(entity.name, entity.kind, *span, self.roles.get(entity.name), "pronoun")
        if lower in lx.PLURAL_PRONOUNS:
            # "they" is a group or an organisation; a single person only when the article
            # has named no group or organisation within the last three sentences
            entity = self.most_recent(("group", "organisation"))
            person = self.most_recent(("person",))
            if entity is None or (person is not None and person.last_sent - entity.last_sent > 3):
                entity = person
            if entity is None:
                return None
            return Resolved(entity.name, entity.kind, *span, self.roles.get(entity.name), "pronoun")
        return None


_TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "mayor",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "judge",
        "justice",
        "secretary",
        "minister",
        "chancellor",
        "general",
        "gen",
        "col",
        "capt",
        "sgt",
    ]
)


def _load_first_names() -> dict[str, str]:
    from importlib import resources

    table: dict[str, str] = {}
    text = resources.files("argmap").joinpath("data/first_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, gender = line.split("\t")
            table[name] = gender
    return table


_FIRST_NAMES: dict[str, str] | None = None


def name_gender(name: str) -> str:
    """'m' or 'f' when a person's first name is commonly used with he or she, else ''."""
    global _FIRST_NAMES
    if _FIRST_NAMES is None:
        _FIRST_NAMES = _load_first_names()
    first = name.split()[0].lower().strip(".") if name.split() else ""
    return _FIRST_NAMES.get(first, "")


def _honorific_gender(ent: Span) -> str:
    first = ent[0].lower_
    if first in lx.HONORIFICS:
        return lx.HONORIFICS[first]
    if ent.start > 0:
        prev = ent.doc[ent.start - 1].lower_
        if prev in lx.HONORIFICS:
            return lx.HONORIFICS[prev]
    return ""


def _entity_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _noun_phrase(head: Token) -> list[Token]:
    """The head with its pre-modifiers (det, amod, compound, poss, nummod), no clauses."""
    keep = [head]
    for child in head.lefts:
        if child.ent_type_ in ("DATE", "TIME") and child.dep_ in ("compound", "npadvmod"):
            continue  # "Yesterday officials said": the day is no part of who spoke
        if child.dep_ in (
            "det",
            "amod",
            "compound",
            "poss",
            "nummod",
            "nmod",
            "predet",
            "quantmod",
            "case",
        ):
            keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    start = keep[0].i
    # the small parser misreads some sentence-opening modifiers as the verb ("Commercial
    # letting agents say": "letting" the root): words of a noun phrase's kind between
    # the sentence start and the phrase belong to it
    sent_start = head.sent.start
    run = start
    while (
        run > sent_start
        and head.doc[run - 1].tag_ in _OPENING_MODIFIER_TAGS
        and head.doc[run - 1].ent_type_ not in ("DATE", "TIME")
    ):
        run -= 1
    if run == sent_start and run < start:
        start = run
    return list(head.doc[start : head.i + 1])


#: Penn tags of the words that may open a sentence as modifiers of its subject.
_OPENING_MODIFIER_TAGS = frozenset({"JJ", "JJR", "VBG", "NN", "NNP", "DT", "PDT"})


def _share_of_people(head: Token) -> tuple[int, int, str] | None:
    """A subject that counts people: "52 percent of registered voters", "nearly half",
    "a third", "six in 10", "three-quarters of the voters". The span and the name (the
    mention as written) when it is one; an "of" object must name people."""
    lower, lemma = head.lower_, (head.lemma_ or head.lower_).lower()
    preps = [c for c in head.children if c.dep_ == "prep"]
    in_n = [p for p in preps if p.lower_ == "in" and any(g.like_num for g in p.children)]
    last_word = lower.rsplit("-", 1)[-1]
    # "six in 10": the parser makes "10" the head, with "six" and "in" as its quantmods
    out_of = (
        head.like_num
        and any(c.dep_ == "quantmod" and c.lower_ == "in" for c in head.lefts)
        and any(c.dep_ == "quantmod" and c.like_num for c in head.lefts)
    )
    if not (
        lemma in lx.SHARE_NOUNS or last_word in lx.SHARE_NOUNS or (head.like_num and in_n) or out_of
    ):
        return None
    tokens = list(_noun_phrase(head))
    for p in in_n:
        tokens.extend(p.subtree)
    if any(p.lower_ == "of" for p in preps):
        obj = _of_object(head)
        if obj is None:
            return None
        obj_lemma = (obj.lemma_ or obj.lower_).lower()
        people = (
            obj.ent_type_ in ("NORP", "ORG", "GPE")
            or obj_lemma in lx.GROUP_NOUNS
            or (obj.tag_ in ("NNS", "NNPS") and _people_noun(obj_lemma))
            or obj_lemma in ("respondent", "american", "people", "adult", "member", "public")
        )
        if not people:
            return None  # "half of the budget", "30 percent of the vote"
        tokens.extend(obj.head.subtree)
    for child in head.lefts:  # "nearly half", "more than 4 in 10"
        if child.dep_ in ("advmod", "quantmod"):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    text, first_char, end_char = as_written(tokens[0], tokens[-1])
    name = text.strip()
    if not name:
        return None
    return first_char, end_char, name


def _of_object(head: Token) -> Token | None:
    """The object of "of" after a noun: "results of *the poll*"."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _made_by(head: Token) -> Token | None:
    """Who made a document or a count: "a count *by the Associated Press*", "a poll
    *conducted by Edison Research*"."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _familiar(head: Token) -> bool:
    """ "a person familiar with the talks", "sources familiar with the matter"."""
    return any(c.dep_ == "amod" and c.lower_ == "familiar" for c in head.rights)


def _determiner(head: Token) -> str:
    for child in head.lefts:
        if child.dep_ in ("det", "poss", "predet"):
            return child.lower_
    return ""


#: Entity types whose words keep their capitals in a group's name ("Hallerby residents").
_NAMED_ENTITY_TYPES = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"])


def _group_name(tokens: list[Token]) -> str:
    words = [t for t in tokens if t.lower_ not in lx.GROUP_QUANTIFIERS and not t.is_punct]
    words = [t for t in words if t.dep_ != "poss" or t.ent_type_]
    # keep proper nouns capitalised ("Democrats", "Wrenhaven's councillors"), lower-case
    # common nouns; a possessive "'s" joins the word it follows
    proper = all(t.pos_ == "PROPN" for t in words)
    parts: list[str] = []
    for t in words:
        keep = (
            proper
            or t.pos_ == "PROPN"
            or t.ent_type_ in _NAMED_ENTITY_TYPES
            or t.text[1:2].isupper()
        )
        word = t.text if keep else t.lower_
        if t.tag_ == "POS" and parts:
            parts[-1] += word
        else:
            parts.append(word)
    text = _POSSESSIVE.sub("", " ".join(parts).strip())
    return text


def _owner_entity(head: Token, *, compounds: bool = False) -> tuple[str, str] | None:
    """An organisation or person that owns a noun: "Anthropic's report", and with
    ``compounds`` "the Anthropic report" (not for "the Claude-maker", "the AI startup",
    where the compound describes rather than owns)."""
    deps = ("poss", "compound") if compounds else ("poss",)
    for child in head.lefts:
        if child.dep_ in deps and child.ent_type_ in ("ORG", "PERSON", "GPE"):
            ent = _entity_of(child)
            if ent is None:
                continue
            kind = "person" if ent.label_ == "PERSON" else "organisation"
            return clean_name(ent.text), kind
    return None


_ROLE_VERBS = frozenset(
    "run lead head chair own found manage direct represent advise coordinate chair teach "
    "study research edit organise organize co-found".split()
)


def described_as(head: Token) -> str | None:
    """What an apposition or a "who runs ..." clause says a name is: "Tidewell
    Associates, the consultancy that modelled the scheme" -> "consultancy that modelled
    the scheme"; "Sunita Rao, who runs Rao's Hardware" -> "runs Rao's Hardware"."""
    doc = head.doc
    for child in head.rights:
        sub: list[Token] = []
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            # "Lead at The Anthropic Institute and Jack Clark, Co-founder ...": stop at the
            # next coordinated name
            cut = {t.i for c in child.children if c.dep_ in ("conj", "cc") for t in c.subtree}
            sub = [t for t in child.subtree if t.i not in cut]
            for k, t in enumerate(sub):
                if t.dep_ == "cc" and k + 1 < len(sub) and sub[k + 1].ent_type_ == "PERSON":
                    sub = sub[:k]
                    break
        elif child.dep_ == "relcl" and child.lemma_.lower() in _ROLE_VERBS:
            sub = [t for t in child.subtree if not (t.dep_ == "nsubj" and t.head.i == child.i)]
        else:
            continue
        while sub and (sub[0].dep_ == "det" or sub[0].is_punct):
            sub = sub[1:]
        while sub and sub[-1].is_punct:
            sub = sub[:-1]
        if sub and len(sub) <= 14:
            return _SPACE.sub(" ", doc[sub[0].i : sub[-1].i + 1].text).strip(" ,;")
    return None


def _tokens_text(tokens: Sequence[Token]) -> str:
    """The words as written ("co-founder", not "co - founder"), runs kept together."""
    out = ""
    for k, t in enumerate(tokens):
        joined = k > 0 and tokens[k - 1].i + 1 == t.i and not tokens[k - 1].whitespace_
        out += ("" if k == 0 or joined else " ") + t.text
    return out


def _person_role(head: Token, ent: Span) -> str | None:
    """The role stated next to a person's name: titles before it, an apposition after it,
    or "of <organisation>"."""
    pieces: list[str] = []
    doc = head.doc
    # modifiers before the name inside the noun phrase: "Anthropic co-founder Jack Clark"
    pre = [t for t in _noun_phrase(head) if t.i < ent.start and t.dep_ != "det" and not t.is_punct]
    pre = [t for t in pre if t.lower_ not in lx.GROUP_QUANTIFIERS]
    if pre:
        orgs = [t for t in pre if t.ent_type_ in ("ORG", "GPE", "NORP") and t.pos_ == "PROPN"]
        title = [t for t in pre if t not in orgs]
        if title and orgs:
            pieces.append(f"{_tokens_text(title)}, {_tokens_text(orgs)}")
        else:
            pieces.append(_tokens_text(pre))
    described = described_as(head)
    if described:
        pieces.append(described)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "from"):
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and pobj[0].ent_type_ in ("ORG", "GPE", "FAC"):
                org = _entity_of(pobj[0])
                sub = list(org) if org is not None and len(org) > 1 else list(pobj[0].subtree)
                while sub and sub[0].dep_ == "det" and sub[0].lower_ == "the":
                    sub = sub[1:]
                if sub:
                    pieces.append(doc[sub[0].i : sub[-1].i + 1].text)
    role = "; ".join(p for p in pieces if p)
    role = _SPACE.sub(" ", role).strip(" ,;")
    return role or None


_CAMEL = re.compile(r"[a-z][A-Z]")  # "OpenAI", "DeepMind": brand names, never places
#: ... of a singular noun: "a former speechwriter", not "an undercurrent".
_PERSON_SUFFIXES = ("er", "or", "ist", "ian")
_PEOPLE_SUFFIXES = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "ics", "ives", "ats")
_NOT_PEOPLE = frozenset(
    [
        "numbers",
        "papers",
        "orders",
        "matters",
        "letters",
        "headquarters",
        "layers",
        "waters",
        "powers",
        "centers",
        "centres",
        "markets",
        "sectors",
        "factors",
        "corners",
        "borders",
        "chambers",
        "quarters",
        "filters",
        "computers",
        "servers",
        "towers",
        "meters",
        "answers",
        "events",
        "moments",
        "comments",
        "statements",
        "documents",
        "payments",
        "investments",
        "agreements",
        "arguments",
        "elements",
        "governments",
        "departments",
        "incidents",
        "accidents",
        "percents",
        "segments",
        "talents",
        "extents",
        "contents",
        "patents",
        "grants",
        "plants",
        "basics",
        "politics",
        "economics",
        "statistics",
        "ethics",
        "tactics",
        "topics",
        "metrics",
        "graphics",
        "dynamics",
        "archives",
        "initiatives",
        "incentives",
        "perspectives",
        "objectives",
    ]
)


#: Organisations named after the person they serve ("the Ruiz campaign").
_PERSONAL_ORG_NOUNS = frozenset(["campaign", "camp", "team", "administration", "office"])

#: Quantifiers that stand for people as a subject ("Some said", "Many in the crowd say").
_QUANTIFIER_SUBJECTS = frozenset(["some", "many", "others", "most", "several", "few"])


#: Singular nouns in -ist and -ian that are no person ("the list", "the median").
_NOT_A_PERSON = frozenset(
    "list playlist checklist wishlist shortlist twist wrist gist mist fist median "
    "meridian guardian".split()
)


def _person_noun(lemma: str) -> bool:
    """Does a singular common noun name a person by what they are ("the socialist", "the
    historian", "the physician")? Only -ist and -ian: "the developer" may be a company."""
    return lemma.endswith(("ist", "ian")) and lemma not in _NOT_A_PERSON and len(lemma) > 4


def _people_noun(lemma: str) -> bool:
    """Does a plural common noun name people ("critics", "economists", "farmers")?"""
    plural = lemma if lemma.endswith("s") else lemma + "s"
    if plural in _NOT_PEOPLE:
        return False
    # "candidates", "nominees", "donors", "women": the plural of a person's role
    return (
        plural.endswith(_PEOPLE_SUFFIXES)
        or lemma in lx.GROUP_NOUNS
        or lemma in lx.PERSON_ROLE_NOUNS
    )


def _strip_leading_lower(text: str) -> str:
    words = text.split()
    while words and not words[0][:1].isupper():
        words = words[1:]
    return " ".join(words)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words if w)
