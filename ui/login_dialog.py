"""The login dialog, which is also the first-start and the unlock dialog.

- On a new database (no administrator yet) it asks for the first
  administrator account instead of a login.
- Normally it asks for user name and password.
- Given ``locked_actor`` (the idle lock struck) it asks only for that user's
  password; another user must close the app and log in anew, so the screen
  of one user is never unlocked into the session of another.

Checking a password costs argon2's deliberate tens of milliseconds, so it runs
off the GUI thread; the dialog accepts with :attr:`actor` set.

Before that, an encrypted SQLite database needs its passphrase:
:class:`PassphraseDialog` asks for it (twice for a new database), derives the
key off the GUI thread and checks that it opens the file; the app then opens
``Database(url, key=dialog.key)``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from placement.actor import Actor
from placement.services import users
from placement.storage import encryption
from placement.storage.database import Database
from ui.context import error_text
from ui.jobs import run_job


class LoginDialog(QDialog):
    authenticated = Signal(object)
    """Emitted with the logged-in :class:`Actor` just before the dialog accepts."""

    def __init__(
        self, database: Database, parent: QWidget | None = None, *, locked_actor: Actor | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.locked_actor = locked_actor
        self.actor: Actor | None = None
        # On a server the first administrator is made by the database's owner
        # (README, office installation); nobody can connect before that.
        self.first_start = False
        if locked_actor is None and not database.is_server:
            with database.session() as s:
                self.first_start = users.needs_first_admin(s)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        if self.first_start:
            form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        if self.first_start:
            form.addRow(self.tr("Password (again)"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        if self.first_start:
            self.setWindowTitle(self.tr("Create the administrator"))
            self.intro.setText(
                self.tr(
                    "This database has no users yet. Create the administrator account; "
                    "the administrator then adds the other users."
                )
            )
        elif locked_actor is not None:
            self.setWindowTitle(self.tr("Locked"))
            self.intro.setText(
                self.tr("The screen was locked because it was not used for a while. "
                        "Enter your password to continue.")
            )
            self.username.setText(locked_actor.username)
            self.username.setReadOnly(True)
        else:
            self.setWindowTitle(self.tr("Log in"))
            self.intro.setText(self.tr("Log in to the placement planner."))
        (self.password if locked_actor is not None else self.username).setFocus()

    @property
    def busy(self) -> bool:
        return not self.buttons.isEnabled()

    def submit(self) -> None:
        if self.busy:
            return
        username, password = self.username.text(), self.password.text()
        if self.first_start and password != self.repeat.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        display_name = self.display_name.text()
        database, first_start = self.database, self.first_start

        def task(_state: object) -> Actor:
            if not first_start:
                return users.log_in(database, username, password)
            with database.session() as s, s.begin():
                return users.create_first_admin(s, username, display_name, password)

        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        run_job(task, on_finished=self._done, on_failed=self._failed)

    def _done(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        if self.locked_actor is not None and actor.user_id != self.locked_actor.user_id:
            self._failed(users.LoginFailed(users.LOGIN_FAILED_MESSAGE))
            return
        self.actor = actor
        self.password.clear()
        self.repeat.clear()
        self.message.clear()
        self.authenticated.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.repeat.clear()
        if isinstance(exc, users.LoginFailed) and self.database.is_server:
            self.message.setText(self.tr("Wrong user name or password."))
        elif isinstance(exc, users.LoginFailed):
            self.message.setText(
                self.tr(
                    "Wrong user name or password. After %1 failed attempts this workstation waits "
                    "longer before each new try, at most %2 minutes."
                )
                .replace("%1", str(users.FREE_FAILED_LOGINS))
                .replace("%2", str(users.MAX_LOGIN_DELAY_S // 60))
            )
        else:  # a too short password for the first administrator, a database error
            self.message.setText(error_text(exc))
        self.password.setFocus()


class PassphraseDialog(QDialog):
    """Asks for the database passphrase; accepts with :attr:`key` set. With
    ``new=True`` (a database about to be created) it asks twice and makes the
    salt file; the caller then creates the database with that key."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.new = new
        self.key: bytes | None = None
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(
            self.tr(
                "The new database will be encrypted. Choose its passphrase (at least %1 characters) "
                "and keep it safe: without it nobody, not even the administrator, can open the data."
            ).replace("%1", str(encryption.MIN_PASSPHRASE_LENGTH))
            if new
            else self.tr("The database is encrypted. Enter its passphrase.")
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if new:
            form.addRow(self.tr("Passphrase (again)"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Database passphrase"))

    @property
    def busy(self) -> bool:
        return not self.buttons.isEnabled()

    def submit(self) -> None:
        if self.busy:
            return
        passphrase = self.passphrase.text()
        if self.new and passphrase != self.repeat.text():
            self.message.setText(self.tr("The two passphrases differ."))
            return
        path, new = self.db_path, self.new

        def task(_state: object) -> bytes:
            if new:
                return encryption.key_for(path, passphrase, new=True)
            key = encryption.key_for(path, passphrase)
            encryption.check_key(path, key)
            return key

        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        run_job(task, on_finished=self._done, on_failed=self._failed)

    def _done(self, key: bytes) -> None:
        self.buttons.setEnabled(True)
        self.key = key
        self.passphrase.clear()
        self.repeat.clear()
        self.message.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.passphrase.clear()
        self.repeat.clear()
        if isinstance(exc, encryption.WrongPassphrase):
            self.message.setText(self.tr("Wrong passphrase."))
        else:
            self.message.setText(error_text(exc))
        self.passphrase.setFocus()
