"""One ``PatternSet`` over the patterns of many rules, answering per rule."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .patterns import Match, PatternSet, compile_pattern

if TYPE_CHECKING:
    from .rules import Rule


class RuleIndex:
    """One ``PatternSet`` over the patterns of many rules, answering per rule."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._patterns = PatternSet()
        self._owner: list[str] = []
        self._exceptions: dict[str, list] = {}
        for rule in rules:
            for regex in rule.patterns:
                self._patterns.add(regex)
                self._owner.append(rule.id)
            if rule.exceptions:
                self._exceptions[rule.id] = [compile_pattern(regex) for regex in rule.exceptions]
        self._patterns.freeze()

    def present(self, text: str) -> set[str]:
        """Ids of the rules with a pattern somewhere in ``text`` (one pass, no positions).

        Exceptions are not applied, so this is exact only for rules without exceptions.
        """
        return {self._owner[key] for key in self._patterns.present(text)}

    def matches(self, text: str, wanted: Iterable[str] | None = None) -> dict[str, list[Match]]:
        """Matches per rule id, leftmost first, without overlaps or exception hits."""
        keep = None if wanted is None else set(wanted)
        keys = [k for k in self._patterns.present(text) if keep is None or self._owner[k] in keep]
        found: dict[str, list[Match]] = defaultdict(list)
        for match in self._patterns.finditer(text, keys):
            found[self._owner[match.key]].append(match)
        cleaned = {rule_id: self._clean(text, rule_id, ms) for rule_id, ms in found.items()}
        return {rule_id: ms for rule_id, ms in cleaned.items() if ms}

    def _clean(self, text: str, rule_id: str, matches: list[Match]) -> list[Match]:
        spans = [(e.start(), e.end()) for regex in self._exceptions.get(rule_id, ()) for e in regex.finditer(text)]
        kept: list[Match] = []
        for match in sorted(matches, key=lambda m: (m.start, -m.end)):
            if kept and match.start < kept[-1].end:
                continue
            if any(start < match.end and match.start < end for start, end in spans):
                continue
            kept.append(match)
        return kept
