"""`kg viz`: one self-contained HTML page per store, or per council: the tracker of each council's asks
beside the timeline of its inspections and asks, and each ask's evidence trail.

The work is split by concern: ``data`` reads the store through kg.query, ``model`` shapes councils,
inspections and asks (chains by networkx), ``titles`` names each ask's topic, ``layout`` places dates on
a proportional axis, and ``page`` writes the HTML from the template in ``assets``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.viz.model import SHORT_KINDS, parse_day
from kg.viz.page import RANK_COLOURS, RANK_NAMES, STATUS_COLOURS

__all__ = ["RANK_COLOURS", "RANK_NAMES", "SHORT_KINDS", "STATUS_COLOURS", "VizSummary", "parse_day", "view",
           "write_html"]


@dataclass
class VizSummary:
    councils: int
    inspections: int
    asks: int


@dataclass
class View:
    councils: list[dict]
    axis: dict
    heading: str
    subtitle: str
    focus: str | None = None


def view(store_path: Path | None = None, authority: str | None = None, focus: str | None = None,
         endpoint: str | None = None) -> View:
    """What the page shows: every council the store holds, or one (named as a person names it), or the
    council of one ask (``focus``, its IRI), that ask chosen at first paint."""
    from kg.query import held_authority
    from kg.viz import data, layout, model

    store = None if endpoint else store_path
    a_iri = held_authority(authority, store, endpoint) if authority else None
    if focus:
        a_iri = data.authority_of_ask(_checked_iri(focus), store, endpoint)
        if a_iri is None:
            raise InputError(f"--focus {focus}: no recommendation with this IRI in the store")
    councils = model.build(data.read(store, endpoint, a_iri))
    axis = layout.axis(councils)
    layout.place(councils, axis)
    asks = sum(len(c["asks"]) for c in councils)
    heading = "Inspection KG: " + (councils[0]["label"] if a_iri and councils else "what was asked, and what came of it")
    subtitle = (f"{_count(len(councils), 'council')}, {_count(sum(len(c['inspections']) for c in councils), 'inspection')}"
                f", {_count(asks, 'ask')} (recommendations and areas for improvement)")
    return View(councils, axis, heading, subtitle, focus)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _checked_iri(iri: str) -> str:
    if not iri.startswith(("http://", "https://", "urn:")) or any(c in iri for c in '<>"{}|\\^` \n'):
        raise InputError(f"--focus {iri!r}: not an IRI")
    return iri


def write_html(store_path: Path | None, out: Path, authority: str | None = None, focus: str | None = None,
               endpoint: str | None = None) -> VizSummary:
    """Write the self-contained page to ``out``; say how much it shows."""
    from kg.viz.page import render

    v = view(store_path, authority, focus, endpoint)
    notes = [] if v.councils else ["The store holds no dated inspection yet: `kg build` adds documents."]
    html = render(v.councils, v.axis, v.heading, v.subtitle, notes, focus)
    out = Path(out)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as err:
        raise InputError(f"{out}: cannot write the page ({err.strerror or err})") from None
    return VizSummary(len(v.councils), sum(len(c["inspections"]) for c in v.councils),
                      sum(len(c["asks"]) for c in v.councils))
