"""Themes: keyword rules tag recommendations, and the table covers exactly the themes of the vocabulary."""

from __future__ import annotations

import pytest

from kg.themes import THEME_KEYWORDS, tag
from kg.vocab import THEMES


def test_every_theme_has_keywords():
    assert set(THEME_KEYWORDS) == set(THEMES)
    assert all(THEME_KEYWORDS[t] for t in THEMES)


def test_access_to_records_is_records_and_care_leavers():
    text = ("The response to access to records requests by young people in care and care leavers needs to be "
            "improved")
    assert {"ThemeRecords", "ThemeCareLeavers"} <= set(tag(text))


def test_acronyms_match_only_as_written():
    assert "ThemeDisabledChildren" in tag("Children with SEND wait too long.")
    assert "ThemeDisabledChildren" not in tag("Social workers send letters.")


def test_plurals_and_case():
    assert "ThemeSufficiency" in tag("FOSTER CARERS are in short supply")
    assert "ThemeDomesticAbuse" in tag("Domestic abuse notifications")


def test_no_theme_for_unrelated_text():
    assert tag("The meeting was held on Tuesday.") == []


def test_theme_word_tests_never_skip_a_match():
    """The plain word test before each theme's pattern is only a shortcut: wherever the pattern matches
    ASCII text (each keyword in capitals and plural, every line of every seed), one of its words is there."""
    from pathlib import Path

    from kg.read import read_document
    from kg.themes import THEME_KEYWORDS, _patterns

    texts = [w.upper() + "S" for words in THEME_KEYWORDS.values() for w in words]
    texts += [f"the {w}s here" for words in THEME_KEYWORDS.values() for w in words]
    for path in sorted((Path(__file__).resolve().parents[1] / "examples" / "documents").glob("*.txt")):
        texts += read_document(path).text.replace("\u2019", "'").split("\n")
    matched, by_acronym = set(), set()
    for theme, words, plain, acronyms, acro in _patterns():
        for t in texts:
            if t.isascii() and plain.search(t):
                matched.add(theme)
                assert any(w in t.lower() for w in words), (theme, t[:80])
            if acro is not None and acro.search(t):  # the acronyms' test: as written, in any text
                by_acronym.add(theme)
                assert any(a in t for a in acronyms), (theme, t[:80])
    assert matched == set(THEME_KEYWORDS)
    assert by_acronym == {theme for theme, *_, acro in _patterns() if acro is not None}


@pytest.mark.parametrize("sentence,theme", [
    # Leicestershire's 2024 finding on its 2019 ask on the pre-proceedings stage of the PLO (tune split): the
    # pre-proceedings are the public law outline's first stage.
    ("However, a small number of children are currently experiencing prolonged periods in pre-proceedings.",
     "ThemePermanenceAdoption"),
    # Wokingham's 2025 finding on disabled children: the plural of "disability".
    ("Children receiving a service from the dedicated children with disabilities team receive strong support.",
     "ThemeDisabledChildren"),
    # Wirral's 2022 finding on life-story work: the keyword's words joined by a hyphen.
    ("Life-story books and later-life letters are sensitively written.", "ThemeRecords"),
    ("Chronologies are not routinely completed.", "ThemeAssessmentPlanning"),
    # Rutland's 2024 findings on its ask on management oversight (tune split): oversight named without
    # "management", by managers or by senior practitioners, is the same quality assurance.
    ("Managers have oversight of children's assessments, plans and reviews.", "ThemeQualityAssurance"),
    # Leicester's 2021 ask on "case file auditing": the work of auditing, not only audits.
    ("The consistency of case file auditing and identification of learning.", "ThemeQualityAssurance"),
    # South Gloucestershire's 2024 finding on its ask on caseloads: the field's other word for them.
    ("Staff describe manageable workloads.", "ThemeWorkforce"),
])
def test_the_fields_wording_of_a_theme_is_tagged(sentence, theme):
    assert theme in tag(sentence)

