"""One matching session, two kinds of place: an authorised child goes to a
closed unit and another child to a foster family, and the officer accepts
both through the window (real services, real solver, a real SQLite file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from placement.storage import models as m
from ui.context import AppContext
from ui.matching import MatchingPage

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
WAIT_MS = 60_000
TODAY = dt.date.today()


def _world(context: AppContext) -> dict[str, int]:
    """A unit near Apeldoorn that teaches secondary school on site, a family
    in Utrecht for children up to 12, a 15-year-old with a valid authorisation
    and a 9-year-old without."""
    with context.db.session() as s, s.begin():
        unit = m.FosterFamily(
            name="Gesloten afdeling De Horst", postcode="7311", lat=52.21, lon=5.97, total_places=60,
            age_min=12, age_max=18, kind="closed-unit", school_on_site=["secondary"], province="Gelderland",
        )  # fmt: skip
        family = m.FosterFamily(
            name="Familie Jansen", postcode="3511", lat=52.09, lon=5.12, total_places=2, age_min=0, age_max=12,
            province="Utrecht",
        )  # fmt: skip
        sem = m.Child(name="Sem Voorbeeld", date_of_birth=TODAY.replace(year=TODAY.year - 15) - dt.timedelta(days=3),
                      gender="m", school_kind="secondary", priority=5, region="Utrecht")  # fmt: skip
        noor = m.Child(name="Noor Proef", date_of_birth=TODAY.replace(year=TODAY.year - 9) - dt.timedelta(days=3),
                       gender="f", priority=3, region="Utrecht")  # fmt: skip
        sem.authorisations = [
            m.CourtAuthorisation(kind="spoed", valid_from=TODAY - dt.timedelta(days=2),
                                 valid_until=TODAY + dt.timedelta(days=26), court_reference="C/05/1 JE RK 26-7")
        ]  # fmt: skip
        s.add_all([unit, family, sem, noor])
        s.flush()
        return {"unit": unit.id, "family": family.id, "sem": sem.id, "noor": noor.id}


@pytest.fixture
def page(empty_context: AppContext, make_window, qtbot) -> MatchingPage:  # type: ignore[no-untyped-def]
    ids = _world(empty_context)
    widget = make_window(empty_context).show_page("matching")
    assert isinstance(widget, MatchingPage)
    qtbot.waitUntil(lambda: widget.chooser.model.rowCount() == 2, timeout=WAIT_MS)
    widget.ids = ids  # type: ignore[attr-defined]
    return widget


def test_one_child_goes_to_a_unit_and_one_to_a_family_and_both_are_accepted(
    page: MatchingPage, empty_context: AppContext, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    ids = page.ids  # type: ignore[attr-defined]
    proxy = page.chooser.proxy
    for row in range(proxy.rowCount()):
        proxy.setData(proxy.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    page.chooser.time_limit.setValue(10)
    qtbot.mouseClick(page.chooser.solve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.solving, timeout=WAIT_MS)
    assert not page.error.isVisible(), page.error.text()
    run = page.run
    assert run is not None and run.proposal is not None
    where = {p.child: (p.family, p.school) for p in run.proposal.placements}
    assert where == {f"C{ids['sem']}": (f"F{ids['unit']}", None), f"C{ids['noor']}": (f"F{ids['family']}", None)}
    # the unit's row names it as the officer knows it, and its score shows the closed-unit line in Dutch
    row = page.proposal.child_row(f"C{ids['sem']}")
    assert "Gesloten afdeling De Horst" in page.proposal.index(row, 1).data()
    page.proposal_view.selectRow(row)
    terms = [
        (page.explanation.terms.index(r, 0).data(), page.explanation.terms.index(r, 2).data())
        for r in range(page.explanation.terms.rowCount())
    ]
    assert ("Gesloten afdeling", "een gesloten afdeling: de minst beperkende plek die past gaat voor") in terms
    assert any(why == "school op de locatie" for _, why in terms), terms
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.window().grab().save(str(SCREENSHOTS / "matching-closed-unit.png"))

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.run is not None and page.run.read_only, timeout=WAIT_MS)
    assert not page.error.isVisible(), page.error.text()
    with empty_context.db.session() as s:
        placed = {
            p.child_id: p.family_id
            for p in s.scalars(select(m.Placement).where(m.Placement.status == m.PlacementStatus.ACTIVE))
        }
    assert placed == {ids["sem"]: ids["unit"], ids["noor"]: ids["family"]}


def test_the_home_screen_warns_of_ending_authorisations_and_alerts_a_lapsed_one(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    home = window.current_page()
    assert home is window.pages["home"]
    qtbot.waitUntil(lambda: home.data is not None, timeout=WAIT_MS)
    ending = [home.lists["authorisations_ending"].item(i).text() for i in range(home.lists["authorisations_ending"].count())]
    lapsed = [home.lists["authorisations_lapsed"].item(i).text() for i in range(home.lists["authorisations_lapsed"].count())]
    # the demo: one waiting child's authorisation ends in 20 days; one child in a unit lost its authorisation yesterday
    assert len(ending) == 1 and "(20 dagen)" in ending[0] and "machtiging" in ending[0], ending
    assert len(lapsed) == 1 and " in Gesloten afdeling " in lapsed[0] and "geen geldige machtiging sinds" in lapsed[0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "home-authorisations.png"))


def test_the_capacity_page_shows_closed_places_beside_foster_places(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("capacity")
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)
    rows = [[str(page.closed.index(r, c).data()) for c in range(5)] for r in range(page.closed.rowCount())]
    # five demo units; the last row is the total: 132 places, 2 occupied (shown as <5), so free is
    # only the range 128–132 (130 would give the 2 away)
    assert rows[-1] == ["Nederland", "5", "132", "<5", "128–132"], rows
    assert page.tabs.tabText(0) == "Provincies"
    headers = [page.closed.headerData(c, Qt.Orientation.Horizontal) for c in range(page.closed.columnCount())]
    assert headers == ["Provincie", "Afdelingen", "Plaatsen", "Bezet", "Vrij"]
    # at 1280x800 every column fits beside the provinces, "Vrij" too: no horizontal scrollbar
    assert window.size().width() == 1280
    view = page.closed_view
    qtbot.waitUntil(lambda: view.isVisible(), timeout=WAIT_MS)
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width(), (header.length(), view.viewport().width())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "capacity-closed-places.png"))


def test_an_authorisation_is_recorded_from_the_children_register_in_dutch(
    empty_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import wait_loaded
    from ui.authorisation_form import AuthorisationForm

    ids = _world(empty_context)
    window = make_window(empty_context)
    children = window.show_page("children")
    wait_loaded(qtbot, children)
    children.select_id(ids["noor"])
    qtbot.waitUntil(lambda: children.selected_row() is not None, timeout=WAIT_MS)
    assert children.authorisation_button.text() == "&Machtigingen…"
    children.authorisation_button.click()
    qtbot.waitUntil(lambda: isinstance(children.dialog, AuthorisationForm), timeout=WAIT_MS)
    form = children.dialog
    assert form.windowTitle() == "Machtigingen gesloten jeugdhulp van Noor Proef"
    assert [form.kind.itemText(i) for i in range(form.kind.count())] == [
        "machtiging", "spoedmachtiging", "voorwaardelijke machtiging"]
    form.kind.setCurrentIndex(1)
    form.valid_from.setText(TODAY.strftime("%d-%m-%Y"))
    form.valid_until.setText((TODAY - dt.timedelta(days=1)).strftime("%d-%m-%Y"))
    form.try_save()
    assert form.error_for("valid_until") == "eindigt vóór de begindatum"
    assert form.error_for("court_reference") == "is verplicht"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    form.grab().save(str(SCREENSHOTS / "authorisation-form.png"))
    form.valid_until.setText((TODAY + dt.timedelta(days=30)).strftime("%d-%m-%Y"))
    form.reference.setText("C/16/9 JE RK 26-9")
    form.try_save()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    with empty_context.db.session() as s:
        (stored,) = s.scalars(select(m.CourtAuthorisation).where(m.CourtAuthorisation.child_id == ids["noor"]))
        assert (stored.kind, stored.court_reference) == ("spoed", "C/16/9 JE RK 26-9")


def test_the_closed_units_register_is_its_own_page_and_never_says_family(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import wait_loaded
    from ui.units_page import UnitForm

    window = make_window(demo_context)
    page = window.show_page("units")
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == 5
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert all(n.startswith("Gesloten afdeling ") for n in names)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert "School op de locatie" in headers and not any("ezin" in str(h) for h in headers)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "units-register.png"))
    page.new_item()
    form = page.form
    assert isinstance(form, UnitForm) and form.windowTitle() == "Nieuwe gesloten afdeling"
    form.name.setText("Gesloten afdeling Test")
    form.postcode.setText("3511")
    form.places.setValue(60)
    assert form.places.maximum() == 60
    form.try_save()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=WAIT_MS)
    families = window.show_page("families")
    wait_loaded(qtbot, families)
    shown = [families.model.index(r, 0).data() for r in range(families.model.rowCount())]
    assert len(shown) == 400 and not any(n.startswith("Gesloten afdeling") for n in shown), "units are not families"


def test_units_have_their_own_symbol_on_the_map(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QGraphicsPathItem

    window = make_window(demo_context)
    page = window.show_page("map")
    qtbot.waitUntil(lambda: page.loaded_once, timeout=WAIT_MS)
    diamonds = [item for item in page.view.family_items.values() if isinstance(item, QGraphicsPathItem)]
    assert len(diamonds) == 5
    assert all("Gesloten afdeling" in d.toolTip() for d in diamonds)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "map-units.png"))


def test_the_alerts_page_lists_a_child_in_a_unit_without_a_valid_authorisation(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    panel = window.show_page("alerts")
    qtbot.waitUntil(lambda: panel.lapsed.rowCount() == 1, timeout=WAIT_MS)
    assert "Gesloten afdeling" in panel.lapsed.index(0, 1).data()
    assert panel.lapsed.headerData(2, Qt.Orientation.Horizontal) == "Machtiging afgelopen op"


def test_an_officer_pins_an_authorised_child_to_a_unit_from_the_alternatives_with_the_keyboard(
    empty_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """The ``closed_unit`` weight keeps a unit below every family (policy), so
    with more than ten fitting families a unit only reaches the alternatives
    because the best units are listed after them for an authorised child."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    with empty_context.db.session() as s, s.begin():
        unit = m.FosterFamily(
            name="Gesloten afdeling De Horst", postcode="7311", lat=52.21, lon=5.97, total_places=60,
            age_min=12, age_max=18, kind="closed-unit", school_on_site=["secondary"], province="Gelderland",
        )  # fmt: skip
        families = [
            m.FosterFamily(name=f"Familie Proef {n}", postcode="3511", lat=52.09 + n / 1000, lon=5.12,
                           total_places=1, age_min=0, age_max=18, province="Utrecht")
            for n in range(12)
        ]  # fmt: skip
        daan = m.Child(name="Daan Voorbeeld", date_of_birth=TODAY.replace(year=TODAY.year - 15) - dt.timedelta(days=3),
                       gender="m", priority=5, region="Utrecht")  # fmt: skip
        daan.authorisations = [
            m.CourtAuthorisation(kind="regular", valid_from=TODAY - dt.timedelta(days=2),
                                 valid_until=TODAY + dt.timedelta(days=200), court_reference="C/05/2 JE RK 26-8")
        ]  # fmt: skip
        s.add_all([unit, *families, daan])
        s.flush()
        unit_ref, child_ref = f"F{unit.id}", f"C{daan.id}"

    def key(code, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClick(QApplication.focusWidget(), code, modifier)

    page = make_window(empty_context).show_page("matching")
    assert isinstance(page, MatchingPage)
    qtbot.waitUntil(lambda: page.chooser.model.rowCount() == 1, timeout=WAIT_MS)
    page.chooser.table.setFocus()
    page.chooser.table.setCurrentIndex(page.chooser.proxy.index(0, 0))
    key(Qt.Key.Key_Space)  # tick the child
    key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Oplossen
    qtbot.waitUntil(lambda: page.run is not None and not page.solving, timeout=WAIT_MS)
    assert page.run.placement_of(child_ref).family != unit_ref, "by policy a family comes first"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.proposal_view, timeout=WAIT_MS)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Up)
    assert page.selected_children() == [child_ref]
    alternatives = page.explanation.alternatives
    qtbot.waitUntil(lambda: alternatives.rowCount() > 10, timeout=WAIT_MS)
    homes = [alternatives.index(r, 0).data() for r in range(alternatives.rowCount())]
    assert homes[-1] == "Gesloten afdeling De Horst (gesloten afdeling)", homes

    page.explanation.alternatives_view.setFocus()
    page.explanation.alternatives_view.setCurrentIndex(alternatives.index(0, 0))
    for _ in range(alternatives.rowCount() - 1):
        key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)  # Hier vastzetten
    assert [(p.child, p.family) for p in page.run.pins] == [(child_ref, unit_ref)]
    key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Opnieuw oplossen
    qtbot.waitUntil(lambda: not page.solving and page.run is not None and not page.run.stale, timeout=WAIT_MS)
    placed = page.run.placement_of(child_ref)
    assert placed is not None and placed.family == unit_ref and placed.school is None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.window().grab().save(str(SCREENSHOTS / "matching-pinned-to-unit.png"))


def test_at_1280x800_unit_names_are_whole_and_register_headers_readable(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """A register's name column may take up to 320 px when it keeps its width,
    and no column is squeezed below its header text ("Geboortedatum")."""
    from tests.ui.conftest import wait_loaded

    window = make_window(demo_context)
    assert window.size().width() == 1280
    units = window.show_page("units")
    wait_loaded(qtbot, units)
    header = units.table.horizontalHeader()
    qtbot.waitUntil(lambda: units.table.isVisible(), timeout=WAIT_MS)
    longest = max(units.table.sizeHintForColumn(0), header.sectionSizeFromContents(0).width())
    assert header.sectionSize(0) >= longest, "the unit's whole name is shown"
    assert header.length() <= units.table.viewport().width(), "every column fits"
    children = window.show_page("children")
    wait_loaded(qtbot, children)
    header = children.table.horizontalHeader()
    cut = [
        children.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(header.count())
        if not header.isSectionHidden(c) and header.sectionSize(c) < header.sectionSizeFromContents(c).width()
    ]
    assert cut == [], cut
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "children-register-1280.png"))
