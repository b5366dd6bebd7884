"""Add or edit a child."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from placement.errors import Problem
from placement.ids import ChildId
from placement.provinces import provinces
from placement.school_kinds import KINDS
from placement.services import registry
from placement.services.registry import ChildInput, NetworkRow
from ui.context import AppContext, Changes
from ui.form_dialog import FormDialog, check_list, checked_values, optional_number, split_codes
from ui.tag_names import tag_text


class ChildForm(FormDialog):
    changes = Changes(children=True, networks=True)

    def __init__(
        self,
        context: AppContext,
        networks: list[NetworkRow],
        child_id: ChildId | None = None,
        data: ChildInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("New child") if child_id is None else self.tr("Edit child"))
        self.child_id = child_id
        data = data or ChildInput(date_of_birth=dt.date.today().replace(year=dt.date.today().year - 10))
        self.version = data.version
        self.name = self.add_field("name", self.tr("Name"), QLineEdit(data.name))
        born = data.date_of_birth or dt.date.today()
        self.born = self.add_field("date_of_birth", self.tr("Date of birth"), QDateEdit(QDate(born.year, born.month, born.day)))
        self.born.setCalendarPopup(True)
        self.gender = self.add_field("gender", self.tr("Gender"), QComboBox())
        for code, text in (("f", self.tr("girl")), ("m", self.tr("boy")), ("x", self.tr("non-binary"))):
            self.gender.addItem(text, code)
        self.gender.setCurrentIndex(max(0, self.gender.findData(data.gender)))
        self.priority = self.add_field("priority", self.tr("Priority (5 = most urgent)"), QSpinBox())
        self.priority.setRange(1, registry.MAX_PRIORITY)
        self.priority.setValue(data.priority)
        self.school_kind = self.add_field("school_kind", self.tr("School"), QComboBox())
        self.school_kind.addItem(self.tr("no school place needed"), None)
        for kind in KINDS:
            self.school_kind.addItem(tag_text(kind), kind)
        self.school_kind.setCurrentIndex(max(0, self.school_kind.findData(data.school_kind)))
        self.training = self.add_field(
            "training_needed", self.tr("Training needed"), check_list(registry.TRAINING_TAGS, data.training_needed, [tag_text(t) for t in registry.TRAINING_TAGS])
        )
        self.region = self.add_field("region", self.tr("Region"), QComboBox())
        self.region.setToolTip(self.tr("Province of the office that took the child into care: which team handles the child"))
        self.region.addItem(self.tr("unknown"), None)
        for province in provinces():
            self.region.addItem(province, province)
        self.region.setCurrentIndex(max(0, self.region.findData(data.region)))
        self.languages = self.add_field("languages", self.tr("Languages"), QLineEdit(", ".join(data.languages)))
        self.safety = self.add_field("safety_km", self.tr("Safety distance (km)"), QLineEdit(self._number(data.safety_km)))
        self.safety.setPlaceholderText(self.tr("session default"))
        self.school_km = self.add_field(
            "max_school_km", self.tr("Longest school trip (km)"), QLineEdit(self._number(data.max_school_km))
        )
        self.school_km.setPlaceholderText(self.tr("session default"))
        self.networks = self.add_field(
            "network_ids",
            self.tr("Networks"),
            check_list([n.id for n in networks], data.network_ids, [f"N{n.id} {n.label}" for n in networks]),
        )
        self.notes = self.add_field("notes", self.tr("Notes"), QPlainTextEdit(data.notes))
        self.notes.setMaximumHeight(70)
        self.notes.setToolTip(self.tr(
            "Lines that start with [deelbaar] also go into the dossiers for the foster family and the "
            "school; every other line only into the guardian's copy"))
        self.dirty = False

    @staticmethod
    def _number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    def collect(self) -> ChildInput:
        born = self.born.date()
        return ChildInput(
            name=self.name.text(),
            date_of_birth=dt.date(born.year(), born.month(), born.day()),
            gender=self.gender.currentData(),
            priority=self.priority.value(),
            school_kind=self.school_kind.currentData(),
            training_needed=checked_values(self.training),
            languages=split_codes(self.languages.text()),
            safety_km=optional_number(self.safety.text(), "safety_km"),
            max_school_km=optional_number(self.school_km.text(), "max_school_km"),
            network_ids=checked_values(self.networks),
            notes=self.notes.toPlainText(),
            region=self.region.currentData(),
            version=self.version,
        )

    def validate(self, data: ChildInput) -> list[Problem]:
        return registry.validate_child(data)

    def save(self, session: Any, actor: Any, data: ChildInput) -> ChildId:
        if self.child_id is None:
            return registry.create_child(session, actor, data)
        registry.update_child(session, actor, self.child_id, data)
        return self.child_id
