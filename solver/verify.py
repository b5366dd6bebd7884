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


def _km(here: Point, there: Point) -> float:
    return distance_km(here.lat, here.lon, there.lat, there.lon)


def check_proposal(problem: Problem, proposal: Proposal) -> list[str]:
    """Every hard rule the proposal breaks and every number that does not add
    up, as sentences; empty when the proposal is sound."""
    out: list[str] = []
    families = {family.id: family for family in problem.families}
    children = {child.id: child for child in problem.children}
    schools = {school.id: school for school in problem.schools}
    networks = {network.id: network for network in problem.networks}
    groups = {group.id: group for group in problem.sibling_groups}
    weights = problem.weights
    if proposal.status is Status.INFEASIBLE:
        if proposal.placements:
            out.append("an infeasible proposal has placements")
        if not proposal.conflicts:
            out.append("an infeasible proposal names no conflicts")
        return out
    where: dict[str, str] = {}
    seats: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for placement in proposal.placements:
        child, family = children.get(placement.child), families.get(placement.family)
        if child is None or family is None:
            out.append(f"{placement.child} → {placement.family}: unknown child or family")
            continue
        if placement.child in where:
            out.append(f"{placement.child} is placed twice")
        where[placement.child] = placement.family
        places[placement.family] += 1
        tag = f"{placement.child} → {placement.family}"
        if not family.age_min <= child.age <= family.age_max:
            out.append(f"{tag}: age")
        if child.gender not in family.genders:
            out.append(f"{tag}: gender")
        if not child.training_needed <= family.training:
            out.append(f"{tag}: training")
        if family.kind == "closed-unit" and not child.closed_care:
            out.append(f"{tag}: a closed unit for a child without closed_care")
        nearest = None
        for network_id in child.networks:
            for location in networks[network_id].locations:
                km = _km(family.location, location)
                nearest = km if nearest is None else min(nearest, km)
                if km < child.safety_km:
                    out.append(
                        f"{tag}: {km:.3f} km from network {network_id}, "
                        f"safety distance {child.safety_km}"
                    )
        school_km = None
        if child.school_kind is None:
            if placement.school is not None:
                out.append(f"{tag}: a school for a child who needs none")
        elif child.school_kind in family.school_on_site:
            if placement.school is not None:
                out.append(f"{tag}: school {placement.school} for a child schooled on site")
        elif placement.school is None or placement.school not in schools:
            out.append(f"{tag}: no (known) school")
        else:
            school = schools[placement.school]
            seats[school.id] += 1
            school_km = _km(family.location, school.location)
            if child.school_kind not in school.kinds:
                out.append(f"{tag}: school {school.id} is not {child.school_kind}")
            if school_km > child.max_school_km:
                out.append(f"{tag}: school {school.id} at {school_km:.3f} km")
        expected = weights.language if child.languages & family.languages else 0.0
        if nearest is not None:
            margin = min(nearest - child.safety_km, limits.SAFETY_MARGIN_CAP_KM)
            expected += weights.safety_margin * margin
        if school_km is not None:
            expected -= weights.school_km * school_km
        if family.kind == "closed-unit":
            expected -= weights.closed_unit
        if abs(expected - placement.score) > TOLERANCE:
            out.append(f"{tag}: score {placement.score} but the terms give {expected}")
        if (nearest is None) != (placement.network_km is None) or (
            nearest is not None and abs(nearest - placement.network_km) > TOLERANCE
        ):
            out.append(f"{tag}: network_km {placement.network_km}, expected {nearest}")
        if (school_km is None) != (placement.school_km is None) or (
            school_km is not None and abs(school_km - placement.school_km) > TOLERANCE
        ):
            out.append(f"{tag}: school_km {placement.school_km}, expected {school_km}")
    for family_id, count in places.items():
        if family_id in families and count > families[family_id].free_places:
            free = families[family_id].free_places
            out.append(f"{family_id}: {count} children for {free} free places")
    for school_id, count in seats.items():
        if count > schools[school_id].free_seats:
            free = schools[school_id].free_seats
            out.append(f"school {school_id}: {count} children for {free} free seats")
    for pin in problem.pins:
        if where.get(pin.child) != pin.family:
            out.append(f"pin {pin.child} → {pin.family} not honoured")
        elif pin.school is not None:
            got = next(
                placement.school
                for placement in proposal.placements
                if placement.child == pin.child
            )
            if got != pin.school:
                out.append(f"pin {pin.child} → school {pin.school} not honoured")
    for pair in problem.forbidden:
        if where.get(pair.child) == pair.family:
            out.append(f"forbidden pair {pair.child} → {pair.family} proposed")
    bonus = 0.0
    for group_id, group in groups.items():
        member_ids = [child.id for child in problem.children if child.sibling_group == group_id]
        placed_members = [member for member in member_ids if member in where]
        if group.keep_together:
            if placed_members and (
                len(placed_members) != len(member_ids)
                or len({where[member] for member in placed_members}) > 1
            ):
                out.append(f"group {group_id} must be placed whole in one family")
            continue
        for position, first in enumerate(placed_members):
            for second in placed_members[position + 1 :]:
                if where[first] == where[second]:
                    bonus += weights.siblings_together
                else:
                    km = _km(families[where[first]].location, families[where[second]].location)
                    if km > group.max_apart_km:
                        out.append(f"group {group_id}: {first} and {second} are {km:.3f} km apart")
    objective = proposal.objective
    if objective is None:
        if proposal.status is not Status.UNKNOWN:
            out.append("no objective")
        return out
    priority = sum(children[child_id].priority for child_id in where if child_id in children)
    if objective.priority != priority:
        out.append(f"objective priority {objective.priority}, placements give {priority}")
    score = sum(placement.score for placement in proposal.placements) + bonus
    if abs(objective.score - score) > 1e-4:
        out.append(f"objective score {objective.score}, placements give {score}")
    placed_ids = set(where)
    listed = {unplaced.child for unplaced in proposal.unplaced}
    if listed != set(children) - placed_ids:
        out.append("unplaced list does not match the children left out")
    return out
