"""API keys and rate limits, as a client meets them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tactful.api.protection import hash_key
from tactful.app import create_app
from tactful.config import Settings

KEY = "team-acme-9f8e7d"
BODY = {"text": "Please calm down."}


@pytest.fixture(scope="module")
def keyed_app():
    return create_app(Settings(api_key_hashes=frozenset({hash_key(KEY)}), rate_limit=None))


@pytest.fixture()
def keyed(keyed_app):
    return keyed_app.test_client()


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-API-Key": ""}, {"Authorization": "Basic " + KEY}])
def test_without_a_valid_key_nothing_is_checked(keyed, headers: dict) -> None:
    response = keyed.post("/v1/check", json=BODY, headers=headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert "findings" not in response.json


@pytest.mark.parametrize("headers", [{"Authorization": f"Bearer {KEY}"}, {"X-API-Key": KEY}])
def test_a_valid_key_is_accepted(keyed, headers: dict) -> None:
    response = keyed.post("/v1/check", json=BODY, headers=headers)
    assert response.status_code == 200 and response.json["findings"]


def test_health_and_docs_stay_open_and_preflight_needs_no_key(keyed) -> None:
    assert keyed.get("/v1/health").status_code == 200
    assert keyed.get("/v1/openapi.json").status_code == 200
    preflight = keyed.options("/v1/check", headers={
        "Origin": "chrome-extension://abc", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    })
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "chrome-extension://abc"


def test_a_401_still_carries_cors_headers_so_the_extension_can_read_it(keyed) -> None:
    response = keyed.post("/v1/check", json=BODY, headers={"Origin": "chrome-extension://abc"})
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == "chrome-extension://abc"


def test_rate_limit_answers_429_with_retry_after() -> None:
    client = create_app(Settings(rate_limit="3/minute")).test_client()
    statuses = [client.post("/v1/check", json=BODY).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.post("/v1/check", json=BODY)
    assert limited.json["error"]["code"] == "too_many_requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert client.get("/v1/health").status_code == 200


def test_rate_limit_counts_per_key() -> None:
    other = "team-other-1234"
    settings = Settings(api_key_hashes=frozenset({hash_key(KEY), hash_key(other)}), rate_limit="2/minute")
    client = create_app(settings).test_client()
    for _ in range(2):
        assert client.post("/v1/check", json=BODY, headers={"X-API-Key": KEY}).status_code == 200
    assert client.post("/v1/check", json=BODY, headers={"X-API-Key": KEY}).status_code == 429
    assert client.post("/v1/check", json=BODY, headers={"X-API-Key": other}).status_code == 200


def test_configuring_a_plain_key_instead_of_a_digest_is_refused() -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        Settings.from_env({"TACTFUL_API_KEYS": "my-secret-key"})


def test_key_file_with_comments(tmp_path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text(f"# support team\n{hash_key(KEY)}  # acme\n\n", encoding="utf-8")
    assert Settings.from_env({"TACTFUL_API_KEYS_FILE": str(keys)}).api_key_hashes == {hash_key(KEY)}


def test_cli_makes_a_key_and_its_digest() -> None:
    result = subprocess.run([sys.executable, "-m", "tactful.cli", "key", "new"], capture_output=True, text=True, timeout=60, check=False)
    key_line, digest_line = result.stdout.splitlines()
    assert hash_key(key_line.split()[1]) == digest_line.split()[1]


@pytest.mark.parametrize(("name", "value", "named"), [
    ("TACTFUL_RATE_LIMIT", "600/min", "TACTFUL_RATE_LIMIT"),
    ("TACTFUL_RATE_LIMIT", "lots", "TACTFUL_RATE_LIMIT"),
    ("TACTFUL_MAX_TEXT", "20k", "TACTFUL_MAX_TEXT"),
    ("TACTFUL_MAX_TEXT", "0", "TACTFUL_MAX_TEXT"),
    ("TACTFUL_TRUSTED_PROXIES", "-1", "TACTFUL_TRUSTED_PROXIES"),
    ("TACTFUL_GRAMMAR", "maybe", "TACTFUL_GRAMMAR"),
])
def test_a_bad_setting_stops_start_up_naming_the_variable_and_value(name: str, value: str, named: str) -> None:
    """``TACTFUL_RATE_LIMIT=600/min`` used to start cleanly and then answer 500 to every check."""
    with pytest.raises(ValueError, match=named) as refused:
        Settings.from_env({name: value})
    assert repr(value) in str(refused.value)


@pytest.mark.parametrize("value", ["off", "0", "false", "No"])
def test_grammar_can_be_switched_off_the_usual_ways(value: str) -> None:
    assert Settings.from_env({"TACTFUL_GRAMMAR": value}).grammar is False
    assert Settings.from_env({"TACTFUL_GRAMMAR": "on"}).grammar is True


def test_a_valid_rate_limit_is_enforced_from_the_first_request() -> None:
    client = create_app(Settings.from_env({"TACTFUL_RATE_LIMIT": "2 per minute"})).test_client()
    answers = [client.post("/v1/check", json={"text": "Thanks!", "grammar": False}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_languagetool_clients_reach_languages_without_a_key_and_send_it_as_a_parameter(keyed) -> None:
    """/v2/languages is what LanguageTool clients call first, unauthenticated; the key then
    travels as an ``apiKey`` parameter: in a form, and in a form labelled JSON (LTeX)."""
    assert keyed.get("/v2/languages").status_code == 200
    text = "Sorry you feel that way."
    assert keyed.post("/v2/check", data={"text": text, "language": "en-US"}).status_code == 401
    form = keyed.post("/v2/check", data={"text": text, "language": "en-US", "apiKey": KEY})
    assert form.status_code == 200 and form.json["matches"]
    ltex = keyed.post("/v2/check", data=json.dumps({"text": text, "language": "en-US", "apiKey": KEY}),
                      content_type="application/json")
    assert ltex.status_code == 200 and ltex.json["matches"]
    wrong = keyed.post("/v2/check", data={"text": text, "language": "en-US", "apiKey": "nope"})
    assert wrong.status_code == 401
