"""Shared database fixtures: a fresh, migrated database per test, on SQLite
and (when ``PLACEMENT_TEST_POSTGRES_URL`` is set) on PostgreSQL.

- ``sqlite_url``: a migrated SQLite file in ``tmp_path`` (copied from a
  template migrated once per test session).
- ``postgres_url``: a migrated, unique schema in the test PostgreSQL database;
  the schema is chosen through ``options=-csearch_path=...`` in the URL, so the
  same URL string works for ``Database(url)`` and for ``placement --db URL``
  subprocesses. Dropped at teardown.
- ``db``: a :class:`placement.storage.database.Database` on each of the two.
- ``demo_db_path``: a fresh copy of the demo database (built once per session).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest
from sqlalchemy import Connection, make_url, text

from placement.storage import migrate
from placement.storage.database import Database
from placement.storage.database import sqlite_url as sqlite_url_for

POSTGRES_ENV = "PLACEMENT_TEST_POSTGRES_URL"
POSTGRES_SKIP = f"{POSTGRES_ENV} not set: PostgreSQL tests skipped"
DEMO_SEED = 7


def _copy_sqlite(template: Path, target: Path) -> str:
    shutil.copyfile(template, target)
    return sqlite_url_for(target)


@pytest.fixture(scope="session")
def _migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite"
    migrate.upgrade(sqlite_url_for(path))
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, _migrated_sqlite_template: Path) -> str:
    """URL of a fresh SQLite file at the newest schema revision."""
    return _copy_sqlite(_migrated_sqlite_template, tmp_path / "placement.sqlite")


def postgres_schema_url(base_url: str, schema: str) -> str:
    """``base_url`` with every connection's search_path set to ``schema``."""
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def installation_prefix(database: str, schema: str) -> str:
    """The prefix of the group roles that migrating ``database``/``schema`` creates."""
    migration = import_module("placement.storage.migrations.versions.0007_server_security")
    return migration.installation_name(database, schema)


def drop_installation_roles(conn: Connection, prefix: str) -> None:
    """Drop an installation's group roles and the login roles in them: roles
    belong to the whole server and would outlive the test's schema."""
    groups = [f"{prefix}_{group}" for group in ("officer", "manager", "guardian", "administrator")]
    members = conn.execute(
        text(
            "SELECT DISTINCT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = ANY(:groups) AND m.rolcanlogin"
        ),
        {"groups": groups},
    ).scalars().all()
    existing = conn.execute(
        text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:groups)"), {"groups": groups}
    ).scalars().all()
    for role in [*members, *existing]:
        quoted = '"' + role.replace('"', '""') + '"'
        conn.exec_driver_sql(f"DROP OWNED BY {quoted}")
        conn.exec_driver_sql(f"DROP ROLE {quoted}")


@pytest.fixture
def empty_postgres_url() -> Iterator[str]:
    """URL of a fresh, EMPTY schema (no tables) in the test PostgreSQL database."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(POSTGRES_SKIP)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = Database(base)
    try:
        with admin.engine.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield postgres_schema_url(base, schema)
    finally:
        with admin.engine.begin() as conn:
            conn.exec_driver_sql("SET lock_timeout = '20s'")
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            drop_installation_roles(conn, installation_prefix(conn.exec_driver_sql("SELECT current_database()").scalar(), schema))
        admin.dispose()


@pytest.fixture
def postgres_url(empty_postgres_url: str) -> str:
    """URL of a fresh schema at the newest revision in the test PostgreSQL database."""
    migrate.upgrade(empty_postgres_url)
    return empty_postgres_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A migrated database URL, once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A :class:`Database` on a fresh migrated database (SQLite and PostgreSQL)."""
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from placement.services.demo import build_demo_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo_database(sqlite_url_for(path), seed=DEMO_SEED)
    return path


@pytest.fixture
def demo_db_path(tmp_path: Path, _demo_template: Path) -> Path:
    """Path of a private copy of the demo database (seed ``DEMO_SEED``);
    use ``sqlite_url(path)`` from placement.storage.database for its URL."""
    target = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, target)
    return target
