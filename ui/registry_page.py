"""The common shape of a register page: search, filters, table, actions.

A subclass says which columns it shows, how it loads its rows (a service
``list_*`` call run in the background), which filters it offers and what its
buttons do. Reloads happen when an operation announces changes this page
cares about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from placement.services.permissions import Action, allowed
from ui.context import AppContext, Changes, show_error
from ui.flow_layout import FlowLayout, flow_widget
from ui.table_model import Column, Ref, RowFilterProxy, RowTableModel, display
from ui.tables import setup_table


class RegistryPage(QWidget):
    loaded = Signal()
    """Emitted in the GUI thread each time fresh rows are in the table."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        columns = list(self.columns())
        self.id_column = len(columns)
        columns.append(Column(self.tr("No."), lambda r: Ref(r.id, self.id_prefix()), numeric=True))
        self.model = RowTableModel(columns, self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.loading = False
        self._pending_select: int | None = None
        self._selection_buttons: list[QPushButton] = []
        self._edit_buttons: list[QPushButton] = []
        self._stale = False

        self.heading = QLabel(f"<h2>{self.title()}</h2>")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.addWidget(self.search, 2)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setResizeContentsPrecision(500)  # enough rows to see the long names
        # Enter or a double click opens the row; Tab leaves the table; the id column
        # (F12, C7: tells identical names apart) is in the header's menu.
        setup_table(
            self.table, f"registry/{type(self).__name__}", context.settings,
            on_enter=self.edit_selected, hidden=[self.id_column], keep=[0],
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.count = QLabel()
        self.action_bar = FlowLayout()  # wraps: many actions never widen the window
        self.new_button = self.add_action(self.tr("&New…"), self.new_item)
        self.edit_button = self.add_action(self.tr("&Edit…"), self.edit_selected, needs_selection=True, edits=True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(flow_widget(self.action_bar), 1)
        bottom.addStretch()
        bottom.addWidget(self.count)
        layout.addLayout(bottom)

        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        context.operation_did_execute.connect(self._on_changes)
        if not self.may_edit():
            self.new_button.hide()
        self._update_buttons()

    # --- subclass hooks -------------------------------------------------------

    def title(self) -> str:
        raise NotImplementedError

    def edit_permission(self) -> Action | None:
        """What changing this register needs; a role without it gets no New…
        and greyed-out edit buttons that say why (the services refuse anyway)."""
        return None

    def may_edit(self) -> bool:
        action = self.edit_permission()
        return action is None or allowed(self.context.actor, action)

    def read_only_reason(self) -> str:
        return self.tr("Only placement officers change these records; your role may look them up.")

    def id_prefix(self) -> str:
        """The letter of this register's ids (F12, C7)."""
        return ""

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def load(self, session: Any, actor: Any) -> list[Any]:
        """Runs in a worker: return the rows (a service ``list_*`` call)."""
        raise NotImplementedError

    def cares_about(self, changes: Changes) -> bool:
        raise NotImplementedError

    def new_item(self) -> None:
        raise NotImplementedError

    def edit_item(self, row: Any) -> None:
        raise NotImplementedError

    # --- building blocks for subclasses --------------------------------------------

    def add_action(
        self, text: str, slot: Callable[[], None], needs_selection: bool = False, edits: bool = False
    ) -> QPushButton:
        """A button; ``edits``: it changes the register, so a role that may only
        look sees it greyed out with the reason."""
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        self.action_bar.addWidget(button)
        if needs_selection:
            self._selection_buttons.append(button)
        if edits:
            self._edit_buttons.append(button)
        return button

    def add_filter(self, name: str, label: str, options: Sequence[tuple[str, Callable[[Any], bool] | None]]) -> QComboBox:
        """A drop-down filter: each option is (text, predicate); ``None`` means all rows."""
        combo = QComboBox()
        combo.setObjectName(f"filter_{name}")
        combo.setToolTip(label)
        for text, predicate in options:
            combo.addItem(text, predicate)
        combo.currentIndexChanged.connect(lambda _n: self.proxy.set_filter(name, combo.currentData()))
        caption = QLabel(label)
        caption.setBuddy(combo)
        self.filter_bar.addWidget(caption)
        self.filter_bar.addWidget(combo)
        return combo

    def set_filter_options(self, combo: QComboBox, options: Sequence[tuple[str, Callable[[Any], bool] | None]]) -> None:
        """Refill a filter whose options depend on the data (keeps the choice when it still exists)."""
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        for text, predicate in options:
            combo.addItem(text, predicate)
        combo.setCurrentIndex(max(0, combo.findText(current)))
        combo.blockSignals(False)
        name = combo.objectName().removeprefix("filter_")
        self.proxy.set_filter(name, combo.currentData())

    # --- loading ----------------------------------------------------------------

    def refresh(self) -> None:
        if self.loading:  # the rows on their way may predate the change: load once more
            self._stale = True
            return
        self.loading = True
        self._stale = False
        self.context.run(lambda s, a, _st: self.load(s, a), self._rows_loaded, on_failed=self._load_failed, error_parent=self)

    def _rows_loaded(self, rows: list[Any]) -> None:
        selected = self.selected_row()
        self.loading = False
        first = self.model.rowCount() == 0
        self.model.set_rows(rows)
        self.rows_loaded(rows)
        if first:
            self.table._widths.fit()  # type: ignore[attr-defined]
        if self._pending_select is not None:
            self.select_id(self._pending_select)
        elif selected is not None:
            self.select_id(selected.id, reveal=False)
        self._pending_select = None
        self._update_count()
        self.loaded.emit()
        if self._stale:
            self.refresh()

    def rows_loaded(self, rows: list[Any]) -> None:
        """Hook: update data-dependent filters."""

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        show_error(self, exc)

    def _on_changes(self, changes: Changes) -> None:
        if self.cares_about(changes):
            self.refresh()

    # --- selection ----------------------------------------------------------------

    def selected_row(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    def select_id(self, row_id: int, reveal: bool = True) -> bool:
        """Select and show the row with this id; with ``reveal``, clears the search
        and filters that hide it (False: leave a hidden row unselected)."""
        source_row = self.model.row_number(row_id)
        if source_row < 0:
            if self.loading:
                self._pending_select = row_id
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            if not reveal:
                return False
            self.search.clear()
            self.reset_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def select_when_loaded(self, row_id: int) -> None:
        """Select this row once the rows are in (the page was just built)."""
        if not self.select_id(row_id, reveal=False):
            self._pending_select = row_id

    def reset_filters(self) -> None:
        for combo in self.findChildren(QComboBox):
            if combo.objectName().startswith("filter_"):
                combo.setCurrentIndex(0)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None and self.may_edit():
            self.edit_item(row)

    def new_allowed(self) -> bool:
        """Whether Ctrl+N / File → New… may open this register's form."""
        return self.may_edit()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        may = self.may_edit()
        for button in self._selection_buttons:
            read_only = not may and button in self._edit_buttons
            button.setEnabled(has and not read_only)
            if read_only:
                button.setToolTip(self.read_only_reason())

    def _update_count(self, *_: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(self.tr("%1 of %2 shown").replace("%1", display(shown)).replace("%2", display(total)))
        self.count.setMinimumWidth(self.count.sizeHint().width())  # the wrapping buttons beside it never clip it
