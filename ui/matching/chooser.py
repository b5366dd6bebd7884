"""Step one of a matching session: choose the waiting children and the settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from catalogue import codes
from catalogue.limits import AGE_BANDS
from placement.provinces import provinces
from placement.services.matching_session.waiting import WaitingChild
from solver.problem import Settings
from ui.matching.models import WaitingChildrenModel, in_band, school_kind_label
from ui.table_model import RowFilterProxy
from ui.tables import setup_table


def _buddy(text: str, field: QWidget) -> QLabel:
    """A label whose Alt mnemonic jumps to ``field``."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


class ChildChooser(QWidget):
    """The waiting children with check boxes and filters, and the session settings."""

    solve_requested = Signal(list, object)
    """(chosen child ids, :class:`solver.problem.Settings`)."""

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.model = WaitingChildrenModel(self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        setup_table(self.table, "matching/chooser", settings, stretch=[0], hidden=[6])
        self.table.installEventFilter(self)

        self.priority = QComboBox()
        self.priority.addItem(self.tr("all"), 1)
        for level in range(2, 6):
            self.priority.addItem(self.tr("%1 or higher").replace("%1", str(level)), level)
        self.age = QComboBox()
        self.age.addItem(self.tr("all ages"), "")
        for band, _low, _high in AGE_BANDS:
            self.age.addItem(self.tr("%1 years").replace("%1", band), band)
        self.school = QComboBox()
        self.school.addItem(self.tr("all"), "")
        for kind in (*codes.SCHOOL_KINDS.values, None):
            self.school.addItem(school_kind_label(kind), kind or "-")
        self.school.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.school.setMinimumContentsLength(16)
        self.region = QComboBox()
        self.region.setToolTip(self.tr("Responsible region: the province whose team handles the child"))
        self.region.addItem(self.tr("all"), "")
        for province in provinces():
            self.region.addItem(province, province)
        for combo in (self.priority, self.age, self.school, self.region):
            combo.currentIndexChanged.connect(self._apply_filters)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(170)
        self.search.textChanged.connect(self.proxy.set_search)

        self.check_visible = QPushButton(self.tr("&Check all shown"))
        self.check_visible.clicked.connect(lambda: self._check_visible(True))
        self.uncheck_visible = QPushButton(self.tr("&Uncheck all shown"))
        self.uncheck_visible.clicked.connect(lambda: self._check_visible(False))
        self.count = QLabel()

        defaults = Settings()
        self.safety_km = self._spin(defaults.safety_km, 0, 500, " km")
        self.school_km = self._spin(defaults.max_school_km, 1, 200, " km")
        self.time_limit = self._spin(min(defaults.time_limit_s, 30.0), 1, 3600, " s")
        # unchecked: a proposal proven within the contract's tolerance is optimal
        self.exact = QCheckBox(self.tr("Prove the score exactly (slower)"))
        self.solve = QPushButton(self.tr("&Solve"))
        self.solve.setDefault(True)
        self.solve.clicked.connect(self._request_solve)
        self.model.dataChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)

        filters = QHBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(_buddy(self.tr("&Priority"), self.priority))
        filters.addWidget(self.priority)
        filters.addWidget(_buddy(self.tr("A&ge"), self.age))
        filters.addWidget(self.age)
        filters.addWidget(_buddy(self.tr("&Region"), self.region))
        filters.addWidget(self.region)
        filters.addWidget(_buddy(self.tr("Sc&hool"), self.school))
        filters.addWidget(self.school)
        filters.addStretch(1)

        settings_box = QGroupBox(self.tr("Settings"))
        form = QFormLayout(settings_box)
        form.addRow(_buddy(self.tr("Safety &distance to networks"), self.safety_km), self.safety_km)
        form.addRow(_buddy(self.tr("&Maximum distance to school"), self.school_km), self.school_km)
        form.addRow(_buddy(self.tr("&Time limit for the solver"), self.time_limit), self.time_limit)
        form.addRow(self.exact)

        bottom = QHBoxLayout()
        bottom.addWidget(settings_box)
        bottom.addStretch(1)
        right = QVBoxLayout()
        ticks = QHBoxLayout()  # under the table, so the filter row fits a 1280-pixel window
        ticks.addWidget(self.check_visible)
        ticks.addWidget(self.uncheck_visible)
        right.addLayout(ticks)
        right.addStretch(1)
        right.addWidget(self.count)
        right.addWidget(self.solve)
        bottom.addLayout(right)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        chain = (
            self.search, self.priority, self.age, self.region, self.school, self.check_visible,
            self.uncheck_visible, self.table, self.safety_km, self.school_km, self.time_limit, self.solve,
        )
        for before, after in zip(chain, chain[1:], strict=False):  # Tab follows the layout
            QWidget.setTabOrder(before, after)
        self._update_count()

    def _spin(self, value: float, low: float, high: float, suffix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setDecimals(0 if suffix == " s" else 1)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Space or Enter in the table ticks or unticks the current child (any column)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            current = self.table.currentIndex()
            if current.isValid():
                index = self.proxy.index(current.row(), 0)
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
                self.proxy.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)
                return True
        return super().eventFilter(watched, event)

    def set_children(self, rows: list[WaitingChild]) -> None:
        self.model.set_rows(rows)

    def settings(self) -> Settings:
        return Settings(
            safety_km=self.safety_km.value(),
            max_school_km=self.school_km.value(),
            time_limit_s=self.time_limit.value(),
        )

    def _apply_filters(self) -> None:
        min_priority = int(self.priority.currentData())
        band = str(self.age.currentData())
        kind = str(self.school.currentData())
        region = str(self.region.currentData())
        self.proxy.set_filter(
            "priority", (lambda r: r.priority >= min_priority) if min_priority > 1 else None
        )
        self.proxy.set_filter("age", in_band(band) if band else None)
        self.proxy.set_filter(
            "school", (lambda r: (r.school_kind or "-") == kind) if kind else None
        )
        self.proxy.set_filter("region", (lambda r: r.region == region) if region else None)
        self._update_count()

    def _check_visible(self, checked: bool) -> None:
        ids = [self.proxy.row_at(r).id for r in range(self.proxy.rowCount())]
        self.model.set_checked(ids, checked)

    def _update_count(self, *_args: object) -> None:
        chosen = len(self.model.checked_ids())
        self.count.setText(
            self.tr("%1 of %2 waiting children chosen")
            .replace("%1", str(chosen))
            .replace("%2", str(len(self.model.rows)))
        )
        self.solve.setEnabled(chosen > 0 and not self._busy)

    def set_busy(self, busy: bool) -> None:
        """While a session is being solved, no second one can be started."""
        self._busy = busy
        self._update_count()

    def _request_solve(self) -> None:
        self.solve_requested.emit(self.model.checked_ids(), self.settings())
