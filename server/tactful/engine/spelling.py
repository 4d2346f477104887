"""English dialects: which a check may ask for, and Tactful's own words respelled for each.

The rules are written in one spelling (the first column of a pack's spelling table, en-GB
for the core); a check in another dialect gets every message, fix and inserted sentence
respelled word by word from the table ("apologise" to "apologize" for en-US and en-CA,
"colour" to "color" for en-US only). A table, not a library: the US/UK converters on PyPI
know two dialects, not Canada's -ize with -our, and the words Tactful writes are a few
dozen, each proven against LanguageTool's own spelling per dialect by the test suite.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[a-z]+")
_AS_WRITTEN = "-"
DIALECT_ID = re.compile(r"[a-z]{2}-[A-Z]{2}")


@dataclass(frozen=True)
class Dialect:
    """One dialect a check may ask for: LanguageTool's language code and a name to show."""

    id: str
    label: str


class SpellingError(ValueError):
    """A spelling table that cannot be used: ``line`` and ``reason``."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def read_table(path: Path) -> Spelling:
    """A pack's table: the header names the dialects (LanguageTool's codes), the written one
    first; each row is a word as written and how each other dialect spells it. ``#`` lines
    are comments; cells are separated by tabs."""
    rows = [(number, line.split("\t")) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]
    if not rows:
        raise SpellingError(None, "the table needs a header naming its dialects")
    line, header = rows[0]
    header = [cell.strip() for cell in header]
    if not all(DIALECT_ID.fullmatch(name) for name in header) or len(set(header)) != len(header) or len(header) < 2:
        raise SpellingError(line, "the header names each dialect once by its code (en-US), the written one first")
    words: dict[str, dict[str, str]] = {name: {} for name in header[1:]}
    for line, cells in rows[1:]:
        cells = [cell.strip() for cell in cells]
        if len(cells) != len(header) or not all(_WORD.fullmatch(c) or c == _AS_WRITTEN for c in cells[1:]) \
                or not _WORD.fullmatch(cells[0]):
            raise SpellingError(line, f"a row is {len(header)} lower-case words separated by tabs ('-': as written)")
        for name, cell in zip(header[1:], cells[1:]):
            if cell != _AS_WRITTEN:
                words[name][cells[0]] = cell
    return Spelling(header[0], words)


@dataclass(frozen=True, eq=False)
class Spelling:
    """Respells text written in ``written_in`` for another dialect (hashed by identity)."""

    written_in: str = "en-GB"
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def respell(self, text: str, dialect: str | None) -> str:
        """``text`` in ``dialect``'s spelling; ``None`` (or the written dialect): as written.
        A capital or a shouted word keeps its case."""
        table = self.words.get(dialect or self.written_in)
        if not table or not text:
            return text
        return _respelled(text, self, dialect or self.written_in)


def merged(spellings: Sequence[Spelling]) -> Spelling:
    """One table from every pack's, later packs adding words; all must be written alike."""
    if not spellings:
        return Spelling()
    written = {s.written_in for s in spellings}
    if len(written) > 1:
        raise SpellingError(None, f"every pack's spelling table is written in one dialect, not {', '.join(sorted(written))}")
    words: dict[str, dict[str, str]] = {}
    for spelling in spellings:
        for dialect, table in spelling.words.items():
            words.setdefault(dialect, {}).update(table)
    return Spelling(spellings[0].written_in, words)


@lru_cache(maxsize=64)
def _pattern(spelling: Spelling, dialect: str) -> re.Pattern[str]:
    words = sorted(spelling.words[dialect], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _respelled(text: str, spelling: Spelling, dialect: str) -> str:
    """Cached: the same messages and sentences go out with every check."""
    table = spelling.words[dialect]

    def swap(found: re.Match[str]) -> str:
        word = found.group()
        new = table[word.lower()]
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return _pattern(spelling, dialect).sub(swap, text)
