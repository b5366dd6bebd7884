"""Dutch (or English) text for the problems the services report.

Services speak English and name the field; the form shows the message under
that field in the user's language. A problem with a catalogue key
(``Problem.complaint``) is said from ``catalogue.validation_sentences``;
the messages listed here are translated in the "Problems" context; any other
message is shown as the service wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from placement.errors import Problem
from ui.i18n import current_language

KNOWN = (
    QT_TRANSLATE_NOOP("Problems", "is required"),
    QT_TRANSLATE_NOOP("Problems", "is not in the postcode table"),
    QT_TRANSLATE_NOOP("Problems", "choose at least one"),
    QT_TRANSLATE_NOOP("Problems", "lies in the future"),
    QT_TRANSLATE_NOOP("Problems", "must be f, m or x"),
    QT_TRANSLATE_NOOP("Problems", "must be a DUO code of 4 or 6 letters and digits"),
    QT_TRANSLATE_NOOP("Problems", "add at least one location"),
    QT_TRANSLATE_NOOP("Problems", "coordinates out of range"),
    QT_TRANSLATE_NOOP("Problems", 'expected a postcode or "lat, lon"'),
    QT_TRANSLATE_NOOP("Problems", "reported in the future"),
    QT_TRANSLATE_NOOP("Problems", "is before the current placement started"),
    QT_TRANSLATE_NOOP("Problems", "is before the child was found"),
    QT_TRANSLATE_NOOP("Problems", "the officer who placed the child may not hold the return interview"),
    QT_TRANSLATE_NOOP("Problems", "say who held the interview"),
    QT_TRANSLATE_NOOP("Problems", "at most 2000 characters"),
    QT_TRANSLATE_NOOP("Problems", "give a name, a date of birth or a nationality"),
    QT_TRANSLATE_NOOP("Problems", "at most 200 characters"),
    QT_TRANSLATE_NOOP("Problems", "is not a date (day-month-year, e.g. 31-12-2015)"),
    QT_TRANSLATE_NOOP("Problems", "is not an active guardian account"),
)

_LOCATION = re.compile(r"^location (\d+): (.*)$")

# Messages with a value in them: the pattern, and the template (%1, %2 the groups).
PATTERNS = (
    (re.compile(r"^C(\d+) is not placed: only a placed child can be reported missing$"),
     QT_TRANSLATE_NOOP("Problems", "C%1 is not placed: only a placed child can be reported missing")),
    (re.compile(r"^C(\d+) is already reported missing$"),
     QT_TRANSLATE_NOOP("Problems", "C%1 is already reported missing")),
    (re.compile(r"^C(\d+) is not reported missing$"), QT_TRANSLATE_NOOP("Problems", "C%1 is not reported missing")),
    (re.compile(r"^C(\d+) has no current placement to end$"),
     QT_TRANSLATE_NOOP("Problems", "C%1 has no current placement to end")),
    (re.compile(r"^is before the last sighting \((.*)\)$"),
     QT_TRANSLATE_NOOP("Problems", "is before the last sighting (%1)")),
    (re.compile(r"^is before the placement started \((.*)\)$"),
     QT_TRANSLATE_NOOP("Problems", "is before the placement started (%1)")),
    (re.compile(r'^the reason "(.*)" needs a note saying what happened$'),
     QT_TRANSLATE_NOOP("Problems", "this reason needs a note saying what happened")),
    (re.compile(r'^"(.*)" is not a two-letter country code \(NL, BE, DE, \.\.\.\)$'),
     QT_TRANSLATE_NOOP("Problems", "\"%1\" is not a two-letter country code (NL, BE, DE, ...)")),
    (re.compile(r"^F(\d+) is under review: end the review to resume it$"),
     QT_TRANSLATE_NOOP("Problems", "F%1 is under review: end the review to resume it")),
    (re.compile(r"^F(\d+) is not under review$"), QT_TRANSLATE_NOOP("Problems", "F%1 is not under review")),
    (re.compile(r'^"(.*)" is not a two-letter country code$'),
     QT_TRANSLATE_NOOP("Problems", "\"%1\" is not a two-letter country code")),
)


def problem_message(problem: Problem) -> str:
    """A problem's message in the app's language: from the catalogue when it
    has its key there, else as :func:`problem_text` translates it."""
    if problem.complaint is not None:
        return problem.complaint.text(current_language())
    return problem_text(problem.message)


def problem_text(message: str) -> str:
    match = _LOCATION.match(message)
    if match:
        number, rest = match.groups()
        return (
            QCoreApplication.translate("Problems", "location %1: %2")
            .replace("%1", number)
            .replace("%2", problem_text(rest))
        )
    for pattern, template in PATTERNS:
        found = pattern.match(message)
        if found:
            text = QCoreApplication.translate("Problems", template)
            for number, value in enumerate(found.groups(), start=1):
                text = text.replace(f"%{number}", value)
            return text
    return QCoreApplication.translate("Problems", message) if message in KNOWN else message
