"""Encryption at rest: a real database is a SQLCipher file that neither plain
SQLite nor a byte search can read, in the main file or its journals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from placement.cli.main import main
from placement.storage import encryption, migrate
from placement.storage.database import Database, sqlite_url
from placement.storage.models import FosterFamily, Network
from tests.placement.security_factories import CANARY_ADDRESS, add_family

PASSPHRASE = "canary-passphrase-Zx81-kiwi"
CANARY_NETWORK = "CANARY-NETWORK-Hoog-Catharijne"
REAL_KDF = dict(encryption._KDF)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Key derivation at its cheapest (the real cost is a deployment setting,
    not what these tests check); the last test checks the real one."""
    monkeypatch.setattr(encryption, "_KDF", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})


def _files(path: Path) -> list[Path]:
    return [p for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-journal"))) if p.exists()]


def _leaks(path: Path, *needles: str) -> list[str]:
    found = []
    for file in _files(path):
        data = file.read_bytes()
        for needle in needles:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if needle.encode(encoding) in data:
                    found.append(f"{needle} in {file.name}")
    return found


def _new_encrypted(path: Path) -> tuple[str, bytes]:
    key = encryption.key_for(path, PASSPHRASE, new=True)
    url = sqlite_url(path)
    migrate.upgrade(url, key=key)
    return url, key


def _plant(db: Database) -> None:
    with db.session() as s, s.begin():
        add_family(s, address=CANARY_ADDRESS)
        s.add(Network(label=CANARY_NETWORK))


def test_new_database_is_unreadable_without_the_key(tmp_path: Path) -> None:
    path = tmp_path / "placement.sqlite"
    url, key = _new_encrypted(path)
    db = Database(url, key=key)
    _plant(db)
    # While the app is running (WAL not yet checkpointed) ...
    assert path.with_name(path.name + "-wal").exists()
    assert _leaks(path, CANARY_ADDRESS, CANARY_NETWORK) == []
    with db.session() as s:
        assert s.execute(select(FosterFamily.address)).scalar_one() == CANARY_ADDRESS
    db.dispose()
    # ... and after it closed.
    assert _leaks(path, CANARY_ADDRESS, CANARY_NETWORK) == []
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert encryption.is_encrypted(path)


def test_wrong_passphrase_is_refused_without_repeating_it(tmp_path: Path) -> None:
    path = tmp_path / "placement.sqlite"
    _new_encrypted(path)
    wrong = encryption.key_for(path, "not-the-passphrase-at-all")
    with pytest.raises(encryption.WrongPassphrase) as refused:
        encryption.check_key(path, wrong)
    assert "not-the-passphrase" not in str(refused.value)


def test_sqlcipher_connections_get_the_usual_pragmas_and_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "placement.sqlite"
    url, key = _new_encrypted(path)
    db = Database(url, key=key)
    with db.session() as s, s.begin():
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        # The transaction holds the write lock from its first statement (BEGIN IMMEDIATE).
        other = encryption.connect(path, key)
        other.execute("PRAGMA busy_timeout=0")
        with pytest.raises(Exception, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    db.dispose()


def test_key_pragma_accepts_only_raw_keys() -> None:
    assert encryption.key_pragma(bytes(range(32))) == f"PRAGMA key = \"x'{bytes(range(32)).hex()}'\""
    for bad in (b"short", "x'00'; DROP TABLE users; --", bytes(33)):
        with pytest.raises(ValueError):
            encryption.key_pragma(bad)  # type: ignore[arg-type]


def test_passphrase_from_environment_opens_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "placement.sqlite"
    url, _ = _new_encrypted(path)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    db = Database(url)
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM families")).scalar() == 0
    db.dispose()


def test_new_database_with_a_configured_passphrase_is_created_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.sqlite"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["--db", sqlite_url(path), "db", "upgrade"]) == 0
    assert encryption.is_encrypted(path) and encryption.salt_path(path).exists()
    db = Database(sqlite_url(path))
    _plant(db)
    db.dispose()
    assert _leaks(path, CANARY_ADDRESS, CANARY_NETWORK) == []


def test_db_encrypt_converts_a_plain_database(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = encryption.sqlite_path(sqlite_url)
    assert path is not None
    plain = Database(sqlite_url)
    _plant(plain)
    plain.dispose()
    assert _leaks(path, CANARY_ADDRESS)  # the plain file does show it: the test can fail
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["--db", sqlite_url, "db", "encrypt"]) == 0
    assert PASSPHRASE not in capsys.readouterr().out
    assert _leaks(path, CANARY_ADDRESS, CANARY_NETWORK) == []
    assert encryption.is_encrypted(path)
    db = Database(sqlite_url)  # key from the environment
    with db.session() as s:
        assert s.execute(select(FosterFamily.address)).scalar_one() == CANARY_ADDRESS
    db.dispose()
    assert migrate.current_revision(sqlite_url, key=encryption.key_for(path, PASSPHRASE)) == migrate.heads()[0]
    assert main(["--db", sqlite_url, "db", "encrypt"]) == 2  # already encrypted


def test_real_key_derivation_is_costly() -> None:
    assert REAL_KDF["memory_cost"] >= 19456 and REAL_KDF["time_cost"] >= 2
