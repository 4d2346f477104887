"""The reply checker: runs every check on a reply and assembles the report."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..learned.customer import CustomerModel
from ..learned.encoder import Encoder
from .checks.customer import read_customer
from .checks.learned import find_learned
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
    """Checks replies against one rulebook; safe to share between threads.

    ``customer_model`` reads the customer's message; by default the shipped one at its
    default threshold, loaded once per process.
    """

    def __init__(self, book: Rulebook, customer_model: CustomerModel | None = None) -> None:
        self.book = book
        self.customer_model = customer_model or CustomerModel.shipped()

    def encoders(self) -> set[Encoder]:
        """The encoders these checks run: the customer reading's, and the learned rules' if any."""
        learned = self.book.indexes.get("learned")
        return {self.customer_model.encoder, *([learned.encoder] if learned else [])}

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
        ``missing-apology`` is asked for. ``extra`` findings (grammar) join the report, except
        where they overlap a flagged phrase: the tone fix rewrites that span anyway.
        """
        customer = read_customer(customer_message, self.book, self.customer_model) if customer_message else None
        context = Context(channel, customer.upset if customer else True, contact, frozenset(disabled_rules))
        flagged = find_phrases(text, self.book, context)
        findings = [
            *flagged,
            *find_learned(text, self.book, context, flagged),
            *find_missing(text, self.book, context, flagged),
            *find_too_long(text, self.book, context),
            *(e for e in extra if not any(f.offset < e.end and e.offset < f.end for f in flagged)),
        ]
        if categories is not None:
            findings = [f for f in findings if f.category in categories]
        findings.sort(key=_reading_order)
        value, reason = score(findings)
        return Report(findings, customer, self._rewrite(text, findings, context, categories), value, reason)

    def _rewrite(self, text: str, findings: list[Finding], context: Context, categories: Collection[str] | None) -> str:
        """Fix the phrases first, then insert, one at a time, what the fixed reply still lacks.

        Replacing "sorry you feel that way" with "sorry we let you down" already apologises,
        so no second apology goes on top; and a fix that removes what satisfied another part
        ("sorry for the inconvenience" acknowledged the trouble) gets that part inserted.
        Each sentence is placed on the text as it is after the previous one, so several
        sentences at one place get one full stop each. Opening sentences are inserted last
        first and closing ones first first, so both read in the order of their severity.
        """
        fixed = rewrite(text, [f for f in findings if f.scope == "span"])
        voids = find_phrases(fixed, self.book, context)
        missing = [
            f for f in find_missing(fixed, self.book, context, voids)
            if categories is None or f.category in categories
        ]
        missing.sort(key=_reading_order)
        at_opening = [f for f in missing if self.book.rules[f.rule].insert_at == "opening"]
        at_closing = [f for f in missing if self.book.rules[f.rule].insert_at == "closing"]
        for finding in [*reversed(at_opening), *at_closing]:
            rule = self.book.rules[finding.rule]
            fixed = rewrite(fixed, find_missing(fixed, self.book, context, voids, only=rule))
        return fixed


def _reading_order(finding: Finding) -> tuple[int, int, str]:
    return finding.offset, -SEVERITY_RANK[finding.severity], finding.rule
