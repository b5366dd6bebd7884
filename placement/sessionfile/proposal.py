"""The ``placement-proposal/1`` file: a solver proposal as JSON and back.

Beyond the spec's table every placement carries ``terms`` (its score broken
down per named rule, ``{"language": {"points": 30.0, "detail": "..."}}``),
every unplaced child ``advice``, and the proposal names its ``solver``; readers
that only know the table can ignore them. The app stores proposals in this
form in the database and reopens them with :func:`proposal_from_json`.
"""

from __future__ import annotations

import math
import os
from typing import Any, Final

from placement.errors import InputError, Problem
from placement.files import write_text_atomic
from placement.sessionfile.jsonio import dumps, read_json
from solver.proposal import Objective, Placement, Proposal, ScoreTerm, Status, Unplaced

PROPOSAL_FORMAT: Final = "placement-proposal/1"


def proposal_to_json(proposal: Proposal) -> dict[str, Any]:
    """An infeasible proposal has no ``objective`` and no placements (the spec
    says so whatever the solver returned); only it has ``conflicts``."""
    infeasible = proposal.status is Status.INFEASIBLE
    data: dict[str, Any] = {"format": PROPOSAL_FORMAT, "status": proposal.status.value}
    if proposal.objective is not None and not infeasible:
        data["objective"] = _objective(proposal.objective)
    data["placements"] = [] if infeasible else [_placement(p) for p in proposal.placements]
    data["unplaced"] = [
        {"child": u.child, "reasons": list(u.reasons), "advice": list(u.advice)} for u in proposal.unplaced
    ]
    if infeasible:
        data["conflicts"] = list(proposal.conflicts)
    data["solve_seconds"] = proposal.solve_seconds
    data["solver"] = proposal.solver
    return data


def write_proposal(proposal: Proposal, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, dumps(proposal_to_json(proposal)))


def read_proposal(path: str | os.PathLike[str]) -> Proposal:
    return proposal_from_json(read_json(path), source=os.fspath(path))


def _objective(o: Objective) -> dict[str, Any]:
    data: dict[str, Any] = {"priority": o.priority, "score": o.score}
    if o.priority_bound is not None:
        data["priority_bound"] = o.priority_bound
    if o.score_bound is not None and math.isfinite(o.score_bound):
        data["score_bound"] = o.score_bound
    return data


def _placement(p: Placement) -> dict[str, Any]:
    return {
        "child": p.child,
        "family": p.family,
        "school": p.school,
        "score": p.score,
        "school_km": p.school_km,
        "network_km": p.network_km,
        "terms": {t.name: {"points": t.points, "detail": t.detail} for t in p.terms},
    }


class _Malformed(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def proposal_from_json(data: Any, source: str | None = None) -> Proposal:
    """Rebuild a proposal written by :func:`proposal_to_json`; a file that is
    not one is an :class:`InputError` naming the first wrong JSON path."""
    try:
        return _proposal(data)
    except _Malformed as exc:
        raise InputError([Problem(exc.where, str(exc))], source=source) from None


def _check(value: Any, where: str, kind: type | tuple[type, ...]) -> Any:
    if value is None:
        raise _Malformed(where, "required value is missing")
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Malformed(where, "has the wrong type")
    return value


def _get(obj: Any, where: str, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise _Malformed(where, "must be an object")
    value = obj.get(key)
    if value is None and optional:
        return None
    return _check(value, f"{where}.{key}" if where else key, kind)


def _list(obj: Any, where: str, key: str) -> list[tuple[str, Any]]:
    path = f"{where}.{key}" if where else key
    items = _get(obj, where, key, list, optional=True) or []
    return [(f"{path}[{i}]", item) for i, item in enumerate(items)]


def _strings(obj: Any, where: str, key: str) -> tuple[str, ...]:
    return tuple(_check(item, w, str) for w, item in _list(obj, where, key))


def _proposal(data: Any) -> Proposal:
    if _get(data, "", "format", str) != PROPOSAL_FORMAT:
        raise _Malformed("format", f'must be "{PROPOSAL_FORMAT}"')
    try:
        status = Status(_get(data, "", "status", str))
    except ValueError:
        raise _Malformed("status", "must be optimal, feasible, infeasible or unknown") from None
    objective = None
    o = _get(data, "", "objective", dict, optional=True)
    if o is not None:
        objective = Objective(
            priority=_get(o, "objective", "priority", int),
            score=_get(o, "objective", "score", (int, float)),
            priority_bound=_get(o, "objective", "priority_bound", int, optional=True),
            score_bound=_get(o, "objective", "score_bound", (int, float), optional=True),
        )
    placements = []
    for where, p in _list(data, "", "placements"):
        terms = _get(p, where, "terms", dict, optional=True) or {}
        placements.append(
            Placement(
                child=_get(p, where, "child", str),
                family=_get(p, where, "family", str),
                school=_get(p, where, "school", str, optional=True),
                score=_get(p, where, "score", (int, float)),
                school_km=_get(p, where, "school_km", (int, float), optional=True),
                network_km=_get(p, where, "network_km", (int, float), optional=True),
                terms=tuple(
                    ScoreTerm(
                        name=name,
                        points=_get(t, f"{where}.terms.{name}", "points", (int, float)),
                        detail=_get(t, f"{where}.terms.{name}", "detail", str),
                    )
                    for name, t in terms.items()
                ),
            )
        )
    unplaced = [
        Unplaced(
            child=_get(u, where, "child", str),
            reasons=_strings(u, where, "reasons"),
            advice=_strings(u, where, "advice"),
        )
        for where, u in _list(data, "", "unplaced")
    ]
    return Proposal(
        status=status,
        objective=objective,
        placements=tuple(placements),
        unplaced=tuple(unplaced),
        conflicts=_strings(data, "", "conflicts"),
        solve_seconds=_get(data, "", "solve_seconds", (int, float), optional=True) or 0.0,
        solver=_get(data, "", "solver", str, optional=True) or "cp-sat",
    )
