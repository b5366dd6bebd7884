"""Exporting a registry from the File menu: the file the officer gets, and who sees the action."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QFileDialog, QMessageBox

from placement.actor import Actor
from placement.storage.models import Role
from tests.ui.conftest import WAIT_MS
from ui.context import AppContext
from ui.export_dialog import CSV_FILTER, XLSX_FILTER, ExportDialog
from ui.main_window import MainWindow


def _file_menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()[0].menu().actions()]


def _export(qtbot, window: MainWindow, monkeypatch, registry: str, name: Path, chosen_filter: str) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(name), chosen_filter))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Exporteren…")
    action.trigger()
    dialog = window.export_dialog
    assert [dialog.kind.itemText(n) for n in range(dialog.kind.count())] == [
        "Pleeggezinnen", "Gesloten afdelingen", "Kinderen", "Scholen", "Netwerken",
    ]
    dialog.kind.setCurrentText(registry)
    dialog.accept()
    qtbot.waitUntil(lambda: "geëxporteerd" in window.statusBar().currentMessage(), timeout=WAIT_MS)
    return window.statusBar().currentMessage()


def test_an_officer_exports_the_families_to_csv(qtbot, make_window, demo_context, tmp_path, monkeypatch):
    window = make_window(demo_context)
    target = tmp_path / "gezinnen"  # no suffix typed: the chosen filter's is added
    message = _export(qtbot, window, monkeypatch, "Pleeggezinnen", target, CSV_FILTER)
    written = tmp_path / "gezinnen.csv"
    assert message == f"400 rijen geëxporteerd naar {written}"
    raw = written.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    with written.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))  # the Dutch app writes for a Dutch Excel
    assert len(rows) == 1 + 400
    assert rows[0][:2] == ["external_ref", "name"]
    lat = rows[1][rows[0].index("lat")]
    assert "," in lat and float(lat.replace(",", ".")) > 50  # decimal comma


def test_an_officer_exports_the_networks_to_xlsx(qtbot, make_window, demo_context, tmp_path, monkeypatch):
    window = make_window(demo_context)
    written = tmp_path / "netwerken.xlsx"
    message = _export(qtbot, window, monkeypatch, "Netwerken", written, XLSX_FILTER)
    rows = int(message.split()[0])
    book = openpyxl.load_workbook(written, read_only=True)
    sheet_rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows > 0 and len(sheet_rows) == 1 + rows
    assert sheet_rows[0][:2] == ("network", "location")


def test_a_manager_has_no_export_action(qtbot, demo_context, settings, dutch):
    manager = Actor(user_id=None, username="manager", role=Role.MANAGER, workstation="test")
    window = MainWindow(AppContext(demo_context.db, manager), settings)
    qtbot.addWidget(window)
    assert "&Exporteren…" not in _file_menu_texts(window)


def test_a_refused_export_shows_the_reason_and_writes_nothing(qtbot, demo_context, tmp_path, monkeypatch, dutch):
    guardian = Actor(user_id=None, username="guardian", role=Role.GUARDIAN, workstation="test")
    dialog = ExportDialog(AppContext(demo_context.db, guardian))
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    target = tmp_path / "kinderen.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), CSV_FILTER))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown == ["Niet toegestaan: uw rol geeft geen toestemming om gegevens te exporteren"]
    assert not target.exists()
