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
    def __init__(self) -> None:
        self.r: list[int] = []
        self.c: list[int] = []
        self.v: list[float] = []
        self.lo: list[float] = []
        self.hi: list[float] = []

    def add(self, terms: list[tuple[int, float]], lo: float, hi: float) -> None:
        k = len(self.lo)
        for var, coef in terms:
            self.r.append(k)
            self.c.append(var)
            self.v.append(coef)
        self.lo.append(lo)
        self.hi.append(hi)


def _lit(lit: int) -> tuple[int, float, float]:
    """(variable, coefficient, constant) of a literal as a 0/1 expression."""
    return (lit, 1.0, 0.0) if lit >= 0 else (-lit - 1, -1.0, 1.0)


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
    n = len(proto.variables)
    lo = np.array([v.domain[0] for v in proto.variables], dtype=np.float64)
    hi = np.array([v.domain[len(v.domain) - 1] for v in proto.variables], dtype=np.float64)
    for a in proto.assumptions:
        var, coef, _ = _lit(a)
        if coef > 0:
            lo[var] = 1.0
        else:
            hi[var] = 0.0
    rows = _Rows()
    for ct in proto.constraints:
        enf = list(ct.enforcement_literal)
        if ct.has_bool_or() and not enf:
            terms, const = [], 0.0
            for lit in ct.bool_or.literals:
                var, coef, c0 = _lit(lit)
                terms.append((var, coef))
                const += c0
            rows.add(terms, 1.0 - const, INF)
        elif ct.has_bool_and() and len(enf) == 1:
            ev, ec, e0 = _lit(enf[0])
            for lit in ct.bool_and.literals:
                var, coef, c0 = _lit(lit)
                rows.add([(var, coef), (ev, -ec)], e0 - c0, INF)
        elif ct.has_linear() and not enf:
            dom = list(ct.linear.domain)
            if len(dom) != 2:
                raise NotImplementedError("linear constraint with a split domain")
            low = -INF if dom[0] <= -(2**62) else float(dom[0])
            high = INF if dom[1] >= 2**62 else float(dom[1])
            rows.add(
                list(zip(ct.linear.vars, map(float, ct.linear.coeffs), strict=True)), low, high
            )
        else:
            raise NotImplementedError("a constraint kind the placement model does not use")
    c = np.zeros(n)
    for var, coef in zip(proto.objective.vars, proto.objective.coeffs, strict=True):
        c[var] += coef
    a = csr_matrix((rows.v, (rows.r, rows.c)), shape=(len(rows.lo), n))
    return Matrix(a, np.array(rows.lo), np.array(rows.hi), c, lo, hi)


def _substitution(
    mx: Matrix, sums: list[tuple[int, list[int]]]
) -> tuple[csr_matrix, NDArray[np.int64]]:
    """The matrix ``T`` with ``x = T x'``, where ``x'`` (the variables
    ``kept``) leaves out every variable defined as the sum of others (a
    placed-here literal and its school options): their rows and columns
    only make HiGHS's LP larger."""
    n = len(mx.c)
    gone = np.zeros(n, dtype=bool)
    r: list[int] = []
    c: list[int] = []
    for x, parts in sums:
        if mx.xlo[x] == 0 and mx.xhi[x] == 1:
            gone[x] = True
            r += [x] * len(parts)
            c += parts
    kept = np.flatnonzero(~gone)
    rows = np.concatenate([kept, np.array(r, dtype=np.int64)])
    cols = np.concatenate([kept, np.array(c, dtype=np.int64)])
    t = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))[:, kept]
    return t, kept


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
    mx: Matrix,
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
    t, kept = _substitution(mx, list(sums))
    a = (mx.a @ t).tocsr()
    a.eliminate_zeros()
    live = a.getnnz(axis=1) > 0  # a definition row reads 0 = 0 now
    a, lo, hi, c = a[live], mx.lo[live], mx.hi[live], t.T @ mx.c
    n = len(kept)
    where = np.full(len(mx.c), -1, dtype=np.int64)
    where[kept] = np.arange(n)
    with quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(seconds, 0.05))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("presolve", "off")
    h.addVars(n, mx.xlo[kept], mx.xhi[kept])
    every = np.arange(n, dtype=np.int32)
    h.changeColsCost(n, every, c)
    h.changeColsIntegrality(n, every, np.full(n, highspy.HighsVarType.kInteger))
    if len(lo):
        starts = a.indptr[:-1].astype(np.int32)
        h.addRows(len(lo), lo, hi, a.nnz, starts, a.indices.astype(np.int32), a.data)
    if start is not None:
        var, val = where[start[0]], start[1]
        ok = var >= 0
        h.setSolution(int(ok.sum()), var[ok].astype(np.int32), val[ok])
    placed_cols = where[np.asarray(placed, dtype=np.int64)] if len(placed) else where[:0]
    watch = _Watch(cancel, enough, placed_cols[placed_cols >= 0])
    if cancel is not None or enough is not None:
        h.cbMipImprovingSolution.subscribe(watch.improving)
        h.cbMipInterrupt.subscribe(watch.interrupt)
    with quiet_stdout():
        h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return MipResult(None, False, infeasible=True)
    info = h.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return MipResult(None, False)
    values = t @ np.rint(h.getSolution().col_value)
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = -float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    return MipResult(
        np.rint(values).astype(np.int64), optimal, bound=bound, close=watch.stopped_close
    )


def hint(model: cp_model.CpModel, var: NDArray[np.int64], values: NDArray[np.float64]) -> None:
    """A solution hint, written straight into the proto (fast)."""
    model.clear_hints()
    model.proto.solution_hint.vars.extend(int(v) for v in var)
    model.proto.solution_hint.values.extend(int(v) for v in values)
