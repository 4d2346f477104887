"""Replies longer than the channel allows.

X counts a post by its weighted length (an emoji or a CJK character counts two, a link 23),
so the ``twitter`` limit uses the twitter-text library's count; the @handles that open a
reply are not counted, as X does not count them. Other channels count characters.
"""
from __future__ import annotations

import re

from twitter_text import parse_tweet

from ..context import Context
from ..findings import Finding
from ..rulebook import Rulebook
from ..suggest import render

_LEADING_HANDLES = re.compile(r"^\s*(?:@\w+\s+)+")
_PIECE = 500


def measure(text: str, channel: str) -> int:
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
            findings.append(Finding(
                rule=rule.id, category=rule.category, severity=rule.severity,
                message=render(rule.message, {"length": length, "limit": limit, "over": length - limit}),
                offset=0, length=0, text="", scope="reply",
            ))
    return findings
