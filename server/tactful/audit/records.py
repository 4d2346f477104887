"""What the readers hand on: a reply with the customer message it answers, or a bad row."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reply:
    """One agent reply as exported. ``time`` is ISO 8601 in UTC, or empty when the export has
    none; ``customer`` is the customer's name or handle, kept only to mask it (``--redact``);
    ``file`` and ``line`` say where the row starts in the export."""

    id: str
    ticket: str
    text: str
    customer_message: str
    agent: str
    team: str
    time: str
    channel: str
    customer: str
    file: str
    line: int


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be audited, and why; it is counted and listed, never dropped quietly."""

    file: str
    line: int
    reason: str


class ExportError(Exception):
    """A file that cannot be read as its format at all: the audit stops at ``file:line``."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file, self.line, self.reason = file, line, reason
        super().__init__(f"{file}:{line}: {reason}" if line else f"{file}: {reason}")
