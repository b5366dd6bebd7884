"""Why a child stayed unplaced, and the smallest change that would place them.

Reasons are true statements about this session and this answer, built from
the named rules: how many families each rule excluded, who took the places
that did fit, which sibling rule stood in the way. Advice names one concrete
change per kind (a wider school radius, one more place in a named family,
letting a sibling group split, a family with the missing training). The
safety distance is never offered as something to relax.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from catalogue.keys import Key
from catalogue.sentences import Explanation, id_list
from solver.geo import haversine_km
from solver.model import groups_by_id, members
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.proposal import Unplaced
from solver.rules import excluded_counts_text
from solver.search import Assignment
from solver.tables import Tables


@dataclass(slots=True)
class _Answer:
    problem: Problem
    tables: Tables
    rows: list[ChildRow]
    assignment: Assignment
    used: np.ndarray  # children per family in the answer
    seats_used: np.ndarray
    proven: bool

    @property
    def room(self) -> np.ndarray:
        return self.tables.families.places - self.used


def _answer(
    problem: Problem, tables: Tables, rows: list[ChildRow], assignment: Assignment, proven: bool
) -> _Answer:
    used = np.zeros(len(tables.families), dtype=np.int64)
    seats = np.zeros(len(tables.schools.schools), dtype=np.int64)
    for family, school in assignment.values():
        used[family] += 1
        if school >= 0:
            seats[school] += 1
    return _Answer(problem, tables, rows, assignment, used, seats, proven)


def _school_has_seat(answer: _Answer, child_index: int, family: int) -> bool:
    child = answer.rows[child_index].child
    if child.school_kind is None or answer.rows[child_index].on_site[family]:
        return True
    families, schools = answer.tables.families, answer.tables.schools
    in_reach = schools.options(
        child.school_kind, child.max_school_km, families.lat[family], families.lon[family]
    )
    return bool((answer.seats_used[in_reach.school] < schools.seats[in_reach.school]).any())


def _too_far_from_sibling(answer: _Answer, child_index: int, family: int) -> str | None:
    """The id of a placed may-split sibling too far from ``family``, if any."""
    child = answer.rows[child_index].child
    if child.sibling_group is None:
        return None
    group = groups_by_id(answer.problem)[child.sibling_group]
    if group.keep_together:
        return None
    families = answer.tables.families
    lat, lon = families.lat, families.lon
    for sibling in members(answer.problem)[group.id]:
        if sibling != child_index and sibling in answer.assignment:
            theirs = answer.assignment[sibling].family
            if (
                theirs != family
                and haversine_km(lat[family], lon[family], lat[theirs], lon[theirs])
                > group.max_apart_km
            ):
                return answer.rows[sibling].child.id
    return None


def reasons(answer: _Answer, child_index: int) -> list[Explanation]:
    row = answer.rows[child_index]
    child = row.child
    out = [sentence for _, _, sentence in excluded_counts_text(child, row.masks)]
    places = answer.tables.families.places
    fit_mask = row.feasible
    what = Explanation(Key.WORDS_FITTING_FAMILIES)
    group = groups_by_id(answer.problem).get(child.sibling_group) if child.sibling_group else None
    if group is not None and group.keep_together:
        siblings = members(answer.problem)[group.id]
        if len(siblings) > 1:
            all_fit = np.logical_and.reduce([answer.rows[member].feasible for member in siblings])
            whole = all_fit & (places >= len(siblings))
            if not whole.any():
                biggest = int(places[all_fit].max()) if all_fit.any() else 0
                if all_fit.any():
                    key = (
                        Key.UNPLACED_GROUP_TOO_BIG_ONE
                        if biggest == 1
                        else Key.UNPLACED_GROUP_TOO_BIG
                    )
                    out.append(Explanation(key, group=group.id, size=len(siblings), places=biggest))
                else:
                    out.append(
                        Explanation(
                            Key.UNPLACED_GROUP_NO_FAMILY, group=group.id, size=len(siblings)
                        )
                    )
                return out
            fit_mask = whole
            what = Explanation(Key.WORDS_GROUP_FITTING_FAMILIES, group=group.id)
    fitting = np.flatnonzero(fit_mask)
    if len(fitting) == 0:
        out.append(Explanation(Key.UNPLACED_NO_FAMILY))
        return out
    needed = (
        1 if group is None or not group.keep_together else len(members(answer.problem)[group.id])
    )
    free = [int(family) for family in fitting if answer.room[family] >= needed]
    if not free:
        occupants = sorted(
            {other for other, place in answer.assignment.items() if fit_mask[place.family]},
            key=lambda other: -answer.rows[other].child.priority,
        )
        priorities = [answer.rows[other].child.priority for other in occupants]
        if occupants:
            low, high = min(priorities), max(priorities)
            span = (
                Explanation(Key.WORDS_PRIORITY, priority=low)
                if low == high
                else Explanation(Key.WORDS_PRIORITY_RANGE, low=low, high=high)
            )
            urgency = Explanation(
                Key.WORDS_MORE_URGENT_CHILDREN if low > child.priority else Key.WORDS_OTHER_CHILDREN
            )
            out.append(
                Explanation(
                    Key.UNPLACED_TAKEN if len(fitting) > 1 else Key.UNPLACED_TAKEN_ONE,
                    fitting=len(fitting),
                    what=what,
                    count=len(occupants),
                    urgency=urgency,
                    span=span,
                    children=id_list([answer.rows[other].child.id for other in occupants]),
                    child=child.id,
                    priority=child.priority,
                )
            )
        else:
            out.append(Explanation(Key.UNPLACED_GROUP_SHORT, fitting=len(fitting)))
        return out
    no_seat = [family for family in free if not _school_has_seat(answer, child_index, family)]
    far = {family: _too_far_from_sibling(answer, child_index, family) for family in free}
    if len(no_seat) == len(free):
        out.append(Explanation(Key.UNPLACED_NO_SEAT, free=len(free), school_kind=child.school_kind))
    elif all(far[family] is not None or family in no_seat for family in free):
        sibling = next(sibling for sibling in far.values() if sibling is not None)
        max_km = float(groups_by_id(answer.problem)[child.sibling_group].max_apart_km)
        out.append(
            Explanation(Key.UNPLACED_SIBLING_FAR, free=len(free), max_km=max_km, sibling=sibling)
        )
    elif not answer.proven:
        out.append(Explanation(Key.UNPLACED_STOPPED))
    else:
        out.append(Explanation(Key.UNPLACED_OTHER_RULES, free=len(free), child=child.id))
    return out


def advice(answer: _Answer, child_index: int) -> list[Explanation]:
    """The smallest single changes that would open a place (never the safety distance)."""
    row = answer.rows[child_index]
    child = row.child
    tables = answer.tables
    families = tables.families
    out: list[Explanation] = []
    masks = row.masks
    group = groups_by_id(answer.problem).get(child.sibling_group) if child.sibling_group else None
    together = (
        group is not None and group.keep_together and len(members(answer.problem)[group.id]) > 1
    )
    size = len(members(answer.problem)[group.id]) if together else 1
    others_ok = (
        masks["forbidden"]
        & masks["age"]
        & masks["gender"]
        & masks["training"]
        & masks["safety"]
        & masks["closed_care"]
    )
    # one more free place in a named family
    if together:
        fits = np.logical_and.reduce(
            [
                answer.rows[member].masks[rule]
                for member in members(answer.problem)[group.id]
                for rule in (
                    "forbidden",
                    "age",
                    "gender",
                    "training",
                    "safety",
                    "school",
                    "closed_care",
                )
            ]
        )
    else:
        fits = others_ok & masks["school"]
    one_short = np.flatnonzero(fits & (answer.room == size - 1))
    one_short = [
        int(family)
        for family in one_short
        if _too_far_from_sibling(answer, child_index, int(family)) is None
    ]
    if one_short:
        best = max(one_short, key=lambda family: row.score[family])
        if together:
            out.append(
                Explanation(
                    Key.ADVICE_ONE_MORE_PLACE_GROUP,
                    family=families.families[best].id,
                    group=group.id,
                )
            )
        else:
            out.append(
                Explanation(
                    Key.ADVICE_ONE_MORE_PLACE, family=families.families[best].id, child=child.id
                )
            )
    # a larger school radius
    if child.school_kind is not None:
        of_kind = tables.schools.by_kind.get(child.school_kind, np.zeros(0, dtype=np.int64))
        of_kind = of_kind[answer.seats_used[of_kind] < tables.schools.seats[of_kind]]
        with_room = np.flatnonzero(others_ok & (answer.room >= size))
        with_room = [
            int(family)
            for family in with_room
            if not masks["school"][family] or not _school_has_seat(answer, child_index, int(family))
        ][:200]
        if with_room and len(of_kind):
            km = haversine_km(
                families.lat[with_room][:, None],
                families.lon[with_room][:, None],
                tables.schools.lat[of_kind][None, :],
                tables.schools.lon[of_kind][None, :],
            )
            nearest_family, nearest_school = np.unravel_index(np.argmin(km), km.shape)
            need = np.ceil(km[nearest_family, nearest_school] * 10 - 1e-9) / 10
            out.append(
                Explanation(
                    Key.ADVICE_SCHOOL_RADIUS,
                    need_km=float(need),
                    max_km=float(child.max_school_km),
                    family=families.families[with_room[nearest_family]].id,
                    school_kind=child.school_kind,
                    school=tables.schools.schools[int(of_kind[nearest_school])].id,
                    km=float(km[nearest_family, nearest_school]),
                )
            )
    # allow a keep-together group to split
    if together:
        alone = np.flatnonzero(row.feasible & (answer.room >= 1))
        if len(alone):
            out.append(
                Explanation(
                    Key.ADVICE_SPLIT_GROUP,
                    group=group.id,
                    child=child.id,
                    family=families.families[int(alone[0])].id,
                )
            )
    # a family with the missing training
    if child.training_needed:
        trainable = np.flatnonzero(
            masks["forbidden"]
            & masks["age"]
            & masks["gender"]
            & masks["safety"]
            & masks["school"]
            & masks["closed_care"]
            & ~masks["training"]
            & (answer.room >= size)
        )
        if len(trainable):
            best = min(
                trainable,
                key=lambda family: (
                    len(child.training_needed - families.families[family].training),
                    -row.score[family],
                ),
            )
            missing = sorted(child.training_needed - families.families[int(best)].training)
            out.append(
                Explanation(
                    Key.ADVICE_TRAINING, missing=missing, family=families.families[int(best)].id
                )
            )
    # a valid court authorisation for closed care
    if not child.closed_care and not together:
        unit = _unit_with_authorisation(answer, child_index)
        if unit is not None:
            out.append(
                Explanation(Key.ADVICE_CLOSED_CARE, unit=families.families[unit].id, child=child.id)
            )
    return out


def _unit_with_authorisation(answer: _Answer, child_index: int) -> int | None:
    """The best-scoring closed unit that only rule 10 keeps this child out
    of and that still has a free place and a school for it, if any."""
    row = answer.rows[child_index]
    masks = row.masks
    rest = np.logical_and.reduce([mask for rule, mask in masks.items() if rule != "closed_care"])
    units = np.flatnonzero(~masks["closed_care"] & rest & (answer.room >= 1))
    units = [
        int(unit)
        for unit in units
        if _school_has_seat(answer, child_index, int(unit))
        and _too_far_from_sibling(answer, child_index, int(unit)) is None
    ]
    return max(units, key=lambda unit: row.score[unit]) if units else None


def unplaced(
    problem: Problem, tables: Tables, rows: list[ChildRow], assignment: Assignment, proven: bool
) -> list[Unplaced]:
    answer = _answer(problem, tables, rows, assignment, proven)
    return [
        Unplaced(row.child.id, tuple(reasons(answer, index)), tuple(advice(answer, index)))
        for index, row in enumerate(rows)
        if index not in assignment
    ]
