"""``tactful audit`` end to end, with the real checker and encoders: the files a lead gets,
bad input, masking, --limit/--since and going on after an interruption."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from audit_exports import (
    DISMISSIVE,
    KIND,
    TABLE_FLAGS,
    UPSET,
    write_table,
    write_twcs,
    write_zendesk_document,
    zendesk_tickets,
)
from tactful.app import build_checker
from tactful.audit import writers
from tactful.audit.run import AuditOptions, audit
from tactful.cli import main
from tactful.config import Settings, current
from tactful.engine.rulebook import load_rulebook


def run_audit(*args: str) -> Result:
    return CliRunner().invoke(main, ["audit", "--processes", "1", *args], catch_exceptions=False)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_zendesk_export_gives_one_row_per_reply_and_per_finding_and_a_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_audit(str(write_zendesk_document(tmp_path / "tickets.json")), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["checked 4 replies", f"report: {out / 'report.html'}"]
    assert sorted(p.name for p in out.iterdir()) == ["bad-rows.csv", "findings.csv", "replies.csv", "report.html"], \
        "the checkpoint is gone once the audit has finished"
    replies = rows(out / "replies.csv")
    assert [r["reply_id"] for r in replies] == ["1003", "1006", "2002", "3002"]
    dismissive, kind, answer, _ = replies
    api = build_checker(current()).check(DISMISSIVE, channel="email", customer_message=UPSET)
    assert int(dismissive["score"]) == api.score and dismissive["rewrite"] == api.rewrite, "the audit scores as /v1/check does"
    assert dismissive["customer_upset"] == "yes" and "dismissive" in dismissive["categories"].split()
    assert int(kind["score"]) > int(dismissive["score"])
    assert answer["customer_upset"] == "no" and (answer["agent"], answer["team"], answer["channel"]) == ("Priya Nair", "Sales", "chat")
    findings = rows(out / "findings.csv")
    assert {f["rule"] for f in findings if f["reply_id"] == "1003"} == {f.rule for f in api.findings}
    assert sum(f["reply_id"] == "1003" for f in findings) == int(dismissive["findings"])
    jab = next(f for f in findings if f["reply_id"] == "1003" and f["text"])
    assert DISMISSIVE[int(jab["offset"]):int(jab["offset"]) + int(jab["length"])] == jab["text"]


def test_the_report_is_one_file_that_needs_no_network_and_says_it_quotes_replies(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_audit(str(write_zendesk_document(tmp_path / "tickets.json")), "--out", str(out))
    page = (out / "report.html").read_text(encoding="utf-8")
    first_screen = page[page.index("<body>"):page.index('<div class="cards">')]
    assert "This report quotes the replies it checked" in first_screen and "Nothing in it is masked" in first_screen
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "plotly.js v" in page[:page.index("</head>")]
    for section in ("over-time", "agents", "teams", "upset", "moves", "scores", "worst", "notes"):
        assert f'<section id="{section}">' in page
    assert page.count('class="plotly-graph-div"') == 6
    worst = page[page.index('<section id="worst">'):page.index('<section id="notes">')]
    assert worst.count('<article class="reply">') == 4
    assert "As I already explained" in worst and "Sam Okafor" in worst and "The fix" in worst
    assert worst.index("As I already explained") < worst.index("Thanks for asking!"), "the worst reply comes first"
    moves = page[page.index('<section id="moves">'):page.index('<section id="scores">')]
    jab = next(f for f in rows(out / "findings.csv") if f["text"] == "As I already explained")
    assert jab["rule"].replace("-", " ").capitalize() in moves and "“As I already explained”" in moves


def test_replies_are_escaped_in_the_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tickets = zendesk_tickets()
    tickets[0]["comments"][2]["body"] = tickets[0]["comments"][2]["plain_body"] = f"<script>alert(1)</script> {DISMISSIVE}"
    run_audit(str(write_zendesk_document(tmp_path / "tickets.json", tickets)), "--out", str(out))
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_bad_rows_are_counted_listed_and_reported(tmp_path: Path) -> None:
    path = write_table(tmp_path / "replies.csv")
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["r9", "whenever", "Sam", "Deliveries", "email", UPSET, DISMISSIVE, ""],
                                      ["r10", "2024-05-01", "Sam", "Deliveries", "email", UPSET, "", ""]])
    out = tmp_path / "out"
    result = run_audit(str(path), "--out", str(out), *TABLE_FLAGS)
    assert result.exit_code == 0, result.output
    assert f"checked 3 replies; 2 bad rows not checked, listed in {out / 'bad-rows.csv'}" in result.output
    assert rows(out / "bad-rows.csv") == [
        {"file": str(path), "line": "6", "reason": "column 'sent' (--time): 'whenever' is not a time (ISO 8601, "
                                                   "'Tue Oct 31 22:10:47 +0000 2017' or Unix seconds)"},
        {"file": str(path), "line": "7", "reason": "no reply text in column 'answer' (--text)"},
    ]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "replies.csv:6" in page and "no reply text in column" in page


def test_a_malformed_export_stops_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_text('{"answer": "Fine."}\n{"answer": \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(path), "--out", str(tmp_path / "out"), "--text", "answer"])
    assert result.exit_code == 1
    assert f"cannot read {path}:2: not JSON" in result.output and "Traceback" not in result.output


def test_usage_errors_name_the_option(tmp_path: Path) -> None:
    path = write_table(tmp_path / "replies.csv")
    result = CliRunner().invoke(main, ["audit", str(path), "--out", str(tmp_path / "o"), "--text", "body"])
    assert result.exit_code == 1 and "no column 'body' (--text)" in result.output
    result = CliRunner().invoke(main, ["audit", str(path), "--since", "last week"])
    assert result.exit_code == 2 and "--since" in result.output
    result = CliRunner().invoke(main, ["audit", str(path), "--workers", "2", "--processes", "2"])
    assert result.exit_code == 2 and "choose one of --processes, --workers and --scheduler" in result.output


def test_redact_masks_customer_details_in_every_file_and_checks_the_unmasked_text(tmp_path: Path) -> None:
    export = write_zendesk_document(tmp_path / "tickets.json")
    plain, masked = tmp_path / "plain", tmp_path / "masked"
    run_audit(str(export), "--out", str(plain))
    result = run_audit(str(export), "--out", str(masked), "--redact", "--phone-region", "GB")
    assert result.exit_code == 0, result.output
    secrets = ["dana.scully@example.com", "020 7946 0958", "A48213", "Dana", "Scully"]
    for path in masked.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not [s for s in secrets if s in text], path.name
    replies = rows(masked / "replies.csv")
    assert replies[3]["reply"] == "Hi [name], I've found order #[order number] for [email]. Please call us on [phone] " \
                                  "and we'll sort it out, [name]."
    assert "Emails, phone numbers, order numbers" in (masked / "report.html").read_text(encoding="utf-8")
    assert [(r["score"], r["categories"]) for r in replies] == [(r["score"], r["categories"]) for r in rows(plain / "replies.csv")], \
        "masking is applied to what is written, after the checks"
    assert "Sam Okafor" in (masked / "replies.csv").read_text(encoding="utf-8"), "agents' names stay"


def test_limit_and_since(tmp_path: Path) -> None:
    export = str(write_zendesk_document(tmp_path / "tickets.json"))
    run_audit(export, "--out", str(tmp_path / "limited"), "--limit", "2")
    assert [r["reply_id"] for r in rows(tmp_path / "limited" / "replies.csv")] == ["1003", "1006"]
    run_audit(export, "--out", str(tmp_path / "since"), "--since", "2024-04-01")
    assert [r["reply_id"] for r in rows(tmp_path / "since" / "replies.csv")] == ["2002", "3002"]
    run_audit(export, "--out", str(tmp_path / "both"), "--since", "2024-04-01", "--limit", "1")
    assert [r["reply_id"] for r in rows(tmp_path / "both" / "replies.csv")] == ["2002"]
    page = (tmp_path / "both" / "report.html").read_text(encoding="utf-8")
    assert "sent since 2024-04-01T00:00:00Z" in page and "Left out: sent before 2024-04-01T00:00:00Z" in page


def test_an_interrupted_audit_goes_on_where_it_stopped_without_reading_the_exports_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export = write_twcs(tmp_path / "tweets.csv")
    settings, book = Settings(), load_rulebook((), Settings().models)
    whole = AuditOptions(exports=(export,), out=tmp_path / "whole", progress=False)
    audit(whole, settings, book)
    options = AuditOptions(exports=(export,), out=tmp_path / "out", progress=False, keep_checkpoint=True)
    real_write, batches = writers.Outputs.write, []

    def stop_after_one_batch(self: writers.Outputs, batch, verdicts) -> None:
        if batches:
            with (options.out / "replies.csv").open("a", encoding="utf-8") as handle:
                handle.write("99,half a row")
            raise KeyboardInterrupt
        batches.append(batch)
        real_write(self, batch, verdicts)

    monkeypatch.setattr("tactful.audit.run.BATCH", 2)
    monkeypatch.setattr(writers.Outputs, "write", stop_after_one_batch)
    with pytest.raises(KeyboardInterrupt):
        audit(options, settings, book)
    assert len(rows(options.out / "replies.csv")) == 3, "two written, and the half row of the interrupted batch"
    monkeypatch.setattr(writers.Outputs, "write", real_write)
    monkeypatch.setattr("tactful.audit.parse.read_export", lambda *args: pytest.fail("the exports were read again"))
    result = audit(options, settings, book)
    assert (result.resumed_from, result.parsed_again, result.checked) == (2, False, 4)
    for name in ("replies.csv", "findings.csv"):
        assert (options.out / name).read_bytes() == (whole.out / name).read_bytes()
    assert (options.out / ".audit" / "parsed.sqlite").is_file(), "--keep-checkpoint keeps it"


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    export = str(write_zendesk_document(tmp_path / "tickets.json"))
    quiet = CliRunner().invoke(main, ["audit", export, "--out", str(tmp_path / "a"), "--processes", "1"])
    assert "replies/s" not in quiet.output and "%|" not in quiet.output
    shown = CliRunner().invoke(main, ["audit", export, "--out", str(tmp_path / "b"), "--processes", "1", "--progress"])
    assert re.search(r"checking: 100%\|.*\| 4/4 \[.*replies/s\]", shown.output), shown.output


@pytest.mark.parametrize("text", [KIND])
def test_two_local_processes_give_the_same_files_as_one(tmp_path: Path, text: str) -> None:
    export = str(write_table(tmp_path / "replies.csv"))
    run_audit(export, "--out", str(tmp_path / "one"), *TABLE_FLAGS)
    result = CliRunner().invoke(main, ["audit", export, "--out", str(tmp_path / "two"), "--processes", "2", *TABLE_FLAGS])
    assert result.exit_code == 0, result.output
    for name in ("replies.csv", "findings.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert text in (tmp_path / "two" / "replies.csv").read_text(encoding="utf-8")


def test_an_audit_that_checks_nothing_still_writes_a_report_that_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_audit(str(write_zendesk_document(tmp_path / "tickets.json")), "--out", str(out), "--since", "2030-01-01")
    assert result.exit_code == 0 and "checked 0 replies" in result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Left out: sent before 2030-01-01T00:00:00Z" in page and "No dismissive move was found." in page
    assert rows(out / "replies.csv") == [] and rows(out / "findings.csv") == []
