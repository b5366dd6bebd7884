"""Exact pair filtering by Lagrangian pricing on a relaxation of the session.

A national session has close to a million fitting child–family pairs; the
optimum uses a thousand. We price every pair on a relaxation ``R`` that is
small to solve as an LP, keep only the pairs that could still be part of an
optimal plan, and hand those to the exact model (:mod:`solver.model`).

*The relaxation R* is built once per solve on the candidates with every
school treated as binding (:func:`solver.model.candidate_families` with
``binding=None``), a superset of the pairs of every model the engine builds,
and with the weight ``W`` of that superset (still larger than any score range
of a subset). Its owners are: each child outside a sibling group, each
keep-together group (placed whole) and each may-split group. Its columns
("place these children of one owner in family f"):

- one child alone in ``f`` at one of its ``SEAT_SCHOOLS`` nearest schools,
  taking a seat there, worth ``W * priority + score`` at that school; when a
  farther school of its kind is in reach, also the same child at "another
  school", taking no seat and scored at the distance of the next-nearest
  school (every other school is at least that far); two units up for
  rounding wherever the score is not the nearest school's own;
- a keep-together group in ``f`` (``k`` places), worth the members' values at
  their nearest schools, taking no seats;
- for a may-split group of at most ``MAX_EXACT_GROUP`` members, every subset
  of two or more members together in ``f`` (only where ``f`` has the places),
  worth their values plus one bonus per pair, taking no seats. Larger groups
  get no subset columns; every member's single columns carry an optimistic
  share of the bonus instead (:func:`solver.model.bonus_share`).

Rows: every child (a keep-together group: the group) at most once, every
family at most its free places, every school at most its free seats (only
for the columns that take one). Rule 9 (siblings apart) is left out.

*R bounds the session from above.* Map a session plan to R: per may-split
group, the members sharing a family form one subset column (singletons stay
single); a keep-together group its group column; a lone child at one of its
``SEAT_SCHOOLS`` nearest schools that school's seat-taking column, at any
other school the "another school" column. The map keeps every row (seats
included: a column takes a seat only where the child sits in the plan, and
group columns take none) and R's value is at least the plan's: the same
priorities, every score at the child's own school, at its nearest school
or at a distance no farther than the child's school, the same sibling
bonuses (large groups: at most the sum of the shares, each shared pair
being counted from both members at half a bonus). A pinned school is valued
as pinned when that scores higher.

*Pricing.* Take multipliers ``y >= 0`` for the family and seat rows (from R's
LP, solved by column generation from the ``TOP_K`` best columns of each
owner; any ``y`` gives a valid bound, good ones a tight one). For a plan,
``value <= sum y·b + sum over owners of what the owner's columns in the plan
earn at the priced values v - y·a``. An owner's columns in a plan place
disjoint sets of its children, so that sum is at most the best such
packing, found by a small dynamic programme over subsets of the owner's
members (or ``0`` with everyone unplaced). A plan using column ``j`` of
owner ``o`` earns at most ``v_j - y·a_j`` plus the best packing of the
other members: that gives the bound per column.

*Proof of exactness.* Let ``V`` be the value of a plan of the session (we
take the optimum of the model over the columns the LP looked at, when it
keeps every seat). Every pair whose every column has a bound below ``V``
lies in no session plan worth ``V`` or more, so in no optimal plan. The
model over the kept pairs (and any binding schools) therefore contains
every optimal plan; its optimum, once it keeps every seat, is the
session's optimum. Values are integers (model units); a slack of half a
unit plus a relative 1e-9 covers floating-point error, so rounding can only
keep more pairs. If an LP fails, every pair is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import reduce
from itertools import combinations

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from solver import scores
from solver.geo import distance_km
from solver.mip import quiet_stdout
from solver.model import Scale, bonus_share, groups_by_id, members, pins_by_child
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.tables import Tables

#: Columns per unit set in the first LP of the column generation.
TOP_K = 10
#: May-split groups up to this size get a column per subset (exact bonus).
MAX_EXACT_GROUP = 4
#: Column generation stops after this many LP rounds (the bound stays valid).
MAX_ROUNDS = 30
#: A lone child's columns take a seat at one of this many nearest schools.
SEAT_SCHOOLS = 2
#: Families with up to this many places get an exact knapsack in the family bound.
KNAPSACK_PLACES = 6


def _packings(cap: int) -> list[dict[int, int]]:
    """Every way to fill at most ``cap`` places with columns of sizes 1..cap,
    as {size: how many}."""
    out: list[dict[int, int]] = [{}]
    for sz in range(1, cap + 1):
        out = [{**c, sz: n} for c in out for n in range(0, (cap - sum(k * m for k, m in c.items())) // sz + 1)]
    return out


@dataclass(slots=True)
class Columns:
    """Every candidate pair as flat arrays; ``units`` is its best score (nearest school)."""

    child: NDArray[np.int64]
    family: NDArray[np.int64]
    units: NDArray[np.int64]

    @classmethod
    def of(cls, rows: list[ChildRow], cands: dict[int, NDArray[np.int64]]) -> Columns:
        child = np.concatenate([np.full(len(f), i, dtype=np.int64) for i, f in cands.items()] or [np.zeros(0, np.int64)])
        family = np.concatenate([np.asarray(f, dtype=np.int64) for f in cands.values()] or [np.zeros(0, np.int64)])
        units = np.concatenate([scores.model_units(rows[i].score[f]) for i, f in cands.items()] or [np.zeros(0, np.int64)])
        return cls(child, family, units)

    def subset(self, keep: NDArray[np.bool_]) -> dict[int, NDArray[np.int64]]:
        out: dict[int, list[int]] = {}
        for i, f in zip(self.child[keep], self.family[keep], strict=True):
            out.setdefault(int(i), []).append(int(f))
        return {i: np.array(f, dtype=np.int64) for i, f in out.items()}


@dataclass(slots=True)
class Pricing:
    """Multipliers of R and what they say about every column."""

    bound: float  # no plan is worth more
    best: NDArray[np.float64]  # per column: no plan that uses it is worth more
    looked_at: NDArray[np.bool_]  # the columns of the last LP
    tight: frozenset[int]  # schools whose seats the LP found binding

    def needed(self, incumbent: float) -> NDArray[np.bool_]:
        """Columns that may still be in a plan worth at least ``incumbent``."""
        slack = 0.5 + 1e-9 * (abs(self.bound) + abs(incumbent))
        return self.best >= incumbent - slack


@dataclass(slots=True)
class Relaxation:
    """The relaxation R of the module docstring, as flat column arrays."""

    rows: NDArray[np.int64]  # (columns, m): unit rows, padded with n_units
    family: NDArray[np.int64]
    size: NDArray[np.int64]  # places the column takes
    value: NDArray[np.float64]  # W * priority + score (model units)
    group: NDArray[np.int64]  # which unit set the column places
    owner: NDArray[np.int64]  # the unit or may-split group it belongs to
    bits: NDArray[np.int64]  # which of the owner's members it places, as bits
    full: NDArray[np.int64]  # owner -> bits of all its members
    school: NDArray[np.int64]  # the school whose seat the column takes, -1 for none
    seats: NDArray[np.int64]
    children: NDArray[np.int64]  # (n_units + 1, kmax): children of each unit row, -1 padded
    places: NDArray[np.int64]
    scale: Scale

    @property
    def n_units(self) -> int:
        return len(self.children) - 1

    @classmethod
    def of(cls, problem: Problem, t: Tables, rows: list[ChildRow], cands: dict[int, NDArray[np.int64]], scale: Scale) -> Relaxation:
        grp = groups_by_id(problem)
        mem = members(problem)
        pins = pins_by_child(problem)
        share = bonus_share(problem)
        bonus = int(scores.model_units(scores.siblings_together(problem.weights)))
        empty = np.zeros(0, dtype=np.int64)

        def worth(i: int, fams: NDArray[np.int64]) -> NDArray[np.int64]:
            row = rows[i]
            u = scores.model_units(row.score[fams])
            pin = pins.get(row.child.id)
            if pin is not None and pin[1].school is not None and row.needs_school and len(fams):
                s = t.schools.index[pin[1].school]
                km = np.array([distance_km(t.families.lat[f], t.families.lon[f], t.schools.lat[s], t.schools.lon[s]) for f in fams])
                pinned = scores.model_units(scores.placement_score(row.shares_language[fams], row.network_km[fams], row.child.safety_km, km, problem.weights))
                u = np.maximum(u, pinned)
            return scale.weight * row.child.priority + u

        units: list[list[int]] = []
        # (unit rows, families, values, places taken, owner, members of the owner as bits, seat taken)
        blocks: list[tuple[list[int], NDArray[np.int64], NDArray[np.int64], int, int, int, NDArray[np.int64]]] = []

        def no_seat(fams: NDArray[np.int64]) -> NDArray[np.int64]:
            return np.full(len(fams), -1, dtype=np.int64)

        def single(i: int, unit: int, fams: NDArray[np.int64], extra: int, owner: int, bits: int) -> None:
            """One child alone in ``f``: at one of its ``SEAT_SCHOOLS``
            nearest schools (taking a seat there) or, when a farther school
            is in reach, at an optimistic "other school" (at the distance of
            the next-nearest one), taking no seat. Two units up for rounding
            wherever the score is not the nearest school's own."""
            row = rows[i]
            value = worth(i, fams) + extra
            if not row.needs_school or row.child.id in pins:
                blocks.append(([unit], fams, value, 1, owner, bits, no_seat(fams)))
                return
            idx, km = t.schools.nearest_schools(row.child.school_kind, t.families, SEAT_SCHOOLS + 1)
            idx, km = idx[fams], km[fams]
            near = row.school_km[fams]
            for j in range(SEAT_SCHOOLS + 1):
                ok = km[:, j] <= row.child.max_school_km
                lower = 0 if j == 0 else scores.model_units(problem.weights.school_km * (km[ok, j] - near[ok])) - 2
                seat = idx[ok, j] if j < SEAT_SCHOOLS else no_seat(fams[ok])
                blocks.append(([unit], fams[ok], value[ok] - lower, 1, owner, bits, seat))
        full: list[int] = []  # owner -> bits of all its members
        seen: set[str] = set()
        for i, row in enumerate(rows):
            gid = row.child.sibling_group
            if gid is None:
                units.append([i])
                single(i, len(units) - 1, cands.get(i, empty), 0, len(full), 1)
                full.append(1)
                continue
            if gid in seen:
                continue
            seen.add(gid)
            m = mem[gid]
            if grp[gid].keep_together:
                units.append(m)
                fams = reduce(np.intersect1d, [cands.get(j, empty) for j in m])
                blocks.append(([len(units) - 1], fams, sum(worth(j, fams) for j in m), len(m), len(full), 1, no_seat(fams)))
                full.append(1)
                continue
            exact = len(m) <= MAX_EXACT_GROUP
            unit_of = {}
            for p, j in enumerate(m):
                units.append([j])
                unit_of[j] = len(units) - 1
                fams = cands.get(j, empty)
                if exact:
                    single(j, unit_of[j], fams, 0, len(full), 1 << p)
                else:
                    single(j, unit_of[j], fams, share[j], len(full), 1)
                    full.append(1)
            if exact:
                for k in range(2, len(m) + 1):
                    for sub in combinations(range(len(m)), k):
                        fams = reduce(np.intersect1d, [cands.get(m[p], empty) for p in sub])
                        fams = fams[t.families.places[fams] >= k]
                        if len(fams):
                            value = sum(worth(m[p], fams) for p in sub) + bonus * (k * (k - 1) // 2)
                            blocks.append(([unit_of[m[p]] for p in sub], fams, value, k, len(full), sum(1 << p for p in sub), no_seat(fams)))
                full.append((1 << len(m)) - 1)
        n_units = len(units)
        width = max((len(b[0]) for b in blocks), default=1)
        kmax = max((len(u) for u in units), default=1)
        children = np.full((n_units + 1, kmax), -1, dtype=np.int64)
        for r, u in enumerate(units):
            children[r, : len(u)] = u
        lens = [len(b[1]) for b in blocks]
        rows_arr = np.full((sum(lens), width), n_units, dtype=np.int64)
        pos = 0
        for (rs, *_), n in zip(blocks, lens, strict=True):
            rows_arr[pos : pos + n, : len(rs)] = rs
            pos += n
        cat = lambda parts: np.concatenate(parts) if parts else empty  # noqa: E731
        return cls(
            rows=rows_arr,
            family=cat([b[1] for b in blocks]).astype(np.int64),
            size=cat([np.full(n, b[3], dtype=np.int64) for b, n in zip(blocks, lens, strict=True)]),
            value=cat([np.asarray(b[2], dtype=np.int64) for b in blocks]).astype(np.float64),
            group=cat([np.full(n, g, dtype=np.int64) for g, n in enumerate(lens)]),
            owner=cat([np.full(n, b[4], dtype=np.int64) for b, n in zip(blocks, lens, strict=True)]),
            bits=cat([np.full(n, b[5], dtype=np.int64) for b, n in zip(blocks, lens, strict=True)]),
            school=cat([b[6] for b in blocks]).astype(np.int64),
            seats=t.schools.seats,
            full=np.array(full, dtype=np.int64),
            children=children,
            places=t.families.places,
            scale=scale,
        )

    def top(self, k: int) -> NDArray[np.bool_]:
        """The ``k`` best columns of every unit set."""
        order = np.lexsort((-self.value, self.group))
        ranked = self.group[order]
        rank = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
        out = np.zeros(len(order), dtype=bool)
        out[order[rank < k]] = True
        return out

    def _lp(self, active: NDArray[np.bool_], seconds: float) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]] | None:
        """Optimal LP multipliers (units, families, schools) of R over the active columns."""
        idx = np.flatnonzero(active)
        nu = self.n_units
        r = self.rows[idx]
        col = np.repeat(np.arange(len(idx)), r.shape[1])
        rr = r.ravel()
        real = rr < nu
        fams, finv = np.unique(self.family[idx], return_inverse=True)
        sch = self.school[idx]
        seated = np.flatnonzero(sch >= 0)
        schools, sinv = np.unique(sch[seated], return_inverse=True)
        nf = nu + len(fams)
        a = coo_matrix(
            (
                np.concatenate([np.ones(int(real.sum())), self.size[idx].astype(np.float64), np.ones(len(seated))]),
                (np.concatenate([rr[real], nu + finv, nf + sinv]), np.concatenate([col[real], np.arange(len(idx)), seated])),
            ),
            shape=(nf + len(schools), len(idx)),
        ).tocsr()
        b = np.concatenate([np.ones(nu), self.places[fams], self.seats[schools]]).astype(np.float64)
        with quiet_stdout():
            res = linprog(-self.value[idx], A_ub=a, b_ub=b, bounds=(0, 1), method="highs", options={"time_limit": max(seconds, 0.05)})
        if res.status != 0:
            return None
        y = np.maximum(-np.asarray(res.ineqlin.marginals), 0.0)
        y_unit = np.zeros(nu + 1)
        y_unit[:nu] = y[:nu]
        y_fam = np.zeros(len(self.places))
        y_fam[fams] = y[nu:nf]
        y_school = np.zeros(len(self.seats) + 1)  # the last one: "no seat taken"
        y_school[schools] = y[nf:]
        return y_unit, y_fam, y_school

    def price(self, deadline: float) -> Pricing | None:
        """Column generation on R's LP; None when an LP fails."""
        if len(self.value) == 0:
            return Pricing(0.0, np.zeros(0), np.zeros(0, dtype=bool), frozenset())
        active = self.top(TOP_K)
        for _ in range(MAX_ROUNDS):
            duals = self._lp(active, deadline - time.monotonic())
            if duals is None:
                return None
            y_unit, y_fam, y_school = duals
            red = self.value - self.size * y_fam[self.family] - y_school[self.school]
            rc = red - y_unit[self.rows].sum(axis=1)
            new = ~active & (rc > 1e-6)
            if not new.any() or time.monotonic() >= deadline:
                break
            active |= new
        seat_part = float((self.seats * y_school[:-1]).sum())
        bound, best = self._owner_bound(red, float((self.places * y_fam).sum()) + seat_part)
        by_family, best_family = self._family_bound(self.value - y_unit[self.rows].sum(axis=1) - y_school[self.school], float(y_unit.sum()) + seat_part)
        return Pricing(min(bound, by_family), np.minimum(best, best_family), active, frozenset(np.flatnonzero(y_school[:-1] > 0).tolist()))

    def _family_bound(self, red: NDArray[np.float64], rows: float) -> tuple[float, NDArray[np.float64]]:
        """The Lagrangian bound with the child and seat rows priced (their
        part is ``rows``, ``red`` the priced column values) and the family
        places kept: per family a small knapsack (module docstring)."""
        n_fam = len(self.places)
        cap = int(min(self.places.max(initial=0), KNAPSACK_PLACES))
        pos = red > 0
        fam, size, val = self.family[pos], self.size[pos], red[pos]
        # top[s][f, n]: the best n columns of size s in family f, summed
        top: dict[int, NDArray[np.float64]] = {}
        for sz in range(1, cap + 1):
            k = np.flatnonzero(size == sz)
            width = cap // sz
            order = k[np.lexsort((-val[k], fam[k]))]
            ranked = fam[order]
            rank = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
            use = rank < width
            table = np.zeros((n_fam, width + 1))
            table[ranked[use], rank[use] + 1] = val[order[use]]
            top[sz] = np.cumsum(table, axis=1)
        knap = np.zeros((n_fam, cap + 1))
        for counts in _packings(cap):
            used = sum(sz * n for sz, n in counts.items())
            gain = sum((top[sz][:, n] for sz, n in counts.items()), np.zeros(n_fam))
            knap[:, used:] = np.maximum(knap[:, used:], gain[:, None])
        # families with more places than the table: everything positive fits at most
        loose = np.bincount(fam, weights=val, minlength=n_fam)
        places = self.places
        small = places <= cap
        whole = np.where(small, knap[np.arange(n_fam), np.minimum(places, cap)], loose)
        bound = rows + float(whole.sum())
        left = np.maximum(places[self.family] - self.size, 0)
        after = np.where(small[self.family], knap[self.family, np.minimum(left, cap)], loose[self.family])
        # the column itself may be counted again in ``after``: still an upper bound
        return bound, bound - whole[self.family] + red + after

    def _owner_bound(self, red: NDArray[np.float64], rows: float) -> tuple[float, NDArray[np.float64]]:
        """The Lagrangian bound with the family and seat rows priced (their
        part is ``rows``, ``red`` the priced column values), and per column
        the bound for plans that use it (module docstring)."""
        owners = len(self.full)
        masks = 1 << MAX_EXACT_GROUP
        g = np.full(owners * masks, -np.inf)
        np.maximum.at(g, self.owner * masks + self.bits, red)
        g = g.reshape(owners, masks)
        best = np.zeros((owners, masks))
        for whole in range(1, masks):
            low = whole & -whole
            b = best[:, whole ^ low].copy()
            part = whole
            while part:
                if part & low:
                    b = np.maximum(b, g[:, part] + best[:, whole ^ part])
                part = (part - 1) & whole
            best[:, whole] = b
        top = best[np.arange(owners), self.full]
        bound = rows + float(top.sum())
        rest = best[self.owner, self.full[self.owner] ^ self.bits]
        return bound, bound - top[self.owner] + red + rest

    def pairs(self, cols: Columns, chosen: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """The candidate pairs (as a mask over ``cols``) the chosen columns use."""
        out = np.zeros(len(cols.child), dtype=bool)
        n_fam = len(self.places)
        ch = self.children[self.rows[chosen]]  # (columns, m, kmax)
        fam = np.broadcast_to(self.family[chosen][:, None, None], ch.shape)
        ok = ch >= 0
        keys = ch[ok] * n_fam + fam[ok]
        all_keys = cols.child * n_fam + cols.family
        order = np.argsort(all_keys, kind="stable")
        ranked = all_keys[order]
        pos = np.minimum(np.searchsorted(ranked, keys), max(len(ranked) - 1, 0))
        if len(ranked):
            out[order[pos[ranked[pos] == keys]]] = True
        return out
