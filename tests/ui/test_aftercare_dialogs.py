"""The child page's after-the-placement actions, in Dutch: report missing
(the form names the field), the family paused, end a placement with a
reason, and the child's and family's history."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTableWidget
from sqlalchemy import select

from placement.storage.database import Database, sqlite_url
from placement.storage.models import (
    Child,
    ChildStatus,
    FamilyStatus,
    FosterFamily,
    MissingEpisode,
    Placement,
)
from tests.placement import report_fixtures as fx
from tests.ui.conftest import WAIT_MS, _context, wait_loaded
from ui.aftercare_dialogs import EndPlacementForm, HistoryDialog, MissingForm


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("aftercare-ui") / "template.sqlite")


@pytest.fixture
def context(template: Path, tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    target = tmp_path / "placement.sqlite"
    shutil.copyfile(template, target)
    yield from _context(sqlite_url(target))


def select_child(qtbot, window, name: str):  # type: ignore[no-untyped-def]
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    row_id = next(page.proxy.row_at(n).id for n in range(page.proxy.rowCount()) if page.proxy.row_at(n).name == name)
    assert page.select_id(row_id)
    return page


def save(form) -> None:  # type: ignore[no-untyped-def]
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_reporting_missing_names_the_field_then_pauses_the_family(qtbot, make_window, context) -> None:  # type: ignore[no-untyped-def]
    window = make_window(context)
    page = select_child(qtbot, window, "Mila Petrova")
    assert page.missing_button.text() == "&Vermist melden…"
    page.missing_button.click()
    form = page.dialog
    assert isinstance(form, MissingForm) and form.windowTitle() == "Mila Petrova als vermist melden"
    assert "direct gevaar" in form.rule.text() or "uitbuiting" in form.rule.text()
    form.risk.setCurrentIndex(form.risk.findData("red"))
    assert "Aangifte bij de politie: direct." in form.rule.text()
    form.last_seen.setDateTime(QDateTime.currentDateTime().addDays(2))
    save(form)
    qtbot.waitUntil(lambda: form.error_for("last_seen") != "", timeout=WAIT_MS)
    assert form.error_for("last_seen") == "ligt in de toekomst"
    form.last_seen.setDateTime(QDateTime.currentDateTime().addSecs(-3 * 3600))
    qtbot.keyClicks(form.where, "station")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    db = Database(context.db.url)
    try:
        with db.session() as s:
            episode = s.scalars(select(MissingEpisode)).one()
            assert (episode.risk, episode.last_seen_where, episode.reported_by) == ("red", "station", "officer")
            assert s.get_one(FosterFamily, episode.family_id).status == FamilyStatus.PAUSED
    finally:
        db.dispose()

    # Reporting the same child again names the child and writes nothing.
    page.missing_button.click()
    again = page.dialog
    again.last_seen.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    save(again)
    qtbot.waitUntil(lambda: again.general_error.isVisible(), timeout=WAIT_MS)
    assert "is al als vermist gemeld" in again.general_error.text()
    again.dirty = False
    again.reject()


def test_ending_a_placement_with_a_reason_and_reading_the_history(qtbot, make_window, context) -> None:  # type: ignore[no-untyped-def]
    window = make_window(context)
    page = select_child(qtbot, window, "Mila Petrova")
    page.end_button.click()
    form = page.dialog
    assert isinstance(form, EndPlacementForm)
    assert [form.reason.itemText(n) for n in range(2)] == ["geplande beëindiging", "terug naar huis"]
    form.reason.setCurrentIndex(form.reason.findData("other"))
    save(form)
    assert form.error_for("note") == "vertel wat er gebeurd is"
    form.reason.setCurrentIndex(form.reason.findData("breakdown-child"))
    assert form.after.text() == "Het kind wacht op een nieuwe plek."
    qtbot.keyClicks(form.note, "agressie tegen pleegbroer")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    db = Database(context.db.url)
    try:
        with db.session() as s:
            mila = s.scalars(select(Child).where(Child.name == "Mila Petrova")).one()
            ended = s.scalars(select(Placement).where(Placement.child_id == mila.id)).one()
            assert (ended.end_reason, ended.end_date, mila.status) == (
                "breakdown-child", dt.date.today(), ChildStatus.WAITING)
    finally:
        db.dispose()

    page.history_button.click()
    qtbot.waitUntil(lambda: isinstance(getattr(page, "history_dialog", None), HistoryDialog), timeout=WAIT_MS)
    dialog = page.history_dialog
    table = dialog.findChild(QTableWidget, "placements")
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == "Familie Jansen" and cells[1] == "Basisschool De Regenboog"
    assert cells[4] == "breuk door gedrag van het kind: agressie tegen pleegbroer"
    assert cells[6] == "officer1"
    assert dialog.windowTitle() == "Geschiedenis van Mila Petrova"
    dialog.reject()

    families = window.show_page("families")
    wait_loaded(qtbot, families)
    families.select_id(ended.family_id)
    families.history_button.click()
    qtbot.waitUntil(lambda: isinstance(getattr(families, "history_dialog", None), HistoryDialog), timeout=WAIT_MS)
    family_table = families.history_dialog.findChild(QTableWidget, "placements")
    assert {family_table.item(r, 0).text() for r in range(family_table.rowCount())} >= {"Mila Petrova", fx.OTHER_CHILD}
    families.history_dialog.reject()


def test_place_again_opens_a_matching_session_with_the_current_family_forbidden(qtbot, make_window, context) -> None:  # type: ignore[no-untyped-def]
    window = make_window(context)
    page = select_child(qtbot, window, "Mila Petrova")
    assert page.replace_button.text() == "&Opnieuw plaatsen…"
    page.replace_button.click()
    dialog = page.replace_dialog
    assert dialog.reason.currentText() == "breuk op verzoek van het gezin" and dialog.priority.value() == 5
    dialog.reason.setCurrentIndex(dialog.reason.findData("unsafe-network"))
    dialog.accept()
    matching = window.show_page("matching")
    qtbot.waitUntil(lambda: matching.run is not None and matching.run.proposal is not None, timeout=WAIT_MS)
    run = matching.run
    [child] = run.problem.children
    assert child.priority == 5 and run.read_only is False
    db = Database(context.db.url)
    try:
        with db.session() as s:
            mila = s.scalars(select(Child).where(Child.name == "Mila Petrova")).one()
            assert mila.status == ChildStatus.PLACED  # nothing moves before the officer accepts
    finally:
        db.dispose()


def test_the_home_screen_is_first_and_opens_the_child_it_lists(qtbot, make_window, context) -> None:  # type: ignore[no-untyped-def]
    from placement.actor import Actor
    from placement.services import missing
    from placement.storage.models import Role

    officer = Actor(user_id=2, username="officer1", role=Role.OFFICER)
    with context.db.session() as s, s.begin():
        mila = s.scalars(select(Child.id).where(Child.name == "Mila Petrova")).one()
        missing.report_missing(s, officer, mila, last_seen=dt.datetime.utcnow() - dt.timedelta(hours=30),
                               risk="orange")
    window = make_window(context)
    home = window.current_page()
    assert home is window.pages["home"] and window.nav.item(0).text() == "Vandaag"
    qtbot.waitUntil(lambda: home.data is not None, timeout=WAIT_MS)
    missing_list = home.lists["missing"]
    text = missing_list.item(0).text()
    assert text.startswith("Mila Petrova — vermist sinds") and "aangifte TE LAAT sinds" in text
    assert home.lists["reviews"].item(0).text().startswith("Familie Jansen — sinds")
    missing_list.setCurrentRow(0)
    missing_list.itemActivated.emit(missing_list.item(0))
    children = window.current_page()
    assert children is window.pages["children"]
    wait_loaded(qtbot, children)
    qtbot.waitUntil(lambda: children.selected_row() is not None, timeout=WAIT_MS)
    assert children.selected_row().id == mila


def test_ticking_notifications_and_recording_the_return_interview_in_the_app(qtbot, make_window, context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from placement.actor import Actor
    from placement.services import missing
    from placement.storage.models import Role

    officer = Actor(user_id=2, username="officer1", role=Role.OFFICER)
    with context.db.session() as s, s.begin():
        mila = s.scalars(select(Child.id).where(Child.name == "Mila Petrova")).one()
        now = dt.datetime.utcnow()
        missing.report_missing(s, officer, mila, last_seen=now - dt.timedelta(hours=30), risk="orange")
        missing.tick(s, officer, mila, "guardian", at=now - dt.timedelta(hours=29))
        missing.found(s, officer, mila, at=now - dt.timedelta(hours=5))
    window = make_window(context)
    page = select_child(qtbot, window, "Mila Petrova")
    assert page.episode_button.text() == "Vermissing bij&werken…"
    page.episode_button.click()
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None and page.dialog.isVisible(), timeout=WAIT_MS)
    form = page.dialog
    assert form.findChild(QLabel, "ticked").text().startswith("jeugdbeschermer / voogd: ")
    labels = [form.items.item(n).text() for n in range(form.items.count())]
    assert labels == ["politie (aangifte vermissing)", "Raad voor de Kinderbescherming",
                      "CoMensha (toestemming getekend door de voogd)"]
    form.items.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(form.interview_by, "officer1")  # the officer who placed her: refused, under the field
    form.interview_at.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    save(form)
    qtbot.waitUntil(lambda: form.error_for("held_by") != "", timeout=WAIT_MS)
    assert form.error_for("held_by") == (
        "de plaatsingsfunctionaris die het kind plaatste mag het terugkeergesprek niet voeren")
    with context.db.session() as s:
        assert set(s.scalars(select(MissingEpisode)).one().checklist) == {"guardian"}  # nothing half-saved
    form.interview_by.clear()
    qtbot.keyClicks(form.interview_by, "J. Onafhankelijk")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    with context.db.session() as s:
        episode = s.scalars(select(MissingEpisode)).one()
        assert set(episode.checklist) == {"guardian", "police"} and episode.checklist["police"]["by"] == "officer"
        assert episode.interview_by == "J. Onafhankelijk"


def test_other_names_are_added_in_the_app_and_found_by_the_search(qtbot, make_window, context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(context)
    page = select_child(qtbot, window, "Mila Petrova")
    assert page.alias_button.text() == "&Andere namen…"
    page.alias_button.click()
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None and page.dialog.isVisible(), timeout=WAIT_MS)
    form = page.dialog
    qtbot.keyClicks(form.nationality, "Bulgarije")
    save(form)
    qtbot.waitUntil(lambda: form.error_for("nationality") != "", timeout=WAIT_MS)
    assert form.error_for("nationality") == '"Bulgarije" is geen landcode van twee letters'
    form.nationality.clear()
    qtbot.keyClicks(form.name, "Milena Petrovic")
    qtbot.keyClicks(form.born, "02-03-2015")
    qtbot.keyClicks(form.nationality, "bg")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.loading, timeout=WAIT_MS)
    page.search.setText("milena")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    assert page.proxy.row_at(0).name == "Mila Petrova"


def test_the_police_sheet_is_saved_from_the_missing_episode_form(qtbot, make_window, context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from placement.actor import Actor
    from placement.services import missing
    from placement.services.dossier import leaks
    from placement.storage.models import Role

    with context.db.session() as s, s.begin():
        mila = s.scalars(select(Child.id).where(Child.name == "Mila Petrova")).one()
        missing.report_missing(s, Actor(user_id=2, username="officer1", role=Role.OFFICER), mila,
                               last_seen=dt.datetime.utcnow() - dt.timedelta(hours=2), risk="red")
    window = make_window(context)
    page = select_child(qtbot, window, "Mila Petrova")
    page.episode_button.click()
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None and page.dialog.isVisible(), timeout=WAIT_MS)
    out = tmp_path / "vermissing.pdf"
    page.dialog.save_sheet(out)
    qtbot.waitUntil(lambda: page.dialog.sheet_status.text() != "", timeout=WAIT_MS)
    assert page.dialog.sheet_status.text() == "Opgeslagen: vermissing.pdf"
    assert fx.CANARY_ADDRESS in leaks.pdf_text(out.read_bytes())
    page.dialog.dirty = False
    page.dialog.reject()
