"""The reply checker: runs every check on a reply and assembles the report."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .checks.customer import read_customer
from .checks.length import find_too_long
from .checks.missing import find_missing
from .checks.phrases import find_phrases
from .context import Context
from .findings import SEVERITY_RANK, CustomerReading, Finding
from .rewrite import rewrite
from .rulebook import Rulebook
from .score import score
from .suggest import Contact


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    customer: CustomerReading | None
    rewrite: str
    score: int
    reason: str


class Checker:
    """Checks replies against one rulebook; safe to share between threads."""

    def __init__(self, book: Rulebook) -> None:
        self.book = book

    def check(
        self,
        text: str,
        *,
        channel: str = "generic",
        customer_message: str | None = None,
        contact: Contact = Contact(),
        disabled_rules: Collection[str] = (),
        categories: Collection[str] | None = None,
        extra: Collection[Finding] = (),
    ) -> Report:
        """Check ``text``; without a customer message, assume it answers a complaint.

        ``categories`` narrows what is reported, not what is checked: a non-apology still
        keeps "I'm sorry you feel that way" from counting as an apology when only
        ``missing-apology`` is asked for. ``extra`` findings (grammar) join the report.
        """
        customer = read_customer(customer_message, self.book) if customer_message else None
        context = Context(channel, customer.upset if customer else True, contact, frozenset(disabled_rules))
        flagged = find_phrases(text, self.book, context)
        findings = [
            *flagged,
            *find_missing(text, self.book, context, flagged),
            *find_too_long(text, self.book, context),
            *extra,
        ]
        if categories is not None:
            findings = [f for f in findings if f.category in categories]
        findings.sort(key=lambda f: (f.offset, -SEVERITY_RANK[f.severity], f.rule))
        value, reason = score(findings)
        return Report(findings, customer, rewrite(text, findings), value, reason)
