"""Fill a rule's suggestion template and fit it to the text it replaces.

A template names details as fields: ``{contact.phone}``, ``{problem.sorry}``, ``{follow_up}``.
A template whose detail is not known is not used at all, so nothing Tactful offers reads
"[your direct line]": a rule lists its templates from the most specific to the plainest, and
the first one whose details are all known wins (see ``choose``). ``{group}`` fields name a
pattern's groups and may be empty.
"""
from __future__ import annotations

import re
import string
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .rulefile import SuggestionTemplate

_PRONOUN_I = re.compile(r"\bi(['’](?:m|ll|ve|d))?\b")


@dataclass(frozen=True)
class Contact:
    """The agent's own details, used to complete contact suggestions."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


class MissingDetail(LookupError):
    """A template names a detail (a phone number, what went wrong) that is not known."""


class _Template(string.Formatter):
    """``{group}`` fields that may be absent, details that must be there, ``:cap`` and ``:lower``.

    ``:lower`` keeps the pronoun "I" (and "I'm", "I'll"…) capital, as English writes it.
    """

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        return kwargs.get(str(key), "")

    def get_field(self, field_name: str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        try:
            value, first = super().get_field(field_name, args, kwargs)
        except AttributeError:
            raise MissingDetail(field_name) from None
        if value is None or ("." in field_name and not value):
            raise MissingDetail(field_name)
        return value, first

    def format_field(self, value: Any, spec: str) -> str:
        text = str(value)
        if spec == "cap":
            return text[:1].upper() + text[1:]
        if spec == "lower":
            return _PRONOUN_I.sub(lambda m: "I" + (m.group(1) or ""), text.lower())
        return format(text, spec)


_TEMPLATE = _Template()


def render(template: str, values: Mapping[str, Any]) -> str:
    """The filled template; raises ``MissingDetail`` when it needs a detail not in ``values``."""
    return _TEMPLATE.format(template, **values)


def usable(templates: Sequence[SuggestionTemplate], values: Mapping[str, Any]) -> list[tuple[str, SuggestionTemplate]]:
    """Each template that can be filled, with its text, in the rule's order."""
    filled = []
    for template in templates:
        try:
            filled.append((render(template.text, values), template))
        except MissingDetail:
            continue
    return filled


def choose(
    groups: Sequence[Sequence[SuggestionTemplate]], values: Mapping[str, Any], seed: str, text: str = ""
) -> tuple[str, SuggestionTemplate] | None:
    """The sentence to insert: from the first group with a template whose details are known,
    one picked by ``seed`` (the reply), so one reply always gets the same sentence and a
    team's replies do not all read alike. A template whose detail ``text`` already says
    ("the double charge") is passed over, so the reply does not name the harm twice."""
    said = text.lower()
    for group in groups:
        filled = [(t, template) for t, template in usable(group, values) if not _repeats(template.text, values, said)]
        if filled:
            return filled[zlib.crc32(seed.encode("utf-8", "surrogatepass")) % len(filled)]
    return None


def missing_details(groups: Sequence[Sequence[SuggestionTemplate]], values: Mapping[str, Any]) -> tuple[str, ...]:
    """The details (``contact``, ``follow_up``…) that kept every template from being filled,
    so a client can ask the agent for them once."""
    missing: dict[str, None] = {}
    for template in (t for group in groups for t in group):
        try:
            render(template.text, values)
        except MissingDetail as detail:
            missing[str(detail.args[0]).split(".")[0]] = None
    return tuple(missing)


def _repeats(template: str, values: Mapping[str, Any], said: str) -> bool:
    for _, name, _, _ in _TEMPLATE.parse(template):
        if name and "." in name:
            value, _ = _TEMPLATE.get_field(name, (), values)
            if isinstance(value, str) and value.lower() in said:
                return True
    return False


def match_case(replacement: str, original: str, sentence_start: bool) -> str:
    """Start the replacement with a capital where the text it replaces needs one.

    Normal text keeps the case of its first letter; a run of capitals (shouting) gets a
    capital only at the start of a sentence. "I" and "I'm" always keep theirs.
    """
    if not replacement or not original[:1].isalpha():
        return replacement
    capital = sentence_start if original.isupper() and len(original) > 1 else original[:1].isupper()
    if capital:
        return replacement[:1].upper() + replacement[1:]
    first_word = replacement.split(" ", 1)[0].rstrip(",.")
    if first_word == "I" or first_word.startswith(("I'", "I’")):
        return replacement
    return replacement[:1].lower() + replacement[1:]


def replace_label(replacement: str) -> str:
    return f"Replace with “{replacement}”" if replacement else "Remove"
