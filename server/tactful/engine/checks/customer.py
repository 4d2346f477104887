"""Reading the customer's message: is this a complaint?

Sentiment lexicons miss complaints that use no angry words ("Your agent hung up on me.
Twice."). The packs' ``signal`` rules describe breaches of expectation (late, broken,
charged twice, still waiting), anger, threats to leave and praise, each with a weight;
the customer is upset when the weights of what matched reach the pack's threshold.
"""
from __future__ import annotations

from ..findings import CustomerReading, Signal
from ..rulebook import Rulebook


def read_customer(message: str, book: Rulebook) -> CustomerReading:
    rules = {rule.id: rule for rule in book.of_kind("signal")}
    hits = book.indexes["signal"].matches(message, rules)
    signals = tuple(
        Signal(rule_id, message[m.start:m.end])
        for rule_id, matches in hits.items() for m in matches
    )
    score = sum(rules[rule_id].weight * len(matches) for rule_id, matches in hits.items())
    return CustomerReading(upset=score >= book.upset_threshold, signals=signals)
