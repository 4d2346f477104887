"""The reply with the first suggestion of every finding applied."""
from __future__ import annotations

from collections.abc import Iterable

from .findings import Finding, Suggestion


def apply(text: str, suggestions: Iterable[Suggestion]) -> str:
    """Apply edits left to right; an edit overlapping one already taken is skipped.

    Inserts at the same offset keep their order, so several missing sentences at the
    opening read in the order of their rules.
    """
    ordered = sorted(enumerate(suggestions), key=lambda pair: (pair[1].offset, pair[1].length > 0, pair[0]))
    pieces: list[str] = []
    cursor = 0
    for _, edit in ordered:
        if edit.offset < cursor:
            continue
        pieces += [text[cursor:edit.offset], edit.text]
        cursor = edit.offset + edit.length
    pieces.append(text[cursor:])
    return "".join(pieces)


def rewrite(text: str, findings: Iterable[Finding]) -> str:
    return apply(text, (f.suggestions[0] for f in findings if f.suggestions))
