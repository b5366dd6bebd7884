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

    kids: NDArray[np.int64]  # (templates, kmax), -1 padded
    lat: NDArray[np.float64]  # per family
    lon: NDArray[np.float64]
    groups: list[tuple[list[int], float]]


@dataclass(slots=True)
class CutPool:
    """The cuts added so far, over templates given by family and size."""

    family: NDArray[np.int64]  # per template
    size: NDArray[np.int64]  # places per template
    units: NDArray[
        np.int64
    ]  # (templates, width): the unit rows of each, padded with a row no template has
    places: NDArray[np.int64]  # per family
    apart: Apart | None = None
    order: NDArray[np.int64] = field(init=False)  # templates sorted by family
    start: NDArray[np.int64] = field(init=False)  # family -> first position in order
    holding: dict[int, NDArray[np.int64]] = field(
        init=False
    )  # child of a may-split group -> its templates
    group: NDArray[np.int64] = field(init=False)  # template -> its may-split group (-1: none)
    members: list[NDArray[np.int64]] = field(default_factory=list)
    rhs: list[float] = field(default_factory=list)
    #: per cut: is it a clique (any subset of its members is one too)?
    clique: list[bool] = field(default_factory=list)
    keys: set[tuple[int, ...]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.order = np.argsort(self.family, kind="stable")
        self.start = np.searchsorted(self.family[self.order], np.arange(len(self.places) + 1))
        self.holding = {}
        self.group = np.full(len(self.family), -1, dtype=np.int64)
        if self.apart is not None and self.apart.groups:
            kids = self.apart.kids
            top = max(
                [int(kids.max(initial=0))]
                + [c for members, _ in self.apart.groups for c in members]
            )
            group_of = np.full(top + 2, -1, dtype=np.int64)  # kid -1 reads the last entry
            for g, (members, _) in enumerate(self.apart.groups):
                group_of[members] = g
            tmpl, pos = np.nonzero(group_of[kids] >= 0)
            child = kids[tmpl, pos]
            self.group[tmpl] = group_of[child]
            order = np.argsort(child, kind="stable")
            child, tmpl = child[order], tmpl[order]
            if len(child):
                cut = np.flatnonzero(np.diff(child)) + 1
                self.holding = dict(
                    zip(child[np.r_[0, cut]].tolist(), np.split(tmpl, cut), strict=True)
                )

    def __len__(self) -> int:
        return len(self.members)

    def _clique(self, fam: int, above: float, extra: int) -> NDArray[np.int64]:
        here = self.order[self.start[fam] : self.start[fam + 1]]
        out = here[self.size[here] > above]
        return out if extra < 0 or extra in out else np.append(out, extra)

    def matrix(self, tmpl: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(cut, LP column) of every nonzero for the LP's columns ``tmpl``."""
        rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for q, m in enumerate(self.members):
            hit = np.flatnonzero(np.isin(tmpl, m))
            rows.append(np.full(len(hit), q, dtype=np.int64))
            cols.append(hit)
        return np.concatenate(rows), np.concatenate(cols)

    def penalty(self, duals: NDArray[np.float64]) -> NDArray[np.float64]:
        """Per template: the cut multipliers it pays."""
        out = np.zeros(len(self.family))
        for m, y in zip(self.members, duals, strict=True):
            if y > 0:
                out[m] += y
        return out

    def _add(self, key: tuple[int, ...], members: NDArray[np.int64], rhs: float) -> None:
        self.keys.add(key)
        self.members.append(members)
        self.rhs.append(rhs)
        self.clique.append(rhs == 1.0)

    def separate(self, tmpl: NDArray[np.int64], x: NDArray[np.float64]) -> int:
        """Add the cuts the LP solution ``x`` (over columns ``tmpl``)
        violates: family cliques, siblings apart, odd cycles.
        Returns how many were added."""
        used = np.zeros(len(self.family))
        np.add.at(used, tmpl, x)
        return self._cliques(used) + self._siblings_apart(used) + self._odd_cycles(used)

    def _cliques(self, used: NDArray[np.float64]) -> int:
        on = np.flatnonzero(used > VIOLATION)
        added = 0
        for fam in np.unique(self.family[on]).tolist():
            p = int(self.places[fam])
            if p < 2:
                continue  # the family row is the clique
            here = on[self.family[on] == fam]
            tries = [(p / 2, -1)] + [(max(p / 2, p - int(self.size[b])), int(b)) for b in here]
            for above, extra in tries:
                key = (fam, int(2 * above), extra)
                if key in self.keys:
                    continue
                m = self._clique(fam, above, extra)
                if len(m) > 1 and used[m].sum() > 1 + VIOLATION:
                    self._add(key, m, 1.0)
                    added += 1
        return added

    def _siblings_apart(self, used: NDArray[np.float64]) -> int:
        if self.apart is None:
            return 0
        lat, lon = self.apart.lat, self.apart.lon
        added = 0
        for members, max_km in self.apart.groups:
            for a in members:
                mine_all = self.holding.get(a, np.zeros(0, dtype=np.int64))
                for fam in np.unique(self.family[mine_all[used[mine_all] > VIOLATION]]).tolist():
                    mine = mine_all[self.family[mine_all] == fam]
                    for b in members:
                        key = (-2, a, fam, b)
                        if b == a or key in self.keys:
                            continue
                        theirs = self.holding.get(b, np.zeros(0, dtype=np.int64))
                        far = theirs[
                            haversine_km(
                                lat[fam],
                                lon[fam],
                                lat[self.family[theirs]],
                                lon[self.family[theirs]],
                            )
                            > max_km
                        ]
                        # and b in f itself where the family cannot take both
                        full = theirs[
                            (self.family[theirs] == fam)
                            & (self.size[theirs] + self.size[mine].min() > self.places[fam])
                        ]
                        m = np.union1d(mine, np.union1d(far, full))
                        if len(m) > len(mine) and used[m].sum() > 1 + VIOLATION:
                            self._add(key, m, 1.0)
                            added += 1
        return added

    def _conflicts(self, nodes: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Pairs (positions into ``nodes``) of templates that never share a
        plan: a common child or group, one family without the places, or
        members of a may-split group too far apart (rule 9)."""
        a, b = np.triu_indices(len(nodes), 1)
        ta, tb = nodes[a], nodes[b]
        ua, ub = self.units[ta], self.units[tb]
        pad = self.units.max(initial=0)
        common = ((ua[:, :, None] == ub[:, None, :]) & (ua[:, :, None] != pad)).any(axis=(1, 2))
        crowded = (self.family[ta] == self.family[tb]) & (
            self.size[ta] + self.size[tb] > self.places[self.family[ta]]
        )
        hit = common | crowded
        if self.apart is not None:
            ga = self.group[ta]
            same = np.flatnonzero((ga >= 0) & (ga == self.group[tb]))
            fa, fb = self.family[ta[same]], self.family[tb[same]]
            km = haversine_km(
                self.apart.lat[fa], self.apart.lon[fa], self.apart.lat[fb], self.apart.lon[fb]
            )
            limit = np.array([mk for _, mk in self.apart.groups])[ga[same]]
            hit[same[km > limit]] = True
        return a[hit], b[hit]

    def _odd_cycles(self, used: NDArray[np.float64]) -> int:
        nodes = np.flatnonzero((used > VIOLATION) & (used < 1 - VIOLATION))
        n = len(nodes)
        if n < 3 or n > MAX_ODD_NODES:
            return 0
        a, b = self._conflicts(nodes)
        adjacent = np.zeros((n, n), dtype=bool)
        adjacent[a, b] = adjacent[b, a] = True
        added = 0
        heavy = np.argsort(-used[nodes]).tolist()
        for i in heavy:  # a clique grown greedily from each node, heaviest first
            clique = [i]
            for k in heavy:
                if k != i and adjacent[k, clique].all():
                    clique.append(k)
            members = np.unique(nodes[clique])
            key = (-1, *members.tolist())
            if len(clique) > 2 and key not in self.keys and used[members].sum() > 1 + VIOLATION:
                self._add(key, members, 1.0)
                added += 1
        w = np.maximum(1.0 - used[nodes[a]] - used[nodes[b]], 0.0) + 1e-9
        # node i is i (even side) and n + i (odd side); every edge changes side
        rows = np.concatenate([a, n + a, b, n + b])
        cols = np.concatenate([n + b, b, n + a, a])
        graph = coo_matrix((np.tile(w, 4), (rows, cols)), shape=(2 * n, 2 * n)).tocsr()
        dist, pred = dijkstra(graph, indices=np.arange(n), return_predecessors=True)
        for i in np.argsort(dist[np.arange(n), n + np.arange(n)]).tolist():
            if dist[i, n + i] >= 1 - VIOLATION:
                break
            walk = [n + i]
            while walk[-1] != i:
                walk.append(int(pred[i, walk[-1]]))
            cycle = _odd_part([v % n for v in walk[:-1]])
            rhs = (len(cycle) - 1) / 2
            if (
                len(cycle) == 3
            ):  # a triangle is a clique: grow it while a node conflicts with all of it
                for k in heavy:
                    if k not in cycle and adjacent[k, cycle].all():
                        cycle.append(k)
            members = np.unique(nodes[cycle])
            key = (-1, *members.tolist())
            if (
                len(members) == len(cycle)
                and key not in self.keys
                and used[members].sum() > rhs + VIOLATION
            ):
                self._add(key, members, rhs)
                added += 1
        return added


def _odd_part(walk: list[int]) -> list[int]:
    """A simple cycle of odd length inside a closed walk of odd length (the
    walk's nodes in order, the first not repeated at the end): where a node
    comes back, the walk splits into two closed walks, one of them odd."""
    first: dict[int, int] = {}
    for k, v in enumerate(walk):
        if v in first:
            inner = walk[first[v] : k]
            outer = walk[: first[v]] + walk[k:]
            return _odd_part(inner if len(inner) % 2 else outer)
        first[v] = k
    return walk
