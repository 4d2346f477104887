"""The one small interface every rule kind implements."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..rulefile import RuleFile

if TYPE_CHECKING:
    from ..rulebook import Rulebook
    from ..rules import Rule


@dataclass(frozen=True)
class RuleKind:
    """What a kind adds to a rule file.

    ``keys`` are the file keys that belong to it; ``read(file, vocabulary, fields)`` reads
    them into the rule's fields (after the common ones and the examples) and fails with the
    file's line; ``defaults`` are common keys it lets a rule leave out; ``flagged`` and
    ``fixed`` say what each bad example must name; ``compile(rules, book)``, when given,
    builds the index its check uses, once, when the rulebook loads.
    """

    name: str
    keys: frozenset[str]
    read: Callable[[RuleFile, Mapping[str, str], dict[str, Any]], None]
    defaults: Mapping[str, str] = field(default_factory=dict)
    flagged: bool = False
    fixed: bool = False
    compile: Callable[[Sequence[Rule], Rulebook], Any] | None = None
