"""Rules that find who asserts what in one parsed article.

Three kinds of attribution, found sentence by sentence in reading order:

1. **Reported speech** (tried first, so that a clause mixing quoted and unquoted words
   stays one claim): a cue verb with a clausal complement (``He warned that ...``), a
   parenthetical cue (``The plan, the company said, is ...``), ``according to X``,
   ``X called for Y`` / ``X called Y Z``, and transcript or headline labels
   (``Pence: ...``).
2. **Direct quotes**: a quotation (found by its marks, see :mod:`.quotes`) with a cue
   next to it: after it (``"...," Othman said.``), before it (``Clark put it plainly:
   "..."``), between its halves (``"X," she said, "Y."``), a dash (``"..." ― Name``), or
   none at all when it continues the previous speaker's words. Quoted sentences that
   follow an attributed quote in the same paragraph (``"X," she said. "Y."``) join it.
3. **The outlet's own assertions**: every other sentence of the body that is a
   proposition (not a question, heading, fragment or caption).

Pronouns, bare surnames, "the company" and "the report" are resolved by
:class:`.speakers.SpeakerResolver` as the article is read in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import lexicon as lx
from .quotes import Quote, find_quotes
from .speakers import Resolved, SpeakerResolver, as_written, clean_name

_SENT_END = frozenset({".", "!", "?"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: A parenthetical cue's own words besides its subject (", he said in an interview,").
_FRAME_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod", "prep", "agent", "dative"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "dep", "pcomp", "relcl"})
_DASHES = frozenset({"―", "—", "–", "-", "--"})
_QUOTE_CHARS = "“”\"‘’«»„'`"
#: What may stand between a quote's opening and its sentence: marks and spaces.
_MARKS_AND_SPACE = _QUOTE_CHARS + " \t"
_QUOTE_TOKENS = frozenset({"“", "”", '"', "‘", "’", "«", "»", "„", "''", "``", "'"})
_LABEL_STOP = frozenset(
    [
        "update",
        "note",
        "editor",
        "photo",
        "image",
        "related",
        "correction",
        "warning",
        "disclosure",
        "source",
        "sources",
        "watch",
        "read",
        "listen",
        "q",
        "a",
        "video",
        "audio",
        "advertisement",
        "sponsored",
        "tl;dr",
        "summary",
        "breaking",
        "exclusive",
        "analysis",
        "opinion",
        "live",
        "by",
        "credit",
        "credits",
        "caption",
        "follow",
        "share",
        "subscribe",
        "explainer",
        "interview",
        "podcast",
        "factbox",
        "timeline",
        "transcript",
        "recap",
        "preview",
        "review",
        "editorial",
        "comment",
        "letters",
        "gallery",
        "photos",
        "quiz",
        "news",
        "politics",
        "world",
        "business",
    ]
)


@dataclass(slots=True)
class Found:
    """One attribution found in an article (offsets into the article text)."""

    parts: list[tuple[int, int]]
    attribution: str
    sent_start: int
    sent_end: int
    method: str
    confidence: float
    speaker: Resolved | None = None
    cue: tuple[str, int, int] | None = None
    token_span: tuple[int, int] = (0, 0)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass(slots=True)
class _QuoteInfo:
    quote: Quote
    first: int  # first token inside the marks
    last: int  # last token inside the marks
    is_claim: bool
    used: bool = False


class ArticleAttributor:
    """Runs the attribution rules over one parsed article (a spaCy ``Doc``)."""

    def __init__(self, doc: Doc, *, headline: tuple[int, int] | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.headline = headline
        self.resolver = SpeakerResolver()
        self.resolver.prime(doc)
        self.quotes = [self._quote_info(q) for q in find_quotes(self.text)]
        self.quote_of = [-1] * len(doc)
        for qi, info in enumerate(self.quotes):
            q = info.quote
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    if q.start <= t.idx < q.end:
                        self.quote_of[t.i] = qi
        self.sents = [s for s in doc.sents if not all(t.is_space for t in s)]
        self.sent_of: dict[int, int] = {}
        for k, s in enumerate(self.sents):
            for t in s:
                self.sent_of[t.i] = k
        self.found: list[Found] = []
        self.claimed: set[int] = set()  # tokens inside some claim's content
        self.attributed_sents: set[int] = set()

    # ---- setup -----------------------------------------------------------------

    def _quote_info(self, quote: Quote) -> _QuoteInfo:
        doc = self.doc
        span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return _QuoteInfo(quote, 0, -1, False)
        words = [t for t in span if not (t.is_punct or t.is_space)]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
        before = _previous_word(doc, span.start)
        is_title = before is not None and before.lower_ in lx.TITLE_CUES
        # a three-word clause is a claim ("That never happened", "There was wrongdoing");
        # "To a point", "Absolutely not" are not
        clause = len(words) == 3 and any(
            t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.pos_ in ("VERB", "AUX")
            for t in words
        )
        is_claim = ((len(words) >= 4 and has_verb) or len(words) >= 8 or clause) and not is_title
        return _QuoteInfo(quote, span.start, span.end - 1, is_claim)

    def _in_headline(self, char: int) -> bool:
        return self.headline is not None and self.headline[0] <= char < self.headline[1]

    def _paragraph_start(self, token: Token) -> bool:
        j = token.i - 1
        while j >= 0 and self.doc[j].is_space and "\n" not in self.doc[j].text:
            j -= 1
        return j < 0 or "\n" in self.doc[j].text or "\n" in self.doc[j].whitespace_

    # ---- main ------------------------------------------------------------------

    def run(self) -> list[Found]:
        quotes_by_sent: dict[int, list[int]] = {}
        for qi, info in enumerate(self.quotes):
            if info.is_claim and info.last >= info.first and info.first in self.sent_of:
                quotes_by_sent.setdefault(self.sent_of[info.first], []).append(qi)
        # the body first, headlines last: a headline's "Mayor says" needs the body's mayor
        order = sorted(
            range(len(self.sents)), key=lambda k: self._in_headline(self.sents[k].start_char)
        )
        for k in order:
            sent = self.sents[k]
            new: list[Found] = []
            label = self._label_colon(sent)
            if label is not None:
                new.append(label)
            new.extend(self._reported(sent))
            for qi in quotes_by_sent.get(k, []):
                if not self.quotes[qi].used:
                    found = self._attribute_quote(qi)
                    if found is not None:
                        new.append(found)
            for found in new:
                self._add(found)
            self.resolver.observe_sentence(sent, k, in_headline=self._in_headline(sent.start_char))
            for found in new:
                if found.speaker is not None and found.speaker.via != "continuation":
                    self.resolver.note_speaker(found.speaker, k)
        self._outlet_claims()
        self.found.sort(key=lambda f: (f.start, f.end, f.attribution))
        return self.found

    def _add(self, found: Found) -> None:
        self.found.append(found)
        first = self.sent_of.get(found.token_span[0])
        last = self.sent_of.get(found.token_span[1])
        if first is not None and last is not None:
            self.attributed_sents.update(range(first, last + 1))

    def _found(
        self,
        tokens: list[Token] | None,
        parts: list[tuple[int, int]] | None,
        attribution: str,
        method: str,
        confidence: float,
        speaker: Resolved | None,
        cue: tuple[str, int, int] | None,
        token_span: tuple[int, int] | None = None,
        **extra: object,
    ) -> Found:
        if parts is None:
            assert tokens
            # a non-projective parse yields a subtree out of order: spans need text order
            tokens = sorted(tokens, key=lambda t: t.i)
            parts = _char_parts(tokens)
            token_span = (tokens[0].i, tokens[-1].i)
        assert token_span is not None
        first = self.sents[self.sent_of[token_span[0]]]
        last = self.sents[self.sent_of.get(token_span[1], self.sent_of[token_span[0]])]
        cue_span = self.doc.char_span(cue[1], cue[2], alignment_mode="expand") if cue else None
        if cue_span is not None and len(cue_span):
            cue_sent = self.sent_of.get(cue_span[0].i)
            if cue_sent is not None:
                first = self.sents[min(cue_sent, self.sent_of[token_span[0]])]
                last = self.sents[max(cue_sent, self.sent_of.get(token_span[1], cue_sent))]
        if speaker is not None and speaker.via in ("pronoun", "nominal", "document", "surname"):
            confidence -= 0.08
        return Found(
            parts=parts,
            attribution=attribution,
            sent_start=first.start_char,
            sent_end=_rstrip(self.text, first.start_char, last.end_char),
            method=method,
            confidence=round(max(0.05, min(confidence, 0.99)), 3),
            speaker=speaker,
            cue=cue,
            token_span=token_span,
            extra=dict(extra),
        )

    # ---- direct quotes -------------------------------------------------------------

    def _attribute_quote(self, qi: int) -> Found | None:
        info = self.quotes[qi]
        info.used = True
        parts = [self._inner(info)]
        last_token = info.last
        after = self._window_after(info)
        cue = self._cue_in(after, nearest_last=False)
        method = "quote+cue-after"
        if cue is not None and not (_close_to_start(after, cue) or _subject_first(after, cue)):
            cue = None
        if cue is not None:
            nxt = self._split_second_half(qi, after)
            if nxt is not None:
                parts.append(self._inner(self.quotes[nxt]))
                last_token = self.quotes[nxt].last
                method = "split-quote"
        else:
            before = self._window_before(info)
            cue_b = self._cue_in(before, nearest_last=True)
            if cue_b is not None and self._bridges_to_quote(cue_b, info.first):
                cue, method = cue_b, "quote+cue-before"
            elif not [t for t in before if not t.is_space]:
                cue_b = self._colon_paragraph_cue(info)
                if cue_b is not None:
                    cue, method = cue_b, "quote+colon-paragraph"
        speaker = self._speaker_of(cue) if cue is not None else None
        cue_tuple = _cue_tuple(cue) if cue is not None and speaker is not None else None
        confidence = 0.95
        if speaker is None:
            dash = self._dash_attribution(after)
            if dash is not None:
                speaker, cue_tuple = dash
                method, confidence = "quote+dash", 0.9
        if speaker is None:
            speaker = self._continuation_speaker(info)
            if speaker is None:
                return None
            method, confidence, cue_tuple = "continuation", 0.6, None
        elif method == "split-quote":
            confidence = 0.92
        if method != "continuation":
            # ('"X?" he said, paraphrasing her. "Y."': from the sentence of the cue)
            after_cue = cue.i if cue is not None and cue.i > last_token else last_token
            more, last_more = self._following_quotes(after_cue)
            if more:
                parts.extend(more)
                last_token = last_more
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return None
        return self._found(
            None, parts, "direct", method, confidence, speaker, cue_tuple, (info.first, last_token)
        )

    def _inner(self, info: _QuoteInfo) -> tuple[int, int]:
        """The quotation's words without its marks and without a trailing comma."""
        q = info.quote
        start, end = q.inner_start, q.inner_end
        while end > start and self.text[end - 1] in " ,;:—–-":
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end

    def _window_after(self, info: _QuoteInfo) -> list[Token]:
        """Tokens after a quotation up to the end of its sentence, the line, or the start
        of the next quotation (which is included, as a marker)."""
        doc = self.doc
        qi = self.quote_of[info.first]
        out: list[Token] = []
        i = info.last + 1
        while i < len(doc):
            t = doc[i]
            if "\n" in t.text:
                break
            owner = self.quote_of[i]
            if owner == qi:
                i += 1
                if "\n" in t.whitespace_:
                    break
                continue
            out.append(t)
            if owner >= 0 or t.text in _SENT_END or "\n" in t.whitespace_:
                break
            i += 1
        return out

    def _window_before(self, info: _QuoteInfo) -> list[Token]:
        doc = self.doc
        qi = self.quote_of[info.first]
        out: list[Token] = []
        i = info.first - 1
        while i >= 0:
            t = doc[i]
            if "\n" in t.text or "\n" in t.whitespace_:
                break
            owner = self.quote_of[i]
            if owner >= 0 and owner != qi:
                break
            if owner < 0:
                if t.text in _SENT_END:
                    break
                out.append(t)
            i -= 1
        out.reverse()
        return out

    def _cue_in(self, window: list[Token], *, nearest_last: bool) -> Token | None:
        cands = [
            t
            for t in window
            if self.quote_of[t.i] < 0
            and _is_cue_verb(t, quote_only_ok=True)
            and t.dep_ not in ("amod", "compound")  # "in a written statement"
        ]
        if not cands:
            return None
        return cands[-1] if nearest_last else cands[0]

    def _split_second_half(self, qi: int, after: list[Token]) -> int | None:
        """In '"X," she said, "Y."' the window after X ends at Y's opening mark."""
        if not after:
            return None
        nxt = self.quote_of[after[-1].i]
        if nxt <= qi:
            return None
        info = self.quotes[nxt]
        if info.used or info.last < info.first:
            return None
        between = [t for t in after[:-1] if not t.is_space]
        if not between or between[-1].text not in (",", ":", "—", "–", ";"):
            return None
        # '"X," Trump said, adding later, "Y."' is two attributions, not one split quote
        cues = [t for t in between if _is_cue_verb(t, quote_only_ok=True)]
        if len(cues) != 1 or _word_count(between) > 7:
            return None
        info.used = True
        return nxt

    def _following_quotes(self, last: int) -> tuple[list[tuple[int, int]], int]:
        """Quoted sentences right after an attributed quote, in the same paragraph and
        with no words of their own outside the marks, continue the same speaker."""
        parts: list[tuple[int, int]] = []
        k = self.sent_of.get(last)
        if k is None:
            return parts, last
        # skip to the end of the sentence that holds the attribution
        end_char = _content_end(self.sents[k])
        while k + 1 < len(self.sents):
            nxt = self.sents[k + 1]
            gap = self.text[end_char : nxt.start_char]
            if "\n" in gap:
                break
            words = [t for t in nxt if not (t.is_punct or t.is_space)]
            if not words:
                break
            owners = {self.quote_of[t.i] for t in words}
            qi = self.quote_of[words[0].i]
            # a quoted sentence, or one that opens with a quotation and ends with a few
            # words of the reporter's ('"... the middle class" and other issues.')
            outside = sum(1 for t in words if self.quote_of[t.i] < 0)
            tail = -1 in owners and len(owners) == 2 and qi >= 0 and outside <= len(words) / 3
            if qi < 0 or (len(owners) != 1 and not tail):
                break
            info = self.quotes[qi]
            if info.used or self.text[info.quote.start : nxt.start_char].strip(_MARKS_AND_SPACE):
                # (the sentence splitter may leave an opening mark, '' in some wire
                # copy, at the end of the sentence before)
                break
            # the quote must end in this sentence (or the next ones, all inside it)
            info.used = True
            parts.append(self._inner(info))
            last = info.last
            if tail:
                break
            k = self.sent_of.get(info.last, k + 1)
            end_char = _content_end(self.sents[k])
        return parts, last

    def _colon_paragraph_cue(self, info: _QuoteInfo) -> Token | None:
        """'He said:' closing the previous paragraph introduces a quote that opens the
        next one."""
        j = info.quote.start - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] != ":":
            return None
        colon = self.doc.char_span(j, j + 1, alignment_mode="expand")
        if colon is None:
            return None
        k = self.sent_of.get(colon[0].i)
        if k is None:
            return None
        words = [t for t in self.sents[k] if not t.is_space and not t.is_punct]
        cues = [t for t in words if self.quote_of[t.i] < 0 and _is_cue_verb(t, quote_only_ok=True)]
        if not cues or len(words) > 12:
            return None
        return cues[-1]

    def _bridges_to_quote(self, cue: Token, first: int) -> bool:
        """Between a cue and the quote nothing ('She says "we worked hard"'), or a colon, a
        comma or "that" after a few words ('tells reporters outside a polling station
        that "..."')."""
        between = [
            t for t in self.doc[cue.i + 1 : first] if self.quote_of[t.i] < 0 and not t.is_space
        ]
        words = [t for t in between if not t.is_punct]
        if not between:
            return True
        if any(t.text == ":" for t in between):
            return len(words) <= 8
        if between[-1].lower_ == "that":
            return len(words) <= 10
        if between[-1].text == ",":
            # 'told the Washington Post in a written statement, "..."': the cue's own
            # object and modifiers, nothing it reports
            return len(words) <= 5 or (len(words) <= 9 and _only_modifiers(cue, between[:-1]))
        return False

    def _dash_attribution(self, after: list[Token]) -> tuple[Resolved, tuple[str, int, int]] | None:
        """'"..." ― Sonya Herridge': a dash and a name after the quotation."""
        toks = [t for t in after if not t.is_space]
        if len(toks) < 2 or toks[0].text not in _DASHES:
            return None
        names = [t for t in toks[1:] if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
        if not names or names[0].i != toks[1].i:
            return None
        head = names[0]
        # spaCy makes a new Token object on every access: compare indices, never `is`
        in_after = {t.i for t in toks}
        while head.head.i != head.i and head.head.pos_ == "PROPN" and head.head.i in in_after:
            head = head.head
        resolved = self.resolver.resolve(head)
        if resolved is None:
            return None
        dash = toks[0]
        return resolved, (dash.text, dash.idx, dash.idx + len(dash))

    def _continuation_speaker(self, info: _QuoteInfo) -> Resolved | None:
        """A quotation with no cue continues the words of the last speaker when that
        speaker spoke in the same or the previous paragraph (newspaper convention)."""
        if self._in_headline(info.quote.start):
            return None
        prev = next(
            (
                f
                for f in reversed(self.found)
                if f.attribution != "outlet" and f.speaker is not None
            ),
            None,
        )
        if prev is None or prev.end > info.quote.start:
            return None
        between = self.text[prev.end : info.quote.start]
        if len([line for line in between.split("\n") if line.strip()]) > 1:
            return None
        s = prev.speaker
        assert s is not None
        return Resolved(s.name, s.kind, -1, -1, s.role, "continuation", s.gender)

    # ---- reported speech --------------------------------------------------------

    def _reported(self, sent: Span) -> list[Found]:
        out: list[Found] = []
        for t in sent:
            if self.quote_of[t.i] >= 0:
                continue
            found: Found | None = None
            if (
                t.lower_ == "according"
                and t.i + 1 < len(self.doc)
                and self.doc[t.i + 1].lower_ == "to"
            ):
                found = self._according_to(t, sent)
            elif _is_cue_verb(t, quote_only_ok=False) or (
                t.pos_ == "VERB" and t.lemma_.lower() in lx.COMMISSIVE_VERBS
            ):
                found = self._clausal(t, sent)
            if found is None and t.pos_ == "VERB" and t.lemma_.lower() in lx.OBJECT_CUE_VERBS:
                found = self._call_for(t, sent)
            if found is None and t.pos_ == "VERB":
                found = self._stance(t, sent)
            if found is not None:
                out.append(found)
        return out

    def _clausal(self, cue: Token, sent: Span) -> Found | None:
        lemma = (cue.lemma_ or cue.lower_).lower()
        cognition_only = lemma not in lx.SPEECH_VERBS
        if cognition_only and cue.i in self.claimed:
            return None  # "she knows that" inside someone else's reported words
        comps = [c for c in cue.children if c.dep_ == "ccomp"] or _stranded_complement(cue)
        method = "reported"
        if (frame := self._parenthetical_frame(cue, sent)) is not None:
            # "There is a risk, some Democrats said, that X would ...": what was said is
            # the sentence around the cue, whichever way the parser hung its halves
            content = [t for t in sent if t.i < frame[0] or t.i > frame[1]]
            method = "parenthetical"
        elif comps:
            # "In a statement released after he suspended his campaign, Cruz said he is
            # certain ...": the parser may give the cue a second complement out of a
            # fronted clause; what was said follows the cue
            comp = next((c for c in comps if c.i > cue.i), comps[0])
            drop: set[int] = set()
            for c in comp.children:
                # "said he would order X and warned against Y", "said X, and a third
                # said Y": stop before the second cue
                # (a verb of speech only: "is acting unlawfully and showing disregard"
                # goes on with the content)
                conj_lemma = (c.lemma_ or c.lower_).lower()
                if c.dep_ == "conj" and (
                    (_is_cue_verb(c, quote_only_ok=False) and conj_lemma in lx.SPEECH_VERBS)
                    # "said X, and called him Y": the speaker's second act, not X
                    or (
                        conj_lemma in lx.OBJECT_CUE_VERBS
                        and c.pos_ == "VERB"
                        and not any(g.dep_ in _SUBJECTS for g in c.children)
                    )
                ):
                    drop.update(t.i for t in c.subtree)
                    drop.update(g.i for g in comp.children if g.dep_ == "cc" and g.i < c.i)
            content = sorted((t for t in comp.subtree if t.i not in drop), key=lambda t: t.i)
            if cue in content:
                return None
        elif lemma in lx.COMMISSIVE_VERBS and any(c.dep_ == "xcomp" for c in cue.children):
            # "Trump has vowed to bring back mining jobs", "told his advisers to act"
            xcomp = next(c for c in cue.children if c.dep_ == "xcomp")
            objs = [c for c in cue.children if c.dep_ == "dobj" and c.i < xcomp.i]
            content = sorted(
                list(xcomp.subtree) + [t for o in objs for t in o.subtree], key=lambda t: t.i
            )
            method = "commissive"
            if _word_count(content) < 5:  # "promised to look at one", "agree to do the same"
                return None
        elif (
            lemma in lx.SPEECH_VERBS
            and (gerund := next((c for c in cue.rights if c.dep_ == "xcomp"), None)) is not None
            and gerund.tag_ == "VBG"
            and gerund.i == cue.i + 1
            and any(c.dep_ in ("ccomp", "conj") or c.dep_ in _SUBJECTS for c in gerund.children)
        ):
            # "He said legalizing it could put thousands to work": the parser reads the
            # gerund subject of the reported clause as the verb's complement
            content = sorted(gerund.subtree, key=lambda t: t.i)
        elif (
            cue.dep_ == "advcl"
            and cue.head.pos_ in ("VERB", "AUX")
            and cue.i < cue.head.i
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
            and any(c.dep_ in _SUBJECTS for c in cue.children)
        ):
            # "As the mayor noted on Monday, the depot has been closed for a year": what
            # was noted is the main clause
            drop = {t.i for t in cue.subtree}
            content = [t for t in cue.head.subtree if t.i not in drop]
            method = "parenthetical"
        elif cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
            drop = {t.i for t in cue.subtree}
            content = [t for t in cue.head.subtree if t.i not in drop]
            method = "parenthetical"
        elif (tail := self._closing_cue(cue, sent, lemma)) is not None:
            # "X is hanging on, but it is under pressure, said the chief executive":
            # the parser joins the closing cue to the sentence as a conjunct
            content = tail
            method = "parenthetical"
        else:
            return None
        content = [t for t in content if sent.start <= t.i < sent.end]
        opened_with_that = bool(content) and content[0].lower_ == "that"
        content = _close_quote(_trim(_side_clauses(content, self.quote_of), leading_marks=True))
        if _word_count(content) < 3:
            return None
        first = content[0]
        if (
            method != "parenthetical"  # "When she got inside, she said, there were none"
            and not opened_with_that  # "said that what the country needs is ..."
            and (
                first.lower_ in ("whether", "how", "why", "what", "when", "who", "where")
                # "asked if it works" is a question; "said if elected he would act" is not
                or (first.lower_ == "if" and (first.head.i == comps[0].i if comps else True))
            )
        ):
            return None
        quoted = [t for t in content if self.quote_of[t.i] >= 0 and not t.is_punct]
        words = [t for t in content if not t.is_punct and not t.is_space]
        if quoted and self._is_whole_quote(content):
            return None  # a quotation: the quote rules handle it (split halves, follow-ons)
        if quoted and self._quote_then_reporter(content):
            return None  # 'said: "X," but in fact ...': the quotation, for the quote rules
        if any(self.quotes[self.quote_of[t.i]].used for t in quoted):
            return None
        speaker = self._speaker_of(cue, climb=not cognition_only)
        if speaker is None:
            return None
        for qi in {self.quote_of[t.i] for t in quoted}:
            self.quotes[qi].used = True
        self.claimed.update(t.i for t in content)
        confidence = 0.9 if not cognition_only else 0.75
        if speaker.via == "group":
            confidence -= 0.05
        attribution = "direct" if words and len(quoted) >= 0.8 * len(words) else "indirect"
        return self._found(content, None, attribution, method, confidence, speaker, _cue_tuple(cue))

    def _parenthetical_frame(self, cue: Token, sent: Span) -> tuple[int, int] | None:
        """The token range of a cue set off by commas inside its sentence, with its
        subject and its own modifiers (", her advisers said Friday,", ", he said in a
        telephone interview,"), commas included, when the sentence has words on both
        sides of it."""
        if not any(c.dep_ in _SUBJECTS for c in cue.children):
            return None
        frame = {cue.i}
        subject_start = min(t.i for c in cue.children if c.dep_ in _SUBJECTS for t in c.subtree)
        for c in cue.children:
            # the cue's own modifiers, not words before its subject that the parser hung
            # on it ("In both cases, Eric Trump said, those donations ...")
            if c.dep_ in _SUBJECTS or (c.dep_ in _FRAME_DEPS and c.i > subject_start):
                frame.update(t.i for t in c.subtree)
        lo, hi = min(frame), max(frame)
        if len(frame) != hi - lo + 1 or lo - 1 <= sent.start or hi + 2 >= sent.end:
            return None
        if self.doc[lo - 1].text != "," or self.doc[hi + 1].text != ",":
            return None
        if any(self.quote_of[i] >= 0 for i in range(lo, hi + 1)):
            return None
        before, after = list(self.doc[sent.start : lo - 1]), list(self.doc[hi + 2 : sent.end])
        if _word_count(before) < 2 or _word_count(after) < 2:
            return None
        if self.quote_of[_previous_word(self.doc, lo - 1).i] >= 0:
            return None  # '"X," she said, "Y."': a split quotation, for the quote rules
        nxt = next((t for t in self.doc[hi + 2 : sent.end] if not t.is_space), None)
        if nxt is not None and self.quote_of[nxt.i] >= 0:
            return None  # 'When asked, Trump said, "It is ..."': the quotation's cue
        return lo - 1, hi + 1

    def _closing_cue(self, cue: Token, sent: Span, lemma: str) -> list[Token] | None:
        """The words before a verb of speech that closes its sentence after a comma,
        with its speaker after it or right before it ("..., said Ana Ruiz.", "..., the
        admiral said."), when the parser made the verb a conjunct: what was said."""
        if lemma not in lx.SPEECH_VERBS or cue.dep_ != "conj":
            return None
        sub = sorted(cue.subtree, key=lambda t: t.i)
        first = sub[0].i
        if first <= sent.start or self.doc[first - 1].text != ",":
            return None
        if _word_count(list(self.doc[sub[-1].i + 1 : sent.end])):
            return None
        if not any(c.dep_ in _SUBJECTS for c in cue.children):
            return None
        return [t for t in sent if t.i < first - 1]

    def _quote_then_reporter(self, content: list[Token]) -> bool:
        """Does the complement open with a quotation and go on with the reporter's own
        "but ..." ('"X was a mistake," but in fact she used one account')?"""
        words = [t for t in content if not t.is_space and t.text not in _QUOTE_TOKENS]
        if not words or self.quote_of[words[0].i] < 0:
            return False
        qi = self.quote_of[words[0].i]
        rest = [t for t in words if t.i > self.quotes[qi].last and not t.is_punct]
        return bool(rest) and rest[0].lower_ in ("but", "although", "though", "while")

    def _is_whole_quote(self, content: list[Token]) -> bool:
        """Is this complement one quotation from its first word to its last?"""
        words = [t for t in content if not t.is_space and t.text not in _QUOTE_TOKENS]
        if not words:
            return False
        first, last = self.quote_of[words[0].i], self.quote_of[words[-1].i]
        return first >= 0 and first == last

    def _according_to(self, according: Token, sent: Span) -> Found | None:
        to = self.doc[according.i + 1]
        pobj = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in according.children if c.dep_ == "pobj"
        ]
        if not pobj:
            return None
        source = pobj[0]
        # "according to Azizi Othman of Asia e University" may parse the university as head
        person = next(
            (
                t
                for t in source.subtree
                if t.ent_type_ == "PERSON" and t.i < source.i and t.dep_ != "compound"
            ),
            None,
        )
        speaker = self.resolver.resolve(person if person is not None else source)
        if speaker is None:
            speaker = self._source_as_written(source)
        if speaker is None:
            return None
        drop = (
            {t.i for t in according.subtree} | {according.i, to.i} | {t.i for t in pobj[0].subtree}
        )
        head = according.head
        if head.i == according.i or head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            base = [t for t in sent if t.i not in drop]
        else:
            base = [t for t in head.subtree if t.i not in drop and sent.start <= t.i < sent.end]
        content = _trim(_side_clauses(base, self.quote_of), leading_marks=False)
        if _word_count(content) < 3:
            return None
        quoted = [t for t in content if self.quote_of[t.i] >= 0]
        for qi in {self.quote_of[t.i] for t in quoted}:
            self.quotes[qi].used = True
        self.claimed.update(t.i for t in content)
        end = to.idx + len(to)
        return self._found(
            content,
            None,
            "indirect",
            "according-to",
            0.88,
            speaker,
            (self.text[according.idx : end], according.idx, end),
        )

    def _source_as_written(self, source: Token) -> Resolved | None:
        """What "according to" names when it is no person, organisation or group argmap
        knows: a record or a reckoning, as written from its first word to its head noun
        ("FEC filings", "a congressional timeline" -> "congressional timeline", "press
        reports"); clauses after the head are left out."""
        if source.pos_ not in ("NOUN", "PROPN") or source.ent_type_ in ("DATE", "TIME"):
            return None
        words = [
            t
            for t in source.subtree
            if t.i <= source.i and t.dep_ not in ("det", "predet") and not t.is_punct
        ]
        if not words or len(words) > 6 or any(self.quote_of[t.i] >= 0 for t in words):
            return None
        text, first_char, end_char = as_written(words[0], source)
        name = text.strip().strip(_QUOTE_CHARS)
        if not name or name.lower() in lx.PERSON_PRONOUNS or name.lower() in lx.PLURAL_PRONOUNS:
            return None
        return Resolved(name, "organisation", first_char, end_char, None, "document")

    def _call_for(self, verb: Token, sent: Span) -> Found | None:
        """ "X called for Y", "X urged Y to Z", "X called Y Z": what is asked for or how
        something is called is the claim."""
        lemma = verb.lemma_.lower()
        cue_end_token = verb
        evaluation = False
        if lemma == "call":
            fors = [  # after the verb: not "On Twitter, Bush called Trump 'unhinged'"
                c
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i > verb.i
            ]
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            preds = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr")]
            if fors:
                pobj = [c for c in fors[0].children if c.dep_ in ("pobj", "pcomp")]
                if not pobj:
                    return None
                content = sorted(pobj[0].subtree, key=lambda t: t.i)
                if fors[0].lower_ == "on":  # "called on X to do Y"
                    content = sorted(
                        list(fors[0].subtree)[1:]
                        + [
                            t
                            for c in verb.children
                            if c.dep_ in ("xcomp", "advcl")
                            for t in c.subtree
                        ],
                        key=lambda t: t.i,
                    )
                cue_end_token = fors[0]
            elif objs and preds and objs[0].tag_ not in ("WP", "WDT"):  # not "what X call Y"
                content = sorted(list(objs[0].subtree) + list(preds[0].subtree), key=lambda t: t.i)
                evaluation = True
            elif objs and any(self.quote_of[t.i] >= 0 for t in objs[0].subtree):
                # 'called global enforcement "practically impossible"' parsed as one object
                content = sorted(objs[0].subtree, key=lambda t: t.i)
                evaluation = True
            else:
                return None
        elif lemma in ("urge", "demand", "propose", "recommend", "advocate"):
            objs = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
            if not objs:
                return None
            content = sorted({t for c in objs for t in c.subtree}, key=lambda t: t.i)
        elif lemma in lx.ACCUSE_VERBS:
            # "Sacks has accused the company of pursuing a regulatory capture agenda": who
            # is accused, with what (the accusation is the claim)
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            of = [
                c
                for c in (*verb.children, *(objs[0].children if objs else ()))
                if c.dep_ == "prep" and c.lower_ == "of" and c.i > verb.i
            ]
            if not objs or not of or not any(c.dep_ in ("pobj", "pcomp") for c in of[0].children):
                return None
            content = sorted(set(objs[0].subtree) | set(of[0].subtree), key=lambda t: t.i)
            evaluation = True
        elif lemma in lx.SEE_AS_VERBS:
            # "Critics see safety warnings as strategic positioning"
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if not objs:
                return None
            as_ = [
                c
                for c in (*verb.children, *objs[0].children)
                if c.dep_ == "prep" and c.lower_ == "as" and c.i > objs[0].i
            ]
            if not as_:
                return None
            content = sorted(set(objs[0].subtree) | set(as_[0].subtree), key=lambda t: t.i)
            evaluation = True
        else:
            return None
        content = _close_quote(
            _trim([t for t in content if sent.start <= t.i < sent.end], leading_marks=True)
        )
        if _word_count(content) < 2 or (not evaluation and _word_count(content) < 3):
            return None
        speaker = self._speaker_of(verb, inverted=False)
        if speaker is None:
            return None
        quoted = [t for t in content if self.quote_of[t.i] >= 0]
        for qi in {self.quote_of[t.i] for t in quoted}:
            self.quotes[qi].used = True
        self.claimed.update(t.i for t in content)
        start, end = verb.idx, cue_end_token.idx + len(cue_end_token)
        if end <= start:  # the particle parsed before the verb: the verb alone is the cue
            end = verb.idx + len(verb)
        return self._found(
            content,
            None,
            "indirect",
            "call-for" if not evaluation else ("accused" if lemma in lx.ACCUSE_VERBS else "called"),
            0.8,
            speaker,
            (self.text[start:end], start, end),
            recommendation=not evaluation,
            evaluation=evaluation,
        )

    def _stance(self, verb: Token, sent: Span) -> Found | None:
        """ "Fair Roads Wrenhaven opposes the charge", "critics warned against the plan":
        a stance towards something. The claim is the verb with its object ("opposes the
        charge"), since the object alone is not a proposition."""
        lemma = verb.lemma_.lower()
        obj: Token | None = None
        if lemma in lx.STANCE_VERBS:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        elif lemma in lx.STANCE_PREP_VERBS:
            allowed = (
                ("against", "for")
                if lemma in ("argue", "campaign", "lobby", "vote", "push")
                else ("against",)
            )
            prep = next(
                (c for c in verb.children if c.dep_ == "prep" and c.lower_ in allowed),
                None,
            )
            if prep is not None and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
                obj = prep
        if obj is None or verb.i in self.claimed or obj.pos_ == "PRON":
            return None
        tail = [t for t in obj.subtree if sent.start <= t.i < sent.end]
        if _word_count(tail) < 2 or tail[0].i < verb.i:
            return None
        content = _trim(
            [verb, *[t for t in self.doc[verb.i + 1 : tail[-1].i + 1]]], leading_marks=False
        )
        if _word_count(content) < 3:
            return None
        speaker = self._speaker_of(verb, inverted=False)
        if speaker is None:
            return None
        self.claimed.update(t.i for t in content)
        return self._found(
            content, None, "indirect", "stance", 0.7, speaker, _cue_tuple(verb), evaluation=True
        )

    def _label_colon(self, sent: Span) -> Found | None:
        """'Pence: Gennifer Flowers won't be at the debate' and transcript lines
        'WALLACE: Let's start ...': a name and a colon at the start of a paragraph."""
        toks = [t for t in sent if not t.is_space]
        if not toks or not self._paragraph_start(toks[0]):
            return None
        colon = next((j for j, t in enumerate(toks[:6]) if t.text == ":"), None)
        if colon is None or colon == 0:
            return None
        if colon == len(toks) - 1:
            # "FALLIN:" parsed as a sentence of its own: the words run on after it
            nxt = toks[colon].i + 1
            if nxt >= len(self.doc) or "\n" in self.text[toks[colon].idx : self.doc[nxt].idx]:
                return None
            toks = [*toks, self.doc[nxt]]
        elif len(toks) < 5:
            return None
        label = toks[:colon]
        in_headline = self._in_headline(toks[0].idx)
        # a label is capitalised; a sentence-case headline may write "Clinton camp:"
        capitalised = [t.text[:1].isupper() for t in label]
        if any(t.lower_ in _LABEL_STOP for t in label) or not (
            all(capitalised) or (in_headline and capitalised[0] and len(label) <= 3)
        ):
            return None
        head = label[-1]
        allcaps = all(t.text.isupper() and len(t.text) > 1 for t in label)
        is_entity = (
            head.ent_type_ in ("PERSON", "ORG", "NORP") or head.text in self.resolver.surnames
        )
        # a headline's label ("Anthropic: ...", "Clinton camp: ...") may be mis-tagged;
        # it must be followed by a statement, not "What we know"
        if not (allcaps or is_entity or in_headline):
            return None
        if allcaps and len(label) <= 3:
            # transcripts: "TAPPER:", "JAKE TAPPER:"
            name = " ".join(t.text.title() for t in label)
            canonical = self.resolver.surnames.get(name, name)
            if len(label) > 1 and label[-1].text.title() not in self.resolver.surnames:
                self.resolver.surnames[label[-1].text.title()] = name  # "TAPPER:" later
            speaker = Resolved(
                canonical,
                "person",
                label[0].idx,
                label[-1].idx + len(label[-1]),
                None,
                "surname" if canonical != name else "name",
            )
        else:
            resolved = self.resolver.resolve(head)
            if resolved is None and in_headline:
                resolved = self._headline_label(label)
            if resolved is None:
                return None
            speaker = resolved
        # the content runs to the end of the paragraph
        start = toks[colon + 1].idx if colon + 1 < len(toks) else None
        if start is None:
            return None
        para_end = self.text.find("\n", start)
        para_end = len(self.text) if para_end < 0 else para_end
        end = _rstrip(self.text, start, para_end)
        content_span = self.doc.char_span(start, end, alignment_mode="expand")
        if content_span is None or _word_count(list(content_span)) < 3:
            return None
        if in_headline and not (is_entity or allcaps) and not _is_proposition(list(content_span)):
            return None
        for t in content_span:
            if self.quote_of[t.i] >= 0:
                self.quotes[self.quote_of[t.i]].used = True
        self.claimed.update(t.i for t in content_span)
        c = toks[colon]
        start, end = _strip_marks(self.text, start, end)
        return self._found(
            None,
            [(start, end)],
            "direct",
            "label-colon",
            0.85 if not in_headline else 0.8,
            speaker,
            (c.text, c.idx, c.idx + 1),
            (content_span[0].i, content_span[-1].i),
        )

    def _headline_label(self, label: list[Token]) -> Resolved | None:
        """A headline drops its articles: "Newspaper: ...", "Clinton camp: ...". The
        label is the speaker as written, or the person or organisation it belongs to."""
        head = label[-1]
        for child in head.lefts:
            if child.dep_ in ("compound", "poss") and child.ent_type_ in ("PERSON", "ORG"):
                owner = self.resolver.resolve(child)
                if owner is not None:
                    owner.start, owner.end = label[0].idx, head.idx + len(head)
                    return owner
        # otherwise only a word for who speaks ("Newspaper:", "Study:", "Critics:"), not
        # a topic ("Tram plan:", "Paris attacks:")
        lemma = (head.lemma_ or head.lower_).lower()
        if lemma in lx.PERSON_ROLE_NOUNS or lemma in lx.GROUP_NOUNS:
            kind = "person" if head.tag_ not in ("NNS", "NNPS") else "group"
        elif lemma in lx.ORG_NOUNS or lemma in lx.EVIDENCE_NOUNS or lemma in _SOURCE_DOCUMENTS:
            kind = "organisation"
        else:
            return None
        name = clean_name(self.text[label[0].idx : head.idx + len(head)])
        if not name:
            return None
        return Resolved(name, kind, label[0].idx, head.idx + len(head), None, "name")

    # ---- speakers -------------------------------------------------------------------

    def _speaker_of(
        self, cue: Token, *, climb: bool = True, inverted: bool = True
    ) -> Resolved | None:
        """The speaker of a cue: its subject, the subject of the verb it hangs from
        (participles, conjuncts, relative clauses), the agent of a passive, or the name
        after an inverted cue ('said Othman'; not with ``inverted=False``, for cues whose
        object is what is said: "framing the announcement as ...")."""
        if (
            cue.dep_ == "acl"
            and cue.tag_ in ("VBD", "VBN")
            and any(c.dep_ == "ccomp" for c in cue.children)
            and (cue.head.lemma_ or cue.head.lower_).lower()
            in lx.EVIDENCE_NOUNS | lx.DOCUMENT_NOUNS
        ):
            # "A Quinnipiac University poll found last week that ...": the parser reads
            # "found last week" as a participle on "poll"; a participle with a clause of
            # its own is the poll's finding
            resolved = self.resolver.resolve(cue.head)
            if resolved is not None:
                return resolved
        verb = cue
        if (
            cue.dep_ == "conj"
            and cue.head.dep_ == "ccomp"
            and not any(c.dep_ in _SUBJECTS for c in cue.children)
            and _is_cue_verb(cue.head.head, quote_only_ok=False)
        ):
            # "He says the response was X and says he introduced Y": the parser hangs the
            # second "says" on "was"; its speaker is the first one's
            verb = cue.head.head
        for _ in range(4):
            subj = [c for c in verb.children if c.dep_ in _SUBJECTS]
            if not subj and verb.i == cue.i:
                # "Six in 10 say ...": the parser may hang the count on the verb
                subj = [c for c in verb.lefts if c.dep_ == "nummod" and c.like_num]
            if len(subj) > 1 and verb.dep_ == "ROOT":
                # "Vatican spokesman the Rev. Federico Lombardi told reporters": the
                # parser gives the cue two subjects; the name, where one is, speaks
                subj = sorted(subj, key=lambda t: t.ent_type_ not in ("PERSON", "ORG"))
            if subj:
                head = subj[0]
                mention: Token | None = None
                if head.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    mention, head = head, verb.head
                    if (
                        head.dep_ == "pobj"
                        and head.head.dep_ == "prep"
                        and head.head.head.dep_ == "appos"
                    ):
                        # "..., an adviser to President Trump, who has accused": the
                        # parser hangs the clause on the nearest name, inside the
                        # apposition; it describes the name the apposition describes
                        head = head.head.head
                    if head.dep_ == "appos" and head.head.ent_type_ in ("PERSON", "ORG"):
                        # "David Sacks, an informal adviser to ..., who has accused":
                        # the relative clause hangs on the apposition; the speaker is
                        # the name it describes
                        head = head.head
                if self.quote_of[head.i] >= 0 or head.lower_ in lx.FIRST_PERSON:
                    return None
                if head.lower_ in ("it", "this", "that", "there") and head.dep_ == "nsubjpass":
                    return None
                named = _single_named_member(head)
                resolved = self.resolver.resolve(named if named is not None else head)
                if resolved is not None and mention is not None:
                    # the mention in this clause is the relative pronoun ("who said")
                    resolved.start, resolved.end = mention.idx, mention.idx + len(mention)
                if resolved is not None and resolved.start <= cue.idx < resolved.end:
                    # a title-case headline: "Anthropic Calls for ..." read as one name
                    name = clean_name(self.text[resolved.start : cue.idx])
                    if not name:
                        return None
                    resolved.name, resolved.end = name, resolved.start + len(name)
                return resolved
            agents = [c for c in verb.children if c.dep_ == "agent"]
            if agents:
                pobj = [c for c in agents[0].children if c.dep_ == "pobj"]
                if pobj:
                    return self.resolver.resolve(pobj[0])
            if verb.i == cue.i and inverted:
                for c in verb.rights:
                    if (
                        c.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos", "nsubj")
                        and c.pos_ in ("PROPN", "NOUN", "PRON")
                        and self.quote_of[c.i] < 0
                    ):
                        inverted = self.resolver.resolve(c)
                        if inverted is not None:
                            return inverted
                        break  # "called the political system ...": not a speaker
                    if c.dep_ in ("ccomp", "advcl", "conj"):
                        # '"...," said Ben Carson, asked about ...': the parser gives the
                        # name after the cue to the clause that follows it
                        subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                        if (
                            subj
                            and subj[0].pos_ == "PROPN"
                            and min(t.i for t in subj[0].subtree) == cue.i + 1
                            and cue.i > 0
                            and self.quote_of[cue.i - 1] >= 0  # right after the quotation
                        ):
                            inverted = self.resolver.resolve(subj[0])
                            if inverted is not None:
                                return inverted
            if climb and verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
                noun = verb.head
                if (
                    verb.dep_ == "acl"
                    and (noun.lemma_ or noun.lower_).lower() in lx.DOCUMENT_NOUNS
                    and noun.dep_ in ("dobj", "pobj")
                    and noun.head.pos_ in ("VERB", "AUX", "ADP")
                ):
                    # "Vitter issued a statement saying ...", "His office put out a
                    # statement saying ...": who issued the document said it
                    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
                    continue
                verb = noun
                continue
            break
        return self._name_before(cue)

    def _name_before(self, cue: Token) -> Resolved | None:
        """A name right before a verb of speech that the parser left without a subject
        ("Alarmed by the unrest, Senator Harry Reid, the minority leader, said that"
        with the name read as a conjunct of "the unrest"): only a comma and an
        appositive between them, no other verb."""
        if cue.dep_ != "ROOT" or (cue.lemma_ or cue.lower_).lower() not in lx.SPEECH_VERBS:
            return None
        ents = [e for e in cue.sent.ents if e.label_ in ("PERSON", "ORG") and e.end <= cue.i]
        if not ents:
            return None
        ent = ents[-1]
        between = list(self.doc[ent.end : cue.i])
        if len(between) > 8 or any(t.pos_ in ("VERB", "AUX") for t in between):
            return None
        if between and between[0].text != ",":
            return None
        if self.quote_of[ent.root.i] >= 0:
            return None
        return self.resolver.resolve(ent.root)

    # ---- the outlet's own assertions ------------------------------------------------

    def _is_heading_line(self, sent: Span) -> bool:
        """A short line of its own with no closing punctuation is a subheading
        ("What the charge means"), not an assertion."""
        words = [t for t in sent if not t.is_space and not t.is_punct]
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is None or last.text in (".", "!", "?", "”", '"', "’", ")", ":", ";"):
            return False
        end = last.idx + len(last)
        line_start = self.text.rfind("\n", 0, sent.start_char) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end
        before, after = self.text[line_start : sent.start_char], self.text[end:line_end]
        whole_line = not before.strip() and not after.strip()
        return whole_line and len(words) <= 12

    def _outlet_claims(self) -> None:
        for k, sent in enumerate(self.sents):
            if k in self.attributed_sents or self._in_headline(sent.start_char):
                continue
            if any(
                self.quote_of[t.i] >= 0 and self.quotes[self.quote_of[t.i]].is_claim for t in sent
            ):
                continue
            tokens = _trim(list(sent), leading_marks=False)
            if not tokens or not _is_proposition(tokens):
                continue
            if self._is_heading_line(sent):
                continue
            if self._reports_a_fragment(sent):
                continue
            self.found.append(self._found(tokens, None, "outlet", "outlet", 0.7, None, None))

    def _reports_a_fragment(self, sent: Span) -> bool:
        """A sentence that only reports someone's few words is nobody's claim, least of
        all the outlet's: '"To a point," he said.', 'Jeff Flake said he would.'"""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        outside = [t for t in words if self.quote_of[t.i] < 0]
        cues = [t for t in outside if _is_cue_verb(t, quote_only_ok=True)]
        if not cues:
            return False
        if len(outside) < len(words) and len(outside) <= 6:
            return True  # a quotation too short to be a claim, and its cue
        root = sent.root
        if len(words) <= 8 and root in cues and any(c.dep_ in _SUBJECTS for c in root.children):
            comps = [c for c in root.children if c.dep_ == "ccomp"]
            return bool(comps) and all(_word_count(list(c.subtree)) < 3 for c in comps)
        return False


# ---- helpers ----------------------------------------------------------------------


def _stranded_complement(cue: Token) -> list[Token]:
    """ "Awad says in a statement that Trump's rhetoric has crossed the line": the small
    parser hangs the reported clause on the noun of the cue's prepositional phrase, as a
    relative clause of "statement". A clause there opened by "that" as a conjunction
    (``mark``), with a subject of its own, is what was said (a true relative clause,
    "a statement that was released on Monday", has "that" as its subject)."""
    for prep in cue.rights:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.pos_ not in ("NOUN", "PROPN"):
                continue
            for clause in pobj.rights:
                if (
                    clause.dep_ in ("acl", "relcl")
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                    and any(c.dep_ in _SUBJECTS for c in clause.children)
                ):
                    return [clause]
    return []


def _single_named_member(head: Token) -> Token | None:
    """'Some researchers, including Yann LeCun, have argued': the one named person in a
    group subject is the attributable source."""
    if head.tag_ not in ("NNS", "NNPS"):
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("including", "like", "such"):
            people = {
                t.i for t in prep.subtree if t.ent_type_ == "PERSON" and t.dep_ not in ("compound",)
            }
            heads = [t for t in prep.subtree if t.i in people and t.head.i not in people]
            if len(heads) == 1:
                return heads[0]
    return None


def _content_end(sent: Span) -> int:
    """Where a sentence's last non-space token ends (its span may hold the line break)."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return sent.end_char if last is None else last.idx + len(last)


def _previous_word(doc: Doc, i: int) -> Token | None:
    j = i - 1
    while j >= 0 and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    return doc[j] if j >= 0 else None


def _is_cue_verb(token: Token, *, quote_only_ok: bool) -> bool:
    if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
        return False
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma in lx.CUE_VERBS:
        return True
    return quote_only_ok and lemma in lx.QUOTE_ONLY_VERBS


def _subject_first(window: list[Token], cue: Token) -> bool:
    """'"...," David Axelrod, the chief strategist of the campaign, said': the words
    before the cue are its subject, with an apposition however long."""
    words = [t for t in window if not t.is_punct and not t.is_space]
    if cue not in words or words.index(cue) == 0 or words.index(cue) > 16:
        return False
    subject = [c for c in cue.children if c.dep_ in _SUBJECTS]
    if not subject:
        return False
    covered = {t.i for t in subject[0].subtree}
    return all(t.i in covered for t in words[: words.index(cue)])


_MODIFIER_DEPS = frozenset({"dobj", "dative", "prep", "npadvmod", "advmod", "agent", "punct"})


def _only_modifiers(cue: Token, tokens: list[Token]) -> bool:
    """Are these tokens all inside the cue's object or its own modifiers?"""
    inside: set[int] = set()
    for c in cue.children:
        if c.dep_ in _MODIFIER_DEPS and c.i > cue.i:
            inside.update(t.i for t in c.subtree)
    return all(t.i in inside or t.is_space for t in tokens)


def _close_to_start(window: list[Token], cue: Token) -> bool:
    """A cue after a quotation belongs to it when it comes within a few words."""
    words = [t for t in window if not t.is_punct and not t.is_space]
    return cue in words and words.index(cue) <= 6


def _cue_tuple(cue: Token) -> tuple[str, int, int]:
    last = cue
    for child in cue.rights:  # phrasal cues: "pointed out"
        if child.dep_ == "prt" and child.i == cue.i + 1:
            last = child
    # a Span's text, not Doc.text (which joins every token of the article each time)
    return (cue.doc[cue.i : last.i + 1].text, cue.idx, last.idx + len(last))


def _word_count(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


#: Documents that speak in a headline label ("Report: ..."); not "Tram plan: ...".
_SOURCE_DOCUMENTS = frozenset(
    {"report", "paper", "memo", "document", "filing", "statement", "letter", "survey"}
)

_SIDE_MARKS = frozenset({"while", "though", "although", "whereas", "where"})


_CLAUSE_DEPS = frozenset({"advcl", "acl", "relcl", "conj", "xcomp"})


def _side_clause_head(first: Token) -> Token | None:
    """The head of the side clause that ``first`` opens, if it opens one: a participle
    ("bringing ..."), "compared with", a contrast ("while ...") or "which"."""
    if first.tag_ == "VBG":
        return first if first.dep_ in _CLAUSE_DEPS else None
    if first.lower_ == "compared" and first.tag_ == "VBN":
        return first if first.dep_ in _CLAUSE_DEPS or first.dep_ == "prep" else None
    if first.lower_ in _SIDE_MARKS:
        ok = first.dep_ in ("mark", "advmod") and first.head.dep_ in _CLAUSE_DEPS
        return first.head if ok else None
    if first.lower_ == "which":
        return first.head if first.head.dep_ == "relcl" else None
    return None


def _side_clauses(tokens: list[Token], quote_of: list[int]) -> list[Token]:
    """The reported content without the writer's side clauses around it: a leading
    participle ("Entering the final week, [Clinton leads ...], according to ...") and a
    trailing one after a comma ("... in January, [bringing its total to ...]", "...,
    [while about 4 in 10 want ...]", "..., [which will phase the hike in]", "...,
    [compared with 41 percent]"). Inside quotation marks (``quote_of``, the
    attributor's quotation of each token) nothing is cut."""
    if len(tokens) < 6:
        return tokens
    words = [t for t in tokens if not t.is_space]
    last = max(t.i for t in words)
    for k in range(3, len(words) - 1):
        comma, nxt = words[k], words[k + 1]
        if comma.text != ",":
            continue
        head = _side_clause_head(nxt)
        if head is None:
            continue
        span = [t.i for t in head.subtree]
        if max(span) < last or min(span) < nxt.i:
            continue  # not a clause that runs to the end, or it starts before the comma
        if quote_of[comma.i] >= 0 or quote_of[nxt.i] >= 0:
            continue
        if _word_count(words[:k]) >= 3:
            return words[:k]
    first = words[0]
    if first.tag_ == "VBG" and first.dep_ == "advcl" and first.i == first.sent.start:
        end = max(t.i for t in first.subtree)
        rest = [t for t in words if t.i > end]
        if rest and rest[0].text == "," and _word_count(rest[1:]) >= 3:
            return rest[1:]
    return words


def _trim(tokens: list[Token], *, leading_marks: bool) -> list[Token]:
    """Drop a leading "that", edge punctuation and unbalanced quotation marks."""
    tokens = [t for t in tokens if not t.is_space]
    if leading_marks:
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "as"):
            tokens = tokens[1:]
    while tokens and (
        (tokens[0].is_punct and tokens[0].text not in '“"‘(')
        or tokens[0].lower_ in ("and", "but", "so")
    ):
        tokens = tokens[1:]
    while tokens and (
        (tokens[-1].is_punct and tokens[-1].text not in '.!?”"’)')
        or (tokens[-1].dep_ == "cc" and tokens[-1].lower_ in ("and", "but", "or"))
    ):
        tokens = tokens[:-1]  # a conjunction left by a second clause taken out
    while tokens and tokens[-1].text in (".", ",", ";", ":"):
        tokens = tokens[:-1]
    opens = sum(1 for t in tokens if t.text in "“‘")
    closes = sum(1 for t in tokens if t.text in "”’")
    if tokens and tokens[-1].text in '”’"' and closes > opens:
        tokens = tokens[:-1]
        while tokens and tokens[-1].text in (".", ",", ";", ":"):
            tokens = tokens[:-1]
    if tokens and tokens[0].text in '“‘"' and opens > closes:
        tokens = tokens[1:]
    return tokens


def _close_quote(tokens: list[Token]) -> list[Token]:
    """Extend a content ending inside a quotation to its closing mark: 'because “the
    world’s in tough shape' + '.”'."""
    if not tokens:
        return tokens
    opens = sum(1 for t in tokens if t.text in ("“", "‘"))
    closes = sum(1 for t in tokens if t.text in ("”", "’"))
    straight = sum(1 for t in tokens if t.text == '"')  # 'of pursuing a "capture agenda."'
    if opens <= closes and straight % 2 == 0:
        return tokens
    doc = tokens[0].doc
    j = tokens[-1].i + 1
    extra: list[Token] = []
    while j < len(doc) and len(extra) < 3:
        t = doc[j]
        extra.append(t)
        if t.text in ("”", "’", '"'):
            return tokens + extra
        if not t.is_punct:
            break
        j += 1
    return tokens


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS):
        end -= 1
    return start, end


def _char_parts(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans covering ``tokens``; a gap of dropped words splits a part."""
    parts: list[tuple[int, int]] = []
    start = tokens[0].idx
    end = start + len(tokens[0])
    prev = tokens[0].i
    doc = tokens[0].doc
    for t in tokens[1:]:
        gap = doc[prev + 1 : t.i]
        if t.i == prev + 1 or all(x.is_space or (x.is_punct and x.text in ",—–-") for x in gap):
            end = t.idx + len(t)
        else:
            parts.append((start, end))
            start, end = t.idx, t.idx + len(t)
        prev = t.i
    parts.append((start, end))
    return parts


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _is_proposition(tokens: list[Token]) -> bool:
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) < 4:
        return False
    if any(t.text == "?" for t in tokens[-2:]):
        return False
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    # headings and labels: no final punctuation and mostly capitalised words
    last = tokens[-1].text
    capitals = sum(1 for w in words if w.text[:1].isupper())
    return not (last not in (".", "!", "”", '"', "’", ")") and capitals > 0.6 * len(words))
