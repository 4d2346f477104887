"""Grammar through the API: merged into /v1/check, and /v2 for LanguageTool's own clients."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import language_tool_python
import pytest
from flask import Flask
from werkzeug.serving import make_server

from tactful.app import create_app
from tactful.config import Settings
from tactful.grammar.client import GrammarChecker

MISSPELT = "Hi Sam 👋🏽, sorry 😊 for the dealy. I'm sorry you feel that way; we will refnd you tomorow."


def app_with(checker: GrammarChecker | None) -> Flask:
    app = create_app(Settings(rate_limit=None))
    if checker is not None:
        app.extensions["tactful.grammar"] = checker
    return app


@pytest.fixture(scope="module")
def app(lt_url: str) -> Flask:
    return app_with(GrammarChecker(lt_url, budget=15.0))


def spans(body: dict) -> list[dict]:
    return [f for f in body["findings"] if f["scope"] == "span"]


def test_spelling_and_tone_merge_with_exact_offsets_after_emoji(app: Flask) -> None:
    body = app.test_client().post("/v1/check", json={"text": MISSPELT}).json
    assert body["grammar"] == {"status": "ok", "reason": None}
    found = {f["text"]: f for f in spans(body)}
    assert {"dealy", "refnd", "tomorow"} <= found.keys()
    assert found["dealy"]["category"] == "spelling" and found["dealy"]["source"] == "languagetool"
    assert "delay" in [s["text"] for s in found["dealy"]["suggestions"]]
    assert found["sorry you feel that way"]["category"] == "non-apology"
    units = MISSPELT.encode("utf-16-le")
    for finding in spans(body):
        assert MISSPELT[finding["offset"]:finding["offset"] + finding["length"]] == finding["text"]
        start = 2 * finding["offset_utf16"]
        assert units[start:start + 2 * finding["length_utf16"]].decode("utf-16-le") == finding["text"]
    first_fix = found["dealy"]["suggestions"][0]["text"]
    assert f"for the {first_fix}." in body["rewrite"] and "we will refund you" in body["rewrite"]


def test_grammar_false_skips_languagetool(app: Flask) -> None:
    body = app.test_client().post("/v1/check", json={"text": MISSPELT, "grammar": False}).json
    assert body["grammar"]["status"] == "skipped"
    assert all(f["source"] == "tactful" for f in body["findings"])


def test_a_grammar_finding_inside_a_tone_span_gives_way_to_the_tone_fix(app: Flask) -> None:
    text = "Your order is late. I'm sorry you feel that way way."
    body = app.test_client().post("/v1/check", json={"text": text}).json
    tone = next(f for f in spans(body) if f["category"] == "non-apology")
    for finding in spans(body):
        if finding["source"] == "languagetool":
            assert finding["offset"] >= tone["offset"] + tone["length"] or finding["offset"] + finding["length"] <= tone["offset"]


def test_a_hanging_languagetool_costs_at_most_the_budget(hanging_url: str) -> None:
    client = app_with(GrammarChecker(hanging_url, budget=0.5)).test_client()
    started = time.monotonic()
    body = client.post("/v1/check", json={"text": MISSPELT}).json
    assert time.monotonic() - started < 1.5
    assert body["grammar"] == {"status": "unavailable", "reason": "LanguageTool timed out"}
    assert {"non-apology", "missing-contact"} <= {f["category"] for f in body["findings"]}


def test_never_installed_gives_tone_findings_and_a_notice(no_lt_env: Path) -> None:
    client = app_with(GrammarChecker.from_env()).test_client()
    body = client.post("/v1/check", json={"text": MISSPELT}).json
    assert body["grammar"]["status"] == "unavailable"
    assert "not installed" in body["grammar"]["reason"]
    assert "non-apology" in {f["category"] for f in body["findings"]}
    assert client.get("/v1/health").json["grammar"]["status"] == "unavailable"


@pytest.fixture(scope="module")
def served(app: Flask) -> Iterator[str]:
    """The Flask app on a real loopback port, for clients that speak HTTP."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_language_tool_python_pointed_at_tactful_gets_grammar_and_tone(served: str) -> None:
    tool = language_tool_python.LanguageTool("en-US", remote_server=served)
    try:
        matches = tool.check(MISSPELT)
    finally:
        tool.close()
    rules = {m.rule_id for m in matches}
    assert "MORFOLOGIK_RULE_EN_US" in rules and "sorry-you-feel" in rules
    tone = next(m for m in matches if m.rule_id == "sorry-you-feel")
    # language-tool-python turns LanguageTool's UTF-16 offsets into str indices itself, so an
    # exact slice here proves our UTF-16 offsets were right past the emoji.
    assert MISSPELT[tone.offset:tone.offset + tone.error_length] == "sorry you feel that way"
    assert tone.replacements[0] == "sorry we let you down"


def test_a_request_shaped_like_the_languagetool_browser_extension(app: Flask) -> None:
    annotation = {"annotation": [{"markup": "<p>"}, {"text": "Please calm down, the refnd is coming."},
                                 {"markup": "</p>", "interpretAs": "\n\n"}]}
    response = app.test_client().post(
        "/v2/check",
        data={"data": json.dumps(annotation), "language": "auto", "level": "picky"},
        headers={"Origin": "chrome-extension://ldlgonjhlmpdopmgjfcdnegdbohiabca"},
    )
    assert response.status_code == 200
    assert response.headers.getlist("Access-Control-Allow-Origin") == ["chrome-extension://ldlgonjhlmpdopmgjfcdnegdbohiabca"]
    original = "<p>Please calm down, the refnd is coming.</p>"
    texts = {original[m["offset"]:m["offset"] + m["length"]] for m in response.json["matches"]}
    assert {"Please calm down", "refnd"} <= texts
    assert response.json["software"]["name"] == "Tactful" and response.json["language"]["code"] == "en-US"


def test_ltex_sends_a_form_labelled_json_and_needs_sentences(app: Flask) -> None:
    response = app.test_client().post(
        "/v2/check", data="language=en-US&text=Calm+down.+The+refnd+is+coming.&disabledRules=tone-policing",
        content_type="application/json",
    )
    matches = response.json["matches"]
    assert [m["rule"]["id"] for m in matches] == ["MORFOLOGIK_RULE_EN_US"]
    assert all(m["sentence"] == "The refnd is coming." for m in matches)


def test_enabled_only_keeps_just_the_tone_categories(app: Flask) -> None:
    response = app.test_client().post("/v2/check", data={
        "text": "Calm down, the refnd is coming.", "language": "en-US",
        "enabledOnly": "true", "enabledCategories": "TACTFUL_DISMISSIVE",
    })
    assert [m["rule"]["issueType"] for m in response.json["matches"]] == ["style"]
    assert response.json["matches"][0]["rule"]["category"]["id"] == "TACTFUL_DISMISSIVE"


FUMBLED_FIX = """\
category: dismissive
severity: warning
message: Say what you will do, not what you cannot.
patterns:
  - 'cannot do that'
suggestions:
  - we has fixed that
  - we have fixed that
examples:
  bad:
    - text: "Sorry, we cannot do that."
      flagged: "cannot do that"
      fixed: "Sorry, we we has fixed that."
  good:
    - "We can do that today."
"""


def test_a_fix_that_languagetool_reads_as_worse_is_not_offered(lt_url: str, tmp_path: Path) -> None:
    """A team pack's first suggestion has a grammar slip; with LanguageTool on it is dropped,
    the sound one stays and leads the rewrite. Without grammar both are offered."""
    (tmp_path / "pack.yml").write_text("name: fumbles\n", encoding="utf-8")
    (tmp_path / "fumbled-fix.yml").write_text(FUMBLED_FIX, encoding="utf-8")
    app = create_app(Settings(rate_limit=None, rule_packs=(tmp_path,)))
    app.extensions["tactful.grammar"] = GrammarChecker(lt_url, budget=15.0)
    text = "Hi Ana, sorry, cannot do that. Your order ships today."

    def offered(grammar: bool) -> tuple[list[str], str]:
        body = app.test_client().post("/v1/check", json={"text": text, "grammar": grammar}).json
        finding = next(f for f in body["findings"] if f["rule"] == "fumbled-fix")
        return [s["text"] for s in finding["suggestions"]], body["rewrite"]

    assert offered(False)[0] == ["we has fixed that", "we have fixed that"]
    suggestions, rewrite = offered(True)
    assert suggestions == ["we have fixed that"]
    assert "we have fixed that" in rewrite and "has fixed" not in rewrite


def test_v2_says_its_results_are_incomplete_when_grammar_did_not_run(app: Flask, hanging_url: str) -> None:
    """LanguageTool clients read ``incompleteResults``; it used to be false whatever happened."""
    form = {"text": MISSPELT, "language": "en-US"}
    assert app.test_client().post("/v2/check", data=form).json["warnings"]["incompleteResults"] is False
    timed_out = app_with(GrammarChecker(hanging_url, budget=0.5)).test_client().post("/v2/check", data=form).json
    assert timed_out["warnings"]["incompleteResults"] is True
    assert app_with(None).test_client().post("/v2/check", data=form).json["warnings"]["incompleteResults"] is True
