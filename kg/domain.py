"""The tables of the domain, in one place: the kinds of inspection and the frameworks they belong to, how
documents word each kind, the frameworks' periods and judgement aspects, and how documents name the
inspectorates. Data only; the modules that read documents (kg.classify, kg.extract.header, council,
letters and mentions) look things up here. The inspectorates' own names and the grades of each scale are
vocabulary of the ontology (kg.vocab.INSPECTORATES, kg.vocab.GRADES).

A slow case-insensitive pattern is a ``GuardedPattern`` (kg.wordtest): with the lower-case words every match
holds, and texts it matches; tests/test_wordtest.py checks each.
"""

from __future__ import annotations

import re

from kg.wordtest import GuardedPattern

# ---- kinds and frameworks ----------------------------------------------------------------------------

# Each kind of inspection (a concept of ikg:InspectionKindScheme) and the framework it belongs to.
KIND_FRAMEWORK = {
    "FocusedVisit": "ILACS", "MonitoringVisit": "ILACS", "ILACSStandardInspection": "ILACS",
    "ILACSShortInspection": "ILACS", "SIFInspection": "SIF", "SafeguardingLACInspection": "SafeguardingLAC",
    "JTAI": "JTAI", "AreaSENDInspection": "AreaSEND",
}
# Kinds that give no grades (an "OtherInspection" is graded where its document states a grade).
UNGRADED_KINDS = {"FocusedVisit", "MonitoringVisit", "JTAI", "AreaSENDInspection", "OtherInspection"}
# The full inspections of a council's children's services: each a report of its own.
FULL_KINDS = {"SafeguardingLACInspection", "SIFInspection", "ILACSStandardInspection", "ILACSShortInspection"}
# The frameworks of children's services inspections, each with the month it came into force; before the
# first, none is named here (the 2009-12 framework, "SafeguardingLAC", is taken for earlier dates).
FRAMEWORKS_FROM = (("SIF", "2013-11"), ("ILACS", "2018-01"))
EARLIEST_FRAMEWORK = "SafeguardingLAC"
# The frameworks whose inspections are graded on a scale of their own (kg.vocab.GRADES).
SCALES = ("SafeguardingLAC", "SIF", "ILACS")

# The judgement aspects of a framework as its reports word them, found in a sentence by their key words.
ASPECTS = {
    "ILACS": (
        (re.compile(r"children in care|looked after", re.IGNORECASE), "The experiences and progress of children in care"),
        (re.compile(r"help and protection", re.IGNORECASE),
         "The experiences and progress of children who need help and protection"),
        (re.compile(r"care leavers", re.IGNORECASE), "The experiences and progress of care leavers"),
        (re.compile(r"impact of leaders", re.IGNORECASE),
         "The impact of leaders on social work practice with children and families"),
    ),
    "SIF": (
        (re.compile(r"help and protection", re.IGNORECASE), "Children who need help and protection"),
        (re.compile(r"looked after|permanence|children in care", re.IGNORECASE),
         "Children looked after and achieving permanence"),
        (re.compile(r"leadership", re.IGNORECASE), "Leadership, management and governance"),
        (re.compile(r"safeguarding (children )?board|LSCB", re.IGNORECASE),
         "Effectiveness of the Local Safeguarding Children Board"),
    ),
}

# The same aspects as one key each across frameworks, whatever a reading's wording (the table, the headline, a
# section heading), so that three readings of one report can be compared: (key, words that name it).
# First match wins, so the joined ILACS aspect "children in care and care leavers" comes before its parts.
ASPECT_KEYS: tuple[tuple[str, str], ...] = (
    ("overall effectiveness", r"overall (effectiveness|judgement)|children.s services"),
    ("safeguarding board", r"safeguarding children board|\bLSCB\b"),
    ("children in care and care leavers", r"children in care and care leavers"),
    ("adoption", r"\badoption\b"),
    ("care leavers", r"care leavers"),
    ("children in care", r"children in care|looked after"),
    ("help and protection", r"help and protection"),
    ("leadership", r"impact of leaders|leadership, management"),
)

# ---- how documents word the kinds --------------------------------------------------------------------

_I = re.IGNORECASE | re.MULTILINE

# Titles of the inspections, with the kind and framework each names (kind "ILACS": a standard or short
# inspection, told apart by its dates); the first the head of a document names is its title (kg.classify).
TITLES: tuple[tuple[GuardedPattern, str, str | None], ...] = (
    (GuardedPattern(re.compile(r"joint targeted area inspection|^JTAI\b", _I),
                    ("joint targeted area inspection", "jtai"),
                    ("Joint Targeted Area Inspection of the multi-agency response", "JTAI of Barnsley")),
     "JTAI", "JTAI"),
    (GuardedPattern(re.compile(r"area SEND (?:full )?inspection|local area partnership report|"
                               r"inspection of .{0,60}local area.{0,40}special educational needs", _I),
                    ("area send", "local area partnership report", "special educational needs"),
                    ("Area SEND full inspection", "Local area partnership report",
                     "Inspection of the local area's arrangements for children with special educational needs")),
     "AreaSENDInspection", "AreaSEND"),
    (GuardedPattern(re.compile(r"^(?:re: )?focused visit to|\bfocused visit to|findings of the focused visit", _I),
                    ("focused visit",), ("Focused visit to Barnsley", "Re: focused visit to x",
                                         "findings of the focused visit")),
     "FocusedVisit", None),
    (GuardedPattern(re.compile(r"^(?:re: )?monitoring visit (?:to|of)|\bmonitoring visit (?:to|of)|"
                               r"findings of the monitoring visit", _I),
                    ("monitoring visit",), ("Monitoring visit of Barnet", "findings of the monitoring visit")),
     "MonitoringVisit", None),
    (GuardedPattern(re.compile(r"inspection of (?:safeguarding and )?looked after children services", _I),
                    ("looked after children services",),
                    ("Inspection of safeguarding and looked after children services",
                     "Inspection of looked after children services")),
     "SafeguardingLACInspection", "SafeguardingLAC"),
    (GuardedPattern(re.compile(r"inspection of services for children in need of help and protection,? children "
                               r"looked after", _I),
                    ("inspection of services for children in need of help and protection",),
                    ("inspection of services for children in need of help and protection, children looked after "
                     "and care leavers",)),
     "SIFInspection", "SIF"),
    (GuardedPattern(re.compile(r"\b[Ii]nspection of (?:[A-Z][\w,'&.-]*\s+|and\s+|upon\s+|of\s+|on\s+)*"
                               r"(?:local authority\s+)?[Cc]hildren'?s (?:social care )?services|"
                               # the ILACS title names the council in any form ("the", "city council", "&")
                               # before these words
                               r"(?i:\binspection of [^.]{0,100}?\blocal authority children'?s services)"),
                    ("nspection of",),
                    ("Inspection of the Isle of Wight local authority children's services",
                     "Inspection of Barnsley Metropolitan Borough Council children's services")),
     "ILACS", "ILACS"),
    # The SIF's review of the safeguarding board, published on its own where the board was reviewed apart.
    (GuardedPattern(re.compile(r"review of the effectiveness of the local safeguarding children'?s? board", _I),
                    ("review of the effectiveness of the local safeguarding children",),
                    ("Review of the effectiveness of the Local Safeguarding Children Board",)),
     "SIFInspection", "SIF"),
)
# Where the title is missing from the text layer, the judgement grid's first row names the framework.
GRIDS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^the impact of leaders on social work practice", _I), "ILACS", "ILACS"),
)
# A title of an inspection of no kind above ("Inspection of progress made in ..."), by an inspectorate the
# head names: an ungraded inspection, read like a letter.
OTHER_TITLE = re.compile(r"^inspection of\b", re.IGNORECASE)

# Inspections a council paper may report on, and how it names them (kg.classify: the first its title and
# purpose name, else the one it names most).
PAPER_MENTIONS: tuple[tuple[GuardedPattern, str, str | None], ...] = (
    (GuardedPattern(re.compile(r"joint,? targeted area inspection|\bJTAI\b", re.IGNORECASE),
                    ("targeted area inspection", "jtai"), ("the joint, targeted area inspection", "the JTAI")),
     "JTAI", "JTAI"),
    (GuardedPattern(re.compile(r"area SEND inspection|local area SEND|SEND inspection", re.IGNORECASE),
                    ("send inspection", "local area send"), ("the SEND inspection", "local area SEND")),
     "AreaSENDInspection", "AreaSEND"),
    (GuardedPattern(re.compile(r"focused visit", re.IGNORECASE), ("focused visit",), ("a Focused Visit",)),
     "FocusedVisit", None),
    (GuardedPattern(re.compile(r"monitoring visit", re.IGNORECASE), ("monitoring visit",), ("a monitoring visit",)),
     "MonitoringVisit", None),
    (GuardedPattern(re.compile(r"\bILACS\b|inspection of local authority children'?s services", re.IGNORECASE),
                    ("ilacs", "inspection of local authority children"),
                    ("the ILACS inspection", "inspection of local authority children's services")),
     "OtherInspection", "ILACS"),
    (GuardedPattern(re.compile(r"single inspection framework|\bSIF\b|inspection of services for children in need "
                               r"of help", re.IGNORECASE),
                    ("single inspection framework", "sif", "inspection of services for children in need of help"),
                    ("the single inspection framework", "under the SIF",
                     "an inspection of services for children in need of help and protection")),
     "SIFInspection", "SIF"),
    (GuardedPattern(re.compile(r"inspection of safeguarding and looked after children|safeguarding and looked after "
                               r"children (?:services )?inspection", re.IGNORECASE),
                    ("safeguarding and looked after children",),
                    ("Safeguarding and looked after children services inspection",
                     "the inspection of safeguarding and looked after children")),
     "SafeguardingLACInspection", "SafeguardingLAC"),
    (GuardedPattern(re.compile(r"\bofsted\b.{0,40}\binspection\b|\binspection\b.{0,40}\bofsted\b", re.IGNORECASE),
                    ("ofsted",), ("Ofsted carried out an inspection", "the inspection by Ofsted")),
     "OtherInspection", None),
)
# The kind of inspection a council paper's opening names, where its classification named none
# (kg.extract.council); the first that matches.
PAPER_OPENING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("JTAI", re.compile(r"joint,? targeted area inspection|\bJTAI\b", re.IGNORECASE)),
    ("AreaSENDInspection", re.compile(r"\bSEND\b.*inspection|special educational needs.*inspection", re.IGNORECASE)),
    ("FocusedVisit", re.compile(r"focused visit", re.IGNORECASE)),
    ("MonitoringVisit", re.compile(r"monitoring visit", re.IGNORECASE)),
    ("ILACSStandardInspection",
     re.compile(r"inspection of local authorit(y|ies) children'?s services|ILACS", re.IGNORECASE)),
)

# A council's name as a title gives it (kg.extract.header).
_COUNCIL_NAME = r"(?P<name>[A-Z][\w'&.,-]*(?:\s+(?:[A-Z][\w'&.,-]*|and|upon|on|of|the|in|with|le))*?)"
# Titles naming the authority, with the name captured; tried in order on each passage of the head.
TITLES_NAMING_THE_COUNCIL: tuple[re.Pattern[str], ...] = (
    re.compile(r"[Ii]nspection of " + _COUNCIL_NAME + r"\s+(?:local authority\s+)?[Cc]hildren'?s (?:social care )?"
               r"services"),
    re.compile(r"[Ff]ocused visit to " + _COUNCIL_NAME + r"(?:'s?)?\s+(?:local authority\s+)?children'?s services"),
    re.compile(r"[Mm]onitoring visit (?:to|of) " + _COUNCIL_NAME
               + r"(?:'s?)?\s+(?:local authority\s+)?children'?s services"),
    re.compile(r"[Aa]rea SEND inspection of (?:the\s+)?" + _COUNCIL_NAME + r"\s+[Ll]ocal [Aa]rea [Pp]artnership"),
    re.compile(r"[Jj]oint targeted area inspection of (?:the [\w\s,'/-]+? in\s+)?" + _COUNCIL_NAME + r"\s*$"),
)
# The opening words of a title of any kind above (kg.extract.header finds the title by them).
TITLE_OPENING = re.compile(r"(?:Inspection of|Focused visit to|Monitoring visit|Joint targeted area inspection|"
                           r"Area SEND inspection)", re.IGNORECASE)

# ---- letterheads -------------------------------------------------------------------------------------

# A contact line of an inspectorate's letterhead. The text layer of a letter may put the letterhead's lines
# (address, telephone, email, web address) at the end of its first page, inside a list of asks that goes on
# over the page; kg.normalise drops such a run of lines there.
LETTERHEAD_CONTACT = re.compile(r"@ofsted\.gov\.uk\b|\bwww\.gov\.uk/ofsted\b|^textphone\b", re.IGNORECASE)

# ---- inspectorates -----------------------------------------------------------------------------------

# How a passage names each inspectorate (a key of kg.vocab.INSPECTORATES), in any case: the letters and
# council papers read the inspectorates of a visit from its sentences this way.
INSPECTORATE_NAMES: tuple[tuple[str, GuardedPattern], ...] = (
    ("Ofsted", GuardedPattern(re.compile(r"\bOfsted\b|Office for Standards in Education", re.IGNORECASE),
                              ("ofsted", "office for standards"),
                              ("OFSTED", "the Office For Standards In Education"))),
    ("CQC", GuardedPattern(re.compile(r"\bCQC\b|Care Quality Commission", re.IGNORECASE), ("cqc", "care quality"),
                           ("cqc", "Care quality commission"))),
    ("HMICFRS", GuardedPattern(
        re.compile(r"HMICFRS|Inspectorate of (\(Police\) )?Constabular|HMI Constabulary|HMIC\b", re.IGNORECASE),
        ("hmi", "inspectorate of"),
        ("HMICFRS", "HM inspectorate of (Police) Constabulary", "Inspectorate Of Constabulary", "hmi constabulary",
         "HMIC."))),
    ("HMIProbation", GuardedPattern(re.compile(r"HMI ?Prob|Inspectorate of Probation", re.IGNORECASE),
                                    ("hmi", "inspectorate of"),
                                    ("HMI probation", "HMIProb", "HM Inspectorate of probation"))),
)
# How a document's head names the inspectorates that inspected (kg.extract.header): Ofsted and the CQC by
# their names as capitalised, the others in any case.
INSPECTORATES_INSPECTING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Ofsted", re.compile(r"\bOfsted\b")),
    ("CQC", re.compile(r"\bCare Quality Commission\b|\bCQC\b")),
    ("HMICFRS", re.compile(r"\bHMICFRS\b|\bHMIC\b|Inspectorate of (?:\(?Police\)? )?Constabular|HMI Constabulary",
                           re.IGNORECASE)),
    ("HMIProbation", re.compile(r"\bHMI ?Prob(?:ation)?\b|Inspectorate of Probation", re.IGNORECASE)),
)
