"""The solver's answer: a proposal with its explanations.

Mirrors ``placement-proposal/1``; the placement package turns it into JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ScoreTerm:
    """One named score term's contribution to a placement (e.g. ``language``: +30)."""

    name: str
    points: float
    detail: str


@dataclass(frozen=True, slots=True)
class Placement:
    child: str
    family: str
    school: str | None
    score: float
    school_km: float | None
    network_km: float | None
    terms: tuple[ScoreTerm, ...] = ()


@dataclass(frozen=True, slots=True)
class Unplaced:
    child: str
    reasons: tuple[str, ...]
    advice: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Objective:
    priority: int
    score: float
    priority_bound: int | None = None
    score_bound: float | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    status: Status
    objective: Objective | None
    placements: tuple[Placement, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    conflicts: tuple[str, ...] = ()
    solve_seconds: float = 0.0
    solver: str = "cp-sat"


@dataclass(frozen=True, slots=True)
class Progress:
    """An improving solution reported while the search goes on."""

    objective: Objective
    elapsed_s: float
    placed: int = 0


@dataclass(slots=True)
class CancelToken:
    """Set ``cancelled`` from any thread; the solver stops at its next check and
    returns the best proposal found so far."""

    cancelled: bool = field(default=False)

    def cancel(self) -> None:
        self.cancelled = True
