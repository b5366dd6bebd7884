"""Backups of the SQLite database, as encrypted as the database itself.

A backup is taken with SQLite's online backup API (consistent while the app is
running) into a SQLCipher file with the same key, plus a copy of the salt file
(without it the passphrase cannot open the backup). Restoring refuses a backup
that does not open with the passphrase, fails its integrity check or whose
audit trail does not verify, so a tampered backup cannot quietly replace the
record of who saw which child. PostgreSQL is backed up on the server
(``pg_dump``, see the README).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.files import write_bytes_atomic
from placement.services import audit
from placement.services.permissions import Action, require
from placement.storage import encryption
from placement.storage.database import Database, sqlite_url


def _sqlite_file(db: Database) -> Path:
    path = encryption.sqlite_path(db.url)
    if path is None:
        raise InputError(
            [Problem("--db", "backups here are for SQLite files; back up PostgreSQL with pg_dump")]
        )
    return path


def _copy(source: Path, target: Path, key: bytes | None) -> None:
    """Online backup of ``source`` into a new file ``target`` (same key)."""
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = encryption.connect(source, key)
    try:
        dst = (
            encryption.dbapi().connect(str(tmp), isolation_level=None)
            if key is not None
            else sqlite3.connect(tmp, isolation_level=None)
        )
        try:
            if key is not None:
                encryption.apply_key(dst, key)
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(tmp, 0o600)  # only the owner, like the database itself should be
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def backup(db: Database, actor: Actor, target: Path, key: bytes | None) -> None:
    """Write a backup of ``db`` (opened with ``key``) to ``target``."""
    with db.session() as s, s.begin():
        require(actor, Action.BACKUP, session=s)
        audit.record(s, actor, audit.EXPORT, "database", None)
    source = _sqlite_file(db)
    if target.resolve() == source.resolve():
        raise InputError([Problem(str(target), "is the database itself")])
    _copy(source, target, key)
    if key is not None:
        write_bytes_atomic(encryption.salt_path(target), encryption.salt_path(source).read_bytes())


def check_backup(source: Path, key: bytes | None) -> audit.ChainReport:
    """Open a backup with ``key``: integrity check and audit chain. Raises
    :class:`InputError` when it must not be restored."""
    if not source.exists():
        raise InputError([Problem(str(source), "no such backup file")])
    connection = encryption.connect(source, key)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    if integrity != "ok":
        raise InputError([Problem(str(source), "the backup is damaged (integrity check failed)")])
    copy = Database(sqlite_url(source), key=key)
    try:
        with copy.session() as s:
            report = audit.verify(s)
    finally:
        copy.dispose()
    if not report.ok:
        raise InputError(
            [Problem(str(source), f"the backup's audit trail is broken: {report.problem}")]
        )
    return report


def restore(url: str, actor: Actor, source: Path, key: bytes | None) -> audit.ChainReport:
    """Replace the database file of ``url`` with the backup ``source`` (opened
    with ``key``, which becomes the database's key). Close the app first: the
    file is swapped, not merged."""
    require(actor, Action.BACKUP)
    target = encryption.sqlite_path(url)
    if target is None:
        raise InputError(
            [Problem("--db", "restoring here is for SQLite files; restore PostgreSQL with pg_restore")]
        )
    report = check_backup(source, key)
    staged = target.with_name(target.name + ".restoring")
    _copy(source, staged, key)
    for suffix in ("-wal", "-shm", "-journal"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(staged, target)
    if key is not None:
        write_bytes_atomic(encryption.salt_path(target), encryption.salt_path(source).read_bytes())
    restored = Database(url, key=key)
    try:
        with restored.session() as s, s.begin():
            audit.record(s, actor, audit.IMPORT, "database", None)
    finally:
        restored.dispose()
    return report
