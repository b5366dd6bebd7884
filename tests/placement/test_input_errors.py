"""Inputs that used to end in "unexpected error" (exit 70) are input errors:
one line, exit 2, nothing stored, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from placement.actor import Actor
from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.errors import InputError
from placement.services.registers import child_register, family_register, network_register
from placement.services.registers.child_register import ChildInput
from placement.services.registers.family_register import FamilyInput
from placement.services.registers.network_register import LocationInput, NetworkInput
from placement.storage.database import Database
from placement.storage.models import Child, FosterFamily, Role
from tests.placement.cli_login import login
from tests.placement.import_support import private_data_dir, write_csv  # noqa: F401 - autouse fixture

OFFICER = Actor(user_id=None, username="officer", role=Role.OFFICER, workstation="test")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own refusal, as the installed command exits
        code = int(exc.code or 0)
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("text", ["Ann\x00a", "Ann\x1ba", "Ann\x7fa"], ids=["NUL", "escape", "delete"])
def test_a_control_character_in_a_name_is_refused_on_both_databases(db: Database, text: str) -> None:
    with db.session() as s, s.begin(), pytest.raises(InputError) as refused:
        child_register.create_child(s, OFFICER, ChildInput(name=text, date_of_birth=dt.date(2016, 5, 1), gender="f", region="Utrecht"))
    assert [str(p) for p in refused.value.problems] == [
        "name: holds a control character (such as NUL), which is not allowed"]
    with db.session() as s, s.begin(), pytest.raises(InputError):
        network_register.create_network(s, OFFICER, NetworkInput(label="N", locations=[
            LocationInput(label="Kiosk\x00", place="3011", reported_on=dt.date(2026, 1, 1))]))
    with db.session() as s:
        assert s.scalar(select(func.count(Child.id))) == 0


def test_line_breaks_and_tabs_in_notes_are_fine_and_too_long_text_is_not(db: Database) -> None:
    with db.session() as s, s.begin():
        family_register.create_family(s, OFFICER, FamilyInput(name="Familie A", postcode="3011", notes="regel 1\r\n\tregel 2"))
    with db.session() as s, s.begin(), pytest.raises(InputError) as refused:
        family_register.create_family(s, OFFICER, FamilyInput(name="Familie B", postcode="3011", notes="x" * 10_001))
    assert [str(p) for p in refused.value.problems] == ["notes: is longer than 10,000 characters"]
    with db.session() as s:
        assert s.scalars(select(FosterFamily.notes)).all() == ["regel 1\r\n\tregel 2"]


def test_a_nul_in_an_imported_name_rejects_the_row_on_both_databases(
    db_url: str, tmp_path: Path, capsys, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    login(monkeypatch, db_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")
    path = write_csv(tmp_path / "gezinnen.csv", [["naam", "postcode", "plaatsen"], ["A", "3011", "1"],
                                                 ["B\x00C", "3011", "1"]])
    code, err = run(capsys, "--db", db_url, "import", "families", str(path))
    assert code == 2
    assert err == ['gezinnen.csv: row 3, column "naam": holds a control character (U+0000), '
                   'which is not allowed in text']
    db = Database(db_url)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count(FosterFamily.id))) == 0
    finally:
        db.dispose()


@pytest.mark.parametrize("argv", [
    ["dossier", "C100000000000000000000000", "--for", "guardian", "-o", "d.pdf"],
    ["dossier", "C2147483648", "--for", "school", "-o", "d.pdf"],
    ["audit", "child", "99999999999"],
    ["alerts", "--ack", "4294967296"],
], ids=["huge-child", "just-over-int32", "audit-child", "alert"])
def test_an_id_that_cannot_exist_is_one_line(sqlite_url: str, capsys, argv: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, err = run(capsys, "--db", sqlite_url, "--user", "nobody", *argv)
    assert code == 2 and len(err) == 1, err
    assert "is not an id that can exist (ids run from 1 to 2147483647)" in err[0]
    assert not (tmp_path / "d.pdf").exists()


@pytest.mark.parametrize(("url", "named"), [
    ("mysql://root:secret-pw@db.example/placement",
     '"mysql://root:***@db.example/placement" is not a supported database URL'),
    ("postgres://u@h/db", '"postgres://u@h/db" is not a supported database URL'),
    ("placement.sqlite", "malformed database URL"),
])
def test_an_unsupported_database_url_names_the_supported_ones(capsys, url: str, named: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, err = run(capsys, "--db", url, "--user", "x", "export", "families", "-o", str(tmp_path / "f.csv"))
    assert code == 2
    assert err == [f"--db: {named} (expected sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE)"]
    assert "secret-pw" not in err[0]
