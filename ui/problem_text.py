"""Dutch (or English) text for the problems the registry services report.

Services speak English and name the field; the form shows the message under
that field in the user's language. Messages listed here are translated in the
"Problems" context; any other message is shown as the service wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

KNOWN = (
    QT_TRANSLATE_NOOP("Problems", "is required"),
    QT_TRANSLATE_NOOP("Problems", "is not a Dutch postcode (expected 1234 AB)"),
    QT_TRANSLATE_NOOP("Problems", "is not in the postcode table"),
    QT_TRANSLATE_NOOP("Problems", "must be between 0 and 20"),
    QT_TRANSLATE_NOOP("Problems", "must be between 1 and 5"),
    QT_TRANSLATE_NOOP("Problems", "must not be below the minimum age"),
    QT_TRANSLATE_NOOP("Problems", "choose at least one"),
    QT_TRANSLATE_NOOP("Problems", "lies in the future"),
    QT_TRANSLATE_NOOP("Problems", "the child would be older than 20"),
    QT_TRANSLATE_NOOP("Problems", "must be f, m or x"),
    QT_TRANSLATE_NOOP("Problems", "must not be negative"),
    QT_TRANSLATE_NOOP("Problems", "must be more than 0"),
    QT_TRANSLATE_NOOP("Problems", "must be a DUO code of 4 or 6 letters and digits"),
    QT_TRANSLATE_NOOP("Problems", "add at least one location"),
    QT_TRANSLATE_NOOP("Problems", "coordinates out of range"),
    QT_TRANSLATE_NOOP("Problems", 'expected a postcode or "lat, lon"'),
    QT_TRANSLATE_NOOP("Problems", "reported in the future"),
    QT_TRANSLATE_NOOP("Problems", "is longer than 10,000 characters"),
    QT_TRANSLATE_NOOP("Problems", "holds a control character (such as NUL), which is not allowed"),
)

_LOCATION = re.compile(r"^location (\d+): (.*)$")


def problem_text(message: str) -> str:
    match = _LOCATION.match(message)
    if match:
        number, rest = match.groups()
        return (
            QCoreApplication.translate("Problems", "location %1: %2")
            .replace("%1", number)
            .replace("%2", problem_text(rest))
        )
    return QCoreApplication.translate("Problems", message) if message in KNOWN else message
