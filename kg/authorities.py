"""The English local authorities responsible for children's services, as data: their names in use,
Ofsted's reference number where known, and which councils replaced which.

The table is ``ontology/authorities.csv`` (one council a row; former councils name their successors).
A document names its council in many forms ("London Borough of Haringey", "Kingston upon Hull City
Council", "Hull", "BARNSLEY METROPOLITAN BOROUGH COUNCIL"); ``resolve`` finds the council such a name
is about by the longest known place name in it, so every form of one council gives one key.

>>> resolve("Inspection of the London Borough of Richmond upon Thames").key
'richmond-upon-thames'
>>> resolve("Hull City Council").key, resolve("North East Lincolnshire Council").key
('kingston-upon-hull', 'north-east-lincolnshire')
>>> resolve("Somewhere Else District Council") is None
True
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from kg import iris

TABLE = Path(__file__).resolve().parent.parent / "ontology" / "authorities.csv"


@dataclass(frozen=True)
class Authority:
    key: str  # the stable part of the council's IRI
    name: str  # the short name in common use ("Kingston upon Hull")
    kind: str  # london borough, metropolitan borough, county, unitary, sui generis
    aliases: tuple[str, ...]  # other place names documents use for it ("Hull")
    ofsted_urn: str
    replaced_by: tuple[str, ...]  # keys of the councils that took over its services, for a former council
    replaced_on: str  # ISO date of that change

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split(";") if v.strip())


@functools.cache
def table() -> dict[str, Authority]:
    """Every council of the table by its key."""
    with TABLE.open(encoding="utf-8", newline="") as f:
        return {r["key"]: Authority(r["key"], r["name"], r["kind"], _split(r["aliases"]), r["ofsted_urn"],
                                    _split(r["replaced_by"]), r["replaced_on"]) for r in csv.DictReader(f)}


def _plain(text: str) -> str:
    """Lower-case words separated by single spaces, '&' read as 'and', so punctuation never decides."""
    text = re.sub(r"['\u2019]s\b", "", text.replace("&", " and "))  # "Durham's" is Durham
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("\u2019", "")))


@functools.cache
def _names() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern of every known name, longest first (so "North East Lincolnshire" is found, not
    "Lincolnshire"), and the key each plain name stands for."""
    key_of = {_plain(n): a.key for a in table().values() for n in a.names}
    alternatives = sorted(key_of, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in alternatives) + r")\b"), key_of


def _matches(text: str) -> list[re.Match]:
    rx, _ = _names()
    return list(rx.finditer(_plain(text)))


def find_all(text: str) -> list[Authority]:
    """The councils named in ``text``, in the order they are named (with repeats)."""
    _, key_of = _names()
    return [table()[key_of[m.group(0)]] for m in _matches(text)]


def resolve(name: str) -> Authority | None:
    """The council a name is about: the longest known place name in it (the first of equal length)."""
    _, key_of = _names()
    best = max(_matches(name), key=lambda m: len(m.group(0)), default=None)
    return table()[key_of[best.group(0)]] if best else None


def named_in(text: str, authority: Authority) -> str | None:
    """The words of ``text`` that name ``authority`` ("Kingston upon Hull City" -> "Kingston upon Hull"),
    whatever their case and punctuation, or None."""
    for name in sorted(authority.names, key=len, reverse=True):
        words = [r"(?:and|&)" if w == "and" else re.escape(w) for w in _plain(name).split()]
        m = re.search(r"\b" + r"[\W_]+".join(words) + r"\b", text, re.IGNORECASE)
        if m:
            return m.group(0)
    return None


# The table as RDF: each council an ikg:Authority (a W3C ORG organisation) with its names and Ofsted
# reference number; each replacement an org:ChangeEvent, as for boards replaced by partnerships.
SOURCE = iris.BASE + "reference/authorities"
_RDF, _RDFS, _ORG, _DCT = (iris.NS[k] for k in ("rdf", "rdfs", "org", "dcterms"))


def nquads(graph: str) -> str:
    """Every council of the table as N-Quads in ``graph``."""
    from kg.iris import BASE, ONTOLOGY
    from kg.nquads import PlainLiteral, term

    lines = []

    def add(s: str, p: str, o) -> None:
        lines.append(f"<{s}> <{p}> {term(o)} <{graph}> .")

    for a in table().values():
        node = f"{BASE}authority/{a.key}"
        add(node, _RDF + "type", f"{ONTOLOGY}Authority")
        add(node, _RDFS + "label", PlainLiteral(a.name))
        add(node, _DCT + "source", SOURCE)
        for alias in a.aliases:
            add(node, ONTOLOGY + "altName", PlainLiteral(alias))
        if a.ofsted_urn:
            add(node, _ORG + "identifier", PlainLiteral(a.ofsted_urn))
        for later in a.replaced_by:
            event = f"{node}/change/{later}"
            add(event, _RDF + "type", f"{_ORG}ChangeEvent")
            add(event, _ORG + "originalOrganization", node)
            add(event, _ORG + "resultingOrganization", f"{BASE}authority/{later}")
            add(event, _DCT + "date", ("date", a.replaced_on))
            add(node, _ORG + "changedBy", event)
            add(f"{BASE}authority/{later}", _ORG + "resultedFrom", event)
    return "\n".join(lines) + "\n"
