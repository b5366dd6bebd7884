"""Best matches for one waiting child, opened from the children register: the
ranked families (each with its best school), the score per rule of the chosen
one, the map with the child's networks and that family, and a button that
starts a matching session with this child (the command line's ``recommend``,
in the app, as ECAP and Binti offer it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from placement.ids import ChildId
from placement.services.matching_session import map_view, persistence, run_state
from placement.services.matching_session.run_state import MatchingRun
from solver.proposal import Candidate, Recommendation
from ui.context import AppContext, error_text
from ui.map_view import MapView
from ui.matching.explain import AlternativesModel
from ui.matching.models import TermsModel
from ui.matching.widgets import table_view


class BestMatchesDialog(QDialog):
    start_session = Signal(int)
    """The officer wants a matching session with this child (its id)."""

    def __init__(self, context: AppContext, child_id: ChildId, child_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.child_id = child_id
        self.run: MatchingRun | None = None
        self.recommendation: Recommendation | None = None
        self.setWindowTitle(self.tr("Best families for %1").replace("%1", child_name))
        self.resize(1100, 680)

        self.summary = QLabel(self.tr("Looking for the best families…"))
        self.summary.setWordWrap(True)
        self.candidates = AlternativesModel(self)
        self.candidates_view = table_view(
            self.candidates, [0, 1], key="best_matches", settings=context.settings, hidden=[5],
        )
        self.candidates_view.selectionModel().selectionChanged.connect(self._chosen)
        self.terms = TermsModel(self)
        self.terms_view = table_view(self.terms, [2])
        self.map = MapView()
        self.start_button = QPushButton(self.tr("&Start a session with this child"))
        self.start_button.setToolTip(self.tr("Opens the matching page and solves a session for this child"))
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        close.rejected.connect(self.reject)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Families that fit, best first")))
        left_layout.addWidget(self.candidates_view, 3)
        left_layout.addWidget(QLabel(self.tr("Score per rule")))
        left_layout.addWidget(self.terms_view, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.map)
        split.setSizes([620, 460])
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._load()

    def _load(self) -> None:
        child_id, on_date = self.child_id, dt.date.today()

        def task(s: Any, actor: Any, _state: Any) -> tuple[MatchingRun, Recommendation]:
            run = persistence.look_ahead(s, actor, on_date=on_date, child_id=child_id)
            return run, run_state.alternatives(run, f"C{child_id}", n=20)

        self.context.run(task, self._loaded, on_failed=self._failed)

    def _loaded(self, result: tuple[MatchingRun, Recommendation]) -> None:
        self.run, self.recommendation = result
        self.candidates.show(self.run.cards, self.recommendation.candidates)
        self.summary.setText(
            self.tr("%1 families fit this child; the best %2 are listed with their best school.")
            .replace("%1", str(self.recommendation.fitting))
            .replace("%2", str(len(self.recommendation.candidates)))
        )
        self.start_button.setEnabled(True)
        if self.recommendation.candidates:
            self.candidates_view.selectRow(0)
            self.candidates_view.setFocus()
        else:
            self._show_on_map(None)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(error_text(exc))

    def selected(self) -> Candidate | None:
        rows = self.candidates_view.selectionModel().selectedRows()
        return self.candidates.rows[rows[0].row()] if rows else None

    def _chosen(self, *_args: object) -> None:
        candidate = self.selected()
        self.terms.set_rows(candidate.terms if candidate else ())
        self._show_on_map(candidate)

    def _show_on_map(self, candidate: Candidate | None) -> None:
        if self.run is None:
            return
        view = map_view.safety_view(
            self.run, f"C{self.child_id}", candidate.family if candidate else None,
            candidate.school if candidate else None,
        )
        self.map.show_child_safety(
            [(p.lat, p.lon) for p in view.network_points],
            view.safety_km,
            family_point=(view.family_point.lat, view.family_point.lon) if view.family_point else None,
            school_point=(view.school_point.lat, view.school_point.lon) if view.school_point else None,
        )

    def _start(self) -> None:
        if self.run is not None:
            self.start_session.emit(int(self.child_id))
            self.accept()
