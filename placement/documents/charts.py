"""Simple bar charts for printed reports (ReportLab graphics), in the house style."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from placement.documents.styles import ACCENT, FONT, FONT_BOLD, INK, MUTED, RULE


def bar_chart(title: str, labels: Sequence[str], values: Sequence[int], width: float, height: float) -> Drawing:
    """One series of whole numbers; each bar carries its value."""
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 34
    chart.width, chart.height = width - 36, height - 58
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    top = max(values, default=0)
    chart.valueAxis.valueMax = max(4, top + max(1, top // 8))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 4)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing
