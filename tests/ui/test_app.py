"""Starting the app: the first start builds the demo database behind a busy
dialog and stays plain; any other new SQLite file is created encrypted with a
passphrase the user chooses; an existing database is only brought up to date;
no login, no window."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from placement.services import users
from placement.storage import encryption
from placement.storage.database import ENV_VAR, Database, sqlite_url
from placement.storage.models import FosterFamily, Role
from ui import app
from ui.login_dialog import LoginDialog, PassphraseDialog


def family_count(url: str) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.scalar(select(func.count(FosterFamily.id)))
    finally:
        db.dispose()


def test_first_start_creates_the_demo_database(qapp, tmp_path):
    url = sqlite_url(tmp_path / "data" / "placement.sqlite")
    assert app.prepare_database(url, first_start=True)
    assert (tmp_path / "data" / "placement.sqlite").exists()
    assert family_count(url) > 0
    db = Database(url)
    try:
        with db.session() as s, s.begin():
            assert not users.needs_first_admin(s)
            assert users.authenticate(s, "demo-officer", users.DEMO_PASSWORDS["demo-officer"][1]).role == Role.OFFICER
    finally:
        db.dispose()


NEW_PASSPHRASE = "a new passphrase for the test"


def test_a_new_database_is_created_encrypted_without_demo_data_and_cancelled_login_quits(
    qapp, qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(encryption, "_KDF", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    path = tmp_path / "new.sqlite"
    url = sqlite_url(path)
    asked, shown = [], []

    def choose_passphrase(dialog):  # what the user types into the real dialog
        asked.append(dialog)
        dialog.passphrase.setText(NEW_PASSPHRASE)
        dialog.repeat.setText(NEW_PASSPHRASE)
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.busy)
        return QDialog.DialogCode.Accepted if dialog.key else QDialog.DialogCode.Rejected

    monkeypatch.setattr(PassphraseDialog, "exec", choose_passphrase)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app.main(["--db", url]) == 0
    assert len(asked) == 1 and asked[0].new and asked[0].key is not None
    assert len(shown) == 1 and shown[0].first_start  # a new database asks for its administrator
    assert encryption.is_encrypted(path)
    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()
    db = Database(url, key=encryption.key_for(path, NEW_PASSPHRASE))
    try:
        with db.session() as s:
            assert s.scalar(select(func.count(FosterFamily.id))) == 0
    finally:
        db.dispose()


def test_a_cancelled_new_passphrase_creates_nothing(qapp, tmp_path, monkeypatch):
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr(PassphraseDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: pytest.fail("no login without a database"))
    assert app.main(["--db", sqlite_url(tmp_path / "new.sqlite")]) == 0
    assert list(tmp_path.iterdir()) == []


def test_the_first_start_demo_database_stays_plain_and_asks_no_passphrase(qapp, tmp_path, monkeypatch):
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr("placement.storage.database.data_dir", lambda: tmp_path / "data")
    monkeypatch.setattr(PassphraseDialog, "exec", lambda self: pytest.fail("the demo needs no passphrase"))
    shown = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app.main([]) == 0
    path = tmp_path / "data" / "placement.sqlite"
    assert not encryption.is_encrypted(path)
    assert len(shown) == 1 and not shown[0].first_start  # the demo accounts exist
    assert family_count(sqlite_url(path)) > 0
