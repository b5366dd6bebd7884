"""The hard rules that tie several children together, as CP-SAT constraints.

One function per rule of ``placement-session/1``; the pair rules (age,
gender, training, safety, school reach, forbidden) are already applied by
giving a pair no variable at all (:mod:`solver.rules`).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from ortools.sat.python import cp_model

from solver.geo import pairwise_km
from solver.model import PlacementModel, groups_by_id, members


def place_at_most_once(pm: PlacementModel) -> None:
    """Hard constraint: each child is placed at most once (rule 1); the
    child's ``placed`` literal is true exactly when one family is chosen."""
    for i, fams in pm.families_of.items():
        pm.child_row[i] = len(pm.model.proto.constraints)
        pm.model.add(cp_model.LinearExpr.sum([pm.x[i, f] for f in fams]) == pm.placed[i])


def family_capacity(pm: PlacementModel) -> None:
    """Hard constraint: a family receives at most ``free_places`` children (rule 2)."""
    load: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (_, f), x in pm.x.items():
        load[f].append(x)
    places = pm.tables.families.places
    for f, xs in load.items():
        if len(xs) > places[f]:
            pm.family_row[f] = len(pm.model.proto.constraints)
            pm.model.add(cp_model.LinearExpr.sum(xs) <= int(places[f]))


def school_seats(pm: PlacementModel) -> None:
    """Hard constraint: a school receives at most ``free_seats`` children (rule 7)."""
    load: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for opts in pm.options.values():
        for o in opts:
            if o.school >= 0:
                load[o.school].append(o.var)
    seats = pm.tables.schools.seats
    for s, vs in load.items():
        if len(vs) > seats[s]:
            pm.model.add(cp_model.LinearExpr.sum(vs) <= int(seats[s]))


def siblings_together(pm: PlacementModel) -> None:
    """Hard constraint: a keep-together group is placed whole in one family,
    or not at all (rule 8)."""
    grp = groups_by_id(pm.problem)
    for gid, idx in members(pm.problem).items():
        if not grp[gid].keep_together or len(idx) < 2:
            continue
        fams = set().union(*(pm.families_of[i] for i in idx))
        for f in fams:
            lits = [pm.x.get((i, f)) for i in idx]
            if any(lit is None for lit in lits):
                for lit in lits:
                    if lit is not None:
                        pm.model.add(lit == 0)
                continue
            for lit in lits[1:]:
                pm.model.add(lit == lits[0])
        for i in idx[1:]:
            pm.model.add(pm.placed[i] == pm.placed[idx[0]])


def siblings_apart(pm: PlacementModel) -> None:
    """Hard constraint: two placed members of a may-split group who live in
    different families are at most ``max_apart_km`` apart (rule 9). If ``a``
    is in family ``f``, then ``b`` is unplaced or in a family within reach of ``f``."""
    grp = groups_by_id(pm.problem)
    fam = pm.tables.families
    for gid, idx in members(pm.problem).items():
        g = grp[gid]
        if g.keep_together:
            continue
        for a_pos, a in enumerate(idx):
            for b in idx[a_pos + 1 :]:
                fa, fb = pm.families_of[a], pm.families_of[b]
                if not fa or not fb:
                    continue
                within = (
                    pairwise_km(fam.lat[fa], fam.lon[fa], fam.lat[fb], fam.lon[fb])
                    <= g.max_apart_km
                )
                xb = [pm.x[b, g_] for g_ in fb]
                for r, f in enumerate(fa):
                    if within[r].all():
                        continue
                    near = [xb[k] for k in np.flatnonzero(within[r])]
                    pm.model.add_bool_or([pm.x[a, f].Not(), pm.placed[b].Not(), *near])


def pins_hold(pm: PlacementModel) -> None:
    """Hard constraint: pinned children are placed as pinned (rule 1), each
    pin behind its own assumption literal so that an infeasible session can
    name the pins in conflict."""
    for k, pin in enumerate(pm.problem.pins):
        lit = pm.model.new_bool_var(f"pin_{k}")
        pm.pin_literals[k] = lit
        i = pm.child_index(pin.child)
        x = pm.x.get((i, pm.tables.families.index[pin.family]))
        if x is None:
            pm.model.add(lit == 0)
        else:
            pm.model.add_implication(lit, x)
    pm.model.add_assumptions(list(pm.pin_literals.values()))
