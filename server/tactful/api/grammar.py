"""Grammar findings for a request, and the notice the agent sees when there are none."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from flask import current_app

from ..engine.findings import Finding
from ..engine.fixes import Proofread

OFF = {"status": "off", "reason": "No grammar backend is configured."}
SKIPPED = {"status": "skipped", "reason": "Grammar was not requested."}


def grammar_findings(text: str, language: str, wanted: bool = True) -> tuple[list[Finding], dict[str, Any]]:
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


def proofreader(language: str) -> Proofread | None:
    """Count LanguageTool's grammar and spelling errors in each of some sentences, in one call.

    The sentences go as paragraphs of one text; style notes are not counted, and when the
    call fails the answer is ``None``, so the fixes are kept as the tone checks vetted them.
    """
    checker = current_app.extensions.get("tactful.grammar")
    if checker is None:
        return None

    def count(sentences: Sequence[str]) -> Sequence[int] | None:
        starts, text = [], ""
        for sentence in sentences:
            starts.append(len(text))
            text += sentence.replace("\n", " ") + "\n\n"
        result = checker.check(text, language)
        if result.status != "ok":
            return None
        counts = [0] * len(sentences)
        for finding in result.findings:
            if finding.category != "style":
                counts[bisect_right(starts, finding.offset) - 1] += 1
        return counts

    return count
