"""The twelve Dutch provinces, named as in the map outlines
(resources/data/provinces.geojson) and the postcode table.

A child's responsible region is one of these: the province of the office that
took the child into care, which says which team handles the child.
"""

from __future__ import annotations

import json
from functools import cache

from placement.paths import resource


@cache
def provinces() -> tuple[str, ...]:
    """Province names in the map's order (north to south, by CBS code)."""
    with resource("data", "provinces.geojson").open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return tuple(f["properties"]["name"] for f in sorted(features, key=lambda f: f["properties"]["code"]))
