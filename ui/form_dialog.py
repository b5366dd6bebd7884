"""The common shape of the add/edit forms.

A form collects its widgets into the service's input dataclass, asks the
service's ``validate_*`` function, and shows each :class:`Problem` beside the
field whose name it carries (in room kept free for it, so the dialog neither
grows nor clips). Saving runs in the background in one transaction; closing
with unsaved edits asks first.

For the keyboard: the form opens with the focus in its first field, Tab goes
through the fields in the order they are shown and then to Save and Cancel,
and Enter saves only when the form is valid (otherwise the errors appear and
the focus moves to the first wrong field).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from catalogue import codes, typed
from catalogue.validation_sentences import FieldError
from placement.errors import InputError, Problem
from ui.context import AppContext, Changes, show_error
from ui.i18n import code_name, code_names
from ui.problem_text import problem_line, problem_message

ERROR_STYLE = "color: #b00020;"
ERROR_WIDTH = 230
"""Room beside every field for its error message (kept when there is none)."""


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


def code_check_list(code_list: codes.CodeList, checked: Iterable[str] = ()) -> QListWidget:
    """The codes of a list with check boxes, shown by their names in the app's language."""
    return check_list(code_list.values, checked, [code_name(code_list, code) for code in code_list.values])


class CodeComboBox(QComboBox):
    """A choice of one code, shown by its name; typing picks a code by any word
    the catalogue knows for it (``v``, ``jongens``, ``basisschool``, ``vso``),
    besides the usual search by the start of a name."""

    def __init__(self, code_list: codes.CodeList, none: str | None = None) -> None:
        super().__init__()
        self.code_list = code_list
        if none is not None:
            self.addItem(none, None)
        for code in code_list.values:
            self.addItem(code_name(code_list, code), code)
        self._typed = ""
        self._typed_at = 0.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isprintable() and text.strip() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            now = time.monotonic()
            if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
                self._typed = ""
            self._typed, self._typed_at = self._typed + text, now
            meant = codes.read_code(self.code_list, self._typed)
            if meant is not None:
                self.setCurrentIndex(self.findData(meant))
                event.accept()
                return
        super().keyPressEvent(event)


def checked_values(widget: QListWidget) -> list[str]:
    return [
        widget.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(widget.count())
        if widget.item(n).checkState() == Qt.CheckState.Checked
    ]


def languages_text(languages: Iterable[str]) -> str:
    """Language codes as a person reads them in a field: their names, comma-separated."""
    return code_names(codes.LANGUAGES, languages)


def typed_languages(text: str, name: str) -> tuple[list[str], Problem | None]:
    """The language codes for what was typed in field ``name`` (names or codes,
    any case: ``Nederlands, ar``), and the problem when a word is no language
    (the words are then returned as typed)."""
    words = typed.split(text)
    try:
        return typed.languages(words), None
    except FieldError as exc:
        return words, Problem.of(name, exc.complaint)


def optional_number(text: str, name: str) -> float | None:
    """An optional number typed by the user (a Dutch comma is fine); empty is ``None``."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError([Problem(name, QCoreApplication.translate("FormDialog", "is not a number"))]) from None


def _focusable(widget: QWidget) -> list[QWidget]:
    """The widget, or when it is only a container, the children Tab stops at."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return [widget]
    return [
        child
        for child in widget.findChildren(QWidget)
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(child.parentWidget(), QAbstractSpinBox)
        and child.parentWidget() is not None and not isinstance(child.parentWidget(), QAbstractItemView)
    ]


class FormDialog(QDialog):
    """Subclasses add fields with :meth:`add_field` and implement ``collect``,
    ``validate`` and ``save`` (``save(session, actor, data)`` runs in a worker)."""

    changes = Changes()

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(520 + ERROR_WIDTH)
        self.dirty = False
        self.saving = False
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self.typed_problems: list[Problem] = []
        """What ``collect`` could not read (a date, a language), shown in place of
        the service's problem for the same field."""
        self._tab_order_set = False
        self.general_error = self._error_label()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))
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
        """A labelled field, an optional note under it (e.g. the resolved place), and
        its error message beside it."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        if extra is not None:
            column.addWidget(extra)
        row.addLayout(column, 1)
        error = self._error_label()
        error.setObjectName(f"error_{name}")
        error.setFixedWidth(ERROR_WIDTH)
        error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # showing an error does not move or resize anything
        error.setSizePolicy(policy)
        row.addWidget(error, 0, Qt.AlignmentFlag.AlignTop)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self._errors[name] = error
        self._fields[name] = widget
        widget.setObjectName(name)
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # Tab moves on; the field keeps its Enter
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

    def showEvent(self, event: QShowEvent) -> None:
        if not self._tab_order_set:
            self._tab_order_set = True
            chain = [w for field in self._fields.values() for w in _focusable(field)]
            chain += list(self.buttons.buttons())
            for before, after in zip(chain, chain[1:], strict=False):
                QWidget.setTabOrder(before, after)
            for button in self.buttons.buttons():
                if isinstance(button, QPushButton):
                    button.setAutoDefault(False)  # Enter in a field saves (below), Space on a
                    # focused button presses that button only
            if chain:
                chain[0].setFocus(Qt.FocusReason.OtherFocusReason)
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves when the form is valid (try_save shows the problems otherwise);
        a multi-line field keeps its Enter for a new line."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QPlainTextEdit
        ):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused is not self.buttons.button(
                QDialogButtonBox.StandardButton.Save
            ):
                focused.click()
            else:
                self.try_save()
            event.accept()
            return
        super().keyPressEvent(event)

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
                by_field.setdefault(p.where, []).append(problem_message(p))
            else:
                general.append(problem_line(p))
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

    def problems_for(self, data: Any) -> list[Problem]:
        """The service's problems, with what ``collect`` could not read in place
        of the service's problem for that field."""
        own = {p.where: p for p in self.typed_problems}
        return [*own.values(), *(p for p in self.validate(data) if p.where not in own)]

    # --- saving and closing -----------------------------------------------------------

    def try_save(self) -> None:
        if self.saving:
            return
        try:
            data = self.collect()
        except InputError as exc:
            self.show_problems(exc.problems)
            return
        problems = self.problems_for(data)
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
