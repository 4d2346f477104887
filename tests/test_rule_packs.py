"""Team rule packs: loaded from configuration, and refused loudly when broken."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tactful.app import create_app
from tactful.config import Settings
from tactful.engine.rules import RuleFileError

PACK = "name: acme\n"
RULE = """\
category: dismissive
severity: warning
message: Say "conversation", not "ticket"; the customer is a person, not a number.
patterns:
  - 'your ticket'
suggestions:
  - your conversation
examples:
  bad:
    - text: "I've updated your ticket."
      flagged: "your ticket"
      fixed: "I've updated your conversation."
  good:
    - "I've updated your order."
"""


def write_pack(root: Path, rule: str = RULE, name: str = "ticket-word.yml") -> Path:
    root.mkdir(exist_ok=True)
    (root / "pack.yml").write_text(PACK, encoding="utf-8")
    (root / name).write_text(rule, encoding="utf-8")
    return root


def test_a_team_pack_adds_its_rule(tmp_path: Path) -> None:
    client = create_app(Settings(rule_packs=(write_pack(tmp_path / "acme"),))).test_client()
    body = client.post("/v1/check", json={"text": "Thanks! I've updated your ticket."}).json
    assert "ticket-word" in {f["rule"] for f in body["findings"]}
    assert "ticket-word" in {r["id"] for r in client.get("/v1/rules").json["rules"]}


@pytest.mark.parametrize(
    ("rule", "line", "reason"),
    [
        (RULE.replace("severity: warning", "severity: fatal"), 2, "'severity' must be one of"),
        (RULE.replace("patterns:", "paterns:"), 4, "unknown key 'paterns'"),
        (RULE.replace("'your ticket'", "'your (ticket'"), 4, "invalid pattern"),
        (RULE.replace("'your ticket'", "'{{no_such_entry}}'"), 4, "unknown vocabulary entry"),
        (RULE.replace('flagged: "your ticket"', 'flagged: "your order"'), 11, "does not occur"),
        (RULE.split("examples:")[0] + "examples:\n  bad: []\n  good: []\n", 8, "at least one bad and one good"),
        (RULE.replace("message: Say", "message: Say: [it"), 3, None),
    ],
)
def test_a_broken_rule_file_names_file_line_and_reason(tmp_path: Path, rule: str, line: int, reason: str | None) -> None:
    pack = write_pack(tmp_path / "acme", rule)
    with pytest.raises(RuleFileError) as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert raised.value.path == pack / "ticket-word.yml"
    assert raised.value.line == line
    assert reason is None or reason in raised.value.reason


def test_a_rule_id_may_not_be_defined_twice(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="already defined"):
        create_app(Settings(rule_packs=(write_pack(tmp_path / "acme", name="tone-policing.yml"),)))


def test_a_pack_without_pack_yml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "loose").mkdir()
    with pytest.raises(RuleFileError, match="needs a pack.yml"):
        create_app(Settings(rule_packs=(tmp_path / "loose",)))


def test_gunicorn_refuses_to_start_on_a_broken_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "acme", RULE.replace("patterns:", "paterns:"))
    env = {**os.environ, "TACTFUL_RULE_PACKS": str(pack)}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--preload", "--bind", "127.0.0.1:0", "tactful.app:create_app()"],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )
    assert result.returncode != 0
    assert f"{pack / 'ticket-word.yml'}:4: unknown key 'paterns'" in result.stderr


def test_a_team_pack_rewords_the_reading(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "acme")
    (pack / "pack.yml").write_text('name: acme\nreading:\n  upset: "Unhappy customer ({percent})"\n', encoding="utf-8")
    client = create_app(Settings(rate_limit=None, rule_packs=(pack,))).test_client()
    body = client.post("/v1/check", json={"text": "Hello.", "customer_message": "My order never arrived!"}).json
    assert body["customer"]["reasons"][0].startswith("Unhappy customer (")


@pytest.mark.parametrize("template", ["Unhappy customer", "Unhappy ({pct})", "Unhappy {percent} {0}"])
def test_a_reading_without_its_percent_is_refused(tmp_path: Path, template: str) -> None:
    pack = write_pack(tmp_path / "acme")
    (pack / "pack.yml").write_text(f'name: acme\nreading:\n  upset: "{template}"\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"reading 'upset' must show the confidence") as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert raised.value.path == pack / "pack.yml" and raised.value.line == 3


HANG_SECONDS = 3
SPLICED = "name: acme\nvocabulary:\n  v0: 'sorry'\n" + "".join(
    f"  v{n}: '" + " ".join([f"{{{{v{n - 1}}}}}"] * 6) + "'\n" for n in range(1, 9))


@pytest.mark.parametrize(("pack_yml", "rule", "line", "reason"), [
    (SPLICED, RULE.replace("'your ticket'", "'{{v7}}'"), 4, "over 20,000 characters"),
    (PACK, RULE.replace("'your ticket'", "'" + "a" * 1_000_000 + "'"), 4, "over 20,000 characters"),
    (PACK, RULE.replace("  - your conversation", "  - '{match:>20000000}'"), 7, "must be a name"),
    (PACK, RULE.replace("  - your conversation", "  - '{match!r}'"), 7, "must be a name"),
    (PACK, "a: " + "[" * 20_000 + "]" * 20_000 + "\n", None, "nests too deeply"),
    (PACK, RULE + "weight: " + "9" * 5_000 + "\n", None, "cannot be read"),
])
def test_a_hostile_pack_is_refused_within_a_second_naming_file_and_reason(
        tmp_path: Path, pack_yml: str, rule: str, line: int | None, reason: str) -> None:
    pack = write_pack(tmp_path / "acme", rule)
    (pack / "pack.yml").write_text(pack_yml, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(RuleFileError) as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert time.perf_counter() - started < HANG_SECONDS, "a hostile pack must be refused, not waited on"
    assert raised.value.path == pack / "ticket-word.yml"
    assert raised.value.line == line
    assert reason in raised.value.reason


def test_a_pipe_named_like_a_rule_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "acme")
    os.mkfifo(pack / "x.yml")
    with pytest.raises(RuleFileError, match="not a regular file") as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert raised.value.path == pack / "x.yml"


RUDENESS = PACK + "categories:\n  - {id: rudeness, label: Rude, colour: '#aa0000', layer: tone}\n"


def test_a_team_pack_declares_its_own_category_and_the_api_serves_it(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "acme", RULE.replace("category: dismissive", "category: rudeness"))
    (pack / "pack.yml").write_text(RUDENESS, encoding="utf-8")
    client = create_app(Settings(rule_packs=(pack,), rate_limit=None)).test_client()
    categories = client.get("/v1/rules").json["categories"]
    assert categories[0]["id"] == "dismissive" and categories[-1] == {
        "id": "rudeness", "label": "Rude", "colour": "#aa0000", "layer": "tone"}
    checked = client.post("/v1/check", json={"text": "I've updated your ticket.", "categories": ["rudeness"]}).json
    assert [(f["rule"], f["category"]) for f in checked["findings"]] == [("ticket-word", "rudeness")]
    document = client.get("/v1/openapi.json").json
    assert "rudeness" in document["components"]["schemas"]["Finding"]["properties"]["category"]["enum"]


@pytest.mark.parametrize(("pack_yml", "category", "file", "reason"), [
    (PACK, "rudeness", "ticket-word.yml", "category 'rudeness' is not declared"),
    (PACK + "categories:\n  - {id: dismissive, label: Mean, colour: '#000000', layer: tone}\n", "dismissive",
     "pack.yml", "category 'dismissive' is already declared"),
    (PACK + "categories:\n  - {id: Rude!, label: Rude, colour: '#aa0000', layer: tone}\n", "dismissive",
     "pack.yml", "lowercase letters, digits and dashes"),
    (PACK + "categories:\n  - {id: rude, label: Rude, colour: red, layer: tone}\n", "dismissive", "pack.yml", "#rrggbb"),
])
def test_a_category_is_declared_once_and_well(tmp_path: Path, pack_yml: str, category: str, file: str, reason: str) -> None:
    pack = write_pack(tmp_path / "acme", RULE.replace("category: dismissive", f"category: {category}"))
    (pack / "pack.yml").write_text(pack_yml, encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        create_app(Settings(rule_packs=(pack,)))
    assert raised.value.path == pack / file and reason in raised.value.reason
