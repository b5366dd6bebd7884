"""The offline map: outlines from the shipped GeoJSON, families and schools as
points, and a child's safety circles for the matching page.

Scene units are kilometres: longitude and latitude are projected
equirectangularly, longitude scaled by cos(52.2°) (the middle of the
Netherlands), so a circle of radius ``r`` in the scene is ``r`` km on the
ground to within a percent or two across the country.

Family points are secrets: the map gets them only from
``placement.services.registers.map_layers`` (one place to enforce who may
see them) and never shows an address.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPainterPath, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from placement.paths import resource
from placement.services import units
from placement.services.registers import map_layers
from placement.services.registers.map_layers import MapLayers, MapPoint
from solver.geo import EARTH_RADIUS_KM
from ui.context import AppContext, Changes

KM_PER_DEGREE = 2 * math.pi * EARTH_RADIUS_KM / 360
LON_SCALE = math.cos(math.radians(52.2))
FAMILY_ID = 0
"""``QGraphicsItem.data`` key holding a family dot's id."""

FREE_COLOURS = {0: QColor("#d32f2f"), 1: QColor("#f57c00")}
MANY_FREE = QColor("#388e3c")


def project(lat: float, lon: float) -> QPointF:
    """Lon/lat in degrees to scene kilometres (y grows southwards, as on screen)."""
    return QPointF(lon * LON_SCALE * KM_PER_DEGREE, -lat * KM_PER_DEGREE)


def free_colour(free: int) -> QColor:
    return FREE_COLOURS.get(free, MANY_FREE)


@cache
def outline_path(name: str) -> QPainterPath:
    """All polygons of ``resources/data/<name>.geojson`` as one path (read once)."""
    with resource("data", f"{name}.geojson").open(encoding="utf-8") as fh:
        collection = json.load(fh)
    path = QPainterPath()
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                path.moveTo(project(ring[0][1], ring[0][0]))
                for lon, lat in ring[1:]:
                    path.lineTo(project(lat, lon))
                path.closeSubpath()
    return path


class MapView(QGraphicsView):
    family_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map_scene = QGraphicsScene(self)
        self.setScene(self.map_scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#eaf2f8"))
        self.outlines: list[QGraphicsPathItem] = []
        self.family_items: dict[int, QGraphicsEllipseItem | QGraphicsPathItem] = {}
        self.school_items: list[QGraphicsRectItem] = []
        self.safety_circles: list[QGraphicsEllipseItem] = []
        self._overlay: list[QGraphicsItem] = []
        self._focus: QRectF | None = None
        self._schools_visible = True
        # Dragging pans; no scroll bars that change the viewport's size after a fit.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._load_outlines()

    def _load_outlines(self) -> None:
        for name, colour, width, fill in (
            ("municipalities", "#b0bec5", 0.5, QColor("#fbfbf8")),
            ("provinces", "#546e7a", 1.2, None),
        ):
            pen = QPen(QColor(colour), width)
            pen.setCosmetic(True)
            item = self.map_scene.addPath(outline_path(name), pen, QBrush(fill) if fill else QBrush())
            item.setZValue(0 if fill else 1)
            self.outlines.append(item)
        if self.outlines:
            # A scene much larger than the country, so centring on it is never
            # held back by the scene's edge (which pushed the map to one side).
            country = self.outlines[0].boundingRect()
            room = max(country.width(), country.height()) * 3
            self.map_scene.setSceneRect(country.adjusted(-room, -room, room, room))
        self.fit_all()

    def country_rect(self) -> QRectF:
        """The Netherlands with a small margin, in scene km."""
        if not self.outlines:
            return QRectF()
        country = self.outlines[0].boundingRect()
        margin = max(country.width(), country.height()) * 0.02
        return country.adjusted(-margin, -margin, margin, margin)

    def fit_all(self) -> None:
        """The whole country, centred ("Heel Nederland"); also after zooming and panning."""
        if self.outlines:
            self.resetTransform()
            self.focus_on(self.country_rect())

    # --- points -------------------------------------------------------------------

    def set_layers(self, layers: MapLayers, units: frozenset[int] = frozenset()) -> None:
        """Draw the layers; the homes in ``units`` are closed youth-care units,
        drawn as a diamond (a family is a dot)."""
        for item in [*self.family_items.values(), *self.school_items]:
            self.map_scene.removeItem(item)
        self.family_items = {}
        self.school_items = []
        outline = QPen(QColor("#37474f"), 0.6)
        outline.setCosmetic(True)
        unit_outline = QPen(QColor("#000000"), 2.0)
        unit_outline.setCosmetic(True)
        no_pen = QPen(Qt.PenStyle.NoPen)
        school_brush = QBrush(QColor("#5c6bc0"))
        family_brushes = {free: QBrush(free_colour(free)) for free in (0, 1, 2)}
        for school in layers.schools:
            square = QGraphicsRectItem(-2.5, -2.5, 5, 5)
            square.setPos(project(school.lat, school.lon))
            square.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            square.setBrush(school_brush)
            square.setPen(no_pen)
            square.setZValue(2)
            square.setToolTip(school.name)
            square.setVisible(self._schools_visible)
            self.map_scene.addItem(square)
            self.school_items.append(square)
        for family in layers.families:
            dot = self._unit_symbol() if family.id in units else QGraphicsEllipseItem(-4, -4, 8, 8)
            dot.setPos(project(family.lat, family.lon))
            dot.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            dot.setBrush(family_brushes[min(family.free, 2)])
            unit = family.id in units
            dot.setPen(unit_outline if unit else outline)
            dot.setZValue(4 if unit else 3)
            dot.setData(FAMILY_ID, family.id)
            dot.setToolTip(self.family_tooltip(family))
            self.map_scene.addItem(dot)
            self.family_items[family.id] = dot

    @staticmethod
    def _unit_symbol() -> QGraphicsPathItem:
        diamond = QPainterPath()
        diamond.moveTo(0, -8)
        diamond.lineTo(8, 0)
        diamond.lineTo(0, 8)
        diamond.lineTo(-8, 0)
        diamond.closeSubpath()
        return QGraphicsPathItem(diamond)

    def family_tooltip(self, family: MapPoint) -> str:
        return self.tr("%1 — free places: %2").replace("%1", family.name).replace("%2", str(family.free))

    def set_schools_visible(self, visible: bool) -> None:
        self._schools_visible = visible
        for item in self.school_items:
            item.setVisible(visible)

    # --- the matching page's overlay -----------------------------------------------------

    def show_child_safety(
        self,
        network_points: Sequence[tuple[float, float]],
        safety_km: float,
        family_point: tuple[float, float] | None = None,
        school_point: tuple[float, float] | None = None,
    ) -> None:
        """Draw network locations (lat, lon) with circles of ``safety_km`` and the
        family → school line; replaces the previous overlay and zooms to it: to
        the family's surroundings (the circles that matter there), or, without a
        family, to all circles (network locations abroad included)."""
        self.clear_child_safety()
        danger = QPen(QColor("#b71c1c"), 1.5)
        danger.setCosmetic(True)
        bounds = QRectF()
        for lat, lon in network_points:
            centre = project(lat, lon)
            circle = QGraphicsEllipseItem(
                QRectF(centre.x() - safety_km, centre.y() - safety_km, 2 * safety_km, 2 * safety_km)
            )
            circle.setPen(danger)
            circle.setBrush(QBrush(QColor(211, 47, 47, 40)))
            self._add_overlay(circle)
            self.safety_circles.append(circle)
            self._add_overlay(self._marker(centre, QColor("#b71c1c"), cross=True))
            bounds = bounds.united(circle.rect())
        if family_point is not None:
            family = project(*family_point)
            if school_point is not None:
                school = project(*school_point)
                line = QGraphicsLineItem(family.x(), family.y(), school.x(), school.y())
                pen = QPen(QColor("#1a237e"), 2)
                pen.setCosmetic(True)
                line.setPen(pen)
                self._add_overlay(line)
                self._add_overlay(self._marker(school, QColor("#5c6bc0")))
            self._add_overlay(self._marker(family, QColor("#1b5e20")))
            reach = max(2 * safety_km, 25.0)
            bounds = QRectF(family.x() - reach, family.y() - reach, 2 * reach, 2 * reach)
            if school_point is not None:
                bounds = bounds.united(QRectF(school, school))
        if not bounds.isEmpty():
            margin = max(bounds.width(), bounds.height()) * 0.1 + 2
            self.focus_on(bounds.adjusted(-margin, -margin, margin, margin))

    def _add_overlay(self, item: QGraphicsItem) -> None:
        item.setZValue(5)
        self.map_scene.addItem(item)
        self._overlay.append(item)

    def clear_child_safety(self) -> None:
        for item in self._overlay:
            self.map_scene.removeItem(item)
        self._overlay = []
        self.safety_circles = []

    def focus_on(self, rect: QRectF) -> None:
        """Show ``rect`` (scene km); kept in view on resizes until the user zooms or pans."""
        self._focus = rect
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._focus is not None:
            self.fitInView(self._focus, Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._focus is not None:  # the size may have changed while hidden
            self.fitInView(self._focus, Qt.AspectRatioMode.KeepAspectRatio)

    @staticmethod
    def _xy(point: QPointF) -> tuple[float, float]:
        return point.x(), point.y()

    @staticmethod
    def _marker(at: QPointF, colour: QColor, cross: bool = False) -> QGraphicsItem:
        if cross:
            path = QPainterPath()
            path.moveTo(-5, -5)
            path.lineTo(5, 5)
            path.moveTo(-5, 5)
            path.lineTo(5, -5)
            item: QGraphicsItem = QGraphicsPathItem(path)
            pen = QPen(colour, 2.5)
            item.setPen(pen)  # type: ignore[attr-defined]
        else:
            item = QGraphicsEllipseItem(-6, -6, 12, 12)
            item.setBrush(QBrush(colour))  # type: ignore[attr-defined]
            item.setPen(QPen(Qt.GlobalColor.white, 1.5))  # type: ignore[attr-defined]
        item.setPos(at)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        return item

    # --- interaction ---------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.2**steps)

    def zoom(self, factor: float) -> None:
        self._focus = None
        scale = self.transform().m11() * factor
        if 0.05 <= scale <= 2000:
            self.scale(factor, factor)

    def family_at(self, pos: Any) -> int | None:
        for item in self.items(pos):
            family_id = item.data(FAMILY_ID)
            if family_id is not None:
                return int(family_id)
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            family_id = self.family_at(event.position().toPoint())
            if family_id is not None:
                self.family_clicked.emit(family_id)
                event.accept()
                return
            self._focus = None  # the user pans
        super().mousePressEvent(event)


class MapPage(QWidget):
    family_clicked = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.view = MapView()
        self.view.family_clicked.connect(self.family_clicked)
        self.schools_box = QCheckBox(self.tr("Show schools"))
        self.schools_box.setChecked(True)
        self.schools_box.toggled.connect(self.view.set_schools_visible)
        fit = QPushButton(self.tr("&Whole country"))
        fit.clicked.connect(self.view.fit_all)
        self.fit_button = fit
        legend = QLabel(
            self.tr("Families by free places:")
            + ' <span style="color:#d32f2f">●</span> 0'
            + ' <span style="color:#f57c00">●</span> 1'
            + ' <span style="color:#388e3c">●</span> 2+'
            + ' &nbsp; <span style="color:#5c6bc0">■</span> '
            + self.tr("school")
            + " &nbsp; ◆ "
            + self.tr("closed unit")
        )
        bar = QHBoxLayout()
        heading = self.tr("Map")
        bar.addWidget(QLabel(f"<h2>{heading}</h2>"))
        bar.addStretch()
        bar.addWidget(legend)
        bar.addWidget(self.schools_box)
        bar.addWidget(fit)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.loaded_once = False
        context.operation_did_execute.connect(self._on_changes)

    def refresh(self) -> None:
        self.context.run(
            lambda s, a, _st: (map_layers.map_layers(s, a), units.unit_ids(s, a)), self._loaded, error_parent=self
        )

    def _loaded(self, result: tuple[MapLayers, frozenset[int]]) -> None:
        self.loaded_once = True
        self.view.set_layers(*result)

    def _on_changes(self, changes: Changes) -> None:
        if changes.families or changes.schools or changes.placements:
            self.refresh()

