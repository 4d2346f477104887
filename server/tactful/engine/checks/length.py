"""Replies longer than the channel allows.

X counts a post by its weighted length (an emoji or a CJK character counts two, a link 23),
so the ``twitter`` limit uses the twitter-text library's count; the @handles that open a
reply are not counted, as X does not count them. Other channels count characters.

A reply over the limit is not cut by Tactful (what to move is the agent's call, and the
detail must still reach the customer): the finding marks the sentences that do not fit,
from the first one that runs over to the sign-off, and the message says to move them to a
DM. Suggestions that would take a reply over the limit are not offered (``fixes.py``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from twitter_text import parse_tweet

from ..context import Context
from ..findings import Finding
from ..layout import closing, opening
from ..rulebook import Rulebook
from ..sentences import sentence_spans
from ..suggest import render

_LEADING_HANDLES = re.compile(r"^\s*(?:@\w+\s+)+")
_PIECE = 500


@lru_cache(maxsize=32)
def measure(text: str, channel: str) -> int:
    """The length X (or another channel) counts; cached, as a check asks about one reply
    several times (the limit, the part over it, each suggestion's effect)."""
    if channel == "twitter":
        return sum(parse_tweet(piece).weightedLength for piece in _pieces(_LEADING_HANDLES.sub("", text)))
    return len(text)


def _pieces(text: str, size: int = _PIECE) -> list[str]:
    """``text`` cut at white space into pieces of at most ``size`` characters.

    twitter-text's link finder takes quadratic time on long runs without spaces (20,000
    accented letters take about 30 s). Weighted length adds up across white space, since
    neither links nor emoji contain any; a run longer than ``size`` with no space at all is
    cut where it stands, which can only split a link no real reply contains.
    """
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind(" ", 0, size) + 1 or max((text.rfind(c, 0, size) + 1 for c in "\n\t"), default=0) or size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def surely_within(text: str, limit: int) -> bool:
    """A cheap upper bound on X's weighted length says the text fits, no parsing needed.

    A character weighs 1 up to U+10FF and at most 2 beyond; a link weighs 23 whatever its
    length, and every link X recognises has a dot. Most replies fit by this bound alone,
    which saves twitter-text's emoji scan (about 2 ms for a 150-character reply).
    """
    body = _LEADING_HANDLES.sub("", text)
    wide = sum(1 for char in body if char > "\u10ff")
    return len(body) + wide + 23 * (body.count(".") + body.count("。")) <= limit


def limit_for(book: Rulebook, context: Context) -> int | None:
    """The tightest length limit a wanted rule sets for the context's channel."""
    limits = [rule.limits[context.channel] for rule in book.of_kind("length")
              if context.channel in rule.limits and context.wants(rule)]
    return min(limits, default=None)


def _overflow(text: str, book: Rulebook, channel: str, limit: int) -> tuple[int, int]:
    """From the first sentence that no longer fits to the end of the body (before a sign-off).

    Lengths add up sentence by sentence (each ends at white space), so the reply is measured
    once, not once per sentence.
    """
    end = closing(text, book.signoffs)
    spans = sentence_spans(text, opening(text, book.greetings), end) or [(0, end)]
    if len(spans) == 1:
        return spans[0][0], end
    room = limit - measure(text[end:], channel)
    used, previous = 0, 0
    for start, stop in spans:
        used += measure(text[previous:stop], channel)
        previous = stop
        if used > room and start > spans[0][0]:
            return start, end
    return spans[0][0], end


def find_too_long(text: str, book: Rulebook, context: Context) -> list[Finding]:
    findings: list[Finding] = []
    for rule in book.of_kind("length"):
        limit = rule.limits.get(context.channel)
        if limit is None or not context.wants(rule):
            continue
        if context.channel == "twitter" and surely_within(text, limit):
            continue
        length = measure(text, context.channel)
        if length > limit:
            start, end = _overflow(text, book, context.channel, limit)
            findings.append(Finding(
                rule=rule.id, category=rule.category, severity=rule.severity,
                message=render(book.spelling.respell(rule.message, context.dialect),
                               {"length": length, "limit": limit, "over": length - limit}),
                offset=start, length=end - start, text=text[start:end],
            ))
    return findings
