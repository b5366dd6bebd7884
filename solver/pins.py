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


def _pin(p: Pin) -> Explanation:
    if p.school:
        return Explanation(Key.PIN_SCHOOL, child=p.child, family=p.family, school=p.school)
    return Explanation(Key.PIN, child=p.child, family=p.family)


def _breaks(p: Pin, rule: str, detail: Explanation) -> Explanation:
    return Explanation(
        Key.CONFLICT_PIN_BREAKS,
        pin=_pin(p),
        rule_words=Explanation(f"rule_words.{rule}"),
        detail=detail,
    )


def pinned_school_violations(p: Pin, row: ChildRow, t: Tables) -> list[Explanation]:
    """Hard constraint (rule 7) applied to a school named in a pin."""
    c = row.child
    if p.school is None:
        return []
    s = t.schools.schools[t.schools.index[p.school]]
    if c.school_kind is None:
        return [_breaks(p, "school", Explanation(Key.CONFLICT_NO_SCHOOL_NEEDED, child=c.id))]
    f = t.families.index[p.family]
    if row.on_site[f]:
        on_site = Explanation(
            Key.CONFLICT_SCHOOL_ON_SITE,
            family=p.family,
            school_kind=c.school_kind,
            child=c.id,
        )
        return [_breaks(p, "school", on_site)]
    out = []
    if c.school_kind not in s.kinds:
        out.append(
            _breaks(
                p,
                "school",
                Explanation(Key.CONFLICT_NOT_SCHOOL_KIND, school=s.id, school_kind=c.school_kind),
            )
        )
    f = t.families.families[f]
    km = distance_km(f.location.lat, f.location.lon, s.location.lat, s.location.lon)
    if km > c.max_school_km:
        far = Explanation(
            Key.CONFLICT_SCHOOL_TOO_FAR,
            school=s.id,
            km=float(km),
            family=f.id,
            child=c.id,
            max_km=float(c.max_school_km),
        )
        out.append(_breaks(p, "school", far))
    if s.free_seats <= 0:
        out.append(_breaks(p, "seats", Explanation(Key.CONFLICT_NO_SEAT, school=s.id)))
    return out


def pin_conflicts(problem: Problem, t: Tables, rows: list[ChildRow]) -> list[Explanation]:
    """Every conflict among the pins that can be seen without searching."""
    out: list[Explanation] = []
    by_child = {r.child.id: r for r in rows}
    for p in problem.pins:
        row = by_child[p.child]
        f = t.families.index[p.family]
        for rule in PAIR_RULES:
            if rule.name == "school" and p.school is not None:
                continue
            if not row.masks[rule.name][f]:
                out.append(_breaks(p, rule.name, rule.explain(row.child, f, t, problem)))
        out.extend(pinned_school_violations(p, row, t))
    fam_load = Counter(p.family for p in problem.pins)
    for fid, n in fam_load.items():
        places = t.families.families[t.families.index[fid]].free_places
        if 0 < places < n:
            who = [p.child for p in problem.pins if p.family == fid]
            out.append(
                Explanation(
                    Key.CONFLICT_PINS_CAPACITY, children=who, family=fid, n=n, places=int(places)
                )
            )
    seat_load = Counter(p.school for p in problem.pins if p.school is not None)
    for sid, n in seat_load.items():
        seats = t.schools.schools[t.schools.index[sid]].free_seats
        if 0 < seats < n:
            who = [p.child for p in problem.pins if p.school == sid]
            out.append(
                Explanation(
                    Key.CONFLICT_PINS_SEATS, children=who, school=sid, n=n, seats=int(seats)
                )
            )
    out.extend(_sibling_pin_conflicts(problem, t, rows))
    return out


def _sibling_pin_conflicts(problem: Problem, t: Tables, rows: list[ChildRow]) -> list[Explanation]:
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
                    Explanation(Key.CONFLICT_PINS_SPLIT, pins=[_pin(p) for p in pinned], group=gid)
                )
                continue
            fid = fams.pop()
            f = fam.index[fid]
            if fam.places[f] < len(idx):
                out.append(
                    Explanation(
                        Key.CONFLICT_GROUP_TOO_BIG,
                        pin=_pin(pinned[0]),
                        group=gid,
                        size=len(idx),
                        family=fid,
                        places=int(fam.places[f]),
                    )
                )
            for i in idx:
                c = rows[i].child
                if c.id in pins:
                    continue
                for rule in PAIR_RULES:
                    if rule.name != "capacity" and not rows[i].masks[rule.name][f]:
                        out.append(
                            Explanation(
                                Key.CONFLICT_SIBLING_UNFIT,
                                pin=_pin(pinned[0]),
                                child=c.id,
                                detail=rule.explain(c, f, t, problem),
                            )
                        )
        else:
            for a in range(len(pinned)):
                for b in range(a + 1, len(pinned)):
                    pa, pb = pinned[a], pinned[b]
                    fa, fb = fam.index[pa.family], fam.index[pb.family]
                    km = distance_km(fam.lat[fa], fam.lon[fa], fam.lat[fb], fam.lon[fb])
                    if fa != fb and km > g.max_apart_km:
                        out.append(
                            Explanation(
                                Key.CONFLICT_PINS_APART,
                                pin=_pin(pa),
                                other=_pin(pb),
                                km=float(km),
                                group=gid,
                                max_km=float(g.max_apart_km),
                            )
                        )
    return out


def core_conflicts(problem: Problem, core: list[int]) -> list[Explanation]:
    """The pins CP-SAT found cannot all hold together, as one sentence."""
    return [Explanation(Key.CONFLICT_CORE, pins=[_pin(problem.pins[k]) for k in core])]
