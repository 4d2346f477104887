"""Every sentence Tactful can insert, with every problem the rules can name: what the fix
tests and the dialect tests check, built once from the rules' own examples."""
from __future__ import annotations

from tactful.engine.checks.customer import find_problems
from tactful.engine.rulebook import Rulebook
from tactful.engine.rules import Rule
from tactful.engine.suggest import Contact, usable

CONTACT = Contact(phone="+44 20 7946 0958", email="sam.lee@example.com")


def problems(book: Rulebook) -> list:
    """One reading of every problem rule, from its own examples."""
    found = {}
    for rule in book.of_kind("problem"):
        for example in rule.bad:
            read = find_problems(example.text, book)
            if read and read[0].kind == rule.id:
                found.setdefault(rule.id, read[0])
    return list(found.values())


def inserted_sentences(book: Rulebook) -> list[tuple[Rule, str, str]]:
    """(rule, channel, sentence) for each distinct sentence, in the rules' order."""
    details = [{"contact": CONTACT, "problem": p, "also": p, "follow_up": "Friday"} for p in problems(book)]
    sentences: dict[str, tuple[Rule, str, str]] = {}
    for rule in book.of_kind("required"):
        for channel, groups in rule.insert.items():
            for template in (t for group in groups for t in group):
                for values in details:
                    for text, _ in usable([template], values):
                        sentences.setdefault(text, (rule, channel, text))
    return list(sentences.values())
