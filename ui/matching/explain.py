"""The "why" panel: for the selected child, the score rule by rule, the best
alternative families (and how many families each hard rule shut out), and
the map with the child's network locations and safety circles."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from placement.services.matching_session.cards import Cards
from placement.services.matching_session.map_view import SafetyView
from solver.proposal import Candidate, Placement, Recommendation
from ui.explanations import rule_text
from ui.map_view import MapView
from ui.matching.models import TermsModel, ref, tr
from ui.matching.widgets import table_view
from ui.table_model import Column, Index, RowTableModel


class AlternativesModel(RowTableModel):
    """The best families for the selected child (``solver.proposal.Candidate``)."""

    def __init__(self, parent: Any = None) -> None:
        self._cards = Cards()
        self._current: str | None = None
        super().__init__(
            [
                Column(tr("Family or unit"), self._home),
                Column(tr("School"), self._school),
                Column(tr("km to\nschool"), lambda c: c.school_km, numeric=True),
                Column(tr("Free"), lambda c: c.free_places, numeric=True),
                Column(tr("Score"), lambda c: c.score, numeric=True),
                Column(tr("Family no."), lambda c: ref(c.family)),
            ],
            parent,
        )

    def _home(self, candidate: Candidate) -> str:
        name = self._cards.family_name(candidate.family)
        return name + " " + tr("(closed unit)") if candidate.closed else name

    def _school(self, candidate: Candidate) -> str:
        if candidate.school is None and candidate.on_site:
            return tr("on site")
        return self._cards.school_name(candidate.school)

    def show(
        self, cards: Cards, candidates: tuple[Candidate, ...], current: str | None = None
    ) -> None:
        """``current``: the family the proposal gave the child, shown in bold."""
        self._cards = cards
        self._current = current
        self.set_rows(candidates)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and 0 <= index.row() < len(self.rows):
            if self.rows[index.row()].family == self._current:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


class ExplanationPanel(QWidget):
    """Shows why the selected child got its place, and what else was possible."""

    pin_requested = Signal(object)
    """A :class:`Candidate` the officer wants to pin the selected child to."""

    def __init__(self, map_widget: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setMinimumHeight(self.title.fontMetrics().lineSpacing() * 2 + 4)  # may wrap

        self.terms = TermsModel(self)
        self.terms_view = table_view(self.terms, [2])
        self.total = QLabel()

        self.alternatives = AlternativesModel(self)
        self.alternatives_view = table_view(self.alternatives, [0, 1], hidden=[5], on_enter=self._pin_alternative)
        self.excluded = QLabel()
        self.excluded.setWordWrap(True)
        self.excluded.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A wrapped label does not claim its height in a crowded layout: reserve three lines.
        self.excluded.setMinimumHeight(self.excluded.fontMetrics().lineSpacing() * 3 + 4)
        self.pin_alternative = QPushButton(self.tr("Pin &here"))
        self.pin_alternative.setEnabled(False)
        self.pin_alternative.clicked.connect(self._pin_alternative)
        self.alternatives_view.selectionModel().selectionChanged.connect(self._update_pin_button)

        self.map = map_widget
        self.child_id: str | None = None
        self._editable = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(QLabel(self.tr("Score per rule")))
        layout.addWidget(self.terms_view, 2)
        layout.addWidget(self.total)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(self.tr("Alternatives for this child")), 1)
        heading.addWidget(self.pin_alternative)
        layout.addLayout(heading)
        layout.addWidget(self.alternatives_view, 3)
        layout.addWidget(self.excluded)
        layout.addWidget(self.map, 4)
        legend = [
            ("#b71c1c", "✕", self.tr("network location")),
            ("#d32f2f", "◯", self.tr("safety distance")),
            ("#1b5e20", "●", self.tr("family or unit")),
            ("#5c6bc0", "●", self.tr("school")),
            ("#1a237e", "—", self.tr("way to school")),
        ]
        # a line may break between entries, never between a symbol and its words
        self.map_legend = QLabel(
            " &nbsp; ".join(
                f'<span style="white-space:nowrap"><span style="color:{colour}">{symbol}</span>'
                f"&nbsp;{html.escape(words)}</span>"
                for colour, symbol, words in legend
            )
        )
        self.map_legend.setObjectName("map_legend")
        self.map_legend.setWordWrap(True)
        layout.addWidget(self.map_legend)
        self.clear()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_pin_button()

    def clear(self) -> None:
        self.child_id = None
        self.title.setText(self.tr("Select a child to see why."))
        self.terms.set_rows(())
        self.total.clear()
        self.alternatives.show(Cards(), ())
        self.excluded.clear()
        self._update_pin_button()

    def show_child(self, cards: Cards, child_id: str, placement: Placement | None) -> None:
        self.child_id = child_id
        child = cards.children.get(child_id)
        name = cards.child_name(child_id)
        facts = (
            self.tr("%1 (age %2, priority %3)")
            .replace("%1", name)
            .replace("%2", str(child.age))
            .replace("%3", str(child.priority))
            if child
            else name
        )
        if placement is None:
            self.title.setText(self.tr("%1: no place in this proposal").replace("%1", facts))
            self.terms.set_rows(())
            self.total.clear()
        else:
            self.title.setText(f"{facts} → {cards.family_name(placement.family)}")
            self.terms.set_rows(placement.terms)
            self.total.setText(
                self.tr("Total score: %1").replace(
                    "%1", QLocale().toString(placement.score, "f", 1)
                )
            )
        self.alternatives.show(cards, ())
        self.excluded.setText(self.tr("Looking for alternatives…"))
        self._update_pin_button()

    def show_alternatives(
        self, cards: Cards, recommendation: Recommendation, current: str | None
    ) -> None:
        self.alternatives.show(cards, recommendation.candidates, current)
        parts = [
            f"{rule_text(r.rule)}: {r.families}"
            for r in recommendation.excluded
            if r.families
        ]
        text = self.tr("%1 families or units fit.").replace("%1", str(recommendation.fitting))
        if parts:
            text += " " + self.tr("Families and units excluded by rule: %1").replace("%1", ", ".join(parts))
        self.excluded.setText(text)
        self._update_pin_button()

    def show_safety(self, view: SafetyView | None) -> None:
        if view is None:
            # nothing of one child to show: the whole country, not an empty corner
            self.map.clear_child_safety()
            self.map.fit_all()
            return
        self.map.show_child_safety(
            [(p.lat, p.lon) for p in view.network_points],
            view.safety_km,
            family_point=(view.family_point.lat, view.family_point.lon)
            if view.family_point
            else None,
            school_point=(view.school_point.lat, view.school_point.lon)
            if view.school_point
            else None,
        )

    def _selected_candidate(self) -> Candidate | None:
        rows = self.alternatives_view.selectionModel().selectedRows()
        return self.alternatives.rows[rows[0].row()] if rows else None

    def _update_pin_button(self, *_args: object) -> None:
        self.pin_alternative.setEnabled(self._editable and self._selected_candidate() is not None)

    def _pin_alternative(self) -> None:
        candidate = self._selected_candidate()
        if candidate is not None and self._editable:
            self.pin_requested.emit(candidate)
