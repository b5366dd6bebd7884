"""Table models of the matching page: the shared row model (ui.table_model)
with the few extras this page needs: check boxes for choosing children and
highlighted rows for what changed since the previous proposal."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from catalogue import codes
from catalogue.keys import Key
from placement.field_rules import age_band
from placement.services.matching_session.cards import Cards
from placement.services.matching_session.run_state import MatchingRun
from ui.explanations import explanation_lines, explanation_text, term_text
from ui.i18n import code_name, local_time_text
from ui.table_model import Column, Index, Ref, RowTableModel

_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
CHANGED_BRUSH = QBrush(QColor("#fff2a8"))
PINNED_BRUSH = QBrush(QColor("#dbeafe"))


def tr(text: str) -> str:
    """Translate text outside a widget; lupdate files bare ``tr("...")`` calls
    under the empty context, so that is the context looked up here."""
    return QCoreApplication.translate("", text)


def ref(text: str | None) -> Ref | str:
    """An id from a session file (``C12``, ``F7``) that sorts by its number."""
    match = _REF.match(text or "")
    return Ref(int(match.group(2)), match.group(1)) if match else (text or "")


_REF = re.compile(r"^([A-Za-z]+)(\d+)$")


def school_kind_label(kind: str | None) -> str:
    return code_name(codes.SCHOOL_KINDS, kind, tr("none"))


def schooled_on_site(placement: Any) -> bool:
    """The child goes to the school the home teaches on site (a closed unit's own)."""
    return any(
        getattr(term.detail, "key", None) == Key.TERM_SCHOOL_ON_SITE
        for term in placement.terms
        if term.name == "school_km"
    )



def status_label(status: str) -> str:
    return {"open": tr("open"), "accepted": tr("accepted"), "closed": tr("closed")}.get(
        status, status
    )


class WaitingChildrenModel(RowTableModel):
    """Waiting children (``waiting.WaitingChild``) with a check box each: the
    children of the next session."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Child"), lambda r: r.name),
                Column(tr("Age"), lambda r: r.age, numeric=True),
                Column(tr("Priority"), lambda r: r.priority, numeric=True),
                Column(tr("School"), lambda r: school_kind_label(r.school_kind)),
                Column(tr("Siblings"), lambda r: r.sibling_group),
                Column(tr("Region"), lambda r: r.region or ""),
                Column(tr("No."), lambda r: Ref(r.id, "C")),
            ],
            parent,
        )
        self._checked: set[int] = set()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._checked &= {r.id for r in rows}
        super().set_rows(rows)

    def checked_ids(self) -> list[int]:
        return [r.id for r in self.rows if r.id in self._checked]

    def set_checked(self, child_ids: Sequence[int], checked: bool) -> None:
        if checked:
            self._checked |= set(child_ids)
        else:
            self._checked -= set(child_ids)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and index.column() == 0
            and 0 <= index.row() < len(self.rows)
        ):
            checked = self.rows[index.row()].id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or index.column() != 0
            or not 0 <= index.row() < len(self.rows)
        ):
            return False
        child_id = self.rows[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(child_id)
        else:
            self._checked.discard(child_id)
        self.dataChanged.emit(index, index, [role])
        return True


def in_band(band: str) -> Callable[[Any], bool]:
    """Filter predicate for the age-band combo box."""
    return lambda row: age_band(row.age) == band


class ProposalModel(RowTableModel):
    """The placements (``solver.proposal.Placement``) of the current proposal;
    rows that changed since the previous proposal are highlighted."""

    def __init__(self, parent: Any = None) -> None:
        self._cards = Cards()
        self._changed: set[str] = set()
        #: child -> the family it is pinned to
        self._pinned: dict[str, str] = {}
        super().__init__(
            [
                Column(tr("Child"), self._child),
                Column(tr("Family or unit"), lambda p: self._cards.family_name(p.family)),
                Column(tr("School"), self._school),
                Column(tr("km to\nschool"), lambda p: p.school_km, numeric=True),
                Column(tr("km to\nnetwork"), lambda p: p.network_km, numeric=True),
                Column(tr("Score"), lambda p: p.score, numeric=True),
                Column(tr("Child no."), lambda p: ref(p.child)),
                Column(tr("Family no."), lambda p: ref(p.family)),
            ],
            parent,
        )

    def _school(self, p: Any) -> str:
        if p.school is None and schooled_on_site(p):
            return tr("on site")
        return self._cards.school_name(p.school)

    def _child(self, p: Any) -> str:
        name = self._cards.child_name(p.child)
        return name + " " + tr("(pinned)") if self._is_pinned(p) else name

    def _is_pinned(self, p: Any) -> bool:
        """Is this placement the one its child is pinned to? (A pin made since
        the last solve names another family until the re-solve.)"""
        return self._pinned.get(p.child) == p.family

    def show(self, run: MatchingRun, changed: set[str]) -> None:
        self._cards = run.cards
        self._changed = changed
        self._pinned = {pin.child: pin.family for pin in run.pins}
        self.set_rows(run.proposal.placements if run.proposal else ())

    def child_row(self, child_id: str) -> int:
        return next((i for i, p in enumerate(self.rows) if p.child == child_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (_BACKGROUND, _TOOLTIP) and 0 <= index.row() < len(self.rows):
            placement = self.rows[index.row()]
            child = placement.child
            if role == _TOOLTIP:
                text = super().data(index, Qt.ItemDataRole.DisplayRole)
                if child in self._changed:
                    return tr("Changed since the previous proposal") + "\n" + text
                return text or None
            if child in self._changed:
                return CHANGED_BRUSH
            if self._is_pinned(placement):
                return PINNED_BRUSH
            return None
        return super().data(index, role)


class UnplacedModel(RowTableModel):
    """Children without a place (``solver.proposal.Unplaced``): the reasons and
    what it would take to place them."""

    def __init__(self, parent: Any = None) -> None:
        self._cards = Cards()
        self._changed: set[str] = set()
        super().__init__(
            [
                Column(tr("Child"), lambda u: self._cards.child_name(u.child)),
                Column(tr("Reasons"), lambda u: explanation_lines(u.reasons, self._cards)),
                Column(tr("What would it take"), lambda u: explanation_lines(u.advice, self._cards)),
            ],
            parent,
        )

    def show(self, run: MatchingRun, changed: set[str]) -> None:
        self._cards = run.cards
        self._changed = changed
        self.set_rows(run.proposal.unplaced if run.proposal else ())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return CHANGED_BRUSH if self.rows[index.row()].child in self._changed else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


class TermsModel(RowTableModel):
    """The score of one placement, rule by rule (``solver.proposal.ScoreTerm``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Rule"), lambda t: term_text(t.name)),
                Column(tr("Points"), lambda t: t.points, numeric=True),
                Column(tr("Why"), lambda t: explanation_text(t.detail)),
            ],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:  # the detail may be elided in a narrow panel
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


class PastSessionsModel(RowTableModel):
    """Earlier matching sessions (``persistence.SessionSummary``), newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Session"), lambda s: s.id, numeric=True),
                Column(tr("Started"), lambda s: local_time_text(s.created_at)),
                Column(tr("By"), lambda s: s.created_by),
                Column(tr("Status"), lambda s: status_label(s.status.value)),
                Column(tr("Children"), lambda s: s.children, numeric=True),
                Column(tr("Placed"), lambda s: s.placed, numeric=True),
                Column(tr("Accepted"), lambda s: s.accepted, numeric=True),
            ],
            parent,
        )
