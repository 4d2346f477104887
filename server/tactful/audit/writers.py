"""``replies.csv`` and ``findings.csv``, appended a batch at a time, and the journal that makes
an interrupted audit go on where it stopped.

After each batch both files are flushed and ``.audit/progress.json`` records the last reply
written and both files' sizes. A rerun with the same exports and options truncates the files
to those sizes (dropping a batch half-written when the run was stopped) and checks from the
next reply; other options start the files afresh. ``row`` is the reply's place in the audit
(export order), the key between the two files.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from .check import Verdict
from .records import BadRow, Reply

REPLY_COLUMNS = (
    "row", "reply_id", "ticket", "agent", "team", "time", "channel", "score", "score_reason", "customer_upset",
    "customer_confidence", "customer_reasons", "categories", "findings", "reply", "customer_message", "rewrite",
    "file", "line",
)
FINDING_COLUMNS = (
    "row", "reply_id", "ticket", "agent", "team", "time", "channel", "rule", "category", "severity", "message",
    "offset", "length", "text", "suggestion",
)
BAD_ROW_COLUMNS = ("file", "line", "reason")
REPLIES, FINDINGS, BAD_ROWS = "replies.csv", "findings.csv", "bad-rows.csv"


def upset_word(upset: bool | None) -> str:
    return "" if upset is None else "yes" if upset else "no"


def reply_row(row: int, reply: Reply, verdict: Verdict) -> list[Any]:
    categories = " ".join(dict.fromkeys(f.category for f in verdict.findings))
    return [
        row, reply.id, reply.ticket, reply.agent, reply.team, reply.time, reply.channel, verdict.score, verdict.reason,
        upset_word(verdict.upset), "" if verdict.confidence is None else verdict.confidence, "; ".join(verdict.reasons),
        categories, len(verdict.findings), verdict.text, verdict.customer_message, verdict.rewrite, reply.file, reply.line,
    ]


def finding_rows(row: int, reply: Reply, verdict: Verdict) -> list[list[Any]]:
    return [
        [row, reply.id, reply.ticket, reply.agent, reply.team, reply.time, reply.channel, f.rule, f.category, f.severity,
         f.message, f.offset, f.length, f.text, f.suggestion]
        for f in verdict.findings
    ]


class Outputs:
    """The two result files and the journal, for one run key (exports and options)."""

    def __init__(self, folder: Path, work: Path, key: str) -> None:
        self.paths = {REPLIES: folder / REPLIES, FINDINGS: folder / FINDINGS}
        self.journal = work / "progress.json"
        self.key = key
        self.last, self.checked = 0, 0
        self._handles: dict[str, IO[str]] = {}

    def open(self) -> None:
        """Resume from the journal where it belongs to this run, else start both files anew."""
        state = self._state()
        if state:
            for name, path in self.paths.items():
                os.truncate(path, state["bytes"][name])
            self.last, self.checked = state["last"], state["checked"]
        self._handles = {name: path.open("a" if state else "w", encoding="utf-8", newline="")
                         for name, path in self.paths.items()}
        if not state:
            csv.writer(self._handles[REPLIES]).writerow(REPLY_COLUMNS)
            csv.writer(self._handles[FINDINGS]).writerow(FINDING_COLUMNS)
            self._commit()

    def _state(self) -> dict[str, Any] | None:
        try:
            state = json.loads(self.journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        fits = isinstance(state, dict) and state.get("key") == self.key and all(
            path.is_file() and path.stat().st_size >= state["bytes"][name] for name, path in self.paths.items())
        return state if fits else None

    def write(self, batch: Sequence[tuple[int, Reply]], verdicts: Sequence[Verdict]) -> None:
        replies, findings = csv.writer(self._handles[REPLIES]), csv.writer(self._handles[FINDINGS])
        for (row, reply), verdict in zip(batch, verdicts, strict=True):
            replies.writerow(reply_row(row, reply, verdict))
            findings.writerows(finding_rows(row, reply, verdict))
        self.last, self.checked = batch[-1][0], self.checked + len(batch)
        self._commit()

    def _commit(self) -> None:
        sizes = {}
        for name, handle in self._handles.items():
            handle.flush()
            sizes[name] = os.fstat(handle.fileno()).st_size
        partial = self.journal.with_suffix(".partial")
        partial.write_text(json.dumps({"key": self.key, "last": self.last, "checked": self.checked, "bytes": sizes}),
                           encoding="utf-8")
        partial.replace(self.journal)

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles = {}


def write_bad_rows(path: Path, rows: Sequence[BadRow] | Any) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(BAD_ROW_COLUMNS)
        for bad in rows:
            writer.writerow([bad.file, bad.line or "", bad.reason])
            count += 1
    return count
