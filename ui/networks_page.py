"""The register of criminal networks (labels and locations are secrets)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from placement.services.permissions import Action
from placement.services.registers import network_register
from placement.services.registers.network_register import NetworkRow
from ui.context import AppContext, Changes
from ui.network_form import NetworkForm
from ui.registry_page import RegistryPage
from ui.table_model import Column


class NetworksPage(RegistryPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.form: NetworkForm | None = None
        super().__init__(context, parent)
        self.add_action(self.tr("&Delete…"), self.delete_selected, needs_selection=True, edits=True)
        self._update_buttons()

    def edit_permission(self) -> Action | None:
        return Action.EDIT_NETWORK

    def id_prefix(self) -> str:
        return "N"

    def title(self) -> str:
        return self.tr("Networks")

    def columns(self) -> Sequence[Column]:
        return [
            Column(self.tr("Id"), lambda r: f"N{r.id}"),
            Column(self.tr("Label"), lambda r: r.label),
            Column(self.tr("Locations"), lambda r: r.locations, numeric=True),
            Column(self.tr("Children"), lambda r: r.children, numeric=True),
        ]

    def load(self, session: Any, actor: Any) -> list[NetworkRow]:
        return network_register.list_networks(session, actor)

    def cares_about(self, changes: Changes) -> bool:
        return changes.networks or changes.children

    def new_item(self) -> None:
        self.form = NetworkForm(self.context, parent=self)
        self.form.open()

    def edit_item(self, row: NetworkRow) -> None:
        def show(data: network_register.NetworkInput) -> None:
            self.form = NetworkForm(self.context, row.id, data, parent=self)
            self.form.open()

        self.context.run(lambda s, a, _st: network_register.get_network(s, a, row.id), show, error_parent=self)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        question = self.tr(
            "Delete network N%1? The %2 linked children lose this network and its safety distance."
        ).replace("%1", str(row.id)).replace("%2", str(row.children))
        if QMessageBox.question(self, self.tr("Delete network"), question) != QMessageBox.StandardButton.Yes:
            return
        self.context.run(
            lambda s, a, _st: network_register.delete_network(s, a, row.id),
            lambda _r: None,
            changes=Changes(networks=True, children=True),
            error_parent=self,
        )
