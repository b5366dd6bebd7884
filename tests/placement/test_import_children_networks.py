"""Children from an XLSX sheet (real dates, text dates, 2.0 for 2, formulas) and
network locations from CSV: networks by label, sibling groups by label."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from placement.errors import InputError
from placement.importing.headers import Kind
from placement.importing.readers import read_table
from placement.storage.database import Database
from placement.storage.models import Child, Network
from tests.placement.import_support import (
    actions,
    counts,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    write_csv,
)

NETWORKS = [
    ["Netwerk", "Locatie", "Postcode", "Lat", "Lon", "Gemeld op", "Bron"],
    ["Zuidas-groep", "Winkelcentrum", "1082", "", "", "01-03-2026", "politie"],
    ["Zuidas-groep", "Woning", "", "52.3401", "4.8733", "2026-03-02", ""],
    ["Oost-netwerk", "Station", "", "51.2194", "4.4025", "2026-02-10", "Antwerpen, buitenland"],
]


@pytest.fixture
def db(sqlite_url: str):
    database = Database(sqlite_url)
    yield database
    database.dispose()


def fill_cached_values(path: Path, cached: dict[str, str]) -> None:
    """Give formulas the values Excel would have stored (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for formula, value in cached.items():
        sheet = sheet.replace(f"<f>{formula}</f><v />", f"<f>{formula}</f><v>{value}</v>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def children_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kinderen"
    sheet.append(["Naam", "Geboortedatum", "Geslacht", "Talen", "Training", "Schoolsoort", "Prioriteit",
                  "Netwerken", "Broers en zussen", "Referentie"])
    sheet.append(["Ana", dt.datetime(2014, 5, 3), "v", "ro; nl", "exploitation", "basis", 2.0,
                  "Zuidas-groep", "Familie A", "K-1"])
    sheet.append(["Ion", "03-05-2012", "jongen", "ro", "", "voortgezet", "=1+2", "Zuidas-groep; Oost-netwerk",
                  "Familie A", "K-2"])
    sheet.append(["Mara", "2016-11-30", "f", "", "", "", "=4+1", "", "", "K-3"])
    book.create_sheet("Notities").append(["leeg"])
    book.save(path)
    return path


def test_network_locations_import_and_reimport_unchanged(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "netwerken.csv", NETWORKS)
    plan = import_file(db, Kind.NETWORKS, path)
    assert [(str(r.action), r.note) for r in plan.rows] == [
        ("create", "new network"), ("create", ""), ("create", "new network")]
    with db.session() as s:
        networks = {n.label: n for n in s.scalars(select(Network).options(selectinload(Network.locations)))}
        assert sorted(networks) == ["Oost-netwerk", "Zuidas-groep"]
        shop, home = networks["Zuidas-groep"].locations
        assert (shop.label, shop.reported_on, shop.source_note) == ("Winkelcentrum", dt.date(2026, 3, 1), "politie")
        assert (home.lat, home.lon) == (52.3401, 4.8733)
        assert networks["Oost-netwerk"].locations[0].lat == 51.2194  # abroad: coordinates only
    assert actions(plan_file(db, Kind.NETWORKS, path)) == ["unchanged"] * 3


def test_network_location_without_place_or_with_future_date_is_rejected(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", [NETWORKS[0], ["X", "Somewhere", "", "", "", "01-01-2026", ""],
                                          ["X", "Later", "1082", "", "", "01-01-2099", ""]])
    plan = plan_file(db, Kind.NETWORKS, path)
    assert [line for r in plan.rows for line in r.describe()] == [
        'row 2, column "Postcode": is empty (give a postcode, or lat and lon)',
        'row 3, column "Gemeld op": "01-01-2099" lies in the future',
    ]


def test_xlsx_reader_dates_numbers_and_formulas(tmp_path: Path) -> None:
    path = children_workbook(tmp_path / "kinderen.xlsx")
    fill_cached_values(path, {"1+2": "3"})  # "=4+1" keeps no cached value
    table = read_table(path)
    assert table.headers[:3] == ("Naam", "Geboortedatum", "Geslacht")
    assert table.rows[0].cells[1] == dt.date(2014, 5, 3)
    assert table.rows[0].cells[6] == 2  # 2.0 in the sheet
    assert table.rows[1].cells[6] == 3  # the formula's cached value
    assert [r.number for r in table.rows] == [2, 3, 4]
    with pytest.raises(InputError) as caught:
        read_table(path, sheet="Blad1")
    assert caught.value.lines() == ['kinderen.xlsx: --sheet: no sheet "Blad1" (the file has "Kinderen", "Notities")']


def test_children_from_xlsx_with_networks_and_sibling_groups(db: Database, tmp_path: Path) -> None:
    import_file(db, Kind.NETWORKS, write_csv(tmp_path / "netwerken.csv", NETWORKS))
    path = children_workbook(tmp_path / "kinderen.xlsx")
    fill_cached_values(path, {"1+2": "3"})

    plan = plan_file(db, Kind.CHILDREN, path)
    assert [line for r in plan.rows for line in r.describe()] == [
        "row 2: create",
        "row 3: create",
        'row 4, column "Prioriteit": is a formula without a calculated value (open and save the file in Excel first)',
    ]
    with pytest.raises(InputError):
        import_file(db, Kind.CHILDREN, path)
    assert counts(db)["children"] == 0

    fill_cached_values(path, {"4+1": "5"})
    assert actions(import_file(db, Kind.CHILDREN, path)) == ["create"] * 3
    with db.session() as s:
        children = {
            c.name: c for c in s.scalars(select(Child).options(selectinload(Child.networks), selectinload(Child.sibling_group)))
        }
        ana, ion, mara = children["Ana"], children["Ion"], children["Mara"]
        assert (ana.date_of_birth, ana.gender, ana.languages, ana.school_kind, ana.priority) == (
            dt.date(2014, 5, 3), "f", ["ro", "nl"], "primary", 2)
        assert (ion.date_of_birth, ion.gender, ion.priority) == (dt.date(2012, 5, 3), "m", 3)
        assert sorted(n.label for n in ion.networks) == ["Oost-netwerk", "Zuidas-groep"]
        assert ana.sibling_group is not None and ana.sibling_group is ion.sibling_group
        assert ana.sibling_group.label == "Familie A"
        assert (mara.sibling_group, mara.school_kind, mara.priority) == (None, None, 5)
    assert actions(plan_file(db, Kind.CHILDREN, path)) == ["unchanged"] * 3


def test_child_with_unknown_network_label_is_rejected(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["naam", "geboortedatum", "geslacht", "netwerken"],
                                          ["Ana", "03-05-2014", "v", "Onbekend netwerk"],
                                          ["Ion", "31-02-2014", "m", ""]])
    plan = plan_file(db, Kind.CHILDREN, path)
    assert [line for r in plan.rows for line in r.describe()] == [
        'row 2, column "netwerken": "Onbekend netwerk" is not a known network label',
        'row 3, column "geboortedatum": "31-02-2014" is not a date (no such day)',
    ]


@pytest.mark.parametrize("header", ["regio", "Region"])
def test_child_region_is_read_as_a_province_whatever_the_spelling(db: Database, tmp_path: Path, header: str) -> None:
    rows = [["naam", "geboortedatum", "geslacht", header],
            ["Ana", "03-05-2014", "v", "friesland"],
            ["Ion", "03-05-2012", "m", " NOORD-HOLLAND "],
            ["Mara", "30-11-2016", "f", ""]]
    path = write_csv(tmp_path / "kinderen.csv", rows)
    assert actions(import_file(db, Kind.CHILDREN, path)) == ["create"] * 3
    with db.session() as s:
        assert {name: region for name, region in s.execute(select(Child.name, Child.region))} == {"Ana": "Fryslân", "Ion": "Noord-Holland", "Mara": None}
    assert actions(plan_file(db, Kind.CHILDREN, path)) == ["unchanged"] * 3
    rows[1][3] = "Atlantis"
    plan = plan_file(db, Kind.CHILDREN, write_csv(tmp_path / "fout.csv", rows))
    (problem,) = [line for r in plan.rows for line in r.describe() if "Atlantis" in line]
    assert problem.startswith(f'row 2, column "{header}": "Atlantis" is not a Dutch province (use one of: Groningen, Fryslân,')


def test_unlabelled_sibling_group_round_trips_as_its_id(db: Database, tmp_path: Path) -> None:
    from placement.services import exports
    from placement.storage.models import SiblingGroup
    from tests.placement.import_support import OFFICER

    with db.session() as s, s.begin():
        group = SiblingGroup(label="")
        s.add_all([Child(name="Ana", date_of_birth=dt.date(2014, 5, 3), gender="f", sibling_group=group),
                   Child(name="Ion", date_of_birth=dt.date(2012, 5, 3), gender="m", sibling_group=group)])
    target = tmp_path / "children.csv"
    with db.session() as s, s.begin():
        exports.export_registry(s, OFFICER, Kind.CHILDREN, target)
    assert actions(plan_file(db, Kind.CHILDREN, target)) == ["unchanged", "unchanged"]
