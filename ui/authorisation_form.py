"""Machtigingen: a child's court authorisations for closed youth care, and
a form to record a new one (kind, first and last valid day, the court's
reference). A child may be placed in a closed unit only while one is valid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from catalogue import codes
from placement.errors import InputError, Problem
from placement.services import authorisations
from ui.context import AppContext, Changes
from ui.form_dialog import FormDialog
from ui.i18n import code_name


@dataclass(frozen=True, slots=True)
class AuthorisationInput:
    kind: str
    valid_from: dt.date
    valid_until: dt.date
    court_reference: str


def _day(day: dt.date) -> str:
    return QLocale().toString(QDate(day), QLocale.FormatType.ShortFormat)


class AuthorisationForm(FormDialog):
    changes = Changes(children=True)

    def __init__(self, context: AppContext, child_id: int, child_name: str,
                 known: list[authorisations.AuthorisationRow], parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("Authorisations for closed care of %1").replace("%1", child_name))
        self.child_id = child_id
        lines = [
            self.tr("%1 from %2 until %3 (%4)").replace("%1", code_name(codes.AUTHORISATION_KINDS, a.kind))
            .replace("%2", _day(a.valid_from)).replace("%3", _day(a.valid_until)).replace("%4", a.court_reference)
            for a in known
        ]  # fmt: skip
        self.form.addRow(self.tr("Known"), QLabel("\n".join(lines) or self.tr("none yet")))
        self.kind = QComboBox()
        for code in codes.AUTHORISATION_KINDS.values:
            self.kind.addItem(code_name(codes.AUTHORISATION_KINDS, code), code)
        self.add_field("kind", self.tr("Kind"), self.kind)
        self.valid_from = self.add_field("valid_from", self.tr("Valid from (dd-mm-yyyy)"), QLineEdit())
        self.valid_until = self.add_field("valid_until", self.tr("Valid until (dd-mm-yyyy)"), QLineEdit())
        self.reference = self.add_field("court_reference", self.tr("Court reference"), QLineEdit())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Add"))

    def _date(self, name: str, widget: QLineEdit) -> dt.date:
        try:
            return dt.datetime.strptime(widget.text().strip(), "%d-%m-%Y").date()
        except ValueError:
            raise InputError([Problem(name, self.tr("is not a date (dd-mm-yyyy)"))]) from None

    def collect(self) -> AuthorisationInput:
        problems = []
        dates = {}
        for name, widget in (("valid_from", self.valid_from), ("valid_until", self.valid_until)):
            try:
                dates[name] = self._date(name, widget)  # type: ignore[arg-type]
            except InputError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
        return AuthorisationInput(self.kind.currentData(), dates["valid_from"], dates["valid_until"],
                                  self.reference.text().strip())  # type: ignore[attr-defined]

    def validate(self, data: AuthorisationInput) -> list[Problem]:
        problems = []
        if data.valid_until < data.valid_from:
            problems.append(Problem("valid_until", self.tr("ends before it starts")))
        if not data.court_reference:
            problems.append(Problem("court_reference", self.tr("is required")))
        return problems

    def save(self, session: Any, actor: Any, data: AuthorisationInput) -> authorisations.AuthorisationRow:
        return authorisations.record(
            session, actor, self.child_id, kind=data.kind, valid_from=data.valid_from,
            valid_until=data.valid_until, court_reference=data.court_reference,
        )  # fmt: skip


def open_authorisation_form(context: AppContext, child_id: int, child_name: str, page: QWidget) -> None:
    def show(known: list[authorisations.AuthorisationRow]) -> None:
        form = AuthorisationForm(context, child_id, child_name, known, page)
        page.dialog = form  # type: ignore[attr-defined]
        form.open()

    context.run(lambda s, a, _st: authorisations.of_child(s, a, child_id), show, error_parent=page)
