from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from spiegel.reports.exports import safe_cell, to_csv, to_xlsx

DANGEROUS = ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "\tcmd", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_text_that_would_run_as_a_formula_is_made_inert(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [3, 2.5, None, True, "Werkdruk & balans", "a=b"])
def test_numbers_and_ordinary_text_are_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_a_csv_export_reads_back_with_every_dangerous_cell_as_text() -> None:
    data = to_csv(["quote", "count"], [[v, 5] for v in DANGEROUS])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["quote", "count"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in DANGEROUS]


def test_an_xlsx_export_holds_no_formula_and_keeps_numbers_numeric() -> None:
    data = to_xlsx([("Quotes", ["quote", "count"], [[v, 5] for v in DANGEROUS])])
    sheet = load_workbook(io.BytesIO(data))["Quotes"]
    values = [(row[0].value, row[0].data_type, row[1].value) for row in sheet.iter_rows(min_row=2)]
    assert [v for v, _, _ in values] == ["'" + v for v in DANGEROUS]
    assert {t for _, t, _ in values} == {"s"}
    assert {n for _, _, n in values} == {5}
