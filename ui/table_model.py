"""A thin table model over a plain list of row dataclasses, and the proxy that
filters and sorts it.

The model reads only its cached rows: ``data()`` never queries the database,
never raises, and returns ``None`` for roles it does not handle. Search text
per row is computed once when the rows are set, so filtering 5,000 rows on
every keystroke stays smooth. Sorting happens in the model with Python's
sort (the proxy only filters): a proxy sort would call ``data()`` across the
Python boundary some 100,000 times for 5,000 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row object itself."""

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, order=True)
class Ref:
    """An id as people write it (F12, C7): sorts by number, shows with its letter."""

    number: int
    prefix: str = field(compare=False, default="")

    def __str__(self) -> str:
        return f"{self.prefix}{self.number}"


TOOLTIP_FROM = 16
"""Cells with at least this many characters carry their whole text as tooltip
(the view elides them in the middle when the column is narrow)."""


@dataclass(frozen=True)
class Column:
    """One column: its (translated) title and how to get the value from a row."""

    title: str
    value: Callable[[Any], Any]
    numeric: bool = False


def sort_key(value: Any) -> tuple[int, Any]:
    """Numbers as numbers, dates as dates, text without case; empty cells last."""
    if value is None or value == "":
        return (1, "")
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, list | tuple | set | frozenset):
        return (0, ", ".join(str(v) for v in value).casefold())
    return (0, value)


def display(value: Any) -> str:
    """Text for a cell: dates and numbers in the user's locale, lists joined."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "f", 1)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._text: list[list[str]] = []
        self.search_text: list[str] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sorted_by is not None:
            column, order = self._sorted_by
            self.rows.sort(
                key=lambda r: sort_key(self.columns[column].value(r)),
                reverse=order == Qt.SortOrder.DescendingOrder,
            )
        self._text = [[display(c.value(r)) for c in self.columns] for r in self.rows]
        self.search_text = [" ".join(cells).casefold() for cells in self._text]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        value = self.columns[column].value
        positions = sorted(
            range(len(self.rows)),
            key=lambda n: sort_key(value(self.rows[n])),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_position = {old: new for new, old in enumerate(positions)}
        self.rows = [self.rows[n] for n in positions]
        self._text = [self._text[n] for n in positions]
        self.search_text = [self.search_text[n] for n in positions]
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(new_position[i.row()], i.column()) for i in old])
        self._sorted_by = (column, order)
        self.layoutChanged.emit()

    def row_number(self, row_id: int) -> int:
        """Position of the row with ``id`` (rows carry an ``id``), or -1."""
        for n, row in enumerate(self.rows):
            if row.id == row_id:
                return n
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every cell painted or measured: plain ints
        # and one row lookup (an invalid index has row -1).
        row = index.row()
        if not 0 <= row < len(self.rows):
            return None
        if role == _DISPLAY:
            return self._text[row][index.column()]
        if role == _TOOLTIP:
            text = self._text[row][index.column()]
            return text if len(text) >= TOOLTIP_FROM else None
        if role == ROW_ROLE:
            return self.rows[row]
        if role == _ALIGNMENT and self.columns[index.column()].numeric:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Search text plus named filters (each a predicate on the row object)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._filters: dict[str, Callable[[Any], bool]] = {}

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Add, replace or (with ``None``) remove the filter called ``name``."""
        self.beginFilterChange()
        if predicate is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        if self._needle and self._needle not in model.search_text[source_row]:
            return False
        row = model.rows[source_row]
        return all(accept(row) for accept in self._filters.values())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort (fast); this proxy keeps the source order."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def row_at(self, proxy_row: int) -> Any:
        return self.data(self.index(proxy_row, 0), ROW_ROLE)
