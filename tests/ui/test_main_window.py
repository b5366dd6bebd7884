"""The main window on the demo database: Dutch by default, pages, shortcuts,
the status bar, remembered geometry, the About box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog
from sqlalchemy import func, select

from placement.actor import Actor
from placement.storage.models import Child, ChildStatus, FosterFamily, Role
from tests.ui.conftest import WAIT_MS, wait_loaded
from ui.children_page import ChildrenPage
from ui.context import AppContext
from ui.families_page import FamiliesPage
from ui.i18n import install_language, remove_language
from ui.main_window import MainWindow, database_description


def test_opens_in_dutch_and_lists_the_demo_families(qtbot, make_window, demo_context):
    window = make_window(demo_context)
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    wait_loaded(qtbot, page)
    assert [window.nav.item(n).text() for n in range(window.nav.count())] == [
        "Vandaag", "Gezinnen", "Kinderen", "Scholen", "Netwerken", "Gesloten afdelingen", "Koppelen", "Capaciteit",
        "Dossiers", "Kaart", "Meldingen",
    ]
    assert [a.text() for a in window.menuBar().actions()] == ["&Bestand", "Beel&d", "&Koppelen", "&Taal", "&Help"]
    with demo_context.db.session() as s:
        families = s.scalar(select(func.count(FosterFamily.id)).where(FosterFamily.kind == "family"))
    assert families > 0
    assert page.proxy.rowCount() == families
    assert page.count.text() == f"{families} van {families} getoond"
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert headers[:4] == ["Naam", "Postcode", "Gemeente", "Provincie"]
    assert window.database_label.text() == "één werkplek (SQLite)"


def test_status_bar_says_a_server_is_the_office_server():
    assert database_description("postgresql://db.example.org:5432/placement") == "office server (PostgreSQL)"


def test_shortcuts_and_sidebar_switch_pages_both_ways(qtbot, make_window, demo_context):
    window = make_window(demo_context)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["schools"]
    assert window.nav.currentRow() == 3
    window.nav.setCurrentRow(2)  # clicking the sidebar
    assert window.current_page() is window.pages["children"]
    children = window.pages["children"]
    assert isinstance(children, ChildrenPage)
    wait_loaded(qtbot, children)
    assert children.model.rowCount() > 0
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert children.search.hasFocus()


def test_children_filter_by_status_matches_the_database(qtbot, make_window, demo_context):
    window = make_window(demo_context)
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    with demo_context.db.session() as s:
        waiting = s.scalar(select(func.count(Child.id)).where(Child.status == ChildStatus.WAITING))
    combo = page.findChild(QComboBox, "filter_status")
    combo.setCurrentIndex(combo.findText("wachtend"))
    assert page.proxy.rowCount() == waiting
    assert {page.proxy.row_at(n).status for n in range(page.proxy.rowCount())} == {ChildStatus.WAITING}


def test_window_geometry_is_remembered(qtbot, demo_context, settings, dutch, monkeypatch):
    first = MainWindow(demo_context, settings)
    qtbot.addWidget(first)
    first.show()
    saved = first.saveGeometry()
    first.close()
    restored = []
    # The offscreen screen (800x800) clamps every restored window, so check the hand-over.
    monkeypatch.setattr(MainWindow, "restoreGeometry", lambda self, geometry: restored.append(geometry) or True)
    second = MainWindow(demo_context, settings)
    qtbot.addWidget(second)
    assert restored == [saved]


def test_about_names_the_data_sources(make_window, demo_context):
    text = make_window(demo_context).about_text()
    for attribution in ("GeoNames", "CC BY 4.0", "CBS / PDOK", "DUO", "CC0", "Gegevensbronnen"):
        assert attribution in text


def test_ctrl_n_opens_a_new_family_form(qtbot, make_window, demo_context):
    window = make_window(demo_context)
    page = window.show_page("families")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=WAIT_MS)
    assert page.form.windowTitle() == "Nieuw pleeggezin"
    page.form.dirty = False
    page.form.reject()


def test_english_when_chosen(qtbot, qapp, demo_context, settings):
    translators = install_language(qapp, "en")
    try:
        window = MainWindow(demo_context, settings)
        qtbot.addWidget(window)
        assert [window.nav.item(n).text() for n in range(2)] == ["Today", "Families"]
        assert window.pages["families"].heading.text() == "<h2>Foster families</h2>"
        assert window.database_label.text() == "one workstation (SQLite)"
    finally:
        remove_language(qapp, translators)


def test_a_manager_gets_capacity_only_and_no_family_data(qtbot, demo_context, settings, dutch):
    manager = Actor(user_id=None, username="manager", role=Role.MANAGER, workstation="test")
    window = MainWindow(AppContext(demo_context.db, manager), settings)
    qtbot.addWidget(window)
    assert list(window.pages) == ["capacity"]
    assert window.user_label.text() == "manager (manager)"
    assert "&Importeren…" not in [a.text() for a in window.menuBar().actions()[0].menu().actions()]


def test_idle_lock_hides_the_window_until_the_same_user_unlocks(qtbot, demo_context, settings, dutch, monkeypatch):
    from placement.services.users import IdleLock
    from ui.login_dialog import LoginDialog

    officer = Actor(user_id=1, username="officer", role=Role.OFFICER, workstation="test")
    lock = IdleLock(timeout_s=60, now=0.0)
    window = MainWindow(AppContext(demo_context.db, officer), settings, idle_lock=lock)
    qtbot.addWidget(window)
    window.show()
    asked = []

    def unlock(dialog):  # type: ignore[no-untyped-def]
        asked.append((dialog.locked_actor, window.centralWidget().isVisible()))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LoginDialog, "exec", unlock)
    lock.is_locked(now=61.0)  # a minute without activity
    window.check_idle()
    assert asked == [(officer, False)]  # nothing of the data visible while asking
    assert window.centralWidget().isVisible() and not lock.is_locked()
