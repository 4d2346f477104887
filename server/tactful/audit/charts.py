"""The report's charts, as plotly figures built from the summary's counts (never from rows,
so a chart of 50,000 replies carries a few hundred numbers).

Plotly because its Python package ships plotly.js, so the report embeds it once and opens
with no network; its charts hover, zoom and save as PNG in the browser; and it is widely
used and maintained. Colours and labels are the categories' own, from the packs.
"""
from __future__ import annotations

import html
from collections import Counter
from datetime import date, timedelta

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..engine.rulebook import Rulebook
from .summary import Summary

TOP = 20
MOVES = 12
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def _layout(figure: go.Figure, height: int) -> go.Figure:
    figure.update_layout(
        height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, font={"family": FONT, "size": 13},
        plot_bgcolor="white", paper_bgcolor="white", barmode="stack",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
    figure.update_xaxes(gridcolor="#eceef1", zeroline=False, automargin=True)
    figure.update_yaxes(gridcolor="#eceef1", zeroline=False, automargin=True)
    return figure


def shown_categories(summary: Summary, book: Rulebook) -> list[str]:
    """Categories with findings, in the packs' order."""
    return [c for c in book.categories if summary.findings[c]]


def period_of(days: list[str]) -> str:
    """Days for up to two months of replies, weeks up to two years, months beyond."""
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def _start(day: str, period: str) -> str:
    moment = date.fromisoformat(day)
    if period == "week":
        moment -= timedelta(days=moment.weekday())
    elif period == "month":
        moment = moment.replace(day=1)
    return moment.isoformat()


def over_time(summary: Summary, book: Rulebook) -> tuple[go.Figure, str] | None:
    days = sorted(d for d in summary.replies_by_day if d)
    if not days:
        return None
    period = period_of(days)
    replies: Counter[str] = Counter()
    for day, count in summary.replies_by_day.items():
        if day:
            replies[_start(day, period)] += count
    counts: Counter[tuple[str, str]] = Counter()
    for (day, category), count in summary.by_day.items():
        if day:
            counts[_start(day, period), category] += count
    starts = sorted(replies)
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    for category in shown_categories(summary, book):
        info = book.categories[category]
        figure.add_trace(go.Bar(x=starts, y=[counts[s, category] for s in starts], name=info.label,
                                marker_color=info.colour, hovertemplate=f"{info.label}: %{{y}}<extra>%{{x}}</extra>"))
    figure.add_trace(go.Scatter(x=starts, y=[replies[s] for s in starts], name="Replies", mode="lines+markers",
                                line={"color": "#212529", "width": 2},
                                hovertemplate="%{y} replies<extra>%{x}</extra>"), secondary_y=True)
    figure.update_yaxes(title_text="findings", secondary_y=False)
    figure.update_yaxes(title_text="replies", secondary_y=True, showgrid=False, rangemode="tozero")
    figure.update_xaxes(type="date")
    return _layout(figure, 420), period


def per_group(counts: dict[str, Counter[str]], replies: Counter[str], summary: Summary, book: Rulebook,
              noun: str) -> go.Figure:
    """Findings per 100 replies for the ``TOP`` busiest agents or teams, worst at the top."""
    busiest = [name for name, _ in replies.most_common(TOP)]
    busiest.sort(key=lambda name: sum(counts[name].values()) / replies[name])
    labels = [f"{html.escape(name) or '(none)'}  ·  {replies[name]:,}" for name in busiest]
    figure = go.Figure()
    for category in shown_categories(summary, book):
        info = book.categories[category]
        figure.add_trace(go.Bar(
            y=labels, x=[round(100 * counts[name][category] / replies[name], 1) for name in busiest], orientation="h",
            name=info.label, marker_color=info.colour,
            hovertemplate=f"{info.label}: %{{x}} per 100 replies<extra>%{{y}}</extra>"))
    figure.update_xaxes(title_text=f"findings per 100 replies (the {len(busiest)} {noun} with the most replies; "
                                   "replies after the name)")
    return _layout(figure, 140 + 26 * len(busiest))


def upset_without(summary: Summary) -> go.Figure:
    parts = [("No apology", summary.upset_no_apology, "#7048e8"), ("No direct contact", summary.upset_no_contact, "#1c7ed6")]
    shares = [round(100 * n / summary.upset, 1) if summary.upset else 0 for _, n, _ in parts]
    figure = go.Figure(go.Bar(
        x=shares, y=[label for label, _, _ in parts], orientation="h", marker_color=[c for _, _, c in parts],
        text=[f"{share}%  ({n:,} of {summary.upset:,})" for share, (_, n, _) in zip(shares, parts)],
        textposition="auto", hovertemplate="%{x}% of upset customers<extra></extra>"))
    figure.update_xaxes(range=[0, 100], ticksuffix="%", title_text="share of replies to an upset customer")
    return _layout(figure, 200)


def moves(summary: Summary, book: Rulebook) -> go.Figure | None:
    dismissive = [(rule, n) for rule, n in summary.by_rule.most_common()
                  if rule in book.rules and book.rules[rule].category == "dismissive"][:MOVES]
    if not dismissive:
        return None
    dismissive.reverse()
    labels = [rule.replace("-", " ").capitalize() for rule, _ in dismissive]
    hover = [_wrap(book.rules[rule].message) for rule, _ in dismissive]
    figure = go.Figure(go.Bar(x=[n for _, n in dismissive], y=labels, orientation="h", text=[f"{n:,}" for _, n in dismissive],
                              textposition="auto", marker_color=book.categories["dismissive"].colour,
                              customdata=hover, hovertemplate="%{x} findings<br>%{customdata}<extra></extra>"))
    figure.update_xaxes(title_text="findings")
    return _layout(figure, 120 + 30 * len(dismissive))


def scores(summary: Summary) -> go.Figure:
    bins = [f"{low}–{low + 9}" for low in range(0, 100, 10)] + ["100"]
    counts = [sum(n for score, n in summary.scores.items() if min(score // 10, 10) == i) for i in range(11)]
    colours = ["#d93025" if i < 5 else "#f59f00" if i < 8 else "#0ca678" for i in range(11)]
    figure = go.Figure(go.Bar(x=bins, y=counts, marker_color=colours, text=[f"{n:,}" for n in counts],
                              textposition="outside", cliponaxis=False, hovertemplate="score %{x}: %{y} replies<extra></extra>"))
    figure.update_xaxes(title_text="score", type="category")
    figure.update_yaxes(title_text="replies")
    return _layout(figure, 340)


def _wrap(text: str, width: int = 60) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])
