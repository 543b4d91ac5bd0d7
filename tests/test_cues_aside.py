"""Readings of the field's wording that held good states back or let near misses in (issue 13): what an ask sets
aside ("whose plan is not adoption") and "to remain" as an aim met."""

import pytest


@pytest.mark.parametrize("sentence,reading", [
    # "to remain" says where a child is helped to stay, or what is kept up: an aim met, not a failing that persists.
    ("Edge of care services help children to remain living safely with their families.", None),
    ("Young people are supported to remain with their foster carers after the age of 18.", None),
    ("Parents are routinely offered support to make the changes needed for their children to remain at home.",
     "positive"),
    ("Investment in the workforce has enabled performance to remain strong.", "positive"),
    # ... but after words of persisting, and without "to", a word of staying says a failing persists.
    ("Caseloads continue to remain too high for some social workers.", "deficit"),
    ("This will continue to remain a challenge for leaders.", "deficit"),
    ("Delays remain in completing initial health assessments.", "deficit"),
    ("Some children remain on child protection plans for too long.", "deficit"),
])
def test_a_word_of_staying_after_to_is_an_aim_not_a_failing(sentence, reading):
    from kg.cues import evaluate

    found = evaluate(sentence)
    assert (found[0] if found else None) == reading


@pytest.mark.parametrize("ask,near_miss,evidence", [
    # An ask that sets a route out of care aside is not met, or failed, by what is said of that route; another route
    # is its topic.
    ("Planning for permanence for children whose plan is not adoption.",
     "When adoption is the plan for permanence, family finding starts early and planning is effective.",
     "Permanence through special guardianship orders is secured in a timely way."),
    ("The timeliness of permanence for children through routes other than adoption.",
     "Adopters are well supported and adoption plans are timely.",
     "Children live with special guardians without delay."),
    # A group set aside the same way.
    ("The quality of support for children in care other than care leavers.",
     "Care leavers have up-to-date pathway plans.",
     "Children in care are visited regularly."),
])
def test_what_an_ask_sets_aside_is_another_scope(ask, near_miss, evidence):
    from kg.cues import other_scope

    assert other_scope(ask, near_miss)
    assert other_scope(ask, evidence) is None


def test_an_ask_naming_a_route_still_wants_that_route():
    from kg.cues import other_scope

    assert other_scope("The timeliness of adoption for children.", "Special guardianship plans are timely.")
    assert other_scope("The timeliness of adoption for children.", "Adoption plans are timely.") is None
