"""Accounts: argon2id hashes, logging in (and its audit rows), the first
administrator, the demo accounts, the idle lock."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher, Type
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import select, update

from placement.errors import ConflictError, InputError, PermissionDenied
from placement.services import audit, users
from placement.services.users import IdleLock, LoginFailed
from placement.storage.database import Database
from placement.storage.models import AuditEntry, Role, User
from tests.placement.security_factories import add_user


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: on a server the server checks passwords, says who logged in and keeps the accounts (tests/placement/test_server_security.py)."""
    return sqlite_url



def _params(encoded: str) -> dict[str, int]:
    # $argon2id$v=19$m=65536,t=3,p=2$salt$hash
    return {k: int(v) for k, v in (p.split("=") for p in encoded.split("$")[3].split(","))}


def test_hashes_are_argon2id_above_the_owasp_floor() -> None:
    encoded = users.hash_password("correct horse battery")
    assert encoded.startswith("$argon2id$")
    params = _params(encoded)
    assert params["m"] >= 19456 and params["t"] >= 2
    assert "correct horse" not in encoded


def test_first_start_asks_for_an_administrator(db: Database) -> None:
    with db.session() as s, s.begin():
        assert users.needs_first_admin(s)
        with pytest.raises(InputError, match="at least 10 characters"):
            users.create_first_admin(s, "root", "Beheer", "short")
    with db.session() as s, s.begin():
        admin = users.create_first_admin(s, "root", "Beheer", "a long admin password")
        assert admin.role == Role.ADMINISTRATOR
    with db.session() as s, s.begin():
        assert not users.needs_first_admin(s)
        with pytest.raises(ConflictError, match="already has an administrator"):
            users.create_first_admin(s, "root2", "Beheer", "a long admin password")
    with db.session() as s, s.begin():
        assert users.authenticate(s, "root", "a long admin password").user_id == admin.user_id


def test_login_success_failure_and_audit(db: Database) -> None:
    with db.session() as s, s.begin():
        admin = users.create_first_admin(s, "root", "", "a long admin password")
        users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")
    with db.session() as s, s.begin():
        jan = users.authenticate(s, "jan", "officer password 1")
        assert (jan.username, jan.role) == ("jan", Role.OFFICER)
    for name, password in (("jan", "wrong password!"), ("nobody", "officer password 1")):
        with pytest.raises(LoginFailed, match=r"^wrong user name or password \(after 3"), db.session() as s, s.begin():
            users.authenticate(s, name, password)
    with db.session() as s:
        logins = s.execute(select(AuditEntry).where(AuditEntry.action == "login")).scalars().all()
        assert [(e.username, e.outcome) for e in logins] == [("jan", "ok"), ("jan", "failed"), ("unknown", "failed")]
        text = repr([(e.username, e.object_id, e.role) for e in logins])
        assert "wrong password" not in text and "nobody" not in text
        assert audit.verify(s).ok


def test_failures_slow_down_one_workstation_and_never_lock_out_the_others(db: Database) -> None:
    with db.session() as s, s.begin():
        admin = users.create_first_admin(s, "root", "", "a long admin password")
        users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")
    for _ in range(users.FREE_FAILED_LOGINS):
        with pytest.raises(LoginFailed), db.session() as s, s.begin():
            users.authenticate(s, "jan", "a guess", workstation="pc-aanval")
    # pc-aanval now waits 2 s: even the right password is refused unchecked
    with pytest.raises(LoginFailed), db.session() as s, s.begin():
        users.authenticate(s, "jan", "officer password 1", workstation="pc-aanval")
    with db.session() as s, s.begin():  # Jan at his own desk is not locked out
        assert users.authenticate(s, "jan", "officer password 1", workstation="pc-jan").username == "jan"
    with db.session() as s:
        rows = s.execute(
            select(AuditEntry.workstation, AuditEntry.outcome).where(AuditEntry.action == "login").order_by(AuditEntry.id)
        ).all()
    assert [tuple(r) for r in rows] == [("pc-aanval", "failed")] * 3 + [("pc-aanval", "denied"), ("pc-jan", "ok")]
    with db.session() as s, s.begin():  # the wait passes (moving the rows breaks the chain; not checked here)
        s.execute(update(AuditEntry).values(at=AuditEntry.at - dt.timedelta(seconds=3)))
    with db.session() as s, s.begin():
        assert users.authenticate(s, "jan", "officer password 1", workstation="pc-aanval").username == "jan"


def test_the_wait_doubles_up_to_fifteen_minutes() -> None:
    waits = [users.login_delay_s(n) for n in range(12)]
    assert waits[:3] == [0, 0, 0]
    assert waits[3:8] == [2, 4, 8, 16, 32]
    assert max(users.login_delay_s(n) for n in range(40)) == 15 * 60


def test_disabled_account_cannot_log_in(db: Database) -> None:
    with db.session() as s, s.begin():
        admin = users.create_first_admin(s, "root", "", "a long admin password")
        users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")
        users.set_active(s, admin, "jan", False)
    with pytest.raises(LoginFailed), db.session() as s, s.begin():
        users.authenticate(s, "jan", "officer password 1")


def test_weak_hash_is_upgraded_at_login(db: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID)
    with db.session() as s, s.begin():
        add_user(s, "old", Role.OFFICER)
        s.execute(select(User).where(User.username == "old")).scalar_one().password_hash = weak.hash("old password 12")
    with db.session() as s, s.begin():
        users.authenticate(s, "old", "old password 12")
    with db.session() as s:
        stored = s.execute(select(User.password_hash).where(User.username == "old")).scalar_one()
    assert _params(stored)["m"] == users.HASHER.memory_cost
    users.HASHER.verify(stored, "old password 12")
    with pytest.raises(VerifyMismatchError):
        users.HASHER.verify(stored, "old password 13")


def test_only_administrators_manage_users(db: Database) -> None:
    with db.session() as s, s.begin():
        officer = add_user(s, "jan", Role.OFFICER)
    with pytest.raises(PermissionDenied, match="your role may not manage user accounts"), db.session() as s, s.begin():
        users.add_user(s, officer, "evil", "", Role.ADMINISTRATOR, "a long enough one")
    with db.session() as s:
        assert s.execute(select(User.username)).scalars().all() == ["jan"]


def test_admin_resets_a_password(db: Database) -> None:
    with db.session() as s, s.begin():
        admin = users.create_first_admin(s, "root", "", "a long admin password")
        users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")
        with pytest.raises(InputError, match="username: is already taken"):
            users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")
        users.reset_password(s, admin, "jan", "fresh password 22")
        assert [u.username for u in users.list_users(s, admin)] == ["jan", "root"]
    with db.session() as s, s.begin():
        users.authenticate(s, "jan", "fresh password 22")
    with pytest.raises(LoginFailed), db.session() as s, s.begin():
        users.authenticate(s, "jan", "officer password 1")


def test_demo_accounts_log_in_with_documented_passwords(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        users.set_demo_passwords(s)
    for username, (role, password) in users.DEMO_PASSWORDS.items():
        with db.session() as s, s.begin():
            assert users.authenticate(s, username, password).role == role
    db.dispose()


def test_idle_lock() -> None:
    lock = IdleLock(timeout_s=600, now=0.0)
    assert not lock.is_locked(now=599.0)
    lock.activity(now=500.0)
    assert not lock.is_locked(now=1099.0)
    assert lock.seconds_left(now=1000.0) == 100.0
    assert lock.is_locked(now=1100.0)
    lock.activity(now=1101.0)  # moving the mouse over a locked screen does not unlock it
    assert lock.is_locked(now=1102.0)
    lock.unlock(now=2000.0)
    assert not lock.is_locked(now=2599.0)
    lock.lock()
    assert lock.is_locked(now=2000.0)


def test_demo_database_accounts(demo_db_path) -> None:  # type: ignore[no-untyped-def]
    """On the real demo database the documented accounts log in, and the demo
    guardian sees their own children and no others."""
    from placement.services.permissions import Action, allowed
    from placement.storage.database import sqlite_url
    from placement.storage.models import Child

    db = Database(sqlite_url(demo_db_path))
    with db.session() as s, s.begin():
        users.set_demo_passwords(s)
    with db.session() as s, s.begin():
        guardian = users.authenticate(s, "demo-guardian", "guardian-demo")
        children = s.execute(select(Child)).scalars().all()
        visible = [c for c in children if allowed(guardian, Action.VIEW_CHILD, child=c)]
        assert visible and len(visible) < len(children)
        assert all(c.guardian_id == guardian.user_id for c in visible)
        assert users.authenticate(s, "demo-administrator", "administrator-demo").role == Role.ADMINISTRATOR
    db.dispose()


def test_a_second_role_on_an_encrypted_file_warns_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from placement.storage import encryption, migrate
    from placement.storage.database import sqlite_url

    path = tmp_path / "kantoor.sqlite"
    key = encryption.key_for(path, "a long passphrase 1", new=True)
    migrate.upgrade(sqlite_url(path), key=key)
    db = Database(sqlite_url(path), key=key)
    try:
        with db.session() as s, s.begin():
            admin = users.create_first_admin(s, "root", "Beheer", "a long admin password")
            assert not users.warn_once_about_roles_on_one_workstation(s)
            users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")
            assert users.warn_once_about_roles_on_one_workstation(s)
        with db.session() as s, s.begin():
            users.add_user(s, admin, "piet", "Piet", Role.GUARDIAN, "guardian password 1")
            assert not users.warn_once_about_roles_on_one_workstation(s)
    finally:
        db.dispose()
