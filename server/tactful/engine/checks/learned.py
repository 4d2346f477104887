"""Sentences that read like a deflecting move: the learned rules, by nearest neighbours.

A learned rule is its example sentences: ``bad`` ones that are the move ("You would need to
contact the store directly.") and ``good`` near misses that are fine ("I'll contact the store
for you and come back to you by 5pm."). A sentence of the reply is flagged when its closest
bad example is at least ``threshold`` similar (cosine on the reply encoder) and closer, by
``margin``, than anything fine: the rule's own good examples and the packs' shared near
misses (``near_misses`` in ``pack.yml``), ordinary support sentences that no rule should
flag. Near misses matter more than the bad examples: real agents write fine and deflecting
sentences in the same words and style.

The reply encoder is MiniLM tuned on the core pack's examples so that one move's sentences
sit together and apart from fine ones (``scripts/export-encoder --reply``); on the stock
model a deflecting sentence and its helpful twin sit closer together than either sits to
its kind (BENCHMARKS.md, section 8). The examples' vectors are committed with it
(``learned/vectors.py``); a team pack's are embedded when it loads. Each rule's ``tests``
(sentences it did not learn from) must then come out right, or loading stops with the file,
the line of the failing test and both similarities. The finding covers the sentence and
carries no fix: what to write instead depends on what the agent can offer, so the message
says what to do, and a sentence a phrase rule already flagged is left to the phrase's fix.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from cachetools import LRUCache

from ...learned.encoder import CACHE_SIZE, Encoder
from ...learned.vectors import ExampleVectors
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
    """A learned rule with the vectors of its examples and of its tests."""

    rule: Rule
    bad: np.ndarray
    good: np.ndarray
    tests_bad: np.ndarray
    tests_good: np.ndarray

    def closeness(self, vectors: np.ndarray, fine: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each vector, the similarity of its closest bad and closest good example, where
        ``fine`` (each vector's closest shared near miss) counts as a good one. This rule's
        examples only: tests are judged by their own rule, which costs their count times that
        rule's examples, not times every rule's (``Stacked`` serves the reply's sentences)."""
        return (vectors @ self.bad.T).max(axis=1), np.maximum((vectors @ self.good.T).max(axis=1), fine)


def flags(bad: np.ndarray, good: np.ndarray, threshold: float | np.ndarray, margin: float | np.ndarray) -> np.ndarray:
    """Near enough the move, and nearer it than anything fine."""
    return (bad >= threshold) & (bad - good >= margin)


@dataclass(frozen=True)
class Stacked:
    """One side's examples of every rule in one matrix, so that a sentence meets them all in
    one product whatever the number of rules."""

    vectors: np.ndarray
    starts: np.ndarray

    @classmethod
    def of(cls, parts: Sequence[np.ndarray]) -> Stacked:
        return cls(np.vstack(parts), np.cumsum([0, *(len(p) for p in parts[:-1])]))

    def closest(self, vectors: np.ndarray) -> np.ndarray:
        """``(sentences, rules)``: each sentence's similarity to each rule's closest example."""
        return np.maximum.reduceat(vectors @ self.vectors.T, self.starts, axis=1)


@dataclass(frozen=True)
class RuleTest:
    rule: Rule
    test: Example
    expected: bool
    right: bool
    bad: float
    good: float

    def failure(self) -> str:
        verdict = "not flagged" if self.expected else "flagged"
        return (f"test sentence {self.test.text!r} is {verdict} (closest bad example {self.bad:.2f}, "
                f"closest good {self.good:.2f}); add examples closer to it, or move the threshold or margin")


@dataclass(frozen=True)
class LearnedIndex:
    """Every learned rule's example vectors and the packs' shared near misses, embedded once."""

    encoder: Encoder
    near_misses: np.ndarray
    rules: list[RuleExamples]
    _scores: LRUCache[str, np.ndarray] = field(init=False, repr=False, compare=False,
                                               default_factory=lambda: LRUCache(CACHE_SIZE))
    _lock: threading.Lock = field(init=False, repr=False, compare=False, default_factory=threading.Lock)
    _bad: Stacked = field(init=False, repr=False, compare=False)
    _good: Stacked = field(init=False, repr=False, compare=False)
    _settings: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_bad", Stacked.of([r.bad for r in self.rules]))
        object.__setattr__(self, "_good", Stacked.of([r.good for r in self.rules]))
        object.__setattr__(self, "_settings", np.array([(r.rule.threshold, r.rule.margin) for r in self.rules]).T)

    @classmethod
    def build(cls, rules: Sequence[Rule], near_misses: Sequence[str], vectors: ExampleVectors) -> LearnedIndex:
        def of(examples: Sequence[Example]) -> np.ndarray:
            return vectors([e.text for e in examples])

        return cls(vectors.encoder, vectors(near_misses), [
            RuleExamples(rule, of(rule.bad), of(rule.good), of(rule.tests_bad), of(rule.tests_good)) for rule in rules
        ])

    def closest_fine(self, vectors: np.ndarray) -> np.ndarray:
        if not len(self.near_misses):
            return np.full(len(vectors), -1.0, np.float32)
        return (vectors @ self.near_misses.T).max(axis=1)

    def judge(self, examples: RuleExamples, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Whether one rule flags each vector, with its closest bad and closest fine similarity."""
        bad, good = examples.closeness(vectors, self.closest_fine(vectors))
        return flags(bad, good, examples.rule.threshold, examples.rule.margin), bad, good

    def test_results(self) -> Iterator[RuleTest]:
        """Each rule's tests: sentences it did not learn from, which must come out as expected."""
        for examples in self.rules:
            for tests, vectors, expected in ((examples.rule.tests_bad, examples.tests_bad, True),
                                             (examples.rule.tests_good, examples.tests_good, False)):
                for test, flagged, b, g in zip(tests, *self.judge(examples, vectors)):
                    yield RuleTest(examples.rule, test, expected, bool(flagged) == expected, float(b), float(g))

    def checked(self) -> LearnedIndex:
        """This index, once every rule's tests pass; ``RuleFileError`` at the first that fails."""
        for result in self.test_results():
            if not result.right:
                raise RuleFileError(result.rule.path, result.test.line, result.failure())
        return self

    def scores(self, sentences: Sequence[str]) -> np.ndarray:
        """``(rules, sentences)``: each rule's closest bad example where it flags the sentence,
        else -1. Kept per sentence, so a re-check after a keystroke compares only the edited
        sentence with the examples."""
        with self._lock:
            cached = {s: self._scores.get(s) for s in dict.fromkeys(sentences)}
        found = {s: column for s, column in cached.items() if column is not None}
        missing = [s for s in cached if s not in found]
        if missing:
            vectors = self.encoder.embed(missing)
            bad = self._bad.closest(vectors)
            good = np.maximum(self._good.closest(vectors), self.closest_fine(vectors)[:, None])
            fresh = list(zip(missing, np.where(flags(bad, good, *self._settings), bad, -1.0)))
            found.update(fresh)
            with self._lock:
                self._scores.update(fresh)
        return np.stack([found[s] for s in sentences], axis=1)

    def find(self, text: str, spans: list[tuple[int, int]], wanted: set[str]) -> list[tuple[Rule, int, int]]:
        """The rule each sentence reads like most, for the sentences some wanted rule flags."""
        rows = [row for row, r in enumerate(self.rules) if r.rule.id in wanted]
        if not spans or not rows:
            return []
        scores = self.scores([text[start:end] for start, end in spans])[rows]
        best = scores.argmax(axis=0)
        return [(self.rules[rows[b]].rule, start, end)
                for b, column, (start, end) in zip(best, scores.T, spans) if column[b] >= 0]


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
        Finding(rule=rule.id, category=rule.category, severity=rule.severity,
                message=book.spelling.respell(rule.message, context.dialect),
                offset=start, length=end - start, text=text[start:end])
        for rule, start, end in index.find(text, spans, wanted)
    ]
