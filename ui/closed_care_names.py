"""How the closed-care codes read on screen: the names come from the
catalogue (:mod:`catalogue.closed_care`) in the interface's language, which
follows the default locale that :func:`ui.i18n.install_language` sets."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from catalogue.closed_care import AUTHORISATION_KINDS, HOME_KINDS, name_of


def language() -> str:
    return "nl" if QLocale().language() == QLocale.Language.Dutch else "en"


def authorisation_kind_text(code: str) -> str:
    """``spoed`` -> "spoedmachtiging" (Dutch) or "emergency authorisation"."""
    return name_of(AUTHORISATION_KINDS, code, language())


def home_kind_text(code: str) -> str:
    """``closed-unit`` -> "gesloten afdeling" or "closed unit"."""
    return name_of(HOME_KINDS, code, language())
