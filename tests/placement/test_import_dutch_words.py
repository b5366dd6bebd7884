"""The words people type in the offices' spreadsheets: the Dutch names and
synonyms of every code, in any case, singular or plural. The files are the
ones issue 12 saw refused; they go through the real importer into a SQLite
file and are read back from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from placement.importing.headers import Kind
from placement.storage.database import Database
from placement.storage.models import Child, FosterFamily
from tests.placement.import_support import (
    actions,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    write_csv,
)

FAMILY_HEADER = ["Naam", "Postcode", "Plaatsen", "Leeftijd van", "Leeftijd tot", "Geslacht", "Talen",
                 "Training"]


@pytest.fixture
def db(sqlite_url: str):
    database = Database(sqlite_url)
    yield database
    database.dispose()


def test_the_issues_family_file_is_accepted(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gezinnen.csv", [
        FAMILY_HEADER,
        ["Familie Groen", "3011", "2", "8", "17", "jongens, meisjes", "Nederlands, Arabisch",
         "criminele uitbuiting"],
        ["Familie Blauw", "2511", "1", "0", "12", "Meisjes", "NL; Tigrinya", "Hechting; Broers en zussen"],
    ])
    plan = import_file(db, Kind.FAMILIES, path)
    assert actions(plan) == ["create", "create"]
    with db.session() as s:
        families = {
            f.name: f for f in s.scalars(select(FosterFamily).options(selectinload(FosterFamily.training)))
        }
        green, blue = families["Familie Groen"], families["Familie Blauw"]
        assert (green.genders, green.languages) == (["f", "m"], ["nl", "ar"])
        assert [t.tag for t in green.training] == ["exploitation"]
        assert (blue.genders, blue.languages) == (["f"], ["nl", "ti"])
        assert sorted(t.tag for t in blue.training) == ["attachment", "siblings"]


def test_the_issues_children_file_is_accepted_as_xlsx(db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Naam", "Geboortedatum", "Geslacht", "Talen", "Training", "Schoolsoort", "Regio"])
    sheet.append(["Ion", "03-05-2012", "jongen", "Roemeens, nederlands", "Criminele uitbuiting",
                  "Voortgezet onderwijs", "Zuid-Holland"])
    sheet.append(["Ana", dt.datetime(2016, 5, 3), "MEISJE", "arabisch", "trauma", "basisschool", "Utrecht"])
    sheet.append(["Sam", "2010-01-30", "anders", "", "tieners", "ISK", "Utrecht"])
    path = tmp_path / "kinderen.xlsx"
    book.save(path)
    plan = import_file(db, Kind.CHILDREN, path)
    assert actions(plan) == ["create"] * 3
    with db.session() as s:
        children = {c.name: c for c in s.scalars(select(Child))}
    assert (children["Ion"].gender, children["Ion"].languages) == ("m", ["ro", "nl"])
    assert children["Ion"].training_needed == ["exploitation"]
    assert children["Ion"].school_kind == "secondary"
    assert (children["Ana"].gender, children["Ana"].languages, children["Ana"].school_kind) == (
        "f", ["ar"], "primary")
    assert (children["Sam"].gender, children["Sam"].training_needed, children["Sam"].school_kind) == (
        "x", ["teenagers"], "newcomer")


def test_a_wrong_word_names_row_and_column_in_english_and_in_dutch(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gezinnen.csv", [
        FAMILY_HEADER,
        ["Familie Rood", "3011", "1", "0", "12", "jongens, katten", "Nederlands, Klingon", "hechting"],
    ])
    plan = plan_file(db, Kind.FAMILIES, path)
    (row,) = plan.rejected
    assert [p.describe(row.number) for p in row.problems] == [
        'row 2, column "Geslacht": "jongens, katten" has "katten", which is not a gender '
        "(use: girl, boy, non-binary)",
        'row 2, column "Talen": "Nederlands, Klingon" has "Klingon", which is not a language '
        "(use a name such as Dutch or a code such as nl)",
    ]
    assert [p.describe(row.number, "nl") for p in row.problems] == [
        'rij 2, kolom "Geslacht": "jongens, katten" bevat "katten"; dat is geen geslacht '
        "(gebruik: meisje, jongen, non-binair)",
        'rij 2, kolom "Talen": "Nederlands, Klingon" bevat "Klingon"; dat is geen taal '
        "(gebruik een naam zoals Nederlands of een code zoals nl)",
    ]
