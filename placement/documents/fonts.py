"""The fonts every printed document uses.

Names arrive as written by the families: "Ștefan Bălan", "Ionuț Țăranu",
"Мария Петрова". ReportLab's built-in Helvetica only knows Latin-1 and prints
such names with black boxes, so the PDFs embed DejaVu Sans (bundled in
resources/fonts, see its README for origin and licence). Registering happens
once, when this module is first imported, so no code path can draw text
before the fonts exist.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from placement.paths import resource

FAMILY = "DejaVuSans"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"


def _register() -> None:
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    # <b> and <i> inside a paragraph pick the matching face of the family.
    pdfmetrics.registerFontFamily(FAMILY, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD_ITALIC)


_register()
