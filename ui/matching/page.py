"""The matching page: choose children, solve, explain, pin / forbid, re-solve,
compare, accept; and reopen past sessions read-only.

Every decision and every database access goes through
:mod:`placement.services.matching_session`; this module only shows state and turns
clicks into service calls, off the GUI thread where they may take time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QElapsedTimer, QItemSelectionModel, QLocale, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from catalogue.numbers import date
from placement.actor import Actor
from placement.ids import ChildId
from placement.services.matching_session import (
    accepting,
    diff,
    map_view,
    persistence,
    run_state,
    waiting,
)
from placement.services.matching_session.diff import Change, ChangeKind
from placement.services.matching_session.run_state import MatchingRun
from solver.problem import Settings
from solver.proposal import CancelToken, Candidate, Objective, Progress, Recommendation, Status
from ui.context import AppContext, Changes, error_text
from ui.explanations import explanation_lines
from ui.i18n import current_language
from ui.jobs import Job, JobState, run_job
from ui.map_view import MapView
from ui.matching.chooser import ChildChooser
from ui.matching.explain import ExplanationPanel
from ui.matching.models import PastSessionsModel, ProposalModel, UnplacedModel, status_label, tr
from ui.matching.widgets import table_view

_BANNER_STYLE = "QLabel { background: #fde68a; color: #3f2d00; padding: 6px; border-radius: 3px; }"
_ERROR_STYLE = "QLabel { background: #fecaca; color: #450a0a; padding: 6px; border-radius: 3px; }"


def objective_details(objective: Objective | None, seconds: float | None = None) -> str:
    """The solver's figures, for the tooltip of the status line: priority and
    score with their bounds, and the time taken."""
    if objective is None:
        return ""
    text = tr("priority %1, score %2").replace("%1", str(objective.priority))
    text = text.replace("%2", QLocale().toString(objective.score, "f", 1))
    if objective.priority_bound is not None:
        text += " · " + tr("bound %1").replace("%1", str(objective.priority_bound))
    if objective.score_bound is not None:
        text += " · " + tr("score bound %1").replace("%1", QLocale().toString(objective.score_bound, "f", 1))
    if seconds is not None:
        text += " · " + tr("%1 s").replace("%1", QLocale().toString(seconds, "f", 1))
    return text


def progress_text(progress: Progress) -> str:
    """What the officer reads about the best plan so far, in words; the solver's
    figures on a second line (shown as tooltip). Called in the worker thread;
    translate is thread-safe."""
    words = tr("Best so far: %1 children placed").replace("%1", str(progress.placed))
    return words + "\n" + objective_details(progress.objective, progress.elapsed_s)


def change_text(run: MatchingRun, change: Change) -> str:
    """What changed for one child, and why when it had to make way for others."""
    text = _change_text(run, change)
    if change.made_way_for and change.family_before:
        names = ", ".join(run.cards.child_name(c) for c in change.made_way_for)
        text += " — " + (
            tr("made way for %2 at %1")
            .replace("%1", run.cards.family_name(change.family_before))
            .replace("%2", names)
        )
    return text


def _change_text(run: MatchingRun, change: Change) -> str:
    cards = run.cards
    child = cards.child_name(change.child)
    if change.kind == ChangeKind.PLACED:
        return (
            tr("%1: now placed with %2")
            .replace("%1", child)
            .replace("%2", cards.family_name(change.family_after or ""))
        )
    if change.kind == ChangeKind.UNPLACED:
        return (
            tr("%1: no longer placed (was %2)")
            .replace("%1", child)
            .replace("%2", cards.family_name(change.family_before or ""))
        )
    if change.kind == ChangeKind.MOVED:
        return (
            tr("%1: moved from %2 to %3")
            .replace("%1", child)
            .replace("%2", cards.family_name(change.family_before or ""))
            .replace("%3", cards.family_name(change.family_after or ""))
        )
    return (
        tr("%1: other school, %2 instead of %3")
        .replace("%1", child)
        .replace("%2", cards.school_name(change.school_after) or tr("none"))
        .replace("%3", cards.school_name(change.school_before) or tr("none"))
    )


# A proven gap below this many points is shown as plain "optimal" (the
# solver's own rounding, hundredths of a point per placement).
SHOWN_GAP = 0.05


def status_text(status: Status, proven_gap: float | None = None) -> str:
    """The proposal's status in words; an optimal proposal proven within the
    contract's tolerance says how close it is proven to be."""
    if status is Status.OPTIMAL and proven_gap is not None and proven_gap >= SHOWN_GAP:
        return tr("optimal: proven within %1 points of the best").replace(
            "%1", QLocale().toString(proven_gap, "f", 1)
        )
    return {
        Status.OPTIMAL: tr("optimal: no better proposal exists"),
        Status.FEASIBLE: tr("good, not proven best (time limit or cancelled)"),
        Status.INFEASIBLE: tr("impossible: the pins conflict"),
        Status.UNKNOWN: tr("no answer within the time limit"),
    }[status]


class MatchingPage(QWidget):
    """The placement officer's main workflow."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.run: MatchingRun | None = None
        self.changes: tuple[Change, ...] = ()
        self._job: Job | None = None
        self._token: CancelToken | None = None
        self._explain_serial = 0

        self.error = QLabel()
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.tabs = QTabWidget()
        self.chooser = ChildChooser(settings=context.settings)
        self.chooser.solve_requested.connect(self.start_and_solve)
        self.tabs.addTab(self.chooser, self.tr("&1. Choose children"))
        self.tabs.addTab(self._build_proposal_tab(MapView()), self.tr("&2. Proposal"))
        self.tabs.addTab(self._build_history_tab(), self.tr("Past &sessions"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self._build_actions()
        self.chooser.model.dataChanged.connect(self._sync_actions)
        self.chooser.model.modelReset.connect(self._sync_actions)

        layout = QVBoxLayout(self)
        layout.addWidget(self.error)  # above the tabs: seen whichever tab the officer is on
        layout.addWidget(self.tabs)
        context.operation_did_execute.connect(self._data_changed)
        self._show_run()

    @property
    def solving(self) -> bool:
        return self._job is not None

    # ------------------------------------------------------------ building

    def _build_proposal_tab(self, map_widget: MapView) -> QWidget:
        self.banner = QLabel()
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.banner.setWordWrap(True)

        self.status = QLabel()
        self.status.setWordWrap(True)
        # A long message (conflicts) never widens or heightens the window: at most
        # three lines here, the whole text in the tooltip.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setMaximumHeight(self.status.fontMetrics().lineSpacing() * 3 + 4)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.elapsed = QLabel()
        self.elapsed.setObjectName("elapsed")
        self.elapsed.setToolTip(self.tr("Time since solving started"))
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A fixed size: the text changes ten times a second while solving, and a
        # label that may change size lays out the whole window (every page) each time.
        widest = tr("%1 s").replace("%1", QLocale().toString(9999.9, "f", 1))
        self.elapsed.setFixedSize(
            self.elapsed.fontMetrics().horizontalAdvance(widest) + 4,
            self.elapsed.sizeHint().height(),
        )
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(100)
        self._ticker.timeout.connect(self._tick)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.cancel = QPushButton(self.tr("S&top"))
        self.cancel.setToolTip(self.tr("Stop solving and keep the best proposal so far (Esc)"))
        self.cancel.clicked.connect(self.cancel_solve)

        settings = self.context.settings
        self.proposal = ProposalModel(self)
        self.proposal_view = table_view(
            self.proposal, [2], multi=True, key="matching/proposal", settings=settings,
            on_enter=self._focus_alternatives, hidden=[6, 7],
        )
        self.proposal_view.selectionModel().selectionChanged.connect(self._proposal_selected)
        self.unplaced = UnplacedModel(self)
        self.unplaced_view = table_view(
            self.unplaced, [1, 2], wrap=True, key="matching/unplaced", settings=settings,
            on_enter=self._focus_alternatives,
        )
        self.unplaced_view.selectionModel().selectionChanged.connect(self._unplaced_selected)
        self.changes_list = QListWidget()
        self.changes_list.setWordWrap(True)
        self.decisions_list = QListWidget()
        self.decisions_list.setWordWrap(True)
        self.decisions_list.itemSelectionChanged.connect(self._update_buttons)
        self.lift = QPushButton(self.tr("&Lift"))
        self.lift.setToolTip(self.tr("Remove the selected pin or prohibition"))
        self.lift.clicked.connect(self.lift_decision)

        self.explanation = ExplanationPanel(map_widget)
        self.explanation.pin_requested.connect(self._pin_candidate)

        self.pin_button = QPushButton(self.tr("&Pin"))
        self.pin_button.clicked.connect(self.pin_selected)
        self.forbid_button = QPushButton(self.tr("&Forbid"))
        self.forbid_button.clicked.connect(self.forbid_selected)
        self.resolve_button = QPushButton(self.tr("&Re-solve"))
        self.resolve_button.clicked.connect(self.resolve)
        self.accept_selected_button = QPushButton(self.tr("&Accept selected"))
        self.accept_selected_button.clicked.connect(lambda: self.accept(self.selected_children()))
        self.accept_all_button = QPushButton(self.tr("Accept a&ll"))
        self.accept_all_button.clicked.connect(lambda: self.accept(None))
        self.new_button = QPushButton(self.tr("&New session"))
        self.new_button.clicked.connect(self.new_session)

        progress = QWidget()
        # As high with the Stop button hidden as with it shown: when solving ends
        # the proposal below does not move, so the map need not be drawn again.
        progress.setMinimumHeight(self.cancel.sizeHint().height())
        progress_row = QHBoxLayout(progress)
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.status, 1)
        progress_row.addWidget(self.elapsed)
        progress_row.addWidget(self.busy)
        progress_row.addWidget(self.cancel)

        placed_box = QGroupBox(self.tr("Proposal"))
        QVBoxLayout(placed_box).addWidget(self.proposal_view)
        unplaced_box = QGroupBox(self.tr("Not placed"))
        QVBoxLayout(unplaced_box).addWidget(self.unplaced_view)
        changes_box = QGroupBox(self.tr("Changes"))
        QVBoxLayout(changes_box).addWidget(self.changes_list)
        decisions_box = QGroupBox(self.tr("Pinned and forbidden"))
        decisions_layout = QVBoxLayout(decisions_box)
        decisions_layout.addWidget(self.decisions_list)
        decisions_layout.addWidget(self.lift, 0, Qt.AlignmentFlag.AlignRight)
        lists = QWidget()
        lists_layout = QHBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addWidget(changes_box)
        lists_layout.addWidget(decisions_box)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(placed_box)
        left.addWidget(unplaced_box)
        left.addWidget(lists)
        left.setSizes([500, 250, 200])
        why_box = QGroupBox(self.tr("Why?"))
        QVBoxLayout(why_box).addWidget(self.explanation)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(why_box)
        split.setSizes([600, 420])

        buttons = QHBoxLayout()
        for button in (self.pin_button, self.forbid_button, self.resolve_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.new_button, self.accept_selected_button, self.accept_all_button):
            buttons.addWidget(button)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.banner)
        layout.addWidget(progress)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        return tab

    def _build_history_tab(self) -> QWidget:
        self.history = PastSessionsModel(self)
        self.history_view = table_view(
            self.history, [2], key="matching/history", settings=self.context.settings,
            on_enter=self.open_selected_session,
        )
        self.history_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("&Open (read-only)"))
        self.open_button.clicked.connect(self.open_selected_session)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.history_view, 1)
        layout.addLayout(row)
        return tab

    def _build_actions(self) -> None:
        """One action per main step, with its shortcut: in the window's
        *Matching* menu and in the buttons' tooltips. Each presses its button,
        so it does exactly what the button does, and only when it may."""
        self.actions_by_name: dict[str, QAction] = {}
        rows = (
            ("solve", self.tr("&Solve"), "Ctrl+Return", self.chooser.solve,
             self.tr("Solve a new session with the ticked children")),
            ("pin", self.tr("&Pin"), "Ctrl+P", self.pin_button,
             self.tr("Keep this child in this family or unit in every re-solve")),
            ("forbid", self.tr("&Forbid"), "Ctrl+B", self.forbid_button,
             self.tr("Never propose this family or unit for this child again")),
            ("resolve", self.tr("&Re-solve"), "Ctrl+Shift+R", self.resolve_button,
             self.tr("Solve again with the pins and prohibitions")),
            ("accept_selected", self.tr("&Accept selected"), "Ctrl+Shift+Return", self.accept_selected_button,
             self.tr("Create the placements of the selected rows")),
            ("accept_all", self.tr("Accept a&ll"), "Ctrl+Shift+A", self.accept_all_button,
             self.tr("Create every placement of this proposal")),
            ("stop", self.tr("S&top solving"), "Esc", self.cancel,
             self.tr("Stop solving and keep the best proposal so far")),
        )
        for name, text, keys, button, tip in rows:
            action = QAction(text, self)
            action.setObjectName(f"action_{name}")
            sequence = QKeySequence(keys)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shown})")
            button.setToolTip(f"{tip} ({shown})")
            action.triggered.connect(lambda _=False, b=button: self._press(b))
            self.addAction(action)
            self.actions_by_name[name] = action
        self._sync_actions()

    def _press(self, button: QPushButton) -> None:
        """An action's effect: its button's, on this page, when the button may be used."""
        if not self.isVisible():
            return
        if button is self.chooser.solve:
            self.tabs.setCurrentIndex(0)
        if button.isEnabled():
            button.click()

    def menu_actions(self) -> list[QAction]:
        """For the main window's *Matching* menu."""
        return list(self.actions_by_name.values())

    def _sync_actions(self) -> None:
        buttons = {
            "solve": self.chooser.solve, "pin": self.pin_button, "forbid": self.forbid_button,
            "resolve": self.resolve_button, "accept_selected": self.accept_selected_button,
            "accept_all": self.accept_all_button, "stop": self.cancel,
        }
        for name, action in getattr(self, "actions_by_name", {}).items():
            button = buttons[name]
            action.setEnabled(button.isEnabled() and (name != "stop" or self.solving))

    def _focus_alternatives(self) -> None:
        """Enter on a child: over to its alternatives (Enter there pins one)."""
        self.explanation.alternatives_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.explanation.alternatives.rowCount() and not self.explanation.alternatives_view.currentIndex().isValid():
            self.explanation.alternatives_view.setCurrentIndex(self.explanation.alternatives.index(0, 0))

    def take_over(self, old: MatchingPage) -> None:
        """Go on with ``old``'s work (the window builds its pages again when the
        language changes): the session, its changes and the ticked children."""
        self.run, self.changes = old.run, old.changes
        self.chooser.model.set_checked(old.chooser.model.checked_ids(), True)
        self._show_run()

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload the waiting children and past sessions (the session being worked on stays)."""
        self.reload_children()
        self.reload_history()

    def reload_children(self) -> None:
        on_date = dt.date.today()
        self.context.run(
            lambda s, actor, _state: waiting.waiting_children(s, actor, on_date=on_date),
            self.chooser.set_children,
            on_failed=self._failed,
        )

    def reload_history(self) -> None:
        self.context.run(
            lambda s, actor, _state: persistence.past_sessions(s, actor),
            self._set_history,
            on_failed=self._failed,
        )

    def _set_history(self, rows: Sequence[persistence.SessionSummary]) -> None:
        self.history.set_rows(rows)
        self._update_buttons()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history_view.parentWidget():
            self.reload_history()

    def _data_changed(self, changes: Changes) -> None:
        if changes.initiator is not self and (changes.children or changes.placements):
            self.reload_children()

    # ------------------------------------------------------------ solving

    def start_and_solve(self, child_ids: list[int], settings: Settings) -> None:
        """Open a new session for the chosen children and solve it (closing the
        session being worked on, if it was not accepted)."""
        if not self.may_leave_session():
            return
        context, on_date = self.context, dt.date.today()
        unfinished = self.run.id if self.run is not None and not self.run.read_only else None

        def start(state: JobState) -> MatchingRun:
            with context.db.session() as s, s.begin():
                if unfinished is not None:
                    persistence.close(s, context.actor, unfinished)
                return persistence.start(
                    s, context.actor, on_date=on_date, child_ids=child_ids, settings=settings
                )

        self.run = None
        self.changes = ()
        self.tabs.setCurrentIndex(1)
        self._solve_in_background(start)

    def start_replacement_and_solve(self, child_id: int, reason: str, priority: int, siblings: bool) -> None:
        """Opnieuw plaatsen: a session for this child (and its keep-together
        siblings), the current family forbidden, then solve it."""
        context, on_date = self.context, dt.date.today()
        unfinished = self.run.id if self.run is not None and not self.run.read_only else None

        def start(state: JobState) -> MatchingRun:
            with context.db.session() as s, s.begin():
                if unfinished is not None:
                    persistence.close(s, context.actor, unfinished)
                return persistence.start_replacement(
                    s, context.actor, ChildId(child_id), on_date=on_date, reason=reason,
                    include_siblings=siblings, priority=priority,
                )

        self.run = None
        self.changes = ()
        self.tabs.setCurrentIndex(1)
        self._solve_in_background(start)

    def resolve(self) -> None:
        if self.run is not None:
            run = self.run
            self._solve_in_background(lambda _state: run)

    def cancel_solve(self) -> None:
        if self._token is not None:
            self._token.cancel()
        if self._job is not None:
            self._job.cancel()
        self._set_status(self.tr("Stopping; keeping the best proposal so far…"))

    def _solve_in_background(self, prepare: Callable[[JobState], MatchingRun]) -> None:
        """Prepare the run (start it, or take the current one), solve without a
        transaction open, then store the result in a short transaction."""
        context = self.context
        token = self._token = CancelToken()
        exact = self.chooser.exact.isChecked()

        def task(state: JobState) -> MatchingRun:
            run = prepare(state)
            total = len(run.problem.children)
            state.set_progress(0, total, tr("Solving…"))
            solved = run_state.solve(
                run,
                on_progress=lambda p: state.set_progress(p.placed, total, progress_text(p)),
                cancel=token,
                exact=exact,
            )
            with context.db.session() as s, s.begin():
                persistence.save(s, context.actor, solved)
            return solved

        self.error.hide()
        self._set_status(self.tr("Solving…"))
        self._clock.start()
        self._tick()
        self._ticker.start()
        self._job = run_job(
            task, on_finished=self._solved, on_failed=self._solve_failed, on_progress=self._progress
        )
        self._update_buttons()

    def _tick(self) -> None:
        """The elapsed time while solving, ten times a second."""
        seconds = self._clock.elapsed() / 1000 if self._clock.isValid() else 0.0
        self.elapsed.setText(tr("%1 s").replace("%1", QLocale().toString(seconds, "f", 1)))

    def _stop_clock(self) -> None:
        self._ticker.stop()
        if self._clock.isValid():
            self._tick()

    def _set_status(self, text: str, details: str = "") -> None:
        """The status in words; the solver's figures (and the whole text, which
        may be cut off at three lines) in its tooltip."""
        self.status.setText(text)
        self.status.setToolTip("\n".join(part for part in (text, details) if part))

    def _progress(self, _done: int, _total: int, text: str) -> None:
        if not (self._token and self._token.cancelled):
            words, _, details = text.partition("\n")
            self._set_status(words, details)

    def _solved(self, run: MatchingRun) -> None:
        self._job = None
        self._token = None
        self._stop_clock()
        # a re-solve keeps the officer's place: the child they pinned or forbade
        same_session = self.run is not None and self.run.id == run.id
        chosen = self.selected_children() if same_session else []
        current = self.proposal_view.currentIndex()
        current_child = (
            self.proposal.rows[current.row()].child
            if same_session and current.isValid() and current.row() < len(self.proposal.rows)
            else None
        )
        self.run = run
        pinned = {pin.child: pin.family for pin in run.pins}
        self.changes = (
            diff.diff(run.previous, run.proposal, pinned) if run.previous is not None else ()
        )
        self._show_run()
        self._reselect(chosen, current_child)
        self.reload_history()
        self._focus_proposal()

    def _focus_proposal(self) -> None:
        """After solving, the keyboard is in the proposal (arrows choose a child)."""
        if not self.isVisible() or self.tabs.currentIndex() != 1:
            return
        focus = QApplication.focusWidget()
        if focus is None or not focus.isVisible() or focus is self.cancel or not self.isAncestorOf(focus):
            self.proposal_view.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.proposal.rowCount() and not self.proposal_view.currentIndex().isValid():
                self.proposal_view.setCurrentIndex(self.proposal.index(0, 0))

    def _solve_failed(self, exc: BaseException) -> None:
        self._job = None
        self._token = None
        self._stop_clock()
        self._failed(exc)
        self._show_run()

    def _failed(self, exc: BaseException) -> None:
        """Say what went wrong where the officer is looking; nothing was changed."""
        self.error.setText(error_text(exc))
        self.error.show()
        self._update_buttons()

    # ------------------------------------------------------------ showing

    def _show_run(self) -> None:
        run = self.run
        changed = {c.child for c in self.changes}
        if run is None:
            self.proposal.set_rows(())
            self.unplaced.set_rows(())
        else:
            self.proposal.show(run, changed)
            self.unplaced.show(run, changed)
        self.changes_list.clear()
        if run is not None:
            if not self.changes and run.previous is not None:
                self.changes_list.addItem(self.tr("No changes: the same proposal as before."))
            for change in self.changes:
                self.changes_list.addItem(change_text(run, change))
        self._show_decisions()
        self._show_banner_and_status()
        self.explanation.clear()
        self.explanation.show_safety(None)
        self._update_buttons()

    def _show_decisions(self) -> None:
        self.decisions_list.clear()
        if self.run is None:
            return
        cards = self.run.cards
        for pin in self.run.pins:
            text = self.tr("Pinned: %1 with %2").replace("%1", cards.child_name(pin.child))
            item = QListWidgetItem(text.replace("%2", cards.family_name(pin.family)))
            item.setData(Qt.ItemDataRole.UserRole, ("pin", pin.child, pin.family))
            self.decisions_list.addItem(item)
        for pair in self.run.forbidden:
            text = self.tr("Forbidden: %1 with %2").replace("%1", cards.child_name(pair.child))
            item = QListWidgetItem(text.replace("%2", cards.family_name(pair.family)))
            item.setData(Qt.ItemDataRole.UserRole, ("forbidden", pair.child, pair.family))
            self.decisions_list.addItem(item)

    def _show_banner_and_status(self) -> None:
        run = self.run
        if run is not None and run.read_only:
            self.banner.setText(
                self.tr("Read-only: session %1 of %2 (%3). Start a new session to change anything.")
                .replace("%1", str(run.id))
                .replace("%2", date(run.on_date, current_language(), short=True))
                .replace("%3", status_label(run.status.value))
            )
            self.banner.show()
        else:
            self.banner.hide()
        if self._job is not None:
            return
        if run is None:
            self._set_status(self.tr("Choose children on the first tab and press Solve."))
            self.elapsed.clear()
        elif run.proposal is None:
            self._set_status(
                self.tr("Session %1 has no proposal yet.").replace("%1", str(run.id))
            )
        else:
            p = run.proposal
            text = self.tr("Session %1: %2 of %3 children placed; %4.").replace("%1", str(run.id))
            text = text.replace("%2", str(len(p.placements))).replace(
                "%3", str(len(run.problem.children))
            )
            gap = p.objective.proven_gap if p.objective is not None else None
            text = text.replace("%4", status_text(p.status, gap))
            if p.conflicts:
                text += "\n" + explanation_lines(p.conflicts, run.cards)
            if run.stale:
                text += " " + self.tr("Pins or prohibitions changed: press Re-solve.")
            self._set_status(text, objective_details(p.objective, p.solve_seconds))

    def _update_buttons(self, *_args: object) -> None:
        run = self.run
        solving = self._job is not None
        editable = run is not None and not run.read_only and not solving
        # A proposal is accepted as solved: after a pin or prohibition, re-solve first.
        has_proposal = editable and run is not None and run.proposal is not None and not run.stale
        pair = self._selected_pair()
        self.busy.setVisible(solving)
        self.cancel.setVisible(solving)
        self.chooser.set_busy(solving)
        self.pin_button.setEnabled(editable and pair is not None)
        self.forbid_button.setEnabled(editable and pair is not None)
        self.resolve_button.setEnabled(editable)
        self.lift.setEnabled(editable and bool(self.decisions_list.selectedItems()))
        self.accept_selected_button.setEnabled(has_proposal and bool(self.selected_children()))
        self.accept_all_button.setEnabled(
            has_proposal and bool(run and run.proposal and run.proposal.placements)
        )
        self.new_button.setEnabled(not solving)
        self.open_button.setEnabled(
            not solving and bool(self.history_view.selectionModel().selectedRows())
        )
        self.explanation.set_editable(editable)
        self._sync_actions()

    # ------------------------------------------------------------ explaining

    def selected_children(self) -> list[str]:
        rows = sorted(i.row() for i in self.proposal_view.selectionModel().selectedRows())
        return [self.proposal.rows[r].child for r in rows]

    def _selected_pair(self) -> tuple[str, str, str | None] | None:
        rows = self.proposal_view.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        p = self.proposal.rows[rows[0].row()]
        return p.child, p.family, p.school

    def _proposal_selected(self, *_args: object) -> None:
        pair = self._selected_pair()
        if pair is not None:
            self.unplaced_view.clearSelection()
            self._explain(pair[0])
        self._update_buttons()

    def _unplaced_selected(self, *_args: object) -> None:
        rows = self.unplaced_view.selectionModel().selectedRows()
        if rows:
            self.proposal_view.clearSelection()
            self._explain(self.unplaced.rows[rows[0].row()].child)
        self._update_buttons()

    def _explain(self, child_id: str) -> None:
        run = self.run
        if run is None:
            return
        placement = run.placement_of(child_id)
        self.explanation.show_child(run.cards, child_id, placement)
        self.explanation.show_safety(
            map_view.safety_view(
                run,
                child_id,
                placement.family if placement else None,
                placement.school if placement else None,
            )
        )
        self._explain_serial += 1
        serial = self._explain_serial

        def shown(recommendation: Recommendation) -> None:
            if serial == self._explain_serial and self.run is run:
                self.explanation.show_alternatives(
                    run.cards, recommendation, placement.family if placement else None
                )

        run_job(
            lambda _state: run_state.alternatives(run, child_id),
            on_finished=shown,
            on_failed=self._failed,
        )

    # ------------------------------------------------------------ deciding

    def pin_selected(self) -> None:
        pair = self._selected_pair()
        if self.run is not None and pair is not None:
            self._decide(run_state.pin(self.run, *pair))

    def _pin_candidate(self, candidate: Candidate) -> None:
        child = self.explanation.child_id
        if self.run is not None and child is not None:
            self._decide(run_state.pin(self.run, child, candidate.family, candidate.school))

    def forbid_selected(self) -> None:
        pair = self._selected_pair()
        if self.run is not None and pair is not None:
            self._decide(run_state.forbid(self.run, pair[0], pair[1]))

    def lift_decision(self) -> None:
        items = self.decisions_list.selectedItems()
        if self.run is None or not items:
            return
        kind, child, family = items[0].data(Qt.ItemDataRole.UserRole)
        self._decide(
            run_state.unpin(self.run, child)
            if kind == "pin"
            else run_state.unforbid(self.run, child, family)
        )

    def _decide(self, run: MatchingRun) -> None:
        chosen = self.selected_children()
        current = self.proposal_view.currentIndex()
        current_child = self.proposal.rows[current.row()].child if current.isValid() else None
        self.run = run
        self.proposal.show(run, {c.child for c in self.changes})
        self._reselect(chosen, current_child)
        self._show_decisions()
        self._show_banner_and_status()
        self._update_buttons()

    def _reselect(self, children: list[str], current: str | None) -> None:
        """Keep the officer's place in the proposal after a pin or prohibition."""
        selection = self.proposal_view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if current is not None and (row := self.proposal.child_row(current)) >= 0:
            selection.setCurrentIndex(self.proposal.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        for child in children:
            row = self.proposal.child_row(child)
            if row >= 0:
                selection.select(self.proposal.index(row, 0), flags)

    # ------------------------------------------------------------ accepting

    def accept(self, child_ids: list[str] | None) -> None:
        run = self.run
        if run is None or run.proposal is None:
            return
        count = len(run.proposal.placements) if child_ids is None else len(child_ids)
        question = self.tr(
            "Create %n placement(s) now? Each family's or unit's free places go down accordingly.",
            None, count,
        )
        if child_ids is not None and count < len(run.proposal.placements):
            question += " " + self.tr(
                "The session is then closed: the other children of this proposal are not placed"
                " and wait for a next session."
            )
        answer = QMessageBox.question(self, self.tr("Accept placements"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return

        def task(s: Session, actor: Actor, _state: JobState) -> MatchingRun:
            accepting.accept(s, actor, run.id, child_ids)
            return persistence.reopen(s, actor, run.id)

        self.error.hide()
        self.context.run(
            task,
            self._accepted,
            on_failed=self._failed,
            changes=Changes(
                families=True, children=True, schools=True, placements=True, initiator=self
            ),
        )

    def _accepted(self, run: MatchingRun) -> None:
        self.run = run
        self.changes = ()
        self._show_run()
        self._set_status(
            self.tr("%n placement(s) created. Session %1 is closed.", None, len(run.accepted))
            .replace("%1", str(run.id))
        )
        self.reload_children()

    # ------------------------------------------------------------ sessions

    def may_leave_session(self) -> bool:
        """Leaving a session whose pins or prohibitions were not accepted asks first."""
        run = self.run
        if run is None or run.read_only or not (run.pins or run.forbidden):
            return True
        question = self.tr(
            "Session %1 has pins or prohibitions that were not accepted. Leave it anyway? "
            "It is closed and stays in the past sessions."
        ).replace("%1", str(run.id))
        answer = QMessageBox.question(
            self,
            self.tr("Leave session"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def new_session(self) -> None:
        """Back to choosing children; a session left unaccepted is closed (it stays in the history).
        With pins or prohibitions not accepted, the officer is asked first."""
        if not self.may_leave_session():
            return
        run = self.run
        if run is not None and not run.read_only:
            self.context.run(
                lambda s, actor, _state: persistence.close(s, actor, run.id),
                lambda _result: self.reload_history(),
                on_failed=self._failed,
            )
        self.run = None
        self.changes = ()
        self.error.hide()
        self._show_run()
        self.tabs.setCurrentIndex(0)

    def new_item(self) -> None:
        """Ctrl+N in the main window."""
        self.new_session()

    def focus_search(self) -> None:
        """Ctrl+F in the main window: find a waiting child by name."""
        self.tabs.setCurrentIndex(0)
        self.chooser.search.setFocus()
        self.chooser.search.selectAll()

    def open_selected_session(self) -> None:
        rows = self.history_view.selectionModel().selectedRows()
        if not rows:
            return
        session_id = self.history.rows[rows[0].row()].id
        self.context.run(
            lambda s, actor, _state: persistence.reopen(s, actor, session_id),
            self._reopened,
            on_failed=self._failed,
        )

    def _reopened(self, run: MatchingRun) -> None:
        self.run = run
        self.changes = ()
        self.error.hide()
        self._show_run()
        self.tabs.setCurrentIndex(1)
