"""Extract: from a read and classified document to the typed model (``kg.model.Extraction``).

One module a family of documents; this module only dispatches and joins their results:
- ``header``: the authority, title, dates of any document;
- ``reports``: full inspection reports (2009-12 safeguarding and looked after children, SIF, ILACS);
- ``letters``: focused-visit, monitoring-visit, JTAI and area SEND letters;
- ``council``: council committee reports and minutes;
- ``mentions``: earlier inspections a document refers to;
- ``organisations``: boards, partners and inspectorates, resolved within the authority.
"""

from __future__ import annotations

from kg.classify import classify
from kg.dates import impossible_dates
from kg.model import Extraction, InspectionFacts, SourceDocument


def extract(doc: SourceDocument) -> Extraction:
    from kg.extract import council, header, letters, mentions, organisations, reports

    cls = classify(doc)
    head = header.read_header(doc, cls)
    ex = Extraction(
        document=doc,
        document_kind=cls.document_kind,
        authority=head.authority,
        authority_passage=head.authority_passage,
        title=head.title,
        published=head.published,
        warnings=list(cls.warnings) + list(head.warnings),
    )
    if cls.family == "report":
        ex.inspections = reports.extract_report(doc, cls, head, ex.warnings)
    elif cls.family == "letter":
        ex.inspections = letters.extract_letter(doc, cls, head)
    elif cls.family == "council":
        ex.inspections, ex.decisions = council.extract_council(doc, cls, head)
    if cls.family in ("report", "letter") and not letters.says_when_it_took_place(doc.blocks):
        for f in ex.inspections:
            _date_by_publication(f, head)
    ex.inspections += mentions.find_mentions(doc, cls, head, ex.inspections)
    ex.organisations = organisations.find_organisations(doc, head.authority, ex.inspections)
    if head.authority is None:
        ex.warnings.append(f"{doc.source_file}: no authority named; facts needing one are not asserted")
    # The date parsers never return such a day; the user is told which words were passed over.
    ex.warnings += [f"{doc.source_file}: {words!r} is not a date of the calendar; not asserted"
                    for words in impossible_dates(doc.text)]
    return ex


def _date_by_publication(f: InspectionFacts, head) -> None:
    """A described inspection whose document states no dates of its own fieldwork (a 2009 joint area
    review's progress inspection dates only the review it follows up) is dated by the month its report was
    published, marked as such (``date_basis`` "publication", as a mention dated by publication is). Dates
    the document does state but that are impossible are never replaced so."""
    if f.role != "described" or f.start or not head.published or head.published_passage is None:
        return
    f.start, f.end, f.date_basis, f.passage = head.published[:7], None, "publication", head.published_passage
