"""The linker: per authority, follow each recommendation through the later documents of that authority.

For one authority at a time (never across councils, never all pairs of the corpus) it computes, into
the authority's own named graph ``graph/linker/<slug>`` (dropped and rebuilt, so a rebuild gives the
same triples):

1. reconstructed recommendations: an earlier inspection whose own report the graph does not hold is
   given the asks that later documents say it made ("a long-standing problem that was reported in the
   last inspection and is not yet resolved");
2. carry-forward: a later recommendation that repeats or continues an earlier one (explicit reference
   first, shared wording second, by TF-IDF cosine over stemmed words);
3. status assessments: later sentences (of later documents of the same authority) that report on a
   recommendation and carry a status cue (kg.cues);
4. each recommendation's current status, overdue flag, themes and lineage chain length;
5. the graph's own council (``ikg:forAuthority``), so that a question across councils reads one triple per
   graph instead of following each recommendation to its inspection.

The thresholds below were chosen on the seed documents (benchmarks/eval_links.py, docs/linking.md).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from kg import cues, iris, themes
from kg.document import sentence_spans
from kg.link.model import (
    IKG,
    OA,
    PROV,
    RDF_TYPE,
    Ask,
    Assessment,
    AuthorityData,
    Doc,
    Inspection,
    PlainLiteral,
    Sentence,
    confidence,
    linker_graph,
    part_iri,
)
from kg.link.text import (
    _GENERIC,
    _MANNER,
    LEAD_WORDS,
    Similarity,
    _content_words,
    _scores,
    content_words,
    lead_terms,
    words_beside_examples,
)

# Written on each linker graph: a council whose graph an earlier linker wrote is linked again by the next
# `kg build`, even when none of its documents changed, so that an upgrade gives the new answers without a
# rebuild from scratch (which would also drop an analyst's verdicts with the old store). Raise it with any
# change to what the linker concludes. 2: repeated asks worded apart, the readings and gates of issue 13's
# ninth session (graphs without a version are of an earlier linker). 3: the tenth session's (asks of common
# words only, JTAI letters on work with partners, what an ask asks of the group it names, the cue readings).
# 4: the eleventh session's (theme words, word forms, a grade in general terms, children who go missing).
# 5: the twelfth session's (words of repetition, board asks, what an ask sets aside, "to remain", the MASH,
# homelessness and family group conferences as theme words).
LINKER_VERSION = "5"

# Cosine thresholds (stemmed TF-IDF, unigrams and bigrams), measured on the seeds.
ASSESS_THRESHOLD = 0.10  # a later sentence with a status cue and a shared theme reports on an ask
EXPLICIT_ASSESS_THRESHOLD = 0.06  # ... when it also refers to the earlier inspection
CARRY_THRESHOLD = 0.20  # a later recommendation repeats an earlier one (with a shared topic and theme)
EXPLICIT_CARRY_THRESHOLD = 0.15  # ... when it says it continues earlier work
# A later ask worded apart from an earlier one ("The quality and consistency of direct work, including life-story
# work" after "The priority given to direct work with children") asks again for it when its own subject is one the
# earlier ask asked for: the earlier names at least REPEAT_LATER_SHARE of the later's subject (each word weighed by
# its specificity, as for SUBJECT_SHARE), and the later names the earlier's key term and REPEAT_EARLIER_SHARE of
# its subject, or as much of it as the earlier names of the later's when the key term is missing. An earlier ask
# usually says more than its repeat (a purpose, a team), hence the lower share that way; without the key term
# a later ask on a general topic ("The timeliness of assessments") would repeat every earlier ask that touches
# it. Below REPEAT_LATER_SHARE asks on another object of the same work come in ("management oversight of cases in
# pre-proceedings" against oversight of all practice). The floor keeps out pairs that share almost no wording.
REPEAT_LATER_SHARE = 0.5
REPEAT_EARLIER_SHARE = 0.2
REPEAT_FLOOR = 0.07
SAME_ASK_THRESHOLD = 0.30  # two rebuilt asks of one inspection are the same (word-set cosine)
SHARED_SUBJECT_WORDS = 2  # a sentence holding this many of an ask's subject words needs only the lower threshold
MIN_TOPIC_WORDS = 3  # fewer content words than this: the sentence names no topic of its own
# A good state closes an ask only if it names this share of the ask's subject (its first words, each weighed by
# how specific it is, those nearer the start more: an ask names its subject first).
SUBJECT_SHARE = 0.4
SUBJECT_DECAY = 0.85
SUBJECT_FLOOR = 0.03  # below ASSESS_THRESHOLD, a sentence is evidence on an ask only if it names its subject
# A deficit elsewhere in the closing document keeps it from closing the ask when it names this share of the ask's
# subject: its rarest word alone may be incidental ("letters ... that enable parents to understand" is not on case
# recording "to enable new workers to understand").
DOUBT_SHARE = SUBJECT_SHARE
CLOSE_CONFIDENCE = 0.42  # Closed needs at least one positive finding this sure of its topic

# A sentence that refers back to an earlier inspection at all ...
BACKREF = re.compile(r"\b(?:last|previous|prior|earlier|preceding)\s+(?:full\s+|standard\s+|ILACS\s+|SIF\s+)?"
                     r"(?:inspection|visit|focused visit|monitoring visit)s?\b", re.IGNORECASE)
# ... and one that says the earlier inspection asked for something.
ASK_BACKREF = re.compile(
    r"(?:reported|identified|raised|highlighted|recommended|noted|found|made|set out|required)\s+"
    r"(?:\w+\s+){0,2}(?:in|at|within|during|by|following|through)\s+(?:the\s+)?(?:last|previous|prior|earlier)\s+"
    r"inspection"
    r"|(?:recommendations?|areas?\s+for\s+(?:improvement|development|priority\s+action))\s+(?:\w+\s+){0,4}"
    r"(?:the\s+)?(?:last|previous|prior)\s+inspection"
    # "At the last inspection, X was identified as an area for improvement."
    r"|\b(?:at|in|during)\s+the\s+(?:last|previous|prior)\s+inspection\b[^.;]{0,200}?\b(?:was|were)\s+"
    r"(?:identified|reported|highlighted|raised|noted|found)\b",
    re.IGNORECASE,
)
# A back-reference to the earlier asks as a whole ("the recommendations from the previous inspection have
# been addressed", "areas for development identified at previous inspections"): it names no ask of its own.
COLLECTIVE = re.compile(
    r"\b(?:recommendations|areas\s+(?:for|of)\s+(?:improvement|development|priority\s+action))\b"
    r"|\b(?:the|all|its|these|those|some|many|most|several|a number of|significant|key|other|priority)\s+"
    r"(?:\w+\s+){0,2}?(?:issues|weaknesses|shortfalls|concerns)\b", re.IGNORECASE)
# Page furniture (an address, a telephone line) run into a sentence: its words are not an ask.
FURNITURE = re.compile(r"\S+@\S+|\bwww\.|\btextphone\b", re.IGNORECASE)
# The frame around the problem in "At the last inspection, X was identified as an area for improvement" and
# "X was a recommendation from the last inspection": what is left is the ask.
_FRAME_LEAD = re.compile(r"^(?:at|in|during|following)\s+the\s+(?:last|previous|prior)\s+(?:\w+\s+){0,2}?"
                         r"inspection(?:\s+in\s+(?:\w+\s+)?\d{4})?,?\s*", re.IGNORECASE)
_FRAME_TAIL = re.compile(
    r"\s*,?\s*(?:which\s+|that\s+)?(?:was|were|had\s+been)\s+(?:(?:identified|reported|highlighted|raised|noted)"
    r"\s+)?(?:as\s+)?(?:an?\s+|one\s+of\s+the\s+)?(?:recommendations?|areas?\s+for\s+\w+|weakness(?:es)?|"
    r"concerns?|priorit(?:y|ies))\b.*$"
    r"|\s*,?\s*(?:which\s+|that\s+)?(?:was|were)\s+(?:identified|reported|highlighted|raised|noted)\s+"
    r"(?:at|in|during)\s+the\s+(?:last|previous|prior)\s+inspection\b.*$", re.IGNORECASE)
CONTINUES = re.compile(r"\bcontinue\s+to\b|\bfurther\s+embed|\bstill\b|\bremains?\b", re.IGNORECASE)
# The examples an ask lists after naming its subject.
EXAMPLES_AFTER = re.compile(r"[,;:]?\s+(?:including|in particular|particularly|such as|for example|for instance|e\.g\.)"
                            r"(?=[\s:,]).*$", re.IGNORECASE | re.DOTALL)
YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
ANAPHORA = re.compile(r"^(?:this|these|that|those|it|such)\b", re.IGNORECASE)
# ... and one that qualifies what the sentence before said ("However, this is not consistently recorded").
QUALIFIER_ANAPHORA = re.compile(r"^\W*(?:(?:however|but|although|yet|still),?\s+)?(?:this|these|that|those|it|they|such)\b",
                                re.IGNORECASE)
# An ask that names its subject by pointing back to a sentence it was taken from ("Improving the reach of this
# service"): its own words do not say what it is about.
POINTS_BACK = re.compile(r"\b(?:this|these|those|that|its|their)\s+[a-z-]+", re.IGNORECASE)
# Openings that only say a problem persists: what follows is the problem, i.e. the ask.
ASK_LEAD = re.compile(
    r"^(?:however,?\s+|but\s+|although\s+|in addition,?\s+)?there\s+(?:continues?\s+to\s+be|remains?|"
    r"(?:is|are)\s+still|(?:is|are))\s+", re.IGNORECASE)


class Linker:
    """Computes the linker graph of one authority as (subject, predicate, object) triples."""

    def __init__(self, data: AuthorityData):
        self.data = data
        self.triples: list[tuple] = []
        self.assessments: list[Assessment] = []
        self.carries: list[tuple[str, str, str, float]] = []  # (later, earlier, reason, score)
        self.used: set[tuple[str, int]] = set()  # sentences already read as explicit references
        self.explicit: dict[tuple[str, int], str] = {}  # sentence -> the held inspection it refers to
        self.sentences = self._sentences()
        self._sim: Similarity | None = None
        self._counts: Counter | None = None
        self._key_terms: dict[tuple[str, bool], set[str]] = {}  # by the ask's text: counted once per council
        self._subjects: dict[tuple[str, bool], list[tuple[dict[str, float], float]]] = {}
        # When a dict: why each (sentence, ask) pair read by the similarity step was not made evidence, keyed by
        # ((passage, start), ask IRI; "" for every ask). benchmarks/diagnose_evidence.py reads it.
        self.dropped: dict[tuple[tuple[str, int], str], str] | None = None
        self._focus: dict[str, set[str]] | None = None  # per document: the groups of children a visit looked at
        # Gates (CLOSING_GATES, STATUS_GATES) not applied: only benchmarks/diagnose_closed.py sets it, to see what
        # each gate keeps from being Closed.
        self.relaxed: frozenset[str] = frozenset()

    # ---- helpers
    @staticmethod
    def themes(text: str) -> set[str]:
        return set(themes.tag(text))

    @property
    def sim(self) -> Similarity:
        """Fitted once, after reconstruction has added its asks (fitting is most of the linking time)."""
        if self._sim is None:
            self._sim = self._similarity()
        return self._sim

    def _similarity(self) -> Similarity:
        texts = [r.text for r in self.data.recs.values()]
        return Similarity(texts + [x.context for x in self.sentences] + [x.text for x in self.sentences])

    def add(self, s: str, p: str, o) -> None:
        self.triples.append((s, p, o))

    def doc_of(self, passage_iri: str) -> Doc | None:
        p = self.data.passages.get(passage_iri)
        return self.data.docs.get(p.doc) if p else None

    def made(self, rec: Ask) -> str:
        insp = self.data.inspections.get(rec.inspection)
        return insp.date if insp else ""

    def _sentences(self) -> list[Sentence]:
        """Sentences of passages that are not themselves recommendations, in document and text order."""
        ask_passages = {r.passage for r in self.data.recs.values()}
        out = []
        for p in sorted(self.data.passages.values(), key=lambda p: (self.data.docs[p.doc].date, p.iri)):
            if p.iri in ask_passages:
                continue
            spans = sentence_spans(p.text)
            for k, (a, b) in enumerate(spans):
                ctx = spans[k - 1][0] if k and ANAPHORA.match(p.text[a:b]) else a
                out.append(Sentence(p, a, b, ctx))
        return out

    def referenced_inspection(self, s: Sentence) -> Inspection | None:
        """The earlier inspection a sentence refers to, of the kind it names (kg.entities.may_be_named): the
        year it names, else the latest before."""
        doc = self.data.docs[s.passage.doc]
        own = [i for i in self.data.inspections.values() if doc.iri in i.described]
        before = min([i.start for i in own if i.start] or [doc.date or "9999"])
        from kg.entities import may_be_named  # kg.entities reads the linker's helpers

        own_kinds = {i.kind for i in own}
        cands = [i for i in self.data.inspections.values()
                 if doc.iri not in i.described and i.start and i.start < before
                 and may_be_named(s.text, i.kind, own_kinds)]
        years = set(YEAR.findall(s.text))
        if years:
            cands = [i for i in cands if i.start[:4] in years] or cands
        return max(cands, key=lambda i: (i.start, i.iri), default=None)

    def assess_at(self, rec: str, s: Sentence, status: str, cue: str = "", start: int | None = None,
                  how: str = "ExplicitReference", score: float = 1.0, held: tuple[str, ...] = ()) -> None:
        doc = self.data.docs[s.passage.doc]
        a = s.context_start if start is None else start
        self.assessments.append(Assessment(rec, s.passage, a, s.end, status, doc, cue, how=how,
                                           confidence=confidence(score, how), held=held))

    def drop(self, key: tuple[str, int], rec: str, why: str) -> None:
        """Record why a sentence is not evidence on an ask (only when asked to, by setting ``dropped``)."""
        if self.dropped is not None:
            self.dropped.setdefault((key, rec), why)

    def key_terms(self, rec: Ask, closing: bool = False) -> set[str]:
        """Each part's subject word that fewest sentences of the council hold (of those any sentence holds):
        what sets the topic of the ask (or of each thing a compound ask asks for) apart. Not a word of the ask's
        frame ("the completion of", "the accuracy of"): rare, but it says nothing of the topic. ``closing``: any
        lead word, frame or not, as a good state must name to close the ask (precision first)."""
        if (rec.text, closing) not in self._key_terms:
            self._key_terms[rec.text, closing] = self._rarest_subject_words(rec, frame=closing)
        return self._key_terms[rec.text, closing]

    def _rarest_subject_words(self, rec: Ask, frame: bool) -> set[str]:
        counts = self.word_counts()
        out = set()
        for part in ask_parts(rec.text):
            terms = sorted(w for w in lead_terms(part) if counts[w] and (frame or w not in _MANNER))
            terms = terms or sorted(w for w in lead_terms(part) if counts[w])
            out.add(min(terms, key=lambda w: (counts[w], w)) if terms else "")
        return out

    def word_counts(self) -> Counter:
        """How many sentences of the council hold each content word."""
        if self._counts is None:
            self._counts = Counter(w for x in self.sentences for w in set(_content_words(x.text)))
        return self._counts

    def specificity(self, word: str) -> float:
        """How much a word says which topic a sentence is on: the rarer among the council's sentences, the
        more ("know", "children" and "support" are in hundreds; "LADO" and "foster carers" in a few)."""
        return math.log((len(self.sentences) + 1) / (self.word_counts()[word] + 1))

    def subject_share(self, rec: Ask, words: set[str], closing: bool = False) -> float:
        """The share of an ask's subject a sentence names, each subject word weighed by its specificity: of
        the part of the ask it names best. The subject is the ask's first content words less the words of
        manner ("quality", "timeliness"), its generic ones included ("plans" in "the quality of child protection
        plans"), so that one shared word, common or incidental ("know", "package", "contact"), is not the ask's
        topic."""
        best = 0.0
        for lead, total in self.subject_weights(rec, closing):
            best = max(best, sum(v for w, v in lead.items() if w in words) / total)
        return best

    def subject_weights(self, rec: Ask, closing: bool = False) -> list[tuple[dict[str, float], float]]:
        """Each part's subject words with their weights (specificity, less by position), and their sum;
        ``closing``: what a good state must name to close the part."""
        if (rec.text, closing) not in self._subjects:
            out = []
            parts = ask_parts(rec.text)
            for part in parts:
                if closing and len(set(content_words(part)[:LEAD_WORDS]) - _MANNER) < MIN_TOPIC_WORDS:
                    # "..., and know what to do if they have any concerns": to be met, a part this thin goes on
                    # with the ask's first part's subject (all agencies, the designated officer).
                    part = f"{parts[0]} {part}"
                lead: dict[str, float] = {}
                for k, w in enumerate(w for w in content_words(part)[:LEAD_WORDS] if w not in _MANNER):
                    lead.setdefault(w, self.specificity(w) * SUBJECT_DECAY ** k)
                if sum(lead.values()) > 0:
                    out.append((lead, sum(lead.values())))
            self._subjects[rec.text, closing] = out
        return self._subjects[rec.text, closing]

    def out_of_scope(self, rec: Ask, s: Sentence) -> str | None:
        """Why a sentence is about another group of children, agency or route out of care than the ask, or not
        about the board the ask is addressed to (read with the sentence it points back to); None if it is not."""
        return cues.other_scope(rec.text, s.context, rec.addressee)

    def narrower_focus(self, rec: Ask, doc: Doc, s: Sentence) -> bool:
        """Whether a visit looked at a group of children the ask does not name ("the quality of written plans"
        against a visit to care leavers): what it finds speaks for that group, not for the whole ask, unless
        the sentence itself names the ask's group."""
        if self._focus is None:
            self._focus = {}
            for p in self.data.passages.values():  # a visit is a letter; a report recalls earlier visits' focus
                doc_of = self.data.docs.get(p.doc)
                if doc_of is not None and doc_of.kind == "InspectionLetter" and not self._focus.get(p.doc):
                    self._focus[p.doc] = cues.visit_focus(p.text)
        focus = self._focus.get(doc.iri, set())
        wanted = cues.scopes_named(rec.text).get("children", set())
        return bool(focus) and focus.isdisjoint(wanted) and wanted.isdisjoint(
            cues.scopes_named(s.context).get("children", set()))

    @staticmethod
    def agency_unnamed(rec: Ask, s: Sentence) -> bool:
        """Whether the ask names an agency (health services, the police, schools) and the sentence none of its
        (read with the sentence it points back to): a good state of the council's own work is not theirs."""
        wanted = cues.scopes_named(rec.text).get("agency", set())
        return bool(wanted) and wanted.isdisjoint(cues.scopes_named(s.context).get("agency", set()))

    def remit_of(self, rec: Ask) -> str:
        insp = self.data.inspections.get(rec.inspection)
        return cues.remit(insp.kind if insp else "")

    # ---- 1. reconstruction
    def reconstruct(self) -> None:
        deferred: list[tuple[Sentence, Inspection]] = []
        for s in self.sentences:
            if "nspection" not in s.text and "NSPECTION" not in s.text:
                continue
            asks = ASK_BACKREF.search(s.text)
            if not asks and not BACKREF.search(s.text):
                continue
            insp = self.referenced_inspection(s)
            if insp is None:
                continue
            key = (s.passage.iri, s.start)
            if not asks:  # "has improved since the last inspection": speaks of that inspection's asks
                if insp.described:
                    self.explicit[key] = insp.iri
                continue
            if COLLECTIVE.search(s.text) or FURNITURE.search(s.context):  # no ask in particular
                if insp.described:
                    self.explicit[key] = insp.iri
                continue
            if insp.described:  # its own report is held: the similarity step finds the recommendation
                self.explicit[key] = insp.iri
                continue
            self.used.add(key)
            if len(content_words(BACKREF.sub(" ", s.context))) < MIN_TOPIC_WORDS:
                deferred.append((s, insp))
                continue
            topic = s.passage.text[s.context_start:s.start] if s.context_start < s.start else s.text
            rec = self.reconstructed_rec(insp, ask_text(topic), s)
            found = cues.assess(s.context)
            self.assess_at(rec, s, found[0] if found else "Open", found[1] if found else "raised again")
        for s, insp in deferred:  # "one area for improvement ... still has to be addressed"
            mine = [r for r in self.data.recs.values() if r.reconstructed and r.inspection == insp.iri
                    and r.doc == s.passage.doc]
            if len(mine) == 1:
                found = cues.assess(s.text)
                self.assess_at(mine[0].iri, s, found[0] if found else "Open",
                               found[1] if found else "raised again", start=s.start)

    def reconstructed_rec(self, insp: Inspection, text: str, s: Sentence) -> str:
        # The same ask already rebuilt from an earlier document: that one, not a second.
        for r in self.data.recs.values():
            if r.inspection == insp.iri and r.reconstructed and _cos_text(r.text, text) >= SAME_ASK_THRESHOLD:
                return r.iri
        iri = iris.recommendation_iri(insp.iri, None, text)
        rec = Ask(iri, insp.iri, text, s.passage.iri, s.passage.doc, reconstructed=True)
        self.data.recs[iri] = rec
        self._sim = None
        self.add(insp.iri, IKG + "hasRecommendation", iri)
        self.add(iri, RDF_TYPE, IKG + "Recommendation")
        self.add(iri, IKG + "text", PlainLiteral(text))
        self.add(iri, IKG + "reconstructed", True)
        self.add(iri, PROV + "wasDerivedFrom", s.passage.iri)
        self.add(iri, IKG + "addressee", self.data.iri)
        return iri

    # ---- 2. carry-forward
    def carry_forward(self) -> None:
        recs = sorted(self.data.recs.values(), key=lambda r: (self.made(r), r.iri))
        made = [self.made(r) for r in recs]
        later_recs = [(k, r) for k, r in enumerate(recs) if not r.reconstructed and made[k]]
        # Only the pairs read below are wanted, but one matrix product is far cheaper than pair by pair.
        matrix = _scores(self.sim, [r.text for _, r in later_recs], [r.text for r in recs]).tolist() \
            if later_recs and len(set(made) - {""}) > 1 else []
        for row, (k, later) in enumerate(later_recs):
            explicit = bool(BACKREF.search(later.text) or CONTINUES.search(later.text))
            by_insp: dict[str, tuple[float, str]] = {}
            for j, earlier in enumerate(recs):
                if earlier.inspection == later.inspection or not made[j] or made[j] >= made[k]:
                    continue
                score = round(matrix[row][j], 3)
                best = by_insp.get(earlier.inspection)
                if best is None or (score, earlier.iri) > best:
                    by_insp[earlier.inspection] = (score, earlier.iri)
            carried = set()
            for score, earlier in sorted(by_insp.values(), key=lambda x: x[1]):
                if not self.same_topic(later, self.data.recs[earlier]):
                    continue
                if score >= CARRY_THRESHOLD:
                    carried.add(earlier)
                    self.carries.append((later.iri, earlier, "shared wording", score))
                elif explicit and score >= EXPLICIT_CARRY_THRESHOLD:
                    carried.add(earlier)
                    self.carries.append((later.iri, earlier, "explicit reference", score))
            # Worded apart: any earlier ask (not only the closest of its inspection) whose subject the later asks for.
            for j, earlier in enumerate(recs):
                if earlier.iri in carried or earlier.inspection == later.inspection or not made[j] \
                        or made[j] >= made[k]:
                    continue
                score = round(matrix[row][j], 3)
                if score >= REPEAT_FLOOR and self.same_topic(later, earlier) and self.asks_again(later, earlier):
                    self.carries.append((later.iri, earlier.iri, "same subject", score))
        for later, earlier, reason, score in self.carries:
            link = f"{later}/carries-forward/{iris.short_hash(earlier)}"
            self.add(later, IKG + "carriesForward", earlier)
            self.add(link, RDF_TYPE, IKG + "CarryForwardLink")
            self.add(link, IKG + "fromRecommendation", later)
            self.add(link, IKG + "toRecommendation", earlier)
            self.add(link, IKG + "matchReason", PlainLiteral(reason))
            self.add(link, IKG + "matchScore", score)
            # Repeating the ask is the inspectorate's way of saying it is still open.
            rec = self.data.recs[later]
            p = self.data.passages.get(rec.passage)
            doc = self.doc_of(rec.passage)
            if p is not None and doc is not None:
                a = max(p.text.find(rec.text[:60]), 0)
                b = a + len(rec.text) if p.text.find(rec.text[:60]) >= 0 else len(p.text)
                self.assessments.append(Assessment(earlier, p, a, min(b, len(p.text)), "Open", doc,
                                                   "repeated as a later recommendation", how="RepeatedAsk",
                                                   confidence=confidence(score, "RepeatedAsk")))

    def same_topic(self, later: Ask, earlier: Ask) -> bool:
        """Whether two asks may be one: a shared subject word and theme, and the same group of children, agency and
        board."""
        return bool(lead_terms(later.text) & lead_terms(earlier.text) and self.themes(later.text) & self.themes(earlier.text)) \
            and not cues.other_scope(earlier.text, later.text) and not cues.other_scope(later.text, earlier.text) \
            and cues.addressed_to_board(earlier.text) == cues.addressed_to_board(later.text)

    def asks_again(self, later: Ask, earlier: Ask) -> bool:
        """Whether a later ask worded apart from an earlier one asks for its subject again: of the same remit, the
        earlier names most of the later's subject, the later names the earlier's key term and part of its subject
        (or as much as the earlier names of the later's), and neither is about a group of children the other does
        not name (an ask on management oversight for disabled children does not repeat one on all children's
        cases)."""
        if not cues.same_remit(self.remit_of(earlier), self.remit_of(later)):
            return False
        # What each asks for, less the examples it goes on to list ("..., including children with a child
        # protection plan"): two asks that share only an example are not one.
        earlier, later = own_subject(earlier), own_subject(later)
        we, wl = set(_content_words(earlier.text)), set(_content_words(later.text))
        # A later ask that says it continues earlier work ("Continue the work on improving ... supervision") need not
        # name the earlier's key term: its own words say it asks again.
        key_shared = not self.key_terms(earlier).isdisjoint(wl) or cues.asks_to_continue(later.text)
        return self.subject_share(later, we) >= REPEAT_LATER_SHARE \
            and self.subject_share(earlier, wl) >= (REPEAT_EARLIER_SHARE if key_shared else REPEAT_LATER_SHARE) \
            and not cues.other_group(earlier.text, later.text) and not cues.other_group(later.text, earlier.text)

    # ---- 3. similarity
    def assess_by_similarity(self) -> None:
        import numpy as np

        carried = {(later, earlier) for later, earlier, _, _ in self.carries}
        earlier_asks = {d.iri: self.asks_before(d) for d in self.data.docs.values()}
        # Any ask's subject words, per document: a sentence that names none of them is about no earlier ask.
        subjects = {d: frozenset().union(*(lead_terms(r.text) for r in asks)) for d, asks in earlier_asks.items()}
        # The sentences that can speak of an earlier ask: not already read, in a document with earlier asks
        # (the first or only document of a council is not read at all), naming an ask's subject. Whether
        # one has a status cue is asked last: most sentences are about no ask, and the cues are slower.
        todo = []
        for s in self.sentences:
            key = (s.passage.iri, s.start)
            asks = earlier_asks[s.passage.doc]
            if key in self.used or not asks:
                self.drop(key, "", "read as a rebuilt ask" if key in self.used else "no ask before its document")
                continue
            subject = subjects[s.passage.doc]
            ctx, text = _content_words(s.context), _content_words(s.text)
            if not (subject.isdisjoint(ctx) and subject.isdisjoint(text)):
                todo.append((s, key, asks, set(ctx) | set(text)))
            else:
                self.drop(key, "", "no subject word of any earlier ask")
        if not todo:
            return
        # Every score read below, as two matrix products over this council's asks (in the order of
        # self.data.recs, as each document's asks are); only pairs that can reach a threshold are read.
        asks_of = {d: {id(r) for r in asks} for d, asks in earlier_asks.items()}
        recs = [r for r in self.data.recs.values() if any(id(r) in a for a in asks_of.values())]
        texts = [r.text for r in recs]
        cos = np.maximum(_scores(self.sim, [t[0].context for t in todo], texts),
                         _scores(self.sim, [t[0].text for t in todo], texts))
        lowest = min(EXPLICIT_ASSESS_THRESHOLD, ASSESS_THRESHOLD, SUBJECT_FLOOR) - 0.001  # less never rounds up to it
        ks, js = np.nonzero(cos >= lowest)
        candidates: dict[int, list[int]] = {}
        for k, j in zip(ks.tolist(), js.tolist()):
            candidates.setdefault(k, []).append(j)
        for k, cols in candidates.items():
            s, key, asks, words = todo[k]
            mine = asks_of[s.passage.doc]
            doc = self.data.docs[s.passage.doc]
            scored, loose, low = [], [], []
            by_paragraph: set[str] = set()  # asks whose theme only the sentence's paragraph names
            lowest_loose = min(EXPLICIT_ASSESS_THRESHOLD, ASSESS_THRESHOLD)
            for j in cols:
                r = recs[j]
                why = self.pair_gate(r, s, words, float(cos[k, j]), id(r) in mine, doc)
                if why:
                    self.drop(key, r.iri, why)
                    continue
                limit = EXPLICIT_ASSESS_THRESHOLD if self.explicit.get(key) == r.inspection else ASSESS_THRESHOLD
                if len(lead_terms(r.text) & words) >= SHARED_SUBJECT_WORDS:
                    limit = min(limit, EXPLICIT_ASSESS_THRESHOLD)  # the sentence names the ask's subject twice over
                score = round(float(cos[k, j]), 3)
                # Shared words are not enough: the sentence must also be about a theme of the ask, and the
                # ask's subject (its first topic words) must be among the sentence's words.
                ask_themes = self.themes(r.text)
                if ask_themes and not self.themes(s.context) & ask_themes:
                    # A sentence that names no theme of its own ("They are succinct and child-focused") is on its
                    # paragraph's; matched so loosely, it never closes the ask.
                    if self.themes(s.context) or not self.themes(s.passage.text) & ask_themes:
                        self.drop(key, r.iri, "no theme of the ask")
                        continue
                    by_paragraph.add(r.iri)
                (scored if score >= limit else loose if score >= lowest_loose else low).append((score, r.iri))
            if not scored:
                # Worded too far from every ask to be evidence by its words: evidence on the one whose subject
                # it names, however many other things it speaks of.
                named = self.names_subject(loose + low, words)
                scored = [x for x in loose + low if x[1] == named]
                loose = [x for x in loose if x[1] != named]
                for sc, iri in loose + low:
                    if iri != named:
                        self.drop(key, iri, f"cosine {sc} under the threshold, its subject not named")
            if not (scored or loose):
                continue
            if cues.boilerplate(s.text):
                self.drop(key, "", "boilerplate")
                continue
            found, how = cues.assess(s.text), "ChangeWords"
            if found is None and doc.source == "InspectorateFinding":
                # No words of change: what the sentence says of the topic's state now.
                # A sentence that opens with "This"/"These" is read with the one it points back to.
                found, how = _described(s.context), "DescribedState"
            if found is None:
                self.drop(key, "", "no status cue or described state")
                continue
            if found[0] != "Closed" and doc.source == "InspectorateFinding":
                # A deficit that may be on the ask's topic: too loose a match to be evidence of its own, close
                # enough that the document cannot be read as closing the ask.
                for sc, iri in loose:
                    self.assess_at(iri, s, found[0], found[1], start=s.start, how="Doubt", score=sc)
            if how == "DescribedState":  # a state is evidence only on an ask that names its own subject
                for _, iri in scored:
                    if not names_own_subject(self.data.recs[iri].text):
                        self.drop(key, iri, "a described state, on an ask that does not name its subject")
                scored = [(sc, iri) for sc, iri in scored if names_own_subject(self.data.recs[iri].text)]
            if not scored:
                continue
            if self.explicit.get(key):
                how = "ExplicitReference"
            ids = {iri for _, iri in scored}
            # Later evidence speaks of the newest version of an ask that was carried forward.
            for _, iri in scored:
                if any((o, iri) in carried for o in ids):
                    self.drop(key, iri, "given to the later ask that carries it forward")
            scored = [(sc, iri) for sc, iri in scored if not any((o, iri) in carried for o in ids)]
            best = max(sc for sc, _ in scored)
            for sc, iri in scored:
                rec = self.data.recs[iri]
                # A sentence speaks of the ask it matches best, and of any other whose subject it names twice over
                # (outside its examples); of such another ask it speaks in passing, so it does not close it.
                if sc < best and len(lead_terms(rec.text) & words_beside_examples(s.context)) < SHARED_SUBJECT_WORDS:
                    self.drop(key, iri, f"given to a better-scoring ask (cosine {sc} < {best})")
                    continue
                held = self.closing_gates(rec, s, words, how, iri in by_paragraph, sc < best, doc) \
                    if found[0] == "Closed" else ()
                self.assess_at(iri, s, "InProgress" if held else found[0], found[1],
                               start=s.start if how == "DescribedState" else None, how=how, score=sc, held=held)

    def closing_gates(self, rec: Ask, s: Sentence, words: set[str], how: str, by_paragraph: bool, lower: bool,
                      doc: Doc) -> tuple[str, ...]:
        """The gates (``CLOSING_GATES``) that keep a good state from closing an ask: it is read as progress."""
        held = (
            # A good state says the ask is met only if it names the ask's own subject: its rarest subject word
            # ("private" fostering, not foster carers; "annual" reviews, not any review) and enough of the rest.
            ("key_term", how == "DescribedState" and self.key_terms(rec, closing=True).isdisjoint(words)),
            ("subject_share", how == "DescribedState"
             and self.subject_share(rec, words, closing=True) < SUBJECT_SHARE),
            # ... and each aspect the ask names: "the timeliness of assessments" is not met by thorough ones.
            ("aspect", not cues.aspects(rec.text) <= cues.aspects(s.context)),
            ("paragraph_theme", by_paragraph),
            ("narrower_focus", self.narrower_focus(rec, doc, s)),
            ("agency_unnamed", self.agency_unnamed(rec, s)),
            ("lower_score", lower),
            # ... and what it asks of the group of children it names, not only the group: "the quality of child in
            # need and child protection plans" is not met by "child protection assessments ... appropriate decisions".
            ("object_unnamed", how == "DescribedState" and object_unnamed(rec.text, s.context)),
        )
        return tuple(name for name, holds in held if holds and name not in self.relaxed)

    def pair_gate(self, r: Ask, s: Sentence, words: set[str], cos: float, before: bool, doc: Doc) -> str:
        """Why a sentence cannot be evidence on an ask whatever its status words, or "" when it may be."""
        # Under both thresholds only an ask whose key term the sentence names may be evidence (checked before
        # the rest: it is the cheapest way to rule out most of those pairs).
        lowest_loose = min(EXPLICIT_ASSESS_THRESHOLD, ASSESS_THRESHOLD)
        if not before:
            return "ask not made before the document"
        if not lead_terms(r.text) & words:
            return "no subject word of the ask"
        if cos < lowest_loose - 0.0005 and self.key_terms(r).isdisjoint(words):
            return f"cosine {cos:.3f} under the threshold, its key term not named"
        # A grade in general terms ("some key services ... require improvement to be good") is no evidence on an
        # ask whose topic it does not name.
        if self.key_terms(r).isdisjoint(words) and cues.judgement(s.text):
            return "a judgement in general terms, its key term not named"
        # Another inspection's remit (an area SEND report read against a social care ask) is no evidence.
        if not cues.same_remit(self.remit_of(r), doc.remit, r.text):
            return "another inspection's remit"
        scope = self.out_of_scope(r, s)
        return f"scope: {scope}" if scope else ""

    def names_subject(self, loose: list[tuple[float, str]], words: set[str]) -> str | None:
        """Of the asks a sentence matches too loosely to be evidence, the best-scoring one whose subject it
        names (its key term and most of its subject, weighed by specificity)."""
        named = [(sc, iri) for sc, iri in loose if not self.key_terms(self.data.recs[iri]).isdisjoint(words)
                 and self.subject_share(self.data.recs[iri], words) >= SUBJECT_SHARE]
        return max(named)[1] if named else None

    def doubt_closures(self) -> None:
        """An ask about to be closed by a document that elsewhere finds its topic wanting stays open: each
        sentence of that document that names the ask's subject (its rarest subject word, of each part) and
        reads as a deficit or mixed is recorded as a doubt. This is the rule's "no deficit on the same topic in
        that document", for deficits worded too differently from the ask to be matched as evidence."""
        by_rec: dict[str, list[Assessment]] = {}
        for a in self.assessments:
            by_rec.setdefault(a.rec, []).append(a)
        for iri, found in sorted(by_rec.items()):
            rec = self.data.recs[iri]
            # The documents that would close the ask, or one of its parts (a part may be closed by an earlier
            # document than the one that speaks last of the whole ask).
            closing = {max(a.doc.date for a in mine if a.doc.source == "InspectorateFinding" and a.how != "Doubt")
                       for mine in [found, *on_parts(rec.text, found)] if current_status(mine, self.relaxed)[0] == "Closed"}
            if not closing:
                continue
            terms = self.key_terms(rec, closing=True) - {""}
            for s in self.sentences:
                doc = self.data.docs[s.passage.doc]
                if doc.date not in closing or doc.source != "InspectorateFinding":
                    continue
                words = set(_content_words(with_previous(s)))
                if terms.isdisjoint(words) or self.subject_share(rec, words) < DOUBT_SHARE:
                    continue
                found_state = cues.evaluate(s.text)
                if found_state and found_state[0] in ("deficit", "mixed") and not self.out_of_scope(rec, s):
                    self.assess_at(iri, s, cues.READING_STATUS[found_state[0]], found_state[1], start=s.start,
                                   how="Doubt", score=0.0)

    def asks_before(self, doc: Doc) -> list[Ask]:
        """The asks a document may speak of: made before its date, by an inspection it does not describe."""
        out = []
        for r in self.data.recs.values():
            insp = self.data.inspections.get(r.inspection)
            made = self.made(r)
            if made and doc.date and made < doc.date and not (insp and doc.iri in insp.described):
                out.append(r)
        return out

    # ---- 4. emit assessments and statuses
    def emit_assessments(self) -> dict[str, list[Assessment]]:
        by_rec: dict[str, dict[tuple[str, int], Assessment]] = {}
        for a in self.assessments:  # one assessment per recommendation and sentence: the first found
            by_rec.setdefault(a.rec, {}).setdefault((a.passage.iri, a.start), a)
        out: dict[str, list[Assessment]] = {}
        for rec, per_sentence in sorted(by_rec.items()):
            firsts: set[str] = set()
            for (piri, _), a in sorted(per_sentence.items()):
                node = _node(a, firsts)
                quote = a.passage.text[a.start:a.end].strip()
                start = a.passage.text.find(quote, a.start)
                self.add(rec, IKG + "hasAssessment", node)
                self.add(node, RDF_TYPE, IKG + "StatusAssessment")
                self.add(node, IKG + "status", IKG + a.status)
                self.add(node, IKG + "quote", PlainLiteral(quote))
                if a.doc.date:
                    self.add(node, IKG + "assessedOn", _date(a.doc.date))
                self.add(node, IKG + "evidenceSource", IKG + a.doc.source)
                self.add(node, IKG + "assessedIn", a.doc.iri)
                self.add(node, PROV + "wasDerivedFrom", piri)
                if a.cue:
                    self.add(node, IKG + "cue", PlainLiteral(a.cue))
                self.add(node, IKG + "foundBy", IKG + a.how)
                self.add(node, IKG + "confidence", round(a.confidence, 3))
                sel = f"{node}/selector"
                self.add(node, IKG + "selector", sel)
                self.add(sel, RDF_TYPE, OA + "TextQuoteSelector")
                self.add(sel, OA + "exact", PlainLiteral(quote))
                self.add(sel, OA + "prefix", PlainLiteral(a.passage.text[max(0, start - 32):start]))
                self.add(sel, OA + "suffix", PlainLiteral(a.passage.text[start + len(quote):start + len(quote) + 32]))
                a.node = node
                out.setdefault(rec, []).append(a)
        return out

    def statuses(self, by_rec: dict[str, list[Assessment]]) -> None:
        latest_date = max((d.date for d in self.data.docs.values() if d.date), default="")
        for rec in sorted(self.data.recs.values(), key=lambda r: r.iri):
            found = by_rec.get(rec.iri, [])
            status, source = current_status(found, self.relaxed)
            status = self.emit_parts(rec, found, status)
            self.add(rec.iri, IKG + "currentStatus", IKG + status)
            if source == "SelfReport":
                self.add(rec.iri, IKG + "currentStatusSource", IKG + "SelfReport")
            for s in found:  # a self-report that a later inspectorate finding contradicts
                if s.doc.source != "SelfReport":
                    continue
                for f in found:
                    if f.doc.source == "InspectorateFinding" and f.doc.date >= s.doc.date \
                            and f.status != s.status:
                        self.add(s.node, IKG + "contradictedBy",
                                 f.node)
            if rec.due:
                self.add(rec.iri, IKG + "overdue", bool(rec.due < latest_date and status != "Closed"))

    def emit_parts(self, rec: Ask, found: list[Assessment], status: str) -> str:
        """A compound ask's parts, each with the status of the evidence on it; returns the ask's status, derived
        from its parts' (or the one given, for an ask of one part)."""
        parts = ask_parts(rec.text)
        if len(parts) < 2:
            return status
        topics = part_topics(parts)
        for a in found:
            spoken = parts_spoken_of(topics, a.passage.text[a.start:a.end])
            if len(spoken) < len(parts):
                for k in spoken:
                    self.add(a.node, IKG + "aboutPart", part_iri(rec.iri, k))
        statuses = [current_status(mine, self.relaxed)[0] for mine in on_parts(rec.text, found)]
        for k, (text, part_status) in enumerate(zip(parts, statuses)):
            node = part_iri(rec.iri, k)
            self.add(rec.iri, IKG + "hasPart", node)
            self.add(node, RDF_TYPE, IKG + "RecommendationPart")
            self.add(node, IKG + "text", PlainLiteral(text))
            self.add(node, IKG + "number", k + 1)
            self.add(node, IKG + "partStatus", IKG + part_status)
        return derived_status(statuses)

    # ---- 5. themes and chains
    def tag_themes(self) -> None:
        for iri, text in sorted([(r.iri, r.text) for r in self.data.recs.values()] +
                                list(self.data.findings.items())):
            for theme in themes.tag(text):
                self.add(iri, IKG + "theme", IKG + theme)

    def chains(self) -> None:
        import networkx as nx

        g = nx.Graph()
        g.add_edges_from((later, earlier) for later, earlier, _, _ in self.carries)
        for component in nx.connected_components(g):
            for rec in sorted(component):
                self.add(rec, IKG + "chainLength", len(component))

    def describe(self) -> None:
        graph = linker_graph(self.data.iri)
        self.add(graph, RDF_TYPE, IKG + "LinkerGraph")
        self.add(graph, IKG + "forAuthority", self.data.iri)
        self.add(graph, IKG + "linkerVersion", PlainLiteral(LINKER_VERSION))

    def run(self) -> list[tuple]:
        self.describe()
        self.reconstruct()
        self.carry_forward()
        self.assess_by_similarity()
        self.doubt_closures()
        self.statuses(self.emit_assessments())
        self.tag_themes()
        self.chains()
        return self.triples


def current_status(found: list[Assessment], relaxed: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(status, source): what the latest inspectorate document that speaks of the ask says of it; a
    self-report only when no inspectorate finding exists. Never Closed by default. ``relaxed``: the gates
    (STATUS_GATES) not applied, for benchmarks/diagnose_closed.py.
    """
    for source in ("InspectorateFinding", "SelfReport"):
        mine = [a for a in found if a.doc.source == source and a.how != "Doubt"]
        if mine:
            latest = max(a.doc.date for a in mine)
            status = document_status([a for a in mine if a.doc.date == latest], relaxed)
            # A deficit that may be on the topic, in that document or a later one, keeps it from closing.
            if status == "Closed" and "doubt" not in relaxed and any(
                    a.how == "Doubt" and a.doc.date >= latest for a in found):
                status = "InProgress"
            return status, source
    return "Unknown", ""


def document_status(found: list[Assessment], relaxed: frozenset[str] = frozenset()) -> str:
    """One document's word on an ask, from the assessments of its sentences.

    Asked again, or said to be open in words of change: Open. Closed only when every sentence on the topic
    says it works and one of them is sure enough (a wrong Closed costs more than an Unknown). A deficit with
    nothing good beside it: Open. Anything else (mixed, improving, good and bad together): InProgress.
    """
    statuses = {a.status for a in found}
    if any(a.how == "RepeatedAsk" for a in found) or any(
            a.status == "Open" and a.how != "DescribedState" for a in found):
        return "Open"
    # "X has improved" beside a finding that X now works: the change is done, not under way.
    done = {"Closed" if a.status == "InProgress" and cues.completed_change(a.cue) else a.status for a in found}
    if "mixed" in relaxed and "Closed" in statuses:
        done -= {"InProgress"}
    if done == {"Closed"} and ("Closed" in statuses or any(borne_out(a) for a in found)):
        sure = "confidence" in relaxed or max(a.confidence for a in found) >= CLOSE_CONFIDENCE
        kept = "qualified" in relaxed or not any(qualified(a) for a in found)
        return "Closed" if sure and kept else "InProgress"
    if statuses == {"Open"}:
        return "Open"
    return "InProgress"


# The gates that keep a good state from closing an ask (Linker.closing_gates) and the rules that keep a document
# from closing it (document_status, current_status), by the names benchmarks/diagnose_closed.py relaxes them by.
CLOSING_GATES = ("key_term", "subject_share", "aspect", "paragraph_theme", "narrower_focus", "agency_unnamed",
                 "lower_score", "object_unnamed")
STATUS_GATES = ("mixed", "qualified", "doubt", "confidence")


_POPULATION = frozenset(content_words(" ".join(cues.POPULATION_WORDS)))


def object_unnamed(ask: str, quote: str) -> bool:
    """Whether an ask names a group of children and something it asks of them (their plans, their support) that a
    sentence does not name, in each part of the ask the sentence speaks of: the group's name shared is not the
    ask's topic ("the quality of child in need and child protection plans" is not met by "child protection
    assessments ... appropriate decisions"). A part that names no group is not read so."""
    parts = ask_parts(ask)
    words = {_undoubled(w) for w in _content_words(quote)}
    for k in parts_spoken_of(part_topics(parts), quote):
        rest = cues.without_groups(parts[k])
        wanted = {_undoubled(w) for w in content_words(rest)[:LEAD_WORDS] if w not in _MANNER} - _POPULATION
        if rest == parts[k] or not wanted or not wanted.isdisjoint(words):
            return False
    return True


def _undoubled(word: str) -> str:
    """A stem without the consonant doubled before "-ing"/"-ed" ("plann" of "planning" is "plan")."""
    return word[:-1] if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeious" else word


def qualified(a: Assessment) -> bool:
    """Whether the paragraph of a sentence that closes an ask also finds something wanting ("..., however,
    it is not yet consistently effective", "Not all audits ..."): inspectors qualify a good state in the
    sentences after it, in words that seldom repeat the ask's own, so a closing sentence answers for the rest of
    its paragraph. What comes before it is not its qualification: a paragraph leads in with a finding of its own
    ("Most child protection strategy meetings are held promptly ...") before the one on the ask's topic."""
    text = a.passage.text
    return any(start >= a.end and (cues.evaluate(text[start:end]) or ("",))[0] in ("deficit", "mixed")
               for start, end in sentence_spans(text))


def with_previous(s: Sentence) -> str:
    """A sentence that points back ("However, this is not consistently recorded ...") with the one before it in
    its paragraph ("Social workers report that they have regular supervision."), whose topic it speaks of."""
    if not QUALIFIER_ANAPHORA.match(s.text):
        return s.text
    before = [start for start, _ in sentence_spans(s.passage.text) if start < s.start]
    return s.passage.text[max(before, default=s.start):s.end]


def borne_out(a: Assessment) -> bool:
    """Whether a change reported made since the earlier inspection ("the quality of children's records has
    improved since the last inspection") is followed in its paragraph by the state it led to, read as good
    ("Children's records across all services are consistently written directly to the child."): inspectors
    say what improved, then how it works now. Only a change said against the earlier inspection: a change
    matched by its words alone may be of another topic, and the good state after it too."""
    if a.how != "ExplicitReference" or not cues.completed_change(a.cue):
        return False
    following = [(start, end) for start, end in sentence_spans(a.passage.text) if start >= a.end]
    return bool(following) and (cues.evaluate(a.passage.text[slice(*following[0])]) or ("",))[0] == "positive"


MIN_PART_WORDS = 1  # a piece of an ask with fewer topic words of its own joins the next piece


def ask_parts(text: str) -> list[str]:
    """The distinct things an ask asks for, in its own words (one part when it asks for one thing).

    >>> ask_parts("The timeliness and effectiveness of pre-proceedings work, including the quality of contingency planning.")
    ['The timeliness and effectiveness of pre-proceedings work', 'the quality of contingency planning.']
    >>> ask_parts("The quality of information-sharing by partners and the quality of decision-making within strategy "
    ...           "discussions.")
    ['The quality of information-sharing by partners', 'the quality of decision-making within strategy discussions.']
    >>> ask_parts("The timeliness and the quality of return home interviews.")
    ['The timeliness and the quality of return home interviews.']
    """
    pieces, start = [], 0
    for m in cues.PART_SPLIT.finditer(text):
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    parts: list[str] = []
    carry = ""
    for piece in pieces:
        piece = (carry + piece).strip()
        if len([w for w in content_words(piece) if w not in _GENERIC]) < MIN_PART_WORDS:
            carry = piece + " and "  # no topic of its own: it qualifies the next piece
            continue
        parts.append(piece)
        carry = ""
    if carry and parts:
        parts[-1] = f"{parts[-1]} and {carry[:-5]}"
    if len(parts) > cues.MAX_PARTS or len(parts) < 2:
        return [text.strip()]
    return parts


def own_subject(rec: Ask) -> Ask:
    """The ask without the examples it lists after its subject, when what is left still names a topic.

    >>> own_subject(Ask("a", "i", "Advocacy for children, including children with a child protection plan.", "p", "d")).text
    'Advocacy for children.'
    """
    cut = EXAMPLES_AFTER.sub("", rec.text).rstrip(" ,;.") + "."
    return dataclasses.replace(rec, text=cut) if len(content_words(cut)) >= MIN_TOPIC_WORDS - 1 else rec


def derived_status(part_statuses: list[str]) -> str:
    """A compound ask's status from its parts' (the rule the readers of the labels use): Closed if every
    part is Closed, Unknown if every part is Unknown, Open if every part with a status is Open, else
    InProgress.

    >>> derived_status(["Closed", "Closed"]), derived_status(["Open", "Unknown"]), derived_status(["Closed", "Unknown"])
    ('Closed', 'Open', 'InProgress')
    """
    known = {s for s in part_statuses if s != "Unknown"}
    if not known:
        return "Unknown"
    if known == {"Closed"} and "Unknown" not in part_statuses:
        return "Closed"
    if known == {"Open"}:
        return "Open"
    return "InProgress"


def on_parts(ask: str, found: list[Assessment]) -> list[list[Assessment]]:
    """The assessments that speak of each part of a compound ask (none for an ask of one part)."""
    parts = ask_parts(ask)
    if len(parts) < 2:
        return []
    topics = part_topics(parts)
    out: list[list[Assessment]] = [[] for _ in parts]
    for a in found:
        for k in parts_spoken_of(topics, a.passage.text[a.start:a.end]):
            out[k].append(a)
    return out


def part_topics(parts: list[str]) -> list[set[str]]:
    """Each part's topic words that the other parts do not share: what an assessment must name to speak of
    that part alone."""
    words = [set(content_words(p)) - _GENERIC for p in parts]
    return [w - set().union(*(o for k, o in enumerate(words) if k != j)) for j, w in enumerate(words)]


def parts_spoken_of(topics: list[set[str]], quote: str) -> list[int]:
    """The parts (by index) a sentence speaks of: those whose own topic words it names most; every part when
    it names none of them (it speaks of the ask as a whole)."""
    words = set(_content_words(quote))
    shared = [len(t & words) for t in topics]
    best = max(shared, default=0)
    return [k for k, n in enumerate(shared) if n == best] if best else list(range(len(topics)))


def names_own_subject(ask: str) -> bool:
    """Whether an ask's own words say what it is about: not when it has too few topic words beside a phrase
    that points back to the sentence it was taken from.

    >>> names_own_subject("Improving the reach of this service."), names_own_subject("Life story work.")
    (False, True)
    """
    return not POINTS_BACK.search(ask) or len(content_words(ask)) >= MIN_TOPIC_WORDS


def _described(sentence: str) -> tuple[str, str] | None:
    """A described state read as a status: a positive state Closed, a deficit Open, mixed InProgress."""
    found = cues.evaluate(sentence)
    return (cues.READING_STATUS[found[0]], found[1]) if found else None


def _node(a: Assessment, firsts: set[str]) -> str:
    """The assessment's IRI: by its passage (the first sentence read of it), or by passage and sentence."""
    if a.how == "Doubt":
        return iris.assessment_iri(a.rec, f"{a.passage.iri}#doubt={a.start}")
    if a.passage.iri not in firsts:
        firsts.add(a.passage.iri)
        return iris.assessment_iri(a.rec, a.passage.iri)
    return iris.assessment_iri(a.rec, f"{a.passage.iri}#char={a.start}")


def ask_text(topic: str) -> str:
    """The ask a later sentence implies: the problem it says persists.

    >>> ask_text("There continue to be delays in providing access to records when this is requested.")
    'Delays in providing access to records when this is requested.'
    >>> ask_text("At the last inspection, the quality of return home interviews was identified as an area for "
    ...          "improvement.")
    'The quality of return home interviews.'
    >>> ask_text("Improvement in private fostering practice was a recommendation from the last inspection.")
    'Improvement in private fostering practice.'
    """
    text = _FRAME_LEAD.sub("", ASK_LEAD.sub("", topic.strip()))
    framed = _FRAME_TAIL.sub("", text).strip(" ,")
    if framed != text and len(content_words(framed)) >= MIN_TOPIC_WORDS - 1:
        text = framed.rstrip(".") + "."
    return text[:1].upper() + text[1:]


def _cos_text(a: str, b: str) -> float:
    wa, wb = set(content_words(a)), set(content_words(b))
    return len(wa & wb) / math.sqrt(len(wa) * len(wb)) if wa and wb else 0.0


def _date(value: str):
    return ("date", value)
