"""Writing a :class:`solver.problem.Problem` as a canonical ``placement-session/1`` file.

Canonical means: locations as ``lat``/``lon``, every default written out
(a child's resolved ``safety_km`` and ``max_school_km`` included), sets sorted,
so that reading the file back gives an equal problem and two exports of the
same data are byte-identical.

The closed-unit keys of the 2026-12-07 amendment (a home's ``kind`` and
``school_on_site``, a child's ``closed_care``, the ``closed_unit`` weight) are
the exception: they are written only where they differ from their default
(the weight: once the session has a closed unit, or when it was changed), so
a session without closed units is the same file it was before the amendment.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from typing import Any

from placement.files import write_text_atomic
from placement.sessionfile.jsonio import dumps
from placement.sessionfile.reader import SESSION_FORMAT, parse_session
from solver.problem import (
    FAMILY,
    Child,
    Family,
    Network,
    Point,
    Problem,
    School,
    SiblingGroup,
    Weights,
)


def session_to_json(problem: Problem) -> dict[str, Any]:
    """The session as a JSON-ready dict (also what the app stores in the database)."""
    data: dict[str, Any] = {
        "format": SESSION_FORMAT,
        "settings": asdict(problem.settings),
        "weights": _weights(problem),
        "families": [_family(f) for f in problem.families],
        "schools": [_school(s) for s in problem.schools],
        "networks": [_network(n) for n in problem.networks],
        "children": [_child(c) for c in problem.children],
        "sibling_groups": [_group(g) for g in problem.sibling_groups],
        "pins": [{"child": p.child, "family": p.family, "school": p.school} for p in problem.pins],
        "forbidden": [{"child": f.child, "family": f.family} for f in problem.forbidden],
    }
    return data


def session_text(problem: Problem, source: str | None = None) -> str:
    """The file's text, checked against the reader first: a problem the reader
    would reject (an age of 25) raises :class:`InputError` instead."""
    data = session_to_json(problem)
    parse_session(data, source=source)
    return dumps(data)


def write_session(problem: Problem, path: str | os.PathLike[str]) -> None:
    """Write atomically; nothing is written when the problem is invalid."""
    write_text_atomic(path, session_text(problem, source=os.fspath(path)))


def _labelled(label: str | None, fields: dict[str, Any]) -> dict[str, Any]:
    return fields if label is None else {"id": fields["id"], "label": label, **fields}


def _point(point: Point) -> dict[str, float]:
    return {"lat": point.lat, "lon": point.lon}


def _weights(problem: Problem) -> dict[str, float]:
    weights = asdict(problem.weights)
    uses_units = any(f.closed for f in problem.families)
    if not uses_units and problem.weights.closed_unit == Weights().closed_unit:
        del weights["closed_unit"]
    return weights


def _family(f: Family) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": f.id,
        **_point(f.location),
        "free_places": f.free_places,
        "age_min": f.age_min,
        "age_max": f.age_max,
        "genders": sorted(f.genders),
        "training": sorted(f.training),
        "languages": sorted(f.languages),
    }
    if f.kind != FAMILY:
        fields["kind"] = f.kind
    if f.school_on_site:
        fields["school_on_site"] = sorted(f.school_on_site)
    return _labelled(f.label, fields)


def _school(s: School) -> dict[str, Any]:
    return _labelled(
        s.label, {"id": s.id, **_point(s.location), "kinds": sorted(s.kinds), "free_seats": s.free_seats}
    )


def _network(n: Network) -> dict[str, Any]:
    return _labelled(n.label, {"id": n.id, "locations": [_point(p) for p in n.locations]})


def _child(c: Child) -> dict[str, Any]:
    return _labelled(
        c.label,
        {
            "id": c.id,
            "age": c.age,
            "gender": c.gender,
            "priority": c.priority,
            "training_needed": sorted(c.training_needed),
            "languages": sorted(c.languages),
            "school_kind": c.school_kind,
            "max_school_km": c.max_school_km,
            "networks": list(c.networks),
            "safety_km": c.safety_km,
            "sibling_group": c.sibling_group,
        }
        | ({"closed_care": True} if c.closed_care else {}),
    )


def _group(g: SiblingGroup) -> dict[str, Any]:
    return _labelled(g.label, {"id": g.id, "keep_together": g.keep_together, "max_apart_km": g.max_apart_km})
