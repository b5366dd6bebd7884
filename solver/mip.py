"""A MIP view of the CP-SAT model, solved by HiGHS, to start CP-SAT close to the optimum.

The placement model is a transportation problem with a few side rows
(siblings, seats). CP-SAT proves such models slowly: it branches through
tens of thousands of nodes even when the LP is nearly integral. HiGHS's
branch-and-cut (highspy) solves the same rows in a fraction of
the time. We translate the CP-SAT proto (only the constraint kinds the
placement model uses) into matrix form, let HiGHS solve it, and hand the
solution to CP-SAT as a complete hint; HiGHS's optimality proof (absolute
gap below one model unit; the objective is integral) is accepted as the
proof of optimality. The CP-SAT model stays the single source of truth:
the same rows, the same objective, the same assumption literals.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import highspy
import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model
from scipy.sparse import csr_matrix

from solver.proposal import CancelToken

INF = float("inf")


@contextmanager
def quiet_stdout() -> Iterator[None]:
    """HiGHS prints some diagnostics straight to file descriptor 1 even with
    output switched off; a proposal written to stdout must not be corrupted
    by them, so fd 1 points at the null device while HiGHS runs."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


@dataclass(slots=True)
class MipResult:
    values: NDArray[np.int64] | None  # one value per CP-SAT variable
    optimal: bool
    infeasible: bool = False
    #: HiGHS's proven bound on this model's objective (maximised, model units)
    bound: float | None = None
    #: stopped because ``enough`` accepted the plan
    close: bool = False


class _Rows:
    """The constraint rows built so far, as sparse triplets and bounds."""

    def __init__(self) -> None:
        self.row: list[int] = []
        self.column: list[int] = []
        self.value: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def add(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        row = len(self.lower)
        for variable, coefficient in terms:
            self.row.append(row)
            self.column.append(variable)
            self.value.append(coefficient)
        self.lower.append(lower)
        self.upper.append(upper)


class _Term(NamedTuple):
    """A literal as the 0/1 expression ``coefficient * variable + constant``."""

    variable: int
    coefficient: float
    constant: float


def _term(literal: int) -> _Term:
    """A CP-SAT literal (negative: the negation of variable ``-literal - 1``) as a term."""
    return _Term(literal, 1.0, 0.0) if literal >= 0 else _Term(-literal - 1, -1.0, 1.0)


@dataclass(slots=True)
class Matrix:
    """The model as ``min c·x`` subject to ``lo <= A x <= hi`` and ``xlo <= x <= xhi``."""

    a: csr_matrix
    lo: NDArray[np.float64]
    hi: NDArray[np.float64]
    c: NDArray[np.float64]
    xlo: NDArray[np.float64]
    xhi: NDArray[np.float64]


def to_matrix(model: cp_model.CpModel) -> Matrix:
    """Translate the proto; CP-SAT stores a maximisation as ``min -objective``."""
    proto = model.proto
    n_variables = len(proto.variables)
    lower = np.array([variable.domain[0] for variable in proto.variables], dtype=np.float64)
    upper = np.array(
        [variable.domain[len(variable.domain) - 1] for variable in proto.variables],
        dtype=np.float64,
    )
    for assumption in proto.assumptions:
        term = _term(assumption)
        if term.coefficient > 0:
            lower[term.variable] = 1.0
        else:
            upper[term.variable] = 0.0
    rows = _Rows()
    for constraint in proto.constraints:
        enforcement = list(constraint.enforcement_literal)
        if constraint.has_bool_or() and not enforcement:
            terms, constant = [], 0.0
            for literal in constraint.bool_or.literals:
                term = _term(literal)
                terms.append((term.variable, term.coefficient))
                constant += term.constant
            rows.add(terms, 1.0 - constant, INF)
        elif constraint.has_bool_and() and len(enforcement) == 1:
            # enforced -> literal, i.e. literal - enforced >= 0
            enforced = _term(enforcement[0])
            for literal in constraint.bool_and.literals:
                term = _term(literal)
                rows.add(
                    [(term.variable, term.coefficient), (enforced.variable, -enforced.coefficient)],
                    enforced.constant - term.constant,
                    INF,
                )
        elif constraint.has_linear() and not enforcement:
            domain = list(constraint.linear.domain)
            if len(domain) != 2:
                raise NotImplementedError("linear constraint with a split domain")
            low = -INF if domain[0] <= -(2**62) else float(domain[0])
            high = INF if domain[1] >= 2**62 else float(domain[1])
            linear = constraint.linear
            rows.add(list(zip(linear.vars, map(float, linear.coeffs), strict=True)), low, high)
        else:
            raise NotImplementedError("a constraint kind the placement model does not use")
    cost = np.zeros(n_variables)
    for variable, coefficient in zip(proto.objective.vars, proto.objective.coeffs, strict=True):
        cost[variable] += coefficient
    a = csr_matrix((rows.value, (rows.row, rows.column)), shape=(len(rows.lower), n_variables))
    return Matrix(a, np.array(rows.lower), np.array(rows.upper), cost, lower, upper)


def _substitution(
    matrix: Matrix, sums: list[tuple[int, list[int]]]
) -> tuple[csr_matrix, NDArray[np.int64]]:
    """The matrix ``T`` with ``x = T x'``, where ``x'`` (the variables
    ``kept``) leaves out every variable defined as the sum of others (a
    placed-here literal and its school options): their rows and columns
    only make HiGHS's LP larger."""
    n_variables = len(matrix.c)
    gone = np.zeros(n_variables, dtype=bool)
    defined: list[int] = []
    parts_of: list[int] = []
    for variable, parts in sums:
        if matrix.xlo[variable] == 0 and matrix.xhi[variable] == 1:
            gone[variable] = True
            defined += [variable] * len(parts)
            parts_of += parts
    kept = np.flatnonzero(~gone)
    rows = np.concatenate([kept, np.array(defined, dtype=np.int64)])
    cols = np.concatenate([kept, np.array(parts_of, dtype=np.int64)])
    shape = (n_variables, n_variables)
    substitution = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)[:, kept]
    return substitution, kept


#: ``enough(value, bound, placements)``: may HiGHS stop at a plan worth
#: ``value`` (maximised objective, model units) with ``placements``
#: children, when this model's proven bound is ``bound``?
Enough = Callable[[float, float, int], bool]


@dataclass(slots=True)
class _Watch:
    """What HiGHS's callbacks need: when to stop, and how many children the
    best plan so far places (its ``placed`` columns among HiGHS's)."""

    cancel: CancelToken | None
    enough: Enough | None
    placed: NDArray[np.int64]
    placements: int = -1
    stopped_close: bool = False

    def improving(self, event: highspy.cb.HighsCallbackEvent) -> None:
        solution = np.asarray(event.data_out.mip_solution)
        self.placements = int(np.rint(solution[self.placed]).sum()) if len(self.placed) else 0

    def interrupt(self, event: highspy.cb.HighsCallbackEvent) -> None:
        if self.cancel is not None and self.cancel.cancelled:
            event.interrupt()
            return
        out = event.data_out
        if self.enough is None or self.placements < 0 or not np.isfinite(out.mip_primal_bound):
            return
        # HiGHS minimises -objective
        if self.enough(-out.mip_primal_bound, -out.mip_dual_bound, self.placements):
            self.stopped_close = True
            event.interrupt()


def solve_with_highs(
    matrix: Matrix,
    seconds: float,
    start: tuple[NDArray[np.int32], NDArray[np.float64]] | None = None,
    sums: list[tuple[int, list[int]]] = (),
    *,
    placed: list[int] = (),
    cancel: CancelToken | None = None,
    enough: Enough | None = None,
) -> MipResult:
    """Solve the model with HiGHS branch-and-cut, from the plan ``start``
    (values of the variables) when one is known: HiGHS then only has to
    prove it, or beat it. Variables that are sums of others (``sums``: a
    variable and its parts) are substituted out, and restored in the result.

    HiGHS's MIP callback stops the run on ``cancel`` and as soon as
    ``enough`` accepts the best plan so far (``placed``: the variables
    counting placed children). The result then keeps HiGHS's proven bound
    of this model, and ``optimal`` is false."""
    substitution, kept = _substitution(matrix, list(sums))
    a = (matrix.a @ substitution).tocsr()
    a.eliminate_zeros()
    live = a.getnnz(axis=1) > 0  # a definition row reads 0 = 0 now
    a, lower, upper = a[live], matrix.lo[live], matrix.hi[live]
    cost = substitution.T @ matrix.c
    n_kept = len(kept)
    column_of = np.full(len(matrix.c), -1, dtype=np.int64)
    column_of[kept] = np.arange(n_kept)
    with quiet_stdout():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", max(seconds, 0.05))
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("presolve", "off")
    highs.addVars(n_kept, matrix.xlo[kept], matrix.xhi[kept])
    every = np.arange(n_kept, dtype=np.int32)
    highs.changeColsCost(n_kept, every, cost)
    highs.changeColsIntegrality(n_kept, every, np.full(n_kept, highspy.HighsVarType.kInteger))
    if len(lower):
        starts = a.indptr[:-1].astype(np.int32)
        indices = a.indices.astype(np.int32)
        highs.addRows(len(lower), lower, upper, a.nnz, starts, indices, a.data)
    if start is not None:
        start_columns, start_values = column_of[start[0]], start[1]
        known = start_columns >= 0
        highs.setSolution(
            int(known.sum()), start_columns[known].astype(np.int32), start_values[known]
        )
    placed_columns = column_of[np.asarray(placed, dtype=np.int64)] if len(placed) else column_of[:0]
    watch = _Watch(cancel, enough, placed_columns[placed_columns >= 0])
    if cancel is not None or enough is not None:
        highs.cbMipImprovingSolution.subscribe(watch.improving)
        highs.cbMipInterrupt.subscribe(watch.interrupt)
    with quiet_stdout():
        highs.run()
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return MipResult(None, False, infeasible=True)
    info = highs.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return MipResult(None, False)
    values = substitution @ np.rint(highs.getSolution().col_value)
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = -float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    return MipResult(
        np.rint(values).astype(np.int64), optimal, bound=bound, close=watch.stopped_close
    )


def hint(
    model: cp_model.CpModel, variables: NDArray[np.int64], values: NDArray[np.float64]
) -> None:
    """A solution hint, written straight into the proto (fast)."""
    model.clear_hints()
    model.proto.solution_hint.vars.extend(int(variable) for variable in variables)
    model.proto.solution_hint.values.extend(int(value) for value in values)
