"""Exporting the registries to CSV or XLSX in the layout the import reads back.

Every export goes through :func:`export_registry`, which takes the
:class:`~placement.actor.Actor`: family addresses and network locations are
secrets, so who may export what is decided in one place.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.codes import CLOSED_UNIT, FAMILY
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.files import write_bytes_atomic
from placement.importing.headers import Kind
from placement.importing.plan import sibling_group_label
from placement.services import audit
from placement.services.permissions import Action, require
from placement.spreadsheet_text import DEFAULT_DIALECT, CsvDialect, csv_bytes
from placement.storage.models import Child, FosterFamily, Network, School

COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.FAMILIES: ("external_ref", "name", "address", "postcode", "lat", "lon", "total_places", "age_min", "age_max",
                    "genders", "languages", "training", "status", "notes"),
    Kind.CHILDREN: ("external_ref", "name", "date_of_birth", "gender", "languages", "training_needed",
                    "school_kind", "priority", "networks", "sibling_group", "safety_km", "max_school_km",
                    "notes", "region"),
    Kind.SCHOOLS: ("duo_code", "name", "kinds", "postcode", "lat", "lon", "free_seats", "municipality",
                   "province"),
    Kind.NETWORKS: ("network", "location", "lat", "lon", "reported_on", "source_note"),
}
COLUMNS[Kind.UNITS] = (*COLUMNS[Kind.FAMILIES], "school_on_site")

Value = str | int | float | dt.date | None


def export_registry(session: Session, actor: Actor, kind: Kind, path: Path | str,
                    csv_dialect: CsvDialect = DEFAULT_DIALECT) -> int:
    """Write one registry to ``path`` (``.csv`` in ``csv_dialect``, or ``.xlsx``);
    returns the number of rows."""
    require(actor, Action.EXPORT, session=session)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise InputError([Problem.of("-o", Complaint("export.file_type"))])
    rows = list(_ROWS[kind](session))
    if kind in _PERSONAL:  # one row per object type, with the ids it exported
        object_type, model = _PERSONAL[kind]
        audit.record_many(session, actor, audit.EXPORT, object_type, session.scalars(select(model.id)))
    else:
        audit.record(session, actor, audit.EXPORT, str(kind))
    if suffix == ".csv":
        write_bytes_atomic(path, csv_bytes([COLUMNS[kind], *rows], csv_dialect))
    else:
        _write_xlsx(path, kind, COLUMNS[kind], rows)
    return len(rows)


def _joined(items: Sequence[str]) -> str:
    return "; ".join(items)


def _homes(session: Session, kind: str) -> Iterator[FosterFamily]:
    """Families or closed units (never the one in the other's file)."""
    return iter(session.scalars(
        select(FosterFamily).where(FosterFamily.kind == kind)
        .options(selectinload(FosterFamily.training)).order_by(FosterFamily.id)
    ))


def _families(session: Session) -> Iterator[list[Value]]:
    for f in _homes(session, FAMILY):
        yield _family_row(f)


def _units(session: Session) -> Iterator[list[Value]]:
    for u in _homes(session, CLOSED_UNIT):
        yield [*_family_row(u), _joined(u.school_on_site or [])]


def _family_row(f: FosterFamily) -> list[Value]:
    training = [
        ":".join(p for p in (t.tag, t.completed_on.isoformat(), t.expires_on.isoformat() if t.expires_on else "") if p)
        for t in sorted(f.training, key=lambda t: t.tag)
    ]
    return [f.external_ref, f.name, f.address, f.postcode, f.lat, f.lon, f.total_places, f.age_min, f.age_max,
            _joined(f.genders), _joined(f.languages), _joined(training), str(f.status), f.notes]


def _children(session: Session) -> Iterator[list[Value]]:
    children = session.scalars(
        select(Child).options(selectinload(Child.networks), selectinload(Child.sibling_group)).order_by(Child.id)
    )
    for c in children:
        group = c.sibling_group
        group_label = sibling_group_label(group) if group is not None else None
        yield [c.external_ref, c.name, c.date_of_birth, c.gender, _joined(c.languages),
               _joined(c.training_needed), c.school_kind, c.priority, _joined([n.label for n in c.networks]),
               group_label, c.safety_km, c.max_school_km, c.notes, c.region]


def _schools(session: Session) -> Iterator[list[Value]]:
    for s in session.scalars(select(School).order_by(School.duo_code)):
        yield [s.duo_code, s.name, _joined(s.kinds), s.postcode, s.lat, s.lon, s.free_seats, s.municipality,
               s.province]


def _networks(session: Session) -> Iterator[list[Value]]:
    networks = session.scalars(select(Network).options(selectinload(Network.locations)).order_by(Network.id))
    for n in networks:
        for loc in n.locations:
            yield [n.label, loc.label, loc.lat, loc.lon, loc.reported_on, loc.source_note]


_ROWS = {Kind.FAMILIES: _families, Kind.UNITS: _units, Kind.CHILDREN: _children, Kind.SCHOOLS: _schools,
         Kind.NETWORKS: _networks}
_PERSONAL = {Kind.FAMILIES: ("family", FosterFamily), Kind.UNITS: ("family", FosterFamily), Kind.CHILDREN: ("child", Child),
             Kind.NETWORKS: ("network", Network)}
"""The registers whose export is audited with the ids of what left the database (schools are public)."""


def _write_xlsx(path: Path, kind: Kind, headers: Sequence[str], rows: list[list[Value]]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(str(kind))
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    write_bytes_atomic(path, out.getvalue())


def _xlsx_cell(sheet: Any, value: Value) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell
