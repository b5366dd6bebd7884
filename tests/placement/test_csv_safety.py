"""Exports a spreadsheet opens as data: every text cell that would start a
formula, at the start or after a split on ";" or ",", is neutralised, whichever
separator the reader's Excel uses; XLSX text stays text."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.importing.readers import read_table
from placement.spreadsheet_text import CsvDialect, csv_text, protect, unprotect
from placement.storage.database import Database
from placement.storage.models import Child, Role
from tests.placement.cli_login import login
from tests.placement.import_support import private_data_dir  # noqa: F401 - autouse fixture

NOTES = ["harmless;=1+1", "a,=HYPERLINK(\"http://x\")", "x; +31 6 1234", "=1+1", "-niet bellen", "@home",
         "\tTAB", "gewoon; niets", "Woont bij oma, zus Anna", "'t Hofje"]


def _cells_as_excel_reads(raw: bytes, delimiter: str) -> list[str]:
    text = raw.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize("dialect", list(CsvDialect))
def test_no_cell_starts_a_formula_whichever_separator_excel_splits_on(dialect: CsvDialect) -> None:
    raw = csv_text([["notes"], *([n] for n in NOTES)], dialect).encode("utf-8-sig")
    for delimiter in (";", ","):
        for cell in _cells_as_excel_reads(raw, delimiter):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (delimiter, cell)


@pytest.mark.parametrize("text", NOTES)
def test_protection_comes_off_again_on_import(text: str) -> None:
    assert unprotect(protect(text)) == text


@pytest.fixture
def officer(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    login(monkeypatch, sqlite_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        for i, note in enumerate(NOTES):
            s.add(Child(name=f"Kind {i}", date_of_birth=dt.date(2015, 1, 1), gender="f", notes=note,
                        safety_km=12.5))
    db.dispose()
    return sqlite_url


def _export(capsys, url: str, path: Path, *options: str) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, "export", "children", "-o", str(path), *options])
    return code, capsys.readouterr().err.splitlines()


def test_the_cli_writes_dutch_excel_csv_on_request_and_it_imports_back(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kinderen.csv"
    code, err = _export(capsys, officer, path, "--csv-dialect", "excel-nl")
    assert code == 0 and err == [f"{path}: {len(NOTES)} rows"]
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header = rows[0]
    assert [r[header.index("safety_km")] for r in rows[1:]] == ["12,5"] * len(NOTES)  # decimal comma
    assert sorted(unprotect(r[header.index("notes")]) for r in rows[1:]) == sorted(NOTES)
    for delimiter in (";", ","):
        assert not any(c.startswith(("=", "+", "-", "@", "\t")) for c in _cells_as_excel_reads(raw, delimiter))
    table = read_table(path)
    assert sorted(row.cells[table.headers.index("notes")] for row in table.rows) == sorted(NOTES)


def test_the_cli_default_is_comma_csv_and_a_wrong_dialect_is_one_line(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "children.csv"
    assert _export(capsys, officer, path)[0] == 0
    assert path.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("external_ref,name,")
    bad = tmp_path / "bad.csv"
    with pytest.raises(SystemExit) as exited:  # argparse's own exit, as the installed command does
        _export(capsys, officer, bad, "--csv-dialect", "lotus")
    err = capsys.readouterr().err.splitlines()
    assert exited.value.code == 2 and len(err) == 1 and "--csv-dialect" in err[0] and "excel-nl" in err[0]
    assert not bad.exists()


def test_xlsx_text_cells_stay_text(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "children.xlsx"
    assert _export(capsys, officer, path)[0] == 0
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("notes")] for row in sheet.iter_rows(min_row=2)]
    assert sorted(c.value for c in notes) == sorted(NOTES)
    assert {c.data_type for c in notes} == {"s"}
    book.close()


def test_the_capacity_csv_takes_the_dialect_too(officer: str, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    login(monkeypatch, officer, Role.MANAGER, "cli-manager")
    path = tmp_path / "capaciteit.csv"
    code = main(["--db", officer, "--user", "cli-manager", "capacity", "--csv", str(path), "--csv-dialect", "excel-nl"])
    assert code == 0, capsys.readouterr().err
    assert path.read_bytes().decode("utf-8-sig").splitlines()[0] == "section;province;municipality;category;measure;value"


def test_protection_is_exactly_reversible_and_leaves_no_formula_start() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text(alphabet="ab ;,'=+-@\t", max_size=12))
    def check(text: str) -> None:
        protected = protect(text)
        assert unprotect(protected) == text
        for part in [protected, *protected.replace(",", ";").split(";")[1:]]:
            assert not part.lstrip(" ").startswith(("=", "+", "-", "@", "\t"))

    check()
