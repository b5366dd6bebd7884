"""DUO's "alle vestigingen" files and our own schools.csv: kinds from DUO's
categories, codes split over two columns, and re-imports that keep the free
seats an office entered."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from placement.importing.headers import Kind
from placement.paths import resource
from placement.storage.database import Database
from placement.storage.models import School
from tests.placement.import_support import (
    FILES,
    actions,
    counts,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    write_csv,
)

BO = FILES / "02.-alle-schoolvestigingen-basisonderwijs.csv"
SO = FILES / "09.-alle-vestigingen-sbo-so-en-vso.csv"
VO = FILES / "02.-alle-vestigingen-vo.csv"


@pytest.fixture
def db(sqlite_url: str):
    database = Database(sqlite_url)
    yield database
    database.dispose()


def schools(db: Database) -> dict[str, School]:
    with db.session() as s:
        return {school.duo_code: school for school in s.scalars(select(School))}


def test_three_duo_files_import_with_the_apps_kinds(db: Database) -> None:
    plans = [import_file(db, Kind.SCHOOLS, path) for path in (BO, SO, VO)]
    assert [p.layout for p in plans] == [
        "DUO BO (02.-alle-schoolvestigingen-basisonderwijs)",
        "DUO SBO/SO/VSO (09.-alle-vestigingen-sbo-so-en-vso)",
        "DUO VO (02.-alle-vestigingen-vo)",
    ]
    found = schools(db)
    assert len(found) == 15
    assert found["10UN00"].name == "IKC 't Oelebröd"  # cp1252 file
    assert found["04KN00"].name == "Mienskipsskoalle  De Legeaën"
    assert found["32JK00"].kinds == ["primary"]
    assert found["23NV00"].kinds == ["special", "special-primary"]  # SBAO
    assert found["06SV00"].kinds == ["special", "special-primary", "special-secondary"]  # (V)SO
    assert found["18BR00"].kinds == ["secondary"]
    assert found["01AA89"].kinds == ["secondary", "newcomer"]  # "ISK ZW"
    assert found["20CR06"].kinds == ["secondary", "newcomer"]  # www.caleido-isk.nl
    assert (found["32JK00"].postcode, found["32JK00"].municipality, found["32JK00"].province) == (
        "9306 TC", "Noordenveld", "Drenthe")


def test_duo_reimport_matches_the_cleaned_file_and_keeps_free_seats(db: Database, tmp_path: Path) -> None:
    with resource("data", "schools.csv").open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        wanted = {"32JK00", "10UN00", "23FD01", "04KN00", "03GR00", "03GR01", "23NV00", "00JH00", "06SV00",
                  "18BR00", "18BR01", "01AA89", "20CR06"}
        rows = [r for r in reader if r[0] in wanted]
    cleaned = write_csv(tmp_path / "schools.csv", [header, *rows], delimiter=",")
    assert actions(import_file(db, Kind.SCHOOLS, cleaned)) == ["create"] * 13

    with db.session() as s, s.begin():
        s.scalars(select(School).where(School.duo_code == "32JK00")).one().free_seats = 4

    for path in (BO, SO, VO):
        plan = plan_file(db, Kind.SCHOOLS, path)
        updates = [r for r in plan.rows if r.action not in ("unchanged", "create")]
        assert updates == [], [r.describe() for r in updates]
        import_file(db, Kind.SCHOOLS, path)
    assert counts(db)["schools"] == 15  # two SO/VSO schools were not in the cleaned subset
    assert schools(db)["32JK00"].free_seats == 4


def test_code_split_over_instellingscode_and_vestigingsnummer(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "oud-bo.csv",
        [["INSTELLINGSCODE", "VESTIGINGSNUMMER", "VESTIGINGSNAAM", "POSTCODE", "PLAATSNAAM"],
         ["03GR", "1", "Het Mozaiek", "7913 TR", "HOLLANDSCHEVELD"],
         ["03GR", "x1", "Kapot", "7913 TR", "HOLLANDSCHEVELD"]],
        encoding="cp1252",
    )
    plan = plan_file(db, Kind.SCHOOLS, path)
    assert plan.rows[0].label == "03GR01 Het Mozaiek"
    assert plan.rows[1].describe() == ['row 3, column "INSTELLINGSCODE": "03GR" is not a location number (0-99)']


def test_unknown_category_and_duplicate_code_are_rejected(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        [["vestigingscode", "naam", "soort po", "postcode", "vrije plaatsen"],
         ["32JK00", "A", "BAO", "9306 TC", "3"],
         ["32JK00", "A again", "BAO", "9306 TC", ""],
         ["03WU00", "B", "MBO", "9571 AZ", "-1"]],
    )
    plan = plan_file(db, Kind.SCHOOLS, path)
    assert [line for r in plan.rows for line in r.describe()] == [
        "row 2: create",
        'row 3, column "vestigingscode": "32JK00" appears also in row 2',
        'row 4, column "soort po": "MBO" is not a DUO school category (BAO, SBAO, SO, VSO, (V)SO or VO)',
        'row 4, column "vrije plaatsen": "-1" is less than 0',
    ]
