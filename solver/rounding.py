"""The relaxation's LP solution made a plan of the session.

At national scale the LP of :mod:`solver.columns` is nearly whole: most of
its weight sits on one column per child. Taking those columns as they are
(each child's family and the schools the LP gave it) and placing the rest
greedily gives a plan that is often within the contract's tolerance of the
relaxation's bound, so the model need not be solved at all. This is a
heuristic: it proves nothing, and every plan it makes is checked against
the bounds like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from solver.geo import haversine_km
from solver.greedy import greedy_assignment
from solver.model import groups_by_id, members, pins_by_child
from solver.pairs import ChildRow
from solver.problem import Problem, SiblingGroup
from solver.search import Assignment, Place
from solver.tables import Tables

#: An LP column is taken whole when the LP uses more than this share of it.
WHOLE = 0.5


class LpColumn(NamedTuple):
    """One column the LP uses: some children of one owner in one family,
    each at a school (-1: none needed, or taught on site)."""

    share: float  # the LP's value of the column, 0 to 1
    family: int
    children: tuple[int, ...]
    schools: tuple[int, ...]


def rounded_plan(
    problem: Problem, tables: Tables, rows: list[ChildRow], columns: list[LpColumn]
) -> Assignment | None:
    """The columns the LP takes more than half of, as long as they fit
    (places, seats, siblings' distance), then every other child greedily,
    trying first the family the LP leans to. None when the pins cannot be
    honoured that way."""
    start = _whole_columns(problem, tables, columns)
    leaning: dict[int, tuple[float, int]] = {}
    for column in columns:
        for child in column.children:
            if column.share > leaning.get(child, (0.0, -1))[0]:
                leaning[child] = (column.share, column.family)
    prefer = {child: family for child, (_, family) in leaning.items()}
    return greedy_assignment(problem, tables, rows, prefer=prefer, start=start)


def _whole_columns(problem: Problem, tables: Tables, columns: list[LpColumn]) -> Assignment:
    """The LP's near-whole columns that obey every rule together, largest
    share first. Pinned children are left to the greedy, which places pins
    first (and their siblings again)."""
    apart = _SiblingRules.of(problem, tables)
    pinned = {index for index, _ in pins_by_child(problem).values()}
    places = tables.families.places.copy()
    seats = tables.schools.seats.copy()
    plan: Assignment = {}
    for column in sorted(columns, key=lambda c: -c.share):
        if column.share <= WHOLE:
            break
        children = column.children
        if any(child in plan or child in pinned for child in children):
            continue
        if places[column.family] < len(children):
            continue
        wanted = [school for school in column.schools if school >= 0]
        if any(seats[school] < wanted.count(school) for school in wanted):
            continue
        if not apart.allows(plan, column) or not apart.whole_groups(column):
            continue
        for child, school in zip(children, column.schools, strict=True):
            plan[child] = Place(column.family, school)
            places[column.family] -= 1
            if school >= 0:
                seats[school] -= 1
    return plan


@dataclass(frozen=True, slots=True)
class _SiblingRules:
    """The sibling rules for a plan being built: keep-together groups whole
    (rule 8), may-split siblings in one family or within their group's
    distance of each other (rule 9)."""

    problem: Problem
    groups: dict[str, SiblingGroup]
    siblings: dict[str, list[int]]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]

    @classmethod
    def of(cls, problem: Problem, tables: Tables) -> _SiblingRules:
        families = tables.families
        return cls(problem, groups_by_id(problem), members(problem), families.lat, families.lon)

    def whole_groups(self, column: LpColumn) -> bool:
        """Does the column hold every member of each keep-together group it
        touches (rule 8: such a group is placed whole in one family)?"""
        held = set(column.children)
        for child in column.children:
            group_id = self.problem.children[child].sibling_group
            if group_id is None or not self.groups[group_id].keep_together:
                continue
            if not held.issuperset(self.siblings[group_id]):
                return False
        return True

    def allows(self, plan: Assignment, column: LpColumn) -> bool:
        """Rule 9 for the column's children against the siblings placed."""
        family = column.family
        for child in column.children:
            group_id = self.problem.children[child].sibling_group
            if group_id is None or self.groups[group_id].keep_together:
                continue
            others = np.array([plan[j].family for j in self.siblings[group_id] if j in plan])
            if len(others) == 0:
                continue
            lat, lon = self.lat, self.lon
            km = haversine_km(lat[others], lon[others], lat[family], lon[family])
            if (km[others != family] > self.groups[group_id].max_apart_km).any():
                return False
        return True
