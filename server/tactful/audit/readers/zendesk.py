"""Zendesk ticket exports: tickets with their comments.

Two shapes: the account's JSON export, one ticket per line, and an API answer, one JSON
document with ``tickets`` and optionally sideloaded ``users`` and ``groups`` (``include=users,groups``),
or a bare list of tickets. Only public comments count (a private note never reached the
customer); a comment is the customer's when its author is an end user (from the sideloaded
users) or, without them, the ticket's requester. Each public agent comment is checked against
the customer comments since the agent's previous public comment, joined; an agent writing
twice in a row answers the same customer message again. Agents and teams are named from the
sideloaded users and groups where there are some, else by id.

A document is streamed with ijson, so a large API dump is not loaded whole; its tickets have
no line numbers, so a bad one is named by its place and id.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from ..records import BadRow, ExportError, Reply
from .fields import channel, utc_time


def read_zendesk(path: Path) -> Iterator[Reply | BadRow]:
    with path.open("rb") as handle:
        first_line = handle.readline()
    try:
        one = json.loads(first_line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        one = None
    if isinstance(one, dict) and "comments" in one:
        yield from _lines(path)
    else:
        yield from _document(path)


def _lines(path: Path) -> Iterator[Reply | BadRow]:
    with path.open(encoding="utf-8") as handle:
        line = 0
        try:
            for line, raw in enumerate(handle, 1):
                if raw.strip():
                    try:
                        ticket = json.loads(raw)
                    except json.JSONDecodeError as error:
                        raise ExportError(str(path), line, f"not JSON ({error.msg} at column {error.colno})") from None
                    yield from _ticket(path, line, f"ticket on line {line}", ticket, {}, {})
        except UnicodeDecodeError as error:
            raise ExportError(str(path), line + 1, f"not UTF-8 ({error.reason})") from None


def _document(path: Path) -> Iterator[Reply | BadRow]:
    try:
        if starts_with(path, b"["):
            users: dict[Any, dict[str, Any]] = {}
            groups: dict[Any, str] = {}
            tickets = _items(path, "item")
        else:
            users = {u.get("id"): u for u in _items(path, "users.item") if isinstance(u, dict)}
            groups = {g.get("id"): str(g.get("name", g.get("id"))) for g in _items(path, "groups.item") if isinstance(g, dict)}
            tickets = _chain(_items(path, "tickets.item"), _items(path, "ticket"))
        for place, ticket in enumerate(tickets, 1):
            yield from _ticket(path, 0, f"ticket {place}", ticket, users, groups)
    except ijson.JSONError:
        raise _malformed(path) from None


def starts_with(path: Path, character: bytes) -> bool:
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(4096), b""):
            if block.strip():
                return block.lstrip()[:1] == character
    return False


def _items(path: Path, prefix: str) -> Iterator[Any]:
    with path.open("rb") as handle:
        yield from ijson.items(handle, prefix, use_float=True)


def _chain(*parts: Iterator[Any]) -> Iterator[Any]:
    for part in parts:
        yield from part


def _malformed(path: Path) -> ExportError:
    """Where the JSON breaks: ijson does not say, so the file is read once more by the
    standard parser, which does (only on this error path)."""
    try:
        with path.open(encoding="utf-8") as handle:
            json.load(handle)
    except json.JSONDecodeError as error:
        return ExportError(str(path), error.lineno, f"not JSON ({error.msg} at column {error.colno})")
    except UnicodeDecodeError as error:
        return ExportError(str(path), None, f"not UTF-8 ({error.reason})")
    return ExportError(str(path), None, "not JSON")


def _ticket(path: Path, line: int, where: str, ticket: Any, users: dict[Any, dict[str, Any]],
            groups: dict[Any, str]) -> Iterator[Reply | BadRow]:
    if not isinstance(ticket, dict) or "id" not in ticket or not isinstance(ticket.get("comments"), list):
        yield BadRow(str(path), line, f"{where}: not a ticket with an id and a list of comments")
        return
    where = f"{where} (id {ticket['id']})"
    requester = ticket.get("requester_id")
    customer_name = str(users.get(requester, {}).get("name") or (ticket.get("requester") or {}).get("name") or "")
    team = groups.get(ticket.get("group_id")) or str(ticket.get("group_id") or "")
    asked: list[str] = []
    answered = ""
    for place, comment in enumerate(ticket["comments"], 1):
        if not isinstance(comment, dict) or not comment.get("public", True):
            continue
        text = str(comment.get("plain_body") or comment.get("body") or "")
        author = comment.get("author_id")
        role = users.get(author, {}).get("role")
        if role == "end-user" or (role is None and author == requester):
            asked.append(text)
            continue
        if asked:
            answered, asked = "\n\n".join(t for t in asked if t.strip()), []
        if not text.strip():
            yield BadRow(str(path), line, f"{where}, comment {place}: a public agent comment with no text")
            continue
        try:
            time = utc_time(str(comment.get("created_at") or ticket.get("created_at") or "")) if (
                comment.get("created_at") or ticket.get("created_at")) else ""
        except ValueError as error:
            yield BadRow(str(path), line, f"{where}, comment {place}: created_at: {error}")
            continue
        via = comment.get("via") or ticket.get("via") or {}
        yield Reply(
            id=str(comment.get("id") or f"{ticket['id']}-{place}"), ticket=str(ticket["id"]), text=text,
            customer_message=answered, agent=str(users.get(author, {}).get("name") or author or ""), team=team,
            time=time, channel=channel(via.get("channel") if isinstance(via, dict) else None),
            customer=customer_name, file=str(path), line=line,
        )
