"""The /v1 API as a client sees it: shapes, offsets, errors, CORS; and /v2's input errors."""
from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from tactful.api.schemas import (
    CheckResponseSchema,
    ErrorSchema,
    HealthSchema,
    RulesResponseSchema,
)


def check(client: FlaskClient, **body: object) -> dict:
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.json
    assert CheckResponseSchema().validate(response.json) == {}
    return response.json


def error(response) -> dict:
    assert ErrorSchema().validate(response.json) == {}
    return response.json["error"]


def test_dismissive_help_desk_email_gets_findings_rewrite_and_score(client: FlaskClient) -> None:
    body = check(
        client,
        text="Hi Dana,\n\nAs I already explained, our policy doesn't cover this. I'm sorry you feel that way.\n\nBest regards,\nSam",
        customer_message="I was charged twice and nobody answers the phone!",
        channel="email",
        contact={"name": "Sam", "phone": "+44 20 7946 0958", "email": "sam@example.com"},
    )
    categories = {f["category"] for f in body["findings"]}
    assert {"dismissive", "non-apology", "missing-contact"} <= categories
    assert body["customer"]["upset"] is True
    assert "As I already explained" not in body["rewrite"]
    assert "sorry we let you down" in body["rewrite"]
    assert "+44 20 7946 0958" in body["rewrite"] and body["rewrite"].endswith("Best regards,\nSam")
    assert body["score"] < 60 and body["score_reason"].startswith("Fix")
    # The reason names categories by the labels GET /v1/rules serves, not by their ids.
    assert "Dismissive" in body["score_reason"] and "dismissive" not in body["score_reason"]


def test_a_good_reply_to_a_neutral_question_is_clean(client: FlaskClient) -> None:
    body = check(client, text="Yes, we ship to Canada: delivery takes about five days.",
                 customer_message="Do you ship to Canada?")
    assert body["findings"] == []
    customer = body["customer"]
    assert customer["upset"] is False and customer["signals"] == []
    assert customer["confidence"] > 0.5 and customer["reasons"][0].startswith("Reads as calm")
    assert body["score"] == 100


def test_offsets_are_exact_with_emoji_accents_and_crlf(client: FlaskClient) -> None:
    text = "Hé 😀👍🏽 Zoë,\r\n\r\n🙏 I'm sorry you feel that way 🎉.\r\nPer our policy, refunds take 10 days."
    body = check(client, text=text)
    units = text.encode("utf-16-le")
    spans = [f for f in body["findings"] if f["scope"] == "span"]
    assert {f["text"] for f in spans} == {"sorry you feel that way", "Per our policy,"}
    for finding in spans:
        assert text[finding["offset"]:finding["offset"] + finding["length"]] == finding["text"]
        start, length = 2 * finding["offset_utf16"], 2 * finding["length_utf16"]
        assert units[start:start + length].decode("utf-16-le") == finding["text"]
        assert finding["offset_utf16"] > finding["offset"]


def test_insert_suggestions_land_after_greeting_and_before_signoff(client: FlaskClient) -> None:
    text = "Hi Dana,\r\n\r\nYour parcel is with the courier now.\r\n\r\nKind regards,\r\nSam"
    body = check(client, text=text, channel="email", contact={"email": "sam@example.com"})
    inserts = {f["category"]: f["suggestions"][0] for f in body["findings"] if f["scope"] == "reply"}
    assert text[:inserts["missing-apology"]["offset"]] == "Hi Dana,\r\n\r\n"
    assert text[inserts["missing-contact"]["offset"]:] == "\r\n\r\nKind regards,\r\nSam"
    assert all(s["kind"] == "insert" and s["length"] == 0 for s in inserts.values())


def test_twitter_reply_with_handle_and_emoji(client: FlaskClient) -> None:
    body = check(client, text="@sam_k Calm down!! We're looking into it 🙏 ^JK", channel="twitter",
                 customer_message="@brand my order never arrived 😡")
    rules = {f["rule"] for f in body["findings"]}
    assert {"tone-policing", "exclamations", "missing-contact"} <= rules
    assert body["rewrite"].startswith("@sam_k ") and body["rewrite"].endswith(" ^JK")
    assert "send us a dm" in body["rewrite"].lower()


def test_over_length_social_reply(client: FlaskClient) -> None:
    text = "@sam_k " + "We're so sorry about this, please DM us and we'll sort it out today. " * 5
    body = check(client, text=text, channel="twitter")
    too_long = [f for f in body["findings"] if f["category"] == "too-long"]
    assert len(too_long) == 1 and "X allows 280" in too_long[0]["message"]


def test_categories_and_disabled_rules_filter(client: FlaskClient) -> None:
    text = "I'm sorry you feel that way. Calm down."
    only = check(client, text=text, categories=["non-apology"])
    assert {f["category"] for f in only["findings"]} == {"non-apology"}
    without = check(client, text=text, disabled_rules=["tone-policing"])
    assert "tone-policing" not in {f["rule"] for f in without["findings"]}


def test_missing_apology_not_satisfied_by_a_non_apology_even_when_filtered(client: FlaskClient) -> None:
    body = check(client, text="I'm sorry you feel that way.", categories=["missing-apology"])
    assert [f["category"] for f in body["findings"]] == ["missing-apology"]


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"text": ""}, 400, "text_empty", "text"),
        ({"text": "   \n "}, 400, "text_empty", "text"),
        ({}, 400, "missing_field", "text"),
        ({"text": 42}, 400, "invalid_field", "text"),
        ({"text": "hi", "channel": "fax"}, 400, "invalid_field", "channel"),
        ({"text": "hi", "colour": "red"}, 400, "unknown_field", "colour"),
        ({"text": "hi", "contact": {"email": "not-an-email"}}, 400, "invalid_field", "contact.email"),
        ({"text": "hi", "contact": {"phone": "call me maybe"}}, 400, "invalid_field", "contact.phone"),
        ({"text": "hi", "contact": {"fax": "1"}}, 400, "unknown_field", "contact.fax"),
        ({"text": "hi", "categories": ["rudeness"]}, 400, "invalid_field", "categories.0"),
        ({"text": "hi", "grammar": "maybe"}, 400, "invalid_field", "grammar"),
        ({"text": "x" * 20_001}, 413, "text_too_long", "text"),
        ({"text": "hi", "customer_message": "y" * 20_001}, 413, "text_too_long", "customer_message"),
    ],
)
def test_bad_input_gets_a_clear_json_error(client: FlaskClient, body: dict, status: int, code: str, field: str) -> None:
    response = client.post("/v1/check", json=body)
    assert response.status_code == status
    assert error(response) | {"message": ""} == {"code": code, "field": field, "message": ""}


def test_lone_surrogate_from_half_typed_emoji_is_rejected(client: FlaskClient) -> None:
    raw = '{"text": "sorry \\ud83d"}'
    response = client.post("/v1/check", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert error(response)["code"] == "invalid_text"


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code", "field"),
    [
        ('{"text": "sorry \\ud83d", "language": "en-US"}', "application/json", 400, "invalid_text", "text"),
        ("language=en-US&text=" + "x" * 20_001, "application/x-www-form-urlencoded", 413, "text_too_long", "text"),
        ("language=en-US&data=" + json.dumps({"annotation": [{"text": "y" * 20_001}]}),
         "application/x-www-form-urlencoded", 413, "text_too_long", "data"),
    ],
)
def test_languagetool_endpoint_refuses_what_v1_refuses(
    client: FlaskClient, data: str, content_type: str, status: int, code: str, field: str
) -> None:
    response = client.post("/v2/check", data=data, content_type=content_type)
    assert response.status_code == status
    assert error(response) | {"message": ""} == {"code": code, "field": field, "message": ""}


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "invalid_json"),
        ('["a list"]', "application/json", 400, "invalid_json"),
        ("text=hello", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ("x" * (300 * 1024), "application/json", 413, "body_too_large"),
    ],
)
def test_malformed_bodies(client: FlaskClient, data: str, content_type: str, status: int, code: str) -> None:
    response = client.post("/v1/check", data=data, content_type=content_type)
    assert response.status_code == status
    assert error(response)["code"] == code


def test_unknown_route_and_method_are_json(client: FlaskClient) -> None:
    assert error(client.get("/v1/nope"))["code"] == "not_found"
    assert error(client.get("/v1/check"))["code"] == "method_not_allowed"


def test_the_reply_text_never_reaches_the_logs(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Card 4111 1111 1111 1111 for Mrs Example"
    caplog.set_level("DEBUG")
    client.post("/v1/check", json={"text": secret, "customer_message": secret})
    client.post("/v1/check", json={"text": secret, "channel": "fax"})
    assert secret not in caplog.text


def test_rules_health_and_openapi(client: FlaskClient) -> None:
    rules = client.get("/v1/rules").json
    assert RulesResponseSchema().validate(rules) == {}
    assert {"missing-apology", "sorry-you-feel", "tone-policing"} <= {r["id"] for r in rules["rules"]}
    health = client.get("/v1/health").json
    assert HealthSchema().validate(health) == {} and health["status"] == "ok"
    spec = client.get("/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert "CheckRequest" in spec["components"]["schemas"] and "/v1/check" in spec["paths"]
    page = client.get("/v1/docs/")
    assert page.status_code == 200 and b"swagger-ui" in page.data
    assert client.get("/v1/docs/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("chrome-extension://abcdefghijklmnop", True),
        ("moz-extension://1234-5678", True),
        ("http://localhost:5173", True),
        ("https://evil.example", False),
        ("http://localhost:80@evil.example", False),
        ("http://localhost:5173.evil.example/", False),
        ("chrome-extension://abc/../x", False),
    ],
)
def test_cors_allows_extensions_and_localhost_only(client: FlaskClient, origin: str, allowed: bool) -> None:
    response = client.options("/v1/check", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type",
    })
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed
    assert response.headers.get("Access-Control-Allow-Origin") != "*"


def test_configured_origins_replace_the_defaults() -> None:
    from tactful.app import create_app
    from tactful.config import Settings

    client = create_app(Settings.from_env({"TACTFUL_CORS_ORIGINS": "https://acme.zendesk.com"})).test_client()
    headers = {"Origin": "https://acme.zendesk.com"}
    assert client.post("/v1/check", json={"text": "hi"}, headers=headers).headers["Access-Control-Allow-Origin"] == "https://acme.zendesk.com"
    assert "Access-Control-Allow-Origin" not in client.post("/v1/check", json={"text": "hi"}, headers={"Origin": "chrome-extension://x"}).headers


def test_response_is_plain_json(client: FlaskClient) -> None:
    response = client.post("/v1/check", json={"text": "Thanks, I've refunded you."})
    assert response.mimetype == "application/json"
    json.loads(response.data)


def test_an_opening_insert_capitalises_a_lowercase_sentence_start(client: FlaskClient) -> None:
    body = check(client, text="@sam_k it's on its way now 🙏", channel="twitter", categories=["missing-apology"])
    insert = body["findings"][0]["suggestions"][0]
    assert insert["length"] == 1 and insert["text"].endswith(". I")
    assert body["rewrite"].startswith(f"@sam_k {insert['preview']} It's on its way now")


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("Dear Mr. Petrov,\n\nThe payment arrived.", "Dear Mr. Petrov,\n\n"),
        ("Hello!\nThe payment arrived.", "Hello!\n"),
        ("@dana_k Hi 👋🏽 I understand how frustrating this is, it is late.", "@dana_k "),
    ],
)
def test_the_opening_is_after_the_greeting_not_inside_the_first_sentence(client: FlaskClient, text: str, opening: str) -> None:
    body = check(client, text=text, categories=["missing-apology"])
    assert text[:body["findings"][0]["offset"]] == opening


@pytest.mark.parametrize(
    "text",
    [
        "@sam_k So sorry about the wait 🙏 DM us and we'll sort it today. ^SL",
        "a.co " * 12 + "sorry",
        "é" * 140 + "😀" * 40,
        "Sorry. " * 40,
        "日本語" * 50,
        "\u10ff" * 280 + "\u1100",
    ],
)
def test_the_quick_length_bound_never_contradicts_twitter_text(text: str) -> None:
    from twitter_text import parse_tweet

    from tactful.engine.checks.length import measure, surely_within

    exact = measure(text, "twitter")
    assert exact == parse_tweet(text.removeprefix("@sam_k ")).weightedLength
    if surely_within(text, 280):
        assert exact <= 280


@pytest.mark.parametrize("path", ["/v1/health", "/v1/rules", "/v1/openapi.json", "/v1/docs/", "/v2/languages"])
def test_every_answer_forbids_sniffing_and_framing(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("annotation", [
    [{"markup": "<b>"}, {"text": "Sorry, that's our policy"}, {"markup": "</b>"}, {"text": ". Bye."}],
    [{"text": "Sorry, "}, {"markup": "<i>"}, {"text": "that's our policy"}, {"markup": "</i>"}],
    [{"markup": "<p>"}, {"text": "Calm down"}, {"markup": "<br/>", "interpretAs": "\n"}, {"text": "that's our policy."}],
])
def test_v2_matches_next_to_markup_cover_only_the_text(client: FlaskClient, annotation: list[dict]) -> None:
    """A match ending just before ``</b>`` used to take the ``</b>`` in, so a client applying
    the fix deleted it."""
    response = client.post("/v2/check", data={"data": json.dumps({"annotation": annotation}), "language": "en-US"})
    original = "".join(part.get("text", part.get("markup", "")) for part in annotation)
    flagged = [original[m["offset"]:m["offset"] + m["length"]] for m in response.json["matches"]]
    assert "that's our policy" in flagged
    assert not any("<" in text or ">" in text for text in flagged)
