"""The database server decides who sees what.

Each test connects with psycopg directly as a user of an office installation
(set up with the README's commands, see ``server_cluster``) and tries what
that user's role may not do, without any of the app's code in between: the
server must refuse it with a permission error, or show no row, and leave the
data as it was. The allowed paths still work through the app's services and
the command line.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import subprocess
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import make_url, select
from sqlalchemy.exc import ProgrammingError

from placement.errors import InputError, LoginFailed
from placement.services import audit, users
from placement.storage import migrate
from placement.storage.database import Database, check_connection_security
from placement.storage.models import AuditEntry, Role
from tests.placement.security_factories import CANARY_ADDRESS, add_child, add_family
from tests.placement.server_cluster import (
    Office,
    Server,
    install_office,
    placement,
    remove_office,
    server,  # noqa: F401 - the fixture
    superuser,
)

pytestmark = pytest.mark.postgres

NON_PERSONAL = {"alembic_version", "schools", "settings", "audit_head", "capacity_snapshots"}
"""Tables without personal data: public DUO schools, the installation's settings,
the audit chain's head (a count and a hash), capacity aggregates."""


@pytest.fixture(scope="module")
def office(server: Server) -> Iterator[Office]:  # noqa: F811 - the fixture above
    installed = install_office(server)
    try:
        _fill(installed)
        yield installed
    finally:
        remove_office(installed)


@pytest.fixture(scope="module")
def ids(office: Office) -> dict[str, int]:
    with office.connect_owner() as conn:
        rows = conn.execute("SELECT name, id FROM children ORDER BY id").fetchall()
        families = conn.execute("SELECT id FROM families ORDER BY id").fetchall()
    return {
        "own_child": rows[0][1],
        "other_child": rows[1][1],
        "own_family": families[0][0],
        "other_family": families[1][0],
    }


def _fill(office: Office) -> None:
    """Through the app, as the officer: two families, a child assigned to the
    guardian and placed in the first, another child placed in the second, and
    a network with a location."""
    from placement.storage.models import Network, NetworkLocation, Placement, User

    db = Database(office.url)
    officer = users.log_in(db, office.names["officer"], office.passwords[office.names["officer"]])
    try:
        with db.session() as s, s.begin():
            guardian_id = s.execute(
                select(User.id).where(User.username == office.names["guardian"])
            ).scalar_one()
            own_family = add_family(s, address=CANARY_ADDRESS)
            other_family = add_family(s, address="Geheimeweg 1")
            own = add_child(s, name="Kind Eigen")
            own.guardian_id = guardian_id
            other = add_child(s, name="Kind Ander")
            for child, family in ((own, own_family), (other, other_family)):
                s.add(Placement(child_id=child.id, family_id=family.id, start_date=dt.date(2026, 1, 5)))
            network = Network(label="Netwerk Geheim", notes="informant X")
            network.locations.append(
                NetworkLocation(label="Loods", lat=52.1, lon=5.1, reported_on=dt.date(2026, 1, 1))
            )
            s.add(network)
            audit.record(s, officer, audit.READ, "child", own.id)
    finally:
        db.dispose()


def _refused(conn: psycopg.Connection, statement: str, *params: object) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        conn.execute(statement, params or None)


def _count(conn: psycopg.Connection, statement: str, *params: object) -> int:
    return int(conn.execute(statement, params or None).fetchone()[0])


def _fingerprint(office: Office) -> tuple[object, ...]:
    """Everything the attempts could change, as the owner sees it."""
    with office.connect_owner() as conn:
        return tuple(
            conn.execute(f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t").fetchone()[0]
            for table in ("children", "families", "placements", "networks", "network_locations",
                          "users", "audit_entries")
        )  # fmt: skip


def test_a_guardian_sees_only_its_own_child_and_where_it_lives(office: Office, ids: dict[str, int]) -> None:
    before = _fingerprint(office)
    with office.connect("guardian") as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM children")] == [ids["own_child"]]
        assert _count(conn, "SELECT count(*) FROM children WHERE id = %s", ids["other_child"]) == 0
        assert [r[0] for r in conn.execute("SELECT id FROM families")] == [ids["own_family"]]
        assert _count(conn, "SELECT count(*) FROM placements") == 1
        _refused(conn, "SELECT * FROM network_locations")
        _refused(conn, "SELECT * FROM networks")
        _refused(conn, "SELECT * FROM child_networks")
        _refused(conn, "SELECT * FROM matching_sessions")
        _refused(conn, "UPDATE children SET notes = 'x' WHERE id = %s", ids["own_child"])
        _refused(conn, "SELECT password_hash FROM users")
        assert _count(conn, "SELECT count(*) FROM users") == 1  # its own account only
    assert _fingerprint(office) == before


def test_a_manager_reads_no_child_family_or_postcode(office: Office) -> None:
    before = _fingerprint(office)
    with office.connect("manager") as conn:
        for table in ("children", "families", "placements", "networks", "network_locations",
                      "training_records", "sibling_groups", "matching_sessions", "network_alerts"):
            _refused(conn, f"SELECT * FROM {table}")
        _refused(conn, "SELECT postcode, lat, lon FROM families")
        assert _count(conn, "SELECT count(*) FROM capacity_snapshots") >= 0
        assert _count(conn, "SELECT count(*) FROM audit_entries") > 0  # reviewing the trail is theirs
    assert _fingerprint(office) == before


def test_an_administrator_manages_accounts_but_reads_no_casework(office: Office) -> None:
    before = _fingerprint(office)
    with office.connect("administrator") as conn:
        for table in ("children", "families", "placements", "networks", "network_locations"):
            _refused(conn, f"SELECT * FROM {table}")
        assert _count(conn, "SELECT count(*) FROM users") >= 5
        assert _count(conn, "SELECT count(*) FROM audit_entries") > 0
    assert _fingerprint(office) == before


def test_an_officer_cannot_touch_the_audit_trail_or_forge_a_row(office: Office) -> None:
    before = _fingerprint(office)
    with office.connect("officer") as conn:
        _refused(conn, "SELECT * FROM audit_entries")
        _refused(conn, "UPDATE audit_entries SET username = 'someone'")
        _refused(conn, "DELETE FROM audit_entries")
        _refused(conn, "TRUNCATE audit_entries")
        _refused(conn, "UPDATE audit_head SET last_id = 0")
        _refused(
            conn,
            "INSERT INTO audit_entries VALUES (999999, now(), 1, %s, 'officer', 'read', 'child', '1', "
            "'ok', 'ws', repeat('0', 64), repeat('0', 64))",
            office.names["officer2"],
        )
    assert _fingerprint(office) == before


def test_rows_written_through_the_server_function_name_the_connected_user(office: Office) -> None:
    with office.connect("officer") as conn:
        row_id = conn.execute("SELECT placement_audit('read', 'child', '1', 'ok')").fetchone()[0]
    with office.connect_owner() as conn:
        username, role = conn.execute(
            "SELECT username, role FROM audit_entries WHERE id = %s", (row_id,)
        ).fetchone()
    assert (username, role) == (office.names["officer"], "officer")


@pytest.mark.parametrize("role", ["officer", "guardian", "manager", "administrator"])
def test_nobody_but_the_owner_changes_the_schema(office: Office, role: str) -> None:
    with office.connect(role) as conn:
        _refused(conn, "CREATE TABLE copy_of_children (id int)")
        _refused(conn, "ALTER TABLE children DISABLE ROW LEVEL SECURITY")
        _refused(conn, "DROP TABLE audit_entries")
        _refused(conn, "DROP POLICY guardian_own ON children")
        if role != "administrator":
            _refused(conn, "SELECT placement_create_user('intruder', '', 'officer', NULL)")
    name = office.names[role]
    as_role = office.url.replace("postgresql://", f"postgresql://{name}:{office.passwords[name]}@")
    # The command refuses to go below the audit trail's revision for anyone; below
    # that, the server refuses the schema change to everyone but the owner.
    result = placement("--db", as_role, "db", "downgrade", "0007")
    assert (result.returncode, result.stderr) == (2, "revision: refusing to go below 0008: that would delete the audit trail\n")
    with pytest.raises(ProgrammingError, match="must be owner|permission denied"):
        migrate.downgrade(as_role, "0007")
    assert migrate.current_revision(office.owner_url) == migrate.heads()[0]


def test_a_psql_update_by_an_officer_leaves_an_audit_row_naming_the_officer(
    office: Office, ids: dict[str, int]
) -> None:
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed")
    url = make_url(office.url)
    name = office.names["officer"]
    result = subprocess.run(
        [psql, "-h", str(url.host), "-p", str(url.port), "-U", name, "-d", office.database, "-v",
         "ON_ERROR_STOP=1", "-c", f"UPDATE children SET notes = 'bijgewerkt in psql' WHERE id = {ids['other_child']}"],
        env={"PGPASSWORD": office.passwords[name], "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with office.connect_owner() as conn:
        last = conn.execute(
            "SELECT username, role, action, object_type, object_id FROM audit_entries ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert last == (name, "officer", "change", "child", str(ids["other_child"]))


def test_logging_in_takes_the_user_and_role_from_the_server(office: Office) -> None:
    db = Database(office.url)
    try:
        name = office.names["guardian"]
        actor = users.log_in(db, name, office.passwords[name])
        assert (actor.username, actor.role) == (name, Role.GUARDIAN)
        if office.server.checks_passwords:
            with pytest.raises(LoginFailed):
                users.log_in(Database(office.url), name, "not the password")
        with pytest.raises(LoginFailed):
            users.log_in(Database(office.url), "nobody_here", "whatever it is")
    finally:
        db.dispose()


def test_a_disabled_user_cannot_connect(office: Office) -> None:
    admin = office.names["administrator"]
    name = office.names["officer2"]
    env = {"PLACEMENT_PASSWORD": office.passwords[admin]}
    db = Database(office.url)
    try:
        actor = users.log_in(db, admin, office.passwords[admin])
        with db.session() as s, s.begin():
            users.set_active(s, actor, name, False)
        with pytest.raises(LoginFailed):
            users.log_in(Database(office.url), name, office.passwords[name])
        with db.session() as s, s.begin():
            users.set_active(s, actor, name, True)
        assert users.log_in(Database(office.url), name, office.passwords[name]).role == Role.OFFICER
    finally:
        db.dispose()
    listing = placement("--db", office.url, "--user", admin, "user", "list", env=env)
    assert listing.returncode == 0 and name in listing.stdout


def test_audit_verify_finds_the_chain_intact_and_names_what_the_owner_changed(office: Office) -> None:
    assert _verify(office) == (0, "intact")
    with office.connect_owner() as conn:
        username = conn.execute("SELECT username FROM audit_entries WHERE id = 3").fetchone()[0]
        conn.execute("UPDATE audit_entries SET username = 'someone else' WHERE id = 3")
        edited = _verify(office)
        conn.execute("UPDATE audit_entries SET username = %s WHERE id = 3", (username,))
        saved = conn.execute("SELECT * FROM audit_entries WHERE id = 4").fetchone()
        conn.execute("DELETE FROM audit_entries WHERE id = 4")
        deleted = _verify(office)
        conn.execute(f"INSERT INTO audit_entries VALUES ({', '.join(['%s'] * len(saved))})", saved)
        conn.execute("UPDATE audit_entries SET id = -id WHERE id IN (5, 6)")
        conn.execute("UPDATE audit_entries SET id = 6 WHERE id = -5")
        conn.execute("UPDATE audit_entries SET id = 5 WHERE id = -6")
        moved = _verify(office)
        conn.execute("UPDATE audit_entries SET id = -id WHERE id IN (5, 6)")
        conn.execute("UPDATE audit_entries SET id = 6 WHERE id = -5")
        conn.execute("UPDATE audit_entries SET id = 5 WHERE id = -6")
    assert edited == (1, "BROKEN at row 3: row 3 was changed")
    assert deleted == (1, "BROKEN at row 4: row 4 is missing")
    assert moved[0] == 1 and "BROKEN at row 5" in moved[1]
    assert _verify(office) == (0, "intact")


def _verify(office: Office) -> tuple[int, str]:
    """``placement audit verify`` as the administrator: exit code and verdict."""
    admin = office.names["administrator"]
    result = placement(
        "--db", office.url, "--user", admin, "audit", "verify",
        env={"PLACEMENT_PASSWORD": office.passwords[admin]},
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    text = (result.stdout + result.stderr).strip()
    if result.returncode == 0:
        assert text.startswith("audit trail intact"), text
        return 0, "intact"
    return result.returncode, text.removeprefix("audit trail ").split(" (")[0]


def test_every_table_with_personal_data_has_row_level_security(office: Office) -> None:
    with office.connect_owner() as conn:
        tables = conn.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "(SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname AND p.schemaname = n.nspname) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        ).fetchall()
    assert {name for name, *_ in tables} >= {"children", "families", "audit_entries"}
    unprotected = [
        name for name, enabled, forced, policies in tables
        if name not in NON_PERSONAL and not (enabled and forced and policies > 0)
    ]  # fmt: skip
    assert unprotected == []


def test_two_installations_on_one_server_have_their_own_group_roles(office: Office) -> None:
    first, second = office, install_office(office.server, with_users=False)
    try:
        with second.connect_owner() as conn:
            prefix = conn.execute("SELECT value FROM settings WHERE name = 'role_prefix'").fetchone()[0]
        assert prefix == second.database
        url = make_url(second.url)
        officer = first.names["officer"]
        with psycopg.connect(
            host=url.host, port=url.port, user=officer, password=first.passwords[officer],
            dbname=second.database, autocommit=True,
        ) as conn:  # fmt: skip
            _refused(conn, "SELECT count(*) FROM children")
    finally:
        remove_office(second)


def test_a_server_on_another_machine_needs_verify_full() -> None:
    with pytest.raises(InputError, match="sslmode=verify-full"):
        check_connection_security(make_url("postgresql://db.kantoor.example/placement"))
    assert "verify-full" in str(
        check_connection_security(make_url("postgresql://db.kantoor.example/placement?sslmode=require"))
    )
    assert check_connection_security(make_url("postgresql://db.kantoor.example/p?sslmode=verify-full")) is None
    assert check_connection_security(make_url("postgresql://127.0.0.1:5432/placement")) is None


def test_no_audit_row_is_written_in_someone_elses_name_through_the_app(office: Office) -> None:
    """A forged Actor in the app's own services changes nothing: the server
    names the connected user."""
    from placement.actor import Actor

    db = Database(office.url)
    try:
        users.log_in(db, office.names["officer"], office.passwords[office.names["officer"]])
        forged = Actor(user_id=1, username=office.names["administrator"], role=Role.ADMINISTRATOR)
        with db.session() as s, s.begin():
            audit.record(s, forged, audit.READ, "child", 1)
        with db.session() as s, pytest.raises(ProgrammingError, match="permission denied"):
            s.execute(select(AuditEntry.username)).all()  # an officer may not read the trail at all
    finally:
        db.dispose()
    with office.connect_owner() as conn:
        last = conn.execute("SELECT username FROM audit_entries ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert last == office.names["officer"]


def _as(office: Office, role: str, *args: str) -> subprocess.CompletedProcess[str]:
    name = office.names[role]
    return placement("--db", office.url, "--user", name, *args, env={"PLACEMENT_PASSWORD": office.passwords[name]})


def test_each_role_still_does_its_own_work_on_the_command_line(office: Office, ids: dict[str, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    session_file = tmp_path / "sessie.json"
    exported = _as(office, "officer", "session", "export", "-o", str(session_file))
    assert exported.returncode == 0, exported.stderr
    assert session_file.exists()

    own = tmp_path / "eigen.pdf"
    printed = _as(office, "guardian", "dossier", f"C{ids['own_child']}", "--for", "guardian", "-o", str(own))
    assert printed.returncode == 0, printed.stderr
    assert own.read_bytes().startswith(b"%PDF")
    other = _as(office, "guardian", "dossier", f"C{ids['other_child']}", "--for", "guardian",
                "-o", str(tmp_path / "ander.pdf"))  # fmt: skip
    assert other.returncode == 4
    assert other.stderr == "refused: your role may only print placement dossiers for children assigned to you\n"
    assert not (tmp_path / "ander.pdf").exists()
    manager = _as(office, "manager", "dossier", f"C{ids['own_child']}", "--for", "guardian",
                  "-o", str(tmp_path / "manager.pdf"))  # fmt: skip
    assert (manager.returncode, manager.stderr) == (4, "refused: your role may not print placement dossiers\n")
    with office.connect_owner() as conn:
        refusals = conn.execute(
            "SELECT username, action, outcome FROM audit_entries WHERE outcome = 'denied' "
            "AND action = 'print_dossier' ORDER BY id"
        ).fetchall()
    assert refusals[-2:] == [
        (office.names["guardian"], "print_dossier", "denied"),
        (office.names["manager"], "print_dossier", "denied"),
    ]

    before = _as(office, "manager", "capacity", "--csv", str(tmp_path / "leeg.csv"))
    assert before.returncode == 2 and "no capacity figures yet" in before.stderr
    assert _as(office, "officer", "capacity", "--csv", str(tmp_path / "officer.csv")).returncode == 0
    after = _as(office, "manager", "capacity", "--csv", str(tmp_path / "capaciteit.csv"))
    assert after.returncode == 0, after.stderr
    with office.connect("manager") as conn:  # what the manager could read around the app
        [report] = conn.execute("SELECT report FROM capacity_snapshots ORDER BY id DESC LIMIT 1").fetchone()
    figures = [row[key] for part in ("provinces", "regions") for row in report[part]
               for key in ("families", "paused", "places", "occupied")]
    figures += [row["children"] for part in ("waiting_by_age", "waiting_by_need", "no_fit") for row in report[part]]
    assert figures and all(n == 0 or n >= 5 for n in figures)  # no small count to point at a family
    assert (tmp_path / "capaciteit.csv").read_text(encoding="utf-8-sig") == (
        tmp_path / "officer.csv"
    ).read_text(encoding="utf-8-sig")


def test_pgaudit_records_a_read_made_around_the_app(office: Office, ids: dict[str, int]) -> None:
    """The README's pgaudit settings: a SELECT typed in psql by an officer is
    in the server's log, without its parameters."""
    if not office.server.pgaudit or office.server.log is None:
        pytest.skip("pgaudit is not installed for this PostgreSQL server")
    with superuser(office.server) as conn:
        conn.execute(f'ALTER DATABASE "{office.database}" SET pgaudit.log = \'read, write, role, ddl\'')
        conn.execute(f'ALTER DATABASE "{office.database}" SET pgaudit.log_parameter = off')
    marker = "audit_marker_" + secrets.token_hex(4)
    with office.connect("officer") as conn:
        conn.execute(f"SELECT name AS {marker} FROM children WHERE id = %s", (ids["own_child"],))
    log = office.server.log.read_text(encoding="utf-8", errors="replace")
    [line] = [line for line in log.splitlines() if marker in line]
    assert line.startswith(f"{office.names['officer']}@{office.database} ")
    assert "AUDIT: SESSION" in line and ",READ,SELECT," in line
    assert line.endswith("<not logged>")  # the parameters (an id here, an address elsewhere)


def test_a_user_the_server_authenticates_by_ldap_gets_no_password(office: Office) -> None:
    admin = office.names["administrator"]
    name = "ldap_" + secrets.token_hex(3)
    added = placement("--db", office.url, "--user", admin, "user", "add", name, "--role", "officer",
                      "--no-password", env={"PLACEMENT_PASSWORD": office.passwords[admin]})  # fmt: skip
    assert added.returncode == 0, added.stderr
    try:
        with superuser(office.server) as conn:
            can_login, password = conn.execute(
                "SELECT rolcanlogin, rolpassword FROM pg_authid WHERE rolname = %s", (name,)
            ).fetchone()
        assert (can_login, password) == (True, None)
    finally:
        with superuser(office.server, office.database) as conn:
            conn.execute(f'DROP OWNED BY "{name}"')
        with superuser(office.server) as conn:
            conn.execute(f'DROP ROLE "{name}"')


def test_the_command_line_refuses_an_unencrypted_connection_to_another_machine() -> None:
    result = placement("--db", "postgresql://db.kantoor.example/placement", "--user", "anna",
                       "session", "export", env={"PLACEMENT_PASSWORD": "not used at all"})  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("sslmode: a server on another machine needs sslmode=verify-full")
    assert len(result.stderr.splitlines()) == 1


def test_missing_episodes_and_aliases_are_casework_under_the_servers_policies(office: Office, ids: dict[str, int]) -> None:
    """Reported through the app as the officer; then each role's own connection
    tries to read them: the guardian sees its own child's only, the manager and
    the administrator nothing, and every change left an audit row."""
    from placement.services import missing
    from placement.services.registers import child_register

    db = Database(office.url)
    officer = users.log_in(db, office.names["officer"], office.passwords[office.names["officer"]])
    try:
        with db.session() as s, s.begin():
            for child in (ids["own_child"], ids["other_child"]):
                missing.report_missing(s, officer, child, last_seen=dt.datetime(2026, 12, 1, 8, 0), risk="orange")
                child_register.add_alias(s, officer, child, child_register.AliasInput(f"Alias {child}"))
    finally:
        db.dispose()
    before = _fingerprint(office)
    with office.connect("guardian") as conn:
        assert [r[0] for r in conn.execute("SELECT child_id FROM missing_episodes")] == [ids["own_child"]]
        assert [r[0] for r in conn.execute("SELECT child_id FROM child_aliases")] == [ids["own_child"]]
        _refused(conn, "SELECT * FROM family_reviews")
        _refused(conn, "UPDATE missing_episodes SET risk = 'green'")
    for role in ("manager", "administrator"):
        with office.connect(role) as conn:
            for table in ("missing_episodes", "child_aliases", "family_reviews"):
                _refused(conn, f"SELECT * FROM {table}")
    with office.connect("officer") as conn:
        assert _count(conn, "SELECT count(*) FROM missing_episodes") == 2
    assert _fingerprint(office) == before

    # The guardian's history page, through the app's services on its own connection.
    from placement.errors import PermissionDenied
    from placement.services import history

    db = Database(office.url)
    guardian = users.log_in(db, office.names["guardian"], office.passwords[office.names["guardian"]])
    try:
        with db.session() as s, s.begin():
            own = history.child_history(s, guardian, ids["own_child"])
        assert [e.child_id for e in own.episodes] == [ids["own_child"]] and own.alerts == ()
        assert own.aliases == (f"Alias {ids['own_child']}",)
        with pytest.raises((PermissionDenied, InputError)), db.session() as s, s.begin():
            history.child_history(s, guardian, ids["other_child"])  # the server shows no such row
    finally:
        db.dispose()
    with office.connect_owner() as conn:
        audited = {r[0] for r in conn.execute(
            "SELECT object_type FROM audit_entries WHERE username = %s", (office.names["officer"],))}
    assert {"missing_episode", "child"} <= audited
