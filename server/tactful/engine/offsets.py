"""Code points for Python, UTF-16 code units for JavaScript.

A browser counts an emoji such as 😊 as two units; Python counts it as one. Findings are
computed in code points and converted at the API's edge so both kinds of client can slice
the reply exactly.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable


def utf16_converter(text: str) -> Callable[[int], int]:
    """A function mapping a code-point offset in ``text`` to its UTF-16 offset."""
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return lambda offset: offset
    astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
    return lambda offset: offset + bisect_left(astral, offset)


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds half of a surrogate pair (a half-typed emoji)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
