"""User accounts, logging in and the idle lock.

Passwords are stored as argon2id hashes (argon2-cffi); when the parameters
below are raised in a later version, a user's hash is upgraded the next time
they log in. A new database has no accounts: the first start asks for an
administrator (:func:`needs_first_admin`, :func:`create_first_admin`), who
then adds the others.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import ConflictError, InputError, LoginFailed, Problem
from placement.services import audit, server_accounts
from placement.services.permissions import Action, require
from placement.storage import encryption
from placement.storage.database import Database
from placement.storage.models import AuditEntry, Role, Setting, User, utcnow

# OWASP's argon2id minimum (19 MiB, two passes); raising these upgrades hashes at login.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, type=Type.ID)
MIN_PASSWORD_LENGTH = 10
FREE_FAILED_LOGINS = 3
MAX_LOGIN_DELAY_S = 15 * 60
LOGIN_FAILED_MESSAGE = (
    f"wrong user name or password (after {FREE_FAILED_LOGINS} failed attempts this workstation waits "
    f"longer before each new try, at most {MAX_LOGIN_DELAY_S // 60} minutes)"
)
DEFAULT_IDLE_LOCK_S = 10 * 60.0

DEMO_PASSWORDS: dict[str, tuple[Role, str]] = {
    "demo-officer": (Role.OFFICER, "officer-demo"),
    "demo-manager": (Role.MANAGER, "manager-demo"),
    "demo-guardian": (Role.GUARDIAN, "guardian-demo"),
    "demo-administrator": (Role.ADMINISTRATOR, "administrator-demo"),
}
"""The demo database's accounts (user name: role, password); documented in the README."""

# Verified when the user name is unknown, so that a wrong name costs as much
# time as a wrong password and does not reveal which names exist.
_DUMMY_HASH = HASHER.hash("not a password of anyone")


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool


def actor_for(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=user.role)


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def _password_problems(password: str, where: str = "password") -> list[Problem]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Problem.of(where, Complaint("text.at_least", {"limit": MIN_PASSWORD_LENGTH}))]
    return []


def _user_problems(session: Session, username: str, display_name: str, password: str | None) -> list[Problem]:
    problems: list[Problem] = []
    if not username or len(username) > 64 or username != username.strip():
        problems.append(Problem.of("username", Complaint("users.username_rule")))
    elif session.execute(select(User.id).where(User.username == username)).first():
        problems.append(Problem.of("username", Complaint("users.taken")))
    if len(display_name) > 200:
        problems.append(Problem.of("display_name", Complaint("text.must_at_most", {"limit": 200})))
    if password is not None:
        problems += _password_problems(password)
    elif not _on_server(session):
        problems.append(Problem.of("password", Complaint("users.password_required")))
    return problems


def login_delay_s(failures: int) -> float:
    """How long a workstation waits after ``failures`` failed logins of one
    account in a row: nothing for the first FREE_FAILED_LOGINS, then 2, 4,
    8, ... seconds, at most MAX_LOGIN_DELAY_S."""
    if failures < FREE_FAILED_LOGINS:
        return 0.0
    return float(min(2 ** (failures - FREE_FAILED_LOGINS + 1), MAX_LOGIN_DELAY_S))


def _wait_left(session: Session, user_id: int, workstation: str, now: dt.datetime) -> float:
    """Seconds this workstation must still wait before trying this account
    again. Only its own failures count (another workstation is never slowed
    down by them, so nobody can lock the office out of an account), since the
    last successful login and within a day."""
    rows = session.execute(
        select(AuditEntry.outcome, AuditEntry.at)
        .where(
            AuditEntry.action == audit.LOGIN,
            AuditEntry.object_type == "user",
            AuditEntry.object_id == str(user_id),
            AuditEntry.workstation == workstation[:128],
            AuditEntry.at >= now - dt.timedelta(days=1),
        )
        .order_by(AuditEntry.id.desc())
        .limit(64)
    ).all()
    failures, last_failure = 0, None
    for outcome, at in rows:
        if outcome == audit.OK:
            break
        if outcome == audit.FAILED:  # a refusal while waiting (DENIED) is no new failure
            failures += 1
            last_failure = last_failure or at
    if last_failure is None:
        return 0.0
    return max(0.0, (last_failure - now).total_seconds() + login_delay_s(failures))


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def log_in(db: Database, username: str, password: str) -> Actor:
    """Log in to ``db``: on a server, by connecting as the user's own login
    role (the server checks the password and says who the user is); on
    SQLite, by checking the stored hash (:func:`authenticate`)."""
    if db.is_server:
        return server_accounts.log_in(db, username, password, LOGIN_FAILED_MESSAGE)
    with db.session() as s, s.begin():
        return authenticate(s, username, password)


def authenticate(
    session: Session, username: str, password: str, workstation: str | None = None
) -> Actor:
    """The logged-in actor, or :class:`LoginFailed`. Every attempt is audited;
    a hash made with weaker parameters than today's is replaced. After
    FREE_FAILED_LOGINS failures in a row of one account on one workstation,
    that workstation waits longer before each new try (:func:`login_delay_s`);
    a try while waiting is refused unchecked and audited as ``denied``. The
    message is always the same, so it reveals nothing."""
    workstation = workstation or socket.gethostname()
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    outcome = audit.FAILED
    try:
        if user is not None and _wait_left(session, user.id, workstation, utcnow()) > 0:
            outcome = audit.DENIED
            raise VerificationError("this workstation waits")
        if user is None or not user.active or user.password_hash is None:
            HASHER.verify(_DUMMY_HASH, password + "x")
        HASHER.verify(user.password_hash, password)  # type: ignore[union-attr,arg-type]
    except (VerificationError, InvalidHashError):
        # The typed name is not stored: it may be a password typed in the wrong field.
        who = Actor(
            user_id=user.id if user else None,
            username=user.username if user else "unknown",
            role=user.role if user else Role.OFFICER,
            workstation=workstation,
        )
        audit.record_refusal(
            session,
            who,
            audit.LOGIN,
            "user",
            user.id if user else None,
            outcome=outcome,
            role=str(user.role) if user else "unknown",
        )
        raise LoginFailed(LOGIN_FAILED_MESSAGE) from None
    assert user is not None and user.password_hash is not None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    actor = Actor(user_id=user.id, username=user.username, role=user.role, workstation=workstation)
    audit.record(session, actor, audit.LOGIN, "user", user.id)
    return actor


def needs_first_admin(session: Session) -> bool:
    """True on a new database: nobody could log in to add users."""
    query = select(User.id).where(User.role == Role.ADMINISTRATOR, User.active.is_(True))
    if not _on_server(session):  # on a server the login role holds the password
        query = query.where(User.password_hash.is_not(None))
    return session.execute(query).first() is None


def give_demo_passwords(url: str) -> None:
    """A demo database file's accounts get their public passwords
    (:func:`set_demo_passwords`), unless someone could already log in: then
    it is a real database with demo data added."""
    database = Database(url)
    try:
        with database.session() as session, session.begin():
            if not has_accounts(session):
                set_demo_passwords(session)
    finally:
        database.dispose()


def has_accounts(session: Session) -> bool:
    """True when anyone can log in (an active account with a password)."""
    query = select(User.id).where(User.active.is_(True))
    if not _on_server(session):
        query = query.where(User.password_hash.is_not(None))
    return session.execute(query.limit(1)).first() is not None


def create_first_admin(session: Session, username: str, display_name: str, password: str) -> Actor:
    """The first administrator of a new database; refused once there is one."""
    if not needs_first_admin(session):
        raise ConflictError(Explanation(Key.USERS_ADMINISTRATOR_EXISTS))
    problems = _user_problems(session, username, display_name, password)
    if problems:
        raise InputError(problems)
    if _on_server(session):
        user_id = server_accounts.create_user(session, username, display_name, Role.ADMINISTRATOR, password)
        return Actor(user_id=user_id, username=username, role=Role.ADMINISTRATOR)
    user = User(
        username=username,
        display_name=display_name or username,
        role=Role.ADMINISTRATOR,
        password_hash=hash_password(password),
        active=True,
    )
    session.add(user)
    session.flush()
    actor = actor_for(user)
    audit.record(session, actor, audit.CREATE, "user", user.id)
    return actor


def add_user(
    session: Session, actor: Actor, username: str, display_name: str, role: Role, password: str | None
) -> int:
    """Add an account (administrators only); returns its id. ``password``
    None (a server only): the server authenticates the login role another
    way, by LDAP or GSSAPI as its ``pg_hba.conf`` says."""
    require(actor, Action.MANAGE_USERS, session=session)
    problems = _user_problems(session, username, display_name, password)
    if problems:
        raise InputError(problems)
    if _on_server(session):
        return server_accounts.create_user(session, username, display_name, Role(role), password)
    user = User(
        username=username,
        display_name=display_name or username,
        role=Role(role),
        password_hash=hash_password(password),
        active=True,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, audit.CREATE, "user", user.id)
    return user.id


SHARED_ROLES_WARNED = "sqlite_roles_warned"


def warn_once_about_roles_on_one_workstation(session: Session) -> bool:
    """True the first time accounts of two roles exist on an encrypted SQLite
    database: there, whoever holds the passphrase reads everything, so roles
    help one person or a demo but do not separate duties (an office that
    needs that uses a PostgreSQL server). Remembered, so it is said once."""
    if _on_server(session):
        return False
    path = encryption.sqlite_path(session.get_bind().url.render_as_string())
    if path is None or not encryption.is_encrypted(path):
        return False
    roles = set(session.scalars(select(User.role).where(User.active.is_(True))))
    if len(roles) < 2 or session.get(Setting, SHARED_ROLES_WARNED) is not None:
        return False
    session.add(Setting(name=SHARED_ROLES_WARNED, value=utcnow().isoformat()))
    return True


def _user_named(session: Session, username: str) -> User:
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise InputError([Problem.of("username", Complaint("users.no_such_user"))])
    return user


def reset_password(session: Session, actor: Actor, username: str, new_password: str) -> None:
    """Set a new password (administrators only)."""
    require(actor, Action.MANAGE_USERS, session=session)
    problems = _password_problems(new_password)
    if problems:
        raise InputError(problems)
    user = _user_named(session, username)
    if _on_server(session):
        server_accounts.set_password(session, username, new_password)
        return
    user.password_hash = hash_password(new_password)
    audit.record(session, actor, audit.CHANGE, "user", user.id)


def set_active(session: Session, actor: Actor, username: str, active: bool) -> None:
    """Disable or re-enable an account (administrators only); accounts are never
    deleted, so the audit trail's user ids keep their meaning."""
    require(actor, Action.MANAGE_USERS, session=session)
    user = _user_named(session, username)
    if not active and user.id == actor.user_id:
        raise InputError([Problem.of("username", Complaint("users.not_own_account"))])
    if _on_server(session):
        server_accounts.set_active(session, username, active)
        return
    user.active = active
    audit.record(session, actor, audit.CHANGE, "user", user.id)


def list_users(session: Session, actor: Actor) -> Sequence[UserRow]:
    require(actor, Action.MANAGE_USERS, session=session)
    users = session.execute(select(User).order_by(User.username)).scalars()
    return [UserRow(u.id, u.username, u.display_name, u.role, u.active) for u in users]


def set_demo_passwords(session: Session) -> None:
    """Give the demo database's accounts (``demo-<role>``, made by the demo
    builder; created here when missing) their documented passwords
    (:data:`DEMO_PASSWORDS`). Never call this on a real database. On a
    server it does nothing: public passwords have no place on a shared
    server, where accounts are login roles made with ``user add``."""
    if _on_server(session):
        return
    for username, (role, password) in DEMO_PASSWORDS.items():
        user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            user = User(username=username, display_name=f"Demo {role}", role=role)
            session.add(user)
        user.role = role
        user.active = True
        user.password_hash = hash_password(password)
    session.flush()


class IdleLock:
    """When the screen must lock: after ``timeout_s`` seconds without user
    activity. Pure logic on timestamps (``time.monotonic()`` by default) so the
    UI drives it from its event filter and a test drives it with numbers."""

    def __init__(self, timeout_s: float = DEFAULT_IDLE_LOCK_S, now: float | None = None) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.timeout_s = timeout_s
        self._last_activity = time.monotonic() if now is None else now
        self._locked = False

    def activity(self, now: float | None = None) -> None:
        """The user did something; ignored while locked (only unlocking counts)."""
        if not self._locked:
            self._last_activity = time.monotonic() if now is None else now

    def is_locked(self, now: float | None = None) -> bool:
        """Locked explicitly, or idle for ``timeout_s`` (which locks it)."""
        current = time.monotonic() if now is None else now
        if not self._locked and current - self._last_activity >= self.timeout_s:
            self._locked = True
        return self._locked

    def seconds_left(self, now: float | None = None) -> float:
        current = time.monotonic() if now is None else now
        return 0.0 if self.is_locked(current) else self.timeout_s - (current - self._last_activity)

    def lock(self) -> None:
        self._locked = True

    def unlock(self, now: float | None = None) -> None:
        """Call after the user re-entered their password."""
        self._locked = False
        self._last_activity = time.monotonic() if now is None else now
