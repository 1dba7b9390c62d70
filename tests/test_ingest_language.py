"""The function-word language check: English passes (short texts too), others do not."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from argmap.ingest.language import detect_language

ENGLISH = [
    "The council voted on Tuesday to fund the harbour tunnel, ending a debate that has divided "
    "residents for a decade, and the mayor said it was the right decision for the city.",
    "Fares rise.",  # too short to judge: passes
    "Ferry Fares Rise By A Fifth As Fuel Costs Bite",  # a headline
    "“Nous ne paierons pas,” said Lee Marr, quoting the islanders' French motto, before the "
    "council voted against the increase and asked the authority to think again about it.",
    "Priya Anand, Lee Marr, Sam Reyes and Jo Park met in Kirkwall and Stromness on Monday to "
    "discuss the fares with the authority, which said it would publish the tables next week.",
]
OTHER = [
    ("fr", "Le conseil municipal a voté mardi pour financer le tunnel du port, mettant fin à un "
           "débat qui divise les habitants depuis dix ans, et le maire a dit que c'était juste."),
    ("de", "Der Stadtrat hat am Dienstag beschlossen, den Hafentunnel zu finanzieren, und damit "
           "eine Debatte beendet, die die Bewohner seit zehn Jahren gespalten hat, sagte er."),
    ("es", "El consejo municipal votó el martes para financiar el túnel del puerto, poniendo fin "
           "a un debate que ha dividido a los vecinos durante una década, dijo el alcalde."),
    ("it", "Il consiglio comunale ha votato martedì per finanziare il tunnel del porto, che è "
           "stato al centro di un dibattito che divide i residenti da dieci anni, ha detto."),
    ("cyrillic", "Городской совет во вторник проголосовал за финансирование туннеля в гавани."),
    ("cjk", "市议会周二投票决定为港口隧道提供资金，结束了一场持续十年的争论。"),
    ("unknown", "Dewan kota memilih pada hari Selasa untuk mendanai terowongan pelabuhan, "
                "mengakhiri perdebatan yang telah memecah belah warga selama satu dekade ini."),
]  # fmt: skip


@pytest.mark.parametrize("text", ENGLISH)
def test_english_passes(text: str) -> None:
    assert detect_language(text).is_english


@pytest.mark.parametrize(("language", "text"), OTHER)
def test_other_languages_fail(language: str, text: str) -> None:
    guess = detect_language(text)
    assert not guess.is_english
    assert guess.language == language
    assert guess.describe()


BENCH = Path(__file__).resolve().parents[2] / "shared/bench/news-scale/articles.jsonl.gz"


@pytest.mark.shared
@pytest.mark.skipif(not BENCH.exists(), reason="../shared/bench is not present")
def test_no_false_positives_on_500_bench_articles() -> None:
    texts = []
    with gzip.open(BENCH, "rt", encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) == 500:
                break
    rejected = [t[:80] for t in texts if not detect_language(t).is_english]
    assert rejected == []
    shares = sorted(detect_language(t).english_score for t in texts if len(t.split()) >= 20)
    assert shares[0] > 0.15  # far above the 0.08 floor
