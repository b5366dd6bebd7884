"""The best families for one child, and which rules shut out a given family.

Vectorised over all families (numpy and one k-d tree query per school kind),
so a recommendation at national scale costs tens of milliseconds, not a solve.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import numpy as np

from solver.pairs import child_row
from solver.problem import Problem
from solver.proposal import Candidate, Recommendation, RuleCount, RuleViolation
from solver.rules import PAIR_RULES, excluded_counts_text
from solver.tables import Tables


def _free_now(problem: Problem, child_id: str) -> Problem:
    """The session with the places and seats taken by other children's pins removed."""
    other_pins = [pin for pin in problem.pins if pin.child != child_id]
    if not other_pins:
        return problem
    family_load = Counter(pin.family for pin in other_pins)
    seat_load = Counter(pin.school for pin in other_pins if pin.school is not None)
    families = tuple(
        dataclasses.replace(family, free_places=max(family.free_places - family_load[family.id], 0))
        if family.id in family_load
        else family
        for family in problem.families
    )
    schools = tuple(
        dataclasses.replace(school, free_seats=max(school.free_seats - seat_load[school.id], 0))
        if school.id in seat_load
        else school
        for school in problem.schools
    )
    return dataclasses.replace(problem, families=families, schools=schools)


def _child(problem: Problem, child_id: str):
    for child in problem.children:
        if child.id == child_id:
            return child
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
    tables = Tables.of(problem)
    families = tables.families
    row = child_row(child, tables, problem)
    fitting = np.flatnonzero(row.feasible)
    ranked = fitting[np.argsort(-row.score[fitting], kind="stable")]
    shown = list(ranked[:n])
    best_units = ranked[families.closed[ranked]][:units]
    shown += [unit for unit in best_units if unit not in shown]
    candidates = []
    for family in map(int, shown):
        school = int(row.school[family])
        km = float(row.school_km[family]) if school >= 0 else None
        terms = row.terms(family, km, tables, problem.weights)
        candidates.append(
            Candidate(
                family=families.families[family].id,
                school=tables.schools.schools[school].id if school >= 0 else None,
                score=sum(term.points for term in terms),
                school_km=km,
                network_km=row.network_km_or_none(family),
                free_places=int(families.places[family]),
                terms=terms,
                closed=bool(families.closed[family]),
                on_site=bool(row.on_site[family]),
            )
        )
    excluded = tuple(
        RuleCount(rule, families_excluded, text)
        for rule, families_excluded, text in excluded_counts_text(child, row.masks)
    )
    return Recommendation(child_id, tuple(candidates), len(fitting), excluded)


def excluding_rules(problem: Problem, child_id: str, family_id: str) -> list[RuleViolation]:
    """Every pair rule that keeps this child out of this family, in plain words
    (empty when the pair fits)."""
    problem = _free_now(problem, child_id)
    child = _child(problem, child_id)
    family = next(family for family in problem.families if family.id == family_id)
    small = dataclasses.replace(
        problem,
        families=(family,),
        forbidden=tuple(
            pair
            for pair in problem.forbidden
            if pair.child == child_id and pair.family == family_id
        ),
        pins=(),
    )
    tables = Tables.of(small)
    # the only family of the small session has index 0
    out = [
        RuleViolation(rule.name, rule.explain(child, 0, tables, small))
        for rule in PAIR_RULES
        if not rule.check(child, tables, small)[0]
    ]
    return out
