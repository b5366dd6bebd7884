"""The demo database: the right amounts, plausible Dutch geography, plainly
fictional people, the same data for the same seed, and solvable: most waiting
children have a family that passes every hard rule."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from catalogue.codes import SCHOOL_KINDS
from placement.actor import Actor
from placement.cli.main import main
from placement.provinces import provinces
from placement.services.demo import _STREETS, build_demo_database, ensure_demo_database
from placement.services.matching import build_problem
from placement.storage import models as m
from placement.storage.database import Database, sqlite_url
from solver.geo import pairwise_km
from tests.conftest import DEMO_SEED
from tests.placement.test_migrations import snapshot

SAFETY_KM = 50.0
MAX_SCHOOL_KM = 15.0
NL_LAT, NL_LON = (50.7, 53.6), (3.3, 7.3)


@pytest.fixture
def demo(demo_db_path: Path) -> Database:
    db = Database(sqlite_url(demo_db_path))
    yield db
    db.dispose()


def test_demo_has_the_promised_amounts(demo: Database) -> None:
    with demo.session() as s:
        families = s.scalars(select(m.FosterFamily).where(m.FosterFamily.kind == "family")).all()
        units = s.scalars(select(m.FosterFamily).where(m.FosterFamily.kind == "closed-unit")).all()
        waiting = s.scalars(select(m.Child).where(m.Child.status == m.ChildStatus.WAITING)).all()
        assert len(families) == 400
        assert len(units) == 5
        assert len(waiting) == 80
        assert s.scalar(select(func.count(m.School.id))) == 8656
        networks = s.scalars(select(m.Network)).all()
        assert len(networks) == 6
        assert all(2 <= len(n.locations) <= 8 for n in networks)
        assert {u.role for u in s.scalars(select(m.User))} == set(m.Role)


def test_families_are_spread_over_the_country_and_plainly_fictional(demo: Database) -> None:
    today = dt.date.today()
    with demo.session() as s:
        families = s.scalars(select(m.FosterFamily).where(m.FosterFamily.kind == "family")).all()
        _check_families(families, today)


def _check_families(families: list[m.FosterFamily], today: dt.date) -> None:
    provinces = Counter(f.province for f in families)
    assert len(provinces) >= 10, provinces
    assert provinces.most_common(1)[0][1] < 0.35 * len(families)
    assert all(NL_LAT[0] < f.lat < NL_LAT[1] and NL_LON[0] < f.lon < NL_LON[1] for f in families)
    assert all(f.name.startswith("Familie ") for f in families)
    assert all(f.address.rsplit(" ", 1)[0] in _STREETS for f in families)
    assert all(f.languages[0] == "nl" for f in families)
    assert len({lang for f in families for lang in f.languages}) >= 6
    assert {f.total_places for f in families} == {1, 2, 3, 4}
    free = Counter(f.free_places for f in families)
    assert free[0] > 10 and len(free) >= 4, free  # some full, most with room, free places vary
    assert 5 <= sum(f.status == m.FamilyStatus.PAUSED for f in families) <= 60
    assert all(0 <= f.age_min <= f.age_max <= 18 for f in families)
    tags = Counter(t for f in families for t in f.training_tags(today))
    assert set(tags) == {"exploitation", "trauma", "language-support", "attachment"}
    expired = [t for f in families for t in f.training if not t.valid_on(today)]
    assert 20 <= len(expired) <= 0.5 * sum(len(f.training) for f in families)


def test_waiting_children_look_like_real_cases(demo: Database) -> None:
    today = dt.date.today()
    with demo.session() as s:
        waiting = s.scalars(select(m.Child).where(m.Child.status == m.ChildStatus.WAITING)).all()
        groups = s.scalars(select(m.SiblingGroup)).all()
        guardian = s.scalars(select(m.User).where(m.User.role == m.Role.GUARDIAN)).one()
        assert all(u.password_hash is None for u in s.scalars(select(m.User)))
        _check_children(waiting, groups, guardian, today)


def _check_children(
    waiting: list[m.Child], groups: list[m.SiblingGroup], guardian: m.User, today: dt.date
) -> None:
    ages = [c.age_on(today) for c in waiting]
    assert sum(6 <= a <= 16 for a in ages) >= 0.75 * len(ages)
    assert min(ages) >= 0 and max(ages) <= 17
    assert {c.priority for c in waiting} == {1, 2, 3, 4, 5}
    assert all(c.networks for c in waiting)
    assert {c.school_kind for c in waiting} >= {"primary", "secondary", "special"}
    assert all(c.school_kind is None or c.school_kind in SCHOOL_KINDS for c in waiting)
    assert len({lang for c in waiting for lang in c.languages}) >= 4
    assert sum(c.guardian_id == guardian.id for c in waiting) >= 10
    regions = Counter(c.region for c in waiting)
    assert set(regions) <= set(provinces()) and len(regions) >= 5, regions  # several teams, none unknown
    assert len(groups) >= 5
    assert all(2 <= len(g.children) <= 4 for g in groups)
    for group in groups:  # brothers and sisters: one surname and language, different first names
        names = [c.name.split(" ", 1) for c in group.children]
        assert len({first for first, _ in names}) == len(names) and len({last for _, last in names}) == 1
        assert len({tuple(c.languages) for c in group.children}) == 1
        assert len({c.region for c in group.children}) == 1  # taken into care together
    assert any(not g.keep_together for g in groups) and any(g.keep_together for g in groups)


def test_placed_children_have_a_region_in_several_provinces(demo: Database) -> None:
    with demo.session() as s:
        regions = Counter(s.scalars(select(m.Child.region).where(m.Child.status != m.ChildStatus.WAITING)))
    assert set(regions) <= set(provinces()) and len(regions) >= 6, regions


def test_schools_carry_duo_kinds_and_seeded_free_seats(demo: Database) -> None:
    with demo.session() as s:
        schools = s.scalars(select(m.School)).all()
    kinds = Counter(k for sc in schools for k in sc.kinds)
    assert kinds["primary"] == 6122 and kinds["secondary"] == 1629
    assert kinds["newcomer"] > 10 and kinds["special"] > 500
    assert {sc.free_seats for sc in schools} == {0, 1, 2, 3, 4}


def test_some_network_locations_lie_abroad(demo: Database) -> None:
    with demo.session() as s:
        locations = s.scalars(select(m.NetworkLocation)).all()
    abroad = [loc for loc in locations if loc.label.endswith(")")]
    assert 5 <= len(abroad) < len(locations)
    assert {loc.label[-3:-1] for loc in abroad} == {"RO", "BG", "BE", "DE"}
    assert all(loc.lat < 46 for loc in abroad if loc.label[-3:-1] in ("RO", "BG"))
    assert all(loc.lat < 50.5 or loc.lon > 6.1 for loc in abroad if loc.label[-3:-1] == "DE")
    assert all(loc.source_note and loc.label and loc.reported_on <= dt.date.today() for loc in locations)


def test_most_waiting_children_have_a_family_passing_every_hard_rule(demo: Database) -> None:
    today = dt.date.today()
    with demo.session() as s:
        families = [
            f
            for f in s.scalars(
                select(m.FosterFamily)
                .where(m.FosterFamily.status == m.FamilyStatus.ACTIVE)
                .options(selectinload(m.FosterFamily.training))
            )
            if f.free_places > 0
        ]
        schools = s.scalars(select(m.School).where(m.School.free_seats > 0)).all()
        waiting = s.scalars(
            select(m.Child)
            .where(m.Child.status == m.ChildStatus.WAITING)
            .options(selectinload(m.Child.networks).selectinload(m.Network.locations))
        ).all()
        lat = np.array([f.lat for f in families])
        lon = np.array([f.lon for f in families])
        tags = [f.training_tags(today) for f in families]
        school_km = pairwise_km(lat, lon, [sc.lat for sc in schools], [sc.lon for sc in schools])
        near_kind = {
            kind: (school_km[:, [j for j, sc in enumerate(schools) if kind in sc.kinds]] <= MAX_SCHOOL_KM).any(axis=1)
            for kind in SCHOOL_KINDS.values
        }
        unsolvable = []
        for child in waiting:
            age = child.age_on(today)
            ok = np.array(
                [
                    f.age_min <= age <= f.age_max
                    and child.gender in f.genders
                    and set(child.training_needed) <= tags[i]
                    for i, f in enumerate(families)
                ]
            )
            for loc in (loc for n in child.networks for loc in n.locations):
                ok &= pairwise_km(lat, lon, [loc.lat], [loc.lon])[:, 0] >= SAFETY_KM
            if child.school_kind:
                ok &= near_kind[child.school_kind]
            if not ok.any():
                unsolvable.append(child.external_ref)
    assert len(unsolvable) <= 0.1 * len(waiting), unsolvable


def test_demo_builds_on_postgresql_and_leaves_ids_usable(empty_postgres_url: str) -> None:
    counts = build_demo_database(empty_postgres_url, seed=DEMO_SEED)
    assert (counts["families"], counts["waiting children"], counts["schools"]) == (400, 80, 8656)
    db = Database(empty_postgres_url)
    try:
        with db.session() as s, s.begin():  # the id sequences moved past the demo rows
            s.add(m.FosterFamily(name="Familie Nieuw", postcode="1012", lat=52.4, lon=4.9, total_places=1))
        with db.session() as s:
            assert s.scalar(select(func.count(m.FosterFamily.id))) == 400 + 5 + 1  # families, units, the new one
    finally:
        db.dispose()


def test_the_same_seed_gives_the_same_data(tmp_path: Path, demo_db_path: Path) -> None:
    tables = ["families", "training_records", "children", "child_networks", "placements", "network_locations"]
    same = tmp_path / "same.sqlite"
    build_demo_database(sqlite_url(same), seed=DEMO_SEED)
    assert snapshot(sqlite_url(same), tables) == snapshot(sqlite_url(demo_db_path), tables)


def test_demo_refuses_a_database_that_has_families_unless_forced(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--force adds a second demo next to the first; another seed, other families."""
    url = sqlite_url(demo_db_path)
    assert main(["--db", url, "demo"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already has families" in err
    assert len(snapshot(url, ["families"])["families"]) == 400 + 5  # and the closed units
    assert main(["--db", url, "demo", "--force", "--seed", "2"]) == 0
    db = Database(url)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count(m.School.id))) == 8656  # schools are not duplicated
            families = s.execute(
                select(m.FosterFamily.name, m.FosterFamily.postcode, m.FosterFamily.external_ref)
                .order_by(m.FosterFamily.id)
            ).all()
    finally:
        db.dispose()
    assert len(families) == 810 and len({f.external_ref for f in families}) == 810
    assert [f[:2] for f in families[:400]] != [f[:2] for f in families[400:]]


def test_first_start_creates_the_demo_database_once(tmp_path: Path) -> None:
    path = tmp_path / "data" / "placement.sqlite"
    assert ensure_demo_database(sqlite_url(path)) is True
    assert path.exists() and not path.with_name("placement.sqlite.building").exists()
    first = snapshot(sqlite_url(path), ["families"])
    assert len(first["families"]) == 400 + 5  # and the closed units
    assert ensure_demo_database(sqlite_url(path)) is False
    assert snapshot(sqlite_url(path), ["families"]) == first


def test_first_start_leaves_an_existing_database_alone(tmp_path: Path, demo_db_path: Path) -> None:
    path = shutil.copyfile(demo_db_path, tmp_path / "mine.sqlite")
    before = snapshot(sqlite_url(path), ["families", "children"])
    assert ensure_demo_database(sqlite_url(path)) is False
    assert snapshot(sqlite_url(path), ["families", "children"]) == before


def test_the_demo_tells_what_happens_after_a_placement(demo: Database) -> None:
    from placement.aftercare_codes import END_REASONS

    with demo.session() as s:
        placed = s.scalars(
            select(m.Child).where(m.Child.status == m.ChildStatus.PLACED).options(selectinload(m.Child.networks))
        ).all()
        assert placed and sum(bool(c.networks) for c in placed) >= 0.9 * len(placed)
        episodes = s.scalars(select(m.MissingEpisode)).all()
        open_now = [e for e in episodes if e.found_at is None]
        found = [e for e in episodes if e.found_at is not None and e.interview_at is None]
        assert len(open_now) == 1 and "police" not in open_now[0].checklist  # its clock is running
        assert len(found) == 1 and found[0].found_country == "BE"
        reviews = s.scalars(select(m.FamilyReview).where(m.FamilyReview.closed_at.is_(None))).all()
        assert len(reviews) == 2
        assert all(s.get_one(m.FosterFamily, r.family_id).status == m.FamilyStatus.PAUSED for r in reviews)
        derived = s.scalars(select(m.NetworkLocation).where(m.NetworkLocation.family_id.is_not(None))).all()
        assert {d.family_id for d in derived} == {r.family_id for r in reviews}
        assert all(d.source_note.startswith("vermissing C") for d in derived)
        reasons = set(s.scalars(select(m.Placement.end_reason).where(m.Placement.end_reason.is_not(None))))
        assert reasons and reasons <= set(END_REASONS)


def test_the_demo_has_closed_units_and_authorised_children_in_one_session(demo: Database) -> None:
    today = dt.date.today()
    officer = Actor(user_id=None, username="demo-officer", role=m.Role.OFFICER, workstation="test")
    with demo.session() as s:
        units = s.scalars(select(m.FosterFamily).where(m.FosterFamily.kind == "closed-unit")).all()
        assert all(u.name.startswith("Gesloten afdeling ") and u.name.endswith("(fictief)") for u in units)
        assert max(u.total_places for u in units) == 60
        problem = build_problem(s, officer, on_date=today)
    kinds = Counter(f.kind for f in problem.families)
    assert kinds["closed-unit"] == 5 and kinds["family"] > 300
    assert sum(c.closed_care for c in problem.children) == 6
