"""The server-drawn charts: accessible SVG, one drawing per series, the same data as their tables."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from decimal import Decimal

from aimkg.publish.chart import (
    RECORD_TIME,
    VALID_TIME,
    Bars,
    Chart,
    Series,
    Step,
    format_amount,
    nice_step,
    parse_time,
    time_ticks,
)

SVG = "{http://www.w3.org/2000/svg}"


def chart(time: str = VALID_TIME) -> Chart:
    change = [
        Step("2025-05-22", "2025-08-31", Decimal("3.50"), "a.html"),
        Step("2025-09-01", None, Decimal("3"), "b.html"),
    ]
    unknown_start = [Step(None, "2025-06-16", Decimal("8.10"))]
    series = [Series("Input <&> tokens", change), Series("Output", unknown_start)]
    return Chart("history-valid", "Prices over valid time", "Two series & 3 intervals", time, "USD per 1M", series)


def test_the_chart_is_an_accessible_image_with_a_title_and_a_description() -> None:
    root = ET.fromstring(chart().svg)  # well-formed: every text escaped
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert (title.text, desc.text) == ("Prices over valid time", "Two series & 3 intervals")
    groups = root.findall(f"{SVG}g")
    assert [g.get("data-series") for g in groups] == ["Input <&> tokens", "Output"]
    lines = groups[0].findall(f"{SVG}line")
    assert len(lines) == 3  # two runs and the step between them
    assert len(groups[0].findall(f"{SVG}polygon")) == 1  # one run still in effect: an arrowhead
    faded = [line for line in groups[1].findall(f"{SVG}line") if line.get("opacity")]
    assert len(faded) == 1  # a start nobody published


def test_the_table_holds_every_interval_the_chart_draws() -> None:
    assert chart().rows == [
        {"series": "Input <&> tokens", "start": "2025-05-22", "end": "2025-08-31", "amount": "3.50", "href": "a.html"},
        {"series": "Input <&> tokens", "start": "2025-09-01", "end": "still valid", "amount": "3", "href": "b.html"},
        {"series": "Output", "start": "Unknown", "end": "2025-06-16", "amount": "8.10", "href": None},
    ]
    assert chart(RECORD_TIME).rows[1]["end"] == "still stated"


def test_valid_time_ends_after_its_last_day_and_record_time_at_its_moment() -> None:
    day = Step("2025-05-01", "2025-05-31", Decimal(1))
    assert day.bounds()[1] == datetime(2025, 6, 1, tzinfo=UTC)
    moment = Step("2025-05-01T10:00:00Z", "2025-05-31T12:30:00Z", Decimal(1), inclusive_end=False)
    assert moment.bounds() == (datetime(2025, 5, 1, 10, tzinfo=UTC), datetime(2025, 5, 31, 12, 30, tzinfo=UTC))
    assert parse_time("2025-05-31T12:30:00+02:00") == datetime(2025, 5, 31, 10, 30, tzinfo=UTC)


def test_a_chart_without_any_time_draws_nothing() -> None:
    empty = Chart("c", "t", "d", VALID_TIME, "u", [Series("s", [Step(None, None, Decimal(1))])])
    assert empty.svg == ""


def test_ticks_and_numbers_are_round() -> None:
    assert [nice_step(span) for span in (7, 0.7, 23, 1000)] == [2.0, 0.2, 5.0, 200.0]
    years = time_ticks(datetime(2019, 6, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC))
    assert [label for _, label in years] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    months = time_ticks(datetime(2025, 1, 15, tzinfo=UTC), datetime(2025, 6, 15, tzinfo=UTC))
    assert [label for _, label in months] == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    days = time_ticks(datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 1, 11, tzinfo=UTC))
    assert days[0][1] == "2025-01-02" and len(days) == 5
    assert [format_amount(Decimal(text)) for text in ("8.1", "8.10", "3.000", "0.0000033")] == [
        "8.10", "8.10", "3", "0.0000033"
    ]  # fmt: skip


def test_bars_draw_each_known_value_and_say_unknown() -> None:
    bars = Bars("b", "Per platform", "Input and output", "USD", ["Input", "Output"], [
        ("Anthropic · claude-sonnet-4", [Decimal(3), Decimal(15)]),
        ("Bedrock <eu>", [Decimal("3.30"), None]),
    ])  # fmt: skip
    root = ET.fromstring(bars.svg)
    assert root.get("role") == "img"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Unknown" in texts and "3.30" in texts
    labels = [t.find(f"{SVG}title") for t in root.iter(f"{SVG}text")]
    assert [label.text for label in labels if label is not None] == ["Anthropic · claude-sonnet-4", "Bedrock <eu>"]
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]) == 3  # three bars
    assert Bars("b", "t", "d", "u", ["Input"], [("x", [None])]).svg == ""
