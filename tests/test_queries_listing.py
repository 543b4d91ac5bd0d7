"""`kg queries --format csv|tsv`: every field reads back as written."""

from __future__ import annotations

import csv
import io

from kg.cli.common import TableFormat
from kg.cli.sparql import write_delimited

ROWS = [("name", "description", "params", "kind"),
        ("q", 'Asks, by "council", across\nlines', "authority:authority", "question"),
        ("r", "a\ttab", "", "check")]


def test_csv_reads_back_field_for_field(capsys):
    write_delimited(ROWS, TableFormat.csv)
    assert [tuple(r) for r in csv.reader(io.StringIO(capsys.readouterr().out))] == ROWS


def test_tsv_keeps_one_row_a_line_and_four_fields_a_row(capsys):
    write_delimited(ROWS, TableFormat.tsv)
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split("\t") for ln in lines] == [list(ROWS[0]), ["q", 'Asks, by "council", across lines',
                                                                 "authority:authority", "question"],
                                                ["r", "a tab", "", "check"]]
