"""Export one registry to CSV or XLSX, as ``placement export`` does.

The dialog only asks which registry and where; who may export is decided by
:func:`placement.services.exports.export_registry`, which also writes the
audit row. The export runs off the GUI thread in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QWidget,
)
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.importing.headers import Kind
from placement.services.exports import export_registry
from ui import file_names
from ui.context import AppContext, error_text
from ui.file_dialogs import save_file
from ui.i18n import csv_dialect
from ui.jobs import Job, JobState

KINDS: tuple[tuple[Kind, str], ...] = (
    (Kind.FAMILIES, QT_TRANSLATE_NOOP("ExportDialog", "Foster families")),
    (Kind.UNITS, QT_TRANSLATE_NOOP("ExportDialog", "Closed units")),
    (Kind.CHILDREN, QT_TRANSLATE_NOOP("ExportDialog", "Children")),
    (Kind.SCHOOLS, QT_TRANSLATE_NOOP("ExportDialog", "Schools")),
    (Kind.NETWORKS, QT_TRANSLATE_NOOP("ExportDialog", "Networks")),
)

CSV_FILTER = "CSV (*.csv)"
XLSX_FILTER = "Excel (*.xlsx)"


def with_suffix(name: str, chosen_filter: str) -> Path:
    """The file name with the chosen filter's suffix, unless it already ends in .csv or .xlsx."""
    path = Path(name)
    if path.suffix.lower() in {".csv", ".xlsx"}:
        return path
    return path.with_name(path.name + (".xlsx" if chosen_filter == XLSX_FILTER else ".csv"))


class ExportDialog(QDialog):
    exported = Signal(int, str)
    """(rows, file name) after the file was written."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Export"))
        self.kind = QComboBox()
        for kind, label in KINDS:
            self.kind.addItem(self.tr(label), kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Registry:"), self.kind)
        form.addRow(buttons)

    def accept(self) -> None:
        """Ask for the file; cancelling that leaves this dialog open."""
        name, chosen_filter = save_file(
            self, self.context.settings, "export", self.tr("Export to"), file_names.export(),
            f"{CSV_FILTER};;{XLSX_FILTER}"
        )
        if not name:
            return
        path = with_suffix(name, chosen_filter)
        kind: Kind = self.kind.currentData()
        dialect = csv_dialect()

        def task(session: Session, actor: Actor, _state: JobState) -> Any:
            return export_registry(session, actor, kind, path, dialect)

        self.job = self.context.run(
            task, lambda rows: self.exported.emit(rows, str(path)), on_failed=self.show_failure
        )
        super().accept()

    def show_failure(self, exc: BaseException) -> None:
        QMessageBox.warning(self.parentWidget(), self.tr("Export failed"), error_text(exc))
