"""Every rule's own examples are tests: bad ones are flagged exactly, good ones stay silent."""
from __future__ import annotations

import pytest

from tactful.engine.checker import Checker
from tactful.engine.checks.customer import find_problems, find_signals
from tactful.engine.patterns import compile_pattern
from tactful.engine.rewrite import apply
from tactful.engine.rulebook import load_rulebook
from tactful.engine.rules import Example, Rule

BOOK = load_rulebook()
CHECKER = Checker(BOOK)


def _examples(which: str) -> list:
    """Every rule's examples, except a learned rule's: those are what it learns from, and its
    ``tests`` were already checked when the pack loaded (``test_learned_rules.py``)."""
    return [
        pytest.param(rule, example, id=f"{rule.id}:{which}{index + 1}")
        for rule in BOOK.rules.values() if rule.kind != "learned"
        for index, example in enumerate(getattr(rule, which))
    ]


def _findings(rule: Rule, example: Example) -> list:
    report = CHECKER.check(example.text, channel=example.channel, customer_message=example.customer)
    return [finding for finding in report.findings if finding.rule == rule.id]


@pytest.mark.parametrize(("rule", "example"), _examples("bad"))
def test_bad_example_is_flagged_exactly(rule: Rule, example: Example) -> None:
    if rule.kind == "signal":
        signals = find_signals(example.text, BOOK)[0]
        assert (rule.id, example.flagged) in {(s.kind, s.text) for s in signals}
        return
    if rule.kind == "problem":
        problem = find_problems(example.text, BOOK)[0]
        assert (problem.kind, problem.text) == (rule.id, example.flagged)
        return
    findings = _findings(rule, example)
    assert len(findings) == 1, f"expected one finding, got {[f.text for f in findings]}"
    finding = findings[0]
    assert example.text[finding.offset:finding.end] == finding.text
    if example.flagged is not None:
        assert finding.text == example.flagged
    if example.fixed is not None:
        assert finding.suggestions, "a finding with a fix needs a suggestion"
        assert apply(example.text, [finding.suggestions[0]]) == example.fixed


@pytest.mark.parametrize(("rule", "example"), _examples("good"))
def test_good_example_stays_silent(rule: Rule, example: Example) -> None:
    if rule.kind == "signal":
        assert rule.id not in {s.kind for s in find_signals(example.text, BOOK)[0]}
    elif rule.kind == "problem":
        assert rule.id not in {p.kind for p in find_problems(example.text, BOOK)}
    else:
        assert _findings(rule, example) == []


@pytest.mark.parametrize("rule", [r for r in BOOK.rules.values() if r.kind in ("phrase", "signal", "problem")], ids=lambda r: r.id)
def test_every_pattern_is_exercised_by_a_bad_example(rule: Rule) -> None:
    for regex in rule.patterns:
        compiled = compile_pattern(regex)
        assert any(compiled.search(example.text) for example in rule.bad), f"no bad example matches {regex!r}"


def test_core_pack_covers_the_contract_categories() -> None:
    categories = {rule.category for rule in BOOK.rules.values()}
    assert {"dismissive", "non-apology", "missing-apology", "missing-contact"} <= categories
