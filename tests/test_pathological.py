"""Hostile rules and hostile texts finish within a fixed bound, with a correct answer.

A team pack is untrusted input. The pack written here has one rule whose patterns nest
quantifiers (``(?:a+)+b``, ``(?:x+x+)+y``, ``(?:(?:sorry )+)+please``, ``(?:😀+)+!``): a
backtracking engine such as Python's ``re`` takes exponential time on a long run that does
not end the way the pattern wants (``"a" * 64``), which would pin a gunicorn worker. The
first test proves that about these very patterns; the others send the texts that would hurt
(20,000 characters of one emoji, no spaces at all, 20,000 "a", "sorry " 3,000 times, NUL
bytes, bidi controls, combining marks, a flood of "!" or capitals) and require, for each:

- an answer within ``BOUND_SECONDS`` (generous: these take milliseconds; the bound is there
  to catch a pinned worker, not to benchmark);
- 200 with exactly the findings a reader would expect, at offsets whose slices are the
  flagged text in code points and in UTF-16 units; or the documented 4xx (empty, too long,
  body too large), never a 5xx.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tactful.api.schemas import CheckResponseSchema, ErrorSchema
from tactful.app import create_app
from tactful.config import Settings
from tactful.engine.checker import MOST_PER_RULE

BOUND_SECONDS = 2.0
LIMIT = 20_000
RULE_ID = "nested-quantifiers"
PATTERNS = ("(?:a+)+b", "(?:x+x+)+y", "(?:(?:sorry )+)+please", "(?:😀+)+!")
RULE = """\
category: dismissive
severity: warning
message: A run that only matters if it ends the way the pattern wants.
patterns:
{patterns}
suggestions:
  - '[trimmed]'
examples:
  bad:
    - text: "aaab"
      flagged: "aaab"
      fixed: "[trimmed]"
    - text: "xxy"
      flagged: "xxy"
      fixed: "[trimmed]"
    - text: "sorry sorry please"
      flagged: "sorry sorry please"
      fixed: "[trimmed]"
    - text: "😀😀!"
      flagged: "😀😀!"
      fixed: "[trimmed]"
  good:
    - "aaa"
""".format(patterns="\n".join(f"  - '{p}'" for p in PATTERNS))


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packs") / "hostile"
    root.mkdir()
    (root / "pack.yml").write_text("name: hostile\n", encoding="utf-8")
    (root / f"{RULE_ID}.yml").write_text(RULE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_app(pack: Path) -> Flask:
    started = time.perf_counter()
    app = create_app(Settings(rule_packs=(pack,)))
    assert time.perf_counter() - started < BOUND_SECONDS
    assert RULE_ID in app.extensions["tactful.checker"].book.rules
    return app


@pytest.fixture()
def hostile(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


def test_these_patterns_would_pin_a_backtracking_engine(hostile_app: Flask) -> None:
    """Python's ``re`` on the rule's own compiled pattern does not finish within the bound."""
    regex = hostile_app.extensions["tactful.checker"].book.rules[RULE_ID].patterns[0]
    script = textwrap.dedent(f"""
        import re
        re.search({regex!r}, "a" * 64)
    """)
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", script], timeout=BOUND_SECONDS, capture_output=True, check=False)


def timed_post(client: FlaskClient, body: dict, *, escaped: bool = False):
    """POST as a browser does (UTF-8 JSON), or \\u-escaped (the only way to send half an emoji)."""
    data = json.dumps({"grammar": False, **body}, ensure_ascii=escaped).encode("utf-8")
    started = time.perf_counter()
    response = client.post("/v1/check", data=data, content_type="application/json")
    elapsed = time.perf_counter() - started
    assert elapsed < BOUND_SECONDS, f"took {elapsed:.2f} s"
    assert response.status_code < 500, response.json
    return response


def spans_of(text: str, data: dict) -> list[tuple[str, int, int]]:
    """The span findings as (rule, offset, length), after checking every slice both ways."""
    assert CheckResponseSchema().validate(data) == {}
    units = text.encode("utf-16-le")
    for finding in data["findings"]:
        for item in (finding, *finding["suggestions"]):
            covered = text[item["offset"]:item["offset"] + item["length"]]
            start = 2 * item["offset_utf16"]
            assert units[start:start + 2 * item["length_utf16"]].decode("utf-16-le") == covered
            if item.get("kind") != "insert":
                assert covered == finding["text"]
    return [(f["rule"], f["offset"], f["length"]) for f in data["findings"] if f["scope"] == "span"]


EMOJI = "😀"
SORRY_BUT = "sorry but " * 2_000
FLAGGED_MIDDLE = "\0" * 9_000 + "\u202e" + "I'm sorry you feel that way." + "\u2066" + EMOJI * 9_000

# (id, text, expected span findings as (rule, offset, length))
ANSWERED = [
    ("20k-one-emoji", EMOJI * LIMIT, []),
    ("20k-emoji-then-bang", EMOJI * (LIMIT - 1) + "!", [(RULE_ID, 0, LIMIT)]),
    ("20k-a", "a" * LIMIT, []),
    ("20k-a-then-b", "a" * (LIMIT - 1) + "b", [(RULE_ID, 0, LIMIT)]),
    ("20k-x", "x" * LIMIT, []),
    ("20k-no-spaces", ("Iamsorryyoufeelthatway" * 1_000)[:LIMIT], []),
    ("sorry-x3000", "sorry " * 3_000, []),
    ("sorry-x3000-please", "sorry " * 3_000 + "please", [(RULE_ID, 0, 18_006)]),
    ("sorry-but-x2000", SORRY_BUT, [("sorry-but", 20 * k, 15) for k in range(MOST_PER_RULE)]),
    ("20k-nul", "\0" * LIMIT, []),
    ("20k-bidi", "\u202e\u2066\u2069\u200f" * (LIMIT // 4), []),
    ("20k-combining", "e" + "\u0301" * (LIMIT - 1), []),
    ("20k-bang", "!" * LIMIT, [("exclamations", 0, LIMIT)]),
    ("capitals-x3333", "SORRY " * 3_333, [("capitals", 0, 3_333 * 6 - 1)]),
    ("phrase-among-nul-bidi-emoji", FLAGGED_MIDDLE, [("sorry-you-feel", 9_005, 23)]),
]


# On the twitter channel the reply is also weighed by twitter-text, whose URL extraction is
# quadratic after a "." followed by non-ASCII text: that case is pinned separately below.
ON_TWITTER = [case for case in ANSWERED if case[0] != "phrase-among-nul-bidi-emoji"]


@pytest.mark.parametrize(("text", "expected", "channel"),
                         [(*case[1:], "generic") for case in ANSWERED] + [(*case[1:], "twitter") for case in ON_TWITTER],
                         ids=[f"{case[0]}-generic" for case in ANSWERED] + [f"{case[0]}-twitter" for case in ON_TWITTER])
def test_hostile_text_gets_the_right_findings_in_time(hostile: FlaskClient, text: str, expected: list, channel: str) -> None:
    response = timed_post(hostile, {"text": text, "customer_message": text, "channel": channel})
    assert response.status_code == 200, response.json
    data = response.json
    if channel == "twitter":
        assert "too-long-for-x" in {f["rule"] for f in data["findings"]}
        data["findings"] = [f for f in data["findings"] if f["rule"] != "too-long-for-x"]
    assert spans_of(text, data) == expected
    assert data["stats"]["characters"] == len(text)
    for rule, offset, length in expected:
        if rule == RULE_ID:
            assert data["rewrite"].count("[trimmed]") == 1


def test_flagged_phrase_offsets_after_astral_and_control_characters(hostile: FlaskClient) -> None:
    data = timed_post(hostile, {"text": FLAGGED_MIDDLE}).json
    finding = next(f for f in data["findings"] if f["rule"] == "sorry-you-feel")
    assert finding["text"] == "sorry you feel that way"
    assert finding["offset_utf16"] == finding["offset"]  # every emoji comes after it
    tail = timed_post(hostile, {"text": EMOJI * 9_000 + "\u202e\0 I'm sorry you feel that way."}).json
    late = next(f for f in tail["findings"] if f["rule"] == "sorry-you-feel")
    assert late["offset_utf16"] - late["offset"] == 9_000  # one extra unit per emoji before it


REFUSED = [
    ("20k-spaces", {"text": " " * LIMIT}, 400, "text_empty", "text"),
    ("20k-line-breaks", {"text": "\r\n" * (LIMIT // 2)}, 400, "text_empty", "text"),
    ("over-limit-a", {"text": "a" * (LIMIT + 1)}, 413, "text_too_long", "text"),
    ("over-limit-emoji", {"text": EMOJI * (LIMIT + 1)}, 413, "text_too_long", "text"),
    ("over-limit-customer", {"text": "Thanks!", "customer_message": "\0" * (LIMIT + 1)}, 413, "text_too_long",
     "customer_message"),
    ("half-emoji-in-20k", {"text": "a" * 10_000 + "\ud83d" + "a" * 9_999}, 400, "invalid_text", "text"),
]


@pytest.mark.parametrize(("body", "status", "code", "field"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_hostile_text_gets_a_clear_4xx_in_time(hostile: FlaskClient, body: dict, status: int, code: str, field: str) -> None:
    response = timed_post(hostile, body, escaped=code == "invalid_text")
    assert response.status_code == status
    assert ErrorSchema().validate(response.json) == {}
    assert (response.json["error"]["code"], response.json["error"]["field"]) == (code, field)


def test_a_body_over_the_limit_gets_413_in_time(hostile: FlaskClient) -> None:
    started = time.perf_counter()
    response = hostile.post("/v1/check", data=b'{"text": "' + b"a" * 300_000 + b'"}', content_type="application/json")
    assert time.perf_counter() - started < BOUND_SECONDS
    assert response.status_code == 413
    assert response.json["error"]["code"] == "body_too_large"


def test_two_full_emoji_fields_escaped_exceed_the_body_limit(hostile: FlaskClient) -> None:
    """Each field is within 20,000 characters, but \\ud83d\\ude00 is 12 bytes an emoji: 480 KB.

    Sent as UTF-8 (as ``JSON.stringify`` does) the same request is 160 KB and is checked.
    """
    body = {"text": EMOJI * LIMIT, "customer_message": EMOJI * LIMIT}
    response = timed_post(hostile, body, escaped=True)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "body_too_large"
    assert timed_post(hostile, body).status_code == 200


def test_a_long_non_ascii_reply_on_twitter_is_checked_in_time() -> None:
    """The check runs in a child process killed at the bound, so the suite does not wait ~30 s.

    ``parse_tweet("x." + "é" * 4000)`` already takes about a second; at the 20,000-character
    limit one request holds a gunicorn worker for about its 30-second timeout.
    """
    script = textwrap.dedent("""
        from tactful.engine.checker import Checker
        from tactful.engine.rulebook import load_rulebook
        checker = Checker(load_rulebook())
        import time
        started = time.perf_counter()
        report = checker.check("x." + "é" * 19_998, channel="twitter")
        assert any(f.rule == "too-long-for-x" for f in report.findings)
        print(time.perf_counter() - started)
    """)
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-c", script], timeout=BOUND_SECONDS + 3, capture_output=True, text=True, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer after {time.perf_counter() - started:.1f} s")
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < BOUND_SECONDS


AMPLIFIER = ("?!" + EMOJI) * 6_667


@pytest.mark.parametrize("path", ["/v1/check", "/v2/check"])
def test_an_answer_stays_a_small_multiple_of_its_question(hostile: FlaskClient, path: str) -> None:
    """Each of thousands of matches once repeated the whole text as its sentence (628 MB for
    40 KB on /v2); now a rule reports at most MOST_PER_RULE findings and a sentence is bounded."""
    text = AMPLIFIER[:LIMIT]
    started = time.perf_counter()
    if path == "/v1/check":
        response = hostile.post(path, json={"text": text, "grammar": False})
    else:
        response = hostile.post(path, data={"text": text, "language": "en-US"})
    assert time.perf_counter() - started < BOUND_SECONDS
    assert response.status_code == 200
    assert len(response.data) < 10 * len(text.encode("utf-8"))
    findings = response.json["findings" if path == "/v1/check" else "matches"]
    rules = Counter(f["rule"] if path == "/v1/check" else f["rule"]["id"] for f in findings)
    assert 0 < max(rules.values()) <= MOST_PER_RULE


@pytest.mark.parametrize(("path", "body", "content_type", "field"), [
    ("/v1/check", '{"text":' + "[" * 10_000 + "]" * 10_000 + "}", "application/json", None),
    ("/v2/check", '{"text":' + "[" * 10_000 + "]" * 10_000 + "}", "application/json", None),
    ("/v2/check", "data=" + '{"annotation":' + "[" * 5_000 + "]" * 5_000 + "}", "application/x-www-form-urlencoded", "data"),
    ("/v2/check", 'data={"annotation":null}', "application/x-www-form-urlencoded", "data"),
    ("/v2/check", 'data={"annotation":{"text":"hi"}}', "application/x-www-form-urlencoded", "data"),
])
def test_deep_or_misshapen_json_gets_a_clear_400(hostile: FlaskClient, path: str, body: str, content_type: str,
                                                 field: str | None) -> None:
    response = hostile.post(path, data=body, content_type=content_type)
    assert response.status_code == 400
    assert ErrorSchema().validate(response.json) == {}
    assert response.json["error"]["field"] == field
