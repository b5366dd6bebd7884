"""The solver's answer: a proposal with its explanations.

Mirrors ``placement-proposal/1``; the placement package turns it into JSON.
Every sentence the solver writes here (unplaced ``reasons`` and ``advice``,
``conflicts``, a term's ``detail``, the ``text`` of a rule count or
violation) is a :class:`catalogue.sentences.Explanation`: the English sentence
itself, carrying the ``key`` and ``params`` it was rendered from, so a user
interface can say it in another language.
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
    """The plan's two objectives and what is proven about them.

    ``proven_gap`` is ``score_bound - score`` once the priority is proven: no
    plan scores more than that above this one (in the model's hundredths of a
    point, see :mod:`solver.tolerance`)."""

    priority: int
    score: float
    priority_bound: int | None = None
    score_bound: float | None = None
    proven_gap: float | None = None


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


@dataclass(frozen=True, slots=True)
class RuleViolation:
    """A hard rule that excludes a child–family pair, in plain words.

    ``rule`` is the name of the hard-constraint function in :mod:`solver.rules`
    (``age``, ``gender``, ``training``, ``safety``, ``school``, ``forbidden``,
    ``capacity``); ``text`` is the sentence an officer reads."""

    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class RuleCount:
    """How many families one hard rule excluded for a child."""

    rule: str
    families: int
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """One family (with its best school) recommended for a child."""

    family: str
    school: str | None
    score: float
    school_km: float | None
    network_km: float | None
    free_places: int
    terms: tuple[ScoreTerm, ...] = ()
    #: a closed youth-care unit (hard rule 10), not a foster family
    closed: bool = False
    #: the child would go to the school the unit teaches on site (``school`` is None)
    on_site: bool = False


@dataclass(frozen=True, slots=True)
class Recommendation:
    """The best families for one child given today's free places and seats.

    ``fitting`` counts every family that passes all hard rules; ``excluded``
    says, per rule, how many families that rule alone shuts out (a family can
    be shut out by more than one rule, so the counts may add up to more than
    the families that do not fit)."""

    child: str
    candidates: tuple[Candidate, ...]
    fitting: int
    excluded: tuple[RuleCount, ...] = ()
