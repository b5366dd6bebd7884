"""A PostgreSQL server for the server-security tests, where passwords count.

Preferably a throwaway cluster made with ``initdb --auth=scram-sha-256`` on a
free port (so logging in with a wrong password really fails); where the server
binaries are missing, the server named by ``PLACEMENT_TEST_POSTGRES_URL``;
else the tests are skipped with the reason.

An *office* is what the README's office installation makes: a database owned
by an owner role with CREATEROLE, upgraded by ``placement --db OWNER_URL db
upgrade``, with a first administrator made by the owner and an officer, a
guardian and a manager added by that administrator, each a login role with
its own password.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

POSTGRES_ENV = "PLACEMENT_TEST_POSTGRES_URL"
PLACEMENT = str(Path(sys.executable).with_name("placement"))
SUPERUSER_PASSWORD = "throwaway superuser " + secrets.token_hex(8)


def _server_binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass(frozen=True)
class Server:
    """A superuser URL on a server, whether it checks passwords, and (for a
    throwaway cluster) its log file and whether pgaudit is loaded."""

    superuser_url: str
    checks_passwords: bool
    log: Path | None = None
    pgaudit: bool = False

    def url(self, user: str, password: str | None, database: str) -> str:
        url = make_url(self.superuser_url).set(username=user, password=password, database=database)
        return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    binaries = _server_binaries()
    if binaries is None:
        base = os.environ.get(POSTGRES_ENV)
        if not base:
            pytest.skip(f"no PostgreSQL server binaries and {POSTGRES_ENV} not set")
        yield Server(base, checks_passwords=False)
        return
    folder = Path(tempfile.mkdtemp(prefix="placement-scram-"))
    data = folder / "data"
    password_file = folder / "superuser-password"
    password_file.write_text(SUPERUSER_PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(password_file, "postgres")
    port = _free_port()
    subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                         "--auth=scram-sha-256", f"--pwfile={password_file}", "-E", "UTF8",
                         "--locale=C.UTF-8"]),
        check=True, capture_output=True,
    )  # fmt: skip
    pgaudit = (binaries.parent / "lib" / "pgaudit.so").exists()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c log_line_prefix='%u@%d '"
    if pgaudit:
        options += " -c shared_preload_libraries=pgaudit"
    subprocess.run(
        _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                         "-l", str(folder / "server.log"), "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield Server(
            f"postgresql://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{port}/postgres",
            checks_passwords=True,
            log=folder / "server.log",
            pgaudit=pgaudit,
        )
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def superuser(server: Server, database: str = "postgres") -> psycopg.Connection:
    url = make_url(server.superuser_url)
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, dbname=database,
        autocommit=True,
    )  # fmt: skip


@dataclass(frozen=True)
class Office:
    """One installation on ``server``: its database, the owner and the users
    (user name → password), and the URL every workstation uses (no user in it)."""

    server: Server
    database: str
    owner: str
    owner_password: str
    passwords: dict[str, str]
    names: dict[str, str]
    """Role (officer, manager, guardian, administrator, officer2) → user name."""

    @property
    def url(self) -> str:
        """The workstations' URL: server and database, no user, no password."""
        server = make_url(self.server.superuser_url)
        return f"postgresql://{server.host}:{server.port}/{self.database}"

    @property
    def owner_url(self) -> str:
        return self.server.url(self.owner, self.owner_password, self.database)

    def connect(self, role: str) -> psycopg.Connection:
        """A direct connection as the user of ``role``, without any of the app's code."""
        name = self.names[role]
        url = make_url(self.server.superuser_url)
        return psycopg.connect(
            host=url.host, port=url.port, user=name, password=self.passwords[name],
            dbname=self.database, autocommit=True,
        )  # fmt: skip

    def connect_owner(self) -> psycopg.Connection:
        url = make_url(self.server.superuser_url)
        return psycopg.connect(
            host=url.host, port=url.port, user=self.owner, password=self.owner_password,
            dbname=self.database, autocommit=True,
        )  # fmt: skip


def placement(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The installed command, as the README's office installation runs it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLACEMENT_")}
    environment.update(env or {})
    return subprocess.run(
        [PLACEMENT, *args], input=stdin, capture_output=True, text=True, env=environment, timeout=120
    )


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


def install_office(server: Server, *, with_users: bool = True) -> Office:
    """Set up an installation exactly as the README's office steps do
    (``with_users=False``: only the schema, no accounts)."""
    tag = secrets.token_hex(4)
    database, owner = f"office_{tag}", f"owner_{tag}"
    owner_password = "owner password " + secrets.token_hex(6)
    with superuser(server) as conn:
        conn.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE PASSWORD %s'.replace("%s", _literal(owner_password)))
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    with superuser(server, database) as conn:
        conn.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
    names = {role: f"{role}_{tag}" for role in ("administrator", "officer", "officer2", "guardian", "manager")}
    passwords = {name: f"password of {name} " + secrets.token_hex(4) for name in names.values()}
    office = Office(server, database, owner, owner_password, passwords, names)
    _ok(placement("--db", office.owner_url, "db", "upgrade"))
    if not with_users:
        return office
    admin = names["administrator"]
    _ok(placement("--db", office.owner_url, "user", "add", admin, "--first-admin",
                  stdin=passwords[admin] + "\n"))  # fmt: skip
    as_admin = {"PLACEMENT_PASSWORD": passwords[admin]}
    for role, name in names.items():
        if role == "administrator":
            continue
        _ok(placement("--db", office.url, "--user", admin, "user", "add", name,
                      "--role", role.rstrip("2"), env=as_admin, stdin=passwords[name] + "\n"))  # fmt: skip
    return office


def remove_office(office: Office) -> None:
    """Drop the database and every role the installation made (roles belong
    to the whole server)."""
    with superuser(office.server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{office.database}" WITH (FORCE)')
        groups = [row[0] for row in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (office.database + "\\_%",)
        )]  # fmt: skip
        for name in [*office.passwords, *groups, office.owner]:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
