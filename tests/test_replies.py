"""Whole replies as agents write them: each category caught, kind replies left alone."""
from __future__ import annotations

import pytest

from tactful.engine.checker import Checker
from tactful.engine.rulebook import load_rulebook

CHECKER = Checker(load_rulebook())
COMPLAINT = "I've been waiting three weeks for my refund and nobody answers the phone. Ridiculous."
QUESTION = "Hi! Do you have the blue one in a size 10?"

GOOD_EMAIL = (
    "Hi Dana,\n\nThank you for telling us, and I'm so sorry: three weeks is far too long, and I understand "
    "how frustrating the silence has been. That's on us. I've refunded the full £42 today and I'll check "
    "tomorrow that it has landed. You can reach me directly on 020 7946 0958 or sam@example.com.\n\n"
    "Best regards,\nSam"
)


def categories(text: str, **context: object) -> set[str]:
    return {finding.category for finding in CHECKER.check(text, **context).findings}


def test_a_complete_apology_email_is_clean() -> None:
    report = CHECKER.check(GOOD_EMAIL, channel="email", customer_message=COMPLAINT)
    assert report.findings == [] and report.score == 100


def test_a_short_kind_social_reply_is_clean() -> None:
    reply = "@dana_k So sorry about the wait, Dana, that's not good enough and it's on us 🙏 Thanks for bearing with us: DM us your order number and we'll sort the refund today. ^SL"
    assert categories(reply, channel="twitter", customer_message=COMPLAINT) == set()


@pytest.mark.parametrize(
    ("reply", "category"),
    [
        ("Hi Dana,\n\nPlease calm down. Refunds take 10 days.\n\nRegards,\nSam", "dismissive"),
        ("Hi Dana,\n\nAs per my last email, refunds take 10 days.\n\nRegards,\nSam", "dismissive"),
        ("@dana_k That's company policy, sorry. ^SL", "dismissive"),
        ("Hi Dana, you must have entered the wrong account number.", "dismissive"),
        ("Hi Dana, these things happen. It's only a few days.", "dismissive"),
        ("Hi Dana, there's nothing we can do about it.", "dismissive"),
        ("Hi Dana, I'm sorry you feel that way.", "non-apology"),
        ("We apologise for any inconvenience this may have caused.", "non-apology"),
        ("Mistakes were made with your refund.", "non-apology"),
        ("I'm sorry, but we can't refund it.", "non-apology"),
        ("Hi Dana,\n\nYour refund is processing.\n\nRegards,\nSam", "missing-apology"),
        ("Hi Dana,\n\nSo sorry, your refund is processing.\n\nRegards,\nSam", "missing-contact"),
        ("@dana_k So sorry! Your refund is processing. ^SL", "missing-contact"),
        ("Hi Dana, so sorry. Your refund is processing. Call me on 020 7946 0958.", "missing-acknowledgement"),
        ("Hi Dana, so sorry. Your refund is processing.", "missing-ownership"),
        ("Hi Dana, I'm so sorry about this, I know how frustrating it is.", "missing-next-step"),
        ("Hi Dana, so sorry. I've refunded you today.", "missing-thanks"),
        ("Hi Dana, your refund WILL NOT ARRIVE before Friday!!!", "shouting"),
    ],
)
def test_each_category_is_caught_in_a_realistic_reply(reply: str, category: str) -> None:
    channel = "twitter" if reply.startswith("@") else "email"
    assert category in categories(reply, channel=channel, customer_message=COMPLAINT)


@pytest.mark.parametrize(
    "reply",
    [
        "You should have received an email by now; I've resent it just in case.",
        "You must have had a stressful week, and I'm sorry we added to it.",
        "Our policy is to refund you in full, so I've done that today.",
        "There's nothing you need to do: the refund is automatic.",
        "It's not your fault at all. I've fixed the setting on our side.",
        "I just refunded the fee, and I'm sorry it took so long.",
        "Once things calm down after the launch, we'll restock.",
        "If it happens again, reply here and I'll escalate it straight away.",
    ],
)
def test_kind_phrasings_are_not_called_dismissive(reply: str) -> None:
    assert not categories(reply, customer_message=COMPLAINT) & {"dismissive", "non-apology", "shouting"}


def test_a_neutral_question_needs_no_apology_or_contact() -> None:
    reply = "Hi! Yes, the blue one is in stock in a size 10, and it ships today."
    assert categories(reply, channel="chat", customer_message=QUESTION) == set()


def test_without_a_customer_message_the_reply_is_assumed_to_answer_a_complaint() -> None:
    assert "missing-apology" in categories("Your refund is processing.")
