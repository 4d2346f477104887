"""Every error is JSON: ``{"error": {"code", "message", "field"}}`` with a stable code.

Handlers cover our own ``ApiError``, marshmallow validation, Flask's HTTP errors and, as a
last resort, anything unexpected (a 500 without a stack trace and without the request body).
"""
from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from gunicorn.http.errors import ParseException as MalformedBody
from marshmallow import ValidationError, fields
from werkzeug.exceptions import HTTPException, MethodNotAllowed

log = logging.getLogger(__name__)

UNKNOWN_FIELD = "Unknown field."
_REQUIRED = fields.Field.default_error_messages["required"]
_HTTP_CODES = {
    400: "bad_request", 404: "not_found", 405: "method_not_allowed",
    413: "body_too_large", 415: "unsupported_media_type", 429: "too_many_requests",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_response(status: int, code: str, message: str, field: str | None = None) -> tuple[Response, int]:
    return jsonify(error={"code": code, "message": message, "field": field}), status


def _first_problem(messages: object, path: str = "") -> tuple[str, str]:
    """The dotted path and message of the first problem in marshmallow's nested messages."""
    if isinstance(messages, dict):
        key, value = next(iter(messages.items()))
        name = str(key) if key != "_schema" else ""
        return _first_problem(value, f"{path}.{name}" if path and name else path or name)
    if isinstance(messages, list) and messages:
        return _first_problem(messages[0], path)
    return path, str(messages)


def validation_error(error: ValidationError) -> ApiError:
    field, message = _first_problem(error.messages)
    if message == UNKNOWN_FIELD:
        return ApiError(400, "unknown_field", f"'{field}' is not a field this endpoint accepts.", field)
    if message == _REQUIRED:
        return ApiError(400, "missing_field", f"'{field}' is required.", field)
    return ApiError(400, "invalid_field", f"'{field}': {message}", field or None)


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> tuple[Response, int]:
        return error_response(error.status, error.code, error.message, error.field)

    @app.errorhandler(ValidationError)
    def _validation(error: ValidationError) -> tuple[Response, int]:
        return _api_error(validation_error(error))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[Response, int]:
        status = error.code or 500
        response, status = error_response(status, _HTTP_CODES.get(status, f"http_{status}"), error.description or error.name)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return response, status

    @app.errorhandler(MalformedBody)
    def _malformed(error: MalformedBody) -> tuple[Response, int]:
        """gunicorn reads a chunked body as the app asks for it, so a broken chunk surfaces here."""
        return error_response(400, "bad_request", "The request body is not well-formed (its chunked encoding is broken).")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[Response, int]:
        log.error("unexpected %s while handling a request", type(error).__name__)
        return error_response(500, "internal_error", "Something went wrong on our side; the reply was not stored.")
