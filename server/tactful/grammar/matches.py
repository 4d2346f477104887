"""Turn LanguageTool ``/v2/check`` matches into Tactful ``Finding`` objects."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tactful.engine.findings import Finding, Suggestion
from tactful.engine.offsets import codepoint_converter

MAX_SUGGESTIONS = 5
# LanguageTool labels confusions such as "a/an" or "their/there" as misspellings too; only its
# TYPOS category holds real unknown-word spelling mistakes.
_GRAMMAR_ISSUES = frozenset({"misspelling", "grammar", "typographical", "duplication"})


def category_of(rule: Mapping[str, Any]) -> str:
    """``spelling``, ``grammar`` or ``style`` (everything else: style, register, whitespace…)."""
    issue = rule.get("issueType", "")
    if issue == "misspelling" and rule.get("category", {}).get("id") == "TYPOS":
        return "spelling"
    return "grammar" if issue in _GRAMMAR_ISSUES else "style"


def _label(replacement: str, original: str) -> str:
    return f"Replace with “{replacement}”" if replacement else f"Delete “{original}”"


def to_findings(text: str, matches: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """Findings with code-point offsets into ``text`` (the text that was sent)."""
    to_codepoint = codepoint_converter(text)
    findings = []
    for match in matches:
        start = to_codepoint(match["offset"])
        length = to_codepoint(match["offset"] + match["length"]) - start
        original = text[start:start + length]
        category = category_of(match["rule"])
        suggestions = tuple(
            Suggestion(text=r["value"], kind="replace", offset=start, length=length,
                       label=_label(r["value"], original))
            for r in match.get("replacements", [])[:MAX_SUGGESTIONS]
        )
        findings.append(Finding(
            rule=match["rule"]["id"],
            category=category,
            severity="suggestion" if category == "style" else "warning",
            message=match["message"],
            offset=start,
            length=length,
            text=original,
            suggestions=suggestions,
            source="languagetool",
        ))
    return findings
