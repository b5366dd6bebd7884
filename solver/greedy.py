"""The greedy baseline: most urgent first, each to its best family still free.

Used three ways: as the ``greedy`` baseline officers and the benchmark compare
against, as the first hint for CP-SAT, and as the fallback proposal when the
search is stopped before it finds anything better.
"""

from __future__ import annotations

import numpy as np

from solver.geo import haversine_km
from solver.model import groups_by_id, members, pins_by_child
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.search import Assignment
from solver.tables import Tables


class _State:
    def __init__(self, problem: Problem, t: Tables, rows: list[ChildRow]):
        self.problem, self.t, self.rows = problem, t, rows
        self.places = t.families.places.copy()
        self.seats = t.schools.seats.copy()
        self.assignment: Assignment = {}
        self.groups = groups_by_id(problem)
        self.members = members(problem)
        #: (school kind, radius, family) -> schools in reach, nearest first
        self._options: dict[tuple[str, float, int], list[tuple[int, float]]] = {}
        #: family -> km from every family to it
        self._km_from: dict[int, np.ndarray] = {}

    def school_for(self, i: int, f: int) -> tuple[int, float] | None:
        """Nearest school with a seat left for child ``i`` in family ``f``;
        (-1, nan) if none needed."""
        row = self.rows[i]
        c = row.child
        if c.school_kind is None or row.on_site[f]:
            return (-1, float("nan"))
        s = int(row.school[f])
        if s < 0:
            return None
        if self.seats[s] > 0:
            return (s, float(row.school_km[f]))
        key = (c.school_kind, c.max_school_km, f)
        options = self._options.get(key)
        if options is None:
            fam = self.t.families
            options = self.t.schools.options(c.school_kind, c.max_school_km, fam.lat[f], fam.lon[f])
            self._options[key] = options
        for s2, km in options:
            if self.seats[s2] > 0:
                return (s2, km)
        return None

    def apart_ok(self, i: int) -> np.ndarray:
        """Per family: may child ``i`` live there, given where its may-split
        siblings are placed (rule 9)?"""
        n = len(self.t.families)
        c = self.rows[i].child
        ok = np.ones(n, dtype=bool)
        if c.sibling_group is None or self.groups[c.sibling_group].keep_together:
            return ok
        limit = self.groups[c.sibling_group].max_apart_km
        for j in self.members[c.sibling_group]:
            if j != i and j in self.assignment:
                g = self.assignment[j][0]
                here = np.zeros(n, dtype=bool)
                here[g] = True
                ok &= here | (self._km_to(g) <= limit)
        return ok

    def _km_to(self, g: int) -> np.ndarray:
        if g not in self._km_from:
            fam = self.t.families
            self._km_from[g] = haversine_km(fam.lat, fam.lon, fam.lat[g], fam.lon[g])
        return self._km_from[g]

    def score(self, i: int, f: int, s: int, km: float) -> float:
        row = self.rows[i]
        if s == -1 or s == int(row.school[f]):
            base = float(row.score[f])
        else:
            base = float(row.score[f]) + self.problem.weights.school_km * (
                float(row.school_km[f]) - km
            )
        c = row.child
        if c.sibling_group is not None and not self.groups[c.sibling_group].keep_together:
            base += self.problem.weights.siblings_together * sum(
                1
                for j in self.members[c.sibling_group]
                if j in self.assignment and self.assignment[j][0] == f
            )
        return base

    def place(self, i: int, f: int, s: int) -> None:
        self.assignment[i] = (f, s)
        self.places[f] -= 1
        if s >= 0:
            self.seats[s] -= 1

    def unplace(self, i: int) -> None:
        f, s = self.assignment.pop(i)
        self.places[f] += 1
        if s >= 0:
            self.seats[s] += 1

    def try_unit(self, unit: list[int], only: int | None = None) -> bool:
        """Place all children of ``unit`` in the best single family (or each
        child alone when the unit is one child); True if placed."""
        ok = np.logical_and.reduce([self.rows[i].feasible for i in unit]) & (
            self.places >= len(unit)
        )
        for i in unit:
            ok &= self.apart_ok(i)
        if only is not None:
            keep = np.zeros_like(ok)
            keep[only] = True
            ok &= keep
        cand = np.flatnonzero(ok)
        upper = sum(self.rows[i].score[cand] for i in unit)
        alone = len(unit) == 1 and not self._has_bonus(unit[0])
        nearest = self.rows[unit[0]].school[cand]
        if self.rows[unit[0]].needs_school:
            seated = nearest >= 0
            seat_left = np.zeros(len(cand), dtype=bool)
            seat_left[seated] = self.seats[nearest[seated]] > 0
            direct = self.rows[unit[0]].on_site[cand] | seat_left
        else:
            direct = np.ones(len(cand), dtype=bool)
        best: tuple[float, int, list[tuple[int, int]]] | None = None
        for k in np.argsort(-upper, kind="stable"):
            f = int(cand[k])
            if best is not None and upper[k] + 1e-9 < best[0] and alone:
                break
            if alone and direct[k]:
                # the nearest school has a seat: the placement scores its upper bound
                if best is None or upper[k] > best[0] + 1e-9:
                    best = (float(upper[k]), f, [(unit[0], int(self.rows[unit[0]].school[f]))])
                continue
            chosen: list[tuple[int, int]] = []
            total = 0.0
            for i in unit:
                sch = self.school_for(i, f)
                if sch is None:
                    break
                total += self.score(i, f, sch[0], sch[1])
                self.place(i, f, sch[0])
                chosen.append((i, sch[0]))
            for i, _ in chosen:
                self.unplace(i)
            if len(chosen) == len(unit) and (best is None or total > best[0] + 1e-9):
                best = (total, f, chosen)
        if best is None:
            return False
        for i, s in best[2]:
            self.place(i, best[1], s)
        return True

    def _has_bonus(self, i: int) -> bool:
        c = self.rows[i].child
        return c.sibling_group is not None and self.problem.weights.siblings_together > 0


def greedy_assignment(
    problem: Problem,
    t: Tables,
    rows: list[ChildRow],
    prefer: dict[int, int] | None = None,
    start: Assignment | None = None,
) -> Assignment | None:
    """Pins first, then units (a keep-together group counts as one unit with
    its most urgent member's priority) by priority, most urgent first, each
    trying its ``prefer``-red family first if given. None when even the pins
    cannot be honoured this way.

    ``start`` is a partial plan kept as it is (the caller sees to it that it
    obeys every rule, pins included, and holds keep-together groups whole);
    the greedy then places the children it leaves out."""
    st = _State(problem, t, rows)
    for child, (family, school) in (start or {}).items():
        st.place(child, family, school)
    pins = pins_by_child(problem)
    done: set[int] = set()
    units: list[list[int]] = []
    for i, row in enumerate(rows):
        c = row.child
        if i in done:
            continue
        if c.sibling_group is not None and st.groups[c.sibling_group].keep_together:
            unit = st.members[c.sibling_group]
        else:
            unit = [i]
        done.update(unit)
        units.append(unit)
    pinned_units = [u for u in units if any(rows[i].child.id in pins for i in u)]
    for unit in pinned_units:
        if all(i in st.assignment for i in unit):
            continue
        fams = {pins[rows[i].child.id][1].family for i in unit if rows[i].child.id in pins}
        if len(fams) > 1:
            return None
        f = t.families.index[fams.pop()]
        for i in unit:
            pin = pins.get(rows[i].child.id)
            if pin is not None and pin[1].school is not None:
                s = t.schools.index[pin[1].school]
                if st.seats[s] <= 0 or st.places[f] <= 0:
                    return None
                st.place(i, f, s)
        rest = [i for i in unit if i not in st.assignment]
        if rest and not st.try_unit(rest, only=f):
            return None
    free_units = [u for u in units if u not in pinned_units]
    free_units.sort(key=lambda u: -max(rows[i].child.priority for i in u))
    for unit in free_units:
        if any(i in st.assignment for i in unit):
            continue
        wish = {prefer.get(i) for i in unit} if prefer else {None}
        if len(wish) == 1 and None not in wish and st.try_unit(unit, only=wish.pop()):
            continue
        st.try_unit(unit)
    return st.assignment
