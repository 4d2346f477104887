"""What a check reports: a finding (span, category, message) and the edits that fix it.

Offsets are Python ``str`` indices (Unicode code points) into the text that was checked.
The API adds UTF-16 offsets for JavaScript at the edge (see ``offsets.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "suggestion"]
SuggestionKind = Literal["replace", "insert"]
Scope = Literal["span", "reply"]

SEVERITY_RANK: dict[str, int] = {"suggestion": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Suggestion:
    """One edit: replace ``length`` code points at ``offset`` with ``text`` (insert when 0).

    ``preview`` is the sentence as it will read after the edit, so the agent can see it
    before applying it.
    """

    text: str
    kind: SuggestionKind
    offset: int
    length: int
    label: str
    preview: str = ""


@dataclass(frozen=True)
class Finding:
    """One thing the agent should look at.

    ``scope`` is ``"span"`` for a flagged phrase and ``"reply"`` for something the reply as a
    whole lacks (no apology, too long); a reply-scope finding points at an empty span where
    its inserted sentence would go. ``needs`` names the details (``contact``) the agent has
    not given and its fix would state, so a client can ask for them.
    """

    rule: str
    category: str
    severity: Severity
    message: str
    offset: int
    length: int
    text: str
    suggestions: tuple[Suggestion, ...] = ()
    scope: Scope = "span"
    source: str = "tactful"
    needs: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        return self.offset + self.length


@dataclass(frozen=True)
class Signal:
    """A sign of the customer's mood: which kind (``breach``, ``anger``…) and the words."""

    kind: str
    text: str


@dataclass(frozen=True)
class Problem:
    """What went wrong, from a ``problem`` rule: the customer's words (``text``) and the
    agent's, to finish "I'm so sorry …" (``sorry``) and "I know … is frustrating" (``about``)."""

    kind: str
    text: str
    sorry: str
    about: str


@dataclass(frozen=True)
class CustomerReading:
    """How the customer's message reads: upset or not, how sure, and why.

    ``confidence`` is the calibrated probability of the reading given. The threshold sits
    below one half by default, so an upset reading can carry less than 50%: an apology
    the customer did not need costs less than one an upset customer missed.
    ``signals`` are the phrases the signal rules matched; ``reasons`` are one line each
    for the agent ("Says something went wrong: “never arrived”"). ``problems`` are what went
    wrong, best first (at most two), when the message names it in words problem rules know.
    """

    upset: bool
    confidence: float
    signals: tuple[Signal, ...] = ()
    reasons: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
