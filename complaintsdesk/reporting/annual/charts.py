"""Draw a report's Chart as SVG (HTML, PDF) or PNG (Word) with matplotlib's Agg backend.

The chart is decoration over data the report also prints as a table; its text alternative
(`Chart.alt`) says every value it draws. A withheld value is drawn as a gap, never as 0.
"""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display on a server; must come before pyplot
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from complaintsdesk.reporting.annual.model import Chart  # noqa: E402

# GOV.UK colours, with contrast against white and between neighbours.
COLOURS = ("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f")


def _figure(chart: Chart) -> Figure:
    fig, ax = plt.subplots(figsize=(7.2, 3.6), dpi=100)
    n = len(chart.series)
    width = 0.8 / max(n, 1)
    for i, s in enumerate(chart.series):
        xs = [j + (i - (n - 1) / 2) * width for j in range(len(chart.categories))]
        heights = [0 if v is None else v for v in s.values]
        bars = ax.bar(
            xs, heights, width=width * 0.95, label=s.name, color=COLOURS[i % len(COLOURS)]
        )
        for bar, value in zip(bars, s.values, strict=True):
            if value is None:
                bar.set_visible(False)
            else:
                label = f"{value:g}%" if chart.unit == "pct" else f"{value:g}"
                ax.annotate(
                    label,
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    xytext=(0, 1),
                    textcoords="offset points",
                )
    ax.set_xticks(range(len(chart.categories)))
    long = max((len(c) for c in chart.categories), default=0) > 12
    ax.set_xticklabels(
        chart.categories, fontsize=8, rotation=30 if long else 0, ha="right" if long else "center"
    )
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)
    if chart.unit == "pct":
        ax.set_ylabel("Per cent", fontsize=8)
    if n > 1:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(chart.title, fontsize=10, loc="left")
    fig.tight_layout()
    return fig


@lru_cache(maxsize=64)
def _render(chart: Chart, fmt: str) -> bytes:
    fig = _figure(chart)
    out = io.BytesIO()
    fig.savefig(
        out,
        format=fmt,
        dpi=150 if fmt == "png" else 100,
        metadata={"Date": None} if fmt == "svg" else None,
    )
    plt.close(fig)
    return out.getvalue()


def chart_svg(chart: Chart) -> bytes:
    return _render(chart, "svg")


def chart_png(chart: Chart) -> bytes:
    return _render(chart, "png")
