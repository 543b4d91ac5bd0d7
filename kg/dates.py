"""Dates as the documents write them, to ISO strings ("2014-06-02", or "2012-06" where only the month is
known). Nothing here raises on odd input: what cannot be read is None, and no parser returns a day the
calendar does not have ("31 February 2023"). Whether a real date is plausible for what it dates is
``implausible``'s question, asked where a date is asserted (kg.emit)."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_RE = "(" + "|".join(m.capitalize() for m in list(MONTHS)[:12]) + ")"  # a month's full name

# The years a date may fall in, by what it dates: none before EARLIEST_YEAR (before the inspections of
# councils' children's services this tool reads), none more than so many years after its reference year.
# A document's own date has the year the tool runs as its reference; the dates a document gives (its
# inspection's) the document's own year; a recommendation's due date its inspection's start.
EARLIEST_YEAR = 1990
YEARS_AFTER_REFERENCE = {"publication": 1, "inspection": 1, "due": 5}

_MONTH = r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
# Any four digits after a month are its year: "5 November 1066" is read as written (and refused where it is
# asserted), never as a day of the document's own year followed by a number.
_YEAR = r"(?P<{}>\d{{4}})"
_SEP = r"\s*(?:–|—|-|to|and|until|till)\s*"
_THIS_YEAR = r"(?P<this>\s+(?:this|of this)\s+year)"
_OF = r"(?:\s+of)?"  # "the 15 and 16 of May 2018"


def _date_pattern(template: str) -> re.Pattern[str]:
    parts = {"d1": _DAY.format("d1"), "d2": _DAY.format("d2"), "m1": _MONTH.format("m1"),
             "m2": _MONTH.format("m2"), "y1": _YEAR.format("y1"), "y2": _YEAR.format("y2"), "sep": _SEP,
             "this": _THIS_YEAR, "of": _OF}
    return re.compile(r"(?<![\w])" + template.format(**parts) + r"(?![\w])", re.IGNORECASE)


# A range of days, each part after the first day optional where the end supplies it: "2 June 2014 – 25 June
# 2014", "26 February to 2 March 2018", "9 – 20 January 2012", "on 5 and 6 November 2024", "the 15 and 16 of
# May 2018", "between 23rd and 27th May this year" (a year given by the caller). Tried at each place in
# turn, the longest reading first.
_RANGE = _date_pattern(r"{d1}(?:,?{of}\s+{m1}(?:,?\s+{y1})?)?,?{sep}{d2},?{of}\s+{m2}(?:,?\s+{y2}|{this})?")
# A list of days runs on past a range to its last day and year: "29 and 30 September, and 1 October 2020".
_LAST_DAY = re.compile(r",?\s*(?:and\s+)?" + _date_pattern(r"{d2}{of}\s+{m2}\s+{y2}").pattern, re.IGNORECASE)
_ONE_DAY = _date_pattern(r"{d1}{of}\s+{m1}(?:\s+{y1})?")
_DAY_MONTH_YEAR = _date_pattern(r"{d1}{of}\s+{m1},?\s+{y1}")
_MONTH_DAY_YEAR = _date_pattern(r"{m1}\s+{d1},\s+{y1}")
_ISO = re.compile(r"(?<!\d)(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)(?!\d)")
_NUMERIC = re.compile(r"(?<![\d/.])(?P<d1>[0-3]?\d)[/.](?P<m1>[01]?\d)[/.](?P<y1>(?:19|20)\d\d)(?![\d/.])")
_MONTH_YEAR = _date_pattern(r"{m1},?\s+{y1}")


def iso_date(year: int | str | None, month: int | str | None, day: int | str | None) -> str | None:
    """The ISO form of a real calendar date (or month, where ``day`` is None); None for any other.

    >>> iso_date(2023, "February", 28), iso_date("2023", "feb", "31"), iso_date(2012, 6, None), iso_date(2012, 13, None)
    ('2023-02-28', None, '2012-06', None)
    """
    try:
        y = int(year)  # type: ignore[arg-type]
        m = int(month) if str(month).isdigit() else MONTHS[str(month).lower().rstrip(".")]
        if day is None:
            return f"{y:04d}-{m:02d}" if 1 <= y <= 9999 and 1 <= m <= 12 else None
        return dt.date(y, m, int(day)).isoformat()
    except (TypeError, ValueError, KeyError):
        return None


def parse_date(text: str, ref_year: int | None = None) -> str | None:
    """The first date in ``text`` as ISO; "June 2012" gives "2012-06". ``ref_year`` completes a date
    written "27th May this year".

    >>> parse_date("Report published: 8 August 2014")
    '2014-08-08'
    >>> parse_date("21 SEPTEMBER 2022"), parse_date("14TH JANUARY 2014"), parse_date("June 2012")
    ('2022-09-21', '2014-01-14', '2012-06')
    >>> parse_date("27th May this year", ref_year=2022), parse_date("no date"), parse_date("31 February 2020")
    ('2022-05-27', None, '2020-02')
    """
    if not isinstance(text, str):
        return None
    found: list[tuple[int, str]] = []
    for rx in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _NUMERIC):
        for m in rx.finditer(text):
            iso = iso_date(m.group("y1"), m.group("m1"), m.group("d1"))
            if iso:
                found.append((m.start(), iso))
                break
    if ref_year:
        m = _date_pattern(r"{d1}\s+{m1}{this}").search(text)
        if m and (iso := iso_date(ref_year, m.group("m1"), m.group("d1"))):
            found.append((m.start(), iso))
    if found:
        return min(found)[1]
    m = _MONTH_YEAR.search(text)
    return iso_date(m.group("y1"), m.group("m1"), None) if m else None


def find_date_range(text: str, ref_year: int | None = None) -> tuple[str | None, str | None] | None:
    """The first date range in ``text`` as (start, end) ISO; a single date gives (date, date); None when
    there is no date. A range with no year ("23rd and 27th May this year") takes ``ref_year``.

    >>> find_date_range("Inspection date: 2 June 2014 – 25 June 2014")
    ('2014-06-02', '2014-06-25')
    >>> find_date_range("Inspection dates: 9 – 20 January 2012")
    ('2012-01-09', '2012-01-20')
    >>> find_date_range("on 5 and 6 November 2024.")
    ('2024-11-05', '2024-11-06')
    >>> find_date_range("took place between 23rd and 27th May this year", ref_year=2022)
    ('2022-05-23', '2022-05-27')
    >>> find_date_range("26 February to 2 March 2018")
    ('2018-02-26', '2018-03-02')
    >>> find_date_range("visited on 14 March 2019"), find_date_range("in June 2012"), find_date_range("none")
    (('2019-03-14', '2019-03-14'), ('2012-06', '2012-06'), None)
    """
    if not isinstance(text, str):
        return None
    got = _first_range(text, ref_year)
    if got:
        return got
    single = parse_date(text, ref_year)
    return (single, single) if single else None


def backwards_range(text: str) -> tuple[str, str] | None:
    """A range whose end, as printed with both years, comes before its start: an impossible date.

    >>> backwards_range("Inspection dates: 25 June 2014 – 2 June 2014")
    ('2014-06-25', '2014-06-02')
    >>> backwards_range("Inspection dates: 2 June 2014 – 25 June 2014") is None
    True
    """
    for m in _RANGE.finditer(text):
        g = m.groupdict()
        if not (g["y1"] and g["y2"]):
            continue
        start = iso_date(g["y1"], g["m1"] or g["m2"], g["d1"])
        end = iso_date(g["y2"], g["m2"], g["d2"])
        if start and end and start > end:
            return start, end
    return None


def _first_range(text: str, year: int | None) -> tuple[str, str] | None:
    """The first range of real days in ``text``; a range with no year takes ``year``."""
    for m in _RANGE.finditer(text):
        got = _range_from(m, text, year)
        if got:
            return got
    return None


def _range_from(m: re.Match[str], text: str, year: int | None) -> tuple[str, str] | None:
    d1, m1, y1, d2, m2, y2 = (m.group(k) for k in ("d1", "m1", "y1", "d2", "m2", "y2"))
    if not y2 and (last := _LAST_DAY.match(text, m.end())):
        m1, d2, m2, y2 = m1 or m2, last.group("d2"), last.group("m2"), last.group("y2")
    y2 = y2 or year
    if y2 is None:
        return None
    end = iso_date(y2, m2, d2)
    start = iso_date(y1 or y2, m1 or m2, d1)
    if start and end and start > end and not y1:  # "28 December to 3 January 2013"
        start = iso_date(int(y2) - 1, m1 or m2, d1)
    if not start or not end or start > end:
        return None
    return start, end


def parse_date_range(text: str, default_year: int | None = None) -> tuple[str | None, str | None]:
    """The first range of days in ``text``, else the first day alone as (day, None); a missing or "this
    year" year is ``default_year``.

    >>> parse_date_range("took place between 23rd and 27th May this year", 2022)
    ('2022-05-23', '2022-05-27')
    >>> parse_date_range("on 5 and 6 November 2024")
    ('2024-11-05', '2024-11-06')
    >>> parse_date_range("from 28 February to 4 March 2022")
    ('2022-02-28', '2022-03-04')
    >>> parse_date_range("carried out on 3 October 2019"), parse_date_range("on 30 and 31 February 2023")
    (('2019-10-03', None), (None, None))
    >>> parse_date_range("on 29 and 30 September, and 1 October 2020"), parse_date_range("the 15 and 16 of May 2018")
    (('2020-09-29', '2020-10-01'), ('2018-05-15', '2018-05-16'))
    """
    got = _first_range(text, default_year)
    if got:
        return got
    m = _ONE_DAY.search(text)
    if m and (m.group("y1") or default_year):
        return iso_date(m.group("y1") or default_year, m.group("m1"), m.group("d1")), None
    return None, None


def add_months(iso: str, months: int) -> str:
    """The day or month ``months`` after ``iso`` (before, where negative); a day past the end of the month
    it comes to is that month's last.

    >>> add_months("2014-01-31", 1), add_months("2012-06-25", 6), add_months("2023-02", -2)
    ('2014-02-28', '2012-12-25', '2022-12')
    """
    day = dt.date.fromisoformat(iso if len(iso) > 7 else iso + "-01") + relativedelta(months=months)
    return day.isoformat() if len(iso) > 7 else day.isoformat()[:7]


def months_before(month: str, n: int) -> set[str]:
    """The ``n`` year-months before the month of ``month`` (a month or a day).

    >>> sorted(months_before("2023-02", 2)), sorted(months_before("2014-06-25", 1))
    (['2022-12', '2023-01'], ['2014-05'])
    """
    return {add_months(month[:7], -k) for k in range(1, n + 1)}


def real_date(iso: str) -> bool:
    """Whether ``iso`` is a day ("2014-06-02") or month ("2012-06") of the calendar.

    >>> real_date("2020-02-29"), real_date("2023-02-31"), real_date("2012-06"), real_date("2012-13")
    (True, False, True, False)
    """
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso or "")
    return bool(m) and iso_date(m.group(1), m.group(2), m.group(3)) == iso


def implausible(iso: str, field: str, reference_year: int) -> str | None:
    """Why ``iso`` cannot be the date of a ``field`` (a key of YEARS_AFTER_REFERENCE) given its reference
    year; None when it can.

    >>> implausible("2014-06-02", "inspection", 2014), implausible("2099-06-01", "inspection", 2014)
    (None, 'is after 2015')
    >>> implausible("1066-10-14", "inspection", 2014), implausible("2023-02-31", "publication", 2026)
    ('is before 1990', 'is not a date of the calendar')
    """
    if not real_date(iso):
        return "is not a date of the calendar"
    year = int(iso[:4])
    if year < EARLIEST_YEAR:
        return f"is before {EARLIEST_YEAR}"
    latest = reference_year + YEARS_AFTER_REFERENCE[field]
    return f"is after {latest}" if year > latest else None


# Both patterns begin with a digit, its look-behind after it: the regex engine then skips to the next digit of
# a document at once, where a pattern that begins with a look-behind (or with alternatives) is tried at every
# character. The numbered forms' first digit is matched once for both (``lead``), the rest in each branch.
_WRITTEN_DAY = re.compile(r"(?P<d>\d(?<!\w\d)\d?)(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH.format("m")
                          + r",?\s+(?P<y>\d{4})(?!\w)", re.IGNORECASE)
_NUMBERED_DAY = re.compile(r"(?P<lead>\d)(?:(?<![\d/.]\d)(?P<d>\d?)[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})(?![\d/.])"
                           r"|(?<!\d\d)(?P<iy>\d{3})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d))")


def impossible_dates(text: str) -> list[str]:
    """The words of each date in ``text`` that the calendar does not have, in order, each once.

    >>> impossible_dates("on 30 and 31 February 2023, 29/02/2021 and 2022-13-01; not 29 February 2024")
    ['31 February 2023', '29/02/2021', '2022-13-01']
    """
    found: list[tuple[int, str]] = []
    for m in _WRITTEN_DAY.finditer(text):
        if iso_date(m.group("y"), m.group("m"), m.group("d")) is None:
            found.append((m.start(), m.group()))
    for m in _NUMBERED_DAY.finditer(text):
        lead = m.group("lead")
        y, mo, d = (m.group("y"), m.group("m"), lead + m.group("d")) if m.group("y") else (
            lead + m.group("iy"), m.group("im"), m.group("id"))
        if iso_date(y, mo, d) is None:
            found.append((m.start(), m.group()))
    return list(dict.fromkeys(words for _, words in sorted(found)))


def words_of(text: str, iso: str) -> str:
    """The words in ``text`` that wrote the date ``iso`` (the day, month and year, or as many of them as
    precede its year), or ``iso`` where the text does not hold its year.

    >>> words_of("The visit took place on 1 June 2099.", "2099-06-01"), words_of("No year here", "2099-06")
    ('1 June 2099', '2099-06')
    """
    m = re.search(r"(?:(?<!\w)\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Za-z]+\.?,?\s+)?(?<!\d)" + iso[:4] + r"(?!\d)", text)
    return m.group() if m else iso
