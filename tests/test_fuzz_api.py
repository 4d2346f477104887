"""Schema-driven fuzzing of the HTTP API from its own OpenAPI document (schemathesis).

The app is called in process (WSGI, no network). Schemathesis generates schema-valid bodies
and deliberately invalid ones (wrong types, unknown fields, missing ``text``, bad enums) for
``POST /v1/check``, ``GET /v1/rules`` and ``GET /v1/health``, and checks every response:

- ``not_a_server_error``: never a 5xx;
- ``status_code_conformance``: only documented statuses;
- ``content_type_conformance`` and ``response_headers_conformance``: JSON as documented;
- ``response_schema_conformance``: every body (200 and error) matches its documented schema;
- ``negative_data_rejection``: invalid input is refused with a 4xx, never checked anyway.

- ``positive_data_acceptance``: every request the document allows is accepted;
- ``unsupported_method``: other methods get 405 with an ``Allow`` header.

The app runs with its default rate limit: the document declares 429, so a fuzzer faster than
the limit still sees only documented answers.
"""
from __future__ import annotations

import pytest
import schemathesis
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from tactful.app import create_app
from tactful.config import Settings

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    unsupported_method,
]

schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", create_app(Settings.from_env({"TACTFUL_GRAMMAR": "off"})))


def test_the_document_describes_the_three_endpoints() -> None:
    operations = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert operations == {("POST", "/v1/check"), ("GET", "/v1/rules"), ("GET", "/v1/health")}


@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


def test_the_document_says_text_may_not_be_empty(client: FlaskClient) -> None:
    text = client.get("/v1/openapi.json").json["components"]["schemas"]["CheckRequest"]["properties"]["text"]
    assert client.post("/v1/check", json={"text": ""}).status_code == 400
    assert text.get("minLength") == 1


def test_the_document_only_accepts_contacts_the_api_accepts(client: FlaskClient) -> None:
    contact = client.get("/v1/openapi.json").json["components"]["schemas"]["CheckRequest"]["properties"]["contact"]
    assert client.post("/v1/check", json={"text": "Thanks!", "contact": {"x": 1}}).status_code == 400
    loose = [option for option in contact.get("anyOf", []) if "$ref" not in option and "properties" not in option]
    assert loose == [], contact


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("PUT", "/v1/check", {"POST", "OPTIONS"}),
    ("DELETE", "/v1/rules", {"GET", "HEAD", "OPTIONS"}),
])
def test_method_not_allowed_lists_the_allowed_methods(client: FlaskClient, method: str, path: str, allowed: set[str]) -> None:
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers.get("Allow", "").split(",") if m.strip()} == allowed


@pytest.mark.parametrize(("method", "path"), [("post", "/v1/check"), ("get", "/v1/rules")])
def test_the_document_declares_unauthorized_and_rate_limited(method: str, path: str) -> None:
    app = create_app(Settings(rate_limit="1/minute", api_key_hashes=frozenset({"0" * 64})))
    client = app.test_client()
    assert client.open(path, method=method.upper(), json={"text": "Thanks!"}).status_code == 401
    limited = create_app(Settings(rate_limit="1/minute")).test_client()
    statuses = [limited.open(path, method=method.upper(), json={"text": "Thanks!"}).status_code for _ in range(2)]
    assert statuses == [200, 429]
    documented = client.get("/v1/openapi.json").json["paths"][path][method]["responses"]
    assert {"401", "429"} <= set(documented), sorted(documented)
