"""A good export round-trips: exporting the demo registry and importing it into
an empty database gives the same registry, and importing it again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement.actor import Actor
from placement.errors import PermissionDenied
from placement.importing.headers import Kind
from placement.services import exports
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role
from tests.placement.import_support import (
    OFFICER,
    counts,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    snapshot,
)

# Networks before children: children name their networks by label.
ORDER = (Kind.NETWORKS, Kind.FAMILIES, Kind.SCHOOLS, Kind.CHILDREN)


def export_all(db: Database, folder: Path, suffix: str, kinds=ORDER) -> dict[Kind, Path]:
    paths = {}
    with db.session() as s, s.begin():
        for kind in kinds:
            paths[kind] = folder / f"{kind}{suffix}"
            exports.export_registry(s, OFFICER, kind, paths[kind])
    return paths


@pytest.fixture
def demo(demo_db_path: Path):
    database = Database(sqlite_url(demo_db_path))
    yield database
    database.dispose()


@pytest.fixture
def empty(sqlite_url: str):
    database = Database(sqlite_url)
    yield database
    database.dispose()


def test_csv_export_imports_into_an_empty_database_as_the_same_registry(
    demo: Database, empty: Database, tmp_path: Path
) -> None:
    paths = export_all(demo, tmp_path, ".csv")
    for kind in ORDER:
        import_file(empty, kind, paths[kind])
    original, copy = snapshot(demo), snapshot(empty)
    assert counts(empty)["families"] > 0 and counts(empty)["children"] > 0
    for name in original:
        assert copy[name] == original[name], name
    for kind in ORDER:
        plan = plan_file(empty, kind, paths[kind])
        assert {str(r.action) for r in plan.rows} == {"unchanged"}, kind


def test_xlsx_export_round_trips_families_children_and_networks(
    demo: Database, empty: Database, tmp_path: Path
) -> None:
    kinds = (Kind.NETWORKS, Kind.FAMILIES, Kind.CHILDREN)
    paths = export_all(demo, tmp_path, ".xlsx", kinds)
    for kind in kinds:
        import_file(empty, kind, paths[kind])
    original, copy = snapshot(demo), snapshot(empty)
    for name in ("networks", "families", "children"):
        assert copy[name] == original[name], name
    assert {str(r.action) for r in plan_file(empty, Kind.FAMILIES, paths[Kind.FAMILIES]).rows} == {"unchanged"}


def test_text_that_looks_like_a_formula_stays_text_in_xlsx(empty: Database, tmp_path: Path) -> None:
    from tests.placement.import_support import write_csv

    source = write_csv(tmp_path / "f.csv", [["naam", "postcode", "plaatsen", "notities"],
                                            ["Jansen", "3011", "1", "=HYPERLINK(\"http://x\")"]])
    import_file(empty, Kind.FAMILIES, source)
    paths = export_all(empty, tmp_path, ".xlsx", (Kind.FAMILIES,))
    assert {str(r.action) for r in plan_file(empty, Kind.FAMILIES, paths[Kind.FAMILIES]).rows} == {"unchanged"}


@pytest.mark.parametrize("role", [Role.MANAGER, Role.GUARDIAN, Role.ADMINISTRATOR])
def test_only_roles_allowed_to_export_get_a_file(demo: Database, tmp_path: Path, role: Role) -> None:
    actor = Actor(user_id=None, username=f"a {role}", role=role)
    target = tmp_path / "families.csv"
    with pytest.raises(PermissionDenied), demo.session() as s, s.begin():
        exports.export_registry(s, actor, Kind.FAMILIES, target)
    assert not target.exists()


def test_formula_like_notes_are_inert_in_csv_and_come_back_unchanged(tmp_path):
    """A note such as '=HYPERLINK(...)' must not run when the export is opened
    in a spreadsheet, yet must import back exactly as typed."""
    import csv

    from placement.importing.readers import read_table
    from placement.spreadsheet_text import protect

    path = tmp_path / "notes.csv"
    dangerous = ['=HYPERLINK("http://x","y")', "+31 6 1234", "-niet bellen", "@home", "'quoted", "plain"]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["notes"])
        writer.writerows([[protect(text)] for text in dangerous])
    raw = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert not any(line.lstrip('"').startswith(("=", "+", "-", "@")) for line in raw)
    table = read_table(path)
    assert [row.cells[0] for row in table.rows] == dangerous
