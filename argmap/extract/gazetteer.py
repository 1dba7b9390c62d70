"""Names the editor gave in the manifest, used as entities on top of spaCy's NER.

The small English model splits or mislabels names it has not seen ("Fair Roads
Wrenhaven" becomes "Roads Wrenhaven", "OpenAI" a person). Every perspective member and
outlet named in ``argmap.toml`` is matched exactly (case-sensitive) in each parsed
article and overrides the model's entities where they overlap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..records import Manifest
from .speakers import name_gender

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Gazetteer = tuple[tuple[str, str], ...]  # (name, "PERSON" | "ORG")


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_ORG_WORDS = re.compile(
    r"\b(?:Council|Union|University|College|Institute|Association|Group|Trust|Inc|Ltd|LLC|"
    r"Corp|Company|Party|Agency|Department|Ministry|Commission|Committee|Foundation|Bank|"
    r"News|Times|Post|Review|Journal|Press|Associates|Partners|Labs?|Centre|Center|Society|"
    r"Network|Alliance|Coalition|Federation|Board|Office|Authority|Court|Chamber|AI)\b|&"
)


def looks_like_person_name(name: str, common_words: frozenset[str] = frozenset()) -> bool:
    """Is a manifest name a person's? Two to four capitalised words, no organisation
    word, and either a common given name first or no word that the corpus also uses
    in lower case ("Clean Air Wrenhaven" has "clean" and "air": an organisation)."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if name_gender(name):
        return True
    if _ORG_WORDS.search(name):
        return False
    return not any(w.lower() in common_words for w in words)


def from_manifest(manifest: Manifest, texts: Sequence[str] = ()) -> Gazetteer:
    """The manifest's member and outlet names with a label each; ``texts`` (the corpus)
    tell which capitalised words are also ordinary words."""
    common = frozenset(w for t in texts for w in _LOWER_WORD.findall(t))
    names: dict[str, str] = {}
    for perspective in manifest.perspectives:
        for member in perspective.members:
            names[member] = "PERSON" if looks_like_person_name(member, common) else "ORG"
    for outlet in manifest.outlets:
        for name in (outlet.name, *outlet.aliases):
            names.setdefault(name, "ORG")
    return tuple(sorted((n, label) for n, label in names.items() if n.strip()))


class Matcher:
    """The gazetteer compiled for one pipeline (its tokenizer decides the tokens)."""

    def __init__(self, nlp: Language, gazetteer: Sequence[tuple[str, str]]) -> None:
        from spacy.matcher import PhraseMatcher

        self.labels: dict[str, str] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for name, label in gazetteer:
            key = f"{label}:{name}"
            self.labels[key] = label
            self.matcher.add(key, [nlp.make_doc(name)])
        self.empty = not gazetteer

    def apply(self, doc: Doc) -> Doc:
        """Set ``doc.ents`` so that gazetteer names win over overlapping model entities."""
        if self.empty:
            return doc
        from spacy.tokens import Span
        from spacy.util import filter_spans

        strings = doc.vocab.strings
        found = [Span(doc, s, e, label=self.labels[strings[m]]) for m, s, e in self.matcher(doc)]
        if not found:
            return doc
        found = filter_spans(found)
        taken = {i for span in found for i in range(span.start, span.end)}
        keep = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.set_ents(sorted([*found, *keep], key=lambda s: s.start))
        return doc
