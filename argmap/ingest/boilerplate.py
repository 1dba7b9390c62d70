"""Conservative, line-level web boilerplate removal, data-driven and explained.

Nothing is rewritten: every block (paragraph) of a :class:`~argmap.ingest.layout.Draft`
gets a role (``headline``, ``body``, ``heading``, ``boilerplate``) and, for anything that
is not body, a reason. The patterns live in one table, :data:`PATTERNS`; each matches a
*whole* block (after collapsing whitespace) and only blocks up to ``max_words`` long, so
a real paragraph that merely mentions a newsletter or a photo is kept.

Beyond the table, a few rules need context: the headline and its repeated copies, the
blocks of an investment-tip box (``Buy:``/``Sell:``/``Rationale:``/``Key Risk:`` lines
and the labels above them), link lists under a ``Further reading:`` header, tag lists in
the header zone, and subheadings (short, title-ish, unpunctuated lines standing alone).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.ingest.layout import Block, Draft
from argmap.records import Region


@dataclass(frozen=True, slots=True)
class Pattern:
    """A block that matches ``regex`` (in full, case-insensitively) and has at most
    ``max_words`` words is boilerplate because of ``reason``."""

    reason: str
    regex: re.Pattern[str]
    max_words: int = 12


def _p(reason: str, pattern: str, max_words: int = 12) -> Pattern:
    return Pattern(reason, re.compile(pattern, re.IGNORECASE), max_words)


_SOCIAL = (
    r"(?:x|twitter|facebook|linkedin|whatsapp|reddit|e-?mail|telegram|bluesky|"
    r"threads|pinterest|flipboard|mastodon|messenger)"
)
_AGENCY = (
    r"(?:getty(?: images)?|shutterstock|reuters|ap(?: photo)?|afp(?: via getty images)?|bloomberg"
    r"|alamy|istock(?:photo)?|epa(?:-efe)?|unsplash|pexels|dreamstime|adobe ?stock|nurphoto"
    r"|sopa images|xinhua|pa(?: images| wire| media)?|anadolu|dpa|imago|"
    r"zuma(?: press)?|wikimedia commons)"
)

#: The table: (reason, whole-block pattern, longest block it may remove, in words).
PATTERNS: tuple[Pattern, ...] = (
    _p(
        "advertisement",
        r"(?:advertisement|advertisment|advert|ads?|sponsored(?: content)?|paid content"
        r"|promoted(?: content)?|partner content|(?:story|"
        r"article) continues below(?: this ad| advertisement)?"
        r"|continue reading(?: the main story| below)?|scroll to continue(?: with content)?"
        r"|this is an advertisement)[.:]?",
    ),
    _p(
        "image credit",
        r"(?:image copyright|enlarge this image|toggle caption|hide caption|photographer\s*:)"
        r".{0,300}",
        60,
    ),
    _p(
        "image credit",
        r"(?:image|images|photo|photos|photograph|picture|pictures|illustration|video"
        r"|graphic|credit|credits|main image|featured image|top image|cover image|file photo"
        r"|photo illustration)(?: credits?)?\s*[:|©]\s*.{1,200}",
        25,
    ),
    _p("image credit", r".{1,200}\s[/|]\s*" + _AGENCY + r"(?:\s*[/|]\s*.{1,40})?\.?\)?", 30),
    _p(
        "image credit",
        r"(?:photo|image|picture|illustration|photograph)s?\s+(?:by|courtesy of|via|"
        r"from)\s+.{1,150}",
        20,
    ),
    _p(
        "image credit",
        r".{0,300}\((?:photo|image|picture|illustration|credit|pictured)s?\b[^)]{0,120}\)\.?",
        50,
    ),
    _p("image credit", _AGENCY + r"(?:\s*/\s*.{1,60})?\.?"),
    _p("image credit", r"(?:©|\(c\))\s*(?:\d{4}\s*)?" + _AGENCY + r".{0,60}"),
    _p(
        "newsletter prompt",
        r".{0,200}\b(?:subscribe|sign up|signup|join|get)\b.{0,80}\b(?:newsletters?|"
        r"mailing list|inbox)\b.{0,200}",
        40,
    ),
    _p(
        "newsletter prompt",
        r".{0,100}\bnewsletters?\b.{0,80}\b(?:subscribe|sign up|inbox|delivered)\b.{0,200}",
        40,
    ),
    _p("newsletter prompt", r"no spam\b.{0,80}|.{0,80}\bunsubscribe (?:at )?any ?time\.?", 15),
    _p(
        "newsletter prompt",
        r"get the latest (?:insights|news|updates|stories|headlines|articles)\b.{0,120}",
        25,
    ),
    _p(
        "newsletter prompt",
        r"(?:sign up|subscribe)(?: now| today| here| for free| free)?\b.{0,150}",
        25,
    ),
    _p(
        "membership appeal",
        r".{0,80}\b(?:is|are) (?:independent|free to read|reader-funded|reader-supported|"
        r"funded by (?:its|our) readers)\b.{0,200}",
        35,
    ),
    _p(
        "newsletter prompt",
        r"(?:already a subscriber|become a (?:member|subscriber)|support (?:our|local|"
        r"independent|quality) journalism"
        r"|enter your e-?mail(?: address)?|your e-?mail(?: address)?|"
        r"thanks? for (?:reading|subscribing|signing up)"
        r"|you(?:'|’)re (?:all )?(?:signed up|subscribed))\b.{0,150}",
        25,
    ),
    _p(
        "share prompt",
        r"(?:share|share this(?: article| story| post| page)?|share (?:on|via|to) "
        + _SOCIAL
        + r"|tweet(?: this)?|e-?mail(?: this)?(?: article)?|print(?: this)?(?: article|"
        r" page)?|copy(?: the)? link"
        r"|link copied|share (?:article|story)|click to share.{0,40}|save(?: article|"
        r" for later)?|gift (?:this )?article)[.:!]?",
    ),
    _p("share prompt", r"(?:(?:" + _SOCIAL + r"|print|copy link|share|save)[\s|·•,/]*){2,}"),
    _p(
        "share prompt",
        r"(?:follow|like) (?:us|me|.{1,30}) on (?:"
        + _SOCIAL
        + r"|instagram|google news|youtube|tiktok)\b.{0,80}",
        20,
    ),
    _p(
        "read time",
        r"/?\s*\d{1,3}\s*[-–]?\s*(?:min|mins|minute|minutes)\.?(?: read(?:ing)?| reading time)?"
        r"(?:\s*[|·•-].{0,60})?",
        15,
    ),
    _p("read time", r"(?:estimated )?reading time\s*:?\s*\d.{0,30}", 10),
    _p(
        "read time",
        r"listen(?: to)?(?: this)?(?: article| story)?(?:\s*[·|:-]?\s*[\d:]+\s*(?:min|"
        r"mins|minutes)?)?",
    ),
    _p(
        "link list",
        r"(?:read more|read also|also read|read next|read this next|more reading|further reading"
        r"|related|related (?:articles|stories|posts|content|coverage|reading|topics|"
        r"news|links)|see also"
        r"|recommended(?: for you| reading| stories| articles)?|you (?:may|"
        r"might) also (?:like|be interested in)"
        r"|most (?:read|popular|viewed)|trending(?: now| stories)?|what to read next|"
        r"latest (?:news|stories|articles)"
        r"|popular (?:now|stories)|top stories|editor(?:'|’)?s picks|more (?:stories|"
        r"news|articles))\s*[:→»>›]*",
    ),
    _p(
        "link list",
        r"(?:read more|related|see also|also read|read also|further reading|more)\s*[:|"
        r"→»›]\s*.{1,200}",
        30,
    ),
    _p("link list", r"more (?:in|from|on|about) [^.!?,;]{1,50}", 6),
    _p("link list", r"(?:see|view) (?:all|more)\b[^.!?]{0,80}", 10),
    _p("back link", r"(?:←|⟵|<<?|«|‹)\s*(?:back|return|go back|home)\b.{0,60}"),
    _p(
        "back link",
        r"(?:back|return) to (?:top|home|homepage|the homepage|insights|articles|blog|"
        r"news|[^.,!?]{1,30})\s*[→↑]?",
        5,
    ),
    _p("link list", r"(?:sources|references|citations|links)\s*:?", 2),
    _p("reference list", r"\[\d{1,3}\]\s*\S.{0,200}", 30),
    _p(
        "link list",
        r"read (?:it |more |the full (?:story|article) )?(?:on|at) [^.!?]{1,60}(?:→|›|»).{0,200}",
        30,
    ),
    _p(
        "tag list",
        r"(?:tags?|topics?|filed under|categories|category|keywords|labels)\s*[:|]\s*.{0,300}",
        40,
    ),
    _p(
        "summary label",
        r"(?:tl;?\s?dr|tl,\s?dr|key (?:points|takeaways|facts)|takeaways|in brief|"
        r"in short|at a glance"
        r"|highlights|summary|quick take|quick read|the big picture|the bottom line|"
        r"bottom line)\s*:?",
        4,
    ),
    _p("powered by", r"powered by\b.{0,40}", 6),
    _p(
        "copyright",
        r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}).{0,150}|"
        r".{0,150}\ball rights reserved\.?",
        25,
    ),
    _p("disclaimer", r"(?:disclaimer|disclosure)\s*:.{0,1200}", 200),
    _p("disclaimer", r".{0,200}\bnot (?:financial|investment) advice\b.{0,300}", 60),
    _p(
        "syndication note",
        r"this (?:article|story|post) (?:was )?(?:originally |first )?(?:appeared|published|ran)"
        r" (?:on|in)\b.{0,150}",
        30,
    ),
    _p("app prompt", r"(?:download|get|open in) (?:the|our)? ?(?:app|.{1,30} app)\b.{0,80}", 15),
    _p(
        "navigation",
        r"(?:skip to (?:main )?content|skip navigation|jump to (?:content|navigation)|"
        r"toggle navigation"
        r"|menu|search|close|log ?in|sign ?in|register|open in app|loading\.*|"
        r"\d*\s*comments?|view comments"
        r"|leave a comment|post a comment|cookie (?:settings|preferences|policy)|"
        r"accept (?:all )?cookies"
        r"|privacy policy|terms of (?:use|service)|contact us|about us|"
        r"advertise with us|top of page|cancel"
        r"|(?:next|previous|prev) (?:article|story|post)|click here\b.{0,100})[.:]?",
        20,
    ),
)

# Investment-tip boxes ("Buy: ... Rationale: ...", "Key Risk: ...").
_TIP = re.compile(
    r"^(?:buy|sell|hold|short|rationale|key risks?|risks?|catalysts?|price target|target price"
    r"|entry(?: point)?|stop[- ]loss|trade idea|verdict|rating|upside|downside|"
    r"time horizon|thesis)\s*:\s*\S",
    re.IGNORECASE,
)
_TIP_ACTION = re.compile(r"^(?:buy|sell|hold|short)\s*:", re.IGNORECASE)

# A header that opens a list of links: the short lines after it are links too.
_LIST_HEADER = re.compile(
    r"^(?:read more|related(?: \w+)?|further reading|see also|sources|references|"
    r"citations|more (?:in|from|on|about|stories|news)\b.*"
    r"|recommended.*|you (?:may|might) also.*|most (?:read|popular|viewed)|trending.*|read next"
    r"|what to read next|latest (?:news|stories|articles)|top stories)\s*[:→»>›]*$",
    re.IGNORECASE,
)

_TERMINAL = re.compile(r"""[.!,;:]["'”’)\]]*$""")
_BULLET = re.compile(r"[•·▪●◦‣∙*–-]\s+")
_QUOTE_START = re.compile(r"""^["“‘'«„]""")


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (easier to read and edit)."""
    return frozenset(text.split())


FUNCTION_WORDS = _words(
    """
        a an the of for to in on at by with from and or but is are was were be been as that this
        its it his her their our your my how why what when who which not no can will would could
        should may might into over after before about than
        """
)


_NON_ALNUM = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Whitespace collapsed, NFKC (for comparing lines, never for offsets)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _key(text: str) -> str:
    """A comparison key: case, punctuation and spacing ignored."""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def match_pattern(line: str) -> str | None:
    """The reason ``line`` (one block) is boilerplate by the table, or None."""
    norm = normalise(line)
    words = len(norm.split())
    for pattern in PATTERNS:
        if words <= pattern.max_words and pattern.regex.fullmatch(norm):
            return pattern.reason
    return None


def looks_like_headline(line: str) -> bool:
    norm = normalise(line)
    words = norm.split()
    if not words or len(words) > 30 or len(norm) > 300:
        return False
    if len(words) > 10 and re.search(r"""\.["”’)]*$""", norm):
        return False  # a sentence, not a headline: headlines rarely end with a full stop
    sentences = len(re.findall(r"[.!?][\"”’)]*\s+[A-Z“\"]", norm))
    return sentences == 0


def is_prose(line: str) -> bool:
    """A real paragraph: a long line, or a sentence of 12+ words."""
    words = len(line.split())
    return words >= 25 or (words >= 12 and bool(re.search(r"""[.!?]["'”’)]*$""", line.strip())))


def classify(draft: Draft) -> list[Region]:
    """Regions for every block of ``draft`` (plus its fixed regions), in text order."""
    text = draft.text
    blocks = draft.blocks
    lines = [text[b.start : b.end] for b in blocks]
    roles: list[str | None] = [b.role for b in blocks]
    reasons: list[str] = [b.reason for b in blocks]

    for i, line in enumerate(lines):
        if roles[i] is None:
            reason = match_pattern(line)
            if reason is not None:
                roles[i], reasons[i] = "boilerplate", reason

    _mark_investment_box(lines, roles, reasons)
    _mark_link_lists(lines, roles, reasons)
    headline = _mark_headline(draft, lines, roles, reasons)
    if headline is not None:
        key = _key(headline)
        for i, line in enumerate(lines):
            if abs(len(line) - len(headline)) > len(headline) // 2 + 10:
                continue
            if roles[i] in (None, "heading") and _key(line) == key:
                roles[i], reasons[i] = "boilerplate", "repeated headline"
    _mark_tag_lists(lines, roles, reasons)
    _mark_headings(blocks, lines, roles, reasons)

    regions = list(draft.fixed)
    for block, role, reason in zip(blocks, roles, reasons, strict=True):
        start = block.start
        role = role or "body"
        if role == "body":
            bullet = _BULLET.match(text, start, block.end)
            while bullet and bullet.end() < block.end:  # "- · item": nested markers
                start = bullet.end()
                bullet = _BULLET.match(text, start, block.end)
        regions.append(Region(start, block.end, role, reason if role != "body" else ""))
    regions.sort(key=lambda r: (r.start, r.end))
    return regions


def header_zone_end(lines: Sequence[str], roles: Sequence[str | None]) -> int:
    """Index of the first prose block that is not boilerplate (the article proper)."""
    for i, line in enumerate(lines):
        if roles[i] in (None, "body") and is_prose(line):
            return i
    return len(lines)


def _mark_headline(
    draft: Draft, lines: list[str], roles: list[str | None], reasons: list[str]
) -> str | None:
    existing = next((lines[i] for i, r in enumerate(roles) if r == "headline"), None)
    if existing is not None:
        return draft.title or existing
    limit = header_zone_end(lines, roles)
    if draft.title:
        key = _key(draft.title)
        for i in range(min(limit + 1, len(lines))):
            if roles[i] in (None, "heading") and _key(lines[i]) == key:
                roles[i], reasons[i] = "headline", "title"
                break
        return draft.title
    if not draft.first_line_headline:
        return None
    for i, line in enumerate(lines):
        if roles[i] is None:
            if looks_like_headline(line):
                roles[i], reasons[i] = "headline", "first line"
                return line
            return None
    return None


def _mark_investment_box(lines: list[str], roles: list[str | None], reasons: list[str]) -> None:
    tips = [i for i, line in enumerate(lines) if _TIP.match(line.strip())]
    if len(tips) < 2 or not any(_TIP_ACTION.match(lines[i].strip()) for i in tips):
        return
    for i in tips:
        roles[i], reasons[i] = "boilerplate", "investment tip"
    tip_set = set(tips)
    for i, line in enumerate(lines):
        if roles[i] is not None or i + 1 >= len(lines):
            continue
        short = len(line.split()) <= 12 and not _TERMINAL.search(line.strip())
        # a label sits right above a Buy/Sell line, or between two lines of the box
        if short and (
            (i + 1 in tip_set and _TIP_ACTION.match(lines[i + 1].strip()))
            or (i - 1 in tip_set and i + 1 in tip_set)
        ):
            roles[i], reasons[i] = "boilerplate", "investment tip label"


def _mark_link_lists(lines: list[str], roles: list[str | None], reasons: list[str]) -> None:
    in_list = False
    for i, line in enumerate(lines):
        if _LIST_HEADER.match(normalise(line)):
            in_list = True
            continue
        if not in_list:
            continue
        if roles[i] is not None and roles[i] != "boilerplate":
            in_list = False
            continue
        if roles[i] is None:
            if len(line.split()) <= 16 and not re.search(r"[.!]$", line.strip()):
                roles[i], reasons[i] = "boilerplate", "link list"
            else:
                in_list = False


def _mark_tag_lists(lines: list[str], roles: list[str | None], reasons: list[str]) -> None:
    end = header_zone_end(lines, roles)
    for i in range(end):
        if roles[i] is not None:
            continue
        tokens = normalise(lines[i]).split()
        if len(tokens) < 5 or re.search(r"""[.,:;!?"“”()]""", lines[i]):
            continue
        if all(
            (t[0].isupper() or t[0].isdigit() or t in "&+|#") and t.casefold() not in FUNCTION_WORDS
            for t in tokens
        ):
            roles[i], reasons[i] = "boilerplate", "tag list"


def _mark_headings(
    blocks: list[Block], lines: list[str], roles: list[str | None], reasons: list[str]
) -> None:
    for i, line in enumerate(lines):
        if roles[i] is not None:
            continue
        norm = normalise(line)
        words = norm.split()
        if not words or len(words) > 12 or len(norm) > 100:
            continue
        if _TERMINAL.search(norm) or _BULLET.match(norm) or _QUOTE_START.match(norm):
            continue
        if not (norm[0].isupper() or norm[0].isdigit()):
            continue
        if norm.endswith(("”", '"', "’")):
            continue
        block = blocks[i]
        alone = block.blank_before and block.blank_after
        if not alone:
            prev_long = i > 0 and len(lines[i - 1].split()) >= 15
            next_long = i + 1 < len(lines) and len(lines[i + 1].split()) >= 15
            alone = prev_long and next_long
        if alone and any(
            roles[j] in (None, "body") and is_prose(lines[j]) for j in range(i + 1, len(lines))
        ):
            roles[i], reasons[i] = "heading", "subheading"
