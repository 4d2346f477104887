"""``report.html``: one self-contained file a support lead opens in any browser, offline.

plotly.js and the styles are embedded, nothing is fetched when it opens, and every text from
the export is escaped. The first screen says that the report quotes replies (and whether they
were masked); then the charts, the twenty worst replies with their findings and the fix (the
checker's rewrite, as the extension offers it), and how the audit was run.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import plotly.io
import plotly.offline
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..engine.rulebook import Rulebook
from . import charts
from .records import BadRow
from .summary import Summary, Worst

_TEMPLATES = Environment(loader=PackageLoader("tactful.audit"), autoescape=select_autoescape(default=True),
                         trim_blocks=True, lstrip_blocks=True)
_TEMPLATES.filters["basename"] = lambda path: Path(path).name
_TEMPLATES.filters["when"] = lambda iso: iso.replace("T", " ").removesuffix("Z")[:16] + " UTC"


@dataclass(frozen=True)
class AuditFacts:
    """How the audit ran, for the report's first screen and its notes."""

    exports: tuple[str, ...]
    checked: int
    bad_rows: int
    before_since: int
    without_time: int
    since: str | None
    limit: int | None
    redacted: bool
    where: str
    version: str
    created: str


def _figure(figure: Any) -> Markup | None:
    if figure is None:
        return None
    return Markup(plotly.io.to_html(figure, include_plotlyjs=False, full_html=False,
                                    config={"displaylogo": False, "responsive": True}))


def highlighted(worst: Worst) -> Markup:
    """The reply with each quoted finding marked where its words first occur after the one
    before (the masked text under ``--redact`` has other offsets, so words, not offsets)."""
    text = worst.reply["reply"]
    marks: list[tuple[int, int, str]] = []
    at = 0
    for finding in sorted((f for f in worst.findings if f["text"]), key=lambda f: int(f["offset"])):
        start = text.find(finding["text"], at)
        if start < 0:
            continue
        marks.append((start, start + len(finding["text"]), finding["category"]))
        at = start + len(finding["text"])
    out, at = [], 0
    for start, end, category in marks:
        out += [html.escape(text[at:start]),
                f'<mark class="c-{html.escape(category)}">{html.escape(text[start:end])}</mark>']
        at = end
    out.append(html.escape(text[at:]))
    return Markup("".join(out))


def median(histogram: Counter[int]) -> str:
    total, seen = sum(histogram.values()), 0
    for score in sorted(histogram):
        seen += histogram[score]
        if 2 * seen >= total:
            return str(score)
    return "–"


def write_report(path: Path, summary: Summary, book: Rulebook, facts: AuditFacts, bad_examples: Sequence[BadRow]) -> None:
    over_time = charts.over_time(summary, book)
    page = _TEMPLATES.get_template("report.html").render(
        facts=facts, summary=summary, book=book,
        categories=[book.categories[c] for c in charts.shown_categories(summary, book)],
        plotly_js=Markup(plotly.offline.get_plotlyjs()),
        over_time=_figure(over_time[0]) if over_time else None, period=over_time[1] if over_time else None,
        agents=_figure(charts.per_group(summary.by_agent, summary, book, "agents")) if summary.replies else None,
        teams=_figure(charts.per_group(summary.by_team, summary, book, "teams"))
        if summary.replies and set(summary.by_team) != {""} else None,
        upset=_figure(charts.upset_without(summary)) if summary.upset else None,
        moves=_figure(charts.moves(summary, book)),
        wordings={rule: found.most_common(3) for rule, found in summary.wordings.items()},
        scores=_figure(charts.scores(summary)) if summary.replies else None,
        worst=[(w, highlighted(w)) for w in summary.worst],
        bad_examples=bad_examples, median_score=median(summary.scores),
        percent=lambda n, d: f"{100 * n / d:.0f}%" if d else "–",
    )
    path.write_text(page, encoding="utf-8")
