"""The CP-SAT model itself: a variable for every candidate triple, the hard
rules (:mod:`solver.constraints`), the sibling bonus and the objective.

Built in OR-Tools' sample order: data (:mod:`solver.model`), variables, hard
constraints, soft terms, objective. It lives apart from :mod:`solver.model`,
whose records the constraints share, so that neither imports the other.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver import constraints, scores
from solver.model import (
    Entry,
    Option,
    OptionSum,
    PlacementModel,
    Scale,
    TogetherPair,
    groups_by_id,
    members,
)
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.tables import Tables


def build(
    problem: Problem,
    tables: Tables,
    rows: list[ChildRow],
    entries: list[Entry],
    scale: Scale,
    implied: list[tuple[list[tuple[int, int]], int]] = (),
) -> PlacementModel:
    """The CP-SAT model over the given candidate triples, with ``implied``
    inequalities over placed-here literals that every plan obeys (the
    relaxation's cuts, :mod:`solver.cuts`): they change no plan, but give
    HiGHS's LP the bound the relaxation has."""
    placement_model = PlacementModel(problem, tables, rows, scale)
    model = placement_model.model
    for child in range(len(rows)):
        placement_model.families_of[child] = []
        placement_model.placed[child] = model.new_bool_var(f"placed_{child}")
    for entry in entries:
        child, family = entry.child, entry.family
        here = model.new_bool_var(f"x_{child}_{family}")
        placement_model.x[child, family] = here
        placement_model.families_of[child].append(family)
        if len(entry.options) == 1:
            only = entry.options[0]
            options = [Option(only.school, only.km, only.units, here)]
        else:
            options = [
                Option(
                    option.school,
                    option.km,
                    option.units,
                    model.new_bool_var(f"y_{child}_{family}_{option.school}"),
                )
                for option in entry.options
            ]
            model.add(sum(option.var for option in options) == here)
            placement_model.sums.append(
                OptionSum(here.index, [option.var.index for option in options])
            )
        placement_model.options[child, family] = options
    constraints.place_at_most_once(placement_model)
    constraints.family_capacity(placement_model)
    constraints.school_seats(placement_model)
    constraints.siblings_together(placement_model)
    constraints.siblings_apart(placement_model)
    constraints.pins_hold(placement_model)
    together_bonus(placement_model)
    for pairs, most in implied:
        placed_here = [placement_model.x[pair] for pair in pairs if pair in placement_model.x]
        if len(placed_here) > most:
            model.add(cp_model.LinearExpr.sum(placed_here) <= most)
    placed = list(placement_model.placed.items())
    placement_model.priority = cp_model.LinearExpr.weighted_sum(
        [literal for _, literal in placed], [rows[child].child.priority for child, _ in placed]
    )
    every_option = [option for per_pair in placement_model.options.values() for option in per_pair]
    bonus = int(scores.model_units(scores.siblings_together(problem.weights)))
    bonus_literals = placement_model.together_bonus
    placement_model.score = cp_model.LinearExpr.weighted_sum(
        [option.var for option in every_option] + bonus_literals,
        [option.units for option in every_option] + [bonus] * len(bonus_literals),
    )
    return placement_model


def together_bonus(placement_model: PlacementModel) -> None:
    """Soft: one ``siblings_together`` bonus per pair of members of a
    may-split group who share a family (a literal per pair and shared family,
    true only if both are there).

    Three rules every plan obeys keep the LP from paying bonuses for
    siblings spread thinly over several families: a family with one place
    gets no bonus literal; a family with ``p`` places pays at most the
    ``p * (p - 1) / 2`` bonuses of the members it can hold; and a member
    placed there shares it with at most ``p - 1`` of its siblings."""
    model = placement_model.model
    placed_here = placement_model.x
    families_of = placement_model.families_of
    groups = groups_by_id(placement_model.problem)
    places = placement_model.tables.families.places
    for group_id, siblings in members(placement_model.problem).items():
        if groups[group_id].keep_together:
            continue
        per_family: dict[int, list[cp_model.IntVar]] = {}
        per_member: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        for position, child in enumerate(siblings):
            for sibling in siblings[position + 1 :]:
                for family in sorted(set(families_of[child]) & set(families_of[sibling])):
                    if places[family] < 2:
                        continue
                    both = model.new_bool_var(f"together_{child}_{sibling}_{family}")
                    model.add_implication(both, placed_here[child, family])
                    model.add_implication(both, placed_here[sibling, family])
                    placement_model.together_bonus.append(both)
                    placement_model.together_of.append(TogetherPair(child, sibling, family))
                    per_family.setdefault(family, []).append(both)
                    per_member.setdefault((child, family), []).append(both)
                    per_member.setdefault((sibling, family), []).append(both)
        for family, literals in per_family.items():
            most = int(places[family]) * (int(places[family]) - 1) // 2
            if len(literals) > most:
                model.add(cp_model.LinearExpr.sum(literals) <= most)
        for (child, family), literals in per_member.items():
            if len(literals) > 1:
                most_here = (int(places[family]) - 1) * placed_here[child, family]
                model.add(cp_model.LinearExpr.sum(literals) <= most_here)
