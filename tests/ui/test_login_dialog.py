"""The login dialog (first start, login, unlock) and the administrator's user
page, driven like a user would: typing and clicking."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from placement.services import users
from placement.storage.database import Database
from placement.storage.models import Role
from ui.admin_users_page import AdminUsersPage
from ui.jobs import wait_for_all
from ui.login_dialog import LoginDialog

WAIT_MS = 20_000


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    db = Database(sqlite_url)
    yield db
    wait_for_all()
    db.dispose()


def _ok(qtbot, dialog: LoginDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def _with_admin(database: Database) -> None:
    with database.session() as s, s.begin():
        admin = users.create_first_admin(s, "root", "Beheer", "a long admin password")
        users.add_user(s, admin, "jan", "Jan", Role.OFFICER, "officer password 1")


def test_first_start_creates_the_administrator(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(database, None)
    qtbot.addWidget(dialog)
    assert dialog.first_start and dialog.display_name.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.username, "root")
    qtbot.keyClicks(dialog.password, "a long admin password")
    qtbot.keyClicks(dialog.repeat, "a different password")
    _ok(qtbot, dialog)
    assert dialog.actor is None and dialog.message.text()
    dialog.repeat.clear()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "a long admin password")
    qtbot.keyClicks(dialog.repeat, "a long admin password")
    with qtbot.waitSignal(dialog.authenticated, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert signal.args[0].role == Role.ADMINISTRATOR
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    with database.session() as s:
        assert not users.needs_first_admin(s)


def test_login_wrong_then_right(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    _with_admin(database)
    dialog = LoginDialog(database, None)
    qtbot.addWidget(dialog)
    assert not dialog.first_start and not dialog.repeat.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.username, "jan")
    qtbot.keyClicks(dialog.password, "not my password")
    _ok(qtbot, dialog)
    assert dialog.actor is None
    assert dialog.password.text() == ""  # a wrong password is not left in the field
    assert "5" in dialog.message.text() and "15" in dialog.message.text()
    qtbot.keyClicks(dialog.password, "officer password 1")
    _ok(qtbot, dialog)
    assert dialog.actor is not None and (dialog.actor.username, dialog.actor.role) == ("jan", Role.OFFICER)


def test_unlock_only_for_the_locked_user(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    _with_admin(database)
    with database.session() as s, s.begin():
        jan = users.authenticate(s, "jan", "officer password 1")
    dialog = LoginDialog(database, None, locked_actor=jan)
    qtbot.addWidget(dialog)
    assert dialog.username.isReadOnly() and dialog.username.text() == "jan"
    dialog.username.setText("root")  # even if the field were changed ...
    qtbot.keyClicks(dialog.password, "a long admin password")
    _ok(qtbot, dialog)
    assert dialog.actor is None  # ... another user cannot take over the locked session
    dialog.username.setText("jan")
    qtbot.keyClicks(dialog.password, "officer password 1")
    _ok(qtbot, dialog)
    assert dialog.actor is not None and dialog.actor.user_id == jan.user_id


def test_admin_page_adds_user_and_resets_password(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    _with_admin(database)
    with database.session() as s, s.begin():
        admin = users.authenticate(s, "root", "a long admin password")
    page = AdminUsersPage(database, None, actor=admin)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)

    qtbot.keyClicks(page.new_username, "piet")
    qtbot.keyClicks(page.new_name, "Piet")
    page.new_role.setCurrentIndex(page.new_role.findData(Role.GUARDIAN))
    qtbot.keyClicks(page.new_password, "guardian password 3")
    qtbot.keyClicks(page.new_repeat, "guardian password 3")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT_MS)
    assert page.new_password.text() == ""

    page.table.selectRow(1)  # jan, piet, root (sorted by user name)
    assert page.selected().username == "piet"
    qtbot.keyClicks(page.reset_password, "fresh password 44")
    qtbot.keyClicks(page.reset_repeat, "fresh password 44")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.reset_password.text() == "", timeout=WAIT_MS)
    with database.session() as s, s.begin():
        assert users.authenticate(s, "piet", "fresh password 44").role == Role.GUARDIAN


def test_admin_page_shows_refusal_for_non_admins(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    _with_admin(database)
    with database.session() as s, s.begin():
        jan = users.authenticate(s, "jan", "officer password 1")
    page = AdminUsersPage(database, None, actor=jan)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: bool(page.message.text()), timeout=WAIT_MS)
    assert page.model.rowCount() == 0
    assert "manage user accounts" in page.message.text()


def test_passphrase_dialog_new_then_open(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from placement.storage import encryption, migrate
    from placement.storage.database import sqlite_url
    from ui.login_dialog import PassphraseDialog

    monkeypatch.setattr(encryption, "_KDF", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})
    path = tmp_path / "placement.sqlite"
    new = PassphraseDialog(path, None, new=True)
    qtbot.addWidget(new)
    qtbot.keyClicks(new.passphrase, "short")
    qtbot.keyClicks(new.repeat, "short")
    _ok(qtbot, new)
    assert new.key is None and "12" in new.message.text()
    qtbot.keyClicks(new.passphrase, "a long database passphrase")
    qtbot.keyClicks(new.repeat, "a long database passphrase")
    _ok(qtbot, new)
    assert new.key is not None
    migrate.upgrade(sqlite_url(path), key=new.key)
    assert encryption.is_encrypted(path)

    opening = PassphraseDialog(path, None)
    qtbot.addWidget(opening)
    assert not opening.repeat.isVisibleTo(opening)
    qtbot.keyClicks(opening.passphrase, "the wrong passphrase")
    _ok(qtbot, opening)
    assert opening.key is None and opening.passphrase.text() == ""
    qtbot.keyClicks(opening.passphrase, "a long database passphrase")
    _ok(qtbot, opening)
    assert opening.key == new.key
