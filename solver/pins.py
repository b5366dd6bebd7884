"""Pins that cannot hold, named with the rule they break.

A pin is never forced through. Most broken pins are caught here, directly
and with crisp sentences: a pin against a pair rule, pins overfilling a
family or a school, sibling pins pulling a group apart. Whatever slips past
(say, a pinned keep-together group whose unpinned members find no seat) is
caught by CP-SAT's assumptions in :mod:`solver.search` and phrased by
:func:`core_conflicts`.
"""

from __future__ import annotations

from collections import Counter

from catalogue.keys import Key
from catalogue.sentences import Explanation
from solver.geo import distance_km
from solver.model import groups_by_id, members
from solver.pairs import ChildRow
from solver.problem import Pin, Problem
from solver.rules import PAIR_RULES
from solver.tables import Tables


def _pin(pin: Pin) -> Explanation:
    if pin.school:
        return Explanation(Key.PIN_SCHOOL, child=pin.child, family=pin.family, school=pin.school)
    return Explanation(Key.PIN, child=pin.child, family=pin.family)


def _breaks(pin: Pin, rule: str, detail: Explanation) -> Explanation:
    return Explanation(
        Key.CONFLICT_PIN_BREAKS,
        pin=_pin(pin),
        rule_words=Explanation(f"rule_words.{rule}"),
        detail=detail,
    )


def pinned_school_violations(pin: Pin, row: ChildRow, tables: Tables) -> list[Explanation]:
    """Hard constraint (rule 7) applied to a school named in a pin."""
    child = row.child
    if pin.school is None:
        return []
    school = tables.schools.schools[tables.schools.index[pin.school]]
    if child.school_kind is None:
        return [_breaks(pin, "school", Explanation(Key.CONFLICT_NO_SCHOOL_NEEDED, child=child.id))]
    family_index = tables.families.index[pin.family]
    if row.on_site[family_index]:
        on_site = Explanation(
            Key.CONFLICT_SCHOOL_ON_SITE,
            family=pin.family,
            school_kind=child.school_kind,
            child=child.id,
        )
        return [_breaks(pin, "school", on_site)]
    out = []
    if child.school_kind not in school.kinds:
        not_kind = Explanation(
            Key.CONFLICT_NOT_SCHOOL_KIND, school=school.id, school_kind=child.school_kind
        )
        out.append(_breaks(pin, "school", not_kind))
    family = tables.families.families[family_index]
    home, there = family.location, school.location
    km = distance_km(home.lat, home.lon, there.lat, there.lon)
    if km > child.max_school_km:
        far = Explanation(
            Key.CONFLICT_SCHOOL_TOO_FAR,
            school=school.id,
            km=float(km),
            family=family.id,
            child=child.id,
            max_km=float(child.max_school_km),
        )
        out.append(_breaks(pin, "school", far))
    if school.free_seats <= 0:
        out.append(_breaks(pin, "seats", Explanation(Key.CONFLICT_NO_SEAT, school=school.id)))
    return out


def pin_conflicts(problem: Problem, tables: Tables, rows: list[ChildRow]) -> list[Explanation]:
    """Every conflict among the pins that can be seen without searching."""
    out: list[Explanation] = []
    by_child = {row.child.id: row for row in rows}
    for pin in problem.pins:
        row = by_child[pin.child]
        family = tables.families.index[pin.family]
        for rule in PAIR_RULES:
            if rule.name == "school" and pin.school is not None:
                continue
            if not row.masks[rule.name][family]:
                detail = rule.explain(row.child, family, tables, problem)
                out.append(_breaks(pin, rule.name, detail))
        out.extend(pinned_school_violations(pin, row, tables))
    family_load = Counter(pin.family for pin in problem.pins)
    for family_id, pinned in family_load.items():
        places = tables.families.families[tables.families.index[family_id]].free_places
        if 0 < places < pinned:
            who = [pin.child for pin in problem.pins if pin.family == family_id]
            out.append(
                Explanation(
                    Key.CONFLICT_PINS_CAPACITY,
                    children=who,
                    family=family_id,
                    n=pinned,
                    places=int(places),
                )
            )
    seat_load = Counter(pin.school for pin in problem.pins if pin.school is not None)
    for school_id, pinned in seat_load.items():
        seats = tables.schools.schools[tables.schools.index[school_id]].free_seats
        if 0 < seats < pinned:
            who = [pin.child for pin in problem.pins if pin.school == school_id]
            out.append(
                Explanation(
                    Key.CONFLICT_PINS_SEATS,
                    children=who,
                    school=school_id,
                    n=pinned,
                    seats=int(seats),
                )
            )
    out.extend(_sibling_pin_conflicts(problem, tables, rows))
    return out


def _sibling_pin_conflicts(
    problem: Problem, tables: Tables, rows: list[ChildRow]
) -> list[Explanation]:
    out = []
    pins = {pin.child: pin for pin in problem.pins}
    groups = groups_by_id(problem)
    families = tables.families
    for group_id, siblings in members(problem).items():
        group = groups[group_id]
        pinned = [
            pins[rows[member].child.id] for member in siblings if rows[member].child.id in pins
        ]
        if not pinned:
            continue
        if group.keep_together:
            pinned_families = {pin.family for pin in pinned}
            if len(pinned_families) > 1:
                out.append(
                    Explanation(
                        Key.CONFLICT_PINS_SPLIT, pins=[_pin(pin) for pin in pinned], group=group_id
                    )
                )
                continue
            family_id = pinned_families.pop()
            family = families.index[family_id]
            if families.places[family] < len(siblings):
                out.append(
                    Explanation(
                        Key.CONFLICT_GROUP_TOO_BIG,
                        pin=_pin(pinned[0]),
                        group=group_id,
                        size=len(siblings),
                        family=family_id,
                        places=int(families.places[family]),
                    )
                )
            for member in siblings:
                child = rows[member].child
                if child.id in pins:
                    continue
                for rule in PAIR_RULES:
                    if rule.name != "capacity" and not rows[member].masks[rule.name][family]:
                        out.append(
                            Explanation(
                                Key.CONFLICT_SIBLING_UNFIT,
                                pin=_pin(pinned[0]),
                                child=child.id,
                                detail=rule.explain(child, family, tables, problem),
                            )
                        )
        else:
            lat, lon = families.lat, families.lon
            for position, first in enumerate(pinned):
                for second in pinned[position + 1 :]:
                    first_family = families.index[first.family]
                    second_family = families.index[second.family]
                    km = distance_km(
                        lat[first_family], lon[first_family], lat[second_family], lon[second_family]
                    )
                    if first_family != second_family and km > group.max_apart_km:
                        out.append(
                            Explanation(
                                Key.CONFLICT_PINS_APART,
                                pin=_pin(first),
                                other=_pin(second),
                                km=float(km),
                                group=group_id,
                                max_km=float(group.max_apart_km),
                            )
                        )
    return out


def core_conflicts(problem: Problem, core: list[int]) -> list[Explanation]:
    """The pins CP-SAT found cannot all hold together, as one sentence."""
    return [Explanation(Key.CONFLICT_CORE, pins=[_pin(problem.pins[index]) for index in core])]
