"""Deterministic IRIs: the same input gives the same IRI on every run and every machine.

Identity never comes from a code that can change (ONS, URN): an authority's IRI is its name slug.
An inspection's IRI is authority + framework + the year and month it started, so that a report and a
later letter that mentions "the inspection in June 2012" name the same node. ILACS standard and short
inspections are one framework: which of the two it was is a property its report settles, not its identity.

>>> authority_iri("Metropolitan Borough of Barnsley Council")
'https://w3id.org/inspection-kg/id/authority/barnsley'
>>> inspection_iri("barnsley", "SIFInspection", "2014-06-02")
'https://w3id.org/inspection-kg/id/inspection/barnsley/sif/2014-06'
>>> inspection_iri("barnsley", "ILACSShortInspection", "2023-09") == inspection_iri("barnsley", "ILACSStandardInspection", "2023-09-11")
True
>>> slug("Bournemouth, Christchurch & Poole")
'bournemouth-christchurch-and-poole'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

BASE = "https://w3id.org/inspection-kg/id/"
ONTOLOGY = "https://w3id.org/inspection-kg/ontology#"
# Every namespace the project writes, as plain strings: the one place they are spelt. kg.vocab builds its
# rdflib namespaces and prefixes from these; code that joins IRIs as strings (the linker, the graph of
# entities, verdicts, the table of councils) reads them here, without importing rdflib into the workers.
NS = {
    "ikg": ONTOLOGY,
    "id": BASE,
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Words around a council's name that are not part of its identity.
_AUTHORITY_NOISE = re.compile(
    r"\b(the|council|county|city|metropolitan|borough|district|london|royal|of|mbc|cc|"
    r"children'?s services|local authority)\b",
    re.IGNORECASE,
)

_KIND_SLUGS = {
    "SafeguardingLACInspection": "safeguarding-lac",
    "SIFInspection": "sif",
    "ILACSStandardInspection": "ilacs",
    "ILACSShortInspection": "ilacs",
    "FocusedVisit": "focused-visit",
    "MonitoringVisit": "monitoring-visit",
    "JTAI": "jtai",
    "AreaSENDInspection": "area-send",
    "OtherInspection": "other",
}


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; '&' reads 'and'; never empty."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x" + short_hash(text)


def short_hash(text: str, length: int = 12) -> str:
    """A short stable hash of whitespace- and case-normalised text."""
    norm = " ".join(text.lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:length]


def authority_slug(name: str) -> str:
    """The stable key of a council: the key of the English council the name is about (kg.authorities),
    else its place name without the words of its legal form."""
    from kg.authorities import resolve

    known = resolve(name)
    return known.key if known is not None else place_slug(name)


def place_slug(name: str) -> str:
    """The slug of a council's name without the words of its legal form ("London Borough of Barnet": barnet).

    >>> place_slug("Barnsley Metropolitan Borough Council"), place_slug('barnsley" || true')
    ('barnsley', 'barnsley-true')
    """
    core = _AUTHORITY_NOISE.sub(" ", name.replace("\u2019", "'"))
    core = re.sub(r"\s+", " ", core).strip(" ,.-")
    return slug(core or name)


def authority_iri(name: str) -> str:
    return f"{BASE}authority/{authority_slug(name)}"


def identity_kind(kind: str) -> str:
    """The part of an inspection's kind that is its identity: ILACS standard and short are one framework."""
    return _KIND_SLUGS.get(kind, slug(kind))


def inspection_iri(authority_key: str, kind: str, start: str) -> str:
    """``start`` is an ISO date or year-month; only its year and month enter the IRI."""
    return f"{BASE}inspection/{authority_key}/{identity_kind(kind)}/{start[:7]}"


def document_iri(sha256: str) -> str:
    """A document is identified by its content, so the same file anywhere gives the same IRI."""
    return f"{BASE}document/{sha256[:16]}"


def passage_iri(doc_iri: str, key: str) -> str:
    return f"{doc_iri}/passage/{slug(key)}"


def judgement_iri(inspection: str, aspect: str) -> str:
    return f"{inspection}/judgement/{slug(aspect)}"


def recommendation_iri(inspection: str, number: str | None, text: str) -> str:
    """By the report's own number where it has one, else by a hash of the normalised text."""
    return f"{inspection}/recommendation/{slug(number) if number else 'h' + short_hash(text)}"


def finding_iri(inspection: str, number: str | None, text: str) -> str:
    return f"{inspection}/finding/{slug(number) if number else 'h' + short_hash(text)}"


def organisation_iri(authority_key: str | None, kind: str, name: str) -> str:
    """Boards and local partners are scoped by authority (Barnsley's BSCB is not Barnet's);
    national bodies (inspectorates) are not."""
    scope = f"{authority_key}/" if authority_key else ""
    return f"{BASE}{kind}/{scope}{slug(name)}"


def mention_iri(doc_iri: str, entity: str) -> str:
    """A document's record of what it says of an entity (kg.entities): scoped by the document, so that it
    lives in the document's graph alone."""
    return f"{doc_iri}/mention/{slug(entity[len(BASE):] if entity.startswith(BASE) else entity)}"


def assessment_iri(recommendation: str, passage: str) -> str:
    return f"{recommendation}/assessment/{short_hash(passage)}"


def graph_iri(kind: str, key: str = "") -> str:
    """Named graphs: ``document/<sha>``, ``linker/<authority>``, ``entities/<authority>``, ``ontology``,
    ``authorities``."""
    return f"{BASE}graph/{kind}" + (f"/{key}" if key else "")
