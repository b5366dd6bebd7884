"""Languages: Dutch by default, English on request; chosen once per start."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from catalogue import codes
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


def install_language(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Load our translations and Qt's own (standard buttons, dialogs) for ``code``,
    and make dates and numbers follow that language. Returns the translators,
    which must stay alive as long as the application."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
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
    return CsvDialect.EXCEL_NL if QLocale().language() == QLocale.Language.Dutch else CsvDialect.EXCEL
