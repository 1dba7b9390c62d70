"""Duplicates: syndicated copies are found, same-story articles are not copies."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from argmap.ingest import load_corpus
from argmap.ingest.dedup import CONTAINMENT, containment, shingles

QUOTE_A = (
    "“We have no other way to the mainland, and now we are being asked to pay a fifth more "
    "for the privilege,” said councillor Lee Marr."
)
QUOTE_B = (
    "“Fuel has doubled since we signed these contracts, and no operator can absorb that "
    "forever,” said Priya Anand, the authority's chief executive."
)
ORIGINAL = [
    "The harbour authority said on Monday that ferry fares to the northern isles would rise by "
    "a fifth from March, the largest increase since the service was nationalised.",
    QUOTE_B,
    "The authority said the increase would raise about four million a year and that season "
    "tickets held by commuters would be frozen until the summer timetable begins.",
    "Island councillors reacted with anger, saying the rise would fall hardest on families "
    "who depend on the crossing for work, school and hospital appointments.",
    QUOTE_A,
    "Marr said the council would ask the regional government for an emergency subsidy and "
    "would consider a legal challenge if the authority refused to consult islanders first.",
    "The operator's accounts show that fuel made up a third of its costs last year, up from a "
    "sixth in the year the current contracts were signed.",
    "A spokesperson for the regional government said ministers were studying the proposal and "
    "would respond before the end of the month.",
    "Tourism businesses on the islands warned that visitors could stay away, pointing to a "
    "fall in bookings after a smaller increase two years ago.",
    "The new fares will be published on the authority's website next week.",
]
# Another outlet's own report on the same story: same facts, same two quotes, new prose.
SAME_STORY = [
    "Ferry passengers to the northern isles face a twenty per cent fare increase from March "
    "after the harbour authority blamed soaring fuel bills.",
    QUOTE_A,
    "Residents of the islands, many of whom commute daily, told the Courier they were already "
    "struggling with the cost of living and could not absorb another rise.",
    QUOTE_B,
    "Anand said the authority had cut costs elsewhere, including management salaries, before "
    "deciding that the fares had to go up.",
    "Opposition members of the regional assembly called for the increase to be paused while an "
    "independent review looks at how the service is funded.",
    "Commuters with season tickets will not see a change until the summer, the authority said, "
    "and the new fares will be published on its website next week.",
]


def article(headline: str, paragraphs: list[str], *extra_lines: str) -> str:
    return "\n\n".join([headline, *extra_lines, *paragraphs]) + "\n"


VARIANTS = {
    "exact copy": article("Ferry fares to rise by a fifth", ORIGINAL),
    "different boilerplate": article(
        "Ferry fares to rise by a fifth",
        [*ORIGINAL[:5], "ADVERTISEMENT", *ORIGINAL[5:]],
        "/3 min read",
        "Share this article",
        "Photo: Jo Park / Reuters",
    ),
    "different headline wording": article("Island ferry fares jump 20% on fuel", ORIGINAL),
    "dateline added": article(
        "Ferry fares to rise by a fifth",
        ["KIRKWALL, March 2 (Islands Wire) - " + ORIGINAL[0], *ORIGINAL[1:]],
    ),
    "trimmed paragraph": article("Ferry fares to rise by a fifth", ORIGINAL[:-2]),
    "edited words": article(
        "Ferry fares to rise by a fifth",
        [p.replace("said", "says").replace("northern isles", "Northern Isles") for p in ORIGINAL],
    ),
}


def write_corpus(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_syndicated_copies_are_duplicates_of_the_first(tmp_path: Path, variant: str) -> None:
    write_corpus(tmp_path, {"a_original.txt": article("Fares rise", ORIGINAL),
                            "b_copy.txt": VARIANTS[variant]})  # fmt: skip
    first, copy = load_corpus(tmp_path).articles
    assert first.duplicate_of is None
    assert copy.duplicate_of == first.id


def test_same_story_articles_sharing_quotes_are_not_copies(tmp_path: Path) -> None:
    write_corpus(tmp_path, {"a.txt": article("Fares rise", ORIGINAL),
                            "b.txt": article("Islanders face fare rise", SAME_STORY)})  # fmt: skip
    corpus = load_corpus(tmp_path)
    assert [a.duplicate_of for a in corpus.articles] == [None, None]
    a, b = (shingles("\n".join(p)) for p in (ORIGINAL, SAME_STORY))
    assert containment(a, b) < CONTAINMENT / 2  # a wide margin, not a near miss


def test_an_excerpt_inside_a_longer_article_is_not_a_copy(tmp_path: Path) -> None:
    longer = ORIGINAL + SAME_STORY + [p.replace("the", "a") for p in SAME_STORY]
    write_corpus(tmp_path, {"a.txt": article("Fares", ORIGINAL[:4]),
                            "b.txt": article("Analysis", longer)})  # fmt: skip
    assert [a.duplicate_of for a in load_corpus(tmp_path).articles] == [None, None]


def test_first_is_the_earliest_published_then_the_sorted_path(tmp_path: Path) -> None:
    body = "\n".join(ORIGINAL)
    rows = {
        "z_early.md": f"---\ndate: 2026-03-01\n---\n{body}\n",
        "a_late.md": f"---\ndate: 2026-03-05\n---\n{body}\n",
        "b_undated.md": f"{body}\n",
        "c_undated.md": f"{body}\n",
    }
    write_corpus(tmp_path, rows)
    corpus = load_corpus(tmp_path)
    by_path = {a.path: a for a in corpus.articles}
    first = by_path["z_early.md"].id
    assert by_path["z_early.md"].duplicate_of is None
    assert {p: a.duplicate_of for p, a in by_path.items() if p != "z_early.md"} == {
        "a_late.md": first,
        "b_undated.md": first,
        "c_undated.md": first,
    }
    assert [a.path for a in corpus.independent_articles] == ["z_early.md"]


def test_duplicates_in_json_lines(tmp_path: Path) -> None:
    rows = [{"title": "Fares", "text": "\n".join(ORIGINAL)},
            {"title": "Other", "text": "\n".join(SAME_STORY)},
            {"title": "Fares (wire)", "text": "\n".join(ORIGINAL[:-1])}]  # fmt: skip
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    corpus = load_corpus(tmp_path)
    assert [a.duplicate_of for a in corpus.articles] == [None, None, corpus.articles[0].id]


def test_many_articles_stay_fast_and_find_every_planted_copy(tmp_path: Path) -> None:
    words = [
        "harbour",
        "ferry",
        "island",
        "council",
        "fuel",
        "fare",
        "season",
        "ticket",
        "commuter",
        "subsidy",
        "tourism",
        "authority",
        "minister",
        "budget",
        "crossing",
    ]
    rows = []
    for i in range(2000):
        rng = random.Random(i)  # seeded: the same texts every run
        picks = [rng.choice(words) + str(rng.randrange(1000)) for _ in range(60)]
        text = " ".join(
            f"The {picks[k]} said that the {picks[k + 1]} would be in the {picks[k + 2]}."
            for k in range(0, 57, 3)
        )
        rows.append({"title": f"t{i}", "text": text})
    for i in range(0, 2000, 100):
        rows.append({"title": f"copy of {i}", "text": rows[i]["text"] + " extra words at the end"})
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    started = time.perf_counter()
    corpus = load_corpus(tmp_path)
    elapsed = time.perf_counter() - started
    assert corpus.failures == ()
    copies = [a for a in corpus.articles if a.duplicate_of]
    assert len(copies) == 20
    assert all(c.duplicate_of == corpus.articles[int(c.title.split()[-1])].id for c in copies)
    assert elapsed < 30
