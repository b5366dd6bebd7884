"""Capacity review for managers: how many places there are, where, for whom,
and which waiting children no family can take.

Aggregates only. Nothing that leaves this module names a child, a family, an
address or a coordinate: a manager sees counts per province, municipality,
training tag, age band and child profile. Free places are derived from the
active placements, never stored.

Which families can take which child is the solver's business: the "no fit"
table asks :func:`solver.recommend.recommend` (the same hard rules a matching
session applies) rather than repeating those rules here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import codes
from catalogue.keys import Key
from catalogue.limits import AGE_BANDS
from catalogue.sentences import Explanation
from placement.actor import Actor
from placement.capacity_figures import (
    SMALL,
    CapacityReport,
    ClosedRow,
    CountRow,
    NoFitRow,
    RegionRow,
    TrainedRow,
    count,
)
from placement.documents import capacity_report
from placement.errors import ConflictError
from placement.field_rules import age_band
from placement.files import write_bytes_atomic, write_text_atomic
from placement.services import audit, stability
from placement.services.matching import capacity_problem
from placement.services.permissions import Action, require
from placement.services.stability import StabilityRow
from placement.spreadsheet_text import DEFAULT_DIALECT, CsvDialect, csv_text
from placement.storage.models import (
    CapacitySnapshot,
    Child,
    ChildStatus,
    FamilyStatus,
    FosterFamily,
    Role,
    utcnow,
)
from solver import problem as sp
from solver import recommend


def _regions(families: Sequence[FosterFamily]) -> tuple[list[RegionRow], list[RegionRow]]:
    """Paused families are counted apart: their places are not on offer."""
    by_key: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for f in families:
        province = f.province or "onbekend"
        for key in ((province, None), (province, f.municipality or "onbekend")):
            row = by_key[key]
            if f.status == FamilyStatus.ACTIVE:
                row[0] += 1
                row[2] += f.total_places
                row[3] += min(f.occupied, f.total_places)
            else:
                row[1] += 1
    rows = [RegionRow(p, m, *counts) for (p, m), counts in sorted(by_key.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]
    return [r for r in rows if r.municipality is None], [r for r in rows if r.municipality is not None]


def _closed(units: Sequence[FosterFamily]) -> list[ClosedRow]:
    """Active closed units per province (a paused unit offers no place)."""
    by_province: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for unit in units:
        if unit.status != FamilyStatus.ACTIVE:
            continue
        row = by_province[unit.province or "onbekend"]
        row[0] += 1
        row[1] += unit.total_places
        row[2] += min(unit.occupied, unit.total_places)
    return [ClosedRow(p, *counts) for p, counts in sorted(by_province.items())]


def _trained(families: Sequence[FosterFamily], day: dt.date) -> list[TrainedRow]:
    counts: Counter[str] = Counter()
    free: Counter[str] = Counter()
    for f in families:
        if f.status != FamilyStatus.ACTIVE:
            continue
        for tag in f.training_tags(day):
            counts[tag] += 1
            free[tag] += f.free_places
    return [TrainedRow(tag, counts[tag], free[tag]) for tag in sorted(counts)]


Profile = tuple[str, str, tuple[str, ...], str | None, int]


def profile_of(child: sp.Child) -> Profile:
    """The aggregate a child is counted under: no name, no id."""
    return (age_band(child.age), child.gender, tuple(sorted(child.training_needed)), child.school_kind,
            len(child.networks))


def no_fit(problem: sp.Problem) -> list[NoFitRow]:
    """Profiles of the children for whom no family in ``problem`` passes every
    hard rule, with the rule that shuts out the most families for them."""
    groups: dict[Profile, Counter[str]] = defaultdict(Counter)
    sizes: Counter[Profile] = Counter()
    for child in problem.children:
        advice = recommend(problem, child.id, 1)
        if advice.fitting:
            continue
        key = profile_of(child)
        sizes[key] += 1
        for rule in advice.excluded:
            groups[key][rule.rule] += rule.families
    rows = []
    for key, n in sizes.items():
        rules = groups[key]
        # Ties go to the rule listed first by the solver (its order is stable).
        top = max(rules.items(), key=lambda kv: kv[1])[0] if rules else "capacity"
        rows.append(NoFitRow(*key, children=n, blocking_rule=top))
    band_order = {name: i for i, (name, _, _) in enumerate(AGE_BANDS)}
    return sorted(rows, key=lambda r: (-r.children, band_order.get(r.age_band, 99), r.gender, r.training,
                                       r.school_kind or "", r.networks))


def review(session: Session, actor: Actor, on_date: dt.date | None = None) -> CapacityReport:
    """The capacity figures on ``on_date`` (default today).

    On a server a manager's connection may read no family or child row, so a
    manager gets the newest snapshot: the figures as an officer's review (the
    capacity page, ``placement capacity``, or a scheduled job under an
    officer's role) last computed them and stored them, counts only."""
    require(actor, Action.VIEW_CAPACITY, session=session)
    on_server = session.get_bind().dialect.name == "postgresql"
    if on_server and actor.role != Role.OFFICER:
        return newest_snapshot(session)
    report = _computed(session, actor, on_date or dt.date.today())
    if on_server:
        snapshot = _as_json(_without_small_counts(report))
        session.add(CapacitySnapshot(taken_at=utcnow(), on_date=report.on_date, report=snapshot))
    return report


def _without_small_counts(report: CapacityReport) -> CapacityReport:
    """The report as a manager may hold it on a server, where the snapshot can
    be read with any SQL tool: an area of fewer than SMALL families keeps no
    figure at all, and every other count below SMALL is stored as 0 (both are
    shown as "<5" anyway)."""

    def region(row: RegionRow) -> RegionRow:
        if row.small:
            return dataclasses.replace(row, families=0, paused=0, places=0, occupied=0)
        return row

    def small(n: int) -> int:
        return 0 if n < SMALL else n

    return dataclasses.replace(
        report,
        provinces=tuple(region(r) for r in report.provinces),
        regions=tuple(region(r) for r in report.regions),
        trained=tuple(
            dataclasses.replace(r, families=0, free_places=0) if r.families < SMALL else r
            for r in report.trained
        ),
        waiting_by_age=tuple(dataclasses.replace(r, children=small(r.children)) for r in report.waiting_by_age),
        waiting_by_need=tuple(dataclasses.replace(r, children=small(r.children)) for r in report.waiting_by_need),
        no_fit=tuple(dataclasses.replace(r, children=small(r.children)) for r in report.no_fit),
        closed=tuple(
            dataclasses.replace(r, units=small(r.units), places=small(r.places), occupied=small(r.occupied))
            for r in report.closed
        ),
    )


def newest_snapshot(session: Session) -> CapacityReport:
    snapshot = session.scalars(select(CapacitySnapshot).order_by(CapacitySnapshot.id.desc()).limit(1)).first()
    if snapshot is None:
        raise ConflictError(Explanation(Key.CAPACITY_NO_SNAPSHOT))
    return _from_json(snapshot.report)


def _as_json(report: CapacityReport) -> dict[str, Any]:
    return json.loads(json.dumps(dataclasses.asdict(report), default=str))


def _from_json(data: dict[str, Any]) -> CapacityReport:
    def rows(cls: type, items: list[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}) for item in items)

    return CapacityReport(
        on_date=dt.date.fromisoformat(data["on_date"]),
        provinces=rows(RegionRow, data["provinces"]),
        regions=rows(RegionRow, data["regions"]),
        trained=rows(TrainedRow, data["trained"]),
        waiting_by_age=rows(CountRow, data["waiting_by_age"]),
        waiting_by_need=rows(CountRow, data["waiting_by_need"]),
        no_fit=rows(NoFitRow, data["no_fit"]),
        stability=rows(StabilityRow, data.get("stability", [])),
        closed=rows(ClosedRow, data.get("closed", [])),
    )


def _computed(session: Session, actor: Actor, day: dt.date) -> CapacityReport:
    homes = session.scalars(
        select(FosterFamily).options(selectinload(FosterFamily.training)).order_by(FosterFamily.id)
    ).all()
    families = [f for f in homes if not f.closed_unit]
    provinces, regions = _regions(families)
    waiting = session.scalars(select(Child).where(Child.status == ChildStatus.WAITING)).all()
    by_age = Counter(age_band(c.age_on(day)) for c in waiting)
    by_need = Counter(tag for c in waiting for tag in (c.training_needed or [codes.NO_TRAINING]))
    problem = capacity_problem(session, actor, on_date=day)
    return CapacityReport(
        on_date=day,
        provinces=tuple(provinces),
        regions=tuple(regions),
        trained=tuple(_trained(families, day)),
        waiting_by_age=tuple(CountRow(name, by_age[name]) for name, _, _ in AGE_BANDS),
        waiting_by_need=tuple(CountRow(tag, n) for tag, n in sorted(by_need.items(), key=lambda kv: (-kv[1], kv[0]))),
        no_fit=tuple(no_fit(problem)),
        stability=tuple(stability.figures(session, day)),
        closed=tuple(_closed([f for f in homes if f.closed_unit])),
    )


@dataclass(frozen=True, slots=True)
class VacancyRow:
    """Free places in one province open to one age band, among the families
    with one training (``training`` None: any family). Aggregates only."""

    province: str
    age_band: str
    training: str | None
    families: int
    free_places: int


def vacancies(session: Session, actor: Actor, on_date: dt.date | None = None) -> list[VacancyRow]:
    """The vacancy overview per province: for each age band, the free places of
    the active families whose age range reaches into that band, for any family
    and per training valid on ``on_date``. A family open to two bands counts in
    both (its places are open to either). No names, no addresses. For
    officers: it reads the family records (a manager has the capacity review's
    aggregates instead)."""
    require(actor, Action.VIEW_CAPACITY, session=session)
    require(actor, Action.VIEW_FAMILY, session=session)
    day = on_date or dt.date.today()
    families = session.scalars(
        select(FosterFamily).options(selectinload(FosterFamily.training)).order_by(FosterFamily.id)
    ).all()
    counts: dict[tuple[str, str, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for f in families:
        free = f.free_places
        if f.status != FamilyStatus.ACTIVE or free <= 0 or f.closed_unit:
            continue
        province = f.province or "onbekend"
        tags = [None, *sorted(set(f.training_tags(day)))]
        for band, low, high in AGE_BANDS:
            if f.age_min > high or f.age_max < low:
                continue
            for tag in tags:
                row = counts[(province, band, tag)]
                row[0] += 1
                row[1] += free
    return [VacancyRow(p, b, t, n, free) for (p, b, t), (n, free) in sorted(
        counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))]


# --- exports ---------------------------------------------------------------------------

CSV_HEADER = ("section", "province", "municipality", "category", "measure", "value")


def csv_rows(report: CapacityReport) -> Iterable[tuple[object, ...]]:
    """The report in long form: one figure per row, easy to pivot; counts below
    :data:`SMALL` as "<5", as on screen and in print."""
    for section, rows in (("province", report.provinces), ("municipality", report.regions)):
        for r in rows:
            for measure, value in zip(("families", "paused_families", "places", "occupied", "free"), r.shown(),
                                      strict=True):
                yield section, r.province, r.municipality or "", "", measure, _figure(str(value))
    for c in report.closed:
        for measure, value in zip(("closed_units", "closed_places", "closed_occupied", "closed_free"),
                                  c.shown(), strict=True):
            yield "closed_province", c.province, "", "", measure, _figure(str(value))
    for t in report.trained:
        families, free = t.shown()
        yield "training", "", "", t.tag, "families", _figure(str(families))
        yield "training", "", "", t.tag, "free_places", _figure(str(free))
    for c in report.waiting_by_age:
        yield "waiting_by_age", "", "", c.category, "children", _figure(str(count(c.children)))
    for c in report.waiting_by_need:
        yield "waiting_by_need", "", "", c.category, "children", _figure(str(count(c.children)))
    for n in report.no_fit:
        profile = (f"{n.age_band} | {n.gender} | {'+'.join(n.training) or codes.NO_TRAINING} | "
                   f"{n.school_kind or 'none'} | {n.networks} networks")
        yield "no_fit", "", "", profile, "children", _figure(str(count(n.children)))
        yield "no_fit", "", "", profile, "blocking_rule", n.blocking_rule
    for r in report.stability:
        yield "stability", r.region, "", r.quarter, r.measure, _figure(r.value)


def _figure(text: str) -> object:
    """A figure as a number a spreadsheet can add up (12, 12.5: written with the
    dialect's decimal mark, a comma for a Dutch Excel); "<5" and "-" stay text."""
    for number in (int, float):
        try:
            return number(text)
        except ValueError:
            pass
    return text


def to_csv(report: CapacityReport, dialect: CsvDialect = DEFAULT_DIALECT) -> str:
    """The report as spreadsheet-safe CSV text (:mod:`placement.spreadsheet_text`)."""
    return csv_text([CSV_HEADER, *csv_rows(report)], dialect)


def to_pdf(report: CapacityReport, generated_at: dt.datetime, generated_by: str) -> bytes:
    return capacity_report.render(report, generated_at, generated_by)


def export(session: Session, actor: Actor, report: CapacityReport, *, csv_path: Path | None = None,
           pdf_path: Path | None = None, generated_at: dt.datetime | None = None,
           csv_dialect: CsvDialect = DEFAULT_DIALECT) -> None:
    """Write the review as CSV and/or PDF (each all at once); an export leaves
    the building, so it is noted in the audit trail."""
    require(actor, Action.VIEW_CAPACITY, session=session)
    if csv_path is not None:
        write_text_atomic(csv_path, to_csv(report, csv_dialect), encoding="utf-8-sig")  # BOM: Excel reads UTF-8
        audit.record(session, actor, audit.EXPORT, "capacity", "csv")
    if pdf_path is not None:
        at = generated_at or utcnow().replace(microsecond=0)
        write_bytes_atomic(pdf_path, to_pdf(report, at, actor.username))
        audit.record(session, actor, audit.PRINT, "capacity", "pdf")
