"""A spreadsheet file read into rows of named cells, whatever wrote it.

`.xlsx` is read with python-calamine, in a child process (see `isolated`): it
returns the values the spreadsheet saved (a formula's cached result, never
the formula, so nothing is ever evaluated), dates as dates, and the merged
ranges. `.csv` is decoded as
UTF-8 (with or without a BOM), UTF-16 with a BOM, GB18030 or Big5, or as
`--encoding` says. Reading stops at MAX_ROWS: a plan is tens of rows, and
a file of a million rows must not hang the command.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

MAX_ROWS = 20_000
"""Non-empty rows read before giving up on the file as a plan."""

MAX_CSV_BYTES = 256 << 20
"""A CSV is read whole; one larger than this is refused."""

MAX_CELLS = 5_000_000
"""An .xlsx sheet spanning more cells than this (empty or not) is refused before it is loaded."""

CSV_ENCODINGS = ("utf-8-sig", "gb18030", "cp950")
"""Tried in turn; the first that decodes and shows a header row wins (cp950 is Windows' Big5)."""


class TableError(Exception):
    """The file cannot be read as a spreadsheet: bad usage, exit 2."""


@dataclass(frozen=True, slots=True)
class Cell:
    ref: str  # as the spreadsheet names it: B6
    value: object  # str, float, int, bool, date or datetime; never None

    @property
    def text(self) -> str:
        return as_text(self.value)


@dataclass(slots=True)
class Table:
    sheet: str
    rows: list[list[Cell]]  # non-empty rows only, in order; each cell non-empty


def column_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as spreadsheets name columns."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def as_text(value: object) -> str:
    """A cell value as a person reads it: 30000.0 as 30000, a midnight datetime as its day."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def read(path: Path, sheet: str | None = None, encoding: str | None = None, looks_like_header=None) -> Table:
    """The sheet of `path` (the first, or `sheet`) as a Table.

    `looks_like_header(texts)` tells a decoded CSV row that is a header row,
    so that the encoding which shows one is the right one.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if encoding:
            raise TableError("--encoding is for .csv files; an .xlsx file says its own")
        from milepost.importer.isolated import read_xlsx

        return read_xlsx(path, sheet)
    if suffix == ".csv":
        return _read_csv(path, sheet, encoding, looks_like_header or (lambda texts: True))
    raise TableError(f"{path}: cannot import a '{path.suffix or 'extensionless'}' file: save the plan as .xlsx or .csv")


def read_xlsx_here(path: Path, sheet: str | None) -> Table:
    """Read in this process: `isolated.read_xlsx` calls it in a child, under limits."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            names = book.sheet_names
            if sheet is not None and sheet not in names:
                raise TableError(f"{path} has no sheet '{sheet}'; its sheets: {', '.join(names)}")
            if not names:
                raise TableError(f"{path} has no sheet")
            chosen = book.get_sheet_by_name(sheet or names[0])
            bottom, right = chosen.end or (0, 0)
            if (bottom + 1) * (right + 1) > MAX_CELLS:
                raise TableError(f"{path}: the sheet spans {bottom + 1:,} rows and {right + 1:,} columns: that is not an execution plan")
            merged = _merged_fill(chosen.merged_cell_ranges or [])
            # skip_empty_area=False: row and column indexes are the sheet's own, so B6 is B6
            return Table(chosen.name, _rows(chosen.to_python(skip_empty_area=False), merged))
    except (CalamineError, OSError, ValueError) as error:  # calamine raises ValueError on a broken archive
        raise TableError(f"{path}: not a readable .xlsx file ({error})") from None


def _merged_fill(ranges) -> dict[tuple[int, int], tuple[int, int]]:
    """Each cell covered by a merged range → the range's top-left cell, which holds the value."""
    fill = {}
    for (top, left), (bottom, right) in ranges:
        if (bottom - top + 1) * (right - left + 1) > 10_000:  # a whole-column merge: only its first cell counts
            continue
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                if (row, col) != (top, left):
                    fill[(row, col)] = (top, left)
    return fill


def _rows(source, merged: dict) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    seen: dict[tuple[int, int], object] = {}  # values of merged ranges' top-left cells
    anchors = set(merged.values())
    for r, values in enumerate(source):
        cells = []
        for c, value in enumerate(values):
            if (r, c) in anchors:
                seen[(r, c)] = value
            if (value == "" or value is None) and (r, c) in merged:
                value = seen.get(merged[(r, c)], "")
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            cells.append(Cell(f"{column_name(c)}{r + 1}", value))
        _keep(rows, cells)
    return rows


def _keep(rows: list, cells: list[Cell]) -> None:
    if cells:
        if len(rows) >= MAX_ROWS:
            raise TableError(f"the sheet has more than {MAX_ROWS:,} rows: that is not an execution plan (or split it)")
        rows.append(cells)


def _read_csv(path: Path, sheet: str | None, encoding: str | None, looks_like_header) -> Table:
    if sheet is not None:
        raise TableError("--sheet is for .xlsx files; a .csv file has one sheet")
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise TableError(f"{path} is {path.stat().st_size:,} bytes: that is not an execution plan")
        data = path.read_bytes()
    except OSError as error:
        raise TableError(f"cannot read {path}: {error.strerror}") from None
    name = path.stem  # a spreadsheet app names a CSV's only sheet after the file
    if encoding:
        try:
            return Table(name, _csv_rows(data.decode(encoding)))
        except LookupError:
            raise TableError(f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as error:
            raise TableError(f"{path} is not {encoding}: byte 0x{data[error.start]:02X} at offset {error.start}") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return Table(name, _csv_rows(data.decode("utf-16")))
    decoded = None
    for candidate in CSV_ENCODINGS:
        try:
            rows = _csv_rows(data.decode(candidate))
        except UnicodeDecodeError:
            continue
        if any(looks_like_header([cell.text for cell in row]) for row in rows[:30]):
            return Table(name, rows)
        decoded = decoded or rows
    if decoded is None:
        raise TableError(f"{path} is neither UTF-8, GB18030 nor Big5: give its encoding with --encoding")
    return Table(name, decoded)


def _csv_rows(text: str) -> list[list[Cell]]:
    csv.field_size_limit(1 << 28)  # a cell of 10 MB is read (and then refused as a cell), not a crash
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[Cell]] = []
    for r, values in enumerate(reader):
        _keep(rows, [Cell(f"{column_name(c)}{r + 1}", value) for c, value in enumerate(values) if value.strip()])
    return rows


def _delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab, whichever the first lines use most."""
    head = text[:20_000]
    return max((",", ";", "\t"), key=lambda mark: head.count(mark))
