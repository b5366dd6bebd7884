"""The administrator's screen: the list of users, adding a user, resetting a
password, disabling an account. Every action goes through
``placement.services.users``, which checks that the actor is an administrator
and writes the audit trail; this page only collects input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from catalogue import codes
from placement.actor import Actor
from placement.services import users
from placement.storage.database import Database
from placement.storage.models import Role
from ui.context import error_text
from ui.i18n import code_name
from ui.jobs import run_job
from ui.table_model import ROW_ROLE, Column, RowTableModel


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class AdminUsersPage(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None, *, actor: Actor) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.busy = False
        self.model = RowTableModel(
            [
                Column(self.tr("User name"), lambda r: r.username),
                Column(self.tr("Name"), lambda r: r.display_name),
                Column(self.tr("Role"), lambda r: code_name(codes.ROLES, r.role)),
                Column(self.tr("Active"), lambda r: r.active),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.new_username = QLineEdit()
        self.new_name = QLineEdit()
        self.new_role = QComboBox()
        for role in Role:
            self.new_role.addItem(code_name(codes.ROLES, role), role)
        self.new_password = _password_field()
        self.new_repeat = _password_field()
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.clicked.connect(self.add_user)
        add_box = QGroupBox(self.tr("New user"))
        add_form = QFormLayout(add_box)
        add_form.addRow(self.tr("User name"), self.new_username)
        add_form.addRow(self.tr("Full name"), self.new_name)
        add_form.addRow(self.tr("Role"), self.new_role)
        add_form.addRow(self.tr("Password"), self.new_password)
        add_form.addRow(self.tr("Password (again)"), self.new_repeat)
        add_form.addRow(self.add_button)

        self.reset_password = _password_field()
        self.reset_repeat = _password_field()
        self.reset_button = QPushButton(self.tr("Set new password"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.active_box = QCheckBox(self.tr("Account active"))
        self.active_box.clicked.connect(self.set_selected_active)
        selected_box = QGroupBox(self.tr("Selected user"))
        selected_form = QFormLayout(selected_box)
        selected_form.addRow(self.tr("New password"), self.reset_password)
        selected_form.addRow(self.tr("New password (again)"), self.reset_repeat)
        selected_form.addRow(self.reset_button)
        selected_form.addRow(self.active_box)

        self.message = QLabel()
        self.message.setWordWrap(True)
        sides = QHBoxLayout()
        sides.addWidget(add_box)
        sides.addWidget(selected_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(sides)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.reload()

    def selected(self) -> users.UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        row = self.selected()
        for widget in (self.reset_password, self.reset_repeat, self.reset_button, self.active_box):
            widget.setEnabled(row is not None)
        self.active_box.setChecked(bool(row and row.active))

    def _field_labels(self) -> dict[str, str]:
        """The users service's field names as this page labels them."""
        return {
            "username": self.tr("User name"),
            "display_name": self.tr("Full name"),
            "role": self.tr("Role"),
            "password": self.tr("Password"),
        }

    def _one_workstation_warning(self) -> str:
        return self.tr(
            "This database is one encrypted file on this workstation. Whoever knows its "
            "passphrase can read everything in it, whatever their role: roles here help one "
            "person or a demo, they do not separate duties. An office where several people "
            "with different roles work uses the office server (PostgreSQL); see the README."
        )

    def _run(self, task: Callable[[Session, Actor], Any], done_text: str, on_done: Callable[[Any], None] = lambda _result: None) -> None:
        database, actor = self.database, self.actor

        def job(_state: object) -> Any:
            with database.session() as s, s.begin():
                return task(s, actor)

        def finished(result: object) -> None:
            self.busy = False
            self.message.setText(done_text)
            on_done(result)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.message.setText(error_text(exc, self._field_labels()))

        self.busy = True
        run_job(job, on_finished=finished, on_failed=failed)

    def reload(self) -> None:
        database, actor = self.database, self.actor

        def job(_state: object) -> list[users.UserRow]:
            with database.session() as s, s.begin():
                return list(users.list_users(s, actor))

        def finished(rows: list[users.UserRow]) -> None:
            selected = self.selected()
            self.model.set_rows(rows)
            if selected is not None:
                for number, row in enumerate(rows):
                    if row.id == selected.id:
                        self.table.selectRow(number)
            self._selection_changed()

        run_job(job, on_finished=finished, on_failed=lambda exc: self.message.setText(error_text(exc)))

    def add_user(self) -> None:
        if self.new_password.text() != self.new_repeat.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        username, name = self.new_username.text(), self.new_name.text()
        role, password = self.new_role.currentData(), self.new_password.text()

        def clear() -> None:
            for field in (self.new_username, self.new_name, self.new_password, self.new_repeat):
                field.clear()

        def task(s: Session, a: Actor) -> bool:
            users.add_user(s, a, username, name, role, password)
            return users.warn_once_about_roles_on_one_workstation(s)

        def done(warn: bool) -> None:
            clear()
            if warn:
                QMessageBox.information(self, self.tr("One workstation"), self._one_workstation_warning())

        self._run(task, self.tr("User %1 added.").replace("%1", username), done)

    def reset_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.reset_password.text() != self.reset_repeat.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        password = self.reset_password.text()

        def clear() -> None:
            self.reset_password.clear()
            self.reset_repeat.clear()

        self._run(
            lambda s, a: users.reset_password(s, a, row.username, password),
            self.tr("New password set for %1.").replace("%1", row.username),
            lambda _result: clear(),
        )

    def set_selected_active(self, active: bool) -> None:
        row = self.selected()
        if row is None:
            return
        text = self.tr("%1 can log in.") if active else self.tr("%1 can no longer log in.")
        self._run(
            lambda s, a: users.set_active(s, a, row.username, active),
            text.replace("%1", row.username),
        )
