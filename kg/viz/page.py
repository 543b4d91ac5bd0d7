"""The page itself: the model and its layout, as JSON inside one HTML file made from the template in
kg/viz/assets, with the page's own style and script inlined, so it needs no network at all.

Jinja escapes every value it writes into the HTML, and ``tojson`` writes the data so that no text in it
can close its <script> element; the page script only ever puts report text into the page as text.
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
STATUS_COLOURS = {"Open": "#d32f2f", "InProgress": "#ef8f00", "Closed": "#2e7d32", "Unknown": "#9e9e9e"}
RANK_COLOURS = {1: "#1a9850", 2: "#91cf60", 3: "#fc8d59", 4: "#d73027"}
RANK_NAMES = {1: "1 Outstanding", 2: "2 Good", 3: "3 Requires improvement / Adequate", 4: "4 Inadequate"}
GRADE_WORDS = {1: "outstanding", 2: "good", 3: "requires improvement (adequate)", 4: "inadequate"}
OPEN_UP_TO = 3  # councils drawn open at first paint; above this each is a line to open


def render(councils: list[dict], axis: dict, heading: str, subtitle: str, notes: list[str],
           focus: str | None = None) -> str:
    """The page's HTML."""
    import jinja2

    from kg.viz.model import FOUND_BY_WORDS, STATUS_WORDS

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    statuses = [{"key": k, "words": STATUS_WORDS[k], "colour": c} for k, c in STATUS_COLOURS.items()]
    data = {"councils": councils, "axis": axis, "focus": focus, "openUpTo": OPEN_UP_TO, "statuses": statuses,
            "colours": {"status": STATUS_COLOURS, "grade": RANK_COLOURS},
            "words": {"status": STATUS_WORDS, "foundBy": FOUND_BY_WORDS}}
    return env.get_template("page.html").render(
        heading=heading, subtitle=subtitle, notes=notes, data=data, councils=len(councils), statuses=statuses,
        grades=[{"words": GRADE_WORDS[r], "colour": c} for r, c in RANK_COLOURS.items()],
        css=(ASSETS / "page.css").read_text(encoding="utf-8"), js=(ASSETS / "page.js").read_text(encoding="utf-8"))
