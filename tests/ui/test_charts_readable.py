"""Issue 16, finding 6: every province is named on the free-places chart at
1280×800, value labels do not overlap, and the what-if works for a kind of
child nobody is waiting as."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem

from placement.provinces import provinces
from tests.ui.test_matching_flow import SCREENSHOTS, WAIT_MS
from ui.capacity_page import CapacityPage, ImaginedRow
from ui.context import AppContext


def category_labels_shown(view: QChartView) -> list[float]:
    """The tops of the visible labels left of the plot: Qt hides a category label
    that would overlap its neighbour, so a missing province shows up here."""
    plot = view.chart().plotArea()
    tops = sorted(
        item.sceneBoundingRect().top()
        for item in view.scene().items()
        if type(item) is QGraphicsItem  # Qt Charts' private text items
        and item.isVisible()
        and item.sceneBoundingRect().right() <= plot.left() + 1
        and 0 < item.sceneBoundingRect().height() < 30  # one line of text, not the axis as a whole
        and item.sceneBoundingRect().width() > 4  # not an empty text (the axis title)
        and not item.childItems()
        and plot.top() - 2 <= item.sceneBoundingRect().center().y() <= plot.bottom() + 2
    )
    return tops


def capacity(window, qtbot) -> CapacityPage:  # type: ignore[no-untyped-def]
    page = window.show_page("capacity")
    assert isinstance(page, CapacityPage)
    qtbot.waitUntil(lambda: page.report is not None and not page.loading, timeout=WAIT_MS)
    QTest.qWait(100)
    return page


def test_all_twelve_provinces_are_named_at_1280_by_800(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = capacity(window, qtbot)
    assert len(page.report.provinces) == 12
    tops = category_labels_shown(page.free_chart)
    assert len(tops) == len(provinces()) == 12, tops
    height = page.free_chart.chart().axes()[0].labelsFont().pointSizeF()
    assert height >= 6.5  # small, but readable
    assert all(b - a >= 10 for a, b in zip(tops, tops[1:], strict=False)), tops  # no two overlap
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "capacity-1280x800.png"))


def test_what_if_for_a_kind_nobody_is_waiting_as_with_one_label_per_bar(
    demo_context: AppContext, make_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = capacity(window, qtbot)
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    page.imagine_age.setCurrentIndex(page.imagine_age.findData("0-3"))  # no toddler is waiting in the demo
    page.imagine_school.setCurrentIndex(0)
    qtbot.mouseClick(page.imagine_button, Qt.MouseButton.LeftButton)
    chosen = page.chosen_profiles()
    assert len(chosen) == 1 and isinstance(chosen[0], ImaginedRow)
    page.copies.setValue(3)
    with qtbot.waitSignal(page.scenario_done, timeout=WAIT_MS, raising=False):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result is not None and not page.loading, timeout=WAIT_MS)
    assert page.result.arrivals == 3
    assert "van de 3" in page.scenario_summary.text()
    QTest.qWait(100)
    assert len(category_labels_shown(page.outcome_chart)) == 12
    series = page.outcome_chart.chart().series()[0]
    colours = [bar_set.labelColor() for bar_set in series.barSets()]
    assert colours[0].alpha() == 255 and all(c == QColor(Qt.GlobalColor.transparent) for c in colours[1:])
    window.grab().save(str(SCREENSHOTS / "capacity-what-if-1280x800.png"))


def test_vacancies_per_region_by_age_band_and_training(demo_context: AppContext, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 11: a vacancy overview per region for officers."""
    window = make_window(demo_context)
    page = capacity(window, qtbot)
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Vacatures per regio")
    page.tabs.setCurrentIndex(index)
    model = page.vacancy_model
    assert model.rowCount() == 12
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Provincie", "0-3 jaar", "4-11 jaar", "12-15 jaar", "16-20 jaar"]
    anyone = {model.rows[r][0]: dict(model.rows[r][1]) for r in range(model.rowCount())}
    free = {p.province: p.free for p in page.report.provinces}
    assert all(max(bands.values(), default=0) <= free[p] for p, bands in anyone.items())
    page.vacancy_training.setCurrentIndex(page.vacancy_training.findData("exploitation"))
    trained = {model.rows[r][0]: dict(model.rows[r][1]) for r in range(model.rowCount())}
    assert all(trained[p].get(b, 0) <= anyone[p].get(b, 0) for p in trained for b in ("0-3", "4-11", "12-15", "16-20"))
    assert trained != anyone
    window.grab().save(str(SCREENSHOTS / "capacity-vacancies-1280x800.png"))
