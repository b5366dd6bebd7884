"""The CP-SAT model's data: which triples are worth deciding, the records the
model is built from (:mod:`solver.cp_sat_model` builds it) and the scale of
its objective.

A child–family pair gets one literal, and one more per school when it has
several school options. Which triples are worth a variable is decided
exactly elsewhere: :func:`candidate_families` drops hopeless families, and
the pricing of :mod:`solver.columns` keeps only the triples that can still
be part of an optimal plan. Every school's seats are enforced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model

from solver import scores
from solver.pairs import ChildRow
from solver.problem import Pin, Problem, SiblingGroup
from solver.tables import Tables


@dataclass(slots=True)
class Option:
    school: int  # -1: no school
    km: float  # nan without school
    units: int  # per-placement score in model units
    var: cp_model.IntVar


@dataclass(slots=True)
class PlacementModel:
    problem: Problem
    tables: Tables
    rows: list[ChildRow]
    scale: Scale
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    #: (child index, family index) -> placed-here literal
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    #: (child index, family index) -> school options (one or more)
    options: dict[tuple[int, int], list[Option]] = field(default_factory=dict)
    #: child index -> families with a variable
    families_of: dict[int, list[int]] = field(default_factory=dict)
    #: child index / family index -> proto index of its "once" / capacity constraint
    child_row: dict[int, int] = field(default_factory=dict)
    family_row: dict[int, int] = field(default_factory=dict)
    #: child index -> "placed" literal
    placed: dict[int, cp_model.IntVar] = field(default_factory=dict)
    #: pin index -> assumption literal
    pin_literals: dict[int, cp_model.IntVar] = field(default_factory=dict)
    #: bonus literals for may-split sibling pairs sharing a family
    together_bonus: list[cp_model.IntVar] = field(default_factory=list)
    #: per bonus literal: the two members and the family they share
    together_of: list[TogetherPair] = field(default_factory=list)
    #: placed-here literals that are the sum of their school options
    sums: list[OptionSum] = field(default_factory=list)
    priority: cp_model.LinearExpr | None = None
    score: cp_model.LinearExpr | None = None

    def child_index(self, child_id: str) -> int:
        return self.tables.children[child_id]


class TogetherPair(NamedTuple):
    """Two members of a may-split group sharing a family (one bonus literal)."""

    child: int  # child index
    sibling: int  # child index
    family: int  # family index


class OptionSum(NamedTuple):
    """A placed-here literal defined as the sum of its school options' literals."""

    variable: int  # proto index of the placed-here literal
    options: list[int]  # proto indices of the option literals


class IndexedPin(NamedTuple):
    """A pin and its position in the session's list of pins."""

    index: int
    pin: Pin


def groups_by_id(problem: Problem) -> dict[str, SiblingGroup]:
    return {group.id: group for group in problem.sibling_groups}


def members(problem: Problem) -> dict[str, list[int]]:
    """Group id -> indices of the children of that group in this session."""
    out: dict[str, list[int]] = {}
    for index, child in enumerate(problem.children):
        if child.sibling_group is not None:
            out.setdefault(child.sibling_group, []).append(index)
    return out


def pins_by_child(problem: Problem) -> dict[str, IndexedPin]:
    return {pin.child: IndexedPin(index, pin) for index, pin in enumerate(problem.pins)}


def candidate_families(
    rows: list[ChildRow], tables: Tables, problem: Problem
) -> dict[int, NDArray[np.int64]]:
    """The families each child may be given a variable for.

    Pinned children keep only their pinned family; members of a keep-together
    group keep the families that fit every member and hold the whole group.
    Children who need a school keep every fitting family (their pairs are
    filtered by the pricing of :mod:`solver.columns`, which knows the seats).

    For any other child ``c`` (no sibling group, no school) we keep a set
    ``K`` of its best families whose free places add up to at least the
    number of children in the session, plus every family whose score could
    beat the worst of ``K``. *Proof that no optimum is lost:* take an optimal
    plan in which ``c`` sits in a dropped family ``f`` (score at most ``t``,
    the worst score in ``K``). The other children fill at most ``n - 1`` of
    the ``>= n`` places in ``K``, so some ``g`` in ``K`` has a free place.
    Moving ``c`` to ``g`` keeps every priority, frees a place, needs no
    seat, cannot break a sibling rule (``c`` has no siblings) and does not
    lower the score (``score(c, g) >= t >= score(c, f)``). Doing this for
    each such child in turn gives an optimal plan using only kept pairs.
    """
    pins = pins_by_child(problem)
    groups = groups_by_id(problem)
    group_members = members(problem)
    n_children = len(rows)
    places = tables.families.places
    out: dict[int, NDArray[np.int64]] = {}
    for index, row in enumerate(rows):
        child = row.child
        if child.id in pins:
            pinned_family = tables.families.index[pins[child.id].pin.family]
            out[index] = np.array([pinned_family], dtype=np.int64)
            continue
        if child.sibling_group is not None and groups[child.sibling_group].keep_together:
            siblings = group_members[child.sibling_group]
            fits_all = np.logical_and.reduce([rows[member].feasible for member in siblings]) & (
                places >= len(siblings)
            )
            pinned = [
                pins[rows[member].child.id].pin.family
                for member in siblings
                if rows[member].child.id in pins
            ]
            if pinned:
                only_pinned = np.zeros_like(fits_all)
                only_pinned[tables.families.index[pinned[0]]] = True
                fits_all &= only_pinned
            out[index] = np.flatnonzero(fits_all)
            continue
        fitting = np.flatnonzero(row.feasible)
        if child.sibling_group is not None or row.needs_school or len(fitting) == 0:
            out[index] = fitting
            continue
        score = row.score[fitting]
        order = np.argsort(-score, kind="stable")
        places_so_far = np.cumsum(places[fitting][order])
        enough = np.searchsorted(places_so_far, n_children)
        if enough >= len(fitting):
            out[index] = fitting
            continue
        keep = np.zeros(len(fitting), dtype=bool)
        keep[order[: enough + 1]] = True
        keep |= score > score[order[enough]]
        out[index] = fitting[keep]
    return out


class SchoolOption(NamedTuple):
    """One school a child could attend from one family."""

    school: int  # -1: no school
    km: float  # nan without school
    units: int  # the placement's score in model units with this school


@dataclass(frozen=True, slots=True)
class Entry:
    """A candidate child–family pair with its school options."""

    child: int
    family: int
    options: tuple[SchoolOption, ...]

    @property
    def best(self) -> int:
        return max(option.units for option in self.options)


@dataclass(frozen=True, slots=True)
class Scale:
    """The weighted objective ``weight * priority + score`` and how it splits back."""

    weight: int  # W: larger than any difference between two plans' scores
    low: int  # the lowest score (model units) any plan can have

    def priority_bound(self, bound: float) -> int:
        """No plan beats this priority: W*P + S <= bound and S >= low."""
        return int((int(bound) - self.low) // self.weight)


def bonus_share(problem: Problem) -> dict[int, int]:
    """Child index -> an upper bound on the sibling bonus (model units) one
    placed member can bring: half a bonus for every other member, since each
    shared pair is counted from both sides."""
    groups = groups_by_id(problem)
    bonus = int(scores.model_units(scores.siblings_together(problem.weights)))
    out: dict[int, int] = {}
    for group_id, siblings in members(problem).items():
        if not groups[group_id].keep_together:
            for child in siblings:
                out[child] = (bonus * (len(siblings) - 1) + 1) // 2
    return out


def scale_for(
    problem: Problem, tables: Tables, rows: list[ChildRow], candidates: dict[int, NDArray[np.int64]]
) -> Scale:
    """``W`` = (highest possible score - lowest possible score) + 1, in model
    units: each child adds at most its best family part (a school part is
    never positive) and at least its worst family part with the farthest
    school it may travel to (or 0 when unplaced); every may-split pair at
    most one bonus."""
    weights = problem.weights
    highest = lowest = 0
    for child, families in candidates.items():
        if len(families) == 0:
            continue
        row = rows[child]
        units = row.family_units(families, tables, weights)
        farthest = (
            int(scores.school_units(row.child.max_school_km, weights)) if row.needs_school else 0
        )
        highest += max(0, int(units.max()))
        lowest += min(0, int(units.min()) + farthest)
    groups = groups_by_id(problem)
    bonus = int(scores.model_units(scores.siblings_together(weights)))
    pairs = sum(
        len(siblings) * (len(siblings) - 1) // 2
        for group_id, siblings in members(problem).items()
        if not groups[group_id].keep_together
    )
    return Scale(highest + bonus * pairs - lowest + 1, lowest)
