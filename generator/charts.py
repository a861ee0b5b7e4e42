"""Small inline SVG charts for the cross-article pages: a timeline of articles per month and a
sourcing chart (who the information comes from, and how much of it is quoted word for word).

Why our own SVG and not a charting library: the charts are two kinds of bars, they must be seen
without JavaScript, be byte-identical from build to build (no ids from a counter, no timestamps,
numbers written with a fixed precision) and take their colours from the page's theme, so that
they keep their contrast in Material's light and dark schemes. A library would bring a runtime
(JS) or a renderer (matplotlib) for what is a few dozen ``<rect>`` elements.

Accessibility: each chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` that says in words
what the bars show (every number the chart holds), and text labels on the chart itself. Colours
are never the only cue: every bar segment has its share written in the legend, in the same order.
Bars and text use ``currentColor`` (the page's text colour, 4.5:1 or more on both schemes) unless
``docs/stylesheets/digest.css`` gives the segment classes their theme colours (also 4.5:1 or more).

Every value printed into the SVG goes through ``_text`` (``render.clean_text``, then HTML
escaping), so a month label or a name can never become markup or carry a control character.
"""
from __future__ import annotations

import html
import re

from .render import clean_text

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_MONTH_BARS = 240  # beyond 20 years of months, one bar a year: bars stay wider than a pixel

# The timeline's drawing area, in SVG user units (the SVG scales to the page's width).
TIMELINE_WIDTH, TIMELINE_HEIGHT = 600, 140
_PLOT_LEFT, _PLOT_TOP, _PLOT_BOTTOM = 34, 12, 104  # room for the count axis and the month labels


def _num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: the same text on every build."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value: object) -> str:
    # clean_text: what no output of ours may carry (XML-refused controls, bidi overrides) goes first
    return html.escape(" ".join(clean_text(str(value)).split()), quote=True)


def _month_index(month: str) -> int:
    match = _MONTH.match(month)
    if not match:
        raise ValueError(f"month {month!r}: expected 'YYYY-MM' (e.g. '2025-03')")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def _month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def timeline_svg(counts_by_month: dict[str, int], *, label: str = "Articles per month") -> str:
    """Articles per month as an inline SVG bar chart; ``""`` when there are no months.

    ``counts_by_month`` maps 'YYYY-MM' to a count (≥ 0). Every month from the first to the last is
    drawn, the empty ones as gaps, so the spacing of the bars is time. Past ``MAX_MONTH_BARS``
    months (an archive spanning decades) the bars are years instead, and the title says so.

    Raises ``ValueError`` for a key that is not 'YYYY-MM' or a count that is negative or not an int.
    """
    counts: dict[int, int] = {}
    for month, count in counts_by_month.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(f"month {month!r}: count {count!r} is not a whole number ≥ 0")
        index = _month_index(month)
        counts[index] = counts.get(index, 0) + count
    if not counts:
        return ""
    first, last = min(counts), max(counts)
    by_year = last - first + 1 > MAX_MONTH_BARS
    if by_year:
        years: dict[int, int] = {}
        for index, count in counts.items():
            years[index // 12] = years.get(index // 12, 0) + count
        slots = [(str(year), years.get(year, 0)) for year in range(first // 12, last // 12 + 1)]
        unit = "year"
    else:
        slots = [(_month_label(i), counts.get(i, 0)) for i in range(first, last + 1)]
        unit = "month"
    title = label if not by_year else label.replace("per month", "per year")
    total = sum(count for _, count in slots)
    peak = max(count for _, count in slots) or 1
    width = (TIMELINE_WIDTH - _PLOT_LEFT - 4) / len(slots)
    gap = min(2.0, width * 0.2)
    height = _PLOT_BOTTOM - _PLOT_TOP
    busy = [f"{key}: {count}" for key, count in slots if count]
    desc = (f"{total} article{'s' if total != 1 else ''} from {slots[0][0]} to {slots[-1][0]}, "
            f"{len(slots)} {unit}s; the most in one {unit}: {peak if total else 0}. "
            + ("By " + unit + ": " + "; ".join(busy) + "." if busy else ""))
    parts = [f'<svg class="digest-chart digest-timeline" role="img" viewBox="0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" '
             f'aria-label="{_text(title)}">',
             f"<title>{_text(title)}</title>",
             f"<desc>{_text(desc)}</desc>",
             # the count axis: zero and the peak, so a bar's height reads as a number
             f'<g class="digest-chart-axis" fill="currentColor" font-size="11" text-anchor="end">'
             f'<text x="{_PLOT_LEFT - 6}" y="{_num(_PLOT_TOP + 4)}">{peak}</text>'
             f'<text x="{_PLOT_LEFT - 6}" y="{_PLOT_BOTTOM}">0</text></g>',
             f'<line x1="{_PLOT_LEFT}" y1="{_PLOT_BOTTOM}" x2="{TIMELINE_WIDTH - 4}" y2="{_PLOT_BOTTOM}" '
             f'stroke="currentColor" stroke-width="1"/>']
    bars = ['<g class="digest-chart-bars" fill="currentColor">']
    labels = ['<g class="digest-chart-labels" fill="currentColor" font-size="11">']
    every_month = not by_year and len(slots) <= 24
    for i, (key, count) in enumerate(slots):
        x = _PLOT_LEFT + i * width
        if count:
            h = height * count / peak
            bars.append(f'<rect class="digest-bar" x="{_num(x + gap / 2)}" y="{_num(_PLOT_BOTTOM - h)}" '
                        f'width="{_num(width - gap)}" height="{_num(h)}">'
                        f"<title>{_text(key)}: {count}</title></rect>")
        centre = _num(x + width / 2)
        if by_year:
            year, show_year = int(key), True
            if len(slots) > 30 and year % 10:
                show_year = False
            if show_year:
                labels.append(f'<text x="{centre}" y="{_PLOT_BOTTOM + 16}" text-anchor="middle">{year}</text>')
            continue
        year, month = int(key[:4]), int(key[5:])
        if every_month:
            labels.append(f'<text x="{centre}" y="{_PLOT_BOTTOM + 14}" text-anchor="middle">'
                          f"{MONTH_NAMES[month - 1]}</text>")
        if month == 1 or i == 0:  # the year under its first month shown
            labels.append(f'<text x="{_num(x)}" y="{_PLOT_BOTTOM + 30}">{year}</text>')
    bars.append("</g>")
    labels.append("</g>")
    return "".join(parts + bars + labels) + "</svg>"


# The sourcing chart: two stacked bars, what kinds of sources, and how their words are reported.
SOURCING_WIDTH = 600
_BAR_LEFT, _BAR_HEIGHT = 88, 18
SOURCE_KINDS = (("named", "Named"), ("anonymous", "Anonymous"), ("documents", "Documents"))
QUOTE_KINDS = (("direct", "Direct quotes"), ("paraphrase", "Paraphrase"))


def shares(counts: list[int]) -> list[int]:
    """Whole percentages of ``counts`` that add up to exactly 100 (largest remainder), or all 0.

    Rounding each share on its own can show 33 + 33 + 33 = 99; the remainder goes to the largest
    fractions, ties to the earlier entry, so the result is the same on every build.
    """
    total = sum(counts)
    if total <= 0:
        return [0 for _ in counts]
    exact = [100 * c / total for c in counts]
    floors = [int(e) for e in exact]
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:100 - sum(floors)]:
        floors[i] += 1
    return floors


def _stacked_row(y: int, label: str, entries: list[tuple[str, str, int]]) -> tuple[list[str], str]:
    """One labelled bar of segments (class, name, count) and its legend; returns (svg parts, words)."""
    counts = [count for _, _, count in entries]
    total = sum(counts)
    pct = shares(counts)
    width = SOURCING_WIDTH - _BAR_LEFT - 4
    parts = [f'<text x="0" y="{y + 13}" fill="currentColor" font-size="12">{_text(label)}</text>']
    words = []
    if not total:
        parts.append(f'<text x="{_BAR_LEFT}" y="{y + 13}" fill="currentColor" font-size="12">none found</text>')
        return parts, f"{label}: none found"
    x = float(_BAR_LEFT)
    for (cls, name, count), share in zip(entries, pct):
        words.append(f"{name} {share}% ({count})")
        if not count:
            continue
        w = width * count / total
        parts.append(f'<rect class="digest-seg {cls}" x="{_num(x)}" y="{y}" width="{_num(max(w - 1, 0.5))}" '
                     f'height="{_BAR_HEIGHT}" fill="currentColor"><title>{_text(name)}: {share}% ({count})</title></rect>')
        x += w
    # the legend under the bar: a swatch of each colour, then the words and the share
    lx = float(_BAR_LEFT)
    for (cls, name, count), share in zip(entries, pct):
        text = f"{name} {share}% ({count})"
        parts.append(f'<rect class="digest-seg {cls}" x="{_num(lx)}" y="{y + _BAR_HEIGHT + 6}" width="10" height="10" '
                     f'fill="currentColor"/>'
                     f'<text x="{_num(lx + 14)}" y="{y + _BAR_HEIGHT + 15}" fill="currentColor" font-size="11">'
                     f"{_text(text)}</text>")
        lx += 14 + 6.2 * len(text) + 16  # about 6 units a character at 11 units: no legend item overlaps the next
    return parts, f"{label}: " + ", ".join(words)


def sourcing_chart_svg(named: int, anonymous: int, documents: int, direct: int, paraphrase: int, *,
                       label: str = "Sourcing") -> str:
    """Two stacked bars as inline SVG: the share of named, anonymous and document sources, and of
    direct quotes against paraphrase. Counts are whole numbers ≥ 0 (``ValueError`` otherwise); a
    bar with nothing to count says "none found". Shares are whole percentages adding up to 100."""
    for name, value in (("named", named), ("anonymous", anonymous), ("documents", documents),
                        ("direct", direct), ("paraphrase", paraphrase)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{name}: {value!r} is not a whole number ≥ 0")
    top, top_words = _stacked_row(4, "Sources", [("digest-seg-1", "Named", named),
                                                 ("digest-seg-2", "Anonymous", anonymous),
                                                 ("digest-seg-3", "Documents", documents)])
    bottom, bottom_words = _stacked_row(58, "Quotes", [("digest-seg-1", "Direct quotes", direct),
                                                       ("digest-seg-2", "Paraphrase", paraphrase)])
    desc = f"{top_words}. {bottom_words}."
    return (f'<svg class="digest-chart digest-sourcing" role="img" viewBox="0 0 {SOURCING_WIDTH} 106" width="100%" '
            f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" aria-label="{_text(label)}">'
            f"<title>{_text(label)}</title><desc>{_text(desc)}</desc>" + "".join(top + bottom) + "</svg>")
