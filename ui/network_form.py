"""Add or edit a criminal network and its known locations (secret data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from placement.errors import Problem
from placement.ids import NetworkId
from placement.services.registers import network_register
from placement.services.registers.network_register import LocationInput, NetworkInput
from ui.context import AppContext, Changes
from ui.form_dialog import FormDialog

_REPORTED = Qt.ItemDataRole.UserRole


class NetworkForm(FormDialog):
    changes = Changes(networks=True)

    def __init__(
        self,
        context: AppContext,
        network_id: NetworkId | None = None,
        data: NetworkInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("New network") if network_id is None else self.tr("Edit network"))
        self.network_id = network_id
        data = data or NetworkInput()
        self.label = self.add_field("label", self.tr("Label"), QLineEdit(data.label))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Description"), self.tr("Postcode or lat, lon")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(140)
        for loc in data.locations:
            self._add_row(loc)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add location"))
        add.clicked.connect(lambda: self._add_row(LocationInput()))
        remove = QPushButton(self.tr("Remove location"))
        remove.clicked.connect(self._remove_row)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        column.addWidget(self.table)
        column.addLayout(buttons)
        self.add_field("locations", self.tr("Locations"), box)
        self._watch(self.table)
        self.notes = self.add_field("notes", self.tr("Notes"), QPlainTextEdit(data.notes))
        self.notes.setMaximumHeight(70)
        self.dirty = False

    def _add_row(self, loc: LocationInput) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QTableWidgetItem(loc.label)
        label.setData(_REPORTED, loc.reported_on.isoformat() if loc.reported_on else "")
        self.table.setItem(row, 0, label)
        self.table.setItem(row, 1, QTableWidgetItem(loc.place))
        self.dirty = True

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.dirty = True

    def collect(self) -> NetworkInput:
        locations = []
        for row in range(self.table.rowCount()):
            label, place = self.table.item(row, 0), self.table.item(row, 1)
            reported = label.data(_REPORTED) if label else ""
            locations.append(
                LocationInput(
                    label=label.text() if label else "",
                    place=place.text() if place else "",
                    reported_on=dt.date.fromisoformat(reported) if reported else None,
                )
            )
        return NetworkInput(label=self.label.text(), notes=self.notes.toPlainText(), locations=locations)

    def validate(self, data: NetworkInput) -> list[Problem]:
        return network_register.validate_network(data)

    def save(self, session: Any, actor: Any, data: NetworkInput) -> NetworkId:
        if self.network_id is None:
            return network_register.create_network(session, actor, data)
        network_register.update_network(session, actor, self.network_id, data)
        return self.network_id
