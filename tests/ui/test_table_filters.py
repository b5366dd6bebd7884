"""Search and filters over 5,000 families, built in memory: the counts must be
exactly what the filters say, through the page's own controls."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from catalogue.codes import TRAININGS
from placement.ids import FamilyId
from placement.services.registers.family_register import FamilyRow
from placement.storage.models import FamilyStatus
from ui.families_page import FamiliesPage
from ui.table_model import ROW_ROLE, Column, RowFilterProxy, RowTableModel

PROVINCES = ("Groningen", "Utrecht", "Limburg", "Zeeland", "Fryslân")


def families(count: int = 5000, seed: int = 3) -> list[FamilyRow]:
    rng = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        total = rng.randint(0, 4)
        rows.append(
            FamilyRow(
                id=FamilyId(n),
                name=f"Familie {rng.choice(['Jansen', 'Bakker', 'Smit', 'Visser'])} {n}",
                postcode=f"{rng.randint(1000, 9999)} AB",
                municipality=rng.choice(["Utrecht", "Zeist", "Venlo", "Goes", "Sneek"]),
                province=rng.choice(PROVINCES),
                total_places=total,
                free_places=rng.randint(0, total),
                age_min=0,
                age_max=18,
                training=tuple(sorted(rng.sample(TRAININGS.values, rng.randint(0, 3)))),
                status=rng.choice([FamilyStatus.ACTIVE, FamilyStatus.ACTIVE, FamilyStatus.PAUSED]),
            )
        )
    return rows


@pytest.fixture
def page(qtbot, empty_context, dutch) -> FamiliesPage:  # type: ignore[no-untyped-def]
    widget = FamiliesPage(empty_context)
    qtbot.addWidget(widget)
    widget._rows_loaded(families())  # what the background load delivers
    return widget


def choose(page: FamiliesPage, name: str, text: str) -> None:
    combo = page.findChild(QComboBox, f"filter_{name}")
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered by the {name} filter"
    combo.setCurrentIndex(index)


def shown(page: FamiliesPage) -> list[FamilyRow]:
    return [page.proxy.row_at(n) for n in range(page.proxy.rowCount())]


def test_filters_combine_to_the_exact_count(page):
    rows = page.model.rows
    assert page.proxy.rowCount() == 5000
    choose(page, "province", "Utrecht")
    choose(page, "free", "minstens 1")
    choose(page, "training", "trauma")
    choose(page, "status", "actief")
    expected = [
        r for r in rows
        if r.province == "Utrecht" and r.free_places > 0 and "trauma" in r.training and r.status == FamilyStatus.ACTIVE
    ]
    assert 0 < len(expected) < 5000
    assert {r.id for r in shown(page)} == {r.id for r in expected}
    assert page.count.text() == f"{len(expected)} van 5.000 getoond"  # Dutch thousands separator
    choose(page, "province", "alle")
    assert page.proxy.rowCount() == sum(
        r.free_places > 0 and "trauma" in r.training and r.status == FamilyStatus.ACTIVE for r in rows
    )


def test_search_matches_any_shown_column_case_insensitively(page):
    page.search.setText("  ZEIST ")
    assert page.proxy.rowCount() == sum(r.municipality == "Zeist" for r in page.model.rows)
    page.search.setText("familie smit 12")
    assert all(r.name.startswith("Familie Smit 12") for r in shown(page))
    page.search.clear()
    assert page.proxy.rowCount() == 5000


def test_sorting_free_places_sorts_numbers_not_text(page):
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    free = [r.free_places for r in shown(page)]
    assert free == sorted(free, reverse=True)


def test_province_filter_offers_the_provinces_in_the_data(page):
    combo = page.findChild(QComboBox, "filter_province")
    assert [combo.itemText(n) for n in range(combo.count())] == ["alle", *sorted(PROVINCES)]


def test_model_data_answers_only_its_roles_and_never_raises():
    model = RowTableModel([Column("Naam", lambda r: r.name), Column("Vrij", lambda r: r.free_places, numeric=True)])
    rows = families(3)
    model.set_rows(rows)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    assert model.data(model.index(0, 1)) == str(rows[0].free_places)
    assert model.data(model.index(0, 0), ROW_ROLE) is rows[0]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(99, 0)) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Naam"
    assert model.headerData(7, Qt.Orientation.Horizontal) is None


def test_changing_the_model_updates_the_view(page):
    page.model.set_rows(families(10, seed=9))
    assert page.table.model().rowCount() == 10
    assert page.count.text() == "10 van 10 getoond"


def test_clicking_a_row_selects_that_family(qtbot, page):
    page.show()
    page.search.setText("Familie Bakker")
    index = page.proxy.index(2, 0)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_row() is page.proxy.row_at(2)
    assert page.edit_button.isEnabled()
