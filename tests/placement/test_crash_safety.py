"""Crash safety: a process accepting placements is killed (SIGKILL) at random
moments, 200 times; afterwards the database is intact and every batch is there
completely or not at all.

The killing is done by a small fork server (this module run as a script): it
imports everything once, then forks a worker that opens the encrypted database
and accepts batches of three placements in a loop, and kills it after a few
random milliseconds. Forking makes 200 kills cost seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.services import audit
from placement.services.placements import accept_placements
from placement.storage import encryption, migrate
from placement.storage.database import Database, sqlite_url
from placement.storage.models import (
    Child,
    ChildStatus,
    FosterFamily,
    MatchingSession,
    Placement,
    PlacementStatus,
    Role,
)

KILLS = 200
BATCH = 3
FAMILIES = 1200
TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]


OFFICER = Actor(user_id=None, username="crash-officer", role=Role.OFFICER, workstation="crash")


def _one_batch(s: Session) -> bool:
    """Accept BATCH waiting children into an empty family; False when none are left."""
    occupied = select(Placement.id).where(
        Placement.family_id == FosterFamily.id, Placement.status == PlacementStatus.ACTIVE
    )
    children = (
        s.execute(select(Child.id).where(Child.status == ChildStatus.WAITING).order_by(Child.id).limit(BATCH))
        .scalars()
        .all()
    )
    family = s.execute(select(FosterFamily.id).where(~occupied.exists()).order_by(FosterFamily.id)).scalar()
    if len(children) < BATCH or family is None:
        return False
    matching = MatchingSession(session_date=TODAY)
    s.add(matching)
    s.flush()
    accept_placements(s, OFFICER, [(c, family, None) for c in children], session_id=matching.id, on_date=TODAY)
    return True


def _worker(db: Database) -> None:
    while True:
        with db.session() as s, s.begin():
            if not _one_batch(s):
                return


def _committed(path: Path, key: bytes) -> int:
    connection = encryption.connect(path, key)
    try:
        return int(connection.execute("SELECT count(*) FROM matching_sessions").fetchone()[0])
    finally:
        connection.close()


def _serve(url: str, key: bytes, kills: int, seed: int) -> dict[str, int]:
    db = Database(url, key=key)
    with db.session() as s:  # warm up (mappers, dialect, statement cache) once, before forking
        s.begin()
        _one_batch(s)
        s.rollback()
    db.engine.dispose()  # no connection crosses a fork
    path = encryption.sqlite_path(url)
    assert path is not None
    rng = random.Random(seed)
    summary = {"killed": 0, "finished": 0, "failed": 0}
    # Kill within [5 ms, longest): "longest" grows when a busy machine lets too
    # few batches through, so the kills keep landing inside transactions, and
    # shrinks when a fast one lets so many through that the families would
    # run out before the last kill (FAMILIES batches in all).
    longest, committed = 0.2, 0
    plenty = FAMILIES * 20 // (2 * kills)  # half the families' share of 20 kills
    for number in range(kills):
        pid = os.fork()
        if pid == 0:  # the worker
            status = 0
            try:
                _worker(db)
            except BaseException:  # noqa: BLE001 - reported as an exit status
                status = 3
            os._exit(status)
        time.sleep(rng.uniform(0.005, longest))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            summary["killed"] += 1
        elif os.WEXITSTATUS(status) == 0:
            summary["finished"] += 1
        else:
            summary["failed"] += 1
        if number % 20 == 19:
            now = _committed(path, key)
            if now - committed < 4:
                longest = min(longest * 1.6, 3.0)
            elif now - committed > plenty:
                longest = max(longest / 2, 0.02)
            committed = now
    return summary


def _populate(url: str, key: bytes) -> None:
    db = Database(url, key=key)
    with db.session() as s, s.begin():
        s.execute(
            insert(FosterFamily),
            [
                {
                    "name": f"Familie {i}",
                    "address": "Geheimstraat 1",
                    "postcode": "3511AB",
                    "lat": 52.0,
                    "lon": 5.0,
                    "total_places": BATCH,
                    "genders": ["f", "m", "x"],
                    "languages": [],
                }
                for i in range(FAMILIES)
            ],
        )
        s.execute(
            insert(Child),
            [
                {"name": f"Kind {i}", "date_of_birth": dt.date(2014, 1, 1), "gender": "x", "languages": [], "training_needed": []}
                for i in range(FAMILIES * BATCH)
            ],
        )
    db.dispose()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_killed_at_random_moments_leaves_whole_batches(tmp_path: Path) -> None:
    path = tmp_path / "placement.sqlite"
    key = encryption.derive_key("crash-test-passphrase", os.urandom(encryption.SALT_BYTES))
    url = sqlite_url(path)
    migrate.upgrade(url, key=key)
    _populate(url, key)

    run = subprocess.run(
        [sys.executable, "-m", "tests.placement.test_crash_safety", url, str(KILLS), "20261122"],
        input=key.hex(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    summary = json.loads(run.stdout)
    assert summary["failed"] == 0, run.stderr
    assert summary["killed"] + summary["finished"] == KILLS
    assert summary["killed"] >= KILLS * 0.9  # killed while working, not after running dry

    connection = encryption.connect(path, key)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()

    db = Database(url, key=key)
    with db.session() as s:
        per_session = dict(
            s.execute(select(Placement.session_id, func.count(Placement.id)).group_by(Placement.session_id)).all()
        )
        sessions = s.execute(select(MatchingSession.id)).scalars().all()
        placed = set(s.execute(select(Child.id).where(Child.status == ChildStatus.PLACED)).scalars())
        placed_by_placement = set(s.execute(select(Placement.child_id)).scalars())
        per_family = s.execute(select(Placement.family_id, func.count()).group_by(Placement.family_id)).all()
        report = audit.verify(s)
    db.dispose()
    assert len(sessions) >= 20, f"only {len(sessions)} batches committed: too few to show anything"
    print(f"{summary['killed']} kills, {len(sessions)} whole batches")
    assert sorted(per_session) == sorted(sessions)  # no session without its placements
    assert set(per_session.values()) == {BATCH}  # every batch whole
    assert placed == placed_by_placement  # child status agrees with the placements
    assert all(count <= BATCH for _, count in per_family)
    assert report.ok and report.rows == 2 * BATCH * len(sessions)


if __name__ == "__main__":
    _url, _kills, _seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    _key = bytes.fromhex(sys.stdin.read().strip())
    print(json.dumps(_serve(_url, _key, _kills, _seed)))
