"""Issue 16's findings that are about trust and reading (1, 8, 9): long and
identical names, remembered column widths, the status in words with the
figures in a tooltip, the ticking clock, and leaving a session with pins."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from placement.storage import models as m
from tests.ui.conftest import wait_loaded
from tests.ui.test_matching_flow import (
    SCREENSHOTS,
    WAIT_MS,
    check_children,
    select_row,
    wait_solved,
)
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.matching import MatchingPage
from ui.tables import MAX_START_WIDTH

LONG_NAME = "Anna-Maria " + "Wilhelmina-Josephina " * 5 + "van der Berg-Hendriksen de Vries"


def matching_page(window: MainWindow, qtbot) -> MatchingPage:  # type: ignore[no-untyped-def]
    page = window.show_page("matching")
    assert isinstance(page, MatchingPage)
    qtbot.waitUntil(lambda: page.chooser.model.rowCount() > 0, timeout=WAIT_MS)
    return page


def test_a_120_character_name_leaves_every_proposal_column_on_screen(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Finding 1: one long name showed only the Kind column."""
    assert len(LONG_NAME) >= 120
    with demo_context.db.session() as s, s.begin():
        child = s.scalars(
            select(m.Child).where(m.Child.status == m.ChildStatus.WAITING, m.Child.sibling_group_id.is_(None))
        ).first()
        assert child is not None
        child.name = LONG_NAME
        long_id = f"C{child.id}"
    window = make_window(demo_context)
    page = matching_page(window, qtbot)
    proxy = page.chooser.proxy
    for row in range(proxy.rowCount()):
        if proxy.row_at(row).name == LONG_NAME:
            proxy.setData(proxy.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    check_children(page, 3)
    page.chooser.time_limit.setValue(10)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    assert page.run is not None and page.run.placement_of(long_id) is not None
    QTest.qWait(100)

    view, header = page.proposal_view, page.proposal_view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert shown == [0, 1, 2, 3, 4, 5]  # the id columns can be shown from the header's menu
    right = view.viewport().width()
    for column in shown:
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= right + 1, column
        assert header.sectionSize(column) >= 40, column
    assert 150 <= header.sectionSize(0) <= MAX_START_WIDTH  # wide enough to read, capped
    assert header.sectionSize(1) >= 100  # the family's name is readable too
    row = page.proposal.child_row(long_id)
    assert page.proposal.index(row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(LONG_NAME)
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "matching-long-name.png"))


def test_the_id_column_tells_identical_names_apart(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Finding 9: twelve "Familie Hendriks" could not be told apart."""
    window = make_window(demo_context)
    page = window.show_page("families")
    wait_loaded(qtbot, page)
    header = page.table.horizontalHeader()
    column = page.id_column
    assert header.isSectionHidden(column)
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == "Nr."
    header.customContextMenuRequested.emit(header.rect().center())
    menu = page.table._column_menu
    action = next(a for a in menu.actions() if a.text() == "Nr.")
    action.trigger()
    assert not header.isSectionHidden(column)
    first = page.proxy.row_at(0)
    assert page.proxy.index(0, column).data() == f"F{first.id}"
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    ids = [page.proxy.row_at(r).id for r in range(min(20, page.proxy.rowCount()))]
    assert ids == sorted(ids)  # F2 before F10: sorted by number


def test_column_widths_are_remembered(demo_context: AppContext, qtbot, settings: QSettings, dutch) -> None:  # type: ignore[no-untyped-def]
    def open_families() -> tuple[MainWindow, object]:
        window = MainWindow(demo_context, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        page = window.show_page("families")
        wait_loaded(qtbot, page)
        return window, page

    window, page = open_families()
    header = page.table.horizontalHeader()  # type: ignore[attr-defined]
    edge = header.sectionViewportPosition(2) + header.sectionSize(2) - 1  # dragged by the officer
    y = header.height() // 2
    start = header.sectionSize(2)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge, y))
    for step in range(1, 7):
        QTest.mouseMove(header.viewport(), QPoint(edge + step * 10, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge + 60, y))
    dragged = header.sectionSize(2)
    assert dragged > start, (start, dragged)
    qtbot.wait(400)
    window.close()
    settings.sync()
    _again, page = open_families()
    assert page.table.horizontalHeader().sectionSize(2) == dragged  # type: ignore[attr-defined]


def test_status_in_words_figures_in_the_tooltip_and_no_resizing(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = matching_page(window, qtbot)
    check_children(page, 4)
    page.chooser.time_limit.setValue(10)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    text, tip = page.status.text(), page.status.toolTip()
    assert "kinderen geplaatst" in text and "prioriteit" not in text and "score" not in text
    assert "optimaal" in text  # in words: "optimaal: er bestaat geen beter voorstel"
    assert "prioriteit" in tip and "score" in tip
    size = window.size()
    page._set_status("Een heel lange melding over conflicten. " * 200)
    QTest.qWait(50)
    assert window.size() == size
    assert page.status.height() <= page.status.fontMetrics().lineSpacing() * 3 + 4


def test_the_elapsed_time_ticks_while_solving(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = matching_page(window, qtbot)
    qtbot.mouseClick(page.chooser.check_visible, Qt.MouseButton.LeftButton)
    page.chooser.time_limit.setValue(120)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    seen = {page.elapsed.text()}
    for _ in range(6):
        if not page.solving:
            break
        QTest.qWait(150)
        seen.add(page.elapsed.text())
    if page.solving:
        qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    assert len(seen) >= 2, seen  # not stuck at "0,0 s"
    assert page.elapsed.text().endswith(" s") and page.elapsed.text() != "0,0 s"


def test_leaving_a_session_with_pins_asks_first(
    demo_context: AppContext, make_window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = matching_page(window, qtbot)
    check_children(page, 3)
    page.chooser.time_limit.setValue(5)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    select_row(page.proposal_view, 0)
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    asked: list[str] = []

    def answer(reply):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "vastzettingen" in asked[0]
    assert page.run is not None and page.run.pins, "nothing thrown away"
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)  # solving anew asks too
    assert len(asked) == 2 and not page.solving
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.run is None and page.tabs.currentIndex() == 0


def test_every_page_fits_a_1280_by_800_window(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """No page, message or label makes the window grow beyond 1280×800 (a grown
    window was remembered at the next start)."""
    window = make_window(demo_context)
    assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 800
    for key in window.pages:
        window.show_page(key)
        QTest.qWait(20)
        assert (window.width(), window.height()) == (1280, 800), key


def test_file_dialogs_start_in_documents_then_where_that_kind_was_last_saved(
    demo_context: AppContext, make_window, qtbot, monkeypatch, tmp_path, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    """Finding 8: save dialogs started in the program folder."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    window = make_window(demo_context)
    page = window.show_page("capacity")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=WAIT_MS)
    offered: list[str] = []
    target = tmp_path / "reports"
    target.mkdir()

    def dialog(_parent, _title, start, _filters):  # type: ignore[no-untyped-def]
        offered.append(start)
        return str(target / "capaciteit.csv"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(page, "export", lambda **_k: None)
    page._export_csv()
    suggested = f"capaciteit-{page.report.on_date.isoformat()}.csv"  # Dutch, dated, no name in it
    assert Path(offered[0]).parent != Path.cwd() and Path(offered[0]).name == suggested
    page._export_csv()
    assert Path(offered[1]) == target / suggested  # where capacity files went last time
    assert settings.value("folders/capacity") == str(target)
    assert settings.value("folders/dossier") is None  # one folder per kind of file


def test_the_children_register_shows_where_a_placed_child_lives(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    lives, town = headers.index("Woont bij"), headers.index("Gemeente")
    placed = [r for r in range(page.proxy.rowCount()) if page.proxy.row_at(r).status == m.ChildStatus.PLACED]
    assert placed
    for r in placed:
        assert page.proxy.index(r, lives).data().startswith(("Familie ", "Gesloten afdeling ")) and " (F" in page.proxy.index(r, lives).data()
        assert page.proxy.index(r, town).data()


def test_a_child_that_had_to_make_way_says_for_whom(dutch) -> None:  # type: ignore[no-untyped-def]
    """Finding 8: a pin moved five other children without saying why."""
    from types import SimpleNamespace

    from placement.services.matching_session.cards import Cards, ChildCard, FamilyCard
    from placement.services.matching_session.diff import Change, ChangeKind
    from ui.matching.page import change_text

    cards = Cards(
        children={c: ChildCard(c, n, 9, 3) for c, n in (("C1", "Ana"), ("C2", "Bo"))},
        families={f: FamilyCard(f, n, "Assen") for f, n in (("F1", "Familie Vos"), ("F2", "Familie Bos"))},
    )
    run = SimpleNamespace(cards=cards)
    moved = Change("C2", ChangeKind.MOVED, "F1", "F2", None, None, made_way_for=("C1",))
    text = change_text(run, moved)  # type: ignore[arg-type]
    assert text.startswith("Bo: verplaatst van Familie Vos (Assen) naar Familie Bos (Assen)"), text
    assert text.endswith("moest wijken voor Ana bij Familie Vos (Assen)"), text
