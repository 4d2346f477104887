"""Sentences that read like a deflecting move: the learned rules, by nearest neighbours.

A learned rule is its example sentences: ``bad`` ones that are the move ("You would need to
contact the store directly.") and ``good`` near misses that are fine ("I'll contact the store
for you and come back to you by 5pm."). A sentence of the reply is flagged when its closest
bad example is at least ``threshold`` similar (cosine on the sentence encoder) and closer, by
``margin``, than its closest good one. Near misses matter more than the bad examples: real
agents write fine and deflecting sentences in the same words and style, so a sentence is
judged against both.

The examples are embedded once when the rulebook loads, and each rule's ``tests`` (sentences
it did not learn from) must then come out right, or loading stops with the file, the line of
the failing test and both similarities. The finding covers the sentence and carries no fix:
what to write instead depends on what the agent can offer, so the message says what to do.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ...learned.encoder import Encoder
from ..findings import Finding
from ..layout import closing, opening
from ..rulefile import Example, RuleFileError
from ..sentences import sentence_spans

if TYPE_CHECKING:
    from ..context import Context
    from ..rulebook import Rulebook
    from ..rules import Rule


@dataclass(frozen=True)
class RuleExamples:
    rule: Rule
    bad: np.ndarray
    good: np.ndarray

    def closeness(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each vector, the similarity of its closest bad and closest good example."""
        return (vectors @ self.bad.T).max(axis=1), (vectors @ self.good.T).max(axis=1)

    def flags(self, vectors: np.ndarray) -> np.ndarray:
        return self.judge(*self.closeness(vectors))

    def judge(self, bad: np.ndarray, good: np.ndarray) -> np.ndarray:
        return (bad >= self.rule.threshold) & (bad - good >= self.rule.margin)


class LearnedIndex:
    """Every learned rule's example vectors, stacked once; checked against its tests."""

    def __init__(self, rules: Sequence[Rule], encoder: Encoder) -> None:
        self.encoder = encoder
        self.rules = [
            RuleExamples(rule, encoder.embed_many([e.text for e in rule.bad]), encoder.embed_many([e.text for e in rule.good]))
            for rule in rules
        ]
        for examples in self.rules:
            self._run_tests(examples)

    def _run_tests(self, examples: RuleExamples) -> None:
        for tests, expected in ((examples.rule.tests_bad, True), (examples.rule.tests_good, False)):
            bad, good = examples.closeness(self.encoder.embed([t.text for t in tests]))
            for test, flagged, b, g in zip(tests, examples.judge(bad, good), bad, good):
                if bool(flagged) != expected:
                    raise RuleFileError(examples.rule.path, test.line, _failure(test, expected, float(b), float(g)))

    def find(self, text: str, spans: list[tuple[int, int]], wanted: set[str]) -> list[tuple[Rule, int, int]]:
        """The rule each sentence reads like most, for the sentences some wanted rule flags."""
        rules = [r for r in self.rules if r.rule.id in wanted]
        if not spans or not rules:
            return []
        vectors = self.encoder.embed([text[start:end] for start, end in spans])
        found = []
        closeness = [r.closeness(vectors) for r in rules]
        scores = np.stack([np.where(r.judge(bad, good), bad, -1.0) for r, (bad, good) in zip(rules, closeness)])
        for column, (start, end) in enumerate(spans):
            best = int(scores[:, column].argmax())
            if scores[best, column] >= 0:
                found.append((rules[best].rule, start, end))
        return found


def _failure(test: Example, expected: bool, bad: float, good: float) -> str:
    verdict = "not flagged" if expected else "flagged"
    return (f"test sentence {test.text!r} is {verdict} (closest bad example {bad:.2f}, closest good {good:.2f}); "
            "add examples closer to it, or move the threshold or margin")


def find_learned(text: str, book: Rulebook, context: Context, flagged: Sequence[Finding]) -> list[Finding]:
    """One finding per sentence that reads like a wanted rule's move, unless a phrase rule
    already flagged part of it (the phrase's fix wins)."""
    wanted = {rule.id for rule in book.of_kind("learned") if context.wants(rule)}
    index = book.indexes.get("learned")
    if index is None or not wanted:
        return []
    spans = [
        (start, end) for start, end in sentence_spans(text, opening(text, book.greetings), closing(text, book.signoffs))
        if not any(f.offset < end and start < f.end for f in flagged)
    ]
    return [
        Finding(rule=rule.id, category=rule.category, severity=rule.severity, message=rule.message,
                offset=start, length=end - start, text=text[start:end])
        for rule, start, end in index.find(text, spans, wanted)
    ]
