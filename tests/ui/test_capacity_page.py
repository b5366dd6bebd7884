"""The capacity screen on the hand-counted fixture database: figures, charts,
the what-if scenario, and that no name, address or coordinate is on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel
from sqlalchemy import select

from placement.actor import Actor
from placement.storage.database import Database
from placement.storage.models import Child, FosterFamily, NetworkLocation, Role
from tests.placement import report_fixtures as fx
from ui.capacity_page import CapacityPage
from ui.context import AppContext
from ui.jobs import wait_for_all
from ui.table_model import RowTableModel

MANAGER = Actor(user_id=None, username="boss", role=Role.MANAGER, workstation="test")
OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("capacity_ui") / "template.sqlite")


@pytest.fixture
def context(template: Path, tmp_path: Path) -> Iterator[AppContext]:
    db: Database = fx.copy_of(template, tmp_path)
    yield AppContext(db, MANAGER)
    wait_for_all()
    db.dispose()


@pytest.fixture
def page(qtbot, context: AppContext, dutch: None) -> CapacityPage:  # type: ignore[no-untyped-def]
    widget = CapacityPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    widget.on_date = fx.TODAY
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.refresh()
    return widget


def cells(model: RowTableModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_figures_on_screen_match_the_hand_count(page: CapacityPage) -> None:
    # Hand count: Groningen 1 family, 3 places, 1 taken; Limburg 1, 1, 0; Overijssel 1 (+1 paused), 2, 2;
    # Utrecht 1, 1, 0; the Netherlands 4 (+1), 7, 3. Counts below 5 show as "<5", and so does every
    # figure of an area with fewer than 5 families ("≥5" when it is 5 or more). Places beside two
    # hidden parts show as "≥5" too.
    assert cells(page.provinces) == [
        ["Groningen", "<5", "<5", "<5", "<5", "<5"],
        ["Limburg", "<5", "<5", "<5", "<5", "<5"],
        ["Overijssel", "<5", "<5", "<5", "<5", "<5"],
        ["Utrecht", "<5", "<5", "<5", "<5", "<5"],
        ["Nederland", "<5", "<5", "≥5", "<5", "<5"],  # 7 beside "<5" + "<5" would narrow both to 3–4
    ]
    assert [row[-1] for row in cells(page.no_fit)] == ["school", "training"]
    assert [row[-2] for row in cells(page.no_fit)] == ["<5", "<5"]
    free = page.free_chart.chart().series()[0].barSets()[0]
    assert [free.at(i) for i in range(free.count())] == [0, 0, 0, 0]  # no bar betrays a small count
    names = page.free_chart.chart().axes(Qt.Orientation.Vertical)[0].categories()
    # written as rich text, so that "<5)" is drawn instead of starting a tag
    assert names == ["Utrecht (&lt;5)", "Overijssel (&lt;5)", "Limburg (&lt;5)", "Groningen (&lt;5)"]
    assert not page.free_chart.chart().series()[0].isLabelsVisible()
    waiting = page.waiting_chart.chart().series()[0].barSets()[0]
    assert [waiting.at(i) for i in range(waiting.count())] == [0, 0, 0, 0]


def test_no_name_address_or_coordinate_anywhere_on_the_screen(page: CapacityPage, context: AppContext) -> None:
    with context.db.session() as s:
        secrets = list(s.scalars(select(Child.name)))
        for f in s.scalars(select(FosterFamily)):
            secrets += [f.name, f.address, f.postcode, f"{f.lat:.3f}", f"{f.lon:.3f}"]
        for loc in s.scalars(select(NetworkLocation)):
            secrets += [loc.label, f"{loc.lat:.3f}"]
    shown = [label.text() for label in page.findChildren(QLabel)]
    for model in page.findChildren(RowTableModel):
        shown += [cell or "" for row in cells(model) for cell in row]
    text = "\n".join(shown)
    for secret in secrets:
        assert secret not in text, secret


def test_what_if_places_what_fits_and_shows_where_places_run_out(page: CapacityPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    view = page.profile_view
    assert view.selectionMode() == QAbstractItemView.SelectionMode.MultiSelection
    for row, profile in enumerate(page.profiles.rows):
        if (profile.age_band, profile.gender) in {("0-3", "f"), ("16-20", "m"), ("4-11", "m")}:
            view.selectRow(row)
    page.copies.setValue(3)
    with qtbot.waitSignal(page.scenario_done, timeout=60_000):
        page.run_button.click()
    assert page.scenario_summary.text().startswith("3 van de 9 nieuwe kinderen kunnen geplaatst worden")
    assert "De plaatsen raken op in: Groningen, Utrecht." in page.scenario_summary.text()
    assert cells(page.outcome_provinces) == [["Groningen", "2", "2", "0"], ["Limburg", "1", "0", "1"],
                                             ["Utrecht", "1", "1", "0"]]
    OUT.mkdir(exist_ok=True)
    assert page.grab().save(str(OUT / "capacity_page_scenario.png"))


def test_screenshot_of_the_capacity_screen(page: CapacityPage) -> None:
    OUT.mkdir(exist_ok=True)
    assert page.grab().save(str(OUT / "capacity_page.png"))


def test_children_needing_no_training_are_listed_under_geen(page: CapacityPage) -> None:
    assert ["geen", "<5"] in cells(page.waiting)
