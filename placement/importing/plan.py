"""The dry run: what an import would create, update, leave alone or reject, row by row,
and writing exactly that once the user confirms.

A plan is built in a read-only transaction. Applying it rebuilds it inside the
write transaction with the same decisions and refuses when the outcome
differs (someone changed the registry in between), so what is written is
always what the user saw. Nothing is written when any row is rejected or a
possible duplicate is still undecided.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from catalogue import codes, limits
from catalogue.codes import CLOSED_UNIT, FAMILY
from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.errors import ConflictError, InputError, Problem
from placement.importing import duo
from placement.importing.headers import Kind, check_mapping
from placement.importing.readers import Table
from placement.importing.rows import ParsedRow, RowProblem, parse_rows
from placement.storage.models import (
    Child,
    ChildAlias,
    FamilyStatus,
    FosterFamily,
    Network,
    NetworkLocation,
    School,
    SiblingGroup,
    TrainingRecord,
)

_PROGRESS_EVERY = 500


def _problem(column: str, value: str, complaint: Complaint) -> RowProblem:
    return RowProblem(column, value, complaint.text("en"), complaint)


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    DUPLICATE = "duplicate?"  # a likely duplicate the user has to decide on
    REJECT = "reject"


class Decision(enum.StrEnum):
    """What to do with a likely duplicate."""

    CREATE = "create"  # create anyway
    UPDATE = "update"  # update the existing record
    SKIP = "skip"


class ImportCancelled(Exception):
    """The user stopped the import; the caller's transaction rolls back."""


class Progress(Protocol):
    """A long job's state: it reports progress and is asked whether to stop."""

    def report(self, done: int, total: int) -> None: ...

    def stop_requested(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class RowPlan:
    number: int
    action: Action
    label: str  # what the row is about (a name, a code), for the user's report only
    problems: tuple[RowProblem, ...] = ()
    changes: tuple[str, ...] = ()  # fields an update would change
    existing: str | None = None  # "F12", "C3", a DUO code, "N2"
    note: str = ""
    decision: Decision | None = None

    @property
    def is_duplicate(self) -> bool:
        """A likely duplicate, decided or not: the user may (re)decide it."""
        return self.action is Action.DUPLICATE or self.decision is not None

    def describe(self) -> list[str]:
        """The report lines for this row (one per problem for a rejected row)."""
        if self.problems:
            return [p.describe(self.number) for p in self.problems]
        text = f"row {self.number}: {self.action}"
        if self.existing:
            text += f" {self.existing}"
        if self.changes:
            text += f" ({', '.join(self.changes)})"
        if self.note:
            text += f"; {self.note}"
        return [text]


@dataclass(slots=True)
class _Work:
    values: dict[str, Any]
    target: Any = None  # the existing ORM object to update, if any


@dataclass(slots=True)
class ImportPlan:
    kind: Kind
    source: str
    layout: str | None
    mapping: dict[str, str | None]
    rows: list[RowPlan]
    decisions: dict[int, Decision]
    _work: dict[int, _Work] = field(default_factory=dict, repr=False)
    _parsed: list[ParsedRow] = field(default_factory=list, repr=False)

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action is action)

    @property
    def rejected(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action is Action.REJECT]

    @property
    def undecided(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action is Action.DUPLICATE]

    @property
    def can_apply(self) -> bool:
        return not self.rejected and not self.undecided

    def summary(self) -> str:
        parts = [f"{self.count(a)} {a}" for a in Action if self.count(a)]
        return f"{self.source}: {len(self.rows)} rows: " + (", ".join(parts) or "nothing to do")

    def signature(self) -> list[tuple[int, Action, str | None]]:
        return [(r.number, r.action, r.existing) for r in self.rows]

    def blocking_problems(self) -> list[Problem]:
        """Why this plan cannot be applied, one line per rejected or undecided row."""
        found = []
        for r in self.rows:
            if r.action is Action.REJECT:
                found.extend(Problem("", line) for line in r.describe())
            elif r.action is Action.DUPLICATE:
                found.append(Problem.of(f"row {r.number}", Complaint("import.decide", {"note": r.note})))
        return found


def sibling_group_label(group: SiblingGroup) -> str:
    """A group's label in files; an unlabelled group is exported and matched as ``G<id>``."""
    return group.label or f"G{group.id}"


# ---------------------------------------------------------------- building


def build_plan(
    session: Session,
    kind: Kind,
    table: Table,
    mapping: Mapping[str, str | None],
    decisions: Mapping[int, Decision] | None = None,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Compare every row with the registry; reads only."""
    return _build(session, kind, table, mapping, decisions, today or dt.date.today(), progress)[0]


def _build(
    session: Session,
    kind: Kind,
    table: Table,
    mapping: Mapping[str, str | None],
    decisions: Mapping[int, Decision] | None,
    today: dt.date,
    progress: Progress | None,
    parsed: list[ParsedRow] | None = None,
) -> tuple[ImportPlan, _Planner]:
    kind = Kind(kind)
    if parsed is None:
        columns = check_mapping(kind, table.headers, mapping)
        parsed = parse_rows(kind, table.headers, columns, table.rows, today)
    plan = ImportPlan(
        kind=kind,
        source=table.source,
        layout=duo.layout_name(table.headers) if kind is Kind.SCHOOLS else None,
        mapping=dict(mapping),
        rows=[],
        decisions=dict(decisions or {}),
        _parsed=parsed,
    )
    planner = _PLANNERS[kind](session, plan, today)
    total = len(parsed)
    for done, row in enumerate(parsed, start=1):
        planner.plan_row(row)
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
            progress.report(done, total)
            if progress.stop_requested():
                raise ImportCancelled()
    return plan, planner


def apply_plan(
    session: Session,
    confirmed: ImportPlan,
    table: Table,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Write what ``confirmed`` showed, inside the caller's transaction."""
    if not confirmed.can_apply:
        raise InputError(confirmed.blocking_problems(), confirmed.source)
    plan, writer = _build(
        session, confirmed.kind, table, confirmed.mapping, confirmed.decisions, today or dt.date.today(), None,
        confirmed._parsed,  # the file's rows are the same; only the registry may have changed
    )
    if plan.signature() != confirmed.signature():
        raise ConflictError(Explanation(Key.IMPORT_REGISTRY_CHANGED))
    todo = [r for r in plan.rows if r.action in (Action.CREATE, Action.UPDATE)]
    for done, row in enumerate(todo, start=1):
        writer.write(row, plan._work[row.number])
        if progress is not None and (done % _PROGRESS_EVERY == 0 or done == len(todo)):
            progress.report(done, len(todo))
            if progress.stop_requested():
                raise ImportCancelled()
    writer.finish()
    session.flush()
    return plan


class _Planner:
    """Per kind: index the registry once, then judge and write rows."""

    ref_field = "external_ref"

    def __init__(self, session: Session, plan: ImportPlan, today: dt.date) -> None:
        self.session = session
        self.plan = plan
        self.today = today
        self.seen_keys: dict[Any, int] = {}

    # -- helpers shared by the kinds

    def add(self, row: ParsedRow, action: Action, label: str, **kwargs: Any) -> None:
        self.plan.rows.append(RowPlan(row.number, action, label, **kwargs))

    def reject(self, row: ParsedRow, label: str, problems: Iterable[RowProblem]) -> None:
        self.add(row, Action.REJECT, label, problems=tuple(problems))

    def column(self, name: str) -> str:
        for header, mapped in self.plan.mapping.items():
            if mapped == name:
                return header
        return name

    def first_seen(self, key: Any, row: ParsedRow) -> int | None:
        """The earlier row with the same key, or ``None`` (and remember this one)."""
        earlier = self.seen_keys.get(key)
        if earlier is None:
            self.seen_keys[key] = row.number
        return earlier

    def decide(
        self, row: ParsedRow, label: str, existing: Any, ident: str | None, note: str
    ) -> None:
        """A likely duplicate: create, update or skip as the user decided, or ask."""
        decision = self.plan.decisions.get(row.number)
        if decision is None:
            self.add(row, Action.DUPLICATE, label, existing=ident, note=note)
        elif decision is Decision.SKIP:
            self.add(row, Action.SKIP, label, existing=ident, note=note, decision=decision)
        elif decision is Decision.CREATE:
            self.created(row, label, note=note, decision=decision)
        elif existing is None:
            self.reject(row, label, [RowProblem("", "", f"cannot update: {note}")])
        else:
            self.compared(row, label, existing, ident, note=note, decision=decision)

    def created(self, row: ParsedRow, label: str, **kwargs: Any) -> None:
        self.plan._work[row.number] = _Work(row.values)
        self.add(row, Action.CREATE, label, **kwargs)

    def compared(self, row: ParsedRow, label: str, existing: Any, ident: str | None, **kwargs: Any) -> None:
        changes = tuple(self.differences(existing, row.values))
        self.plan._work[row.number] = _Work(row.values, existing)
        action = Action.UPDATE if changes else Action.UNCHANGED
        self.add(row, action, label, existing=ident, changes=changes, **kwargs)

    def simple_differences(self, obj: Any, values: Mapping[str, Any], names: Iterable[str]) -> list[str]:
        return [n for n in names if n in values and getattr(obj, n) != values[n]]

    # -- per kind

    def plan_row(self, row: ParsedRow) -> None:
        raise NotImplementedError

    def differences(self, obj: Any, values: Mapping[str, Any]) -> list[str]:
        raise NotImplementedError

    def write(self, row: RowPlan, work: _Work) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Write anything :meth:`write` collected for one bulk statement."""


class _PersonPlanner(_Planner):
    """Families and children: matched on external reference, else flagged as likely duplicates."""

    prefix: str
    duplicate_reason: str

    def __init__(self, session: Session, plan: ImportPlan, today: dt.date) -> None:
        super().__init__(session, plan, today)
        self.by_ref: dict[str, Any] = {}
        self.by_key: dict[Any, Any] = {}
        for obj in self.load():
            if obj.external_ref:
                self.by_ref[obj.external_ref] = obj
            self.by_key.setdefault(self.key_of_record(obj), obj)

    def load(self) -> Sequence[Any]:
        raise NotImplementedError

    def key_of(self, values: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def key_of_record(self, obj: Any) -> Any:
        raise NotImplementedError

    def check(self, row: ParsedRow) -> list[RowProblem]:
        """Problems only the registry can reveal (an unknown network label)."""
        return []

    def plan_row(self, row: ParsedRow) -> None:
        label = str(row.values.get("name", ""))
        ref = row.values.get("external_ref")
        problems = row.problems + self.check(row)
        if ref and (earlier := self.first_seen(("ref", ref), row)) is not None:
            problems.append(_problem(self.column("external_ref"), ref, Complaint("import.again", {"row": earlier})))
        if problems:
            self.reject(row, label, problems)
            return
        if ref and ref in self.by_ref:
            existing = self.by_ref[ref]
            self.compared(row, label, existing, f"{self.prefix}{existing.id}")
            return
        key = self.key_of(row.values)
        existing = self.by_key.get(key)
        earlier = self.first_seen(("key", key), row)
        if existing is not None and existing.external_ref and ref:
            self.created(row, label)  # different references: a namesake, not the same person
        elif existing is not None:
            ident = f"{self.prefix}{existing.id}"
            if not self.differences(existing, row.values):
                self.compared(row, label, existing, ident)
            else:
                self.decide(row, label, existing, ident, f"same {self.duplicate_reason} as {ident}")
        elif earlier is not None and not ref:
            self.decide(row, label, None, None, f"same {self.duplicate_reason} as row {earlier}")
        else:
            self.created(row, label)


class _FamilyPlanner(_PersonPlanner):
    prefix = "F"
    duplicate_reason = "name and postcode"
    _SIMPLE = ("external_ref", "name", "address", "postcode", "lat", "lon", "municipality", "province",
               "total_places", "age_min", "age_max", "genders", "languages", "status", "notes")
    _DEFAULTS: dict[str, Any] = {
        "external_ref": None, "address": "", "age_min": limits.AGE.low, "age_max": limits.AGE.high,
        "genders": list(codes.GENDERS.values), "languages": [], "status": FamilyStatus.ACTIVE, "notes": "",
    }

    def __init__(self, session: Session, plan: ImportPlan, today: dt.date) -> None:
        super().__init__(session, plan, today)
        self.new_families: list[dict[str, Any]] = []
        self.new_training: list[list[tuple[str, dt.date, dt.date | None]]] = []

    kind = FAMILY

    def load(self) -> Sequence[FosterFamily]:
        return self.session.scalars(
            select(FosterFamily).where(FosterFamily.kind == self.kind).options(selectinload(FosterFamily.training))
        ).all()

    def key_of(self, values: Mapping[str, Any]) -> Any:
        return (str(values.get("name", "")).casefold(), values.get("postcode"))

    def key_of_record(self, obj: Any) -> Any:
        return (obj.name.casefold(), obj.postcode)

    def training(self, family: FosterFamily | None, items: Sequence[tuple[str, Any, Any]]) -> list[tuple[str, dt.date, dt.date | None]]:
        """The training records a row asks for; a tag given without dates keeps its existing dates,
        a new one without a date counts as completed on the import date."""
        held = {t.tag: t for t in family.training} if family is not None else {}
        wanted = []
        for tag, completed, expires in items:
            if completed is None and tag in held:
                record = held[tag]
                wanted.append((tag, record.completed_on, expires if expires is not None else record.expires_on))
            else:
                wanted.append((tag, completed or self.today, expires))
        return sorted(wanted)

    def differences(self, obj: Any, values: Mapping[str, Any]) -> list[str]:
        changed = self.simple_differences(obj, values, self._SIMPLE)
        if "training" in values:
            held = sorted((t.tag, t.completed_on, t.expires_on) for t in obj.training)
            if held != self.training(obj, values["training"]):
                changed.append("training")
        return changed

    def write(self, row: RowPlan, work: _Work) -> None:
        family = work.target
        values = work.values
        if family is None:
            # New families go in one bulk INSERT (see finish): a 20,000-row file must not take minutes.
            self.new_families.append(
                self._DEFAULTS | {n: values[n] for n in self._SIMPLE if n in values} | {"version": 1}
            )
            self.new_training.append(self.training(None, values.get("training", [])))
            return
        wanted = self.training(family, values["training"]) if "training" in values else None
        for name in self._SIMPLE:
            if name in values:
                setattr(family, name, values[name])
        if wanted is not None:
            held = {t.tag: t for t in family.training}
            records = []
            for tag, completed, expires in wanted:
                record = held.get(tag) or TrainingRecord(tag=tag)
                record.completed_on, record.expires_on = completed, expires
                records.append(record)
            family.training = records

    def finish(self) -> None:
        if not self.new_families:
            return
        ids = self.session.scalars(
            insert(FosterFamily).returning(FosterFamily.id, sort_by_parameter_order=True), self.new_families
        ).all()
        training = [
            {"family_id": family_id, "tag": tag, "completed_on": completed, "expires_on": expires}
            for family_id, wanted in zip(ids, self.new_training, strict=True)
            for tag, completed, expires in wanted
        ]
        if training:
            self.session.execute(insert(TrainingRecord), training)


class _ChildPlanner(_PersonPlanner):
    prefix = "C"
    duplicate_reason = "name and date of birth"
    _SIMPLE = ("external_ref", "name", "date_of_birth", "gender", "languages", "training_needed",
               "school_kind", "priority", "safety_km", "max_school_km", "notes", "region")

    def __init__(self, session: Session, plan: ImportPlan, today: dt.date) -> None:
        super().__init__(session, plan, today)
        self.networks: dict[str, list[Network]] = {}
        for network in session.scalars(select(Network)).all():
            self.networks.setdefault(network.label.casefold(), []).append(network)
        self.groups: dict[str, SiblingGroup] = {}
        for group in session.scalars(select(SiblingGroup).order_by(SiblingGroup.id)).all():
            self.groups.setdefault(sibling_group_label(group).casefold(), group)
        # A child known by another name (and date of birth) is a likely duplicate too.
        for alias in session.scalars(select(ChildAlias).options(selectinload(ChildAlias.child))
                                     .order_by(ChildAlias.id)):  # fmt: skip
            if alias.name:
                key = (alias.name.casefold(), alias.date_of_birth or alias.child.date_of_birth)
                self.by_key.setdefault(key, alias.child)

    def load(self) -> Sequence[Child]:
        return self.session.scalars(
            select(Child).options(selectinload(Child.networks), selectinload(Child.sibling_group))
        ).all()

    def key_of(self, values: Mapping[str, Any]) -> Any:
        return (str(values.get("name", "")).casefold(), values.get("date_of_birth"))

    def key_of_record(self, obj: Any) -> Any:
        return (obj.name.casefold(), obj.date_of_birth)

    def check(self, row: ParsedRow) -> list[RowProblem]:
        problems = []
        for label in row.values.get("networks", []):
            found = self.networks.get(label.casefold(), [])
            if len(found) != 1:
                reason = "import.network_ambiguous" if found else "import.network_unknown"
                problems.append(_problem(self.column("networks"), label, Complaint(reason)))
        return problems

    def differences(self, obj: Any, values: Mapping[str, Any]) -> list[str]:
        changed = self.simple_differences(obj, values, self._SIMPLE)
        if "networks" in values:
            wanted = {self.networks[label.casefold()][0].id for label in values["networks"]}
            if {n.id for n in obj.networks} != wanted:
                changed.append("networks")
        if "sibling_group" in values:
            label = values["sibling_group"]
            wanted_group = self.groups.get(label.casefold()) if label else None
            if wanted_group is not obj.sibling_group or (label and wanted_group is None):
                changed.append("sibling_group")
        return changed
    def group(self, label: str) -> SiblingGroup:
        key = label.casefold()
        group = self.groups.get(key)
        if group is None:
            group = SiblingGroup(label=label)
            self.session.add(group)
            self.groups[key] = group
        return group

    def write(self, row: RowPlan, work: _Work) -> None:
        child = work.target
        values = work.values
        if child is None:
            child = Child()
            self.session.add(child)
        for name in self._SIMPLE:
            if name in values:
                setattr(child, name, values[name])
        if "networks" in values:
            child.networks = [self.networks[label.casefold()][0] for label in values["networks"]]
        if "sibling_group" in values:
            label = values["sibling_group"]
            child.sibling_group = self.group(label) if label else None


class _SchoolPlanner(_Planner):
    _SIMPLE = ("name", "kinds", "postcode", "lat", "lon", "municipality", "province", "free_seats")

    def __init__(self, session: Session, plan: ImportPlan, today: dt.date) -> None:
        super().__init__(session, plan, today)
        self.by_code = {s.duo_code: s for s in session.scalars(select(School)).all()}

    def plan_row(self, row: ParsedRow) -> None:
        code = row.values.get("duo_code")
        label = f"{code or '?'} {row.values.get('name', '')}".strip()
        problems = list(row.problems)
        if code and (earlier := self.first_seen(code, row)) is not None:
            column = self.column("duo_code") if "duo_code" in self.plan.mapping.values() else ""
            problems.append(_problem(column, code, Complaint("import.again", {"row": earlier})))
        if problems:
            self.reject(row, label, problems)
        elif code in self.by_code:
            self.compared(row, label, self.by_code[code], code)
        else:
            self.created(row, label)

    def differences(self, obj: Any, values: Mapping[str, Any]) -> list[str]:
        return self.simple_differences(obj, values, self._SIMPLE)

    def write(self, row: RowPlan, work: _Work) -> None:
        school = work.target
        if school is None:
            school = School(duo_code=work.values["duo_code"], free_seats=0)
            self.session.add(school)
        for name in self._SIMPLE:
            if name in work.values:
                setattr(school, name, work.values[name])


class _NetworkPlanner(_Planner):
    """One row per location; the network is found (or created) by its label."""

    _SIMPLE = ("label", "lat", "lon", "reported_on", "source_note")

    def __init__(self, session: Session, plan: ImportPlan, today: dt.date) -> None:
        super().__init__(session, plan, today)
        self.networks: dict[str, list[Network]] = {}
        for network in session.scalars(select(Network).options(selectinload(Network.locations))).all():
            self.networks.setdefault(network.label.casefold(), []).append(network)
        self.new_networks: dict[str, Network] = {}

    @staticmethod
    def location_key(label: str, lat: float, lon: float) -> Any:
        return ("label", label.casefold()) if label else ("point", round(lat, 6), round(lon, 6))

    def plan_row(self, row: ParsedRow) -> None:
        values = dict(row.values)
        network_label = str(values.get("network", ""))
        label = " / ".join(p for p in (network_label, str(values.get("location", ""))) if p)
        found = self.networks.get(network_label.casefold(), [])
        problems = list(row.problems)
        if len(found) > 1:
            problems.append(_problem(self.column("network"), network_label, Complaint("import.network_ambiguous")))
        if problems:
            self.reject(row, label, problems)
            return
        values["label"] = values.pop("location", "")
        row = ParsedRow(row.number, values)
        key = self.location_key(values["label"], values["lat"], values["lon"])
        if (earlier := self.first_seen((network_label.casefold(), key), row)) is not None:
            self.reject(row, label, [_problem("", "", Complaint("import.same_location", {"row": earlier}))])
            return
        network = found[0] if found else None
        existing = None
        if network is not None:
            existing = next(
                (loc for loc in network.locations if self.location_key(loc.label, loc.lat, loc.lon) == key), None
            )
        if existing is not None:
            self.compared(row, label, existing, f"N{network.id}")
        else:
            note = "new network" if network is None and self.first_seen(("network", network_label.casefold()), row) is None else ""
            self.created(row, label, existing=f"N{network.id}" if network else None, note=note)

    def differences(self, obj: Any, values: Mapping[str, Any]) -> list[str]:
        return self.simple_differences(obj, values, self._SIMPLE)

    def network(self, label: str) -> Network:
        found = self.networks.get(label.casefold())
        if found:
            return found[0]
        network = self.new_networks.get(label.casefold())
        if network is None:
            network = Network(label=label)
            self.session.add(network)
            self.new_networks[label.casefold()] = network
        return network

    def write(self, row: RowPlan, work: _Work) -> None:
        location = work.target
        if location is None:
            location = NetworkLocation()
            self.network(work.values["network"]).locations.append(location)
        for name in self._SIMPLE:
            if name in work.values:
                setattr(location, name, work.values[name])


class _UnitPlanner(_FamilyPlanner):
    """Closed units are homes like families (the same columns, matched by name
    and postcode), of kind ``closed-unit`` and with the school kinds taught on site."""

    kind = CLOSED_UNIT
    _SIMPLE = (*_FamilyPlanner._SIMPLE, "school_on_site")
    _DEFAULTS = _FamilyPlanner._DEFAULTS | {"kind": CLOSED_UNIT, "school_on_site": []}


_PLANNERS: dict[Kind, type[_Planner]] = {
    Kind.FAMILIES: _FamilyPlanner,
    Kind.UNITS: _UnitPlanner,
    Kind.CHILDREN: _ChildPlanner,
    Kind.SCHOOLS: _SchoolPlanner,
    Kind.NETWORKS: _NetworkPlanner,
}
