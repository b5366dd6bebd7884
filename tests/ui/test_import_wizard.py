"""The import wizard end to end on a real SQLite database: mapping prefilled from
Dutch headers, the dry-run report, duplicates decided in the table, the write,
and stopping a write so that nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWizard

from placement.services.imports import FIELDS, Decision, Kind, MappingStore
from placement.storage.database import Database
from tests.placement.import_support import FAMILY_HEADER, counts, family_rows, write_csv
from tests.ui.conftest import OFFICER, WAIT_MS
from ui.import_wizard import ImportWizard
from ui.jobs import wait_for_all


@pytest.fixture
def db(sqlite_url: str):
    database = Database(sqlite_url)
    yield database
    wait_for_all()
    database.dispose()


@pytest.fixture
def wizard(qtbot, db: Database, tmp_path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    w = ImportWizard(db, OFFICER, None, store=MappingStore(tmp_path / "maps.json"))
    qtbot.addWidget(w)
    w.show()
    return w


def go_to_report(qtbot, wizard: ImportWizard, path: Path, kind: Kind = Kind.FAMILIES) -> None:  # type: ignore[no-untyped-def]
    page = wizard.file_page
    page.path.setText(str(path))
    page.kind.setCurrentIndex(page.kind.findData(kind))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.mapping_page.isComplete() and next_button.isEnabled(), timeout=WAIT_MS)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None or wizard.report_page.summary.text() != "", timeout=WAIT_MS)


def column_texts(wizard: ImportWizard, column: int) -> list[str]:
    model = wizard.report_page.model
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def test_good_file_is_mapped_checked_and_written(qtbot, wizard: ImportWizard, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "gezinnen.csv", [FAMILY_HEADER, *family_rows(3)], encoding="cp1252")
    imported: list[object] = []
    wizard.imported.connect(imported.append)
    go_to_report(qtbot, wizard, path)

    mapping = wizard.mapping_page.mapping()
    assert mapping["Naam"] == "name" and mapping["Leeftijd van"] == "age_min" and mapping["Referentie"] == "external_ref"
    assert column_texts(wizard, 2) == ["Gezin 0", "Gezin 1", "Gezin 2"]
    assert column_texts(wizard, 0) == ["2", "3", "4"]
    assert column_texts(wizard, 1) == ["create"] * 3
    assert counts(db)["families"] == 0  # the dry run wrote nothing
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    wizard.next()  # confirm page
    assert "3" in wizard.confirm_page.text.text()
    wizard.next()  # commit: write
    qtbot.waitUntil(lambda: wizard.apply_page.done, timeout=WAIT_MS)
    assert counts(db)["families"] == 3
    assert imported == [Kind.FAMILIES]


def test_bad_rows_block_the_import_and_are_shown_with_their_column(
    qtbot, wizard: ImportWizard, db: Database, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    path = write_csv(tmp_path / "g.csv", [["naam", "postcode", "plaatsen"], ["A", "3011", "1"], ["B", "99999", "1"]])
    go_to_report(qtbot, wizard, path)
    assert column_texts(wizard, 3)[1] == 'column "postcode": "99999" is not a Dutch postcode (expected 1234 AB)'
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "1 create, 1 reject" in wizard.report_page.summary.text()


@pytest.mark.usefixtures("dutch")
def test_in_the_dutch_interface_a_bad_cell_is_reported_in_dutch(
    qtbot, wizard: ImportWizard, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    path = write_csv(tmp_path / "g.csv", [["naam", "postcode", "plaatsen", "geslacht"],
                                          ["A", "3011", "1", "jongens, meisjes"], ["B", "3011", "1", "katten"]])
    go_to_report(qtbot, wizard, path)
    assert column_texts(wizard, 3) == [
        "",
        'kolom "geslacht": "katten" is geen geslacht (gebruik: meisje, jongen, non-binair)',
    ]


def test_mapping_page_requires_the_required_fields(qtbot, wizard: ImportWizard, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "g.csv", [["Wie", "postcode", "plaatsen"], ["A", "3011", "1"]])
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.mapping_page.combos), timeout=WAIT_MS)
    assert not wizard.mapping_page.isComplete()
    assert 'column "name": is missing' in wizard.mapping_page.problems.text()
    combo = wizard.mapping_page.combos["Wie"]
    assert combo.itemText(combo.findData("name")) == "name *"
    combo.setCurrentIndex(combo.findData("name"))
    assert wizard.mapping_page.isComplete()
    every_field = {f.name for fields in FIELDS.values() for f in fields}
    assert set(wizard.mapping_page.field_texts()) == every_field  # no field shows up unexplained


def test_duplicates_are_decided_in_the_report(qtbot, wizard: ImportWizard, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = ["naam", "postcode", "plaatsen"]
    first = write_csv(tmp_path / "a.csv", [header, ["De Vries", "3011", "1"]])
    go_to_report(qtbot, wizard, first)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.apply_page.done, timeout=WAIT_MS)

    second = ImportWizard(db, OFFICER, None, store=wizard.store)
    qtbot.addWidget(second)
    second.show()
    go_to_report(qtbot, second, write_csv(tmp_path / "b.csv", [header, ["De Vries", "3011", "2"]]))
    assert column_texts(second, 1) == ["duplicate? decide"]
    assert not second.report_page.isComplete()
    view = second.report_page.view
    view.selectionModel().select(
        second.report_page.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    second.report_page.decision_buttons[Decision.UPDATE].click()
    qtbot.waitUntil(lambda: second.report_page.isComplete(), timeout=WAIT_MS)
    assert column_texts(second, 1) == ["update"]
    assert column_texts(second, 3) == ["total_places; same name and postcode as F1"]


def test_stopping_the_write_leaves_nothing_written(qtbot, wizard: ImportWizard, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "big.csv", [FAMILY_HEADER, *family_rows(3000)])
    go_to_report(qtbot, wizard, path)
    assert wizard.report_page.isComplete()
    wizard.next()
    wizard.next()
    wizard.apply_page.panel.stop()
    qtbot.waitUntil(lambda: not wizard.apply_page.panel.running, timeout=WAIT_MS)
    assert wizard.apply_page.result.text() == "Stopped. Nothing was written."
    assert counts(db)["families"] == 0
