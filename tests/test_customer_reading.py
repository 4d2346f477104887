"""The learned reading of the customer, with the real encoder and the shipped head.

Every message here is one the head never learned from: ``tests/data/customer_messages.yml``
was written apart from ``models/training/``, and the examples quoted in the issue that asked
for the reading are kept out of training too (the first test proves both).
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from ruamel.yaml import YAML

from tactful.app import build_checker, create_app
from tactful.config import Settings
from tactful.learned.examples import TRAINING_FILE

MESSAGES = YAML(typ="safe").load((Path(__file__).parent / "data" / "customer_messages.yml").read_text(encoding="utf-8"))
UPSET = [
    "You charged me 9.99 without ANY warning. I never agreed to renew. I want my money back.",
    "My bill doubled this month with zero explanation. Explain this NOW.",
    "Tracking says delivered but there is no package. My porch is empty. What now?",
    "I want my money back.",
    "Great job! Three outages this week",
    "why is the 17:50 crawling again?",
    "7:20 bus not here, it's 7:22",
    "25 minutes on hold",
]
CALM = [
    "Do you ship to Canada?",
    "What time does the Leeds store open on Sundays?",
    "Just wanted to say the new app is brilliant, thank you!",
]
REFUSAL = "Unfortunately, since the renewal has already been processed, we are unable to offer a refund."


def _read(client: FlaskClient, message: str, text: str = REFUSAL) -> dict:
    response = client.post("/v1/check", json={"text": text, "customer_message": message})
    assert response.status_code == 200
    return response.get_json()


def test_no_message_here_was_trained_on() -> None:
    with TRAINING_FILE.open(encoding="utf-8", newline="") as handle:
        trained = {row["text"].strip().casefold() for row in csv.DictReader(handle)}
    here = [*MESSAGES["upset"], *MESSAGES["calm"], *UPSET, *CALM]
    assert not [m for m in here if m.strip().casefold() in trained]


@pytest.mark.parametrize("message", UPSET)
def test_complaints_without_angry_words_read_as_upset(client: FlaskClient, message: str) -> None:
    body = _read(client, message)
    assert body["customer"]["upset"] is True
    assert body["customer"]["reasons"][0].startswith("Reads like a complaint")
    assert any(f["category"] == "missing-apology" for f in body["findings"])


@pytest.mark.parametrize("message", CALM)
def test_questions_and_praise_read_as_calm(client: FlaskClient, message: str) -> None:
    body = _read(client, message, "Yes, happy to help with that.")
    assert body["customer"]["upset"] is False
    assert not any(f["category"].startswith("missing-") for f in body["findings"])


@pytest.mark.parametrize("mood", ["upset", "calm"])
def test_most_held_out_messages_are_read_as_a_person_would(mood: str) -> None:
    """The reading is a probability, not a rule: it must be right on the large majority."""
    checker = build_checker(Settings())
    messages = MESSAGES[mood]
    right = [checker.check("Thanks for your message.", customer_message=m).customer.upset == (mood == "upset")
             for m in messages]
    assert sum(right) / len(messages) >= 0.8


def test_confidence_and_reasons_say_why(client: FlaskClient) -> None:
    customer = _read(client, "My order never arrived and I want a refund. Third time asking!")["customer"]
    assert customer["upset"] is True and 0.5 < customer["confidence"] <= 1
    assert customer["reasons"][0] == f"Reads like a complaint ({min(customer['confidence'], 0.99):.0%} sure)"
    assert "Says something went wrong: “never arrived”" in customer["reasons"]
    assert {"signal": "signal-breach", "text": "never arrived"} in customer["signals"]


def test_the_threshold_is_configuration() -> None:
    message = "25 minutes on hold"
    lenient = create_app(Settings(rate_limit=None, upset_threshold=0.99)).test_client()
    assert _read(lenient, message)["customer"]["upset"] is False


@pytest.mark.parametrize("value", ["high", "0", "1.5"])
def test_a_bad_threshold_stops_start_up_naming_the_variable(value: str) -> None:
    with pytest.raises(ValueError, match="TACTFUL_UPSET_THRESHOLD"):
        Settings.from_env({"TACTFUL_UPSET_THRESHOLD": value})


def test_the_command_line_shows_the_reading(tmp_path: Path) -> None:
    customer = tmp_path / "customer.txt"
    customer.write_text("Tracking says delivered but there is no package. My porch is empty.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tactful.cli", "check", "-", "--customer", str(customer)],
        input="We're unable to help with that.", capture_output=True, text=True, timeout=60, check=False,
    )
    first = result.stdout.splitlines()[0]
    assert first.startswith("customer upset: Reads like a complaint (") and "sure)" in first


UPSET_ONLY_RULE = """\
category: dismissive
severity: warning
message: "\\"Unfortunately\\" as the first word tells an upset customer the answer is no before anything else."
applies:
  customer: upset
patterns:
  - '^unfortunately,?'
suggestions:
  - "I'm sorry,"
examples:
  bad:
    - text: "Unfortunately, that is not possible."
      flagged: "Unfortunately,"
      fixed: "I'm sorry, that is not possible."
  good:
    - "That is not possible, unfortunately."
"""


def test_v2_tone_matches_follow_the_customer_reading(tmp_path: Path) -> None:
    pack = tmp_path / "acme"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: acme\n", encoding="utf-8")
    (pack / "upset-unfortunately.yml").write_text(UPSET_ONLY_RULE, encoding="utf-8")
    client = create_app(Settings(rate_limit=None, rule_packs=(pack,))).test_client()

    def rules(customer: str | None) -> set[str]:
        form = {"text": "Unfortunately, that is not possible.", "language": "en-US"}
        answer = client.post("/v2/check", data={**form, **({"customerMessage": customer} if customer else {})})
        return {m["rule"]["id"] for m in answer.get_json()["matches"]}

    assert "upset-unfortunately" in rules("Third time asking: where is my refund?")
    assert "upset-unfortunately" not in rules("Do you ship to Canada?")
    assert "upset-unfortunately" in rules(None)
