"""The one table view style of the matching page."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.table_model import RowTableModel
from ui.tables import setup_table


def table_view(
    model: RowTableModel,
    stretch: Sequence[int],
    *,
    multi: bool = False,
    wrap: bool = False,
    key: str | None = None,
    settings: QSettings | None = None,
    on_enter: Callable[[], None] | None = None,
    hidden: Sequence[int] = (),
) -> QTableView:
    """A read-only, row-selecting table: ``stretch`` columns share the free
    width, the others start at their contents' width (capped, so a very long
    name cannot push the rest off-screen) and can be dragged; long text is
    elided in the middle with the whole text as tooltip. Tab leaves the
    table, Enter calls ``on_enter``. ``wrap`` for tables whose cells hold
    several lines (reasons, advice). ``key``: remember the widths under it."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    setup_table(view, key, settings, on_enter=on_enter, hidden=hidden, stretch=stretch, wrap=wrap)
    if wrap:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    return view
