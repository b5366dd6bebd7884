"""One matching session as plain Python: its question, its answers, and the
pure steps between them.

Nothing here touches the database, so the window can run these off the GUI
thread without holding a transaction across a long solve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import solver
from catalogue import limits
from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.errors import ConflictError, InputError, Problem
from placement.ids import SessionId
from placement.services.matching_session.cards import Cards
from placement.storage.models import SessionStatus
from solver.problem import Child as SolverChild
from solver.problem import Forbidden, Pin
from solver.problem import Problem as MatchingProblem
from solver.proposal import CancelToken, Placement, Progress, Proposal, Recommendation

# ---------------------------------------------------------------- the run


@dataclass(frozen=True, slots=True)
class AcceptedRow:
    child: str
    family: str
    school: str | None


@dataclass(frozen=True, slots=True)
class MatchingRun:
    """One matching session as the officer sees it.

    ``problem`` carries the current pins and forbidden pairs; ``proposal`` is
    the latest answer and ``previous`` the one before it, for :func:`diff`.
    """

    id: SessionId
    on_date: dt.date
    status: SessionStatus
    read_only: bool
    problem: MatchingProblem
    cards: Cards
    proposal: Proposal | None = None
    previous: Proposal | None = None
    solves: int = 0
    accepted: tuple[AcceptedRow, ...] = ()
    solved_with: tuple[tuple[Pin, ...], tuple[Forbidden, ...]] | None = None
    """The pins and forbidden pairs the current proposal was solved with."""
    stored_problem: MatchingProblem | None = field(default=None, compare=False, repr=False)
    """The problem as the session's row holds it (when the run was opened):
    while ``problem`` is this same object, saving need not write it again."""

    @property
    def stale(self) -> bool:
        """Whether pins or prohibitions changed since the proposal was made (re-solve to apply them)."""
        return self.proposal is not None and self.solved_with != (
            self.problem.pins,
            self.problem.forbidden,
        )

    @property
    def pins(self) -> tuple[Pin, ...]:
        return self.problem.pins

    @property
    def forbidden(self) -> tuple[Forbidden, ...]:
        return self.problem.forbidden

    def pin_for(self, child_id: str) -> Pin | None:
        return next((p for p in self.problem.pins if p.child == child_id), None)

    def is_forbidden(self, child_id: str, family_id: str) -> bool:
        return Forbidden(child_id, family_id) in self.problem.forbidden

    def placement_of(self, child_id: str) -> Placement | None:
        if self.proposal is None:
            return None
        return next((p for p in self.proposal.placements if p.child == child_id), None)


# ---------------------------------------------------------------- changing the question


def pin(
    run: MatchingRun, child_id: str, family_id: str, school_id: str | None = None
) -> MatchingRun:
    """Fix ``child_id`` to ``family_id`` (and school) for the next solve.

    A pin that breaks a hard rule is not refused here: the solver then says
    which pins and rules clash, in the officer's words.
    """
    _require_editable(run)
    _check_ids(run, child_id, family_id, school_id)
    pins = tuple(p for p in run.problem.pins if p.child != child_id) + (
        Pin(child_id, family_id, school_id),
    )
    forbidden = tuple(f for f in run.problem.forbidden if f != Forbidden(child_id, family_id))
    return replace(run, problem=replace(run.problem, pins=pins, forbidden=forbidden))


def unpin(run: MatchingRun, child_id: str) -> MatchingRun:
    _require_editable(run)
    return replace(
        run,
        problem=replace(
            run.problem, pins=tuple(p for p in run.problem.pins if p.child != child_id)
        ),
    )


def forbid(run: MatchingRun, child_id: str, family_id: str) -> MatchingRun:
    """Never propose ``family_id`` for ``child_id`` again in this session (drops a pin on that pair)."""
    _require_editable(run)
    _check_ids(run, child_id, family_id, None)
    pair = Forbidden(child_id, family_id)
    pins = tuple(p for p in run.problem.pins if (p.child, p.family) != (child_id, family_id))
    forbidden = tuple(f for f in run.problem.forbidden if f != pair) + (pair,)
    return replace(run, problem=replace(run.problem, pins=pins, forbidden=forbidden))


def unforbid(run: MatchingRun, child_id: str, family_id: str) -> MatchingRun:
    _require_editable(run)
    pair = Forbidden(child_id, family_id)
    return replace(
        run,
        problem=replace(
            run.problem, forbidden=tuple(f for f in run.problem.forbidden if f != pair)
        ),
    )


# ---------------------------------------------------------------- solving


def solve(
    run: MatchingRun,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
    exact: bool = False,
) -> MatchingRun:
    """Solve (or re-solve) in the caller's thread; the previous proposal is kept for :func:`diff`.

    ``on_progress`` is called from this thread with every better plan found;
    ``cancel`` stops the search and keeps the best plan so far; ``exact``
    searches on until the score is proven exactly (otherwise a plan proven
    within the contract's tolerance is optimal).
    """
    _require_editable(run)
    previous = None
    if run.proposal is not None and run.solved_with is not None:
        # the session as it was solved: the solver reuses that plan and its
        # bounds when only pins or forbidden pairs were added since
        pins, forbidden = run.solved_with
        before = replace(run.problem, pins=pins, forbidden=forbidden)
        previous = solver.Previous(before, run.proposal)
    proposal = solver.solve(
        run.problem,
        time_limit_s=run.problem.settings.time_limit_s,
        on_progress=on_progress,
        cancel=cancel,
        exact=exact,
        previous=previous,
    )
    return replace(
        run,
        proposal=proposal,
        previous=run.proposal,
        solves=run.solves + 1,
        solved_with=(run.problem.pins, run.problem.forbidden),
    )


def alternatives(run: MatchingRun, child_id: str, n: int = 10) -> Recommendation:
    """The best families for one child with their score breakdown, and how many
    families each rule excluded (the solver's recommendation). For a child
    authorised for closed care the best fitting units follow, so the officer
    can pin the child to one."""
    _check_ids(run, child_id, None, None)
    advice = solver.recommend(run.problem, child_id, n=n, units=limits.UNITS_IN_ALTERNATIVES)
    placed = run.placement_of(child_id)
    if placed is None:
        return advice
    # the proposal's own family shows the school and score the proposal gives
    # (the recommendation takes the nearest free seat, which another child of
    # the plan may hold), so the list never contradicts the proposal
    candidates = tuple(
        replace(
            candidate,
            school=placed.school,
            score=placed.score,
            school_km=placed.school_km,
            terms=placed.terms,
        )
        if candidate.family == placed.family
        else candidate
        for candidate in advice.candidates
    )
    return replace(advice, candidates=candidates)


def _require_editable(run: MatchingRun) -> None:
    if run.read_only or run.status != SessionStatus.OPEN:
        raise conflict(Key.SESSION_CLOSED, session=run.id)


def child_in(problem: MatchingProblem, child_id: str) -> SolverChild:
    for c in problem.children:
        if c.id == child_id:
            return c
    raise InputError(
        [Problem.of("child", Complaint("session.child_not_in", {"child_id": str(child_id)}))]
    )


def _check_ids(
    run: MatchingRun, child_id: str, family_id: str | None, school_id: str | None
) -> None:
    problems = []
    if child_id not in {c.id for c in run.problem.children}:
        problems.append(
            Problem.of("child", Complaint("session.child_not_in", {"child_id": str(child_id)}))
        )
    if family_id is not None and family_id not in {f.id for f in run.problem.families}:
        problems.append(
            Problem.of(
                "family", Complaint("session.family_not_available", {"family_id": str(family_id)})
            )
        )
    if school_id is not None and school_id not in {s.id for s in run.problem.schools}:
        problems.append(
            Problem.of(
                "school", Complaint("session.school_not_available", {"school_id": str(school_id)})
            )
        )
    if problems:
        raise InputError(problems)


def conflict(key: Key, **params: object) -> ConflictError:
    """Why a session cannot go on (a ``session.*`` sentence of the catalogue)."""
    return ConflictError(Explanation(key, **params))
