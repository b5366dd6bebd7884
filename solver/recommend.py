"""The best families for one child, and which rules shut out a given family.

Vectorised over all families (numpy and one k-d tree query per school kind),
so a recommendation at national scale costs tens of milliseconds, not a solve.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np

from solver import scores
from solver.pairs import child_row
from solver.problem import Problem
from solver.proposal import Candidate, Recommendation, RuleCount, RuleViolation
from solver.rules import PAIR_RULES, excluded_counts_text
from solver.tables import Tables


def _free_now(problem: Problem, child_id: str) -> Problem:
    """The session with the places and seats taken by other children's pins removed."""
    others = [p for p in problem.pins if p.child != child_id]
    if not others:
        return problem
    fam_load = Counter(p.family for p in others)
    seat_load = Counter(p.school for p in others if p.school is not None)
    families = tuple(
        dataclasses.replace(f, free_places=max(f.free_places - fam_load[f.id], 0))
        if f.id in fam_load
        else f
        for f in problem.families
    )
    schools = tuple(
        dataclasses.replace(s, free_seats=max(s.free_seats - seat_load[s.id], 0))
        if s.id in seat_load
        else s
        for s in problem.schools
    )
    return dataclasses.replace(problem, families=families, schools=schools)


def _child(problem: Problem, child_id: str):
    for c in problem.children:
        if c.id == child_id:
            return c
    raise KeyError(f"unknown child {child_id!r}")


def recommend(problem: Problem, child_id: str, n: int = 10, units: int = 0) -> Recommendation:
    """The ``n`` best-scoring families (each with its nearest school that has a
    seat) that pass every hard rule for this child today, and per rule how
    many families it excludes. Sibling rules are not applied: they depend on
    where the siblings end up.

    ``units``: also the best that many closed units that fit, after the ``n``
    best, those not already among them. The ``closed_unit`` weight keeps units
    below the families (the least restrictive place first), so without this an
    authorised child's unit would never be offered to the officer."""
    problem = _free_now(problem, child_id)
    child = _child(problem, child_id)
    t = Tables.of(problem)
    row = child_row(child, t, problem)
    fit = np.flatnonzero(row.feasible)
    ranked = fit[np.argsort(-row.score[fit], kind="stable")]
    order = list(ranked[:n])
    best_units = ranked[t.families.closed[ranked]][:units]
    order += [f for f in best_units if f not in order]
    cands = []
    for f in order:
        f = int(f)
        s = int(row.school[f])
        net = float(row.network_km[f]) if child.networks else None
        km = float(row.school_km[f]) if s >= 0 else None
        terms = scores.placement_terms(
            bool(row.shares_language[f]),
            net,
            child.safety_km,
            km,
            problem.weights,
            closed=bool(t.families.closed[f]),
            on_site=bool(row.on_site[f]),
        )
        cands.append(
            Candidate(
                family=t.families.families[f].id,
                school=t.schools.schools[s].id if s >= 0 else None,
                score=sum(x.points for x in terms),
                school_km=km,
                network_km=net,
                free_places=int(t.families.places[f]),
                terms=terms,
                closed=bool(t.families.closed[f]),
                on_site=bool(row.on_site[f]),
            )
        )
    excluded = tuple(
        RuleCount(rule, k, text) for rule, k, text in excluded_counts_text(child, row.masks)
    )
    return Recommendation(child_id, tuple(cands), len(fit), excluded)


def excluding_rules(problem: Problem, child_id: str, family_id: str) -> list[RuleViolation]:
    """Every pair rule that keeps this child out of this family, in plain words
    (empty when the pair fits)."""
    problem = _free_now(problem, child_id)
    child = _child(problem, child_id)
    fam = next(f for f in problem.families if f.id == family_id)
    small = dataclasses.replace(
        problem,
        families=(fam,),
        forbidden=tuple(
            x for x in problem.forbidden if x.child == child_id and x.family == family_id
        ),
        pins=(),
    )
    t = Tables.of(small)
    out = [
        RuleViolation(r.name, r.explain(child, 0, t, small))
        for r in PAIR_RULES
        if not r.check(child, t, small)[0]
    ]
    return out
