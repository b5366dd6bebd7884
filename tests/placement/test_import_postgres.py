"""The same import on PostgreSQL: bulk inserts, re-imports and all-or-nothing writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement.errors import InputError
from placement.importing.headers import Kind
from placement.importing.plan import Action
from placement.storage.database import Database
from tests.placement.import_support import (
    FAMILY_HEADER,
    actions,
    counts,
    family_rows,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    snapshot,
    write_csv,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(postgres_url: str):
    database = Database(postgres_url)
    yield database
    database.dispose()


def test_families_children_and_networks_on_postgres(pg: Database, tmp_path: Path) -> None:
    families = write_csv(tmp_path / "f.csv", [FAMILY_HEADER, *family_rows(500)])
    assert import_file(pg, Kind.FAMILIES, families).count(Action.CREATE) == 500
    assert plan_file(pg, Kind.FAMILIES, families).count(Action.UNCHANGED) == 500
    before = snapshot(pg)

    broken = write_csv(tmp_path / "g.csv", [FAMILY_HEADER, *family_rows(3, start=500), ["X", "Y", "", "0000"]])
    with pytest.raises(InputError):
        import_file(pg, Kind.FAMILIES, broken)
    assert snapshot(pg) == before

    networks = write_csv(tmp_path / "n.csv", [["network", "location", "lat", "lon", "reported_on"],
                                              ["Noord", "Markt", "53.2", "6.56", "2026-01-05"]])
    import_file(pg, Kind.NETWORKS, networks)
    children = write_csv(tmp_path / "c.csv", [["name", "date_of_birth", "gender", "networks", "sibling_group"],
                                              ["Ana", "2014-05-03", "f", "Noord", "A"],
                                              ["Ion", "2012-05-03", "m", "Noord", "A"]])
    assert actions(import_file(pg, Kind.CHILDREN, children)) == ["create", "create"]
    assert actions(plan_file(pg, Kind.CHILDREN, children)) == ["unchanged", "unchanged"]
    assert counts(pg) == {"families": 500, "children": 2, "schools": 0, "networks": 1}
