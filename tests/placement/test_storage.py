"""Storage: every entity survives a write and a re-open, on SQLite and
PostgreSQL; the SQLite safety settings are really in effect; the CHECK
constraints refuse nonsense."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from placement.storage import models as m
from placement.storage.database import Database, make_engine, sqlite_url

DAY = dt.date(2026, 3, 1)


def columns(obj: Any) -> dict[str, Any]:
    """The stored column values of an ORM object (what a re-open must give back)."""
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def write_one_of_each(db: Database) -> dict[tuple[type, int], dict[str, Any]]:
    """Write one of every entity, linked to each other; return their stored values."""
    with db.session() as s, s.begin():
        guardian = m.User(username="voogd1", display_name="Voogd Eén", role=m.Role.GUARDIAN)
        officer = m.User(
            username="officer1",
            display_name="Plaatser",
            role=m.Role.OFFICER,
            password_hash="$argon2id$fake",
            active=False,
            created_at=dt.datetime(2026, 1, 2, 3, 4, 5, 678901),
        )
        family = m.FosterFamily(
            external_ref="FAM-1",
            name="Familie Voorbeeld",
            address="Voorbeeldlaan 12",
            postcode="1012 AB",
            lat=52.3731,
            lon=4.8925,
            municipality="Amsterdam",
            province="Noord-Holland",
            total_places=3,
            age_min=4,
            age_max=14,
            genders=["f", "x"],
            languages=["nl", "ro"],
            status=m.FamilyStatus.PAUSED,
            notes="Tijdelijk gepauzeerd.",
            training=[
                m.TrainingRecord(tag="exploitation", completed_on=dt.date(2024, 5, 1)),
                m.TrainingRecord(
                    tag="trauma", completed_on=dt.date(2022, 1, 1), expires_on=dt.date(2025, 1, 1)
                ),
            ],
        )
        network = m.Network(
            label="Netwerk Noord",
            notes="geheim",
            locations=[
                m.NetworkLocation(
                    label="Winkelcentrum",
                    lat=52.1,
                    lon=5.1,
                    reported_on=dt.date(2025, 11, 3),
                    source_note="politie",
                ),
                m.NetworkLocation(label="Boekarest", lat=44.4268, lon=26.1025, reported_on=DAY),
            ],
        )
        group = m.SiblingGroup(label="Broers", keep_together=False, max_apart_km=12.5)
        child = m.Child(
            external_ref="K-1",
            name="Kind Een",
            date_of_birth=dt.date(2015, 6, 30),
            gender="m",
            languages=["ro", "nl"],
            training_needed=["exploitation"],
            school_kind="primary",
            priority=5,
            safety_km=80.0,
            max_school_km=10.0,
            guardian=guardian,
            sibling_group=group,
            status=m.ChildStatus.PLACED,
            notes="let op",
            region="Fryslân",
            networks=[network],
        )
        school = m.School(
            duo_code="00AA00",
            name="Basisschool Voorbeeld",
            kinds=["primary", "newcomer"],
            free_seats=2,
            postcode="1012 AB",
            lat=52.37,
            lon=4.89,
            municipality="Amsterdam",
            province="Noord-Holland",
        )
        session = m.MatchingSession(
            created_by=officer,
            created_at=dt.datetime(2026, 3, 1, 9, 30),
            session_date=DAY,
            settings={"safety_km": 50, "max_school_km": 15.0},
            problem={"format": "placement-session/1", "children": [{"id": "C1"}]},
            proposal={"status": "optimal", "assignments": [{"child": "C1", "family": "F1"}]},
            decisions={"pins": [["C1", "F1"]], "forbidden": []},
            status=m.SessionStatus.ACCEPTED,
        )
        placement = m.Placement(
            child=child,
            family=family,
            school=school,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2025, 6, 1),
            end_reason="terug naar huis",
            status=m.PlacementStatus.ENDED,
        )
        s.add_all([family, network, child, school, session, placement])
        s.flush()
        placement.session_id = session.id
        episode = m.MissingEpisode(
            child=child, placement=placement, family=family, last_seen_at=dt.datetime(2025, 3, 1, 21, 15),
            last_seen_where="station", risk="orange", description="rode jas",
            reported_at=dt.datetime(2025, 3, 1, 22, 0), reported_by="officer1",
            checklist={"police": {"at": "2025-03-01T22:05", "by": "officer1"}},
            found_at=dt.datetime(2025, 3, 2, 9, 0), found_country="BE",
            interview_at=dt.datetime(2025, 3, 3, 9, 0), interview_by="J. Onafhankelijk",
        )
        s.add(episode)
        s.flush()
        review = m.FamilyReview(
            family=family, opened_at=dt.datetime(2025, 3, 1, 22, 10), opened_by="officer1",
            source="vermissing C1, 2025-03-01", note="adres bekend", missing_episode_id=episode.id,
            closed_at=dt.datetime(2025, 4, 1, 9, 0), closed_by="officer1", closing_note="besproken",
        )
        network.locations[0].family_id = family.id
        placement.end_note = "weggelopen"
        alias = m.ChildAlias(child=child, name="Kind Anders", date_of_birth=dt.date(2014, 6, 30), nationality="RO")
        authorisation = m.CourtAuthorisation(
            child=child, kind="spoed", valid_from=dt.date(2025, 2, 1), valid_until=dt.date(2025, 2, 28),
            court_reference="C/13/765432 / JE RK 25-123", recorded_at=dt.datetime(2025, 2, 1, 11, 0),
        )
        unit = m.FosterFamily(
            name="De Horst", address="Horsterweg 1", postcode="8071", lat=52.38, lon=5.85, total_places=60,
            age_min=12, age_max=18, kind="closed-unit", school_on_site=["secondary", "special-secondary"],
        )
        s.add_all([review, alias, authorisation, unit])
        s.flush()
        # On a server the triggers have already chained rows for the above.
        head = s.get_one(m.AuditHead, 1)  # the migration creates the one head row
        entry = m.AuditEntry(
            id=head.last_id + 1,
            at=dt.datetime(2026, 3, 1, 10, 0, 0, 123456),
            user_id=officer.id,
            username="officer1",
            role="officer",
            action="accept_proposal",
            object_type="session",
            object_id=str(session.id),
            outcome="allowed",
            workstation="PC-12",
            prev_hash=head.last_hash,
            hash="a" * 64,
        )
        head.last_id, head.last_hash = entry.id, "a" * 64
        alert = m.NetworkAlert(
            placement=placement,
            network=network,
            raised_at=dt.datetime(2026, 3, 2, 8, 0),
            distance_km=31.25,
            safety_km=50.0,
            acknowledged_at=dt.datetime(2026, 3, 2, 9, 0),
            acknowledged_by_id=officer.id,
            acknowledged_by="officer1",
        )
        setting = m.Setting(name="example", value="Eén waarde")
        snapshot = m.CapacitySnapshot(
            taken_at=dt.datetime(2026, 3, 3, 7, 0), on_date=DAY, report={"regions": [["Utrecht", 5]]}
        )
        s.add_all([entry, alert, setting, snapshot])
        s.flush()
        objects = [guardian, officer, family, *family.training, network, *network.locations]
        objects += [group, child, school, session, placement, entry, head, alert, snapshot, episode, review, alias]
        objects += [authorisation, unit]
        stored = {(type(o), o.id): columns(o) for o in objects}
        stored[(m.Setting, setting.name)] = columns(setting)
        return stored


def test_every_entity_reads_back_equal_after_reopening(db: Database) -> None:
    written = write_one_of_each(db)
    reopened = Database(db.url)
    try:
        with reopened.session() as s:
            for (cls, pk), values in written.items():
                assert columns(s.get(cls, pk)) == values, cls.__name__
            child = s.scalars(select(m.Child)).one()
            assert [n.label for n in child.networks] == ["Netwerk Noord"]
            assert child.guardian.username == "voogd1"
            assert child.sibling_group.children == [child]
            family = s.scalars(select(m.FosterFamily).where(m.FosterFamily.kind == "family")).one()
            assert family.training_tags(DAY) == {"exploitation"}  # trauma expired
            assert [p.end_reason for p in family.placements] == ["terug naar huis"]
    finally:
        reopened.dispose()


def test_every_mapped_entity_is_covered_by_the_round_trip(db: Database) -> None:
    """A new model needs a sample in ``write_one_of_each`` (and so a round trip)."""
    written = {cls for cls, _ in write_one_of_each(db)}
    assert {mapper.class_ for mapper in m.Base.registry.mappers} - written == set()


def test_sqlite_safety_pragmas_are_in_effect(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with db.session() as s, s.begin():
            conn = s.connection()
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.dispose()


def test_a_second_writer_cannot_start_while_one_is_open(sqlite_url: str) -> None:
    """BEGIN IMMEDIATE: a transaction takes the write lock at its start, so a
    second one cannot even begin while the first is open."""
    first, second = Database(sqlite_url), make_engine(sqlite_url)
    try:
        with first.session() as s, s.begin():
            s.execute(select(m.FosterFamily))
            raw = second.raw_connection()
            raw.driver_connection.execute("PRAGMA busy_timeout=0")
            with pytest.raises(Exception, match="locked"):
                raw.driver_connection.execute("BEGIN IMMEDIATE")
            raw.close()
    finally:
        first.dispose()
        second.dispose()


def test_sqlite_refuses_a_placement_of_a_child_that_does_not_exist(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), db.session() as s, s.begin():
            s.add(m.Placement(child_id=999, family_id=999, start_date=DAY))
        with db.session() as s:
            assert s.scalars(select(m.Placement)).all() == []
    finally:
        db.dispose()


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as s, s.begin():
        s.add(m.TrainingRecord(family_id=12345, tag="trauma", completed_on=DAY))


def _family(**overrides: Any) -> m.FosterFamily:
    values: dict[str, Any] = dict(name="Familie X", postcode="1012", lat=52.0, lon=5.0, total_places=2)
    return m.FosterFamily(**(values | overrides))


def _child(**overrides: Any) -> m.Child:
    values: dict[str, Any] = dict(name="Kind X", date_of_birth=dt.date(2016, 1, 1), gender="f")
    return m.Child(**(values | overrides))


@pytest.mark.parametrize(
    ("make", "constraint"),
    [
        (lambda: _family(total_places=21), "total_places_range"),
        (lambda: _family(total_places=-1), "total_places_range"),
        (lambda: _family(age_min=12, age_max=8), "age_range"),
        (lambda: _child(priority=0), "priority_range"),
        (lambda: _child(priority=6), "priority_range"),
        (lambda: _child(gender="v"), "gender_known"),
        (lambda: _family(lat=5.0, lon=252.0), "coordinates"),
        (lambda: _child(safety_km=-1.0), "safety_km_not_negative"),
        (lambda: _child(max_school_km=0.0), "max_school_km_positive"),
        (lambda: m.SiblingGroup(max_apart_km=-0.5), "max_apart_km_not_negative"),
        (
            lambda: _family(
                training=[
                    m.TrainingRecord(
                        tag="trauma", completed_on=DAY, expires_on=DAY - dt.timedelta(days=1)
                    )
                ]
            ),
            "expires_after_completion",
        ),
    ],
    ids=[
        "places>20", "places<0", "age_min>age_max", "priority 0", "priority 6", "gender v",
        "lon 252", "safety<0", "school km 0", "apart<0", "expires before completion",
    ],  # fmt: skip
)
def test_check_constraints_refuse_nonsense(db: Database, make: Any, constraint: str) -> None:
    with pytest.raises(IntegrityError, match=constraint), db.session() as s, s.begin():
        s.add(make())


def test_check_constraints_allow_the_edges(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add_all([_family(total_places=0, age_min=5, age_max=5), _family(total_places=20)])
        s.add_all([_child(priority=1, gender="x"), _child(priority=5, gender="m")])
    with db.session() as s:
        assert len(s.scalars(select(m.FosterFamily)).all()) == 2
        assert len(s.scalars(select(m.Child)).all()) == 2


def test_a_child_cannot_have_two_active_placements(db: Database) -> None:
    with db.session() as s, s.begin():
        child = _child()
        s.add_all([child, _family(), _family()])
    with pytest.raises(IntegrityError), db.session() as s, s.begin():
        s.add(m.Placement(child_id=child.id, family_id=1, start_date=DAY))
        s.add(m.Placement(child_id=child.id, family_id=2, start_date=DAY + dt.timedelta(days=1)))


def test_postgresql_url_uses_psycopg3(sqlite_url: str) -> None:
    engine = make_engine("postgresql://user@localhost:1/nowhere")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
    assert sqlite_url.startswith("sqlite:///")


def test_default_url_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "elsewhere.sqlite")
    monkeypatch.setenv("PLACEMENT_DB", url)
    assert Database().url == url
