"""Status cues: each phrase of the brief, with negation and hedges, read as the status it expresses."""

from __future__ import annotations

import pytest

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
    # Nothing about progress.
    ("Children move into suitable placements in a timely way.", None),
    ("Legal gateway meetings provide effective oversight of plans when care proceedings are issued.", None),
    ("The use of special guardianship orders should be promoted for children who no longer need care.", None),
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
