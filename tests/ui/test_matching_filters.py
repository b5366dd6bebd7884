"""Officers work per region: on the matching page and in the children register
they can show only the children their team handles (the responsible region),
and the counts agree with the database."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from placement.provinces import provinces
from placement.storage import models as m
from tests.ui.test_other_registers import open_new, save
from ui.children_page import ChildrenPage
from ui.context import AppContext
from ui.matching import MatchingPage

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
WAIT_MS = 60_000


def regions_in_db(context: AppContext, *statuses: m.ChildStatus) -> Counter[str | None]:
    with context.db.session() as s:
        return Counter(s.scalars(select(m.Child.region).where(m.Child.status.in_(statuses))))


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered"
    combo.setCurrentIndex(index)


@pytest.fixture
def page(demo_context: AppContext, make_window, qtbot) -> MatchingPage:  # type: ignore[no-untyped-def]
    widget = make_window(demo_context).show_page("matching")
    assert isinstance(widget, MatchingPage)
    qtbot.waitUntil(lambda: widget.chooser.model.rowCount() > 0, timeout=WAIT_MS)
    return widget


def test_region_filter_shows_exactly_the_children_of_that_region(page: MatchingPage, demo_context: AppContext) -> None:
    chooser = page.chooser
    combo = chooser.region
    assert [combo.itemText(n) for n in range(combo.count())] == ["alle", *provinces()]
    in_db = regions_in_db(demo_context, m.ChildStatus.WAITING)
    region, expected = next((r, n) for r, n in in_db.most_common() if r is not None)
    assert 0 < expected < sum(in_db.values())

    choose(combo, region)
    shown = [chooser.proxy.row_at(n) for n in range(chooser.proxy.rowCount())]
    assert len(shown) == expected and {c.region for c in shown} == {region}
    column = chooser.model.columnCount() - 2  # the last one is the (hidden) number
    assert chooser.proxy.headerData(column, Qt.Orientation.Horizontal) == "Regio"
    assert {chooser.proxy.index(n, column).data() for n in range(len(shown))} == {region}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chooser.grab().save(str(SCREENSHOTS / "matching-chooser.png"))

    chooser._check_visible(True)  # "check all shown" ticks only this region's children
    assert sorted(chooser.model.checked_ids()) == sorted(c.id for c in shown)
    choose(chooser.priority, "4 of hoger")
    assert chooser.proxy.rowCount() == sum(c.priority >= 4 for c in shown)
    choose(combo, "alle")
    choose(chooser.priority, "alle")
    assert chooser.proxy.rowCount() == sum(in_db.values())


def test_children_register_has_a_region_column_and_filter(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = make_window(demo_context).show_page("children")
    assert isinstance(page, ChildrenPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert "Regio" in headers
    in_db = regions_in_db(demo_context, *m.ChildStatus)
    combo = page.findChild(QComboBox, "filter_region")
    assert [combo.itemText(n) for n in range(combo.count())] == ["alle", *provinces()]
    choose(combo, "Fryslân")
    assert page.proxy.rowCount() == in_db["Fryslân"] > 0
    column = headers.index("Regio")
    assert {page.proxy.index(n, column).data() for n in range(page.proxy.rowCount())} == {"Fryslân"}


def test_child_form_sets_the_region_and_the_register_shows_it(qtbot, make_window, empty_context) -> None:  # type: ignore[no-untyped-def]
    page, form = open_new(qtbot, make_window(empty_context), "children")
    assert form.region.currentText() == "— kies —"
    assert [form.region.itemText(n) for n in range(1, form.region.count())] == list(provinces())
    qtbot.keyClicks(form.name, "Ana Popescu")
    qtbot.keyClicks(form.born, "01-02-2014")
    choose(form.gender, "meisje")
    choose(form.region, "Zeeland")
    save(form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.proxy.row_at(0).region == "Zeeland"
    with empty_context.db.session() as s:
        assert s.scalars(select(m.Child.region)).all() == ["Zeeland"]
