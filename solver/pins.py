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

from solver.geo import distance_km
from solver.model import groups_by_id, members
from solver.pairs import ChildRow
from solver.problem import Pin, Problem
from solver.rules import PAIR_RULES
from solver.tables import Tables

RULE_WORDS: dict[str, str] = {
    "forbidden": "the forbidden pairs",
    "capacity": "the capacity",
    "age": "the age range",
    "gender": "the gender rule",
    "training": "the training rule",
    "safety": "the safety distance",
    "school": "the school rule",
    "seats": "the school seats",
    "siblings_together": "the keep-together rule",
    "siblings_apart": "the maximum distance between siblings",
}


def _pin(p: Pin) -> str:
    return f"pin {p.child} → {p.family}" + (f" (school {p.school})" if p.school else "")


def pinned_school_violations(p: Pin, row: ChildRow, t: Tables) -> list[str]:
    """Hard constraint (rule 7) applied to a school named in a pin."""
    c = row.child
    if p.school is None:
        return []
    s = t.schools.schools[t.schools.index[p.school]]
    head = f"{_pin(p)} breaks {RULE_WORDS['school']}: "
    if c.school_kind is None:
        return [head + f"{c.id} needs no school"]
    out = []
    if c.school_kind not in s.kinds:
        out.append(head + f"{s.id} is not a {c.school_kind} school")
    f = t.families.families[t.families.index[p.family]]
    km = distance_km(f.location.lat, f.location.lon, s.location.lat, s.location.lon)
    if km > c.max_school_km:
        out.append(head + f"{s.id} is {km:.1f} km from {f.id}, {c.id} may travel {c.max_school_km:.1f} km")
    if s.free_seats <= 0:
        out.append(f"{_pin(p)} breaks {RULE_WORDS['seats']}: {s.id} has no free seat")
    return out


def pin_conflicts(problem: Problem, t: Tables, rows: list[ChildRow]) -> list[str]:
    """Every conflict among the pins that can be seen without searching."""
    out: list[str] = []
    by_child = {r.child.id: r for r in rows}
    for p in problem.pins:
        row = by_child[p.child]
        f = t.families.index[p.family]
        for rule in PAIR_RULES:
            if rule.name == "school" and p.school is not None:
                continue
            if not row.masks[rule.name][f]:
                out.append(f"{_pin(p)} breaks {RULE_WORDS[rule.name]}: {rule.explain(row.child, f, t, problem)}")
        out.extend(pinned_school_violations(p, row, t))
    fam_load = Counter(p.family for p in problem.pins)
    for fid, n in fam_load.items():
        places = t.families.families[t.families.index[fid]].free_places
        if 0 < places < n:
            who = ", ".join(p.child for p in problem.pins if p.family == fid)
            out.append(f"pins of {who} to {fid} break {RULE_WORDS['capacity']}: {n} children, {places} free places")
    seat_load = Counter(p.school for p in problem.pins if p.school is not None)
    for sid, n in seat_load.items():
        seats = t.schools.schools[t.schools.index[sid]].free_seats
        if 0 < seats < n:
            who = ", ".join(p.child for p in problem.pins if p.school == sid)
            out.append(f"pins of {who} to school {sid} break {RULE_WORDS['seats']}: {n} children, {seats} free seats")
    out.extend(_sibling_pin_conflicts(problem, t, rows))
    return out


def _sibling_pin_conflicts(problem: Problem, t: Tables, rows: list[ChildRow]) -> list[str]:
    out = []
    pins = {p.child: p for p in problem.pins}
    grp = groups_by_id(problem)
    fam = t.families
    for gid, idx in members(problem).items():
        g = grp[gid]
        pinned = [pins[rows[i].child.id] for i in idx if rows[i].child.id in pins]
        if not pinned:
            continue
        if g.keep_together:
            fams = {p.family for p in pinned}
            if len(fams) > 1:
                out.append(
                    f"pins {', '.join(_pin(p) for p in pinned)} break {RULE_WORDS['siblings_together']}: "
                    f"group {gid} must live in one family"
                )
                continue
            fid = fams.pop()
            f = fam.index[fid]
            if fam.places[f] < len(idx):
                out.append(
                    f"{_pin(pinned[0])} breaks {RULE_WORDS['siblings_together']}: group {gid} has "
                    f"{len(idx)} children and {fid} has {fam.places[f]} free places"
                )
            for i in idx:
                c = rows[i].child
                if c.id in pins:
                    continue
                for rule in PAIR_RULES:
                    if rule.name != "capacity" and not rows[i].masks[rule.name][f]:
                        out.append(
                            f"{_pin(pinned[0])} breaks {RULE_WORDS['siblings_together']}: sibling {c.id} "
                            f"must come along but {rule.explain(c, f, t, problem)}"
                        )
        else:
            for a in range(len(pinned)):
                for b in range(a + 1, len(pinned)):
                    pa, pb = pinned[a], pinned[b]
                    fa, fb = fam.index[pa.family], fam.index[pb.family]
                    km = distance_km(fam.lat[fa], fam.lon[fa], fam.lat[fb], fam.lon[fb])
                    if fa != fb and km > g.max_apart_km:
                        out.append(
                            f"{_pin(pa)} and {_pin(pb)} break {RULE_WORDS['siblings_apart']}: the families are "
                            f"{km:.1f} km apart, group {gid} allows {g.max_apart_km:.1f} km"
                        )
    return out


def core_conflicts(problem: Problem, core: list[int]) -> list[str]:
    """The pins CP-SAT found cannot all hold together, as one sentence."""
    pins = [problem.pins[k] for k in core]
    return [
        "these pins cannot all hold together (capacity, school seats or sibling rules): "
        + ", ".join(_pin(p) for p in pins)
    ]
