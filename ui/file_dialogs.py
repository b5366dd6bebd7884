"""File dialogs that start where the user last saved or opened that kind of
file (an export, a dossier, an import, …), and otherwise in the Documents
folder, never in the program's folder. The folders are kept in the window's
settings, one per kind.

Qt's own Dutch (``qtbase_nl``, loaded by :mod:`ui.i18n`) lacks a few texts of
Qt 6's file dialog; :data:`QT_TEXTS_MISSING_IN_QTBASE` hands them to
``pyside6-lupdate``, so ``placement_nl.ts`` translates them in Qt's context."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

QT_TEXTS_MISSING_IN_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def start_folder(settings: QSettings | None, kind: str) -> Path:
    """The folder a ``kind`` dialog opens in."""
    if settings is not None:
        remembered = settings.value(f"folders/{kind}")
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember(settings: QSettings | None, kind: str, chosen: str | Path) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder) for the next ``kind`` dialog."""
    if settings is None or not str(chosen):
        return
    path = Path(chosen)
    settings.setValue(f"folders/{kind}", str(path if path.is_dir() else path.parent))


def save_file(
    parent: QWidget, settings: QSettings | None, kind: str, title: str, name: str, filters: str
) -> tuple[str, str]:
    """Like ``QFileDialog.getSaveFileName``; ``name`` is the suggested file name."""
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, title, str(start_folder(settings, kind) / name), filters
    )
    remember(settings, kind, chosen)
    return chosen, chosen_filter


def open_file(parent: QWidget, settings: QSettings | None, kind: str, title: str, filters: str) -> str:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(settings, kind)), filters)
    remember(settings, kind, chosen)
    return chosen


def choose_folder(parent: QWidget, settings: QSettings | None, kind: str, title: str) -> str:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(settings, kind)))
    remember(settings, kind, chosen)
    return chosen
