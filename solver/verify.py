"""An independent check of a proposal against the session contract.

Written from the contract text with plain loops, deliberately sharing no code
with the solver's rules or model: a bug there should show up here. Used by
the tests (every proposal the solver returns must pass) and useful to anyone
who reads a proposal from disk.
"""

from __future__ import annotations

from collections import Counter

from catalogue import limits
from solver.geo import distance_km
from solver.problem import Point, Problem
from solver.proposal import Proposal, Status

TOLERANCE = 1e-6


def _km(a: Point, b: Point) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def check_proposal(problem: Problem, proposal: Proposal) -> list[str]:
    """Every hard rule the proposal breaks and every number that does not add
    up, as sentences; empty when the proposal is sound."""
    out: list[str] = []
    fams = {f.id: f for f in problem.families}
    kids = {c.id: c for c in problem.children}
    schools = {s.id: s for s in problem.schools}
    nets = {n.id: n for n in problem.networks}
    groups = {g.id: g for g in problem.sibling_groups}
    w = problem.weights
    if proposal.status is Status.INFEASIBLE:
        if proposal.placements:
            out.append("an infeasible proposal has placements")
        if not proposal.conflicts:
            out.append("an infeasible proposal names no conflicts")
        return out
    where: dict[str, str] = {}
    seats: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for p in proposal.placements:
        c, f = kids.get(p.child), fams.get(p.family)
        if c is None or f is None:
            out.append(f"{p.child} → {p.family}: unknown child or family")
            continue
        if p.child in where:
            out.append(f"{p.child} is placed twice")
        where[p.child] = p.family
        places[p.family] += 1
        tag = f"{p.child} → {p.family}"
        if not f.age_min <= c.age <= f.age_max:
            out.append(f"{tag}: age")
        if c.gender not in f.genders:
            out.append(f"{tag}: gender")
        if not c.training_needed <= f.training:
            out.append(f"{tag}: training")
        if f.kind == "closed-unit" and not c.closed_care:
            out.append(f"{tag}: a closed unit for a child without closed_care")
        nearest = None
        for nid in c.networks:
            for loc in nets[nid].locations:
                d = _km(f.location, loc)
                nearest = d if nearest is None else min(nearest, d)
                if d < c.safety_km:
                    out.append(
                        f"{tag}: {d:.3f} km from network {nid}, safety distance {c.safety_km}"
                    )
        school_km = None
        if c.school_kind is None:
            if p.school is not None:
                out.append(f"{tag}: a school for a child who needs none")
        elif c.school_kind in f.school_on_site:
            if p.school is not None:
                out.append(f"{tag}: school {p.school} for a child schooled on site")
        elif p.school is None or p.school not in schools:
            out.append(f"{tag}: no (known) school")
        else:
            s = schools[p.school]
            seats[s.id] += 1
            school_km = _km(f.location, s.location)
            if c.school_kind not in s.kinds:
                out.append(f"{tag}: school {s.id} is not {c.school_kind}")
            if school_km > c.max_school_km:
                out.append(f"{tag}: school {s.id} at {school_km:.3f} km")
        expected = w.language if c.languages & f.languages else 0.0
        if nearest is not None:
            expected += w.safety_margin * min(nearest - c.safety_km, limits.SAFETY_MARGIN_CAP_KM)
        if school_km is not None:
            expected -= w.school_km * school_km
        if f.kind == "closed-unit":
            expected -= w.closed_unit
        if abs(expected - p.score) > TOLERANCE:
            out.append(f"{tag}: score {p.score} but the terms give {expected}")
        if (nearest is None) != (p.network_km is None) or (
            nearest is not None and abs(nearest - p.network_km) > TOLERANCE
        ):
            out.append(f"{tag}: network_km {p.network_km}, expected {nearest}")
        if (school_km is None) != (p.school_km is None) or (
            school_km is not None and abs(school_km - p.school_km) > TOLERANCE
        ):
            out.append(f"{tag}: school_km {p.school_km}, expected {school_km}")
    for fid, n in places.items():
        if fid in fams and n > fams[fid].free_places:
            out.append(f"{fid}: {n} children for {fams[fid].free_places} free places")
    for sid, n in seats.items():
        if n > schools[sid].free_seats:
            out.append(f"school {sid}: {n} children for {schools[sid].free_seats} free seats")
    for pin in problem.pins:
        if where.get(pin.child) != pin.family:
            out.append(f"pin {pin.child} → {pin.family} not honoured")
        elif pin.school is not None:
            got = next(p.school for p in proposal.placements if p.child == pin.child)
            if got != pin.school:
                out.append(f"pin {pin.child} → school {pin.school} not honoured")
    for fb in problem.forbidden:
        if where.get(fb.child) == fb.family:
            out.append(f"forbidden pair {fb.child} → {fb.family} proposed")
    bonus = 0.0
    for gid, g in groups.items():
        mem = [c.id for c in problem.children if c.sibling_group == gid]
        placed = [m for m in mem if m in where]
        if g.keep_together:
            if placed and (len(placed) != len(mem) or len({where[m] for m in placed}) > 1):
                out.append(f"group {gid} must be placed whole in one family")
            continue
        for i, a in enumerate(placed):
            for b in placed[i + 1 :]:
                if where[a] == where[b]:
                    bonus += w.siblings_together
                else:
                    d = _km(fams[where[a]].location, fams[where[b]].location)
                    if d > g.max_apart_km:
                        out.append(f"group {gid}: {a} and {b} are {d:.3f} km apart")
    obj = proposal.objective
    if obj is None:
        if proposal.status is not Status.UNKNOWN:
            out.append("no objective")
        return out
    priority = sum(kids[c].priority for c in where if c in kids)
    if obj.priority != priority:
        out.append(f"objective priority {obj.priority}, placements give {priority}")
    score = sum(p.score for p in proposal.placements) + bonus
    if abs(obj.score - score) > 1e-4:
        out.append(f"objective score {obj.score}, placements give {score}")
    placed_ids = set(where)
    listed = {u.child for u in proposal.unplaced}
    if listed != set(kids) - placed_ids:
        out.append("unplaced list does not match the children left out")
    return out
