"""Fill a rule's suggestion template and fit it to the text it replaces."""
from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

_PRONOUN_I = re.compile(r"\bi(['’](?:m|ll|ve|d))?\b")
PLACEHOLDERS = {"name": "[your name]", "phone": "[your direct line]", "email": "[your email address]"}


@dataclass(frozen=True)
class Contact:
    """The agent's own details, used to complete contact suggestions."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None

    def filled(self) -> SimpleNamespace:
        """The details for a template, with a clear placeholder for each one not given."""
        return SimpleNamespace(**{key: getattr(self, key) or text for key, text in PLACEHOLDERS.items()})


class _Template(string.Formatter):
    """``{group}`` fields that may be absent, plus ``:cap`` and ``:lower`` formats.

    ``:lower`` keeps the pronoun "I" (and "I'm", "I'll"…) capital, as English writes it.
    """

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        return kwargs.get(str(key), "")

    def format_field(self, value: Any, spec: str) -> str:
        text = str(value)
        if spec == "cap":
            return text[:1].upper() + text[1:]
        if spec == "lower":
            return _PRONOUN_I.sub(lambda m: "I" + (m.group(1) or ""), text.lower())
        return format(text, spec)


_TEMPLATE = _Template()


def render(template: str, values: Mapping[str, Any]) -> str:
    return _TEMPLATE.format(template, **values)


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
