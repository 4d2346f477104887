"""What a check knows about the conversation besides the reply itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .findings import Problem
from .rules import Rule
from .suggest import Contact


@dataclass(frozen=True)
class Context:
    """The channel, the customer's mood, and the details a suggestion may name.

    ``seed`` (the reply as first checked) picks among a rule's equally specific sentences,
    so the same draft always gets the same sentence, and the rewrite the one offered.
    ``dialect`` is how Tactful's own words are spelled (``None``: as the rules write them).
    """

    channel: str = "generic"
    upset: bool = True
    contact: Contact = Contact()
    disabled_rules: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()
    follow_up: str | None = None
    seed: str = ""
    dialect: str | None = None

    def wants(self, rule: Rule) -> bool:
        return rule.id not in self.disabled_rules and rule.applies_to(self.channel, self.upset)

    @property
    def which_rules(self) -> Context:
        """Only what decides which rules apply: the same for every reply on a channel and
        mood, so caches of what the rules find key on it, not on the reply's details."""
        return Context(self.channel, self.upset, disabled_rules=self.disabled_rules)

    @property
    def details(self) -> dict[str, Any]:
        """What a template may name besides a pattern's groups: ``problem`` is what went
        wrong and ``also`` a second harm the customer names, when there is one."""
        first, also = (*self.problems, None, None)[:2]
        return {"contact": self.contact, "problem": first, "also": also, "follow_up": self.follow_up}
