"""Placement dossiers: choose children and a recipient, save one PDF or a
batch, with progress and a stop button. What each recipient's copy holds is
decided (and checked) by placement.services.dossier; a refused dossier is
explained here by category, never by the value that would have leaked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from catalogue.sentences import leak_name
from placement.services.dossier import printing
from placement.services.dossier.printing import BatchResult, DossierChoice, DossierRefused
from placement.services.dossier.recipients import Recipient
from solver.proposal import CancelToken
from ui import file_names
from ui.context import AppContext, show_error
from ui.explanations import explanation_text
from ui.file_dialogs import choose_folder, save_file
from ui.i18n import current_language
from ui.jobs import Job, JobState, run_job
from ui.table_model import Column, RowFilterProxy, RowTableModel

BATCH_CHUNK = 5
"""Dossiers written per database transaction in a batch."""

RECIPIENTS = (
    (Recipient.GUARDIAN, QT_TRANSLATE_NOOP("DossierPage", "Guardian (complete file)")),
    (Recipient.FOSTER_FAMILY, QT_TRANSLATE_NOOP("DossierPage", "Foster family")),
    (Recipient.SCHOOL, QT_TRANSLATE_NOOP("DossierPage", "School (who may collect the child)")),
    (Recipient.CLOSED_UNIT, QT_TRANSLATE_NOOP("DossierPage", "Closed unit (authorisation, who may not visit)")),
)


def refusal_text(exc: DossierRefused) -> str:
    shown = ", ".join(leak_name(leak, current_language()) for leak in exc.leaks)
    return QCoreApplication.translate(
        "DossierPage", "Not saved: the copy for %1 would show %2. Nothing was written; please report this."
    ).replace("%1", exc.recipient.label).replace("%2", shown)


class DossierPage(QWidget):
    loaded = Signal()
    finished = Signal(object)
    """Emitted with the Path or BatchResult when saving ended (or the refusal)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loading = False
        self._job: Job | None = None
        self._cancel: CancelToken | None = None

        self.model = RowTableModel([
            Column(self.tr("Id"), lambda r: f"C{r.id}"),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Age"), lambda r: r.age, numeric=True),
            Column(self.tr("Placed since"), lambda r: r.placed_since),
        ], self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.recipient = QComboBox()
        for recipient, label in RECIPIENTS:
            self.recipient.addItem(self.tr(label), recipient)
        self.save_button = QPushButton(self.tr("&Save dossier…"))
        self.save_button.clicked.connect(self._ask_save_one)
        self.batch_button = QPushButton(self.tr("Save dossiers of the se&lection…"))
        self.batch_button.clicked.connect(self._ask_save_batch)
        self.stop_button = QPushButton(self.tr("S&top"))
        self.stop_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(240)
        self.status = QLabel(self.tr(
            "What a copy shows depends on its recipient. Every printed dossier is recorded in the audit trail."))
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        title = self.tr("Placement dossiers")
        top.addWidget(QLabel(f"<h2>{title}</h2>"))
        top.addStretch(1)
        top.addWidget(self.search, 1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("For:")))
        actions.addWidget(self.recipient)
        actions.addWidget(self.save_button)
        actions.addWidget(self.batch_button)
        actions.addStretch(1)
        actions.addWidget(self.progress)
        actions.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._set_busy(False)

    # --- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        if self._busy():
            return
        self._set_busy(True, progress=False)
        self._job = self.context.run(lambda s, actor, _state: printing.printable_children(s, actor),
                                     self._show, on_failed=self._failed, error_parent=self)

    def _show(self, rows: list[DossierChoice]) -> None:
        self.model.set_rows(rows)
        self._set_busy(False)
        self.loaded.emit()

    # --- saving ------------------------------------------------------------------------

    def selected(self) -> list[DossierChoice]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.proxy.row_at(r) for r in sorted(rows)]

    def chosen_recipient(self) -> Recipient:
        return Recipient(self.recipient.currentData())

    def _ask_save_one(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        suggestion = file_names.dossier(chosen[0].id, self.chosen_recipient())
        path, _ = save_file(self, self.context.settings, "dossier", self.tr("Save dossier"), suggestion,
                            self.tr("PDF files (*.pdf)"))
        if path:
            self.save_one(chosen[0].id, Path(path))

    def _ask_save_batch(self) -> None:
        folder = choose_folder(self, self.context.settings, "dossier", self.tr("Folder for the dossiers"))
        if folder:
            self.save_batch([c.id for c in self.selected()], Path(folder))

    def save_one(self, child_id: int, path: Path) -> None:
        recipient = self.chosen_recipient()
        self._set_busy(True, progress=False)

        def task(session, actor, _state):  # type: ignore[no-untyped-def]
            return printing.write_dossier(session, actor, child_id, recipient, path)

        def done(written: Path) -> None:
            self._set_busy(False)
            self.status.setText(self.tr("Saved: %1").replace("%1", written.name))
            self.finished.emit(written)

        self._job = self.context.run(task, done, on_failed=self._failed, error_parent=self)

    def save_batch(self, child_ids: list[int], folder: Path) -> None:
        if not child_ids:
            return
        recipient = self.chosen_recipient()
        token = self._cancel = CancelToken()
        self._set_busy(True, progress=True)
        self.progress.setRange(0, len(child_ids))
        self.progress.setValue(0)

        db, actor = self.context.db, self.context.actor
        names = {child_id: file_names.dossier(child_id, recipient) for child_id in child_ids}  # in this language

        def task(state: JobState) -> BatchResult:
            # One short transaction per few dossiers: on SQLite every
            # transaction holds the write lock, and a long batch must not
            # keep other officers waiting.
            written: list[Path] = []
            refused: list[tuple[int, str]] = []
            for start in range(0, len(child_ids), BATCH_CHUNK):
                chunk = child_ids[start:start + BATCH_CHUNK]

                def report(done: int, _total: int, offset: int = start) -> None:
                    state.set_progress(offset + done, len(child_ids))
                    if state.stopped:
                        token.cancel()

                with db.session() as session, session.begin():
                    part = printing.write_dossiers(session, actor, chunk, recipient, folder, progress=report,
                                                   cancel=token, file_name=lambda child, _r: names[child])
                written += part.written
                refused += part.refused
                if part.cancelled:
                    return BatchResult(tuple(written), tuple(refused), cancelled=True)
            return BatchResult(tuple(written), tuple(refused), cancelled=False)

        self._job = run_job(task, on_finished=self._batch_done, on_failed=self._failed,
                            on_progress=lambda done, _total, _text: self.progress.setValue(done))

    def cancel(self) -> None:
        """Stop after the dossier being made now; the ones saved stay saved."""
        if self._cancel is not None:
            self._cancel.cancel()

    def _batch_done(self, result: BatchResult) -> None:
        self._set_busy(False)
        text = self.tr("%1 dossiers saved.").replace("%1", str(len(result.written)))
        if result.cancelled:
            text += " " + self.tr("Stopped before the end.")
        if result.refused:
            text += " " + self.tr("Not saved: %1.").replace(
                "%1", "; ".join(f"C{child_id} ({explanation_text(reason)})" for child_id, reason in result.refused))
        self.status.setText(text)
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, DossierRefused):
            self.status.setText(refusal_text(exc))
            self.finished.emit(exc)
        else:
            show_error(self, exc)

    # --- state -------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self._job is not None and not self._job.done

    def _set_busy(self, busy: bool, progress: bool = False) -> None:
        self.loading = busy
        if not busy:
            self._cancel = None
        self.progress.setVisible(busy and progress)
        self.stop_button.setVisible(busy and progress)
        self.recipient.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.save_button.setEnabled(not self.loading and count == 1)
        self.batch_button.setEnabled(not self.loading and count >= 1)
