"""The /v1 blueprint: check a reply, list the rules, report health."""
from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from .. import __version__
from ..engine.checker import Checker
from ..engine.suggest import Contact
from .errors import ApiError
from .grammar import grammar_findings, grammar_status, proofreader
from .limits import check_text
from .schemas import CheckRequestSchema
from .serialize import category_json, report_json, rule_json

bp = Blueprint("v1", __name__, url_prefix="/v1")
_REQUEST = CheckRequestSchema()


def _checker() -> Checker:
    return current_app.extensions["tactful.checker"]


def _json_body() -> dict[str, Any]:
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        raise ApiError(400, "invalid_json", "The request body nests too deeply to be a check request.") from None
    if body is None:
        raise ApiError(400, "invalid_json", "The request body is not valid JSON.")
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "The request body must be a JSON object.")
    return body


@bp.post("/check")
def check() -> ResponseReturnValue:
    """Check a draft reply.
    ---
    post:
      summary: Check a draft reply for tone (and grammar when configured)
      requestBody:
        required: true
        content:
          application/json:
            schema: CheckRequestSchema
      responses:
        200:
          description: Findings, the rewritten reply and a score
          content:
            application/json:
              schema: CheckResponseSchema
        400:
          description: Invalid input
          content:
            application/json:
              schema: ErrorSchema
        413:
          description: Text or body too long
          content:
            application/json:
              schema: ErrorSchema
        415:
          description: Not JSON
          content:
            application/json:
              schema: ErrorSchema
        401: Unauthorized
        429: RateLimited
    """
    started = time.perf_counter()
    data = _REQUEST.load(_json_body())
    limit = current_app.config["TACTFUL_SETTINGS"].max_text_length
    check_text("text", data["text"], limit)
    check_text("customer_message", data["customer_message"], limit)
    if not data["text"].strip():
        raise ApiError(400, "text_empty", "'text' is empty: there is no reply to check.", "text")
    unknown = [i for i, category in enumerate(data["categories"] or ()) if category not in _checker().book.categories]
    if unknown:
        raise ApiError(400, "invalid_field", f"'categories.{unknown[0]}': {data['categories'][unknown[0]]!r} is not a "
                       "category (GET /v1/rules lists them).", f"categories.{unknown[0]}")
    language = _checker().book.default_dialect if data["language"] is None else data["language"]
    if language not in _checker().book.dialects:
        raise ApiError(400, "invalid_field", f"'language': {language!r} is not a dialect Tactful checks "
                       f"({', '.join(_checker().book.dialects)}).", "language")
    extra, grammar = grammar_findings(data["text"], language, wanted=data["grammar"])
    report = _checker().check(
        data["text"],
        channel=data["channel"],
        customer_message=data["customer_message"],
        contact=Contact(**(data["contact"] or {})),
        follow_up=data["follow_up"],
        disabled_rules=data["disabled_rules"],
        categories=data["categories"],
        extra=extra,
        proofread=proofreader(language) if grammar["status"] == "ok" else None,
        dialect=language,
    )
    return jsonify(report_json(data["text"], report, grammar, (time.perf_counter() - started) * 1000))


@bp.get("/rules")
def rules() -> ResponseReturnValue:
    """List the rules in force.
    ---
    get:
      summary: The rules in force, core and team packs
      responses:
        200:
          description: Every rule
          content:
            application/json:
              schema: RulesResponseSchema
        401: Unauthorized
        429: RateLimited
    """
    book = _checker().book
    return jsonify(rules=[rule_json(rule) for rule in book.rules.values()],
                   categories=[category_json(category) for category in book.categories.values()],
                   dialects=[{"id": dialect.id, "label": dialect.label} for dialect in book.dialects.values()])


@bp.get("/health")
def health() -> ResponseReturnValue:
    """Report that the service is up.
    ---
    get:
      summary: Liveness, version and what is loaded
      responses:
        200:
          description: The service is up
          content:
            application/json:
              schema: HealthSchema
    """
    return jsonify(status="ok", version=__version__, rules=len(_checker().book.rules), grammar=grammar_status())
