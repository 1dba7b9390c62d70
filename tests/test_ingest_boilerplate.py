"""Boilerplate removal: the pattern table line by line, the context rules, golden pages."""

from __future__ import annotations

import pytest

from argmap.ingest import build_article
from argmap.ingest.boilerplate import PATTERNS, match_pattern
from argmap.ingest.layout import Draft, split_blocks
from argmap.records import Article

MUST_REMOVE = [
    ("ADVERTISEMENT", "advertisement"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("\u00a0Credits: Shutterstock", "image credit"),
    ("Photo: Lee Marr for the Island Courier", "image credit"),
    ("Image: A ferry leaves the harbour at dawn / Getty", "image credit"),
    ("The ferry leaves the harbour at dawn. (Photo by Jo Park/Getty Images)", "image credit"),
    ("Photo by Sam Reyes on Unsplash", "image credit"),
    ("Getty Images", "image credit"),
    ("Image copyright Getty Images Image caption Islanders at the pier", "image credit"),
    ("Enlarge this image toggle caption Jo Park/AP Jo Park/AP", "image credit"),
    ("subscribe to the newsletter", "newsletter prompt"),
    ("If this was useful, subscribe to the newsletter for weekly insights.", "newsletter prompt"),
    ("Join the newsletter to receive my latest articles on transport.", "newsletter prompt"),
    ("No spam. Unsubscribe anytime.", "newsletter prompt"),
    ("Get the latest insights", "newsletter prompt"),
    ("Sign up for our daily briefing", "newsletter prompt"),
    ("Get our free newsletter delivered to your inbox every morning", "newsletter prompt"),
    ("Share this article", "share prompt"),
    ("Share on X", "share prompt"),
    ("Facebook Twitter LinkedIn Email", "share prompt"),
    ("Follow us on Twitter for more updates", "share prompt"),
    ("/3 min read", "read time"),
    ("4 min read", "read time"),
    ("5 min read · Jun 4, 2026", "read time"),
    ("Reading time: 6 minutes", "read time"),
    ("Read more", "link list"),
    ("Related: Ferry operator posts record profit", "link list"),
    ("Further reading:", "link list"),
    ("More in Transport", "link list"),
    ("See all 5 stories →", "link list"),
    ("Read on Island Courier →", "link list"),
    ("← Back to Insights", "back link"),
    ("Back to top", "back link"),
    ("Tags: ferry, harbour, fares", "tag list"),
    ("TL;DR", "summary label"),
    ("Key takeaways", "summary label"),
    ("powered by", "powered by"),
    ("© 2026 Island Courier. All rights reserved.", "copyright"),
    ("Disclaimer: This is not investment advice.", "disclaimer"),
    ("This article originally appeared on Harbour Weekly.", "syndication note"),
    ("[3] Island Courier, 'Fares rise', 2026", "reference list"),
    ("Skip to main content", "navigation"),
]

MUST_KEEP = [
    "The ferry operator said it would sign up more crews before the summer.",
    "Photo opportunities were rare, the councillor said, because the ferry was always late.",
    "The newsletter of the islanders' association said the increase was unfair.",
    "More in the town are now worried about the cost of the crossing.",
    "Back to the drawing board, the mayor said after the vote.",
    "“Share the burden fairly,” said Lee Marr.",
    "Subscribers to the season ticket will pay the old price until June.",
    "Read the full report, she urged, before judging the plan.",
    "Related fares on the island buses will also rise by a tenth.",
    "Advertisements for the new service will run on local radio.",
    "Key risks include a second fuel shock, the operator warned.",
    "In 4 minutes the ferry can cross the narrows, engineers said.",
]


@pytest.mark.parametrize(("line", "reason"), MUST_REMOVE)
def test_pattern_removes(line: str, reason: str) -> None:
    assert match_pattern(line) == reason


@pytest.mark.parametrize("line", MUST_KEEP)
def test_pattern_keeps_real_sentences(line: str) -> None:
    assert match_pattern(line) is None


def test_every_pattern_has_a_reason_and_a_limit() -> None:
    assert all(p.reason and p.max_words > 0 for p in PATTERNS)


def classify(text: str, *, title: str | None = None) -> Article:
    draft = Draft(
        path="t.txt", format="txt", text=text, blocks=split_blocks(text), title=title,
        first_line_headline=title is None,
    )  # fmt: skip
    result = build_article(draft)
    assert isinstance(result, Article), result
    return result


def roles(article: Article) -> list[tuple[str, str]]:
    return [(r.role, article.text[r.start : r.end]) for r in article.regions]


PARA = (
    "The harbour authority said on Monday that ferry fares would rise by a fifth from March, "
    "blaming fuel costs that have doubled since the contracts were signed."
)
PARA2 = (
    "Island councillors said the increase would fall hardest on families who have no other way "
    "to reach the mainland for work, school or hospital appointments."
)


def test_investment_tip_box_and_its_labels() -> None:
    text = (
        f"Ferry fares to rise\n\n{PARA}\n"
        "Harbour Lines (listed) / fuel hedge play\n\n"
        "Buy: Harbour Lines shares ahead of the fare rise. Rationale: pricing power.\n\n"
        "Key Risk: A subsidy cap that limits the fare rise.\n\n"
        "Island Air (private) / substitution risk\n\n"
        "Sell: exposure to island airlines. Rationale: cheaper ferries win back travellers.\n\n"
        "Key Risk: A ferry strike.\n\n"
        f"{PARA2}\n"
    )
    article = classify(text)
    boiler = [(r.reason, article.text[r.start : r.end][:12]) for r in article.regions
              if r.role == "boilerplate"]  # fmt: skip
    assert boiler == [
        ("investment tip label", "Harbour Line"),
        ("investment tip", "Buy: Harbour"),
        ("investment tip", "Key Risk: A "),
        ("investment tip label", "Island Air ("),
        ("investment tip", "Sell: exposu"),
        ("investment tip", "Key Risk: A "),
    ]
    assert [t for r, t in roles(article) if r == "body"] == [PARA, PARA2]


def test_a_single_risk_line_is_not_an_investment_box() -> None:
    article = classify(f"Ferry fares\n\n{PARA}\n\nRisk: the plan may fail, engineers said.\n")
    assert ("body", "Risk: the plan may fail, engineers said.") in roles(article)


def test_repeated_headline_and_link_list_after_header() -> None:
    text = (
        "Ferry fares to rise by a fifth\n\nFerry Fares To Rise By A Fifth\n\n"
        f"{PARA}\n\n{PARA2}\n\nRelated stories\n\nOperator posts record profit\n\n"
        "Bridge plan back on the table\n"
    )
    article = classify(text)
    got = roles(article)
    assert got[0] == ("headline", "Ferry fares to rise by a fifth")
    assert got[1] == ("boilerplate", "Ferry Fares To Rise By A Fifth")
    assert [r for r, _ in got[4:]] == ["boilerplate"] * 3
    assert [r.reason for r in article.regions[4:]] == ["link list"] * 3


def test_tag_list_in_the_header_zone_only() -> None:
    text = (
        "Ferry fares to rise\n\nJo Park\nHarbour Transport Islands Fuel Prices Council News\n\n"
        f"{PARA}\n"
    )
    article = classify(text)
    assert ("boilerplate", "Harbour Transport Islands Fuel Prices Council News") in roles(article)
    assert [r.reason for r in article.regions if r.role == "boilerplate"] == ["tag list"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("What islanders say", True),
        ("The Verification Problem", True),
        ("Why is the crossing so expensive?", True),
        ("Fares rise.", False),  # punctuated: a sentence
        ("“We will not pay,” she said", False),  # a quote
        ("• Fares rise on 1 March", False),  # a bullet
        ("a lower-case fragment", False),
    ],
)
def test_subheadings_stand_alone(line: str, heading: bool) -> None:
    article = classify(f"Ferry fares to rise\n\n{PARA}\n\n{line}\n\n{PARA2}\n")
    role = next(r for r, t in roles(article) if line.endswith(t) or t == line)
    assert (role == "heading") is heading


def test_short_line_inside_running_text_is_not_a_heading() -> None:
    article = classify(f"Ferry fares to rise\n\n{PARA}\nNot yet\nNot yet again\n\n{PARA2}\n")
    assert ("body", "Not yet") in roles(article)


def test_bullet_marker_is_outside_the_body_region() -> None:
    article = classify(f"Ferry fares\n\n{PARA}\n  • Fares rise on 1 March.\n")
    assert ("body", "Fares rise on 1 March.") in roles(article)


def test_nothing_is_rewritten_and_every_character_is_accounted_for() -> None:
    text = f"Ferry fares\r\n\r\nADVERTISEMENT\r\n{PARA}\r\nShare this article\r\n"
    article = classify(text)
    assert article.text == text
    covered = "".join(text[r.start : r.end] for r in article.regions)
    assert "".join(text.split()) == "".join(covered.split())


# Golden pages in the manner of trafilatura's evaluation: per page, text that must be in
# a body region and text that must not be.
GOLDEN = [
    (
        "Island ferry fares to rise\n/4 min read\nADVERTISEMENT\nPhoto: Lee Marr / Reuters\n"
        f"By Jo Park\nMarch 2, 2026\n{PARA}\nShare on X\n{PARA2}\nRead more\n"
        "Ferry strike called off\nSign up for the Courier morning briefing\n",
        [PARA, PARA2],
        [
            "4 min read",
            "ADVERTISEMENT",
            "Photo:",
            "By Jo Park",
            "March 2",
            "Share on",
            "Read more",
            "Ferry strike",
            "Sign up",
        ],
    ),
    (
        f"← Back to Insights\n\nFerry fares to rise\n\nSam Reyes\n\nTL;DR\n\n{PARA}\n\n"
        f"The Fuel Question\n\n{PARA2}\n\nGet the latest insights\n\n"
        "Join the newsletter to receive my latest articles.\n\nNo spam. Unsubscribe anytime.\n",
        [PARA, PARA2],
        [
            "Back to",
            "Sam Reyes",
            "TL;DR",
            "The Fuel Question",
            "latest insights",
            "newsletter",
            "No spam",
        ],
    ),
]


@pytest.mark.parametrize(("text", "keep", "drop"), GOLDEN)
def test_golden_pages(text: str, keep: list[str], drop: list[str]) -> None:
    article = classify(text)
    body = "\n".join(article.text[r.start : r.end] for r in article.body_regions)
    for wanted in keep:
        assert wanted in body
    for unwanted in drop:
        assert unwanted not in body, unwanted
