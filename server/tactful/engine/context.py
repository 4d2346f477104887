"""What a check knows about the conversation besides the reply itself."""
from __future__ import annotations

from dataclasses import dataclass

from .rules import Rule
from .suggest import Contact


@dataclass(frozen=True)
class Context:
    channel: str = "generic"
    upset: bool = True
    contact: Contact = Contact()
    disabled_rules: frozenset[str] = frozenset()

    def wants(self, rule: Rule) -> bool:
        return rule.id not in self.disabled_rules and rule.applies_to(self.channel, self.upset)
