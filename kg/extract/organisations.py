"""Boards, partners and inspectorates named in a document, resolved within the authority.

A board is named after its place ("Barnsley Safeguarding Children Board (BSCB)") or generically ("the
Local Safeguarding Children Board (LSCB)", "the Safeguarding Board"); in one authority's documents these
are one board, so every form resolves to one canonical name, "<Place> Safeguarding Children Board", and
the other forms become aliases. Partners and inspectorates are found by the words of their names.
"""

from __future__ import annotations

import re

from kg import iris
from kg.document import Block
from kg.model import InspectionFacts, Organisation, Passage, SourceDocument
from kg.vocab import INSPECTORATES

_PLACE = r"((?:[A-Z][\w'-]+,? (?:and |upon |on )?){1,4})"
# (category, role, pattern, canonical template): {place} is the authority's place name.
_BOARDS = (
    ("LSCP", re.compile(rf"{_PLACE}?(?:Local )?Safeguarding (?:Children(?:'s)? )?Partnership(?: \((\w+)\))?|\bLSCP\b"),
     "{place} Safeguarding Children Partnership"),
    ("LSCB", re.compile(rf"{_PLACE}?(?:Local )?Safeguarding Children(?:'s)? Board(?: \((\w+)\))?|\bLSCB\b|"
                        r"\b[A-Z]SCB\b|the Safeguarding Board"), "{place} Safeguarding Children Board"),
    ("ImprovementBoard", re.compile(rf"{_PLACE}?Improvement Board"), "{place} Improvement Board"),
    # The case of the name's own words varies; the place before it must still be capitalised, or ordinary
    # words before the name ("relationships with the") would be read as a place.
    ("HealthAndWellbeingBoard", re.compile(rf"{_PLACE}?(?i:Health and Well-?being Board)"),
     "{place} Health and Wellbeing Board"),
    ("ChildrensTrustBoard", re.compile(rf"{_PLACE}?Children(?:'s|s') Trust Board"), "{place} Children's Trust Board"),
    # A council's corporate parenting board and panel are one body (the panel name becomes an alias).
    ("CorporateParentingBoard", re.compile(rf"{_PLACE}?(?i:Corporate Parenting (Board|Panel))"),
     "{place} Corporate Parenting Board"),
    ("LocalFamilyJusticeBoard", re.compile(rf"{_PLACE}?(?:Local )?Family Justice Board"),
     "{place} Local Family Justice Board"),
    # Named as printed ("Domestic Violence Strategic Board"): the wording varies too much to canonicalise.
    ("DomesticAbuseBoard", re.compile(rf"{_PLACE}?Domestic (?:Violence|Abuse) (?:Strategic |Partnership )*Board"),
     "{printed}"),
)
_NAME = r"(?:NHS )?(?:[A-Z][\w'-]+,? (?:and |upon |on )?){1,6}"
_PARTNERS = (
    ("Police", re.compile(rf"\b({_NAME}(?:Police|Constabulary))\b(?! and Crime| Service)")),
    ("HealthCommissioner", re.compile(rf"\b({_NAME}(?:Clinical Commissioning Group|Integrated Care Board|ICB|CCG|"
                                      r"Primary Care Trust|PCT))\b")),
    ("HealthProvider", re.compile(rf"\b({_NAME}(?:NHS )?(?:Foundation )?Trust)\b")),
    ("Probation", re.compile(r"\b((?:[A-Z][\w'-]+ ){1,4}(?:Probation (?:Trust|Service)|Community Rehabilitation "
                             r"Company))\b")),
    ("Cafcass", re.compile(r"\b(Cafcass|CAFCASS)\b")),
)
# Words of a person's role in an address list ("Sacha Hatchett, Chief Constable, Lancashire Constabulary").
_ROLE_WORDS = re.compile(r"\b(Chief|Director|Officer|Nurse|Manager|Executive|Constable|QPM|Lead|Quality|Head|"
                         r"Chair|Commissioner|Deputy|Assistant)\b")
_HEALTH_TRUST = re.compile(r"\b(NHS|Health|Hospitals?|Healthcare|Mental|Ambulance|Foundation)\b")
_NOT_A_BOARD = re.compile(r"National Age Assessment Board|Integrated Care Board", re.IGNORECASE)
_NOISE_WORDS = {"The", "This", "A", "An", "All", "Its", "Their", "Host", "Local", "Both", "Each", "Authority",
                "GPs", "and"}


def place_of(authority: str | None) -> str | None:
    """The place a council's boards are named after: "Barnsley" for "Barnsley Metropolitan Borough Council".

    >>> place_of("Metropolitan Borough of Barnsley Council"), place_of("London Borough of Barnet")
    ('Barnsley', 'Barnet')
    """
    if not authority:
        return None
    key = re.sub(r"(-(and|upon|on|with|the))+$", "", iris.authority_slug(authority))  # a name cut short
    return " ".join(w if w in ("and", "upon", "on", "with", "the") else w.capitalize() for w in key.split("-"))


def _clean(name: str) -> str:
    words = name.strip(" ,").split()
    while words and words[0] in _NOISE_WORDS:
        words = words[1:]
    return " ".join(words)


def _canonical(template: str, place: str | None, found_place: str | None, kind: str = "",
               printed: str = "") -> str | None:
    if "{printed}" in template:
        return _clean(re.sub(r"^(?:.*,\s*)?(?:Dear\s+)?(?:[Tt]he\s+)?", "", printed.strip())) or None
    where = place or re.sub(r"(\s+(Local|Strategic|and))+$", "", _clean(found_place or ""))
    if not where:
        return None
    return template.format(place=where, kind=kind.capitalize() if kind else "").strip()


class _Found:
    def __init__(self) -> None:
        self.orgs: dict[str, Organisation] = {}

    def add(self, name: str, role: str, category: str, passage: Passage, alias: str | None = None) -> None:
        o = self.orgs.get(name)
        aliases = tuple(a for a in {alias} if a and a != name)
        if o is None:
            self.orgs[name] = Organisation(name, role, category, passage, aliases=aliases)
        elif aliases and aliases[0] not in o.aliases:
            o.aliases = o.aliases + aliases


# A cheap test that a block can hold a board of the kind at all: the board patterns start with an optional
# place name, so scanning every block with each of them is slow (profiled: most of the extraction time).
_BOARD_KEYS = {
    "LSCP": re.compile(r"Partnership|LSCP"), "LSCB": re.compile(r"Board|SCB"),
    "ImprovementBoard": re.compile(r"Improvement Board"),
    "HealthAndWellbeingBoard": re.compile(r"[Ww]ell-?[Bb]eing [Bb]oard"),
    "ChildrensTrustBoard": re.compile(r"Trust Board"),
    "CorporateParentingBoard": re.compile(r"[Cc]orporate [Pp]arenting [BbPp]"),
    "LocalFamilyJusticeBoard": re.compile(r"Family Justice Board"),
    "DomesticAbuseBoard": re.compile(r"Domestic (?:Violence|Abuse)"),
}


# Words every key above holds (they are case-sensitive): most blocks have none, and name no board.
_BOARD_WORDS = re.compile("oard|Partnership|LSCP|SCB|orporate|Domestic")


def _boards(doc: SourceDocument, bs: list[Block], place: str | None, out: _Found) -> None:
    for b in bs:
        if not _BOARD_WORDS.search(b.text):
            continue
        text = b.text.replace("\u2019", "'")
        for category, rx, template in _BOARDS:
            if not _BOARD_KEYS[category].search(text):
                continue
            for m in rx.finditer(text):
                span = m.group(0)
                if _NOT_A_BOARD.search(text[max(0, m.start() - 40):m.end()]):
                    continue
                found_place = m.group(1) if m.lastindex and m.group(1) else None
                if found_place and place and place.split()[0] not in found_place:
                    found_place = None if _clean(found_place) in ("", "Local") else found_place
                    if found_place is not None:
                        continue  # another place's board (a neighbour) is not this council's
                kind = m.group(2) if category == "CorporateParentingBoard" and m.lastindex and m.lastindex >= 2 \
                    else ""
                name = _canonical(template, place, found_place, kind or "", span)
                if name is None:
                    continue
                acronym = m.group(2) if category in ("LSCB", "LSCP") and m.lastindex and m.lastindex >= 2 else None
                out.add(name, "board", category, doc.passage_for(b), alias=re.sub(r"^(?:.*,\s*)?(?:Dear\s+)?(?:[Tt]he\s+)?", "", span.strip()))
                if acronym:
                    out.add(name, "board", category, doc.passage_for(b), alias=acronym)


def partner_name(found: str, place: str | None) -> str:
    """A partner's own name out of the words around it in a list or an address block.

    >>> partner_name("Sacha Hatchett, Chief Constable, Lancashire Constabulary", None)
    'Lancashire Constabulary'
    >>> partner_name("Barnet, Enfield and Haringey Mental Health Trust", "Barnet")
    'Barnet, Enfield and Haringey Mental Health Trust'
    >>> partner_name("Peterborough and Cambridgeshire Police", "Peterborough")
    'Cambridgeshire Police'
    """
    parts = found.strip(" ,").split(", ")
    roles = [i for i, part in enumerate(parts[:-1]) if _ROLE_WORDS.search(part)]
    if roles:
        parts = parts[roles[-1] + 1:]
    while len(parts) > 1 and re.match(r"^NHS \w+$", parts[0]):
        parts.pop(0)
    name = ", ".join(parts)
    name = re.sub(r"^.*\b(?:Chief|Director|Officer|Nurse|Manager|Executive|Council)\b(?: and)?\s+", "", name)
    if place and name.startswith(place + " and ") and name.endswith(("Police", "Constabulary")):
        name = name[len(place) + 5:]
    return _clean(name)


# Words every match of a partner pattern holds (the patterns are case-sensitive): a substring test skips
# the blocks that cannot hold one, as _BOARD_KEYS does for boards (the name patterns are slow to scan).
_PARTNER_KEYS = {
    "Police": ("Police", "Constabulary"),
    "HealthCommissioner": ("Clinical Commissioning Group", "Integrated Care Board", "ICB", "CCG",
                           "Primary Care Trust", "PCT", "NHS "),
    "HealthProvider": ("Trust",), "Probation": ("Probation", "Community Rehabilitation Company"),
    "Cafcass": ("Cafcass", "CAFCASS"),
}


_ANY_PARTNER_KEY = re.compile("|".join(re.escape(k) for keys in _PARTNER_KEYS.values() for k in keys))
_PARTNER_KEY = {category: re.compile("|".join(map(re.escape, keys))) for category, keys in _PARTNER_KEYS.items()}


def _partners(doc: SourceDocument, bs: list[Block], place: str | None, out: _Found) -> None:
    commissioner = re.compile(rf"\b(NHS {re.escape(place.split()[0])})\b(?! Trust| Foundation)") if place else None
    rules = list(_PARTNERS) + ([("HealthCommissioner", commissioner)] if commissioner else [])
    for b in bs:
        if not _ANY_PARTNER_KEY.search(b.text):  # one search for any key word: most blocks have none
            continue
        text = b.text.replace("\u2019", "'")
        for category, rx in rules:
            if not _PARTNER_KEY[category].search(text):
                continue
            for m in rx.finditer(text):
                name = partner_name(m.group(1), place)
                if category == "HealthProvider" and not _HEALTH_TRUST.search(name):
                    continue
                if category == "Cafcass":
                    name = "Cafcass"
                elif len(name.split()) < 2 or name.split()[0].isupper() and name.split()[0] != "NHS" \
                        or name.split()[0] in ("NHS", "Authority", "Foundation") and len(name.split()) < 3 \
                        and name != m.group(1):
                    continue
                if any(o.name != name and name in o.name for o in out.orgs.values()):
                    continue
                out.add(name, "partner", category, doc.passage_for(b))


def _inspectorates(doc: SourceDocument, bs: list[Block], inspections: list[InspectionFacts], out: _Found) -> None:
    for f in inspections:
        for key in f.inspectorates:
            if key in INSPECTORATES:
                out.add(INSPECTORATES[key], "inspectorate", key, f.passage, alias=key)


# Where one body's name ends and the next begins in a list of bodies ("X Council, NHS Y Integrated Care
# Board and Z Children's Trust"): after a word that ends an organisation's name.
_BODY_END = re.compile(r"\b(Council|Board|ICB|CCG|Trust|Partnership|Authority|Police|Constabulary|Service)"
                       r"(?:,\s*(?:and\s+)?|\s+and\s+)(?=[A-Z])")


def bodies_in(name: str) -> list[str]:
    """The bodies a list of them names, each as printed.

    >>> bodies_in("Oxfordshire County Council and NHS Buckinghamshire, Oxfordshire, and Berkshire West ICB")
    ['Oxfordshire County Council', 'NHS Buckinghamshire, Oxfordshire, and Berkshire West ICB']
    """
    return [b.strip(" ,") for b in _BODY_END.sub("\\1\0", name).split("\0") if b.strip(" ,")]


def is_authority(name: str, authority: str | None) -> bool:
    """Whether a printed name is the local authority itself ("Telford and Wrekin Council", "the local
    authority")."""
    text = re.sub(r"^(?:the|The)\s+", "", name.strip(" ,."))
    if re.fullmatch(r"(?i:local authority|council)", text):
        return True
    place = place_of(authority)
    return bool(place) and len(bodies_in(text)) == 1 and re.fullmatch(
        rf"{re.escape(place)}(?: (?:City|County|Borough|District|Metropolitan|Borough Council|Council))*"
        r"(?: Council)?", text, re.IGNORECASE) is not None and not text.lower() == place.lower() + " partnership"


def resolve_addressee(name: str, doc: SourceDocument, passage: Passage, authority: str | None) -> Organisation:
    """The organisation a recommendation is addressed to, under its canonical name where it is a board.

    Several bodies named together as one addressee (an area SEND table's "Responsible body": the council
    and the integrated care board) are the local area partnership they form, and so is "the local area
    partnership" itself; the printed words become its alias.
    """
    place = place_of(authority)
    if place and (len(bodies_in(name)) > 1 or re.fullmatch(r"(?i:(?:the )?local area partnership)", name.strip())):
        return Organisation(f"{place} Local Area Partnership", "partner", "OtherPartner", passage, aliases=(name,))
    found = _Found()
    block = Block(name, passage.line_start, passage.line_end, False)
    _boards(doc, [block], place, found)
    if not found.orgs:
        _partners(doc, [block], place, found)
    for o in found.orgs.values():
        o.passage = passage
        if name != o.name and name not in o.aliases:
            o.aliases = o.aliases + (name,)
        return o
    category = "HealthCommissioner" if re.search(r"\bNHS\b|health", name, re.IGNORECASE) else "OtherPartner"
    return Organisation(name, "partner", category, passage)


def find_organisations(doc: SourceDocument, authority: str | None,
                       inspections: list[InspectionFacts]) -> list[Organisation]:
    """Every board, partner and inspectorate the document names, each with its first passage."""
    bs = list(doc.blocks)
    place = place_of(authority)
    out = _Found()
    _boards(doc, bs, place, out)
    _partners(doc, bs, place, out)
    _inspectorates(doc, bs, inspections, out)
    orgs = list(out.orgs.values())
    lscb = [o for o in orgs if o.category == "LSCB"]
    lscp = [o for o in orgs if o.category == "LSCP"]
    if len(lscb) == 1 and len(lscp) == 1:
        lscb[0].succeeded_by = lscp[0].name
    for f in inspections:
        for r in f.recommendations:
            if r.addressee and not any(r.addressee == o.name or r.addressee in o.aliases for o in orgs):
                o = resolve_addressee(r.addressee, doc, r.passage, authority)
                existing = next((x for x in orgs if x.name == o.name), None)
                if existing is None:
                    orgs.append(o)
                elif r.addressee not in existing.aliases:
                    existing.aliases = existing.aliases + (r.addressee,)
    return orgs
