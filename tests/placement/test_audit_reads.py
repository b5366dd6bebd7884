"""Every read of personal data is audited, also when it is a whole list: one
row with how many and which (ids as ranges), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from placement.actor import Actor
from placement.importing.headers import Kind
from placement.services import audit, exports
from placement.services.registers import (
    child_register,
    family_register,
    map_layers,
    network_register,
)
from placement.storage.database import Database
from placement.storage.models import AuditEntry, Network, Role
from tests.placement.security_factories import add_child, add_family

OFFICER = Actor(user_id=None, username="officer", role=Role.OFFICER, workstation="test-ws")


def _rows(db: Database, action: str) -> list[tuple[str, str | None, str | None]]:
    with db.session() as s:
        return [
            (e.object_type, e.object_id, e.object_ids)
            for e in s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
        ]


def test_lists_and_the_map_leave_one_row_with_the_count_and_the_ids(db: Database) -> None:
    with db.session() as s, s.begin():
        families = [add_family(s).id for _ in range(3)]
        children = [add_child(s).id for _ in range(4)]
        s.add(Network(label="N"))
    with db.session() as s, s.begin():
        family_register.list_families(s, OFFICER)
        child_register.list_children(s, OFFICER)
        network_register.list_networks(s, OFFICER)
        map_layers.map_layers(s, OFFICER)
    assert _rows(db, audit.LIST) == [
        ("family", "3", audit.id_ranges(families)),
        ("child", "4", audit.id_ranges(children)),
        ("network", "1", "1"),
        ("family", "3", audit.id_ranges(families)),  # the map's points are the families' addresses
    ]
    with db.session() as s:
        assert audit.verify(s).ok


def test_a_registry_export_names_what_it_exported(db: Database, tmp_path: Path) -> None:
    with db.session() as s, s.begin():
        children = [add_child(s).id for _ in range(2)]
    with db.session() as s, s.begin():
        exports.export_registry(s, OFFICER, Kind.CHILDREN, tmp_path / "kinderen.csv")
    assert _rows(db, audit.EXPORT) == [("child", "2", audit.id_ranges(children))]


def test_ids_are_written_as_ranges() -> None:
    assert audit.id_ranges([5, 1, 2, 3, 9, 12, 13, 14]) == "1-3,5,9,12-14"
    assert audit.id_ranges(["C7"]) == "7"
    assert audit.id_ranges([]) == ""
