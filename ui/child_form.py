"""Add or edit a child."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from catalogue import codes, limits
from catalogue.validation_sentences import Complaint
from placement.errors import InputError, Problem
from placement.ids import ChildId
from placement.provinces import provinces
from placement.services.registers import child_register
from placement.services.registers.child_register import ChildInput, GuardianRow
from placement.services.registers.network_register import NetworkRow
from ui.context import AppContext, Changes
from ui.form_dialog import (
    CodeComboBox,
    FormDialog,
    check_list,
    checked_values,
    code_check_list,
    languages_text,
    optional_number,
    typed_languages,
)


def parse_date(text: str) -> dt.date | None:
    """A date typed the Dutch way (31-12-2015, 31/12/2015, 31.12.2015) or as
    2015-12-31; empty is ``None``; anything else raises :class:`InputError`."""
    text = text.strip()
    if not text:
        return None
    parts = text.replace("/", "-").replace(".", "-").split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 3 and len(parts[2]) == 4:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        pass
    raise InputError([Problem.of("date_of_birth", Complaint("date.invalid"))])


class ChildForm(FormDialog):
    """Date of birth, gender and region start empty and must be chosen: the
    form invents nothing (a guessed age or region would decide a placement)."""

    changes = Changes(children=True, networks=True)

    def __init__(
        self,
        context: AppContext,
        networks: list[NetworkRow],
        child_id: ChildId | None = None,
        data: ChildInput | None = None,
        parent: QWidget | None = None,
        guardians: list[GuardianRow] | None = None,
    ) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("New child") if child_id is None else self.tr("Edit child"))
        self.child_id = child_id
        data = data or ChildInput()
        self.version = data.version
        self.name = self.add_field("name", self.tr("Name"), QLineEdit(data.name))
        born = data.date_of_birth
        self.born = self.add_field(
            "date_of_birth", self.tr("Date of birth"), QLineEdit(born.strftime("%d-%m-%Y") if born else "")
        )
        self.born.setPlaceholderText(self.tr("dd-mm-yyyy"))
        self.gender = self.add_field("gender", self.tr("Gender"), CodeComboBox(codes.GENDERS, self.tr("— choose —")))
        self.gender.setCurrentIndex(max(0, self.gender.findData(data.gender)))
        self.priority = self.add_field("priority", self.tr("Priority (5 = most urgent)"), QSpinBox())
        self.priority.setRange(limits.PRIORITY.low, limits.PRIORITY.high)
        self.priority.setValue(data.priority)
        self.school_kind = self.add_field(
            "school_kind", self.tr("School"), CodeComboBox(codes.SCHOOL_KINDS, self.tr("no school place needed"))
        )
        self.school_kind.setCurrentIndex(max(0, self.school_kind.findData(data.school_kind)))
        self.training = self.add_field(
            "training_needed", self.tr("Training needed"), code_check_list(codes.TRAININGS, data.training_needed)
        )
        self.region = self.add_field("region", self.tr("Region"), QComboBox())
        self.region.setToolTip(self.tr("Province of the office that took the child into care: which team handles the child"))
        self.region.addItem(self.tr("— choose —"), None)
        for province in provinces():
            self.region.addItem(province, province)
        self.region.setCurrentIndex(max(0, self.region.findData(data.region)))
        self.languages = self.add_field("languages", self.tr("Languages"), QLineEdit(languages_text(data.languages)))
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
        self.guardian: QComboBox | None = None
        self.guardian_id = data.guardian_id
        if guardians is not None:  # officers: whoever may not assign does not see the choice
            self.guardian = self.add_field("guardian_id", self.tr("Guardian"), QComboBox())
            self.guardian.setToolTip(self.tr("The guardian sees this child's file and prints its dossier"))
            self.guardian.addItem(self.tr("nobody yet"), None)
            for g in guardians:
                self.guardian.addItem(f"{g.display_name} ({g.username})", g.id)
            self.guardian.setCurrentIndex(max(0, self.guardian.findData(data.guardian_id)))
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
        self.typed_problems = []
        try:
            born = parse_date(self.born.text())
        except InputError as exc:  # shown with the other problems, not alone
            born = None
            self.typed_problems += exc.problems
        languages, problem = typed_languages(self.languages.text(), "languages")
        self.typed_problems += [problem] if problem else []
        return ChildInput(
            name=self.name.text(),
            date_of_birth=born,
            gender=self.gender.currentData(),
            priority=self.priority.value(),
            school_kind=self.school_kind.currentData(),
            training_needed=checked_values(self.training),
            languages=languages,
            safety_km=optional_number(self.safety.text(), "safety_km"),
            max_school_km=optional_number(self.school_km.text(), "max_school_km"),
            network_ids=checked_values(self.networks),
            notes=self.notes.toPlainText(),
            region=self.region.currentData(),
            guardian_id=self.guardian.currentData() if self.guardian is not None else self.guardian_id,
            version=self.version,
        )

    def validate(self, data: ChildInput) -> list[Problem]:
        return child_register.validate_child(data)

    def save(self, session: Any, actor: Any, data: ChildInput) -> ChildId:
        if self.child_id is None:
            return child_register.create_child(session, actor, data)
        child_register.update_child(session, actor, self.child_id, data)
        return self.child_id
