"""Pure logic: UTF-16 offsets, category mapping, the circuit breaker."""
from __future__ import annotations

from tactful.engine.offsets import codepoint_converter
from tactful.grammar.breaker import CircuitBreaker
from tactful.grammar.matches import category_of, to_findings


def _utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_utf16_offsets_map_back_to_code_points_past_emoji_and_non_bmp() -> None:
    text = "😀 a 𝒜 b 👍🏽 c é"
    to_codepoint = codepoint_converter(text)
    for index in range(len(text) + 1):
        assert to_codepoint(_utf16_offset(text, index)) == index


def test_bmp_text_maps_to_itself() -> None:
    to_codepoint = codepoint_converter("plain — café")
    assert [to_codepoint(i) for i in (0, 5, 12, 99)] == [0, 5, 12, 12]


def test_categories_follow_issue_type_and_typos_category() -> None:
    assert category_of({"issueType": "misspelling", "category": {"id": "TYPOS"}}) == "spelling"
    assert category_of({"issueType": "misspelling", "category": {"id": "MISC"}}) == "grammar"
    assert category_of({"issueType": "typographical", "category": {"id": "PUNCTUATION"}}) == "grammar"
    assert category_of({"issueType": "style", "category": {"id": "STYLE"}}) == "style"
    assert category_of({"issueType": "whitespace", "category": {"id": "TYPOGRAPHY"}}) == "style"


def test_match_becomes_finding_with_at_most_five_replacements() -> None:
    text = "🙂 the the end"
    match = {
        "message": "Possible typo: you repeated a word.",
        "offset": 3, "length": 7,
        "replacements": [{"value": "the"}] + [{"value": f"x{i}"} for i in range(9)],
        "rule": {"id": "ENGLISH_WORD_REPEAT_RULE", "issueType": "duplication",
                 "category": {"id": "MISC"}},
    }
    [finding] = to_findings(text, [match])
    assert (finding.offset, finding.length, finding.text) == (2, 7, "the the")
    assert (finding.category, finding.severity, finding.source) == ("grammar", "warning", "languagetool")
    assert len(finding.suggestions) == 5
    assert finding.suggestions[0].label == "Replace with “the”"
    assert (finding.suggestions[0].offset, finding.suggestions[0].length) == (2, 7)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_threshold_and_half_opens_after_cooldown() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=3, cooldown=10, clock=clock)
    for _ in range(2):
        assert breaker.allow()
        breaker.record_failure()
    assert not breaker.is_open
    breaker.record_failure()
    assert breaker.is_open and not breaker.allow()
    clock.now = 10
    assert breaker.allow()          # one trial
    assert not breaker.allow()      # and only one
    breaker.record_failure()        # trial failed: wait again
    assert not breaker.allow()
    clock.now = 20
    assert breaker.allow()
    breaker.record_success()
    assert not breaker.is_open and breaker.allow()


def test_breaker_success_resets_the_failure_count() -> None:
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=FakeClock())
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert not breaker.is_open
