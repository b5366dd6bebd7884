"""Network alerts for officers: placed children a new or moved network
location came too close to, until someone acknowledges them; and below them
the children living in a closed unit whose court authorisation has ended
(derived, so they stay until a new authorisation or the end of the placement).

A self-contained widget (``AlertsPanel(context)``): the main window can show
it as a page or in a dock, and use ``count_changed`` for a badge. It reloads
whenever an operation reports changed networks or placements.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from placement.services import alerts, authorisations
from placement.services.alerts import AlertRow
from placement.services.authorisations import LapsedAuthorisation
from ui.aftercare_dialogs import start_replacement
from ui.context import AppContext, Changes, show_error
from ui.i18n import local_time_text
from ui.jobs import Job
from ui.table_model import Column, RowTableModel


class AlertsPanel(QWidget):
    loaded = Signal()
    count_changed = Signal(int)
    """How many alerts are open, after every reload."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loading = False
        self._job: Job | None = None
        self.model = RowTableModel([
            Column(self.tr("Raised"), lambda r: local_time_text(r.raised_at)),
            Column(self.tr("Child"), lambda r: f"C{r.child_id} {r.child_name}"),
            Column(self.tr("Family or unit"), lambda r: f"F{r.family_id} {r.family_name}"),
            Column(self.tr("Network"), lambda r: f"N{r.network_id} {r.network_label}"),
            Column(self.tr("Distance (km)"), lambda r: r.distance_km, numeric=True),
            Column(self.tr("Safety distance (km)"), lambda r: r.safety_km, numeric=True),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.ack_button = QPushButton(self.tr("&Acknowledge"))
        self.ack_button.setToolTip(self.tr("You have seen this alert and are taking it up; it leaves the list."))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.replace_button = QPushButton(self.tr("&Place again…"))
        self.replace_button.setToolTip(self.tr("Open a matching session for this child; its current family is forbidden."))
        self.replace_button.clicked.connect(self.place_again)
        self.status = QLabel()
        heading = QHBoxLayout()
        title = self.tr("Network alerts")
        heading.addWidget(QLabel(f"<h2>{title}</h2>"))
        heading.addStretch(1)
        heading.addWidget(self.replace_button)
        heading.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        explanation = QLabel(self.tr(
            "Placed children whose foster family is now closer to one of their networks than their "
            "safety distance, after a network location was added or moved."))
        explanation.setWordWrap(True)  # a long sentence must not widen the window
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.lapsed = RowTableModel([
            Column(self.tr("Child"), lambda r: f"C{r.child_id} {r.child_name}"),
            Column(self.tr("Closed unit"), lambda r: f"F{r.unit_id} {r.unit_name}"),
            Column(self.tr("Authorisation ended"), lambda r: r.ended_on.strftime("%d-%m-%Y") if r.ended_on else "—"),
        ], self)
        lapsed_view = QTableView()
        lapsed_view.setModel(self.lapsed)
        lapsed_view.setTabKeyNavigation(False)
        lapsed_view.verticalHeader().setVisible(False)
        lapsed_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lapsed_view.horizontalHeader().setStretchLastSection(True)
        lapsed_title = self.tr("Ended authorisations: child in a closed unit")
        layout.addWidget(QLabel(f"<h3>{lapsed_title}</h3>"))
        layout.addWidget(lapsed_view)
        context.operation_did_execute.connect(self._changed)
        self._update_buttons()

    def refresh(self) -> None:
        if self._job is not None and not self._job.done:
            return
        self.loading = True
        self._job = self.context.run(
            lambda s, actor, _state: (alerts.open_alerts(s, actor),
                                      authorisations.lapsed_in_unit(s, actor, dt.date.today())),
            self._show, on_failed=self._failed, error_parent=self,
        )  # fmt: skip

    def _show(self, result: tuple[list[AlertRow], list[LapsedAuthorisation]]) -> None:
        rows, lapsed = result
        self.loading = False
        self.model.set_rows(rows)
        self.lapsed.set_rows(lapsed)
        self.status.setText(self.tr("%1 open alerts").replace("%1", str(len(rows))) if rows
                            else self.tr("No open alerts."))
        self._update_buttons()
        self.count_changed.emit(len(rows))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        show_error(self, exc)

    def _changed(self, changes: Changes) -> None:
        if changes.networks or changes.placements or changes.children:
            self.refresh()

    def acknowledge_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.loading:
            return
        alert_id = self.model.rows[rows[0].row()].id
        self.loading = True
        self._update_buttons()

        def done(_row: AlertRow) -> None:
            self.loading = False
            self.refresh()

        self._job = self.context.run(lambda s, actor, _state: alerts.acknowledge(s, actor, alert_id), done,
                                     on_failed=self._failed, error_parent=self)

    def place_again(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            alert = self.model.rows[rows[0].row()]
            start_replacement(self, alert.child_id, alert.child_name, "unsafe-network")

    def _update_buttons(self) -> None:
        self.ack_button.setEnabled(not self.loading and bool(self.table.selectionModel().selectedRows()))
        self.replace_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
