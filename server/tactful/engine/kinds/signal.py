"""``signal``: not a check of the reply but a sign, in the customer's message, that the
customer is upset (``weight`` adds up against the pack's ``upset_threshold``, and the
learned reading takes it as evidence). Read by ``checks/customer.py``."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..rulefile import RuleFile
from ..ruleindex import RuleIndex
from .base import RuleKind


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    fields["patterns"] = file.patterns("patterns", vocabulary, required=True)
    fields["exceptions"] = file.patterns("exceptions", vocabulary, required=False)
    fields["weight"] = file.get("weight", int, None)


KIND = RuleKind(
    "signal", frozenset({"patterns", "exceptions", "case_sensitive", "boundaries", "weight"}), read,
    defaults={"category": "customer", "severity": "suggestion", "message": ""},
    flagged=True, compile=lambda rules, book: RuleIndex(rules),
)
