"""Where things go on the timeline: x proportional to the date on one axis shared by every council, and
the inspections' labels stacked in rows so that no two overlap.

Widths are in CSS pixels of the drawn page; a label's width is estimated from its length with a wide
average character (DejaVu Sans, the widest common sans-serif, averages under 0.62 em), so the estimate is
never narrower than the text.
"""

from __future__ import annotations

from datetime import date

from kg.viz.model import parse_day

WIDTH = 520  # px of the timeline column
FONT = 12  # px of the inspections' labels
CHAR = FONT * 0.62
LABEL_GAP = 10  # px between two labels on one row
ROW = FONT + 6  # px between two rows of labels


def axis(councils: list[dict], width: int = WIDTH) -> dict:
    """The axis of the page: from the first of January before the earliest date to the one after the
    latest, with a tick at each year (fewer on a long axis)."""
    days = [d for c in councils for d in dates_of(c)]
    first = min(days, default=date(2010, 1, 1))
    last = max(days, default=first)
    start, end = date(first.year, 1, 1), date(last.year + 1, 1, 1)
    span = (end - start).days
    step = 1 if (end.year - start.year) * 40 <= width else 2
    ticks = [{"label": str(y), "x": round((date(y, 1, 1) - start).days / span * width, 2)}
             for y in range(start.year, end.year + 1, step)]
    return {"start": start.isoformat(), "end": end.isoformat(), "width": width, "ticks": ticks}


def dates_of(council: dict) -> list[date]:
    out = []
    for i in council["inspections"]:
        out += [parse_day(i["start"]), parse_day(i["end"]), parse_day(i["published"])]
    for x in council["asks"]:
        out += [parse_day(x["due"])] + [parse_day(s["dated"]) for s in x["assessments"]]
    return [d for d in out if d]


def x_of(value: str, ax: dict) -> float | None:
    """x of a date on the axis, in proportion to the days from its start.

    >>> ax = {"start": "2012-01-01", "end": "2014-01-01", "width": 731}
    >>> x_of("2012-01-01", ax), x_of("2013-01-01", ax), x_of("2013-07", ax)
    (0.0, 366.0, 547.0)
    """
    day = parse_day(value or "")
    if day is None:
        return None
    start, end = date.fromisoformat(ax["start"]), date.fromisoformat(ax["end"])
    return round((day - start).days / (end - start).days * ax["width"], 2)


def label_width(text: str) -> float:
    return len(text) * CHAR + 4


def place(councils: list[dict], ax: dict) -> None:
    """x of every dated thing, and a row for each inspection's label (its ``level``)."""
    for c in councils:
        for i in c["inspections"]:
            i["x"] = x_of(i["date"], ax)
            i["xEnd"] = x_of(i["end"], ax) if i["end"] else i["x"]
            i["xPublished"] = x_of(i["published"], ax)
        stack_labels(c["inspections"], ax["width"])
        c["levels"] = 1 + max((i["level"] for i in c["inspections"]), default=0)
        for x in c["asks"]:
            x["x"] = x_of(x["made"], ax)
            x["xDue"] = x_of(x["due"], ax)
            for s in x["assessments"]:
                s["x"] = x_of(s["dated"], ax)


def stack_labels(inspections: list[dict], width: float) -> None:
    """Give each label the lowest row (``level`` 0 is next to the axis) where it overlaps no other label;
    a label that would run off the right edge ends at its marker instead of starting there. (A leader line
    from a higher label down to its marker may pass behind a lower label: the page draws labels over a
    white halo, so the line never crosses the letters.)

    >>> ins = [{"x": 0, "label": "SIF Jun 2014"}, {"x": 20, "label": "JTAI May 2015"}, {"x": 300, "label": "x"}]
    >>> stack_labels(ins, 560); [i["level"] for i in ins]
    [0, 1, 0]
    """
    ends: list[float] = []  # per row, where its last label ends
    for i in sorted(inspections, key=lambda i: i["x"]):
        w = label_width(i["label"])
        left = i["x"] if i["x"] + w <= width else i["x"] - w
        i["anchor"] = "start" if left == i["x"] else "end"
        row = next((k for k, end in enumerate(ends) if left >= end + LABEL_GAP), len(ends))
        if row == len(ends):
            ends.append(float("-inf"))
        ends[row] = left + w
        i["level"] = row
