"""Learned rules, with the real reply encoder: the core pack's moves, and a team pack that
teaches one more by example sentences.

``tests/data/weather-pack`` holds one learned rule (blaming the weather). The sentences
checked here were written for these tests and are none of any rule's examples, tests or the
shared near misses (checked below), so what is asserted is what the rules learned.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tactful.app import create_app
from tactful.config import Settings
from tactful.engine.rulebook import CORE_PACK
from tactful.engine.rules import RuleFileError, load_pack
from tactful.engine.sentences import sentence_spans

PACK = Path(__file__).parent / "data" / "weather-pack"
RULE = "weather-excuse"
CORE_LEARNED = sorted(r.id for r in load_pack(CORE_PACK)[1] if r.kind == "learned")


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return create_app(Settings(rate_limit=None, rule_packs=(PACK,))).test_client()


def _findings(client: FlaskClient, text: str) -> list[dict]:
    """The team rule's findings, with the core learned rules switched off: blaming the
    weather is also a core refusal or excuse, and this is about what the team's examples teach."""
    body = client.post("/v1/check", json={"text": text, "channel": "twitter", "disabled_rules": CORE_LEARNED}).get_json()
    return [f for f in body["findings"] if f["rule"] == RULE]


def test_a_sentence_that_reads_like_the_move_is_flagged_whole(client: FlaskClient) -> None:
    text = "@115990 Hi Sam! We can't control the weather, sorry. Your bag is on the next flight. ^JK"
    [finding] = _findings(client, text)
    assert finding["text"] == "We can't control the weather, sorry."
    assert text[finding["offset"]:finding["offset"] + finding["length"]] == finding["text"]
    assert finding["category"] == "dismissive" and finding["suggestions"] == []
    assert finding["message"].startswith("Blaming the weather")


@pytest.mark.parametrize("text", [
    "@115990 The weather is awful today, stay safe out there! ^JK",
    "@115990 The snow delayed your order, so I've refunded the shipping. ^JK",
    "@115990 Please DM us your order number and we'll check it right away. ^JK",
])
def test_near_misses_and_ordinary_replies_stay_quiet(client: FlaskClient, text: str) -> None:
    assert _findings(client, text) == []


def test_a_phrase_rule_on_the_same_sentence_wins(client: FlaskClient) -> None:
    text = "Please calm down, the weather is outside our control."
    body = client.post("/v1/check", json={"text": text}).get_json()
    assert {f["rule"] for f in body["findings"] if f["scope"] == "span"} == {"tone-policing"}


DEFLECTING = [
    ("@30112 Seat selection is only included on Flex fares. ^LM", "rule-as-answer"),
    ("@30112 You'll need to take this up with the marketplace seller directly. ^LM", "redirects-elsewhere"),
    ("Have you actually tried turning the box off at the wall?", "interrogating"),
    ("Nobody else in your street has reported a problem with the water.", "contradicting"),
    ("We regret any disappointment this has caused.", "hollow-apology"),
]
FINE = [
    "@30112 So sorry your seat was changed, Dee! DM us your booking code and we'll put you back by the window. ^LM",
    ("I'm sorry we charged you twice, that was our mistake. Our policy is to refund in full in these cases, "
     "and I've already started that, so you'll see it within 3 days."),
    ("@30112 Thanks for letting us know! Which station did you board at? We'll pass the times to the driver's depot "
     "and come back to you today. ^LM"),
    "Great to hear the new router is working, enjoy the faster speeds!",
]


@pytest.fixture(scope="module")
def core() -> FlaskClient:
    return create_app(Settings(rate_limit=None)).test_client()


def _learned(client: FlaskClient, text: str) -> list[dict]:
    body = client.post("/v1/check", json={"text": text, "channel": "twitter"}).get_json()
    return [f for f in body["findings"] if f["rule"] in CORE_LEARNED]


@pytest.mark.parametrize(("text", "rule"), DEFLECTING)
def test_core_learned_rules_flag_deflection_they_never_saw(core: FlaskClient, text: str, rule: str) -> None:
    [finding] = _learned(core, text)
    assert finding["rule"] == rule
    assert text[finding["offset"]:finding["offset"] + finding["length"]] == finding["text"]
    assert finding["suggestions"] == []


@pytest.mark.parametrize("text", FINE)
def test_core_learned_rules_leave_fine_replies_alone(core: FlaskClient, text: str) -> None:
    assert _learned(core, text) == []


def test_these_sentences_are_not_what_the_rules_learned_from() -> None:
    pack, rules = load_pack(CORE_PACK)
    known = set(pack.near_misses) | {e.text for r in rules for e in (*r.bad, *r.good, *r.tests_bad, *r.tests_good)}
    checked = [t for t, _ in DEFLECTING] + FINE
    assert not known & {piece for text in checked for piece in (text, *(text[s:e] for s, e in sentence_spans(text)))}


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "weather-pack"
    shutil.copytree(PACK, target)
    return target


def test_a_failing_test_sentence_stops_the_pack_with_its_line(tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    rule = pack / f"{RULE}.yml"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace('    - "Fog held up your flight; I\'ve rebooked you on the first one tomorrow."',
                                 '    - "Snow is beyond our control, so the delay is not our responsibility."'), encoding="utf-8")
    with pytest.raises(RuleFileError, match="is flagged") as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert raised.value.path == rule and raised.value.line == 32
    assert "closest bad example" in raised.value.reason


def test_too_few_examples_are_refused(tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    rule = pack / f"{RULE}.yml"
    lines = rule.read_text(encoding="utf-8").splitlines(keepends=True)
    rule.write_text("".join(lines[:10] + lines[16:]), encoding="utf-8")
    with pytest.raises(RuleFileError, match="at least 8 bad and good example sentences"):
        create_app(Settings(rule_packs=(pack,)))


def test_a_threshold_outside_zero_and_one_is_refused(tmp_path: Path) -> None:
    pack = _copy(tmp_path)
    rule = pack / f"{RULE}.yml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("threshold: 0.6", "threshold: 6"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="'threshold' must be between 0 and 1") as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert raised.value.line == 5


def test_sentences_skip_handles_line_breaks_and_fragments() -> None:
    text = "@115990 @Acme Hi! Sorry about that. It ships on Monday (we checked).\nThanks a lot\n^JK"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Sorry about that.", "It ships on Monday (we checked).", "Thanks a lot"]
