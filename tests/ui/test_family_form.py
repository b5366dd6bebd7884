"""Adding and editing families through the form: problems show next to the
field, nothing is written until everything is right, saved rows appear."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from catalogue import codes
from placement.services.registers import family_register
from placement.storage.database import Database
from placement.storage.models import FamilyStatus, FosterFamily
from tests.ui.conftest import WAIT_MS, wait_loaded
from ui.context import AppContext
from ui.family_form import FamilyForm


def family_count(context) -> int:  # type: ignore[no-untyped-def]
    with context.db.session() as s:
        return s.scalar(select(func.count(FosterFamily.id)))


def open_new_form(qtbot, window) -> FamilyForm:  # type: ignore[no-untyped-def]
    page = window.show_page("families")
    wait_loaded(qtbot, page)
    page.new_button.click()
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=WAIT_MS)
    return page.form


def fill(qtbot, form: FamilyForm, name: str, postcode: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(form.name, name)
    qtbot.keyClicks(form.postcode, postcode)
    form.places.setValue(2)
    form.age_min.setValue(6)
    form.age_max.setValue(14)


def save(form: FamilyForm) -> None:
    form.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_postcode_resolves_to_place_while_typing(qtbot, make_window, empty_context):
    form = open_new_form(qtbot, make_window(empty_context))
    qtbot.keyClicks(form.postcode, "3011")
    assert form.place.text() == "Rotterdam, Rotterdam (Zuid-Holland)"
    form.postcode.clear()
    qtbot.keyClicks(form.postcode, "0000")
    assert form.place.text() == "onbekende postcode"


def test_bad_postcode_is_shown_at_the_postcode_field_and_nothing_is_written(qtbot, make_window, empty_context):
    form = open_new_form(qtbot, make_window(empty_context))
    fill(qtbot, form, "Familie Visser", "0000")
    save(form)
    assert form.error_for("postcode") == "is geen Nederlandse postcode (verwacht 1234 AB)"
    error = form.findChild(type(form.place), "error_postcode")
    assert error.parentWidget() is form.postcode.parentWidget()  # right under the field
    assert form.error_for("name") == ""
    assert form.isVisible() and not form.saving
    assert family_count(empty_context) == 0


def test_youngest_age_above_oldest_is_refused(qtbot, make_window, empty_context):
    form = open_new_form(qtbot, make_window(empty_context))
    fill(qtbot, form, "Familie Visser", "9711")
    form.age_min.setValue(15)
    form.age_max.setValue(8)
    save(form)
    assert form.error_for("age_max") == "mag niet lager zijn dan de jongste leeftijd"
    assert family_count(empty_context) == 0


def test_good_family_is_saved_and_appears_in_the_list(qtbot, make_window, empty_context):
    window = make_window(empty_context)
    page = window.show_page("families")
    form = open_new_form(qtbot, window)
    fill(qtbot, form, "Familie Visser", "9711 AB")
    form.training.item(0).setCheckState(Qt.CheckState.Checked)
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    row = page.proxy.row_at(0)
    assert (row.name, row.municipality, row.free_places, row.age_min, row.age_max) == (
        "Familie Visser", "Groningen", 2, 6, 14,
    )
    assert row.training == (codes.TRAININGS.values[0],)
    assert page.table.model().data(page.proxy.index(0, 2)) == "Groningen"
    assert family_count(empty_context) == 1


def test_edit_changes_the_database_and_the_row(qtbot, make_window, demo_context):
    window = make_window(demo_context)
    page = window.show_page("families")
    wait_loaded(qtbot, page)
    page.table.selectRow(0)
    chosen = page.selected_row()
    page.edit_button.click()
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=WAIT_MS)
    form = page.form
    assert form.name.text() == chosen.name
    form.name.clear()
    qtbot.keyClicks(form.name, "Familie Zomer")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    with demo_context.db.session() as s:
        assert s.get(FosterFamily, chosen.id).name == "Familie Zomer"
    qtbot.waitUntil(lambda: not page.loading and page.selected_row() is not None, timeout=WAIT_MS)
    assert page.selected_row().id == chosen.id  # selection kept across the reload
    assert page.selected_row().name == "Familie Zomer"


def test_closing_with_unsaved_edits_asks_first(qtbot, make_window, empty_context, monkeypatch):
    form = open_new_form(qtbot, make_window(empty_context))
    qtbot.keyClicks(form.name, "Familie Visser")
    answers = []

    def answer(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        answers.append(True)
        return QMessageBox.StandardButton.Cancel if len(answers) == 1 else QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    form.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert form.isVisible()  # "Cancel" in the question keeps the form open
    form.close()
    assert not form.isVisible()
    assert len(answers) == 2


def test_pause_asks_and_marks_the_family_paused(qtbot, make_window, demo_context, monkeypatch):
    window = make_window(demo_context)
    page = window.show_page("families")
    wait_loaded(qtbot, page)
    page.search.setText("")
    status = page.findChild(type(page.province_filter), "filter_status")
    status.setCurrentIndex(status.findText("actief"))
    page.table.selectRow(0)
    chosen = page.selected_row()
    assert chosen.status == FamilyStatus.ACTIVE
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.model.rows[page.model.row_number(chosen.id)].status == FamilyStatus.PAUSED, timeout=WAIT_MS)
    with demo_context.db.session() as s:
        assert s.get(FosterFamily, chosen.id).status == FamilyStatus.PAUSED
    assert page.proxy.rowCount() == sum(r.status == FamilyStatus.ACTIVE for r in page.model.rows)


def test_a_change_during_a_load_is_not_lost(qtbot, empty_context, dutch):
    from ui.families_page import FamiliesPage

    page = FamiliesPage(empty_context)
    qtbot.addWidget(page)
    page.refresh()
    assert page.loading
    with empty_context.db.session() as s, s.begin():
        family_register.create_family(s, empty_context.actor, family_register.FamilyInput(name="Familie Laat", postcode="9711"))
    page.refresh()  # the change signal arriving while the first load is under way
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.proxy.row_at(0).name == "Familie Laat"


def test_languages_are_typed_by_their_dutch_names_and_shown_by_them(qtbot, make_window, empty_context):
    window = make_window(empty_context)
    page = window.show_page("families")
    form = open_new_form(qtbot, window)
    fill(qtbot, form, "Familie Visser", "9711 AB")
    qtbot.keyClicks(form.languages, "Klingon, Nederlands")
    save(form)
    assert form.error_for("languages") == (
        'bevat "Klingon"; dat is geen taal (gebruik een naam zoals Nederlands of een code zoals nl)'
    )
    assert family_count(empty_context) == 0
    form.languages.clear()
    qtbot.keyClicks(form.languages, "Nederlands, ARABISCH")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    with empty_context.db.session() as s:
        family = s.scalars(select(FosterFamily)).one()
        assert sorted(family.languages) == ["ar", "nl"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    page.table.selectRow(0)
    page.edit_button.click()
    qtbot.waitUntil(lambda: page.form is not None and page.form is not form and page.form.isVisible(), timeout=WAIT_MS)
    assert page.form.languages.text() in ("Nederlands, Arabisch", "Arabisch, Nederlands")
    assert [box.text() for box in page.form.gender_boxes.values()] == ["meisje", "jongen", "non-binair"]


def test_saving_over_a_change_made_meanwhile_in_another_window_says_open_it_again(
    qtbot, make_window, demo_context, monkeypatch  # type: ignore[no-untyped-def]
):
    """Two officers edit the same family, each in their own window and database
    connection: the second save is refused in Dutch, naming the family as the
    table does, and the first officer's change stays."""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: warnings.append(text))
    other_context = AppContext(Database(demo_context.db.url), demo_context.actor)

    def open_edit_form(window) -> tuple[FamilyForm, int]:  # type: ignore[no-untyped-def]
        page = window.show_page("families")
        wait_loaded(qtbot, page)
        page.table.selectRow(0)
        page.edit_button.click()
        qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=WAIT_MS)
        return page.form, page.selected_row().id

    (mine, family_id), (theirs, their_id) = (open_edit_form(make_window(demo_context)),
                                             open_edit_form(make_window(other_context)))
    assert their_id == family_id
    with demo_context.db.session() as s:
        family = s.get_one(FosterFamily, family_id)
        name, places = family.name, family.total_places
    theirs.notes.setPlainText("their change")
    save(theirs)
    qtbot.waitUntil(lambda: not theirs.isVisible(), timeout=WAIT_MS)
    mine.notes.setPlainText("my change")
    save(mine)
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT_MS)

    assert warnings == [f"Niet uitgevoerd: {name} is intussen gewijzigd door een ander; opnieuw openen"]
    assert f"F{family_id}" not in warnings[0]
    with demo_context.db.session() as s:
        assert s.get_one(FosterFamily, family_id).notes == "their change"
        assert s.get_one(FosterFamily, family_id).total_places == places
    other_context.db.dispose()
