"""Checking one batch of replies on a worker: the call ``POST /v1/check`` makes, nothing else.

Each reply goes through ``Checker.check`` with its customer message and channel and the
API's defaults for the rest (no contact details, no follow-up time, every rule and category),
so a reply scores here what it scores in the extension. The learned layer (the customer
reading and the learned reply rules, on the sentence encoders) is on as it is in the API.

Grammar is off: LanguageTool checks about 55 replies a second on two cores (BENCHMARKS.md,
section 4), which would make a 50,000-reply audit take a quarter of an hour for spelling
notes a lead does not read this report for; the tone checks run several times as fast.

Each worker process builds its checker once and keeps it (its own encoders and caches);
BLAS is held to one thread, because the audit already runs one process per core and
numpy's threads would fight over them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from threadpoolctl import threadpool_limits

from ..app import build_checker
from ..config import Settings
from ..engine.checker import Checker
from .redact import Redactor


@dataclass(frozen=True)
class Task:
    """A reply to check; ``names`` are the customer's, for ``--redact``."""

    text: str
    customer_message: str
    channel: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoundIssue:
    rule: str
    category: str
    severity: str
    message: str
    offset: int
    length: int
    text: str
    suggestion: str


@dataclass(frozen=True)
class Verdict:
    """What the check says of one reply, every text masked under ``--redact`` (the offsets
    stay those of the unmasked reply). ``upset`` is None when the export has no customer
    message for it (the checker then assumes a complaint, as the API does)."""

    text: str
    customer_message: str
    score: int
    reason: str
    upset: bool | None
    confidence: float | None
    reasons: tuple[str, ...]
    findings: tuple[FoundIssue, ...]
    rewrite: str


@cache
def worker_checker(settings: Settings) -> Checker:
    threadpool_limits(1)
    return build_checker(settings)


def check_batch(settings: Settings, tasks: Sequence[Task], redactor: Redactor | None = None) -> list[Verdict]:
    checker = worker_checker(settings)
    return [check_one(checker, task, redactor) for task in tasks]


def check_one(checker: Checker, task: Task, redactor: Redactor | None = None) -> Verdict:
    report = checker.check(task.text, channel=task.channel, customer_message=task.customer_message or None)
    reading = report.customer

    def shown(text: str) -> str:
        return redactor.mask(text, task.names) if redactor else text

    return Verdict(
        text=shown(task.text), customer_message=shown(task.customer_message),
        score=report.score, reason=report.reason,
        upset=reading.upset if reading else None, confidence=reading.confidence if reading else None,
        reasons=tuple(shown(r) for r in reading.reasons) if reading else (),
        findings=tuple(
            FoundIssue(f.rule, f.category, f.severity, f.message, f.offset, f.length, shown(f.text),
                       shown(_words(f.suggestions[0].text)) if f.suggestions else "")
            for f in report.findings
        ),
        rewrite=shown(report.rewrite),
    )


def _words(suggestion: str) -> str:
    """A suggestion as words to show: an inserted sentence comes with the separator that joins
    it to the text before (". Send us a DM…"), which reads as a stray mark on its own."""
    text = suggestion.strip()
    return text.lstrip(".,;: ").strip() or text
