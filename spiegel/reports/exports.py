"""CSV and XLSX exports, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would be run as a formula by Excel, LibreOffice
or Google Sheets; such cells are prefixed with an apostrophe so they are shown as text (OWASP "CSV injection").
Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """The value as it may go into a spreadsheet: numbers and None unchanged, text never a formula."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads the accents right), formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook with one sheet per (title, header, rows); every text cell stored as text, formula-safe."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never let openpyxl turn text into a formula
        for index, name in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(str(name)) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
