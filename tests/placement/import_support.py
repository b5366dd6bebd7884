"""Helpers for the import/export tests: an officer, writing test files, and a
registry snapshot that compares two databases by content rather than by id."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from placement.actor import Actor
from placement.importing.headers import Kind, MappingStore
from placement.importing.plan import ImportPlan
from placement.services import imports
from placement.storage.database import Database
from placement.storage.models import Child, FosterFamily, Network, Role, School

FILES = Path(__file__).parent / "import_files"
OFFICER = Actor(user_id=None, username="officer", role=Role.OFFICER)
# The day imports are checked on: never before the dates the import files were
# written against, and never before the real day, since the round-trip tests
# import exports of a demo database built today (its dates reach up to today).
TODAY = max(dt.date(2026, 11, 22), dt.date.today())


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Remembered mappings go to the test's own folder, never the user's."""
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def plan_file(db: Database, kind: Kind, path: Path, store: MappingStore | None = None, decisions=None) -> ImportPlan:
    table = imports.read(path)
    mapping = imports.propose_mapping(kind, table, store)
    with db.session() as s, s.begin():
        return imports.dry_run(s, OFFICER, kind, table, mapping, decisions, today=TODAY)


def import_file(db: Database, kind: Kind, path: Path, store: MappingStore | None = None, decisions=None) -> ImportPlan:
    """Dry run, then apply, as the CLI and the wizard do."""
    plan = plan_file(db, kind, path, store, decisions)
    with db.session() as s, s.begin():
        imports.apply(s, OFFICER, plan, imports.read(path), store=store, today=TODAY)
    return plan


def actions(plan: ImportPlan) -> list[str]:
    return [str(r.action) for r in plan.rows]


def _training(f: FosterFamily) -> tuple[Any, ...]:
    return tuple(sorted((t.tag, t.completed_on, t.expires_on) for t in f.training))


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Everything an import or export carries, without database ids."""
    with db.session() as s:
        # closed units are not families and have no import or export of their own yet
        families = s.scalars(select(FosterFamily).where(FosterFamily.kind == "family")
                             .options(selectinload(FosterFamily.training))).all()
        children = s.scalars(select(Child).options(selectinload(Child.networks), selectinload(Child.sibling_group))).all()
        schools = s.scalars(select(School)).all()
        networks = s.scalars(select(Network).options(selectinload(Network.locations))).all()
        return {
            "families": sorted(
                (f.external_ref or "", f.name, f.address, f.postcode, f.lat, f.lon, f.municipality, f.province,
                 f.total_places, f.age_min, f.age_max, tuple(f.genders), tuple(f.languages), _training(f),
                 str(f.status), f.notes)
                for f in families
            ),
            "children": sorted(
                (c.external_ref or "", c.name, c.date_of_birth, c.gender, tuple(c.languages),
                 tuple(c.training_needed), c.school_kind or "", c.priority,
                 tuple(sorted(n.label for n in c.networks)), c.sibling_group.label if c.sibling_group else "",
                 c.safety_km or -1.0, c.max_school_km or -1.0, c.notes, c.region or "")
                for c in children
            ),
            "schools": sorted(
                (s_.duo_code, s_.name, tuple(s_.kinds), s_.postcode, s_.lat, s_.lon, s_.municipality, s_.province,
                 s_.free_seats)
                for s_ in schools
            ),
            "networks": sorted(
                (n.label, tuple(sorted((loc.label, loc.lat, loc.lon, loc.reported_on, loc.source_note)
                                       for loc in n.locations)))
                for n in networks
            ),
        }


def counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            name: s.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (("families", FosterFamily), ("children", Child), ("schools", School),
                                ("networks", Network))
        }


def family_rows(n: int, start: int = 0) -> Iterator[list[str]]:
    """``n`` plausible family rows with Dutch headers' order (see FAMILY_HEADER)."""
    postcodes = ["1012 AB", "3011", "9711 CD", "5611", "6811 AA", "2511", "7511 BE", "8011"]
    for i in range(start, start + n):
        yield [f"REF-{i:06d}", f"Gezin {i}", f"Dorpsstraat {i % 300 + 1}", postcodes[i % len(postcodes)],
               str(1 + i % 3), str(i % 6), str(12 + i % 9), "v;m" if i % 2 else "", "nl; en" if i % 5 == 0 else "nl",
               "trauma:01-02-2025" if i % 4 == 0 else "", "actief", ""]


FAMILY_HEADER = ["Referentie", "Naam", "Adres", "Postcode", "Plaatsen", "Leeftijd van", "Leeftijd tot",
                 "Geslacht", "Talen", "Training", "Status", "Opmerkingen"]
