"""How every table of the app behaves for a person at the keyboard and with
long or identical names.

- Tab leaves the table (``setTabKeyNavigation(False)``); the arrow keys move
  within it; Enter calls the table's ``on_enter`` (open, choose).
- Long text is elided in the middle (the start and the end of a name stay
  readable); the model gives the whole text as tooltip (``RowTableModel``).
- Columns start at their contents' width, but no wider than
  :data:`MAX_START_WIDTH`, so one 120-character name cannot push the other
  columns off-screen. Widths the user drags are remembered per table (in the
  window's settings) and columns can be shown or hidden from the header's
  context menu (e.g. the id column, F12 or C7, hidden at first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

MAX_START_WIDTH = 220
KEEP_MAX_START_WIDTH = 320
"""The cap for a column that keeps its width (a register's name): a unit's
name such as "Gesloten afdeling De Kempen (fictief)" is shown whole."""
MIN_WIDTH = 48


def fit_columns(view: QTableView, max_width: int = MAX_START_WIDTH) -> None:
    """Interactive columns to their contents' width, capped."""
    header = view.horizontalHeader()
    keep = getattr(view, "_keep_width", ())
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive or header.isSectionHidden(column):
            continue
        view.resizeColumnToContents(column)
        cap = max(max_width, KEEP_MAX_START_WIDTH) if column in keep else max_width
        if header.sectionSize(column) > cap:
            header.resizeSection(column, cap)
    _share_the_width(view)


SHRINK_TO = 80
"""A wide column gives up width down to this when the columns do not fit."""


def _share_the_width(view: QTableView) -> None:
    """When the columns together are wider than the table, the wide interactive
    ones give up width in proportion (every column stays on screen)."""
    header = view.horizontalHeader()
    available = view.viewport().width()
    if available <= 0:
        return
    visible = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    stretch = [c for c in visible if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch]
    if header.stretchLastSection() and visible:  # it takes what is left; count what it needs
        stretch.append(_last_visible(header))
    used = sum(header.sectionSize(c) for c in visible if c not in stretch) + len(stretch) * MIN_WIDTH * 2
    excess = used - available
    keep = getattr(view, "_keep_width", ())
    wide = [
        c for c in visible
        if c not in stretch and c not in keep
        and header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive
        and header.sectionSize(c) > SHRINK_TO
    ]
    # never narrower than the column's header text: "Geboortedatum" stays readable
    floors = {c: max(SHRINK_TO, _header_width(header, c)) for c in wide}
    room = sum(max(header.sectionSize(c) - floors[c], 0) for c in wide)
    if excess <= 0 or room <= 0:
        return
    # the widest give up width first, down to one common width: a long school
    # name no longer keeps its width while the child's and family's are cut
    sizes = {c: header.sectionSize(c) for c in wide}
    level = _common_width(sizes, floors, excess)
    for c in wide:
        target = max(min(sizes[c], level), floors[c])
        if target < sizes[c]:
            header.resizeSection(c, target)


def _common_width(sizes: dict[int, int], floors: dict[int, int], excess: int) -> int:
    """The width ``level`` such that capping every column at it (never below
    its floor) frees ``excess`` pixels, or as much as the floors allow."""
    low, high = 0, max(sizes.values())
    while low < high:
        level = (low + high + 1) // 2
        freed = sum(max(size - max(level, floors[c]), 0) for c, size in sizes.items())
        if freed >= excess:
            low = level
        else:
            high = level - 1
    return low


def _header_width(header: QHeaderView, column: int) -> int:
    return header.sectionSizeFromContents(column).width()


def _last_visible(header: QHeaderView) -> int:
    for visual in range(header.count() - 1, -1, -1):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical):
            return logical
    return -1


class _Widths(QObject):
    """Remembers one table's column widths and hidden columns in ``settings``.
    Only widths the user sets (dragging a column's edge, or double-clicking it)
    count as chosen; the table's own fitting does not."""

    def __init__(self, view: QTableView, key: str, settings: QSettings | None) -> None:
        super().__init__(view)
        self.view, self.key, self.settings = view, f"tables/{key}", settings
        self.user_sized = False
        self._programmatic = False
        self._save_timer = QTimer(view)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(300)
        self._save_timer.timeout.connect(self.save)
        header = view.horizontalHeader()
        if settings is not None:
            state = settings.value(self.key)
            if state is not None:
                self._programmatic = True
                self.user_sized = header.restoreState(state)
                self._programmatic = False
        header.sectionResized.connect(self._resized)
        header.sectionHandleDoubleClicked.connect(self._user_fit)
        self._dragging = False
        header.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            # After the view has taken in the new rows (the next turn of the event loop).
            model.modelReset.connect(self.fit_later)
            model.layoutChanged.connect(self.fit_later)

    def fit_later(self, *_args: object) -> None:
        QTimer.singleShot(0, self.view, self.fit)

    def fit(self, *_args: object) -> None:
        if self.user_sized:
            return
        self._programmatic = True
        try:
            fit_columns(self.view)
        finally:
            self._programmatic = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self._dragging = True
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self._dragging = False
        return False

    def _user_fit(self, _column: int) -> None:
        self.user_sized = True
        self._save_timer.start()

    def _resized(self, column: int, _old: int, _new: int) -> None:
        """A width the user dragged (not one the layout gives a stretching column)."""
        if self._programmatic or not self._dragging:
            return
        header = self.view.horizontalHeader()
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            return
        if header.stretchLastSection() and column == _last_visible(header):
            return
        self.user_sized = True
        self._save_timer.start()

    def save(self) -> None:
        if self.settings is not None:
            self.settings.setValue(self.key, self.view.horizontalHeader().saveState())


def _header_menu(view: QTableView, widths: _Widths, position: QPoint) -> None:
    header = view.horizontalHeader()
    model = view.model()
    menu = QMenu(view)
    menu.setTitle(QCoreApplication.translate("Tables", "Columns"))
    for column in range(header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "").replace("\n", " ")
        action = menu.addAction(title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))

        def toggle(checked: bool, c: int = column) -> None:
            header.setSectionHidden(c, not checked)
            if checked:
                view.resizeColumnToContents(c)
                header.resizeSection(c, min(header.sectionSize(c), MAX_START_WIDTH))
            widths.save()

        action.toggled.connect(toggle)
    menu.popup(header.mapToGlobal(position))
    view._column_menu = menu  # type: ignore[attr-defined]  # kept for tests and against garbage collection


class _EnterKey(QObject):
    """Enter (or Return) on a table with a current row calls ``on_enter``."""

    def __init__(self, view: QTableView, on_enter: Callable[[], None]) -> None:
        super().__init__(view)
        self.view, self.on_enter = view, on_enter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.view.currentIndex().isValid()
        ):
            self.on_enter()
            return True
        return False


def setup_table(
    view: QTableView,
    key: str | None = None,
    settings: QSettings | None = None,
    *,
    on_enter: Callable[[], None] | None = None,
    hidden: Sequence[int] = (),
    stretch: Sequence[int] = (),
    wrap: bool = False,
    keep: Sequence[int] = (),
) -> QTableView:
    """Give ``view`` (its model set) the app's table behaviour; ``key`` names the
    table in the settings (no key: widths are not remembered); ``hidden``
    columns start hidden (the user can show them from the header's menu);
    ``stretch`` columns share the free width, the others are interactive;
    ``wrap`` for cells of several lines (their rows grow to fit); ``keep``
    columns (a register's names) keep their width when the others must share."""
    view.setTabKeyNavigation(False)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setWordWrap(wrap)  # one line per row: a wrapped cell would be cut at the end as well
    view._keep_width = tuple(keep)  # type: ignore[attr-defined]  # these never give up width (the name)
    header = view.horizontalHeader()
    header.setMinimumSectionSize(MIN_WIDTH)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if not stretch:
        header.setStretchLastSection(True)
    for column in hidden:
        header.setSectionHidden(column, True)
    widths = _Widths(view, key, settings) if key else _Widths(view, "", None)
    view._widths = widths  # type: ignore[attr-defined]
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda position: _header_menu(view, widths, position))
    if on_enter is not None:
        view.doubleClicked.connect(lambda _index: on_enter())
        view.installEventFilter(_EnterKey(view, on_enter))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return view


def column_menu(view: QTableView) -> QMenu | None:
    """The header menu last opened on ``view`` (for tests)."""
    return getattr(view, "_column_menu", None)
