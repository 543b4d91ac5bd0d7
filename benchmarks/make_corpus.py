"""Generate a deterministic, realistic benchmark corpus from the seed documents.

Each seed (examples/documents/*.txt) is rewritten into another English local authority and another
date: the council's names, its safeguarding board's acronym, police force, region and neighbours are
replaced; every date in a document moves by the same number of years and days; grades move along the
document's own framework scale; some numbered paragraphs are swapped within their section and renumbered.
Headings, numbering, areas for improvement and PDF artefacts (stray page numbers, odd bullets) stay.

    python benchmarks/make_corpus.py --authorities 153 --docs-per-authority 8 --seed 1 --out /tmp/corpus

The same arguments always give byte-identical files (no clock, no hash randomisation, only seeded RNGs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "documents"

# name | type (london, met, county, unitary, city) | police force | region. Real English councils with
# children's services responsibilities.
AUTHORITIES_TEXT = """\
Barking and Dagenham|london|Metropolitan Police|London
Barnet|london|Metropolitan Police|London
Bexley|london|Metropolitan Police|London
Brent|london|Metropolitan Police|London
Bromley|london|Metropolitan Police|London
Camden|london|Metropolitan Police|London
City of London|corporation|City of London Police|London
Croydon|london|Metropolitan Police|London
Ealing|london|Metropolitan Police|London
Enfield|london|Metropolitan Police|London
Greenwich|royal|Metropolitan Police|London
Hackney|london|Metropolitan Police|London
Hammersmith and Fulham|london|Metropolitan Police|London
Haringey|london|Metropolitan Police|London
Harrow|london|Metropolitan Police|London
Havering|london|Metropolitan Police|London
Hillingdon|london|Metropolitan Police|London
Hounslow|london|Metropolitan Police|London
Islington|london|Metropolitan Police|London
Kensington and Chelsea|royal|Metropolitan Police|London
Kingston upon Thames|royal|Metropolitan Police|London
Lambeth|london|Metropolitan Police|London
Lewisham|london|Metropolitan Police|London
Merton|london|Metropolitan Police|London
Newham|london|Metropolitan Police|London
Redbridge|london|Metropolitan Police|London
Richmond upon Thames|london|Metropolitan Police|London
Southwark|london|Metropolitan Police|London
Sutton|london|Metropolitan Police|London
Tower Hamlets|london|Metropolitan Police|London
Waltham Forest|london|Metropolitan Police|London
Wandsworth|london|Metropolitan Police|London
Westminster|city|Metropolitan Police|London
Bolton|met|Greater Manchester Police|North West
Bury|met|Greater Manchester Police|North West
Manchester|city|Greater Manchester Police|North West
Oldham|met|Greater Manchester Police|North West
Rochdale|met|Greater Manchester Police|North West
Salford|city|Greater Manchester Police|North West
Stockport|met|Greater Manchester Police|North West
Tameside|met|Greater Manchester Police|North West
Trafford|met|Greater Manchester Police|North West
Wigan|met|Greater Manchester Police|North West
Knowsley|met|Merseyside Police|North West
Liverpool|city|Merseyside Police|North West
Sefton|met|Merseyside Police|North West
St Helens|met|Merseyside Police|North West
Wirral|met|Merseyside Police|North West
Barnsley|met|South Yorkshire Police|Yorkshire and the Humber
Doncaster|met|South Yorkshire Police|Yorkshire and the Humber
Rotherham|met|South Yorkshire Police|Yorkshire and the Humber
Sheffield|city|South Yorkshire Police|Yorkshire and the Humber
Bradford|city|West Yorkshire Police|Yorkshire and the Humber
Calderdale|met|West Yorkshire Police|Yorkshire and the Humber
Kirklees|met|West Yorkshire Police|Yorkshire and the Humber
Leeds|city|West Yorkshire Police|Yorkshire and the Humber
Wakefield|met|West Yorkshire Police|Yorkshire and the Humber
Gateshead|met|Northumbria Police|North East
Newcastle upon Tyne|city|Northumbria Police|North East
North Tyneside|met|Northumbria Police|North East
South Tyneside|met|Northumbria Police|North East
Sunderland|city|Northumbria Police|North East
Birmingham|city|West Midlands Police|West Midlands
Coventry|city|West Midlands Police|West Midlands
Dudley|met|West Midlands Police|West Midlands
Sandwell|met|West Midlands Police|West Midlands
Solihull|met|West Midlands Police|West Midlands
Walsall|met|West Midlands Police|West Midlands
Wolverhampton|city|West Midlands Police|West Midlands
Cambridgeshire|county|Cambridgeshire Constabulary|East of England
Derbyshire|county|Derbyshire Constabulary|East Midlands
Devon|county|Devon and Cornwall Police|South West
East Sussex|county|Sussex Police|South East
Essex|county|Essex Police|East of England
Gloucestershire|county|Gloucestershire Constabulary|South West
Hampshire|county|Hampshire Constabulary|South East
Hertfordshire|county|Hertfordshire Constabulary|East of England
Kent|county|Kent Police|South East
Lancashire|county|Lancashire Constabulary|North West
Leicestershire|county|Leicestershire Police|East Midlands
Lincolnshire|county|Lincolnshire Police|East Midlands
Norfolk|county|Norfolk Constabulary|East of England
North Yorkshire|county|North Yorkshire Police|Yorkshire and the Humber
Nottinghamshire|county|Nottinghamshire Police|East Midlands
Oxfordshire|county|Thames Valley Police|South East
Somerset|county|Avon and Somerset Police|South West
Staffordshire|county|Staffordshire Police|West Midlands
Suffolk|county|Suffolk Constabulary|East of England
Surrey|county|Surrey Police|South East
Warwickshire|county|Warwickshire Police|West Midlands
West Sussex|county|Sussex Police|South East
Worcestershire|county|West Mercia Police|West Midlands
Cumbria|county|Cumbria Constabulary|North West
Northamptonshire|county|Northamptonshire Police|East Midlands
Bath and North East Somerset|unitary|Avon and Somerset Police|South West
Bedford|borough|Bedfordshire Police|East of England
Blackburn with Darwen|borough|Lancashire Constabulary|North West
Blackpool|unitary|Lancashire Constabulary|North West
Bournemouth, Christchurch and Poole|unitary|Dorset Police|South West
Bracknell Forest|unitary|Thames Valley Police|South East
Brighton and Hove|city|Sussex Police|South East
Bristol|city|Avon and Somerset Police|South West
Buckinghamshire|unitary|Thames Valley Police|South East
Central Bedfordshire|unitary|Bedfordshire Police|East of England
Cheshire East|unitary|Cheshire Constabulary|North West
Cheshire West and Chester|unitary|Cheshire Constabulary|North West
Cornwall|unitary|Devon and Cornwall Police|South West
Darlington|borough|Durham Constabulary|North East
Derby|city|Derbyshire Constabulary|East Midlands
Dorset|unitary|Dorset Police|South West
Durham|county|Durham Constabulary|North East
East Riding of Yorkshire|unitary|Humberside Police|Yorkshire and the Humber
Halton|borough|Cheshire Constabulary|North West
Hartlepool|borough|Cleveland Police|North East
Herefordshire|unitary|West Mercia Police|West Midlands
Isle of Wight|unitary|Hampshire Constabulary|South East
Kingston upon Hull|city|Humberside Police|Yorkshire and the Humber
Leicester|city|Leicestershire Police|East Midlands
Luton|borough|Bedfordshire Police|East of England
Medway|unitary|Kent Police|South East
Middlesbrough|unitary|Cleveland Police|North East
Milton Keynes|city|Thames Valley Police|South East
North East Lincolnshire|unitary|Humberside Police|Yorkshire and the Humber
North Lincolnshire|unitary|Humberside Police|Yorkshire and the Humber
North Northamptonshire|unitary|Northamptonshire Police|East Midlands
North Somerset|unitary|Avon and Somerset Police|South West
Northumberland|county|Northumbria Police|North East
Nottingham|city|Nottinghamshire Police|East Midlands
Peterborough|city|Cambridgeshire Constabulary|East of England
Plymouth|city|Devon and Cornwall Police|South West
Portsmouth|city|Hampshire Constabulary|South East
Reading|borough|Thames Valley Police|South East
Redcar and Cleveland|borough|Cleveland Police|North East
Rutland|county|Leicestershire Police|East Midlands
Shropshire|unitary|West Mercia Police|West Midlands
Slough|borough|Thames Valley Police|South East
South Gloucestershire|unitary|Avon and Somerset Police|South West
Southampton|city|Hampshire Constabulary|South East
Southend-on-Sea|city|Essex Police|East of England
Stockton-on-Tees|borough|Cleveland Police|North East
Stoke-on-Trent|city|Staffordshire Police|West Midlands
Swindon|borough|Wiltshire Police|South West
Telford and Wrekin|unitary|West Mercia Police|West Midlands
Thurrock|unitary|Essex Police|East of England
Torbay|unitary|Devon and Cornwall Police|South West
Warrington|borough|Cheshire Constabulary|North West
West Berkshire|unitary|Thames Valley Police|South East
West Northamptonshire|unitary|Northamptonshire Police|East Midlands
Wiltshire|unitary|Wiltshire Police|South West
Windsor and Maidenhead|royal|Thames Valley Police|South East
Wokingham|borough|Thames Valley Police|South East
York|city|North Yorkshire Police|Yorkshire and the Humber
Isles of Scilly|unitary|Devon and Cornwall Police|South West
"""

# The seeds' own authorities, and the place names around them that must go too.
SEED_AUTHORITIES = ("Barnsley", "Barnet")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass(frozen=True)
class Authority:
    name: str
    type: str
    police: str
    region: str

    @property
    def formal(self) -> str:
        """The council's formal name, as a report's title page gives it."""
        return {
            "london": f"London Borough of {self.name}",
            "royal": f"Royal Borough of {self.name}",
            "corporation": "City of London Corporation",
            "met": f"{self.name} Metropolitan Borough Council",
            "city": f"{self.name} City Council",
            "county": f"{self.name} County Council",
            "borough": f"{self.name} Borough Council",
        }.get(self.type, f"{self.name} Council")

    @property
    def initials(self) -> str:
        return "".join(w[0] for w in re.split(r"[\s,\-]+", self.name) if w and w[0].isupper())


def authorities() -> list[Authority]:
    return [Authority(*line.split("|")) for line in AUTHORITIES_TEXT.strip().splitlines()]


def seed_documents() -> list[tuple[str, str]]:
    """(kind label, text) of each seed, in file order: the five kinds the corpus cycles through."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append((seed_kind(text), text))
    if not out:
        raise SystemExit(f"{SEEDS}: no seed documents found")
    return out


def seed_kind(text: str) -> str:
    """A short label for file names, from the document's wording."""
    head = text[:3000]
    if "Dear " in head:
        return "letter"
    if "Adequate (Grade 3)" in text:
        return "slac-report"
    if re.search(r"Minutes of the meeting|SCRUTINY COMMITTEE", head):
        return "minutes"
    if "REPORT OF:" in head or "REPORT TO:" in head:
        return "council-report"
    return "sif-report"


def seed_authority(text: str) -> str:
    counts = {a: text.count(a) for a in SEED_AUTHORITIES}
    return max(counts, key=lambda a: (counts[a], a))


# ------------------------------------------------------------------------------------------- template
# Regexes are slow on ~80 kB documents, so each seed is scanned once into a template: its text with
# every name, date and grade replaced by a placeholder naming a slot. Each generated document then only
# fills the slots and reorders lines, which is what makes 1,224 documents take seconds.

SLOT_DIGITS = "qxzjkvwy"  # lowercase letters no pattern below can mistake for a word, number or month


def _slot_id(i: int) -> str:
    s = ""
    while True:
        s = SLOT_DIGITS[i % 8] + s
        i //= 8
        if not i:
            return s


def _slot_index(s: str) -> int:
    n = 0
    for ch in s:
        n = n * 8 + SLOT_DIGITS.index(ch)
    return n


@dataclass
class Template:
    kind: str
    seed_authority: str
    scale: list[str] | None
    anchor_year: int
    slots: list[tuple]
    segments: list  # str (a line) or list of items, each a list of lines (a run of numbered paragraphs)

    def add(self, *slot) -> str:
        self.slots.append(slot)
        return "\x00" + _slot_id(len(self.slots) - 1) + "\x00"


# ---------------------------------------------------------------------------------------------- names

def name_keys(seed: str) -> list[str]:
    return [f"Metropolitan Borough of {seed} Council", f"{seed} Metropolitan Borough Council",
            f"{seed.upper()} METROPOLITAN BOROUGH COUNCIL", f"London Borough of {seed}", f"{seed} MBC",
            f"{seed} Borough", seed, seed.upper(), f"{seed[0]}SCB", "South Yorkshire Police",
            "South Yorkshire", "Yorkshire and Humberside", f"{seed} and Chase Farm Hospital NHS Trust",
            "Central London Community Health NHS Trust", "North Central London", "Royal Free Hospital",
            "Chase Farm", "Harrow", "Enfield", "Haringey"]


def name_values(seed: str, target: Authority, neighbours: list[Authority]) -> dict[str, str]:
    """Seed phrase -> the target council's phrase."""
    t = target.name
    n1, n2, n3 = (n.name for n in neighbours[:3])
    values = [target.formal, target.formal, target.formal.upper(), target.formal, f"{t} Council", t, t,
              t.upper(), f"{target.initials}SCB", target.police, target.region, target.region,
              f"{t} Hospitals NHS Trust", f"{t} Community Health NHS Trust", target.region,
              f"{n1} General Hospital", f"{t} General", n1, n2, n3]
    return dict(zip(name_keys(seed), values))


def neighbours_of(target: Authority, pool: list[Authority]) -> list[Authority]:
    """Three other councils, of the same region first, in a fixed order."""
    others = [a for a in pool if a.name != target.name and a.name not in SEED_AUTHORITIES]
    same = [a for a in others if a.region == target.region]
    return (same + [a for a in others if a.region != target.region])[:3]


def template_names(text: str, tpl: Template) -> str:
    keys = sorted(name_keys(tpl.seed_authority), key=len, reverse=True)
    pattern = re.compile("|".join(r"\b" + re.escape(k) + r"\b" for k in keys))
    return pattern.sub(lambda m: tpl.add("name", m.group(0)), text)


# ---------------------------------------------------------------------------------------------- dates

@dataclass(frozen=True)
class Shift:
    years: int
    days: int

    def date(self, year: int, month: int, day: int) -> dt.date:
        y = year + self.years
        if month == 2 and day == 29 and not _leap(y):
            day = 28
        return dt.date(y, month, day) + dt.timedelta(days=self.days)


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


MONTH_RE = "(?:" + "|".join(MONTHS + [m.upper() for m in MONTHS]) + ")"
ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)"
RANGE_RE = re.compile(rf"\b(\d{{1,2}})({ORD})?(\s*(?:–|-|and|to)\s*)(\d{{1,2}})({ORD})?\s+({MONTH_RE})"
                      rf"(\s+(\d{{4}}))?\b")
DATE_RE = re.compile(rf"\b(\d{{1,2}})({ORD})?\s+({MONTH_RE})(\s+(\d{{4}}))?\b")
MONTH_YEAR_RE = re.compile(rf"\b({MONTH_RE})\s+(\d{{4}})\b")
YEAR_RE = re.compile(r"(?<![\d/,.])\b((?:19|20)\d\d)(/\d{2,4})?\b(?!\s+[Cc]ensus)(?!,?\d)")
# Years of statutes and censuses are names, not dates: they stay.
FIXED_BEFORE = re.compile(r"(Act|Regulations|Order|Rules|Census|Together\b.{0,25})\s*$")


def anchor_year(text: str) -> int:
    m = re.search(rf"\b\d{{1,2}}{ORD}?\s+{MONTH_RE}\s+((?:19|20)\d\d)\b", text)
    return int(m.group(1)) if m else 2014


def _month_index(word: str) -> int:
    return [m.lower() for m in MONTHS].index(word.lower()) + 1


def _month_word(month: int, like: str) -> str:
    w = MONTHS[month - 1]
    return w.upper() if like.isupper() else w


def _ordinal(day: int, like: str | None) -> str:
    if not like:
        return ""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return suffix.upper() if like.isupper() else suffix


def template_dates(text: str, tpl: Template) -> str:
    def on_range(m: re.Match) -> str:
        year = int(m.group(8)) if m.group(8) else tpl.anchor_year
        return tpl.add("range", year, _month_index(m.group(6)), int(m.group(1)), int(m.group(4)), m.group(2),
                       m.group(3), m.group(5), m.group(6), bool(m.group(8)), m.group(0))

    def on_date(m: re.Match) -> str:
        year = int(m.group(5)) if m.group(5) else tpl.anchor_year
        return tpl.add("date", year, _month_index(m.group(3)), int(m.group(1)), m.group(2), m.group(3),
                       bool(m.group(5)), m.group(0))

    def on_month_year(m: re.Match) -> str:
        return tpl.add("month", int(m.group(2)), _month_index(m.group(1)), m.group(1))

    def on_year(m: re.Match) -> str:
        if FIXED_BEFORE.search(text_now[max(0, m.start() - 30):m.start()]):
            return m.group(0)
        return tpl.add("year", int(m.group(1)), m.group(2) or "")

    text = RANGE_RE.sub(on_range, text)
    text = DATE_RE.sub(on_date, text)
    text = MONTH_YEAR_RE.sub(on_month_year, text)
    text_now = text
    return YEAR_RE.sub(on_year, text)


def render_range(slot: tuple, shift: Shift) -> str:
    _, year, month, d1, d2, ord1, sep, ord2, like, has_year, original = slot
    try:
        a, b = shift.date(year, month, d1), shift.date(year, month, d2)
    except ValueError:
        return original
    first = f"{a.day}{_ordinal(a.day, ord1)}"
    if a.month != b.month:
        first += f" {_month_word(a.month, like)}"
        if a.year != b.year and has_year:
            first += f" {a.year}"
    out = f"{first}{sep}{b.day}{_ordinal(b.day, ord2)} {_month_word(b.month, like)}"
    return out + (f" {b.year}" if has_year else "")


def render_date(slot: tuple, shift: Shift) -> str:
    _, year, month, day, ordinal, like, has_year, original = slot
    try:
        d = shift.date(year, month, day)
    except ValueError:
        return original
    out = f"{d.day}{_ordinal(d.day, ordinal)} {_month_word(d.month, like)}"
    return out + (f" {d.year}" if has_year else "")


def render_month(slot: tuple, shift: Shift) -> str:
    # Mid-month plus a shift of at most ten days stays in the month: only the year moves.
    _, year, month, like = slot
    d = shift.date(year, month, 15)
    return f"{_month_word(d.month, like)} {d.year}"


def render_year(slot: tuple, shift: Shift) -> str:
    _, year, tail = slot
    if tail:
        width = len(tail) - 1
        tail = "/" + str(int(tail[1:]) + shift.years).zfill(width)[-width:]
    return f"{year + shift.years}{tail}"


# --------------------------------------------------------------------------------------------- grades

SIF_SCALE = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
SLAC_SCALE = ["Outstanding", "Good", "Adequate", "Inadequate"]


def grade_scale(text: str) -> list[str] | None:
    if "Adequate (Grade 3)" in text:
        return SLAC_SCALE
    if "requires improvement" in text.lower():
        return SIF_SCALE
    return None


def grade_map(scale: list[str], delta: int) -> dict[str, str]:
    return {g.lower(): scale[min(max(i + delta, 0), len(scale) - 1)] for i, g in enumerate(scale)}


GRADES = "Outstanding|Good|Adequate|Inadequate|Requires improvement"
TABLE_GRADE = re.compile(rf"(?m)^([^\t\n]*\S\t+)({GRADES})([\t ]*)$")
BOLD_GRADE = re.compile(rf"(?m)( is \*\*)({GRADES.lower()})(\*\*\s*)$")
JUDGED = re.compile(rf"\b(judged )({GRADES.lower()})\b")
SENTENCE_GRADE = re.compile(r"(?m)^(.{0,160}?\S) (is|are|requires|require) (outstanding|good|adequate|inadequate"
                            r"|improvement)( because:|\.)?[ \t]*$")


def template_grades(text: str, tpl: Template) -> str:
    """Judgements in tables, headlines and verdict lines become slots; rubric text stays as it is."""
    if tpl.scale is None:
        return text
    text = TABLE_GRADE.sub(lambda m: m.group(1) + tpl.add("grade", m.group(2).lower(), "title") + m.group(3), text)
    text = BOLD_GRADE.sub(lambda m: m.group(1) + tpl.add("grade", m.group(2), "lower") + m.group(3), text)
    text = JUDGED.sub(lambda m: m.group(1) + tpl.add("grade", m.group(2), "lower"), text)

    def on_sentence(m: re.Match) -> str:
        verb, word = m.group(2), m.group(3)
        if word == "improvement":
            old = "requires improvement"
        elif verb in ("is", "are"):
            old = word
        else:
            return m.group(0)
        if old not in grade_map(tpl.scale, 0):
            return m.group(0)
        plural = verb in ("are", "require")
        return f"{m.group(1)} {tpl.add('verdict', old, plural)}{m.group(4) or ''}"

    return SENTENCE_GRADE.sub(on_sentence, text)


def render_grade(slot: tuple, grades: dict[str, str]) -> str:
    _, old, case = slot
    new = grades.get(old, old)
    return new if case == "title" else new.lower()


def render_verdict(slot: tuple, grades: dict[str, str]) -> str:
    _, old, plural = slot
    new = grades.get(old, old)
    if new == "Requires improvement":
        return "require improvement" if plural else "requires improvement"
    return f"{'are' if plural else 'is'} {new.lower()}"


# ------------------------------------------------------------------------------------------ paragraphs

ITEM_RE = re.compile(r"^(- |\s{0,2})?(\d{1,3}(?:\.\d{1,2})?)(\.?)(\s)")


def _is_item(line: str) -> re.Match | None:
    m = ITEM_RE.match(line)
    if not m or "\t" in line:  # a row of a judgement table, not a paragraph
        return None
    if not m.group(3) and "." not in m.group(2):  # "12 " alone is a page number or a count, not a paragraph
        return None
    return m


def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s or line[:1].isspace() or s[:1] in "-•\uf0b7\x00" or s[:1].islower():
        return False
    return len(s) < 90 and not s.endswith((".", ",", ";"))


def segment_lines(text: str) -> list:
    """Lines, with each run of numbered paragraphs of one section grouped as a list of items."""
    out: list = []
    run: list[list[str]] = []
    for line in text.split("\n"):
        if _is_item(line):
            run.append([line])
        elif run and not _is_heading(line):
            run[-1].append(line)
        else:
            if run:
                out.append(run)
                run = []
            out.append(line)
    if run:
        out.append(run)
    return out


def shuffle_run(run: list[list[str]], rng: random.Random) -> list[str]:
    """Some adjacent paragraphs swapped, then all renumbered in their original sequence."""
    if len(run) < 3 or rng.random() < 0.5:
        return [line for item in run for line in item]
    labels = [_is_item(item[0]).group(2) for item in run]
    # Blank lines after an item belong to its position, not to the paragraph.
    bodies, gaps = [], []
    for item in run:
        n = len(item)
        while n > 1 and not item[n - 1].strip():
            n -= 1
        bodies.append(item[:n])
        gaps.append(item[n:])
    order = list(range(len(run)))
    for _ in range(rng.randint(1, max(1, len(run) // 4))):
        i = rng.randrange(len(run) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    out: list[str] = []
    for pos, src in enumerate(order):
        first = bodies[src][0]
        m = _is_item(first)
        out.append(first[:m.start(2)] + labels[pos] + first[m.end(2):])
        out += bodies[src][1:] + gaps[pos]
    return out


# --------------------------------------------------------------------------------------------- corpus

YEAR_WINDOWS = {"sif-report": (-1, 3), "slac-report": (-3, 0), "letter": (-5, 1), "council-report": (-4, 2),
                "minutes": (-2, 3)}


def make_template(kind: str, text: str) -> Template:
    tpl = Template(kind, seed_authority(text), grade_scale(text), anchor_year(text), [], [])
    text = template_names(text, tpl)
    text = template_dates(text, tpl)
    text = template_grades(text, tpl)
    tpl.segments = segment_lines(text)
    return tpl


def rewrite(tpl: Template, target: Authority, neighbours: list[Authority], rng: random.Random) -> str:
    lo, hi = YEAR_WINDOWS.get(tpl.kind, (-2, 2))  # keeps each kind within its framework's years
    shift = Shift(rng.randint(lo, hi), rng.randint(-10, 10))
    grades = grade_map(tpl.scale, rng.choice([-1, 0, 0, 1])) if tpl.scale else {}
    names = name_values(tpl.seed_authority, target, neighbours)
    lines: list[str] = []
    for seg in tpl.segments:
        if isinstance(seg, str):
            lines.append(seg)
        else:
            lines += shuffle_run(seg, rng)
    parts = "\n".join(lines).split("\x00")
    for i in range(1, len(parts), 2):
        slot = tpl.slots[_slot_index(parts[i])]
        kind = slot[0]
        if kind == "name":
            parts[i] = names[slot[1]]
        elif kind == "range":
            parts[i] = render_range(slot, shift)
        elif kind == "date":
            parts[i] = render_date(slot, shift)
        elif kind == "month":
            parts[i] = render_month(slot, shift)
        elif kind == "year":
            parts[i] = render_year(slot, shift)
        elif kind == "grade":
            parts[i] = render_grade(slot, grades)
        else:
            parts[i] = render_verdict(slot, grades)
    return "".join(parts)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def make_corpus(n_authorities: int, docs_per_authority: int, seed: int, out: Path) -> list[Path]:
    """Write ``n_authorities * docs_per_authority`` documents into ``out``; return their paths."""
    pool = authorities()
    if not 0 < n_authorities <= len(pool):
        raise SystemExit(f"--authorities {n_authorities}: must be 1 to {len(pool)} (the councils known)")
    chosen = random.Random(f"authorities:{seed}").sample(pool, n_authorities)
    templates = [make_template(kind, text) for kind, text in seed_documents()]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for a_index, target in enumerate(chosen):
        neighbours = neighbours_of(target, pool)
        for j in range(docs_per_authority):
            tpl = templates[(a_index + j) % len(templates)]
            rng = random.Random(f"{seed}:{target.name}:{j}")
            path = out / f"{slug(target.name)}-{j:02d}-{tpl.kind}.txt"
            path.write_bytes(rewrite(tpl, target, neighbours, rng).encode("utf-8"))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--authorities", type=int, default=153)
    ap.add_argument("--docs-per-authority", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    files = make_corpus(args.authorities, args.docs_per_authority, args.seed, args.out)
    print(f"{len(files)} documents written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
