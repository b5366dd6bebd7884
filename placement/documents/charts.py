"""Simple bar charts for printed reports (ReportLab graphics), in the house style."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from placement.documents.fonts import FONT, FONT_BOLD
from placement.documents.styles import ACCENT, INK, MUTED, RULE


def bar_chart(title: str, labels: Sequence[str], values: Sequence[int], width: float, height: float,
              value_texts: Sequence[str] | None = None) -> Drawing:
    """One series of whole numbers; each bar carries its value, or the text
    given for it in ``value_texts`` (a suppressed count: "<5")."""
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    rotate = len(labels) > 6
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 52 if rotate else 34
    chart.width, chart.height = width - 36, height - (76 if rotate else 58)
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 45 if rotate else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if rotate else "n"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    step = nice_step(max(values, default=0))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * (max(values, default=0) // step + 1)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    if value_texts is None:
        chart.barLabelFormat = "%d"
    else:
        chart.barLabelFormat = "values"
        chart.barLabelArray = [list(value_texts)]
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def nice_step(top: int, ticks: int = 5) -> int:
    """A round axis step (1, 2, 5, 10, 20, 25, 50, 100, …) giving at most ``ticks`` steps up to ``top``."""
    for exponent in itertools.count():
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10**exponent
            if step == int(step) and step * ticks >= top:
                return int(step)
    raise AssertionError("unreachable")
