"""The register of children."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from catalogue import codes, limits
from placement.provinces import provinces
from placement.services.permissions import Action, allowed
from placement.services.registers import child_register, network_register
from placement.services.registers.child_register import ChildRow
from placement.storage.models import ChildStatus
from ui.aftercare_dialogs import (
    EndPlacementForm,
    FoundForm,
    MissingForm,
    open_alias_form,
    open_child_history,
    open_episode_form,
    start_replacement,
)
from ui.authorisation_form import open_authorisation_form
from ui.best_matches import BestMatchesDialog
from ui.child_form import ChildForm
from ui.context import AppContext, Changes
from ui.i18n import code_name, code_names
from ui.registry_page import RegistryPage
from ui.table_model import Column


class ChildrenPage(RegistryPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.form: ChildForm | None = None
        super().__init__(context, parent)
        self.add_filter(
            "status",
            self.tr("Status"),
            [(self.tr("all"), None)] + [(self.status_text(s), self._status_is(s)) for s in ChildStatus],
        )
        self.add_filter(
            "priority",
            self.tr("Priority"),
            [(self.tr("all"), None)] + [(str(p), self._priority_is(p)) for p in range(limits.PRIORITY.high, limits.PRIORITY.low - 1, -1)],
        )
        self.add_filter(
            "age",
            self.tr("Age"),
            [(self.tr("all"), None)] + [(name, self._band_is(name)) for name, _lo, _hi in limits.AGE_BANDS],
        )
        self.add_filter(
            "region",
            self.tr("Region"),
            [(self.tr("all"), None)] + [(p, self._region_is(p)) for p in provinces()],
        )
        self.best_button = self.add_action(self.tr("Best &families…"), self.show_best_matches, needs_selection=True)
        self.best_button.setToolTip(self.tr("The families and schools that suit the selected waiting child best"))
        self.best_dialog: BestMatchesDialog | None = None
        if not allowed(context.actor, Action.RUN_SESSION):
            self.best_button.hide()
        self.add_action(self.tr("Left &care…"), self.left_care, needs_selection=True, edits=True)
        self.end_button = self.add_action(self.tr("&End placement…"), self.end_placement, needs_selection=True)
        self.missing_button = self.add_action(self.tr("Report &missing…"), self.report_missing, needs_selection=True)
        self.found_button = self.add_action(self.tr("F&ound…"), self.report_found, needs_selection=True)
        self.episode_button = self.add_action(self.tr("Missing &episode…"), self.update_episode, needs_selection=True)
        self.replace_button = self.add_action(self.tr("&Place again…"), self.place_again, needs_selection=True)
        self.alias_button = self.add_action(self.tr("&Other names…"), self.other_names, needs_selection=True)
        self.authorisation_button = self.add_action(
            self.tr("A&uthorisations…"), self.show_authorisations, needs_selection=True
        )
        self.authorisation_button.setToolTip(self.tr("Court authorisations for closed youth care"))
        self.history_button = self.add_action(self.tr("&History…"), self.show_history, needs_selection=True)
        self.dialog: QDialog | None = None
        if not allowed(context.actor, Action.EDIT_CHILD):  # a guardian reads; officers act
            for button in (self.end_button, self.missing_button, self.found_button, self.episode_button,
                           self.replace_button, self.alias_button, self.authorisation_button):
                button.hide()
        self._update_buttons()

    @staticmethod
    def _status_is(status: ChildStatus) -> Any:
        return lambda r: r.status == status

    @staticmethod
    def _priority_is(priority: int) -> Any:
        return lambda r: r.priority == priority

    @staticmethod
    def _band_is(band: str) -> Any:
        return lambda r: r.age_band == band

    @staticmethod
    def _region_is(region: str) -> Any:
        return lambda r: r.region == region

    def edit_permission(self) -> Action | None:
        return Action.EDIT_CHILD

    def id_prefix(self) -> str:
        return "C"

    def title(self) -> str:
        return self.tr("Children")

    def status_text(self, status: ChildStatus) -> str:
        return code_name(codes.CHILD_STATUSES, status)

    def gender_text(self, gender: str) -> str:
        return code_name(codes.GENDERS, gender)

    def columns(self) -> Sequence[Column]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Date of birth"), lambda r: r.date_of_birth),
            Column(self.tr("Age"), lambda r: r.age, numeric=True),
            Column(self.tr("Gender"), lambda r: self.gender_text(r.gender)),
            Column(self.tr("Priority"), lambda r: r.priority, numeric=True),
            Column(self.tr("School"), lambda r: code_name(codes.SCHOOL_KINDS, r.school_kind)),
            Column(self.tr("Training needed"), lambda r: code_names(codes.TRAININGS, r.training_needed)),
            Column(self.tr("Status"), lambda r: self.status_text(r.status)),
            Column(self.tr("Region"), lambda r: r.region or ""),
            Column(self.tr("Lives with"), lambda r: r.family or ""),
            Column(self.tr("Municipality"), lambda r: r.municipality or ""),
            Column(self.tr("Also known as"), lambda r: ", ".join(r.aliases)),
        ]

    def load(self, session: Any, actor: Any) -> list[ChildRow]:
        return child_register.list_children(session, actor)

    def cares_about(self, changes: Changes) -> bool:
        return changes.children or changes.placements

    def new_item(self) -> None:
        def load(s: Any, a: Any, _st: Any) -> tuple[Any, Any]:
            return network_register.list_networks(s, a), child_register.list_guardians(s, a)

        self.context.run(load, self._open_new, error_parent=self)

    def _open_new(self, result: tuple[list[network_register.NetworkRow], list[child_register.GuardianRow]]) -> None:
        networks, guardians = result
        self.form = ChildForm(self.context, networks, parent=self, guardians=guardians)
        self.form.open()

    def edit_item(self, row: ChildRow) -> None:
        def load(s: Any, a: Any, _st: Any) -> tuple[Any, Any, Any]:
            return network_register.list_networks(s, a), child_register.get_child(s, a, row.id), child_register.list_guardians(s, a)

        def show(result: tuple[list[network_register.NetworkRow], child_register.ChildInput, list[child_register.GuardianRow]]) -> None:
            networks, data, guardians = result
            self.form = ChildForm(self.context, networks, row.id, data, parent=self, guardians=guardians)
            self.form.open()

        self.context.run(load, show, error_parent=self)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        button = getattr(self, "best_button", None)
        if button is not None:
            row = self.selected_row()
            button.setEnabled(row is not None and row.status == ChildStatus.WAITING)

    def show_best_matches(self) -> None:
        row = self.selected_row()
        if row is None or row.status != ChildStatus.WAITING:
            return
        self.best_dialog = BestMatchesDialog(self.context, row.id, row.name, self)
        self.best_dialog.start_session.connect(self._start_session)
        self.best_dialog.open()

    def _start_session(self, child_id: int) -> None:
        """Over to the matching page, which solves a session for this child."""
        show_page = getattr(self.window(), "show_page", None)
        if not callable(show_page):
            return
        matching = show_page("matching")
        matching.start_and_solve([child_id], matching.chooser.settings())

    def left_care(self) -> None:
        row = self.selected_row()
        if row is None or row.status == ChildStatus.LEFT_CARE:
            return
        question = self.tr("Record that %1 has left care? A current placement ends today.").replace("%1", row.name)
        if QMessageBox.question(self, self.tr("Left care"), question) != QMessageBox.StandardButton.Yes:
            return
        self.context.run(
            lambda s, a, _st: child_register.mark_child_left_care(s, a, row.id),
            lambda _r: None,
            changes=Changes(children=True, placements=True),
            error_parent=self,
        )

    def end_placement(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.dialog = EndPlacementForm(self.context, row.id, row.name, parent=self)
            self.dialog.open()

    def report_missing(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.dialog = MissingForm(self.context, row.id, row.name, parent=self)
            self.dialog.open()

    def report_found(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.dialog = FoundForm(self.context, row.id, row.name, parent=self)
            self.dialog.open()

    def update_episode(self) -> None:
        row = self.selected_row()
        if row is not None:
            open_episode_form(self.context, row.id, row.name, self)

    def other_names(self) -> None:
        row = self.selected_row()
        if row is not None:
            open_alias_form(self.context, row.id, row.name, self)

    def show_authorisations(self) -> None:
        row = self.selected_row()
        if row is not None:
            open_authorisation_form(self.context, row.id, row.name, self)

    def show_history(self) -> None:
        row = self.selected_row()
        if row is not None:
            open_child_history(self.context, row.id, self)

    def place_again(self) -> None:
        row = self.selected_row()
        if row is not None and row.status != ChildStatus.LEFT_CARE:
            start_replacement(self, row.id, row.name, "breakdown-family")
