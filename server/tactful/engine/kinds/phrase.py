"""``phrase``: flag text matching ``patterns`` (unless an ``exceptions`` pattern overlaps it)
and offer ``suggestions`` to replace it. Checked by ``checks/phrases.py``.

``suggestions: []`` says on purpose that only the agent can write the fix (an unfilled
template blank); otherwise every bad example shows its ``fixed`` text.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..rulefile import RuleFile, RuleFileError, suggestion
from ..ruleindex import RuleIndex
from .base import RuleKind


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    fields["patterns"] = file.patterns("patterns", vocabulary, required=True)
    fields["exceptions"] = file.patterns("exceptions", vocabulary, required=False)
    items = file.get("suggestions", list, None)
    fields["suggestions"] = tuple(suggestion(file, items, index) for index in range(len(items)))
    for example in fields["bad"] if fields["suggestions"] else ():
        if example.fixed is None:
            raise RuleFileError(file.path, example.line, "a bad example of a phrase rule with suggestions gives the 'fixed' text")


KIND = RuleKind(
    "phrase", frozenset({"patterns", "exceptions", "case_sensitive", "boundaries", "suggestions"}), read,
    flagged=True, compile=lambda rules, book: RuleIndex(rules),
)
