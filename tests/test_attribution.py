"""Who said what: the attribution rules on small texts written for these tests.

Each case is a short article and the claims argmap must find in it, as
(a substring of the claim text, speaker, attribution, cue). These load the spaCy model.
"""

from __future__ import annotations

import pytest

import argmap

pytestmark = pytest.mark.slow

CASES = {
    "a clause the parser hangs on 'in a statement'": (
        "Nihad Awad says in a statement that Trump's rhetoric has crossed the line.",
        [("Trump's rhetoric has crossed the line", "Nihad Awad", "indirect", "says")],
    ),
    "who issued a statement saying it said it": (
        "Senator David Vitter issued a statement saying the U.S. does not have the "
        "capacity to vet every refugee.",
        [("the U.S. does not have the capacity", "David Vitter", "indirect", "saying")],
    ),
    "families speak as a group": (
        "Some families said they were forced to pay smugglers to bring in their children.",
        [("they were forced to pay smugglers", "families", "indirect", "said")],
    ),
    "a person named by what they are, 'the socialist'": (
        "Bernie Sanders spoke in Ohio. The self-described democratic socialist said he "
        "would win the state's primary if turnout were high.",
        [("he would win the state's primary", "Bernie Sanders", "indirect", "said")],
    ),
    "the plural of a person's role is a group": (
        "Several candidates have said the deal is bad.",
        [("the deal is bad", "candidates", "indirect", "said")],
    ),
    "a document no one is named for": (
        "The ad says “nothing will change until we elect candidates who reject Wall Street money.”",
        [("nothing will change until we elect candidates", "ad", "direct", "says")],
    ),
    "a role with its owner": (
        "Donald Trump’s campaign manager says he is gratified by a Florida prosecutor’s "
        "decision to drop a battery charge against him.",
        [("he is gratified by a Florida", "Donald Trump’s campaign manager", "indirect", "says")],
    ),
    "two subjects, the name speaks": (
        "Vatican spokesman the Rev. Federico Lombardi told reporters Thursday that the "
        "pope has no plans to meet with Sanders.",
        [("the pope has no plans to meet with Sanders", "Federico Lombardi", "indirect", "told")],
    ),
    "a poll's finding the parser reads as a participle": (
        "A Quinnipiac University poll found last week that Clinton would beat Trump "
        "46 to 40 percent in a general election match-up.",
        [
            (
                "Clinton would beat Trump 46 to 40 percent",
                "Quinnipiac University",
                "indirect",
                "found",
            )
        ],
    ),
    "polling as evidence": (
        "Polling of union voters shows that Mrs. Clinton remains broadly popular.",
        [("Mrs. Clinton remains broadly popular", "polling", "indirect", "shows")],
    ),
    "quote, cue after": (
        "“The bridge will be finished by June,” said Maria Lopez, the city engineer.",
        [("The bridge will be finished by June", "Maria Lopez", "direct", "said")],
    ),
    "quote, subject before the cue": (
        '"We cannot afford another delay," Lopez said.',
        [("We cannot afford another delay", "Lopez", "direct", "said")],
    ),
    "colon quote": (
        "Council leader Tom Baker put it plainly: “The budget is broken and we must fix it.”",
        [("The budget is broken", "Tom Baker", "direct", "put")],
    ),
    "split quote is one claim": (
        "“We have waited twenty years,” she said, “and we have done nothing.”\n"
        "Mayor Ana Ruiz spoke first.",
        [],
    ),
    "follow-on quoted sentence joins the quote": (
        "Mayor Ana Ruiz addressed the council on Monday.\n"
        "“This plan pays for itself,” Ruiz said. “Nobody else has offered one.”",
        [("This plan pays for itself … Nobody else has offered one", "Ana Ruiz", "direct", "said")],
    ),
    "reported speech with that": (
        "Economist Lena Park warned that the tax would drive shoppers out of town.",
        [("the tax would drive shoppers out of town", "Lena Park", "indirect", "warned")],
    ),
    "reported speech without that": (
        "Economist Lena Park argues the forecast is far too optimistic.",
        [("the forecast is far too optimistic", "Lena Park", "indirect", "argues")],
    ),
    "the object of a judging cue is never its speaker": (
        "Harlow Foods said on Monday that it would close its depot in Wrenhaven.\n"
        "Analyst Tom Baker called the closure “entirely avoidable”, framing the "
        "announcement as a publicity stunt rather than a real cut.",
        [("the announcement as a publicity stunt", "Tom Baker", "indirect", "framing")],
    ),
    "an accusation": (
        'Councillor Ana Ruiz has accused the operator of hiding the "true cost of the scheme."',
        [
            (
                'the operator of hiding the "true cost of the scheme."',
                "Ana Ruiz",
                "indirect",
                "accused",
            )
        ],
    ),
    "a relative clause after an apposition describes the name": (
        "Among its critics is the economist Tom Baker, an adviser to Mayor Ana Ruiz, who has "
        "accused the council of inflating its traffic forecast.",
        [("the council of inflating its traffic forecast", "Tom Baker", "indirect", "accused")],
    ),
    "a publication speaks": (
        "The magazine said the reader poll winner has predicted the mayor in five of the "
        "past six elections.",
        [("the reader poll winner has predicted the mayor", "magazine", "indirect", "said")],
    ),
    "data suggest (lemma datum)": (
        "Official data suggest that house prices peaked in 2013.",
        [("house prices peaked in 2013", "official data", "indirect", "suggest")],
    ),
    "footage shows": (
        "Footage from the meeting shows that several councillors left before the vote.",
        [("several councillors left before the vote", "footage", "indirect", "shows")],
    ),
    "according to, leading": (
        "According to the Harbour Trust, traffic fell by a fifth in two years.",
        [("traffic fell by a fifth in two years", "Harbour Trust", "indirect", "According to")],
    ),
    "according to, trailing": (
        "Traffic fell by a fifth in two years, according to the Harbour Trust.",
        [("Traffic fell by a fifth in two years", "Harbour Trust", "indirect", "according to")],
    ),
    "pronoun resolved to the last person": (
        "Dr Samuel Green runs the clinic on Bridge Street. "
        "He said that asthma admissions had doubled.",
        [("asthma admissions had doubled", "Samuel Green", "indirect", "said")],
    ),
    "she resolves past a more recent man": (
        "Ana Ruiz met Tom Baker on Friday. Baker left early. "
        "She said the plan was fair to every district.",
        [("the plan was fair to every district", "Ana Ruiz", "indirect", "said")],
    ),
    "the company refers back": (
        "Harlow Foods, a grocery chain, has 40 stores in the region. "
        "The company said it would close two of them next year.",
        [("it would close two of them next year", "Harlow Foods", "indirect", "said")],
    ),
    "the report is its author's": (
        "The Harbour Trust published a study of the scheme on Monday. "
        "“Congestion fell sharply in the first year,” the report said.",
        [("Congestion fell sharply in the first year", "Harbour Trust", "direct", "said")],
    ),
    "surname in a later paragraph": (
        "Transport economist Anneke Vos studies road pricing.\n"
        "“Hallerby is not comparable to Wrenhaven,” said Vos.",
        [("Hallerby is not comparable to Wrenhaven", "Anneke Vos", "direct", "said")],
    ),
    "group speaker": (
        "Critics say the consultation was rushed and the maps were wrong.",
        [("the consultation was rushed", "critics", "indirect", "say")],
    ),
    "named member of a group subject": (
        "Some researchers, including Maria Lopez, "
        "have argued that the models are fundamentally limited.",
        [("the models are fundamentally limited", "Maria Lopez", "indirect", "argued")],
    ),
    "called for": (
        "The union called for an independent review of the scheme's finances.",
        [("an independent review of the scheme's finances", "union", "indirect", "called for")],
    ),
    "dash attribution": (
        "“The tram saved my business.” ― Priya Shah",
        [("The tram saved my business", "Priya Shah", "direct", "―")],
    ),
    "see X as Y": (
        "Critics see the warnings as strategic positioning by the largest firms.",
        [("the warnings as strategic positioning", "critics", "indirect", "see")],
    ),
    "a possessive organisation speaks for its owner": (
        "Mayor Ana Ruiz is behind in the polls. "
        "Ruiz's campaign says it will move staff from the city to the rural districts.",
        [("it will move staff from the city", "Ana Ruiz", "indirect", "says")],
    ),
    "a share of people in a poll": (
        "Still, 52 percent of registered voters say they would consider the tram plan.",
        [
            (
                "they would consider the tram plan",
                "52 percent of registered voters",
                "indirect",
                "say",
            )
        ],
    ),
    "six in 10": (
        "Six in 10 say the council has handled the budget badly.",
        [("the council has handled the budget badly", "Six in 10", "indirect", "say")],
    ),
    "a spokesperson for an organisation": (
        "A spokeswoman for Harlow Foods said the company would appeal the ruling.",
        [("the company would appeal the ruling", "Harlow Foods", "indirect", "said")],
    ),
    "an unnamed source": (
        "A person familiar with the talks says the deal will be signed on Monday.",
        [
            (
                "the deal will be signed on Monday",
                "A person familiar with the talks",
                "indirect",
                "says",
            )
        ],
    ),
    "a person known by what they are": (
        "Victor Hale bought the mill in 2019. "
        "The billionaire businessman says running a factory is harder than it looks.",
        [("running a factory is harder than it looks", "Victor Hale", "indirect", "says")],
    ),
    "said if elected": (
        "Senator Ruth Amos said if elected she would scrap the toll on the bridge.",
        [("if elected she would scrap the toll", "Ruth Amos", "indirect", "said")],
    ),
    "two reports in one sentence": (
        "Three-quarters of the voters said they were worried about rents, "
        "and two-thirds of the voters said the council was to blame.",
        [
            ("they were worried about rents", "Three-quarters of the voters", "indirect", "said"),
            ("the council was to blame", "two-thirds of the voters", "indirect", "said"),
        ],
    ),
    "the second of two cues in one sentence": (
        "Councillor Tom Baker spoke on Monday. He says the obvious answer was to close the "
        "depot and says he wrote to the minister about it.",
        [
            ("the obvious answer was to close the depot", "Tom Baker", "indirect", "says"),
            ("he wrote to the minister about it", "Tom Baker", "indirect", "says"),
        ],
    ),
    "a second verb of the reported clause stays in it": (
        "Jeb Hollis says the mayor is acting unlawfully and showing disregard for the law.",
        [("acting unlawfully and showing disregard for the law", "Jeb Hollis", "indirect", "says")],
    ),
    "the campaign of a person": (
        "Mayor Ana Ruiz is standing again. The campaign of Ana Ruiz said on Tuesday that "
        "the tram plan was dangerous.",
        [("the tram plan was dangerous", "Ana Ruiz", "indirect", "said")],
    ),
    "a transcript with full names and surnames": (
        "The interview went as follows.\n"
        "MARIA LOPEZ: The bridge will be finished by June, whatever the council says.\n"
        "BAKER: Nobody on the council believes that date any more.\n"
        "LOPEZ: The engineers have signed off on every stage of the work.",
        [
            ("The bridge will be finished by June", "Maria Lopez", "direct", ":"),
            ("Nobody on the council believes that date", "Baker", "direct", ":"),
            ("The engineers have signed off", "Maria Lopez", "direct", ":"),
        ],
    ),
    "called X Y after a leading 'on'": (
        "On Twitter, Councillor Tom Baker called the tram plan “reckless.”",
        [("the tram plan “reckless", "Tom Baker", "indirect", "called")],
    ),
    "called X Y as the second verb": (
        "Ruth Amos took the stage on Monday and called the budget “a disgrace.”",
        [("the budget “a disgrace", "Ruth Amos", "indirect", "called")],
    ),
    "a quotation right after the cue": (
        "Mayor Ana Ruiz spoke on Tuesday. "
        "She says “we worked hard to keep the tram on time and on budget.”",
        [("we worked hard to keep the tram on time", "Ana Ruiz", "direct", "says")],
    ),
    "a quotation after 'that' and a few words": (
        "Mayor Ana Ruiz spoke on Tuesday. Ruiz tells reporters outside the depot in "
        "Wrenhaven that “the tram will open in May. Nobody doubts it now.”",
        [("the tram will open in May", "Ana Ruiz", "direct", "tells")],
    ),
    "a count by an organisation": (
        "Ruiz leads Baker by 40 votes, according to a count by the Harbour Trust.",
        [("Ruiz leads Baker by 40 votes", "Harbour Trust", "indirect", "according to")],
    ),
    "a poll conducted by an organisation": (
        "According to early results of the exit poll conducted by Tidewell Associates, "
        "most voters backed the tram.",
        [("most voters backed the tram", "Tidewell Associates", "indirect", "According to")],
    ),
    "follow-on quote whose opening marks end the sentence before": (
        "Mayor Ana Ruiz addressed the council on Monday.\n"
        "''This plan pays for itself,'' Ruiz said. ''Nobody else has offered one.''",
        [("This plan pays for itself … Nobody else has offered one", "Ana Ruiz", "direct", "said")],
    ),
    "a closing cue the parser reads as a conjunct": (
        "In nearby Dunmore, the old mill is hanging on, but it is under intense pressure "
        "from imports, said the firm's chief executive, Ana Ruiz.",
        [("the old mill is hanging on", "Ana Ruiz", "indirect", "said")],
    ),
    "a rank with no one named before": (
        "The derogatory comments had two goals, the admiral said.",
        [("The derogatory comments had two goals", "admiral", "indirect", "said")],
    ),
    "a cue set off by commas inside its sentence": (
        "But there is a risk, some councillors said, that the tram would push fares up "
        "for everyone.",
        [
            (
                "there is a risk … that the tram would push fares up",
                "councillors",
                "indirect",
                "said",
            )
        ],
    ),
    "a parenthetical cue with its own modifiers": (
        "She was not surprised that the plan failed, her advisers said Friday, because "
        "she understands the anger of voters.",
        [("she understands the anger of voters", "advisers", "indirect", "said")],
    ),
    "a name the parser leaves out of the subject": (
        "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said "
        "that he spoke with the governor on Tuesday.",
        [("he spoke with the governor on Tuesday", "Harry Reid", "indirect", "said")],
    ),
    "records by their keeper": (
        "The depot had two cranes and eleven trucks, according to Harbour Trust records.",
        [("The depot had two cranes", "Harbour Trust", "indirect", "according to")],
    ),
    "a three-word quoted clause": (
        "Mayor Ana Ruiz was asked about the missing report.\n“That never happened,” Ruiz said.",
        [("That never happened", "Ana Ruiz", "direct", "said")],
    ),
    "an unnamed official of an organisation": (
        "A Harbour Trust spokesman said the depot would reopen in the spring.",
        [("the depot would reopen in the spring", "Harbour Trust", "indirect", "said")],
    ),
    "a person known only by description": (
        "The mayor wanted detailed notes before every speech, a former speechwriter said.",
        [("The mayor wanted detailed notes", "a former speechwriter", "indirect", "said")],
    ),
    "a quantifier as the speaker": (
        "Many in the crowd said the tram was the only plan they trusted.",
        [("the tram was the only plan they trusted", "many in the crowd", "indirect", "said")],
    ),
    "one of a group, named": (
        "One of her advisers, Tom Baker, told reporters that the vote would be close.",
        [("the vote would be close", "Tom Baker", "indirect", "told")],
    ),
    "a conditional inside a parenthetical cue": (
        "If the council approves the tram, Baker said, fares will rise for everyone.",
        [("If the council approves the tram … fares will rise", "Baker", "indirect", "said")],
    ),
    "they is an organisation before a person": (
        "The Harbour Trust met on Monday. Council leader Tom Baker attended the meeting. "
        "They said the depot would close in May.",
        [("the depot would close in May", "Harbour Trust", "indirect", "said")],
    ),
    "associates as a group": (
        "Associates say the mayor is likely to run again in two years.",
        [("the mayor is likely to run again", "associates", "indirect", "say")],
    ),
    "according to a record with no maker named": (
        "The depot spent $2 million on repairs last year, according to state filings.",
        [("The depot spent $2 million on repairs", "state filings", "indirect", "according to")],
    ),
    "according to a reckoning by a person": (
        "A fair wage in Wrenhaven is about £12 an hour, according to calculations by "
        "economist Lena Park.",
        [
            (
                "A fair wage in Wrenhaven is about £12 an hour",
                "Lena Park",
                "indirect",
                "according to",
            )
        ],
    ),
    "a person's campaign named after them": (
        "Mayor Ana Ruiz and the Harbour Trust clashed on Monday. The Ruiz campaign says "
        "it raised $2 million in May.",
        [("it raised $2 million in May", "Ana Ruiz", "indirect", "says")],
    ),
    "an as-clause cue before the main clause": (
        "Mayor Ana Ruiz spoke first. As Ruiz said, the two plans have become almost the same.",
        [("the two plans have become almost the same", "Ana Ruiz", "indirect", "said")],
    ),
    "an office holder known by the office": (
        "The Republican incumbent said that her position on the tram is genuine.",
        [("her position on the tram is genuine", "Republican incumbent", "indirect", "said")],
    ),
    "a quote whose speaker has a long apposition": (
        "“I think the winds are changing on the tram,” Tom Baker, executive director of "
        "the Harbour Trust, said in a recent interview.",
        [("I think the winds are changing on the tram", "Tom Baker", "direct", "said")],
    ),
    "a cue with its own object and modifiers before the quote": (
        "Mayor Ana Ruiz told the Wrenhaven Courier in a written statement, “I really do "
        "not want the depot to close, because it employs forty people.”",
        [("I really do not want the depot to close", "Ana Ruiz", "direct", "told")],
    ),
    "a cue between commas that introduces a quotation": (
        "When asked for her position during an interview in October, Mayor Ana Ruiz said, "
        "“It is something that is being discussed by the council.”",
        [("It is something that is being discussed by the council", "Ana Ruiz", "direct", "said")],
    ),
    "a quotation after a colon, then the reporter's but": (
        "Mayor Ana Ruiz said: “I have said repeatedly that closing the depot was a "
        "mistake,” but in fact she voted to close it twice.",
        [
            (
                "I have said repeatedly that closing the depot was a mistake",
                "Ana Ruiz",
                "direct",
                "said",
            )
        ],
    ),
    "a wh-clause after that": (
        "Ruiz said that what the town needs most is a bus that runs on time.",
        [("what the town needs most is a bus", "Ruiz", "indirect", "said")],
    ),
}


def _hand_parsed(rows, spaces, lemmas, person: tuple[int, int]):
    """A one-sentence Doc with the parse in ``rows`` (word, head, dep, pos, tag), given by
    hand so that a rule is tested whatever the model does, and one PERSON entity."""
    from spacy.tokens import Doc, Span

    from argmap.nlp import load_pipeline

    doc = Doc(
        load_pipeline().vocab,
        words=[r[0] for r in rows],
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=lemmas,
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
    doc.ents = [Span(doc, *person, label="PERSON")]
    return doc


def test_inverted_cue_whose_name_the_parser_gives_to_the_next_clause():
    """'"...," said Tom Baker, asked about ...': the small model sometimes makes the name
    the subject of "asked", not of "said" (a parse seen on news text, built here by hand
    so that the rule is tested whatever the model does)."""
    from argmap.extract.attribution import ArticleAttributor

    rows = [  # word, head, dep, pos, tag
        ('"', 8, "punct", "PUNCT", "``"),
        ("We", 3, "nsubj", "PRON", "PRP"),
        ("will", 3, "aux", "AUX", "MD"),
        ("win", 8, "ccomp", "VERB", "VB"),
        ("this", 5, "det", "DET", "DT"),
        ("vote", 3, "dobj", "NOUN", "NN"),
        (",", 8, "punct", "PUNCT", ","),
        ('"', 8, "punct", "PUNCT", "''"),
        ("said", 8, "ROOT", "VERB", "VBD"),
        ("Tom", 10, "compound", "PROPN", "NNP"),
        ("Baker", 12, "nsubj", "PROPN", "NNP"),
        (",", 10, "punct", "PUNCT", ","),
        ("asked", 8, "ccomp", "VERB", "VBN"),
        ("about", 12, "prep", "ADP", "IN"),
        ("the", 15, "det", "DET", "DT"),
        ("budget", 13, "pobj", "NOUN", "NN"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".", '"') for i in range(len(words))]
    spaces[0], spaces[7] = False, True
    lemmas = [{"said": "say", "asked": "ask"}.get(w, w.lower()) for w in words]
    doc = _hand_parsed(rows, spaces, lemmas, (9, 11))
    found = [f for f in ArticleAttributor(doc).run() if f.attribution == "direct"]
    assert len(found) == 1, doc.text
    assert found[0].speaker is not None and found[0].speaker.name == "Tom Baker"


def test_what_was_said_follows_the_cue_when_the_parser_gives_it_two_complements():
    """'In a statement released after the senator quit, Baker said he is certain ...': the
    small model may make the fronted clause a second complement of "said" (a parse seen
    on PolNeAR train text, built here by hand); the claim is the clause after the cue."""
    from argmap.extract.attribution import ArticleAttributor

    rows = [  # word, head, dep, pos, tag
        ("After", 3, "mark", "SCONJ", "IN"),
        ("the", 2, "det", "DET", "DT"),
        ("senator", 3, "nsubj", "NOUN", "NN"),
        ("quit", 6, "ccomp", "VERB", "VBD"),
        (",", 6, "punct", "PUNCT", ","),
        ("Baker", 6, "nsubj", "PROPN", "NNP"),
        ("said", 6, "ROOT", "VERB", "VBD"),
        ("he", 8, "nsubj", "PRON", "PRP"),
        ("is", 6, "ccomp", "AUX", "VBZ"),
        ("certain", 8, "acomp", "ADJ", "JJ"),
        ("the", 11, "det", "DET", "DT"),
        ("harbour", 12, "nsubj", "NOUN", "NN"),
        ("reopens", 9, "ccomp", "VERB", "VBZ"),
        ("soon", 12, "advmod", "ADV", "RB"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    lemmas = [{"said": "say", "is": "be", "reopens": "reopen"}.get(w, w.lower()) for w in words]
    doc = _hand_parsed(rows, spaces, lemmas, (5, 6))
    found = [f for f in ArticleAttributor(doc).run() if f.attribution == "indirect"]
    assert len(found) == 1, doc.text
    assert doc.text[found[0].start : found[0].end] == "he is certain the harbour reopens soon"
    assert found[0].speaker is not None and found[0].speaker.name == "Baker"


#: The writer's side clauses are not part of what was reported: (text, the claim's
#: exact text).
SIDE_CLAUSES = {
    "trailing participle": (
        "The Ruiz campaign says it raised $2 million in May, bringing its total to $9 million.",
        "it raised $2 million in May",
    ),
    "trailing while-clause": (
        "Most voters say they prefer a candidate from outside politics, while a third want "
        "one with experience.",
        "they prefer a candidate from outside politics",
    ),
    "leading participle before according to": (
        "Entering the final week, Ruiz leads Baker by 40 votes, according to the Harbour Trust.",
        "Ruiz leads Baker by 40 votes",
    ),
}


def test_the_speakers_second_act_is_not_part_of_the_reported_clause():
    text = (
        "Senator Rand Paul said the plan would give money to immigrants, and called him "
        "a leading proponent of amnesty."
    )
    said = [c.text for c in argmap.extract_text(text) if c.cue == "said"]
    assert said == ["the plan would give money to immigrants"]


@pytest.mark.parametrize("name", sorted(SIDE_CLAUSES))
def test_side_clauses_are_left_out(name):
    text, want = SIDE_CLAUSES[name]
    claims = [c for c in argmap.extract_text(text) if c.attribution != "outlet"]
    assert [c.text for c in claims] == [want]


#: Subjects of a verb of saying that are not speakers: no attributed claim.
NOT_SPEAKERS = {
    "half of a budget": "Half of the budget said nothing about the tram.",
    "a share of a vote": "Thirty percent of the vote said little about the result.",
}


@pytest.mark.parametrize("name", sorted(NOT_SPEAKERS))
def test_not_a_speaker(name):
    claims = argmap.extract_text(NOT_SPEAKERS[name])
    assert all(c.attribution == "outlet" for c in claims), [(c.speaker, c.text) for c in claims]


def _find(claims, text, speaker, attribution, cue):
    for c in claims:
        if text in c.text and attribution == c.attribution:
            speaker_ok = c.speaker == speaker or (
                c.speaker_kind == "group" and speaker in c.speaker
            )
            if speaker_ok and (cue is None or (c.cue or "") == cue):
                return c
    return None


@pytest.mark.parametrize("name", sorted(CASES))
def test_attribution(name):
    text, expected = CASES[name]
    claims = argmap.extract_text(text)
    summary = [(c.text, c.speaker, c.attribution, c.cue) for c in claims]
    for want in expected:
        assert _find(claims, *want) is not None, f"{want} not in {summary}"


def test_a_list_is_no_person():
    claims = argmap.extract_text("The list says that turnout was high.")
    assert all(c.attribution == "outlet" for c in claims), claims


def test_a_true_relative_clause_on_a_statement_is_no_reported_clause():
    claims = argmap.extract_text("Nihad Awad said in a statement that was released on Monday.")
    assert all(c.attribution == "outlet" for c in claims), claims


def test_split_quote_is_one_claim_in_two_parts():
    text = (
        "Mayor Ana Ruiz spoke first.\n"
        "“We have waited twenty years,” she said, “and we have done nothing.”"
    )
    claims = [c for c in argmap.extract_text(text) if c.attribution == "direct"]
    assert len(claims) == 1
    (claim,) = claims
    assert claim.speaker == "Ana Ruiz" and claim.cue == "said"
    assert len(claim.parts) == 2
    assert claim.text == "We have waited twenty years … and we have done nothing."
    first, second = claim.parts
    assert text[first[0] : first[1]] == "We have waited twenty years"
    assert text[second[0] : second[1]] == "and we have done nothing."


def test_quote_running_over_paragraphs_is_one_claim():
    text = (
        "Mayor Ana Ruiz defended the plan.\n"
        "“The first thing to say is that buses will run every ten minutes.\n"
        "“The second is that every penny goes back into transport,” she said."
    )
    claims = [c for c in argmap.extract_text(text) if c.attribution == "direct"]
    assert len(claims) == 1
    assert claims[0].speaker == "Ana Ruiz"
    assert "every ten minutes" in claims[0].text and "every penny" in claims[0].text


def test_questions_headings_and_fragments_are_not_claims():
    text = (
        "Why would anyone drive into the centre now?\n"
        "What the charge means\n"
        "The council approved the charge on March 3 by 34 votes to 27."
    )
    claims = argmap.extract_text(text)
    assert [c.text for c in claims] == [
        "The council approved the charge on March 3 by 34 votes to 27"
    ]
    assert claims[0].attribution == "outlet"


def test_outlet_claims_are_attributed_to_the_outlet():
    claims = argmap.extract_text(
        "The scheme could still fall in June if four councillors change sides.",
        outlet="Wrenhaven Courier",
    )
    (claim,) = claims
    assert claim.speaker == "Wrenhaven Courier" and claim.speaker_kind == "outlet"
    assert claim.kind == "prediction" and claim.hedged


def test_spans_point_into_the_text():
    text = "Economist Lena Park warned that the tax would drive shoppers out of town."
    (claim,) = argmap.extract_text(text)
    assert text[claim.start : claim.end] == claim.text
    assert text[claim.speaker_start : claim.speaker_end] == "Lena Park"
    assert text[claim.cue_start : claim.cue_end] == "warned"
    assert text[claim.sentence_start : claim.sentence_end] == text.rstrip()


@pytest.mark.parametrize(
    ("sentence", "kind", "hedged"),
    [
        ("The council should publish the full model.", "recommendation", False),
        ("Traffic would fall by 20 percent in the first year.", "prediction", False),
        ("The scheme could still fall in June.", "prediction", True),
        ("Traffic in the zone is 22 percent lower than before the charge.", "statistic", False),
        ("The comparison was fair because most drivers switched to buses.", "causal", False),
        ("The council's forecast is far too optimistic.", "evaluation", False),
        ("The charge is a tax on people who have no choice but to drive.", "evaluation", False),
        ("The council voted on the scheme in the town hall.", "fact", False),
        ("The charge is not inevitable.", "evaluation", True),
    ],
)
def test_claim_kinds(sentence, kind, hedged):
    (claim,) = argmap.extract_text(sentence, outlet="Test Outlet")
    assert (claim.kind, claim.hedged) == (kind, hedged)


def test_dash_attribution_whose_name_heads_the_sentence_ends():
    """A dash attribution whose name is the root of its sentence once looped forever
    (spaCy tokens compared with ``is``, which is never true of a fresh Token): run it in
    a subprocess so that a regression fails here instead of hanging the suite."""
    import subprocess
    import sys

    code = (
        "import argmap\n"
        "text = ('Mayor Ruth Adeyemi spoke. '\n"
        "        '\"It will pay for itself.\" \\u2014 Ruth Adeyemi, mayor')\n"
        "claims = argmap.extract_text(text)\n"
        "print(sorted({c.speaker for c in claims if c.attribution == 'direct'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "Ruth Adeyemi" in done.stdout


#: Headlines that name who speaks before a colon: (headline, speaker or None).
HEADLINE_LABELS = {
    "a person's camp": ("Ruiz camp: The tram plan is a waste of public money", "Ana Ruiz"),
    "a newspaper": ("Newspaper: Council hid the true cost of the tram", "Newspaper"),
    "a report": ("Report: Council hid the true cost of the tram", "Report"),
    "a topic is not a speaker": ("Tram plan: Council votes to scrap the scheme", None),
    "a question is not a claim": ("Tram vote: What we know so far", None),
}


@pytest.mark.parametrize("name", sorted(HEADLINE_LABELS))
def test_headline_label(tmp_path, name):
    headline, speaker = HEADLINE_LABELS[name]
    (tmp_path / "a.txt").write_text(
        f"{headline}\n\nMayor Ana Ruiz spoke at the council meeting on Monday evening.\n",
        encoding="utf-8",
    )
    corpus = argmap.load_corpus(tmp_path)
    claims = [c for c in argmap.extract_claims(corpus).claims if c.in_headline]
    if speaker is None:
        assert claims == []
    else:
        (claim,) = claims
        assert claim.speaker == speaker and claim.attribution == "direct"


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Ana Ruiz was asked about the delay. "To a point," she said.',
        "Councillor Tom Baker was asked if he would vote for it. Tom Baker said he would.",
    ],
)
def test_a_sentence_that_only_reports_a_few_words_is_not_the_outlets_claim(text):
    reported = text.split(". ", 1)[1].rstrip(".")
    claims = argmap.extract_text(text)
    assert not [
        c for c in claims if c.attribution == "outlet" and reported in text[c.start : c.end + 1]
    ]
    assert len(claims) == 1  # the first sentence stays the outlet's


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "When Wrenhaven's councillors voted on March 3 to back an £8 congestion charge, "
            "the argument that carried the day was a single place name.",
            "Wrenhaven's councillors",
        ),
        ("Hallerby residents say the charge has cut traffic in the city.", "Hallerby residents"),
        ("Some critics say the plan will fail within a year.", "critics"),
        # the parser makes "letting" the root: the opening words still name the group
        (
            "Commercial letting agents say that inquiries for city-centre units have slowed.",
            "commercial letting agents",
        ),
        # a day is no part of who spoke
        ("Yesterday officials said the plan was dead.", "officials"),
    ],
)
def test_a_group_speaker_is_named_as_the_text_writes_it(text, name):
    """A possessive joins its word and a place keeps its capital: the sample corpus had
    a speaker called "wrenhaven 's councillors"; nor does the group lose the words the
    parser misreads ("agents" for "Commercial letting agents")."""
    speakers = {c.speaker for c in argmap.extract_text(text) if c.speaker_kind == "group"}
    assert name in speakers, speakers
