"""The greedy baseline: most urgent first, each to its best family still free.

Used three ways: as the ``greedy`` baseline officers and the benchmark compare
against, as the first hint for CP-SAT, and as the fallback proposal when the
search is stopped before it finds anything better.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from solver.geo import haversine_km
from solver.model import IndexedPin, groups_by_id, members, pins_by_child
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.search import Assignment, Place
from solver.tables import SchoolsInReach, Tables


class _SchoolChoice(NamedTuple):
    """The school a child would attend from one family."""

    school: int  # school index, -1 when no school is needed
    km: float  # nan when no school is needed


class _UnitChoice(NamedTuple):
    """The best family found so far for a unit, and each member's school there."""

    total: float  # the unit's score in that family
    family: int
    schools: list[tuple[int, int]]  # (child, school) per member


class _State:
    def __init__(self, problem: Problem, tables: Tables, rows: list[ChildRow]):
        self.problem, self.tables, self.rows = problem, tables, rows
        self.places = tables.families.places.copy()
        self.seats = tables.schools.seats.copy()
        self.assignment: Assignment = {}
        self.groups = groups_by_id(problem)
        self.members = members(problem)
        #: (school kind, radius, family) -> schools in reach, nearest first
        self._options: dict[tuple[str, float, int], SchoolsInReach] = {}
        #: family -> km from every family to it
        self._km_from: dict[int, np.ndarray] = {}

    def school_for(self, child_index: int, family: int) -> _SchoolChoice | None:
        """Nearest school with a seat left for the child in the family;
        (-1, nan) if none needed."""
        row = self.rows[child_index]
        child = row.child
        if child.school_kind is None or row.on_site[family]:
            return _SchoolChoice(-1, float("nan"))
        nearest = int(row.school[family])
        if nearest < 0:
            return None
        if self.seats[nearest] > 0:
            return _SchoolChoice(nearest, float(row.school_km[family]))
        key = (child.school_kind, child.max_school_km, family)
        options = self._options.get(key)
        if options is None:
            families = self.tables.families
            options = self.tables.schools.options(
                child.school_kind, child.max_school_km, families.lat[family], families.lon[family]
            )
            self._options[key] = options
        with_seat = np.flatnonzero(self.seats[options.school] > 0)
        if len(with_seat) == 0:
            return None
        first = with_seat[0]
        return _SchoolChoice(int(options.school[first]), float(options.km[first]))

    def apart_ok(self, child_index: int) -> np.ndarray:
        """Per family: may the child live there, given where its may-split
        siblings are placed (rule 9)?"""
        n_families = len(self.tables.families)
        child = self.rows[child_index].child
        allowed = np.ones(n_families, dtype=bool)
        if child.sibling_group is None or self.groups[child.sibling_group].keep_together:
            return allowed
        limit = self.groups[child.sibling_group].max_apart_km
        for sibling in self.members[child.sibling_group]:
            if sibling != child_index and sibling in self.assignment:
                sibling_family = self.assignment[sibling].family
                same_family = np.zeros(n_families, dtype=bool)
                same_family[sibling_family] = True
                allowed &= same_family | (self._km_to(sibling_family) <= limit)
        return allowed

    def _km_to(self, family: int) -> np.ndarray:
        if family not in self._km_from:
            families = self.tables.families
            self._km_from[family] = haversine_km(
                families.lat, families.lon, families.lat[family], families.lon[family]
            )
        return self._km_from[family]

    def score(self, child_index: int, family: int, school: int, km: float) -> float:
        row = self.rows[child_index]
        weights = self.problem.weights
        if school == -1 or school == int(row.school[family]):
            base = float(row.score[family])
        else:
            base = float(row.score[family]) + weights.school_km * (
                float(row.school_km[family]) - km
            )
        child = row.child
        if child.sibling_group is not None and not self.groups[child.sibling_group].keep_together:
            base += weights.siblings_together * sum(
                1
                for sibling in self.members[child.sibling_group]
                if sibling in self.assignment and self.assignment[sibling].family == family
            )
        return base

    def place(self, child_index: int, family: int, school: int) -> None:
        self.assignment[child_index] = Place(family, school)
        self.places[family] -= 1
        if school >= 0:
            self.seats[school] -= 1

    def unplace(self, child_index: int) -> None:
        family, school = self.assignment.pop(child_index)
        self.places[family] += 1
        if school >= 0:
            self.seats[school] += 1

    def try_unit(self, unit: list[int], only: int | None = None) -> bool:
        """Place all children of ``unit`` in the best single family (or each
        child alone when the unit is one child); True if placed."""
        allowed = np.logical_and.reduce([self.rows[member].feasible for member in unit]) & (
            self.places >= len(unit)
        )
        for member in unit:
            allowed &= self.apart_ok(member)
        if only is not None:
            keep = np.zeros_like(allowed)
            keep[only] = True
            allowed &= keep
        candidates = np.flatnonzero(allowed)
        upper = sum(self.rows[member].score[candidates] for member in unit)
        first = self.rows[unit[0]]
        alone = len(unit) == 1 and not self._has_bonus(unit[0])
        nearest = first.school[candidates]
        if first.needs_school:
            seated = nearest >= 0
            seat_left = np.zeros(len(candidates), dtype=bool)
            seat_left[seated] = self.seats[nearest[seated]] > 0
            direct = first.on_site[candidates] | seat_left
        else:
            direct = np.ones(len(candidates), dtype=bool)
        # the most sibling bonus any family could add to the unit's upper bound
        bonus_cap = sum(self._bonus_cap(member) for member in unit)
        best: _UnitChoice | None = None
        for position in np.argsort(-upper, kind="stable"):
            family = int(candidates[position])
            if best is not None and upper[position] + bonus_cap + 1e-9 < best.total:
                break  # no family further down the list can do better
            if alone and direct[position]:
                # the nearest school has a seat: the placement scores its upper bound
                if best is None or upper[position] > best.total + 1e-9:
                    schools = [(unit[0], int(first.school[family]))]
                    best = _UnitChoice(float(upper[position]), family, schools)
                continue
            chosen: list[tuple[int, int]] = []
            total = 0.0
            for member in unit:
                choice = self.school_for(member, family)
                if choice is None:
                    break
                total += self.score(member, family, choice.school, choice.km)
                self.place(member, family, choice.school)
                chosen.append((member, choice.school))
            for member, _ in chosen:
                self.unplace(member)
            if len(chosen) == len(unit) and (best is None or total > best.total + 1e-9):
                best = _UnitChoice(total, family, chosen)
        if best is None:
            return False
        for member, school in best.schools:
            self.place(member, best.family, school)
        return True

    def _bonus_cap(self, child_index: int) -> float:
        """The most sibling bonus a placement of the child can earn: one per
        may-split sibling placed already (:meth:`score`)."""
        group_id = self.rows[child_index].child.sibling_group
        if group_id is None or self.groups[group_id].keep_together:
            return 0.0
        placed = sum(1 for sibling in self.members[group_id] if sibling in self.assignment)
        return max(self.problem.weights.siblings_together, 0.0) * placed

    def _has_bonus(self, child_index: int) -> bool:
        child = self.rows[child_index].child
        return child.sibling_group is not None and self.problem.weights.siblings_together > 0


def _without_siblings_of_new_pins(
    start: Assignment, pins: dict[str, IndexedPin], state: _State
) -> Assignment:
    """``start`` without the sibling-group members of each pinned child it
    does not place."""
    dropped: set[int] = set()
    for index, _ in pins.values():
        group_id = state.rows[index].child.sibling_group
        if index not in start and group_id is not None:
            dropped.update(state.members[group_id])
    return {child: place for child, place in start.items() if child not in dropped}


def greedy_assignment(
    problem: Problem,
    tables: Tables,
    rows: list[ChildRow],
    prefer: dict[int, int] | None = None,
    start: Assignment | None = None,
) -> Assignment | None:
    """Pins first, then units (a keep-together group counts as one unit with
    its most urgent member's priority) by priority, most urgent first, each
    trying its ``prefer``-red family first if given. None when even the pins
    cannot be honoured this way.

    ``start`` is a partial plan kept as it is (the caller sees to it that it
    obeys every rule and holds keep-together groups whole), except for the
    siblings of a pinned child it leaves out: a pin is placed as pinned, so
    a sibling kept elsewhere could break rule 9; the greedy places them
    again. It then places the children ``start`` leaves out."""
    state = _State(problem, tables, rows)
    pins = pins_by_child(problem)
    for child, (family, school) in _without_siblings_of_new_pins(start or {}, pins, state).items():
        state.place(child, family, school)
    done: set[int] = set()
    units: list[list[int]] = []
    for index, row in enumerate(rows):
        child = row.child
        if index in done:
            continue
        if child.sibling_group is not None and state.groups[child.sibling_group].keep_together:
            unit = state.members[child.sibling_group]
        else:
            unit = [index]
        done.update(unit)
        units.append(unit)

    def is_pinned(member: int) -> bool:
        return rows[member].child.id in pins

    pinned_units = [unit for unit in units if any(is_pinned(member) for member in unit)]
    for unit in pinned_units:
        if all(member in state.assignment for member in unit):
            continue
        pinned_families = {
            pins[rows[member].child.id].pin.family for member in unit if is_pinned(member)
        }
        if len(pinned_families) > 1:
            return None
        family = tables.families.index[pinned_families.pop()]
        for member in unit:
            pinned = pins.get(rows[member].child.id)
            if pinned is not None and pinned.pin.school is not None:
                school = tables.schools.index[pinned.pin.school]
                if state.seats[school] <= 0 or state.places[family] <= 0:
                    return None
                state.place(member, family, school)
        rest = [member for member in unit if member not in state.assignment]
        if rest and not state.try_unit(rest, only=family):
            return None
    free_units = [unit for unit in units if unit not in pinned_units]
    free_units.sort(key=lambda unit: -max(rows[member].child.priority for member in unit))
    for unit in free_units:
        if any(member in state.assignment for member in unit):
            continue
        wish = {prefer.get(member) for member in unit} if prefer else {None}
        if len(wish) == 1 and None not in wish and state.try_unit(unit, only=wish.pop()):
            continue
        state.try_unit(unit)
    return state.assignment
