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
from typing import NamedTuple

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
    """The centre of every four-digit postcode."""
    with open(DATA / "pc4_centroids.csv", newline="", encoding="utf-8") as file:
        return [Point(float(row["lat"]), float(row["lon"])) for row in csv.DictReader(file)]


class _DuoSchool(NamedTuple):
    """One school of the DUO table, with the school kinds it teaches."""

    code: str  # DUO's vestigingscode
    location: Point
    kinds: tuple[str, ...]


def _schools() -> list[_DuoSchool]:
    out = []
    with open(DATA / "schools.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            kinds = _KINDS.get(row["school_type"])
            if kinds is None or not row["lat"]:
                continue
            if row.get("newcomer_hint"):
                kinds = (*kinds, "newcomer")
            location = Point(float(row["lat"]), float(row["lon"]))
            out.append(_DuoSchool(row["vestigingscode"], location, kinds))
    return out


def _near(rnd: random.Random, point: Point, km: float) -> Point:
    """A point up to about ``km`` north or south and east or west of ``point``."""
    return Point(point.lat + rnd.uniform(-km, km) / 111.0, point.lon + rnd.uniform(-km, km) / 68.0)


def session(size: Size, seed: int = 1) -> Problem:
    rnd = random.Random(seed)
    pc4 = _pc4()
    cities = rnd.sample(pc4, 40)
    families = tuple(
        Family(
            id=f"F{number}",
            location=_near(rnd, rnd.choice(pc4), 1.0),
            free_places=rnd.choice(size.places),
            age_min=(age_min := rnd.choice([0, 0, 4, 10])),
            age_max=rnd.choice([12, 18, 18]) if age_min < 10 else 18,
            genders=frozenset(rnd.choice([("f", "m", "x")] * 6 + [("f",), ("m",), ("f", "x")])),
            training=frozenset(
                training
                for training, chance in (("exploitation", 0.8), ("trauma", 0.4))
                if rnd.random() < chance
            ),
            languages=frozenset(
                ["nl"] * (rnd.random() < 0.9)
                + [rnd.choice(["ro", "bg", "ar", "pl"])] * (rnd.random() < 0.3)
            ),
        )
        for number in range(size.families)
    )
    all_schools = _schools()
    picked = rnd.sample(all_schools, min(size.schools, len(all_schools)))
    schools = tuple(
        School(
            school.code, school.location, frozenset(school.kinds), rnd.choice([0, 1, 2, 3, 5, 10])
        )
        for school in picked
    )
    networks = tuple(
        Network(
            f"N{number}",
            tuple(
                _near(rnd, rnd.choice(ABROAD), 3.0)
                if rnd.random() < 0.1
                else _near(rnd, rnd.choice(cities), 5.0)
                for _ in range(rnd.randint(3, 9))
            ),
        )
        for number in range(size.networks)
    )
    groups = []
    children = []
    while len(children) < size.children:
        n_groups = len(groups)
        n_siblings = rnd.choice([2, 2, 3]) if n_groups < size.groups and rnd.random() < 0.3 else 1
        group_id = None
        if n_siblings > 1:
            group_id = f"G{n_groups}"
            keep_together = rnd.random() < 0.6
            max_apart_km = rnd.choice([15.0, 25.0, 40.0])
            groups.append(SiblingGroup(group_id, keep_together, max_apart_km))
        linked = (
            tuple(rnd.sample([network.id for network in networks], rnd.choice([1, 1, 2])))
            if rnd.random() < 0.9
            else ()
        )
        for _ in range(min(n_siblings, size.children - len(children))):
            age = rnd.randint(5, 17)
            kind = rnd.choices(
                ["primary" if age <= 11 else "secondary", "special", "newcomer", None],
                [80, 8, 4, 8],
            )[0]
            children.append(
                Child(
                    id=f"C{len(children)}",
                    age=age,
                    gender=rnd.choice(["f", "m", "m", "x"]) if rnd.random() < 0.97 else "x",
                    safety_km=rnd.choice([50.0, 50.0, 50.0, 75.0]),
                    max_school_km=15.0,
                    priority=rnd.choices([1, 2, 3, 4, 5], [30, 25, 20, 15, 10])[0],
                    training_needed=frozenset(
                        training
                        for training, chance in (("exploitation", 0.7), ("trauma", 0.25))
                        if rnd.random() < chance
                    ),
                    languages=frozenset(
                        rnd.choices(["nl", "ro", "bg", "ar", "pl"], [50, 20, 10, 10, 10])
                    ),
                    school_kind=kind,
                    networks=linked,
                    sibling_group=group_id,
                )
            )
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
    known = [location for network in networks for location in network.locations]

    def km_to_known(point: Point) -> float:
        """Roughly how far the nearest known network location is."""
        return min(
            abs(point.lat - location.lat) * 111 + abs(point.lon - location.lon) * 68
            for location in known
        )

    def remote() -> Point:
        return max(rnd.sample(pc4, 8), key=km_to_known)

    units = tuple(
        Family(
            id=f"U{number}",
            location=_near(rnd, remote(), 1.0),
            free_places=60 if number == 0 else rnd.choice([2, 3, 4, 4, 6, 8, 12]),
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
        for number in range(size.units)
    )
    authorised = [
        replace(child, closed_care=True)
        if child.age >= 12 and rnd.random() < (0.5 if child.priority >= 4 else 0.05)
        else child
        for child in children
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


def _changed(problem: Problem, proposal: Proposal) -> tuple[Problem, str]:
    """The session with one more forbidden pair: the placement of the most
    urgent placed child (what an officer does on the matching page)."""
    child_by_id = {child.id: child for child in problem.children}
    pinned = {pin.child for pin in problem.pins}
    free = [placement for placement in proposal.placements if placement.child not in pinned]
    target = max(
        free, key=lambda placement: (child_by_id[placement.child].priority, placement.child)
    )
    forbid = Forbidden(target.child, target.family)
    changed = replace(problem, forbidden=(*problem.forbidden, forbid))
    return changed, f"forbid {target.child}-{target.family}"


def run_one(
    generator: str,
    name: str,
    time_limit: float,
    seed: int,
    resolve: bool,
    closed_unit_weight: float | None = None,
) -> str:
    problem = make_session(generator, name, seed)
    if closed_unit_weight is not None:
        weights = replace(problem.weights, closed_unit=closed_unit_weight)
        problem = replace(problem, weights=weights)
    first: list[float] = []  # when the first plan came

    def progress(report: Progress) -> None:
        if not first:
            first.append(report.elapsed_s)

    started = time.monotonic()
    proposal = solve(problem, time_limit_s=time_limit, on_progress=progress)
    wall = time.monotonic() - started
    again = ""
    if resolve and proposal.placements:
        changed, what = _changed(problem, proposal)
        started = time.monotonic()
        second = solve(changed, time_limit_s=time_limit, previous=Previous(problem, proposal))
        again = f"{time.monotonic() - started:.2f} s ({second.status.value}, {what})"
    started = time.monotonic()
    baseline = greedy(problem)
    greedy_s = time.monotonic() - started
    recommend_ms = ""
    if name == "national":
        latencies_ms = []
        for child in problem.children[:20]:
            started = time.perf_counter()
            recommend(problem, child.id)
            latencies_ms.append((time.perf_counter() - started) * 1000)
        recommend_ms = f"{statistics.median(latencies_ms):.0f} ms (max {max(latencies_ms):.0f})"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    objective = proposal.objective
    value = f"{objective.priority} / {objective.score:.1f}" if objective else "-"
    if objective is None or objective.priority_bound is None:
        bound = "-"
    else:
        score_bound = f"{objective.score_bound:.1f}" if objective.score_bound is not None else "-"
        bound = f"{objective.priority_bound} / {score_bound}"
    gap = (
        f"{objective.proven_gap:.2f}"
        if objective is not None and objective.proven_gap is not None
        else "-"
    )
    if proposal.status.value == "optimal":
        proof = f"{wall:.2f} s"
    elif objective is not None and objective.score_bound is not None:
        proof = f"priority proven in {wall:.2f} s"
    else:
        proof = f"not proven ({wall:.1f} s)"
    first_plan = f"{first[0]:.2f} s" if first else "-"
    greedy_objective = baseline.objective
    greedy_value = (
        f"{greedy_objective.priority} / {greedy_objective.score:.1f}" if greedy_objective else "-"
    )
    counts = f"{len(problem.children)}/{len(problem.families)}/{len(problem.schools)}"
    units = {family.id for family in problem.families if family.closed}
    placed = str(len(proposal.placements))
    if units:
        in_units = sum(placement.family in units for placement in proposal.placements)
        counts += f" ({len(units)} units)"
        placed += f" ({in_units} in units)"
    return (
        f"| {generator} | {name} | {seed} | {counts} | {first_plan} | {proof} | {peak_mb:.0f} MB | "
        f"{proposal.status.value} | {value} | {bound} | {gap} | {placed} | "
        f"{greedy_value} ({greedy_s:.2f} s) | {again} | {recommend_ms} |"
    )


HEADER = (
    "| generator | size | seed | children/families/schools | first solution | proof | peak RSS "
    "| status | priority / score | bound | proven gap | placed | greedy (time) | re-solve "
    "| recommend |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m solver.bench")
    parser.add_argument("--size", choices=sorted(SIZES), action="append")
    parser.add_argument("--generator", choices=GENERATORS, action="append")
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds per solve (default 60)"
    )
    parser.add_argument("--seed", type=int, action="append", help="repeat for several seeds")
    parser.add_argument(
        "--resolve", action="store_true", help="re-solve after one more forbidden pair"
    )
    parser.add_argument(
        "--closed-unit-weight",
        type=float,
        help="the closed_unit weight (default 50: a unit only where no family fits)",
    )
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.size or ["small", "medium", "national", "scarce"]
    generators = args.generator or list(GENERATORS)
    seeds = args.seed or [1]
    if args.one:
        row = run_one(
            generators[0],
            names[0],
            args.time_limit,
            seeds[0],
            args.resolve,
            args.closed_unit_weight,
        )
        print(row, flush=True)
        return 0
    print(HEADER, flush=True)
    for name in names:
        for generator in generators:
            for seed in seeds:
                command = [
                    sys.executable,
                    "-m",
                    "solver.bench",
                    "--one",
                    "--size",
                    name,
                    "--generator",
                    generator,
                    "--time-limit",
                    str(args.time_limit),
                    "--seed",
                    str(seed),
                ]
                if args.resolve:
                    command.append("--resolve")
                if args.closed_unit_weight is not None:
                    command += ["--closed-unit-weight", str(args.closed_unit_weight)]
                subprocess.run(command, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
