"""Status cues: each phrase of the brief, with negation and hedges, read as the status it expresses."""

from __future__ import annotations

import re

import pytest

from kg import cues
from kg.cues import assess

CASES = [
    # Open: the concern persists.
    ("This is a long-standing problem that was reported in the last inspection and is not yet resolved.", "Open"),
    ("There continue to be delays in providing access to records.", "Open"),
    ("Care leavers have access to their case files, although there remain delays in providing this access.",
     "Open"),
    ("Placement sufficiency remains a challenge in Barnsley.", "Open"),
    ("There is one area for improvement from the previous inspection that still has to be addressed.", "Open"),
    ("The timeliness of Child Protection Conferences is still an issue.", "Open"),
    ("The weakness has not been resolved.", "Open"),
    ("The recording has improved but delays remain a concern.", "Open"),
    # InProgress: movement, not closure.
    ("Arrangements to assess children's health needs have improved since the last inspection.", "InProgress"),
    ("Leaders are beginning to see the impact of the new model.", "InProgress"),
    ("It is too early to evidence the impact of some improvements made.", "InProgress"),
    ("Timeliness is improving.", "InProgress"),
    ("The council has made good progress against its action plan.", "InProgress"),
    ("The problems appear to have been resolved.", "InProgress"),
    ("The backlog is expected to be resolved by March.", "InProgress"),
    # Closed.
    ("Previous inconsistent attendance has now been resolved.", "Closed"),
    ("Drift in planning is no longer a concern.", "Closed"),
    ("A clear escalation protocol is now in place.", "Closed"),
    ("The shortfall in health assessments has been addressed.", "Closed"),
    ("Return home interviews continue to be an area for development.", "Open"),
    ("Limited progress has been made in identifying children in private fostering arrangements.", "Open"),
    ("Insufficient progress has been made against some areas of development.", "Open"),
    # Change without a status word: something new was put in place.
    ("Leaders have also recently introduced no financial detriment for older children leaving care.", "InProgress"),
    ("A specialist return home interview service has been established.", "InProgress"),
    ("The local authority has commissioned a specialist return home interview service.", "InProgress"),
    ("Pathway planning in the care leaver service is now good.", "InProgress"),
    ("Increasing use of the practice model is improving the quality of assessments.", "InProgress"),
    # Nothing about progress.
    ("The health needs of care leavers are understood, so that specific health needs are addressed.", None),
    ("IROs apply robust oversight to plans, which ensures that matters are addressed swiftly.", None),
    ("Children move to child in need plans when their lives have improved.", None),
    ("Core groups do not focus on whether their circumstances are improving.", None),
    ("Leaders have a determined focus on improving children's lives.", None),
    ("The partnership reviews progress against the plan each quarter.", None),
    ("Corporate parenting board members work effectively together as strong corporate parents.", None),
    ("Children move into suitable placements in a timely way.", None),
    ("Legal gateway meetings provide effective oversight of plans when care proceedings are issued.", None),
    ("The use of special guardianship orders should be promoted for children who no longer need care.", None),
    # Change said in a noun, or action taken on the topic: as much as "have improved", no more (issue 13; the
    # sentences are from several councils' reports).
    ("There have been improvements in the arrangements for children who experience private fostering since the "
     "last inspection.", "InProgress"),
    ("There has been an improvement in the quality of assessments.", "InProgress"),
    ("Some significant early improvements have been achieved, most notably in the integrated front door.",
     "InProgress"),
    ("Steps have been taken to improve services for children in private fostering arrangements.", "InProgress"),
    ("Leaders have taken action to improve the timeliness of children moving into pre-proceedings in response to a "
     "small number of children who had not moved into pre-proceeding early enough.", "InProgress"),
    ("Recent action has been taken by senior leaders to improve the coordination of pre-proceedings work for "
     "vulnerable children.", "InProgress"),
    # ... negated or qualified, the noun says no change was made:
    ("There has been little improvement in the way in which assessments evaluate children's needs in respect of "
     "their identity since the inspection.", "Open"),
    ("The current business plan includes a review of aftercare support to develop independence skills, but no "
     "improvements are yet evident.", "Open"),
    ("Some areas for improvement, such as the quality and timeliness of supervision and the timely review of pathway "
     "plans, have not been sufficiently improved.", "Open"),
    # ... and improvements still wanted are no change at all:
    ("Further improvements are required to ensure that care leavers are actively engaged in education, employment "
     "and training and are aware of their entitlements.", None),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_status_of_sentence(sentence, expected):
    found = assess(sentence)
    assert (found[0] if found else None) == expected, found


def test_cue_is_words_of_the_sentence():
    for sentence, _expected in CASES:
        found = assess(sentence)
        if found:
            assert found[1].lower() in sentence.lower()


def test_negated_closure_is_open_not_closed():
    assert assess("The matter is not yet resolved.")[0] == "Open"
    assert assess("The matter is resolved.")[0] == "Closed"


def top_level_branches(pattern: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "(" and pattern[i - 1:i] != "\\":
            depth += 1
        elif ch == ")" and pattern[i - 1:i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    return out + [pattern[start:]]


def test_every_cue_pattern_holds_a_trigger_word():
    """The substring prefilter of kg.cues must never hide a cue: every alternative of every pattern holds a
    trigger word in its required text (optional groups removed), or each choice of a required group does."""
    from kg.cues import _CLOSED, _OPEN, _PROGRESS, TRIGGERS

    def triggered(text: str) -> bool:
        return any(t in text.lower() for t in TRIGGERS)

    for pattern in _OPEN + _PROGRESS + _CLOSED:
        for branch in top_level_branches(pattern):
            required = re.sub(r"\((?:[^()]|\([^()]*\))*\)[?*]", "", branch)
            groups = re.findall(r"\(\?:([^()]*)\)(?![?*])", required)
            plain = re.sub(r"\(\?:[^()]*\)", "", required)
            assert triggered(plain) or any(all(triggered(c) for c in g.split("|")) for g in groups), branch


def test_prefilter_changes_nothing_on_the_cases():
    from kg import cues

    for sentence, expected in CASES:
        low = sentence.lower()
        if not any(t in low for t in cues.TRIGGERS):
            assert cues._ANY_RE.search(sentence) is None and expected is None


# What a later inspection describes: a positive state, a deficit, or mixed, read with negation, hedges and
# quantifiers (issue 13).
EVALUATIONS = [
    ("Care leavers now have up-to-date pathway plans.", "positive"),
    ("Initial health assessments are now completed on time for almost all children in a timely way.", "positive"),
    ("There remain delays in completing initial health assessments.", "deficit"),
    ("Not all plans are SMART.", "deficit"),
    ("Too few care leavers are in education, employment or training.", "deficit"),
    ("Supervision is not consistently recorded.", "deficit"),
    ("Return home interviews are not always timely.", "deficit"),
    ("Most plans are detailed, but some lack clear timescales.", "mixed"),
    ("A majority of assessments are thorough.", "mixed"),
    ("Leaders are beginning to use audits effectively.", "mixed"),
    ("Some children benefit from effective life-story work.", "mixed"),
    ("Children are visited by social workers.", None),
    # A good state qualified in the same sentence (read on the corpus's Closed answers: Surrey's 2024 visit,
    # Southend-on-Sea's 2024 inspection): the heading's words inside a sentence are the inspector's own.
    ("Supervision records are appropriately detailed and focused on the experiences of children, although there "
     "is more work to do to ensure that this is helping children's plans progress.", "mixed"),
    ("Written plans are not routinely explicit enough about what needs to improve, and by when.", "deficit"),
    # Sentences of the status labels (tune part) that the words alone misread. A deficit word in a condition or
    # a relative clause names a case or a group, not a failing:
    ("When risks to children do not reduce, or they increase, children enter the pre-proceedings stage of the "
     "Public Law Outline in a timely way.", "positive"),
    ("For children who do not attend school, bespoke packages of education provision are tailored to meet "
     "individual need.", None),
    # ... one that is kept away or made smaller is something that works:
    ("Once in PLO, children's cases are regularly reviewed with appropriate senior management oversight to "
     "prevent drift and delay.", "positive"),
    ("Since the last inspection, strengthened partnerships have led to significant investment in emotional health "
     "services for children in care and their carers, which has led to reduced waiting times.", "positive"),
    # A good word inside what a deficit word says is missing is part of the deficit:
    ("Most plans for children in need and for children subject to child protection planning are confusing, often "
     "too generalised and lack clear timescales or contingencies to measure children's progress.", "deficit"),
    ("When risks increase, there are delays in taking appropriate protective action.", "deficit"),
    ("However, some children would benefit from more frequent visits and better post-16 transition planning.",
     "deficit"),
    # "the most pressing" is a superlative, not most of the cases:
    ("This has included taking effective action to address the most pressing shortfalls, identified by a focused "
     "visit to the integrated front door in March 2023.", "positive"),
]


# The field's own words of approval and disapproval, each seen in several councils' reports (issue 13); read
# with negation ("not always well considered", "without effective oversight") and quantifiers.
EVALUATIONS += [
    ("Careful consideration is given to matching children with placements that meet their individual and unique "
     "needs.", "positive"),
    ("Children's records reflect the restorative practice model and records are compassionate and thoughtful.",
     "positive"),
    ("Plans and wider records are written in a child-friendly and sensitive way to help children understand "
     "decisions about their lives.", "positive"),
    ("Positively, the audit tool is focused on the child's experience and impact rather than compliance.", "positive"),
    ("Children in need and those in need of protection, including disabled children, now receive the right level of "
     "support in line with their needs.", "positive"),
    ("Management oversight is often formulaic and not personalised to the care leaver's specific needs.", "deficit"),
    ("Practice reviews tend to be over-optimistic.", "deficit"),
    ("Only a very small number of moderated practice reviews include feedback from children and family members.",
     "deficit"),
    ("As a corporate parent, there is more work to be done to support care leavers.", "deficit"),
    ("Managers recognise that they need to do more to improve the accuracy of their data and to further develop "
     "their quality assurance of practice.", "deficit"),
    # Negated, or governed by a word of absence:
    ("Most pathway plans are not child-centred and are difficult to read and understand, due to the large volume of "
     "historical information contained within them.", "deficit"),
    ("However, they do not all contain contingency plans, and so alternative permanence options are not always well "
     "considered.", "deficit"),
    ("A very small number of children have experienced lengthy periods of child protection planning without "
     "effective oversight or review of their circumstances.", "deficit"),
    ("These children have escalated to pre-proceedings without timely specialist assessments being completed when "
     "they were the subject of a child protection plan.", "deficit"),
    ("A significant proportion of children in pre-proceedings have been in this stage of the PLO for a lengthy "
     "period.", "deficit"),
    # A deficit said to be kept away is a good state; one only aimed at is not read:
    ("This avoids unnecessary delay and ensures that placement options are continually monitored.", "positive"),
    ("Parallel planning is evident and reduces delay.", "positive"),
    ("A joint commissioning review of CAMHS has recently reduced waiting times from 28 weeks to six weeks.", "mixed"),
    ("Leaders are aware of this and are working to reduce waiting times.", None),
    ("Very few live in unsuitable accommodation.", None),
    # A good word in the subject of a negated verb is part of what is missing; across a clause break, or after a
    # word that opens a relative clause, it is not:
    ("When parenting does not improve, timely authoritative action to escalate into the pre-proceedings stage of the "
     "public law outline (PLO) is not always taken, leaving some children in ongoing situations of neglect.",
     "deficit"),
    ("Timely permanence is not being achieved for all children.", "deficit"),
    ("A comprehensive joint protocol with housing for the assessment and provision of help for homeless 16- and "
     "17-year-olds is not always applied effectively.", "deficit"),
    ("Appropriate decisions are usually made at the conclusion of these enquiries, although they are not always well "
     "documented.", "mixed"),
    ("The local authority is now taking appropriate action to ensure a more proactive approach to achieving "
     "permanence for children for whom adoption is not the right solution.", "positive"),
    # Quantified: a good state for part of the cases is mixed.
    ("The large majority of social work assessments and plans are good quality.", "mixed"),
    # ... and so is "most ..., but ...": the share before the contrast works.
    ("Most care leavers live in suitable accommodation, but not always in their choice of location.", "mixed"),
    ("Most assessments contain balanced analysis and management oversight, although not all assessments are updated "
     "when situations change.", "mixed"),
    ("Strategy meetings mostly identify relevant actions to safeguard children; however, action plans do not "
     "consistently articulate timescales for their completion.", "mixed"),
    ("Assessments vary in quality.", "deficit"),
]


@pytest.mark.parametrize("sentence,reading", EVALUATIONS)
def test_evaluate_reads_the_state_described(sentence, reading):
    from kg.cues import evaluate

    found = evaluate(sentence)
    assert (found[0] if found else None) == reading


@pytest.mark.parametrize("sentence", [
    ("We have determined that Kirklees Council is the principal authority and should prepare a written statement "
     "of proposed action responding to the findings outlined in this letter."),
    "In the two years before the inspection, 28 serious incident notifications were submitted to Ofsted.",
    "Inspectors met children, young people, carers and a wide range of staff, and their work was effective.",
    "Requires improvement to be good",
    "What needs to improve in this area of social work practice",
    "Next steps: the partnership should prepare a written statement.",
])
def test_inspection_boilerplate_is_read_as_nothing(sentence):
    from kg.cues import boilerplate, evaluate

    assert boilerplate(sentence) and evaluate(sentence) is None


def test_a_change_said_in_a_noun_is_a_change_made():
    """A change made, in a verb or a noun, may close an ask beside a good state; action taken may not."""
    from kg.cues import completed_change

    assert completed_change(assess("There has been an improvement in the quality of assessments.")[1])
    assert completed_change(assess("Arrangements to assess health needs have improved.")[1])
    assert not completed_change(assess("Steps have been taken to improve services for children.")[1])


def test_cue_tables_are_data_in_one_place():
    """The words are tuples of phrases in kg.cues (no pattern syntax), so they can be read and extended."""
    from kg import cues

    tables = (cues.POSITIVE_WORDS, cues.DEFICIT_WORDS, cues.WHOLE_QUANTIFIERS, cues.PARTIAL_QUANTIFIERS,
              cues.MINORITY_QUANTIFIERS, cues.HEDGES, cues.BOILERPLATE_PHRASES)
    for table in tables:
        assert table and all(re.fullmatch(r"[a-z][a-z ,'-]*", w) for w in table), table


@pytest.mark.parametrize("ask,document,same", [
    ("ILACSStandardInspection", "FocusedVisit", True),
    ("SIFInspection", "AreaSENDInspection", False),
    ("AreaSENDInspection", "AreaSENDInspection", True),
    ("JTAI", "ILACSStandardInspection", True),
    ("ILACSStandardInspection", "JTAI", False),
])
def test_remit(ask, document, same):
    from kg.cues import remit, same_remit

    assert same_remit(remit(ask), remit(document)) is same


# ---- scope (issue 13): another group of children, agency, route out of care or board is a near miss.
# Each triple is an ask, a near miss and the evidence a reader found, copied from the status labels (tune part).
SCOPE_CASES = [
    ("Monitoring of the quality and appropriateness of alternative education provision for children in care.",
     "While this is a priority area of focus for senior leaders, they recognise that, while numbers are gradually "
     "increasing, there is more to do to improve the numbers of care leavers accessing education,",
     "The virtual school is ambitious in ensuring that most children in care make excellent educational progress "
     "at school or in other provisions."),
    ("The welfare of children who are missing education or who are home educated is safeguarded",
     "Most children in care attend school regularly.",
     "Senior leaders maintain comprehensive oversight of pupils receiving elective home education."),
    ("The effectiveness of child in need and child protection plans.",
     "The quality of pathway plans is inconsistent.",
     "Most child protection and child-in-need plans are realistic and identify clear, desired outcomes."),
    ("The tracking and monitoring of children missing from education.",
     "The response to children who go missing from home or care.",
     "The local authority tracks children missing from education closely."),
    # "Children who go missing" are missing from home or care (Durham's 2022 report), not missing education.
    ("The tracking and monitoring of children missing from education.",
     "Due to a rise in demand, responses to children who go missing are not always consistently robust.",
     "Children missing education are tracked closely."),
    ("The LSCB should evaluate the impact of its multi-agency training.",
     "Multi-agency training is well attended and its impact is evaluated by leaders.",
     "The LSCB now evaluates the impact of its multi-agency training through audits."),
]


@pytest.mark.parametrize("ask,near_miss,evidence", SCOPE_CASES, ids=[c[0][:40] for c in SCOPE_CASES])
def test_another_scope_is_a_near_miss_and_the_same_scope_is_not(ask, near_miss, evidence):
    from kg.cues import other_scope

    assert other_scope(ask, near_miss)
    assert other_scope(ask, evidence) is None


def test_the_labelled_evidence_is_seldom_of_another_scope():
    """Over every evidence quote the readers found, the scope check keeps almost all (it is a filter on near
    misses, and a false rejection turns an answer into Unknown)."""
    import json
    from pathlib import Path

    from kg.cues import other_scope

    pairs = [(ask["ask_text"], e["quote"]) for f in sorted(Path("tests/expected/status-labels").glob("*.jsonl"))
             for ask in map(json.loads, f.read_text(encoding="utf-8").splitlines())
             for part in ask["parts"] for e in part.get("evidence", [])]
    rejected = [p for p in pairs if other_scope(*p)]
    assert len(pairs) > 400 and len(rejected) <= 0.02 * len(pairs), rejected[:5]


@pytest.mark.parametrize("sentence,reading", [
    # A good state whose take-up is still rising is on its way (Walsall's return home interviews, read
    # Closed on a corpus build and found wrong by the reading check).
    ("The vast majority of children who go missing are offered a timely return home interview and acceptance "
     "of these interviews is increasing.", "mixed"),
    # Rising demand is not a hedge on the good state.
    ("Children are supported well, in response to increasing demand.", "positive"),
])
def test_a_rising_share_is_a_state_on_its_way(sentence, reading):
    from kg.cues import evaluate

    assert evaluate(sentence)[0] == reading


def test_the_readers_readings_of_their_evidence_are_mostly_the_tools():
    """Each evidence quote of the status labels (tune part) carries the reader's reading (positive, deficit or
    mixed). The tool reads a quote sentence by sentence (words of change first, then the state described); the
    readings must agree on most quotes (0.58 before the cue tables learnt conditions, averted deficits, the
    scope of a deficit word and superlatives; 0.61 after; 0.67 once they learnt the field's words of approval
    and disapproval, change said in a noun and "most ..., but ..."; 0.647 once the tune part grew from 19 to 30
    councils with councils never tuned on). benchmarks/eval_readings.py prints the figures and the quotes."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.eval_readings import agreement, labelled

    quotes, _ = labelled("tune")
    found = agreement(quotes)
    assert found["quotes"] > 500 and found["agreement"] >= 0.64, found


def test_eval_readings_compares_the_tools_reading_with_the_readers(tmp_path, capsys):
    """benchmarks/eval_readings.py: agreement per split from a labels folder; a bad line is a one-line error."""
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import eval_readings

    ask = {"council": "wokingham", "ask_text": "Plans.", "near_misses": [{"quote": "Inspectors met children."}],
           "parts": [{"evidence": [{"quote": "Most plans are detailed, but some lack clear timescales.", "reading": "mixed"},
                                   {"quote": "Not all plans are SMART.", "reading": "positive"},
                                   {"quote": "Plans.", "reading": "repeated-ask"}]}]}
    (tmp_path / "a.jsonl").write_text(json.dumps(ask) + "\n", encoding="utf-8")
    assert eval_readings.main(["--labels", str(tmp_path), "--disagree"]) == 0
    out = capsys.readouterr().out
    assert "tune: 2 quotes, read 2, agree 1 (agreement 0.5" in out and "near misses 1: unread 1" in out
    assert "reader positive, tool deficit: Not all plans are SMART." in out
    (tmp_path / "a.jsonl").write_text("{\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"a\.jsonl:1: not JSON"):
        eval_readings.main(["--labels", str(tmp_path)])


@pytest.mark.parametrize("ask,addressed", [
    # A board's name that begins among the ask's first words is its subject, however long the name runs.
    ("The oversight and impact of the corporate parenting board.", True),
    ("The LSCB should evaluate the impact of its training.", True),
    # Named late, as who acts on the ask's subject: not addressed to it.
    ("The influence of the Children in Care Council and the extent to which children's views are heard and acted "
     "upon by the corporate parenting board.", False),
])
def test_an_ask_is_addressed_to_the_board_whose_name_begins_among_its_first_words(ask, addressed):
    assert cues.addressed_to_board(ask) is addressed


def test_officers_are_not_the_police_unless_named_so():
    """Most officers of the field's reports are independent reviewing, senior, welfare or housing officers: an ask
    on IROs' oversight names no agency, so a later finding on IROs that names none is not held back as being about
    the council's work rather than the police's."""
    from kg.cues import other_scope, scopes_named

    ask = "The oversight of children's care plans by independent reviewing officers (IROs) between reviews."
    assert "agency" not in scopes_named(ask)
    assert "agency" not in scopes_named("Senior officers know their roles as corporate parents.")
    assert scopes_named("Police officers share information promptly.") == {"agency": {"police"}}
    assert other_scope("The police response to children who go missing.",
                       "Health visitors share information promptly.") == "agency: health, not police"
