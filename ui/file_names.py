"""The file names the save dialogs suggest, in the user's language: ids and
dates only, never a name (a file name shows in folders, mail and backups)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from placement.services.dossier.recipients import Recipient

_RECIPIENTS = {
    Recipient.GUARDIAN: QT_TRANSLATE_NOOP("FileNames", "guardian"),
    Recipient.FOSTER_FAMILY: QT_TRANSLATE_NOOP("FileNames", "foster-family"),
    Recipient.SCHOOL: QT_TRANSLATE_NOOP("FileNames", "school"),
}


def dossier(child_id: int, recipient: Recipient) -> str:
    """"dossier-C34-voogd.pdf"."""
    return QCoreApplication.translate("FileNames", "dossier-%1-%2.pdf").replace("%1", f"C{child_id}").replace(
        "%2", QCoreApplication.translate("FileNames", _RECIPIENTS[recipient]))


def missing_sheet(child_id: int) -> str:
    """"vermissing-C34.pdf": the sheet for the police."""
    return QCoreApplication.translate("FileNames", "missing-%1.pdf").replace("%1", f"C{child_id}")


def capacity(on_date: dt.date, suffix: str) -> str:
    """"capaciteit-2026-12-07.csv" (ISO dates sort in a folder)."""
    return QCoreApplication.translate("FileNames", "capacity-%1").replace("%1", on_date.isoformat()) + suffix


def export(suffix: str = "") -> str:
    """"export-2026-12-07" for a register export (the dialog adds the suffix)."""
    return QCoreApplication.translate("FileNames", "export-%1").replace("%1", dt.date.today().isoformat()) + suffix
