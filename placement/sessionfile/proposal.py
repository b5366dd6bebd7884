"""The ``placement-proposal/1`` file: a solver proposal as JSON and back.

Beyond the spec's table every placement carries ``terms`` (its score broken
down per named rule, ``{"language": {"points": 30.0, "detail": "..."}}``),
every unplaced child ``advice``, the ``objective`` its ``proven_gap`` (score
bound minus score, once the priority is proven), and the proposal names its
``solver``; readers that only know the table can ignore them. The app stores proposals in this
form in the database and reopens them with :func:`proposal_from_json`.

Every sentence also goes in machine form (``{"key", "params"}``, see
:mod:`catalogue.sentences`) so a reopened session can still be shown in the
user's language: ``unplaced[i].explanations`` holds ``reasons`` and ``advice``
in the order of the sentences, a term its ``explanation``, an infeasible
proposal ``conflict_explanations``. The English sentences stay what they
were; a machine form that no longer renders to its sentence (an older or
newer template) is ignored on reading.
"""

from __future__ import annotations

import math
import os
from typing import Any, Final

from catalogue.sentences import Explanation, from_json, to_json
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
    data["unplaced"] = [_unplaced(u) for u in proposal.unplaced]
    if infeasible:
        data["conflicts"] = [str(c) for c in proposal.conflicts]
        if _explained(proposal.conflicts):
            data["conflict_explanations"] = _explained(proposal.conflicts)
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
    if o.proven_gap is not None and math.isfinite(o.proven_gap):
        data["proven_gap"] = o.proven_gap
    return data


def _explained(texts: tuple[str, ...]) -> list[Any]:
    """The machine forms of ``texts`` (null for a plain sentence); empty when none has one."""
    forms = [to_json(t) if isinstance(t, Explanation) else None for t in texts]
    return forms if any(f is not None for f in forms) else []


def _unplaced(u: Unplaced) -> dict[str, Any]:
    data: dict[str, Any] = {
        "child": u.child,
        "reasons": [str(r) for r in u.reasons],
        "advice": [str(a) for a in u.advice],
    }
    if _explained(u.reasons) or _explained(u.advice):
        data["explanations"] = {"reasons": _explained(u.reasons), "advice": _explained(u.advice)}
    return data


def _term(t: ScoreTerm) -> dict[str, Any]:
    data: dict[str, Any] = {"points": t.points, "detail": str(t.detail)}
    if isinstance(t.detail, Explanation):
        data["explanation"] = to_json(t.detail)
    return data


def _placement(p: Placement) -> dict[str, Any]:
    return {
        "child": p.child,
        "family": p.family,
        "school": p.school,
        "score": p.score,
        "school_km": p.school_km,
        "network_km": p.network_km,
        "terms": {t.name: _term(t) for t in p.terms},
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


def _with_forms(texts: tuple[str, ...], forms: Any) -> tuple[str, ...]:
    """``texts`` with each sentence replaced by its machine form where that form
    renders to exactly the sentence."""
    if not isinstance(forms, list) or len(forms) != len(texts):
        return texts
    return tuple(_with_form(t, f) for t, f in zip(texts, forms, strict=True))


def _with_form(text: str, form: Any) -> str:
    try:
        explained = from_json(form) if form is not None else None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return text
    return explained if isinstance(explained, Explanation) and explained == text else text


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
            proven_gap=_get(o, "objective", "proven_gap", (int, float), optional=True),
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
                        detail=_with_form(
                            _get(t, f"{where}.terms.{name}", "detail", str), t.get("explanation")
                        ),
                    )
                    for name, t in terms.items()
                ),
            )
        )
    unplaced = []
    for where, u in _list(data, "", "unplaced"):
        forms = u.get("explanations") if isinstance(u, dict) else None
        forms = forms if isinstance(forms, dict) else {}
        unplaced.append(
            Unplaced(
                child=_get(u, where, "child", str),
                reasons=_with_forms(_strings(u, where, "reasons"), forms.get("reasons")),
                advice=_with_forms(_strings(u, where, "advice"), forms.get("advice")),
            )
        )
    return Proposal(
        status=status,
        objective=objective,
        placements=tuple(placements),
        unplaced=tuple(unplaced),
        conflicts=_with_forms(_strings(data, "", "conflicts"), data.get("conflict_explanations")),
        solve_seconds=_get(data, "", "solve_seconds", (int, float), optional=True) or 0.0,
        solver=_get(data, "", "solver", str, optional=True) or "cp-sat",
    )
