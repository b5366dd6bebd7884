"""What the map draws for one child of a session (coordinates only)."""

from __future__ import annotations

from dataclasses import dataclass

from placement.services.matching_session.run_state import MatchingRun, child_in
from solver.geo import distance_km
from solver.problem import Point


@dataclass(frozen=True, slots=True)
class SafetyView:
    """What the map draws for one child: network locations, the safety circle
    radius, and the proposed family and school (coordinates only)."""

    network_points: tuple[Point, ...]
    safety_km: float
    family_point: Point | None
    school_point: Point | None
    school_km: float | None


def safety_view(
    run: MatchingRun, child_id: str, family_id: str | None, school_id: str | None
) -> SafetyView:
    child = child_in(run.problem, child_id)
    networks = {n.id: n for n in run.problem.networks}
    points = tuple(
        pt for nid in child.networks if nid in networks for pt in networks[nid].locations
    )
    family = next((f.location for f in run.problem.families if f.id == family_id), None)
    school = next((s.location for s in run.problem.schools if s.id == school_id), None)
    school_km = (
        distance_km(family.lat, family.lon, school.lat, school.lon) if family and school else None
    )
    return SafetyView(points, child.safety_km, family, school, school_km)
