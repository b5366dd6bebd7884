"""``placement --user NAME``: the command line logs in, and the logged-in
user's role decides what a command may do and whom the audit trail names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select, update

from placement.cli.exit_codes import EXIT_DENIED, EXIT_INPUT
from placement.cli.login import PASSWORD_ENV, USER_ENV
from placement.cli.main import main
from placement.services import audit, users
from placement.services.dossier import leaks
from placement.storage import encryption
from placement.storage.database import Database, sqlite_url
from placement.storage.models import AuditEntry, Child, Role, User
from tests.placement import report_fixtures as fx
from tests.placement.cli_login import PASSWORD, add_account

NOOR = "Noor Visser"  # a child of the fixture without a guardian


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("login") / "template.sqlite")


@pytest.fixture
def url(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The report fixture with an officer and a manager account, and its guardian
    (of Mila, C1) given a password; nobody is named in the environment."""
    db = fx.copy_of(template, tmp_path)
    with db.session() as s, s.begin():
        s.execute(update(User).where(User.username == "gvoogd").values(password_hash=users.hash_password(PASSWORD)))
    db.dispose()
    add_account(db.url, Role.OFFICER)
    add_account(db.url, Role.MANAGER)
    monkeypatch.delenv(USER_ENV, raising=False)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return db.url


def _audit_rows(url: str) -> list[tuple[str, str, str, str | None, str]]:
    db = Database(url)
    try:
        with db.session() as s:
            rows = s.execute(
                select(AuditEntry.username, AuditEntry.action, AuditEntry.object_type, AuditEntry.object_id,
                       AuditEntry.outcome).order_by(AuditEntry.id)
            ).all()
    finally:
        db.dispose()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _child_id(url: str, name: str) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.execute(select(Child.id).where(Child.name == name)).scalar_one()
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "argv",
    [["session", "export"], ["capacity"], ["alerts"], ["dossier", "C1", "--for", "guardian", "-o", "x.pdf"],
     ["export", "families", "-o", "f.csv"], ["audit", "verify"], ["user", "list"]],
    ids=lambda a: a[0],
)
def test_a_command_on_the_database_without_login_is_refused_in_one_line(
    url: str, argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    before = _audit_rows(url)
    assert main(["--db", url, *argv]) == EXIT_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "--user: this command needs a login: --user NAME (or PLACEMENT_USER)\n"
    assert _audit_rows(url) == before
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "f.csv").exists()


def test_a_wrong_password_is_refused_and_audited(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    target = tmp_path / "session.json"
    assert main(["--db", url, "--user", "cli-officer", "session", "export", "-o", str(target)]) == EXIT_DENIED
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("refused: login failed for user cli-officer (after 3 failures")
    assert "not the password" not in err
    assert not target.exists()
    assert _audit_rows(url)[-1][1:] == (audit.LOGIN, "user", str(_user_id(url, "cli-officer")), audit.FAILED)


def _user_id(url: str, username: str) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.execute(select(User.id).where(User.username == username)).scalar_one()
    finally:
        db.dispose()


def test_without_a_password_and_without_a_terminal_nothing_is_asked(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(PASSWORD_ENV)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", url, "--user", "cli-officer", "capacity"]) == EXIT_INPUT
    assert capsys.readouterr().err == "--user: no password: set PLACEMENT_PASSWORD or run in a terminal\n"


def test_the_audit_trail_names_the_logged_in_user(url: str, tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    assert main(["--db", url, "--user", "cli-officer", "session", "export", "-o", str(target)]) == 0
    rows = _audit_rows(url)
    assert ("cli-officer", audit.LOGIN, "user", str(_user_id(url, "cli-officer")), audit.OK) in rows
    exported = [r for r in rows if r[1] == audit.EXPORT and r[2] == "child"]
    assert exported and {r[0] for r in exported} == {"cli-officer"}


def test_a_guardian_prints_only_their_own_childs_dossier(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own, other = tmp_path / "own.pdf", tmp_path / "other.pdf"
    guardian = ["--db", url, "--user", "gvoogd", "dossier"]
    assert main([*guardian, "C1", "--for", "guardian", "-o", str(own)]) == 0
    assert "Mila Petrova" in leaks.pdf_text(own.read_bytes())
    noor = _child_id(url, NOOR)
    capsys.readouterr()
    assert main([*guardian, f"C{noor}", "--for", "guardian", "-o", str(other)]) == EXIT_DENIED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only print placement dossiers for children assigned to you" in err
    assert NOOR not in err and not other.exists()
    assert ("gvoogd", "print_dossier", "child", str(noor), audit.DENIED) in _audit_rows(url)


def test_a_manager_may_not_export_a_session(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "session.json"
    assert main(["--db", url, "--user", "cli-manager", "session", "export", "-o", str(target)]) == EXIT_DENIED
    assert capsys.readouterr().err == "refused: your role may not export data\n"
    assert not target.exists()
    assert main(["--db", url, "--user", "cli-manager", "capacity"]) == 0  # what a manager may do


def test_the_first_administrator_is_made_without_login_and_only_once(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(USER_ENV, raising=False)
    assert main(["--db", sqlite_url, "--user", "nobody", "user", "list"]) == EXIT_INPUT
    assert capsys.readouterr().err == "--user: this database has no users yet: placement user add NAME --first-admin\n"

    monkeypatch.setattr("sys.stdin", io.StringIO("first admin password 1\n"))
    assert main(["--db", sqlite_url, "user", "add", "beheer", "--first-admin"]) == 0
    assert capsys.readouterr().out == "added administrator beheer\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("second admin password 2\n"))
    assert main(["--db", sqlite_url, "user", "add", "nog-een", "--first-admin"]) == EXIT_INPUT
    assert "already has an administrator" in capsys.readouterr().err

    monkeypatch.setenv(PASSWORD_ENV, "first admin password 1")
    monkeypatch.setattr("sys.stdin", io.StringIO("officer password 33\n"))
    assert main(["--db", sqlite_url, "--user", "beheer", "user", "add", "jan", "--role", "officer"]) == 0
    assert main(["--db", sqlite_url, "--user", "beheer", "user", "list"]) == 0
    listing = capsys.readouterr().out
    assert "beheer" in listing and "jan" in listing and "nog-een" not in listing


def test_db_upgrade_creates_a_new_file_encrypted_or_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(encryption, "_KDF", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "new.sqlite"
    assert main(["--db", sqlite_url(path), "db", "upgrade"]) == EXIT_INPUT
    assert "is new and is created encrypted: set PLACEMENT_DB_PASSPHRASE" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "a new passphrase 42")
    assert main(["--db", sqlite_url(path), "db", "upgrade"]) == 0
    assert capsys.readouterr().err == ""
    assert encryption.is_encrypted(path)


def test_the_password_is_asked_for_in_a_terminal(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(PASSWORD_ENV)
    prompts: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or PASSWORD)
    assert main(["--db", url, "--user", "cli-manager", "capacity"]) == 0
    assert prompts == ["password for cli-manager: "]


def test_placement_demo_gives_the_demo_accounts_their_passwords(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    url = sqlite_url(tmp_path / "demo.sqlite")
    assert main(["--db", url, "demo"]) == 0
    name, (_role, password) = "demo-manager", users.DEMO_PASSWORDS["demo-manager"]
    monkeypatch.setenv(PASSWORD_ENV, password)
    assert main(["--db", url, "--user", name, "capacity"]) == 0
    assert "children waiting" in capsys.readouterr().out
