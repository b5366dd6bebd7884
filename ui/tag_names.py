"""How training tags and school kinds read on screen (the stored codes stay English)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

NAMES = {
    "exploitation": QT_TRANSLATE_NOOP("Tags", "criminal exploitation"),
    "trauma": QT_TRANSLATE_NOOP("Tags", "trauma"),
    "attachment": QT_TRANSLATE_NOOP("Tags", "attachment"),
    "language-support": QT_TRANSLATE_NOOP("Tags", "language support"),
    "siblings": QT_TRANSLATE_NOOP("Tags", "siblings"),
    "teenagers": QT_TRANSLATE_NOOP("Tags", "teenagers"),
    "newcomers": QT_TRANSLATE_NOOP("Tags", "newcomers"),
    "special-needs": QT_TRANSLATE_NOOP("Tags", "special needs"),
    "primary": QT_TRANSLATE_NOOP("Tags", "primary school"),
    "secondary": QT_TRANSLATE_NOOP("Tags", "secondary school"),
    "special": QT_TRANSLATE_NOOP("Tags", "special education"),
    "special-primary": QT_TRANSLATE_NOOP("Tags", "special primary"),
    "special-secondary": QT_TRANSLATE_NOOP("Tags", "special secondary"),
    "newcomer": QT_TRANSLATE_NOOP("Tags", "newcomer class"),
}


def tag_text(tag: str) -> str:
    """The readable name of a tag; an unknown tag is shown as stored."""
    name = NAMES.get(tag)
    return QCoreApplication.translate("Tags", name) if name else tag


def tags_text(tags: Iterable[str]) -> str:
    return ", ".join(tag_text(t) for t in tags)
