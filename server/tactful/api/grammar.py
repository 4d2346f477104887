"""Grammar findings for a request, and the notice the agent sees when there are none."""
from __future__ import annotations

from typing import Any

from flask import current_app

from ..engine.findings import Finding

OFF = {"status": "off", "reason": "No grammar backend is configured."}
SKIPPED = {"status": "skipped", "reason": "Grammar was not requested."}


def grammar_findings(text: str, language: str = "en-US", wanted: bool = True) -> tuple[list[Finding], dict[str, Any]]:
    """LanguageTool's findings and a status; never raises, never blocks past its budget."""
    checker = current_app.extensions.get("tactful.grammar")
    if not wanted:
        return [], SKIPPED
    if checker is None:
        return [], OFF
    result = checker.check(text, language)
    return list(result.findings), {"status": result.status, "reason": result.reason}


def grammar_status() -> dict[str, Any]:
    checker = current_app.extensions.get("tactful.grammar")
    return OFF if checker is None else checker.status()
