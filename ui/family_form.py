"""Add or edit a foster family."""

from __future__ import annotations

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

from catalogue import codes, limits
from placement import postcodes
from placement.errors import Problem
from placement.ids import FamilyId
from placement.services.registers import family_register
from placement.services.registers.family_register import FamilyInput
from ui.context import AppContext, Changes
from ui.form_dialog import (
    FormDialog,
    checked_values,
    code_check_list,
    languages_text,
    typed_languages,
)
from ui.i18n import code_name, code_names


def postcode_note(text: str) -> str:
    """'Place, municipality (province)' for a postcode, or '' while it is incomplete."""
    try:
        info = postcodes.lookup(text)
    except ValueError:
        return ""
    return f"{info.place}, {info.municipality} ({info.province})"


class FamilyForm(FormDialog):
    changes = Changes(families=True)

    def __init__(
        self,
        context: AppContext,
        family_id: FamilyId | None = None,
        data: FamilyInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("New foster family") if family_id is None else self.tr("Edit foster family"))
        self.family_id = family_id
        data = data or FamilyInput()
        self.version = data.version
        self.name = self.add_field("name", self.tr("Name"), QLineEdit(data.name))
        self.address = self.add_field("address", self.tr("Address"), QLineEdit(data.address))
        self.place = QLabel()
        self.postcode = self.add_field("postcode", self.tr("Postcode"), QLineEdit(data.postcode), self.place)
        self.postcode.setPlaceholderText("1234 AB")
        self.postcode.textChanged.connect(self._postcode_changed)
        self.places = self.add_field("total_places", self.tr("Places"), self._spin(limits.PLACES, data.total_places))
        self.age_min = self.add_field("age_min", self.tr("Youngest age"), self._spin(limits.AGE, data.age_min))
        self.age_max = self.add_field("age_max", self.tr("Oldest age"), self._spin(limits.AGE, data.age_max))
        genders = QWidget()
        row = QHBoxLayout(genders)
        row.setContentsMargins(0, 0, 0, 0)
        self.gender_boxes = {code: QCheckBox(code_name(codes.GENDERS, code)) for code in codes.GENDERS.values}
        for code, box in self.gender_boxes.items():
            box.setChecked(code in data.genders)
            box.toggled.connect(self._mark_dirty)
            row.addWidget(box)
        row.addStretch()
        self.add_field("genders", self.tr("Takes"), genders)
        self.training = self.add_field("training", self.tr("Training"), code_check_list(codes.TRAININGS, data.training))
        self.languages = self.add_field("languages", self.tr("Languages"), QLineEdit(languages_text(data.languages)))
        self.languages.setPlaceholderText(code_names(codes.LANGUAGES, ("nl", "en", "ar")))
        self.notes = self.add_field("notes", self.tr("Notes"), QPlainTextEdit(data.notes))
        self.notes.setMaximumHeight(70)
        self._postcode_changed(data.postcode)
        self.dirty = False

    def _spin(self, allowed: limits.Range, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(allowed.low, allowed.high)
        spin.setValue(value)
        return spin

    def _mark_dirty(self, *_: Any) -> None:
        self.dirty = True

    def _postcode_changed(self, text: str) -> None:
        note = postcode_note(text)
        if note:
            self.place.setText(note)
        elif text.strip():
            self.place.setText(self.tr("unknown postcode"))
        else:
            self.place.setText("")

    def collect(self) -> FamilyInput:
        languages, problem = typed_languages(self.languages.text(), "languages")
        self.typed_problems = [problem] if problem else []
        return FamilyInput(
            name=self.name.text(),
            address=self.address.text(),
            postcode=self.postcode.text(),
            total_places=self.places.value(),
            age_min=self.age_min.value(),
            age_max=self.age_max.value(),
            genders=[code for code, box in self.gender_boxes.items() if box.isChecked()],
            languages=languages,
            training=checked_values(self.training),
            notes=self.notes.toPlainText(),
            version=self.version,
        )

    def validate(self, data: FamilyInput) -> list[Problem]:
        return family_register.validate_family(data)

    def save(self, session: Any, actor: Any, data: FamilyInput) -> FamilyId:
        if self.family_id is None:
            return family_register.create_family(session, actor, data)
        family_register.update_family(session, actor, self.family_id, data)
        return self.family_id
