"""Starting the app: the first start builds the demo database behind a busy
dialog; an explicit database is only brought up to date; no login, no window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from placement.services import users
from placement.storage.database import Database, sqlite_url
from placement.storage.models import FosterFamily, Role
from ui import app
from ui.login_dialog import LoginDialog


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


def test_an_explicit_database_gets_no_demo_data_and_cancelled_login_quits(qapp, tmp_path, monkeypatch):
    url = sqlite_url(tmp_path / "empty.sqlite")
    shown = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: shown.append(self) or QDialog.DialogCode.Rejected)
    assert app.main(["--db", url]) == 0
    assert len(shown) == 1 and shown[0].first_start  # a new database asks for its administrator
    assert family_count(url) == 0
