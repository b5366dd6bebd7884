"""Fixtures for the window tests: a context on a real SQLite database, the
Dutch translation as users get it by default, isolated window settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtTest import QTest

from placement.actor import Actor
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role
from ui.context import AppContext
from ui.i18n import install_language, remove_language
from ui.jobs import wait_for_all
from ui.main_window import MainWindow
from ui.registry_page import RegistryPage

OFFICER = Actor(user_id=None, username="officer", role=Role.OFFICER, workstation="test")
WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def no_leftover_translators(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Each test starts and ends without translators: a language installed by
    one test (or by ``ui.app.main``) must not decide what the next one reads."""
    yield
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.setParent(None)


@pytest.fixture
def dutch(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    translators = install_language(qapp, "nl")
    yield
    remove_language(qapp, translators)


def _context(url: str) -> Iterator[AppContext]:
    db = Database(url)
    yield AppContext(db, OFFICER)
    wait_for_all()
    db.dispose()


@pytest.fixture
def empty_context(sqlite_url: str) -> Iterator[AppContext]:
    """A context on a migrated, empty SQLite database."""
    yield from _context(sqlite_url)


@pytest.fixture
def demo_context(demo_db_path: Path) -> Iterator[AppContext]:
    """A context on a private copy of the demo database."""
    yield from _context(sqlite_url(demo_db_path))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings: QSettings, dutch: None) -> Callable[[AppContext], MainWindow]:  # type: ignore[no-untyped-def]
    def make(context: AppContext) -> MainWindow:
        window = MainWindow(context, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window)  # shortcuts only reach the active window
        return window

    return make


def wait_loaded(qtbot, page: RegistryPage) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page's background load (started already) delivered its rows."""
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT_MS)
