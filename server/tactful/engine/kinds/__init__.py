"""Rule kinds: one module each, behind one small interface (``base.RuleKind``).

``KINDS`` is the registry the loader and the rulebook consult. A new kind is one module
here, listed below, and the check that reads its rules.
"""
from __future__ import annotations

from . import learned, length, phrase, problem, required, signal
from .base import RuleKind

KINDS: dict[str, RuleKind] = {kind.KIND.name: kind.KIND for kind in (phrase, required, length, signal, problem, learned)}
