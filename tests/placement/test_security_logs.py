"""No secrets in logs or on screen: planted canary passphrases, addresses and
network labels are pushed through the command line's error paths (wrong
passphrase, a database error carrying personal data, an invalid session file)
and must not appear on stderr, stdout or in the log file."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from placement.cli.login import PASSWORD_ENV, USER_ENV
from placement.cli.main import main
from placement.services import users
from placement.storage import encryption, migrate
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role, User

ROOT = Path(__file__).resolve().parents[2]
CANARY_PASSPHRASE = "CANARY-PASS-vlinder-4410"
CANARY_WRONG_PASSPHRASE = "CANARY-WRONG-egel-7781"
CANARY_ADDRESS = "Kanariestraat 13 CANARY-ADDR-b2"
CANARY_NETWORK = "CANARY-NET-Koopgoot"
CANARY_PLACE = "CANARY-PLACE-Stationsplein"
LOGIN_PASSWORD = "CANARY-LOGIN-merel-5521"
CANARIES = (CANARY_PASSPHRASE, CANARY_WRONG_PASSPHRASE, CANARY_ADDRESS, CANARY_NETWORK, CANARY_PLACE, LOGIN_PASSWORD)

# A real database error whose message carries personal data (SQLAlchemy puts
# the statement's parameters into str(exc)), raised inside a real command.
DB_ERROR_SCRIPT = f"""
import sys
from sqlalchemy import text
import placement.services.audit as audit
from placement.cli.main import main

def failing_verify(session):
    session.execute(text("INSERT INTO families (id, name, address, postcode, lat, lon) VALUES (1, :n, :a, '1234', 0, 0)"),
                    {{"n": "x", "a": {CANARY_ADDRESS!r}}})

audit.verify = failing_verify
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_STATE_HOME=str(tmp_path / "home" / "state"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
        XDG_CACHE_HOME=str(tmp_path / "home" / "cache"),
        PYTHONPATH=str(ROOT),
    )
    env.pop(encryption.PASSPHRASE_ENV, None)
    env.pop("PLACEMENT_DB", None)
    return env


def _run(env: dict[str, str], *args: str, script: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args], env={**env, **extra}, capture_output=True, text=True, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL
    )


def _logs(env: dict[str, str]) -> str:
    folder = Path(env["XDG_STATE_HOME"])
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*.log"))


def _assert_clean(env: dict[str, str], *runs: subprocess.CompletedProcess[str]) -> None:
    shown = "".join(r.stdout + r.stderr for r in runs) + _logs(env)
    leaked = [c for c in CANARIES if c in shown]
    assert leaked == [], shown


def test_wrong_passphrase_leaks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "placement.sqlite"
    url = sqlite_url(path)
    migrate.upgrade(url, key=encryption.key_for(path, CANARY_PASSPHRASE, new=True))
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, CANARY_WRONG_PASSPHRASE)
    assert main(["--db", url, "audit", "verify"]) == 4
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "CANARY-x")
    assert main(["--db", sqlite_url(tmp_path / "plain.sqlite"), "db", "encrypt"]) == 2
    out = capsys.readouterr()
    assert "wrong database passphrase" in out.err
    shown = out.out + out.err + caplog.text
    assert [c for c in (*CANARIES, "CANARY-x") if c in shown] == []


def test_database_error_with_personal_data_leaks_nothing(tmp_path: Path, home: dict[str, str]) -> None:
    path = tmp_path / "db" / "placement.sqlite"
    path.parent.mkdir()
    url = sqlite_url(path)
    key = encryption.key_for(path, CANARY_PASSPHRASE, new=True)
    migrate.upgrade(url, key=key)
    db = Database(url, key=key)
    with db.session() as s, s.begin():
        s.add(User(username="auditor", display_name="Auditor", role=Role.MANAGER,
                   password_hash=users.hash_password(LOGIN_PASSWORD), active=True))
    db.dispose()
    login = {USER_ENV: "auditor", PASSWORD_ENV: LOGIN_PASSWORD}
    broken = _run(home, "--db", url, "audit", "verify", script=DB_ERROR_SCRIPT, PLACEMENT_DB_PASSPHRASE=CANARY_PASSPHRASE,
                  **login)
    assert broken.returncode == 70 and "IntegrityError" in broken.stderr, broken.stdout + broken.stderr
    assert "IntegrityError" in _logs(home)  # it was logged: a leak would be visible here
    _assert_clean(home, broken)


def test_invalid_session_file_with_secret_labels_leaks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    session = json.loads((ROOT / "tests/placement/sessions/valid/labels_and_notes.json").read_text(encoding="utf-8"))
    session["networks"][0]["label"] = CANARY_NETWORK
    session["networks"][0]["notes"] = CANARY_ADDRESS
    session["networks"][0]["locations"][0]["label"] = CANARY_PLACE
    session["networks"][0]["locations"][0]["lat"] = 123.0  # out of range
    session["families"][0]["label"] = CANARY_ADDRESS
    session["families"][0]["free_places"] = "two"  # wrong type
    session["children"][0]["safty_km"] = 3  # unknown key
    file = tmp_path / "session.json"
    file.write_text(json.dumps(session), encoding="utf-8")

    assert main(["validate", str(file)]) == 2
    assert main(["solve", str(file), "-o", str(tmp_path / "proposal.json")]) == 2
    out = capsys.readouterr()
    assert "safty_km" in out.err  # the problems are reported, just not the secrets
    assert not (tmp_path / "proposal.json").exists()
    shown = out.out + out.err + caplog.text
    assert [c for c in CANARIES if c in shown] == []
