"""Dialects: a check names one, Tactful's own words come out in its spelling, and the rules
catch a reply in any of them. LanguageTool's side is in ``grammar/test_languagetool_dialects.py``."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tactful.engine.checker import Checker
from tactful.engine.rulebook import load_rulebook
from tactful.engine.rules import RuleFileError
from tactful.engine.spelling import Spelling

BOOK = load_rulebook()
CHECKER = Checker(BOOK)
REPLY = "Hi Jo, we apologise for any inconvenience this may have caused. The refund is on its way."
CUSTOMER = "The sofa came in the wrong colour and you charged me twice!"


def check(client: FlaskClient, **body: object) -> dict:
    response = client.post("/v1/check", json={"text": REPLY, "customer_message": CUSTOMER, "grammar": False, **body})
    assert response.status_code == 200, response.json
    return response.json


def tactful_words(answer: dict) -> str:
    """Everything Tactful wrote in an answer: messages, fixes, their labels and previews, the rewrite."""
    parts = [answer["rewrite"], *answer["customer"]["reasons"][:1]]
    for finding in answer["findings"]:
        parts += [finding["message"], *(s[key] for s in finding["suggestions"] for key in ("text", "label", "preview"))]
    return "\n".join(parts)


def test_the_rules_are_served_with_their_dialects(client: FlaskClient) -> None:
    dialects = client.get("/v1/rules").json["dialects"]
    assert [d["id"] for d in dialects] == ["en-US", "en-GB", "en-CA", "en-AU"]
    assert dialects[1]["label"] == "English (UK)"


@pytest.mark.parametrize(("language", "ours", "not_ours"), [
    ("en-GB", ["apologise", "favour"], ["apologize", "favor"]),
    ("en-AU", ["apologise", "favour"], ["apologize", "favor"]),
    ("en-US", ["apologize", "favor"], ["apologise", "favour"]),
    ("en-CA", ["apologize", "favour"], ["apologise", "favor"]),
])
def test_fixes_inserts_and_messages_are_spelled_in_the_dialect(client: FlaskClient, language: str, ours: list[str],
                                                              not_ours: list[str]) -> None:
    """The vague apology's fix keeps the agent's verb in the dialect, the thanks insert's
    message says "favour" or "favor", and the rewrite carries the same spelling."""
    answer = check(client, language=language)
    words = tactful_words(answer).lower()
    for word in ours:
        assert word in words, (language, word)
    for word in not_ours:
        assert word not in words, (language, word)
    fix = next(f for f in answer["findings"] if f["rule"] == "any-inconvenience")["suggestions"][0]["text"]
    assert fix.startswith(ours[0])


def test_a_check_that_names_no_dialect_is_in_the_first_served(client: FlaskClient) -> None:
    assert "apologize" in tactful_words(check(client))
    assert "apologise" not in tactful_words(check(client))


@pytest.mark.parametrize("language", ["en-NZ", "EN-GB", "fr-FR", "auto", "", 5, None])
def test_a_dialect_tactful_does_not_check_is_a_400_naming_the_field(client: FlaskClient, language: object) -> None:
    response = client.post("/v1/check", json={"text": "Calm down.", "language": language})
    if language is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json["error"]["field"] == "language"


def test_the_openapi_document_describes_the_field(client: FlaskClient) -> None:
    schema = client.get("/v1/openapi.json").json["components"]["schemas"]["CheckRequest"]["properties"]["language"]
    assert "dialects" in schema["description"] and schema["example"] == "en-GB"


def test_v2_spells_tone_fixes_in_the_language_languagetool_clients_send(client: FlaskClient) -> None:
    def fixes(**form: str) -> tuple[str, list[str]]:
        answer = client.post("/v2/check", data={"text": "We apologise for any inconvenience this may have caused.", **form}).json
        return answer["language"]["code"], [r["value"] for m in answer["matches"] for r in m["replacements"]]

    assert fixes(language="en-GB") == ("en-GB", ["apologise for the trouble this caused", "apologise for the delay"])
    assert fixes(language="en-US")[1][0] == "apologize for the trouble this caused"
    assert fixes(language="auto", preferredVariants="de-AT,en-CA")[0] == "en-CA", "as LanguageTool's extension sends it"
    assert fixes(language="auto")[0] == "en-US"
    assert fixes(language="en")[1][0] == "apologize for the trouble this caused"
    refused = client.post("/v2/check", data={"text": "Calm down.", "language": "de-DE"})
    assert refused.status_code == 400 and refused.json["error"]["field"] == "language"
    assert [language["longCode"] for language in client.get("/v2/languages").json] == ["en", "en-US", "en-GB", "en-CA", "en-AU"]


def test_respelling_keeps_case_and_goes_one_way_only() -> None:
    spelling = BOOK.spelling
    assert spelling.respell("Apologise. We APOLOGISE, the colour", "en-US") == "Apologize. We APOLOGIZE, the color"
    assert spelling.respell("Let me check the cheque", "en-US") == "Let me check the check"
    assert spelling.respell("We apologize for the color", "en-GB") == "We apologize for the color", "the agent's words are theirs"
    assert spelling.respell("colourful apologisers", "en-US") == "colorful apologisers", "whole words of the table only"
    assert spelling.respell("the programme", "en-AU") == "the program"
    assert spelling.respell("the colour", None) == "the colour"


def _respelled_examples() -> list:
    """Every bad example of a rule that flags a span, respelled into each dialect where that changes it."""
    cases = []
    for rule in BOOK.rules.values():
        if rule.kind not in ("phrase", "signal", "problem"):
            continue
        for example in rule.bad:
            for dialect in BOOK.dialects:
                text = BOOK.spelling.respell(example.text, dialect)
                if text != example.text:
                    cases.append(pytest.param(rule.id, example, dialect, id=f"{rule.id}:{dialect}:{example.text[:30]}"))
    return cases


@pytest.mark.parametrize(("rule", "example", "dialect"), _respelled_examples())
def test_a_rule_catches_its_examples_in_every_dialects_spelling(rule: str, example, dialect: str) -> None:
    """"We apologise for any inconvenience" and "We apologize for any inconvenience" alike."""
    text = BOOK.spelling.respell(example.text, dialect)
    kind = BOOK.rules[rule].kind
    if kind == "phrase":
        found = {f.rule for f in CHECKER.check(text, channel=example.channel, customer_message=example.customer).findings}
    else:
        reading = CHECKER.check("Thanks.", customer_message=text).customer
        assert reading is not None
        found = {s.kind for s in reading.signals} | {p.kind for p in reading.problems}
    assert rule in found, text


def test_an_apology_in_either_spelling_counts_as_one() -> None:
    for text in ("We apologise for the delay, Jo.", "We apologize for the delay, Jo."):
        assert "missing-apology" not in {f.rule for f in CHECKER.check(text).findings}


def _pack(tmp_path: Path, table: str, dialects: str = "[{id: en-US, label: US}]") -> Path:
    pack = tmp_path / "team"
    pack.mkdir()
    (pack / "pack.yml").write_text(f"name: team\ndialects: {dialects}\nspelling: spelling.tsv\n", encoding="utf-8")
    (pack / "spelling.tsv").write_text(table, encoding="utf-8")
    return pack


@pytest.mark.parametrize(("table", "dialects", "reason"), [
    ("en-GB\ten-NZ\ncolour\t-\n", "[]", "dialect 'en-NZ'"),
    ("en-GB\ten-GB\n", "[]", "the header names each dialect once"),
    ("en-GB\ten-US\ncolour\tcolor\textra\n", "[]", "a row is 2 lower-case words"),
    ("en-GB\ten-US\nColour\tcolor\n", "[]", "a row is 2 lower-case words"),
    ("en-US\ten-GB\ncolor\tcolour\n", "[]", "written in one dialect"),
    ("en-GB\ten-US\n", "[{id: en-GB, label: again}]", "dialect 'en-GB' is already declared"),
    ("en-GB\ten-US\n", "[{id: english, label: E}]", "a language code"),
])
def test_a_broken_spelling_table_stops_loading_and_says_where(tmp_path: Path, table: str, dialects: str, reason: str) -> None:
    with pytest.raises(RuleFileError, match=reason):
        load_rulebook([_pack(tmp_path, table, dialects)])


def test_a_team_pack_adds_words_to_the_table(tmp_path: Path) -> None:
    book = load_rulebook([_pack(tmp_path, "en-GB\ten-US\nmarvellous\tmarvelous\n", "[]")])
    assert book.spelling.respell("A marvellous colour", "en-US") == "A marvelous color"
    assert isinstance(book.spelling, Spelling) and book.spelling.respell("marvellous", "en-GB") == "marvellous"
