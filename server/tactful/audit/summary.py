"""The report's figures, gathered by streaming ``replies.csv`` and ``findings.csv`` once each.

Everything kept is small whatever the number of replies: counts per day and category, per
agent and per team, per rule, a score histogram, the twenty worst replies and, per rule, the
wordings met most often (pruned to the most common as it grows).
"""
from __future__ import annotations

import csv
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .writers import FINDINGS, REPLIES

WORST = 20
WORDINGS_KEPT = 500


@dataclass
class Worst:
    row: int
    score: int
    reply: dict[str, str]
    findings: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Summary:
    replies: int = 0
    with_findings: int = 0
    upset: int = 0
    calm: int = 0
    unread: int = 0
    upset_no_apology: int = 0
    upset_no_contact: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    by_day: Counter[tuple[str, str]] = field(default_factory=Counter)
    replies_by_day: Counter[str] = field(default_factory=Counter)
    by_agent: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    replies_by_agent: Counter[str] = field(default_factory=Counter)
    by_team: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    replies_by_team: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    wordings: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    scores: Counter[int] = field(default_factory=Counter)
    worst: list[Worst] = field(default_factory=list)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def summarise(folder: Path) -> Summary:
    summary = Summary()
    heap: list[tuple[int, int, int, dict[str, str]]] = []
    for reply in _rows(folder / REPLIES):
        _count_reply(summary, reply)
        key = (-int(reply["score"]), int(reply["findings"]), -int(reply["row"]))
        entry = (*key, reply)
        if len(heap) < WORST:
            heapq.heappush(heap, entry)
        elif key > heap[0][:3]:
            heapq.heapreplace(heap, entry)
    worst = {int(r["row"]): Worst(int(r["row"]), int(r["score"]), r) for *_, r in sorted(heap, reverse=True)}
    for finding in _rows(folder / FINDINGS):
        _count_finding(summary, finding)
        if int(finding["row"]) in worst:
            worst[int(finding["row"])].findings.append(finding)
    summary.worst = list(worst.values())
    return summary


def _count_reply(summary: Summary, reply: dict[str, str]) -> None:
    categories = set(reply["categories"].split())
    summary.replies += 1
    summary.with_findings += bool(categories)
    summary.scores[int(reply["score"])] += 1
    summary.replies_by_day[reply["time"][:10]] += 1
    summary.replies_by_agent[reply["agent"]] += 1
    summary.replies_by_team[reply["team"]] += 1
    if reply["customer_upset"] == "yes":
        summary.upset += 1
        summary.upset_no_apology += "missing-apology" in categories
        summary.upset_no_contact += "missing-contact" in categories
    elif reply["customer_upset"] == "no":
        summary.calm += 1
    else:
        summary.unread += 1


def _count_finding(summary: Summary, finding: dict[str, str]) -> None:
    category = finding["category"]
    summary.findings[category] += 1
    summary.by_day[finding["time"][:10], category] += 1
    summary.by_agent[finding["agent"]][category] += 1
    summary.by_team[finding["team"]][category] += 1
    summary.by_rule[finding["rule"]] += 1
    if finding["text"]:
        wordings = summary.wordings[finding["rule"]]
        wordings[finding["text"].strip().lower()] += 1
        if len(wordings) > 2 * WORDINGS_KEPT:
            summary.wordings[finding["rule"]] = Counter(dict(wordings.most_common(WORDINGS_KEPT)))
