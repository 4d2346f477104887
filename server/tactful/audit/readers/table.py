"""A plain CSV or JSON Lines export whose columns the user names (``--text``, ``--customer``…).

In JSON Lines a column may be a dotted path into nested objects (``--agent author.name``).
A row is bad (counted, listed, skipped) when its reply text is missing or empty, its time is
not a time, or a CSV row has more or fewer fields than the header; the file is malformed (the
audit stops) when a line is not JSON, the CSV quoting is broken, the text is not UTF-8, or a
named column is not in the CSV header.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..records import BadRow, ExportError, Reply
from .fields import channel, utc_time

FIELD_LIMIT = 1 << 24
"""Bytes one CSV field may hold: an HTML body can be far past the csv module's 128 KiB."""


@dataclass(frozen=True)
class Columns:
    """Which column holds what; only ``text`` (the reply) is required."""

    text: str | None = None
    customer: str | None = None
    agent: str | None = None
    team: str | None = None
    time: str | None = None
    channel: str | None = None
    id: str | None = None
    ticket: str | None = None
    customer_name: str | None = None

    def named(self) -> dict[str, str]:
        """``{flag: column}`` for the columns given, the flag as typed (``--customer-name``)."""
        return {f"--{f.name.replace('_', '-')}": getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def read_table(path: Path, columns: Columns) -> Iterator[Reply | BadRow]:
    if columns.text is None:
        raise ExportError(str(path), None, "a plain CSV or JSON Lines export needs --text COLUMN (the reply's column)")
    rows = _jsonl_rows(path) if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else _csv_rows(path, columns)
    for line, row in rows:
        if isinstance(row, str):
            yield BadRow(str(path), line, row)
        else:
            yield _reply(path, line, row, columns)


def _reply(path: Path, line: int, row: dict[str, Any], columns: Columns) -> Reply | BadRow:
    def value(column: str | None) -> str:
        return _field(row, column) if column else ""

    text = value(columns.text)
    if not text.strip():
        return BadRow(str(path), line, f"no reply text in column {columns.text!r} (--text)")
    try:
        time = utc_time(value(columns.time)) if value(columns.time).strip() else ""
    except ValueError as error:
        return BadRow(str(path), line, f"column {columns.time!r} (--time): {error}")
    return Reply(
        id=value(columns.id) or f"{path.name}:{line}", ticket=value(columns.ticket), text=text,
        customer_message=value(columns.customer), agent=value(columns.agent), team=value(columns.team), time=time,
        channel=channel(value(columns.channel)), customer=value(columns.customer_name), file=str(path), line=line,
    )


def _field(row: dict[str, Any], column: str) -> str:
    """The column's value as text; a dotted name reaches into nested JSON objects."""
    found: Any = row.get(column)
    if column not in row:
        found = row
        for key in column.split("."):
            found = found.get(key) if isinstance(found, dict) else None
    if found is None:
        return ""
    return found if isinstance(found, str) else json.dumps(found, ensure_ascii=False)


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    with path.open(encoding="utf-8") as handle:
        line = 0
        try:
            for line, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw)
                except json.JSONDecodeError as error:
                    raise ExportError(str(path), line, f"not JSON ({error.msg} at column {error.colno})") from None
                yield line, row if isinstance(row, dict) else f"a JSON {type(row).__name__}, not an object"
        except UnicodeDecodeError as error:
            raise ExportError(str(path), line + 1, f"not UTF-8 ({error.reason})") from None


def _csv_rows(path: Path, columns: Columns) -> Iterator[tuple[int, dict[str, Any] | str]]:
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise ExportError(str(path), 1, "the file is empty (a CSV export starts with a header row)")
            missing = {flag: column for flag, column in columns.named().items() if column not in header}
            if missing:
                named = ", ".join(f"{column!r} ({flag})" for flag, column in missing.items())
                raise ExportError(str(path), 1, f"no column {named} in the header, which has: {', '.join(header)}")
            for record in filter(None, reader):
                yield first_line(reader.line_num, record), (
                    dict(zip(header, record)) if len(record) == len(header)
                    else f"{len(record)} fields where the header has {len(header)}")
        except csv.Error as error:
            raise ExportError(str(path), reader.line_num, f"not CSV ({error})") from None
        except UnicodeDecodeError as error:
            raise ExportError(str(path), reader.line_num + 1, f"not UTF-8 ({error.reason})") from None


def first_line(last: int, record: list[str]) -> int:
    """The line a CSV record starts on, from the line it ended on and the line breaks in its fields."""
    return last - sum(value.count("\n") for value in record)
