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


def test_impossible_dates_reads_each_form_as_the_plain_patterns_do():
    """impossible_dates' patterns begin with their digit (the look-behind after it), which is faster to search;
    they find what the patterns written look-behind first find, at the edges of words and numbers too."""
    import re

    from kg.dates import _MONTH, impossible_dates, iso_date

    written = re.compile(r"(?<![\w])(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH.format("m")
                         + r",?\s+(?P<y>\d{4})(?!\w)", re.IGNORECASE)
    numbered = re.compile(r"(?<![\d/.])(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?![\d/.])"
                          r"|(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)")

    def plain(text: str) -> list[str]:
        found = [(m.start(), m.group()) for m in written.finditer(text)
                 if iso_date(m.group("y"), m.group("m"), m.group("d")) is None]
        for m in numbered.finditer(text):
            y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
                m.group("iy"), m.group("im"), m.group("id"))
            if iso_date(y, mo, d) is None:
                found.append((m.start(), m.group()))
        return list(dict.fromkeys(words for _, words in sorted(found)))

    texts = ["31 February 2023", "x31 February 2023", "131 February 2023", "on 30th of February, 2021.",
             "29/02/2021", "1/29/02/2021", "a29/02/2021", "329/02/2021", "29.02.2021.", "29/02/20211",
             "2022-13-01", "12022-13-01", "2022-13-011", "x2022-13-01", "31/04/2020 and 2020-04-31",
             "32 March 2020, 0 May 2020, 00/00/0000 and 0000-00-00", "٣١ February 2023", "31/٠٢/2021"]
    for text in texts:
        assert impossible_dates(text) == plain(text), text
    assert impossible_dates("29/02/2021, 2022-13-01") == ["29/02/2021", "2022-13-01"]
