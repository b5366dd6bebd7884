"""Valid inequalities that close the relaxation's integrality gap.

The LP of the relaxation R (:mod:`solver.columns`) goes fractional where a
sibling group taking several places meets other children in one family: a
group of three at 2/3 in a family of three places leaves room for a lone
child at 1, although the group and the child never fit together. On the
benchmark sessions these half-placed groups made up nearly all of the gap
between R's bound and the best plan, and the gap decides how many triples
the exact model must keep.

*Family cliques.* Column templates are school-free (an owner's children in
one family), so an inequality over templates holds whatever schools their
columns pick, and pricing it is a penalty per template. In a family with
``P`` places, two templates that take more than ``P`` places together never
both appear in a plan (nor do two templates sharing a child). So:

- all templates of the family that take more than ``P / 2`` places conflict
  pairwise: at most one of them is used;
- a template ``B`` taking ``b`` places conflicts with every template taking
  more than ``max(P / 2, P - b)``: at most one of ``B`` and those.

Each is a clique of the conflict graph: the sum of its templates' values is
at most 1 in every plan of the session mapped into R, so adding it to R's
LP keeps every bound valid. A clique names its family, its threshold and its
extra template; its members are computed from those, so templates the LP
has not seen yet are in it too and pricing charges them.

*Siblings apart.* The relaxation leaves rule 9 out, and a may-split group
then spreads over families far apart; on a medium benchmark session that
alone kept the LP two priority points above the best plan. If member ``a``
is in family ``f``, member ``b`` is unplaced or within ``max_apart_km`` of
``f``: the templates holding ``a`` in ``f`` and those holding ``b`` in a
family too far from ``f``, or in ``f`` when it has no room for both, form
a clique (each side shares a child, and across the sides rule 9 or the
family's places forbid the pair).

*Odd cycles.* Where no clique is violated, half-placed children may chase each
other round a cycle: two lone children share a family with one place, and
each also sits half in a family of two places with half a group of two.
Along any cycle of pairwise conflicting templates of odd length ``2k + 1``
at most ``k`` are used. The standard separation finds the cheapest odd
cycle, with edge weights ``1 - x_i - x_j``, as a shortest path in the
doubled conflict graph of the fractional templates; it is violated when
that weight is below 1. Cliques of the same conflict graph are grown
greedily from each fractional template (and from each triangle), adding
every fractional template that conflicts with all of the clique.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from solver.geo import haversine_km

#: A cut is added when the LP's templates in it exceed its right-hand side by this.
VIOLATION = 1e-6
#: Odd cycles are looked for among at most this many fractional templates.
MAX_ODD_NODES = 400


@dataclass(frozen=True, slots=True)
class Apart:
    """What rule 9 needs: each template's children, where the families are,
    and the may-split groups as (members, the most km they may be apart)."""

    children: NDArray[np.int64]  # (templates, most children), -1 padded
    lat: NDArray[np.float64]  # per family
    lon: NDArray[np.float64]
    groups: list[tuple[list[int], float]]


@dataclass(slots=True)
class CutPool:
    """The cuts added so far, over templates given by family and size."""

    family: NDArray[np.int64]  # per template
    size: NDArray[np.int64]  # places per template
    #: (templates, width): the unit rows of each, padded with a row no template has
    units: NDArray[np.int64]
    places: NDArray[np.int64]  # per family
    apart: Apart | None = None
    order: NDArray[np.int64] = field(init=False)  # templates sorted by family
    start: NDArray[np.int64] = field(init=False)  # family -> first position in order
    #: child of a may-split group -> its templates
    holding: dict[int, NDArray[np.int64]] = field(init=False)
    group: NDArray[np.int64] = field(init=False)  # template -> its may-split group (-1: none)
    #: per cut: its templates (``members``) and its right-hand side (``rhs``):
    #: no plan uses more than ``rhs`` of them
    members: list[NDArray[np.int64]] = field(default_factory=list)
    rhs: list[float] = field(default_factory=list)
    #: per cut: is it a clique (any subset of its members is one too)?
    clique: list[bool] = field(default_factory=list)
    keys: set[tuple[int, ...]] = field(default_factory=set)
    #: (family, sibling) -> km from the family to each template holding the
    #: sibling (the same pairs come back in every round of cuts)
    km_to_sibling: dict[tuple[int, int], NDArray[np.float64]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.order = np.argsort(self.family, kind="stable")
        self.start = np.searchsorted(self.family[self.order], np.arange(len(self.places) + 1))
        self.holding = {}
        self.group = np.full(len(self.family), -1, dtype=np.int64)
        if self.apart is not None and self.apart.groups:
            children = self.apart.children
            last_child = max(
                [int(children.max(initial=0))]
                + [child for siblings, _ in self.apart.groups for child in siblings]
            )
            # child -1 (padding) reads the last entry
            group_of = np.full(last_child + 2, -1, dtype=np.int64)
            for group, (siblings, _) in enumerate(self.apart.groups):
                group_of[siblings] = group
            template, position = np.nonzero(group_of[children] >= 0)
            child = children[template, position]
            self.group[template] = group_of[child]
            by_child = np.argsort(child, kind="stable")
            child, template = child[by_child], template[by_child]
            if len(child):
                boundary = np.flatnonzero(np.diff(child)) + 1
                firsts = child[np.r_[0, boundary]].tolist()
                self.holding = dict(zip(firsts, np.split(template, boundary), strict=True))

    def __len__(self) -> int:
        return len(self.members)

    def _clique(self, family: int, above: float, extra: int) -> NDArray[np.int64]:
        """The family's templates taking more than ``above`` places, and ``extra``
        (a template, or -1 for none)."""
        here = self.order[self.start[family] : self.start[family + 1]]
        out = here[self.size[here] > above]
        return out if extra < 0 or extra in out else np.append(out, extra)

    def matrix(
        self, column_template: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(cut, LP column) of every nonzero for the LP's columns, given by
        ``column_template`` (each column's template)."""
        rows, columns = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for cut, templates in enumerate(self.members):
            hit = np.flatnonzero(np.isin(column_template, templates))
            rows.append(np.full(len(hit), cut, dtype=np.int64))
            columns.append(hit)
        return np.concatenate(rows), np.concatenate(columns)

    def penalty(self, duals: NDArray[np.float64]) -> NDArray[np.float64]:
        """Per template: the cut multipliers it pays."""
        out = np.zeros(len(self.family))
        for templates, multiplier in zip(self.members, duals, strict=True):
            if multiplier > 0:
                out[templates] += multiplier
        return out

    def _add(self, key: tuple[int, ...], members: NDArray[np.int64], rhs: float) -> None:
        self.keys.add(key)
        self.members.append(members)
        self.rhs.append(rhs)
        self.clique.append(rhs == 1.0)

    def separate(self, column_template: NDArray[np.int64], x: NDArray[np.float64]) -> int:
        """Add the cuts the LP solution ``x`` (over the LP's columns, each
        column's template in ``column_template``) violates: family cliques,
        siblings apart, odd cycles. Returns how many were added."""
        used = np.zeros(len(self.family))
        np.add.at(used, column_template, x)
        return self._cliques(used) + self._siblings_apart(used) + self._odd_cycles(used)

    def _cliques(self, used: NDArray[np.float64]) -> int:
        """Family cliques (see the module's docstring) that ``used``, the LP's
        value per template, violates."""
        in_use = np.flatnonzero(used > VIOLATION)
        added = 0
        for family in np.unique(self.family[in_use]).tolist():
            places = int(self.places[family])
            if places < 2:
                continue  # the family row is the clique
            here = in_use[self.family[in_use] == family]
            # (threshold, extra template): more than half the places, or beside ``extra``
            tries = [(places / 2, -1)] + [
                (max(places / 2, places - int(self.size[template])), int(template))
                for template in here
            ]
            for above, extra in tries:
                key = (family, int(2 * above), extra)
                if key in self.keys:
                    continue
                clique = self._clique(family, above, extra)
                if len(clique) > 1 and used[clique].sum() > 1 + VIOLATION:
                    self._add(key, clique, 1.0)
                    added += 1
        return added

    def _siblings_apart(self, used: NDArray[np.float64]) -> int:
        """Siblings-apart cliques (see the module's docstring) that ``used``
        violates: ``child`` in ``family`` against ``sibling`` too far away
        or crowding the family."""
        if self.apart is None:
            return 0
        lat, lon = self.apart.lat, self.apart.lon
        none = np.zeros(0, dtype=np.int64)
        added = 0
        for siblings, max_km in self.apart.groups:
            for child in siblings:
                holding_child = self.holding.get(child, none)
                families = self.family[holding_child[used[holding_child] > VIOLATION]]
                for family in np.unique(families).tolist():
                    mine = holding_child[self.family[holding_child] == family]
                    for sibling in siblings:
                        key = (-2, child, family, sibling)
                        if sibling == child or key in self.keys:
                            continue
                        theirs = self.holding.get(sibling, none)
                        their_family = self.family[theirs]
                        km = self.km_to_sibling.get((family, sibling))
                        if km is None:
                            km = haversine_km(
                                lat[family], lon[family], lat[their_family], lon[their_family]
                            )
                            self.km_to_sibling[family, sibling] = km
                        far = theirs[km > max_km]
                        # and the sibling in the family itself where it cannot take both
                        full = theirs[
                            (their_family == family)
                            & (self.size[theirs] + self.size[mine].min() > self.places[family])
                        ]
                        clique = np.union1d(mine, np.union1d(far, full))
                        if len(clique) > len(mine) and used[clique].sum() > 1 + VIOLATION:
                            self._add(key, clique, 1.0)
                            added += 1
        return added

    def _conflicts(self, nodes: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Pairs (positions into ``nodes``) of templates that never share a
        plan: a common child or group, one family without the places, or
        members of a may-split group too far apart (rule 9)."""
        left, right = np.triu_indices(len(nodes), 1)
        left_template, right_template = nodes[left], nodes[right]
        left_units, right_units = self.units[left_template], self.units[right_template]
        pad = self.units.max(initial=0)
        same_unit = left_units[:, :, None] == right_units[:, None, :]
        common = (same_unit & (left_units[:, :, None] != pad)).any(axis=(1, 2))
        left_family, right_family = self.family[left_template], self.family[right_template]
        crowded = (left_family == right_family) & (
            self.size[left_template] + self.size[right_template] > self.places[left_family]
        )
        conflict = common | crowded
        if self.apart is not None:
            group = self.group[left_template]
            same_group = np.flatnonzero((group >= 0) & (group == self.group[right_template]))
            left_home, right_home = left_family[same_group], right_family[same_group]
            lat, lon = self.apart.lat, self.apart.lon
            km = haversine_km(lat[left_home], lon[left_home], lat[right_home], lon[right_home])
            limit = np.array([max_km for _, max_km in self.apart.groups])[group[same_group]]
            conflict[same_group[km > limit]] = True
        return left[conflict], right[conflict]

    def _odd_cycles(self, used: NDArray[np.float64]) -> int:
        """Cliques grown from the fractional templates, then odd-cycle cuts
        (see the module's docstring) that ``used`` violates."""
        nodes = np.flatnonzero((used > VIOLATION) & (used < 1 - VIOLATION))
        n = len(nodes)
        if n < 3 or n > MAX_ODD_NODES:
            return 0
        left, right = self._conflicts(nodes)
        adjacent = np.zeros((n, n), dtype=bool)
        adjacent[left, right] = adjacent[right, left] = True
        added = 0
        heavy = np.argsort(-used[nodes]).tolist()
        for seed in heavy:  # a clique grown greedily from each node, heaviest first
            clique = [seed]
            for node in heavy:
                if node != seed and adjacent[node, clique].all():
                    clique.append(node)
            templates = np.unique(nodes[clique])
            key = (-1, *templates.tolist())
            if len(clique) > 2 and key not in self.keys and used[templates].sum() > 1 + VIOLATION:
                self._add(key, templates, 1.0)
                added += 1
        weight = np.maximum(1.0 - used[nodes[left]] - used[nodes[right]], 0.0) + 1e-9
        # of n nodes, node i is i (even side) and n + i (odd side); every edge changes side
        rows = np.concatenate([left, n + left, right, n + right])
        columns = np.concatenate([n + right, right, n + left, left])
        graph = coo_matrix((np.tile(weight, 4), (rows, columns)), shape=(2 * n, 2 * n)).tocsr()
        distance, predecessor = dijkstra(graph, indices=np.arange(n), return_predecessors=True)
        for node in np.argsort(distance[np.arange(n), n + np.arange(n)]).tolist():
            if distance[node, n + node] >= 1 - VIOLATION:
                break
            walk = [n + node]
            while walk[-1] != node:
                walk.append(int(predecessor[node, walk[-1]]))
            cycle = _odd_part([step % n for step in walk[:-1]])
            rhs = (len(cycle) - 1) / 2
            if len(cycle) == 3:
                # a triangle is a clique: grow it while a node conflicts with all of it
                for other in heavy:
                    if other not in cycle and adjacent[other, cycle].all():
                        cycle.append(other)
            templates = np.unique(nodes[cycle])
            key = (-1, *templates.tolist())
            if (
                len(templates) == len(cycle)
                and key not in self.keys
                and used[templates].sum() > rhs + VIOLATION
            ):
                self._add(key, templates, rhs)
                added += 1
        return added


def _odd_part(walk: list[int]) -> list[int]:
    """A simple cycle of odd length inside a closed walk of odd length (the
    walk's nodes in order, the first not repeated at the end): where a node
    comes back, the walk splits into two closed walks, one of them odd."""
    first: dict[int, int] = {}
    for position, node in enumerate(walk):
        if node in first:
            inner = walk[first[node] : position]
            outer = walk[: first[node]] + walk[position:]
            return _odd_part(inner if len(inner) % 2 else outer)
        first[node] = position
    return walk
