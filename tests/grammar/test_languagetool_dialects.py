"""Dialects against a real LanguageTool: the reply is spelled by the dialect the check names,
and every word Tactful writes in a dialect is one LanguageTool spells that way too."""
from __future__ import annotations

import re
import time
from collections.abc import Iterable

import pytest
from flask import Flask

from inserts import inserted_sentences
from tactful.app import create_app
from tactful.config import Settings
from tactful.engine.rulebook import load_rulebook
from tactful.grammar.client import GrammarChecker

BOOK = load_rulebook()
BRITISH = "We apologise for the colour mix-up; I realise you organised the party, and I've refunded the deposit."
_FIELD = re.compile(r"\{[^}]*\}")


@pytest.fixture(scope="module")
def warm_url(lt_url: str) -> str:
    """The server once every dialect is warm: it warms the others after the first, in the background."""
    checker, deadline = GrammarChecker(lt_url, budget=10.0), time.monotonic() + 240
    for language in BOOK.dialects:
        while checker.check("Thank you for your patience.", language).status != "ok":
            assert time.monotonic() < deadline, f"LanguageTool never warmed up {language}"
            time.sleep(0.5)
    return lt_url


@pytest.fixture(scope="module")
def app(warm_url: str) -> Flask:
    app = create_app(Settings(rate_limit=None))
    app.extensions["tactful.grammar"] = GrammarChecker(warm_url, budget=10.0)
    return app


def spelling_flags(app: Flask, language: str) -> list[str]:
    response = app.test_client().post("/v1/check", json={"text": BRITISH, "language": language})
    assert response.status_code == 200 and response.json["grammar"]["status"] == "ok", response.json
    return [f["text"] for f in response.json["findings"] if f["category"] == "spelling"]


@pytest.mark.parametrize("language", ["en-GB", "en-AU"])
def test_british_spelling_is_not_marked_wrong_in_a_dialect_that_writes_it(app: Flask, language: str) -> None:
    assert spelling_flags(app, language) == []


def test_the_same_words_are_marked_in_american_english(app: Flask) -> None:
    assert set(spelling_flags(app, "en-US")) == {"apologise", "colour", "realise", "organised"}
    assert set(spelling_flags(app, "en-CA")) == {"apologise", "realise", "organised"}, "Canada: -ize, but colour"


def test_v2_checks_spelling_in_the_language_a_client_sends(app: Flask) -> None:
    def typos(**form: str) -> list[str]:
        answer = app.test_client().post("/v2/check", data={"text": BRITISH, **form}).json
        return [m["context"]["text"][m["context"]["offset"]:][:m["length"]] for m in answer["matches"]
                if m["rule"]["issueType"] == "misspelling"]

    assert typos(language="en-GB") == []
    assert typos(language="auto", preferredVariants="en-GB") == []
    assert "colour" in typos(language="en-US")


def _own_words() -> list[str]:
    """Messages, fixes, their labels and the reading's lines, with fields left as a placeholder word."""
    texts = [*BOOK.reading_reasons.values()]
    for rule in BOOK.rules.values():
        texts += [rule.message, rule.sorry, rule.about, *(t.text for t in rule.suggestions), *(t.label or "" for t in rule.suggestions)]
    return [_FIELD.sub("it", text) for text in texts if text.strip()]


def _findings(url: str, texts: Iterable[str], language: str, category: str) -> list[tuple[str, str]]:
    """LanguageTool's findings of a category in ``texts``, a few dozen at a time, as the API asks."""
    checker, texts = GrammarChecker(url, budget=10.0), list(texts)
    found = []
    for start in range(0, len(texts), 40):
        result = checker.check("\n\n".join(texts[start:start + 40]), language)
        assert result.status == "ok", result.reason
        found += [(f.rule, f.text) for f in result.findings if f.category == category]
    return found


@pytest.mark.parametrize("language", list(BOOK.dialects))
def test_every_word_of_the_table_is_spelled_as_languagetool_spells_the_dialect(warm_url: str, language: str) -> None:
    words = sorted({word for table in BOOK.spelling.words.values() for word in table})
    assert _findings(warm_url, (BOOK.spelling.respell(f"{word}.", language) for word in words), language, "spelling") == []


@pytest.mark.parametrize("language", list(BOOK.dialects))
def test_tactful_writes_nothing_languagetool_marks_wrong_in_the_dialect(warm_url: str, language: str) -> None:
    """Every inserted sentence, message and fix is spelled right, and the inserts read no worse
    to LanguageTool than as written (it reads "I'm so sorry your booking was cancelled" as
    "you're" in every dialect)."""
    inserts = [sentence for _, _, sentence in inserted_sentences(BOOK)]
    respelled = [BOOK.spelling.respell(sentence, language) for sentence in inserts]
    assert _findings(warm_url, respelled, language, "spelling") == []
    assert _findings(warm_url, respelled, language, "grammar") == _findings(warm_url, inserts, "en-GB", "grammar")
    own = [BOOK.spelling.respell(text, language) for text in _own_words()]
    assert _findings(warm_url, own, language, "spelling") == []
