"""The child form invents nothing and works from the keyboard (issue 16,
findings 2, 3 and 4): date of birth, gender and region start empty and are
required, the focus starts in the name, Tab follows the fields, Enter saves
only a valid form, errors sit beside their field, and an officer assigns the
guardian."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox
from sqlalchemy import func, select

from placement.storage import models as m
from tests.ui.conftest import WAIT_MS
from tests.ui.test_other_registers import open_new


def child_count(context) -> int:  # type: ignore[no-untyped-def]
    with context.db.session() as s:
        return s.scalar(select(func.count(m.Child.id)))


def test_a_name_and_enter_saves_nothing_and_says_what_is_missing(qtbot, make_window, empty_context):
    _page, form = open_new(qtbot, make_window(empty_context), "children")
    assert (form.born.text(), form.gender.currentData(), form.region.currentData()) == ("", None, None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name, timeout=WAIT_MS)
    size = form.size()
    geometry = form.name.geometry()
    QTest.keyClicks(QApplication.focusWidget(), "Alleen Een Naam")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert form.isVisible() and not form.saving
    assert form.error_for("date_of_birth") == "is verplicht"
    assert form.error_for("gender") == "is verplicht"
    assert form.error_for("region") == "is verplicht"
    assert form.size() == size and form.name.geometry() == geometry  # no resize, nothing moved
    error = form.findChild(type(form.general_error), "error_region")
    assert error.geometry().left() > form.region.geometry().right() - 1  # beside the field
    assert QApplication.focusWidget() is form.born  # first wrong field
    assert child_count(empty_context) == 0


def test_tab_follows_the_fields_and_the_keyboard_alone_saves_a_child(qtbot, make_window, empty_context):
    page, form = open_new(qtbot, make_window(empty_context), "children")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name, timeout=WAIT_MS)
    order = []
    for _ in range(len(form._fields) + 3):
        order.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert form.buttons.buttons()[0] in order, [w.objectName() or type(w).__name__ for w in order]
    named = [w.objectName() for w in order if w.objectName()]
    assert named[:4] == ["name", "date_of_birth", "gender", "priority"]
    assert named.index("region") > named.index("training_needed")
    save = form.buttons.buttons()[0]
    assert order.index(save) > order.index(form.notes)  # Save after the last field, not first

    form.name.setFocus()
    QTest.keyClicks(form.name, "Ana Popescu")
    QTest.keyClick(form.name, Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "31-12-2015")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    gender = QApplication.focusWidget()
    assert isinstance(gender, QComboBox)
    QTest.keyClick(gender, Qt.Key.Key_Down)
    assert gender.currentData() == "f"
    form.region.setFocus()
    QTest.keyClick(form.region, Qt.Key.Key_Down)
    assert form.region.currentData() is not None
    QTest.keyClick(form.region, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    row = page.proxy.row_at(0)
    assert (row.name, row.date_of_birth, row.gender) == ("Ana Popescu", dt.date(2015, 12, 31), "f")


def test_a_date_that_is_not_one_is_shown_at_the_field(qtbot, make_window, empty_context):
    _page, form = open_new(qtbot, make_window(empty_context), "children")
    QTest.keyClicks(form.born, "31-02-2015")
    QTest.keyClick(form.born, Qt.Key.Key_Return)
    assert form.error_for("date_of_birth").startswith("is geen datum")
    assert form.error_for("gender") == "is verplicht"


def test_the_officer_assigns_a_guardian_in_the_form(qtbot, make_window, empty_context):
    with empty_context.db.session() as s, s.begin():
        s.add(m.User(username="voogd-a", display_name="Voogd A", role=m.Role.GUARDIAN, active=True))
        s.add(m.User(username="manager-b", display_name="Manager B", role=m.Role.MANAGER, active=True))
    page, form = open_new(qtbot, make_window(empty_context), "children")
    assert form.guardian is not None
    offered = [form.guardian.itemText(n) for n in range(form.guardian.count())]
    assert offered == ["nog niemand", "Voogd A (voogd-a)"]
    QTest.keyClicks(form.name, "Ana")
    QTest.keyClicks(form.born, "2015-01-01")
    form.gender.setCurrentIndex(1)
    form.region.setCurrentIndex(1)
    form.guardian.setCurrentIndex(1)
    QTest.keyClick(form.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    with empty_context.db.session() as s:
        child = s.scalars(select(m.Child)).one()
        assert child.guardian is not None and child.guardian.username == "voogd-a"


def test_gender_and_school_are_chosen_by_typing_their_dutch_words(qtbot, make_window, empty_context):
    _page, form = open_new(qtbot, make_window(empty_context), "children")
    form.gender.setFocus()
    QTest.keyClicks(form.gender, "Jongens")
    assert form.gender.currentData() == "m"
    QTest.qWait(1200)  # the combo box's typing search starts over after a pause
    QTest.keyClicks(form.gender, "meisje")
    assert form.gender.currentData() == "f"
    QTest.qWait(1200)
    QTest.keyClicks(form.gender, "v")  # vrouw, a synonym: no name starts with it
    assert form.gender.currentData() == "f"
    QTest.keyClicks(form.school_kind, "voortgezet")
    assert form.school_kind.currentData() == "secondary"
    QTest.qWait(1200)
    QTest.keyClicks(form.school_kind, "VSO")
    assert form.school_kind.currentData() == "special-secondary"
    QTest.keyClicks(form.languages, "Roemeens, nl")
    assert form.collect().languages == ["ro", "nl"]
