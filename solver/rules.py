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


def forbidden(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: a pair the officer forbade is never proposed (rule 1)."""
    out = np.ones(len(t.families), dtype=bool)
    for fb in problem.forbidden:
        if fb.child == child.id:
            out[t.families.index[fb.family]] = False
    return out


def forbidden_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    return Explanation(Key.RULE_FORBIDDEN, child=child.id, family=t.families.families[f].id)


def capacity(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: a family receives at most its free places (rule 2);
    a family with no free place takes nobody."""
    return t.families.places > 0


def capacity_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    return Explanation(Key.RULE_CAPACITY, family=t.families.families[f].id)


def age(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: the child's age lies within the family's age range (rule 3)."""
    return (t.families.age_min <= child.age) & (child.age <= t.families.age_max)


def age_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    fam = t.families.families[f]
    return Explanation(
        Key.RULE_AGE,
        family=fam.id,
        age_min=fam.age_min,
        age_max=fam.age_max,
        child=child.id,
        age=child.age,
    )


def gender(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: the family takes children of the child's gender (rule 4)."""
    return t.families.genders.get(child.gender, np.zeros(len(t.families), dtype=bool)).copy()


def gender_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    return Explanation(Key.RULE_GENDER, family=t.families.families[f].id, gender=child.gender)


def training(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: the family holds every training tag the child needs (rule 5)."""
    return t.families.has_all(t.families.training, child.training_needed)


def training_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    fam = t.families.families[f]
    missing = sorted(child.training_needed - fam.training)
    return Explanation(Key.RULE_TRAINING, family=fam.id, child=child.id, missing=missing)


def safety(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: the family lives at least the child's safety distance
    from every location of every network the child is linked to (rule 6).
    Exact haversine distances; never relaxed, not even in advice."""
    return t.networks.nearest_km(child.networks, t.families) >= child.safety_km


def safety_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    fam = t.families.families[f]
    worst = min(child.networks, key=lambda n: t.networks.km_to(n, t.families)[f])
    km = float(t.networks.km_to(worst, t.families)[f])
    return Explanation(
        Key.RULE_SAFETY,
        family=fam.id,
        km=km,
        network=worst,
        child=child.id,
        safety_km=float(child.safety_km),
    )


def school(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: a child with a school kind has a school of that kind
    with a free seat within the child's school radius of the family, or the
    home teaches that kind on site (rule 7)."""
    if child.school_kind is None:
        return np.ones(len(t.families), dtype=bool)
    reach = t.schools.reach(child.school_kind, child.max_school_km, t.families)
    return (reach.nearest >= 0) | t.families.schooled_on_site(child.school_kind)


def school_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    fam = t.families.families[f]
    return Explanation(
        Key.RULE_SCHOOL,
        school_kind=child.school_kind,
        max_km=float(child.max_school_km),
        family=fam.id,
    )


def closed_care(child: Child, t: Tables, problem: Problem) -> Mask:
    """Hard constraint: only a child with a valid court authorisation for
    closed youth care is placed in a closed unit (rule 10)."""
    if child.closed_care:
        return np.ones(len(t.families), dtype=bool)
    return ~t.families.closed


def closed_care_text(child: Child, f: int, t: Tables, problem: Problem) -> Explanation:
    return Explanation(Key.RULE_CLOSED_CARE, family=t.families.families[f].id, child=child.id)


@dataclass(frozen=True, slots=True)
class PairRule:
    name: str
    check: Callable[[Child, Tables, Problem], Mask]
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

RULES_BY_NAME: dict[str, PairRule] = {r.name: r for r in PAIR_RULES}


def rule_masks(child: Child, t: Tables, problem: Problem) -> dict[str, Mask]:
    """Every pair rule's verdict for one child against all families."""
    return {r.name: r.check(child, t, problem) for r in PAIR_RULES}


def excluded_counts_text(
    child: Child, masks: dict[str, Mask]
) -> list[tuple[str, int, Explanation]]:
    """(rule, number of families it excludes, sentence) for every rule that excludes any."""
    out = []
    for r in PAIR_RULES:
        n = int((~masks[r.name]).sum())
        if n:
            key = f"excluded.{r.name}.{'one' if n == 1 else 'other'}"
            out.append((r.name, n, Explanation(key, n=n, rule=r.name)))
    return out
