"""Issue 16, finding 11: from the children register a waiting child opens its
ranked families and schools, with the score per rule and the map, and a
session with that child starts from there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from placement.storage.models import ChildStatus
from tests.ui.conftest import wait_loaded
from tests.ui.test_matching_flow import SCREENSHOTS, WAIT_MS
from ui.context import AppContext


def test_best_families_for_one_child_then_a_session_with_it(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.row_at(r).status == ChildStatus.WAITING)
    child = page.proxy.row_at(row)
    page.table.selectRow(row)
    assert page.best_button.isEnabled() and page.best_button.text() == "Beste &gezinnen…"
    qtbot.mouseClick(page.best_button, Qt.MouseButton.LeftButton)
    dialog = page.best_dialog
    qtbot.waitUntil(lambda: dialog.recommendation is not None or "Niet" in dialog.summary.text(), timeout=WAIT_MS)
    assert dialog.recommendation is not None, dialog.summary.text()
    assert dialog.candidates.rowCount() > 0 and "gezinnen passen" in dialog.summary.text()
    assert dialog.terms.rowCount() > 0  # the score per rule of the best family
    scores = [c.score for c in dialog.recommendation.candidates]
    assert scores == sorted(scores, reverse=True)
    assert dialog.map.safety_circles or not child_networks(dialog)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "best-matches.png"))

    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    matching = window.current_page()
    assert matching is window.pages["matching"]
    qtbot.waitUntil(lambda: matching.run is not None and not matching.solving, timeout=WAIT_MS)
    assert [c.id for c in matching.run.problem.children] == [f"C{child.id}"]


def child_networks(dialog) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return dialog.run.problem.children[0].networks


def test_the_best_families_button_is_for_waiting_children_only(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    placed = next(r for r in range(page.proxy.rowCount()) if page.proxy.row_at(r).status != ChildStatus.WAITING)
    page.table.selectRow(placed)
    assert not page.best_button.isEnabled()
