"""The offline map: outlines from the shipped GeoJSON, family dots coloured by
free places, safety circles at their true radius, clicks reach the register."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from placement.services.registers.map_layers import MapLayers, MapPoint
from solver.geo import distance_km
from tests.ui.conftest import WAIT_MS, wait_loaded
from ui.map_view import MapView, free_colour, project


def layers() -> MapLayers:
    return MapLayers(
        families=[
            MapPoint(id=1, name="Familie Noord", lat=53.2, lon=6.57, free=0),
            MapPoint(id=2, name="Familie Midden", lat=52.09, lon=5.12, free=1),
            MapPoint(id=3, name="Familie Zuid", lat=50.85, lon=5.69, free=3),
        ],
        schools=[MapPoint(id=9, name="De Regenboog", lat=52.37, lon=4.89, free=4)],
    )


def test_outlines_cover_the_netherlands(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    municipalities, provinces = (item.path() for item in view.outlines)
    bounds = provinces.boundingRect()
    # Scene kilometres: the Netherlands spans about 260 km east-west and 310 km north-south.
    assert 230 < bounds.width() < 300
    assert 290 < bounds.height() < 340
    assert bounds.contains(project(52.37, 4.90))  # Amsterdam lies inside
    assert municipalities.elementCount() > provinces.elementCount()


def test_family_dots_are_coloured_by_free_places_and_tooltips_show_no_address(qtbot, dutch):
    view = MapView()
    qtbot.addWidget(view)
    view.set_layers(layers())
    colours = {fid: item.brush().color() for fid, item in view.family_items.items()}
    assert colours == {1: QColor("#d32f2f"), 2: QColor("#f57c00"), 3: QColor("#388e3c")}
    assert free_colour(7) == QColor("#388e3c")
    assert view.family_items[2].toolTip() == "Familie Midden — vrije plaatsen: 1"
    view.set_schools_visible(False)
    assert not view.school_items[0].isVisible()


def test_safety_circle_has_the_true_radius(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    network = (52.37, 4.90)
    view.show_child_safety([network], 40.0, family_point=(52.09, 5.12), school_point=(52.10, 5.15))
    (circle,) = view.safety_circles
    rect = circle.rect()
    assert rect.width() == rect.height() == 80.0
    assert rect.center() == project(*network)
    # A point 40 km due east of the network lies on the circle, measured with the app's haversine.
    east = (network[0], network[1] + 40.0 / (111.195 * math.cos(math.radians(network[0]))))
    assert abs(distance_km(*network, *east) - 40.0) < 0.1
    on_map = project(*east) - project(*network)
    assert abs(math.hypot(on_map.x(), on_map.y()) - 40.0) < 40.0 * 0.03  # projection error < 3 %
    view.show_child_safety([], 10.0)
    assert view.safety_circles == []


def test_clicking_a_family_on_the_map_selects_it_in_the_register(qtbot, make_window, demo_context):
    window = make_window(demo_context)
    families = window.show_page("families")
    wait_loaded(qtbot, families)
    families.search.setText("no such family")
    map_page = window.show_page("map")
    qtbot.waitUntil(lambda: bool(map_page.view.family_items), timeout=WAIT_MS)
    view = map_page.view
    dot = next(iter(view.family_items.values()))
    view.resetTransform()
    view.scale(50, 50)  # 50 pixels per km: dots a few hundred metres apart no longer overlap
    view.centerOn(dot)
    where = view.mapFromScene(dot.scenePos())
    family_id = view.family_at(where)  # the topmost dot under the cursor
    assert family_id in view.family_items
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.current_page() is families
    assert families.selected_row().id == family_id
    assert families.search.text() == ""  # the search that hid it was cleared


def test_wheel_zooms_in(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    before = view.transform().m11()
    view.zoom(1.2)
    assert view.transform().m11() > before
    assert view.mapToScene(view.viewport().rect().center()) != QPointF()


def test_overlay_drawn_while_hidden_is_in_view_once_shown(qtbot):
    view = MapView()
    qtbot.addWidget(view)
    view.show_child_safety([(52.37, 4.90)], 20.0, family_point=(52.09, 5.12))  # e.g. on a hidden tab
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    (circle,) = view.safety_circles
    centre = view.mapFromScene(circle.rect().center())
    assert view.viewport().rect().contains(centre)
    assert view.mapFromScene(circle.rect().topLeft()).x() >= 0  # the whole circle fits


def _shown_and_centred(view: MapView) -> None:
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    country = view.outlines[0].boundingRect()
    assert shown.contains(country), (shown, country)
    assert abs(shown.center().x() - country.center().x()) < country.width() * 0.02
    assert abs(shown.center().y() - country.center().y()) < country.height() * 0.02
    # and it is not lost in empty space: the country fills the view in one direction
    assert max(country.width() / shown.width(), country.height() / shown.height()) > 0.9


def test_the_map_opens_fitted_and_heel_nederland_fits_it_again(qtbot, make_window, demo_context) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 7: the map opened pushed to one side, and Heel Nederland did not fix it."""
    window = make_window(demo_context)
    window.show_page("capacity")  # another page first, as the officer would
    page = window.show_page("map")
    qtbot.waitUntil(lambda: page.loaded_once, timeout=20_000)
    qtbot.wait(50)
    _shown_and_centred(page.view)
    page.view.zoom(3.0)
    page.view.horizontalScrollBar().setValue(page.view.horizontalScrollBar().value() + 400)  # pan away
    assert not page.view.mapToScene(page.view.viewport().rect()).boundingRect().contains(
        page.view.outlines[0].boundingRect()
    )
    qtbot.mouseClick(page.fit_button, Qt.MouseButton.LeftButton)
    _shown_and_centred(page.view)
    window.resize(1920, 1080)
    qtbot.wait(50)
    _shown_and_centred(page.view)


def test_the_mini_map_has_a_legend(qtbot, make_window, demo_context) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_context)
    page = window.show_page("matching")
    legend = page.explanation.map_legend
    for word in ("netwerklocatie", "veiligheidsafstand", "gezin", "school", "weg naar school"):
        assert word in legend.text()
