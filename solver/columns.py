"""Exact filtering of child–family–school triples by Lagrangian pricing.

A national session has close to a million fitting child–family pairs, each
with a hundred schools in reach; the optimum uses a thousand triples. We
solve the LP of a relaxation ``R`` of the session by column generation
(never writing down more than a few tens of thousands of its columns), price
*every* triple with its multipliers, and hand only the triples that could
still be part of an optimal plan to the exact model (:mod:`solver.model`).

*The relaxation R.* Its owners are: each child outside a sibling group, each
keep-together group (placed whole) and each may-split group. A column places
some of an owner's children in one family ``f``, each child that needs a
school at a school of its own in reach of ``f``:

- one child alone in ``f``;
- a keep-together group in ``f`` (``k`` places);
- for a may-split group of at most ``MAX_EXACT_GROUP`` members, every subset
  of two or more members together in ``f`` (only where ``f`` has the
  places), worth one bonus per pair. Larger groups get no subset columns;
  every member's single columns carry an optimistic share of the bonus
  instead (:func:`solver.model.bonus_share`).

A column is worth ``W * priority + score`` of its children, in the model's
units (a family part plus a school part, :func:`solver.scores.family_units`
and :func:`solver.scores.school_units`), and takes one place per child in
``f`` and one seat per child at its school; no school holds more of one
column's children of one school kind and radius than its free seats. Rows:
every child (a keep-together group: the group) at most once, every family
at most its free places, every school at most its free seats, and the
cuts of :mod:`solver.cuts` (valid for every plan). Rule 9 (siblings apart)
is left out, and enters through those cuts where the LP breaks it. Every
session plan maps into R without losing value (per may-split group, the
members sharing a family form one subset column), so
R's optimum bounds the session's from above.

*Pricing.* For multipliers ``mu >= 0`` (family rows), ``sigma >= 0``
(school rows) and ``pi >= 0`` (cuts), a column's priced value is its value
minus ``mu`` per place, ``sigma`` per seat and ``pi`` per cut holding its
template. The best schools for ``n`` children of one kind in ``f`` are then
the ``n`` best seats in reach by school units minus ``sigma``, a school
offering as many seats as it has free: a few segment maxima per family over
a CSR list of schools (:meth:`Reach.slots`), so every one of the million
pairs is priced in a few vectorised passes. For a plan, ``value <= sum
mu·places + sum sigma·seats + sum pi·rhs + sum over owners of what the
owner's columns in the plan earn at priced values``, and an owner's
columns place disjoint sets of its members, so that sum is at most the best
packing, found by a small dynamic programme over subsets of the owner's
members (or ``0``, everyone unplaced). A plan using column ``j`` earns at
most ``priced(j)`` plus the best packing of the owner's other members: the
bound per column. A second bound prices the child and school rows instead
and keeps each family's places (a knapsack per family); each column keeps
the smaller of its two bounds. Both hold for any multipliers; R's optimal
LP multipliers (column generation: start from the ``TOP_K`` best columns of
each set of children, add the ``ADD_K`` best columns of positive reduced
cost per owner and round, and cuts whenever no column is left to add) make
them tight.

*Schools on site.* A home that teaches a child's school kind on site
(rule 7) is that child's only school there: its reach list for the kind
holds one entry, the pseudo-school of :func:`on_site_index` (one index past
the real schools, 0 km, 0 units, as many seats as any plan can use), instead of the
schools around it. The model's entries say "no school" (-1) for it, so it
takes no seat and has no distance.

*Schools.* A column holding ``n`` children of one kind in ``f`` gives them
the first ``n`` seats. Putting child ``c`` at school ``s`` instead leaves
the others at most the first ``n - 1`` seats, so the column loses at least
the ``n``-th seat's priced value less ``s``'s, whatever else it holds; a
triple ``(c, f, s)`` is bounded by the best bound of a column holding ``c``
in ``f``, minus that difference.

*Proof of exactness.* Let ``V`` be the value of a plan of the session (the
optimum of the model over the triples the LP looked at). A triple whose
bound is below ``V`` lies in no session plan worth ``V`` or more, so in no
optimal plan. The model over the kept triples therefore contains every
optimal plan, and its optimum is the session's. Values are integers; a slack
of half a unit plus a relative 1e-9 covers floating-point error, so rounding
can only keep more triples. If an LP fails, every triple is kept.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce
from itertools import combinations
from typing import NamedTuple

import highspy
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix

from solver import scores
from solver.cuts import Apart, CutPool
from solver.geo import haversine_km
from solver.mip import quiet_stdout
from solver.model import (
    Entry,
    Scale,
    SchoolOption,
    bonus_share,
    groups_by_id,
    members,
    pins_by_child,
)
from solver.pairs import ChildRow
from solver.problem import Problem
from solver.proposal import CancelToken
from solver.rounding import LpColumn
from solver.tables import Tables

#: Columns per set of children in the first LP of the column generation.
TOP_K = 5
#: Columns of positive reduced cost added per owner and round.
ADD_K = 5
#: May-split groups up to this size get a column per subset (exact bonus).
MAX_EXACT_GROUP = 4
#: Column generation stops after this many LP rounds (the bound stays valid).
MAX_ROUNDS = 40
#: Rounds of cuts (:mod:`solver.cuts`) added to R's LP at most.
MAX_CUT_ROUNDS = 20
#: Families with up to this many places get an exact knapsack in the family bound.
KNAPSACK_PLACES = 6
#: A priced value standing for "no school in reach" (finite, so sums stay defined).
NONE = -1e15


def _segment_first_max(
    values: NDArray[np.float64], seg: NDArray[np.int64], n: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Per segment (entries grouped by ``seg``, ascending): the largest value
    and the position of its first occurrence; ``NONE`` and -1 for empty ones."""
    best = np.full(n, NONE)
    pos = np.full(n, -1, dtype=np.int64)
    if len(values) == 0:
        return best, pos
    np.maximum.at(best, seg, values)
    hit = np.flatnonzero(values == best[seg])
    if len(hit) == 0:
        return best, pos
    first = hit[np.r_[True, seg[hit][1:] != seg[hit][:-1]]]
    pos[seg[first]] = first
    return best, pos


@dataclass(slots=True)
class Reach:
    """The schools one kind of child may use from each family, as CSR lists
    sorted by family then school; ``units`` is each entry's school part."""

    indptr: NDArray[np.int64]
    seg: NDArray[np.int64]  # family of each entry
    school: NDArray[np.int64]
    km: NDArray[np.float64]
    units: NDArray[np.int64]

    @classmethod
    def of(
        cls,
        fam: NDArray[np.int64],
        school: NDArray[np.int64],
        km: NDArray[np.float64],
        n_fam: int,
        problem: Problem,
    ) -> Reach:
        order = np.lexsort((school, fam))
        fam, school, km = fam[order], school[order], km[order]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(fam, minlength=n_fam)))).astype(
            np.int64
        )
        return cls(
            indptr,
            fam.astype(np.int64),
            school.astype(np.int64),
            km,
            scores.school_units(km, problem.weights),
        )

    def within(self, radius_km: float) -> Reach:
        """The entries no farther than ``radius_km`` (same order: the lists of a
        smaller radius, without a second search)."""
        near = self.km <= radius_km
        seg = self.seg[near]
        n_fam = len(self.indptr) - 1
        counts = np.bincount(seg, minlength=n_fam)
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return Reach(indptr, seg, self.school[near], self.km[near], self.units[near])

    def slots(
        self, sigma: NDArray[np.float64], seats: NDArray[np.int64], depth: int
    ) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
        """Per family, the ``depth`` best seats at priced school values, best
        first, and the reach entry of each: a school offers
        ``min(seats, depth)`` of them. The first ``n`` slots are the best
        schools for ``n`` children of one kind in one family."""
        n_fam = len(self.indptr) - 1
        priced = self.units - sigma[self.school]
        tops, ents = [], []
        for r in range(depth):
            top, ent = _segment_first_max(priced, self.seg, n_fam)
            tops.append(top)
            ents.append(ent)
            if r + 1 < depth:
                priced = priced.copy()
                priced[ent[ent >= 0]] = -np.inf
        top_arr, ent_arr = np.array(tops), np.array(ents)
        copies = (
            np.where(ent_arr >= 0, np.minimum(seats[self.school[ent_arr]], depth), 0)
            if len(self.school)
            else np.zeros_like(ent_arr)
        )
        filled = np.cumsum(copies, axis=0)
        values = np.full((depth, n_fam), NONE)
        entries = np.full((depth, n_fam), -1, dtype=np.int64)
        cols = np.arange(n_fam)
        for j in range(depth):
            r = (filled <= j).sum(axis=0)
            ok = r < depth
            values[j, ok] = top_arr[r[ok], cols[ok]]
            entries[j, ok] = ent_arr[r[ok], cols[ok]]
        return values, entries


@dataclass(slots=True)
class _Solution:
    """An LP solution of R and its multipliers per row kind."""

    x: NDArray[np.float64]  # per LP column
    unit: NDArray[np.float64]  # per unit row, padded with a 0
    family: NDArray[np.float64]
    school: NDArray[np.float64]
    cut: NDArray[np.float64]
    value: float  # the LP's optimum over the columns it holds


@dataclass(slots=True)
class Pricing:
    """Multipliers of R and what they say about every column and triple."""

    bound: float  # no plan is worth more
    best: NDArray[
        np.float64
    ]  # per column template (at its best schools): no plan using it is worth more
    sigma: NDArray[np.float64]  # seat multipliers
    top: list[
        NDArray[np.float64]
    ]  # per school key: each family's best seats at priced values (Reach.slots)
    choice: list[NDArray[np.int64]]  # per school key: the reach entries of those seats
    looked_at: list[Entry]  # the triples of the columns the last LP held
    #: R's cuts that hold for the model's placed-here literals:
    #: (child, family) pairs, at most how many are used
    implied: list[tuple[list[tuple[int, int]], int]]
    #: the columns the last LP uses: a plan to round to (:mod:`solver.rounding`)
    lp_columns: list[LpColumn]

    def slack(self, incumbent: float) -> float:
        return 0.5 + 1e-9 * (abs(self.bound) + abs(incumbent))


class _Master:
    """R's LP over the columns generated so far, kept in one HiGHS instance:
    new columns and cuts are added to it and it is re-solved from the last
    basis, so a round costs a few simplex iterations instead of a solve."""

    def __init__(self, relax: Relaxation, cuts: CutPool, cancel: CancelToken | None = None) -> None:
        self.relax, self.cuts = relax, cuts
        with quiet_stdout():
            self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        if cancel is not None:
            # the simplex stops at its next check after a cancel
            def interrupt(event: highspy.cb.HighsCallbackEvent) -> None:
                if cancel.cancelled:
                    event.interrupt()

            self.h.cbSimplexInterrupt.subscribe(interrupt)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.nu, self.nf = relax.n_units, len(relax.places)
        upper = np.concatenate([np.ones(self.nu), relax.places, relax.seats]).astype(np.float64)
        self._rows(upper, np.zeros(len(upper) + 1, dtype=np.int32), np.zeros(0, dtype=np.int32))
        self.base = len(upper)  # the first cut row
        self.tmpl = np.zeros(0, dtype=np.int64)  # per LP column: its template...
        self.ent = np.zeros(
            (0, relax.kids.shape[1]), dtype=np.int64
        )  # ...and each child's reach entry
        self.n_cuts = 0

    def _rows(
        self, upper: NDArray[np.float64], starts: NDArray[np.int32], index: NDArray[np.int32]
    ) -> None:
        n = len(upper)
        self.h.addRows(
            n,
            np.full(n, -highspy.kHighsInf),
            upper,
            len(index),
            starts[:-1],
            index,
            np.ones(len(index)),
        )

    def add_columns(
        self, tmpl: NDArray[np.int64], ent: NDArray[np.int64], value: NDArray[np.float64]
    ) -> None:
        """Columns: templates at the given schools (reach entry per child)."""
        r = self.relax
        n = len(tmpl)
        units = r.rows[tmpl]
        col = np.repeat(np.arange(n), units.shape[1])
        real = units.ravel() < self.nu
        keys = r.key[r.kids[tmpl]]
        sch = np.full(keys.shape, -1, dtype=np.int64)
        for k, reach in enumerate(r.reach):
            on = keys == k
            sch[on] = reach.school[ent[on]]
        seated = sch >= 0
        crow, ccol = self.cuts.matrix(tmpl)
        a = coo_matrix(
            (
                np.concatenate(
                    [
                        np.ones(int(real.sum())),
                        r.size[tmpl].astype(np.float64),
                        np.ones(int(seated.sum())),
                        np.ones(len(crow)),
                    ]
                ),
                (
                    np.concatenate(
                        [
                            units.ravel()[real],
                            self.nu + r.family[tmpl],
                            self.nu + self.nf + sch[seated],
                            self.base + crow,
                        ]
                    ),
                    np.concatenate([col[real], np.arange(n), np.nonzero(seated)[0], ccol]),
                ),
            ),
            shape=(self.base + len(self.cuts), n),
        ).tocsc()
        a.sum_duplicates()
        self.h.addCols(
            n,
            value,
            np.zeros(n),
            np.full(n, highspy.kHighsInf),
            a.nnz,
            a.indptr[:-1].astype(np.int32),
            a.indices.astype(np.int32),
            a.data,
        )
        self.tmpl = np.concatenate([self.tmpl, tmpl])
        self.ent = np.concatenate([self.ent, ent])

    def add_cuts(self) -> None:
        """Rows for the cuts added to the pool since the last call."""
        new = range(self.n_cuts, len(self.cuts))
        hits = [
            np.flatnonzero(np.isin(self.tmpl, self.cuts.members[q])).astype(np.int32) for q in new
        ]
        starts = np.concatenate([[0], np.cumsum([len(x) for x in hits])]).astype(np.int32)
        index = np.concatenate(hits) if hits else np.zeros(0, dtype=np.int32)
        self._rows(np.asarray(self.cuts.rhs[self.n_cuts :], dtype=np.float64), starts, index)
        self.n_cuts = len(self.cuts)

    def solve(self, seconds: float) -> _Solution | None:
        self.h.setOptionValue("time_limit", self.h.getRunTime() + max(seconds, 0.05))
        with quiet_stdout():
            self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        sol = self.h.getSolution()
        y = np.maximum(np.asarray(sol.row_dual), 0.0)
        nu, nf = self.nu, self.nf
        return _Solution(
            np.asarray(sol.col_value),
            np.append(y[:nu], 0.0),
            y[nu : nu + nf],
            y[nu + nf : self.base],
            y[self.base :],
            float(self.h.getInfo().objective_function_value),
        )


class _Block(NamedTuple):
    """One set of an owner's children, placed together in any of ``families``."""

    unit_rows: list[int]  # the LP's unit rows these children take
    families: NDArray[np.int64]  # the families that may hold them all
    values: NDArray[np.int64]  # per family: W * priority + family units (+ bonus)
    places: int  # places taken in the family
    owner: int
    bits: int  # which of the owner's members, as bits
    children: list[int]


@dataclass(slots=True)
class Relaxation:
    """The relaxation R of the module docstring: column templates (an owner's
    children in one family, schools still open) as flat arrays."""

    rows: NDArray[np.int64]  # (templates, width): unit rows, padded with n_units
    family: NDArray[np.int64]
    size: NDArray[np.int64]  # places the template takes
    base: NDArray[np.float64]  # W * priority + family units (+ bonus), schools not counted
    block: NDArray[np.int64]  # which set of children the template places
    owner: NDArray[np.int64]  # the unit or may-split group it belongs to
    bits: NDArray[np.int64]  # which of the owner's members it places, as bits
    kids: NDArray[np.int64]  # (templates, kmax): its children, -1 padded
    slot: NDArray[
        np.int64
    ]  # (templates, kmax): each child's rank among its template's children of its school key
    last: NDArray[
        np.int64
    ]  # (templates, kmax): the last such rank (children of that key, less one)
    depth: list[int]  # per school key: the most children of that key in one template
    full: NDArray[np.int64]  # owner -> bits of all its members
    children: NDArray[np.int64]  # (n_units + 1, kmax): children of each unit row, -1 padded
    key: NDArray[np.int64]  # child -> its school key (-1: needs no school), padded with -1
    reach: list[Reach]
    pair_key: NDArray[np.int64]  # child * families + family of every fitting pair, sorted
    pair_units: NDArray[np.int64]  # the family units of each, for the model's entries
    places: NDArray[np.int64]
    seats: NDArray[np.int64]
    scale: Scale
    apart: Apart  # for the rule 9 cuts

    @property
    def n_units(self) -> int:
        return len(self.children) - 1

    @classmethod
    def of(
        cls,
        problem: Problem,
        t: Tables,
        rows: list[ChildRow],
        cands: dict[int, NDArray[np.int64]],
        scale: Scale,
    ) -> Relaxation:
        grp = groups_by_id(problem)
        mem = members(problem)
        share = bonus_share(problem)
        bonus = int(scores.model_units(scores.siblings_together(problem.weights)))
        empty = np.zeros(0, dtype=np.int64)
        w = problem.weights

        reach, key = _school_keys(problem, t, rows, cands)

        def worth(i: int, fams: NDArray[np.int64]) -> NDArray[np.int64]:
            row = rows[i]
            u = scores.family_units(
                row.shares_language[fams],
                row.network_km[fams],
                row.child.safety_km,
                t.families.closed[fams],
                w,
            )
            return scale.weight * row.child.priority + u

        n_fam = len(t.families)
        pair_key = np.concatenate([i * n_fam + fams for i, fams in cands.items()] + [empty])
        pair_units = np.concatenate(
            [worth(i, fams) - scale.weight * rows[i].child.priority for i, fams in cands.items()]
            + [empty]
        )
        order = np.argsort(pair_key)

        units: list[list[int]] = []
        blocks: list[_Block] = []
        full: list[int] = []  # owner -> bits of all its members
        seen: set[str] = set()
        for i, row in enumerate(rows):
            gid = row.child.sibling_group
            if gid is None:
                units.append([i])
                fams = cands.get(i, empty)
                blocks.append(_Block([len(units) - 1], fams, worth(i, fams), 1, len(full), 1, [i]))
                full.append(1)
                continue
            if gid in seen:
                continue
            seen.add(gid)
            m = mem[gid]
            if grp[gid].keep_together:
                units.append(m)
                fams = reduce(np.intersect1d, [cands.get(j, empty) for j in m])
                blocks.append(
                    _Block(
                        [len(units) - 1],
                        fams,
                        sum(worth(j, fams) for j in m),
                        len(m),
                        len(full),
                        1,
                        list(m),
                    )
                )
                full.append(1)
                continue
            exact = len(m) <= MAX_EXACT_GROUP
            unit_of = {}
            for p, j in enumerate(m):
                units.append([j])
                unit_of[j] = len(units) - 1
                fams = cands.get(j, empty)
                if exact:
                    one = worth(j, fams)
                    blocks.append(_Block([unit_of[j]], fams, one, 1, len(full), 1 << p, [j]))
                else:
                    one = worth(j, fams) + share[j]
                    blocks.append(_Block([unit_of[j]], fams, one, 1, len(full), 1, [j]))
                    full.append(1)
            if exact:
                for k in range(2, len(m) + 1):
                    for sub in combinations(range(len(m)), k):
                        fams = reduce(np.intersect1d, [cands.get(m[p], empty) for p in sub])
                        fams = fams[t.families.places[fams] >= k]
                        if len(fams):
                            value = sum(worth(m[p], fams) for p in sub) + bonus * (k * (k - 1) // 2)
                            blocks.append(
                                _Block(
                                    [unit_of[m[p]] for p in sub],
                                    fams,
                                    value,
                                    k,
                                    len(full),
                                    sum(1 << p for p in sub),
                                    [m[p] for p in sub],
                                )
                            )
                full.append((1 << len(m)) - 1)
        n_units = len(units)
        width = max((len(b.unit_rows) for b in blocks), default=1)
        kmax = max([len(u) for u in units] + [len(b.children) for b in blocks] + [1])
        children = np.full((n_units + 1, kmax), -1, dtype=np.int64)
        for r, u in enumerate(units):
            children[r, : len(u)] = u
        lens = [len(b.families) for b in blocks]
        n = sum(lens)
        rows_arr = np.full((n, width), n_units, dtype=np.int64)
        kids = np.full((n, kmax), -1, dtype=np.int64)
        pos = 0
        for b, k in zip(blocks, lens, strict=True):
            rows_arr[pos : pos + k, : len(b.unit_rows)] = b.unit_rows
            kids[pos : pos + k, : len(b.children)] = b.children
            pos += k
        key = np.append(key, -1)
        slot, last = _ranks(key[kids])
        depth = [int(last[key[kids] == k].max(initial=0)) + 1 for k in range(len(reach))]

        def cat(parts: list[NDArray[np.int64]]) -> NDArray[np.int64]:
            return np.concatenate(parts) if parts else empty

        def per(field: str) -> NDArray[np.int64]:
            """One block field repeated for each of the block's templates."""
            return cat(
                [
                    np.full(k, getattr(b, field), dtype=np.int64)
                    for b, k in zip(blocks, lens, strict=True)
                ]
            )

        return cls(
            rows=rows_arr,
            family=cat([b.families for b in blocks]).astype(np.int64),
            size=per("places"),
            base=cat([np.asarray(b.values, dtype=np.int64) for b in blocks]).astype(np.float64),
            block=cat([np.full(k, g, dtype=np.int64) for g, k in enumerate(lens)]),
            owner=per("owner"),
            bits=per("bits"),
            kids=kids,
            slot=slot,
            last=last,
            depth=depth,
            full=np.array(full, dtype=np.int64),
            children=children,
            key=key,
            reach=reach,
            pair_key=pair_key[order],
            pair_units=pair_units[order].astype(np.int64),
            places=t.families.places,
            # the last "school" is the on-site pseudo-school: never short of seats
            seats=np.append(t.schools.seats, max(int(t.families.places.sum()), 1)),
            scale=scale,
            apart=Apart(
                kids,
                t.families.lat,
                t.families.lon,
                [
                    (m, grp[g].max_apart_km)
                    for g, m in mem.items()
                    if not grp[g].keep_together and len(m) > 1
                ],
            ),
        )

    # -- pricing -------------------------------------------------------------

    def _best_schools(
        self, sigma: NDArray[np.float64]
    ) -> tuple[list[NDArray[np.float64]], list[NDArray[np.int64]], NDArray[np.float64]]:
        """Per school key, each family's best seats at priced values and their
        entries (:meth:`Reach.slots`); per template, the priced value of its
        children's best schools, no school holding more of them than it has
        seats (children of different keys are not checked against each other)."""
        found = [r.slots(sigma, self.seats, d) for r, d in zip(self.reach, self.depth, strict=True)]
        tops = [v for v, _ in found]
        keys = self.key[self.kids]  # (templates, kmax), -1 -> the zero row
        part = (
            self._slot_table(tops)[keys, self.slot, self.family[:, None]].sum(axis=1)
            if len(self.family)
            else np.zeros(0)
        )
        return tops, [e for _, e in found], np.maximum(part, NONE)

    def _slot_table(self, tops: list[NDArray[np.float64]]) -> NDArray[np.float64]:
        """The seats' priced values as one array (key, seat, family); key -1
        (no school) reads a row of zeros."""
        table = np.full((len(self.reach) + 1, max(self.depth, default=1), len(self.places)), NONE)
        table[-1] = 0.0
        for k, values in enumerate(tops):
            table[k, : len(values)] = values
        return table

    def _columns(
        self, picked: NDArray[np.int64], entries: list[NDArray[np.int64]]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Templates made columns at their best schools: (template, reach entry
        per child or -1, value)."""
        keys = self.key[self.kids[picked]]
        slots = self.slot[picked]
        ent = np.full(keys.shape, -1, dtype=np.int64)
        value = self.base[picked].copy()
        fam = self.family[picked]
        for k, r in enumerate(self.reach):
            for pos in range(keys.shape[1]):
                on = keys[:, pos] == k
                e = entries[k][slots[on, pos], fam[on]]
                ent[on, pos] = e
                value[on] += r.units[np.maximum(e, 0)]
        return picked, ent, value

    def _top_per(
        self, group: NDArray[np.int64], score: NDArray[np.float64], among: NDArray[np.int64], k: int
    ) -> NDArray[np.int64]:
        """The ``k`` best of ``among`` (template indices) per value of ``group``."""
        g = group[among]
        order = np.lexsort((-score[among], g))
        ranked = g[order]
        rank = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
        return among[order[rank < k]]

    def price(
        self, deadline: float, cancel: CancelToken | None = None, enough: float = 0.0
    ) -> Pricing | None:
        """Column generation on R's LP, tightened by cuts (:mod:`solver.cuts`)
        whenever the columns are complete; then the bounds (valid for the
        multipliers of any LP round, so the time limit stops the rounds
        early). None when an LP fails, or on ``cancel``.

        ``enough`` (model units) ends the column rounds early: once the
        Lagrangian bound of a round is within it of that round's LP value,
        the bound is within it of R's LP optimum too (the restricted LP's
        value is below that optimum), and more columns could lower the
        bound by no more. The columns that round would have added still go to
        the model's triples (``looked_at``), and the cut rounds follow, each
        priced to the end. 0 prices to the end throughout."""
        n_sch = len(self.seats)
        if len(self.base) == 0:
            none = [np.full((d, len(self.places)), -1, dtype=np.int64) for d in self.depth]
            return Pricing(
                0.0,
                np.zeros(0),
                np.zeros(n_sch),
                [np.zeros((d, len(self.places))) for d in self.depth],
                none,
                [],
                [],
                [],
            )
        if cancel is not None and cancel.cancelled:
            return None
        cuts = CutPool(self.family, self.size, self.rows, self.places, self.apart)
        master = _Master(self, cuts, cancel)
        tops, entries, part = self._best_schools(np.zeros(n_sch))
        usable = np.flatnonzero(part > NONE / 2)
        master.add_columns(
            *self._columns(self._top_per(self.block, self.base + part, usable, TOP_K), entries)
        )
        seen = {(int(j), e.tobytes()) for j, e in zip(master.tmpl, master.ent, strict=True)}
        pending = (master.tmpl[:0], master.ent[:0])
        cut_rounds = 0
        for _ in range(MAX_ROUNDS):
            lp = master.solve(deadline - time.monotonic())
            if lp is None:
                return None
            tops, entries, part = self._best_schools(lp.school)
            red = self.base + part - self.size * lp.family[self.family] - cuts.penalty(lp.cut)
            rc = red - lp.unit[self.rows].sum(axis=1)
            if cancel is not None and cancel.cancelled:
                return None  # an answer now matters more than a bound
            if time.monotonic() >= deadline:
                break
            positive = np.flatnonzero(rc > 1e-3)
            j, e, v = self._columns(self._top_per(self.owner, rc, positive, ADD_K), entries)
            new = [k for k in range(len(j)) if (int(j[k]), e[k].tobytes()) not in seen]
            if (
                new
                and enough > 0
                and cut_rounds == 0
                and self._lagrangian(red, lp, cuts) - lp.value <= enough
            ):
                # close enough: the columns the next round would add go to
                # the model only, and the cut rounds follow (columns priced
                # under cuts are always added: the model needs them)
                pending = (j[new], e[new])
                new = []
            if new:
                seen.update((int(j[k]), e[k].tobytes()) for k in new)
                master.add_columns(j[new], e[new], v[new])
            elif cut_rounds == MAX_CUT_ROUNDS or not cuts.separate(master.tmpl, lp.x):
                break
            else:
                master.add_cuts()
                cut_rounds += 1
        priced = self._priced_rows(lp, cuts)
        bound, best = self._owner_bound(red, float((self.places * lp.family).sum()) + priced)
        by_family, best_family = self._family_bound(
            red + self.size * lp.family[self.family] - lp.unit[self.rows].sum(axis=1),
            float(lp.unit.sum()) + priced,
        )
        return Pricing(
            min(bound, by_family),
            np.minimum(best, best_family),
            lp.school,
            tops,
            entries,
            self._entries(
                np.concatenate([master.tmpl, pending[0]]), np.concatenate([master.ent, pending[1]])
            ),
            self._implied(cuts),
            self._lp_columns(master.tmpl, master.ent, lp.x),
        )

    def _lp_columns(
        self, tmpl: NDArray[np.int64], ent: NDArray[np.int64], x: NDArray[np.float64]
    ) -> list[LpColumn]:
        """The columns the LP uses, with each child's school (-1: none, or on site)."""
        used = np.flatnonzero(x > 1e-6)
        site = len(self.seats) - 1
        out = []
        for column in used.tolist():
            template = int(tmpl[column])
            children, schools = [], []
            for pos, child in enumerate(self.kids[template].tolist()):
                if child < 0:
                    continue
                key = int(self.key[child])
                entry = int(ent[column, pos])
                school = int(self.reach[key].school[entry]) if key >= 0 and entry >= 0 else -1
                children.append(child)
                schools.append(-1 if school == site else school)
            family = int(self.family[template])
            out.append(LpColumn(float(x[column]), family, tuple(children), tuple(schools)))
        return out

    def _priced_rows(self, lp: _Solution, cuts: CutPool) -> float:
        """The seat and cut rows' part of a Lagrangian bound."""
        # cuts added after the last LP have no multiplier yet
        return float(
            (self.seats * lp.school).sum() + (lp.cut * np.asarray(cuts.rhs[: len(lp.cut)])).sum()
        )

    def _lagrangian(self, red: NDArray[np.float64], lp: _Solution, cuts: CutPool) -> float:
        """The owner bound (:meth:`_owner_bound`) of one LP round's multipliers."""
        rows = float((self.places * lp.family).sum()) + self._priced_rows(lp, cuts)
        return self._owner_bound(red, rows)[0]

    def _implied(self, cuts: CutPool) -> list[tuple[list[tuple[int, int]], int]]:
        """R's cuts restated over (child, family) pairs, for the model.

        A template of one child, or of a keep-together group, is used
        exactly when its (first) child's placed-here literal is true, so a
        cut over such templates holds for those literals. A may-split
        subset has no literal of its own: a clique drops it (what is left
        is still a clique), any other cut holding one is not passed on."""
        single = (
            (self.kids[:, 1] < 0) | (self.full[self.owner] == 1)
            if self.kids.shape[1] > 1
            else np.ones(len(self.kids), dtype=bool)
        )
        out = []
        for held, rhs, clique in zip(cuts.members, cuts.rhs, cuts.clique, strict=True):
            ok = single[held]
            if not ok.all() and not clique:
                continue
            m = held[ok]
            pairs = list(zip(self.kids[m, 0].tolist(), self.family[m].tolist(), strict=True))
            if len(pairs) > rhs:
                out.append((pairs, int(rhs)))
        return out

    def _family_bound(
        self, red: NDArray[np.float64], rows: float
    ) -> tuple[float, NDArray[np.float64]]:
        """The Lagrangian bound with the child and seat rows priced (their
        part is ``rows``, ``red`` the priced template values) and the family
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
        after = np.where(
            small[self.family], knap[self.family, np.minimum(left, cap)], loose[self.family]
        )
        # the column itself may be counted again in ``after``: still an upper bound
        return bound, bound - whole[self.family] + red + after

    def _owner_bound(
        self, red: NDArray[np.float64], rows: float
    ) -> tuple[float, NDArray[np.float64]]:
        """The Lagrangian bound with the family and seat rows priced (their
        part is ``rows``, ``red`` the priced template values), and per
        template the bound for plans that use it (module docstring)."""
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

    # -- triples for the model ----------------------------------------------

    def _entries(self, tmpl: NDArray[np.int64], ent: NDArray[np.int64]) -> list[Entry]:
        """The triples of the given columns (template, reach entry per child)."""
        kids = self.kids[tmpl]
        on = kids >= 0
        child = kids[on]
        fam = np.broadcast_to(self.family[tmpl][:, None], kids.shape)[on]
        return self._triples(child, fam, self.key[child], ent[on])

    def _triples(
        self,
        child: NDArray[np.int64],
        fam: NDArray[np.int64],
        key: NDArray[np.int64],
        ent: NDArray[np.int64],
    ) -> list[Entry]:
        """Model entries from parallel arrays (child, family, school key, reach entry)."""
        school = np.full(len(child), -1, dtype=np.int64)
        km = np.full(len(child), np.nan)
        units = np.zeros(len(child), dtype=np.int64)
        for k, r in enumerate(self.reach):
            on = key == k
            school[on], km[on], units[on] = r.school[ent[on]], r.km[ent[on]], r.units[ent[on]]
        site = school == len(self.seats) - 1
        school[site], km[site] = -1, np.nan
        units += self.pair_units[np.searchsorted(self.pair_key, child * len(self.places) + fam)]
        out: dict[tuple[int, int], dict[int, SchoolOption]] = {}
        for c, f, s, d, u in zip(
            child.tolist(), fam.tolist(), school.tolist(), km.tolist(), units.tolist(), strict=True
        ):
            out.setdefault((c, f), {})[s] = SchoolOption(s, d, u)
        return [
            Entry(c, f, tuple(opts[s] for s in sorted(opts)))
            for (c, f), opts in sorted(out.items())
        ]

    def promising(self, pricing: Pricing, k: int) -> list[Entry]:
        """The triples of each owner's ``k`` best columns by their bound, at
        their best schools: a richer first model than the LP's own columns,
        for a better first plan."""
        usable = np.flatnonzero(pricing.best > NONE / 2)
        return self._entries(
            *self._columns(self._top_per(self.owner, pricing.best, usable, k), pricing.choice)[:2]
        )

    def needed(
        self, pricing: Pricing, incumbent: float, max_pairs: int, max_triples: int
    ) -> list[Entry] | None:
        """Every triple that may still be in a plan worth at least ``incumbent``
        (module docstring: the school difference comes off the column bound);
        None when there are more than ``max_pairs`` child–family pairs or
        ``max_triples`` triples of them."""
        slack = pricing.slack(incumbent)
        live = np.flatnonzero(pricing.best >= incumbent - slack)
        kids = self.kids[live]
        on = kids >= 0
        child = kids[on]
        fam = np.broadcast_to(self.family[live][:, None], kids.shape)[on]
        room = np.broadcast_to((pricing.best[live] - incumbent + slack)[:, None], kids.shape)[on]
        # a child moved from the column's seats to school s costs the last
        # seat of its key in the column less s's priced value: s stays when
        # its priced value reaches that seat's value less the room
        floor = (
            self._slot_table(pricing.top)[
                self.key[kids], self.last[live], self.family[live][:, None]
            ][on]
            - room
        )
        # per (child, family): the lowest priced value any column holding it lets through
        pair = child * len(self.places) + fam
        uniq, inv = np.unique(pair, return_inverse=True)
        if len(uniq) > max_pairs:
            return None
        lowest = np.full(len(uniq), np.inf)
        np.minimum.at(lowest, inv, floor)
        return self._expand(
            uniq // len(self.places), uniq % len(self.places), (pricing, lowest), max_triples
        )

    def entries_of(self, plan: Mapping[int, tuple[int, int]]) -> list[Entry]:
        """The triples of a plan (the greedy one), so that a model holding
        them holds the plan too. A child whose pair is no candidate (see
        :func:`solver.model.candidate_families`) gets its candidate triples
        instead, among which an exchange finds a place at least as good."""
        n_fam = len(self.places)
        child = np.array(list(plan), dtype=np.int64)
        fam = np.array([plan[c][0] for c in plan], dtype=np.int64)
        school = np.array([plan[c][1] for c in plan], dtype=np.int64)
        # a child with a school kind but no school in the plan is schooled on site
        key = self.key[child] if len(child) else child
        school[(school < 0) & (key >= 0)] = len(self.seats) - 1
        pair = child * n_fam + fam
        pos = np.minimum(np.searchsorted(self.pair_key, pair), max(len(self.pair_key) - 1, 0))
        found = (self.pair_key[pos] == pair) if len(self.pair_key) else np.zeros(len(pair), bool)
        entry = np.full(len(child), -1, dtype=np.int64)
        for k, reach in enumerate(self.reach):
            for at in np.flatnonzero(found & (key == k)):
                lo, hi = reach.indptr[fam[at]], reach.indptr[fam[at] + 1]
                hit = np.flatnonzero(reach.school[lo:hi] == school[at])
                if len(hit):
                    entry[at] = lo + hit[0]
                else:
                    found[at] = False
        out = self._triples(child[found], fam[found], key[found], entry[found])
        missing = set(child[~found].tolist())
        return out + self.every(missing) if missing else out

    def every(self, children: set[int] | None = None) -> list[Entry]:
        """Every triple of every template (of the given children only, if named)."""
        on = self.kids >= 0
        if children is not None:
            on &= np.isin(self.kids, list(children))
        fam = np.broadcast_to(self.family[:, None], self.kids.shape)[on]
        uniq = np.unique(self.kids[on] * len(self.places) + fam)
        entries = self._expand(uniq // len(self.places), uniq % len(self.places), None, None)
        assert entries is not None
        return entries

    def _expand(
        self,
        child: NDArray[np.int64],
        fam: NDArray[np.int64],
        floor: tuple[Pricing, NDArray[np.float64]] | None,
        max_triples: int | None,
    ) -> list[Entry] | None:
        """Model entries for distinct (child, family) pairs with every school
        in reach, or, given (pricing, lowest priced value per pair), with the
        schools priced at least that (None beyond ``max_triples``)."""
        key = self.key[child]
        none = np.flatnonzero(key < 0)
        parts = [(child[none], fam[none], key[none], np.full(len(none), -1, dtype=np.int64))]
        total = len(none)
        for k, r in enumerate(self.reach):
            on = np.flatnonzero(key == k)
            f = fam[on]
            lo = r.indptr[f]
            n = r.indptr[f + 1] - lo
            which = np.repeat(np.arange(len(on)), n)
            e = np.repeat(lo - np.cumsum(n) + n, n) + np.arange(int(n.sum()))
            if floor is not None:
                pricing, lowest = floor
                ok = r.units[e] - pricing.sigma[r.school[e]] >= lowest[on[which]]
                which, e = which[ok], e[ok]
            total += len(e)
            if max_triples is not None and total > max_triples:
                return None
            parts.append((child[on[which]], f[which], np.full(len(e), k, dtype=np.int64), e))
        return self._triples(*(np.concatenate(x) for x in zip(*parts, strict=True)))


def _school_keys(
    problem: Problem, t: Tables, rows: list[ChildRow], cands: dict[int, NDArray[np.int64]]
) -> tuple[list[Reach], NDArray[np.int64]]:
    """One :class:`Reach` per (school kind, radius) the children use, and one
    per pinned school; each child's key into them (-1: needs no school)."""
    pins = pins_by_child(problem)
    n_fam = len(t.families)
    reach: list[Reach] = []
    index: dict[tuple[str, float], int] = {}
    key = np.full(len(rows), -1, dtype=np.int64)
    # per school kind, the lists of the largest radius any child uses: the
    # smaller radii are read off them (Reach.within)
    widest: dict[str, float] = {}
    for row in rows:
        kind = row.child.school_kind
        if kind is not None:
            widest[kind] = max(widest.get(kind, 0.0), row.child.max_school_km)
    base: dict[str, Reach] = {}
    for i, row in enumerate(rows):
        c = row.child
        if c.school_kind is None:
            continue
        pin = pins.get(c.id)
        if pin is not None and pin[1].school is not None:
            s = t.schools.index[pin[1].school]
            fams = cands.get(i, np.zeros(0, dtype=np.int64))
            km = haversine_km(
                t.families.lat[fams], t.families.lon[fams], t.schools.lat[s], t.schools.lon[s]
            )
            ok = km <= c.max_school_km
            key[i] = len(reach)
            reach.append(
                Reach.of(
                    fams[ok], np.full(int(ok.sum()), s, dtype=np.int64), km[ok], n_fam, problem
                )
            )
            continue
        k = (c.school_kind, c.max_school_km)
        if k not in index:
            index[k] = len(reach)
            if c.school_kind not in base:
                radius = widest[c.school_kind]
                indptr, school, km = t.schools.reach_lists(c.school_kind, radius, t.families)
                fam = np.repeat(np.arange(n_fam), np.diff(indptr))
                fam, school, km = _with_school_on_site(t, c.school_kind, fam, school, km)
                base[c.school_kind] = Reach.of(fam, school, km, n_fam, problem)
            reach.append(base[c.school_kind].within(c.max_school_km))
        key[i] = index[k]
    return reach, key


def on_site_index(t: Tables) -> int:
    """The pseudo-school index that stands for a school on site."""
    return len(t.schools.schools)


def _with_school_on_site(
    t: Tables,
    kind: str,
    fam: NDArray[np.int64],
    school: NDArray[np.int64],
    km: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Reach lists (family, school, km) where every home that teaches
    ``kind`` on site reaches only the on-site pseudo-school, at 0 km (rule 7)."""
    home = t.families.schooled_on_site(kind)
    if not home.any():
        return fam, school, km
    keep = ~home[fam]
    sites = np.flatnonzero(home).astype(np.int64)
    return (
        np.concatenate([fam[keep], sites]),
        np.concatenate([school[keep], np.full(len(sites), on_site_index(t), dtype=np.int64)]),
        np.concatenate([km[keep], np.zeros(len(sites))]),
    )


def _ranks(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per (row, position) of a key matrix: how many earlier positions of the
    row hold the same key, and how many positions in all, less one (``-1``
    keys count nothing)."""
    same = (keys[:, :, None] == keys[:, None, :]) & (keys[:, None, :] >= 0)
    earlier = np.tril(np.ones((keys.shape[1], keys.shape[1]), dtype=bool), -1)
    return (same & earlier).sum(axis=2), same.sum(axis=2) - 1


def _packings(cap: int) -> list[dict[int, int]]:
    """Every way to fill at most ``cap`` places with columns of sizes 1..cap,
    as {size: how many}."""
    out: list[dict[int, int]] = [{}]
    for sz in range(1, cap + 1):
        out = [
            {**c, sz: n}
            for c in out
            for n in range(0, (cap - sum(k * m for k, m in c.items())) // sz + 1)
        ]
    return out
