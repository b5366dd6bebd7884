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
    t: Tables
    rows: list[ChildRow]
    assignment: Assignment
    used: np.ndarray  # children per family in the answer
    seats_used: np.ndarray
    proven: bool

    @property
    def room(self) -> np.ndarray:
        return self.t.families.places - self.used


def _answer(
    problem: Problem, t: Tables, rows: list[ChildRow], a: Assignment, proven: bool
) -> _Answer:
    used = np.zeros(len(t.families), dtype=np.int64)
    seats = np.zeros(len(t.schools.schools), dtype=np.int64)
    for f, s in a.values():
        used[f] += 1
        if s >= 0:
            seats[s] += 1
    return _Answer(problem, t, rows, a, used, seats, proven)


def _school_has_seat(ans: _Answer, i: int, f: int) -> bool:
    c = ans.rows[i].child
    if c.school_kind is None or ans.rows[i].on_site[f]:
        return True
    fam = ans.t.families
    return any(
        ans.seats_used[s] < ans.t.schools.seats[s]
        for s, _ in ans.t.schools.options(c.school_kind, c.max_school_km, fam.lat[f], fam.lon[f])
    )


def _too_far_from_sibling(ans: _Answer, i: int, f: int) -> str | None:
    c = ans.rows[i].child
    if c.sibling_group is None:
        return None
    g = groups_by_id(ans.problem)[c.sibling_group]
    if g.keep_together:
        return None
    fam = ans.t.families
    for j in members(ans.problem)[g.id]:
        if j != i and j in ans.assignment:
            h = ans.assignment[j][0]
            if (
                h != f
                and haversine_km(fam.lat[f], fam.lon[f], fam.lat[h], fam.lon[h]) > g.max_apart_km
            ):
                return ans.rows[j].child.id
    return None


def reasons(ans: _Answer, i: int) -> list[Explanation]:
    row = ans.rows[i]
    c = row.child
    out = [s for _, _, s in excluded_counts_text(c, row.masks)]
    fit_mask = row.feasible
    what = Explanation(Key.WORDS_FITTING_FAMILIES)
    grp = groups_by_id(ans.problem).get(c.sibling_group) if c.sibling_group else None
    if grp is not None and grp.keep_together:
        idx = members(ans.problem)[grp.id]
        if len(idx) > 1:
            all_fit = np.logical_and.reduce([ans.rows[j].feasible for j in idx])
            whole = all_fit & (ans.t.families.places >= len(idx))
            if not whole.any():
                biggest = int(ans.t.families.places[all_fit].max()) if all_fit.any() else 0
                if all_fit.any():
                    key = (
                        Key.UNPLACED_GROUP_TOO_BIG_ONE
                        if biggest == 1
                        else Key.UNPLACED_GROUP_TOO_BIG
                    )
                    out.append(Explanation(key, group=grp.id, size=len(idx), places=biggest))
                else:
                    out.append(
                        Explanation(Key.UNPLACED_GROUP_NO_FAMILY, group=grp.id, size=len(idx))
                    )
                return out
            fit_mask = whole
            what = Explanation(Key.WORDS_GROUP_FITTING_FAMILIES, group=grp.id)
    fitting = np.flatnonzero(fit_mask)
    if len(fitting) == 0:
        out.append(Explanation(Key.UNPLACED_NO_FAMILY))
        return out
    free = [
        int(f)
        for f in fitting
        if ans.room[f]
        >= (1 if grp is None or not grp.keep_together else len(members(ans.problem)[grp.id]))
    ]
    if not free:
        occupants = sorted(
            {j for j, (f, _) in ans.assignment.items() if fit_mask[f]},
            key=lambda j: -ans.rows[j].child.priority,
        )
        prios = [ans.rows[j].child.priority for j in occupants]
        if occupants:
            low, high = min(prios), max(prios)
            span = (
                Explanation(Key.WORDS_PRIORITY, priority=low)
                if low == high
                else Explanation(Key.WORDS_PRIORITY_RANGE, low=low, high=high)
            )
            urgency = Explanation(
                Key.WORDS_MORE_URGENT_CHILDREN if low > c.priority else Key.WORDS_OTHER_CHILDREN
            )
            out.append(
                Explanation(
                    Key.UNPLACED_TAKEN if len(fitting) > 1 else Key.UNPLACED_TAKEN_ONE,
                    fitting=len(fitting),
                    what=what,
                    count=len(occupants),
                    urgency=urgency,
                    span=span,
                    children=id_list([ans.rows[j].child.id for j in occupants]),
                    child=c.id,
                    priority=c.priority,
                )
            )
        else:
            out.append(Explanation(Key.UNPLACED_GROUP_SHORT, fitting=len(fitting)))
        return out
    no_seat = [f for f in free if not _school_has_seat(ans, i, f)]
    far = {f: _too_far_from_sibling(ans, i, f) for f in free}
    if len(no_seat) == len(free):
        out.append(Explanation(Key.UNPLACED_NO_SEAT, free=len(free), school_kind=c.school_kind))
    elif all(far[f] is not None or f in no_seat for f in free):
        sib = next(v for v in far.values() if v is not None)
        max_km = float(groups_by_id(ans.problem)[c.sibling_group].max_apart_km)
        out.append(
            Explanation(Key.UNPLACED_SIBLING_FAR, free=len(free), max_km=max_km, sibling=sib)
        )
    elif not ans.proven:
        out.append(Explanation(Key.UNPLACED_STOPPED))
    else:
        out.append(Explanation(Key.UNPLACED_OTHER_RULES, free=len(free), child=c.id))
    return out


def advice(ans: _Answer, i: int) -> list[Explanation]:
    """The smallest single changes that would open a place (never the safety distance)."""
    row = ans.rows[i]
    c = row.child
    t = ans.t
    fam = t.families
    out: list[Explanation] = []
    m = row.masks
    grp = groups_by_id(ans.problem).get(c.sibling_group) if c.sibling_group else None
    together = grp is not None and grp.keep_together and len(members(ans.problem)[grp.id]) > 1
    size = len(members(ans.problem)[grp.id]) if together else 1
    others_ok = (
        m["forbidden"] & m["age"] & m["gender"] & m["training"] & m["safety"] & m["closed_care"]
    )
    # one more free place in a named family
    if together:
        fits = np.logical_and.reduce(
            [
                ans.rows[j].masks[k]
                for j in members(ans.problem)[grp.id]
                for k in (
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
        fits = others_ok & m["school"]
    short = np.flatnonzero(fits & (ans.room == size - 1))
    short = [int(f) for f in short if _too_far_from_sibling(ans, i, int(f)) is None]
    if short:
        best = max(short, key=lambda f: row.score[f])
        if together:
            out.append(
                Explanation(
                    Key.ADVICE_ONE_MORE_PLACE_GROUP, family=fam.families[best].id, group=grp.id
                )
            )
        else:
            out.append(
                Explanation(Key.ADVICE_ONE_MORE_PLACE, family=fam.families[best].id, child=c.id)
            )
    # a larger school radius
    if c.school_kind is not None:
        kind_idx = t.schools.by_kind.get(c.school_kind, np.zeros(0, dtype=np.int64))
        kind_idx = kind_idx[ans.seats_used[kind_idx] < t.schools.seats[kind_idx]]
        room = np.flatnonzero(others_ok & (ans.room >= size))
        room = [int(f) for f in room if not m["school"][f] or not _school_has_seat(ans, i, int(f))][
            :200
        ]
        if room and len(kind_idx):
            d = haversine_km(
                fam.lat[room][:, None],
                fam.lon[room][:, None],
                t.schools.lat[kind_idx][None, :],
                t.schools.lon[kind_idx][None, :],
            )
            k, j = np.unravel_index(np.argmin(d), d.shape)
            need = np.ceil(d[k, j] * 10 - 1e-9) / 10
            out.append(
                Explanation(
                    Key.ADVICE_SCHOOL_RADIUS,
                    need_km=float(need),
                    max_km=float(c.max_school_km),
                    family=fam.families[room[k]].id,
                    school_kind=c.school_kind,
                    school=t.schools.schools[int(kind_idx[j])].id,
                    km=float(d[k, j]),
                )
            )
    # allow a keep-together group to split
    if together:
        alone = np.flatnonzero(row.feasible & (ans.room >= 1))
        if len(alone):
            out.append(
                Explanation(
                    Key.ADVICE_SPLIT_GROUP,
                    group=grp.id,
                    child=c.id,
                    family=fam.families[int(alone[0])].id,
                )
            )
    # a family with the missing training
    if c.training_needed:
        trainable = np.flatnonzero(
            m["forbidden"]
            & m["age"]
            & m["gender"]
            & m["safety"]
            & m["school"]
            & m["closed_care"]
            & ~m["training"]
            & (ans.room >= size)
        )
        if len(trainable):
            best = min(
                trainable,
                key=lambda f: (len(c.training_needed - fam.families[f].training), -row.score[f]),
            )
            missing = sorted(c.training_needed - fam.families[int(best)].training)
            out.append(
                Explanation(Key.ADVICE_TRAINING, missing=missing, family=fam.families[int(best)].id)
            )
    # a valid court authorisation for closed care
    if not c.closed_care and not together:
        unit = _unit_with_authorisation(ans, i)
        if unit is not None:
            out.append(Explanation(Key.ADVICE_CLOSED_CARE, unit=fam.families[unit].id, child=c.id))
    return out


def _unit_with_authorisation(ans: _Answer, i: int) -> int | None:
    """The best-scoring closed unit that only rule 10 keeps this child out
    of and that still has a free place and a school for it, if any."""
    row = ans.rows[i]
    m = row.masks
    rest = np.logical_and.reduce([v for k, v in m.items() if k != "closed_care"])
    units = np.flatnonzero(~m["closed_care"] & rest & (ans.room >= 1))
    units = [
        int(f)
        for f in units
        if _school_has_seat(ans, i, int(f)) and _too_far_from_sibling(ans, i, int(f)) is None
    ]
    return max(units, key=lambda f: row.score[f]) if units else None


def unplaced(
    problem: Problem, t: Tables, rows: list[ChildRow], a: Assignment, proven: bool
) -> list[Unplaced]:
    ans = _answer(problem, t, rows, a, proven)
    return [
        Unplaced(row.child.id, tuple(reasons(ans, i)), tuple(advice(ans, i)))
        for i, row in enumerate(rows)
        if i not in a
    ]
