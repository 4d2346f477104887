"""``phrase``: flag text matching ``patterns`` (unless an ``exceptions`` pattern overlaps it)
and offer ``suggestions`` to replace it. Checked by ``checks/phrases.py``."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..ruleindex import RuleIndex
from ..rulefile import RuleFile, suggestion
from .base import RuleKind


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    fields["patterns"] = file.patterns("patterns", vocabulary, required=True)
    fields["exceptions"] = file.patterns("exceptions", vocabulary, required=False)
    fields["suggestions"] = tuple(suggestion(file, s) for s in file.get("suggestions", list, None))
    if not fields["suggestions"]:
        raise file.fail("a phrase rule needs at least one suggestion", file.data, "suggestions")


KIND = RuleKind(
    "phrase", frozenset({"patterns", "exceptions", "case_sensitive", "boundaries", "suggestions"}), read,
    flagged=True, fixed=True, compile=lambda rules, book: RuleIndex(rules),
)
