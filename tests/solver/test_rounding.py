"""The LP rounding (:mod:`solver.rounding`) never makes a plan that breaks a rule.

It takes columns "whole" and checks places, seats and siblings' distance
itself, so it is fed the worst input it could get: every triple of the
relaxation as a column the LP uses whole, on random sessions with sibling
groups, closed units, schools on site, pins and forbidden pairs. The plan
it makes must pass the independent check of :mod:`solver.verify`.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import Status, assemble, check_proposal, columns, model, pins
from solver.pairs import child_rows
from solver.rounding import LpColumn, rounded_plan
from solver.tables import Tables
from tests.solver.test_brute_force import random_session


def _every_triple_whole(relaxation: columns.Relaxation) -> list[LpColumn]:
    """Each child in each fitting family at each school in reach, as a
    column of one child the LP uses whole (they clash on every count)."""
    return [
        LpColumn(1.0, entry.family, (entry.child,), (option.school,))
        for entry in relaxation.every()
        for option in entry.options
    ]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(st.integers(min_value=0, max_value=10**6))
def test_rounding_keeps_every_rule_whatever_the_lp_says(seed):
    problem = random_session(seed)
    tables = Tables.of(problem)
    rows = child_rows(problem, tables)
    if pins.pin_conflicts(problem, tables, rows):
        return  # the solver answers infeasible before it builds a relaxation
    candidates = model.candidate_families(rows, tables, problem)
    scale = model.scale_for(problem, tables, rows, candidates)
    relaxation = columns.Relaxation.of(problem, tables, rows, candidates, scale)
    priced = relaxation.price(time.monotonic() + 30)
    lp_columns = _every_triple_whole(relaxation)
    if priced is not None:
        lp_columns += priced.lp_columns
    plan = rounded_plan(problem, tables, rows, lp_columns)
    if plan is None:
        return  # the pins cannot be honoured by a greedy: the solver goes on without it
    proposal = assemble.proposal(problem, tables, rows, plan, Status.FEASIBLE, 0.0, "cp-sat")
    assert check_proposal(problem, proposal) == []


def test_a_whole_lp_plan_is_taken_as_it_is():
    """An LP that uses one column per child whole is the plan."""
    problem = random_session(7)
    tables = Tables.of(problem)
    rows = child_rows(problem, tables)
    candidates = model.candidate_families(rows, tables, problem)
    scale = model.scale_for(problem, tables, rows, candidates)
    relaxation = columns.Relaxation.of(problem, tables, rows, candidates, scale)
    priced = relaxation.price(time.monotonic() + 30)
    assert priced is not None
    whole = [column for column in priced.lp_columns if column.share > 0.999]
    plan = rounded_plan(problem, tables, rows, whole)
    assert plan is not None
    for column in whole:
        for child, school in zip(column.children, column.schools, strict=True):
            if not any(pin.child == problem.children[child].id for pin in problem.pins):
                assert (plan[child].family, plan[child].school) == (column.family, school)
