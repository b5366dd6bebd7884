"""Opening a database: the embedded SQLite default or a shared PostgreSQL server.

One :class:`Database` (engine + sessionmaker) per process. Callers own the
transaction: ``with db.session() as s, s.begin(): ...``.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.errors import InputError, PermissionDenied, Problem
from placement.paths import data_dir
from placement.storage import encryption

ENV_VAR = "PLACEMENT_DB"


def default_url() -> str:
    """``PLACEMENT_DB`` when set, else a SQLite file in the user's data folder."""
    return os.environ.get(ENV_VAR) or sqlite_url(data_dir() / "placement.sqlite")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


BUSY_TIMEOUT_MS = 10_000


def _use_wal(connection) -> None:  # type: ignore[no-untyped-def]
    """Put the file in WAL mode (persistent, so usually it already is).

    Switching modes needs an exclusive lock, and SQLite answers "database is
    locked" at once, without its busy handler, when another connection is
    switching the same new file at that moment (two app instances starting
    on a fresh database). So the switch is retried for as long as the busy
    timeout would have waited.
    """
    if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except connection.OperationalError as exc:  # sqlite3's or SQLCipher's
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_pragmas(enforce_foreign_keys: bool):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # The pysqlite driver's own transaction handling is switched off so that
        # SQLAlchemy's BEGIN is the real one (needed for BEGIN IMMEDIATE and for
        # crash-safe, all-or-nothing writes).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}")
        _use_wal(dbapi_connection)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return on_connect


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # Take the write lock at the start of every transaction: two officers can
    # never both read "one place free" and both write.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, enforce_foreign_keys: bool = True, key: bytes | None = None) -> Engine:
    """An engine for ``url``; ``postgresql://`` means the psycopg 3 driver.

    ``enforce_foreign_keys=False`` is only for schema migrations on SQLite.
    ``key`` (32 raw bytes, see ``placement.storage.encryption``) opens a SQLite
    file through SQLCipher; the connection is keyed before the pragmas run. On
    PostgreSQL it is the column key (default: ``PLACEMENT_COLUMN_KEY``).
    """
    if url.startswith("sqlite"):
        if key is None:
            engine = create_engine(url)
        else:
            engine = create_engine(url, module=encryption.dbapi())
            event.listen(engine, "connect", encryption.keying_listener(key))
        event.listen(engine, "connect", _sqlite_pragmas(enforce_foreign_keys))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return _server_engine(make_url(url), key=key)


LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
SECURE_SSLMODES = frozenset({"verify-full"})
ACCEPTED_SSLMODES = frozenset({"verify-full", "require", "verify-ca"})


def check_connection_security(url: URL) -> str | None:
    """Refuse a PostgreSQL URL that would send passwords and hidden addresses
    over the network unencrypted or to an unverified server: a host other than
    this machine (or a local socket) needs ``sslmode=verify-full``;
    ``sslmode=require`` is accepted with the warning returned here."""
    host = url.host or ""
    if host in LOCAL_HOSTS or host.startswith("/"):
        return None
    mode = url.query.get("sslmode", "")
    if isinstance(mode, tuple):
        mode = mode[-1]
    if mode not in ACCEPTED_SSLMODES:
        raise InputError([Problem.of("sslmode", Complaint("db.sslmode", {"mode": mode or "not set"}))])
    if mode not in SECURE_SSLMODES:
        return f"sslmode={mode} encrypts but does not check the server's name; use sslmode=verify-full"
    return None


def _server_engine(
    url: URL, *, key: bytes | None, password: str | None = None, warnings: list[str] | None = None
) -> Engine:
    """A psycopg 3 engine; ``password`` goes to the driver only, never into
    the URL (so it is never rendered in a message)."""
    warning = check_connection_security(url)
    if warning and warnings is not None:
        warnings.append(warning)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    connect_args = {} if password is None else {"password": password}
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "connect", _name_workstation)
    encryption.set_column_key(engine.dialect, key if key is not None else encryption.column_key_from_environment())
    return engine


def _name_workstation(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """The server's audit rows name the workstation a connection comes from."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SELECT set_config('placement.workstation', %s, false)", (socket.gethostname(),))
    dbapi_connection.commit()


class Database:
    """The process's one engine and session factory for a database URL."""

    def __init__(self, url: str | None = None, key: bytes | None = None) -> None:
        """``key`` opens an encrypted SQLite file; without it, the key comes
        from ``PLACEMENT_DB_PASSPHRASE`` when that is set and the file is encrypted."""
        self.url = url or default_url()
        if key is None:
            key = encryption.key_from_environment(self.url)
        self._key = key
        self.warnings: list[str] = []
        """What the connection settings allow but should not (e.g. ``sslmode=require``)."""
        if self.url.startswith("sqlite"):
            encryption.refuse_plain_in_place_of_encrypted(self.url)
            self.engine = make_engine(self.url, key=key)
        else:
            self.engine = _server_engine(make_url(self.url), key=key, warnings=self.warnings)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_server(self) -> bool:
        """A shared PostgreSQL database: each user connects as their own login
        role and the server enforces who sees what."""
        return not self.is_sqlite

    def connect_as(self, username: str, password: str | None) -> None:
        """From now on connect as the login role ``username`` (PostgreSQL):
        the server checks the password (or LDAP, GSSAPI, ... as the office's
        server is set up) when the first connection opens."""
        if not self.is_server:
            raise ValueError("only a server database has login roles")
        url = make_url(self.url).set(username=username, password=None)
        engine = _server_engine(url, key=self._key, password=password)
        self.engine.dispose()
        self.engine = engine
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._factory()

    def dispose(self) -> None:
        self.engine.dispose()


INSUFFICIENT_PRIVILEGE = "42501"


def server_refusal(exc: BaseException) -> PermissionDenied | None:
    """The server's own refusal of a statement (PostgreSQL's insufficient
    privilege: a grant or policy said no) as the program's refusal, or None.
    The server's words name a table or function, never a row's contents."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return None
    reason = str(getattr(getattr(orig, "diag", None), "message_primary", "") or "permission denied")
    return PermissionDenied(Explanation(Key.REFUSAL_BY_SERVER, reason=reason))
