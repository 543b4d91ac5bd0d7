"""Status cues: what a sentence says about how far an earlier concern has been met.

An inspectorate rarely writes "closed". It writes that a concern "remains", "has improved" or "is not
yet resolved". ``assess`` reads one sentence and returns the status it expresses and the words that
said so, or None when it says nothing about progress.

The rules are conservative: when a sentence holds cues of several kinds, the least favourable wins
(Open over InProgress over Closed), a negated closure is Open, and a hedged closure ("appears to have
been resolved", "is expected to be resolved") is only InProgress.

>>> assess("This is a long-standing problem that was reported in the last inspection and is not yet resolved.")
('Open', 'not yet resolved')
>>> assess("There remain delays in providing care leavers with this access.")
('Open', 'remain delays')
>>> assess("Arrangements to assess health needs have improved since the last inspection.")
('InProgress', 'have improved')
>>> assess("Previous concerns around the timeliness of health checks have now been resolved.")
('Closed', 'have now been resolved')
>>> assess("Inconsistent attendance is no longer a concern.")
('Closed', 'no longer a concern')
>>> assess("The problems appear to have been resolved.")
('InProgress', 'appear to have been resolved')
>>> assess("Children move into suitable placements in a timely way.") is None
True
"""

from __future__ import annotations

import functools
import re

from kg.wordtest import GuardedPattern, ascii_lower

# Words that, shortly before a closure word, turn it into its opposite.
_NEGATORS = re.compile(r"\b(not|never|nor|yet to|no|without|cannot|n't|unable to|failed to)\b[\w\s,'-]{0,25}$")

# Hedges: a closure reported with doubt is only progress.
_HEDGES = re.compile(
    r"\b(appears?|appeared|seems?|may|might|should|will|would|expected|hoped|reported|planned|intended|"
    r"aims?|due|likely)\b[\w\s'-]{0,20}$"
)

_OPEN = [
    (r"not yet (?:been )?(?:fully )?(?:resolved|addressed|met|embedded|implemented|in place|completed|achieved|"
    r"effective|evident|consistent|available|gathered|disseminated|able)"),
    r"still (?:has|have|needs?|requires?) to be (?:addressed|resolved|improved|met|tackled|embedded)",
    r"(?:has|have|had) (?:still )?yet to be (?:addressed|resolved|embedded|implemented|met|completed)",
    (r"(?:has|have) not (?:yet )?(?:been )?(?:sufficiently |significantly |fully )?(?:resolved|addressed|improved|met|"
     r"implemented|completed|strengthened)"),
    r"(?:is|are|was|were) (?:still )?(?:unresolved|outstanding)",
    (r"(?:is|are|remains?) (?:still )?(?:an? )?(?:ongoing |long-standing |continuing )?"
    r"(?:concern|issue|problem|weakness|challenge)"),
    r"long-standing (?:problem|issue|concern|weakness)",
    r"there (?:continues?|continued) to be",
    r"continues? to be (?:delays?|a concern|an issue|a problem|weak|poor|inconsistent|variable)",
    (r"remains? (?:a |an )?(?:concern|issue|problem|challenge|weak|poor|inconsistent|variable|limited|"
    r"unresolved|outstanding|in draft|high|low|delays?)"),
    r"remain delays?",
    r"there (?:remains?|remained) (?:a |an |some )?(?:delays?|gaps?|concerns?|weakness(?:es)?|shortfalls?)",
    r"still (?:an? )?(?:issue|concern|problem|delays?|weak|poor)",
    r"no (?:evidence of )?(?:progress|improvements?)",
    r"(?:limited|little|insufficient|slow|minimal) (?:progress|improvements?)",
    r"(?:has|have) (?:deteriorated|declined|worsened)",
    r"needs? to (?:be )?(?:improved?|addressed|strengthened|further embed)",
    (r"(?:continues?|continued|remains?|remained|is still|are still) (?:to be )?(?:an? )?(?:area|priority) for "
    r"(?:improvement|development|action)"),
]

_PROGRESS = [
    (r"(?:has|have|had) (?:now |recently |significantly |further |considerably |greatly |substantially |also )*"
     r"(?:improved|strengthened|progressed|developed|enhanced)"),
    # The same change said in a noun ("there have been improvements in", "improvements have been achieved").
    (r"there (?:has|have|had) been (?:an? |some )?(?:\w+ )?(?:improvements?|strengthening)|"
     r"improvements? (?:has|have|had) been (?:made|achieved|seen|sustained)"),
    # Action taken on the topic: a change under way, not yet its result.
    (r"(?:steps|action|actions) (?:has|have|had) been taken (?:by (?:[\w'’-]+ ){1,4})?to|"
     r"(?:has|have|had) (?:\w+ )?taken (?:\w+ )?(?:steps|action|actions) to"),
    # "improving" only as what the service is doing, not as an aim ("a focus on improving") or as
    # children's lives ("their circumstances are improving").
    r"much-improved|(?:is|are|was|were|been) (?:steadily |gradually |now |also |further )?improving",
    r"improving (?:trend|picture|pattern|trajectory)|(?:succeeded|effective|successful|instrumental) in improving",
    r"beginning to|begun to|started to",
    r"too early to (?:evidence|see|judge|assess|demonstrate|measure)",
    (r"(?:has|have|had) made (?:\w+ )?progress|progress (?:has|had) been made|making (?:\w+ )?progress|"
    r"(?:good|strong|some|considerable|significant|clear|steady|demonstrable|positive|sufficient|further|"
    r"real|notable) progress (?:against|on|towards|in addressing)|(?:still|currently) in progress"),
    (r"work is (?:ongoing|underway|under way|in progress)|(?:is|are) being (?:addressed|developed|implemented|"
    r"reviewed|strengthened)"),
    r"in the process of",
    r"partially (?:met|addressed|resolved)",
    r"(?:is|are) (?:now )?able to",
    # Change without a status word: something new was put in place.
    (r"(?:has|have|had) (?:also |now |recently |since |successfully )*(?:introduced|established|launched|set up|"
    r"put in place|commissioned|redesigned|restructured|revised|refreshed|relaunched)"),
    (r"(?:has|have) (?:also |now |recently )*been (?:introduced|established|launched|set up|put in place|created|"
    r"commissioned|redesigned|restructured|revised|refreshed|relaunched)"),
    r"recently (?:introduced|established|launched|created|commissioned|redesigned|revised|appointed|implemented)",
    r"(?:is|are) now (?!able\b)(?:\w+ )?(?:good|better|stronger|effective|timely|consistent|routinely|regularly)",
]

_CLOSED = [
    r"(?:has|have) (?:now )?(?:been )?(?:fully )?(?:resolved|addressed|met|completed|implemented|rectified)",
    r"(?:is|are|was|were) (?:now )?(?:fully )?(?:resolved|addressed|rectified)",
    r"now (?:firmly |fully )?(?:in place|embedded|established|consistently)",
    r"no longer (?:an? )?(?:concern|issue|problem|the case|evident|apparent|seen|a weakness)",
    r"\bresolved\b",
]


def _compile(patterns: list[str]) -> list[re.Pattern]:
    """In order of specificity: the first pattern that matches names the cue."""
    return [re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for p in patterns]


_OPEN_RE, _PROGRESS_RE, _CLOSED_RE = _compile(_OPEN), _compile(_PROGRESS), _compile(_CLOSED)
# Every cue holds one of these words (tests/test_cues.py checks each pattern): a substring test rules out
# most sentences before the one regular expression that says whether any cue is there at all.
TRIGGERS = (
    "yet", "still", "not", "outstanding", "resolved", "concern", "issue", "problem", "weakness", "challenge",
    "long-standing", "continu", "remain", "progress", "improv", "deteriorat", "declin", "worsen", "need",
    "strengthen", "develop", "begin", "begun", "started", "early", "ongoing", "under", "being", "process",
    "partially", "able", "introduc", "establish", "launch", "set up", "put in place", "commission", "redesign",
    "restructur", "revis", "refresh", "creat", "appointed", "implement", "now", "addressed", "met", "complet",
    "rectified", "no longer", "enhanced", "taken",
)
_ANY_RE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _OPEN + _PROGRESS + _CLOSED) + r")\b", re.IGNORECASE)


# "Needs are addressed", "matters are addressed swiftly": how practice works, not a concern closed.
_PRACTICE_BEFORE = re.compile(r"\b(?:needs?|matters|risks?|queries|complaints)\s*$", re.IGNORECASE)
_PRACTICE_AFTER = re.compile(r"^\s*(?:swiftly|quickly|promptly|appropriately|effectively|well|sensitively|through|by|"
                             r"in a|within|at|as they|when)\b", re.IGNORECASE)


def _describes_practice(sentence: str, m: re.Match) -> bool:
    return "addressed" in m.group(0).lower() and bool(
        _PRACTICE_BEFORE.search(sentence[:m.start()]) or _PRACTICE_AFTER.match(sentence[m.end():]))


# Progress of children's own lives ("when their lives have improved") says nothing about a service.
_LIVES_BEFORE = re.compile(r"\b(?:lives|circumstances|situations?|wellbeing|relationships)\s+(?:\w+\s+)?$",
                           re.IGNORECASE)


def _matches(patterns: list[re.Pattern], sentence: str):
    for p in patterns:
        yield from p.finditer(sentence)


def _negated(sentence: str, start: int) -> bool:
    return bool(_NEGATORS.search(sentence[max(0, start - 40):start].lower()))


def _hedged(sentence: str, m: re.Match) -> str | None:
    """The hedge and the closure words as one cue, when a hedge stands just before them."""
    before = sentence[max(0, m.start() - 30):m.start()]
    h = _HEDGES.search(before.lower())
    if not h:
        return None
    return (before[h.start():] + m.group(0)).strip()


def assess(sentence: str) -> tuple[str, str] | None:
    """The status a sentence expresses ("Open", "InProgress" or "Closed") and its cue words, or None.

    >>> assess("There continue to be delays in providing access to records.")
    ('Open', 'There continue to be')
    >>> assess("It is too early to evidence the impact of these changes.")
    ('InProgress', 'too early to evidence')
    >>> assess("The issue has not been resolved.")
    ('Open', 'has not been resolved')
    """
    low = sentence.lower()
    if not any(t in low for t in TRIGGERS) or not _ANY_RE.search(sentence):
        return None
    found: dict[str, str] = {}
    for m in _matches(_OPEN_RE, sentence):
        if _names_case(sentence, m):
            continue
        found["Open"] = m.group(0)
        break
    for m in _matches(_CLOSED_RE, sentence):
        if _describes_practice(sentence, m):
            continue
        if _negated(sentence, m.start()):
            found.setdefault("Open", sentence[_neg_start(sentence, m.start()):m.end()].strip())
        elif (cue := _hedged(sentence, m)) is not None:
            found.setdefault("InProgress", cue)
        else:
            found.setdefault("Closed", m.group(0))
    for m in _matches(_PROGRESS_RE, sentence):
        if not _negated(sentence, m.start()) and not _LIVES_BEFORE.search(sentence[max(0, m.start() - 40):m.start()]):
            found.setdefault("InProgress", m.group(0).strip())
            break
    for status in ("Open", "InProgress", "Closed"):
        if status in found:
            return status, found[status]
    return None


def _neg_start(sentence: str, start: int) -> int:
    window_start = max(0, start - 40)
    h = _NEGATORS.search(sentence[window_start:start].lower())
    return window_start + h.start() if h else start


# --------------------------------------------------------------------------- described state
# A later inspection rarely says that an ask was met; it describes how the ask's topic works now. These
# tables read such a sentence as a positive state, a deficit, or mixed. They are the domain's words, kept
# here as data; ``evaluate`` only combines them.

# Words that say something works (the topic's state is good).
POSITIVE_WORDS = (
    "effective", "effectively", "timely", "good", "strong", "strengthened", "well", "comprehensive", "robust",
    "clear", "clearly", "appropriate", "appropriately", "prompt", "promptly", "swift", "swiftly", "thorough",
    "thoroughly", "purposeful", "sensitively", "improved", "in place", "regularly",
    "detailed", "high-quality", "high quality", "consistent", "consistently", "well established", "embedded",
    "rigorous", "proportionate", "without delay", "in a timely way", "up to date", "up-to-date", "helpful",
    "successful", "successfully", "positive", "better", "excellent", "outstanding", "skilful", "skilfully",
    "carefully", "well-considered", "routinely", "quickly", "meaningful", "strength", "benefit from",
    "benefits from",
    # Inspectors' words of approval for how the work is done.
    "well considered", "carefully considered", "careful consideration", "child-centred", "child centred",
    "child-focused", "child focused", "child-friendly", "thoughtful", "thoughtfully", "collaboratively",
    "positively", "at the right time", "the right support", "the right level of support",
    "helped to",
)
# Words that say something does not work (a deficit on the topic).
DEFICIT_WORDS = (
    "not always", "not consistently", "not all", "not yet", "not sufficiently", "not routinely", "not timely",
    "not clear", "not effective", "not robust", "not well", "not enough", "not being", "not been", "not in place",
    "do not", "does not", "did not", "is not", "are not", "was not", "were not", "has not", "have not", "cannot",
    "too few", "too long", "too slow", "too late", "too high", "too many", "lack", "lacks", "lacking",
    "limited", "delay", "delays", "delayed", "drift", "inconsistent", "inconsistency", "variable", "variability",
    "varies", "vary", "variation", "weak", "weakness", "weaknesses", "poor", "gaps", "gap", "insufficient",
    "inadequate", "requires improvement", "require improvement", "needs to improve", "need to improve",
    "more to do", "more work to do", "further work", "further improvement", "wait too long", "waiting", "shortfall", "shortfalls",
    "unclear", "absence of", "absent", "missed", "no evidence", "deficit", "remain", "remains", "still",
    "less effective", "less well", "fewer", "superficial", "overly", "out of date", "backlog", "backlogs",
    "hinder", "hinders", "hindered", "ineffective", "not fully", "shortcoming", "shortcomings",
    "more work is needed", "work is needed", "during the inspection", "would benefit from",
    # Inspectors' words of disapproval for how the work is done.
    "more to do", "more work to be done", "more needs to be done", "need to do more", "formulaic", "over-optimistic",
    "overly optimistic", "unsuitable", "disruptive", "only a small number", "only a very small number", "only a few",
    "only a minority", "lengthy",
)
# Words that, just before a deficit word, say it is kept away or made smaller: "to prevent drift and delay",
# "reduced waiting times", "with no delay", "action to address the shortfalls", "very few live in unsuitable
# accommodation" describe something that works.
AVERTING_WORDS = (
    "prevent", "prevents", "preventing", "avoid", "avoids", "avoiding", "reduce", "reduces", "reduced", "reducing",
    "reduction in", "minimise", "minimises", "minimised", "no", "without", "address", "addresses", "addressing",
    "tackle", "tackles", "tackling", "very few",
)
# Those of them that say the deficit was kept away, not only that this is the aim ("which prevents subsequent
# delays", "has reduced drift and delay", but not "work to reduce delays"): a good state in itself.
KEPT_AWAY_WORDS = ("reduces", "reduced", "prevents", "prevented", "minimises", "minimised", "avoids", "avoided")
# A word of staying after an infinitive's "to" says where a child is helped to stay or what is kept up ("supported
# to remain at home", "enables children to remain with their families", "enabled performance to remain strong"),
# not that a failing persists; only after one of STAYING_PERSISTS ("caseloads continue to remain too high", "have had
# to remain at home") does it say that something stayed as it was.
STAYING_WORDS = ("remain",)
STAYING_PERSISTS = ("continue", "continues", "continued", "had", "have", "has")
# Words that open a condition or a relative clause: a deficit word just after one names a case or a group
# ("when risks to children do not reduce, ...", "for children who do not attend school, ..."), or the thing to be
# known ("leaders know what needs to improve"), not a failing.
CONDITION_WORDS = ("when", "if", "unless", "where", "who", "whose", "whom", "what")
# Words that open a sentence with a concession: the good state in the clause they open is granted only to set it
# aside, and the clause after it says how things stand ("While child protection chairs routinely escalate concerns,
# management oversight has not been consistent" is a deficit).
CONCESSIVE_OPENERS = ("while", "whilst", "although", "though")
# Quantifiers over the cases: how much of the topic the sentence speaks for.
WHOLE_QUANTIFIERS = ("all", "almost all", "nearly all", "the vast majority", "vast majority", "every", "without exception")
PARTIAL_QUANTIFIERS = (
    "most", "many", "the majority", "a majority", "majority of", "generally", "usually", "broadly", "largely",
    "mostly", "often", "mainly", "in most", "for most", "overall",
)
MINORITY_QUANTIFIERS = ("some", "a small number", "a minority", "a few", "a number of", "a very small number", "few")
# Hedges: a state on its way, not there yet.
HEDGES = (
    "beginning to", "begun to", "starting to", "started to", "increasingly", "developing", "emerging",
    "improving", "in the early stages", "early stages", "too early", "recently", "newly", "is being", "are being",
    "work is ongoing", "in progress", "not yet fully", "at an early stage", "still embedding", "being embedded",
    # A share still rising ("acceptance of these interviews is increasing"), not a rising demand.
    "is increasing", "are increasing",
)

# The headings of a report's asks, which open a sentence only where the heading runs into the text ("What needs
# to improve in this area of social work practice ..."); inside a sentence they are the inspector's own words
# ("plans are not explicit enough about what needs to improve, and by when"), which may well be evidence.
ASK_HEADINGS = ("what needs to improve", "next steps")

# Inspection boilerplate and method: sentences about the inspection itself, never evidence on an ask.
BOILERPLATE_PHRASES = (
    "principal authority", "written statement of proposed action", "statement of proposed action",
    "serious incident notification", "serious incident notifications", "notifications were submitted",
    "inspectors met", "inspectors spoke", "inspectors looked at", "inspectors considered", "inspectors evaluated",
    "inspectors reviewed", "inspectors held", "inspectors also", "we met", "we spoke", "we looked", "we visited",
    "this inspection", "the inspection was", "the inspection took", "this visit", "this focused visit",
    "this monitoring visit", "this joint", "the joint targeted area inspection", "joint targeted area inspection",
    "inspection framework", "inspecting local authority", "the inspectorates", "ofsted, the care quality commission",
    "care quality commission", "hmicfrs", "hmi probation", "his majesty", "her majesty", "inspection of local authority",
    "was carried out", "were carried out", "evaluated the", "deep dive", "case sampling", "case tracking",
    "this letter", "this report", "the report", "in the previous two years", "in the two years before",
    "in the last two years", "serious case review", "serious case reviews", "rapid review", "rapid reviews",
    "child safeguarding practice review", "practice reviews were", "reviews were",
    "area for improvement", "areas for improvement",
    "the local authority should", "leaders should", "partners should",
    # A judgement's heading or grade is the inspection's verdict on a whole area, not on one ask.
    "requires improvement to be good", "overall effectiveness",
)


def _phrase_re(words) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


_POSITIVE_RE, _DEFICIT_RE = _phrase_re(POSITIVE_WORDS), _phrase_re(DEFICIT_WORDS)
_WHOLE_RE, _PARTIAL_RE = _phrase_re(WHOLE_QUANTIFIERS), _phrase_re(PARTIAL_QUANTIFIERS)
_MINORITY_RE, _HEDGE_RE = _phrase_re(MINORITY_QUANTIFIERS), _phrase_re(HEDGES)
_BOILERPLATE_RE = _phrase_re(BOILERPLATE_PHRASES)
_AVERTED = re.compile(r"\b(?:" + "|".join(map(re.escape, AVERTING_WORDS)) + r")\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
_KEPT_AWAY_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, KEPT_AWAY_WORDS)) + r")\s+(?:[\w'-]+\s+){0,3}?"
                           + _DEFICIT_RE.pattern, re.IGNORECASE)
_STAYING_RE = _phrase_re(STAYING_WORDS)
_PERSISTS_TO = re.compile(r"\b(?:" + "|".join(map(re.escape, STAYING_PERSISTS)) + r")\s+to\s+$", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
# "the most pressing", "the overall quality": of one thing, not a share of the cases.
_SUPERLATIVE = re.compile(r"\b(?:the|its|their)\s+$", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:" + "|".join(map(re.escape, CONDITION_WORDS)) + r")\s+(?:[\w'-]+\s+){0,4}$",
                        re.IGNORECASE)
# Where one clause of a sentence ends and the next begins: a deficit word speaks for what follows it up to here.
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|however|although|though|while|whereas)\b", re.IGNORECASE)
# A deficit that negates its clause's verb: a good word of the clause's subject is part of what is missing.
_NEGATED_VERB = re.compile(r"(?:(?:is|are|was|were|has|have|do|does|did)\s+)?not\b", re.IGNORECASE)
_CONCESSION = re.compile(r"^\W*(?:" + "|".join(map(re.escape, CONCESSIVE_OPENERS)) + r")\b", re.IGNORECASE)
# Where a sentence turns from what works to what does not.
_CONTRAST = re.compile(r"\b(?:but|however|although|though|whereas)\b", re.IGNORECASE)
_ASK_HEADING_RE = re.compile(r"^\W*(?:" + "|".join(map(re.escape, ASK_HEADINGS)) + r")\b", re.IGNORECASE)
# A positive word just after a negation is a deficit ("not effective" is in the table; "not always timely",
# "not as effective", "without effective oversight" are caught here).
_NEGATED_POSITIVE = re.compile(r"\b(?:not|never|no|nor|neither|insufficiently|less|without)\s+(?:\w+\s+){0,2}$",
                               re.IGNORECASE)


# The words of an inspection's judgement ("services for children ... require improvement to be good", "were judged
# to be inadequate"): a grade given in general terms, evidence on an ask only where it names the ask's topic. Only
# with a grade: "where risks are judged to be high" is practice, not a judgement.
JUDGEMENT_PHRASES = ("improvement to be good", "overall effectiveness", *(
    f"judged {how}{grade}" for how in ("", "to be ", "as ") for grade in (
        "good", "outstanding", "inadequate", "adequate", "requires improvement", "requiring improvement")))
_JUDGEMENT_RE = _phrase_re(JUDGEMENT_PHRASES)


def judgement(sentence: str) -> bool:
    """Whether a sentence gives or recalls an inspection's grade.

    >>> judgement("Since the last inspection, some key services have deteriorated and now require improvement to be good.")
    True
    >>> judgement("When risks are judged to be high, immediate action is taken."), judgement("... when they were judged "
    ...                                                                                   "as requires improvement.")
    (False, True)
    """
    return bool(_JUDGEMENT_RE.search(sentence))


def boilerplate(sentence: str) -> bool:
    """Whether a sentence is about the inspection itself (its remit, method, whom it met, what it counted)
    or is an ask: never evidence on an ask.

    >>> boilerplate("We have determined that Kirklees Council is the principal authority and should prepare a "
    ...             "written statement of proposed action.")
    True
    >>> boilerplate("In the two years before the inspection, 28 serious incident notifications were submitted.")
    True
    >>> boilerplate("Care leavers now have up-to-date pathway plans.")
    False
    >>> boilerplate("What needs to improve in this area of social work practice"), boilerplate(
    ...     "Written plans are not routinely explicit enough about what needs to improve, and by when.")
    (True, False)
    """
    return bool(_BOILERPLATE_RE.search(sentence) or _ASK_HEADING_RE.search(sentence))


def evaluate(sentence: str) -> tuple[str, str] | None:
    """How a sentence judges the state of what it describes: ("positive" | "deficit" | "mixed", cue words),
    or None when it judges nothing (or is boilerplate).

    >>> evaluate("Care leavers now have up-to-date pathway plans.")
    ('positive', 'up-to-date')
    >>> evaluate("There remain delays in initial health assessments.")
    ('deficit', 'remain')
    >>> evaluate("Not all plans are SMART.")
    ('deficit', 'Not all')
    >>> evaluate("Most plans are detailed, but some lack clear timescales.")
    ('mixed', 'detailed ... lack')
    >>> evaluate("Most child protection plans are realistic and identify clear outcomes.")
    ('mixed', 'Most ... clear')
    >>> evaluate("Almost all children have their health assessments in a timely way.")
    ('positive', 'in a timely way')
    >>> evaluate("Leaders are beginning to use audits effectively.")
    ('mixed', 'beginning to ... effectively')
    >>> evaluate("Social workers visit children.") is None
    True
    """
    if boilerplate(sentence):
        return None
    deficits = [m for m in _DEFICIT_RE.finditer(sentence) if _findings(sentence, m)]
    goods = sorted([*_POSITIVE_RE.finditer(sentence), *_KEPT_AWAY_RE.finditer(sentence)], key=lambda m: m.start())
    positives = [m for m in goods
                 if not _NEGATED_POSITIVE.search(sentence[max(0, m.start() - 30):m.start()])
                 and not any(d.start() <= m.start() < d.end() or _governs(sentence, d, m) for d in deficits)]
    negated = [m for m in _POSITIVE_RE.finditer(sentence)
               if _NEGATED_POSITIVE.search(sentence[max(0, m.start() - 30):m.start()])]
    if negated and not deficits:
        deficits = negated
    if deficits and positives:
        if _conceded(sentence, positives, deficits):
            return "deficit", deficits[0].group(0)
        return "mixed", f"{positives[0].group(0)} ... {deficits[0].group(0)}"
    if deficits:
        share = _good_share_before(sentence, deficits[0])
        return ("mixed", f"{share.group(0)} ... {deficits[0].group(0)}") if share else ("deficit", deficits[0].group(0))
    if not positives:
        return None
    cue = positives[0].group(0)
    for partial in (_HEDGE_RE.search(sentence), _quantifier(sentence)):
        if partial and not _WHOLE_RE.search(sentence[max(0, partial.start() - 8):partial.end()]):
            return "mixed", f"{partial.group(0)} ... {cue}"
    minority = _MINORITY_RE.search(sentence)
    if minority and minority.start() < positives[0].start():
        return "mixed", f"{minority.group(0)} ... {cue}"
    return "positive", cue


def _conceded(sentence: str, positives: list[re.Match], deficits: list[re.Match]) -> bool:
    """Whether every good word stands in an opening concession and a deficit in the clause after it."""
    opener = _CONCESSION.match(sentence)
    if not opener:
        return False
    brk = re.compile(r"[,;:]").search(sentence, opener.end())
    # "While most care leavers receive good support, some ... have not": good for most of the cases is mixed.
    return bool(brk) and not _quantifier(sentence[:brk.start()]) \
        and all(m.end() <= brk.start() for m in positives) and any(d.start() > brk.end() for d in deficits)


def _good_share_before(sentence: str, deficit: re.Match) -> re.Match | None:
    """The quantifier of a clause that a contrast then qualifies ("Most care leavers live in suitable accommodation,
    but not always in their choice of location"): the readers' "most ..., but ...", a state for part of the cases."""
    before = sentence[:deficit.start()]
    contrast = list(_CONTRAST.finditer(before))
    return _quantifier(before[:contrast[-1].start()]) if contrast else None


def _quantifier(sentence: str) -> re.Match | None:
    """The first quantifier over part of the cases, not counting a superlative ("the most vulnerable children")."""
    return next((m for m in _PARTIAL_RE.finditer(sentence)
                 if not (m.group(0).lower() in ("most", "overall") and _SUPERLATIVE.search(sentence[:m.start()]))), None)


def _findings(sentence: str, deficit: re.Match) -> bool:
    """Whether a deficit word reports a failing: not when it is averted ("to prevent drift and delay") or only
    names a case or a group ("for children who do not attend school")."""
    before = sentence[max(0, deficit.start() - 40):deficit.start()]
    clause = _CLAUSE_BREAK.split(before)[-1]
    return not (_AVERTED.search(clause) or _CONDITION.search(clause) or _staying_aim(deficit, clause))


def _staying_aim(deficit: re.Match, before: str) -> bool:
    """Whether a word of staying follows an infinitive's "to" that no word of persisting leads ("supported to
    remain at home", not "caseloads continue to remain too high")."""
    return bool(_STAYING_RE.fullmatch(deficit.group(0)) and _TO_BEFORE.search(before)
                and not _PERSISTS_TO.search(before))


def _names_case(sentence: str, cue: re.Match) -> bool:
    """Whether words of a status stand in a clause that names a case or the thing to be known ("to know what needs
    to improve", "when risks remain high"): they say nothing of how far the service has come."""
    clause = _CLAUSE_BREAK.split(sentence[max(0, cue.start() - 40):cue.start()])[-1]
    return bool(_CONDITION.search(clause))


def _governs(sentence: str, deficit: re.Match, positive: re.Match) -> bool:
    """Whether a good word falls within what a deficit word before it says is missing ("lack clear timescales",
    "delays in taking appropriate action", "are not routinely providing clear ... recommendations"), or within
    the subject of a verb it negates ("timely authoritative action ... is not always taken")."""
    if deficit.end() <= positive.start():
        return not _CLAUSE_BREAK.search(sentence[deficit.end():positive.start()])
    return bool(_NEGATED_VERB.match(deficit.group(0))) and not _CLAUSE_BREAK.search(
        sentence[positive.end():deficit.start()])


# What each kind of inspection looks at. A sentence of one remit says nothing about an ask of another (an
# area SEND inspection's sentence on EHC plans is not evidence on a children's social care ask).
DEFAULT_REMIT = "children's social care"
REMITS = {"AreaSENDInspection": "SEND", "JTAI": "multi-agency"}
# A remit whose asks another remit's documents may also speak to: a multi-agency ask is met or not in
# children's social care too.
REMIT_READERS = {"multi-agency": {"multi-agency", DEFAULT_REMIT}}


def remit(inspection_kind: str) -> str:
    """The remit of an inspection kind (the local name of its ikg concept)."""
    return REMITS.get(inspection_kind, DEFAULT_REMIT)


# A children's social care ask about the work of the council with its partners ("The multi-agency response to
# children suffering domestic abuse", "Work with partners to strengthen their contribution to early help") is
# also what a joint inspection of those partners speaks of.
JOINT_WORK_WORDS = ("multi-agency", "partners", "partner agencies", "partnership", "agencies")
_JOINT_WORK_RE = _phrase_re(JOINT_WORK_WORDS)


def same_remit(ask_remit: str, document_remit: str, ask: str = "") -> bool:
    """Whether a document of one remit may speak of an ask of another (``ask``: the ask's words).

    >>> same_remit(DEFAULT_REMIT, "multi-agency", "Work with partners to strengthen early help.")
    True
    >>> same_remit(DEFAULT_REMIT, "multi-agency", "The quality of supervision.")
    False
    """
    if ask_remit == DEFAULT_REMIT and document_remit == "multi-agency" and _JOINT_WORK_RE.search(ask):
        return True
    return document_remit in REMIT_READERS.get(ask_remit, {ask_remit})


# The status a described state gives its ask.
READING_STATUS = {"positive": "Closed", "deficit": "Open", "mixed": "InProgress"}


# Words of change that report a change made (not one under way): beside a finding that the topic now works,
# they close the ask ("the timeliness of assessments has improved; children now benefit from ...").
COMPLETED_CHANGE = ("improved", "strengthened", "progressed", "enhanced", "improvement", "improvements")


def completed_change(cue: str) -> bool:
    """Whether a progress cue reports a change made ("have improved") rather than one under way."""
    return bool(re.search(r"\b(?:has|have|had)\b.*\b(?:" + "|".join(COMPLETED_CHANGE) + r")\b", cue, re.IGNORECASE))


# What an ask wants of its subject, where it names it: an ask on "the timeliness of assessments" is met by a
# finding that assessments are timely, not by one that they are thorough. A sentence closes such an ask only
# if it speaks to each aspect the ask names (in any of the aspect's words).
ASPECTS = {
    "timeliness": ("timeliness", "timely", "untimely", "delay", "delays", "delayed", "drift", "promptly", "prompt",
                   "swift", "swiftly", "quickly", "without delay", "on time", "in time", "timescale",
                   "timescales", "wait", "waiting", "waits", "speed", "speedily"),
    # "The consistency of recording to provide evidence of multi-agency reviews of plans" is met by reviews
    # that are recorded, not by reviews that take place.
    "recording": ("record", "records", "recorded", "recording", "recordings", "written", "minutes", "minuted",
                  "documented", "documentation", "case notes", "chronology", "chronologies"),
}
_ASPECT_RES = {name: _phrase_re(words) for name, words in ASPECTS.items()}


def aspects(text: str) -> set[str]:
    """The aspects of ``ASPECTS`` a text names.

    >>> aspects("The timeliness of assessments of children's needs."), aspects("Assessments are thorough.")
    ({'timeliness'}, set())
    """
    return {name for name, pattern in _ASPECT_RES.items() if pattern.search(text)}


# --------------------------------------------------------------------------- scope
# An ask is about one group of children, one agency, one route out of care. A later sentence that names
# another member of the same family and none of the ask's own is about something else, however many words it
# shares ("health assessments for children in care" is no evidence on care leavers' health histories). A
# family the ask does not name does not constrain it: an ask on "plans" may be met by a sentence on
# child protection plans.
SCOPES = {
    "children": {
        "care leavers": ("care leaver", "care leavers", "care-experienced", "care experienced",
                         "pathway plan", "pathway plans", "personal adviser", "personal advisers",
                         "personal advisors", "personal advisor", "staying put", "local offer"),
        "children in care": ("children in care", "child in care", "looked after", "children looked after",
                             "children we care for", "cared-for", "care plans", "virtual school",
                             "placement", "placements", "foster carers", "children's homes"),
        "children in need and protection": ("child in need", "children in need", "child protection",
                                            "child-in-need", "cin", "strategy discussion", "strategy discussions",
                                            "strategy meeting", "strategy meetings", "section 47"),
        "early help": ("early help", "family hub", "family hubs"),
        "disabled children": ("disabled children", "disabled child", "children with disabilities",
                              "children with special educational needs", "send", "ehc plan", "ehc plans",
                              "education, health and care"),
        "homeless 16 and 17 year olds": ("homeless", "homelessness"),
        "separated migrant children": ("unaccompanied", "asylum", "separated migrant"),
        "children missing education": ("missing education", "missing from education", "electively home educated",
                                       "elective home education", "home educated"),
        # "Children who go missing", "missing episodes": the field's words for going missing from home or care
        # (children missing education are "missing education" or "missing from education").
        "children missing from home or care": ("missing from home", "missing from care", "missing from home or care",
                                               "return home interview", "return home interviews", "go missing",
                                               "goes missing", "going missing", "went missing", "gone missing",
                                               "missing episode", "missing episodes"),
        "private fostering": ("private fostering", "privately fostered"),
    },
    "route out of care": {
        "adoption": ("adoption", "adopted", "adopters", "adoptive", "adopt"),
        "special guardianship": ("special guardianship", "special guardians", "sgo", "sgos"),
        "reunification": ("return home", "returned home", "reunification", "reunified", "rehabilitation home"),
        "staying close": ("staying close", "staying put"),
    },
    "agency": {
        "police": ("police",),  # not "officers": most are reviewing, senior, welfare or housing officers
        "health": ("health visitor", "health visitors", "gp", "gps", "midwife", "midwives", "camhs", "nhs",
                   "health partners", "health services", "health practitioners", "health professionals",
                   "health colleagues", "health agencies", "health records", "hospital", "school nurses"),
        "schools": ("schools", "school", "designated safeguarding leads", "education settings"),
        "probation": ("probation", "youth justice", "youth offending"),
        "adult services": ("adult services", "adult social care", "adults' services"),
    },
}
# Asks addressed to a board or partnership: only sentences about that board speak of them.
BOARDS = ("lscb", "lscp", "local safeguarding children board", "safeguarding children board", "safeguarding board",
          "safeguarding partnership", "safeguarding children partnership", "safeguarding partners",
          "corporate parenting board", "corporate parenting panel", "the board", "board members")
# An ask is addressed to a board when one of these opens it or is its subject, i.e. when a board name falls
# within its first words.
BOARD_LEAD_WORDS = 8
# Asks addressed to the local partners (the SEND local area partnership, health and police together): only
# sentences about the partners speak of them.
PARTNERS = ("partnership", "partners", "partner agencies", "multi-agency", "local area", "health", "police",
            "integrated care board", "icb", "clinical commissioning group", "ccg", "education")
ADDRESSEE_WORDS = {"board": BOARDS, "partner": PARTNERS}


def _guarded_phrases(words) -> GuardedPattern:
    """_phrase_re with its word test (kg.wordtest): a text that holds none of the phrases is passed over. The test
    needs only the phrases that hold no other (a text that holds "care leavers" holds "care leaver"), and each of
    them is a text the pattern matches."""
    low = {w.lower() for w in words}
    needed = tuple(sorted(w for w in low if not any(other != w and other in w for other in low)))
    return GuardedPattern(_phrase_re(words), needed, needed)


_SCOPE_RES = {family: {member: _guarded_phrases(words) for member, words in members.items()}
              for family, members in SCOPES.items()}
_BOARD_RE = _phrase_re(BOARDS)
_ADDRESSEE_RES = {kind: _phrase_re(words) for kind, words in ADDRESSEE_WORDS.items()}


def scopes_named(text: str) -> dict[str, set[str]]:
    """The members of each scope family a text names.

    >>> scopes_named("Care leavers' access to their health histories")
    {'children': {'care leavers'}}
    """
    out: dict[str, set[str]] = {}
    low = ascii_lower(text)
    for family, members in _SCOPE_RES.items():
        named = {m for m, pattern in members.items() if pattern.search(text, low)}
        if named:
            out[family] = named
    return out


# Words that say who an ask is about, not what it asks of them ("the quality of child in need and child protection
# plans" asks for plans, of two groups of children).
POPULATION_WORDS = ("child", "children", "young", "people", "person", "family", "families")


# The names of groups of children among the scope words (not their services or processes: "pathway plans",
# "strategy discussions", "children's homes").
_GROUP_NAME = re.compile(r"\b(?:child|children|leavers?)\b(?!['’])", re.IGNORECASE)
_GROUPS_RE = _phrase_re(w for words in SCOPES["children"].values() for w in words if _GROUP_NAME.search(w))


def without_groups(text: str) -> str:
    """A text with the names of the groups of children it names left out: what it says of them.

    >>> without_groups("The quality of child in need and child protection plans.")
    'The quality of  and  plans.'
    >>> without_groups("Ensure that strategy discussions include all relevant agencies.")
    'Ensure that strategy discussions include all relevant agencies.'
    """
    return _GROUPS_RE.sub("", text)


# A visit's own statement of what it looked at ("Inspectors looked at the local authority's arrangements for
# care leavers."): everything it finds is about that, so a good state there speaks for that group alone.
# Only the visit's own words: a report that recalls an earlier visit ("when inspectors looked at arrangements for
# children in need") says nothing of its own scope.
_VISIT_FOCUS = GuardedPattern(
    re.compile(r"\b(?:inspectors|this visit)\s+looked\s+at\s+the\s+local\s+authority['’]s\s+"
               r"arrangements\s+for\s+([^.]{1,200})", re.IGNORECASE),
    ("looked at",), ("Inspectors looked at the local authority's arrangements for care leavers.",))


def visit_focus(text: str) -> set[str]:
    """The groups of children a visit says it looked at (the scope family "children"), or none.

    >>> sorted(visit_focus("Inspectors looked at the local authority’s arrangements for care leavers."))
    ['care leavers']
    >>> visit_focus("Inspectors looked at a range of evidence, including children’s case records.")
    set()
    >>> visit_focus("Since the focused visit in 2019, when inspectors looked at arrangements for children in need")
    set()
    """
    m = _VISIT_FOCUS.search(text)
    return set(scopes_named(m.group(1)).get("children", set())) if m else set()


# The linker asks the same ask and sentence again against each candidate pair: read once (never changed after).
_scopes_of = functools.lru_cache(maxsize=16384)(scopes_named)

# Words by which an ask sets a group, route or agency aside ("permanence for children whose plan is not adoption",
# "routes to permanence other than adoption"): what it names just after them is what the ask is not about.
EXCLUDING_WORDS = ("not", "other than", "apart from", "except", "excluding", "rather than", "besides")
_EXCLUDED_BEFORE = re.compile(r"\b(?:" + "|".join(map(re.escape, EXCLUDING_WORDS)) + r")\s+(?:[\w'’-]+\s+){0,1}$",
                              re.IGNORECASE)


@functools.lru_cache(maxsize=16384)
def excluded_scopes(ask: str) -> dict[str, frozenset[str]]:
    """The members of each scope family an ask names only to set them aside.

    >>> excluded_scopes("Planning for permanence for children whose plan is not adoption.")
    {'route out of care': frozenset({'adoption'})}
    >>> excluded_scopes("The quality of adoption support.")
    {}
    """
    low = ascii_lower(ask)
    out: dict[str, frozenset[str]] = {}
    for family, members in _SCOPE_RES.items():
        named = {m for m, pattern in members.items() if pattern.search(ask, low)}
        aside = {m for m in named if all(_EXCLUDED_BEFORE.search(ask[:hit.start()])
                                         for hit in members[m].finditer(ask))}
        if aside:
            out[family] = frozenset(aside)
    return out


def addressed_to_board(ask: str) -> bool:
    """Whether an ask is addressed to a board or partnership (it names one among its first words).

    >>> addressed_to_board("The LSCB should evaluate the impact of its training.")
    True
    >>> addressed_to_board("Social workers should use the threshold document agreed by the safeguarding board.")
    False
    >>> addressed_to_board("The oversight and impact of the corporate parenting board.")
    True
    """
    lead = " ".join(ask.split()[:BOARD_LEAD_WORDS])
    # A board's name that begins among the first words names it, however long the name ("The oversight and impact
    # of the corporate parenting board").
    m = _BOARD_RE.search(" ".join(ask.split()))
    return bool(m) and m.start() < len(lead)


def other_scope(ask: str, sentence: str, addressee: str = "") -> str | None:
    """Why a sentence that shares words with an ask is about something else (another group of children,
    route out of care or agency; not the board or partners the ask is addressed to), or None when its scope
    may be the ask's. ``addressee`` is the kind of body the ask is addressed to, when known ("board",
    "partner"; the council's own asks need no such check).

    >>> other_scope("Care leavers' access to their health histories.",
    ...             "Initial health assessments for children in care are timely.")
    'children: children in care, not care leavers'
    >>> other_scope("The LSCB should monitor the effectiveness of early help.",
    ...             "Early help is effective and timely.")
    'not about the board the ask is addressed to'
    >>> other_scope("Care leavers' access to their health histories.",
    ...             "Care leavers now receive their health histories.") is None
    True
    """
    if addressee in _ADDRESSEE_RES and not _ADDRESSEE_RES[addressee].search(sentence):
        return f"not about the {addressee} the ask is addressed to"
    if addressed_to_board(ask) and not _BOARD_RE.search(sentence):
        return "not about the board the ask is addressed to"
    aside = excluded_scopes(ask)
    wanted = {family: named - aside.get(family, frozenset()) for family, named in _scopes_of(ask).items()}
    for family, named in _scopes_of(sentence).items():
        if named <= aside.get(family, frozenset()):
            return f"{family}: {', '.join(sorted(named))}, which the ask sets aside"
        if wanted.get(family) and named.isdisjoint(wanted[family]):
            return f"{family}: {', '.join(sorted(named))}, not {', '.join(sorted(wanted[family]))}"
    return None


def other_group(ask: str, other: str) -> bool:
    """Whether an ask is about a group of children (named in its first part, where it says what it asks for) that
    another ask does not name at all: the two are not one ask, however alike their words. A group named only in
    what an ask goes on to include is an example, not its subject.

    >>> other_group("The consistency of management oversight for disabled children.",
    ...             "Management oversight and supervision to ensure that practice is consistent.")
    True
    >>> other_group("The quality of direct work, including life-story work with children in care.",
    ...             "The priority given to direct work with children.")
    False
    """
    wanted = _scopes_of(PART_SPLIT.split(ask)[0]).get("children", set())
    return bool(wanted) and wanted.isdisjoint(_scopes_of(other).get("children", set()))


# Words an ask opens with when it asks again for work already begun ("Continue the work on improving the
# consistency and quality of supervision", "Further develop the use of performance data"): the ask says itself
# that an earlier one is not yet done.
REPETITION_OPENERS = ("continue", "continues", "further")
_REPETITION_RE = re.compile(r"^\W*(?:" + "|".join(REPETITION_OPENERS) + r")\b", re.IGNORECASE)


def asks_to_continue(ask: str) -> bool:
    """Whether an ask opens with a word of repetition.

    >>> asks_to_continue("Continue the work on improving the quality of supervision.")
    True
    >>> asks_to_continue("The continued use of agency staff.")
    False
    """
    return bool(_REPETITION_RE.match(ask))


# --------------------------------------------------------------------------- parts of a compound ask
# Where one ask turns to the next thing it asks for ("..., including the quality of contingency planning",
# "... and the quality of decision-making within strategy discussions"). A piece without words of its own
# topic ("The timeliness and the quality of ...") is not a part: it joins the next one.
PART_SEPARATORS = (
    r",\s+including\s+", r"\s+including\s+(?=(?:the|that|how|their|its|those|effective)\b)", r",?\s+as well as\s+",
    r";\s+", r",\s+and\s+(?:to\s+|that\s+)?", r"\s+and\s+(?=(?:the|to|all)\s)",
)
PART_SPLIT = re.compile("|".join(f"(?:{p})" for p in PART_SEPARATORS), re.IGNORECASE)
MAX_PARTS = 4  # beyond this, the pieces are a list of examples, not separate asks
