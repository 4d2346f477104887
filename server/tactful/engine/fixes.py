"""Suggestions a customer can receive: each one previewed, and only those that leave the
reply better.

An agent who presses a fix sends what it wrote, so a suggestion is dropped when it
- gains a phrase finding within ``REREAD`` characters of the edit that was not there before
  (a fix that reads as another brush-off, or an unfilled placeholder);
- puts a whole clause where the words around it need a noun, a full stop or a question
  ("None of let's sort this out", "I can see why this matters to you late");
- deletes a fact the reply states: a number, an amount, a date, a link, an address, a handle;
- takes a reply over its channel's length limit (or one already over it further over);
- gains a grammar error, when a ``proofread`` function is given (LanguageTool, in the API).
Re-reading costs a phrase pass around each edit, so a check vets at most ``MOST_VETTED``
suggestions and offers no others: no real reply has that many, and a hostile one of 2,000
flagged phrases must still answer in well under a second.
The sentences Tactful inserts are fixed text, vetted by the rule examples and the test
suite, so neither the phrase nor the learned rules read them again at every check.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .checks.length import limit_for, measure, surely_within
from .checks.phrases import find_phrases
from .context import Context
from .findings import Finding, Suggestion
from .patterns import compile_pattern
from .rulebook import Rulebook
from .sentences import sentence_around

Proofread = Callable[[Sequence[str]], Sequence[int] | None]
"""Grammar errors in each of some sentences, or ``None`` when grammar is unavailable."""

REREAD = 40
"""How much text either side of an edit is read again for new findings."""
MOST_VETTED = 60
_FACT = compile_pattern(r"(?i)https?://\S+|[\w.+-]+@[\w-]+\.[\w.-]+|@\w+|[#£$€]?\d[\d.,:/-]*(?:am|pm|%)?")


@dataclass(frozen=True)
class _Fit:
    """The pack's ``fit`` word lists as patterns (see ``rules/core/pack.yml``)."""

    clause: re.Pattern[str]
    wants_noun: re.Pattern[str]
    joins: re.Pattern[str]
    open_end: re.Pattern[str]


@lru_cache(maxsize=8)
def _fit(book: Rulebook) -> _Fit:
    def words(key: str) -> str:
        return "|".join(re.escape(w).replace("'", "['’]") for w in book.fit.get(key, ())) or "(?!)"

    return _Fit(
        clause=re.compile(rf"(?:{words('clause')})\b", re.IGNORECASE),
        wants_noun=re.compile(rf"\b(?:{words('wants_noun')})\s*$", re.IGNORECASE),
        joins=re.compile(rf"[,.;:!—–)\"'”’…]|\s*$|\s+(?:(?:{words('joins')})\b|[—–-])", re.IGNORECASE),
        open_end=re.compile(rf"(?:[:,]|\b(?:{words('open_ends')}))$", re.IGNORECASE),
    )


def edited(text: str, suggestion: Suggestion, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as it reads after ``suggestion``, which lies inside it."""
    return text[start:suggestion.offset] + suggestion.text + text[suggestion.offset + suggestion.length:end]


def preview(text: str, suggestion: Suggestion) -> str:
    """The sentence as it will read after ``suggestion``; for an insert, the inserted sentence."""
    after = edited(text, suggestion)
    start, end = suggestion.offset, suggestion.offset + len(suggestion.text)
    if suggestion.kind == "insert":
        body = suggestion.text[:len(suggestion.text) - suggestion.length]
        start, end = start + len(body) - len(body.lstrip()), start + len(body.rstrip())
    first, last = sentence_around(after, start, end)
    return after[start if suggestion.kind == "insert" else first:last]


def _original_sentence(text: str, suggestion: Suggestion) -> str:
    start, end = sentence_around(text, suggestion.offset, suggestion.offset + suggestion.length)
    return text[start:end] if suggestion.length else ""


def _facts(text: str) -> Counter[str]:
    return Counter(found.group().lower() for found in _FACT.finditer(text))


def _fits_words(text: str, suggestion: Suggestion, fit: _Fit) -> bool:
    """A whole clause fits after the start of a sentence or a joining word, and before
    punctuation or a joining word: not after a word that wants a noun ("None of let's…"),
    not before a loose word ("…matters to you late", "…I can do I'm afraid") unless it ends
    open ("I'm sorry the parcel was late", "here's how: restart it"), and a statement does
    not end a question ("…matters to you?"). Any fix that ends with a comma needs a word
    after it ("…before dispatch, normally, 👍" does not read)."""
    after = text[suggestion.offset + suggestion.length:suggestion.offset + suggestion.length + 20]
    if suggestion.text.rstrip().endswith(",") and not re.match(r"\s+\w", after):
        return False
    if suggestion.kind != "replace" or not fit.clause.match(suggestion.text) or len(suggestion.text.split()) < 2:
        return True
    loose_after = not fit.joins.match(after) and not fit.open_end.search(suggestion.text.rstrip())
    return not (fit.wants_noun.search(text[max(0, suggestion.offset - 20):suggestion.offset])
                or loose_after or after.startswith("?"))


def _keeps_facts(text: str, suggestion: Suggestion) -> bool:
    """The edit neither cuts into a fact ("a I'm" inside "@kwame_a I'm") nor drops one."""
    start, end = suggestion.offset, suggestion.offset + suggestion.length
    near = list(_FACT.finditer(text, max(0, start - REREAD), min(len(text), end + REREAD)))
    if any(f.start() < start < f.end() or f.start() < end < f.end() for f in near):
        return False
    removed = Counter(f.group().lower() for f in near if start <= f.start() and f.end() <= end)
    return not (removed - _facts(suggestion.text))


def _within_limit(text: str, suggestion: Suggestion, book: Rulebook, context: Context) -> bool:
    """Weighted lengths add up across white space, so the edit's own pieces tell the change.
    When the cheap bound says the reply and the whole suggestion fit together, the edited
    reply fits too, and twitter-text need not weigh anything."""
    limit = limit_for(book, context)
    if limit is None or len(suggestion.text) <= suggestion.length:
        return True
    if context.channel == "twitter" and surely_within(f"{text} {suggestion.text}", limit):
        return True
    removed = text[suggestion.offset:suggestion.offset + suggestion.length]
    before = measure(text, context.channel)
    after = before + measure(suggestion.text, context.channel) - measure(removed, context.channel)
    return after <= limit or after <= before


def _adds_findings(text: str, suggestion: Suggestion, book: Rulebook, context: Context) -> bool:
    """Whether the text around a replacement has a phrase finding it did not have before.

    An insert is a whole sentence of the rules' own, each checked by the test suite, so it
    is not read again here.
    """
    if suggestion.kind == "insert":
        return False
    start, end = max(0, suggestion.offset - REREAD), suggestion.offset + suggestion.length + REREAD
    rules = context.which_rules
    return bool(_rules_in(edited(text, suggestion, start, end), book, rules) - _rules_in(text[start:end], book, rules))


@lru_cache(maxsize=1024)
def _rules_in(text: str, book: Rulebook, context: Context) -> Counter[str]:
    """The phrase rules found in a short stretch of text; cached (by ``Context.which_rules``),
    as the stretch before an edit is the same for each fix of a finding, and for every check
    of a draft being typed."""
    return Counter(f.rule for f in find_phrases(text, book, context))


def _good(text: str, suggestion: Suggestion, book: Rulebook, context: Context) -> bool:
    return (_fits_words(text, suggestion, _fit(book)) and _keeps_facts(text, suggestion)
            and _within_limit(text, suggestion, book, context) and not _adds_findings(text, suggestion, book, context))


def vet(text: str, findings: Sequence[Finding], book: Rulebook, context: Context) -> list[Finding]:
    """The findings with only the suggestions that leave the reply better, each with its preview."""
    budget = MOST_VETTED
    vetted = []
    for finding in findings:
        kept = []
        for suggestion in finding.suggestions:
            budget -= 1
            if budget >= 0 and _good(text, suggestion, book, context):
                kept.append(replace(suggestion, preview=preview(text, suggestion)))
        vetted.append(replace(finding, suggestions=tuple(kept)) if finding.suggestions else finding)
    return vetted


def proofread_all(text: str, findings: list[Finding], proofread: Proofread) -> list[Finding]:
    """Drop the tone suggestions whose sentence would read with more grammar errors than now.

    One call for every sentence, before and after, so LanguageTool is asked once per check.
    """
    edits = [s for f in findings if f.source == "tactful" for s in f.suggestions]
    if not edits:
        return findings
    counts = proofread([piece for s in edits for piece in (_original_sentence(text, s), s.preview)])
    if counts is None:
        return findings
    worse = {id(s) for n, s in enumerate(edits) if counts[2 * n + 1] > counts[2 * n]}
    return [replace(f, suggestions=tuple(s for s in f.suggestions if id(s) not in worse)) for f in findings]
