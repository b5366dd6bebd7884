"""Paragraph and table styles shared by every printed document.

One place for fonts, sizes and colours so a dossier and a capacity report look
like they come from the same organisation.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from placement.documents.fonts import FONT, FONT_BOLD

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e4ebf5")
MARKING = colors.HexColor("#b42318")


@cache
def sheet() -> StyleSheet1:
    s = StyleSheet1()
    s.add(ParagraphStyle("Body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT))
    s.add(ParagraphStyle("Small", parent=s["Body"], fontSize=8, leading=10.5, textColor=MUTED))
    s.add(ParagraphStyle("Cell", parent=s["Body"], fontSize=8.5, leading=11))
    s.add(ParagraphStyle("CellBold", parent=s["Cell"], fontName=FONT_BOLD))
    s.add(ParagraphStyle("CellNum", parent=s["Cell"], alignment=TA_RIGHT))
    s.add(ParagraphStyle("CellNumBold", parent=s["CellBold"], alignment=TA_RIGHT))
    s.add(ParagraphStyle("Title", parent=s["Body"], fontName=FONT_BOLD, fontSize=17, leading=21,
                         textColor=ACCENT, spaceAfter=2 * mm))
    s.add(ParagraphStyle("Subtitle", parent=s["Body"], fontSize=10, leading=13, textColor=MUTED,
                         spaceAfter=5 * mm))
    s.add(ParagraphStyle("H1", parent=s["Body"], fontName=FONT_BOLD, fontSize=12, leading=15,
                         textColor=ACCENT, spaceBefore=5 * mm, spaceAfter=2 * mm, keepWithNext=1))
    s.add(ParagraphStyle("H2", parent=s["Body"], fontName=FONT_BOLD, fontSize=10, leading=13,
                         spaceBefore=3 * mm, spaceAfter=1 * mm, keepWithNext=1))
    s.add(ParagraphStyle("Notice", parent=s["Body"], fontName=FONT_BOLD, textColor=MARKING,
                         borderColor=MARKING, borderWidth=0.8, borderPadding=(2 * mm, 2 * mm, 2 * mm, 2 * mm),
                         spaceBefore=3 * mm, spaceAfter=4 * mm))
    return s


def para(text: str, style: str = "Body") -> Paragraph:
    """A paragraph of plain text: the text is escaped, so names with ``&`` or ``<``
    print as written instead of breaking the markup, and composed (NFC), so a
    name typed as "t" plus a combining comma prints as one "ț" (ReportLab does
    not place combining marks)."""
    return Paragraph(escape(unicodedata.normalize("NFC", text)), sheet()[style])


def key_value_table(rows: list[tuple[str, str]], width: float) -> Table:
    """Label/value pairs, the usual way a file card is laid out."""
    data = [[para(k, "CellBold"), para(v, "Cell")] for k, v in rows]
    table = Table(data, colWidths=[0.3 * width, 0.7 * width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


CELL_PADDING = 12.0
"""A table cell's left plus right padding (ReportLab's default 6 pt each side)."""


def _longest_word(paragraph: Paragraph) -> float:
    style = paragraph.style
    return max((stringWidth(word, style.fontName, style.fontSize) for word in unescape(paragraph.text).split()),
               default=0.0)


def fit_words(data: list[list[Paragraph]], col_widths: list[float]) -> list[float]:
    """``col_widths`` moved about so that every column holds its longest word
    whole ("Gelderland", not "Gelderlan" / "d"): a column too narrow takes the
    room it lacks from columns with room to spare, in proportion to their spare
    room; the table's width stays the same. When the spare room is not enough
    the widths are left as they are and ReportLab splits the longest words."""
    needed = [max((_longest_word(row[c]) for row in data), default=0.0) + CELL_PADDING
              for c in range(len(col_widths))]
    lacking = sum(max(need - width, 0.0) for need, width in zip(needed, col_widths, strict=True))
    spare = [max(width - need, 0.0) for need, width in zip(needed, col_widths, strict=True)]
    if not lacking or sum(spare) < lacking:
        return col_widths
    share = lacking / sum(spare)
    return [max(width, need) - room * share for need, width, room in zip(needed, col_widths, spare, strict=True)]


def grid_table(header: list[str], rows: list[list[str]], col_widths: list[float],
               numeric_columns: tuple[int, ...] = (), bold_last_row: bool = False) -> Table:
    """A table with a shaded header row that repeats on every page; a total
    row (``bold_last_row``) is set in bold above a rule. Columns are widened
    where a word would not fit (:func:`fit_words`)."""
    def cell(col: int, text: str, bold: bool) -> Paragraph:
        style = ("CellNum" if col in numeric_columns else "Cell") + ("Bold" if bold else "")
        return para(text, style)

    data = [[cell(c, h, True) for c, h in enumerate(header)]]
    data += [
        [cell(c, str(v), bold_last_row and r == len(rows) - 1) for c, v in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    table = Table(data, colWidths=fit_words(data, col_widths), repeatRows=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if bold_last_row and rows:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    table.setStyle(TableStyle(style))
    return table
