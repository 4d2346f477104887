"""What an upset customer needs to read and the reply does not say (apology, contact…).

The sentence offered is the rule's most specific one whose details are known ("I'm so
sorry you were charged twice" when the customer said so); when every sentence needs a
detail the agent has not given (a contact line without a phone or email), the finding is
advice only, with no text to insert.
"""
from __future__ import annotations

from .. import layout
from ..context import Context
from ..findings import Finding, Suggestion
from ..rulebook import Rulebook
from ..rules import Rule
from ..suggest import choose, missing_details


def _counts(matches: list, voids: list[Finding]) -> bool:
    """Whether some match lies clear of every finding that voids it."""
    return any(not any(v.offset < m.end and m.start < v.end for v in voids) for m in matches)


def find_missing(
    text: str, book: Rulebook, context: Context, flagged: list[Finding], only: Rule | None = None
) -> list[Finding]:
    """A finding for each required part with no match that counts.

    A match does not count when it overlaps a finding of a category the rule names in
    ``not_counting``: "I'm sorry you feel that way" contains "I'm sorry" but is no apology.
    ``only`` checks just that rule.
    """
    rules = [rule for rule in ([only] if only else book.of_kind("required")) if context.wants(rule)]
    index = book.indexes["required"]
    present = index.present(text)
    spell = book.spelling.respell
    findings: list[Finding] = []
    for rule in rules:
        voids = [f for f in flagged if f.category in rule.not_counting]
        if rule.id in present and (not voids or _counts(index.matches(text, [rule.id]).get(rule.id, []), voids)):
            continue
        offset = layout.opening(text, book.greetings) if rule.insert_at == "opening" else layout.closing(text, book.signoffs)
        templates = rule.insert_for(context.channel)
        chosen = choose(templates, context.details, f"{rule.id}\0{context.seed}", text)
        suggestions: tuple[Suggestion, ...] = ()
        needs = () if chosen else missing_details(templates, context.details)
        if chosen:
            written, template = chosen
            sentence = spell(written, context.dialect)
            edit, replaced = layout.insertion(text, offset, sentence)
            label = spell(template.label, context.dialect) if template.label else f"Insert “{sentence}”"
            suggestions = (Suggestion(edit, "insert", offset, replaced, label),)
        findings.append(Finding(
            rule=rule.id, category=rule.category, severity=rule.severity, message=spell(rule.message, context.dialect),
            offset=offset, length=0, text="", scope="reply", suggestions=suggestions, needs=needs,
        ))
    return findings
