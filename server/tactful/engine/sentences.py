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
