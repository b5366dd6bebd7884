"""The hard rules of ``placement-session/1`` that concern one child–family pair.

Each rule is one named function, vectorised over all families, its docstring
opening with "Hard constraint:"; next to it, the sentence an officer reads
when that rule is what keeps a child out of a family. Every explanation the
solver gives (unplaced reasons, recommendations, pin conflicts) is built
from these names and sentences. The rules that tie several children
together (capacity, seats, siblings, pins) live in :mod:`solver.constraints`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from catalogue.keys import Key
from catalogue.sentences import Explanation
from solver.problem import Child, Problem
from solver.tables import Tables

Mask = NDArray[np.bool_]


def forbidden(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: a pair the officer forbade is never proposed (rule 1)."""
    out = np.ones(len(tables.families), dtype=bool)
    for pair in problem.forbidden:
        if pair.child == child.id:
            out[tables.families.index[pair.family]] = False
    return out


def forbidden_text(
    child: Child, family_index: int, tables: Tables, problem: Problem
) -> Explanation:
    family = tables.families.families[family_index]
    return Explanation(Key.RULE_FORBIDDEN, child=child.id, family=family.id)


def capacity(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: a family receives at most its free places (rule 2);
    a family with no free place takes nobody."""
    return tables.families.places > 0


def capacity_text(child: Child, family_index: int, tables: Tables, problem: Problem) -> Explanation:
    return Explanation(Key.RULE_CAPACITY, family=tables.families.families[family_index].id)


def age(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: the child's age lies within the family's age range (rule 3)."""
    families = tables.families
    return (families.age_min <= child.age) & (child.age <= families.age_max)


def age_text(child: Child, family_index: int, tables: Tables, problem: Problem) -> Explanation:
    family = tables.families.families[family_index]
    return Explanation(
        Key.RULE_AGE,
        family=family.id,
        age_min=family.age_min,
        age_max=family.age_max,
        child=child.id,
        age=child.age,
    )


def gender(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: the family takes children of the child's gender (rule 4)."""
    families = tables.families
    return families.genders.get(child.gender, np.zeros(len(families), dtype=bool)).copy()


def gender_text(child: Child, family_index: int, tables: Tables, problem: Problem) -> Explanation:
    family = tables.families.families[family_index]
    return Explanation(Key.RULE_GENDER, family=family.id, gender=child.gender)


def training(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: the family holds every training tag the child needs (rule 5)."""
    return tables.families.has_all(tables.families.training, child.training_needed)


def training_text(child: Child, family_index: int, tables: Tables, problem: Problem) -> Explanation:
    family = tables.families.families[family_index]
    missing = sorted(child.training_needed - family.training)
    return Explanation(Key.RULE_TRAINING, family=family.id, child=child.id, missing=missing)


def safety(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: the family lives at least the child's safety distance
    from every location of every network the child is linked to (rule 6).
    Exact haversine distances; never relaxed, not even in advice."""
    return tables.networks.nearest_km(child.networks, tables.families) >= child.safety_km


def safety_text(child: Child, family_index: int, tables: Tables, problem: Problem) -> Explanation:
    family = tables.families.families[family_index]

    def km_to(network_id: str) -> float:
        return float(tables.networks.km_to(network_id, tables.families)[family_index])

    worst = min(child.networks, key=km_to)
    return Explanation(
        Key.RULE_SAFETY,
        family=family.id,
        km=km_to(worst),
        network=worst,
        child=child.id,
        safety_km=float(child.safety_km),
    )


def school(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: a child with a school kind has a school of that kind
    with a free seat within the child's school radius of the family, or the
    home teaches that kind on site (rule 7)."""
    families = tables.families
    if child.school_kind is None:
        return np.ones(len(families), dtype=bool)
    reach = tables.schools.reach(child.school_kind, child.max_school_km, families)
    return (reach.nearest >= 0) | families.schooled_on_site(child.school_kind)


def school_text(child: Child, family_index: int, tables: Tables, problem: Problem) -> Explanation:
    family = tables.families.families[family_index]
    return Explanation(
        Key.RULE_SCHOOL,
        school_kind=child.school_kind,
        max_km=float(child.max_school_km),
        family=family.id,
    )


def closed_care(child: Child, tables: Tables, problem: Problem) -> Mask:
    """Hard constraint: only a child with a valid court authorisation for
    closed youth care is placed in a closed unit (rule 10)."""
    if child.closed_care:
        return np.ones(len(tables.families), dtype=bool)
    return ~tables.families.closed


def closed_care_text(
    child: Child, family_index: int, tables: Tables, problem: Problem
) -> Explanation:
    family = tables.families.families[family_index]
    return Explanation(Key.RULE_CLOSED_CARE, family=family.id, child=child.id)


@dataclass(frozen=True, slots=True)
class PairRule:
    name: str
    #: (child, tables, problem) -> per family: does the pair pass?
    check: Callable[[Child, Tables, Problem], Mask]
    #: (child, family index, tables, problem) -> why the pair fails
    explain: Callable[[Child, int, Tables, Problem], Explanation]


PAIR_RULES: tuple[PairRule, ...] = (
    PairRule("forbidden", forbidden, forbidden_text),
    PairRule("capacity", capacity, capacity_text),
    PairRule("age", age, age_text),
    PairRule("gender", gender, gender_text),
    PairRule("training", training, training_text),
    PairRule("safety", safety, safety_text),
    PairRule("school", school, school_text),
    PairRule("closed_care", closed_care, closed_care_text),
)

RULES_BY_NAME: dict[str, PairRule] = {rule.name: rule for rule in PAIR_RULES}


def rule_masks(child: Child, tables: Tables, problem: Problem) -> dict[str, Mask]:
    """Every pair rule's verdict for one child against all families."""
    return {rule.name: rule.check(child, tables, problem) for rule in PAIR_RULES}


def excluded_counts_text(
    child: Child, masks: dict[str, Mask]
) -> list[tuple[str, int, Explanation]]:
    """(rule, number of families it excludes, sentence) for every rule that excludes any."""
    out = []
    for rule in PAIR_RULES:
        excluded = int((~masks[rule.name]).sum())
        if excluded:
            key = f"excluded.{rule.name}.{'one' if excluded == 1 else 'other'}"
            out.append((rule.name, excluded, Explanation(key, n=excluded, rule=rule.name)))
    return out
