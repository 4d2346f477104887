"""Reading the customer's message: is this a complaint, and what says so?

Sentiment lexicons miss complaints that use no angry words ("Your agent hung up on me.
Twice."). The packs' ``signal`` rules describe breaches of expectation (late, broken,
charged twice, still waiting), anger, threats to leave and praise, each with a weight; the
learned reading weighs them together with the message's meaning (see
``tactful.learned.customer``) into a probability, and the customer is upset when it reaches
the model's threshold. ``signals`` stay the matched words and ``reasons`` say in a line each
why, so the agent can see what Tactful read.
"""
from __future__ import annotations

from ...learned.customer import CustomerModel, Evidence
from ..findings import CustomerReading, Problem, Signal
from ..rulebook import Rulebook
from ..suggest import MissingDetail, render


def find_signals(message: str, book: Rulebook) -> tuple[tuple[Signal, ...], Evidence]:
    """The signal rules' matches in reading order, and what they add up to."""
    rules = {rule.id: rule for rule in book.of_kind("signal")}
    hits = book.indexes["signal"].matches(message, rules)
    found = sorted((m.start, rule_id, message[m.start:m.end]) for rule_id, ms in hits.items() for m in ms)
    weights = [rules[rule_id].weight for _, rule_id, _ in found]
    evidence = Evidence(
        for_upset=sum(w for w in weights if w > 0),
        against=-sum(w for w in weights if w < 0),
        rules_upset=sum(weights) >= book.upset_threshold,
    )
    return tuple(Signal(rule_id, text) for _, rule_id, text in found), evidence


def find_problems(message: str, book: Rulebook, most: int = 2, dialect: str | None = None) -> tuple[Problem, ...]:
    """What the message says went wrong, in words problem rules can name back, in the order
    the customer says it (at most ``most``, each a different kind).

    Where matches overlap, they describe one harm and the longest says the most: "waiting
    for my refund" rather than "been waiting". A rule whose words need a group the match
    lacks is skipped; groups are lower-cased to fit mid-sentence. The agent's words are
    spelled in ``dialect``, the customer's are quoted as written.
    """
    rules = {rule.id: rule for rule in book.of_kind("problem")}
    hits = book.indexes["problem"].matches(message, rules)
    taken: list[tuple[int, int, str, dict[str, str]]] = []
    for match, rule_id in sorted(((m, r) for r, ms in hits.items() for m in ms), key=lambda p: (p[0].start - p[0].end, p[0].start)):
        if not any(start < match.end and match.start < end for start, end, _, _ in taken):
            taken.append((match.start, match.end, rule_id, dict(match.groups)))
    found: list[Problem] = []
    for start, end, rule_id, groups in sorted(taken):
        rule = rules[rule_id]
        lowered = {name: value.lower() for name, value in groups.items()}
        try:
            problem = Problem(rule_id, message[start:end], book.spelling.respell(render(rule.sorry, lowered), dialect),
                              book.spelling.respell(render(rule.about, lowered), dialect))
        except MissingDetail:
            continue
        if all(p.kind != rule_id for p in found):
            found.append(problem)
    return tuple(found[:most])


def read_customer(message: str, book: Rulebook, model: CustomerModel, dialect: str | None = None) -> CustomerReading:
    signals, evidence = find_signals(message, book)
    probability = model.probability(message, evidence)
    upset = probability >= model.threshold
    confidence = probability if upset else 1.0 - probability
    reasons = _reasons(book, upset, confidence, signals, dialect)
    return CustomerReading(upset, round(confidence, 3), signals, reasons, find_problems(message, book, dialect=dialect))


def _reasons(book: Rulebook, upset: bool, confidence: float, signals: tuple[Signal, ...],
             dialect: str | None) -> tuple[str, ...]:
    """The learned verdict first, then one line per kind of signal with its words."""
    words: dict[str, list[str]] = {}
    for signal in signals:
        words.setdefault(signal.kind, []).append(signal.text)
    template = book.reading_reasons["upset" if upset else "calm"]
    lines = [book.spelling.respell(template, dialect).format(percent=f"{min(confidence, 0.99):.0%}")]
    for kind, texts in words.items():
        quoted = ", ".join(f"“{t}”" for t in dict.fromkeys(texts))
        lines.append(f"{book.spelling.respell(book.rules[kind].message, dialect) or kind}: {quoted}")
    return tuple(lines)
