"""IRI minting: stable, valid IRIs for any input, non-ASCII names included."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg import iris

IRI_SAFE = re.compile(r"^https://w3id\.org/inspection-kg/id/[A-Za-z0-9/._-]+$")


@given(st.text())
def test_slug_is_safe_and_its_own_slug(text):
    s = iris.slug(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s), s
    assert iris.slug(s) == s  # a key minted once keeps its form when an IRI is minted from it again


def test_iris_are_the_same_in_every_process():
    """The same input gives the same IRIs in a process with another hash seed (no hash(), no randomness)."""
    import os
    import subprocess
    import sys

    code = ("from kg import iris\n"
            "print(iris.slug('Ynys Môn & Île'), iris.slug('日本'), iris.authority_iri('Barnsley MBC'),\n"
            "      iris.recommendation_iri('b', None, 'Review the plans'), iris.assessment_iri('r', 'p1'))")
    here = " ".join([iris.slug("Ynys Môn & Île"), iris.slug("日本"), iris.authority_iri("Barnsley MBC"),
                     iris.recommendation_iri("b", None, "Review the plans"), iris.assessment_iri("r", "p1")])
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        assert out == here


@given(st.text(), st.sampled_from(["SIFInspection", "JTAI", "FocusedVisit"]), st.dates())
def test_inspection_iris_valid_for_any_name(name, kind, day):
    iri = iris.inspection_iri(iris.authority_slug(name), kind, day.isoformat())
    assert IRI_SAFE.match(iri), iri
    assert iri.endswith("/" + day.isoformat()[:7])  # the month it began, not the day
    assert iri == iris.inspection_iri(iris.authority_slug(name), kind, day.isoformat()[:7])


@given(st.text(min_size=1), st.one_of(st.none(), st.text()))
def test_recommendation_iris_valid(text, number):
    base = iris.inspection_iri("barnsley", "SIFInspection", "2014-06-02")
    assert IRI_SAFE.match(iris.recommendation_iri(base, number, text))


def test_council_name_forms_share_one_iri():
    forms = ["Metropolitan Borough of Barnsley Council", "Barnsley Metropolitan Borough Council",
             "BARNSLEY METROPOLITAN BOROUGH COUNCIL", "Barnsley"]
    assert {iris.authority_iri(f) for f in forms} == {"https://w3id.org/inspection-kg/id/authority/barnsley"}
    assert iris.authority_slug("London Borough of Barnet") == "barnet"
    assert iris.authority_slug("Royal Borough of Kingston upon Thames") == "kingston-upon-thames"


def test_non_ascii_names():
    assert iris.slug("Ynys Môn – Île") == "ynys-mon-ile"


def test_month_level_identity_joins_report_and_mention():
    """A report dated 2012-06-11 and a later mention of "June 2012" name one inspection."""
    assert iris.inspection_iri("barnsley", "SafeguardingLACInspection", "2012-06-11") == \
        iris.inspection_iri("barnsley", "SafeguardingLACInspection", "2012-06")


def test_recommendation_without_number_hashes_normalised_text():
    base = iris.inspection_iri("barnet", "SafeguardingLACInspection", "2012-01-09")
    assert iris.recommendation_iri(base, None, "Review  the plans") == \
        iris.recommendation_iri(base, None, "review the plans")
