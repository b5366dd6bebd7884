"""Migrations: every revision runs up and down on a populated database (SQLite
and PostgreSQL) without losing the data that predates it, the migrated schema
is exactly what the models describe, and ``placement db`` reports database
problems in one line with exit 2."""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, MetaData, inspect, select

from placement.cli.main import main
from placement.storage import encryption, migrate
from placement.storage import models as m
from placement.storage.database import Database, make_engine, sqlite_url
from tests.placement.test_storage import write_one_of_each

CORE_TABLES = [
    "users", "families", "training_records", "networks", "network_locations", "sibling_groups",
    "children", "child_networks", "schools", "matching_sessions", "placements",
]  # fmt: skip


def revisions_in_order() -> list[tuple[str, str]]:
    """(revision, down_revision or "base") from the first to the head."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [(rev.revision, rev.down_revision or "base") for rev in reversed(list(script.walk_revisions()))]


Snapshot = dict[str, list[dict[str, Any]]]


def snapshot(url: str, tables: list[str]) -> Snapshot:
    """Every row of ``tables`` (column name to value), in primary-key order."""
    engine = make_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine, only=tables)
        with engine.connect() as conn:
            return {
                name: [dict(r._mapping) for r in conn.execute(select(meta.tables[name]).order_by(*meta.tables[name].primary_key))]
                for name in tables
            }
    finally:
        engine.dispose()


def restricted(snap: Snapshot, like: Snapshot) -> Snapshot:
    """``snap`` with only the columns ``like`` has: a column a later revision
    adds is gone below it, and comes back empty."""
    return {
        name: [{k: v for k, v in row.items() if like[name] and k in like[name][0]} for row in rows]
        for name, rows in snap.items()
    }


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def schema_differences(url: str) -> list[Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), m.Base.metadata)
    finally:
        engine.dispose()


def check_constraints(url: str) -> dict[str, set[str]]:
    """The names of the CHECK constraints per table, as the database has them
    (Alembic's comparison does not look at CHECK constraints)."""
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        return {t: {c["name"] for c in inspector.get_check_constraints(t)} for t in m.Base.metadata.tables}
    finally:
        engine.dispose()


def model_check_constraints() -> dict[str, set[str]]:
    return {
        name: {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        for name, table in m.Base.metadata.tables.items()
    }


def _capped(row: dict[str, Any]) -> dict[str, Any]:
    """A families row as 0010's downgrade leaves it: a closed unit keeps at most 20 places."""
    if row.get("kind") == "closed-unit":
        return {**row, "total_places": min(row["total_places"], 20)}
    return row


def test_there_is_exactly_one_head() -> None:
    assert len(migrate.heads()) == 1, f"several heads, merge them: {migrate.heads()}"


def test_every_revision_goes_up_and_down_on_a_populated_database(db_url: str) -> None:
    db = Database(db_url)
    write_one_of_each(db)
    db.dispose()
    before = snapshot(db_url, CORE_TABLES)
    assert all(before[t] for t in CORE_TABLES), "the fixture data must fill every core table"

    steps = revisions_in_order()
    for _revision, down in reversed(steps[1:]):  # down to the initial schema, step by step
        migrate.downgrade(db_url, down)
        assert migrate.current_revision(db_url) == down
    at_base = snapshot(db_url, CORE_TABLES)
    # 0010's downgrade keeps closed units as rows, their places capped at the older limit of 20
    before["families"] = [_capped(row) for row in before["families"]]
    assert at_base == restricted(before, at_base)

    for revision, down in steps[1:]:  # up, down, up again: each step is reversible
        migrate.upgrade(db_url, revision)
        migrate.downgrade(db_url, down)
        migrate.upgrade(db_url, revision)
        assert migrate.current_revision(db_url) == revision
    assert restricted(snapshot(db_url, CORE_TABLES), at_base) == at_base
    assert schema_differences(db_url) == []
    assert check_constraints(db_url) == model_check_constraints()

    migrate.downgrade(db_url, "base")
    assert table_names(db_url) <= {"alembic_version"}
    migrate.upgrade(db_url)
    assert set(m.Base.metadata.tables) <= table_names(db_url)
    assert schema_differences(db_url) == []
    assert check_constraints(db_url) == model_check_constraints()


def test_the_demo_database_survives_a_downgrade_to_the_initial_schema_and_back(demo_db_path: Path) -> None:
    url = sqlite_url(demo_db_path)
    tables = ["families", "children", "placements", "network_locations"]
    before = snapshot(url, tables)
    before["families"] = [_capped(row) for row in before["families"]]  # 0010's downgrade, as above
    migrate.downgrade(url, revisions_in_order()[0][0])
    at_base = snapshot(url, tables)
    assert at_base == restricted(before, at_base)
    migrate.upgrade(url)
    assert restricted(snapshot(url, tables), at_base) == at_base


def test_db_upgrade_creates_a_new_sqlite_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_url(tmp_path / "sub" / "new.sqlite")
    (tmp_path / "sub").mkdir()
    assert main(["--db", url, "db", "upgrade", "--plain"]) == 0
    out, err = capsys.readouterr()
    assert migrate.heads()[0] in out
    assert err == f"{tmp_path / 'sub' / 'new.sqlite'}: created UNENCRYPTED (--plain); encrypt it with: placement db encrypt\n"
    assert migrate.current_revision(url) == migrate.heads()[0]
    # Going back below the audit trail's revision is refused (the command's
    # downgrades are tested with an administrator in test_security_backup).
    assert main(["--db", url, "db", "downgrade", revisions_in_order()[0][0]]) == 2
    assert migrate.current_revision(url) == migrate.heads()[0]
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert schema_differences(url) == []


def test_db_upgrade_on_postgresql_through_the_installed_command(empty_postgres_url: str) -> None:
    """The same URL string (search_path in the query) works for a subprocess."""
    done = subprocess.run(
        [sys.executable, "-m", "placement.cli.main", "--db", empty_postgres_url, "db", "upgrade"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert migrate.current_revision(empty_postgres_url) == migrate.heads()[0]
    assert schema_differences(empty_postgres_url) == []


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--db", "nonsense", "db", "upgrade"], '--db: malformed database URL'),
        (["--db", "mysql://u@h/db", "db", "upgrade"], '"mysql://u@h/db" is not a supported database URL'),
        (["--db", "postgresql://u:secret@127.0.0.1:notaport/db", "db", "current"], "--db: malformed database URL"),
        (["--db", "postgresql://u:secret@127.0.0.1:1/db", "db", "upgrade"], "--db: cannot open postgresql://u:***@127.0.0.1:1/db"),
        (["--db", "sqlite:////nonexistent-dir/x/y.sqlite", "db", "upgrade", "--plain"], "--db: cannot open sqlite:////nonexistent-dir/x/y.sqlite"),
    ],
    ids=["garbage", "unsupported", "bad-port", "unreachable-server", "missing-folder"],
)
def test_db_errors_are_one_line_with_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err, err
    assert "secret" not in err and "Traceback" not in err


def test_unknown_revision_is_one_line_with_exit_2(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url, "db", "downgrade", "9999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("revision: ") and err.count("\n") == 1, err
    assert migrate.current_revision(sqlite_url) == migrate.heads()[0]


def test_a_database_from_a_newer_version_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "newer.sqlite"
    url = sqlite_url(path)
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    engine.dispose()
    copy = shutil.copyfile(path, tmp_path / "copy.sqlite")
    assert main(["--db", sqlite_url(copy), "db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ffff" in err, err


def test_db_upgrade_opens_an_encrypted_database_with_the_environment_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.sqlite"
    url = sqlite_url(path)
    migrate.upgrade(url, revisions_in_order()[0][0])
    encryption.encrypt_database(path, "lange geheime zin")
    assert main(["--db", url, "db", "upgrade"]) == 2  # no passphrase: refused in one line
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and encryption.PASSPHRASE_ENV in err, err
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "lange geheime zin")
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert capsys.readouterr().out == f"database at revision {migrate.heads()[0]}\n"
    assert encryption.is_encrypted(path)


def test_a_wrong_passphrase_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.sqlite"
    migrate.upgrade(sqlite_url(path))
    encryption.encrypt_database(path, "lange geheime zin")
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "verkeerde geheime zin")
    assert main(["--db", sqlite_url(path), "db", "current"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--db: cannot open ") and err.count("\n") == 1, err


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_two_instances_upgrading_at_once_both_succeed(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = sqlite_url(tmp_path / "fresh.sqlite") if backend == "sqlite" else request.getfixturevalue("empty_postgres_url")
    with ThreadPoolExecutor(2) as pool:
        reached = list(pool.map(lambda _: migrate.upgrade(url), range(2)))
    assert reached == [migrate.heads()[0]] * 2
    assert schema_differences(url) == []
