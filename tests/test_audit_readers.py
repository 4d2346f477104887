"""Each export format as the audit reads it: which replies it checks, against which customer
message, and how bad rows and malformed files are reported."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit_exports import (
    ANSWER,
    CALM,
    DISMISSIVE,
    KIND,
    UPSET,
    comment,
    table_rows,
    twcs_rows,
    write_table,
    write_twcs,
    write_zendesk_document,
    write_zendesk_lines,
    zendesk_tickets,
)
from tactful.audit.readers import detect, read_export
from tactful.audit.readers.table import Columns
from tactful.audit.records import BadRow, ExportError, Reply

TABLE = Columns(text="answer", customer="question", agent="agent_name", team="queue", time="sent", channel="medium",
                id="id", customer_name="client")


NO_COLUMNS = Columns()


def read(path: Path, columns: Columns = NO_COLUMNS, form: str = "auto") -> tuple[list[Reply], list[BadRow]]:
    records = list(read_export(path, form, columns, path.parent))
    return [r for r in records if isinstance(r, Reply)], [r for r in records if isinstance(r, BadRow)]


def test_zendesk_document_checks_public_agent_comments_against_the_customer_comments_before_them(tmp_path: Path) -> None:
    path = write_zendesk_document(tmp_path / "tickets.json")
    assert detect(path) == "zendesk"
    replies, bad = read(path)
    assert bad == []
    assert [r.id for r in replies] == ["1003", "1006", "2002", "3002"]
    dismissive, kind, answer, _ = replies
    assert (dismissive.text, dismissive.customer_message) == (DISMISSIVE, UPSET)
    assert kind.text == KIND and kind.customer_message == "That's not good enough.\n\nI want a refund."
    assert (answer.text, answer.customer_message, answer.channel) == (ANSWER, CALM, "chat")
    assert (dismissive.agent, dismissive.team, dismissive.customer, dismissive.ticket) == ("Sam Okafor", "Deliveries",
                                                                                           "Dana Scully", "101")
    assert dismissive.time == "2024-03-04T09:10:00Z" and dismissive.channel == "email"


def test_zendesk_export_lines_without_users_take_the_requester_as_the_customer(tmp_path: Path) -> None:
    tickets = zendesk_tickets()
    tickets.insert(1, {"id": 999, "subject": "no comments here"})
    path = write_zendesk_lines(tmp_path / "tickets.json", tickets)
    replies, bad = read(path)
    assert [r.id for r in replies] == ["1003", "1006", "2002", "3002"]
    assert replies[0].agent == "10" and replies[0].team == "5" and replies[0].customer_message == UPSET
    assert bad == [BadRow(str(path), 2, "ticket on line 2: not a ticket with an id and a list of comments")]


def test_zendesk_bad_comment_time_is_a_bad_row_and_the_rest_is_read(tmp_path: Path) -> None:
    ticket = {"id": 7, "requester_id": 1, "comments": [comment(1, 1, UPSET, "2024-03-04T09:00:00Z"),
                                                       comment(2, 10, DISMISSIVE, "last Tuesday"),
                                                       comment(3, 10, KIND, "2024-03-04T10:00:00Z")]}
    path = write_zendesk_lines(tmp_path / "t.json", [ticket])
    replies, bad = read(path)
    assert [r.text for r in replies] == [KIND]
    assert len(bad) == 1 and bad[0].line == 1 and "comment 2: created_at" in bad[0].reason and "last Tuesday" in bad[0].reason


@pytest.mark.parametrize("document", [False, True])
def test_malformed_zendesk_json_stops_with_file_and_line(tmp_path: Path, document: bool) -> None:
    path = tmp_path / "broken.json"
    if document:
        text = json.dumps({"tickets": zendesk_tickets()}, indent=2)
        lines = text.splitlines()
        lines[14] = '      @@@'
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        path.write_text(json.dumps(zendesk_tickets()[0]) + "\n" + '{"id": 5, "comments": [\n', encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        read(path)
    assert raised.value.file == str(path) and raised.value.line == (15 if document else 2)
    assert "not JSON" in str(raised.value)


def test_twcs_pairs_each_brand_reply_with_the_customer_tweet_up_its_thread(tmp_path: Path) -> None:
    path = write_twcs(tmp_path / "tweets.csv")
    assert detect(path) == "twcs"
    replies, bad = read(path)
    assert bad == []
    by_id = {r.id: r for r in replies}
    assert list(by_id) == ["11", "13", "12", "21"]
    assert by_id["11"].customer_message == f"@ParcelCo {UPSET}" and by_id["11"].customer == "@dana_s"
    assert by_id["13"].customer_message == f"@ParcelCo {UPSET}", "a reply to the brand's own tweet answers the customer above it"
    assert (by_id["11"].agent, by_id["11"].team, by_id["11"].channel) == ("ParcelCo ^SO", "ParcelCo", "twitter")
    assert by_id["11"].ticket == "10" and by_id["11"].line == 2
    assert by_id["21"].time == "2024-03-06T08:00:00Z"


def test_twcs_bad_rows_are_counted_with_their_line(tmp_path: Path) -> None:
    rows = twcs_rows()
    rows.insert(1, ["30", "ParcelCo", "maybe", "Tue Mar 05 10:00:00 +0000 2024", "hello", "", ""])
    rows.insert(3, ["31", "ParcelCo", "False", "yesterday", "hello", "", ""])
    rows.insert(4, ["32", "ParcelCo", "False"])
    rows.append(["11", "ParcelCo", "False", "Tue Mar 05 10:00:00 +0000 2024", "again", "", ""])
    path = write_twcs(tmp_path / "tweets.csv", rows)
    replies, bad = read(path)
    assert len(replies) == 4
    assert [(b.line, b.reason.split(" (")[0]) for b in bad] == [
        (3, "inbound is 'maybe', not True or False"),
        (5, "created_at: 'yesterday' is not a time"),
        (6, "3 fields where the header has 7"),
        (11, "tweet_id 11 appears twice"),
    ]


def test_twcs_broken_quoting_stops_with_file_and_line(tmp_path: Path) -> None:
    path = write_twcs(tmp_path / "tweets.csv")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('40,ParcelCo,False,Tue Mar 05 10:00:00 +0000 2024,"unclosed text\nand more,,\n')
    with pytest.raises(ExportError) as raised:
        read(path)
    assert raised.value.line == 9 and "not CSV" in raised.value.reason


def test_plain_csv_with_named_columns(tmp_path: Path) -> None:
    path = write_table(tmp_path / "replies.csv")
    assert detect(path) == "table"
    replies, bad = read(path, TABLE)
    assert bad == []
    assert [(r.id, r.agent, r.team, r.channel, r.customer) for r in replies] == [
        ("r1", "Sam Okafor", "Deliveries", "email", "Dana Scully"),
        ("r2", "Priya Nair", "Deliveries", "chat", "Dana Scully"),
        ("r3", "Priya Nair", "Sales", "email", "Lee Marsh"),
    ]
    assert [r.line for r in replies] == [2, 3, 5], "a quoted line break moves the next row down a line"
    assert [r.time for r in replies] == ["2024-03-04T09:10:00Z", "2024-03-05T14:00:00Z", "2024-04-10T10:03:00Z"]
    assert replies[1].customer_message == f"{UPSET}\nPlease answer."


def test_plain_csv_bad_rows_and_a_missing_column(tmp_path: Path) -> None:
    rows = table_rows()
    rows[0][6] = "  "
    rows[1][1] = "soon"
    rows.append(["r4", "2024-05-01"])
    path = write_table(tmp_path / "replies.csv", rows)
    replies, bad = read(path, TABLE)
    assert [r.id for r in replies] == ["r3"]
    assert [(b.line, b.reason) for b in bad] == [
        (2, "no reply text in column 'answer' (--text)"),
        (3, "column 'sent' (--time): 'soon' is not a time (ISO 8601, 'Tue Oct 31 22:10:47 +0000 2017' or Unix seconds)"),
        (6, "2 fields where the header has 8"),
    ]
    with pytest.raises(ExportError) as raised:
        read(path, Columns(text="answer", agent="owner"))
    assert raised.value.line == 1 and "'owner' (--agent)" in raised.value.reason and "agent_name" in raised.value.reason
    with pytest.raises(ExportError, match="needs --text"):
        read(path)


def test_jsonl_with_dotted_columns(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join([
        json.dumps({"reply": {"body": DISMISSIVE, "by": {"name": "Sam"}}, "asked": UPSET, "at": 1709543400}),
        json.dumps(["not", "a", "row"]),
        "",
        json.dumps({"reply": {"body": ANSWER, "by": {"name": "Priya"}}, "asked": CALM}),
    ]) + "\n", encoding="utf-8")
    assert detect(path) == "table"
    replies, bad = read(path, Columns(text="reply.body", agent="reply.by.name", customer="asked", time="at"))
    assert [(r.text, r.agent, r.customer_message, r.time, r.line) for r in replies] == [
        (DISMISSIVE, "Sam", UPSET, "2024-03-04T09:10:00Z", 1), (ANSWER, "Priya", CALM, "", 4)]
    assert bad == [BadRow(str(path), 2, "a JSON list, not an object")]
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"reply": \n')
    with pytest.raises(ExportError) as raised:
        read(path, Columns(text="reply.body"))
    assert raised.value.line == 5


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such file"):
        read(tmp_path / "nope.csv")
