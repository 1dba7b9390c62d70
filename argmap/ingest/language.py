"""A dependency-free check that an article is in English.

Function words make up a large, stable share of running text in every language
(roughly 40-55% of English tokens are among the ~130 below), and the lists of different
languages barely overlap. :func:`detect_language` counts, for English and seven other
languages written in Latin script, the share of an article's tokens that are that
language's function words, and reports the best; text mostly in a non-Latin script is
reported by script. Texts with fewer than ``min_words`` words are never judged
non-English (a headline-only article passes).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (easier to read and edit)."""
    return frozenset(text.split())


FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        """
            the of and to a in that is was he for it with as his on be at by i this had not are but
            from or have an they which one you were her all she there would their we him been has
            when who will more no if out so said what up its about into than them can only other new
            some could time these two may then do first any my now such like our over man me even
            most made after also did many before must through back years where much your way well
            down should because each just those people how too little state good very make world
            still own see men work long get here between both life being under never day same
            another know while last might us great old year off come since against go came right
            used take three it's does however says say told according percent
            """
    ),
    "de": _words(
        """
            der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es
            an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen
            so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei
            """
    ),
    "fr": _words(
        """
            de la le et les des en un du une que est pour qui dans par plus pas au sur ne se ce il
            sont avec son elle mais nous comme ou si leur y dont où été aux cette ces ses même être
            fait tout
            """
    ),
    "es": _words(
        """
            de la que el en y los del se las por un para con no una su al lo como más pero sus le ya
            o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde
            todo nos durante
            """
    ),
    "it": _words(
        """
            di e il la che è per un in del non una le si sono della con i da al lo gli nel anche più
            come ma alla dei ha delle questo se ci nella era essere sul tra cui stato
            """
    ),
    "pt": _words(
        """
            de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao
            ele das tem à seu sua ou ser quando muito há nos já está também pelo pela
            """
    ),
    "nl": _words(
        """
            de en van het een in is dat op te zijn met voor niet aan er die ook als bij door maar om
            dan nog wel naar uit worden kan deze werd heeft wordt
            """
    ),
    "sv": _words(
        """
            och i att det som en på är av för med till den har de inte om ett han men var jag sig
            från vi så kan man när år sin nu under också efter
            """
    ),
}


#: Below this share of English function words a text of ``min_words`` or more is not
#: English prose (English news text measures 0.3 to 0.55; see docs/ingestion.md).
MIN_ENGLISH_SHARE = 0.08


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # ISO 639-1 code, "und" (undetermined) or a script name ("cyrillic", ...)
    score: float  # share of tokens that are the language's function words (or script share)
    words: int
    english_score: float

    @property
    def is_english(self) -> bool:
        return self.language in ("en", "und")

    def describe(self) -> str:
        names = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                 "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish"}  # fmt: skip
        if self.language in names:
            return (
                f"looks {names[self.language]} ({self.score:.0%} {self.language} function words"
                f" vs {self.english_score:.0%} English)"
            )
        if self.language == "unknown":
            return f"does not look English (only {self.english_score:.0%} English function words)"
        return f"is mostly in {self.language} script, not English"


_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff]")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cyrillic", re.compile(r"[\u0400-\u052f]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("cjk", re.compile(r"[\u3040-\u9fff\uac00-\ud7af]")),
)


def _script_share(text: str) -> tuple[str, float]:
    """The dominant script of ``text`` and its share of the letters."""
    ascii_chars = len(text.encode("ascii", "ignore"))
    if (len(text) - ascii_chars) * 4 < len(text):
        return "latin", 1.0  # at most a quarter non-ASCII: Latin script dominates
    text = text[:20000]
    letters = len(_LETTER.findall(text))
    if not letters:
        return "latin", 1.0
    latin = len(_LATIN.findall(text))
    if latin / letters >= 0.5:
        return "latin", latin / letters
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS}
    best = max(sorted(counts), key=lambda k: counts[k])
    if counts[best] == 0:
        return "other", 1 - latin / letters
    return best, counts[best] / letters


def detect_language(text: str, *, min_words: int = 20) -> LanguageGuess:
    """Guess the language of ``text`` from function-word shares (see module docs)."""
    script, share = _script_share(text)
    tokens = _WORD.findall(text[:40000])
    if script != "latin":
        return LanguageGuess(script, share, len(tokens), 0.0)
    if len(tokens) < min_words:
        return LanguageGuess("und", 0.0, len(tokens), 0.0)
    counts = Counter(t.lower().replace("’", "'") for t in tokens)
    scores = {
        lang: sum(n for w, n in counts.items() if w in words) / len(tokens)
        for lang, words in FUNCTION_WORDS.items()
    }
    english = scores["en"]
    others = sorted((k for k in scores if k != "en"), key=lambda k: (-scores[k], k))
    rival = others[0]
    # English wins ties and near-ties: English texts quoting foreign names must pass.
    if english < 0.2 and scores[rival] >= 0.08 and scores[rival] > english * 1.25:
        return LanguageGuess(rival, scores[rival], len(tokens), english)
    if english < MIN_ENGLISH_SHARE:
        return LanguageGuess("unknown", english, len(tokens), english)
    return LanguageGuess("en", english, len(tokens), english)
