"""Code points for Python, UTF-16 code units for JavaScript.

A browser counts an emoji such as 😊 as two units; Python counts it as one. Findings are
computed in code points and converted at the API's edge so both kinds of client can slice
the reply exactly.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_converter(text: str) -> Callable[[int], int]:
    """A function mapping a code-point offset in ``text`` to its UTF-16 offset."""
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return lambda offset: offset
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    return lambda offset: offset + bisect_left(astral, offset)


def codepoint_converter(text: str) -> Callable[[int], int]:
    """Return a function from a UTF-16 offset into ``text`` to the code-point offset.

    Offsets past the end clamp to ``len(text)``; one that falls inside a surrogate pair maps
    to the character it belongs to.
    """
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return lambda unit: min(unit, len(text))
    positions: list[int] = []
    for index, char in enumerate(text):
        positions.append(index)
        if ord(char) > 0xFFFF:
            positions.append(index)
    positions.append(len(text))
    return lambda unit: positions[min(unit, len(positions) - 1)]


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds half of a surrogate pair (a half-typed emoji)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
