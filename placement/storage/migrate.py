"""Creating and upgrading the database schema with Alembic, from code.

The Alembic configuration is built here rather than read from an
``alembic.ini``, so ``placement db upgrade`` and the desktop app work from any
working directory and from an installed package.

Adding a schema change (one revision per change, one head at all times):

1. Append or change the models in ``placement/storage/models.py``.
2. Look up the current head: ``.venv/bin/python -m placement.storage.migrate heads``.
3. Write ``placement/storage/migrations/versions/NNNN_what.py`` with
   ``revision = "NNNN"`` and ``down_revision = "<the head>"`` (copy
   ``0001_initial.py`` for the shape, or let Alembic draft it:
   ``.venv/bin/python -m placement.storage.migrate revision "what" NNNN`` against
   a scratch SQLite database upgraded to the head, then read and fix the draft).
   Use ``with op.batch_alter_table(...)`` for ALTERs so they work on SQLite,
   and give every constraint a name.
4. Check that there is exactly one head again (step 2) and run
   ``tests/placement/test_migrations.py``: it runs every revision up and down
   on a populated SQLite and PostgreSQL database.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from placement.storage import encryption
from placement.storage.database import Database, make_engine, sqlite_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations; ``connection``
    (when given) is the one ``env.py`` migrates."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def heads() -> list[str]:
    """The head revisions of the migration scripts (exactly one when all is well)."""
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def _key(url: str, key: bytes | None) -> bytes | None:
    """Like :class:`~placement.storage.database.Database`: without a key, an
    encrypted SQLite file is opened with ``PLACEMENT_DB_PASSPHRASE``."""
    return key if key is not None else encryption.key_from_environment(url)


def current_revision(url: str, *, key: bytes | None = None) -> str | None:
    """The revision a database is at, or ``None`` when it has no schema yet."""
    engine = make_engine(url, key=_key(url, key))
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


AUDIT_REVISION = "0008"
"""The newest revision that changes the audit trail (0002 creates it, 0008
adds the ids of rows about many records): no downgrade goes below it, since
going back would delete rows or the fields their hashes cover."""


def below_audit_trail(revision: str) -> bool:
    """Whether downgrading to ``revision`` would drop the audit trail. Only
    ``base`` and named revisions are understood; anything else (a relative
    step such as ``-1``) is refused as unknown by raising ValueError."""
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision == "base":
        return True
    if revision not in known:
        raise ValueError(f"unknown revision {revision!r} (one of {', '.join(sorted(known))}, or base)")
    older = {rev.revision for rev in script.iterate_revisions(AUDIT_REVISION, "base")} - {AUDIT_REVISION}
    return revision in older


def current_revision_of(db: Database) -> str | None:
    """The revision of an open database, read with its own connection (on a
    server, the logged-in user's)."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(url: str, action: str, revision: str, key: bytes | None = None) -> str | None:
    # On SQLite the foreign keys are off while migrating: batch mode recreates
    # tables, and with enforcement on, dropping the old copy would cascade-delete
    # the rows that refer to it. The whole migration is one transaction and is
    # refused when it leaves a dangling reference.
    engine = make_engine(url, enforce_foreign_keys=False, key=_key(url, key))
    try:
        with engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                # Two app instances starting on a fresh server migrate one after
                # the other (SQLite gets the same from BEGIN IMMEDIATE).
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                # A table held by a forgotten open transaction makes the
                # migration fail with a message instead of waiting forever.
                conn.exec_driver_sql("SET LOCAL lock_timeout = '120s'")
            getattr(command, action)(alembic_config(conn), revision)
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} dangling references")
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head", *, key: bytes | None = None) -> str | None:
    """Create the schema or bring it up to ``revision`` (default: the newest);
    ``key`` for an encrypted SQLite file. Returns the revision reached."""
    return _run(url, "upgrade", revision, key)


def downgrade(url: str, revision: str, *, key: bytes | None = None) -> str | None:
    """Take the schema back to ``revision`` (``base`` drops everything); returns
    the revision reached (``None`` for base)."""
    return _run(url, "downgrade", revision, key)


def draft_revision(message: str, rev_id: str) -> None:
    """Let Alembic draft a revision from the difference between the models and
    the current head (on a scratch SQLite database)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = sqlite_url(Path(tmp) / "draft.sqlite")
        upgrade(url)
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                command.revision(
                    alembic_config(conn), message=message, rev_id=rev_id, autogenerate=True
                )
        finally:
            engine.dispose()


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["heads"]:
            print("\n".join(heads()))
        case ["revision", message, rev_id]:
            draft_revision(message, rev_id)
        case _:
            sys.exit('usage: python -m placement.storage.migrate heads | revision "message" NNNN')
