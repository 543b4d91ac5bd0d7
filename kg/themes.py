"""Themes: tag recommendations and findings with the concepts of ikg:ThemeScheme by keyword rules.

This table is the source of truth for the keywords; ontology/schemes.ttl carries them as skos:altLabel
so that people querying the graph see why a theme was given.

>>> tag("The response to access to records requests by young people in care and care leavers needs to be improved")
['ThemeCareLeavers', 'ThemeRecords']
>>> tag("Police and children's social care should develop a shared understanding of risk where domestic abuse is a concern.")
['ThemeDomesticAbuse', 'ThemePartnerships']
>>> tag("Nothing relevant here.")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.vocab import THEMES
from kg.wordtest import ascii_lower, may_hold

# Keywords are matched as whole words, case-insensitively, with an optional plural "s"/"es" ("ies" for a final
# "y": "disabilities", "chronologies"), a space and a hyphen alike ("life-story work", "long term fostering").
THEME_KEYWORDS: dict[str, tuple[str, ...]] = {
    "ThemeEarlyHelp": ("early help", "early intervention", "family support", "troubled families", "CAF",
                       "common assessment framework", "stronger families", "think family", "family group conference",
                       "family group conferencing"),
    "ThemeFrontDoor": ("front door", "MASH", "multi-agency safeguarding hub", "contact and referral", "referral",
                       "threshold", "first response", "duty and assessment", "emergency duty team", "EDT"),
    "ThemeDomesticAbuse": ("domestic abuse", "domestic violence", "MARAC", "coercive control"),
    "ThemeExploitationMissing": ("exploitation", "CSE", "criminal exploitation", "county lines", "missing",
                                 "return home interview", "return interview", "trafficking", "runaway"),
    "ThemeAssessmentPlanning": ("assessment", "care plan", "child in need plan", "plans", "planning",
                                "chronology", "SMART", "review report"),
    "ThemeChildProtection": ("child protection", "strategy meeting", "strategy discussion", "section 47", "s47",
                             "case conference", "child protection conference", "core group",
                             "significant harm", "protection plan"),
    "ThemePermanenceAdoption": ("permanence", "permanency", "adoption", "adoptive", "special guardianship",
                                "long-term fostering", "placement stability", "public law outline", "PLO",
                                "care proceedings", "pre-proceedings", "matching", "26-week"),
    "ThemeEducation": ("education", "virtual school", "personal education plan", "PEP", "attainment",
                       "school attendance", "exclusion", "educational"),
    "ThemeCareLeavers": ("care leaver", "leaving care", "pathway plan", "pathway planning", "personal adviser",
                         "personal advisor", "staying put", "NEET", "suitable accommodation", "independence",
                         "homeless", "homelessness"),
    "ThemeRecords": ("record", "recording", "case file", "case record", "access to records",
                     "information sharing", "files", "life story", "life history", "later life letter"),
    "ThemeWorkforce": ("workforce", "social workers", "caseload", "workload", "supervision", "recruitment", "retention",
                       "agency staff", "agency workers", "training", "career pathway", "professional development"),
    "ThemeCorporateParenting": ("corporate parenting", "corporate parent", "children in care council",
                                "pledge"),
    "ThemePartnerships": ("partnership", "multi-agency", "partners", "LSCB", "LSCP", "safeguarding partnership",
                          "joint working", "police", "safeguarding children board", "health and wellbeing board"),
    "ThemeHealth": ("health", "health assessment", "CAMHS", "mental health", "emotional wellbeing", "dental",
                    "immunisation"),
    "ThemeQualityAssurance": ("quality assurance", "audit", "auditing", "performance management", "performance information",
                              "oversight", "serious case review", "learning lessons",
                              "evaluate", "evaluating", "scorecard"),
    "ThemeVoiceOfChild": ("voice of the child", "child's voice", "views of children", "wishes and feelings",
                          "participation", "advocacy", "advocate", "direct work", "independent visitor"),
    "ThemeSufficiency": ("sufficiency", "placements", "foster carers", "fostering", "residential", "out of area",
                         "unregistered", "children's homes", "local homes"),
    "ThemeDisabledChildren": ("disabled children", "disability", "SEND", "special educational needs",
                              "EHC plan", "short breaks", "complex health needs"),
    "ThemeLeadership": ("leadership", "governance", "senior leaders", "elected members", "scrutiny",
                        "senior managers", "political leaders"),
}

assert set(THEME_KEYWORDS) == set(THEMES), "every theme of kg.vocab.THEMES has keywords, and no other"

# Acronyms are matched case-sensitively so that "send" or "cafe" never tag a theme.
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}$")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, tuple[str, ...], re.Pattern, tuple[str, ...], re.Pattern | None]]:
    """(theme, its words in lower case, the pattern of its words, its acronyms, the pattern of its acronyms)."""
    out = []
    for theme in sorted(THEME_KEYWORDS):
        words = [w for w in THEME_KEYWORDS[theme] if not _ACRONYM.match(w)]
        acronyms = tuple(w for w in THEME_KEYWORDS[theme] if _ACRONYM.match(w))
        plain = re.compile(r"\b(?:" + "|".join(map(_keyword_pattern, words)) + r")\b", re.IGNORECASE)
        acro = re.compile(r"\b(?:" + "|".join(map(re.escape, acronyms)) + r")s?\b") if acronyms else None
        out.append((theme, tuple(dict.fromkeys(map(_guard_word, words))), plain, acronyms, acro))
    return out


def _keyword_pattern(word: str) -> str:
    """A keyword's pattern: its plural, and a space or a hyphen between its words."""
    stem, plural = (word[:-1], "(?:y|ies)") if word.endswith("y") else (word, "")
    return r"[\s-]".join(map(re.escape, re.split(r"[ -]", stem))) + plural + "(?:e?s)?"


def _guard_word(word: str) -> str:
    """What every match of a keyword holds in lower case: its first word, less a final "y" ("disabilit")."""
    first = re.split(r"[ -]", word.lower())[0]
    return first[:-1] if first.endswith("y") and len(first) > 1 else first


def tag(text: str) -> list[str]:
    """The themes whose keywords occur in the text, sorted by name."""
    return list(_tag(text))


@lru_cache(maxsize=65536)
def _tag(text: str) -> tuple[str, ...]:
    text = text.replace("\u2019", "'")
    low = ascii_lower(text)  # a theme none of whose words the text holds is passed over (kg.wordtest)
    return tuple(theme for theme, words, plain, acronyms, acro in _patterns()
                 if may_hold(low, words) and plain.search(text) or (acro is not None and _holds_any(text, acronyms)
                                                                   and acro.search(text)))


def _holds_any(text: str, acronyms: tuple[str, ...]) -> bool:
    """Whether the text holds one of the acronyms as it is written (their pattern is case-sensitive, so a text
    without one cannot match it)."""
    for a in acronyms:
        if a in text:
            return True
    return False
