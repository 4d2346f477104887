"""All loaded packs, compiled once at start-up into the indexes the checks use (each kind
builds its own: pattern sets for phrases, required parts and signals, example vectors for
learned rules)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..learned.files import MODELS
from .kinds import KINDS
from .patterns import compile_pattern
from .rulefile import RuleFile
from .rules import Category, Pack, Rule, RuleFileError, load_pack, read_dialects
from .spelling import Dialect, Spelling, SpellingError, merged

CORE_PACK = Path(__file__).resolve().parents[3] / "rules" / "core"
DEFAULT_UPSET_THRESHOLD = 2


class _Declared(Protocol):
    @property
    def id(self) -> str: ...


D = TypeVar("D", bound=_Declared)


@dataclass(eq=False)
class Rulebook:
    """The rules in force, by kind, with their compiled indexes (hashed by identity)."""

    packs: list[Pack]
    rules: dict[str, Rule]
    by_kind: dict[str, list[Rule]] = field(default_factory=dict)
    indexes: dict[str, Any] = field(default_factory=dict)
    greetings: list = field(default_factory=list)
    signoffs: list = field(default_factory=list)
    reading_reasons: dict[str, str] = field(default_factory=dict)
    near_misses: list[str] = field(default_factory=list)
    fit: dict[str, tuple[str, ...]] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    dialects: dict[str, Dialect] = field(default_factory=dict)
    spelling: Spelling = field(default_factory=Spelling)
    models: Path = MODELS

    def __post_init__(self) -> None:
        self.greetings = [compile_pattern(p) for pack in self.packs for p in pack.greetings]
        self.signoffs = [compile_pattern(p) for pack in self.packs for p in pack.signoffs]
        self.reading_reasons = {mood: text for pack in self.packs for mood, text in pack.reading.items()}
        self.near_misses = [sentence for pack in self.packs for sentence in pack.near_misses]
        self.fit = {key: words for pack in self.packs for key, words in pack.fit.items()}
        self.categories = _declared(self.packs, "category", lambda pack: pack.categories)
        self.dialects = _declared(self.packs, "dialect", lambda pack: pack.dialects)
        self.spelling = _spelling(self.packs, self.dialects)
        for rule in self.rules.values():
            if rule.category not in self.categories:
                raise RuleFileError(rule.path, None, f"category {rule.category!r} is not declared; add it to "
                                                     "'categories' in the pack's pack.yml (id, label, colour, layer)")
        for rule in self.rules.values():
            self.by_kind.setdefault(rule.kind, []).append(rule)
        for name, kind in KINDS.items():
            if kind.compile:
                self.indexes[name] = kind.compile(self.of_kind(name), self)

    @property
    def default_dialect(self) -> str:
        """The dialect of a check that names none: the first declared."""
        return next(iter(self.dialects), self.spelling.written_in)

    def of_kind(self, kind: str) -> Sequence[Rule]:
        return self.by_kind.get(kind, [])

    @property
    def upset_threshold(self) -> int:
        return next((p.upset_threshold for p in reversed(self.packs) if p.upset_threshold), DEFAULT_UPSET_THRESHOLD)


def _declared(packs: Sequence[Pack], what: str, of: Callable[[Pack], Sequence[D]]) -> dict[str, D]:
    """Every pack's categories or dialects (``what``) in order, core first; a pack may add
    one, not redefine one."""
    declared: dict[str, D] = {}
    for pack in packs:
        for item in of(pack):
            if item.id in declared:
                raise RuleFileError(pack.path / "pack.yml", None, f"{what} {item.id!r} is already declared")
            declared[item.id] = item
    return declared


def _spelling(packs: Sequence[Pack], dialects: dict[str, Dialect]) -> Spelling:
    """Every pack's spelling table as one; each dialect it names must be declared."""
    tables = [(pack, pack.spelling) for pack in packs if pack.spelling]
    for pack, table in tables:
        for dialect in (table.written_in, *table.words):
            if dialect not in dialects:
                raise RuleFileError(pack.path / "pack.yml", None, f"the spelling table names dialect {dialect!r}, "
                                                                  "which no pack declares under 'dialects'")
    try:
        return merged([table for _, table in tables])
    except SpellingError as error:
        raise RuleFileError(tables[-1][0].path / "pack.yml", None, error.reason) from None


def core_dialects() -> list[str]:
    """The dialects the core pack declares, read from its pack.yml alone (LanguageTool warms them up)."""
    return [dialect.id for dialect in read_dialects(RuleFile(CORE_PACK / "pack.yml"))]


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


def pack_sentences(directory: Path) -> list[str]:
    """Every sentence a pack's learned rules compare with: examples, tests and near misses,
    as ``scripts/export-encoder --reply`` stores their vectors."""
    pack, rules = load_pack(directory)
    texts = [e.text for r in rules if r.kind == "learned" for e in (*r.bad, *r.good, *r.tests_bad, *r.tests_good)]
    return list(dict.fromkeys([*texts, *pack.near_misses]))
