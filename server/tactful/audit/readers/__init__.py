"""One reader per export format, each yielding ``Reply`` and ``BadRow`` records in file order.

``read_export`` tells the formats apart by what the file holds, unless ``--format`` says:
a CSV with the twcs columns is a twcs conversation file, any other CSV a plain table; a JSON
file whose first line is a Zendesk ticket, or that is one JSON document (pretty-printed, or a
list), is a Zendesk export; other JSON Lines are a plain table.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

from ..records import BadRow, ExportError, Reply
from .table import Columns, read_table
from .twcs import is_twcs, read_twcs
from .zendesk import read_zendesk

FORMATS = ("auto", "zendesk", "twcs", "table")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def detect(path: Path) -> str:
    if path.suffix.lower() in JSON_SUFFIXES:
        with path.open("rb") as handle:
            first_line = handle.readline()
        try:
            first = json.loads(first_line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return "zendesk"
        return "zendesk" if isinstance(first, list) or isinstance(first, dict) and {"comments", "tickets", "ticket"} & set(first) else "table"
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise ExportError(str(path), 1, f"not a CSV header ({error})") from None
    return "twcs" if is_twcs(header) else "table"


def read_export(path: Path, form: str, columns: Columns, scratch: Path) -> Iterator[Reply | BadRow]:
    """The file's records; ``ExportError`` when it cannot be opened or is not its format."""
    if not path.is_file():
        raise ExportError(str(path), None, "no such file")
    form = detect(path) if form == "auto" else form
    if form == "zendesk":
        return read_zendesk(path)
    if form == "twcs":
        return read_twcs(path, scratch)
    return read_table(path, columns)
