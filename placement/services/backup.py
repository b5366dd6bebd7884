"""Backups of the SQLite database, as encrypted as the database itself.

A backup is taken with SQLite's online backup API (consistent while the app is
running) into a SQLCipher file with the same key, plus a copy of the salt file
(without it the passphrase cannot open the backup). Restoring refuses a backup
that does not open with the passphrase, fails its integrity check or whose
audit trail does not verify, so a tampered backup cannot quietly replace the
record of who saw which child. It also refuses a backup whose audit trail ends
before the live database's (restoring an older backup would drop the newer
rows) unless the loss is accepted, and then the rows that would be lost are
written to a file first; and a plain backup in place of an encrypted
database. PostgreSQL is backed up on the server (``pg_dump``, see the README).
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.errors import InputError, Problem
from placement.files import check_output_path, write_bytes_atomic, write_text_atomic
from placement.services import audit
from placement.services.permissions import Action, require
from placement.storage import encryption
from placement.storage.database import Database, sqlite_url
from placement.storage.models import AuditEntry

LOST_ROWS_HEADER = ("id", "at", "user_id", "username", "role", "action", "object_type", "object_id",
                    "outcome", "workstation", "hash")  # fmt: skip


def _sqlite_file(db: Database) -> Path:
    path = encryption.sqlite_path(db.url)
    if path is None:
        raise InputError(
            [Problem.of("--db", Complaint("backup.sqlite_only"))]
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
    check_output_path(target)
    if target.resolve() == source.resolve():
        raise InputError([Problem.of(str(target), Complaint("backup.is_database"))])
    _copy(source, target, key)
    if key is not None:
        write_bytes_atomic(encryption.salt_path(target), encryption.salt_path(source).read_bytes())


def check_backup(source: Path, key: bytes | None) -> audit.ChainReport:
    """Open a backup with ``key``: integrity check and audit chain. Raises
    :class:`InputError` when it must not be restored."""
    if not source.exists():
        raise InputError([Problem.of(str(source), Complaint("backup.no_file"))])
    connection = encryption.connect(source, key)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    if integrity != "ok":
        raise InputError([Problem.of(str(source), Complaint("backup.damaged"))])
    copy = Database(sqlite_url(source), key=key)
    try:
        with copy.session() as s:
            report = audit.verify(s)
    finally:
        copy.dispose()
    if not report.ok:
        raise InputError(
            [Problem.of(str(source), Complaint("backup.audit_broken", {"problem": report.problem}))]
        )
    return report


def _hashes(path: Path, key: bytes | None) -> dict[int, str]:
    copy = Database(sqlite_url(path), key=key)
    try:
        with copy.session() as s:
            return {row_id: digest for row_id, digest in s.execute(select(AuditEntry.id, AuditEntry.hash))}
    finally:
        copy.dispose()


def rows_lost_by_restoring(target: Path, source: Path, key: bytes | None) -> list[AuditEntry]:
    """The live database's audit rows that the backup ``source`` does not
    hold (none when it is new, or the backup's chain runs through its end)."""
    if not target.exists() or target.stat().st_size == 0:
        return []
    kept = _hashes(source, key)
    live = Database(sqlite_url(target), key=key)
    try:
        with live.session() as s:
            return [
                entry
                for entry in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
                if kept.get(entry.id) != entry.hash
            ]
    except DatabaseError:
        raise InputError([Problem.of(str(target), Complaint("backup.target_unreadable"))]) from None
    finally:
        live.dispose()


def _lost_rows_csv(rows: list[AuditEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LOST_ROWS_HEADER)
    for row in rows:
        writer.writerow([getattr(row, name) for name in LOST_ROWS_HEADER])
    return out.getvalue()


def restore(
    url: str, actor: Actor, source: Path, key: bytes | None, *, lost_rows_file: Path | None = None
) -> audit.ChainReport:
    """Replace the database file of ``url`` with the backup ``source`` (opened
    with ``key``, which becomes the database's key). Close the app first: the
    file is swapped, not merged. A backup whose audit trail ends before the
    live one's is refused unless ``lost_rows_file`` is given: the rows the
    restore drops are written there first, and the restore's own audit row
    says how many were dropped."""
    require(actor, Action.BACKUP)
    target = encryption.sqlite_path(url)
    if target is None:
        raise InputError(
            [Problem.of("--db", Complaint("backup.restore_sqlite_only"))]
        )
    if key is None and (encryption.salt_path(target).exists() or encryption.is_encrypted(target)):
        raise InputError([Problem.of(str(source), Complaint("backup.not_encrypted"))])
    report = check_backup(source, key)
    lost = rows_lost_by_restoring(target, source, key)
    if lost and lost_rows_file is None:
        raise InputError([Problem.of(str(source), Complaint("backup.audit_loss", {"rows": len(lost)}))])
    if lost and lost_rows_file is not None:
        write_text_atomic(lost_rows_file, _lost_rows_csv(lost))
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
            audit.record(s, actor, audit.IMPORT, "database", f"dropped {len(lost)} audit rows" if lost else None)
    finally:
        restored.dispose()
    return report
