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


def measure(text: str, channel: str) -> int:
    if channel == "twitter":
        return parse_tweet(_LEADING_HANDLES.sub("", text)).weightedLength
    return len(text)


def find_too_long(text: str, book: Rulebook, context: Context) -> list[Finding]:
    findings: list[Finding] = []
    for rule in book.of_kind("length"):
        limit = rule.limits.get(context.channel)
        if limit is None or not context.wants(rule):
            continue
        length = measure(text, context.channel)
        if length > limit:
            findings.append(Finding(
                rule=rule.id, category=rule.category, severity=rule.severity,
                message=render(rule.message, {"length": length, "limit": limit, "over": length - limit}),
                offset=0, length=0, text="", scope="reply",
            ))
    return findings
