"""The CP-SAT model itself: a variable for every candidate triple, the hard
rules (:mod:`solver.constraints`), the sibling bonus and the objective.

Built in OR-Tools' sample order: data (:mod:`solver.model`), variables, hard
constraints, soft terms, objective. It lives apart from :mod:`solver.model`,
whose records the constraints share, so that neither imports the other.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver import constraints, scores
from solver.model import Entry, Option, PlacementModel, Scale, groups_by_id, members
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.tables import Tables


def build(
    problem: Problem,
    t: Tables,
    rows: list[ChildRow],
    ents: list[Entry],
    scale: Scale,
    implied: list[tuple[list[tuple[int, int]], int]] = (),
) -> PlacementModel:
    """The CP-SAT model over the given candidate triples, with ``implied``
    inequalities over placed-here literals that every plan obeys (the
    relaxation's cuts, :mod:`solver.cuts`): they change no plan, but give
    HiGHS's LP the bound the relaxation has."""
    pm = PlacementModel(problem, t, rows, scale)
    m = pm.model
    w = problem.weights
    for child in range(len(rows)):
        pm.families_of[child] = []
        pm.placed[child] = m.new_bool_var(f"placed_{child}")
    for entry in ents:
        child, family = entry.child, entry.family
        here = m.new_bool_var(f"x_{child}_{family}")
        pm.x[child, family] = here
        pm.families_of[child].append(family)
        if len(entry.options) == 1:
            only = entry.options[0]
            pm.options[child, family] = [Option(only.school, only.km, only.units, here)]
        else:
            options = [
                Option(o.school, o.km, o.units, m.new_bool_var(f"y_{child}_{family}_{o.school}"))
                for o in entry.options
            ]
            m.add(sum(o.var for o in options) == here)
            pm.sums.append((here.index, [o.var.index for o in options]))
            pm.options[child, family] = options
    constraints.place_at_most_once(pm)
    constraints.family_capacity(pm)
    constraints.school_seats(pm)
    constraints.siblings_together(pm)
    constraints.siblings_apart(pm)
    constraints.pins_hold(pm)
    together_bonus(pm)
    for pairs, rhs in implied:
        xs = [pm.x[p] for p in pairs if p in pm.x]
        if len(xs) > rhs:
            m.add(cp_model.LinearExpr.sum(xs) <= rhs)
    placed = list(pm.placed.items())
    pm.priority = cp_model.LinearExpr.weighted_sum(
        [p for _, p in placed], [rows[i].child.priority for i, _ in placed]
    )
    opts = [o for lst in pm.options.values() for o in lst]
    bonus = int(scores.model_units(scores.siblings_together(w)))
    pm.score = cp_model.LinearExpr.weighted_sum(
        [o.var for o in opts] + pm.together_bonus,
        [o.units for o in opts] + [bonus] * len(pm.together_bonus),
    )
    return pm


def together_bonus(pm: PlacementModel) -> None:
    """Soft: one ``siblings_together`` bonus per pair of members of a
    may-split group who share a family (a literal per pair and shared family,
    true only if both are there).

    Three rules every plan obeys keep the LP from paying bonuses for
    siblings spread thinly over several families: a family with one place
    gets no bonus literal; a family with ``p`` places pays at most the
    ``p * (p - 1) / 2`` bonuses of the members it can hold; and a member
    placed there shares it with at most ``p - 1`` of its siblings."""
    grp = groups_by_id(pm.problem)
    places = pm.tables.families.places
    for gid, idx in members(pm.problem).items():
        if grp[gid].keep_together:
            continue
        per_family: dict[int, list[cp_model.IntVar]] = {}
        per_member: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        for a_pos, a in enumerate(idx):
            for b in idx[a_pos + 1 :]:
                for f in sorted(set(pm.families_of[a]) & set(pm.families_of[b])):
                    if places[f] < 2:
                        continue
                    both = pm.model.new_bool_var(f"together_{a}_{b}_{f}")
                    pm.model.add_implication(both, pm.x[a, f])
                    pm.model.add_implication(both, pm.x[b, f])
                    pm.together_bonus.append(both)
                    pm.together_of.append((a, b, f))
                    per_family.setdefault(f, []).append(both)
                    per_member.setdefault((a, f), []).append(both)
                    per_member.setdefault((b, f), []).append(both)
        for f, lits in per_family.items():
            most = int(places[f]) * (int(places[f]) - 1) // 2
            if len(lits) > most:
                pm.model.add(cp_model.LinearExpr.sum(lits) <= most)
        for (a, f), lits in per_member.items():
            if len(lits) > 1:
                pm.model.add(cp_model.LinearExpr.sum(lits) <= (int(places[f]) - 1) * pm.x[a, f])
