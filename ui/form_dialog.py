"""The common shape of the add/edit forms.

A form collects its widgets into the service's input dataclass, asks the
service's ``validate_*`` function, and shows each :class:`Problem` under the
field whose name it carries. Saving runs in the background in one
transaction; closing with unsaved edits asks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from placement.errors import InputError, Problem
from ui.context import AppContext, Changes, show_error
from ui.problem_text import problem_text

ERROR_STYLE = "color: #b00020;"


def check_list(
    values: Sequence[str], checked: Iterable[str] = (), labels: Sequence[str] | None = None
) -> QListWidget:
    """A short list of values with check boxes, shown as ``labels`` (default: the values)."""
    widget = QListWidget()
    chosen = set(checked)
    for value, label in zip(values, labels or values, strict=True):
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(min(len(values), 7) * 22 + 6)
    return widget


def checked_values(widget: QListWidget) -> list[str]:
    return [
        widget.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(widget.count())
        if widget.item(n).checkState() == Qt.CheckState.Checked
    ]


def split_codes(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def optional_number(text: str, name: str) -> float | None:
    """An optional number typed by the user (a Dutch comma is fine); empty is ``None``."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError([Problem(name, QCoreApplication.translate("FormDialog", "is not a number"))]) from None


class FormDialog(QDialog):
    """Subclasses add fields with :meth:`add_field` and implement ``collect``,
    ``validate`` and ``save`` (``save(session, actor, data)`` runs in a worker)."""

    changes = Changes()

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.dirty = False
        self.saving = False
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self.general_error = self._error_label()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    # --- building -------------------------------------------------------------

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def add_field(self, name: str, label: str, widget: QWidget, extra: QWidget | None = None) -> QWidget:
        """A labelled field, an optional note beside it (e.g. the resolved place), and
        its error line under it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if extra is not None:
            column.addWidget(extra)
        error = self._error_label()
        error.setObjectName(f"error_{name}")
        column.addWidget(error)
        self.form.addRow(label, box)
        self._errors[name] = error
        self._fields[name] = widget
        widget.setObjectName(name)
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        def mark(*_: Any) -> None:
            self.dirty = True

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(mark)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(mark)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(mark)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(mark)
        elif isinstance(widget, QListWidget | QTableWidget):
            widget.itemChanged.connect(mark)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(mark)
        elif hasattr(widget, "dateChanged"):
            widget.dateChanged.connect(mark)

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def error_for(self, name: str) -> str:
        """The message shown under field ``name`` ('' when none)."""
        label = self._errors.get(name, self.general_error)
        return label.text() if not label.isHidden() else ""

    # --- problems --------------------------------------------------------------

    def show_problems(self, problems: Sequence[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for p in problems:
            if p.where in self._errors:
                by_field.setdefault(p.where, []).append(problem_text(p.message))
            else:
                general.append(f"{p.where}: {problem_text(p.message)}" if p.where else problem_text(p.message))
        for name, label in self._errors.items():
            messages = by_field.get(name)
            label.setText("\n".join(messages) if messages else "")
            label.setVisible(bool(messages))
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        if by_field:
            self._fields[next(iter(by_field))].setFocus()

    # --- subclass hooks ----------------------------------------------------------

    def collect(self) -> Any:
        raise NotImplementedError

    def validate(self, data: Any) -> list[Problem]:
        raise NotImplementedError

    def save(self, session: Any, actor: Any, data: Any) -> Any:
        raise NotImplementedError

    # --- saving and closing -----------------------------------------------------------

    def try_save(self) -> None:
        if self.saving:
            return
        try:
            data = self.collect()
        except InputError as exc:
            self.show_problems(exc.problems)
            return
        problems = self.validate(data)
        self.show_problems(problems)
        if problems:
            return
        self.saving = True
        self.buttons.setEnabled(False)
        self.context.run(
            lambda session, actor, _state: self.save(session, actor, data),
            self._saved,
            on_failed=self._save_failed,
            changes=self.changes,
        )

    def _saved(self, _result: Any) -> None:
        self.saving = False
        self.dirty = False
        self.buttons.setEnabled(True)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(exc, InputError):
            self.show_problems(exc.problems)
        else:
            show_error(self, exc)

    def _may_close(self) -> bool:
        if self.saving:
            return False
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Discard the changes you made?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:  # also reached by the window's close button
        if self._may_close():
            self.dirty = False
            super().reject()
