"""Property tests: arbitrary Unicode through the checker and through the HTTP API.

The texts mix the packs' own bad and good examples and real replies from
``bench/data/replies.jsonl`` (so the phrase rules actually fire) with arbitrary Unicode:
emoji and skin-tone/ZWJ sequences, non-BMP letters, CRLF and other line breaks, NUL, bidi
controls, combining marks, case-folding oddities (``ſ``, ``K``, ``İ``) and lone surrogates
for the API. Whatever the text:

- the checker never raises, and the API never answers 5xx: a text it can check gets 200 and a
  response matching ``CheckResponseSchema``; one it cannot gets the documented 4xx;
- every finding's ``text`` is exactly the slice its offsets point at, in code points and in
  UTF-16 code units; every suggestion's two offset systems point at the same slice, a
  replacement's slice is exactly the flagged text, and an insertion's is empty or (as the
  README documents) the one lower-case letter after it that it capitalises.

What the rewrite promises was found out, not assumed. The phrase rewrite (the first suggestion
of every phrase finding applied, as ``rewrite`` does before inserting missing sentences) is
**not** idempotent on arbitrary text, for two reasons:

1. a finding that overlaps another is skipped by design (``rewrite.apply``), so it is still
   there after the rewrite ("SORRY BUT SORRY BUT I've…" becomes "Sorry but sorry but I've…",
   still flagged);
2. a replacement can form a new phrase together with the text around it: "AAAA We have
   already answered this" becomes "AAAA I'm happy…", where "AAAA I'" reads as capitals.

What does hold, and is asserted here:

- **edits stay local**: when the phrase findings do not overlap, every phrase finding on the
  rewritten text either touches one of the replacements (overlaps it or abuts it) or sits
  where one of its rule's ``exceptions`` covered it before: an exception reads up to 40
  characters around a phrase, and a replacement can remove what it read ("There's nothing
  we can do sorry but  about it." becomes "…do sorry. About it.", and flat-refusal's ", but"
  exception no longer applies). No replacement is ever flagged on its own, and untouched text
  gains no other finding;
- **idempotent on real replies**: for every reply in ``bench/data/replies.jsonl`` the phrase
  rewrite is a fixed point after one pass;
- a reply with no finding comes back unchanged as its own rewrite.

Bugs found this way were fixed; their minimal reproducers stay at the end as regression tests.
"""
from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tactful.api.schemas import CheckResponseSchema, ErrorSchema
from tactful.engine.checker import Checker
from tactful.engine.findings import Finding
from tactful.engine.patterns import compile_pattern
from tactful.engine.rewrite import rewrite
from tactful.engine.suggest import Contact

PHRASE_CATEGORIES = ("dismissive", "non-apology", "shouting", "vague-apology")
CHANNELS = ("email", "chat", "twitter", "generic")
REPLIES = Path(__file__).resolve().parents[1] / "bench" / "data" / "replies.jsonl"
CORPUS = [json.loads(line) for line in REPLIES.read_text(encoding="utf-8").splitlines() if line]

NASTY = (
    "\r\n", "\r", "\n\n", "\t", "\0", "\x85", "\u2028", "\u2029", "\u00a0", "\u3000",
    "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u200b", "\u200d", "\ufeff", "\u0301", "\u0308\u0323", "\u20dd",
    "😀", "👍🏽", "👨‍👩‍👧", "🇬🇧", "🙏", "\U0001d400\U0001d401", "\U00020000", "\U0010ffff",
    "ſ", "K", "İ", "ß", "ﬀ", "’", "!!", "??", "?!", "SORRY ", "I'M ", " sorry but ",
)

# Lone surrogates are excluded here (the checker is only ever given valid text; the API
# rejects them, which is tested separately below).
_unicode = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
_nasty = st.sampled_from(NASTY)


def _phrases(checker: Checker) -> list[str]:
    book = checker.book
    examples = [e.text for rule in book.rules.values() for e in (*rule.bad, *rule.good)]
    return examples + [row["text"] for row in CORPUS]


def _spliced(piece: str, nasty: str, where: int) -> str:
    """``nasty`` inserted inside ``piece`` (between words or inside one)."""
    cut = where % (len(piece) + 1)
    return piece[:cut] + nasty + piece[cut:]


def texts(checker: Checker) -> st.SearchStrategy[str]:
    phrases = st.sampled_from(_phrases(checker))
    wrapped = phrases.map(lambda p: p.replace(" ", "\r\n", 1))
    spliced = st.builds(_spliced, phrases, _nasty, st.integers(0, 10_000))
    piece = st.one_of(phrases, wrapped, spliced, _nasty, _unicode)
    return st.lists(piece, min_size=1, max_size=6).map("".join)


@pytest.fixture(scope="module")
def checker(app: Flask) -> Checker:
    return app.extensions["tactful.checker"]


# TACTFUL_PROPERTY_EXAMPLES=5000 runs a deeper search than the default suite does.
PROPERTY = settings(
    max_examples=int(os.environ.get("TACTFUL_PROPERTY_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _assert_exact_slices(text: str, finding: Finding) -> None:
    assert 0 <= finding.offset <= finding.end <= len(text)
    assert text[finding.offset:finding.end] == finding.text
    if finding.scope == "span":
        assert finding.length > 0
    else:
        assert finding.length == 0 and finding.text == ""
    for suggestion in finding.suggestions:
        assert suggestion.offset == finding.offset
        _assert_suggestion_covers(text[suggestion.offset:suggestion.offset + suggestion.length], suggestion.kind,
                                  suggestion.text, finding.text)


def _assert_suggestion_covers(covered: str, kind: str, replacement: str, flagged: str) -> None:
    """A replacement covers exactly the flagged text; an insertion covers nothing, or the
    one lower-case letter after it that it capitalises ("@sam it's…" -> "… It's…")."""
    if kind == "replace":
        assert covered == flagged
    else:
        assert kind == "insert" and flagged == ""
        assert covered == "" or (len(covered) == 1 and covered.islower() and replacement.endswith(covered.upper()))


@st.composite
def check_args(draw: st.DrawFn, checker: Checker) -> dict:
    return {
        "text": draw(texts(checker)),
        "channel": draw(st.sampled_from(CHANNELS)),
        "customer_message": draw(st.one_of(st.none(), texts(checker))),
    }


def test_checker_offsets_are_exact_for_any_text(checker: Checker) -> None:
    @PROPERTY
    @given(check_args(checker))
    def run(args: dict) -> None:
        report = checker.check(args["text"], channel=args["channel"], customer_message=args["customer_message"])
        for finding in report.findings:
            _assert_exact_slices(args["text"], finding)
        assert 0 <= report.score <= 100
        if not report.findings:
            assert report.rewrite == args["text"]

    run()


def _utf16_slice(text: str, offset16: int, length16: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * offset16:2 * (offset16 + length16)].decode("utf-16-le")


def test_api_answers_any_text_with_exact_offsets_in_both_systems(app: Flask, checker: Checker) -> None:
    client = app.test_client()
    limit = app.config["TACTFUL_SETTINGS"].max_text_length

    @PROPERTY
    @given(check_args(checker), st.booleans())
    def run(args: dict, narrowed: bool) -> None:
        body = {**args, "grammar": False}
        if narrowed:
            body["categories"] = list(PHRASE_CATEGORIES)
        response = client.post("/v1/check", json=body)
        text = args["text"]
        if not text.strip():
            assert response.status_code == 400 and response.json["error"]["code"] == "text_empty"
            return
        assert response.status_code == 200, response.json
        assert len(text) <= limit
        data = response.json
        assert CheckResponseSchema().validate(data) == {}
        for finding in data["findings"]:
            assert text[finding["offset"]:finding["offset"] + finding["length"]] == finding["text"]
            assert _utf16_slice(text, finding["offset_utf16"], finding["length_utf16"]) == finding["text"]
            for suggestion in finding["suggestions"]:
                covered = text[suggestion["offset"]:suggestion["offset"] + suggestion["length"]]
                assert _utf16_slice(text, suggestion["offset_utf16"], suggestion["length_utf16"]) == covered
                _assert_suggestion_covers(covered, suggestion["kind"], suggestion["text"], finding["text"])
            if narrowed:
                assert finding["category"] in PHRASE_CATEGORIES

    run()


def test_api_rejects_half_an_emoji_anywhere_with_400(app: Flask, checker: Checker) -> None:
    client = app.test_client()
    surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)

    @PROPERTY
    @given(texts(checker), surrogate, st.integers(0, 10_000), st.sampled_from(["text", "customer_message"]))
    def run(text: str, half: str, where: int, field: str) -> None:
        broken = _spliced(text, half, where)
        body = {"text": "Thanks for waiting.", field: broken}
        response = client.post("/v1/check", json=body)
        assert response.status_code == 400
        assert ErrorSchema().validate(response.json) == {}
        assert response.json["error"] == {
            "code": "invalid_text", "field": field,
            "message": f"'{field}' contains half of an emoji (a lone surrogate).",
        }

    run()


def test_api_never_answers_5xx_to_arbitrary_bytes(app: Flask) -> None:
    client = app.test_client()

    @PROPERTY
    @given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass"))))
    def run(body: bytes) -> None:
        response = client.post("/v1/check", data=body, content_type="application/json")
        assert response.status_code in (400, 413), response.json
        assert ErrorSchema().validate(response.json) == {}

    run()


@dataclass(frozen=True)
class Landed:
    """Where one replacement landed in the fixed text, and the length change up to its end."""

    start: int
    end: int
    shift: int


def phrase_findings(checker: Checker, text: str) -> list[Finding]:
    """The phrase rules' findings with a fix (learned rules flag whole sentences and offer
    none, and a fix that would not fit the words around it is not offered, so the rewrite
    leaves those as they are)."""
    return [f for f in checker.check(text, categories=PHRASE_CATEGORIES).findings
            if f.scope == "span" and checker.book.rules[f.rule].kind == "phrase" and f.suggestions]


def phrase_fix(checker: Checker, text: str) -> tuple[str, list[Finding], list[Landed]]:
    """The phrase rewrite, its findings, and where each replacement landed in the result."""
    findings = phrase_findings(checker, text)
    fixed = rewrite(text, findings)
    landed, shift = [], 0
    for finding in sorted(findings, key=lambda f: f.offset):
        replacement = finding.suggestions[0]
        start = replacement.offset + shift
        shift += len(replacement.text) - replacement.length
        landed.append(Landed(start, start + len(replacement.text), shift))
    return fixed, findings, landed


def _disjoint(findings: list[Finding]) -> bool:
    spans = sorted((f.offset, f.end) for f in findings)
    return all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))


def _excepted_before(checker: Checker, original: str, finding: Finding, landed: list[Landed]) -> bool:
    """Whether an exception of the finding's rule covered its place in the original text."""
    shift = next((edit.shift for edit in reversed(landed) if edit.end <= finding.offset), 0)
    start, end = finding.offset - shift, finding.end - shift
    assert original[start:end] == finding.text
    exceptions = [compile_pattern(regex) for regex in checker.book.rules[finding.rule].exceptions]
    return any(m.start() < end and start < m.end() for regex in exceptions for m in regex.finditer(original))


def test_phrase_rewrite_only_leaves_findings_at_its_own_edits(checker: Checker) -> None:
    @PROPERTY
    @given(texts(checker))
    def run(text: str) -> None:
        fixed, findings, landed = phrase_fix(checker, text)
        assume(findings and _disjoint(findings))
        again = phrase_findings(checker, fixed)
        for finding in again:
            touching = [e for e in landed if finding.offset <= e.end and e.start <= finding.end]
            inside = [e for e in touching if e.start <= finding.offset and finding.end <= e.end]
            assert not inside, f"the replacement {fixed[inside[0].start:inside[0].end]!r} is itself flagged"
            if not touching:
                assert _excepted_before(checker, text, finding, landed), (text, fixed, finding)

    run()


@pytest.mark.parametrize("row", CORPUS, ids=[row["id"] for row in CORPUS])
def test_phrase_rewrite_of_real_replies_is_idempotent(checker: Checker, row: dict) -> None:
    fixed, _, _ = phrase_fix(checker, row["text"])
    assert phrase_findings(checker, fixed) == []
    assert phrase_fix(checker, fixed)[0] == fixed


# Found by the properties above and fixed; each is what a user would see.

def test_capitals_rewrite_keeps_the_pronoun_i(checker: Checker) -> None:
    assert checker.check("PLEASE NOTE I have refunded you.").rewrite.count("Please note I have refunded you.") == 1


def test_exclamation_rewrite_is_not_flagged_again(checker: Checker) -> None:
    fixed, _, _ = phrase_fix(checker, "We fixed it!!!?")
    assert checker.check(fixed, categories=PHRASE_CATEGORIES).findings == []


def test_inserted_sentences_have_single_full_stops(checker: Checker) -> None:
    assert ".." not in checker.check("Your parcel is with the courier now").rewrite


def test_rewrite_of_a_vague_apology_is_complete(checker: Checker) -> None:
    contact = Contact(email="sam@example.com")
    fixed = checker.check("Sorry for the inconvenience.", contact=contact).rewrite
    assert checker.check(fixed, contact=contact).findings == []
    without = checker.check("Sorry for the inconvenience.").rewrite
    assert [(f.rule, f.suggestions) for f in checker.check(without).findings] == [("missing-contact", ())]
