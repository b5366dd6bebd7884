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
    #: per bonus literal: (child, sibling, family)
    together_of: list[tuple[int, int, int]] = field(default_factory=list)
    #: placed-here literals that are the sum of their school options: (variable, option variables)
    sums: list[tuple[int, list[int]]] = field(default_factory=list)
    priority: cp_model.LinearExpr | None = None
    score: cp_model.LinearExpr | None = None

    def child_index(self, child_id: str) -> int:
        return self.tables.children[child_id]


def groups_by_id(problem: Problem) -> dict[str, SiblingGroup]:
    return {g.id: g for g in problem.sibling_groups}


def members(problem: Problem) -> dict[str, list[int]]:
    """Group id -> indices of the children of that group in this session."""
    out: dict[str, list[int]] = {}
    for i, c in enumerate(problem.children):
        if c.sibling_group is not None:
            out.setdefault(c.sibling_group, []).append(i)
    return out


def pins_by_child(problem: Problem) -> dict[str, tuple[int, Pin]]:
    return {p.child: (k, p) for k, p in enumerate(problem.pins)}


def candidate_families(
    rows: list[ChildRow], t: Tables, problem: Problem
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
    grp = groups_by_id(problem)
    mem = members(problem)
    n = len(rows)
    out: dict[int, NDArray[np.int64]] = {}
    for i, row in enumerate(rows):
        c = row.child
        if c.id in pins:
            out[i] = np.array([t.families.index[pins[c.id][1].family]], dtype=np.int64)
            continue
        if c.sibling_group is not None and grp[c.sibling_group].keep_together:
            m = mem[c.sibling_group]
            ok = np.logical_and.reduce([rows[j].feasible for j in m]) & (
                t.families.places >= len(m)
            )
            pinned = [pins[rows[j].child.id][1].family for j in m if rows[j].child.id in pins]
            if pinned:
                only = np.zeros_like(ok)
                only[t.families.index[pinned[0]]] = True
                ok &= only
            out[i] = np.flatnonzero(ok)
            continue
        cand = np.flatnonzero(row.feasible)
        if c.sibling_group is not None or row.needs_school or len(cand) == 0:
            out[i] = cand
            continue
        score = row.score[cand]
        order = np.argsort(-score, kind="stable")
        cum = np.cumsum(t.families.places[cand][order])
        enough = np.searchsorted(cum, n)
        if enough >= len(cand):
            out[i] = cand
            continue
        keep = np.zeros(len(cand), dtype=bool)
        keep[order[: enough + 1]] = True
        keep |= score > score[order[enough]]
        out[i] = cand[keep]
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
        return max(o.units for o in self.options)


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
    grp = groups_by_id(problem)
    bonus = int(scores.model_units(scores.siblings_together(problem.weights)))
    out: dict[int, int] = {}
    for gid, idx in members(problem).items():
        if not grp[gid].keep_together:
            for i in idx:
                out[i] = (bonus * (len(idx) - 1) + 1) // 2
    return out


def scale_for(
    problem: Problem, t: Tables, rows: list[ChildRow], cands: dict[int, NDArray[np.int64]]
) -> Scale:
    """``W`` = (highest possible score - lowest possible score) + 1, in model
    units: each child adds at most its best family part (a school part is
    never positive) and at least its worst family part with the farthest
    school it may travel to (or 0 when unplaced); every may-split pair at
    most one bonus."""
    w = problem.weights
    hi = lo = 0
    for i, fams in cands.items():
        if len(fams) == 0:
            continue
        row = rows[i]
        units = scores.family_units(
            row.shares_language[fams],
            row.network_km[fams],
            row.child.safety_km,
            t.families.closed[fams],
            w,
        )
        far = int(scores.school_units(row.child.max_school_km, w)) if row.needs_school else 0
        hi += max(0, int(units.max()))
        lo += min(0, int(units.min()) + far)
    grp = groups_by_id(problem)
    bonus = int(scores.model_units(scores.siblings_together(w)))
    pairs = sum(
        len(m) * (len(m) - 1) // 2 for g, m in members(problem).items() if not grp[g].keep_together
    )
    return Scale(hi + bonus * pairs - lo + 1, lo)
