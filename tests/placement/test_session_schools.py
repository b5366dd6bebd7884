"""Which schools a session takes: those with a free seat, of a kind some chosen
child needs, within that child's school radius of at least one family. The
nearest family comes from a k-d tree; these tests hold it to the whole
distance matrix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from placement.actor import Actor
from placement.services.matching import build_problem, nearest_km
from placement.storage import models as m
from placement.storage.database import Database, sqlite_url
from solver.geo import pairwise_km
from solver.problem import Settings

OFFICER = Actor(user_id=None, username="test", role=m.Role.OFFICER)


@pytest.mark.parametrize("seed", range(5))
def test_nearest_is_the_minimum_of_the_whole_distance_matrix(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # the Netherlands, and the whole globe (poles and the date line included)
    box = ((50.7, 3.3), (53.6, 7.3)) if seed % 2 else ((-90.0, -180.0), (90.0, 180.0))
    points = rng.uniform(*box, size=(500, 2))
    to = rng.uniform(*box, size=(40, 2))
    to[:5] = points[:5]  # some at the same place: distance 0
    got = nearest_km(points[:, 0], points[:, 1], to[:, 0], to[:, 1])
    want = pairwise_km(points[:, 0], points[:, 1], to[:, 0], to[:, 1]).min(axis=1)
    assert np.allclose(got, want, rtol=0, atol=1e-9)
    assert (got[:5] == 0).all()


@pytest.mark.parametrize("school_km", [1.0, 5.0, 15.0])
def test_the_demo_session_takes_exactly_the_schools_within_reach(
    demo_db_path: Path, school_km: float
) -> None:
    db = Database(sqlite_url(demo_db_path))
    try:
        with db.session() as s:
            problem = build_problem(
                s, OFFICER, on_date=dt.date.today(), settings=Settings(max_school_km=school_km)
            )
            rows = s.execute(
                select(m.School.duo_code, m.School.kinds, m.School.lat, m.School.lon).where(
                    m.School.free_seats > 0
                )
            ).all()
    finally:
        db.dispose()
    reach: dict[str, float] = {}
    for child in problem.children:
        if child.school_kind is not None:
            reach[child.school_kind] = max(reach.get(child.school_kind, 0.0), child.max_school_km)
    km = pairwise_km(
        [r.lat for r in rows],
        [r.lon for r in rows],
        [f.location.lat for f in problem.families],
        [f.location.lon for f in problem.families],
    ).min(axis=1)
    wanted = {
        r.duo_code
        for r, nearest in zip(rows, km, strict=True)
        if (kinds := reach.keys() & set(r.kinds)) and nearest <= max(reach[k] for k in kinds) + 1e-6
    }
    assert {school.id for school in problem.schools} == wanted
    assert wanted, "the demo has schools near its families"
