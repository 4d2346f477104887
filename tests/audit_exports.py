"""Small exports written for the audit's tests, in each format the audit reads.

The conversations are invented for these tests: one dismissive reply to an upset customer,
one kind reply, a private note that must not be checked, and customer details to mask.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

UPSET = "My parcel was due on Monday and it still hasn't arrived. This is the third time I've had to chase you!"
DISMISSIVE = "As I already explained, that's our policy. You should have read the delivery terms."
KIND = ("Hi Dana, I'm so sorry your parcel is late again, that's on us. I've refunded the delivery fee and I'll "
        "check with the courier and update you by 5pm today. You can reach me directly on 020 7946 0958.")
PRIVATE = "Internal: customer is on the VIP list, handle with care."
CALM = "Thanks! Could you tell me when the new catalogue comes out?"
ANSWER = "Thanks for asking! The new catalogue comes out on 3 March, and I'll email it to you the day it does."
WITH_DETAILS = ("Hi Dana, I've found order #A48213 for dana.scully@example.com. Please call us on 020 7946 0958 "
                "and we'll sort it out, Dana Scully.")


def comment(id_: int, author: int, body: str, created: str, public: bool = True, channel: str = "email") -> dict[str, Any]:
    return {"id": id_, "author_id": author, "body": body, "plain_body": body, "public": public,
            "created_at": created, "via": {"channel": channel}}


def zendesk_tickets() -> list[dict[str, Any]]:
    """Requester 1 (Dana Scully), agents 10 (Sam Okafor) and 11 (Priya Nair), groups 5 and 6."""
    return [
        {"id": 101, "requester_id": 1, "group_id": 5, "created_at": "2024-03-04T09:00:00Z", "via": {"channel": "email"},
         "comments": [
             comment(1001, 1, UPSET, "2024-03-04T09:00:00Z"),
             comment(1002, 10, PRIVATE, "2024-03-04T09:05:00Z", public=False),
             comment(1003, 10, DISMISSIVE, "2024-03-04T09:10:00Z"),
             comment(1004, 1, "That's not good enough.", "2024-03-04T09:20:00Z"),
             comment(1005, 1, "I want a refund.", "2024-03-04T09:21:00Z"),
             comment(1006, 11, KIND, "2024-03-04T10:00:00Z"),
         ]},
        {"id": 102, "requester_id": 2, "group_id": 6, "created_at": "2024-04-10T12:00:00Z", "via": {"channel": "chat"},
         "comments": [
             comment(2001, 2, CALM, "2024-04-10T12:00:00Z", channel="chat"),
             comment(2002, 11, ANSWER, "2024-04-10T12:03:00Z", channel="chat"),
         ]},
        {"id": 103, "requester_id": 1, "group_id": 5, "created_at": "2024-05-02T08:00:00Z",
         "comments": [
             comment(3001, 1, UPSET, "2024-05-02T08:00:00Z"),
             comment(3002, 10, WITH_DETAILS, "2024-05-02T08:30:00Z"),
         ]},
    ]


USERS = [{"id": 1, "name": "Dana Scully", "role": "end-user"}, {"id": 2, "name": "Lee Marsh", "role": "end-user"},
         {"id": 10, "name": "Sam Okafor", "role": "agent"}, {"id": 11, "name": "Priya Nair", "role": "agent"}]
GROUPS = [{"id": 5, "name": "Deliveries"}, {"id": 6, "name": "Sales"}]


def write_zendesk_document(path: Path, tickets: list[dict[str, Any]] | None = None) -> Path:
    document = {"tickets": zendesk_tickets() if tickets is None else tickets, "users": USERS, "groups": GROUPS}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def write_zendesk_lines(path: Path, tickets: list[Any]) -> Path:
    path.write_text("".join(json.dumps(t) + "\n" for t in tickets), encoding="utf-8")
    return path


TWCS_HEADER = ["tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"]


def twcs_rows() -> list[list[str]]:
    """Replies come before the tweets they answer, as in the corpus; ids in parents are floats."""
    return [
        ["11", "ParcelCo", "False", "Tue Mar 05 10:00:00 +0000 2024", f"@dana_s {DISMISSIVE} ^SO", "", "10.0"],
        ["10", "dana_s", "True", "Tue Mar 05 09:50:00 +0000 2024", f"@ParcelCo {UPSET}", "11", ""],
        ["13", "ParcelCo", "False", "Tue Mar 05 10:30:00 +0000 2024", "@dana_s We've sent you a DM with the details. ^PN", "", "12"],
        ["12", "ParcelCo", "False", "Tue Mar 05 10:20:00 +0000 2024", "@dana_s Could you DM us your order number? ^PN", "13", "10"],
        ["21", "ParcelCo", "False", "Wed Mar 06 08:00:00 +0000 2024", f"@lee_m {ANSWER}", "", "20"],
        ["20", "lee_m", "True", "Wed Mar 06 07:55:00 +0000 2024", f"@ParcelCo {CALM}", "21", ""],
    ]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_twcs(path: Path, rows: list[list[str]] | None = None) -> Path:
    return _write_csv(path, TWCS_HEADER, twcs_rows() if rows is None else rows)


TABLE_HEADER = ["id", "sent", "agent_name", "queue", "medium", "question", "answer", "client"]


def table_rows() -> list[list[str]]:
    return [
        ["r1", "2024-03-04T09:10:00Z", "Sam Okafor", "Deliveries", "email", UPSET, DISMISSIVE, "Dana Scully"],
        ["r2", "2024-03-05 14:00", "Priya Nair", "Deliveries", "chat", f"{UPSET}\nPlease answer.", KIND, "Dana Scully"],
        ["r3", "2024-04-10T12:03:00+02:00", "Priya Nair", "Sales", "web", CALM, ANSWER, "Lee Marsh"],
    ]


def write_table(path: Path, rows: list[list[str]] | None = None) -> Path:
    return _write_csv(path, TABLE_HEADER, table_rows() if rows is None else rows)


TABLE_FLAGS = ("--text", "answer", "--customer", "question", "--agent", "agent_name", "--team", "queue",
               "--time", "sent", "--channel", "medium", "--id", "id", "--customer-name", "client")
