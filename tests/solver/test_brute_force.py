"""Property: on small random sessions the solver's answer is optimal and sound.

The reference is a brute-force enumeration over every assignment, written
from the contract text and sharing nothing with the solver but the haversine
function. Sessions are drawn from a seed so that each example covers
families, schools, networks, sibling groups, pins and forbidden pairs at once,
with closed units, schools on site and children authorised for closed care
mixed in.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from solver import Status, check_proposal, columns, engine, greedy, solve
from solver.geo import distance_km
from solver.problem import Pin, Weights
from solver.tolerance import per_placement
from tests.solver.factories import at, child, family, group, network, problem, school


def random_session(seed: int):
    rnd = random.Random(seed)

    def spot():
        return at(rnd.uniform(-15, 15), rnd.uniform(-15, 15))

    n_net = rnd.randint(0, 2)
    nets = [network(f"N{k}", *[spot() for _ in range(rnd.randint(1, 2))]) for k in range(n_net)]
    fams = []
    for k in range(rnd.randint(2, 4)):
        home = {
            "places": rnd.choice([0, 1, 2, 2]),
            "ages": rnd.choice([(0, 20), (0, 20), (4, 12), (10, 18)]),
            "genders": rnd.choice([{"f", "m", "x"}, {"f", "m", "x"}, {"f"}, {"m", "x"}]),
            "training": rnd.choice([{"trauma"}, {"trauma", "exploitation"}, set()]),
            "languages": rnd.choice([set(), {"ar"}, {"nl", "pl"}]),
        }
        fams.append(family(f"F{k}", spot(), **(home | home_kind(rnd))))
    schools = [
        school(
            f"S{k}",
            spot(),
            rnd.choice([("primary",), ("secondary",), ("primary", "special")]),
            rnd.randint(0, 3),
        )
        for k in range(rnd.randint(1, 3))
    ]
    groups = [
        group("G1", rnd.random() < 0.5, rnd.choice([5.0, 25.0])),
        group("G2", rnd.random() < 0.5, 15.0),
    ]
    kids = []
    for k in range(rnd.randint(1, 5)):
        kids.append(
            child(
                f"C{k}",
                age=rnd.choice([6, 11, 15]),
                gender=rnd.choice(["f", "m", "x"]),
                safety_km=rnd.choice([0.0, 5.0, 10.0, 20.0]),
                max_school_km=rnd.choice([15.0, 30.0]),
                priority=rnd.randint(1, 5),
                training_needed=rnd.choice([set(), set(), {"trauma"}]),
                languages=rnd.choice([set(), {"ar"}, {"pl"}]),
                school_kind=rnd.choice([None, "primary", "primary", "secondary"]),
                networks=rnd.sample([n.id for n in nets], rnd.randint(0, n_net)),
                sibling_group=rnd.choice([None, None, "G1", "G1", "G2"]),
                closed_care=rnd.random() < 0.3,
            )
        )
    used = {c.sibling_group for c in kids}
    pins = []
    if rnd.random() < 0.2:
        c = rnd.choice(kids)
        s = rnd.choice([None] + [x.id for x in schools])
        pins.append(Pin(c.id, rnd.choice(fams).id, s))
    forbidden = [(rnd.choice(kids).id, rnd.choice(fams).id) for _ in range(rnd.randint(0, 1))]
    weights = rnd.choice(
        [
            Weights(),
            Weights(language=0, siblings_together=100),
            Weights(safety_margin=1, school_km=0.5),
            Weights(closed_unit=0),
            Weights(closed_unit=200, school_km=2),
        ]
    )
    return problem(
        fams,
        kids,
        schools,
        nets,
        [g for g in groups if g.id in used],
        pins,
        sorted(set(forbidden)),
        weights,
    )


def home_kind(rnd: random.Random) -> dict:
    """Most homes are ordinary families; some are closed units (up to 60
    places, usually with a school on site), a few families teach on site."""
    draw = rnd.random()
    if draw < 0.25:
        return {
            "kind": "closed-unit",
            "places": rnd.choice([0, 1, 3, 60]),
            "school_on_site": rnd.choice([set(), {"secondary"}, {"primary", "secondary"}]),
        }
    if draw < 0.35:
        return {"school_on_site": {"primary"}}
    return {}


def brute_force(p):
    """Best (priority, score) over every valid assignment, or None if none is valid."""
    fams = {f.id: f for f in p.families}
    groups = {g.id: g for g in p.sibling_groups}
    pins = {x.child: x for x in p.pins}
    banned = {(x.child, x.family) for x in p.forbidden}
    w = p.weights

    def km(a, b):
        return distance_km(a.lat, a.lon, b.lat, b.lon)

    options = []
    for c in p.children:
        opts = [] if c.id in pins else [None]
        for f in p.families:
            if (c.id, f.id) in banned or c.id in pins and pins[c.id].family != f.id:
                continue
            if not (
                f.age_min <= c.age <= f.age_max
                and c.gender in f.genders
                and c.training_needed <= f.training
                and (f.kind != "closed-unit" or c.closed_care)
            ):
                continue
            locs = [loc for n in p.networks if n.id in c.networks for loc in n.locations]
            near = min((km(f.location, loc) for loc in locs), default=None)
            if near is not None and near < c.safety_km:
                continue
            base = (
                (w.language if c.languages & f.languages else 0.0)
                + (w.safety_margin * min(near - c.safety_km, 50.0) if near is not None else 0.0)
                - (w.closed_unit if f.kind == "closed-unit" else 0.0)
            )
            if c.school_kind is None or c.school_kind in f.school_on_site:
                if c.id in pins and pins[c.id].school is not None:
                    continue
                opts.append((f.id, None, base))
                continue
            for s in p.schools:
                if c.id in pins and pins[c.id].school not in (None, s.id):
                    continue
                d = km(f.location, s.location)
                if c.school_kind in s.kinds and d <= c.max_school_km and s.free_seats > 0:
                    opts.append((f.id, s.id, base - w.school_km * d))
        options.append(opts)
    seats = {s.id: s.free_seats for s in p.schools}
    best = None
    places = {f.id: 0 for f in p.families}
    used = {s.id: 0 for s in p.schools}
    chosen = [None] * len(p.children)

    def leaf():
        where = {c.id: chosen[k][0] for k, c in enumerate(p.children) if chosen[k] is not None}
        bonus = 0.0
        for gid, g in groups.items():
            mem = [c.id for c in p.children if c.sibling_group == gid]
            placed = [m for m in mem if m in where]
            if g.keep_together:
                if placed and (len(placed) < len(mem) or len({where[m] for m in placed}) > 1):
                    return None
                continue
            for i, a in enumerate(placed):
                for b in placed[i + 1 :]:
                    if where[a] == where[b]:
                        bonus += w.siblings_together
                    elif km(fams[where[a]].location, fams[where[b]].location) > g.max_apart_km:
                        return None
        prio = sum(c.priority for k, c in enumerate(p.children) if chosen[k] is not None)
        return prio, sum(o[2] for o in chosen if o is not None) + bonus

    def go(k):
        nonlocal best
        if k == len(p.children):
            v = leaf()
            if v is not None and (best is None or v > best):
                best = v
            return
        for o in options[k]:
            if o is not None:
                if places[o[0]] >= fams[o[0]].free_places or (
                    o[1] is not None and used[o[1]] >= seats[o[1]]
                ):
                    continue
                places[o[0]] += 1
                if o[1] is not None:
                    used[o[1]] += 1
            chosen[k] = o
            go(k + 1)
            if o is not None:
                places[o[0]] -= 1
                if o[1] is not None:
                    used[o[1]] -= 1
        chosen[k] = None

    go(0)
    return best


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
@example(13371)  # a pinned child's sibling once kept far away by the LP rounding (rule 9)
def test_solver_matches_brute_force_and_obeys_every_rule(seed):
    p = random_session(seed)
    expected = brute_force(p)
    proposal = solve(p, time_limit_s=30, exact=True)
    assert check_proposal(p, proposal) == []
    if expected is None:
        assert proposal.status is Status.INFEASIBLE and proposal.conflicts
        return
    assert proposal.status is Status.OPTIMAL
    assert proposal.objective.priority == expected[0]
    assert abs(proposal.objective.score - expected[1]) <= 0.01 * len(p.children) + 1e-6
    # without an exact proof: optimal in the contract's sense, and truly so
    close = solve(p, time_limit_s=30)
    assert check_proposal(p, close) == []
    assert close.status is Status.OPTIMAL
    assert close.objective.priority == expected[0]
    allowed = per_placement(p.weights) * len(close.placements)
    assert expected[1] - close.objective.score <= allowed + 1e-6
    assert close.objective.proven_gap is not None and close.objective.proven_gap <= allowed + 1e-6
    g = greedy(p)
    assert check_proposal(p, g) == []
    if g.objective is not None:
        assert g.objective.priority <= proposal.objective.priority


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
def test_lp_pricing_with_one_family_per_child_still_finds_the_optimum(seed):
    """With TOP_K = 1 and no promising columns, the first model almost never
    holds the optimum, so this exercises the reduced-cost pricing that must
    add back every triple that matters (solver.columns)."""
    p = random_session(seed)
    expected = brute_force(p)
    old = columns.TOP_K, engine.PROMISING_K
    columns.TOP_K, engine.PROMISING_K = 1, 0
    try:
        proposal = solve(p, time_limit_s=30, exact=True)
    finally:
        columns.TOP_K, engine.PROMISING_K = old
    assert check_proposal(p, proposal) == []
    if expected is None:
        assert proposal.status is Status.INFEASIBLE
        return
    assert proposal.status is Status.OPTIMAL
    assert proposal.objective.priority == expected[0]
    assert abs(proposal.objective.score - expected[1]) <= 0.01 * len(p.children) + 1e-6
