"""Importing families, children, schools and network locations from spreadsheets.

Two steps, each in its own transaction owned by the caller: :func:`dry_run`
(reads only) shows the user what would happen per row; :func:`apply` writes
exactly that, all rows or none. Row values never reach a log: the plan is a
report for the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.importing.headers import FIELDS, Field, Kind, MappingStore, check_mapping
from placement.importing.plan import (
    Action,
    Decision,
    ImportCancelled,
    ImportPlan,
    Progress,
    RowPlan,
    apply_plan,
    build_plan,
)
from placement.importing.readers import Table, read_table, sheet_names
from placement.services import audit
from placement.services.permissions import Action as Permission
from placement.services.permissions import require

__all__ = [
    "FIELDS",
    "Action",
    "Decision",
    "Field",
    "ImportCancelled",
    "ImportPlan",
    "Kind",
    "MappingStore",
    "RowPlan",
    "Table",
    "apply",
    "check_mapping",
    "dry_run",
    "propose_mapping",
    "read",
    "sheet_names",
]


def read(path: Path | str, sheet: str | None = None) -> Table:
    """The file as a table; raises :class:`~placement.errors.InputError` when it cannot be read."""
    return read_table(path, sheet)


def propose_mapping(kind: Kind, table: Table, store: MappingStore | None = None) -> dict[str, str | None]:
    """The mapping the user confirmed last time for this layout, else the recognised one."""
    return (store or MappingStore()).propose(kind, table.headers)


def dry_run(
    session: Session,
    actor: Actor,
    kind: Kind,
    table: Table,
    mapping: Mapping[str, str | None],
    decisions: Mapping[int, Decision] | None = None,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing ``table`` would do, per row. Writes nothing (but a refusal to the audit trail)."""
    require(actor, Permission.IMPORT, session=session)
    return build_plan(session, kind, table, mapping, decisions, today=today, progress=progress)


def apply(
    session: Session,
    actor: Actor,
    plan: ImportPlan,
    table: Table,
    *,
    store: MappingStore | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Write a confirmed plan in the caller's transaction and remember its column mapping.

    Raises :class:`~placement.errors.InputError` when rows are rejected or undecided, and
    :class:`~placement.errors.ConflictError` when the registry changed since the dry run.
    """
    require(actor, Permission.IMPORT, session=session)
    done = apply_plan(session, plan, table, today=today, progress=progress)
    audit.record(session, actor, audit.IMPORT, str(plan.kind))
    (store or MappingStore()).remember(plan.kind, table.headers, plan.mapping)
    return done
