"""A LanguageTool-compatible endpoint, so every LanguageTool client becomes a Tactful client.

LanguageTool's browser extension, LTeX, language-tool-python's ``remote_server`` and others
let a user point them at their own server. ``POST /v2/check`` answers in LanguageTool's
format with LanguageTool's own matches (when a grammar backend is configured) plus the tone
findings as matches of their own categories, with ``issueType: style`` so clients draw them
as suggestions. What real clients do differently:

- LTeX sends a form body labelled ``application/json``: the body is parsed as a form
  whatever the label says, unless it really is a JSON object.
- LTeX needs ``sentence`` in every match; language-tool-python calls ``/v2/languages`` first.
- ``data`` (annotated text: ``{"annotation": [{"text": …}, {"markup": …, "interpretAs": …}]}``)
  is checked as the plain text it stands for, with offsets mapped back onto the markup.

Offsets are UTF-16 code units, as LanguageTool's. ``enabledRules`` cannot switch on
LanguageTool rules that are off by default; ``disabledRules``, ``enabledOnly`` and the
category filters apply to every match. Tactful adds one parameter of its own,
``customerMessage``: the customer's last message, read as in ``/v1/check``; without it the
reply is assumed to answer a complaint.

``language`` is one of the dialects of ``/v1/rules`` (en-GB…), ``en`` or ``auto``, read as
LanguageTool reads them: ``auto`` is the first of ``preferredVariants`` Tactful checks (as
LanguageTool's browser extension sends it), else the default dialect; ``en`` is English
with no variant, whose spelling LanguageTool does not check. Tactful's own words are
spelled in the dialect (the default one for ``en``). Any other language is refused.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

from .. import __version__
from ..engine.findings import Finding
from ..engine.offsets import utf16_converter
from ..engine.rulebook import Rulebook
from ..engine.sentences import sentence_around
from .errors import ApiError
from .grammar import grammar_findings
from .limits import check_text
from .params import request_params

bp = Blueprint("v2", __name__, url_prefix="/v2")

_ENGLISH = "en"
_LT_CATEGORIES = {"spelling": ("TYPOS", "Possible Typo", "misspelling"),
                  "grammar": ("GRAMMAR", "Grammar", "grammar"),
                  "style": ("STYLE", "Style", "style")}


@dataclass(frozen=True)
class Annotated:
    """The text to check, the original it came from, and where each checked character lies in
    the original: a character of text is one character there, a character that markup stands
    for (``interpretAs``) is the whole markup."""

    text: str
    original: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the checked text in the original: from its first character's start to its
        last one's end, so markup just before or after the span is never part of it."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]


def _annotated(params: dict[str, str]) -> Annotated:
    if "text" in params:
        text = params["text"]
        return Annotated(text, text, list(range(len(text))), list(range(1, len(text) + 1)))
    if "data" not in params:
        raise ApiError(400, "missing_field", "Send 'text' or 'data'.", "text")
    try:
        annotation = json.loads(params["data"])["annotation"]
    except (ValueError, KeyError, TypeError, RecursionError):
        annotation = None
    if not isinstance(annotation, list):
        raise ApiError(400, "invalid_field", "'data' must be JSON with an 'annotation' list.", "data")
    pieces: list[str] = []
    originals: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for part in annotation:
        if not isinstance(part, dict):
            raise ApiError(400, "invalid_field", "Each annotation is an object.", "data")
        if "text" in part:
            value = str(part["text"])
            pieces.append(value)
            originals.append(value)
            starts += range(at, at + len(value))
            ends += range(at + 1, at + len(value) + 1)
            at += len(value)
        else:
            markup, stands_for = str(part.get("markup", "")), str(part.get("interpretAs", ""))
            pieces.append(stands_for)
            originals.append(markup)
            starts += [at] * len(stands_for)
            ends += [at + len(markup)] * len(stands_for)
            at += len(markup)
    return Annotated("".join(pieces), "".join(originals), starts, ends)


def _split(value: str | None) -> set[str]:
    return {item.strip() for item in (value or "").split(",") if item.strip()}


def _category(finding: Finding) -> tuple[str, str, str]:
    if finding.source == "tactful":
        return f"TACTFUL_{finding.category.upper().replace('-', '_')}", f"Tone: {finding.category}", "style"
    return _LT_CATEGORIES.get(finding.category, _LT_CATEGORIES["style"])


def _match(checked: Annotated, finding: Finding, utf16: Callable[[int], int]) -> dict[str, Any]:
    """One LanguageTool match; ``utf16`` maps code points of the original to UTF-16 units."""
    text, original = checked.text, checked.original
    start, end = checked.span(finding.offset, finding.end)
    context_start = max(0, start - 40)
    context = original[context_start:end + 40]
    category_id, category_name, issue = _category(finding)
    return {
        "message": finding.message,
        "shortMessage": finding.category if finding.source == "tactful" else "",
        "replacements": [{"value": s.text} for s in finding.suggestions if s.kind == "replace"],
        "offset": utf16(start),
        "length": utf16(end) - utf16(start),
        "context": {"text": context, "offset": utf16(start) - utf16(context_start),
                    "length": utf16(end) - utf16(start)},
        "sentence": text[slice(*sentence_around(text, finding.offset, finding.end))],
        "type": {"typeName": "Hint" if finding.source == "tactful" else "Other"},
        "rule": {"id": finding.rule, "description": finding.message, "issueType": issue,
                 "category": {"id": category_id, "name": category_name}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _wanted(match: dict[str, Any], params: dict[str, str]) -> bool:
    rule, category = match["rule"]["id"], match["rule"]["category"]["id"]
    if rule in _split(params.get("disabledRules")) or category in _split(params.get("disabledCategories")):
        return False
    if params.get("enabledOnly", "false").lower() == "true":
        return rule in _split(params.get("enabledRules")) or category in _split(params.get("enabledCategories"))
    return True


@bp.post("/check")
def check() -> ResponseReturnValue:
    params = request_params()
    checked = _annotated(params)
    text = checked.text
    limit = current_app.config["TACTFUL_SETTINGS"].max_text_length
    check_text("text" if "text" in params else "data", text, limit)
    customer_message = params.get("customerMessage") or None
    check_text("customerMessage", customer_message, limit)
    checker = current_app.extensions["tactful.checker"]
    language = _language(params, checker.book)
    extra, grammar = grammar_findings(text, language)
    dialect = language if language in checker.book.dialects else checker.book.default_dialect
    report = checker.check(text, customer_message=customer_message, extra=extra, dialect=dialect)
    utf16 = utf16_converter(checked.original)
    matches = [_match(checked, f, utf16) for f in report.findings if f.scope == "span"]
    name = _names(checker.book)[language]
    return jsonify({
        "software": {"name": "Tactful", "version": __version__, "buildDate": None, "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": grammar["status"] != "ok"},
        "language": {"name": name, "code": language,
                     "detectedLanguage": {"name": name, "code": language, "confidence": 1.0}},
        "matches": [m for m in matches if _wanted(m, params)],
    })


def _names(book: Rulebook) -> dict[str, str]:
    return {_ENGLISH: "English", **{dialect.id: dialect.label for dialect in book.dialects.values()}}


def _language(params: dict[str, str], book: Rulebook) -> str:
    language = params.get("language") or book.default_dialect
    if language == "auto":
        preferred = [v.strip() for v in params.get("preferredVariants", "").split(",") if v.strip() in book.dialects]
        return preferred[0] if preferred else book.default_dialect
    if language not in _names(book):
        raise ApiError(400, "invalid_field", f"Language {language!r} is not supported; Tactful checks "
                       f"{', '.join(_names(book))} (or auto).", "language")
    return language


@bp.get("/languages")
def languages() -> ResponseReturnValue:
    return jsonify([{"name": name, "code": _ENGLISH, "longCode": code}
                    for code, name in _names(current_app.extensions["tactful.checker"].book).items()])
