"""Map LanguageTool's UTF-16 offsets to Python code-point offsets.

LanguageTool counts Java ``String`` units, so every emoji or other non-BMP character before a
match shifts its offset by one; using those offsets on a Python ``str`` would point at the wrong
characters.
"""
from __future__ import annotations

from collections.abc import Callable


def utf16_to_codepoint(text: str) -> Callable[[int], int]:
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
