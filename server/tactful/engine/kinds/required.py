"""``required``: when no ``satisfied_by`` pattern occurs, report the reply as lacking
something and offer a sentence to ``insert``. Checked by ``checks/missing.py``."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..rulefile import RuleFile, SuggestionTemplate, by_channel
from ..ruleindex import RuleIndex
from .base import RuleKind

INSERT_POSITIONS = ("opening", "closing")


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    fields["patterns"] = file.patterns("satisfied_by", vocabulary, required=True, boundaries=True)
    fields["not_counting"] = frozenset(file.strings("not_counting"))
    insert = file.get("insert", dict, None)
    file.check_keys({"at", "text", "label"}, insert)
    fields["insert_at"] = file.choice("at", INSERT_POSITIONS, "closing", insert)
    fields["insert"] = {
        channel: tuple(tuple(SuggestionTemplate(text, insert.get("label")) for text in group) for group in groups)
        for channel, groups in by_channel(file, insert).items()
    }


KIND = RuleKind(
    "required", frozenset({"satisfied_by", "case_sensitive", "not_counting", "insert"}), read,
    compile=lambda rules, book: RuleIndex(rules),
)
