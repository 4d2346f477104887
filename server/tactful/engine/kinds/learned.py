"""``learned``: flag a sentence of the reply that reads like the rule's ``bad`` example
sentences and not like its ``good`` near misses or the packs' shared ones (nearest
neighbours on the reply encoder); its ``tests`` are sentences it does not learn from, which
must come out right when the pack loads. Checked by ``checks/learned.py``."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...learned.vectors import example_vectors
from ..checks.learned import LearnedIndex
from ..rulefile import RuleFile, fraction, read_examples
from .base import RuleKind

MIN_EXAMPLES = 8
MIN_TESTS = 2


def read(file: RuleFile, vocabulary: Mapping[str, str], fields: dict[str, Any]) -> None:
    fields["threshold"] = fraction(file, "threshold", 0.6)
    fields["margin"] = fraction(file, "margin", 0.05)
    if min(len(fields["bad"]), len(fields["good"])) < MIN_EXAMPLES:
        raise file.fail(f"a learned rule needs at least {MIN_EXAMPLES} bad and good example sentences", file.data, "examples")
    fields["tests_bad"], fields["tests_good"] = read_examples(
        file, "tests", "learned", MIN_TESTS,
        f"a learned rule needs at least {MIN_TESTS} bad and good test sentences it does not learn from")


KIND = RuleKind(
    "learned", frozenset({"threshold", "margin", "tests"}), read,
    compile=lambda rules, book: LearnedIndex.build(rules, book.near_misses, example_vectors(book.models)).checked() if rules else None,
)
