"""Benchmark: ``python -m solver.bench [--size NAME] [--generator G] [--seed N ...]``.

Two generators: this module's seeded, realistic Dutch sessions (families at
real PC4 centroids, real DUO schools, criminal networks around Dutch cities
and a few abroad, sibling groups, children of every priority; at national
size also about 30 closed youth-care units and the children a court has
authorised to go there), and
:mod:`solver.bench_towns`, written from the contract alone. Each size,
generator and seed runs in its own process so that peak memory (max RSS)
belongs to that run alone. Prints one table row per run; the numbers go in
README.md ("Solver benchmark"). ``--resolve`` solves again after forbidding
one placement of the plan, as an officer would.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from solver.engine import Previous, greedy, solve
from solver.problem import (
    CLOSED_UNIT,
    Child,
    Family,
    Forbidden,
    Network,
    Point,
    Problem,
    School,
    SiblingGroup,
)
from solver.proposal import Progress, Proposal
from solver.recommend import recommend

DATA = Path(__file__).resolve().parents[1] / "resources" / "data"

ABROAD = [
    Point(51.2194, 4.4025),  # Antwerp
    Point(50.8503, 4.3517),  # Brussels
    Point(51.2277, 6.7735),  # Düsseldorf
    Point(44.4268, 26.1025),  # Bucharest
    Point(42.6977, 23.3219),  # Sofia
    Point(48.8566, 2.3522),  # Paris
]

_KINDS = {
    "BO": ("primary",),
    "SBO": ("special", "special-primary"),
    "SO": ("special", "special-primary"),
    "VSO": ("special", "special-secondary"),
    "SO+VSO": ("special", "special-primary", "special-secondary"),
    "VO": ("secondary",),
}


@dataclass(frozen=True)
class Size:
    name: str
    children: int
    families: int
    schools: int
    networks: int
    groups: int
    places: tuple[int, ...] = (1, 1, 2, 2, 3)
    #: closed youth-care units (kind ``closed-unit``) besides the families
    units: int = 0


SIZES = {
    "small": Size("small", 40, 200, 150, 5, 3),
    "medium": Size("medium", 200, 1500, 1500, 15, 12),
    "national": Size("national", 1000, 5000, 8000, 50, 60, units=30),
    "scarce": Size("scarce", 400, 200, 2000, 20, 25, places=(1, 1, 1, 2)),
    # four times national; the real school table holds fewer than 20,000 schools
    "national4": Size("national4", 4000, 20000, 20000, 200, 240),
}


def _pc4() -> list[Point]:
    with open(DATA / "pc4_centroids.csv", newline="", encoding="utf-8") as fh:
        return [Point(float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)]


def _schools() -> list[tuple[str, Point, tuple[str, ...]]]:
    out = []
    with open(DATA / "schools.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            kinds = _KINDS.get(r["school_type"])
            if kinds is None or not r["lat"]:
                continue
            if r.get("newcomer_hint"):
                kinds = (*kinds, "newcomer")
            out.append((r["vestigingscode"], Point(float(r["lat"]), float(r["lon"])), kinds))
    return out


def _near(rnd: random.Random, p: Point, km: float) -> Point:
    return Point(p.lat + rnd.uniform(-km, km) / 111.0, p.lon + rnd.uniform(-km, km) / 68.0)


def session(size: Size, seed: int = 1) -> Problem:
    rnd = random.Random(seed)
    pc4 = _pc4()
    cities = rnd.sample(pc4, 40)
    families = tuple(
        Family(
            id=f"F{k}",
            location=_near(rnd, rnd.choice(pc4), 1.0),
            free_places=rnd.choice(size.places),
            age_min=(lo := rnd.choice([0, 0, 4, 10])),
            age_max=rnd.choice([12, 18, 18]) if lo < 10 else 18,
            genders=frozenset(rnd.choice([("f", "m", "x")] * 6 + [("f",), ("m",), ("f", "x")])),
            training=frozenset(
                t for t, p in (("exploitation", 0.8), ("trauma", 0.4)) if rnd.random() < p
            ),
            languages=frozenset(
                ["nl"] * (rnd.random() < 0.9)
                + [rnd.choice(["ro", "bg", "ar", "pl"])] * (rnd.random() < 0.3)
            ),
        )
        for k in range(size.families)
    )
    all_schools = _schools()
    picked = rnd.sample(all_schools, min(size.schools, len(all_schools)))
    schools = tuple(
        School(sid, p, frozenset(kinds), rnd.choice([0, 1, 2, 3, 5, 10]))
        for sid, p, kinds in picked
    )
    networks = tuple(
        Network(
            f"N{k}",
            tuple(
                _near(rnd, rnd.choice(ABROAD), 3.0)
                if rnd.random() < 0.1
                else _near(rnd, rnd.choice(cities), 5.0)
                for _ in range(rnd.randint(3, 9))
            ),
        )
        for k in range(size.networks)
    )
    groups = []
    children = []
    gid = 0
    k = 0
    while len(children) < size.children:
        n_sib = rnd.choice([2, 2, 3]) if gid < size.groups and rnd.random() < 0.3 else 1
        g = None
        if n_sib > 1:
            g = f"G{gid}"
            groups.append(
                SiblingGroup(
                    g, keep_together=rnd.random() < 0.6, max_apart_km=rnd.choice([15.0, 25.0, 40.0])
                )
            )
            gid += 1
        nets = (
            tuple(rnd.sample([n.id for n in networks], rnd.choice([1, 1, 2])))
            if rnd.random() < 0.9
            else ()
        )
        for _ in range(min(n_sib, size.children - len(children))):
            age = rnd.randint(5, 17)
            kind = rnd.choices(
                ["primary" if age <= 11 else "secondary", "special", "newcomer", None],
                [80, 8, 4, 8],
            )[0]
            children.append(
                Child(
                    id=f"C{k}",
                    age=age,
                    gender=rnd.choice(["f", "m", "m", "x"]) if rnd.random() < 0.97 else "x",
                    safety_km=rnd.choice([50.0, 50.0, 50.0, 75.0]),
                    max_school_km=15.0,
                    priority=rnd.choices([1, 2, 3, 4, 5], [30, 25, 20, 15, 10])[0],
                    training_needed=frozenset(
                        t for t, p in (("exploitation", 0.7), ("trauma", 0.25)) if rnd.random() < p
                    ),
                    languages=frozenset(
                        rnd.choices(["nl", "ro", "bg", "ar", "pl"], [50, 20, 10, 10, 10])
                    ),
                    school_kind=kind,
                    networks=nets,
                    sibling_group=g,
                )
            )
            k += 1
    if size.units:
        families, children = _with_closed_units(size, seed, pc4, networks, families, children)
    return Problem(families, schools, networks, tuple(children), tuple(groups))


def _with_closed_units(
    size: Size,
    seed: int,
    pc4: list[Point],
    networks: tuple[Network, ...],
    families: tuple[Family, ...],
    children: list[Child],
) -> tuple[tuple[Family, ...], list[Child]]:
    """``size.units`` closed units (one of 60 free places, the others 2–12,
    most with their own secondary and special school; each at the most
    remote of a few postcodes, as units tend to lie outside the cities) and
    an authorisation for about half of the older children of priority 4–5
    and a few others. Drawn from a random stream of their own, so the
    families, schools, networks and children are those of the session
    without units (the children only gain ``closed_care``)."""
    rnd = random.Random(f"units-{seed}")
    known = [loc for n in networks for loc in n.locations]

    def remote() -> Point:
        return max(
            rnd.sample(pc4, 8),
            key=lambda p: min(abs(p.lat - q.lat) * 111 + abs(p.lon - q.lon) * 68 for q in known),
        )

    units = tuple(
        Family(
            id=f"U{k}",
            location=_near(rnd, remote(), 1.0),
            free_places=60 if k == 0 else rnd.choice([2, 3, 4, 4, 6, 8, 12]),
            age_min=12,
            age_max=18,
            genders=frozenset(rnd.choice([("f", "m", "x")] * 4 + [("f",), ("m", "x")])),
            training=frozenset({"exploitation", "trauma"}),
            languages=frozenset({"nl"}),
            kind=CLOSED_UNIT,
            school_on_site=frozenset(
                rnd.choice([("secondary", "special", "special-secondary")] * 4 + [()])
            ),
        )
        for k in range(size.units)
    )
    authorised = [
        replace(c, closed_care=True)
        if c.age >= 12 and rnd.random() < (0.5 if c.priority >= 4 else 0.05)
        else c
        for c in children
    ]
    return families + units, authorised


#: The generators the benchmark runs: this module's (real Dutch data) and the
#: one written from the contract alone (:mod:`solver.bench_towns`).
GENERATORS = ("dutch", "towns")


def make_session(generator: str, name: str, seed: int) -> Problem:
    if generator == "towns":
        from solver import bench_towns

        return bench_towns.session(bench_towns.SIZES[name], seed)
    return session(SIZES[name], seed)


def _changed(p: Problem, proposal: Proposal) -> tuple[Problem, str]:
    """The session with one more forbidden pair: the placement of the most
    urgent placed child (what an officer does on the matching page)."""
    placed = {c.id: c for c in p.children}
    free = [x for x in proposal.placements if x.child not in {q.child for q in p.pins}]
    target = max(free, key=lambda x: (placed[x.child].priority, x.child))
    forbid = Forbidden(target.child, target.family)
    return replace(p, forbidden=(*p.forbidden, forbid)), f"forbid {target.child}-{target.family}"


def run_one(
    generator: str,
    name: str,
    time_limit: float,
    seed: int,
    resolve: bool,
    closed_unit_weight: float | None = None,
) -> str:
    p = make_session(generator, name, seed)
    if closed_unit_weight is not None:
        p = replace(p, weights=replace(p.weights, closed_unit=closed_unit_weight))
    first: list[float] = []

    def progress(pr: Progress) -> None:
        if not first:
            first.append(pr.elapsed_s)

    t0 = time.monotonic()
    proposal = solve(p, time_limit_s=time_limit, on_progress=progress)
    wall = time.monotonic() - t0
    again = ""
    if resolve and proposal.placements:
        changed, what = _changed(p, proposal)
        t0 = time.monotonic()
        second = solve(changed, time_limit_s=time_limit, previous=Previous(p, proposal))
        again = f"{time.monotonic() - t0:.2f} s ({second.status.value}, {what})"
    t0 = time.monotonic()
    g = greedy(p)
    g_time = time.monotonic() - t0
    rec = ""
    if name == "national":
        lat = []
        for c in p.children[:20]:
            t0 = time.perf_counter()
            recommend(p, c.id)
            lat.append((time.perf_counter() - t0) * 1000)
        rec = f"{statistics.median(lat):.0f} ms (max {max(lat):.0f})"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    o = proposal.objective
    obj = f"{o.priority} / {o.score:.1f}" if o else "-"
    if o is None or o.priority_bound is None:
        bound = "-"
    else:
        score_bound = f"{o.score_bound:.1f}" if o.score_bound is not None else "-"
        bound = f"{o.priority_bound} / {score_bound}"
    gap = f"{o.proven_gap:.2f}" if o is not None and o.proven_gap is not None else "-"
    if proposal.status.value == "optimal":
        proof = f"{wall:.2f} s"
    elif o is not None and o.score_bound is not None:
        proof = f"priority proven in {wall:.2f} s"
    else:
        proof = f"not proven ({wall:.1f} s)"
    fs = f"{first[0]:.2f} s" if first else "-"
    gobj = f"{g.objective.priority} / {g.objective.score:.1f}" if g.objective else "-"
    counts = f"{len(p.children)}/{len(p.families)}/{len(p.schools)}"
    units = {f.id for f in p.families if f.closed}
    placed = str(len(proposal.placements))
    if units:
        in_units = sum(x.family in units for x in proposal.placements)
        counts += f" ({len(units)} units)"
        placed += f" ({in_units} in units)"
    return (
        f"| {generator} | {name} | {seed} | {counts} | {fs} | {proof} | {peak_mb:.0f} MB | "
        f"{proposal.status.value} | {obj} | {bound} | {gap} | {placed} | "
        f"{gobj} ({g_time:.2f} s) | {again} | {rec} |"
    )


HEADER = (
    "| generator | size | seed | children/families/schools | first solution | proof | peak RSS "
    "| status | priority / score | bound | proven gap | placed | greedy (time) | re-solve "
    "| recommend |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m solver.bench")
    ap.add_argument("--size", choices=sorted(SIZES), action="append")
    ap.add_argument("--generator", choices=GENERATORS, action="append")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--seed", type=int, action="append", help="repeat for several seeds")
    ap.add_argument("--resolve", action="store_true", help="re-solve after one more forbidden pair")
    ap.add_argument(
        "--closed-unit-weight",
        type=float,
        help="the closed_unit weight (default 50: a unit only where no family fits)",
    )
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    names = a.size or ["small", "medium", "national", "scarce"]
    generators = a.generator or list(GENERATORS)
    seeds = a.seed or [1]
    if a.one:
        row = run_one(
            generators[0], names[0], a.time_limit, seeds[0], a.resolve, a.closed_unit_weight
        )
        print(row, flush=True)
        return 0
    print(HEADER, flush=True)
    for n in names:
        for gen in generators:
            for seed in seeds:
                cmd = [
                    sys.executable,
                    "-m",
                    "solver.bench",
                    "--one",
                    "--size",
                    n,
                    "--generator",
                    gen,
                    "--time-limit",
                    str(a.time_limit),
                    "--seed",
                    str(seed),
                ]
                if a.resolve:
                    cmd.append("--resolve")
                if a.closed_unit_weight is not None:
                    cmd += ["--closed-unit-weight", str(a.closed_unit_weight)]
                subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
