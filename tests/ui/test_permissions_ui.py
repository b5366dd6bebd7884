"""Issue 16, finding 5: what a role may not do is hidden, or greyed out with the
reason; it never ends in an unrelated refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from placement.services import users
from placement.storage.models import User
from tests.ui.conftest import wait_loaded
from ui.context import AppContext


def test_a_guardian_sees_no_new_button_and_edit_says_why(qtbot, make_window, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    with demo_context.db.session() as s:
        guardian = users.actor_for(s.scalars(select(User).where(User.username == "demo-guardian")).one())
    context = AppContext(demo_context.db, guardian)
    window = make_window(context)
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    assert page.model.rowCount() > 0  # the children assigned to them
    assert page.new_button.isHidden()
    assert not window.new_action.isEnabled()  # File → New… too
    page.table.selectRow(0)
    assert not page.edit_button.isEnabled()
    assert "plaatsingsfunctionarissen" in page.edit_button.toolTip()
    QTest.keyClick(page.table, Qt.Key.Key_Return)  # Enter does not open a form either
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert page.form is None


def test_an_officer_keeps_every_action(qtbot, make_window, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    assert page.new_button.isVisible() and window.new_action.isEnabled()
    page.table.selectRow(0)
    assert page.edit_button.isEnabled() and page.edit_button.toolTip() == ""


def _scope(button, page):  # type: ignore[no-untyped-def]
    """The tab (or the page) a button is shown on: mnemonics must differ there."""
    from PySide6.QtWidgets import QStackedWidget, QTabWidget

    widget = button.parentWidget()
    while widget is not None and widget is not page:
        parent = widget.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            return widget
        widget = parent
    return page


def test_every_button_has_a_dutch_mnemonic_and_none_twice_on_a_tab(qtbot, make_window, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 3: "Dutch mnemonics on every button"."""
    from collections import defaultdict

    from PySide6.QtWidgets import QPushButton

    window = make_window(demo_context)
    missing, twice = [], []
    for key, page in window.pages.items():
        letters: dict[object, dict[str, str]] = defaultdict(dict)
        for button in page.findChildren(QPushButton):
            text = button.text()
            if not text or button.isHidden():
                continue
            if "&" not in text:
                missing.append(f"{key}: {text}")
                continue
            letter = text[text.index("&") + 1].lower()
            scope = letters[_scope(button, page)]
            if letter in scope:
                twice.append(f"{key}: {scope[letter]} / {text}")
            scope[letter] = text
    assert not missing, missing
    assert not twice, twice
