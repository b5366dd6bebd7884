"""Children, schools and networks: their forms refuse what the services
refuse, at the right field, and saved rows show up in their lists."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from placement.services.registers.network_register import LocationInput
from tests.ui.conftest import WAIT_MS, wait_loaded


def open_new(qtbot, window, key):  # type: ignore[no-untyped-def]
    page = window.show_page(key)
    wait_loaded(qtbot, page)
    page.new_button.click()
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=WAIT_MS)
    return page, page.form


def save(form) -> None:  # type: ignore[no-untyped-def]
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_child_born_in_the_future_is_refused_then_saved(qtbot, make_window, empty_context):
    page, form = open_new(qtbot, make_window(empty_context), "children")
    qtbot.keyClicks(form.name, "Ana Popescu")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    qtbot.keyClicks(form.born, tomorrow.strftime("%d-%m-%Y"))
    form.gender.setCurrentIndex(form.gender.findData("f"))
    form.region.setCurrentIndex(form.region.findData("Utrecht"))
    save(form)
    assert form.error_for("date_of_birth") == "ligt in de toekomst"
    form.born.clear()
    qtbot.keyClicks(form.born, "1-6-2015")
    form.school_kind.setCurrentIndex(form.school_kind.findData("primary"))
    qtbot.keyClicks(form.safety, "12,5")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    row = page.proxy.row_at(0)
    assert (row.name, row.school_kind, row.date_of_birth) == ("Ana Popescu", "primary", dt.date(2015, 6, 1))
    assert page.proxy.data(page.proxy.index(0, 1)) == "01-06-2015"  # Dutch date format
    assert page.proxy.data(page.proxy.index(0, 7)) == "wachtend"


def test_child_safety_distance_must_be_a_number(qtbot, make_window, empty_context):
    _page, form = open_new(qtbot, make_window(empty_context), "children")
    qtbot.keyClicks(form.name, "Ana")
    qtbot.keyClicks(form.safety, "ver weg")
    save(form)
    assert form.error_for("safety_km") == "is geen getal"


def test_duplicate_school_code_is_shown_at_the_code_field(qtbot, make_window, empty_context):
    window = make_window(empty_context)
    page, form = open_new(qtbot, window, "schools")
    for text, widget in (("12AB00", form.code), ("De Regenboog", form.name), ("1012", form.postcode)):
        qtbot.keyClicks(widget, text)
    form.kinds.item(0).setCheckState(Qt.CheckState.Checked)
    assert form.place.text() == "Amsterdam, Amsterdam (Noord-Holland)"
    save(form)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.new_button.click()
    second = page.form
    for text, widget in (("12ab00", second.code), ("De Boog", second.name), ("3011", second.postcode)):
        qtbot.keyClicks(widget, text)
    save(second)
    assert second.error_for("kinds") == "kies er minstens één"
    second.kinds.item(1).setCheckState(Qt.CheckState.Checked)
    save(second)
    qtbot.waitUntil(lambda: bool(second.error_for("duo_code")), timeout=WAIT_MS)
    assert "12AB00" in second.error_for("duo_code")
    assert second.isVisible() and page.model.rowCount() == 1


def test_network_needs_valid_locations(qtbot, make_window, empty_context):
    page, form = open_new(qtbot, make_window(empty_context), "networks")
    qtbot.keyClicks(form.label, "Netwerk Oost")
    save(form)
    assert form.error_for("locations") == "voeg minstens één locatie toe"
    form._add_row(LocationInput("markt", "95, 4"))
    save(form)
    assert form.error_for("locations") == "locatie 1: coördinaten buiten bereik"
    form.table.item(0, 1).setText("7511")
    save(form)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    row = page.proxy.row_at(0)
    assert (row.label, row.locations, row.children) == ("Netwerk Oost", 1, 0)
