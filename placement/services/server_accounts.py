"""User accounts as the database server's login roles (PostgreSQL).

On a shared server every user is a PostgreSQL login role in one of the
installation's group roles (see migration 0007): the server authenticates the
connection (SCRAM-SHA-256, or LDAP, GSSAPI, ... as the office's server is set
up) and every grant, row policy and audit row follows from that login. There
is no shared application account and no password in any file.

Accounts are made and changed through ``SECURITY DEFINER`` functions owned by
the schema owner, so an administrator needs no CREATEROLE of its own. The
password travels to them only as a SCRAM verifier computed by libpq on this
machine, never as plain text in a statement a server log could keep.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, LoginFailed, PermissionDenied, Problem
from placement.services import audit
from placement.storage.database import Database
from placement.storage.models import Role

_INSUFFICIENT_PRIVILEGE = "42501"
_REFUSED_VALUE = "22023"
_DUPLICATE = "42710"
_AUTHENTICATION_WORDS = ("authentication failed", "does not exist", "no password supplied",
                         "not permitted to log in")  # fmt: skip


def log_in(db: Database, username: str, password: str | None, failed_message: str) -> Actor:
    """Connect ``db`` as ``username`` and return the actor the server knows:
    its user id and role come from the server (``placement_whoami``), never
    from what the client claims. The login is audited by the server."""
    try:
        db.connect_as(username, password)
        with db.session() as s, s.begin():
            row = s.execute(
                text("SELECT user_id, username, role, active FROM placement_whoami()")
            ).one_or_none()
            if row is None or row.role is None or not row.active:
                raise LoginFailed(failed_message)
            actor = Actor(user_id=row.user_id, username=row.username, role=Role(row.role))
            audit.record(s, actor, audit.LOGIN, "user", row.user_id)
            return actor
    except OperationalError as exc:
        reason = str(exc.orig or exc)
        if any(words in reason for words in _AUTHENTICATION_WORDS):
            raise LoginFailed(failed_message) from None
        first_line = reason.strip().splitlines()[0] if reason.strip() else type(exc).__name__
        raise InputError([Problem.of("--db", Complaint("db.unreachable", {"reason": first_line}))]) from None


def scram_verifier(session: Session, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` as libpq computes it (as
    ``psql``'s ``\\password`` does): the server stores it, never the password."""
    connection = session.connection().connection.driver_connection
    verifier = connection.pgconn.encrypt_password(  # type: ignore[union-attr]
        password.encode("utf-8"), username.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def _server_call(session: Session, statement: str, params: dict[str, object], where: str) -> object:
    """Run an account function; its refusals become the app's own errors."""
    try:
        with session.begin_nested():
            return session.execute(text(statement), params).scalar()
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        message = str(getattr(getattr(exc.orig, "diag", None), "message_primary", "") or "")
        if code == _INSUFFICIENT_PRIVILEGE:
            raise PermissionDenied(message or "the server refused this") from None
        if code in (_REFUSED_VALUE, _DUPLICATE):
            raise InputError([Problem(where, message)]) from None
        raise


def create_user(session: Session, username: str, display_name: str, role: Role, password: str | None) -> int:
    """A login role in the group of ``role``; without a password the server
    authenticates it another way (LDAP, GSSAPI)."""
    verifier = None if password is None else scram_verifier(session, username, password)
    user_id = _server_call(
        session,
        "SELECT placement_create_user(:username, :display_name, :role, :verifier)",
        {"username": username, "display_name": display_name, "role": str(role), "verifier": verifier},
        "username",
    )
    return int(user_id)  # type: ignore[call-overload]


def set_password(session: Session, username: str, password: str) -> None:
    verifier = scram_verifier(session, username, password)
    _server_call(
        session,
        "SELECT placement_set_password(:username, :verifier)",
        {"username": username, "verifier": verifier},
        "username",
    )


def set_active(session: Session, username: str, active: bool) -> None:
    _server_call(
        session,
        "SELECT placement_set_active(:username, :active)",
        {"username": username, "active": active},
        "username",
    )
