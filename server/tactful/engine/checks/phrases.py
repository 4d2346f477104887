"""Phrases that should not be sent: each match becomes a finding with its rewrites."""
from __future__ import annotations

from functools import lru_cache

from ..context import Context
from ..findings import Finding, Suggestion
from ..rulebook import Rulebook
from ..rules import Rule
from ..suggest import match_case, replace_label, usable


@lru_cache(maxsize=256)
def _rules_for(book: Rulebook, context: Context) -> dict[str, Rule]:
    """The phrase rules a context wants; a rulebook is fixed once loaded, so this is cached
    (by ``Context.which_rules``)."""
    return {rule.id: rule for rule in book.of_kind("phrase") if context.wants(rule)}


def find_phrases(text: str, book: Rulebook, context: Context) -> list[Finding]:
    """A finding per match; a suggestion that names a detail the agent has not given is left out."""
    rules = _rules_for(book, context.which_rules)
    spell = book.spelling.respell
    findings: list[Finding] = []
    for rule_id, matches in book.indexes["phrase"].matches(text, rules).items():
        rule = rules[rule_id]
        for match in matches:
            flagged = text[match.start:match.end]
            values = {**match.groups, "match": flagged, **context.details}
            before = text[:match.start].rstrip()
            sentence_start = not before or before[-1] in ".!?…\n"
            options: dict[str, str | None] = {}
            for replacement, template in usable(rule.suggestions, values):
                label = spell(template.label, context.dialect) if template.label else None
                options.setdefault(match_case(spell(replacement, context.dialect), flagged, sentence_start), label)
            suggestions = tuple(
                Suggestion(replacement, "replace", match.start, match.end - match.start, label or replace_label(replacement))
                for replacement, label in options.items()
            )
            findings.append(Finding(
                rule=rule.id, category=rule.category, severity=rule.severity, message=spell(rule.message, context.dialect),
                offset=match.start, length=match.end - match.start, text=flagged, suggestions=suggestions,
            ))
    return findings
