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

*Odd cycles.* Where no clique is violated, half-placed children chase each
other round a cycle: two lone children share a family with one place, and
each also sits half in a family of two places with half a group of two.
Along any cycle of pairwise conflicting templates of odd length ``2k + 1``
at most ``k`` are used. The standard separation finds the cheapest odd
cycle, with edge weights ``1 - x_i - x_j``, as a shortest path in the
doubled conflict graph of the fractional templates; it is violated when
that weight is below 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

#: A cut is added when the LP's templates in it exceed its right-hand side by this.
VIOLATION = 1e-6
#: Odd cycles are looked for among at most this many fractional templates.
MAX_ODD_NODES = 400


@dataclass(slots=True)
class CutPool:
    """The cuts added so far, over templates given by family and size."""

    family: NDArray[np.int64]  # per template
    size: NDArray[np.int64]  # places per template
    units: NDArray[np.int64]  # (templates, width): the unit rows of each, padded with a row no template has
    places: NDArray[np.int64]  # per family
    order: NDArray[np.int64] = field(init=False)  # templates sorted by family
    start: NDArray[np.int64] = field(init=False)  # family -> first position in order
    members: list[NDArray[np.int64]] = field(default_factory=list)
    rhs: list[float] = field(default_factory=list)
    #: per cut: is it a clique (any subset of its members is one too)?
    clique: list[bool] = field(default_factory=list)
    keys: set[tuple[int, ...]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.order = np.argsort(self.family, kind="stable")
        self.start = np.searchsorted(self.family[self.order], np.arange(len(self.places) + 1))

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
        violates: family cliques, or odd cycles when no clique is violated.
        Returns how many were added."""
        used = np.zeros(len(self.family))
        np.add.at(used, tmpl, x)
        return self._cliques(used) or self._odd_cycles(used)

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

    def _conflicts(self, nodes: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Pairs (positions into ``nodes``) of templates that never share a
        plan: a common child or group, or one family without the places."""
        a, b = np.triu_indices(len(nodes), 1)
        ta, tb = nodes[a], nodes[b]
        ua, ub = self.units[ta], self.units[tb]
        pad = self.units.max(initial=0)
        common = ((ua[:, :, None] == ub[:, None, :]) & (ua[:, :, None] != pad)).any(axis=(1, 2))
        crowded = (self.family[ta] == self.family[tb]) & (self.size[ta] + self.size[tb] > self.places[self.family[ta]])
        hit = common | crowded
        return a[hit], b[hit]

    def _odd_cycles(self, used: NDArray[np.float64]) -> int:
        nodes = np.flatnonzero((used > VIOLATION) & (used < 1 - VIOLATION))
        n = len(nodes)
        if n < 3 or n > MAX_ODD_NODES:
            return 0
        a, b = self._conflicts(nodes)
        w = np.maximum(1.0 - used[nodes[a]] - used[nodes[b]], 0.0) + 1e-9
        # node i is i (even side) and n + i (odd side); every edge changes side
        rows = np.concatenate([a, n + a, b, n + b])
        cols = np.concatenate([n + b, b, n + a, a])
        graph = coo_matrix((np.tile(w, 4), (rows, cols)), shape=(2 * n, 2 * n)).tocsr()
        dist, pred = dijkstra(graph, indices=np.arange(n), return_predecessors=True)
        added = 0
        for i in np.argsort(dist[np.arange(n), n + np.arange(n)]).tolist():
            if dist[i, n + i] >= 1 - VIOLATION:
                break
            walk = [n + i]
            while walk[-1] != i:
                walk.append(int(pred[i, walk[-1]]))
            cycle = _odd_part([v % n for v in walk[:-1]])
            members = np.unique(nodes[cycle])
            key = (-1, *members.tolist())
            if len(members) == len(cycle) and key not in self.keys and used[members].sum() > (len(members) - 1) / 2 + VIOLATION:
                self._add(key, members, (len(members) - 1) / 2)
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
