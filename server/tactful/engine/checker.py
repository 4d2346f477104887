"""The reply checker: runs every check on a reply and assembles the report."""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace

from ..learned.customer import CustomerModel
from ..learned.encoder import Encoder
from .checks.customer import read_customer
from .checks.learned import find_learned
from .checks.length import find_too_long, limit_for, measure, surely_within
from .checks.missing import find_missing
from .checks.phrases import find_phrases
from .context import Context
from .findings import SEVERITY_RANK, CustomerReading, Finding, Suggestion
from .fixes import Proofread, proofread_all, vet
from .rewrite import apply, rewrite
from .rulebook import Rulebook
from .score import score
from .suggest import Contact


@dataclass(frozen=True)
class Report:
    """``fixes`` are the rules whose fix the rewrite carries: checking the rewrite finds none
    of them again. A rule left out gave advice only, or its sentence did not fit (on X)."""

    findings: list[Finding]
    customer: CustomerReading | None
    rewrite: str
    score: int
    reason: str
    fixes: tuple[str, ...] = ()


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
        follow_up: str | None = None,
        disabled_rules: Collection[str] = (),
        categories: Collection[str] | None = None,
        extra: Collection[Finding] = (),
        proofread: Proofread | None = None,
        dialect: str | None = None,
    ) -> Report:
        """Check ``text``; without a customer message, assume it answers a complaint.

        ``categories`` narrows what is reported, not what is checked: a non-apology still
        keeps "I'm sorry you feel that way" from counting as an apology when only
        ``missing-apology`` is asked for. ``extra`` findings (grammar) join the report, except
        where they overlap a flagged phrase: the tone fix rewrites that span anyway. Every
        suggestion is vetted (``fixes.py``), by ``proofread`` too when given. Tactful's own
        words are spelled in ``dialect`` (``None``: as the rules write them, see ``spelling.py``).
        """
        customer = read_customer(customer_message, self.book, self.customer_model, dialect) if customer_message else None
        context = Context(
            channel, customer.upset if customer else True, contact, frozenset(disabled_rules),
            customer.problems if customer else (), follow_up, text, dialect,
        )
        findings = self._findings(text, context, extra)
        if categories is not None:
            findings = [f for f in findings if f.category in categories]
        if proofread is not None:
            findings = proofread_all(text, findings, proofread)
        findings.sort(key=_reading_order)
        value, reason = score(findings, {c.id: c.label for c in self.book.categories.values()})
        rewritten, fixes = self._rewrite(text, findings, context, categories)
        return Report(findings, customer, rewritten, value, reason, fixes)

    def _findings(self, text: str, context: Context, extra: Collection[Finding] = ()) -> list[Finding]:
        flagged = _at_most_per_rule(find_phrases(text, self.book, context))
        findings = [
            *flagged,
            *find_learned(text, self.book, context, flagged),
            *find_missing(text, self.book, context, flagged),
            *find_too_long(text, self.book, context),
            *(e for e in extra if not any(f.offset < e.end and e.offset < f.end for f in flagged)),
        ]
        return vet(text, _at_most_per_rule(findings), self.book, context)

    def _rewrite(
        self, text: str, findings: list[Finding], context: Context, categories: Collection[str] | None
    ) -> tuple[str, tuple[str, ...]]:
        """Fix the phrases first, then insert, one at a time, what the fixed reply still lacks.

        Replacing "sorry you feel that way" with "sorry we let you down" already apologises,
        so no second apology goes on top; and a fix that removes what satisfied another part
        ("sorry for the inconvenience" acknowledged the trouble) gets that part inserted.
        Each sentence is placed on the text as it is after the previous one, read afresh
        each time, and what it lacks is kept in step with the inserts, so no position is
        stale. Opening sentences are inserted last first and closing ones first first, so both
        read in the order of their severity. A fix that reveals another fixable phrase gets a
        second pass, so the rewrite passes its own check.
        """
        spans = [f for f in findings if f.scope == "span" and f.suggestions and _rewrites(f)]
        taken = {id(f) for f in spans}
        left = {f.rule for f in findings if f.scope == "span" and id(f) not in taken}
        fixes = {f.rule: None for f in spans if f.rule not in left}
        fixed = rewrite(text, spans)
        voids = find_phrases(fixed, self.book, context)
        for _ in range(2 if fixed != text else 0):
            wanted = [f for f in voids if categories is None or f.category in categories]
            again = [f for f in vet(fixed, wanted, self.book, context) if f.suggestions]
            if not again:
                break
            fixes.update((f.rule, None) for f in again)
            fixed = rewrite(fixed, again)
            voids = find_phrases(fixed, self.book, context)
        missing = [
            f for f in find_missing(fixed, self.book, context, voids)
            if f.suggestions and (categories is None or f.category in categories)
        ]
        chosen = sorted(self._fitting(fixed, missing, context), key=_reading_order)
        at_opening = [f for f in chosen if self.book.rules[f.rule].insert_at == "opening"]
        at_closing = [f for f in chosen if self.book.rules[f.rule].insert_at == "closing"]
        for finding in [*reversed(at_opening), *at_closing]:
            rule = self.book.rules[finding.rule]
            for found in find_missing(fixed, self.book, context, voids, only=rule):
                if found.suggestions:
                    edit = found.suggestions[0]
                    fixed = apply(fixed, [edit])
                    voids = [_shifted(v, edit) for v in voids]
                    fixes[rule.id] = None
        return fixed, tuple(fixes)

    def _fitting(self, text: str, missing: list[Finding], context: Context) -> list[Finding]:
        """The sentences to insert: on a channel with a length limit, the most severe first
        while they fit (each fits alone; together they may not). When the cheap bound says
        the reply and all of them fit together, all of them do, and twitter-text need not
        weigh them."""
        limit = limit_for(self.book, context)
        if limit is None:
            return missing
        if context.channel == "twitter" and surely_within(" ".join([text, *(f.suggestions[0].text for f in missing)]), limit):
            return missing
        room = limit - measure(text, context.channel)
        chosen = []
        for finding in sorted(missing, key=lambda f: -SEVERITY_RANK[f.severity]):
            cost = measure(finding.suggestions[0].text, context.channel)
            if cost <= room:
                chosen.append(finding)
                room -= cost
        return chosen


MOST_PER_RULE = 25
"""Findings one rule reports in one reply, the first in reading order: 2,000 underlines of
the same phrase tell an agent nothing more than 25, and an answer must stay a small multiple
of the text it answers."""


def _at_most_per_rule(findings: list[Finding]) -> list[Finding]:
    seen: Counter[str] = Counter()
    kept = []
    for finding in sorted(findings, key=_reading_order):
        seen[finding.rule] += 1
        if seen[finding.rule] <= MOST_PER_RULE:
            kept.append(finding)
    return kept


def _rewrites(finding: Finding) -> bool:
    """Whether the rewrite applies the finding's first fix. LanguageTool's style notes
    ("Furthermore, I've reshipped it") are taste, and its spelling fixes of a capitalised
    word are mostly names it does not know ("Lefèvre" to "Before"): both are left to the agent."""
    if finding.source != "languagetool":
        return True
    return finding.category != "style" and not (finding.category == "spelling" and finding.text[:1].isupper())


def _shifted(finding: Finding, insert: Suggestion) -> Finding:
    """``finding`` where it lies once ``insert`` went in before it."""
    if finding.offset < insert.offset:
        return finding
    return replace(finding, offset=finding.offset + len(insert.text) - insert.length)


def _reading_order(finding: Finding) -> tuple[int, int, str]:
    return finding.offset, -SEVERITY_RANK[finding.severity], finding.rule
