"""The main window: a sidebar of pages, menus, shortcuts and the status bar.

Adding a page is one line in :data:`PAGES`. A page class takes
``(context: AppContext, parent=None)``; it may offer ``refresh()`` (called the
first time it is shown), ``focus_search()`` (Ctrl+F) and ``new_item()``
(Ctrl+N). Until a page's module exists, a placeholder stands in for it. Each
page lists the roles it is shown to; that only tidies the sidebar, the
services refuse what a role may not do.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)
from sqlalchemy.engine import make_url

from catalogue import codes
from placement.services.permissions import Action, allowed
from placement.services.users import IdleLock
from placement.storage.models import Role
from ui.admin_users_page import AdminUsersPage
from ui.context import AppContext, Changes
from ui.export_dialog import ExportDialog
from ui.i18n import LANGUAGE_KEY, LANGUAGES, code_name, current_language, install_language
from ui.import_wizard import ImportWizard
from ui.jobs import wait_for_all
from ui.login_dialog import LoginDialog

OFFICER, MANAGER, GUARDIAN, ADMIN = Role.OFFICER, Role.MANAGER, Role.GUARDIAN, Role.ADMINISTRATOR


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    """English source text, translated in the "MainWindow" context."""
    factory: str
    """``module:Class`` of the page widget (or of a function making it)."""
    roles: tuple[Role, ...] = (OFFICER,)


PAGES: tuple[Page, ...] = (
    Page("home", QT_TRANSLATE_NOOP("MainWindow", "Today"), "ui.home_page:HomePage"),
    Page("families", QT_TRANSLATE_NOOP("MainWindow", "Families"), "ui.families_page:FamiliesPage"),
    Page("children", QT_TRANSLATE_NOOP("MainWindow", "Children"), "ui.children_page:ChildrenPage", (OFFICER, GUARDIAN)),
    Page("schools", QT_TRANSLATE_NOOP("MainWindow", "Schools"), "ui.schools_page:SchoolsPage"),
    Page("networks", QT_TRANSLATE_NOOP("MainWindow", "Networks"), "ui.networks_page:NetworksPage"),
    Page("units", QT_TRANSLATE_NOOP("MainWindow", "Closed units"), "ui.units_page:UnitsPage"),
    Page("matching", QT_TRANSLATE_NOOP("MainWindow", "Matching"), "ui.matching:MatchingPage"),
    Page("capacity", QT_TRANSLATE_NOOP("MainWindow", "Capacity"), "ui.capacity_page:CapacityPage", (OFFICER, MANAGER)),
    Page("dossiers", QT_TRANSLATE_NOOP("MainWindow", "Dossiers"), "ui.dossier_page:DossierPage", (OFFICER, GUARDIAN)),
    Page("map", QT_TRANSLATE_NOOP("MainWindow", "Map"), "ui.map_view:MapPage"),
    Page("alerts", QT_TRANSLATE_NOOP("MainWindow", "Alerts"), "ui.alerts_panel:AlertsPanel"),
    Page("users", QT_TRANSLATE_NOOP("MainWindow", "Users"), "ui.main_window:users_page", (ADMIN,)),
)


@dataclass(frozen=True)
class Place:
    """Where the user is on a page, kept when the page is built again."""

    search: str | None
    tabs: tuple[int, ...]
    selected_id: int | None

    @classmethod
    def of(cls, page: QWidget) -> Place:
        search = getattr(page, "search", None)
        selected = getattr(page, "selected_row", None)
        row = selected() if callable(selected) else None
        return cls(
            search.text() if isinstance(search, QLineEdit) else None,
            tuple(tabs.currentIndex() for tabs in page.findChildren(QTabWidget)),
            getattr(row, "id", None),
        )

    def restore(self, page: QWidget) -> None:
        search = getattr(page, "search", None)
        if self.search and isinstance(search, QLineEdit):
            search.setText(self.search)
        for tabs, index in zip(page.findChildren(QTabWidget), self.tabs, strict=False):
            tabs.setCurrentIndex(index)
        select = getattr(page, "select_when_loaded", None)
        if self.selected_id is not None and callable(select):
            select(self.selected_id)


def users_page(context: AppContext) -> QWidget:

    return AdminUsersPage(context.db, actor=context.actor)


_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})

ATTRIBUTION = (
    QT_TRANSLATE_NOOP("MainWindow", "Postcode coordinates © GeoNames (www.geonames.org), CC BY 4.0."),
    QT_TRANSLATE_NOOP(
        "MainWindow", "Municipality and province boundaries © CBS / PDOK (Gebiedsindelingen 2024), CC BY 4.0. Simplified."
    ),
    QT_TRANSLATE_NOOP("MainWindow", "School data: DUO open onderwijsdata (CC0)."),
)


def database_description(url: str) -> str:
    """What the status bar says about the database, never a file path: one
    workstation (where whoever holds the passphrase reads everything) or the
    office server (where the server enforces each role)."""
    if make_url(url).get_backend_name() == "sqlite":
        return QCoreApplication.translate("MainWindow", "one workstation (SQLite)")
    return QCoreApplication.translate("MainWindow", "office server (PostgreSQL)")


def _page_widget(page: Page, context: AppContext) -> QWidget:
    module_name, _, class_name = page.factory.partition(":")
    return getattr(import_module(module_name), class_name)(context)


class MainWindow(QMainWindow):
    def __init__(
        self,
        context: AppContext,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        idle_lock: IdleLock | None = None,
    ) -> None:
        """``idle_lock``: lock the screen after inactivity (the app passes one;
        tests that are not about locking leave it out)."""
        super().__init__(parent)
        self.context = context
        self.settings = settings
        context.settings = settings
        self.operation_did_execute = context.operation_did_execute
        """The one change signal (``Changes``); views connect to it to refresh."""
        self.setWindowTitle(self.tr("Placement planner"))
        self.resize(QSize(1280, 800))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._shown: set[str] = set()
        for page in PAGES:
            if context.actor.role in page.roles:
                self.add_page(page)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._page_changed)
        self.nav.currentRowChanged.connect(self._update_new_action)
        self._connect_map()

        self._page_focus: QWidget | None = None
        """The widget of a page that had the keyboard focus last (a menu takes it meanwhile)."""
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._menu_actions: list[QAction] = []
        self._build_menus()
        self.database_label = QLabel()
        server = make_url(context.db.url).host
        if server:
            self.database_label.setToolTip(server)
        self.user_label = QLabel()
        self._status_texts()
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.database_label)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.nav.setCurrentRow(0)
        self.idle_lock = idle_lock
        if idle_lock is not None:
            QApplication.instance().installEventFilter(self)
            self._lock_timer = QTimer(self)
            self._lock_timer.timeout.connect(self.check_idle)
            self._lock_timer.start(5000)

    def _connect_map(self) -> None:
        map_page = self.pages.get("map")
        if map_page is not None and hasattr(map_page, "family_clicked"):
            map_page.family_clicked.connect(self.show_family)

    def _status_texts(self) -> None:
        self.database_label.setText(database_description(self.context.db.url))
        self.user_label.setText(f"{self.context.actor.username} ({self.role_text(self.context.actor.role)})")

    def role_text(self, role: Role) -> str:
        return code_name(codes.ROLES, role)

    # --- pages ---------------------------------------------------------------------

    def add_page(self, page: Page) -> QWidget:
        widget = _page_widget(page, self.context)
        widget.setObjectName(f"page_{page.key}")
        self.pages[page.key] = widget
        self.stack.addWidget(widget)
        item = QListWidgetItem(self.tr(page.title))
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        self.nav.addItem(item)
        return widget

    def show_page(self, key: str) -> QWidget:
        """Switch to page ``key`` (raises KeyError when this user has no such page)."""
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def _page_changed(self, row: int) -> None:
        if row < 0:
            return
        key = list(self.pages)[row]
        widget = self.pages[key]
        self.stack.setCurrentWidget(widget)
        if key not in self._shown:
            self._shown.add(key)
            refresh = getattr(widget, "refresh", None)
            if callable(refresh):
                refresh()
        self.statusBar().showMessage(self.nav.item(row).text(), 2000)

    def show_family(self, family_id: int) -> None:
        """Open the family register with this family selected (used by the map)."""
        if "families" in self.pages:
            self.show_page("families").select_id(family_id)  # type: ignore[attr-defined]

    # --- menus ----------------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
        action = QAction(text, self)
        self._menu_actions.append(action)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New…"), QKeySequence.StandardKey.New, self.new_item)
        file_menu.addAction(self.new_action)
        self._update_new_action()
        if allowed(self.context.actor, Action.IMPORT):
            file_menu.addAction(self._action(self.tr("&Import…"), "Ctrl+I", self.open_import))
        if allowed(self.context.actor, Action.EXPORT):
            file_menu.addAction(self._action(self.tr("&Export…"), "Ctrl+E", self.open_export))
        file_menu.addSeparator()
        if self.idle_lock_possible():
            file_menu.addAction(self._action(self.tr("&Lock screen"), "Ctrl+L", self.lock_now))
        file_menu.addAction(self._action(self.tr("&Quit"), "Ctrl+Q", self.close))

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for n, key in enumerate(self.pages, start=1):
            title = self.nav.item(n - 1).text()
            view_menu.addAction(self._action(title, f"Ctrl+{n}", lambda _=False, k=key: self.show_page(k)))
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("&Search"), QKeySequence.StandardKey.Find, self.focus_search))
        view_menu.addAction(self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, self.refresh_current))

        matching = self.pages.get("matching")
        menu_actions = getattr(matching, "menu_actions", None)
        if callable(menu_actions):
            matching_menu = self.menuBar().addMenu(self.tr("&Matching"))
            matching_menu.setObjectName("menu_matching")
            for action in menu_actions():
                matching_menu.addAction(action)

        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(language_menu)
        self.language_actions: list[QAction] = []
        for code, name in LANGUAGES.items():
            action = self._action(name, None, lambda _=False, c=code: self.set_language(c))
            action.setData(code)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions.append(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About…"), None, self.show_about))

    def open_import(self) -> None:
        wizard = ImportWizard(self.context.db, self.context.actor, self)
        wizard.imported.connect(
            lambda _kind: self.operation_did_execute.emit(
                Changes(families=True, children=True, schools=True, networks=True)
            )
        )
        self.import_wizard = wizard
        wizard.open()

    def open_export(self) -> None:
        dialog = ExportDialog(self.context, self)
        dialog.exported.connect(
            lambda rows, name: self.statusBar().showMessage(
                self.tr("%1 rows exported to %2").replace("%1", str(rows)).replace("%2", name), 10000
            )
        )
        self.export_dialog = dialog
        dialog.open()

    # --- idle lock ----------------------------------------------------------------------

    def idle_lock_possible(self) -> bool:
        return self.context.actor.user_id is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.idle_lock is not None and event.type() in _ACTIVITY:
            self.idle_lock.activity()
        return False

    def check_idle(self) -> None:
        if self.idle_lock is not None and self.idle_lock.is_locked() and not self._locking:
            self.lock_now()

    _locking = False

    def lock_now(self) -> None:
        """Hide everything and ask the same user's password; anyone else must restart."""
        if self.idle_lock is None or self._locking:
            return
        self.idle_lock.lock()
        self._locking = True
        self.centralWidget().hide()
        for dialog in self.findChildren(QDialog):
            dialog.hide()
        unlock = LoginDialog(self.context.db, self, locked_actor=self.context.actor)
        if unlock.exec() == QDialog.DialogCode.Accepted:
            self.idle_lock.unlock()
            self.centralWidget().show()
            self._locking = False
        else:
            self._locking = False
            self.close()

    def _update_new_action(self, *_args: object) -> None:
        """File → New… only where this role may add something."""
        page = self.current_page()
        new_allowed = getattr(page, "new_allowed", None)
        self.new_action.setEnabled(callable(getattr(page, "new_item", None)) and (
            not callable(new_allowed) or new_allowed()))

    def new_item(self) -> None:
        page = self.current_page()
        new_allowed = getattr(page, "new_allowed", None)
        if callable(new_allowed) and not new_allowed():
            return  # this role adds nothing here (the page's New… is hidden too)
        new = getattr(page, "new_item", None)
        if callable(new):
            new()

    def focus_search(self) -> None:
        focus = getattr(self.current_page(), "focus_search", None)
        if callable(focus):
            focus()

    def refresh_current(self) -> None:
        refresh = getattr(self.current_page(), "refresh", None)
        if callable(refresh):
            refresh()

    def set_language(self, code: str) -> None:
        """Speak ``code`` from now on, without a restart. A solve or a what-if
        calculation that is running is left to finish first (the pages are built again)."""
        if code == current_language():
            return
        if any(getattr(page, "solving", False) for page in self.pages.values()):
            self.statusBar().showMessage(
                self.tr("The language can change once the calculation has finished or was stopped."), 8000)
            self._check_language(current_language())
            return
        self.settings.setValue(LANGUAGE_KEY, code)
        self.settings.sync()
        install_language(QApplication.instance(), code)
        # After the menu that chose the language has closed: the menus are built again.
        QTimer.singleShot(0, self.retranslate)

    def _check_language(self, code: str) -> None:
        for action in self.language_actions:
            action.setChecked(action.data() == code)

    def retranslate(self) -> None:
        """Build the pages, menus and status bar again in the language now
        installed, keeping the user's place: the page, its tabs, the search,
        the selected row, and the matching session being worked on."""
        current = list(self.pages)[self.nav.currentRow()] if self.nav.currentRow() >= 0 else None
        places = {key: Place.of(page) for key, page in self.pages.items()}
        focus = self._focus_path(self.pages.get(current or ""), self._page_focus)
        wait_for_all()  # the old pages' loads end (and report) before those pages go
        QApplication.processEvents()
        old_pages, self.pages, self._shown = self.pages, {}, set()
        self.nav.blockSignals(True)
        self.nav.clear()
        for page in PAGES:
            if self.context.actor.role in page.roles:
                new = self.add_page(page)
                old = old_pages.pop(page.key)
                take_over = getattr(new, "take_over", None)
                if callable(take_over):
                    take_over(old)
                self.stack.removeWidget(old)
                old.deleteLater()
        self.nav.blockSignals(False)
        self._connect_map()
        self.setWindowTitle(self.tr("Placement planner"))
        for action in self.menuBar().actions():
            action.menu().deleteLater()
        self.menuBar().clear()
        for action in self._menu_actions:
            action.deleteLater()
        self._menu_actions = []
        self._build_menus()
        self._status_texts()
        for key, place in places.items():
            place.restore(self.pages[key])
        if current is not None:
            self.show_page(current)
        self._restore_focus(self.pages.get(current or ""), focus)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.stack.isAncestorOf(new):
            self._page_focus = new

    @staticmethod
    def _focus_path(page: QWidget | None, focused: QWidget | None) -> tuple[type, int] | None:
        """The keyboard focus on ``page`` as (widget class, its place among
        that class's widgets on the page), to find the same widget on the page
        built again."""
        if page is None or focused is None or not shiboken6.isValid(focused) or not page.isAncestorOf(focused):
            return None
        return type(focused), page.findChildren(type(focused)).index(focused)

    def _restore_focus(self, page: QWidget | None, focus: tuple[type, int] | None) -> None:
        widgets = page.findChildren(focus[0]) if page is not None and focus is not None else []
        target = widgets[focus[1]] if focus is not None and focus[1] < len(widgets) else self.nav
        target.setFocus()

    def about_text(self) -> str:
        title = self.tr("Placement planner")
        purpose = self.tr("Matching and placement of foster children taken out of criminal exploitation.")
        sources = self.tr("Data sources")
        attribution = "<br>".join(self.tr(line) for line in ATTRIBUTION)
        return f"<h3>{title}</h3><p>{purpose}</p><p><b>{sources}</b><br>{attribution}</p>"

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)

