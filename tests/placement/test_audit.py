"""The audit trail: one row per access, ids only, and a hash chain that
notices changed, removed and reordered rows."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import delete, select, update

from placement.services import audit
from placement.storage.database import Database
from placement.storage.models import AuditEntry, AuditHead, Role
from tests.placement.security_factories import CANARY_ADDRESS, add_child, add_family, add_user


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: on a server the server writes and chains the rows (tests/placement/test_server_security.py)."""
    return sqlite_url



def _fill(db: Database, rows: int = 5) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        for i in range(rows):
            audit.record(s, officer, audit.READ, "child", i + 1)


def _verify(db: Database) -> audit.ChainReport:
    with db.session() as s:
        return audit.verify(s)


def test_intact_chain_verifies(db: Database) -> None:
    _fill(db)
    report = _verify(db)
    assert report == audit.ChainReport(ok=True, rows=5)


def test_row_fields_are_who_what_when_where(db: Database) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        audit.record(s, officer, audit.PRINT, "child", 42)
    with db.session() as s:
        entry = s.execute(select(AuditEntry)).scalar_one()
    assert (entry.user_id, entry.username, entry.role) == (officer.user_id, "officer", "officer")
    assert (entry.action, entry.object_type, entry.object_id, entry.outcome) == ("print", "child", "42", "ok")
    assert entry.workstation == "test-ws"
    assert before - dt.timedelta(seconds=5) <= entry.at <= before + dt.timedelta(minutes=5)


def test_changed_row_is_found(db: Database) -> None:
    _fill(db)
    with db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 3).values(object_id="99"))
    report = _verify(db)
    assert (report.ok, report.first_bad_id, report.problem) == (False, 3, "row 3 was changed")


def test_deleted_row_is_found(db: Database) -> None:
    _fill(db)
    with db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id == 2))
    report = _verify(db)
    assert (report.ok, report.first_bad_id) == (False, 2)


def test_cut_off_newest_rows_are_found(db: Database) -> None:
    _fill(db)
    with db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id >= 4))
    report = _verify(db)
    assert (report.ok, report.first_bad_id, report.problem) == (False, 4, "rows 4..5 were removed")


def test_reordered_rows_are_found(db: Database) -> None:
    """Swapping two rows' contents (with their hashes) breaks the links."""
    _fill(db)
    with db.session() as s, s.begin():
        two, three = (s.get_one(AuditEntry, i) for i in (2, 3))
        a = {c: getattr(two, c) for c in ("object_id", "prev_hash", "hash")}
        b = {c: getattr(three, c) for c in ("object_id", "prev_hash", "hash")}
        for column, value in b.items():
            setattr(two, column, value)
        for column, value in a.items():
            setattr(three, column, value)
    report = _verify(db)
    assert (report.ok, report.first_bad_id) == (False, 2)


def test_row_added_behind_the_head_is_found(db: Database) -> None:
    _fill(db)
    with db.session() as s, s.begin():
        six = s.get_one(AuditEntry, 5)
        s.add(
            AuditEntry(
                id=6, at=six.at, user_id=six.user_id, username="ghost", role="officer", action="read",
                object_type="child", object_id="1", outcome="ok", workstation="x", prev_hash=six.hash, hash="0" * 64,
            )
        )
    report = _verify(db)
    assert (report.ok, report.first_bad_id) == (False, 6)


def test_forged_head_does_not_hide_a_change(db: Database) -> None:
    _fill(db)
    with db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 5).values(outcome="denied"))
        conn.execute(update(AuditHead).values(last_hash="f" * 64))
    assert _verify(db).first_bad_id == 5


def test_concurrent_writers_keep_one_chain(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def writer(first_child: int) -> None:
        try:
            barrier.wait()
            for i in range(15):
                with db.session() as s, s.begin():
                    audit.record(s, officer, audit.READ, "child", first_child + i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _verify(db) == audit.ChainReport(ok=True, rows=45)


def test_history_of_one_child_by_period(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        child = add_child(s)
        other = add_child(s)
        audit.record(s, officer, audit.READ, "child", child.id)
        audit.record(s, officer, audit.READ, "child", other.id)
        audit.record(s, officer, audit.PRINT, "child", child.id)
        audit.record(s, officer, audit.PRINT, "dossier", child.id)
        audit.record(s, officer, audit.READ, "family", child.id)  # another record with the same number
    with db.session() as s, s.begin():
        s.execute(update(AuditEntry).where(AuditEntry.id == 1).values(at=dt.datetime(2026, 1, 5)))
    with db.session() as s:
        everything = audit.entries_for(s, "child", child.id)
        recent = audit.entries_for(s, "child", child.id, start=dt.datetime(2026, 2, 1))
        january = audit.entries_for(
            s, "child", child.id, start=dt.datetime(2026, 1, 1), end=dt.datetime(2026, 2, 1)
        )
    assert [e.action for e in everything] == ["read", "print"]
    assert [e.action for e in recent] == ["print"]
    with db.session() as s:
        whole_file = audit.entries_for(s, audit.CHILD_FILE, child.id)
    assert [(e.action, e.object_type) for e in whole_file] == [("read", "child"), ("print", "child"), ("print", "dossier")]
    assert [e.action for e in january] == ["read"]


def test_rows_hold_ids_not_names_or_addresses(sqlite_url: str) -> None:
    from placement.services.placements import accept_placements

    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        family = add_family(s, places=1)
        child = add_child(s, name="Canarykind Zwaluwstaart")
        accept_placements(s, officer, [(child.id, family.id, None)], on_date=dt.date(2026, 11, 22))
    with db.session() as s:
        rows = s.execute(select(AuditEntry)).scalars().all()
    text = repr([[getattr(r, c.name) for c in AuditEntry.__table__.columns] for r in rows])
    assert rows and CANARY_ADDRESS not in text and "Zwaluwstaart" not in text and "Familie" not in text
    db.dispose()


@pytest.mark.parametrize("outcome", ["ok", "denied"])
def test_outcome_is_hashed(db: Database, outcome: str) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        audit.record(s, officer, audit.READ, "family", 7, outcome=outcome)
    with db.engine.begin() as conn:
        conn.execute(update(AuditEntry).values(outcome="ok" if outcome == "denied" else "denied"))
    assert not _verify(db).ok


def test_reading_and_changing_a_child_file_is_in_its_history(sqlite_url: str) -> None:
    """The registry's reads and changes of a child's file reach the trail."""
    import dataclasses

    from placement.services.registers import child_register

    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        officer = add_user(s, "officer", Role.OFFICER)
        child_id = add_child(s).id
    with db.session() as s, s.begin():
        data = child_register.get_child(s, officer, child_id)
    with db.session() as s, s.begin():
        child_register.update_child(s, officer, child_id, dataclasses.replace(data, priority=3, region="Utrecht"))
    with db.session() as s:
        history = [(e.username, e.action) for e in audit.entries_for(s, "child", child_id)]
        assert audit.verify(s).ok
    db.dispose()
    assert history == [("officer", "read"), ("officer", "change")]
