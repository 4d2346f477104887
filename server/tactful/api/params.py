"""A LanguageTool-style request's parameters, read once per request.

LanguageTool clients send their parameters as a query, a form, or a form labelled JSON
(LTeX sends JSON); the key check and the /v2 handler both read them, so they are parsed from
the cached body once and kept on ``g``.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qs

from flask import g, request

from .errors import ApiError


def request_params() -> dict[str, str]:
    if "tactful_params" not in g:
        g.tactful_params = _parse()
    return g.tactful_params


def _parse() -> dict[str, str]:
    params = {key: values[-1] for key, values in parse_qs(request.query_string.decode("latin-1")).items()}
    raw = request.get_data(cache=True, as_text=True)
    stripped = raw.lstrip()
    if stripped.startswith("{"):
        try:
            body = json.loads(stripped)
        except (ValueError, RecursionError):
            raise ApiError(400, "invalid_json", "The request body is not valid JSON (or nests too deeply).") from None
        params.update({key: value if isinstance(value, str) else json.dumps(value) for key, value in body.items()})
    else:
        params.update({key: values[-1] for key, values in parse_qs(raw, keep_blank_values=True).items()})
    return params
