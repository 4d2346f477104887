"""Phrase patterns: written for people, compiled once for RE2.

Rule files write patterns the way a support lead thinks of them: ``I'm`` matches both
straight and curly apostrophes, a space matches any run of spaces or line breaks, and
``{{name}}`` splices in a shared vocabulary entry (``{{we_are}} sorry``). Every pattern is
compiled with RE2, whose matching time is linear in the text whatever the pattern, so a
team's rule pack cannot pin a worker with catastrophic backtracking.

``PatternSet`` puts every pattern of every rule into one RE2 set: one pass over the text
says which patterns occur at all, and only those are searched for positions. The cost of a
check therefore follows the length of the text and the number of hits, not the number of
phrases in the packs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import re2

_MACRO = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
_GROUP_OPENERS = re.compile(r"^(?:\((?:\?:|\?P<\w+>)?)+")
_GROUP_CLOSERS = re.compile(r"(?:\)[?*+]?|[?*+])+$")
_WORD_START = re.compile(r"\w|\\[wdb]")
_WORD_END = re.compile(r".*(?:\w|\\[wd])", re.DOTALL)
_MAX_MEM = 64 << 20
MAX_PATTERN = 20_000
"""Characters a pattern may have once its vocabulary is spliced in: the core's longest has
about 1,300, and a few hundred bytes of vocabulary that splice each other several times a
level, eight levels deep, would otherwise grow to gigabytes before anything could refuse it."""
_TOO_LONG = f"the pattern is over {MAX_PATTERN:,} characters with its vocabulary spliced in"


class PatternError(ValueError):
    """A pattern that cannot be compiled, with the reason in words."""


def expand(pattern: str, vocabulary: Mapping[str, str], _depth: int = 0) -> str:
    """Replace ``{{name}}`` with the vocabulary entry, recursively."""
    if _depth > 8:
        raise PatternError("vocabulary entries splice each other more than 8 deep (or in a loop)")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(_TOO_LONG)
    grown = 0

    def splice(match: re.Match[str]) -> str:
        nonlocal grown
        name = match.group(1)
        if name not in vocabulary:
            raise PatternError(f"unknown vocabulary entry {{{{{name}}}}}")
        piece = "(?:" + expand(vocabulary[name], vocabulary, _depth + 1) + ")"
        grown += len(piece)
        if len(pattern) + grown > MAX_PATTERN:
            raise PatternError(_TOO_LONG)
        return piece

    return _MACRO.sub(splice, pattern)


def to_regex(pattern: str, *, case_sensitive: bool = False, boundaries: bool = True) -> str:
    """Turn a readable pattern into RE2 syntax (apostrophes, spaces, word boundaries).

    A word boundary is added on each side where the pattern starts or ends with a word
    character (looking past group brackets and optional marks), so ``calm down`` does not
    match inside "becalm downtown" and ``[!?]{2,}`` is left as written.
    """
    body = _loosen(pattern)
    if boundaries:
        starts_word = bool(_WORD_START.match(_GROUP_OPENERS.sub("", pattern)))
        ends_word = bool(_WORD_END.fullmatch(_GROUP_CLOSERS.sub("", pattern)))
        body = ("\\b" if starts_word else "") + f"(?:{body})" + ("\\b" if ends_word else "")
    return body if case_sensitive else "(?i)" + body


def _loosen(pattern: str) -> str:
    """Outside character classes: any apostrophe for ``'``, white space for a space.

    ``" "`` becomes one or more white-space characters and ``" ?"`` or ``" *"`` zero or more,
    so a phrase still matches when an editor wraps it across lines.
    """
    out: list[str] = []
    in_class = escaped = False
    chars = iter(pattern + "\0")
    char = next(chars)
    for following in chars:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "'":
            char = "['’]"
        elif char == " " and following in "?*":
            char, following = r"\s*", next(chars)
        elif char == " ":
            char = r"\s+"
        out.append(char)
        char = following
    return "".join(out)


def _options() -> re2.Options:
    options = re2.Options()
    options.max_mem = _MAX_MEM
    options.log_errors = False
    return options


def compile_pattern(regex: str) -> re2._Regexp:
    """Compile one RE2 pattern or raise ``PatternError`` saying why."""
    try:
        return re2.compile(regex, _options())
    except re2.error as error:
        raise PatternError(f"invalid pattern {regex!r}: {error}") from None


@dataclass(frozen=True)
class Match:
    """Where one pattern matched: code-point offsets and named groups."""

    key: int
    start: int
    end: int
    groups: Mapping[str, str]


class PatternSet:
    """Many compiled patterns that are scanned together.

    Each pattern gets an integer key from ``add``; ``finditer`` yields matches of every
    pattern present in the text, trying only the patterns the RE2 set reported.
    """

    def __init__(self) -> None:
        self._set = re2.Set.SearchSet(_options())
        self._compiled: list[re2._Regexp] = []
        self._focus: list[int | None] = []
        self._frozen = False

    def add(self, regex: str) -> int:
        compiled = compile_pattern(regex)
        if self._set.Add(regex) != len(self._compiled):
            raise PatternError(f"invalid pattern {regex!r}")
        self._compiled.append(compiled)
        self._focus.append(compiled.groupindex.get("flag"))
        return len(self._compiled) - 1

    def freeze(self) -> None:
        self._set.Compile()
        self._frozen = True

    def present(self, text: str) -> list[int]:
        """Keys of the patterns that occur somewhere in ``text``."""
        if not self._compiled:
            return []
        if not self._frozen:
            self.freeze()
        return sorted(self._set.Match(text) or ())

    def finditer(self, text: str, keys: Sequence[int] | None = None) -> Iterator[Match]:
        """Every match of the given (default: present) patterns; a ``flag`` group narrows it."""
        for key in self.present(text) if keys is None else keys:
            for found in self._compiled[key].finditer(text):
                groups = {name: value for name, value in found.groupdict().items() if value is not None}
                focus = self._focus[key]
                start, end = found.span(focus) if focus is not None and "flag" in groups else found.span()
                if end > start:
                    yield Match(key, start, end, groups)
