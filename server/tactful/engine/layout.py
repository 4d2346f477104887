"""Where a reply opens and closes, so an inserted sentence lands in the right place.

An apology belongs after the greeting ("Hi Dana,") or the @handles; a contact offer
belongs before the sign-off ("Best regards, Sam", "^JK"). Greeting and sign-off patterns
are data in the packs' ``pack.yml``.
"""
from __future__ import annotations

from collections.abc import Sequence

_SENTENCE_END = ".!?…)\"'”’"


def opening(text: str, greetings: Sequence) -> int:
    """Offset just after any greetings and handles at the start of ``text``."""
    position = len(text) - len(text.lstrip())
    advanced = True
    while advanced:
        advanced = False
        for greeting in greetings:
            found = greeting.match(text, position)
            if found and found.end() > position:
                rest = text[found.end():]
                position = found.end() + len(rest) - len(rest.lstrip())
                advanced = True
    return position


def closing(text: str, signoffs: Sequence) -> int:
    """Offset just after the last word of the body, before any sign-off."""
    end = len(text.rstrip())
    for signoff in signoffs:
        for found in signoff.finditer(text):
            if found.start() < end and len(text) - found.start() <= 120:
                end = found.start()
                break
    return len(text[:end].rstrip())


def insertion(text: str, offset: int, sentence: str) -> tuple[str, int]:
    """The edit that inserts ``sentence`` at ``offset``: its text and how much it replaces.

    It adds the spacing (and a full stop after an unfinished sentence) the place needs, and
    when the text after it starts a sentence in lower case ("@sam it's on its way"), it
    replaces that one letter with its capital, so the length is 1 instead of 0.
    """
    before, after = text[:offset], text[offset:]
    if before.strip() and not before[-1].isspace():
        sentence = (" " if before[-1] in _SENTENCE_END or not before[-1].isalnum() else ". ") + sentence
    if not after or after[0].isspace():
        return sentence, 0
    if after[0].islower() and not after.startswith(("http", "www.")):
        return f"{sentence} {after[0].upper()}", 1
    return sentence + " ", 0
