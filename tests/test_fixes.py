"""Fixes a customer can receive: specific, with no placeholders, grammatical where they land,
true to the channel, and a rewrite that keeps what the agent said and passes its own check.

The corpus is the project's own labelled replies (``bench/data/replies.jsonl``); no model
learned from them.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from inserts import CONTACT, inserted_sentences
from tactful.engine.checker import Checker, Report
from tactful.engine.checks.length import measure
from tactful.engine.rewrite import apply
from tactful.engine.rulebook import load_rulebook
from tactful.engine.suggest import Contact

BOOK = load_rulebook()
CHECKER = Checker(BOOK)
CORPUS = [json.loads(line) for line in (Path(__file__).parents[1] / "bench" / "data" / "replies.jsonl").read_text(encoding="utf-8").splitlines() if line]
TONE = ("dismissive", "non-apology", "vague-apology", "shouting", "placeholder")
FACT = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.\w+|@\w+|[£$€]?\d[\d.,:/-]*")


def check(row: dict, contact: Contact = CONTACT) -> Report:
    return CHECKER.check(row["text"], channel=row["channel"], customer_message=row.get("customer_message"), contact=contact)


def insert_of(report: Report, rule: str) -> str:
    return next(f for f in report.findings if f.rule == rule).suggestions[0].preview


def test_the_apology_and_acknowledgement_name_what_went_wrong() -> None:
    report = CHECKER.check("Hi Dana,\n\nYour refund is on its way.\n\nBest,\nSam",
                           customer_message="You charged me twice for one ticket and I was on hold for an hour!")
    assert "charged twice" in insert_of(report, "missing-apology")
    assert "on hold" in insert_of(report, "missing-acknowledgement")
    assert report.customer and [p.kind for p in report.customer.problems] == ["problem-charged-twice", "problem-on-hold"]


def test_an_apology_names_only_a_harm_the_customer_named() -> None:
    """A tour guide who never showed up is not a parcel that never arrived."""
    report = CHECKER.check("Hi Clara, we can rebook you for Friday.",
                           customer_message="The tour guide never showed up and we lost a whole day of our holiday.")
    assert report.customer and report.customer.problems == ()
    assert "order" not in insert_of(report, "missing-apology")


def test_without_a_customer_message_the_apology_is_plain_and_sincere() -> None:
    sentence = insert_of(CHECKER.check("Your parcel is with the courier now."), "missing-apology")
    again = CHECKER.check(sentence).findings
    assert not [f for f in again if f.category in ("non-apology", "vague-apology", "missing-apology")]


@pytest.mark.parametrize(("rule", "channel", "sentence"), [
    pytest.param(*insert, id=f"{insert[0].id}:{insert[2][:40]}") for insert in inserted_sentences(BOOK)])
def test_every_sentence_tactful_inserts_reads_clean_and_does_its_job(rule, channel: str, sentence: str) -> None:
    """With every problem the rules can name: no tone rule (learned ones too) flags it, and it
    satisfies the rule that inserts it."""
    findings = CHECKER.check(sentence, channel="email" if channel == "default" else channel, contact=CONTACT).findings
    assert [(f.rule, f.text) for f in findings if f.category in TONE] == []
    assert rule.id not in {f.rule for f in findings}


@pytest.mark.parametrize("contact", [Contact(), CONTACT], ids=["no details", "phone and email"])
def test_no_placeholder_ever_reaches_the_customer(contact: Contact) -> None:
    for row in CORPUS:
        report = check(row, contact)
        for suggestion in (s for f in report.findings for s in f.suggestions):
            assert "[" not in suggestion.text and "{" not in suggestion.text, (row["id"], suggestion.text)
        assert "unfilled-placeholder" not in {f.rule for f in check({**row, "text": report.rewrite}, contact).findings}


def test_without_contact_details_the_finding_is_advice_that_asks_for_them() -> None:
    text = "Hi Dana,\n\nSorry the parcel is late. It is with the courier now.\n\nBest regards,\nSam"
    advice = next(f for f in CHECKER.check(text, channel="email").findings if f.rule == "missing-contact")
    assert advice.suggestions == () and advice.needs == ("contact",)
    given = next(f for f in CHECKER.check(text, channel="email", contact=Contact(email="sam.lee@example.com")).findings
                 if f.rule == "missing-contact")
    assert given.needs == () and "sam.lee@example.com" in given.suggestions[0].text
    assert CHECKER.check(text, channel="twitter").rewrite.count("DM") == 1


def test_a_placeholder_left_in_a_draft_is_an_error_and_never_raises_the_score() -> None:
    draft = "Sorry the parcel is late, Dana. It is with the courier now."
    for blank in (" You can reach me directly at [your direct line].", " I'll follow up by [day] with an update.",
                  " Hi {{first_name}}, thanks."):
        with_blank = CHECKER.check(draft + blank)
        assert any(f.rule == "unfilled-placeholder" and f.severity == "error" for f in with_blank.findings)
        assert with_blank.score <= CHECKER.check(draft).score


def test_a_follow_up_day_is_used_when_given_and_never_invented() -> None:
    draft = "Sorry about the broken lamp, Dana."
    assert "by Friday" in insert_of(CHECKER.check(draft, follow_up="Friday"), "missing-next-step")
    plain = insert_of(CHECKER.check(draft), "missing-next-step")
    assert " by " not in plain and "[" not in plain


def test_kind_words_about_fault_are_not_flagged() -> None:
    findings = CHECKER.check("None of this is your fault, and I've refunded you in full.").findings
    assert not [f for f in findings if f.category == "dismissive"]


@pytest.mark.parametrize(("text", "broken"), [
    ("We'd ask you to remain calm on future calls.", "to I "),
    ("You're overreacting a bit, Bob, it's a £1 rise.", "to you a bit"),
    ("Not our department I'm afraid, warranty claims go to the maker.", "do I'm afraid"),
    ("Perhaps it was a misunderstanding?", "you?"),
    ("Skips need to be done 48h before dispatch, as stated in the FAQ 👍", "ly, 👍"),
])
def test_a_fix_that_would_break_its_sentence_is_not_offered(text: str, broken: str) -> None:
    report = CHECKER.check(text)
    previews = [s.preview for f in report.findings for s in f.suggestions]
    assert not [p for p in previews if broken in p]
    assert broken not in report.rewrite


def test_the_rewrite_passes_its_own_check_and_keeps_the_facts() -> None:
    for row in CORPUS:
        report = check(row)
        again = check({**row, "text": report.rewrite})
        assert not {f.rule for f in again.findings} & set(report.fixes), (row["id"], report.rewrite)
        assert not Counter(FACT.findall(row["text"])) - Counter(FACT.findall(report.rewrite)), (row["id"], report.rewrite)


def test_a_shouted_non_apology_is_rewritten_into_an_apology() -> None:
    rewrite = CHECKER.check("SORRY BUT SORRY BUT I've sorted it.").rewrite
    assert "missing-apology" not in {f.rule for f in CHECKER.check(rewrite).findings}


def test_on_x_every_suggestion_and_the_rewrite_fit_280() -> None:
    for row in (r for r in CORPUS if r["channel"] == "twitter" and measure(r["text"], "twitter") <= 280):
        report = check(row)
        assert measure(report.rewrite, "twitter") <= 280, row["id"]
        for suggestion in (s for f in report.findings for s in f.suggestions):
            assert measure(apply(row["text"], [suggestion]), "twitter") <= 280, (row["id"], suggestion.text)


def test_a_reply_too_long_for_x_says_which_part_to_move_and_grows_no_longer() -> None:
    first = "@dana_k So sorry, Dana, the parcel went to your old address."
    rest = (" We've checked with the warehouse team and the label was printed from the address on your account before"
            " you changed it last week. A new parcel goes out today by express and should arrive by Thursday at the"
            " latest. We'll also refund the delivery charge of £4.99 to your card within 3 working days. ^JK")
    report = CHECKER.check(first + rest, channel="twitter", customer_message="@brand where is my parcel??")
    too_long = next(f for f in report.findings if f.rule == "too-long-for-x")
    assert too_long.offset > len(first) - 1 and (first + rest).endswith(too_long.text + " ^JK")
    assert "DM" in too_long.message
    assert not [f for f in report.findings if f.scope == "reply" and f.suggestions]
    assert measure(report.rewrite, "twitter") <= measure(first + rest, "twitter")


def test_every_suggestion_previews_its_sentence() -> None:
    for row in CORPUS[:80]:
        for finding in check(row).findings:
            for suggestion in finding.suggestions:
                assert suggestion.preview and suggestion.preview in apply(row["text"], [suggestion]), (row["id"], suggestion)
                assert suggestion.text.strip()[:-2].strip(". ") in suggestion.preview


def test_one_draft_always_gets_the_same_sentence_and_drafts_vary() -> None:
    apologies = Counter()
    for row in CORPUS:
        report = check(row)
        found = [f for f in report.findings if f.rule == "missing-apology" and f.suggestions]
        if found:
            assert found[0].suggestions[0].text == next(
                f for f in check(row).findings if f.rule == "missing-apology").suggestions[0].text
            apologies[found[0].suggestions[0].preview.split()[1]] += 1
    assert len(apologies) >= 2


def test_the_api_takes_a_follow_up_day_and_serves_previews(client: FlaskClient) -> None:
    body = client.post("/v1/check", json={
        "text": "Sorry about the broken lamp.", "customer_message": "You sent me the wrong lamp and it arrived broken",
        "follow_up": "Friday", "grammar": False,
    }).json
    inserts = {f["rule"]: f for f in body["findings"] if f["scope"] == "reply"}
    assert "by Friday" in inserts["missing-next-step"]["suggestions"][0]["preview"]
    assert inserts["missing-contact"]["needs"] == ["contact"]
    assert [p["problem"] for p in body["customer"]["problems"]] == ["problem-wrong-item", "problem-arrived-damaged"]
    assert "missing-next-step" in body["rewrite_fixes"] and "by Friday" in body["rewrite"]
    refused = client.post("/v1/check", json={"text": "Hi", "follow_up": "x" * 41}).json
    assert refused["error"]["field"] == "follow_up"
