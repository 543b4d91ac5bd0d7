"""Themes: keyword rules tag recommendations, and the table covers exactly the themes of the vocabulary."""

from __future__ import annotations

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
