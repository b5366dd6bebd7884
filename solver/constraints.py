"""The hard rules that tie several children together, as CP-SAT constraints.

One function per rule of ``placement-session/1``; the pair rules (age,
gender, training, safety, school reach, forbidden) are already applied by
giving a pair no variable at all (:mod:`solver.rules`).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from ortools.sat.python import cp_model

from solver.geo import pairwise_km
from solver.model import PlacementModel, groups_by_id, members


def place_at_most_once(placement_model: PlacementModel) -> None:
    """Hard constraint: each child is placed at most once (rule 1); the
    child's ``placed`` literal is true exactly when one family is chosen."""
    model = placement_model.model
    placed_here = placement_model.x
    for child, families in placement_model.families_of.items():
        placement_model.child_row[child] = len(model.proto.constraints)
        once = cp_model.LinearExpr.sum([placed_here[child, family] for family in families])
        model.add(once == placement_model.placed[child])


def family_capacity(placement_model: PlacementModel) -> None:
    """Hard constraint: a family receives at most ``free_places`` children (rule 2)."""
    model = placement_model.model
    load: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (_, family), literal in placement_model.x.items():
        load[family].append(literal)
    places = placement_model.tables.families.places
    for family, literals in load.items():
        if len(literals) > places[family]:
            placement_model.family_row[family] = len(model.proto.constraints)
            model.add(cp_model.LinearExpr.sum(literals) <= int(places[family]))


def school_seats(placement_model: PlacementModel) -> None:
    """Hard constraint: a school receives at most ``free_seats`` children (rule 7)."""
    load: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for options in placement_model.options.values():
        for option in options:
            if option.school >= 0:
                load[option.school].append(option.var)
    seats = placement_model.tables.schools.seats
    for school, literals in load.items():
        if len(literals) > seats[school]:
            placement_model.model.add(cp_model.LinearExpr.sum(literals) <= int(seats[school]))


def siblings_together(placement_model: PlacementModel) -> None:
    """Hard constraint: a keep-together group is placed whole in one family,
    or not at all (rule 8)."""
    model = placement_model.model
    placed = placement_model.placed
    groups = groups_by_id(placement_model.problem)
    for group_id, siblings in members(placement_model.problem).items():
        if not groups[group_id].keep_together or len(siblings) < 2:
            continue
        families = set().union(*(placement_model.families_of[child] for child in siblings))
        for family in families:
            literals = [placement_model.x.get((child, family)) for child in siblings]
            if any(literal is None for literal in literals):
                for literal in literals:
                    if literal is not None:
                        model.add(literal == 0)
                continue
            for literal in literals[1:]:
                model.add(literal == literals[0])
        first = siblings[0]
        for child in siblings[1:]:
            model.add(placed[child] == placed[first])


def siblings_apart(placement_model: PlacementModel) -> None:
    """Hard constraint: two placed members of a may-split group who live in
    different families are at most ``max_apart_km`` apart (rule 9). If ``a``
    is in family ``f``, then ``b`` is unplaced or in a family within reach of ``f``."""
    model = placement_model.model
    placed_here = placement_model.x
    families_of = placement_model.families_of
    groups = groups_by_id(placement_model.problem)
    lat, lon = placement_model.tables.families.lat, placement_model.tables.families.lon
    for group_id, siblings in members(placement_model.problem).items():
        group = groups[group_id]
        if group.keep_together:
            continue
        for position, child in enumerate(siblings):
            for sibling in siblings[position + 1 :]:
                child_families, sibling_families = families_of[child], families_of[sibling]
                if not child_families or not sibling_families:
                    continue
                within = (
                    pairwise_km(
                        lat[child_families],
                        lon[child_families],
                        lat[sibling_families],
                        lon[sibling_families],
                    )
                    <= group.max_apart_km
                )
                sibling_here = [placed_here[sibling, other] for other in sibling_families]
                for row, family in enumerate(child_families):
                    if within[row].all():
                        continue
                    near = [sibling_here[column] for column in np.flatnonzero(within[row])]
                    model.add_bool_or(
                        [
                            placed_here[child, family].Not(),
                            placement_model.placed[sibling].Not(),
                            *near,
                        ]
                    )


def pins_hold(placement_model: PlacementModel) -> None:
    """Hard constraint: pinned children are placed as pinned (rule 1), each
    pin behind its own assumption literal so that an infeasible session can
    name the pins in conflict."""
    model = placement_model.model
    for index, pin in enumerate(placement_model.problem.pins):
        assumption = model.new_bool_var(f"pin_{index}")
        placement_model.pin_literals[index] = assumption
        child = placement_model.child_index(pin.child)
        family = placement_model.tables.families.index[pin.family]
        placed_here = placement_model.x.get((child, family))
        if placed_here is None:
            model.add(assumption == 0)
        else:
            model.add_implication(assumption, placed_here)
    model.add_assumptions(list(placement_model.pin_literals.values()))
