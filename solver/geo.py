"""Great-circle distances, vectorised.

The session contract defines distance as haversine with Earth radius
6371.0088 km; every layer uses these functions so that the hard rules, the
map and the dossiers agree to the metre.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0088


def haversine_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> NDArray[np.float64]:
    """Distance in km between points (broadcasting like numpy)."""
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two points."""
    return float(haversine_km(lat1, lon1, lat2, lon2))


def pairwise_km(
    lat_a: ArrayLike, lon_a: ArrayLike, lat_b: ArrayLike, lon_b: ArrayLike
) -> NDArray[np.float64]:
    """Matrix of distances: rows are points a, columns points b."""
    la = np.asarray(lat_a, dtype=np.float64)[:, None]
    oa = np.asarray(lon_a, dtype=np.float64)[:, None]
    return haversine_km(
        la,
        oa,
        np.asarray(lat_b, dtype=np.float64)[None, :],
        np.asarray(lon_b, dtype=np.float64)[None, :],
    )
