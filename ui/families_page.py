"""The foster-family register."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from catalogue import codes
from placement.services.permissions import Action
from placement.services.registers import family_register
from placement.services.registers.family_register import FamilyRow
from placement.storage.models import FamilyStatus
from ui.aftercare_dialogs import EndReviewForm, open_family_history
from ui.context import AppContext, Changes
from ui.family_form import FamilyForm
from ui.i18n import code_name, code_names
from ui.registry_page import RegistryPage
from ui.table_model import Column


class FamiliesPage(RegistryPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.form: FamilyForm | None = None
        super().__init__(context, parent)
        self.province_filter = self.add_filter("province", self.tr("Province"), [(self.tr("all"), None)])
        self.add_filter(
            "free",
            self.tr("Free places"),
            [(self.tr("all"), None), (self.tr("at least 1"), lambda r: r.free_places > 0)],
        )
        self.add_filter(
            "training",
            self.tr("Training"),
            [(self.tr("all"), None)] + [(code_name(codes.TRAININGS, tag), self._has_training(tag)) for tag in codes.TRAININGS.values],
        )
        self.add_filter(
            "status",
            self.tr("Status"),
            [
                (self.tr("all"), None),
                (code_name(codes.FAMILY_STATUSES, FamilyStatus.ACTIVE), lambda r: r.status == FamilyStatus.ACTIVE),
                (code_name(codes.FAMILY_STATUSES, FamilyStatus.PAUSED), lambda r: r.status == FamilyStatus.PAUSED),
            ],
        )
        self.pause_button = self.add_action(self.tr("&Pause / resume"), self.toggle_pause, needs_selection=True, edits=True)
        self.review_button = self.add_action(self.tr("End &review…"), self.end_review, needs_selection=True)
        self.history_button = self.add_action(self.tr("&History…"), self.show_history, needs_selection=True)
        self.dialog: EndReviewForm | None = None
        self._update_buttons()

    @staticmethod
    def _has_training(tag: str) -> Any:
        return lambda r: tag in r.training

    def edit_permission(self) -> Action | None:
        return Action.EDIT_FAMILY

    def id_prefix(self) -> str:
        return "F"

    def title(self) -> str:
        return self.tr("Foster families")

    def status_text(self, status: FamilyStatus) -> str:
        return code_name(codes.FAMILY_STATUSES, status)

    def columns(self) -> Sequence[Column]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Postcode"), lambda r: r.postcode),
            Column(self.tr("Municipality"), lambda r: r.municipality),
            Column(self.tr("Province"), lambda r: r.province),
            Column(self.tr("Places"), lambda r: r.total_places, numeric=True),
            Column(self.tr("Free"), lambda r: r.free_places, numeric=True),
            Column(self.tr("Ages"), lambda r: f"{r.age_min}–{r.age_max}"),
            Column(self.tr("Training"), lambda r: code_names(codes.TRAININGS, r.training)),
            Column(self.tr("Status"), lambda r: self.status_text(r.status)),
        ]

    def load(self, session: Any, actor: Any) -> list[FamilyRow]:
        return family_register.list_families(session, actor)

    def rows_loaded(self, rows: list[FamilyRow]) -> None:
        provinces = sorted({r.province for r in rows if r.province})
        self.set_filter_options(
            self.province_filter,
            [(self.tr("all"), None)] + [(p, self._in_province(p)) for p in provinces],
        )

    @staticmethod
    def _in_province(province: str) -> Any:
        return lambda r: r.province == province

    def cares_about(self, changes: Changes) -> bool:
        return changes.families or changes.placements or changes.children

    def new_item(self) -> None:
        self.form = FamilyForm(self.context, parent=self)
        self.form.open()

    def edit_item(self, row: FamilyRow) -> None:
        def show(data: family_register.FamilyInput) -> None:
            self.form = FamilyForm(self.context, row.id, data, parent=self)
            self.form.open()

        self.context.run(lambda s, a, _st: family_register.get_family(s, a, row.id), show, error_parent=self)

    def toggle_pause(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        pause = row.status == FamilyStatus.ACTIVE
        question = (
            self.tr("Pause %1? It gets no new children until resumed; children living there stay.")
            if pause
            else self.tr("Resume %1? It can get new children again.")
        ).replace("%1", row.name)
        if QMessageBox.question(self, self.tr("Foster family"), question) != QMessageBox.StandardButton.Yes:
            return
        self.context.run(
            lambda s, a, _st: family_register.set_family_paused(s, a, row.id, pause),
            lambda _r: None,
            changes=Changes(families=True),
            error_parent=self,
        )

    def end_review(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.dialog = EndReviewForm(self.context, row.id, row.name, parent=self)
            self.dialog.open()

    def show_history(self) -> None:
        row = self.selected_row()
        if row is not None:
            open_family_history(self.context, row.id, self)
