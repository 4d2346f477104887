"""The client against a real LanguageTool server, and against faults."""
from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from tactful.grammar import process
from tactful.grammar.breaker import CircuitBreaker
from tactful.grammar.client import GrammarChecker

# Checks that are not about the budget get a generous one: CI machines can be busy.
SLOW_OK = 15.0


def _spelled(result, word: str):
    return [f for f in result.findings if f.category == "spelling" and f.text == word]


def test_misspelt_reply_gets_spelling_findings_with_exact_offsets(lt_url: str) -> None:
    text = "Sorry 😊 for the dealy, we will recieve it tomorow 👍🏽."
    result = GrammarChecker(lt_url, budget=SLOW_OK).check(text)
    assert result.status == "ok"
    for word in ("dealy", "recieve", "tomorow"):
        [finding] = _spelled(result, word)
        assert text[finding.offset:finding.offset + finding.length] == word
        assert finding.rule == "MORFOLOGIK_RULE_EN_US"
        assert finding.source == "languagetool" and finding.severity == "warning"
        assert 1 <= len(finding.suggestions) <= 5
        assert all(s.kind == "replace" and s.offset == finding.offset for s in finding.suggestions)
    assert "receive" in [s.text for s in _spelled(result, "recieve")[0].suggestions]


def test_offsets_survive_many_non_bmp_characters(lt_url: str) -> None:
    text = "🙏🙏🙏 𝒜𝒷𝒸 Thank you for your paitence 😊😊."
    [finding] = _spelled(GrammarChecker(lt_url, budget=SLOW_OK).check(text), "paitence")
    assert text[finding.offset:finding.end] == "paitence"


def test_grammar_findings_are_categorised(lt_url: str) -> None:
    result = GrammarChecker(lt_url, budget=SLOW_OK).check("We has fixed it. This is a example.")
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["EN_A_VS_AN"].category == "grammar"
    assert by_rule["EN_A_VS_AN"].suggestions[0].label == "Replace with “an”"
    assert any(f.category == "grammar" and f.text == "has" for f in result.findings)


def test_disabled_rules_stay_silent(lt_url: str) -> None:
    text = "I want to say sorry  again. Thanks for contacting us."
    everything = GrammarChecker(lt_url, budget=SLOW_OK, disabled_rules=())
    noisy = {f.rule for f in everything.check(text).findings}
    assert {"SAY_SORRY", "CONSECUTIVE_SPACES", "THANKS_FOR_CONTACTING_ME"} <= noisy
    assert GrammarChecker(lt_url, budget=SLOW_OK).check(text).findings == ()


def test_time_budget_is_respected_when_languagetool_hangs(hanging_url: str) -> None:
    checker = GrammarChecker(hanging_url, budget=0.3)
    started = time.monotonic()
    result = checker.check("Sorry for the delay.")
    assert time.monotonic() - started < 0.6
    assert (result.status, result.reason) == ("unavailable", "LanguageTool timed out")


def test_the_budget_is_a_deadline_when_languagetool_trickles(trickling_url: str) -> None:
    checker = GrammarChecker(trickling_url, budget=0.8)
    started = time.monotonic()
    result = checker.check("Sorry for the delay.")
    assert time.monotonic() - started < 1.0
    assert (result.status, result.reason) == ("unavailable", "LanguageTool timed out")


def test_unreachable_server_is_unavailable_and_text_is_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = process.free_port()
    with caplog.at_level(logging.DEBUG):
        result = GrammarChecker(f"http://127.0.0.1:{port}").check("secret customer words")
    assert (result.status, result.reason) == ("unavailable", "LanguageTool is not reachable")
    assert "secret customer words" not in caplog.text


def test_circuit_breaker_opens_then_closes_when_languagetool_is_back(
    hanging_url: str, lt_url: str,
) -> None:
    checker = GrammarChecker(hanging_url, budget=0.2,
                             breaker=CircuitBreaker(threshold=2, cooldown=0.5))
    assert [checker.check("Hello there.").reason for _ in range(2)] == ["LanguageTool timed out"] * 2
    started = time.monotonic()
    paused = checker.check("Hello there.")
    assert time.monotonic() - started < 0.05
    assert paused.reason == "LanguageTool is paused after repeated failures"
    checker.url, checker.budget = lt_url, SLOW_OK
    assert checker.check("Hello there.").status == "unavailable"   # still cooling down
    time.sleep(0.6)
    assert checker.check("Sorry for the dealy.").status == "ok"    # the trial call closes it
    assert not checker.breaker.is_open


def test_a_refused_request_is_unavailable_but_does_not_open_the_breaker(lt_url: str) -> None:
    checker = GrammarChecker(lt_url, budget=SLOW_OK, breaker=CircuitBreaker(threshold=1))
    refused = checker.check("Sorry for the dealy.", language="xx-XX")
    assert (refused.status, refused.reason) == ("unavailable", "LanguageTool answered 400")
    assert not checker.breaker.is_open
    assert checker.check("Sorry for the dealy.").status == "ok"


def test_never_installed_is_unavailable_with_reason(no_lt_env: Path) -> None:
    assert process.start_shared() is None
    result = GrammarChecker.from_env().check("Sorry for the delay.")
    assert result.status == "unavailable"
    assert result.reason is not None and "not installed" in result.reason


def test_grammar_off_by_configuration(no_lt_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACTFUL_GRAMMAR", "off")
    assert process.start_shared() is None
    assert GrammarChecker.from_env().check("Sorry for the dealy.").status == "off"


def test_remote_url_from_configuration_is_used(
    no_lt_env: Path, monkeypatch: pytest.MonkeyPatch, lt_url: str,
) -> None:
    monkeypatch.setenv("TACTFUL_LT_URL", lt_url + "/v2/")
    monkeypatch.setenv("TACTFUL_LT_TIMEOUT", str(SLOW_OK))
    assert process.start_shared() == lt_url + "/v2/"     # no local JVM when a URL is given
    assert _spelled(GrammarChecker.from_env().check("Sorry for the dealy."), "dealy")


def test_start_refuses_a_port_someone_else_holds(lt_classpath: str, hanging_url: str,
                                                 tmp_path: Path) -> None:
    port = int(hanging_url.rsplit(":", 1)[1])
    server = process.LanguageToolServer(lt_classpath, port=port, home=tmp_path)
    with pytest.raises(process.LanguageToolError, match="already in use"):
        server.start()
    assert not server.running


def test_health_closes_the_breaker_once_languagetool_is_back(lt_url: str, hanging_url: str) -> None:
    clock = [0.0]
    breaker = CircuitBreaker(threshold=1, cooldown=5, clock=lambda: clock[0])
    checker = GrammarChecker(hanging_url, budget=0.2, breaker=breaker)
    assert checker.check("Sorry for the dealy.").status == "unavailable"
    assert checker.status()["reason"] == "LanguageTool is paused after repeated failures"
    checker.url = lt_url
    clock[0] = 6.0
    assert checker.status() == {"status": "ok", "reason": None}
    assert not breaker.is_open


def test_a_text_within_tactfuls_limit_is_never_too_long_for_languagetool(lt_url: str) -> None:
    """Tactful counts code points and LanguageTool UTF-16 units: 19,850 letters and 150 emoji
    are Tactful's 20,000 but 20,150 units, which LanguageTool refused at once (413) until its
    limit became twice Tactful's. It now takes the text (and here runs out of the budget)."""
    text = ("Sorry for the dealy, we will fix it today. " * 500)[:19_850] + "😀" * 150
    result = GrammarChecker(lt_url, budget=0.8).check(text)
    assert result.reason != "the reply is too long for LanguageTool"
    assert result.status == "ok" or result.reason == "LanguageTool timed out"


def test_a_reply_of_emoji_is_not_sent_to_languagetool(lt_url: str) -> None:
    """19,000 emoji kept a LanguageTool thread on a full core for minutes, past its own time
    limit, slowing every other agent's check; such a reply gets tone checks only, at once."""
    started = time.monotonic()
    result = GrammarChecker(lt_url, budget=0.8).check("😀" * 19_000 + " Sorry for the dealy.")
    assert time.monotonic() - started < 0.1
    assert (result.status, result.reason) == ("unavailable", "the reply has over 200 emoji, too many for LanguageTool")


def test_one_pathological_reply_cannot_take_languagetool_down(lt_classpath: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """20,000 characters of "a a a …" kept LanguageTool busy long after Tactful gave up, until it
    died out of memory and grammar was gone for every agent. It now stops any one check a second
    after the client's budget, and carries on."""
    monkeypatch.setenv("TACTFUL_LT_TIMEOUT", "0.8")
    server = process.LanguageToolServer(lt_classpath, home=tmp_path)
    server.start()
    try:
        pid = server.pid
        monster = "a " * 9990 + " calm down tomorow"
        assert GrammarChecker(server.url, budget=0.8).check(monster).reason == "LanguageTool timed out"
        started = time.monotonic()
        waited = GrammarChecker(server.url, budget=30).check(monster)
        assert waited.status == "unavailable" and time.monotonic() - started < 5
        time.sleep(3)
        assert _spelled(GrammarChecker(server.url, budget=SLOW_OK).check("Sorry for the dealy."), "dealy")
        assert server.pid == pid and server.running
    finally:
        server.stop()
