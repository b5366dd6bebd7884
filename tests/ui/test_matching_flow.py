"""The placement officer's whole matching flow through the window, on a copy of
the demo database, with the real services and the real solver."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from placement.services.matching_session import persistence, run_state, waiting
from placement.storage import models as m
from solver.proposal import Objective, Progress, Status
from ui.context import AppContext
from ui.matching import MatchingPage
from ui.matching.chooser import ChildChooser
from ui.matching.models import CHANGED_BRUSH, tr
from ui.matching.page import progress_text, status_text

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
WAIT_MS = 60_000


@pytest.fixture
def page(demo_context: AppContext, make_window, qtbot) -> MatchingPage:  # type: ignore[no-untyped-def]
    """The matching page as the officer reaches it: through the main window's sidebar, in Dutch."""
    widget = make_window(demo_context).show_page("matching")
    assert isinstance(widget, MatchingPage)
    qtbot.waitUntil(lambda: widget.chooser.model.rowCount() > 0, timeout=WAIT_MS)
    return widget


def check_children(page: MatchingPage, n: int) -> list[int]:
    """Tick the check boxes of the first ``n`` children without siblings, as the officer would."""
    proxy, chosen = page.chooser.proxy, []
    for row in range(proxy.rowCount()):
        child = proxy.row_at(row)
        if child.sibling_group is None and len(chosen) < n:
            assert proxy.setData(
                proxy.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
            )
            chosen.append(child.id)
    return chosen


def wait_solved(page: MatchingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.solving, timeout=WAIT_MS)
    assert not page.error.isVisible(), page.error.text()
    assert page.run is not None and page.run.proposal is not None


def select_row(view, row: int) -> None:  # type: ignore[no-untyped-def]
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    view.selectionModel().select(view.model().index(row, 0), flags)


def test_choose_solve_pin_resolve_accept(
    page: MatchingPage, demo_context: AppContext, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert not page.chooser.solve.isEnabled() and not page.error.isVisible()
    page.chooser.search.setText("zzz-nobody")
    assert page.chooser.proxy.rowCount() == 0
    page.chooser.search.clear()
    chosen = check_children(page, 6)
    assert page.chooser.solve.isEnabled()
    assert "6 van" in page.chooser.count.text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SCREENSHOTS / "matching-choose.png"))
    page.chooser.time_limit.setValue(10)

    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    assert not page.chooser.solve.isEnabled(), "one solve at a time"
    wait_solved(page, qtbot)

    run = page.run
    assert run is not None and run.proposal is not None
    assert page.tabs.currentIndex() == 1
    assert {int(c.id.removeprefix("C")) for c in run.problem.children} == set(chosen)
    assert page.proposal.rowCount() == len(run.proposal.placements) > 0
    assert page.unplaced.rowCount() == len(run.proposal.unplaced)
    first = run.proposal.placements[0]
    family_cell = page.proposal.index(0, 1).data()
    assert family_cell == run.cards.family_name(first.family)

    # Why: the score per rule and the alternatives for the selected child.
    select_row(page.proposal_view, 0)
    assert page.explanation.terms.rowCount() == len(first.terms) > 0
    why = [
        page.explanation.terms.index(r, 2).data() for r in range(page.explanation.terms.rowCount())
    ]
    assert not [
        text for text in why if "km away" in text or "beyond" in text or "language" in text
    ], why
    qtbot.waitUntil(lambda: page.explanation.alternatives.rowCount() > 0, timeout=WAIT_MS)
    alternatives = page.explanation.alternatives.rows
    bold = [
        bool(page.explanation.alternatives.index(i, 0).data(Qt.ItemDataRole.FontRole))
        for i in range(len(alternatives))
    ]
    assert bold == [c.family == first.family for c in alternatives], (
        "the proposed family stands out"
    )
    other = next(i for i, c in enumerate(alternatives) if c.family != first.family)
    assert_no_family_address(page, demo_context)
    page.grab().save(str(SCREENSHOTS / "matching.png"))

    # Pin the child to another family and re-solve: the diff shows the move.
    select_row(page.explanation.alternatives_view, other)
    assert page.explanation.pin_alternative.isEnabled()
    qtbot.mouseClick(page.explanation.pin_alternative, Qt.MouseButton.LeftButton)
    assert page.decisions_list.count() == 1
    assert page.run is not None and page.run.stale
    stale_row = page.proposal.child_row(first.child)
    assert tr("(pinned)") not in page.proposal.index(stale_row, 0).data(), (
        "the old family is not the one pinned: no mark until the re-solve"
    )
    assert not page.accept_all_button.isEnabled(), (
        "a stale proposal is not accepted before re-solving"
    )
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)

    run = page.run
    assert run is not None and run.proposal is not None and not run.stale
    moved = run.placement_of(first.child)
    assert moved is not None and moved.family == alternatives[other].family
    changes = [page.changes_list.item(i).text() for i in range(page.changes_list.count())]
    assert any(run.cards.child_name(first.child) in text for text in changes)
    row = page.proposal.child_row(first.child)
    assert page.proposal.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == CHANGED_BRUSH
    assert tr("(pinned)") in page.proposal.index(row, 0).data(), "now it sits where it is pinned"
    assert page.proposal_view.currentIndex().row() == row, "the officer's place is kept"
    assert page.explanation.terms.rowCount() > 0, "and its explanation shown again"
    page.grab().save(str(SCREENSHOTS / "matching-resolved.png"))

    # Accept everything in one go: placements appear, free places go down, views hear of it.
    free_before = {p.family: _free_places(demo_context, p.family) for p in run.proposal.placements}
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(demo_context.operation_did_execute, timeout=WAIT_MS) as announced:
        qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    assert announced.args[0].placements and announced.args[0].families
    qtbot.waitUntil(lambda: page.run is not None and page.run.read_only, timeout=WAIT_MS)

    with demo_context.db.session() as s:
        for p in run.proposal.placements:
            placement = s.scalars(
                select(m.Placement).where(m.Placement.child_id == int(p.child.removeprefix("C")))
            ).one()
            assert f"F{placement.family_id}" == p.family and placement.session_id == run.id
    for family, before in free_before.items():
        taken = sum(1 for p in run.proposal.placements if p.family == family)
        assert _free_places(demo_context, family) == before - taken
    assert page.banner.isVisible()
    for button in (
        page.pin_button,
        page.forbid_button,
        page.resolve_button,
        page.accept_all_button,
    ):
        assert not button.isEnabled()
    placed_ids = {int(p.child.removeprefix("C")) for p in run.proposal.placements}
    qtbot.waitUntil(
        lambda: not placed_ids & {r.id for r in page.chooser.model.rows}, timeout=WAIT_MS
    )


def test_forbid_then_lift_the_prohibition(page: MatchingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    check_children(page, 3)
    page.chooser.time_limit.setValue(5)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    assert page.run is not None and page.run.proposal is not None
    first = page.run.proposal.placements[0]

    select_row(page.proposal_view, 0)
    qtbot.mouseClick(page.forbid_button, Qt.MouseButton.LeftButton)

    assert page.run.is_forbidden(first.child, first.family) and page.run.stale
    assert page.decisions_list.count() == 1
    assert page.decisions_list.item(0).text().startswith("Verboden:")
    assert "Opnieuw oplossen" in page.status.text()
    page.decisions_list.setCurrentRow(0)
    assert page.lift.isEnabled()
    qtbot.mouseClick(page.lift, Qt.MouseButton.LeftButton)
    assert page.decisions_list.count() == 0
    assert not page.run.forbidden and not page.run.stale
    assert page.accept_all_button.isEnabled()

    session_id = page.run.id
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)  # moving on closes this session
    assert page.run is None and page.tabs.currentIndex() == 0
    qtbot.waitUntil(
        lambda: any(
            r.id == session_id and r.status == m.SessionStatus.CLOSED for r in page.history.rows
        ),
        timeout=WAIT_MS,
    )


def test_accept_selected_rows_only(
    page: MatchingPage, demo_context: AppContext, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    check_children(page, 4)
    page.chooser.time_limit.setValue(5)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    run = page.run
    assert run is not None and run.proposal is not None and len(run.proposal.placements) >= 3
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        page.proposal_view.selectionModel().select(page.proposal.index(row, 0), flags)
    chosen = {page.proposal.rows[0].child, page.proposal.rows[2].child}
    assert not page.pin_button.isEnabled(), "pin needs exactly one pair"

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.accept_selected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.run is not None and page.run.read_only, timeout=WAIT_MS)

    assert {r.child for r in page.run.accepted} == chosen
    with demo_context.db.session() as s:
        for p in run.proposal.placements:
            child = s.get(m.Child, int(p.child.removeprefix("C")))
            assert child is not None
            expected = m.ChildStatus.PLACED if p.child in chosen else m.ChildStatus.WAITING
            assert child.status == expected


def test_a_failed_accept_changes_nothing_and_says_why(
    page: MatchingPage,
    demo_context: AppContext,
    qtbot,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    check_children(page, 4)
    page.chooser.time_limit.setValue(5)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    run = page.run
    assert run is not None and run.proposal is not None
    taken = run.proposal.placements[0]
    with demo_context.db.session() as s, s.begin():  # another officer fills that family meanwhile
        family = s.get(m.FosterFamily, int(taken.family.removeprefix("F")))
        assert family is not None
        family.total_places = family.occupied

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error.isVisible(), timeout=WAIT_MS)

    assert run.cards.family_name(taken.family) in page.error.text()  # named as in the table
    assert "is net vol: 0 plaats(en) vrij, 1 nodig" in page.error.text(), "in Dutch"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SCREENSHOTS / "matching-conflict.png"))
    assert page.run is run and not page.run.read_only
    with demo_context.db.session() as s:
        for p in run.proposal.placements:
            child = s.get(m.Child, int(p.child.removeprefix("C")))
            assert child is not None and child.status == m.ChildStatus.WAITING


def test_a_past_session_reopens_read_only(
    page: MatchingPage, demo_context: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    with demo_context.db.session() as s, s.begin():
        ids = [
            r.id for r in waiting.waiting_children(s, demo_context.actor, on_date=dt.date.today())
        ][:3]
        run = persistence.start(s, demo_context.actor, on_date=dt.date.today(), child_ids=ids)
    run = run_state.solve(run)
    with demo_context.db.session() as s, s.begin():
        persistence.save(s, demo_context.actor, run)
    assert run.proposal is not None

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.history.rowCount() > 0, timeout=WAIT_MS)
    assert page.history.index(0, 2).data() == demo_context.actor.username
    select_row(page.history_view, 0)
    page.grab().save(str(SCREENSHOTS / "matching-history.png"))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.run is not None and page.run.id == run.id, timeout=WAIT_MS)

    assert page.tabs.currentIndex() == 1
    assert (
        page.banner.isVisible()
        and "Alleen-lezen" in page.banner.text()
        and str(run.id) in page.banner.text()
    )
    assert page.proposal.rowCount() == len(run.proposal.placements)
    select_row(page.proposal_view, 0)
    assert not page.pin_button.isEnabled() and not page.forbid_button.isEnabled()
    assert not page.resolve_button.isEnabled() and not page.accept_all_button.isEnabled()
    page.grab().save(str(SCREENSHOTS / "matching-read-only.png"))


def test_cancel_keeps_the_best_proposal_so_far(page: MatchingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.chooser.check_visible, Qt.MouseButton.LeftButton)  # every waiting child
    page.chooser.time_limit.setValue(120)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    assert page.cancel.isVisible() and page.solving

    qtbot.mouseClick(page.cancel, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)

    run = page.run
    assert run is not None and run.proposal is not None
    assert run.proposal.status == Status.FEASIBLE, (
        "stopped early: the best plan so far, not proven best"
    )
    assert page.proposal.rowCount() == len(run.proposal.placements) > 0
    assert not page.cancel.isVisible()
    assert "niet bewezen" in page.status.text()


def test_progress_line_in_dutch(dutch: None) -> None:
    line = progress_text(
        Progress(Objective(priority=12, score=340.5, priority_bound=14), elapsed_s=1.5, placed=5)
    )
    # In words for the officer; the solver's figures go to the tooltip (second line).
    assert line == "Beste tot nu toe: 5 kinderen geplaatst\nprioriteit 12, score 340,5 · grens 14 · 1,5 s"


def texts_on_page(page: MatchingPage) -> list[str]:
    """Every text the officer can read on the proposal tab."""
    texts = [page.status.text(), page.explanation.title.text(), page.explanation.excluded.text()]
    for model in (
        page.proposal,
        page.unplaced,
        page.explanation.terms,
        page.explanation.alternatives,
    ):
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.index(row, column).data() or ""))
    for widget in (page.changes_list, page.decisions_list):
        texts += [widget.item(i).text() for i in range(widget.count())]
    return texts


def assert_no_family_address(page: MatchingPage, context: AppContext) -> None:
    with context.db.session() as s:
        secrets = [
            secret
            for address, postcode in s.execute(
                select(m.FosterFamily.address, m.FosterFamily.postcode)
            )
            for secret in (address, postcode)
            if secret
        ]
    shown = "\n".join(texts_on_page(page))
    assert "Familie" in shown  # family names are shown...
    leaked = [secret for secret in secrets if secret in shown]
    assert not leaked, "family addresses must never appear on the matching page"


def _free_places(context: AppContext, family_ref: str) -> int:
    with context.db.session() as s:
        family = s.get(m.FosterFamily, int(family_ref.removeprefix("F")))
        assert family is not None
        return family.free_places


def test_a_proven_gap_is_said_in_dutch_words(dutch: None) -> None:
    assert status_text(Status.OPTIMAL, 0.5) == "optimaal: bewezen binnen 0,5 punt van het beste"
    # the solver's own rounding is no gap worth a word
    assert status_text(Status.OPTIMAL, 0.01) == "optimaal: er bestaat geen beter voorstel"
    assert status_text(Status.OPTIMAL) == "optimaal: er bestaat geen beter voorstel"


def test_the_officer_may_ask_for_an_exact_proof(dutch: None) -> None:
    chooser = ChildChooser()
    assert chooser.exact.text() == "Score exact bewijzen (langzamer)"
    assert not chooser.exact.isChecked()  # the contract's tolerance by default


def test_an_exact_proof_asked_for_reaches_the_solver(page: MatchingPage, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[bool] = []
    solve = run_state.solve

    def recording_solve(run, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs.get("exact", False))
        return solve(run, **kwargs)

    monkeypatch.setattr(run_state, "solve", recording_solve)
    check_children(page, 3)
    qtbot.mouseClick(page.chooser.exact, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    wait_solved(page, qtbot)
    assert asked == [True]
    assert page.run is not None and page.run.proposal.status == Status.OPTIMAL


def _answer_next_question_with_enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The officer reads the confirmation and presses Enter (its default is Yes)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, press)
            return
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(50, press)


def key(widget_or_none, key_code, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """One key press where the keyboard focus is, as a person types it."""
    target = widget_or_none or QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key_code, modifier)


def test_the_whole_matching_flow_with_the_keyboard_only(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 3: choose, solve, pin, forbid, re-solve and accept with
    key events only; no widget method is called to drive the flow."""
    window = make_window(demo_context)
    number = list(window.pages).index("matching") + 1  # Beeld → Matching: Ctrl+<its place in the sidebar>
    key(window, Qt.Key(Qt.Key.Key_0.value + number), Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, MatchingPage)
    qtbot.waitUntil(lambda: page.chooser.model.rowCount() >= 4, timeout=WAIT_MS)

    key(None, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # the search field
    assert QApplication.focusWidget() is page.chooser.search
    for _ in range(12):  # Tab through the filters into the table
        if QApplication.focusWidget() is page.chooser.table:
            break
        key(None, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.chooser.table
    for n in range(4):  # Space ticks the current child, Down moves on
        if n:
            key(None, Qt.Key.Key_Down)
        key(None, Qt.Key.Key_Space)
    assert len(page.chooser.model.checked_ids()) == 4
    key(None, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.chooser.table, "Tab leaves the table"

    key(None, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Oplossen
    qtbot.waitUntil(lambda: page.run is not None and not page.solving, timeout=WAIT_MS)
    run = page.run
    assert run is not None and run.proposal is not None and len(run.proposal.placements) >= 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.proposal_view, timeout=WAIT_MS)

    key(None, Qt.Key.Key_Down)
    key(None, Qt.Key.Key_Up)  # the first child is selected
    first = page.proposal.rows[0]
    assert page.selected_children() == [first.child]
    key(None, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Vastzetten
    assert [p.child for p in page.run.pins] == [first.child]

    key(None, Qt.Key.Key_Down)
    second = page.proposal.rows[1]
    assert page.selected_children() == [second.child]
    key(None, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Verbieden
    assert page.run.is_forbidden(second.child, second.family) and page.run.stale

    key(None, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not page.solving and page.run is not None and not page.run.stale, timeout=WAIT_MS)
    run = page.run
    assert run.placement_of(first.child) is not None
    assert run.placement_of(first.child).family == first.family
    moved = run.placement_of(second.child)
    assert moved is None or moved.family != second.family

    _answer_next_question_with_enter(qtbot)
    key(page.proposal_view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.run is not None and page.run.read_only, timeout=WAIT_MS)
    with demo_context.db.session() as s:
        accepted = s.scalars(select(m.Placement).where(m.Placement.session_id == run.id)).all()
    assert {f"C{p.child_id}" for p in accepted} == {p.child for p in run.proposal.placements}


def test_shortcuts_are_in_the_menu_and_the_tooltips(page: MatchingPage) -> None:
    window = page.window()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Koppelen")
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["&Oplossen"] == "Ctrl+Return"
    assert shortcuts["&Vastzetten"] == "Ctrl+P"
    assert shortcuts["Ver&bieden"] == "Ctrl+B"
    assert shortcuts["Opnieuw op&lossen"] == "Ctrl+Shift+R"
    assert shortcuts["Alles a&ccepteren"] == "Ctrl+Shift+A"
    assert "Geselecteerde &accepteren" in shortcuts
    assert page.pin_button.toolTip().endswith("(Ctrl+P)")
    assert page.resolve_button.toolTip().endswith("(Ctrl+Shift+R)")
    assert page.chooser.solve.toolTip().endswith("(Ctrl+Return)")
    buttons = [page.pin_button, page.forbid_button, page.resolve_button, page.new_button,
               page.accept_selected_button, page.accept_all_button, page.lift, page.explanation.pin_alternative]
    letters = [b.text()[b.text().index("&") + 1].lower() for b in buttons]
    assert len(set(letters)) == len(letters), letters  # a mnemonic each, none twice


def test_alt_letters_reach_the_choosers_filters_and_settings(page: MatchingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.chooser.table.setFocus()
    for letter, widget in ((Qt.Key.Key_R, page.chooser.region), (Qt.Key.Key_T, page.chooser.time_limit),
                           (Qt.Key.Key_P, page.chooser.priority)):
        QTest.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() in (widget, widget.focusProxy()), letter
