"""A 0–100 score and a one-line reason, so an agent sees at a glance if a reply is ready."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .findings import Finding

PENALTY = {"error": 20, "warning": 8, "suggestion": 3}


def score(findings: Sequence[Finding], labels: Mapping[str, str]) -> tuple[int, str]:
    """``labels``: each category's label, so the reason reads "No apology", not "missing-apology"."""
    if not findings:
        return 100, "Ready to send: nothing to fix."
    value = max(0, 100 - sum(PENALTY[f.severity] for f in findings))
    counts = Counter(f.category for f in findings)
    ranked = sorted(counts, key=lambda c: (-max(PENALTY[f.severity] for f in findings if f.category == c), c))
    listed = ", ".join(f"{labels.get(c, c)} ×{counts[c]}" if counts[c] > 1 else labels.get(c, c) for c in ranked[:3])
    if len(ranked) > 3:
        listed += f" and {len(ranked) - 3} more"
    errors = sum(f.severity == "error" for f in findings)
    verdict = f"Fix {errors} error{'s' if errors != 1 else ''} before sending" if errors else "Could be kinder"
    return value, f"{verdict}: {listed}."
