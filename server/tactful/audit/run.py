"""The audit from exports to report: parse once, check in batches, write, summarise."""
from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from .. import __version__
from ..config import Settings
from ..engine.rulebook import Rulebook
from .check import Task
from .execute import Runner, Where
from .parse import Checkpoint, fingerprint
from .readers.table import Columns
from .records import Reply
from .redact import Redactor
from .report import AuditFacts, write_report
from .summary import summarise
from .writers import BAD_ROWS, Outputs, write_bad_rows

BATCH = 32
WORK = ".audit"
BAD_ROWS_SHOWN = 20


@dataclass(frozen=True)
class AuditOptions:
    exports: tuple[Path, ...]
    out: Path
    form: str = "auto"
    columns: Columns = field(default_factory=Columns)
    since: str | None = None
    limit: int | None = None
    redact: bool = False
    region: str = "US"
    where: Where = field(default_factory=Where)
    keep_checkpoint: bool = False
    progress: bool | None = None
    """A progress bar on standard error; None: only when it is a terminal."""


@dataclass(frozen=True)
class AuditResult:
    checked: int
    resumed_from: int
    parsed_again: bool
    bad_rows: int
    report: Path


def _bar(options: AuditOptions, **kwargs: object) -> tqdm:
    shown = sys.stderr.isatty() if options.progress is None else options.progress
    return tqdm(disable=not shown, file=sys.stderr, dynamic_ncols=True, **kwargs)  # type: ignore[call-overload]


def audit(options: AuditOptions, settings: Settings, book: Rulebook) -> AuditResult:
    work = options.out / WORK
    work.mkdir(mode=0o700, parents=True, exist_ok=True)
    checkpoint = Checkpoint(work)
    key = fingerprint(options.exports, options.form, options.columns, settings.max_text_length)
    parsed_again = not checkpoint.matches(key)
    if parsed_again:
        with _bar(options, desc="reading", unit=" rows") as bar:
            checkpoint.build(key, options.exports, options.form, options.columns, settings.max_text_length,
                             tick=lambda: bar.update())
    bad_rows = write_bad_rows(options.out / BAD_ROWS, checkpoint.bad_rows())
    total = checkpoint.count(options.since, options.limit)
    run_key = hashlib.sha256(json.dumps([key, options.since, options.limit, options.redact, options.region,
                                         __version__, repr(settings)]).encode()).hexdigest()
    outputs = Outputs(options.out, work, run_key)
    outputs.open()
    resumed_from = outputs.checked
    redactor = Redactor(options.region) if options.redact else None
    try:
        with Runner(settings, options.where, redactor) as runner, \
                _bar(options, desc="checking", unit=" replies", total=total, initial=resumed_from) as bar:
            sent: deque[list[tuple[int, Reply]]] = deque()
            for verdicts in runner.run(_tasks(checkpoint.replies(options.since, options.limit, outputs.last), sent)):
                batch = sent.popleft()
                outputs.write(batch, verdicts)
                bar.update(len(batch))
    finally:
        outputs.close()
    before, timeless = checkpoint.skipped(options.since)
    facts = AuditFacts(
        exports=tuple(p.name for p in options.exports), checked=outputs.checked, bad_rows=bad_rows,
        before_since=before, without_time=timeless, since=options.since, limit=options.limit,
        redacted=options.redact, where=options.where.describe(), version=__version__,
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    report = options.out / "report.html"
    write_report(report, summarise(options.out), book, facts, list(itertools.islice(checkpoint.bad_rows(), BAD_ROWS_SHOWN)))
    if not options.keep_checkpoint:
        shutil.rmtree(work)
    return AuditResult(outputs.checked, resumed_from, parsed_again, bad_rows, report)


def _tasks(replies: Iterator[tuple[int, Reply]], sent: deque[list[tuple[int, Reply]]]) -> Iterator[Sequence[Task]]:
    """Batches of tasks, each batch's replies remembered in ``sent`` for writing its verdicts."""
    while batch := list(itertools.islice(replies, BATCH)):
        sent.append(batch)
        yield [Task(r.text, r.customer_message, r.channel, tuple(n for n in (r.customer,) if n)) for _, r in batch]
