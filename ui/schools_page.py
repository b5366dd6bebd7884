"""The school register."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from catalogue import codes
from placement.services.permissions import Action
from placement.services.registers import school_register
from placement.services.registers.school_register import SchoolRow
from ui.context import AppContext, Changes
from ui.i18n import code_name, code_names
from ui.registry_page import RegistryPage
from ui.school_form import SchoolForm
from ui.table_model import Column


class SchoolsPage(RegistryPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.form: SchoolForm | None = None
        super().__init__(context, parent)
        self.add_filter("kind", self.tr("Kind"), [(self.tr("all"), None)] + [(code_name(codes.SCHOOL_KINDS, k), self._has_kind(k)) for k in codes.SCHOOL_KINDS.values])
        self.province_filter = self.add_filter("province", self.tr("Province"), [(self.tr("all"), None)])
        self.add_action(self.tr("&Delete…"), self.delete_selected, needs_selection=True, edits=True)
        self._update_buttons()

    @staticmethod
    def _has_kind(kind: str) -> Any:
        return lambda r: kind in r.kinds

    @staticmethod
    def _in_province(province: str) -> Any:
        return lambda r: r.province == province

    def edit_permission(self) -> Action | None:
        return Action.EDIT_SCHOOL

    def id_prefix(self) -> str:
        return "S"

    def title(self) -> str:
        return self.tr("Schools")

    def columns(self) -> Sequence[Column]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("DUO code"), lambda r: r.duo_code),
            Column(self.tr("Kinds"), lambda r: code_names(codes.SCHOOL_KINDS, r.kinds)),
            Column(self.tr("Free seats"), lambda r: r.free_seats, numeric=True),
            Column(self.tr("Postcode"), lambda r: r.postcode),
            Column(self.tr("Municipality"), lambda r: r.municipality),
            Column(self.tr("Province"), lambda r: r.province),
        ]

    def load(self, session: Any, actor: Any) -> list[SchoolRow]:
        return school_register.list_schools(session, actor)

    def rows_loaded(self, rows: list[SchoolRow]) -> None:
        provinces = sorted({r.province for r in rows if r.province})
        self.set_filter_options(
            self.province_filter, [(self.tr("all"), None)] + [(p, self._in_province(p)) for p in provinces]
        )

    def cares_about(self, changes: Changes) -> bool:
        return changes.schools

    def new_item(self) -> None:
        self.form = SchoolForm(self.context, parent=self)
        self.form.open()

    def edit_item(self, row: SchoolRow) -> None:
        def show(data: school_register.SchoolInput) -> None:
            self.form = SchoolForm(self.context, row.id, data, parent=self)
            self.form.open()

        self.context.run(lambda s, a, _st: school_register.get_school(s, a, row.id), show, error_parent=self)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        question = self.tr("Delete school %1?").replace("%1", row.name)
        if QMessageBox.question(self, self.tr("Delete school"), question) != QMessageBox.StandardButton.Yes:
            return
        self.context.run(
            lambda s, a, _st: school_register.delete_school(s, a, row.id),
            lambda _r: None,
            changes=Changes(schools=True),
            error_parent=self,
        )
