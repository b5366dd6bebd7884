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
units (a family part plus a school part, :meth:`solver.pairs.ChildRow.family_units`
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
from solver.search import Assignment
from solver.tables import Tables

#: Columns per set of children in the first LP of the column generation.
TOP_K = 5
#: Columns of positive reduced cost added per owner and round.
ADD_K = 5
#: May-split groups up to this size get a column per subset (exact bonus).
MAX_EXACT_GROUP = 4
#: Column generation stops after this many LP rounds (the bound stays valid).
MAX_ROUNDS = 40
#: After cuts, column rounds end early only this much closer to the bound
#: (a share of ``enough`` in :meth:`Relaxation.price`).
AFTER_CUTS_SHARE = 0.1
#: Rounds of cuts (:mod:`solver.cuts`) added to R's LP at most.
MAX_CUT_ROUNDS = 20
#: Families with up to this many places get an exact knapsack in the family bound.
KNAPSACK_PLACES = 6
#: A priced value standing for "no school in reach" (finite, so sums stay defined).
NONE = -1e15


def _segment_first_max(
    values: NDArray[np.float64], segment: NDArray[np.int64], n_segments: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Per segment (entries grouped by ``segment``, ascending): the largest
    value and the position of its first occurrence; ``NONE`` and -1 for empty
    ones."""
    best = np.full(n_segments, NONE)
    position = np.full(n_segments, -1, dtype=np.int64)
    if len(values) == 0:
        return best, position
    np.maximum.at(best, segment, values)
    at_best = np.flatnonzero(values == best[segment])
    if len(at_best) == 0:
        return best, position
    segment_at_best = segment[at_best]
    first = at_best[np.r_[True, segment_at_best[1:] != segment_at_best[:-1]]]
    position[segment[first]] = first
    return best, position


@dataclass(slots=True)
class Reach:
    """The schools one kind of child may use from each family, as CSR lists
    sorted by family then school (``indptr``: where each family's entries
    start); ``units`` is each entry's school part."""

    indptr: NDArray[np.int64]
    family: NDArray[np.int64]  # family of each entry
    school: NDArray[np.int64]
    km: NDArray[np.float64]
    units: NDArray[np.int64]

    @classmethod
    def of(
        cls,
        family: NDArray[np.int64],
        school: NDArray[np.int64],
        km: NDArray[np.float64],
        n_families: int,
        problem: Problem,
    ) -> Reach:
        order = np.lexsort((school, family))
        family, school, km = family[order], school[order], km[order]
        counts = np.bincount(family, minlength=n_families)
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return cls(
            indptr,
            family.astype(np.int64),
            school.astype(np.int64),
            km,
            scores.school_units(km, problem.weights),
        )

    def within(self, radius_km: float) -> Reach:
        """The entries no farther than ``radius_km`` (same order: the lists of a
        smaller radius, without a second search)."""
        near = self.km <= radius_km
        family = self.family[near]
        n_families = len(self.indptr) - 1
        counts = np.bincount(family, minlength=n_families)
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return Reach(indptr, family, self.school[near], self.km[near], self.units[near])

    def slots(
        self, sigma: NDArray[np.float64], seats: NDArray[np.int64], depth: int
    ) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
        """Per family, the ``depth`` best seats at priced school values, best
        first, and the reach entry of each: a school offers
        ``min(seats, depth)`` of them. The first ``n`` slots are the best
        schools for ``n`` children of one kind in one family."""
        n_families = len(self.indptr) - 1
        priced = self.units - sigma[self.school]
        # the depth best schools per family, each school once
        school_values, school_entries = [], []
        for rank in range(depth):
            value, entry = _segment_first_max(priced, self.family, n_families)
            school_values.append(value)
            school_entries.append(entry)
            if rank + 1 < depth:
                priced = priced.copy()
                priced[entry[entry >= 0]] = -np.inf
        best_value, best_entry = np.array(school_values), np.array(school_entries)
        # each of them offers as many seats as it has, up to depth
        copies = (
            np.where(best_entry >= 0, np.minimum(seats[self.school[best_entry]], depth), 0)
            if len(self.school)
            else np.zeros_like(best_entry)
        )
        seats_so_far = np.cumsum(copies, axis=0)
        values = np.full((depth, n_families), NONE)
        entries = np.full((depth, n_families), -1, dtype=np.int64)
        family = np.arange(n_families)
        for slot in range(depth):
            school_rank = (seats_so_far <= slot).sum(axis=0)
            found = school_rank < depth
            values[slot, found] = best_value[school_rank[found], family[found]]
            entries[slot, found] = best_entry[school_rank[found], family[found]]
        return values, entries


@dataclass(slots=True)
class _Solution:
    """An LP solution of R (``x``, how much of each LP column it uses) and
    its multipliers per row kind."""

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
    #: per column template (at its best schools): no plan using it is worth more
    template_bound: NDArray[np.float64]
    sigma: NDArray[np.float64]  # seat multipliers
    #: per school key: each family's best seats at priced values (Reach.slots)
    seat_values: list[NDArray[np.float64]]
    #: per school key: the reach entries of those seats
    seat_entries: list[NDArray[np.int64]]
    looked_at: list[Entry]  # the triples of the columns the last LP held
    #: R's cuts that hold for the model's placed-here literals:
    #: (child, family) pairs, at most how many are used
    implied: list[tuple[list[tuple[int, int]], int]]
    #: the columns the last LP uses: a plan to round to (:mod:`solver.rounding`)
    lp_columns: list[LpColumn]

    def slack(self, incumbent: float) -> float:
        return 0.5 + 1e-9 * (abs(self.bound) + abs(incumbent))


class _Floor(NamedTuple):
    """Which schools of a (child, family) pair may still be in a good plan:
    those priced (with ``pricing``'s seat multipliers) at least ``lowest``."""

    pricing: Pricing
    lowest: NDArray[np.float64]  # per pair


class _Master:
    """R's LP over the columns generated so far, kept in one HiGHS instance:
    new columns and cuts are added to it and it is re-solved from the last
    basis, so a round costs a few simplex iterations instead of a solve.

    Its rows: one per unit (``n_units``), one per family, one per school,
    then the cuts."""

    def __init__(
        self, relaxation: Relaxation, cuts: CutPool, cancel: CancelToken | None = None
    ) -> None:
        self.relaxation, self.cuts = relaxation, cuts
        with quiet_stdout():
            self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        if cancel is not None:
            # the simplex stops at its next check after a cancel
            def interrupt(event: highspy.cb.HighsCallbackEvent) -> None:
                if cancel.cancelled:
                    event.interrupt()

            self.highs.cbSimplexInterrupt.subscribe(interrupt)
        self.highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.n_units, self.n_families = relaxation.n_units, len(relaxation.places)
        upper = np.concatenate([np.ones(self.n_units), relaxation.places, relaxation.seats]).astype(
            np.float64
        )
        self._add_rows(upper, np.zeros(len(upper) + 1, dtype=np.int32), np.zeros(0, dtype=np.int32))
        self.first_cut_row = len(upper)
        #: per LP column: its template...
        self.column_template = np.zeros(0, dtype=np.int64)
        #: ...and each of its children's reach entry (-1: no school)
        self.column_entry = np.zeros((0, relaxation.children.shape[1]), dtype=np.int64)
        self.n_cuts = 0

    def _add_rows(
        self, upper: NDArray[np.float64], starts: NDArray[np.int32], index: NDArray[np.int32]
    ) -> None:
        """Rows ``<= upper`` of ones, row ``r`` over the columns
        ``index[starts[r]:starts[r + 1]]``."""
        count = len(upper)
        self.highs.addRows(
            count,
            np.full(count, -highspy.kHighsInf),
            upper,
            len(index),
            starts[:-1],
            index,
            np.ones(len(index)),
        )

    def add_columns(
        self,
        templates: NDArray[np.int64],
        entries: NDArray[np.int64],
        values: NDArray[np.float64],
    ) -> None:
        """Columns: templates at the given schools (reach entry per child)."""
        relaxation = self.relaxation
        count = len(templates)
        unit_rows = relaxation.unit_rows[templates]
        column = np.repeat(np.arange(count), unit_rows.shape[1])
        real = unit_rows.ravel() < self.n_units  # not the padding
        keys = relaxation.school_key[relaxation.children[templates]]
        school = np.full(keys.shape, -1, dtype=np.int64)
        for key, reach in enumerate(relaxation.reach):
            of_key = keys == key
            school[of_key] = reach.school[entries[of_key]]
        seated = school >= 0
        cut_row, cut_column = self.cuts.matrix(templates)
        matrix = coo_matrix(
            (
                np.concatenate(
                    [
                        np.ones(int(real.sum())),
                        relaxation.size[templates].astype(np.float64),
                        np.ones(int(seated.sum())),
                        np.ones(len(cut_row)),
                    ]
                ),
                (
                    np.concatenate(
                        [
                            unit_rows.ravel()[real],
                            self.n_units + relaxation.family[templates],
                            self.n_units + self.n_families + school[seated],
                            self.first_cut_row + cut_row,
                        ]
                    ),
                    np.concatenate(
                        [column[real], np.arange(count), np.nonzero(seated)[0], cut_column]
                    ),
                ),
            ),
            shape=(self.first_cut_row + len(self.cuts), count),
        ).tocsc()
        matrix.sum_duplicates()
        self.highs.addCols(
            count,
            values,
            np.zeros(count),
            np.full(count, highspy.kHighsInf),
            matrix.nnz,
            matrix.indptr[:-1].astype(np.int32),
            matrix.indices.astype(np.int32),
            matrix.data,
        )
        self.column_template = np.concatenate([self.column_template, templates])
        self.column_entry = np.concatenate([self.column_entry, entries])

    def add_cuts(self) -> None:
        """Rows for the cuts added to the pool since the last call."""
        new_cuts = range(self.n_cuts, len(self.cuts))
        columns_in = [
            np.flatnonzero(np.isin(self.column_template, self.cuts.members[cut])).astype(np.int32)
            for cut in new_cuts
        ]
        starts = np.concatenate([[0], np.cumsum([len(hit) for hit in columns_in])]).astype(np.int32)
        index = np.concatenate(columns_in) if columns_in else np.zeros(0, dtype=np.int32)
        rhs = np.asarray(self.cuts.rhs[self.n_cuts :], dtype=np.float64)
        self._add_rows(rhs, starts, index)
        self.n_cuts = len(self.cuts)

    def solve(self, seconds: float) -> _Solution | None:
        self.highs.setOptionValue("time_limit", self.highs.getRunTime() + max(seconds, 0.05))
        with quiet_stdout():
            self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        solution = self.highs.getSolution()
        duals = np.maximum(np.asarray(solution.row_dual), 0.0)
        first_school = self.n_units + self.n_families
        return _Solution(
            np.asarray(solution.col_value),
            np.append(duals[: self.n_units], 0.0),
            duals[self.n_units : first_school],
            duals[first_school : self.first_cut_row],
            duals[self.first_cut_row :],
            float(self.highs.getInfo().objective_function_value),
        )


class _Block(NamedTuple):
    """One set of an owner's children, placed together in any of ``families``."""

    unit_rows: list[int]  # the LP's unit rows these children take
    families: NDArray[np.int64]  # the families that may hold them all
    values: NDArray[np.int64]  # per family: W * priority + family units (+ bonus)
    places: int  # places taken in the family
    owner: int
    member_bits: int  # which of the owner's members, as bits
    children: list[int]


@dataclass(slots=True)
class Relaxation:
    """The relaxation R of the module docstring: column templates (an owner's
    children in one family, schools still open) as flat arrays, one entry
    (or row) per template unless said otherwise.

    A template's children of one school key take that key's best seats in
    its family in order: ``seat_rank`` says which."""

    unit_rows: NDArray[np.int64]  # (templates, width): unit rows, padded with n_units
    family: NDArray[np.int64]
    size: NDArray[np.int64]  # places the template takes
    base: NDArray[np.float64]  # W * priority + family units (+ bonus), schools not counted
    block: NDArray[np.int64]  # which set of children the template places
    owner: NDArray[np.int64]  # the unit or may-split group it belongs to
    member_bits: NDArray[np.int64]  # which of the owner's members it places, as bits
    #: (templates, most children): its children, -1 padded
    children: NDArray[np.int64]
    #: (templates, most children): each child's rank among its template's
    #: children of its school key
    seat_rank: NDArray[np.int64]
    #: (templates, most children): the last such rank (children of that key, less one)
    last_seat_rank: NDArray[np.int64]
    depth: list[int]  # per school key: the most children of that key in one template
    all_members: NDArray[np.int64]  # owner -> bits of all its members
    #: (n_units + 1, most children): children of each unit row, -1 padded
    unit_children: NDArray[np.int64]
    #: child -> its school key (-1: needs no school), padded with -1
    school_key: NDArray[np.int64]
    reach: list[Reach]  # per school key
    pair_key: NDArray[np.int64]  # child * families + family of every fitting pair, sorted
    pair_units: NDArray[np.int64]  # the family units of each, for the model's entries
    places: NDArray[np.int64]  # per family
    seats: NDArray[np.int64]  # per school, the on-site pseudo-school last
    scale: Scale
    apart: Apart  # for the rule 9 cuts

    @property
    def n_units(self) -> int:
        return len(self.unit_children) - 1

    @classmethod
    def of(
        cls,
        problem: Problem,
        tables: Tables,
        rows: list[ChildRow],
        candidates: dict[int, NDArray[np.int64]],
        scale: Scale,
    ) -> Relaxation:
        groups = groups_by_id(problem)
        members_of = members(problem)
        share = bonus_share(problem)
        bonus = int(scores.model_units(scores.siblings_together(problem.weights)))
        empty = np.zeros(0, dtype=np.int64)
        weights = problem.weights

        reach, school_key = _school_keys(problem, tables, rows, candidates)

        def worth(child: int, families: NDArray[np.int64]) -> NDArray[np.int64]:
            row = rows[child]
            family_units = row.family_units(families, tables, weights)
            return scale.weight * row.child.priority + family_units

        n_families = len(tables.families)
        pair_key = np.concatenate(
            [child * n_families + families for child, families in candidates.items()] + [empty]
        )
        pair_units = np.concatenate(
            [
                worth(child, families) - scale.weight * rows[child].child.priority
                for child, families in candidates.items()
            ]
            + [empty]
        )
        order = np.argsort(pair_key)

        unit_children: list[list[int]] = []  # per unit row
        blocks: list[_Block] = []
        all_members: list[int] = []  # owner -> bits of all its members
        seen: set[str] = set()
        for child, row in enumerate(rows):
            group_id = row.child.sibling_group
            if group_id is None:
                unit_children.append([child])
                families = candidates.get(child, empty)
                unit = len(unit_children) - 1
                owner = len(all_members)
                blocks.append(
                    _Block([unit], families, worth(child, families), 1, owner, 1, [child])
                )
                all_members.append(1)
                continue
            if group_id in seen:
                continue
            seen.add(group_id)
            siblings = members_of[group_id]
            if groups[group_id].keep_together:
                unit_children.append(siblings)
                families = reduce(
                    np.intersect1d, [candidates.get(sibling, empty) for sibling in siblings]
                )
                blocks.append(
                    _Block(
                        [len(unit_children) - 1],
                        families,
                        sum(worth(sibling, families) for sibling in siblings),
                        len(siblings),
                        len(all_members),
                        1,
                        list(siblings),
                    )
                )
                all_members.append(1)
                continue
            exact = len(siblings) <= MAX_EXACT_GROUP
            unit_of = {}
            for position, sibling in enumerate(siblings):
                unit_children.append([sibling])
                unit_of[sibling] = len(unit_children) - 1
                families = candidates.get(sibling, empty)
                owner = len(all_members)
                if exact:  # one owner for the group, a bit per member
                    value, bit = worth(sibling, families), 1 << position
                else:  # an owner per member, with a share of the bonus
                    value, bit = worth(sibling, families) + share[sibling], 1
                    all_members.append(1)
                blocks.append(_Block([unit_of[sibling]], families, value, 1, owner, bit, [sibling]))
            if exact:
                for count in range(2, len(siblings) + 1):
                    for subset in combinations(range(len(siblings)), count):
                        together = [siblings[position] for position in subset]
                        families = reduce(
                            np.intersect1d, [candidates.get(sibling, empty) for sibling in together]
                        )
                        families = families[tables.families.places[families] >= count]
                        if len(families):
                            pairs = count * (count - 1) // 2
                            value = sum(worth(sibling, families) for sibling in together)
                            blocks.append(
                                _Block(
                                    [unit_of[sibling] for sibling in together],
                                    families,
                                    value + bonus * pairs,
                                    count,
                                    len(all_members),
                                    sum(1 << position for position in subset),
                                    together,
                                )
                            )
                all_members.append((1 << len(siblings)) - 1)
        n_units = len(unit_children)
        width = max((len(block.unit_rows) for block in blocks), default=1)
        most_children = max(
            [len(unit) for unit in unit_children] + [len(block.children) for block in blocks] + [1]
        )
        unit_children_table = np.full((n_units + 1, most_children), -1, dtype=np.int64)
        for unit, children in enumerate(unit_children):
            unit_children_table[unit, : len(children)] = children
        templates_per_block = [len(block.families) for block in blocks]
        n_templates = sum(templates_per_block)
        unit_rows = np.full((n_templates, width), n_units, dtype=np.int64)
        template_children = np.full((n_templates, most_children), -1, dtype=np.int64)
        start = 0
        for block, count in zip(blocks, templates_per_block, strict=True):
            unit_rows[start : start + count, : len(block.unit_rows)] = block.unit_rows
            template_children[start : start + count, : len(block.children)] = block.children
            start += count
        school_key = np.append(school_key, -1)
        template_keys = school_key[template_children]
        seat_rank, last_seat_rank = _ranks(template_keys)
        depth = [
            int(last_seat_rank[template_keys == key].max(initial=0)) + 1
            for key in range(len(reach))
        ]

        def concatenated(parts: list[NDArray[np.int64]]) -> NDArray[np.int64]:
            return np.concatenate(parts) if parts else empty

        def per_template(field: str) -> NDArray[np.int64]:
            """One block field repeated for each of the block's templates."""
            return concatenated(
                [
                    np.full(count, getattr(block, field), dtype=np.int64)
                    for block, count in zip(blocks, templates_per_block, strict=True)
                ]
            )

        return cls(
            unit_rows=unit_rows,
            family=concatenated([block.families for block in blocks]).astype(np.int64),
            size=per_template("places"),
            base=concatenated(
                [np.asarray(block.values, dtype=np.int64) for block in blocks]
            ).astype(np.float64),
            block=concatenated(
                [
                    np.full(count, index, dtype=np.int64)
                    for index, count in enumerate(templates_per_block)
                ]
            ),
            owner=per_template("owner"),
            member_bits=per_template("member_bits"),
            children=template_children,
            seat_rank=seat_rank,
            last_seat_rank=last_seat_rank,
            depth=depth,
            all_members=np.array(all_members, dtype=np.int64),
            unit_children=unit_children_table,
            school_key=school_key,
            reach=reach,
            pair_key=pair_key[order],
            pair_units=pair_units[order].astype(np.int64),
            places=tables.families.places,
            # the last "school" is the on-site pseudo-school: never short of seats
            seats=np.append(tables.schools.seats, max(int(tables.families.places.sum()), 1)),
            scale=scale,
            apart=Apart(
                template_children,
                tables.families.lat,
                tables.families.lon,
                [
                    (siblings, groups[group_id].max_apart_km)
                    for group_id, siblings in members_of.items()
                    if not groups[group_id].keep_together and len(siblings) > 1
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
        slots = [
            reach.slots(sigma, self.seats, depth)
            for reach, depth in zip(self.reach, self.depth, strict=True)
        ]
        seat_values = [values for values, _ in slots]
        seat_entries = [entries for _, entries in slots]
        keys = self.school_key[self.children]  # (templates, most children), -1 -> the zero row
        school_value = (
            self._seat_table(seat_values)[keys, self.seat_rank, self.family[:, None]].sum(axis=1)
            if len(self.family)
            else np.zeros(0)
        )
        return seat_values, seat_entries, np.maximum(school_value, NONE)

    def _seat_table(self, seat_values: list[NDArray[np.float64]]) -> NDArray[np.float64]:
        """The seats' priced values as one array (key, seat, family); key -1
        (no school) reads a row of zeros."""
        shape = (len(self.reach) + 1, max(self.depth, default=1), len(self.places))
        table = np.full(shape, NONE)
        table[-1] = 0.0
        for key, values in enumerate(seat_values):
            table[key, : len(values)] = values
        return table

    def _columns(
        self, picked: NDArray[np.int64], seat_entries: list[NDArray[np.int64]]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Templates made columns at their best schools: (template, reach entry
        per child or -1, value)."""
        keys = self.school_key[self.children[picked]]
        seat_rank = self.seat_rank[picked]
        entry = np.full(keys.shape, -1, dtype=np.int64)
        value = self.base[picked].copy()
        family = self.family[picked]
        for key, reach in enumerate(self.reach):
            for position in range(keys.shape[1]):
                of_key = keys[:, position] == key
                seat_entry = seat_entries[key][seat_rank[of_key, position], family[of_key]]
                entry[of_key, position] = seat_entry
                value[of_key] += reach.units[np.maximum(seat_entry, 0)]
        return picked, entry, value

    def _top_per(
        self,
        group: NDArray[np.int64],
        score: NDArray[np.float64],
        among: NDArray[np.int64],
        count: int,
    ) -> NDArray[np.int64]:
        """The ``count`` best of ``among`` (template indices) per value of ``group``."""
        among_group = group[among]
        order = np.lexsort((-score[among], among_group))
        ranked = among_group[order]
        rank = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
        return among[order[rank < count]]

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
        the model's triples (``looked_at``), and the cut rounds follow; after
        cuts the rounds end within ``AFTER_CUTS_SHARE`` of ``enough`` (their
        columns matter more to the model). 0 prices to the end throughout."""
        n_schools = len(self.seats)
        n_families = len(self.places)
        if len(self.base) == 0:
            return Pricing(
                0.0,
                np.zeros(0),
                np.zeros(n_schools),
                [np.zeros((depth, n_families)) for depth in self.depth],
                [np.full((depth, n_families), -1, dtype=np.int64) for depth in self.depth],
                [],
                [],
                [],
            )
        if cancel is not None and cancel.cancelled:
            return None
        cuts = CutPool(self.family, self.size, self.unit_rows, self.places, self.apart)
        master = _Master(self, cuts, cancel)
        seat_values, seat_entries, school_value = self._best_schools(np.zeros(n_schools))
        usable = np.flatnonzero(school_value > NONE / 2)
        first = self._top_per(self.block, self.base + school_value, usable, TOP_K)
        master.add_columns(*self._columns(first, seat_entries))
        # the columns the LP holds, by template and schools
        seen = {
            (int(template), entry.tobytes())
            for template, entry in zip(master.column_template, master.column_entry, strict=True)
        }
        # columns of a round close enough to the bound: for the model, not the LP
        pending_templates, pending_entries = master.column_template[:0], master.column_entry[:0]
        cut_rounds = 0
        for _ in range(MAX_ROUNDS):
            lp = master.solve(deadline - time.monotonic())
            if lp is None:
                return None
            seat_values, seat_entries, school_value = self._best_schools(lp.school)
            # per template: its value less what its family places, seats and cuts cost
            priced = (
                self.base + school_value - self.size * lp.family[self.family] - cuts.penalty(lp.cut)
            )
            reduced_cost = priced - lp.unit[self.unit_rows].sum(axis=1)
            if cancel is not None and cancel.cancelled:
                return None  # an answer now matters more than a bound
            if time.monotonic() >= deadline:
                break
            positive = np.flatnonzero(reduced_cost > 1e-3)
            picked = self._top_per(self.owner, reduced_cost, positive, ADD_K)
            templates, entries, values = self._columns(picked, seat_entries)
            new = [
                column
                for column in range(len(templates))
                if (int(templates[column]), entries[column].tobytes()) not in seen
            ]
            # after cuts, columns the model needs keep coming: a tighter stop
            close = enough if cut_rounds == 0 else enough * AFTER_CUTS_SHARE
            if new and enough > 0 and self._lagrangian(priced, lp, cuts) - lp.value <= close:
                # close enough: the columns the next round would add go to
                # the model only, and the cut rounds follow
                pending_templates = np.concatenate([pending_templates, templates[new]])
                pending_entries = np.concatenate([pending_entries, entries[new]])
                new = []
            if new:
                seen.update((int(templates[column]), entries[column].tobytes()) for column in new)
                master.add_columns(templates[new], entries[new], values[new])
            elif cut_rounds == MAX_CUT_ROUNDS or not cuts.separate(master.column_template, lp.x):
                break
            else:
                master.add_cuts()
                cut_rounds += 1
        priced_rows = self._priced_rows(lp, cuts)
        owner_bound, owner_template_bound = self._owner_bound(
            priced, float((self.places * lp.family).sum()) + priced_rows
        )
        family_bound, family_template_bound = self._family_bound(
            priced + self.size * lp.family[self.family] - lp.unit[self.unit_rows].sum(axis=1),
            float(lp.unit.sum()) + priced_rows,
        )
        looked_at = self._entries(
            np.concatenate([master.column_template, pending_templates]),
            np.concatenate([master.column_entry, pending_entries]),
        )
        return Pricing(
            min(owner_bound, family_bound),
            np.minimum(owner_template_bound, family_template_bound),
            lp.school,
            seat_values,
            seat_entries,
            looked_at,
            self._implied(cuts),
            self._lp_columns(master.column_template, master.column_entry, lp.x),
        )

    def _lp_columns(
        self,
        column_template: NDArray[np.int64],
        column_entry: NDArray[np.int64],
        x: NDArray[np.float64],
    ) -> list[LpColumn]:
        """The columns the LP uses (``x``: how much of each), with each
        child's school (-1: none, or on site)."""
        used = np.flatnonzero(x > 1e-6)
        site = len(self.seats) - 1
        out = []
        for column in used.tolist():
            template = int(column_template[column])
            children, schools = [], []
            for position, child in enumerate(self.children[template].tolist()):
                if child < 0:
                    continue
                key = int(self.school_key[child])
                entry = int(column_entry[column, position])
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

    def _lagrangian(self, priced: NDArray[np.float64], lp: _Solution, cuts: CutPool) -> float:
        """The owner bound (:meth:`_owner_bound`) of one LP round's multipliers."""
        priced_rows = float((self.places * lp.family).sum()) + self._priced_rows(lp, cuts)
        bound, _ = self._owner_bound(priced, priced_rows)
        return bound

    def _implied(self, cuts: CutPool) -> list[tuple[list[tuple[int, int]], int]]:
        """R's cuts restated over (child, family) pairs, for the model.

        A template of one child, or of a keep-together group, is used
        exactly when its (first) child's placed-here literal is true, so a
        cut over such templates holds for those literals. A may-split
        subset has no literal of its own: a clique drops it (what is left
        is still a clique), any other cut holding one is not passed on."""
        with_literal = (
            (self.children[:, 1] < 0) | (self.all_members[self.owner] == 1)
            if self.children.shape[1] > 1
            else np.ones(len(self.children), dtype=bool)
        )
        out = []
        for held, rhs, clique in zip(cuts.members, cuts.rhs, cuts.clique, strict=True):
            has_literal = with_literal[held]
            if not has_literal.all() and not clique:
                continue
            kept = held[has_literal]
            pairs = list(
                zip(self.children[kept, 0].tolist(), self.family[kept].tolist(), strict=True)
            )
            if len(pairs) > rhs:
                out.append((pairs, int(rhs)))
        return out

    def _family_bound(
        self, priced: NDArray[np.float64], priced_rows: float
    ) -> tuple[float, NDArray[np.float64]]:
        """The Lagrangian bound with the child and seat rows priced (their
        part is ``priced_rows``, ``priced`` the priced template values) and
        the family places kept: per family a small knapsack (module
        docstring)."""
        n_families = len(self.places)
        most_places = int(min(self.places.max(initial=0), KNAPSACK_PLACES))
        positive = priced > 0
        family, size, value = self.family[positive], self.size[positive], priced[positive]
        # best_of_size[s][f, n]: the best n columns of size s in family f, summed
        best_of_size: dict[int, NDArray[np.float64]] = {}
        for of_size in range(1, most_places + 1):
            sized = np.flatnonzero(size == of_size)
            fitting = most_places // of_size
            order = sized[np.lexsort((-value[sized], family[sized]))]
            ranked = family[order]
            rank = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
            use = rank < fitting
            table = np.zeros((n_families, fitting + 1))
            table[ranked[use], rank[use] + 1] = value[order[use]]
            best_of_size[of_size] = np.cumsum(table, axis=1)
        # knapsack[f, p]: the best value family f can hold in p places
        knapsack = np.zeros((n_families, most_places + 1))
        for counts in _packings(most_places):
            used = _filled(counts)
            gain = sum(
                (best_of_size[of_size][:, count] for of_size, count in counts.items()),
                np.zeros(n_families),
            )
            knapsack[:, used:] = np.maximum(knapsack[:, used:], gain[:, None])
        # families with more places than the table: everything positive fits at most
        loose = np.bincount(family, weights=value, minlength=n_families)
        places = self.places
        small = places <= most_places
        every_family = np.arange(n_families)
        whole = np.where(small, knapsack[every_family, np.minimum(places, most_places)], loose)
        bound = priced_rows + float(whole.sum())
        left = np.maximum(places[self.family] - self.size, 0)
        after = np.where(
            small[self.family],
            knapsack[self.family, np.minimum(left, most_places)],
            loose[self.family],
        )
        # the column itself may be counted again in ``after``: still an upper bound
        return bound, bound - whole[self.family] + priced + after

    def _owner_bound(
        self, priced: NDArray[np.float64], priced_rows: float
    ) -> tuple[float, NDArray[np.float64]]:
        """The Lagrangian bound with the family and seat rows priced (their
        part is ``priced_rows``, ``priced`` the priced template values), and
        per template the bound for plans that use it (module docstring)."""
        n_owners = len(self.all_members)
        n_subsets = 1 << MAX_EXACT_GROUP
        # best_column[o, s]: the best priced template of owner o placing members s
        best_column = np.full(n_owners * n_subsets, -np.inf)
        np.maximum.at(best_column, self.owner * n_subsets + self.member_bits, priced)
        best_column = best_column.reshape(n_owners, n_subsets)
        # packing[o, s]: the best disjoint templates of owner o within members s
        packing = np.zeros((n_owners, n_subsets))
        for subset in range(1, n_subsets):
            lowest = subset & -subset
            best = packing[:, subset ^ lowest].copy()
            part = subset
            while part:
                if part & lowest:
                    best = np.maximum(best, best_column[:, part] + packing[:, subset ^ part])
                part = (part - 1) & subset
            packing[:, subset] = best
        owner_best = packing[np.arange(n_owners), self.all_members]
        bound = priced_rows + float(owner_best.sum())
        rest = packing[self.owner, self.all_members[self.owner] ^ self.member_bits]
        return bound, bound - owner_best[self.owner] + priced + rest

    # -- triples for the model ----------------------------------------------

    def _entries(self, templates: NDArray[np.int64], entries: NDArray[np.int64]) -> list[Entry]:
        """The triples of the given columns (template, reach entry per child)."""
        children = self.children[templates]
        present = children >= 0
        child = children[present]
        family = np.broadcast_to(self.family[templates][:, None], children.shape)[present]
        return self._triples(child, family, self.school_key[child], entries[present])

    def _triples(
        self,
        child: NDArray[np.int64],
        family: NDArray[np.int64],
        school_key: NDArray[np.int64],
        entry: NDArray[np.int64],
    ) -> list[Entry]:
        """Model entries from parallel arrays (child, family, school key, reach entry)."""
        school = np.full(len(child), -1, dtype=np.int64)
        km = np.full(len(child), np.nan)
        units = np.zeros(len(child), dtype=np.int64)
        for key, reach in enumerate(self.reach):
            of_key = school_key == key
            at = entry[of_key]
            school[of_key] = reach.school[at]
            km[of_key] = reach.km[at]
            units[of_key] = reach.units[at]
        on_site = school == len(self.seats) - 1
        school[on_site], km[on_site] = -1, np.nan
        pair_key = child * len(self.places) + family
        units += self.pair_units[np.searchsorted(self.pair_key, pair_key)]
        options = map(SchoolOption, school.tolist(), km.tolist(), units.tolist())
        pairs = zip(child.tolist(), family.tolist(), strict=True)
        by_pair: dict[tuple[int, int], dict[int, SchoolOption]] = {}
        for pair, option in zip(pairs, options, strict=True):
            by_pair.setdefault(pair, {})[option.school] = option
        return [
            Entry(*pair, tuple(options[school] for school in sorted(options)))
            for pair, options in sorted(by_pair.items())
        ]

    def promising(self, pricing: Pricing, per_owner: int) -> list[Entry]:
        """The triples of each owner's ``per_owner`` best columns by their bound, at
        their best schools: a richer first model than the LP's own columns,
        for a better first plan."""
        usable = np.flatnonzero(pricing.template_bound > NONE / 2)
        picked = self._top_per(self.owner, pricing.template_bound, usable, per_owner)
        templates, entries, _ = self._columns(picked, pricing.seat_entries)
        return self._entries(templates, entries)

    def needed(
        self, pricing: Pricing, incumbent: float, max_pairs: int, max_triples: int
    ) -> list[Entry] | None:
        """Every triple that may still be in a plan worth at least ``incumbent``
        (module docstring: the school difference comes off the column bound);
        None when there are more than ``max_pairs`` child–family pairs or
        ``max_triples`` triples of them."""
        n_families = len(self.places)
        slack = pricing.slack(incumbent)
        live = np.flatnonzero(pricing.template_bound >= incumbent - slack)
        children = self.children[live]
        present = children >= 0
        child = children[present]
        family = np.broadcast_to(self.family[live][:, None], children.shape)[present]
        room = pricing.template_bound[live] - incumbent + slack
        room = np.broadcast_to(room[:, None], children.shape)[present]
        # a child moved from the column's seats to school s costs the last
        # seat of its key in the column less s's priced value: s stays when
        # its priced value reaches that seat's value less the room
        seat_table = self._seat_table(pricing.seat_values)
        last_seat = seat_table[
            self.school_key[children], self.last_seat_rank[live], self.family[live][:, None]
        ]
        floor = last_seat[present] - room
        # per (child, family): the lowest priced value any column holding it lets through
        pair_key = child * n_families + family
        pairs, pair_of = np.unique(pair_key, return_inverse=True)
        if len(pairs) > max_pairs:
            return None
        lowest = np.full(len(pairs), np.inf)
        np.minimum.at(lowest, pair_of, floor)
        return self._expand(
            pairs // n_families, pairs % n_families, _Floor(pricing, lowest), max_triples
        )

    def entries_of(self, plan: Assignment) -> list[Entry]:
        """The triples of a plan (the greedy one), so that a model holding
        them holds the plan too. A child whose pair is no candidate (see
        :func:`solver.model.candidate_families`) gets its candidate triples
        instead, among which an exchange finds a place at least as good."""
        n_families = len(self.places)
        child = np.array(list(plan), dtype=np.int64)
        family = np.array([place.family for place in plan.values()], dtype=np.int64)
        school = np.array([place.school for place in plan.values()], dtype=np.int64)
        # a child with a school kind but no school in the plan is schooled on site
        school_key = self.school_key[child] if len(child) else child
        school[(school < 0) & (school_key >= 0)] = len(self.seats) - 1
        pair_key = child * n_families + family
        position = np.minimum(
            np.searchsorted(self.pair_key, pair_key), max(len(self.pair_key) - 1, 0)
        )
        found = (
            (self.pair_key[position] == pair_key)
            if len(self.pair_key)
            else np.zeros(len(pair_key), bool)
        )
        entry = np.full(len(child), -1, dtype=np.int64)
        for key, reach in enumerate(self.reach):
            for at in np.flatnonzero(found & (school_key == key)):
                start, end = reach.indptr[family[at]], reach.indptr[family[at] + 1]
                hit = np.flatnonzero(reach.school[start:end] == school[at])
                if len(hit):
                    entry[at] = start + hit[0]
                else:
                    found[at] = False
        out = self._triples(child[found], family[found], school_key[found], entry[found])
        missing = set(child[~found].tolist())
        return out + self.every(missing) if missing else out

    def every(self, children: set[int] | None = None) -> list[Entry]:
        """Every triple of every template (of the given children only, if named)."""
        n_families = len(self.places)
        present = self.children >= 0
        if children is not None:
            present &= np.isin(self.children, list(children))
        family = np.broadcast_to(self.family[:, None], self.children.shape)[present]
        pairs = np.unique(self.children[present] * n_families + family)
        entries = self._expand(pairs // n_families, pairs % n_families, None, None)
        assert entries is not None
        return entries

    def _expand(
        self,
        child: NDArray[np.int64],
        family: NDArray[np.int64],
        floor: _Floor | None,
        max_triples: int | None,
    ) -> list[Entry] | None:
        """Model entries for distinct (child, family) pairs with every school
        in reach, or, given a ``floor``, with the schools priced at least
        that (None beyond ``max_triples``)."""
        school_key = self.school_key[child]
        no_school = np.flatnonzero(school_key < 0)
        parts = [
            (
                child[no_school],
                family[no_school],
                school_key[no_school],
                np.full(len(no_school), -1, dtype=np.int64),
            )
        ]
        total = len(no_school)
        for key, reach in enumerate(self.reach):
            pair = np.flatnonzero(school_key == key)
            pair_family = family[pair]
            start = reach.indptr[pair_family]
            count = reach.indptr[pair_family + 1] - start
            # each pair's reach entries, one after the other
            of_pair = np.repeat(np.arange(len(pair)), count)
            entry = np.repeat(start - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
            if floor is not None:
                priced = reach.units[entry] - floor.pricing.sigma[reach.school[entry]]
                kept = priced >= floor.lowest[pair[of_pair]]
                of_pair, entry = of_pair[kept], entry[kept]
            total += len(entry)
            if max_triples is not None and total > max_triples:
                return None
            parts.append(
                (
                    child[pair[of_pair]],
                    pair_family[of_pair],
                    np.full(len(entry), key, dtype=np.int64),
                    entry,
                )
            )
        return self._triples(*(np.concatenate(column) for column in zip(*parts, strict=True)))


def _school_keys(
    problem: Problem,
    tables: Tables,
    rows: list[ChildRow],
    candidates: dict[int, NDArray[np.int64]],
) -> tuple[list[Reach], NDArray[np.int64]]:
    """One :class:`Reach` per (school kind, radius) the children use, and one
    per pinned school; each child's key into them (-1: needs no school)."""
    pins = pins_by_child(problem)
    n_families = len(tables.families)
    reach: list[Reach] = []
    key_of: dict[tuple[str, float], int] = {}  # (school kind, radius) -> key
    school_key = np.full(len(rows), -1, dtype=np.int64)
    # per school kind, the lists of the largest radius any child uses: the
    # smaller radii are read off them (Reach.within)
    widest: dict[str, float] = {}
    for row in rows:
        kind = row.child.school_kind
        if kind is not None:
            widest[kind] = max(widest.get(kind, 0.0), row.child.max_school_km)
    widest_reach: dict[str, Reach] = {}
    for index, row in enumerate(rows):
        child = row.child
        if child.school_kind is None:
            continue
        pinned = pins.get(child.id)
        if pinned is not None and pinned.pin.school is not None:
            school = tables.schools.index[pinned.pin.school]
            families = candidates.get(index, np.zeros(0, dtype=np.int64))
            km = haversine_km(
                tables.families.lat[families],
                tables.families.lon[families],
                tables.schools.lat[school],
                tables.schools.lon[school],
            )
            near = km <= child.max_school_km
            school_key[index] = len(reach)
            schools = np.full(int(near.sum()), school, dtype=np.int64)
            reach.append(Reach.of(families[near], schools, km[near], n_families, problem))
            continue
        kind_and_radius = (child.school_kind, child.max_school_km)
        if kind_and_radius not in key_of:
            key_of[kind_and_radius] = len(reach)
            kind = child.school_kind
            if kind not in widest_reach:
                indptr, school, km = tables.schools.reach_lists(kind, widest[kind], tables.families)
                family = np.repeat(np.arange(n_families), np.diff(indptr))
                family, school, km = _with_school_on_site(tables, kind, family, school, km)
                widest_reach[kind] = Reach.of(family, school, km, n_families, problem)
            reach.append(widest_reach[kind].within(child.max_school_km))
        school_key[index] = key_of[kind_and_radius]
    return reach, school_key


def on_site_index(tables: Tables) -> int:
    """The pseudo-school index that stands for a school on site."""
    return len(tables.schools.schools)


def _with_school_on_site(
    tables: Tables,
    kind: str,
    family: NDArray[np.int64],
    school: NDArray[np.int64],
    km: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Reach lists (family, school, km) where every home that teaches
    ``kind`` on site reaches only the on-site pseudo-school, at 0 km (rule 7)."""
    home = tables.families.schooled_on_site(kind)
    if not home.any():
        return family, school, km
    keep = ~home[family]
    sites = np.flatnonzero(home).astype(np.int64)
    on_site = np.full(len(sites), on_site_index(tables), dtype=np.int64)
    return (
        np.concatenate([family[keep], sites]),
        np.concatenate([school[keep], on_site]),
        np.concatenate([km[keep], np.zeros(len(sites))]),
    )


def _ranks(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per (row, position) of a key matrix: how many earlier positions of the
    row hold the same key, and how many positions in all, less one (``-1``
    keys count nothing)."""
    width = keys.shape[1]
    same = (keys[:, :, None] == keys[:, None, :]) & (keys[:, None, :] >= 0)
    earlier = np.tril(np.ones((width, width), dtype=bool), -1)
    return (same & earlier).sum(axis=2), same.sum(axis=2) - 1


def _packings(most_places: int) -> list[dict[int, int]]:
    """Every way to fill at most ``most_places`` places with columns of sizes
    1..most_places, as {size: how many}."""
    out: list[dict[int, int]] = [{}]
    for size in range(1, most_places + 1):
        out = [
            {**counts, size: count}
            for counts in out
            for count in range((most_places - _filled(counts)) // size + 1)
        ]
    return out


def _filled(counts: Mapping[int, int]) -> int:
    """The places a packing ({size: how many}) fills."""
    return sum(size * count for size, count in counts.items())
