"""Importing foster families from the offices' spreadsheets: Dutch headers,
cp1252 files, bad rows, duplicates, updates by reference, and a 20,000-row file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from placement.errors import InputError
from placement.importing.headers import Kind, MappingStore
from placement.importing.plan import Action, Decision
from placement.services import imports
from placement.storage.database import Database
from placement.storage.models import FamilyStatus, FosterFamily
from tests.placement.import_support import (
    FAMILY_HEADER,
    OFFICER,
    TODAY,
    actions,
    counts,
    family_rows,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    write_csv,
)


@pytest.fixture
def db(sqlite_url: str):
    database = Database(sqlite_url)
    yield database
    database.dispose()


def test_dutch_cp1252_file_imports_with_accents_and_resolved_postcodes(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "gezinnen.csv",
        [
            ["Naam", "Straat", "Huisnummer", "Plaats", "Postcode", "Plaatsen", "Leeftijd van", "Leeftijd tot",
             "Geslacht", "Talen", "Training", "Referentie"],
            ["Familie Hoëvenaar", "Kerkstraat", "12a", "Café-dorp", "1012AB", "2", "4", "12", "v, m", "NL; ar",
             "trauma:15-03-2024:15-03-2027; uitbuiting", "G-1"],
        ],
        encoding="cp1252",
    )
    plan = import_file(db, Kind.FAMILIES, path)
    assert actions(plan) == ["create"]
    with db.session() as s:
        family = s.scalars(select(FosterFamily)).one()
        assert family.name == "Familie Hoëvenaar"
        assert family.address == "Kerkstraat 12a, Café-dorp"
        assert family.postcode == "1012 AB"
        assert (family.lat, family.lon) == (52.3735, 4.8951)  # PC4 1012, Amsterdam centre
        assert family.municipality == "Amsterdam"
        assert family.genders == ["f", "m"]
        assert family.languages == ["nl", "ar"]
        assert sorted((t.tag, t.completed_on, t.expires_on) for t in family.training) == [
            ("exploitation", TODAY, None),  # no date given: completed on the import date
            ("trauma", dt.date(2024, 3, 15), dt.date(2027, 3, 15)),
        ]


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "families.csv",
        [
            ["name", "postcode", "places", "age min", "age max", "gender"],
            ["Good family", "3011", "1", "0", "10", "f"],
            ["Bad postcode", "99999", "1", "0", "10", "f"],
            ["", "3011", "two", "0", "10", "f"],
            ["Old range", "3011", "1", "12", "4", "q"],
        ],
        delimiter=",",
    )
    plan = plan_file(db, Kind.FAMILIES, path)
    assert actions(plan) == ["create", "reject", "reject", "reject"]
    lines = [line for row in plan.rejected for line in row.describe()]
    assert lines == [
        'row 3, column "postcode": "99999" is not a Dutch postcode (expected 1234 AB)',
        'row 4, column "name": is empty (a value is required)',
        'row 4, column "places": "two" is not a whole number',
        'row 5, column "age max": "4" is below the minimum age (12)',
        'row 5, column "gender": "q" is not a gender (use: girl, boy, non-binary)',
    ]
    with pytest.raises(InputError) as caught:
        import_file(db, Kind.FAMILIES, path)
    assert caught.value.lines()[0] == 'families.csv: row 3, column "postcode": "99999" is not a Dutch postcode (expected 1234 AB)'
    assert counts(db)["families"] == 0


def test_missing_required_column_is_named_and_extra_columns_are_ignored(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [["naam", "kleur van de deur", "plaatsen"], ["A", "rood", "1"]])
    with pytest.raises(InputError) as caught:
        plan_file(db, Kind.FAMILIES, path)
    assert caught.value.lines() == ['column "postcode": is missing (map a column to it)']

    path = write_csv(tmp_path / "g.csv", [["naam", "kleur van de deur", "postcode", "plaatsen"], ["A", "rood", "3011", "1"]])
    assert actions(import_file(db, Kind.FAMILIES, path)) == ["create"]


def test_reimport_by_reference_updates_only_what_changed(db: Database, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", [FAMILY_HEADER, *family_rows(3)])
    import_file(db, Kind.FAMILIES, first)
    assert actions(plan_file(db, Kind.FAMILIES, first)) == ["unchanged"] * 3

    rows = list(family_rows(3))
    rows[1][4] = "3"  # places
    rows[2][10] = "gepauzeerd"
    second = write_csv(tmp_path / "b.csv", [FAMILY_HEADER, *rows, *family_rows(1, start=10)])
    plan = import_file(db, Kind.FAMILIES, second)
    assert [(str(r.action), r.changes) for r in plan.rows] == [
        ("unchanged", ()),
        ("update", ("total_places",)),
        ("update", ("status",)),
        ("create", ()),
    ]
    with db.session() as s:
        family = s.scalars(select(FosterFamily).where(FosterFamily.external_ref == "REF-000002")).one()
        assert family.status is FamilyStatus.PAUSED
        # training given without dates on re-import keeps the original completion date
        first_family = s.scalars(select(FosterFamily).where(FosterFamily.external_ref == "REF-000000")).one()
        assert [(t.tag, t.completed_on) for t in first_family.training] == [("trauma", dt.date(2025, 2, 1))]
    assert counts(db)["families"] == 4


def test_likely_duplicates_without_reference_wait_for_a_decision(db: Database, tmp_path: Path) -> None:
    header = ["naam", "postcode", "plaatsen"]
    import_file(db, Kind.FAMILIES, write_csv(tmp_path / "a.csv", [header, ["De Vries", "3011 AB", "1"]]))
    path = write_csv(tmp_path / "b.csv", [header, ["de vries", "3011AB", "2"], ["Bakker", "3011", "1"]])

    plan = plan_file(db, Kind.FAMILIES, path)
    assert actions(plan) == ["duplicate?", "create"]
    assert plan.rows[0].note.startswith("same name and postcode as F")
    with pytest.raises(InputError):
        import_file(db, Kind.FAMILIES, path)
    assert counts(db)["families"] == 1

    skip = plan_file(db, Kind.FAMILIES, path, decisions={2: Decision.SKIP})
    assert actions(skip) == ["skip", "create"]
    update = import_file(db, Kind.FAMILIES, path, decisions={2: Decision.UPDATE})
    assert actions(update) == ["update", "create"]
    with db.session() as s:
        assert sorted(f.total_places for f in s.scalars(select(FosterFamily))) == [1, 2]
    again = plan_file(db, Kind.FAMILIES, path)
    assert actions(again) == ["unchanged", "unchanged"]  # the same file again changes nothing


def test_identical_row_without_reference_counts_as_unchanged(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["naam", "postcode", "plaatsen"], ["Jansen", "2511", "1"]])
    import_file(db, Kind.FAMILIES, path)
    assert actions(plan_file(db, Kind.FAMILIES, path)) == ["unchanged"]


def test_same_reference_twice_in_one_file_is_rejected(db: Database, tmp_path: Path) -> None:
    rows = list(family_rows(2))
    rows[1][0] = rows[0][0]
    plan = plan_file(db, Kind.FAMILIES, write_csv(tmp_path / "a.csv", [FAMILY_HEADER, *rows]))
    assert plan.rows[1].describe() == ['row 3, column "Referentie": "REF-000000" appears also in row 2']


def test_mapping_is_remembered_per_layout(db: Database, tmp_path: Path) -> None:
    store = MappingStore(tmp_path / "maps.json")
    path = write_csv(tmp_path / "odd.csv", [["Wie", "PC", "Hoeveel"], ["Jansen", "2511", "1"]])
    table = imports.read(path)
    assert imports.propose_mapping(Kind.FAMILIES, table, store) == {"Wie": None, "PC": None, "Hoeveel": None}
    chosen = {"Wie": "name", "PC": "postcode", "Hoeveel": "total_places"}
    with db.session() as s, s.begin():
        plan = imports.dry_run(s, OFFICER, Kind.FAMILIES, table, chosen)
    with db.session() as s, s.begin():
        imports.apply(s, OFFICER, plan, table, store=store)

    next_month = imports.read(write_csv(tmp_path / "next.csv", [["wie", "pc", "hoeveel"], ["Smit", "3011", "2"]]))
    assert imports.propose_mapping(Kind.FAMILIES, next_month, store) == {
        "wie": "name", "pc": "postcode", "hoeveel": "total_places"
    }
    other_layout = imports.read(write_csv(tmp_path / "other.csv", [["Wie", "PC"], ["Smit", "3011"]]))
    assert imports.propose_mapping(Kind.FAMILIES, other_layout, store) == {"Wie": None, "PC": None}
    assert "Jansen" not in store.path.read_text(encoding="utf-8")  # headers and fields only, never values


@pytest.mark.slow
def test_twenty_thousand_rows_import_in_one_go(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", [FAMILY_HEADER, *family_rows(20_000)], encoding="cp1252")
    plan = import_file(db, Kind.FAMILIES, path)
    assert plan.count(Action.CREATE) == 20_000
    assert counts(db)["families"] == 20_000
    with db.session() as s:
        last = s.scalars(select(FosterFamily).where(FosterFamily.external_ref == "REF-019996")).one()
        assert (last.name, last.postcode, last.total_places, last.age_max) == ("Gezin 19996", "6811 AA", 2, 19)
        assert [(t.tag, t.completed_on) for t in last.training] == [("trauma", dt.date(2025, 2, 1))]


def test_import_is_for_officers_and_leaves_an_audit_row(db: Database, tmp_path: Path) -> None:
    from placement.actor import Actor
    from placement.errors import PermissionDenied
    from placement.storage.models import AuditEntry, Role

    path = write_csv(tmp_path / "a.csv", [["naam", "postcode", "plaatsen"], ["Jansen", "2511", "1"]])
    manager = Actor(user_id=None, username="manager", role=Role.MANAGER)
    table = imports.read(path)
    with pytest.raises(PermissionDenied), db.session() as s, s.begin():
        imports.dry_run(s, manager, Kind.FAMILIES, table, imports.propose_mapping(Kind.FAMILIES, table))
    import_file(db, Kind.FAMILIES, path)
    with db.session() as s:
        rows = [(e.username, e.action, e.object_type, e.outcome) for e in s.scalars(select(AuditEntry))]
    assert rows == [("manager", "import", "action", "denied"), ("officer", "import", "families", "ok")]
