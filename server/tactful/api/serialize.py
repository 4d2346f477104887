"""Reports as JSON, with UTF-16 offsets beside the code-point ones."""
from __future__ import annotations

from typing import Any

from ..engine.checker import Report
from ..engine.findings import CustomerReading, Finding
from ..engine.offsets import utf16_converter
from ..engine.rules import Category, Rule


def finding_json(finding: Finding, utf16) -> dict[str, Any]:
    start16 = utf16(finding.offset)
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "message": finding.message,
        "scope": finding.scope,
        "source": finding.source,
        "offset": finding.offset,
        "length": finding.length,
        "offset_utf16": start16,
        "length_utf16": utf16(finding.end) - start16,
        "text": finding.text,
        "needs": list(finding.needs),
        "suggestions": [
            {
                "text": s.text, "kind": s.kind, "offset": s.offset, "length": s.length,
                "offset_utf16": utf16(s.offset), "length_utf16": utf16(s.offset + s.length) - utf16(s.offset),
                "label": s.label, "preview": s.preview,
            }
            for s in finding.suggestions
        ],
    }


def customer_json(reading: CustomerReading | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {
        "upset": reading.upset,
        "confidence": reading.confidence,
        "signals": [{"signal": s.kind, "text": s.text} for s in reading.signals],
        "reasons": list(reading.reasons),
        "problems": [{"problem": p.kind, "text": p.text, "sorry": p.sorry} for p in reading.problems],
    }


def report_json(text: str, report: Report, grammar: dict[str, Any], elapsed_ms: float) -> dict[str, Any]:
    utf16 = utf16_converter(text)
    return {
        "findings": [finding_json(f, utf16) for f in report.findings],
        "customer": customer_json(report.customer),
        "rewrite": report.rewrite,
        "rewrite_fixes": list(report.fixes),
        "score": report.score,
        "score_reason": report.reason,
        "grammar": grammar,
        "stats": {"characters": len(text), "words": len(text.split()), "elapsed_ms": round(elapsed_ms, 3)},
    }


def category_json(category: Category) -> dict[str, str]:
    return {"id": category.id, "label": category.label, "colour": category.colour, "layer": category.layer}


def rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "kind": rule.kind, "category": rule.category, "severity": rule.severity,
        "message": rule.message, "description": rule.description,
        "channels": sorted(rule.channels), "customer": rule.customer,
    }
