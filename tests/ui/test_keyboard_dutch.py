"""Issue 12: the main flows with the keyboard only, in Dutch, at 1280x800,
through the real window (QTest key events; no widget method drives the flow).
Screenshots of each step go to out/screenshots/keyboard-*.png to be looked at."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from tests.ui.conftest import WAIT_MS, wait_loaded
from ui.context import AppContext

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def key(key_code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        target: QWidget | None = None) -> None:
    """One key press where the keyboard focus is (or on the open menu), as a person types it."""
    widget = target or QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    QTest.keyClick(widget, key_code, modifier)


def reactivate(window: QWidget) -> None:
    """The offscreen platform gives no window the focus back when a dialog or
    a menu closes (a desktop gives it to the main window); do what the desktop does."""
    if QApplication.activeWindow() is not window:
        QApplication.setActiveWindow(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def choose_in_menu(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Down through the open menu to ``text``, then Enter."""
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=WAIT_MS)
    menu = QApplication.activePopupWidget()
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is not None and menu.activeAction().text() == text:
            break
        key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)


def shot(widget: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # pending layouts, as the event loop would have done them
    widget.grab().save(str(SCREENSHOTS / f"keyboard-{name}.png"))


def test_registers_language_and_file_dialog_with_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, make_window, demo_context: AppContext, settings
) -> None:
    window = make_window(demo_context)
    assert window.size().width() == 1280 and window.size().height() == 800

    # Gezinnen: Ctrl+2, Ctrl+F, type, Tab into the table, Enter opens the form, Esc closes it.
    key(Qt.Key.Key_2, CTRL, window)
    families = window.current_page()
    wait_loaded(qtbot, families)
    key(Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is families.search
    QTest.keyClicks(families.search, "Bakker")
    while QApplication.focusWidget() is not families.table:
        key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Down)
    shot(window, "1-families")
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: families.form is not None and families.form.isVisible(), timeout=WAIT_MS)
    assert families.form.windowTitle() == "Pleeggezin bewerken"
    shot(families.form, "2-family-form")
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not families.form.isVisible(), timeout=WAIT_MS)
    reactivate(window)

    # Taal → English with Alt+T and the arrow keys; the same place, now in English.
    key(Qt.Key.Key_T, ALT, window)
    choose_in_menu(qtbot, "English")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Families", timeout=WAIT_MS)
    reactivate(window)  # as after the form: the offscreen platform after a menu
    families = window.current_page()
    assert QApplication.focusWidget() is families.table, "the focus stays where it was"
    wait_loaded(qtbot, families)
    assert families.search.text() == "Bakker"
    shot(window, "3-families-english")
    key(Qt.Key.Key_L, ALT, window)  # &Language
    choose_in_menu(qtbot, "Nederlands")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Gezinnen", timeout=WAIT_MS)
    reactivate(window)

    # Capaciteit: Ctrl+7, Ctrl+Tab through the tabs.
    capacity_number = list(window.pages).index("capacity") + 1
    key(Qt.Key(Qt.Key.Key_0.value + capacity_number), CTRL, window)
    capacity = window.current_page()
    qtbot.waitUntil(lambda: capacity.report is not None and not capacity.loading, timeout=WAIT_MS)
    capacity.tabs.setFocus()  # the tab bar, as Tab reaches it
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Right)
    assert capacity.tabs.currentIndex() == 2
    shot(window, "4-capacity")

    # Dossiers: a child, Alt+O opens the save dialog in Dutch with a Dutch file name; Esc cancels.
    dossier_number = list(window.pages).index("dossiers") + 1
    key(Qt.Key(Qt.Key.Key_0.value + dossier_number), CTRL, window)
    dossiers = window.current_page()
    qtbot.waitUntil(lambda: not dossiers.loading and dossiers.model.rowCount() > 0, timeout=WAIT_MS)
    dossiers.table.setFocus()
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Up)
    seen: list[tuple[str, str]] = []

    def read_and_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(100, read_and_cancel)
            return
        shot(dialog, "5-save-dossier")
        seen.append((dialog.windowTitle(), dialog.selectedFiles()[0]))
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(100, read_and_cancel)
    key(Qt.Key.Key_O, ALT, window)  # Dossier &opslaan…
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    title, chosen = seen[0]
    assert title == "Dossier opslaan"
    assert Path(chosen).name.startswith("dossier-C") and Path(chosen).name.endswith("-voogd.pdf")
    shot(window, "6-dossiers")
