"""One reading of a range of days: the header's reader (find_date_range) and the letters' (parse_date_range)
read every written form alike."""

from __future__ import annotations

import pytest

from kg.dates import find_date_range, parse_date_range

FORMS = [
    ("Inspection dates: 2 June 2014 – 25 June 2014", ("2014-06-02", "2014-06-25")),
    ("Inspection dates: 9 – 20 January 2012", ("2012-01-09", "2012-01-20")),
    ("26 February to 2 March 2018", ("2018-02-26", "2018-03-02")),
    ("28 December to 3 January 2013", ("2012-12-28", "2013-01-03")),
    ("on 5 and 6 November 2024.", ("2024-11-05", "2024-11-06")),
    ("on 29 and 30 September, and 1 October 2020.", ("2020-09-29", "2020-10-01")),
    ("the 15 and 16 of May 2018", ("2018-05-15", "2018-05-16")),
    ("from 12 till 14 Sept. 2016", ("2016-09-12", "2016-09-14")),
]


@pytest.mark.parametrize("text, days", FORMS)
def test_both_readers_read_a_range_of_days_alike(text, days):
    assert find_date_range(text) == days
    assert parse_date_range(text) == days


def test_a_range_without_its_year_takes_the_year_given():
    text = "took place between 23rd and 27th May this year"
    assert find_date_range(text, 2022) == parse_date_range(text, 2022) == ("2022-05-23", "2022-05-27")
    assert find_date_range(text) is None and parse_date_range(text) == (None, None)
