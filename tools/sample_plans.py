"""The sample execution plan as an Excel workbook: `python tools/sample_plans.py`.

Writes docs/samples/execution-plan-zh.xlsx from execution-plan-zh.csv the way
a team keeps it: a sheet named 执行计划, the title merged across the header,
wrapped text and readable column widths. Needs openpyxl (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

SAMPLES = Path(__file__).resolve().parent.parent / "docs" / "samples"


def main() -> None:
    with open(SAMPLES / "execution-plan-zh.csv", encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "执行计划"
    for row in rows:
        sheet.append([cell or None for cell in row])
    width = len(rows[1])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, chars in zip("ABCDEFGHIJ", (16, 26, 36, 8, 18, 18, 30, 22, 32, 18)):
        sheet.column_dimensions[letter].width = chars
    book.properties.creator = "Milepost"
    book.save(SAMPLES / "execution-plan-zh.xlsx")


if __name__ == "__main__":
    main()
