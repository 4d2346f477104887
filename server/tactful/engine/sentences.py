"""A reply cut into sentences, as code-point spans, for checks that read one sentence at a time.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quote or bracket) followed by
white space, or at a line break. Leading @handles are not part of a sentence, and runs of
fewer than ``MIN_WORDS`` words (a greeting, a lone "Thanks!") are not sentences worth reading.
"""
from __future__ import annotations

import re

MIN_WORDS = 3
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?…]+[\"'”’)]*(?=\s|$)|(?=\n)|$)")
_HANDLES = re.compile(r"(?:[@.]?@\w+[\s,:]*)+")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)]*\s+|\n")
WINDOW = 400
"""How far ``sentence_around`` reaches either side of its span: a "sentence" of 20,000
characters with no full stop is not shown, read again or repeated in an answer, whole."""


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, white space trimmed."""
    spans = []
    for found in _SENTENCE.finditer(text, start, len(text) if end is None else end):
        piece = found.group()
        left = found.start() + len(piece) - len(piece.lstrip())
        handles = _HANDLES.match(text, left)
        left = handles.end() if handles else left
        right = found.end() - (len(piece) - len(piece.rstrip()))
        if len(text[left:right].split()) >= MIN_WORDS:
            spans.append((left, right))
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or sentences) of ``text`` that hold ``start`` to ``end``,
    at most ``WINDOW`` characters either side."""
    low = max(0, start - WINDOW)
    left = max((b.end() for b in _BOUNDARY.finditer(text, low, start)), default=low)
    high = min(len(text), end + WINDOW)
    right = next((b.start() + len(b.group().rstrip()) for b in _BOUNDARY.finditer(text, left, high) if b.end() > end), high)
    piece = text[left:right]
    return left + len(piece) - len(piece.lstrip()), left + len(piece.rstrip())
