"""The report's charts, as plotly figures built from the summary's counts (never from rows,
so a chart of 50,000 replies carries a few hundred numbers).

Plotly because its Python package ships plotly.js, so the report embeds it once and opens
with no network; its charts hover, zoom and save as PNG in the browser; and it is widely
used and maintained. Colours and labels are the categories' own, from the packs.
"""
from __future__ import annotations

import html
import itertools
import math
from collections import defaultdict
from datetime import date, datetime, timedelta

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..engine.rulebook import Rulebook
from .summary import Group, Summary

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


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def over_time(summary: Summary, book: Rulebook) -> tuple[go.Figure, str] | None:
    """Small multiples: replies sent per period, then each category's share of them, one
    panel each, so that categories sharing a colour in the packs stay apart."""
    days = sorted(d for d in summary.by_day if d)
    if not days:
        return None
    period = period_of(days)
    groups: defaultdict[str, Group] = defaultdict(Group)
    for day in days:
        merged, group = groups[_start(day, period)], summary.by_day[day]
        merged.replies += group.replies
        merged.with_category.update(group.with_category)
    starts = sorted(groups)
    categories = shown_categories(summary, book)
    titles = ["Replies sent", *(book.categories[c].label for c in categories)]
    rows = math.ceil(len(titles) / 2)
    figure = make_subplots(rows=rows, cols=2, shared_xaxes="all", subplot_titles=titles, vertical_spacing=0.6 / rows,
                           horizontal_spacing=0.08)
    figure.add_trace(go.Bar(x=starts, y=[groups[s].replies for s in starts], marker_color="#495057", showlegend=False,
                            hovertemplate="%{y:,} replies<extra>%{x}</extra>"), row=1, col=1)
    for place, category in enumerate(categories, 1):
        info = book.categories[category]
        figure.add_trace(go.Scatter(
            x=starts, y=[_percent(groups[s].with_category[category], groups[s].replies) for s in starts],
            mode="lines+markers" if len(starts) < 60 else "lines", line={"color": info.colour, "width": 2},
            fill="tozeroy", fillcolor=f"{info.colour}22", showlegend=False, customdata=[groups[s].replies for s in starts],
            hovertemplate=f"{info.label}: %{{y}}% of %{{customdata:,}} replies<extra>%{{x}}</extra>"),
            row=place // 2 + 1, col=place % 2 + 1)
        figure.update_yaxes(ticksuffix="%", rangemode="tozero", row=place // 2 + 1, col=place % 2 + 1)
    figure.update_xaxes(type="date", range=_usual_span(starts, [groups[s].replies for s in starts], period),
                        showticklabels=True, tickfont={"size": 11})
    figure.update_annotations(font={"size": 13}, xanchor="left", x=None)
    for annotation, column in zip(figure.layout.annotations, itertools.cycle((0.0, 0.54))):
        annotation.x = column
    return _layout(figure, 60 + 170 * rows), period


def _usual_span(starts: list[str], counts: list[int], period: str) -> list[str]:
    """From the period where the first half percent of replies ends to where the last half
    percent begins, padded by half a period: a few stray old replies do not squash the rest."""
    total, seen, low, high = sum(counts), 0, starts[0], starts[-1]
    for start, count in zip(starts, counts):
        if seen <= 0.005 * total < seen + count:
            low = start
        if seen < 0.995 * total <= seen + count:
            high = start
        seen += count
    pad = timedelta(days={"day": 0.5, "week": 3.5, "month": 15}[period])
    return [(datetime.fromisoformat(low) - pad).isoformat(), (datetime.fromisoformat(high) + pad).isoformat()]


def per_group(groups: dict[str, Group], summary: Summary, book: Rulebook, noun: str) -> go.Figure:
    """A grid of the ``TOP`` busiest agents or teams by category: the share of their replies
    with a finding of it, the lowest mean score at the top."""
    busiest = sorted(groups, key=lambda name: -groups[name].replies)[:TOP]
    busiest.sort(key=lambda name: -groups[name].mean_score)
    categories = shown_categories(summary, book)
    z = [[_percent(groups[name].with_category[c], groups[name].replies) for c in categories] for name in busiest]
    labels = [f"{html.escape(name) or '(none)'}  ·  {groups[name].replies:,} · {groups[name].mean_score:.0f}"
              for name in busiest]
    figure = go.Figure(go.Heatmap(
        z=z, x=[book.categories[c].label for c in categories], y=labels, zmin=0, zmax=100,
        colorscale=[[0, "#ffffff"], [0.15, "#ffe3e3"], [0.5, "#fa5252"], [1, "#a61e1e"]],
        text=[[f"{v:.0f}%" for v in row] for row in z], texttemplate="%{text}", textfont={"size": 11},
        hovertemplate="%{y}<br>%{x}: %{z}% of replies<extra></extra>", xgap=2, ygap=2,
        colorbar={"ticksuffix": "%", "thickness": 12, "len": 0.8}))
    figure.update_xaxes(side="top", tickangle=-30, showgrid=False)
    figure.update_yaxes(showgrid=False, title_text=f"{noun}  ·  replies · mean score")
    figure.update_layout(plot_bgcolor="white")
    return _layout(figure, 170 + 28 * len(busiest))


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
