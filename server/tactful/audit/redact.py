"""``--redact``: customers' emails, phone numbers, order numbers and names masked in every file written.

Phone numbers are found by ``phonenumbers`` (Google's libphonenumber), which knows each
country's formats, with ``region`` for numbers written without a country code; any other run
of seven or more digits is masked as a phone number too, and any remaining long number or
code with digits in it (``AB123456``) as an order number, so a miss errs towards masking.
Names are those the export gives for the customer (a Zendesk requester, a handle on X, a
``--customer-name`` column), each word of them on its own as well, and the capitalised words
a greeting addresses ("Hi Dana,", "Dear Mr Smith"). No library finds names in free text
without a statistical model (Presidio and its relatives need a spaCy model that no package
registry ships), so a name that is neither known nor greeted stays: the report says so.

Checks run on the texts as exported (masking an email would hide that a reply offers a
contact); offsets in ``findings.csv`` count characters of the unmasked reply.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ORDER = re.compile(
    r"(?i)\b(?:order|ref(?:erence)?|case|ticket|booking|confirmation|tracking|invoice|account|reservation|parcel)"
    r"(?:\s*(?:number|no\.?|num|id|code))?\s*(?:is\s*)?[:#]?\s*(?=[A-Z0-9-]*\d)([A-Z0-9][A-Z0-9-]{3,})")
DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
HASH_NUMBER = re.compile(r"#\s?(?=\w*\d)\w{3,}")
DIGIT_RUN = re.compile(r"\+?\(?\d[\d ().-]{5,}\d")
CODE = re.compile(r"\b(?=[A-Za-z-]*\d)(?=\w*[\d]{4})[A-Za-z0-9-]{5,}\b|\b\d{5,}\b")
GREETED = re.compile(
    r"\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Tt]hanks|[Tt]hank you|[Ss]orry)[ ,]+((?:(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? )?"
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)")
NOT_NAMES = frozenset({"There", "Team", "All", "Everyone", "Again", "For", "So", "Very", "Folks", "Guys", "Sir", "Madam",
                       "Support", "Customer", "Friend", "Both", "Once", "Much", "Everybody", "You"})

Span = tuple[int, int, str]


class Redactor:
    """Masks one export's texts; ``region`` is the country of numbers written without a code."""

    def __init__(self, region: str = "US") -> None:
        self.region = region

    def mask(self, text: str, names: Iterable[str] = ()) -> str:
        if not text:
            return text
        spans: list[Span] = []
        for found in self._spans(text, names):
            if all(found[1] <= s or found[0] >= e for s, e, _ in spans):
                spans.append(found)
        out, at = [], 0
        for start, end, label in sorted(spans):
            out += [text[at:start], f"[{label}]"]
            at = end
        return "".join([*out, text[at:]])

    def _spans(self, text: str, names: Iterable[str]) -> Iterable[Span]:
        """Candidates in order of trust; ``mask`` keeps each that overlaps none before it."""
        yield from ((m.start(), m.end(), "email") for m in EMAIL.finditer(text))
        yield from _known_names(text, names)
        yield from ((m.start(1), m.end(1), "order number") for m in ORDER.finditer(text))
        yield from ((m.start(), m.end(), "order number") for m in HASH_NUMBER.finditer(text))
        phones = phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.POSSIBLE)
        yield from ((m.start, m.end, "phone") for m in phones if not DATE.fullmatch(m.raw_string))
        yield from ((m.start(), m.end(), "phone") for m in DIGIT_RUN.finditer(text)
                    if _digits(m.group()) >= 7 and not DATE.fullmatch(m.group()))
        yield from ((m.start(), m.end(), "order number") for m in CODE.finditer(text) if not DATE.fullmatch(m.group()))
        for m in GREETED.finditer(text):
            if m.group(1).split()[0] not in NOT_NAMES:
                yield m.start(1), m.end(1), "name"


def _known_names(text: str, names: Iterable[str]) -> Iterable[Span]:
    """Each known name whole and word by word, longest first, as whole words in any case."""
    words = {w for name in names for w in [name.strip(), *re.findall(r"[\w'’-]{2,}", name)] if w}
    for word in sorted(words, key=len, reverse=True):
        pattern = re.escape(word) if word.startswith("@") else rf"(?<![\w@]){re.escape(word)}(?!\w)"
        yield from ((m.start(), m.end(), "name") for m in re.finditer(pattern, text, re.IGNORECASE))


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)
