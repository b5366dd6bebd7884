"""Backups: encrypted like the database, restored only when they open, pass
the integrity check and carry an intact audit trail; plus the audit and user
commands that an administrator runs next to them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.services.placements import accept_placements
from placement.storage import encryption, migrate
from placement.storage.database import Database, sqlite_url
from placement.storage.models import AuditEntry, AuditHead, Placement, Role
from tests.placement.cli_login import login
from tests.placement.security_factories import (
    CANARY_ADDRESS,
    TODAY,
    add_child,
    add_family,
    add_user,
)

PASSPHRASE = "backup-passphrase-Qq19-mango"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Key derivation at its cheapest (the real cost is a deployment setting,
    not what these tests check; see test_security_encryption)."""
    monkeypatch.setattr(encryption, "_KDF", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    path = tmp_path / "live" / "placement.sqlite"
    path.parent.mkdir()
    key = encryption.key_for(path, PASSPHRASE, new=True)
    url = sqlite_url(path)
    migrate.upgrade(url, key=key)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    # The audit and user commands log in as this administrator (PLACEMENT_USER, PLACEMENT_PASSWORD).
    login(monkeypatch, url, Role.ADMINISTRATOR)
    monkeypatch.setenv(USER_ENV, "cli-administrator")
    return url, path


def _place_one(url: str) -> int:
    db = Database(url)
    with db.session() as s, s.begin():
        officer = add_user(s, f"officer{s.scalar(select(func.count(Placement.id)))}", Role.OFFICER)
        family, child = add_family(s, places=1, address=CANARY_ADDRESS), add_child(s)
        accept_placements(s, officer, [(child.id, family.id, None)], on_date=TODAY)
    with db.session() as s:
        count = s.scalar(select(func.count(Placement.id))) or 0
    db.dispose()
    return count


def test_backup_and_restore_round_trip(encrypted: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = encrypted
    assert _place_one(url) == 1
    target = tmp_path / "backup.sqlite"
    assert main(["--db", url, "db", "backup", str(target)]) == 0
    assert "encrypted backup written" in capsys.readouterr().out
    assert encryption.is_encrypted(target) and encryption.salt_path(target).exists()
    assert target.stat().st_mode & 0o077 == 0  # not readable by other users
    assert CANARY_ADDRESS.encode() not in target.read_bytes()

    assert _place_one(url) == 2  # work after the backup ...
    capsys.readouterr()
    # ... would take its audit rows with it: refused, unless the loss is accepted and written down
    assert main(["--db", url, "db", "restore", str(target)]) == 2
    assert "its audit trail ends before the database's: restoring it would drop 2 audit rows" in capsys.readouterr().err
    lost = tmp_path / "verloren-auditregels.csv"
    assert main(["--db", url, "db", "restore", str(target), "--accept-audit-loss", str(lost)]) == 0
    assert "audit trail intact" in capsys.readouterr().out
    lost_rows = lost.read_text(encoding="utf-8").splitlines()
    assert lost_rows[0].startswith("id,at,user_id,username,role,action,object_type,object_id")
    assert [row.split(",")[5] for row in lost_rows[1:]] == ["create", "change"]  # the second placement
    assert CANARY_ADDRESS not in lost.read_text(encoding="utf-8")
    db = Database(url)
    with db.session() as s:
        assert s.scalar(select(func.count(Placement.id))) == 1
        last = s.execute(select(AuditEntry.action, AuditEntry.object_id).order_by(AuditEntry.id)).all()
    db.dispose()
    assert last[-2:] == [("export", None), ("import", "dropped 2 audit rows")]  # the backup, the restore
    assert main(["--db", url, "audit", "verify"]) == 0


def test_a_plain_file_in_place_of_the_encrypted_database_is_refused(
    encrypted: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, path = encrypted
    plain = tmp_path / "plain.sqlite"
    with monkeypatch.context() as unencrypted:
        unencrypted.delenv(encryption.PASSPHRASE_ENV)
        migrate.upgrade(sqlite_url(plain))
    capsys.readouterr()
    assert main(["--db", url, "db", "restore", str(plain)]) == 2  # as a backup ...
    assert capsys.readouterr().err == f"{plain}: is not encrypted: it cannot replace an encrypted database\n"
    path.write_bytes(plain.read_bytes())  # ... or copied over the file
    assert main(["--db", url, "audit", "verify"]) == 2
    assert "placement.sqlite is not encrypted, but its key file placement.sqlite.salt says it was" in capsys.readouterr().err


def test_downgrade_needs_an_administrator_stops_at_the_audit_trail_and_is_audited(
    encrypted: tuple[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = encrypted
    assert main(["--db", url, "db", "downgrade", "0007"]) == 2
    floor = migrate.AUDIT_REVISION
    assert capsys.readouterr().err == f"revision: refusing to go below {floor}: that would delete the audit trail\n"
    assert main(["--db", url, "db", "downgrade", "base"]) == 2
    monkeypatch.delenv(USER_ENV)
    assert main(["--db", url, "db", "downgrade", floor]) == 2  # no login
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv(USER_ENV, "cli-administrator")
    assert main(["--db", url, "db", "downgrade", floor]) == 0
    assert migrate.current_revision(url) == floor
    db = Database(url)
    with db.session() as s:
        last = s.execute(select(AuditEntry.username, AuditEntry.object_id).order_by(AuditEntry.id.desc())).first()
    db.dispose()
    assert tuple(last) == ("cli-administrator", f"downgrade to {floor}")


def test_a_checkpoint_notices_a_cut_tail_that_the_chain_alone_cannot(
    encrypted: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = encrypted
    _place_one(url)
    capsys.readouterr()
    assert main(["--db", url, "audit", "checkpoint"]) == 0
    mark = capsys.readouterr().out.strip()
    count = int(mark.split(":")[0])
    assert main(["--db", url, "audit", "verify", "--checkpoint", mark]) == 0
    db = Database(url)  # cut the newest rows and set the head back, as a careful tamperer would
    with db.session() as s, s.begin():
        keep = count - 2
        head_hash = s.execute(select(AuditEntry.hash).where(AuditEntry.id == keep)).scalar_one()
        s.execute(delete(AuditEntry).where(AuditEntry.id > keep))
        s.execute(update(AuditHead).values(last_id=keep, last_hash=head_hash))
    db.dispose()
    capsys.readouterr()
    assert main(["--db", url, "audit", "verify"]) == 0  # the chain alone looks whole
    capsys.readouterr()
    assert main(["--db", url, "audit", "verify", "--checkpoint", mark]) == 1
    assert f"BROKEN at row {count}: rows up to the checkpoint's row {count} were removed or changed" in (
        capsys.readouterr().err
    )


def test_restore_into_a_new_place(encrypted: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = encrypted
    _place_one(url)
    target = tmp_path / "backup.sqlite"
    assert main(["--db", url, "db", "backup", str(target)]) == 0
    fresh = tmp_path / "elsewhere.sqlite"
    assert main(["--db", sqlite_url(fresh), "db", "restore", str(target)]) == 0
    assert encryption.is_encrypted(fresh)
    assert main(["--db", sqlite_url(fresh), "audit", "verify"]) == 0


def test_tampered_backup_is_refused(encrypted: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = encrypted
    _place_one(url)
    target = tmp_path / "backup.sqlite"
    assert main(["--db", url, "db", "backup", str(target)]) == 0
    _place_one(url)
    copy = Database(sqlite_url(target))
    with copy.session() as s, s.begin():
        s.execute(update(AuditEntry).where(AuditEntry.id == 2).values(username="someone-else"))
    copy.dispose()
    capsys.readouterr()
    assert main(["--db", url, "db", "restore", str(target)]) == 2
    assert "audit trail is broken: row 2 was changed" in capsys.readouterr().err
    assert _place_one(url) == 3  # the live database was left alone


def test_restore_with_the_wrong_passphrase_is_refused(
    encrypted: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = encrypted
    target = tmp_path / "backup.sqlite"
    assert main(["--db", url, "db", "backup", str(target)]) == 0
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "a-wrong-passphrase-9")
    assert main(["--db", url, "db", "restore", str(target)]) == 4
    err = capsys.readouterr().err
    assert "wrong database passphrase" in err and "a-wrong-passphrase-9" not in err


def test_audit_commands(encrypted: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    url, path = encrypted
    _place_one(url)
    db = Database(url)
    with db.session() as s:
        child_id = s.execute(select(Placement.child_id)).scalar_one()
    db.dispose()
    capsys.readouterr()
    assert main(["--db", url, "audit", "child", str(child_id), "--from", "2000-01-01", "--to", "2999-12-31"]) == 0
    out = capsys.readouterr().out
    assert "officer0" in out and "change" in out and CANARY_ADDRESS not in out
    assert main(["--db", url, "audit", "child", str(child_id), "--to", "2000-01-01"]) == 0
    assert "officer0" not in capsys.readouterr().out
    assert main(["--db", url, "audit", "child", str(child_id), "--from", "2001-01-01", "--to", "2000-01-01"]) == 2

    assert main(["--db", url, "audit", "verify"]) == 0
    assert "audit trail intact" in capsys.readouterr().out
    db = Database(url)
    with db.session() as s, s.begin():
        s.execute(update(AuditEntry).where(AuditEntry.id == 1).values(object_id="999"))
    db.dispose()
    assert main(["--db", url, "audit", "verify"]) == 1
    assert "BROKEN at row 1" in capsys.readouterr().err


def test_user_commands(encrypted: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = encrypted
    monkeypatch.setattr("sys.stdin", io.StringIO("officer password 7\n"))
    assert main(["--db", url, "user", "add", "jan", "--role", "officer", "--name", "Jan"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["--db", url, "user", "add", "piet", "--role", "officer"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("another password 8\n"))
    assert main(["--db", url, "user", "reset-password", "jan"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "jan" in out and "officer" in out and "piet" not in out and "password" not in out
    from placement.services.users import authenticate

    db = Database(url)
    with db.session() as s, s.begin():
        assert authenticate(s, "jan", "another password 8").role == Role.OFFICER
    db.dispose()
