"""Stage one: the exports read once into a checkpoint, so a rerun does not read them again.

The checkpoint is an SQLite file in the output folder (``.audit/parsed.sqlite``, readable by
its owner only) with every reply in export order and every bad row. It is keyed by the
exports' paths, sizes and modification times and by how they are read (format, columns,
the longest text the checker takes): a rerun with the same key reuses it, anything else reads
the exports again. It holds the texts as exported (the checks need them unmasked), so the
audit deletes it once it has finished, unless asked to keep it.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, astuple, fields
from pathlib import Path

from .readers import read_export
from .readers.table import Columns
from .records import BadRow, Reply

_REPLY_FIELDS = tuple(f.name for f in fields(Reply))


def fingerprint(exports: Sequence[Path], form: str, columns: Columns, max_length: int) -> str:
    files = [[str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns] for p in exports]
    return json.dumps({"files": files, "format": form, "columns": asdict(columns), "max_length": max_length})


def too_long(reply: Reply, max_length: int) -> BadRow | None:
    """The API refuses a text past ``TACTFUL_MAX_TEXT_LENGTH``; the audit counts it as a bad row."""
    for name, text in (("reply", reply.text), ("customer message", reply.customer_message)):
        if len(text) > max_length:
            return BadRow(reply.file, reply.line, f"the {name} is {len(text):,} characters, past the {max_length:,} "
                          "the checker takes (TACTFUL_MAX_TEXT_LENGTH)")
    return None


class Checkpoint:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "parsed.sqlite"

    def matches(self, key: str) -> bool:
        if not self.path.is_file():
            return False
        with _reading(self.path) as db:
            found = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        return found is not None and found[0] == key

    def build(self, key: str, exports: Sequence[Path], form: str, columns: Columns, max_length: int,
              tick: Callable[[], None] = lambda: None) -> None:
        """Read every export into a fresh file, renamed into place only once complete (an
        interrupted parse leaves no checkpoint that looks whole)."""
        partial = self.path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)
        db = sqlite3.connect(partial)
        os.chmod(partial, 0o600)
        try:
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute(f"CREATE TABLE replies (seq INTEGER PRIMARY KEY, {', '.join(_REPLY_FIELDS)})")
            db.execute("CREATE TABLE bad_rows (seq INTEGER PRIMARY KEY, file TEXT, line INT, reason TEXT)")
            for export in exports:
                for record in read_export(export, form, columns, self.path.parent):
                    if isinstance(record, Reply):
                        record = too_long(record, max_length) or record
                    if isinstance(record, Reply):
                        db.execute(f"INSERT INTO replies ({', '.join(_REPLY_FIELDS)}) VALUES "
                                   f"({', '.join('?' * len(_REPLY_FIELDS))})", astuple(record))
                    else:
                        db.execute("INSERT INTO bad_rows (file, line, reason) VALUES (?, ?, ?)", astuple(record))
                    tick()
            db.execute("CREATE INDEX replies_by_time ON replies (time)")
            db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
            db.commit()
        finally:
            db.close()
        partial.replace(self.path)

    def replies(self, since: str | None, limit: int | None, after: int = 0) -> Iterator[tuple[int, Reply]]:
        """The replies to check in export order, from just after ``after``."""
        query, values = self._selection(since, limit)
        with _reading(self.path) as db:
            cursor = db.execute(f"SELECT seq, {', '.join(_REPLY_FIELDS)} FROM ({query}) WHERE seq > ? ORDER BY seq",
                                (*values, after))
            for seq, *row in cursor:
                yield seq, Reply(*row)

    def count(self, since: str | None, limit: int | None) -> int:
        query, values = self._selection(since, limit)
        with _reading(self.path) as db:
            return int(db.execute(f"SELECT COUNT(*) FROM ({query})", values).fetchone()[0])

    def skipped(self, since: str | None) -> tuple[int, int]:
        """Replies ``--since`` leaves out: (before it, without a time)."""
        if since is None:
            return 0, 0
        with _reading(self.path) as db:
            before, timeless = db.execute("SELECT COALESCE(SUM(time != '' AND time < ?), 0), "
                                          "COALESCE(SUM(time = ''), 0) FROM replies", (since,)).fetchone()
        return int(before), int(timeless)

    def bad_rows(self) -> Iterator[BadRow]:
        with _reading(self.path) as db:
            for row in db.execute("SELECT file, line, reason FROM bad_rows ORDER BY seq"):
                yield BadRow(*row)

    @staticmethod
    def _selection(since: str | None, limit: int | None) -> tuple[str, tuple[object, ...]]:
        where = "WHERE time != '' AND time >= ?" if since else ""
        query = f"SELECT * FROM replies {where} ORDER BY seq" + (" LIMIT ?" if limit is not None else "")
        return query, tuple(v for v in (since, limit) if v is not None)


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(path)
    try:
        yield db
    finally:
        db.close()
