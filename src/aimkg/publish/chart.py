"""Charts drawn on the server as inline SVG: a price's steps over time, and prices side by side.

Each chart is an accessible image (``role="img"`` named by its ``<title>`` and described by its
``<desc>``) that needs no script, and every page that shows one also shows its data as a table
(the templates do; ``Chart.rows`` and ``Bars.rows`` are those tables). Series differ by colour
(the Okabe-Ito palette, readable with colour blindness), by dash pattern and by marker, and are
named in a legend. Every text is escaped here, since the SVG is put in the page as it is.

A step chart draws each series as the intervals its prices hold: valid time from
``aimkg:validFrom`` to ``aimkg:validThrough`` (dates; the last day included), record time from
``aimkg:recordedFrom`` to ``aimkg:recordedUntil`` (UTC date-times; half-open). An interval with
no start (nobody published when the rate began) starts at the left edge, dashed; one with no
end (still valid, still stated) runs to the right edge, dashed. Times are never taken from the
clock, so that a build is the same whenever it runs.

Link: https://www.w3.org/WAI/tutorials/images/complex/
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from html import escape

#: Okabe & Ito's colours for colour-blind readers (the yellow left out: too pale on white).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
MARKERS = ("circle", "square", "diamond", "triangle")
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
#: At most this many series are drawn in one chart (the table lists what is drawn).
MAX_SERIES = 8
VALID_TIME = "valid time"
RECORD_TIME = "record time"


def parse_time(text: str) -> datetime:
    """Read an xsd:date or xsd:dateTime (UTC when it has no offset) as an aware datetime."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00")) if "T" in text else datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Step:
    """One interval of a series: from ``start`` to ``end`` (None: unknown start, or still running), at an amount."""

    start: str | None
    end: str | None
    amount: Decimal
    href: str | None = None
    inclusive_end: bool = True  # valid time names the last day; record time the first moment after

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        start = parse_time(self.start) if self.start else None
        end = parse_time(self.end) if self.end else None
        if end is not None and self.inclusive_end and "T" not in (self.end or ""):
            end += timedelta(days=1)
        return start, end


@dataclass
class Series:
    label: str
    steps: list[Step] = field(default_factory=list)
    rank: tuple[object, ...] = ()  # which series to draw first when there are too many


@dataclass
class Chart:
    """A step chart of prices over one kind of time, with the data table it stands for."""

    ident: str
    title: str
    description: str
    time: str  # VALID_TIME or RECORD_TIME
    unit: str
    series: list[Series]
    more: int = 0  # series left out of the drawing and the table
    since: str | None = None  # a date the time axis reaches back to (a release), so that unknown starts show

    @property
    def rows(self) -> list[dict[str, object]]:
        """The chart's data, one row per interval, as the table beside it shows it."""
        rows: list[dict[str, object]] = []
        for series in self.series:
            for step in sorted(series.steps, key=lambda s: (s.start or "", s.end or "\uffff")):
                rows.append(
                    {
                        "series": series.label,
                        "start": step.start or "Unknown",
                        "end": step.end or ("still valid" if self.time == VALID_TIME else "still stated"),
                        "amount": format_amount(step.amount),
                        "href": step.href,
                    }
                )
        return rows

    @property
    def svg(self) -> str:
        return step_svg(self)


def format_amount(amount: Decimal) -> str:
    """An amount as people read it: no exponent, no trailing zeros beyond the cents."""
    text = format(amount.normalize(), "f")
    if "." in text and len(text.split(".")[1]) == 1:
        text += "0"
    return text


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts a span into about ``count`` parts."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def number_label(value: float) -> str:
    return f"{value:.6g}"


def marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "diamond":
        points = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y:.1f} {x:.1f},{y + 4.5:.1f} {x - 4.5:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 4.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def time_ticks(start: datetime, end: datetime) -> list[tuple[datetime, str]]:
    """About five ticks on round dates between two times, labelled by year, month or day."""
    days = (end - start).total_seconds() / 86400
    if days > 3 * 365:
        years = max(1, round(days / 365 / 5))
        first = datetime(start.year + 1, 1, 1, tzinfo=UTC)
        yearly = [first.replace(year=year) for year in range(first.year, end.year + 1, years)]
        return [(tick, f"{tick.year}") for tick in yearly if start <= tick <= end]
    if days > 90:
        months = max(1, round(days / 30 / 5))
        ticks: list[tuple[datetime, str]] = []
        year, month = start.year, start.month + 1
        while True:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            tick = datetime(year, month, 1, tzinfo=UTC)
            if tick > end:
                break
            ticks.append((tick, f"{year}-{month:02d}"))
            month += months
        return ticks
    step = max(1, round(days / 5))
    daily: list[tuple[datetime, str]] = []
    tick = datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(days=1)
    while tick <= end:
        daily.append((tick, tick.date().isoformat()))
        tick += timedelta(days=step)
    return daily


def step_svg(chart: Chart) -> str:
    """Draw a step chart: each series as horizontal runs at its amounts, joined where one interval follows another."""
    intervals = [(series, step, *step.bounds()) for series in chart.series for step in series.steps]
    known = [time for _, _, start, end in intervals for time in (start, end) if time is not None]
    if not known:
        return ""
    if chart.since and any(start is None for _, _, start, _ in intervals):
        known.append(parse_time(chart.since))
    first, last = min(known), max(known)
    pad = max((last - first) * 0.08, timedelta(days=45))
    left_edge, right_edge = first - pad, last + pad
    top = max(float(step.amount) for _, step, _, _ in intervals) or 1.0
    y_step = nice_step(top * 1.1)
    y_max = y_step * math.ceil(top * 1.1 / y_step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = (right_edge - left_edge).total_seconds()

    def x(time: datetime) -> float:
        return LEFT + plot_w * (time - left_edge).total_seconds() / span

    def y(amount: float) -> float:
        return TOP + plot_h * (1 - amount / y_max)

    ident = escape(chart.ident)
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="#c9ced6"/>',
    ]
    tick = 0.0
    while tick <= y_max + 1e-9:
        ty = y(tick)
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#eef1f5"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{number_label(tick)}</text>')
        tick += y_step
    for time, label in time_ticks(left_edge, right_edge):
        tx = x(time)
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#eef1f5"/>')
        parts.append(f'<text x="{tx:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{escape(label)}</text>')
    parts.append(
        f'<text x="{LEFT}" y="{HEIGHT - 6}" class="axis">{escape(chart.time.capitalize())} →</text>'
        f'<text x="{LEFT + plot_w}" y="{HEIGHT - 6}" text-anchor="end" class="axis">{escape(chart.unit)}</text>'
    )
    for number, series in enumerate(chart.series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        shape = MARKERS[number % len(MARKERS)]
        pattern = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="series" data-series="{escape(series.label)}">')
        previous: tuple[float, float] | None = None
        for step in sorted(series.steps, key=lambda s: s.bounds()[0] or left_edge):
            start, end = step.bounds()
            x0, x1 = x(start or left_edge), x(end or right_edge)
            ty = y(float(step.amount))
            if previous is not None and abs(previous[0] - x0) < 1.5:
                parts.append(
                    f'<line x1="{x0:.1f}" x2="{x0:.1f}" y1="{previous[1]:.1f}" y2="{ty:.1f}" stroke="{colour}"'
                    f' stroke-width="2"{pattern}/>'
                )
            faded = start is None  # nobody published when this rate began: drawn, but faded
            style = f' stroke="{colour}" stroke-width="2.5"{pattern}' + (' opacity="0.45"' if faded else "")
            parts.append(f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{ty:.1f}" y2="{ty:.1f}"{style}/>')
            if start is not None:
                parts.append(marker(shape, x0, ty, colour))
            if end is None:  # still in effect, or still stated: an arrowhead at the right edge
                parts.append(
                    f'<polygon points="{x1:.1f},{ty:.1f} {x1 - 7:.1f},{ty - 4:.1f} {x1 - 7:.1f},{ty + 4:.1f}"'
                    f' fill="{colour}"/>'
                )
            previous = (x1, ty)
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


@dataclass
class Bars:
    """Horizontal bars, grouped: one group per row (a platform), one bar per measure (input, output)."""

    ident: str
    title: str
    description: str
    unit: str
    measures: list[str]
    groups: list[tuple[str, list[Decimal | None]]]

    @property
    def svg(self) -> str:
        return bars_svg(self)


def bars_svg(bars: Bars) -> str:
    """Draw grouped horizontal bars with their values written at their ends."""
    values = [float(v) for _, row in bars.groups for v in row if v is not None]
    if not values:
        return ""
    label_w, bar_h, gap = 300, 14, 10
    group_h = bar_h * len(bars.measures) + gap
    legend_h = 24
    height = TOP + legend_h + group_h * len(bars.groups) + 28
    plot_w = WIDTH - label_w - RIGHT - 48
    top = max(values) or 1.0
    step = nice_step(top)
    x_max = step * math.ceil(top / step)
    ident = escape(bars.ident)
    parts = [
        f'<svg class="chart bars" role="img" aria-labelledby="{ident}-title {ident}-desc"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(bars.title)}</title>',
        f'<desc id="{ident}-desc">{escape(bars.description)}</desc>',
    ]
    for number, measure in enumerate(bars.measures):
        lx = label_w + number * 150
        parts.append(
            f'<rect x="{lx}" y="{TOP}" width="12" height="12" fill="{COLOURS[number % len(COLOURS)]}"/>'
            f'<text x="{lx + 18}" y="{TOP + 11}">{escape(measure)}</text>'
        )
    base = TOP + legend_h
    axis_y = base + group_h * len(bars.groups)
    tick = 0.0
    while tick <= x_max + 1e-9:
        tx = label_w + plot_w * tick / x_max
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{base}" y2="{axis_y}" stroke="#eef1f5"/>')
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 14}" text-anchor="middle">{number_label(tick)}</text>')
        tick += step
    parts.append(
        f'<text x="{WIDTH - RIGHT}" y="{axis_y + 26}" text-anchor="end" class="axis">{escape(bars.unit)}</text>'
    )
    for row, (label, row_values) in enumerate(bars.groups):
        gy = base + row * group_h
        shown = label if len(label) <= 44 else label[:43] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{gy + group_h / 2:.1f}" text-anchor="end"><title>{escape(label)}</title>'
            f"{escape(shown)}</text>"
        )
        for number, value in enumerate(row_values):
            by = gy + number * bar_h
            if value is None:
                parts.append(f'<text x="{label_w + 4}" y="{by + bar_h - 3}" class="missing">Unknown</text>')
                continue
            width = plot_w * float(value) / x_max
            colour = COLOURS[number % len(COLOURS)]
            parts.append(
                f'<rect class="bar" x="{label_w}" y="{by}" width="{max(width, 1):.1f}" height="{bar_h - 2}"'
                f' fill="{colour}"/>'
                f'<text x="{label_w + width + 4:.1f}" y="{by + bar_h - 3}">{escape(format_amount(value))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
