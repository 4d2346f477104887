"""Conversations on X in the shape of the public "Customer Support on Twitter" corpus.

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id``. Every tweet with ``inbound`` False is a brand's reply; the
customer message is the nearest customer tweet up its ``in_response_to_tweet_id`` chain, the
ticket is the chain's first tweet, the team the brand's handle, and the agent the brand with
the initials agents sign with (``^kl``, ``*TJ``, ``-AB``), or the brand alone when unsigned.

A reply may answer a tweet further down the file, so the tweets are staged in an SQLite file
in the scratch folder (bounded memory, whatever the export's size) and paired from there.
"""
from __future__ import annotations

import csv
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..records import BadRow, ExportError, Reply
from .fields import utc_time
from .table import FIELD_LIMIT, first_line

COLUMNS = ("tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id")
MOST_HOPS = 50
_SIGNATURE = re.compile(r"(?:\s|^)(?:\^|\*|-\s?)([A-Za-z]{2,3})\s*$")


def is_twcs(header: list[str]) -> bool:
    return set(COLUMNS) <= set(header)


def read_twcs(path: Path, scratch: Path) -> Iterator[Reply | BadRow]:
    staged = scratch / "twcs.sqlite"
    staged.unlink(missing_ok=True)
    db = sqlite3.connect(staged)
    os.chmod(staged, 0o600)
    try:
        db.execute("CREATE TABLE tweets (id TEXT PRIMARY KEY, line INT, inbound INT, author TEXT, time TEXT, "
                   "text TEXT, parent TEXT)")
        yield from _stage(path, db)
        db.commit()
        for tweet_id, line, author, time, text, parent in db.execute(
                "SELECT id, line, author, time, text, parent FROM tweets WHERE inbound = 0 ORDER BY line").fetchall():
            customer, handle, ticket = _answered(db, parent, tweet_id)
            signature = _SIGNATURE.search(text)
            yield Reply(
                id=tweet_id, ticket=ticket, text=text, customer_message=customer,
                agent=f"{author} ^{signature.group(1)}" if signature else author, team=author, time=time,
                channel="twitter", customer=handle, file=str(path), line=line,
            )
    finally:
        db.close()
        staged.unlink(missing_ok=True)


def _stage(path: Path, db: sqlite3.Connection) -> Iterator[BadRow]:
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, [])
            for record in filter(None, reader):
                start = first_line(reader.line_num, record)
                row = dict(zip(header, record))
                bad = f"{len(record)} fields where the header has {len(header)}" if len(record) != len(header) else _bad(row)
                if bad:
                    yield BadRow(str(path), start, bad)
                else:
                    try:
                        db.execute("INSERT INTO tweets VALUES (?, ?, ?, ?, ?, ?, ?)", (
                            row["tweet_id"].strip(), start, row["inbound"].strip() == "True", row["author_id"].strip(),
                            utc_time(row["created_at"]), row["text"], _tweet_id(row["in_response_to_tweet_id"])))
                    except sqlite3.IntegrityError:
                        yield BadRow(str(path), start, f"tweet_id {row['tweet_id']} appears twice")
        except csv.Error as error:
            raise ExportError(str(path), reader.line_num, f"not CSV ({error})") from None
        except UnicodeDecodeError as error:
            raise ExportError(str(path), reader.line_num + 1, f"not UTF-8 ({error.reason})") from None


def _bad(row: dict[str, str]) -> str | None:
    if not row["tweet_id"].strip():
        return "no tweet_id"
    if row["inbound"].strip() not in ("True", "False"):
        return f"inbound is {row['inbound']!r}, not True or False"
    if row["inbound"].strip() == "False" and not row["text"].strip():
        return "a reply with no text"
    try:
        utc_time(row["created_at"])
    except ValueError as error:
        return f"created_at: {error}"
    return None


def _tweet_id(value: str | None) -> str | None:
    """twcs writes ids as floats where the column has gaps (``3.0``)."""
    text = (value or "").strip()
    return text.removesuffix(".0") or None


def _answered(db: sqlite3.Connection, parent: str | None, tweet_id: str) -> tuple[str, str, str]:
    """The customer message a reply answers, the customer's handle and the thread's first tweet."""
    customer = handle = ""
    ticket = tweet_id
    for _ in range(MOST_HOPS):
        if parent is None:
            break
        found = db.execute("SELECT inbound, author, text, parent FROM tweets WHERE id = ?", (parent,)).fetchone()
        if found is None:
            ticket = parent
            break
        inbound, author, text, grandparent = found
        if inbound and not customer:
            customer, handle = text, f"@{author}"
        ticket, parent = parent, grandparent
    return customer, handle, ticket
