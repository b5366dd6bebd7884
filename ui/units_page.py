"""The register of closed youth-care units (Gesloten afdelingen): its own
page, never called families. A unit takes only children a court has
authorised for closed care; its places count apart in the capacity review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from catalogue import limits
from catalogue.codes import GENDERS, SCHOOL_KINDS, TRAININGS
from placement.errors import Problem
from placement.ids import FamilyId
from placement.services import units
from placement.services.permissions import Action
from placement.services.units import UnitInput, UnitRow
from placement.storage.models import FamilyStatus
from ui.context import AppContext, Changes
from ui.family_form import postcode_note
from ui.form_dialog import FormDialog, checked_values, code_check_list
from ui.i18n import code_name, code_names
from ui.registry_page import RegistryPage
from ui.table_model import Column


class UnitForm(FormDialog):
    changes = Changes(families=True)

    def __init__(self, context: AppContext, unit_id: FamilyId | None = None, data: UnitInput | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("New closed unit") if unit_id is None else self.tr("Edit closed unit"))
        self.unit_id = unit_id
        data = data or UnitInput()
        self.version = data.version
        self.name = self.add_field("name", self.tr("Name"), QLineEdit(data.name))
        self.address = self.add_field("address", self.tr("Address"), QLineEdit(data.address))
        self.place = QLabel()
        self.postcode = self.add_field("postcode", self.tr("Postcode"), QLineEdit(data.postcode), self.place)
        self.postcode.setPlaceholderText("1234 AB")
        self.postcode.textChanged.connect(lambda text: self.place.setText(postcode_note(text)))
        self.places = self.add_field("total_places", self.tr("Places (at most 60)"),
                                     self._spin(0, limits.UNIT_PLACES.high, data.total_places))  # fmt: skip
        self.age_min = self.add_field("age_min", self.tr("Youngest age"), self._spin(0, limits.AGE.high, data.age_min))
        self.age_max = self.add_field("age_max", self.tr("Oldest age"), self._spin(0, limits.AGE.high, data.age_max))
        genders = QWidget()
        row = QHBoxLayout(genders)
        row.setContentsMargins(0, 0, 0, 0)
        self.gender_boxes = {code: QCheckBox(code_name(GENDERS, code)) for code in GENDERS.values}
        for code, box in self.gender_boxes.items():
            box.setChecked(code in data.genders)
            row.addWidget(box)
        row.addStretch()
        self.add_field("genders", self.tr("Takes"), genders)
        self.training = self.add_field("training", self.tr("Specialisms"), code_check_list(TRAININGS, data.training))
        self.school = self.add_field("school_on_site", self.tr("School on site"),
                                     code_check_list(SCHOOL_KINDS, data.school_on_site))  # fmt: skip
        self.notes = self.add_field("notes", self.tr("Notes"), QPlainTextEdit(data.notes))
        self.notes.setMaximumHeight(60)
        self.place.setText(postcode_note(data.postcode))
        self.dirty = False

    @staticmethod
    def _spin(low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def collect(self) -> UnitInput:
        return UnitInput(
            name=self.name.text(), address=self.address.text(), postcode=self.postcode.text(),
            total_places=self.places.value(), age_min=self.age_min.value(), age_max=self.age_max.value(),
            genders=[code for code, box in self.gender_boxes.items() if box.isChecked()],
            training=checked_values(self.training), school_on_site=checked_values(self.school),
            notes=self.notes.toPlainText(), version=self.version,
        )  # fmt: skip

    def validate(self, data: UnitInput) -> list[Problem]:
        return units.validate_unit(data)

    def save(self, session: Any, actor: Any, data: UnitInput) -> FamilyId:
        if self.unit_id is None:
            return units.create_unit(session, actor, data)
        units.update_unit(session, actor, self.unit_id, data)
        return self.unit_id


class UnitsPage(RegistryPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self.form: UnitForm | None = None
        super().__init__(context, parent)
        self.province_filter = self.add_filter("province", self.tr("Region"), [(self.tr("all"), None)])
        self.add_filter(
            "free",
            self.tr("Free places"),
            [(self.tr("all"), None), (self.tr("at least 1"), lambda r: r.free_places > 0)],
        )
        self._update_buttons()

    def edit_permission(self) -> Action | None:
        return Action.EDIT_FAMILY

    def id_prefix(self) -> str:
        return "F"

    def title(self) -> str:
        return self.tr("Closed units")

    def status_text(self, status: FamilyStatus) -> str:
        return self.tr("active") if status == FamilyStatus.ACTIVE else self.tr("paused")

    def columns(self) -> Sequence[Column]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Municipality"), lambda r: r.municipality),
            Column(self.tr("Region"), lambda r: r.province),
            Column(self.tr("Places"), lambda r: r.total_places, numeric=True),
            Column(self.tr("Free"), lambda r: r.free_places, numeric=True),
            Column(self.tr("Ages"), lambda r: f"{r.age_min}–{r.age_max}"),
            Column(self.tr("Specialisms"), lambda r: code_names(TRAININGS, r.training)),
            Column(self.tr("School on site"), lambda r: code_names(SCHOOL_KINDS, r.school_on_site)),
            Column(self.tr("Status"), lambda r: self.status_text(r.status)),
        ]

    def load(self, session: Any, actor: Any) -> list[UnitRow]:
        return units.list_units(session, actor)

    def rows_loaded(self, rows: list[UnitRow]) -> None:
        provinces = sorted({r.province for r in rows if r.province})
        self.set_filter_options(
            self.province_filter, [(self.tr("all"), None)] + [(p, self._in_province(p)) for p in provinces]
        )

    @staticmethod
    def _in_province(province: str) -> Any:
        return lambda r: r.province == province

    def cares_about(self, changes: Changes) -> bool:
        return changes.families or changes.placements or changes.children

    def new_item(self) -> None:
        self.form = UnitForm(self.context, parent=self)
        self.form.open()

    def edit_item(self, row: UnitRow) -> None:
        def show(data: UnitInput) -> None:
            self.form = UnitForm(self.context, row.id, data, parent=self)
            self.form.open()

        self.context.run(lambda s, a, _st: units.get_unit(s, a, row.id), show, error_parent=self)
