"""After the placement, in the app: end a placement with a reason, report a
child missing (the risk grade's rule beside it), record that it was found,
end a family's review, and the history of a child or a family.

The forms call the same services as the command line; each problem is shown
under the field it names.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from catalogue import limits
from catalogue.numbers import km
from catalogue.sentences import leak_name
from placement.aftercare_codes import END_REASONS, NOTIFICATIONS, RISK_GRADES
from placement.errors import InputError, Problem
from placement.services import compromised, history, missing, placements
from placement.services.dossier import police_sheet, printing
from placement.services.registers import child_register
from ui.context import AppContext, Changes, show_error
from ui.form_dialog import FormDialog, check_list, checked_values
from ui.i18n import current_language


def dutch() -> bool:
    return QLocale().language() != QLocale.Language.English


def reason_text(code: str | None) -> str:
    if code is None:
        return ""
    reason = END_REASONS.get(code)
    if reason is None:
        return code  # an older free-text reason
    return reason.nl if dutch() else reason.en


def risk_text(code: str) -> str:
    grade = RISK_GRADES[code]
    return grade.nl if dutch() else grade.en


def risk_rule(code: str) -> str:
    grade = RISK_GRADES[code]
    return grade.rule_nl if dutch() else grade.rule_en


def notification_text(code: str) -> str:
    nl, en = NOTIFICATIONS[code]
    return nl if dutch() else en


def local_text(at: dt.datetime | None) -> str:
    """A stored UTC time in the workstation's time, written as the locale writes it."""
    if at is None:
        return ""
    local = at.replace(tzinfo=dt.UTC).astimezone()
    return QLocale().toString(QDateTime(QDate(local.year, local.month, local.day),
                                        QTime(local.hour, local.minute)), QLocale.FormatType.ShortFormat)


def to_utc(value: QDateTime) -> dt.datetime:
    local = dt.datetime(value.date().year(), value.date().month(), value.date().day(),
                        value.time().hour(), value.time().minute())
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _now_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy HH:mm")
    return edit


class EndPlacementForm(FormDialog):
    """Plaatsing beëindigen: the reason decides whether the child waits again or leaves care."""

    changes = Changes(children=True, placements=True, families=True)

    def __init__(self, context: AppContext, child_id: int, child_name: str, parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("End placement of %1").replace("%1", child_name))
        self.child_id = child_id
        self.reason = QComboBox()
        for code in END_REASONS:
            self.reason.addItem(reason_text(code), code)
        self.after = QLabel()
        self.after.setWordWrap(True)
        self.reason.currentIndexChanged.connect(lambda _n: self._explain())
        self.add_field("reason", self.tr("Reason"), self.reason, self.after)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd-MM-yyyy")
        self.add_field("end_date", self.tr("Last day"), self.on)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(80)
        self.add_field("note", self.tr("Note"), self.note)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("End placement"))
        self._explain()

    def _explain(self) -> None:
        reason = END_REASONS[self.reason.currentData()]
        self.after.setText(self.tr("The child leaves care.") if reason.leaves_care
                           else self.tr("The child waits for a new place."))

    def collect(self) -> dict[str, Any]:
        return {"reason": self.reason.currentData(), "on": _date(self.on.date()),
                "note": self.note.toPlainText().strip()}

    def validate(self, data: dict[str, Any]) -> list[Problem]:
        if END_REASONS[data["reason"]].needs_note and not data["note"]:
            return [Problem("note", self.tr("say what happened"))]
        return []

    def save(self, session: Any, actor: Any, data: dict[str, Any]) -> int:
        return placements.end_child_placement(session, actor, self.child_id, on_date=data["on"],
                                              reason=data["reason"], note=data["note"])


class MissingForm(FormDialog):
    """Vermist melden: last seen when and where, and the risk grade with its rule."""

    changes = Changes(children=True, placements=True, families=True, networks=True)

    def __init__(self, context: AppContext, child_id: int, child_name: str, parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("Report %1 missing").replace("%1", child_name))
        self.setMinimumWidth(640)
        self.child_id = child_id
        self.last_seen = self.add_field("last_seen", self.tr("Last seen at"), _now_edit())
        self.where = self.add_field("where", self.tr("Last seen where"), QLineEdit())
        self.risk = QComboBox()
        for code in RISK_GRADES:
            self.risk.addItem(risk_text(code), code)
        self.risk.setCurrentIndex(1)
        self.rule = QLabel()
        self.rule.setObjectName("risk_rule")
        self.rule.setWordWrap(True)
        self.rule.setMinimumHeight(self.rule.fontMetrics().lineSpacing() * 4)
        self.risk.currentIndexChanged.connect(lambda _n: self._explain())
        self.add_field("risk", self.tr("Risk"), self.risk, self.rule)
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(80)
        self.add_field("description", self.tr("Description"), self.description)
        consequence = QLabel(self.tr(
            "The family the child ran from is paused for review, and its address becomes a known location "
            "of every network the child is linked to."))
        consequence.setWordWrap(True)
        self.form.addRow(consequence)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Report missing"))
        self._explain()

    def _explain(self) -> None:
        code = self.risk.currentData()
        due = (self.tr("Police report: at once.") if RISK_GRADES[code].police_due_after == dt.timedelta(0)
               else self.tr("Police report: within 24 hours of the last sighting."))
        self.rule.setText(f"{risk_rule(code)}\n{due}")

    def collect(self) -> dict[str, Any]:
        return {"last_seen": to_utc(self.last_seen.dateTime()), "where": self.where.text().strip(),
                "risk": self.risk.currentData(), "description": self.description.toPlainText().strip()}

    def validate(self, data: dict[str, Any]) -> list[Problem]:
        return []

    def save(self, session: Any, actor: Any, data: dict[str, Any]) -> missing.MissingReport:
        return missing.report_missing(session, actor, self.child_id, last_seen=data["last_seen"], risk=data["risk"],
                                      where=data["where"], description=data["description"])


class FoundForm(FormDialog):
    """Gevonden: when (and in which country, if abroad); the return interview is then due within 72 hours."""

    changes = Changes(children=True)

    def __init__(self, context: AppContext, child_id: int, child_name: str, parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("%1 found").replace("%1", child_name))
        self.child_id = child_id
        self.at = self.add_field("at", self.tr("Found at"), _now_edit())
        self.country = self.add_field("country", self.tr("Country (if abroad)"), QLineEdit())
        self.country.setPlaceholderText("BE, DE, …")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Record found"))

    def collect(self) -> dict[str, Any]:
        return {"at": to_utc(self.at.dateTime()), "country": self.country.text().strip() or None}

    def validate(self, data: dict[str, Any]) -> list[Problem]:
        return []

    def save(self, session: Any, actor: Any, data: dict[str, Any]) -> missing.EpisodeRow:
        return missing.found(session, actor, self.child_id, at=data["at"], country=data["country"])


class EpisodeForm(FormDialog):
    """Vermissing bijwerken: tick the notifications made (each with time and
    user) and record the return interview, with who held it."""

    changes = Changes(children=True)

    def __init__(self, context: AppContext, child_id: int, child_name: str, episode: missing.EpisodeRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("Missing episode of %1").replace("%1", child_name))
        self.child_id = child_id
        self.episode = episode
        done = [self.tr("%1: %2 by %3").replace("%1", notification_text(item))
                .replace("%2", local_text(dt.datetime.fromisoformat(tick["at"]))).replace("%3", tick["by"])
                for item, tick in episode.checklist.items()]  # fmt: skip
        status = QLabel("\n".join(done) or self.tr("Nobody notified yet."))
        status.setObjectName("ticked")
        status.setWordWrap(True)
        self.form.addRow(self.tr("Notified"), status)
        open_items = list(episode.clocks.open_items)
        labels = [notification_text(i) for i in open_items]
        if "comensha" in open_items:
            signer = self.tr("the child") if episode.clocks.consent_by == "child" else self.tr("the guardian")
            labels[open_items.index("comensha")] += " " + self.tr("(consent signed by %1)").replace("%1", signer)
        self.items = self.add_field("item", self.tr("Notify now"), check_list(open_items, (), labels))
        self.sheet_button = QPushButton(self.tr("Save the missing-person sheet for the police…"))
        self.sheet_button.clicked.connect(self._ask_sheet)
        self.sheet_status = QLabel()
        self.sheet_status.setWordWrap(True)
        self.form.addRow(self.sheet_button)
        self.form.addRow(self.sheet_status)
        self.interview_by = QLineEdit()
        self.interview_at = _now_edit()
        if episode.found_at is not None and episode.interview_at is None:
            self.add_field("held_by", self.tr("Return interview held by"), self.interview_by)
            self.add_field("at", self.tr("Interview held at"), self.interview_at)

    def _ask_sheet(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the missing-person sheet"),
                                              f"vermissing-C{self.child_id}.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_sheet(Path(path))

    def save_sheet(self, path: Path) -> None:
        child_id = self.child_id

        def done(written: Path) -> None:
            self.sheet_status.setText(self.tr("Saved: %1").replace("%1", written.name))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, printing.DossierRefused):
                shown = ", ".join(leak_name(leak, current_language()) for leak in exc.leaks)
                self.sheet_status.setText(self.tr("Not saved: the sheet would show %1. Nothing was written; "
                                                  "please report this.").replace("%1", shown))
            else:
                show_error(self, exc)

        self.context.run(lambda s, a, _st: police_sheet.write_missing_person_sheet(s, a, child_id, path), done,
                         on_failed=failed)

    def collect(self) -> dict[str, Any]:
        return {"items": checked_values(self.items), "held_by": self.interview_by.text().strip(),
                "at": to_utc(self.interview_at.dateTime())}

    def validate(self, data: dict[str, Any]) -> list[Problem]:
        return []

    def save(self, session: Any, actor: Any, data: dict[str, Any]) -> None:
        for item in data["items"]:
            missing.tick(session, actor, self.child_id, item)
        if data["held_by"]:
            missing.record_interview(session, actor, self.child_id, held_by=data["held_by"], at=data["at"])


NEVER_MISSING = (QT_TRANSLATE_NOOP("EpisodeForm", "Missing episode"),
                 QT_TRANSLATE_NOOP("EpisodeForm", "%1 has never been reported missing."))


def open_episode_form(context: AppContext, child_id: int, child_name: str, page: QWidget) -> None:
    """The child's current (or last) episode in an :class:`EpisodeForm`."""

    def show(rows: list[missing.EpisodeRow]) -> None:
        if not rows:
            title = QCoreApplication.translate("EpisodeForm", NEVER_MISSING[0])
            text = QCoreApplication.translate("EpisodeForm", NEVER_MISSING[1]).replace("%1", child_name)
            QMessageBox.information(page, title, text)
            return
        form = EpisodeForm(context, child_id, child_name, rows[0], page)
        page.dialog = form  # type: ignore[attr-defined]
        form.open()

    context.run(lambda s, a, _st: missing.episodes_of_child(s, a, child_id), show, error_parent=page)


class AliasForm(FormDialog):
    """Andere namen: another name, date of birth or nationality the child is
    known by. Used by search, import and the police's sheet; never printed for
    outside recipients."""

    changes = Changes(children=True)

    def __init__(self, context: AppContext, child_id: int, child_name: str, known: list[child_register.AliasInput],
                 parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("Other names of %1").replace("%1", child_name))
        self.child_id = child_id
        lines = [" ".join(x for x in (a.name, a.date_of_birth.strftime("%d-%m-%Y") if a.date_of_birth else "",
                                      a.nationality or "") if x) for a in known]
        self.form.addRow(self.tr("Known"), QLabel("\n".join(lines) or self.tr("none yet")))
        self.name = self.add_field("name", self.tr("Name"), QLineEdit())
        self.born = self.add_field("date_of_birth", self.tr("Date of birth (dd-mm-yyyy)"), QLineEdit())
        self.nationality = self.add_field("nationality", self.tr("Nationality (two letters)"), QLineEdit())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Add"))

    def collect(self) -> child_register.AliasInput:
        text = self.born.text().strip()
        born = None
        if text:
            try:
                born = dt.datetime.strptime(text, "%d-%m-%Y").date()
            except ValueError:
                raise InputError([Problem("date_of_birth", self.tr("is not a date (dd-mm-yyyy)"))]) from None
        return child_register.AliasInput(self.name.text().strip(), born, self.nationality.text().strip() or None)

    def validate(self, data: child_register.AliasInput) -> list[Problem]:
        return child_register.validate_alias(data)

    def save(self, session: Any, actor: Any, data: child_register.AliasInput) -> int:
        return child_register.add_alias(session, actor, self.child_id, data)


def open_alias_form(context: AppContext, child_id: int, child_name: str, page: QWidget) -> None:
    def show(known: list[child_register.AliasInput]) -> None:
        form = AliasForm(context, child_id, child_name, known, page)
        page.dialog = form  # type: ignore[attr-defined]
        form.open()

    context.run(lambda s, a, _st: child_register.list_aliases(s, a, child_id), show, error_parent=page)


class EndReviewForm(FormDialog):
    """Beoordeling afronden: the family takes children again; the networks' locations stay."""

    changes = Changes(families=True)

    def __init__(self, context: AppContext, family_id: int, family_name: str, parent: QWidget | None = None) -> None:
        super().__init__(context, "", parent)
        self.setWindowTitle(self.tr("End the review of %1").replace("%1", family_name))
        self.family_id = family_id
        explanation = QLabel(self.tr(
            "The family takes children again. The networks that know its address keep it as a location, "
            "so children linked to them stay away."))
        explanation.setWordWrap(True)
        self.form.addRow(explanation)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(80)
        self.add_field("note", self.tr("Decision"), self.note)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("End review"))

    def collect(self) -> str:
        return self.note.toPlainText().strip()

    def validate(self, data: str) -> list[Problem]:
        return []

    def save(self, session: Any, actor: Any, data: str) -> None:
        compromised.end_review(session, actor, self.family_id, note=data)


def _bold(text: str) -> QLabel:
    return QLabel(f"<b>{text}</b>")


class ReplaceDialog(QDialog):
    """Opnieuw plaatsen: the reason the current placement will end with, the
    priority (5 unless the officer lowers it) and whether keep-together
    siblings come along. The matching page then opens the session."""

    def __init__(self, child_name: str, default_reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Place %1 again").replace("%1", child_name))
        self.reason = QComboBox()
        for code, reason in END_REASONS.items():
            if not reason.leaves_care and not reason.needs_note:
                self.reason.addItem(reason_text(code), code)
        self.reason.setCurrentIndex(max(0, self.reason.findData(default_reason)))
        self.priority = QSpinBox()
        self.priority.setRange(limits.PRIORITY.low, limits.PRIORITY.high)
        self.priority.setValue(limits.PRIORITY.high)
        self.siblings = QCheckBox(self.tr("Include brothers and sisters who must stay together"))
        explanation = QLabel(self.tr(
            "A matching session opens for this child. The current family is forbidden. Accepting ends the "
            "current placement with this reason and starts the new one at once; no other child moves."))
        explanation.setWordWrap(True)
        form = QVBoxLayout(self)
        form.addWidget(explanation)
        for label, widget in ((self.tr("Reason the current placement ends"), self.reason),
                              (self.tr("Priority"), self.priority)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addWidget(caption)
            form.addWidget(widget)
        form.addWidget(self.siblings)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start matching"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addWidget(buttons)


def start_replacement(page: QWidget, child_id: int, child_name: str, default_reason: str) -> None:
    """Ask the officer and open the re-placement session on the matching page."""
    dialog = ReplaceDialog(child_name, default_reason, page)
    page.replace_dialog = dialog  # type: ignore[attr-defined]

    def go() -> None:
        matching = page.window().show_page("matching")  # type: ignore[attr-defined]
        matching.start_replacement_and_solve(child_id, dialog.reason.currentData(), dialog.priority.value(),
                                             dialog.siblings.isChecked())

    dialog.accepted.connect(go)
    dialog.open()


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    table.setMinimumHeight(60 + 24 * min(len(rows), 5))
    return table


class HistoryDialog(QDialog):
    """The current placement and the whole history of a child or a family."""

    def __init__(self, data: history.ChildHistory | history.FamilyHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(820, 560)
        layout = QVBoxLayout(self)
        self.data = data
        self.setWindowTitle(self.tr("History of %1").replace("%1", data.name))
        heading = QLabel(f"<h2>{self.windowTitle().replace('<', '&lt;')}</h2>")
        heading.setObjectName("heading")
        layout.addWidget(heading)
        if isinstance(data, history.ChildHistory) and data.aliases:
            layout.addWidget(QLabel(self.tr("Also known as: %1").replace("%1", "; ".join(data.aliases))))
        if isinstance(data, history.ChildHistory):
            layout.addWidget(self._placements(data.placements, by_family=True))
        else:
            layout.addWidget(self._placements(data.placements, by_family=False))
            layout.addWidget(_bold(self.tr("Reviews")))
            layout.addWidget(_table(
                [self.tr("Since"), self.tr("Source"), self.tr("Note"), self.tr("Ended")],
                [[local_text(r.opened_at), r.source, r.note,
                  f"{local_text(r.closed_at)} ({r.closed_by})" if r.closed_at else self.tr("under review")]
                 for r in data.reviews], "reviews"))  # fmt: skip
            layout.addWidget(_bold(self.tr("Known to networks")))
            layout.addWidget(_table(
                [self.tr("Network"), self.tr("Since"), self.tr("Source")],
                [[d.network_label, QLocale().toString(QDate(d.reported_on), QLocale.FormatType.ShortFormat), d.source]
                 for d in data.derived_locations], "derived"))  # fmt: skip
        layout.addWidget(_bold(self.tr("Missing episodes")))
        layout.addWidget(self._episodes(data.episodes))
        layout.addWidget(_bold(self.tr("Network alerts")))
        layout.addWidget(_table(
            [self.tr("Raised"), self.tr("Child"), self.tr("Network"), self.tr("Distance"), self.tr("Status")],
            [[local_text(a.raised_at), a.child_name, a.network_label, km(a.distance_km, current_language()),
              self.tr("seen by %1").replace("%1", a.acknowledged_by or "") if a.acknowledged_at else self.tr("open")]
             for a in data.alerts], "alerts"))  # fmt: skip
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def _placements(self, lines: tuple[history.PlacementLine, ...], *, by_family: bool) -> QTableWidget:
        def day(d: dt.date | None) -> str:
            return QLocale().toString(QDate(d), QLocale.FormatType.ShortFormat) if d else self.tr("now")

        who = self.tr("Family") if by_family else self.tr("Child")
        return _table(
            [who, self.tr("School"), self.tr("From"), self.tr("Until"), self.tr("Reason"),
             self.tr("Matching session"), self.tr("Accepted by")],
            [[(line.family_name or f"F{line.family_id}") if by_family else line.child_name, line.school or "",
              day(line.start_date), day(line.end_date),
              reason_text(line.end_reason) + (f": {line.end_note}" if line.end_note else ""),
              str(line.session_id or ""), line.accepted_by or ""] for line in lines], "placements")  # fmt: skip

    def _episodes(self, episodes: tuple[missing.EpisodeRow, ...]) -> QTableWidget:
        rows = []
        for e in episodes:
            c = e.clocks
            police = (self.tr("done") if c.police_done else
                      self.tr("overdue since %1") if c.police_overdue else self.tr("due %1")).replace(
                          "%1", local_text(c.police_due))  # fmt: skip
            if e.found_at is None:
                state = self.tr("missing")
            elif e.interview_at is None:
                state = self.tr("found %1; return interview due %2").replace("%1", local_text(e.found_at)).replace(
                    "%2", local_text(c.interview_due))
            else:
                state = self.tr("found %1; interview held by %2").replace("%1", local_text(e.found_at)).replace(
                    "%2", e.interview_by or "")
            ticked = ", ".join(notification_text(i) for i in NOTIFICATIONS if i in e.checklist)
            if c.escalation:
                state += " — " + self.tr("3 episodes in 30 days: strategy meeting")
            rows.append([local_text(e.last_seen_at), e.last_seen_where, risk_text(e.risk), police, ticked, state])
        return _table([self.tr("Last seen"), self.tr("Where"), self.tr("Risk"), self.tr("Police report"),
                       self.tr("Notified"), self.tr("Status")], rows, "episodes")


def open_child_history(context: AppContext, child_id: int, parent: QWidget) -> None:
    def show(data: history.ChildHistory) -> None:
        dialog = HistoryDialog(data, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        parent.history_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    context.run(lambda s, a, _st: history.child_history(s, a, child_id), show, error_parent=parent)


def open_family_history(context: AppContext, family_id: int, parent: QWidget) -> None:
    def show(data: history.FamilyHistory) -> None:
        dialog = HistoryDialog(data, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        parent.history_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    context.run(lambda s, a, _st: history.family_history(s, a, family_id), show, error_parent=parent)
