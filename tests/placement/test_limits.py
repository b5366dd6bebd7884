"""Hostile files against the limits (placement.limits): each is refused with
one line and exit 2 by the real command, nothing is written, and the memory
the command takes stays bounded. Where a file at the real limit would be
large, the size is checked on a sparse file (no disk, no reading), or a limit
is lowered for the test."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest

from placement import limits
from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.storage.database import Database
from tests.placement.cli_login import login
from tests.placement.import_support import counts, private_data_dir  # noqa: F401 - autouse fixture

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests/placement/sessions/valid/basic.json"
GB = 1024 * limits.MB

# Runs the real command in a fresh interpreter and reports its peak memory (kB) on the last line:
# VmHWM of /proc/self/status, which starts afresh with the new program (ru_maxrss would carry
# over the forking test process's peak).
_MEASURED = textwrap.dedent("""
    import sys
    from placement.cli.main import main
    code = main(sys.argv[1:])
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"maxrss={peak}", file=sys.stderr)
    sys.exit(code)
""")


def measured(*argv: str) -> tuple[int, list[str], int]:
    """Exit code, stderr lines (without the measurement) and peak memory in bytes."""
    done = subprocess.run([sys.executable, "-c", _MEASURED, *argv], capture_output=True, text=True, cwd=ROOT,
                          check=False)
    lines = done.stderr.splitlines()
    peak = int(lines[-1].removeprefix("maxrss=")) * 1024
    return done.returncode, lines[:-1], peak


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().err.splitlines()


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


def session(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(VALID.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "session.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- session files ---------------------------------------------------------------


def test_a_session_file_over_200_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = sparse(tmp_path / "huge.json", limits.MAX_SESSION_BYTES + 1)
    code, err, peak = measured("validate", str(path))
    assert code == 2
    assert err == [f"{path}: the file is larger than 200 MB, the most a session file may be"]
    assert peak < 400 * limits.MB  # the interpreter and the solver's imports, not the file


def test_a_label_longer_than_10000_characters_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = session(tmp_path, lambda d: d["families"][0].__setitem__("label", "x" * 10_001))
    code, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err == [f"{path}: families[0].label: text of 10,001 characters; at most 10,000 are allowed"]


def test_a_list_of_more_than_100000_children_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = session(tmp_path, lambda d: d.__setitem__("children", [{}] * 100_001))
    code, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err == [f"{path}: children: list of 100,001 items; at most 100,000 are allowed"]


def test_millions_of_empty_lists_are_refused_before_decoding(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lists.json"
    path.write_text("[" + "[]," * limits.MAX_JSON_CONTAINERS + "[]]", encoding="utf-8")
    code, err = run(capsys, "validate", str(path))
    assert code == 2 and len(err) == 1 and "too many values" in err[0]


@pytest.mark.slow
def test_a_label_of_190_mb_costs_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "label.json"
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"format": "placement-session/1", "families": [{"label": "')
        for _ in range(190):
            fh.write("x" * limits.MB)
        fh.write('"}]}')
    code, err, peak = measured("validate", str(path))
    assert code == 2 and len(err) == 1 and "families[0].label: text of 199,229,440 characters" in err[0]
    assert peak < 1 * GB


@pytest.mark.slow
def test_the_most_objects_the_caps_let_through_cost_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "objects.json"
    path.write_text('{"x": [' + ",".join(['{"a":1,"b":2}'] * (limits.MAX_JSON_CONTAINERS - 1_000)) + "]}",
                    encoding="utf-8")
    code, err, peak = measured("validate", str(path))
    assert code == 2 and err == [f"{path}: x: list of 1,999,000 items; at most 100,000 are allowed"]
    assert peak < 1 * GB


# --- CSV and XLSX imports ------------------------------------------------------------


@pytest.fixture
def officer(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    login(monkeypatch, sqlite_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")
    return sqlite_url


def families_in(url: str) -> int:
    db = Database(url)
    try:
        return counts(db)["families"]
    finally:
        db.dispose()


def import_families(capsys, url: str, path: Path) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    code, err = run(capsys, "--db", url, "import", "families", str(path))
    return code, err


def test_a_csv_over_100_mb_is_refused_before_it_is_read(officer: str, tmp_path: Path) -> None:
    path = sparse(tmp_path / "gezinnen.csv", limits.MAX_TABLE_BYTES + 1)
    code, err, peak = measured("--db", officer, "import", "families", str(path))
    assert (code, err) == (2, ["gezinnen.csv: the file is larger than 100 MB, the most an import may be"])
    assert peak < 400 * limits.MB
    assert families_in(officer) == 0


def test_an_xlsx_over_100_mb_is_refused_before_it_is_read(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = sparse(tmp_path / "gezinnen.xlsx", limits.MAX_TABLE_BYTES + 1)
    assert import_families(capsys, officer, path) == (
        2, ["gezinnen.xlsx: the file is larger than 100 MB, the most an import may be"])


def test_more_than_200000_rows_are_refused(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gezinnen.csv"
    path.write_text("naam;postcode;plaatsen\n" + "A;3011;1\n" * (limits.MAX_TABLE_ROWS + 1), encoding="utf-8")
    code, err = import_families(capsys, officer, path)
    assert (code, err) == (2, ["gezinnen.csv: row 200002: too many rows: an import may hold at most 200,000"])
    assert families_in(officer) == 0


@pytest.mark.slow
def test_an_import_at_the_cell_limit_costs_bounded_memory(officer: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PLACEMENT_USER", "cli-officer")
    path = tmp_path / "gezinnen.csv"
    columns = 15
    with path.open("w", encoding="utf-8") as fh:
        fh.write("naam;postcode;plaatsen\n")
        for i in range(limits.MAX_TABLE_CELLS // columns - 1):  # every row rejected: the most to report
            fh.write(";".join(f"c{i}x{j}" for j in range(columns)) + "\n")
    code, err, peak = measured("--db", officer, "import", "families", str(path), "--dry-run")
    assert code == 2 and err[0] == 'gezinnen.csv: row 2, column "postcode": "c0x1" is not a Dutch postcode (expected 1234 AB)'
    assert peak < 1 * GB
    assert families_in(officer) == 0


def test_too_many_cells_are_refused(officer: str, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 100)
    path = tmp_path / "gezinnen.csv"
    path.write_text("naam;postcode;plaatsen\n" + ";".join(["x"] * 200) + "\n", encoding="utf-8")
    assert import_families(capsys, officer, path) == (
        2, ["gezinnen.csv: row 2: too many cells: an import may hold at most 100"])


def test_a_csv_cell_over_128_kb_is_one_line_not_an_unexpected_error(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gezinnen.csv"
    path.write_text("naam;postcode;plaatsen\nA;3011;1\n" + "B" * 200_000 + ";3011;1\n", encoding="utf-8")
    code, err = import_families(capsys, officer, path)
    assert code == 2 and len(err) == 1 and err[0].startswith("gezinnen.csv: row 3: cannot be read as CSV")
    assert families_in(officer) == 0


def test_a_name_over_10000_characters_rejects_its_row(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gezinnen.csv"
    path.write_text("naam;postcode;plaatsen\nA;3011;1\n" + "B" * 10_001 + ";3011;1\n", encoding="utf-8")
    code, err = import_families(capsys, officer, path)
    assert code == 2
    assert err == ['gezinnen.csv: row 3, column "naam": is 10,001 characters long; at most 10,000 are allowed']
    assert families_in(officer) == 0


def _xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["naam", "postcode", "plaatsen"])
    sheet.append(["A", "3011", 1])
    book.save(path)
    return path


def _rewrite(path: Path, member: str, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[member] = change(parts[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n')
EXTERNAL = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'


@pytest.mark.parametrize(("member", "prolog"), [
    ("xl/worksheets/sheet1.xml", BOMB),
    ("xl/workbook.xml", EXTERNAL),
    ("[Content_Types].xml", BOMB),
], ids=["entity-bomb-in-sheet", "external-entity-in-workbook", "bomb-in-content-types"])
def test_an_xlsx_with_a_dtd_is_refused(officer: str, tmp_path: Path, capsys, member: str, prolog: bytes) -> None:  # type: ignore[no-untyped-def]
    path = _xlsx(tmp_path / "gezinnen.xlsx")
    _rewrite(path, member, lambda xml: prolog + (xml.split(b"?>", 1)[1] if xml.startswith(b"<?") else xml).lstrip())
    code, err = import_families(capsys, officer, path)
    assert (code, err) == (2, [f"gezinnen.xlsx: {member} declares a DTD (XML entities), which spreadsheets "
                                "never need: not read"])
    assert families_in(officer) == 0


def test_an_xlsx_that_unpacks_to_100_times_its_size_is_refused(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _xlsx(tmp_path / "gezinnen.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (20 * limits.MB))
    code, err = import_families(capsys, officer, path)
    assert code == 2 and len(err) == 1
    assert err[0].startswith("gezinnen.xlsx: unpacks to") and "more than 100 times its size" in err[0]
    assert families_in(officer) == 0


def test_a_good_xlsx_still_imports(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _xlsx(tmp_path / "gezinnen.xlsx")
    code, err = import_families(capsys, officer, path)
    assert code == 0, err
    assert families_in(officer) == 1


def test_entities_are_refused_by_the_xml_parser_too(officer: str, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Second line of defence: were the DTD check fooled, openpyxl parses through
    defusedxml, which refuses entity declarations."""
    from placement.importing import readers

    monkeypatch.setattr(readers, "_prolog_declares", lambda _stream: False)
    path = _xlsx(tmp_path / "gezinnen.xlsx")
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: BOMB + xml)
    code, err = import_families(capsys, officer, path)
    assert (code, err) == (2, ["gezinnen.xlsx: cannot read the file (not a readable .xlsx file)"])
    assert families_in(officer) == 0
