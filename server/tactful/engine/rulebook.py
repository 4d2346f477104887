"""All loaded packs, compiled once at start-up into the pattern sets the checks scan."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..learned.customer import shared_encoder
from ..learned.files import MODELS
from .checks.learned import LearnedIndex
from .patterns import Match, PatternSet, compile_pattern
from .rules import Pack, Rule, RuleFileError, load_pack

CORE_PACK = Path(__file__).resolve().parents[3] / "rules" / "core"
DEFAULT_UPSET_THRESHOLD = 2


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


@dataclass(eq=False)
class Rulebook:
    """The rules in force, by kind, with their compiled indexes (hashed by identity)."""

    packs: list[Pack]
    rules: dict[str, Rule]
    by_kind: dict[str, list[Rule]] = field(default_factory=dict)
    indexes: dict[str, RuleIndex] = field(default_factory=dict)
    greetings: list = field(default_factory=list)
    signoffs: list = field(default_factory=list)
    reading_reasons: dict[str, str] = field(default_factory=dict)
    models: Path = MODELS
    learned: LearnedIndex | None = None

    def __post_init__(self) -> None:
        self.greetings = [compile_pattern(p) for pack in self.packs for p in pack.greetings]
        self.signoffs = [compile_pattern(p) for pack in self.packs for p in pack.signoffs]
        self.reading_reasons = {mood: text for pack in self.packs for mood, text in pack.reading.items()}
        for rule in self.rules.values():
            self.by_kind.setdefault(rule.kind, []).append(rule)
        for kind in ("phrase", "required", "signal"):
            self.indexes[kind] = RuleIndex(self.by_kind.get(kind, []))
        if self.of_kind("learned"):
            self.learned = LearnedIndex(self.of_kind("learned"), shared_encoder(self.models))

    def of_kind(self, kind: str) -> Sequence[Rule]:
        return self.by_kind.get(kind, [])

    @property
    def upset_threshold(self) -> int:
        return next((p.upset_threshold for p in reversed(self.packs) if p.upset_threshold), DEFAULT_UPSET_THRESHOLD)


def load_rulebook(extra_packs: Sequence[Path] = (), models: Path = MODELS) -> Rulebook:
    """Load the core pack and any team packs; a rule id may be defined only once.

    Learned rules embed their examples with the encoder in ``models`` and run their tests.
    """
    packs: list[Pack] = []
    rules: dict[str, Rule] = {}
    vocabulary: dict[str, str] = {}
    for directory in (CORE_PACK, *extra_packs):
        pack, pack_rules = load_pack(Path(directory), vocabulary)
        vocabulary = dict(pack.vocabulary)
        packs.append(pack)
        for rule in pack_rules:
            if rule.id in rules:
                raise RuleFileError(rule.path, None, f"rule id {rule.id!r} is already defined in {rules[rule.id].path}")
            rules[rule.id] = rule
    return Rulebook(packs, rules, models=models)
