"""Issue 12: switching the language needs no restart. Through the real
window's Language menu: every page, menu and status text changes at once,
the user keeps their place (page, tab, search, selected row, the matching
session), and the capacity page follows the language."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QTabWidget

from tests.ui.conftest import WAIT_MS, wait_loaded
from tests.ui.test_dutch_everywhere import demo_actor
from tests.ui.test_matching_flow import check_children, wait_solved
from tests.ui.visible_text import DutchJudge, check, dutch_leftovers, visible_texts
from ui.context import AppContext
from ui.jobs import wait_for_all
from ui.main_window import MainWindow


def choose_language(qtbot, window: MainWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    """Language → ``name`` as the user picks it (the menu's title changes with the
    language); the window is built again once the menu has closed."""
    menu = window.menuBar().actions()[-2].menu()
    next(action for action in menu.actions() if action.text() == name).trigger()
    today = {"English": "Today", "Nederlands": "Vandaag"}[name]
    qtbot.waitUntil(lambda: window.nav.item(0).text() == today, timeout=WAIT_MS)


def nav_texts(window: MainWindow) -> list[str]:
    return [window.nav.item(n).text() for n in range(window.nav.count())]


def test_english_and_back_without_a_restart_keeping_the_place(qtbot, make_window, demo_context: AppContext, settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    families = window.show_page("families")
    wait_loaded(qtbot, families)
    families.search.setText("a")
    families.table.selectRow(1)
    chosen = families.selected_row().id

    choose_language(qtbot, window, "English")

    assert settings.value("language") == "en"
    assert nav_texts(window)[:3] == ["Today", "Families", "Children"]
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Matching", "&Language", "&Help"]
    assert window.user_label.text() == "officer (placement officer)"
    assert window.database_label.text() == "one workstation (SQLite)"
    page = window.current_page()
    assert page is window.pages["families"] and page is not families, "the page was built again"
    assert page.heading.text() == "<h2>Foster families</h2>"
    wait_loaded(qtbot, page)
    assert page.search.text() == "a"
    assert page.selected_row() is not None and page.selected_row().id == chosen
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Name", "Postcode", "Municipality"]
    assert QLocale().toString(2.5, "f", 1) == "2.5"

    choose_language(qtbot, window, "Nederlands")

    assert nav_texts(window)[:3] == ["Vandaag", "Gezinnen", "Kinderen"]
    assert window.pages["families"].heading.text() == "<h2>Pleeggezinnen</h2>"
    assert QLocale().toString(2.5, "f", 1) == "2,5"
    assert settings.value("language") == "nl"


def test_the_matching_session_survives_a_language_switch(qtbot, make_window, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("matching")
    qtbot.waitUntil(lambda: page.chooser.model.rowCount() > 0, timeout=WAIT_MS)
    check_children(page, 3)
    page.chooser.time_limit.setValue(10)
    page.chooser.solve.click()
    wait_solved(page, qtbot)
    run = page.run

    choose_language(qtbot, window, "English")

    page = window.current_page()
    assert page is window.pages["matching"] and page.run is run
    assert page.proposal.rowCount() == len(run.proposal.placements) > 0
    assert "2. Proposal" in [page.tabs.tabText(n).replace("&", "") for n in range(page.tabs.count())]


def test_the_capacity_page_follows_the_language(qtbot, make_window, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    choose_language(qtbot, window, "English")
    page = window.show_page("capacity")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=WAIT_MS)
    tabs = page.findChild(QTabWidget)
    texts = set()
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        texts |= {part for _where, text, _data in visible_texts(page) for part in text.split(", ")}
    dutch_names = {"criminele uitbuiting", "hechting", "jongen", "meisje", "geen", "basisonderwijs",
                   "voortgezet onderwijs", "leeftijd", "geslacht", "training ontbreekt"}
    assert not texts & dutch_names, texts & dutch_names
    assert {"criminal exploitation", "boy"} <= texts

    choose_language(qtbot, window, "Nederlands")
    page = window.show_page("capacity")
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=WAIT_MS)
    assert not check(DutchJudge(), "capacity", page)


def test_default_file_names_follow_the_language(qapp, dutch) -> None:  # type: ignore[no-untyped-def]
    """No child's name, only ids and dates; Dutch in the Dutch UI, English in the English one."""
    import datetime as dt

    from placement.services.dossier.recipients import Recipient
    from ui import file_names
    from ui.i18n import install_language

    assert file_names.dossier(34, Recipient.GUARDIAN) == "dossier-C34-voogd.pdf"
    assert file_names.dossier(34, Recipient.FOSTER_FAMILY) == "dossier-C34-pleeggezin.pdf"
    assert file_names.missing_sheet(34) == "vermissing-C34.pdf"
    assert file_names.capacity(dt.date(2026, 12, 7), ".csv") == "capaciteit-2026-12-07.csv"
    install_language(qapp, "en")
    assert file_names.dossier(34, Recipient.GUARDIAN) == "dossier-C34-guardian.pdf"
    assert file_names.capacity(dt.date(2026, 12, 7), ".pdf") == "capacity-2026-12-07.pdf"
    install_language(qapp, "nl")  # the fixture's teardown undoes this language, not English


def _every_page(qtbot, window: MainWindow, judge) -> list[str]:  # type: ignore[no-untyped-def]
    """``judge(place, widget)`` over every page and every tab of it."""
    found = []
    for key in list(window.pages):
        page = window.show_page(key)
        qtbot.waitUntil(lambda page=page: not getattr(page, "loading", False), timeout=WAIT_MS)
        wait_for_all()
        qtbot.wait(50)
        for tabs in page.findChildren(QTabWidget) or [None]:
            for index in range(tabs.count() if tabs else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                found += [str(f) for f in judge(key, window)]
    return sorted(set(found))


def test_every_page_speaks_the_language_just_chosen(qtbot, make_window, demo_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    """Every page was opened in Dutch before; after Language → English none
    keeps a Dutch text, and after going back none keeps an English one."""
    window = make_window(AppContext(demo_context.db, demo_actor(demo_context, "demo-officer")))
    assert _every_page(qtbot, window, lambda place, root: check(DutchJudge(), place, root)) == []
    choose_language(qtbot, window, "English")
    assert _every_page(qtbot, window, lambda _place, root: dutch_leftovers(root)) == []
    choose_language(qtbot, window, "Nederlands")
    assert _every_page(qtbot, window, lambda place, root: check(DutchJudge(), place, root)) == []


def test_no_switch_while_the_solver_runs(qtbot, make_window, demo_context: AppContext, settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("matching")
    qtbot.waitUntil(lambda: page.chooser.model.rowCount() > 0, timeout=WAIT_MS)
    check_children(page, 12)
    page.chooser.time_limit.setValue(60)
    page.chooser.solve.click()
    assert page.solving
    menu = window.menuBar().actions()[-2].menu()
    next(action for action in menu.actions() if action.text() == "English").trigger()
    assert "zodra de berekening klaar is" in window.statusBar().currentMessage()
    assert [a.isChecked() for a in window.language_actions] == [True, False]
    assert settings.value("language") != "en" and window.nav.item(0).text() == "Vandaag"
    page.cancel_solve()
    qtbot.waitUntil(lambda: not page.solving, timeout=WAIT_MS)
