"""Learned rules, with the real encoder: a team pack teaches a move by example sentences.

``tests/data/weather-pack`` holds one learned rule (blaming the weather). The sentences
checked here are none of its examples or tests, so what is asserted is what it learned.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tactful.app import create_app
from tactful.config import Settings
from tactful.engine.rules import RuleFileError
from tactful.engine.sentences import sentence_spans

PACK = Path(__file__).parent / "data" / "weather-pack"
RULE = "weather-excuse"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return create_app(Settings(rate_limit=None, rule_packs=(PACK,))).test_client()


def _findings(client: FlaskClient, text: str) -> list[dict]:
    body = client.post("/v1/check", json={"text": text, "channel": "twitter"}).get_json()
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
