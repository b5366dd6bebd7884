"""The matching page: choose children, solve, explain, pin / forbid, re-solve,
compare, accept; and reopen past sessions read-only.

Every decision and every database access goes through
:mod:`placement.services.sessions`; this module only shows state and turns
clicks into service calls, off the GUI thread where they may take time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.ids import ChildId
from placement.services import sessions
from placement.services.sessions import Change, ChangeKind, MatchingRun
from solver.problem import Settings
from solver.proposal import CancelToken, Candidate, Progress, Recommendation, Status
from ui.context import AppContext, Changes, error_text
from ui.explanations import explanation_lines
from ui.jobs import Job, JobState, run_job
from ui.map_view import MapView
from ui.matching.chooser import ChildChooser
from ui.matching.explain import ExplanationPanel
from ui.matching.models import PastSessionsModel, ProposalModel, UnplacedModel, status_label, tr
from ui.matching.widgets import table_view

_BANNER_STYLE = "QLabel { background: #fde68a; color: #3f2d00; padding: 6px; border-radius: 3px; }"
_ERROR_STYLE = "QLabel { background: #fecaca; color: #450a0a; padding: 6px; border-radius: 3px; }"


def progress_text(progress: Progress) -> str:
    """One line about the best plan so far (called in the worker thread; translate is thread-safe)."""
    objective = progress.objective
    text = tr("Best so far: %1 children placed, priority %2, score %3").replace(
        "%1", str(progress.placed)
    )
    text = text.replace("%2", str(objective.priority)).replace(
        "%3", QLocale().toString(objective.score, "f", 1)
    )
    if objective.priority_bound is not None:
        text += " · " + tr("bound %1").replace("%1", str(objective.priority_bound))
    return text + " · " + tr("%1 s").replace("%1", QLocale().toString(progress.elapsed_s, "f", 1))


def change_text(run: MatchingRun, change: Change) -> str:
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
        self.chooser = ChildChooser()
        self.chooser.solve_requested.connect(self.start_and_solve)
        self.tabs.addTab(self.chooser, self.tr("1. Choose children"))
        self.tabs.addTab(self._build_proposal_tab(MapView()), self.tr("2. Proposal"))
        self.tabs.addTab(self._build_history_tab(), self.tr("Past sessions"))
        self.tabs.currentChanged.connect(self._tab_changed)

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
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.cancel_solve)

        self.proposal = ProposalModel(self)
        self.proposal_view = table_view(self.proposal, [2], multi=True)
        self.proposal_view.selectionModel().selectionChanged.connect(self._proposal_selected)
        self.unplaced = UnplacedModel(self)
        self.unplaced_view = table_view(self.unplaced, [1, 2], wrap=True)
        self.unplaced_view.selectionModel().selectionChanged.connect(self._unplaced_selected)
        self.changes_list = QListWidget()
        self.changes_list.setWordWrap(True)
        self.decisions_list = QListWidget()
        self.decisions_list.setWordWrap(True)
        self.decisions_list.itemSelectionChanged.connect(self._update_buttons)
        self.lift = QPushButton(self.tr("Lift"))
        self.lift.setToolTip(self.tr("Remove the selected pin or prohibition"))
        self.lift.clicked.connect(self.lift_decision)

        self.explanation = ExplanationPanel(map_widget)
        self.explanation.pin_requested.connect(self._pin_candidate)

        self.pin_button = QPushButton(self.tr("Pin"))
        self.pin_button.setToolTip(self.tr("Keep this child with this family in every re-solve"))
        self.pin_button.clicked.connect(self.pin_selected)
        self.forbid_button = QPushButton(self.tr("Forbid"))
        self.forbid_button.setToolTip(self.tr("Never propose this family for this child again"))
        self.forbid_button.clicked.connect(self.forbid_selected)
        self.resolve_button = QPushButton(self.tr("Re-solve"))
        self.resolve_button.clicked.connect(self.resolve)
        self.accept_selected_button = QPushButton(self.tr("Accept selected"))
        self.accept_selected_button.clicked.connect(lambda: self.accept(self.selected_children()))
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.accept_all_button.clicked.connect(lambda: self.accept(None))
        self.new_button = QPushButton(self.tr("New session"))
        self.new_button.clicked.connect(self.new_session)

        progress_row = QHBoxLayout()
        progress_row.addWidget(self.status, 1)
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
        layout.addLayout(progress_row)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        return tab

    def _build_history_tab(self) -> QWidget:
        self.history = PastSessionsModel(self)
        self.history_view = table_view(self.history, [2])
        self.history_view.doubleClicked.connect(lambda _index: self.open_selected_session())
        self.history_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("Open (read-only)"))
        self.open_button.clicked.connect(self.open_selected_session)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.history_view, 1)
        layout.addLayout(row)
        return tab

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Reload the waiting children and past sessions (the session being worked on stays)."""
        self.reload_children()
        self.reload_history()

    def reload_children(self) -> None:
        on_date = dt.date.today()
        self.context.run(
            lambda s, actor, _state: sessions.waiting_children(s, actor, on_date=on_date),
            self.chooser.set_children,
            on_failed=self._failed,
        )

    def reload_history(self) -> None:
        self.context.run(
            lambda s, actor, _state: sessions.past_sessions(s, actor),
            self._set_history,
            on_failed=self._failed,
        )

    def _set_history(self, rows: Sequence[sessions.SessionSummary]) -> None:
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
        context, on_date = self.context, dt.date.today()
        unfinished = self.run.id if self.run is not None and not self.run.read_only else None

        def start(state: JobState) -> MatchingRun:
            with context.db.session() as s, s.begin():
                if unfinished is not None:
                    sessions.close(s, context.actor, unfinished)
                return sessions.start(
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
                    sessions.close(s, context.actor, unfinished)
                return sessions.start_replacement(
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
        self.status.setText(self.tr("Stopping; keeping the best proposal so far…"))

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
            solved = sessions.solve(
                run,
                on_progress=lambda p: state.set_progress(p.placed, total, progress_text(p)),
                cancel=token,
                exact=exact,
            )
            with context.db.session() as s, s.begin():
                sessions.save(s, context.actor, solved)
            return solved

        self.error.hide()
        self.status.setText(self.tr("Solving…"))
        self._job = run_job(
            task, on_finished=self._solved, on_failed=self._solve_failed, on_progress=self._progress
        )
        self._update_buttons()

    def _progress(self, _done: int, _total: int, text: str) -> None:
        if not (self._token and self._token.cancelled):
            self.status.setText(text)

    def _solved(self, run: MatchingRun) -> None:
        self._job = None
        self._token = None
        self.run = run
        self.changes = sessions.diff(run.previous, run.proposal) if run.previous is not None else ()
        self._show_run()
        self.reload_history()

    def _solve_failed(self, exc: BaseException) -> None:
        self._job = None
        self._token = None
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
                .replace("%2", run.on_date.strftime("%d-%m-%Y"))
                .replace("%3", status_label(run.status.value))
            )
            self.banner.show()
        else:
            self.banner.hide()
        if self._job is not None:
            return
        if run is None:
            self.status.setText(self.tr("Choose children on the first tab and press Solve."))
        elif run.proposal is None:
            self.status.setText(
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
            self.status.setText(text)

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
            sessions.safety_view(
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
            lambda _state: sessions.alternatives(run, child_id),
            on_finished=shown,
            on_failed=self._failed,
        )

    # ------------------------------------------------------------ deciding

    def pin_selected(self) -> None:
        pair = self._selected_pair()
        if self.run is not None and pair is not None:
            self._decide(sessions.pin(self.run, *pair))

    def _pin_candidate(self, candidate: Candidate) -> None:
        child = self.explanation.child_id
        if self.run is not None and child is not None:
            self._decide(sessions.pin(self.run, child, candidate.family, candidate.school))

    def forbid_selected(self) -> None:
        pair = self._selected_pair()
        if self.run is not None and pair is not None:
            self._decide(sessions.forbid(self.run, pair[0], pair[1]))

    def lift_decision(self) -> None:
        items = self.decisions_list.selectedItems()
        if self.run is None or not items:
            return
        kind, child, family = items[0].data(Qt.ItemDataRole.UserRole)
        self._decide(
            sessions.unpin(self.run, child)
            if kind == "pin"
            else sessions.unforbid(self.run, child, family)
        )

    def _decide(self, run: MatchingRun) -> None:
        self.run = run
        self.proposal.show(run, {c.child for c in self.changes})
        self._show_decisions()
        self._show_banner_and_status()
        self._update_buttons()

    # ------------------------------------------------------------ accepting

    def accept(self, child_ids: list[str] | None) -> None:
        run = self.run
        if run is None or run.proposal is None:
            return
        count = len(run.proposal.placements) if child_ids is None else len(child_ids)
        question = self.tr(
            "Create %1 placement(s) now? Each family's free places go down accordingly."
        )
        answer = QMessageBox.question(
            self, self.tr("Accept placements"), question.replace("%1", str(count))
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def task(s: Session, actor: Actor, _state: JobState) -> MatchingRun:
            sessions.accept(s, actor, run.id, child_ids)
            return sessions.reopen(s, actor, run.id)

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
        self.status.setText(
            self.tr("%1 placement(s) created. Session %2 is closed.")
            .replace("%1", str(len(run.accepted)))
            .replace("%2", str(run.id))
        )
        self.reload_children()

    # ------------------------------------------------------------ sessions

    def new_session(self) -> None:
        """Back to choosing children; a session left unaccepted is closed (it stays in the history)."""
        run = self.run
        if run is not None and not run.read_only:
            self.context.run(
                lambda s, actor, _state: sessions.close(s, actor, run.id),
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
            lambda s, actor, _state: sessions.reopen(s, actor, session_id),
            self._reopened,
            on_failed=self._failed,
        )

    def _reopened(self, run: MatchingRun) -> None:
        self.run = run
        self.changes = ()
        self.error.hide()
        self._show_run()
        self.tabs.setCurrentIndex(1)
