"""The report's figures, gathered by streaming ``replies.csv`` and ``findings.csv`` once each.

Everything kept is small whatever the number of replies: per day, agent and team the replies
with each category, per rule its findings and the wordings met most often (pruned to the most
common as it grows), a score histogram and the twenty worst replies.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .writers import FINDINGS, REPLIES

WORST = 20
WORDINGS_KEPT = 500


@dataclass
class Worst:
    """One of the worst replies; ``copies`` are later replies that read the same but for
    names, handles, initials and numbers (one template sent many times is shown once)."""

    row: int
    score: int
    reply: dict[str, str]
    rank: tuple[int, int, int]
    copies: int = 0
    findings: list[dict[str, str]] = field(default_factory=list)


_NAMES_AND_NUMBERS = re.compile(r"[@^]\w+|\d+")


def likeness(text: str) -> str:
    return " ".join(_NAMES_AND_NUMBERS.sub(" ", text.lower()).split())


@dataclass
class Group:
    """Replies of one agent, team or day: how many, their scores, and how many had each category."""

    replies: int = 0
    score_total: int = 0
    with_category: Counter[str] = field(default_factory=Counter)

    @property
    def mean_score(self) -> float:
        return self.score_total / self.replies if self.replies else 100.0

    def add(self, score: int, categories: set[str]) -> None:
        self.replies += 1
        self.score_total += score
        self.with_category.update(categories)


@dataclass
class Wordings:
    """How often a rule met each wording (case aside), shown as first met; pruned as it grows."""

    counts: Counter[str] = field(default_factory=Counter)
    shown: dict[str, str] = field(default_factory=dict)

    def add(self, text: str) -> None:
        key = " ".join(text.split()).lower()
        self.counts[key] += 1
        self.shown.setdefault(key, " ".join(text.split()))
        if len(self.counts) > 2 * WORDINGS_KEPT:
            self.counts = Counter(dict(self.counts.most_common(WORDINGS_KEPT)))
            self.shown = {key: self.shown[key] for key in self.counts}

    def most_common(self, n: int) -> list[tuple[str, int]]:
        return [(self.shown[key], count) for key, count in self.counts.most_common(n)]


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
    by_day: defaultdict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_agent: defaultdict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_team: defaultdict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_rule: Counter[str] = field(default_factory=Counter)
    wordings: defaultdict[str, Wordings] = field(default_factory=lambda: defaultdict(Wordings))
    scores: Counter[int] = field(default_factory=Counter)
    worst: list[Worst] = field(default_factory=list)


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def summarise(folder: Path) -> Summary:
    summary = Summary()
    kept: dict[str, Worst] = {}
    for reply in _rows(folder / REPLIES):
        _count_reply(summary, reply)
        _keep_if_worst(kept, reply)
    worst = {w.row: w for w in sorted(kept.values(), key=lambda w: w.rank, reverse=True)}
    for finding in _rows(folder / FINDINGS):
        _count_finding(summary, finding)
        if int(finding["row"]) in worst:
            worst[int(finding["row"])].findings.append(finding)
    summary.worst = list(worst.values())
    return summary


def _keep_if_worst(kept: dict[str, Worst], reply: dict[str, str]) -> None:
    """Keep the ``WORST`` lowest-scoring replies (then the most findings, then the first),
    one per likeness."""
    rank = (-int(reply["score"]), int(reply["findings"]), -int(reply["row"]))
    like = likeness(reply["reply"])
    if like in kept:
        kept[like].copies += 1
        return
    if len(kept) >= WORST:
        best_kept = min(kept, key=lambda k: kept[k].rank)
        if rank <= kept[best_kept].rank:
            return
        del kept[best_kept]
    kept[like] = Worst(int(reply["row"]), int(reply["score"]), reply, rank)


def _count_reply(summary: Summary, reply: dict[str, str]) -> None:
    categories = set(reply["categories"].split())
    score = int(reply["score"])
    summary.replies += 1
    summary.with_findings += bool(categories)
    summary.scores[score] += 1
    for group in (summary.by_day[reply["time"][:10]], summary.by_agent[reply["agent"]], summary.by_team[reply["team"]]):
        group.add(score, categories)
    if reply["customer_upset"] == "yes":
        summary.upset += 1
        summary.upset_no_apology += "missing-apology" in categories
        summary.upset_no_contact += "missing-contact" in categories
    elif reply["customer_upset"] == "no":
        summary.calm += 1
    else:
        summary.unread += 1


def _count_finding(summary: Summary, finding: dict[str, str]) -> None:
    summary.findings[finding["category"]] += 1
    summary.by_rule[finding["rule"]] += 1
    if finding["text"].strip():
        summary.wordings[finding["rule"]].add(finding["text"])
