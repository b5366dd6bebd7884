"""The soft terms of the objective, one named function each.

Every function works on numpy arrays as well as on plain floats, so the same
definition scores a whole row of families for a recommendation and a single
placement in a proposal. Their names are the ``ScoreTerm`` names officers see.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from catalogue import limits
from catalogue.keys import Key
from catalogue.sentences import Explanation
from solver.problem import Weights
from solver.proposal import ScoreTerm

#: Points in the model are integers: 1 point = SCALE model units.
SCALE = 100


def language(shares: ArrayLike, weights: Weights) -> NDArray[np.float64]:
    """Soft: reward a family that shares a language with the child."""
    return np.where(np.asarray(shares, dtype=bool), weights.language, 0.0)


def safety_margin(network_km: ArrayLike, safety_km: float, weights: Weights) -> NDArray[np.float64]:
    """Soft: reward distance beyond the safety distance, up to
    ``limits.SAFETY_MARGIN_CAP_KM`` (``inf`` network distance means the child
    has no networks: 0 points)."""
    km = np.asarray(network_km, dtype=np.float64)
    margin = np.minimum(km - safety_km, limits.SAFETY_MARGIN_CAP_KM)
    return np.where(np.isfinite(km), weights.safety_margin * margin, 0.0)


def school_km(km: ArrayLike, weights: Weights) -> NDArray[np.float64]:
    """Soft: penalise the distance from the family to the child's school
    (``nan`` means the child needs no school: 0 points)."""
    distance = np.asarray(km, dtype=np.float64)
    none = np.isnan(distance)
    return np.where(none, 0.0, -weights.school_km * np.where(none, 0.0, distance))


def closed_unit(closed: ArrayLike, weights: Weights) -> NDArray[np.float64]:
    """Soft: a closed unit costs points, so the least restrictive place that
    fits comes first (``closed`` is true for a placement in a closed unit)."""
    return np.where(np.asarray(closed, dtype=bool), -weights.closed_unit, 0.0)


def siblings_together(weights: Weights) -> float:
    """Soft: reward two members of a may-split sibling group who still share a family."""
    return weights.siblings_together


def family_points(
    shares: ArrayLike, network_km: ArrayLike, safety_km: float, closed: ArrayLike, weights: Weights
) -> NDArray[np.float64]:
    """The per-placement terms that depend on the home alone (language,
    safety margin, closed unit), not on the school."""
    return (
        language(shares, weights)
        + safety_margin(network_km, safety_km, weights)
        + closed_unit(closed, weights)
    )


def placement_score(
    shares: ArrayLike,
    network_km: ArrayLike,
    safety_km: float,
    km: ArrayLike,
    closed: ArrayLike,
    weights: Weights,
) -> NDArray[np.float64]:
    """The per-placement score: the sum of the per-placement terms."""
    return family_points(shares, network_km, safety_km, closed, weights) + school_km(km, weights)


def model_units(points: ArrayLike) -> NDArray[np.int64]:
    """Points as the integers the CP-SAT model uses (rounded to 1/SCALE point,
    well inside the 0.1 km tolerance the session contract allows)."""
    return np.rint(np.asarray(points, dtype=np.float64) * SCALE).astype(np.int64)


def school_units(km: ArrayLike, weights: Weights) -> NDArray[np.int64]:
    """The school part of a placement's score in model units (0 without a school)."""
    return model_units(school_km(km, weights))


def placement_terms(
    shares: bool,
    network_km: float | None,
    safety_km: float,
    km: float | None,
    weights: Weights,
    *,
    closed: bool = False,
    on_site: bool = False,
) -> tuple[ScoreTerm, ...]:
    """The named breakdown of one placement's score, for officers: a
    placement in a closed unit shows the ``closed_unit`` term as its own
    line (other placements have none), a school on site says so."""
    network_distance = np.inf if network_km is None else network_km
    school_distance = np.nan if km is None else km
    if on_site:
        school_detail = Explanation(Key.TERM_SCHOOL_ON_SITE)
    elif km is None:
        school_detail = Explanation(Key.TERM_NO_SCHOOL)
    else:
        school_detail = Explanation(Key.TERM_SCHOOL_KM, km=float(km))
    closed_term = (
        (
            ScoreTerm(
                "closed_unit",
                float(closed_unit(True, weights)),
                Explanation(Key.TERM_CLOSED_UNIT),
            ),
        )
        if closed
        else ()
    )
    return (
        ScoreTerm(
            "language",
            float(language(shares, weights)),
            Explanation(Key.TERM_SHARES_LANGUAGE if shares else Key.TERM_NO_SHARED_LANGUAGE),
        ),
        ScoreTerm(
            "safety_margin",
            float(safety_margin(network_distance, safety_km, weights)),
            Explanation(Key.TERM_NO_NETWORK)
            if network_km is None
            else Explanation(Key.TERM_BEYOND_SAFETY, km=float(network_km - safety_km)),
        ),
        ScoreTerm("school_km", float(school_km(school_distance, weights)), school_detail),
        *closed_term,
    )
