"""Languages: Dutch by default, English on request. The choice is kept in the
settings; switching while the program runs replaces the translators, and the
main window builds its pages again in the new language (``MainWindow.set_language``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from catalogue import codes, numbers
from placement.paths import resource
from placement.spreadsheet_text import CsvDialect

LANGUAGES = {code: codes.name(codes.LANGUAGES, code, code) for code in ("nl", "en")}
"""The languages the app speaks, each named in itself."""
DEFAULT_LANGUAGE = "nl"
LANGUAGE_KEY = "language"
_LOCALES = {
    "nl": QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


_installed: list[QTranslator] = []
"""The translators of the language in use, replaced by the next :func:`install_language`."""


def install_language(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Load our translations and Qt's own (standard buttons, dialogs) for ``code``,
    in place of the language installed before, and make dates and numbers
    follow that language. Returns the translators, which must stay alive as
    long as the language is in use."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(_LOCALES[code])
    translators = []
    ours = QTranslator(app)
    if ours.load(str(resource("translations", f"placement_{code}.qm"))):
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(_LOCALES[code], "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    _installed.extend(translators)
    return translators


def remove_language(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_language` (tests switch languages within one process)."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())


def current_language() -> str:
    """``"nl"`` or ``"en"``: the language the app speaks now, for texts the
    catalogue says in either (code names, validation messages)."""
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


def code_name(code_list: codes.CodeList, code: str | None, none: str = "") -> str:
    """A stored code's name in the app's language (``none`` when there is no code)."""
    return codes.name(code_list, code, current_language()) if code else none


def code_names(code_list: codes.CodeList, values: Iterable[str], none: str = "") -> str:
    """Stored codes' names in the app's language, joined by commas."""
    return codes.names(code_list, values, current_language(), none)


def csv_dialect() -> CsvDialect:
    """CSV for the spreadsheet of the user's language: a Dutch Excel opens
    ``;``-separated files with decimal commas, an English one ``,``."""
    return CsvDialect.EXCEL_NL if current_language() == "nl" else CsvDialect.EXCEL


def date_text(day: dt.date) -> str:
    """A day as the language writes it in a table: 07-12-2026, or 07/12/2026 in English."""
    return numbers.date(day, current_language(), short=True)


def local_time_text(utc: dt.datetime) -> str:
    """A stored UTC moment in this computer's time zone, as the language writes it in a table."""
    local = utc.replace(tzinfo=dt.UTC).astimezone()
    return f"{date_text(local.date())} {local:%H:%M}"
