"""``problem``: what went wrong, as the customer says it ("charged me twice") and as the
agent says it back (``sorry``: "you were charged twice"; ``about``: "the double charge").

Not a check of the reply: it lets an inserted apology or acknowledgement name the harm
("I'm so sorry you were charged twice") instead of "the trouble this has caused". The
signal rules find the same words, but a signal is the customer's phrasing and cannot be
turned into the agent's voice safely; a problem rule carries that voice, written by a
person, with pattern groups (``{thing}``) for the one word that varies. Read by
``checks/customer.py``.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..rulefile import RuleFile, template
from ..ruleindex import RuleIndex
from .base import RuleKind


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    fields["patterns"] = file.patterns("patterns", vocabulary, required=True)
    fields["exceptions"] = file.patterns("exceptions", vocabulary, required=False)
    fields["sorry"] = template(file, file.get("sorry", str, None), file.data, "sorry")
    fields["about"] = template(file, file.get("about", str, None), file.data, "about")


KIND = RuleKind(
    "problem", frozenset({"patterns", "exceptions", "case_sensitive", "boundaries", "sorry", "about"}), read,
    defaults={"category": "customer", "severity": "suggestion", "message": ""},
    flagged=True, compile=lambda rules, book: RuleIndex(rules),
)
