"""Reading real plan files: .xlsx written by openpyxl, CSVs in the encodings Chinese teams export."""

from __future__ import annotations

import re
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from milepost.importer import table as tables
from milepost.importer.columns import find_header, looks_like_header

HANS = ["策略模块", "核心目标", "负责人", "时间节点", "资源需求", "风险预案"]
HANT = ["策略模組", "核心目標", "負責人", "時間節點", "資源需求", "風險預案"]
ROW_HANS = ["小红书种草", "3个月内新增用户5万人", "张三", "第1-12周", "3万元", "达人档期冲突：锁定备选"]
ROW_HANT = ["小紅書種草", "3個月內新增用戶5萬人", "張三", "第1-12週", "3萬元", "達人檔期衝突：鎖定備選"]


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    text = "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\r\n"
    return text.encode(encoding)


def read(path: Path, **options) -> tables.Table:
    return tables.read(path, looks_like_header=looks_like_header, **options)


@pytest.mark.parametrize(
    "encoding, header, row",
    [("utf-8", HANS, ROW_HANS), ("utf-8-sig", HANS, ROW_HANS), ("gb18030", HANS, ROW_HANS), ("big5", HANT, ROW_HANT), ("utf-16", HANS, ROW_HANS)],
)
def test_csv_encodings_are_detected(tmp_path, encoding, header, row):
    path = tmp_path / "plan.csv"
    title = "2027 執行計劃" if header is HANT else "2027 执行计划"
    path.write_bytes(csv_bytes([[title], header, row], encoding))
    table = read(path)
    found = find_header(table.rows)
    assert table.sheet == "plan"
    assert found.row == 1 and sorted(found.roles.values()) == sorted(["title", "goal", "owner", "time", "budget", "risks"])
    assert [cell.text for cell in table.rows[2]] == row
    assert [cell.ref for cell in table.rows[2]][:2] == ["A3", "B3"]


def test_an_encoding_given_is_used_and_a_wrong_one_is_bad_usage(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes([HANT, ROW_HANT], "big5"))
    assert read(path, encoding="big5").rows[1][0].text == "小紅書種草"
    with pytest.raises(tables.TableError, match="is not utf-8"):
        read(path, encoding="utf-8")
    with pytest.raises(tables.TableError, match="unknown encoding"):
        read(path, encoding="klingon")


def test_semicolon_csv_from_european_excel(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Strategy module;Owner;Time\nLaunch;Ann;Week 1-2\n", encoding="utf-8")
    assert [cell.text for cell in read(path).rows[1]] == ["Launch", "Ann", "Week 1-2"]


def _workbook(path: Path, build) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "执行计划"
    build(book, sheet)
    book.save(path)
    return path


def _cache_formula_value(path: Path, cell: str, value: str) -> None:
    """openpyxl saves formulas without their result; Excel saves both. Add the result as Excel would."""
    with zipfile.ZipFile(path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"].decode()
    sheet, count = re.subn(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1\2<v>{value}</v>", sheet)
    assert count == 1
    files["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)


def test_xlsx_title_rows_merged_cells_dates_and_cached_formulas(tmp_path):
    def build(book, sheet):
        sheet.append(["2027年第一季度执行计划"])
        sheet.merge_cells("A1:F1")
        sheet.append([])
        sheet.append(["负责人", "策略模块", "时间节点", "资源需求", "预计效果"])  # any order, an unknown column
        sheet.append(["张三", "小红书种草", datetime(2027, 1, 4), "=1+2"])
        sheet.append([None, "抖音挑战赛", "第3-8周", 50000])
        sheet.merge_cells("A4:A5")  # one owner for two rows
        sheet.append([])
        sheet.append(["李四", "=cmd|' /C calc'!A0", "持续进行", "=cmd|' /C calc'!A0"])
        sheet["B7"].data_type = "s"  # a text that looks like a formula
        sheet["C4"].number_format = "yyyy-mm-dd"

    path = _workbook(tmp_path / "plan.xlsx", build)
    _cache_formula_value(path, "D4", "30000")
    _cache_formula_value(path, "D7", "0")  # a DDE formula as Excel saves it: its last result
    table = read(path)
    header = find_header(table.rows)
    assert table.sheet == "执行计划"
    assert header.roles == {"A": "owner", "B": "title", "C": "time", "D": "budget"} and header.names["E"] == "预计效果"
    rows = [[(cell.ref, cell.value) for cell in row] for row in table.rows[header.row + 1 :]]
    assert rows[0] == [("A4", "张三"), ("B4", "小红书种草"), ("C4", date(2027, 1, 4)), ("D4", 30000.0)]  # a serial date, read as its day
    assert rows[1][0] == ("A5", "张三")  # the merged owner reaches the second row
    assert rows[2][1] == ("B7", "=cmd|' /C calc'!A0")  # a formula-looking text is text: never run
    assert rows[2][3] == ("D7", 0.0)  # a formula is its saved result: never run


def test_cells_are_named_as_the_spreadsheet_names_them_wherever_the_table_starts(tmp_path):
    def build(book, sheet):
        sheet["C3"], sheet["D3"], sheet["C5"], sheet["E5"] = "Strategy module", "Owner", "Launch", "x"

    table = read(_workbook(tmp_path / "plan.xlsx", build))
    assert [[cell.ref for cell in row] for row in table.rows] == [["C3", "D3"], ["C5", "E5"]]


@pytest.mark.parametrize(
    "far, complaint",
    [
        ("BEX5000", "the sheet spans 5,000 rows and 1,506 columns: that is not an execution plan"),
        # a 5 KB file whose dense grid would take 52 GB: the reader's process aborts, not the command's
        ("XFD100000", "the sheet cannot be read in 2 GiB of memory: it spans more cells than an execution plan"),
    ],
)
def test_a_sheet_spanning_millions_of_cells_is_refused_not_a_crash(tmp_path, far, complaint):
    def build(book, sheet):
        sheet["A1"], sheet["B1"], sheet[far] = "Strategy module", "Owner", "x"

    began = time.perf_counter()
    with pytest.raises(tables.TableError, match=complaint):
        read(_workbook(tmp_path / "plan.xlsx", build))
    assert time.perf_counter() - began < 60


def test_xlsx_sheet_by_name_and_unknown_sheet(tmp_path):
    def build(book, sheet):
        sheet.append(["x"])
        other = book.create_sheet("Plan EN")
        other.append(["Strategy module", "Owner"])
        other.append(["Launch", "Ann"])

    path = _workbook(tmp_path / "plan.xlsx", build)
    assert read(path, sheet="Plan EN").rows[1][0].text == "Launch"
    with pytest.raises(tables.TableError, match="no sheet 'Nope'; its sheets: 执行计划, Plan EN"):
        read(path, sheet="Nope")


def test_a_file_that_is_not_xlsx_is_bad_usage(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(tables.TableError, match="not a readable .xlsx"):
        read(path)
    with pytest.raises(tables.TableError, match="save the plan as .xlsx or .csv"):
        read(tmp_path / "plan.numbers")


def test_a_hundred_thousand_rows_stop_quickly(tmp_path):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("big")
    sheet.append(["Strategy module", "Owner", "Time"])
    for n in range(100_000):
        sheet.append([f"row {n}", "Ann", "Week 1"])
    book.save(tmp_path / "big.xlsx")
    (tmp_path / "big.csv").write_text("Strategy module,Owner\n" + "x,Ann\n" * 100_000, encoding="utf-8")
    for name in ("big.xlsx", "big.csv"):
        began = time.perf_counter()
        with pytest.raises(tables.TableError, match="more than 20,000 rows"):
            read(tmp_path / name)
        assert time.perf_counter() - began < 30  # generous: the point is that it ends, on a loaded machine


def test_a_ten_megabyte_cell_is_read_not_a_crash(tmp_path):
    huge = "字" * 10_000_000
    path = tmp_path / "plan.csv"
    path.write_text(f"Strategy module,Owner\n{huge},Ann\n", encoding="utf-8")
    table = read(path)
    assert len(table.rows[1][0].text) == 10_000_000


def test_column_names_go_past_z():
    assert [tables.column_name(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_cell_values_read_as_a_person_reads_them():
    assert [tables.as_text(v) for v in (30000.0, 2.5, datetime(2027, 1, 4), date(2027, 1, 4), True)] == ["30000", "2.5", "2027-01-04", "2027-01-04", "TRUE"]


def test_a_csv_of_hundreds_of_megabytes_is_refused_unread(tmp_path):
    path = tmp_path / "plan.csv"
    with open(path, "wb") as out:
        out.truncate(300 << 20)  # sparse: the size is all that is looked at
    with pytest.raises(tables.TableError, match="is 314,572,800 bytes: that is not an execution plan"):
        read(path)
