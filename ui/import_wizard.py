"""The import wizard: file and kind, column mapping, dry-run report, confirm, write.

Reading the file, the dry run and the write each run off the GUI thread
(:mod:`ui.jobs`) with progress and a stop button; nothing is written until the
user confirms on the last page, and then all rows or none. The report shows
row values to the user on screen only; nothing from it is logged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from placement.actor import Actor
from placement.errors import InputError
from placement.services import imports
from placement.services.imports import (
    FIELDS,
    Action,
    Decision,
    ImportCancelled,
    ImportPlan,
    Kind,
    RowPlan,
    Table,
    check_mapping,
)
from placement.storage.database import Database
from ui.context import error_text
from ui.file_dialogs import open_file
from ui.i18n import current_language
from ui.jobs import Job, JobState, run_job
from ui.problem_text import input_error_lines

Index = QModelIndex | QPersistentModelIndex


class _JobProgress:
    """Adapts the job state to the import's progress protocol."""

    def __init__(self, state: JobState, text: str) -> None:
        self._state = state
        self._text = text

    def report(self, done: int, total: int) -> None:
        self._state.set_progress(done, total, self._text)

    def stop_requested(self) -> bool:
        return self._state.stopped


class ReportModel(QAbstractTableModel):
    """The dry-run plan as a table: row, what happens, the record, why."""

    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowPlan] = []
        self._details: list[str] = []
        self._actions = {
            Action.CREATE: self.tr("create"),
            Action.UPDATE: self.tr("update"),
            Action.UNCHANGED: self.tr("unchanged"),
            Action.SKIP: self.tr("skip"),
            Action.DUPLICATE: self.tr("duplicate? decide"),
            Action.REJECT: self.tr("rejected"),
        }

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = list(plan.rows) if plan is not None else []
        self._details = [self._detail(r) for r in self._rows]
        self.endResetModel()

    @staticmethod
    def _detail(row: RowPlan) -> str:
        if row.problems:
            return "; ".join(p.describe(language=current_language()) for p in row.problems)
        parts = [", ".join(row.changes)] if row.changes else []
        if row.note:
            parts.append(row.note)
        return "; ".join(parts)

    def row_at(self, row: int) -> RowPlan:
        return self._rows[row]

    def action_text(self, action: Action) -> str:
        return self._actions[action]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return row.number
            if column == 1:
                return self.action_text(row.action)
            if column == 2:
                return " ".join(p for p in (row.existing or "", row.label) if p)
            return self._details[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and row.action in (Action.REJECT, Action.DUPLICATE):
            return Qt.GlobalColor.darkRed
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Row"), self.tr("What happens"), self.tr("Record"), self.tr("Why"))[section]


class _JobPanel(QWidget):
    """A progress bar with a stop button for the page's background job."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.label = QLabel()
        self.stop_button = QPushButton(self.tr("Stop"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.stop_button)
        self.job: Job | None = None
        self.stop_button.clicked.connect(self.stop)
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self.job is not None and not self.job.done

    def start(self, task: Callable[[JobState], Any], text: str, on_finished: Callable[[Any], None],
              on_failed: Callable[[BaseException], None]) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.setVisible(True)
        self.stop_button.setEnabled(True)

        # The job counts as over before the page's handler runs, so that the
        # handler's completeChanged sees a page that is no longer busy.
        def finished(result: Any) -> None:
            self.job = None
            self.setVisible(False)
            on_finished(result)

        def failed(exc: BaseException) -> None:
            self.job = None
            self.setVisible(False)
            on_failed(exc)

        self.job = run_job(task, on_finished=finished, on_failed=failed, on_progress=self._progress)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def stop(self) -> None:
        if self.running and self.job is not None:
            self.job.cancel()
            self.stop_button.setEnabled(False)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("A CSV or Excel file, or one of DUO's school files."))
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.kind = QComboBox()
        for kind, text in (
            (Kind.FAMILIES, self.tr("Foster families")),
            (Kind.UNITS, self.tr("Closed units")),
            (Kind.CHILDREN, self.tr("Children")),
            (Kind.SCHOOLS, self.tr("Schools")),
            (Kind.NETWORKS, self.tr("Network locations")),
        ):
            self.kind.addItem(text, kind)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("What it holds"), self.kind)
        form.addRow(self.tr("Sheet"), self.sheet)
        self.path.textChanged.connect(self._path_changed)

    def _browse(self) -> None:
        name = open_file(
            self, getattr(self.window().parent(), "settings", None), "import", self.tr("Import file"),
            self.tr("Spreadsheets (*.csv *.xlsx *.txt)"),
        )
        if name:
            self.path.setText(name)

    def _path_changed(self, text: str) -> None:
        names = imports.sheet_names(text) if Path(text).is_file() else []
        self.sheet.clear()
        self.sheet.addItems(names)
        self.sheet.setEnabled(bool(names))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return Path(self.path.text()).is_file()

    def chosen(self) -> tuple[Path, Kind, str | None]:
        return Path(self.path.text()), Kind(self.kind.currentData()), self.sheet.currentText() or None


class MappingPage(QWizardPage):
    """One combo box per column, prefilled by the header recognition (or the
    mapping remembered for this layout)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Choose for each column of the file which field it holds."))
        self.panel = _JobPanel()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_holder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        self.combos: dict[str, QComboBox] = {}

    def initializePage(self) -> None:
        self._clear()
        path, kind, sheet = self._wizard.file_page.chosen()
        self._wizard.table = None
        self.panel.start(
            lambda _state: imports.read(path, sheet),
            self.tr("Reading the file…"),
            lambda table: self._show(kind, table),
            self._failed,
        )

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = {}
        self.problems.clear()

    def _show(self, kind: Kind, table: Table) -> None:
        self._wizard.table = table
        proposed = imports.propose_mapping(kind, table, self._wizard.store)
        texts = self.field_texts()
        first = table.rows[0] if table.rows else None
        headings = (self.tr("Column in the file"), self.tr("Field"), self.tr("First row"))
        for column, heading in enumerate(headings):
            self.grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        for i, header in enumerate(table.headers, start=1):
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), None)
            for field in FIELDS[kind]:
                text = texts.get(field.name, field.label)
                combo.addItem(text + (" *" if field.required else ""), field.name)
            combo.setCurrentIndex(max(0, combo.findData(proposed.get(header))))
            combo.currentIndexChanged.connect(self._changed)
            self.combos[header] = combo
            sample = first.get(i - 1) if first is not None else None
            self.grid.addWidget(QLabel(header or self.tr("(no header)")), i, 0)
            self.grid.addWidget(combo, i, 1)
            self.grid.addWidget(QLabel("" if sample is None else str(sample)[:40]), i, 2)
        self.grid.setRowStretch(len(table.headers) + 1, 1)
        self._changed()

    def _failed(self, exc: BaseException) -> None:
        self.problems.setText(error_text(exc))
        self.completeChanged.emit()

    def field_texts(self) -> dict[str, str]:
        """What each field means, in the user's language (the file headers stay as they are)."""
        return {
            "external_ref": self.tr("external reference"), "name": self.tr("name"),
            "address": self.tr("address"), "street": self.tr("street"), "house_number": self.tr("house number"),
            "place": self.tr("place"), "postcode": self.tr("postcode"), "lat": self.tr("latitude"),
            "lon": self.tr("longitude"), "total_places": self.tr("number of places"),
            "age_min": self.tr("minimum age"), "age_max": self.tr("maximum age"), "genders": self.tr("genders"),
            "languages": self.tr("languages"), "training": self.tr("training"),
            "training_completed": self.tr("training completed on"),
            "training_expires": self.tr("training valid until"), "status": self.tr("status"),
            "notes": self.tr("notes"), "date_of_birth": self.tr("date of birth"), "gender": self.tr("gender"),
            "training_needed": self.tr("training needed"), "school_kind": self.tr("school kind"),
            "priority": self.tr("priority"), "networks": self.tr("networks"),
            "sibling_group": self.tr("brothers and sisters (group)"),
            "safety_km": self.tr("safety distance (km)"), "max_school_km": self.tr("maximum distance to school (km)"),
            "region": self.tr("responsible region (province)"),
            "duo_code": self.tr("DUO location code"), "brin": self.tr("BRIN"),
            "location_number": self.tr("location number"), "kinds": self.tr("school kinds"),
            "category": self.tr("DUO category"), "vo_structure": self.tr("VO structure"),
            "so_onderwijs": self.tr("SO education"), "newcomer": self.tr("newcomer school"),
            "website": self.tr("website"), "free_seats": self.tr("free seats"), "school_on_site": self.tr("school kinds taught on site"), "network": self.tr("network"),
            "location": self.tr("location"), "reported_on": self.tr("reported on"),
            "source_note": self.tr("source"),
        }

    def mapping(self) -> dict[str, str | None]:
        return {header: combo.currentData() for header, combo in self.combos.items()}

    def _problems(self) -> list[str]:
        table = self._wizard.table
        if table is None:
            return []
        try:
            check_mapping(self._wizard.file_page.chosen()[1], table.headers, self.mapping())
        except InputError as exc:
            return input_error_lines(exc)
        return []

    def _changed(self) -> None:
        self.problems.setText("\n".join(self._problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.table is not None and not self.panel.running and not self._problems()


class ReportPage(QWizardPage):
    """The dry run, row by row; likely duplicates are decided here."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Check what will happen"))
        self.setSubTitle(self.tr("Nothing has been written yet."))
        self.panel = _JobPanel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ReportModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Selected duplicates:")))
        self.decision_buttons: dict[Decision, QPushButton] = {}
        for decision, text in (
            (Decision.CREATE, self.tr("Create anyway")),
            (Decision.UPDATE, self.tr("Update the existing")),
            (Decision.SKIP, self.tr("Skip")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, d=decision: self.decide_selected(d))
            buttons.addWidget(button)
            self.decision_buttons[decision] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        self._wizard.decisions = {}
        self.run_dry_run()

    def run_dry_run(self) -> None:
        wizard = self._wizard
        table, kind = wizard.table, wizard.file_page.chosen()[1]
        mapping, decisions = wizard.mapping_page.mapping(), dict(wizard.decisions)
        db, actor = wizard.database, wizard.actor
        assert table is not None
        wizard.plan = None
        self.model.set_plan(None)
        self.summary.clear()
        text = self.tr("Comparing with the registry…")

        def task(state: JobState) -> ImportPlan:
            with db.session() as session, session.begin():
                return imports.dry_run(
                    session, actor, kind, table, mapping, decisions, progress=_JobProgress(state, text)
                )

        self.panel.start(task, text, self._show, self._failed)
        self.completeChanged.emit()

    def _show(self, plan: ImportPlan) -> None:
        self._wizard.plan = plan
        self.model.set_plan(plan)
        lines = [self.summary_text(plan)]
        if plan.rejected:
            lines.append(self.tr("Correct the rejected rows in the file and import it again; nothing is written."))
        if plan.undecided:
            lines.append(self.tr("Select the likely duplicates and decide what to do with them."))
        self.summary.setText("\n".join(lines))
        self.completeChanged.emit()

    def summary_text(self, plan: ImportPlan) -> str:
        """"gezinnen.csv: 3 rijen: 1 nieuw, 2 geweigerd", in the words of the report's column."""
        parts = [f"{plan.count(action)} {self.model.action_text(action)}" for action in Action if plan.count(action)]
        return self.tr("%1: %2 rows: %3").replace("%1", plan.source).replace("%2", str(len(plan.rows))).replace(
            "%3", ", ".join(parts) or self.tr("nothing to do"))

    def _failed(self, exc: BaseException) -> None:
        text = self.tr("Stopped.") if isinstance(exc, ImportCancelled) else error_text(exc)
        self.summary.setText(text)
        self.completeChanged.emit()

    def selected_rows(self) -> list[RowPlan]:
        return [self.model.row_at(i.row()) for i in self.view.selectionModel().selectedRows()]

    def decide_selected(self, decision: Decision) -> None:
        self.decide([r.number for r in self.selected_rows() if r.is_duplicate], decision)

    def decide(self, rows: Sequence[int], decision: Decision) -> None:
        if rows and not self.panel.running:
            self._wizard.decisions.update({number: decision for number in rows})
            self.run_dry_run()

    def isComplete(self) -> bool:
        plan = self._wizard.plan
        return plan is not None and not self.panel.running and plan.can_apply


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Import"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:
        plan = self._wizard.plan
        assert plan is not None
        self.text.setText(
            self.tr("%1 records will be created and %2 updated. All rows are written together, or none.")
            .replace("%1", str(plan.count(Action.CREATE)))
            .replace("%2", str(plan.count(Action.UPDATE)))
        )


class ApplyPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Writing"))
        self.panel = _JobPanel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.result)
        self.done = False

    def initializePage(self) -> None:
        wizard = self._wizard
        plan, table = wizard.plan, wizard.table
        db, actor, store = wizard.database, wizard.actor, wizard.store
        assert plan is not None and table is not None
        self.done = False
        text = self.tr("Writing…")

        def task(state: JobState) -> ImportPlan:
            with db.session() as session, session.begin():
                return imports.apply(session, actor, plan, table, store=store, progress=_JobProgress(state, text))

        self.panel.start(task, text, self._finished, self._failed)

    def _finished(self, plan: ImportPlan) -> None:
        self.done = True
        self.result.setText(
            self.tr("Done: %1 created, %2 updated.")
            .replace("%1", str(plan.count(Action.CREATE)))
            .replace("%2", str(plan.count(Action.UPDATE)))
        )
        self._wizard.imported.emit(plan.kind)
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportCancelled):
            self.result.setText(self.tr("Stopped. Nothing was written."))
        else:
            self.result.setText(error_text(exc) + "\n" + self.tr("Nothing was written."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.panel.running


class ImportWizard(QWizard):
    """Opened from the menu as ``ImportWizard(database, actor, parent)``."""

    imported = Signal(object)
    """Emitted with the :class:`~placement.importing.headers.Kind` after a successful write."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 store: imports.MappingStore | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.store = store
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.decisions: dict[int, Decision] = {}
        self.setWindowTitle(self.tr("Import"))
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.confirm_page = ConfirmPage(self)
        self.apply_page = ApplyPage(self)
        for page in (self.file_page, self.mapping_page, self.report_page, self.confirm_page, self.apply_page):
            self.addPage(page)
        self.resize(900, 600)

    def running_panels(self) -> list[_JobPanel]:
        return [p.panel for p in (self.mapping_page, self.report_page, self.apply_page) if p.panel.running]

    def reject(self) -> None:
        """Cancel stops a running job first; a running write rolls back."""
        running = self.running_panels()
        for panel in running:
            panel.stop()
        if not running:
            super().reject()
