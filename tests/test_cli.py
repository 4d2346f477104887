"""The ``tactful`` command as a terminal user meets it: output lines and exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DISMISSIVE = "Hi Dana,\n\nAs I already explained, that's our policy.\n\nBest,\nSam\n"
KIND = "Thanks for your patience, Dana. I'm so sorry the order was late, I know how frustrating that is; that's on us. I've refunded the delivery fee and you can reach me on 020 7946 0958.\n"


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tactful.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env=env, check=False)


def test_findings_print_like_a_linter_and_exit_1(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text(DISMISSIVE, encoding="utf-8")
    result = run("check", str(reply))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    jab = next(line for line in lines if "As I already explained" in line)
    assert jab.startswith("3:1 ") and "error" in jab and "dismissive" in jab and "→ 'To recap'" in jab
    assert "\x1b[" not in result.stdout
    assert lines[-1].startswith("score ")


def test_clean_reply_from_stdin_exits_0() -> None:
    result = run("check", "-", stdin=KIND)
    assert result.returncode == 0, result.stdout
    assert "100/100" in result.stdout


def test_fail_on_threshold() -> None:
    text = "Sorry, I've refunded the fee. Did you restart it??\n"
    assert run("check", "-", "--fail-on", "error", stdin=text).returncode == 0
    assert run("check", "-", "--fail-on", "warning", stdin=text).returncode == 1


def test_customer_message_decides_whether_an_apology_is_needed(tmp_path: Path) -> None:
    question, complaint = tmp_path / "q.txt", tmp_path / "c.txt"
    question.write_text("Do you ship to Canada?", encoding="utf-8")
    complaint.write_text("My parcel never arrived and I was charged twice.", encoding="utf-8")
    reply = "Yes, we ship to Canada in about five days.\n"
    assert run("check", "-", "--customer", str(question), stdin=reply).returncode == 0
    assert "missing-apology" in run("check", "-", "--customer", str(complaint), stdin=reply).stdout


def test_json_format_matches_the_api(tmp_path: Path) -> None:
    result = run("check", "-", "--format", "json", "--channel", "twitter", stdin="@jo Calm down!! ^JK")
    body = json.loads(result.stdout)
    assert {f["rule"] for f in body["findings"]} >= {"tone-policing", "exclamations"}
    assert body["rewrite"].startswith("@jo ")


@pytest.mark.parametrize("args", [("check", "--channel", "fax", "-"), ("check", "/no/such/file"), ("frobnicate",)])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert run(*args, stdin="hello").returncode == 2


def test_empty_reply_is_a_usage_error() -> None:
    result = run("check", "-", stdin="  \n")
    assert result.returncode == 2 and "empty" in result.stderr


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.returncode == 0
    assert any(line.startswith("sorry-you-feel ") for line in result.stdout.splitlines())
