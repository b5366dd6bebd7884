"""Add or edit a school."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from catalogue import codes
from placement.errors import Problem
from placement.ids import SchoolId
from placement.services.registers import school_register
from placement.services.registers.school_register import SchoolInput
from ui.context import AppContext, Changes
from ui.family_form import postcode_note
from ui.form_dialog import FormDialog, checked_values, code_check_list


class SchoolForm(FormDialog):
    changes = Changes(schools=True)

    def __init__(
        self,
        context: AppContext,
        school_id: SchoolId | None = None,
        data: SchoolInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("New school") if school_id is None else self.tr("Edit school"))
        self.school_id = school_id
        data = data or SchoolInput()
        self.code = self.add_field("duo_code", self.tr("DUO code"), QLineEdit(data.duo_code))
        self.name = self.add_field("name", self.tr("Name"), QLineEdit(data.name))
        self.kinds = self.add_field("kinds", self.tr("Kinds"), code_check_list(codes.SCHOOL_KINDS, data.kinds))
        self.seats = self.add_field("free_seats", self.tr("Free seats"), QSpinBox())
        self.seats.setRange(0, 9999)
        self.seats.setValue(data.free_seats)
        self.place = QLabel()
        self.postcode = self.add_field("postcode", self.tr("Postcode"), QLineEdit(data.postcode), self.place)
        self.postcode.textChanged.connect(lambda text: self.place.setText(postcode_note(text)))
        self.place.setText(postcode_note(data.postcode))
        self.dirty = False

    def collect(self) -> SchoolInput:
        return SchoolInput(
            duo_code=self.code.text(),
            name=self.name.text(),
            kinds=checked_values(self.kinds),
            free_seats=self.seats.value(),
            postcode=self.postcode.text(),
        )

    def validate(self, data: SchoolInput) -> list[Problem]:
        return school_register.validate_school(data)

    def save(self, session: Any, actor: Any, data: SchoolInput) -> SchoolId:
        if self.school_id is None:
            return school_register.create_school(session, actor, data)
        school_register.update_school(session, actor, self.school_id, data)
        return self.school_id
