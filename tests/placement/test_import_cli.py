"""``placement import`` and ``placement export`` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.storage.database import Database
from tests.placement.cli_login import login
from tests.placement.import_support import (
    counts,
    private_data_dir,  # noqa: F401 - autouse fixture
    write_csv,
)


@pytest.fixture(autouse=True)
def officer(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command here runs as an officer, named in PLACEMENT_USER as a script would."""
    login(monkeypatch, sqlite_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def family_count(url: str) -> int:
    db = Database(url)
    try:
        return counts(db)["families"]
    finally:
        db.dispose()


def test_rejected_rows_exit_2_with_one_line_each_and_nothing_written(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "gezinnen.csv", [["naam", "postcode", "plaatsen"], ["A", "3011", "1"],
                                                 ["B", "3011", "1"], ["C", "3011", "1"], ["D", "3011", "1"],
                                                 ["E", "3011", "1"], ["F", "99999", "1"], ["G", "2511", "zes"]])
    code, out, err = run(capsys, "--db", sqlite_url, "import", "families", str(path))
    assert code == 2
    assert err == [
        'gezinnen.csv: row 7, column "postcode": "99999" is not a Dutch postcode (expected 1234 AB)',
        'gezinnen.csv: row 8, column "plaatsen": "zes" is not a whole number',
    ]
    assert out[-1] == "gezinnen.csv: 7 rows: 5 create, 2 reject"
    assert family_count(sqlite_url) == 0


def test_dry_run_writes_nothing_then_import_then_reimport_is_unchanged(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "f.csv", [["name", "postcode", "places"], ["A", "3011", "1"], ["B", "2511", "2"]])
    code, out, _ = run(capsys, "--db", sqlite_url, "import", "families", str(path), "--dry-run")
    assert (code, out) == (0, ["row 2: create", "row 3: create", "f.csv: 2 rows: 2 create"])
    assert family_count(sqlite_url) == 0

    code, out, _ = run(capsys, "--db", sqlite_url, "import", "families", str(path))
    assert code == 0 and out[-1] == "f.csv: imported (2 created, 0 updated)"
    assert family_count(sqlite_url) == 2

    code, out, _ = run(capsys, "--db", sqlite_url, "import", "families", str(path), "--dry-run")
    assert out == ["row 2: unchanged F1", "row 3: unchanged F2", "f.csv: 2 rows: 2 unchanged"]


def test_mapping_option_and_duplicate_decisions(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write_csv(tmp_path / "a.csv", [["Wie", "PC", "Aantal"], ["Jansen", "3011", "1"]])
    mapping = '{"Wie": "name", "PC": "postcode", "Aantal": "total_places"}'
    code, _, err = run(capsys, "--db", sqlite_url, "import", "families", str(first))
    assert code == 2 and err[0] == 'column "name": is missing (map a column to it)'
    assert run(capsys, "--db", sqlite_url, "import", "families", str(first), "--mapping", mapping)[0] == 0

    second = write_csv(tmp_path / "b.csv", [["Wie", "PC", "Aantal"], ["Jansen", "3011", "2"]])
    code, _, err = run(capsys, "--db", sqlite_url, "import", "families", str(second))  # mapping remembered
    assert code == 2
    assert err == ["b.csv: row 2: same name and postcode as F1; decide: create anyway, update or skip"]
    code, out, _ = run(capsys, "--db", sqlite_url, "import", "families", str(second), "--decide", "2=skip")
    assert code == 0 and out[0] == "row 2: skip F1; same name and postcode as F1"
    code, out, _ = run(capsys, "--db", sqlite_url, "import", "families", str(second), "--duplicates", "create")
    assert code == 0 and family_count(sqlite_url) == 2


def test_export_then_import_sheet(sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "f.csv", [["name", "postcode", "places"], ["A", "3011", "1"]])
    run(capsys, "--db", sqlite_url, "import", "families", str(source))
    target = tmp_path / "out.xlsx"
    code, _, err = run(capsys, "--db", sqlite_url, "export", "families", "-o", str(target))
    assert code == 0 and err == [f"{target}: 1 rows"]
    code, out, _ = run(capsys, "--db", sqlite_url, "import", "families", str(target), "--sheet", "families", "--dry-run")
    assert out == ["row 2: unchanged F1", "out.xlsx: 1 rows: 1 unchanged"]
    code, _, err = run(capsys, "--db", sqlite_url, "export", "families", "-o", str(tmp_path / "out.pdf"))
    assert code == 2 and err == ["-o: the export file must end in .csv or .xlsx"]
