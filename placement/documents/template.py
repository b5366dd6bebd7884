"""The page template every printed document shares.

Each page carries the confidentiality marking and the recipient at the top and
the document id, who generated it when, and "pagina x van y" at the bottom, so
a single page that gets separated from the rest still says what it is, whom it
was for and where it came from.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from placement.documents.fonts import FONT, FONT_BOLD
from placement.documents.styles import ACCENT, MARKING, MUTED, RULE

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 28 * mm
MARGIN_BOTTOM = 24 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

ORGANISATION = "Pleegzorg plaatsingsplanner"


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What the page furniture says about the document."""

    title: str
    document_id: str
    generated_at: dt.datetime
    generated_by: str
    marking: str = "VERTROUWELIJK"
    recipient: str | None = None


def _draw_page(canvas: Canvas, _doc: BaseDocTemplate, meta: DocumentMeta) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - 12 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawString(MARGIN_X, top, ORGANISATION)
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 8.5)
    canvas.drawString(MARGIN_X, top - 11, meta.title)
    canvas.setFillColor(MARKING)
    canvas.setFont(FONT_BOLD, 11)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, meta.marking)
    if meta.recipient:
        canvas.setFont(FONT, 8.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top - 11, f"Uitsluitend voor: {meta.recipient}")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, top - 17, PAGE_WIDTH - MARGIN_X, top - 17)

    bottom = 12 * mm
    canvas.line(MARGIN_X, bottom + 10, PAGE_WIDTH - MARGIN_X, bottom + 10)
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 7.5)
    stamp = meta.generated_at.strftime("%d-%m-%Y %H:%M")
    canvas.drawString(
        MARGIN_X, bottom,
        f"Document-id {meta.document_id}  ·  gegenereerd {stamp} door {meta.generated_by}",
    )
    canvas.setFillColor(MARKING)
    canvas.setFont(FONT_BOLD, 7.5)
    canvas.drawString(MARGIN_X, bottom - 9, f"{meta.marking} - niet kopiëren of doorsturen")
    canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so every page can say "pagina x van y"."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.saveState()
            self.setFillColor(MUTED)
            self.setFont(FONT, 7.5)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, 12 * mm, f"pagina {self._pageNumber} van {total}")
            self.restoreState()
            super().showPage()
        super().save()


def build_pdf(story: Sequence[Flowable], meta: DocumentMeta) -> bytes:
    """Lay out ``story`` on the shared page template; the PDF stays in memory so
    the caller can check it before anything touches the disk."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        author=ORGANISATION,
        subject=meta.marking,
        creator=ORGANISATION,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, BODY_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=partial(_draw_page, meta=meta))])
    doc.build(list(story), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
